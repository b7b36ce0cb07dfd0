//! Sips Office JSON wire model: services, families, interfaceVersion defaults, endpoints and the
//! caller's options.
//!
//! Sources (reference sogenactif.md §4.4 and §5):
//! - https://documentation.sogenactif.com/en/data-dictionary/office/cancel.html (endpoints,
//!   recommended interfaceVersion CR_WS_2.58)
//! - https://documentation.sogenactif.com/en/data-dictionary/office/gettransactiondata.html (DR_WS_2.58)
//! - https://documentation.sogenactif.com/en/data-dictionary/office/walletcreditholder.html (CR_WS_2.58)

use crate::codec::json::Obj;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::{self, printable, Table};
use crate::transport::{CallKind, Secret};
use serde_json::Value;

/// Office service families: the first path segment after `/rs-services/v2/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    CashManagement,
    Checkout,
    Diagnostic,
}

/// The default `interfaceVersion` of each family, and the prefix a caller-given one must have.
///
/// ONE table, correct it here. CR_WS_2.58 and DR_WS_2.58 are the versions the Sogenactif data
/// dictionary recommends for cancel / walletCreditHolder and getTransactionData [confirmed].
/// IR_WS_2.55 is the version the Sogenactif page of another checkout service recommends
/// (https://documentation.sogenactif.com/en/data-dictionary/office/cardcheckenrollment.html,
/// releases 24.5/24.6) and the Office Server JSON guide's "last interfaceVersion is 2.55"
/// (https://documentation.sogenactif.com/en/office-serveur-json.html) [confirmed for the family;
/// the cardOrder and walletOrder pages themselves were not read].
pub const INTERFACE_VERSIONS: &[(Family, &str, &str)] = &[
    (Family::CashManagement, "CR_WS_2.", "CR_WS_2.58"),
    (Family::Checkout, "IR_WS_2.", "IR_WS_2.55"),
    (Family::Diagnostic, "DR_WS_2.", "DR_WS_2.58"),
];

impl Family {
    /// The path segment: `cashManagement`, `checkout`, `diagnostic`.
    pub fn path(self) -> &'static str {
        match self {
            Family::CashManagement => "cashManagement",
            Family::Checkout => "checkout",
            Family::Diagnostic => "diagnostic",
        }
    }

    fn row(self) -> (&'static str, &'static str) {
        INTERFACE_VERSIONS
            .iter()
            .find(|(f, _, _)| *f == self)
            .map(|(_, prefix, default)| (*prefix, *default))
            .unwrap_or(("", ""))
    }

    /// The prefix every `interfaceVersion` of this family starts with, e.g. `CR_WS_2.`.
    pub fn interface_prefix(self) -> &'static str {
        self.row().0
    }

    /// The `interfaceVersion` sent when the caller gives none.
    pub fn default_interface_version(self) -> &'static str {
        self.row().1
    }
}

/// The Office services remise models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Cancel,
    Refund,
    Validate,
    Duplicate,
    AcceptChallenge,
    RefuseChallenge,
    WalletCreditHolder,
    CardOrder,
    WalletOrder,
    GetTransactionData,
}

/// Every [`Service::path`], as the unknown-service message lists them. Written out rather than
/// joined at run time (smaller wasm); a unit test checks it against [`Service::ALL`].
const ACCEPTED_PATHS: &str = "cashManagement/cancel, cashManagement/refund, \
cashManagement/validate, cashManagement/duplicate, cashManagement/acceptChallenge, \
cashManagement/refuseChallenge, cashManagement/walletCreditHolder, checkout/cardOrder, \
checkout/walletOrder, diagnostic/getTransactionData";

impl Service {
    pub const ALL: [Service; 10] = [
        Service::Cancel,
        Service::Refund,
        Service::Validate,
        Service::Duplicate,
        Service::AcceptChallenge,
        Service::RefuseChallenge,
        Service::WalletCreditHolder,
        Service::CardOrder,
        Service::WalletOrder,
        Service::GetTransactionData,
    ];

