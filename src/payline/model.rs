//! Payline wire model: operations, services, endpoints, and the WSDL element order of every
//! request, as data.
//!
//! The request schemas below are the wire types: each [`Field`] is one WSDL element, in the
//! gateway's own casing, listed in exactly the `xsd:sequence` order of WSDL 4.77 (reference
//! payline.md §3–4, cross-checked with the `*RequestFull.xml` fixtures of the official Java SDK,
//! github.com/PaylineByMonext/payline-java-sdk `src/test/resources/directpayment/`). The validator
//! walks these tables, so the order written on the wire is the table order whatever the order of
//! the caller's keys, and an element the table does not list is an `UNKNOWN_FIELD` issue.
//!
//! Elements of the WSDL that remise does not model yet (buyer, owner, bankAccountData,
//! authentication3DSecure, subMerchant, threeDSInfo, recurring, …) are left out of the tables on
//! purpose: passing them is reported instead of being silently dropped.

use crate::codec::json::Obj;
use crate::error::{issue, Error, Gateway, Issues, Result};
use crate::transport::{CallKind, Secret};
use serde_json::Value;

/// Namespace of the request/response wrappers and their direct children (WSDL `impl`).
pub const IMPL_NS: &str = "http://impl.ws.payline.experian.com";
/// Namespace of the fields inside objects (WSDL `obj`).
pub const OBJ_NS: &str = "http://obj.ws.payline.experian.com";
/// SOAP 1.1 envelope namespace (the WSDL only has a SOAP 1.1 binding).
pub const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// XML Schema instance namespace (`xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Current web-service version (releases 4.76 to 24.x), sent when the caller gives none.
/// Source: https://docs.payline.com/display/DT/Historique+de+version+de+l%27API (reference §2).
pub const DEFAULT_VERSION: u64 = 34;

/// Endpoints, without the service name. Source: PHP SDK `PaylineSDK.php` constants and Java SDK
/// `Utils.java` (reference §1.1).
pub const HOMOLOGATION_BASE: &str = "https://homologation.payline.com/V4/services";
pub const PRODUCTION_BASE: &str = "https://services.payline.com/V4/services";

/// Most `privateData` entries one request may carry: the WSDL says `maxOccurs="100"`.
/// [uncertain] A third-party mapping of code 02514 says "limited to 99" (reference §4): if
/// homologation refuses the 100th entry, change this one line to 99.
pub const PRIVATE_DATA_MAX: usize = 100;
/// [uncertain] `privateData` key/value lengths are not in the sources read; commonly documented as
/// key AN50 and value AN100 (reference §4). One place to correct them.
pub const PRIVATE_DATA_KEY_MAX: usize = 50;
pub const PRIVATE_DATA_VALUE_MAX: usize = 100;
/// `order.details` and `doRefund.details`: WSDL `maxOccurs="100"` (reference §3.4, §4).
pub const ORDER_DETAILS_MAX: usize = 100;

/// Accepted `media` values (doReAuthorization page of the seed, reference §3.1).
pub const MEDIA: &[&str] = &["Computer", "Mobile", "Tablet", "TV", "Console", "Undefined"];
/// `payment.mode` values (Object - payment, reference §4).
pub const MODES: &[&str] = &["CPT", "DIF", "NX", "REC"];

/// The Payline web service hosting an operation (reference §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    DirectPaymentAPI,
    ExtendedAPI,
}

impl Service {
    pub fn name(self) -> &'static str {
        match self {
            Service::DirectPaymentAPI => "DirectPaymentAPI",
            Service::ExtendedAPI => "ExtendedAPI",
        }
    }
}

/// The names of [`Operation::ALL`], written out once for the "unknown operation" message rather
/// than joined at run time (size, issue 6; a test keeps the two in step).
pub const OPERATION_LIST: &str = "doReAuthorization, doAuthorization, doCapture, doRefund, doReset, doCredit, doDebit, getTransactionDetails";

/// The operations remise builds and decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    DoReAuthorization,
    DoAuthorization,
    DoCapture,
    DoRefund,
    DoReset,
    DoCredit,
    DoDebit,
    GetTransactionDetails,
}

