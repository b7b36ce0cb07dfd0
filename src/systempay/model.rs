//! Systempay REST V4 wire types, in the platform's own casing.
//!
//! Each validated request body is written by [`Body`] in the platform's documented field order,
//! so the body is stable and byte-exact whatever the caller's key order.
//!
//! Sources: https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/reference.html and the playground
//! pages cited in reference systempay.md §2.

use crate::transport::{CallKind, HttpRequest, Secret};
use serde_json::Value;

/// The default API host (Systempay).
pub const DEFAULT_BASE_URL: &str = "https://api.systempay.fr";

/// Path prefix of every web service: `{baseUrl}/api-payment/V4/{service}`.
pub const API_PATH: &str = "/api-payment/V4/";

/// REST API hosts of the Lyra white labels, sorted by brand (`systempay.hosts` lists them in this
/// order). Every row is checked against a source (issue 11); correct a row here.
///
/// "lyra/flask-embedded-form-examples" below is Lyra's own sample project, file `.env.example`
/// (commit 36aec05), which lists the "REST server API URL" of every Lyra white label; the rows
/// keep its host and drop its `/api-payment/` suffix (remise adds `/api-payment/V4/…`).
/// PayZen Brazil is left out: that file swaps its static and API URLs, so its host is not known
/// with confidence. EpayNC (`https://epaync.nc`), PayZen India (`https://secure.payzen.co.in`)
/// and Cobro Inmediato are listed there too but not preset (no `api.` host; pass them as
/// `baseUrl`).
pub static HOSTS: &[(&str, &str)] = &[
    // Clic&Pay by groupe Crédit du Nord: lyra/flask-embedded-form-examples .env.example [confirmed].
    ("clicandpay", "https://api-clicandpay.groupecdn.fr"),
    // Lyra Collect: lyra/flask-embedded-form-examples .env.example and
    // https://docs.lyra.com/en/rest/V4.0/api/playground/?ws=Transaction%2FValidate [confirmed].
    ("lyra", "https://api.lyra.com"),
    // Izipay / Mi Cuenta Web (Peru): lyra/flask-embedded-form-examples .env.example [confirmed].
    ("micuentaweb", "https://api.micuentaweb.pe"),
    // Payty: lyra/flask-embedded-form-examples .env.example [confirmed].
    ("payty", "https://api.payty.com"),
    // PayZen Europe: lyra/rest-php-examples www/keys.php and lyra/flask-embedded-form-examples
    // .env.example [confirmed].
    ("payzen", "https://api.payzen.eu"),
    // PayZen LATAM: older lyra/rest-php-examples www/keys.php and
    // lyra/flask-embedded-form-examples .env.example [confirmed].
    ("payzenLatam", "https://api.payzen.lat"),
    // Scellius (La Banque Postale; the current Scellius offer runs on Lyra's platform, docs at
    // https://scelliuspaiement.labanquepostale.fr/doc): lyra/flask-embedded-form-examples
    // .env.example [confirmed].
    (
        "scellius",
        "https://api.scelliuspaiement.labanquepostale.fr",
    ),
    // Sogecommerce (Société Générale): lyra/flask-embedded-form-examples .env.example
    // [confirmed; was UNCERTAIN before issue 11].
    (
        "sogecommerce",
        "https://api-sogecommerce.societegenerale.eu",
    ),
    // Systempay: https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/playground/Transaction/CancelOrRefund
    // and lyra/flask-embedded-form-examples .env.example [confirmed].
    ("systempay", "https://api.systempay.fr"),
];

/// The web services `request` validates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    CancelOrRefund,
    Get,
    Cancel,
    Refund,
    Update,
    Validate,
    Duplicate,
    OrderGet,
    CreatePayment,
    SdkTest,
}

impl Service {
    pub const ALL: [Service; 10] = [
        Service::CancelOrRefund,
        Service::Get,
        Service::Cancel,
        Service::Refund,
        Service::Update,
        Service::Validate,
        Service::Duplicate,
        Service::OrderGet,
        Service::CreatePayment,
        Service::SdkTest,
    ];

    /// The service path after `/api-payment/V4/`.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::CancelOrRefund => "Transaction/CancelOrRefund",
            Service::Get => "Transaction/Get",
            Service::Cancel => "Transaction/Cancel",
            Service::Refund => "Transaction/Refund",
            Service::Update => "Transaction/Update",
            Service::Validate => "Transaction/Validate",
            Service::Duplicate => "Transaction/Duplicate",
            Service::OrderGet => "Order/Get",
            Service::CreatePayment => "Charge/CreatePayment",
            Service::SdkTest => "Charge/SDKTest",
        }
    }

    pub fn parse(name: &str) -> Option<Service> {
        Service::ALL.iter().copied().find(|s| s.as_str() == name)
    }

    /// Reads may be resent after a network failure; everything else moves money or state and is
    /// never resent automatically. `Charge/CreatePayment` only creates a form token, but it still
    /// creates an order on the platform, so it is treated as state-changing.
    pub fn kind(self) -> CallKind {
        match self {
            Service::Get | Service::OrderGet | Service::SdkTest => CallKind::Read,
            _ => CallKind::MoneyMoving,
        }
    }
}

