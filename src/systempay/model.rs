//! Systempay REST V4 wire types, in the platform's own casing.
//!
//! Each validated request is a struct whose field order is the order in which the body is written
//! (the platform's documented order), so `serde_json::to_string` gives a stable, byte-exact body
//! whatever the caller's key order. Fields the caller left out are omitted; a field the caller set
//! to `null` on purpose (`manualValidation`, `mid`) is written as `null`.
//!
//! Sources: https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/reference.html and the playground
//! pages cited in reference systempay.md §2.

use crate::transport::{CallKind, HttpRequest, Secret};
use serde::Serialize;
use serde_json::Value;

/// The default API host (Systempay).
pub const DEFAULT_BASE_URL: &str = "https://api.systempay.fr";

/// Path prefix of every web service: `{baseUrl}/api-payment/V4/{service}`.
pub const API_PATH: &str = "/api-payment/V4/";

/// REST API hosts of the Lyra white labels (reference systempay.md "Known hosts").
/// Sogecommerce: UNCERTAIN (from the brief, not re-verified by the reference). Correct a row here.
pub static HOSTS: &[(&str, &str)] = &[
    // https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/playground/Transaction/CancelOrRefund
    ("systempay", "https://api.systempay.fr"),
    // lyra/rest-php-examples www/keys.php
    ("payzen", "https://api.payzen.eu"),
    // older lyra/rest-php-examples www/keys.php
    ("payzenLatam", "https://api.payzen.lat"),
    // https://docs.lyra.com/en/rest/V4.0/api/playground/?ws=Transaction%2FValidate
    ("lyra", "https://api.lyra.com"),
    // Izipay / MiCuentaWeb (Peru), public integration sample
    ("micuentaweb", "https://api.micuentaweb.pe"),
    // UNCERTAIN: from the project brief only.
    (
        "sogecommerce",
        "https://api-sogecommerce.societegenerale.eu",
    ),
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

/// Maximum `captureDelay` in days: the platform resets higher values to this (seed document,
/// "automatically reset to 365 days"; UNCERTAIN per reference §2.1).
pub const MAX_CAPTURE_DELAY: u64 = 365;
/// Maximum `orderId` length. UNCERTAIN: the format block was not readable; 64 is the platform's
/// usual limit (reference §2, "Common field conventions").
pub const ORDER_ID_MAX: usize = 64;

/// A field that may be sent as an explicit `null` (absent = `None`).
pub type Nullable<T> = Option<Option<T>>;

/// `transactionOptions.cardOptions` of CancelOrRefund and Refund.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_validation: Nullable<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_delay: Option<u64>,
    /// Always null when present: the platform refuses any other value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mid: Option<()>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_options: Option<CardOptions>,
}

/// Transaction/CancelOrRefund and Transaction/Refund (Refund has no `resolutionMode`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelOrRefund {
    pub uuid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_options: Option<TransactionOptions>,
}

/// Transaction/Get, Transaction/Cancel, Transaction/Validate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ByUuid {
    pub uuid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_capture_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_validation: Nullable<&'static str>,
}

/// Transaction/Update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Update {
    pub uuid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_update: Option<CardUpdate>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardDuplicate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual_validation: Nullable<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_delay: Option<u64>,
}

/// Transaction/Duplicate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    pub uuid: String,
    pub amount: u64,
    pub currency: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_duplicate: Option<CardDuplicate>,
}

/// Order/Get.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderGet {
    pub order_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_type: Option<&'static str>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Charge/CreatePayment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePayment {
    pub amount: u64,
    pub currency: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form_action: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_methods: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipn_target_url: Option<String>,
}

/// Charge/SDKTest: the platform echoes `value` back as `answer.value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SdkTest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One validated request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Body {
    CancelOrRefund(CancelOrRefund),
    ByUuid(ByUuid),
    Update(Update),
    Duplicate(Duplicate),
    OrderGet(OrderGet),
    CreatePayment(CreatePayment),
    SdkTest(SdkTest),
}

/// A validated body with the warnings raised while reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    pub service: Service,
    pub body: Body,
    pub warnings: Vec<Warning>,
}

/// The answer of the planner: what Transaction/CancelOrRefund will do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
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