impl Operation {
    pub const ALL: [Operation; 8] = [
        Operation::DoReAuthorization,
        Operation::DoAuthorization,
        Operation::DoCapture,
        Operation::DoRefund,
        Operation::DoReset,
        Operation::DoCredit,
        Operation::DoDebit,
        Operation::GetTransactionDetails,
    ];

    /// The WSDL operation name, also the SOAPAction.
    pub fn name(self) -> &'static str {
        match self {
            Operation::DoReAuthorization => "doReAuthorization",
            Operation::DoAuthorization => "doAuthorization",
            Operation::DoCapture => "doCapture",
            Operation::DoRefund => "doRefund",
            Operation::DoReset => "doReset",
            Operation::DoCredit => "doCredit",
            Operation::DoDebit => "doDebit",
            Operation::GetTransactionDetails => "getTransactionDetails",
        }
    }

    /// Parses an operation name exactly as the WSDL spells it.
    pub fn parse(name: &str) -> Result<Operation> {
        Operation::ALL
            .iter()
            .copied()
            .find(|op| op.name() == name)
            .ok_or_else(|| {
                Error::validation(
                    Some(Gateway::Payline),
                    vec![crate::error::Issue {
                        field: "operation".to_string(),
                        code: issue::ENUM,
                        message: format!(
                            "'{}' is not an operation remise supports: use one of {}",
                            crate::money::printable(name),
                            OPERATION_LIST
                        ),
                    }],
                )
            })
    }

    pub fn service(self) -> Service {
        match self {
            Operation::GetTransactionDetails => Service::ExtendedAPI,
            _ => Service::DirectPaymentAPI,
        }
    }

    /// Reads are retried by the client; money-moving calls never are.
    pub fn kind(self) -> CallKind {
        match self {
            Operation::GetTransactionDetails => CallKind::Read,
            _ => CallKind::MoneyMoving,
        }
    }

    /// The request wrapper's children, in WSDL order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Operation::DoReAuthorization => DO_RE_AUTHORIZATION,
            Operation::DoAuthorization => DO_AUTHORIZATION,
            Operation::DoCapture => DO_CAPTURE,
            Operation::DoRefund => DO_REFUND,
            Operation::DoReset => DO_RESET,
            Operation::DoCredit => DO_CREDIT,
            Operation::DoDebit => DO_DEBIT,
            Operation::GetTransactionDetails => GET_TRANSACTION_DETAILS,
        }
    }
}

/// What one element holds and how the caller's value is checked and written.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Alphanumeric text (`AN<n>`), at most this many characters.
    Text(usize),
    /// Text without a documented maximum length.
    FreeText,
    /// A secret made of digits (card number, CVX): `min..=max` digits, never echoed in messages.
    SecretDigits(usize, usize),
    /// A secret text (card password), never echoed in messages.
    SecretText,
    /// A number (`N<n>`): a whole JS number or a string of 1 to n digits.
    Digits(usize),
    /// An amount in minor units (`N12`): a whole JS number only.
    Amount,
    /// A currency: alpha-3 (`'EUR'`) or numeric (`978`, `'978'`), written as the numeric N3 code.
    Currency,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// `dd/mm/yyyy HH:mm` from an ISO 8601 string (or already in that layout).
    DateTime,
    /// `dd/mm/yy` from an ISO 8601 date (or already in that layout).
    ShortDate,
    /// `dd/mm/yyyy` from an ISO 8601 date (or already in that layout).
    Date,
    /// Card expiry `MMYY`.
    Expiry,
    /// The `version` element: 1..=99, defaulted to [`DEFAULT_VERSION`].
    Version,
    /// `true`/`false`.
    Bool,
    /// A nested object.
    Object(&'static [Field]),
    /// A list: the caller gives a plain array, the encoder writes the wrapper (this field's
    /// name) and one `item` element per entry.
    List {
        item: &'static str,
        fields: &'static [Field],
        max: usize,
    },
}

/// One WSDL element.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