    /// The service name as in the URL: `cancel`, `walletCreditHolder`, `getTransactionData`.
    pub fn name(self) -> &'static str {
        match self {
            Service::Cancel => "cancel",
            Service::Refund => "refund",
            Service::Validate => "validate",
            Service::Duplicate => "duplicate",
            Service::AcceptChallenge => "acceptChallenge",
            Service::RefuseChallenge => "refuseChallenge",
            Service::WalletCreditHolder => "walletCreditHolder",
            Service::CardOrder => "cardOrder",
            Service::WalletOrder => "walletOrder",
            Service::GetTransactionData => "getTransactionData",
        }
    }

    pub fn family(self) -> Family {
        match self {
            Service::CardOrder | Service::WalletOrder => Family::Checkout,
            Service::GetTransactionData => Family::Diagnostic,
            _ => Family::CashManagement,
        }
    }

    /// `family/name`, e.g. `cashManagement/cancel`: the path after `/rs-services/v2/`.
    pub fn path(self) -> String {
        format!("{}/{}", self.family().path(), self.name())
    }

    /// Reads are resent on transient failures; everything else moves money and is never resent.
    pub fn call_kind(self) -> CallKind {
        match self {
            Service::GetTransactionData => CallKind::Read,
            _ => CallKind::MoneyMoving,
        }
    }

    /// Parses a service name. Both the bare name (`cancel`) and the family-qualified path
    /// (`cashManagement/cancel`) are accepted; a family that does not match the service is refused.
    pub fn parse(name: &str) -> Result<Service> {
        let (family, bare) = match name.split_once('/') {
            Some((f, b)) => (Some(f), b),
            None => (None, name),
        };
        let found = Service::ALL
            .iter()
            .copied()
            .find(|s| s.name() == bare && family.is_none_or(|f| f == s.family().path()));
        found.ok_or_else(|| {
            let mut issues = Issues::new();
            issues.push(
                "service",
                issue::ENUM,
                format!(
                    "unknown Office service '{}': use one of {} (the family prefix is optional)",
                    printable(name),
                    ACCEPTED_PATHS
                ),
            );
            Error::validation(Some(Gateway::Sogenactif), issues.into_vec())
        })
    }
}

/// Which Sogenactif platform to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Environment {
    #[default]
    Test,
    Production,
}

/// Hosts per environment of Sogenactif (reference §5, from the Sogenactif cancel page
/// [confirmed]); the same values as the `sogenactif` row of [`HOSTS`].
pub const TEST_BASE_URL: &str = "https://office-server-sogenactif.test.sips-services.com";
pub const PRODUCTION_BASE_URL: &str = "https://office-server.sogenactif.com";

impl Environment {
    /// The Sogenactif host of this environment (see [`hosts_of`] for the other brands).
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::Test => TEST_BASE_URL,
            Environment::Production => PRODUCTION_BASE_URL,
        }
    }

    pub fn parse(name: &str) -> Option<Environment> {
        match name {
            "test" => Some(Environment::Test),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }
}

/// The Office JSON (Sips Office 2.0) hosts of one brand of the Sips 2.0 family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrandHosts {
    /// The `brand` option value.
    pub brand: &'static str,
    pub production: &'static str,
    /// The brand's test ("recette") platform.
    pub test: &'static str,
}

/// The brand used when the options name none.
pub const DEFAULT_BRAND: &str = "sogenactif";