/// The kind of call for any service name (unmodelled services are treated as state-changing).
pub fn call_kind(service: &str) -> CallKind {
    Service::parse(service).map_or(CallKind::MoneyMoving, Service::kind)
}

/// Credentials and host for one shop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The shop id (Basic-auth user, 8 digits on every Lyra platform).
    pub shop_id: String,
    /// The REST API password (`testpassword_…` / `prodpassword_…`).
    pub password: Secret,
    /// `https://api.systempay.fr` when `None`; see [`HOSTS`] for the white labels.
    pub base_url: Option<String>,
}

/// Something the caller should know about a request that was still built (e.g. a value the
/// platform would change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

/// Warning code: a value above the platform's maximum was lowered to that maximum.
pub const WARNING_CLAMPED: &str = "CLAMPED";

/// A validated request ready to send, with the warnings raised while building it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub service: String,
    pub kind: CallKind,
    pub request: HttpRequest,
    pub warnings: Vec<Warning>,
}

/// `resolutionMode` of Transaction/CancelOrRefund (seed document; default `AUTO`).
pub const RESOLUTION_MODES: [&str; 3] = ["AUTO", "CANCELLATION_ONLY", "REFUND_ONLY"];
/// `manualValidation` values (`null` = the shop's default).
pub const MANUAL_VALIDATION: [&str; 2] = ["YES", "NO"];
/// `operationType` of Order/Get.
pub const OPERATION_TYPES: [&str; 3] = ["DEBIT", "CREDIT", "VERIFICATION"];
/// `formAction` of Charge/CreatePayment. ASK_REGISTER_PAY is UNCERTAIN (reference §2.9: only seen
/// as an example file name in lyra/rest-php-examples).
pub const FORM_ACTIONS: [&str; 4] = [
    "PAYMENT",
    "REGISTER_PAY",
    "ASK_REGISTER_PAY",
    "CUSTOMER_WALLET",
];

/// Whether Transaction/CancelOrRefund and Transaction/Refund accept `amount` without `currency`
/// (issue 11). `true`: `{ uuid, amount }` is sent as given and the platform applies the
/// transaction's currency; `currency` alone (without `amount`) is still refused.
///
/// Sources (read for issue 11):
/// - The platform's reference page of the service (seed document, the Transaction/CancelOrRefund
///   playground on paiement.systempay.fr) marks only `uuid` as required; `amount` and `currency`
///   are listed as optional "general transaction options", and no sentence ties one to the other.
/// - Lyra's own WooCommerce plugin (lyra/plugin-woocommerce,
///   `Sdk/Refund/Api.php::refundFromOneTransaction`) always sends both with a partial refund: that
///   shows the usual shape, not that the platform refuses `amount` alone.
/// - Third-party integrations send `{ uuid, amount }` (public code search: an Izipay/Mi Cuenta Web
///   TypeScript service whose `refundPayment` posts `uuid` plus `amount` only).
///
/// No source states what the platform answers to `amount` without `currency` (UNCERTAIN: not
/// tried against the live API). Set to `false` to require `currency` with `amount` again.
pub const AMOUNT_WITHOUT_CURRENCY: bool = true;

/// Maximum `captureDelay` in days: the platform resets higher values to this (seed document,
/// "automatically reset to 365 days"; UNCERTAIN per reference §2.1).
pub const MAX_CAPTURE_DELAY: u64 = 365;
/// Maximum `orderId` length: "string, maximum length 64" in Lyra's field list of the REST API
/// (https://support.lyra.com/hc/en-150/articles/19077577785362, read in the nineteenth pass; was
/// UNCERTAIN, reference §2 "Common field conventions").
pub const ORDER_ID_MAX: usize = 64;
/// The largest `amount`: "integer, maximum length 12" in the same field list (Lyra Collect's
/// marketplace pages give amounts as `n..12` too). A longer one is refused by the platform.
pub const MAX_AMOUNT: u64 = 999_999_999_999;
/// `customer.email` and `customer.reference` of Charge/CreatePayment: at most 150 and 63
/// characters, same field list (INT_015 and INT_016 otherwise, reference §2.9).
pub const EMAIL_MAX: usize = 150;
pub const CUSTOMER_REFERENCE_MAX: usize = 63;

/// A field that may be sent as an explicit `null` (absent = `None`).
pub type Nullable<T> = Option<Option<T>>;