/// Object - payment (https://docs.payline.com/pages/viewpage.action?pageId=747147057).
/// `differedActionDate` is required exactly when `mode` is DIF (checked in validate.rs);
/// `contractNumber` is required for doAuthorization (also checked there).
pub const PAYMENT: &[Field] = &[
    req("amount", Kind::Amount),
    req("currency", Kind::Currency),
    req("action", Kind::Digits(3)),
    req("mode", Kind::Enum(MODES)),
    opt("contractNumber", Kind::Text(20)),
    opt("differedActionDate", Kind::ShortDate),
    opt("method", Kind::Text(20)),
    opt("softDescriptor", Kind::Text(64)),
    opt("cardBrand", Kind::Text(15)),
    opt("registrationToken", Kind::FreeText),
    opt("cumulatedAmount", Kind::Amount),
];

/// Type orderDetail, the items of `order.details` and `doRefund.details`.
pub const ORDER_DETAIL: &[Field] = &[
    opt("ref", Kind::Text(50)),
    opt("price", Kind::Amount),
    opt("quantity", Kind::Digits(9)),
    opt("comment", Kind::FreeText),
    opt("category", Kind::FreeText),
    opt("brand", Kind::FreeText),
    opt("subcategory1", Kind::FreeText),
    opt("subcategory2", Kind::FreeText),
    opt("additionalData", Kind::FreeText),
    opt("taxRate", Kind::Digits(9)),
    opt("seller", Kind::FreeText),
    opt("sellerType", Kind::FreeText),
];

/// Object - order (https://docs.payline.com/display/DT/Object+-+order). `orderExtended` and
/// `orderOTA` are not modelled.
/// [uncertain] `deliveryTime` / `deliveryMode` are documented as numeric codes without a length:
/// two digits is our guess.
pub const ORDER: &[Field] = &[
    req("ref", Kind::Text(50)),
    opt("origin", Kind::FreeText),
    opt("country", Kind::Text(2)),
    opt("taxes", Kind::Amount),
    req("amount", Kind::Amount),
    req("currency", Kind::Currency),
    req("date", Kind::DateTime),
    opt(
        "details",
        Kind::List {
            item: "details",
            fields: ORDER_DETAIL,
            max: ORDER_DETAILS_MAX,
        },
    ),
    opt("deliveryTime", Kind::Digits(2)),
    opt("deliveryMode", Kind::Digits(2)),
    opt("deliveryExpectedDate", Kind::Date),
    opt("deliveryExpectedDelay", Kind::Digits(2)),
    opt("deliveryCharge", Kind::Amount),
    opt("discountAmount", Kind::Amount),
    opt("otaPackageType", Kind::Digits(2)),
    opt("otaDestinationCountry", Kind::Text(2)),
    opt("bookingReference", Kind::Text(100)),
    opt("orderDetail", Kind::Text(4)),
];

/// Object - card (WSDL 4.77 order). `paymentData` is not modelled. One of `number`, `token` or
/// `encryptedData` must be given (code 02538, checked in validate.rs).
pub const CARD: &[Field] = &[
    opt("encryptionKeyId", Kind::FreeText),
    opt("encryptedData", Kind::FreeText),
    opt("number", Kind::SecretDigits(12, 19)),
    req("type", Kind::Text(40)),
    opt("expirationDate", Kind::Expiry),
    opt("cvx", Kind::SecretDigits(3, 4)),
    opt("ownerBirthdayDate", Kind::FreeText),
    opt("password", Kind::SecretText),
    opt("cardPresent", Kind::FreeText),
    opt("cardholder", Kind::FreeText),
    opt("token", Kind::FreeText),
    opt("par", Kind::FreeText),
    opt("tokenRequestorCryptogram", Kind::FreeText),
    opt("tokenRequestorId", Kind::FreeText),
    opt("last4", Kind::FreeText),
    opt("panType", Kind::FreeText),
];

/// Object - privateData.
pub const PRIVATE_DATA: &[Field] = &[
    req("key", Kind::Text(PRIVATE_DATA_KEY_MAX)),
    req("value", Kind::Text(PRIVATE_DATA_VALUE_MAX)),
];