/// Office JSON hosts of every Sips 2.0 white label, sorted by brand (`sogenactif.office.hosts`
/// lists them in this order). Each row is copied from the brand's own data dictionary page of the
/// Office `cancel` function ("Endpoints" block, PROD and TEST), read for issue 11; correct a row
/// here. Paths (`/rs-services/v2/…`) are the same on every host.
///
/// Not in the table:
/// - Scellius (La Banque Postale): no Sips 2.0 Office host was found in any source; the current
///   Scellius offer runs on Lyra's platform (https://scelliuspaiement.labanquepostale.fr/doc) and
///   is the `scellius` preset of `systempay.hosts`. The former "Scelliusnet" was Sips 1.0.
/// - Simulation hosts (`office-server.simu.sips-services.com`, Mercanet's
///   `…simu.mercanet.bnpparibas.net`): seen in community code only, not in the brands' current
///   pages (UNCERTAIN); pass one as `baseUrl` if your bank gave it to you.
pub static HOSTS: &[BrandHosts] = &[
    // Mercanet (BNP Paribas):
    // https://documentation.mercanet.bnpparibas.net/en/data-dictionary/office/cancel.html
    // [confirmed]. Older integrations use https://office-server.mercanet.bnpparibas.net for
    // production (the page now names office-server.mercanet.com).
    BrandHosts {
        brand: "mercanet",
        production: "https://office-server.mercanet.com",
        test: "https://office-server-mercanet.test.sips-services.com",
    },
    // Sherlock's (LCL):
    // https://sherlocks-documentation.secure.lcl.fr/en/data-dictionary/office/cancel.html
    // [confirmed].
    BrandHosts {
        brand: "sherlocks",
        production: "https://sherlocks-office-server.secure.lcl.fr",
        test: "https://office-server-sherlocks.test.sips-services.com",
    },
    // Sogenactif (Société Générale):
    // https://documentation.sogenactif.com/en/data-dictionary/office/cancel.html [confirmed].
    BrandHosts {
        brand: "sogenactif",
        production: PRODUCTION_BASE_URL,
        test: TEST_BASE_URL,
    },
    // Worldline Sips (Worldline's own brand):
    // https://docs.sips.worldline-solutions.com/en/data-dictionary/office/creditholder.html
    // (Endpoints block) [confirmed]; same hosts in Worldline's Java SDK (OfficeEnvironment enum).
    BrandHosts {
        brand: "worldline",
        production: "https://office-server.sips-services.com",
        test: "https://office-server.test.sips-services.com",
    },
];

/// The `brand` option values, in [`HOSTS`] order.
pub const BRANDS: [&str; 4] = ["mercanet", "sherlocks", "sogenactif", "worldline"];

/// The hosts of `brand` (one of [`BRANDS`]).
pub fn hosts_of(brand: &str) -> Option<&'static BrandHosts> {
    HOSTS.iter().find(|h| h.brand == brand)
}

/// The host of `brand` in `environment` (Sogenactif's when the brand is unknown).
pub fn brand_base_url(brand: &str, environment: Environment) -> &'static str {
    match (hosts_of(brand), environment) {
        (Some(h), Environment::Production) => h.production,
        (Some(h), Environment::Test) => h.test,
        (None, e) => e.base_url(),
    }
}

/// `sogenactif.office.hosts` as JSON text:
/// `{"mercanet":{"production":"https://…","test":"https://…"},…}` in [`HOSTS`] order.
pub fn hosts_json() -> String {
    let mut out = String::from("{");
    for (i, h) in HOSTS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Brands and hosts are fixed ASCII without quotes or backslashes: no escaping needed.
        out.push('"');
        out.push_str(h.brand);
        out.push_str("\":{\"production\":\"");
        out.push_str(h.production);
        out.push_str("\",\"test\":\"");
        out.push_str(h.test);
        out.push_str("\"}");
    }
    out.push('}');
    out
}

/// What the caller tells remise about the transaction an operation applies to, so the seed's
/// rules can be checked before sending (see `rules.rs`). Every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransactionState {
    /// Sips `transactionStatus`, e.g. `TO_CAPTURE`, `CANCELLED`, `TO_CHALLENGE`.
    pub status: Option<String>,
    /// The transaction's current amount in minor units (what can still be cancelled).
    pub amount: Option<u64>,
    /// Its `transactionReference`, when given: the request must be about the same transaction.
    pub reference: Option<String>,
    /// Its `currencyCode` (three digits, as getTransactionData answers it), when given: the request
    /// must be in the same currency (its amounts are compared with the transaction's).
    pub currency: Option<String>,
}