/// A request body written field by field, in the platform's documented order, whatever the
/// caller's key order. Fields the caller left out are omitted; a field the caller set to `null`
/// on purpose (`manualValidation`, `mid`) is written as `null`.
///
/// Written by hand instead of one `#[derive(Serialize)]` struct per body for wasm size: one small
/// writer instead of a serializer instantiation per struct. Keys are fixed camelCase ASCII names
/// (no escaping needed); every value goes through serde_json's writer, which escapes. Issue 9:
/// one buffer for the whole body, nested objects included ([`Body::open`] / [`Body::close`]), no
/// `format!`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body(Vec<u8>);

impl Default for Body {
    fn default() -> Self {
        Body(vec![b'{'])
    }
}

impl Body {
    /// An empty object with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        let mut v = Vec::with_capacity(capacity);
        v.push(b'{');
        Body(v)
    }

    fn key(&mut self, key: &str) {
        if self.0.last() != Some(&b'{') {
            self.0.push(b',');
        }
        self.0.push(b'"');
        self.0.extend_from_slice(key.as_bytes());
        self.0.extend_from_slice(b"\":");
    }

    /// Writes `"key":value` (any JSON value, escaped as serde_json escapes it: `json_out`).
    pub fn value(&mut self, key: &str, value: &Value) {
        self.key(key);
        crate::codec::json_out::value(&mut self.0, value);
    }

    /// Writes `"key":value` for caller input read by [`crate::codec::json_ref`].
    pub fn val(&mut self, key: &str, value: &crate::codec::json_ref::Val<'_>) {
        self.key(key);
        crate::codec::json_out::val(&mut self.0, value);
    }

    /// Writes `"key":[…]` for caller input read by [`crate::codec::json_ref`].
    pub fn vals(&mut self, key: &str, values: &[crate::codec::json_ref::Val<'_>]) {
        self.key(key);
        crate::codec::json_out::array(&mut self.0, values, crate::codec::json_out::val);
    }

    /// Writes `"key":null`.
    pub fn null(&mut self, key: &str) {
        self.key(key);
        self.0.extend_from_slice(b"null");
    }

    /// Writes `"key":"value"` when `value` is given, escaped as serde_json does by
    /// [`crate::codec::json_out::str`] (issue 9: eight bytes at a time, one copy).
    pub fn str(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.key(key);
            crate::codec::json_out::str(&mut self.0, v);
        }
    }

    /// Writes `"key":n` when `value` is given.
    pub fn uint(&mut self, key: &str, value: Option<u64>) {
        if let Some(n) = value {
            self.key(key);
            crate::codec::json_out::u64(&mut self.0, n);
        }
    }

    /// Writes `"key":"value"`, `"key":null` or nothing.
    pub fn nullable(&mut self, key: &str, value: Nullable<&str>) {
        match value {
            Some(Some(v)) => self.str(key, Some(v)),
            Some(None) => self.null(key),
            None => {}
        }
    }

    /// Writes `"key":{…}` when `value` is given (a body written apart; see also [`Body::open`]).
    pub fn obj(&mut self, key: &str, value: Option<Body>) {
        if let Some(b) = value {
            self.key(key);
            let mut inner = b.0;
            inner.push(b'}');
            self.0.extend_from_slice(&inner);
        }
    }

    /// Starts `"key":{` in place; the fields written next go inside until [`Body::close`].
    pub fn open(&mut self, key: &str) {
        self.key(key);
        self.0.push(b'{');
    }

    /// Ends the object started by the matching [`Body::open`].
    pub fn close(&mut self) {
        self.0.push(b'}');
    }

    /// The JSON text of the object.
    pub fn finish(mut self) -> String {
        self.0.push(b'}');
        // Only `&str` keys and serde_json output were written: always UTF-8, so the fallback is
        // never taken (it was `from_utf8_lossy`, 650 bytes of `.wasm` for a branch no input
        // reaches: issue 9, size).
        String::from_utf8(self.0).unwrap_or_default()
    }
}

/// A validated body with the warnings raised while reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    pub service: Service,
    /// The JSON text to send.
    pub body: String,
    pub warnings: Vec<Warning>,
}

/// The answer of the planner: what Transaction/CancelOrRefund will do.
/// (Converted to JS by the wasm layer as `{ operation, amount, currency, full, refundableAfter }`.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// `CANCEL` or `REFUND`.
    pub operation: &'static str,
    /// Amount cancelled or refunded, in minor units.
    pub amount: u64,
    pub currency: String,
    /// Whether the whole (remaining) amount is cancelled or refunded.
    pub full: bool,
    /// What will still be refundable afterwards (0 after a cancel or a full refund).
    pub refundable_after: u64,
}

#[cfg(test)]
mod tests;