/// Object - authorization, for doDebit: an authorization obtained outside Payline (by phone).
/// Its date uses the order date layout (Java SDK fixture doDebitRequestFull.xml: `15/12/2014 12:20`).
pub const AUTHORIZATION: &[Field] = &[
    req("number", Kind::Text(50)),
    req("date", Kind::DateTime),
    opt("authorizedAmount", Kind::Amount),
    opt("authorizedCurrency", Kind::Currency),
];

const PRIVATE_DATA_LIST: Kind = Kind::List {
    item: "privateData",
    fields: PRIVATE_DATA,
    max: PRIVATE_DATA_MAX,
};

/// §3.1 doReAuthorizationRequest. `order` is mandatory since 4.65.
pub const DO_RE_AUTHORIZATION: &[Field] = &[
    opt("version", Kind::Version),
    req("transactionID", Kind::Text(50)),
    req("payment", Kind::Object(PAYMENT)),
    req("order", Kind::Object(ORDER)),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("media", Kind::Enum(MEDIA)),
];

/// §3.2 doAuthorizationRequest (modelled subset, WSDL order kept).
pub const DO_AUTHORIZATION: &[Field] = &[
    opt("version", Kind::Version),
    req("payment", Kind::Object(PAYMENT)),
    req("card", Kind::Object(CARD)),
    req("order", Kind::Object(ORDER)),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("media", Kind::Enum(MEDIA)),
    opt("linkedTransactionId", Kind::Text(50)),
    opt("travelFileNumber", Kind::FreeText),
];

/// §3.3 doCaptureRequest. `sequenceNumber` (AN50) is documented as preventing duplicates.
pub const DO_CAPTURE: &[Field] = &[
    opt("version", Kind::Version),
    req("transactionID", Kind::Text(50)),
    req("payment", Kind::Object(PAYMENT)),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("sequenceNumber", Kind::Text(50)),
    opt("media", Kind::Enum(MEDIA)),
    opt("miscData", Kind::FreeText),
];

/// §3.4 doRefundRequest.
pub const DO_REFUND: &[Field] = &[
    opt("version", Kind::Version),
    req("transactionID", Kind::Text(50)),
    req("payment", Kind::Object(PAYMENT)),
    opt("comment", Kind::Text(255)),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("sequenceNumber", Kind::Text(50)),
    opt("media", Kind::Enum(MEDIA)),
    opt(
        "details",
        Kind::List {
            item: "details",
            fields: ORDER_DETAIL,
            max: ORDER_DETAILS_MAX,
        },
    ),
    opt("miscData", Kind::FreeText),
];

/// §3.5 doResetRequest: no payment object; `amount`/`currency` are direct children.
pub const DO_RESET: &[Field] = &[
    opt("version", Kind::Version),
    req("transactionID", Kind::Text(50)),
    opt("comment", Kind::Text(255)),
    opt("media", Kind::Enum(MEDIA)),
    opt("amount", Kind::Amount),
    opt("currency", Kind::Currency),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("sequenceNumber", Kind::Text(50)),
];

/// §3.6 doCreditRequest (modelled subset).
pub const DO_CREDIT: &[Field] = &[
    opt("version", Kind::Version),
    req("payment", Kind::Object(PAYMENT)),
    req("card", Kind::Object(CARD)),
    opt("comment", Kind::Text(255)),
    opt("order", Kind::Object(ORDER)),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("miscData", Kind::FreeText),
    opt("media", Kind::Enum(MEDIA)),
];

/// §3.7 doDebitRequest (modelled subset).
pub const DO_DEBIT: &[Field] = &[
    opt("version", Kind::Version),
    req("payment", Kind::Object(PAYMENT)),
    req("card", Kind::Object(CARD)),
    req("order", Kind::Object(ORDER)),
    opt("privateDataList", PRIVATE_DATA_LIST),
    opt("miscData", Kind::FreeText),
    req("authorization", Kind::Object(AUTHORIZATION)),
    opt("media", Kind::Enum(MEDIA)),
];