/// Options of `office.request`: `{ merchantId, secretKey, keyVersion, brand?, environment?, baseUrl?, transaction? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// N15 shop identifier given by Sogenactif.
    pub merchant_id: String,
    /// The secret key of `key_version` (from the Sogenactif portal).
    pub secret_key: Secret,
    /// Version of the secret key.
    pub key_version: u64,
    /// The Sips 2.0 brand (one of [`BRANDS`], default [`DEFAULT_BRAND`]): with `environment`,
    /// picks the host from [`HOSTS`].
    pub brand: &'static str,
    pub environment: Environment,
    /// Overrides the brand's and environment's host (a proxy, a test server). No trailing slash needed.
    pub base_url: Option<String>,
    /// Optional preflight data, see [`TransactionState`].
    pub transaction: Option<TransactionState>,
}

impl Options {
    /// Options for the test environment, without `baseUrl` or preflight data. Sogenactif gives
    /// each merchant its own identifiers, for the test platform too.
    pub fn new(merchant_id: impl Into<String>, secret_key: Secret, key_version: u64) -> Self {
        Options {
            merchant_id: merchant_id.into(),
            secret_key,
            key_version,
            brand: DEFAULT_BRAND,
            environment: Environment::Test,
            base_url: None,
            transaction: None,
        }
    }

    /// The host requests go to.
    pub fn base_url(&self) -> &str {
        self.base_url
            .as_deref()
            .unwrap_or(brand_base_url(self.brand, self.environment))
            .trim_end_matches('/')
    }

    /// Checks the options; every problem at once, paths `options.<field>`.
    pub fn check(&self, issues: &mut Issues) {
        if self.merchant_id.is_empty() {
            issues.push("options.merchantId", issue::REQUIRED, "is required");
        } else if !is_digits(&self.merchant_id) || self.merchant_id.len() > 15 {
            issues.push(
                "options.merchantId",
                issue::FORMAT,
                "must be the shop identifier Sogenactif gave you: up to 15 digits (N15)",
            );
        }
        if self.secret_key.is_empty() {
            issues.push(
                "options.secretKey",
                issue::REQUIRED,
                "is required: the secret key from the Sogenactif portal",
            );
        }
        if self.key_version == 0 || self.key_version > 9_999_999_999 {
            issues.push(
                "options.keyVersion",
                issue::RANGE,
                "must be the version of the secret key, a whole number from 1 to 9999999999",
            );
        }
        if let Some(url) = &self.base_url {
            crate::transport::check_base_url(
                url,
                "options.baseUrl",
                "https://office-server.sogenactif.com",
                "/rs-services",
                issues,
            );
        }
    }

    /// Reads the options from a JS-style object `{ merchantId, secretKey, keyVersion, brand?,
    /// environment?, baseUrl?, transaction? }`. `keyVersion` may be a number or a digit string.
    pub fn from_value(v: &Value) -> Result<Options> {
        let mut issues = Issues::new();
        let mut o = Obj::new(v, "options", &mut issues);
        let merchant_id = o.req_str("merchantId", &mut issues).unwrap_or_default();
        let secret_key = o.req_str("secretKey", &mut issues).unwrap_or_default();
        let key_version = match o.raw("keyVersion") {
            None => {
                issues.push("options.keyVersion", issue::REQUIRED, "is required");
                None
            }
            Some(Value::String(s)) if is_digits(s) && s.len() <= 10 => {
                crate::codec::text::parse_u64(s)
            }
            Some(Value::String(_)) => {
                issues.push(
                    "options.keyVersion",
                    issue::FORMAT,
                    "must be a whole number (or a string of up to 10 digits)",
                );
                None
            }
            Some(other) => crate::codec::json::read_uint(other, "options.keyVersion", &mut issues),
        };
        let brand = o
            .enumeration("brand", &BRANDS, &mut issues)
            .unwrap_or(DEFAULT_BRAND);
        let environment = match o.enumeration("environment", &["test", "production"], &mut issues) {
            Some(name) => Environment::parse(name).unwrap_or_default(),
            None => Environment::Test,
        };
        let base_url = o.str("baseUrl", &mut issues).map(str::to_string);
        let transaction = o
            .obj("transaction", &mut issues)
            .map(|t| read_transaction(t, &mut issues));
        o.finish(&mut issues);
        let opts = Options {
            merchant_id: merchant_id.to_string(),
            secret_key: Secret::new(secret_key),
            key_version: key_version.unwrap_or(1),
            brand,
            environment,
            base_url,
            transaction,
        };
        // Only check what was read without a problem, so one mistake is reported once.
        let mut more = Issues::new();
        opts.check(&mut more);
        for i in more.into_vec() {
            if !issues.as_slice().iter().any(|seen| seen.field == i.field) {
                issues.push(i.field, i.code, i.message);
            }
        }
        issues.finish(Some(Gateway::Sogenactif))?;
        Ok(opts)
    }
}