/// §3.9 getTransactionDetailsRequest (ExtendedAPI; `transactionId` with a lower-case d).
/// One of `transactionId` / `orderRef` is required (checked in validate.rs).
/// [uncertain] start/end dates: the doc says DD/MM/YYYY, the Java SDK test sends
/// `15/01/2020 10:00`; we write the order date layout.
pub const GET_TRANSACTION_DETAILS: &[Field] = &[
    opt("version", Kind::Version),
    opt("transactionId", Kind::Text(50)),
    opt("orderRef", Kind::Text(50)),
    opt("startDate", Kind::DateTime),
    opt("endDate", Kind::DateTime),
    opt("transactionHistory", Kind::Enum(&["Y", "N"])),
    opt("archiveSearch", Kind::Bool),
];

/// Which platform to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Environment {
    #[default]
    Homologation,
    Production,
}

impl Environment {
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::Homologation => HOMOLOGATION_BASE,
            Environment::Production => PRODUCTION_BASE,
        }
    }
}

/// Credentials and endpoint of one merchant account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub merchant_id: String,
    pub access_key: Secret,
    pub environment: Environment,
    /// Replaces the environment's base URL (everything before `/{Service}`).
    pub base_url: Option<String>,
}

impl Options {
    pub fn new(merchant_id: impl Into<String>, access_key: impl Into<String>) -> Self {
        Options {
            merchant_id: merchant_id.into(),
            access_key: Secret::new(access_key),
            environment: Environment::Homologation,
            base_url: None,
        }
    }

    /// Reads `{ merchantId, accessKey, environment?, baseUrl? }`. Other keys (the client's
    /// `fetch`, `timeoutMs`, `debug`) are the wasm layer's business and are ignored here.
    pub fn from_value(v: &Value) -> Result<Options> {
        let mut issues = Issues::new();
        let mut o = Obj::new(v, "", &mut issues).mark_sensitive();
        // merchantId is sent as a string; a JS number is accepted and written in decimal.
        let merchant_id = match o.raw("merchantId") {
            None => {
                issues.push(
                    "merchantId",
                    issue::REQUIRED,
                    "is required: your Payline merchant id",
                );
                None
            }
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) if n.as_u64().is_some() => Some(n.to_string()),
            Some(_) => {
                issues.push(
                    "merchantId",
                    issue::TYPE,
                    "must be a non-empty string (or a whole number)",
                );
                None
            }
        };
        if let Some(id) = &merchant_id {
            if id.contains(':') || id.chars().any(char::is_control) {
                issues.push(
                    "merchantId",
                    issue::FORMAT,
                    "must not contain ':' or control characters (it is the Basic auth user name)",
                );
            }
        }
        let access_key = o.req_str("accessKey", &mut issues).map(Secret::new);
        if access_key
            .as_ref()
            .is_some_and(|k| k.expose().chars().any(char::is_control))
        {
            issues.push(
                "accessKey",
                issue::FORMAT,
                "must not contain control characters",
            );
        }
        let environment =
            match o.enumeration("environment", &["homologation", "production"], &mut issues) {
                Some("production") => Environment::Production,
                _ => Environment::Homologation,
            };
        let base_url = o.str("baseUrl", &mut issues).map(str::to_string);
        if let Some(u) = &base_url {
            crate::transport::check_base_url(
                u,
                "baseUrl",
                "https://homologation.payline.com/V4/services",
                &mut issues,
            );
        }
        // Client-only options: accepted, not read here.
        for key in ["fetch", "timeoutMs", "debug"] {
            let _ = o.raw(key);
        }
        o.finish(&mut issues);
        issues.finish(Some(Gateway::Payline))?;
        match (merchant_id, access_key) {
            (Some(merchant_id), Some(access_key)) => Ok(Options {
                merchant_id,
                access_key,
                environment,
                base_url,
            }),
            _ => Err(Error::new(
                crate::error::ErrorCode::Validation,
                "merchantId and accessKey are required",
            )
            .with_gateway(Gateway::Payline)),
        }
    }

    /// `{base}/{Service}`.
    pub fn url(&self, service: Service) -> String {
        let base = self
            .base_url
            .as_deref()
            .unwrap_or(self.environment.base_url())
            .trim_end_matches('/');
        format!("{base}/{}", service.name())
    }
}

#[cfg(test)]
mod tests;