/// Reads per-call options `{ transaction? }` (the client's second argument): the preflight data of
/// [`TransactionState`]. `null`/absent → `None`.
pub fn call_options(v: &Value) -> Result<Option<TransactionState>> {
    if v.is_null() {
        return Ok(None);
    }
    let mut issues = Issues::new();
    let mut o = Obj::new(v, "callOptions", &mut issues);
    let tx = o
        .obj("transaction", &mut issues)
        .map(|t| read_transaction(t, &mut issues));
    o.finish(&mut issues);
    issues.finish(Some(Gateway::Sogenactif))?;
    Ok(tx)
}

/// `transaction` is read leniently: a getTransactionData answer can be passed as is, so fields
/// other than `transactionStatus`, `currentAmount` (or `amount`), `transactionReference` and `currencyCode` are ignored
/// rather than reported.
fn read_transaction(mut t: Obj<'_>, issues: &mut Issues) -> TransactionState {
    let status = t.str("transactionStatus", issues).map(str::to_string);
    // A getTransactionData answer's amount now is `currentAmount` (`originAmount` the first one: the
    // Office PHP SDK's `GetTransactionDataResponse`, whose `doRefund` refunds the current amount); a
    // hand-made state may say `amount`. Only `amount` was read, so the answer as it came turned the
    // amount rule off (a helper's check against the SDK, twenty-seventh pass).
    let amount = t
        .uint("currentAmount", issues)
        .or_else(|| t.uint("amount", issues));
    // An empty reference is no reference; one that is no string is a TYPE issue, as for the status and
    // the currency (a number, an order id from a database, turned the check off: a new user's walk,
    // twenty-second pass).
    let reference = t
        .str("transactionReference", issues)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    // Compared as the request writes it (three digits), whichever ISO 4217 form was given ('EUR',
    // 978, '978'): the answer writes digits, a hand-made one may not (a helper's attack on money,
    // eighteenth pass: 'EUR' or 978 was dropped, and the amounts compared across currencies). A code
    // of no currency is kept as given, so that it differs from the request's and is refused.
    // Another type (true, [], {}) is a TYPE issue as for the status: it was taken for "not given" and
    // turned the rule off (a fuzz, twenty-second pass).
    let code = match t.raw("currencyCode") {
        Some(Value::Number(n)) => Some(crate::codec::json_out::number_text(n)),
        _ => t
            .str("currencyCode", issues)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    };
    let currency = code.map(|code| {
        money::find_currency(&code, Table::Sogenactif).map_or(code, |c| c.numeric_str())
    });
    TransactionState {
        status,
        amount,
        reference,
        currency,
    }
}

pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// An error for a request that a preflight rule refused.
pub(crate) fn not_allowed(message: String, field: &str, gateway_code: Option<&str>) -> Error {
    let e = Error::new(ErrorCode::OperationNotAllowed, message)
        .with_gateway(Gateway::Sogenactif)
        .with_field(field);
    match gateway_code {
        Some(c) => e.with_gateway_code(c),
        None => e,
    }
}

#[cfg(test)]
mod tests;
