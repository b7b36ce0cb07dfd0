//! Field tables and validation of the caller's Office request fields.
//!
//! Each service has ONE row list in [`spec`]: field name, kind (format) and whether it is required.
//! The transaction identification (`transactionReference` AN35 or `s10TransactionReference`
//! `{ s10TransactionId N6, s10TransactionIdDate YYYYMMDD }`) is a separate, exclusive pair.
//!
//! Sources (reference sogenactif.md §1.6): the Sogenactif Office pages for cancel,
//! getTransactionData and walletCreditHolder; worldline/sips-sdk-php `CancelRequest.php`,
//! `ValidateRequest.php`, `CardOrderRequest.php`, `WalletOrderRequest.php`;
//! warehousenantes/sips-office-sdk-php `Refund.php`, `Duplicate.php`, `CardOrder.php`,
//! `WalletOrder.php`, `GetTransactionData.php`. Field lengths are from the Sips data dictionary
//! as far as it was read; those marked [uncertain] are generous upper bounds.
//!
//! Containers that Sips defines with many sub-fields (addresses, contacts, fraudData,
//! shoppingCartDetail, …) are passed through as given: they must be objects (or arrays for the
//! `…List` fields) whose leaves are strings, whole numbers or booleans; their sub-fields are not
//! checked one by one. They are sealed like every other field.

use super::model::{is_digits, Family, Service};
use crate::codec::datetime;
use crate::codec::fields::{amount_n12, currency, report, AmountWords, NumericCode, TypeWords};
use crate::codec::json::{type_name, Obj};
use crate::error::{issue, Issues};
use crate::money::{printable, Table, MAX_SAFE_INTEGER};
use crate::sogenactif::batch::rules::{is_card_number, CARD_NUMBER_FORMAT};
use serde_json::{Map, Number, Value};

/// The format of one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// N12 amount in minor units: a non-negative whole number ≤ 999 999 999 999, sent as a number.
    Amount,
    /// ISO 4217 currency, accepted as alpha-3 (`EUR`) or numeric (`978`, `"978"`), sent as the
    /// three-digit numeric string of the sogenactif money table.
    Currency,
    /// Free text (no control character) of at most this many characters.
    Text(usize),
    /// Letters and digits only (AN), at most this many characters.
    Alnum(usize),
    /// Digits only, at most this many (a string; N15 merchant ids keep their leading zeros).
    Digits(usize),
    /// A whole number from 0 to this maximum, sent as a number.
    Int(u64),
    /// One of these values.
    Enum(&'static [&'static str]),
    /// An upper-case code (A–Z, 0–9, `_`) of at most this many characters, for open value lists
    /// such as `orderChannel` whose full list we have not read.
    Code(usize),
    /// `YYYYMM` (card expiry / effective date).
    YearMonth,
    /// ISO 8601 date-time with offset (`merchantTransactionDateTime`), e.g. `2026-11-22T10:00:00+01:00`.
    DateTime,
    /// Card number: 10 to 19 digits, or a token (1 to 128 letters/digits) when `panType` is `TOKEN_PAN`.
    /// Never echoed in messages.
    CardNumber,
    /// Card security code: 3 or 4 digits. Never echoed in messages.
    Csc,
    /// A container object passed through (see module docs).
    Object,
    /// A list passed through (see module docs).
    List,
}

/// One row of a service's field table.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// An identification pair: a reference (AN35) or an s10 object `{ <id> N6, <date> YYYYMMDD }`.
#[derive(Clone, Copy, Debug)]
pub struct Ident {
    pub reference: &'static str,
    pub s10: &'static str,
    pub s10_id: &'static str,
    pub s10_date: &'static str,
}

pub const TRANSACTION: Ident = Ident {
    reference: "transactionReference",
    s10: "s10TransactionReference",
    s10_id: "s10TransactionId",
    s10_date: "s10TransactionIdDate",
};

/// duplicate: the transaction duplicated from.
pub const FROM_TRANSACTION: Ident = Ident {
    reference: "fromTransactionReference",
    s10: "s10FromTransactionReference",
    s10_id: "s10FromTransactionId",
    s10_date: "s10FromTransactionIdDate",
};

/// `captureMode` values (reference §1.6, eopayment `sips2.py`) [confirmed].
pub const CAPTURE_MODES: &[&str] = &["AUTHOR_CAPTURE", "IMMEDIATE", "VALIDATION"];
/// `paymentPattern` values (worldline/sips-sdk-java `PaymentPattern.java`).
pub const PAYMENT_PATTERNS: &[&str] = &["ONE_SHOT", "RECURRING_1", "RECURRING_N", "INSTALMENT"];
/// `panType` values: the batch dictionary's (Sips data dictionary) [uncertain].
pub use crate::sogenactif::batch::dictionary::{PAN_TYPES, TOKEN_PAN};
/// `sealAlgorithm`: remise always seals with HMAC-SHA-256.
pub const SEAL_ALGORITHMS: &[&str] = &["HMAC-SHA-256"];

// Field lengths: one place. [uncertain] values are generous upper bounds.
pub const REF: Kind = Kind::Alnum(35); // transactionReference AN35 [confirmed, WLSIPS.808]
/// `s10TransactionId` (and `s10FromTransactionId`): N6.
pub const S10_ID: Kind = Kind::Digits(6);
const MERCHANT_ID: Kind = Kind::Digits(15); // N15 [confirmed]
const ORIGIN: Kind = Kind::Text(20); // operationOrigin / transactionOrigin ANS20 [uncertain]
const ISP_ID: Kind = Kind::Text(20); // intermediateServiceProviderId [uncertain]
const ORDER_ID: Kind = Kind::Text(32); // orderId ANS32 [uncertain]
const CUSTOMER_ID: Kind = Kind::Text(19); // customerId ANS19 [uncertain]
const EMAIL: Kind = Kind::Text(128); // customerEmail ANS128 [uncertain]
const IP: Kind = Kind::Text(45); // customerIpAddress, IPv4 or IPv6 text
const RETURN_CONTEXT: Kind = Kind::Text(255); // returnContext ANS255 [uncertain]
const REFERENCE_TEXT: Kind = Kind::Text(255); // statement/invoice/settlement references [uncertain]
const WALLET_ID: Kind = Kind::Text(21); // merchantWalletId ANS21 [uncertain]
const PAYMENT_MEAN_ID: Kind = Kind::Text(40); // paymentMeanId [uncertain]
const CODE20: Kind = Kind::Code(20); // orderChannel, paymentMeanBrand, … open lists
const CAPTURE_DAY: Kind = Kind::Int(99); // captureDay N2 [confirmed range 0–99, reference §1.6]
const LANGUAGE: Kind = Kind::Text(2); // customerLanguage ISO 639-1
const SUB_MERCHANT: Kind = Kind::Text(40); // subMerchant* [uncertain]
const COMMENT: Kind = Kind::Text(255); // comment of the challenge services [uncertain]

/// Every field name a service table may list, with its kind: ONE row per name (a name has the
/// same format in every service). Service tables list [`F`] values, one byte each, rather than
/// repeating (name, kind) pairs (smaller wasm data).
macro_rules! field_table {
    ($($var:ident $name:literal $kind:expr;)*) => {
        /// A field of [`FIELDS`], by position.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum F { $($var,)* }
        /// Name and kind of each [`F`].
        pub const FIELDS: &[(&str, Kind)] = &[$(($name, $kind),)*];
    };
}

field_table! {
    IntermediateServiceProviderId "intermediateServiceProviderId" ISP_ID;
    SealAlgorithm "sealAlgorithm" Kind::Enum(SEAL_ALGORITHMS);
    OperationAmount "operationAmount" Kind::Amount;
    CurrencyCode "currencyCode" Kind::Currency;
    OperationOrigin "operationOrigin" ORIGIN;
    CustomerContact "customerContact" Kind::Object;
    PaymentMeanData "paymentMeanData" Kind::Object;
    ShoppingCartDetail "shoppingCartDetail" Kind::Object;
    SubMerchantId "subMerchantId" SUB_MERCHANT;
    SubMerchantShortName "subMerchantShortName" SUB_MERCHANT;
    SubMerchantCategoryCode "subMerchantCategoryCode" SUB_MERCHANT;
    SubMerchantLegalId "subMerchantLegalId" SUB_MERCHANT;
    SubMerchantAddress "subMerchantAddress" Kind::Object;
    Comment "comment" COMMENT;
    ValidationIndicator "validationIndicator" Kind::Text(10);
    BillingAddress "billingAddress" Kind::Object;
    BillingContact "billingContact" Kind::Object;
    CustomerAddress "customerAddress" Kind::Object;
    CustomerData "customerData" Kind::Object;
    DeliveryAddress "deliveryAddress" Kind::Object;
    DeliveryContact "deliveryContact" Kind::Object;
    DeliveryData "deliveryData" Kind::Object;
    FraudData "fraudData" Kind::Object;
    HolderAddress "holderAddress" Kind::Object;
    HolderContact "holderContact" Kind::Object;
    AuthenticationData "authenticationData" Kind::Object;
    OrderContext "orderContext" Kind::Object;
    TravelContext "travelContext" Kind::Object;
    Amount "amount" Kind::Amount;
    CaptureDay "captureDay" CAPTURE_DAY;
    CaptureMode "captureMode" Kind::Enum(CAPTURE_MODES);
    FromMerchantId "fromMerchantId" MERCHANT_ID;
    MerchantTransactionDateTime "merchantTransactionDateTime" Kind::DateTime;
    OrderChannel "orderChannel" CODE20;
    ReturnContext "returnContext" RETURN_CONTEXT;
    CustomerEmail "customerEmail" EMAIL;
    CustomerId "customerId" CUSTOMER_ID;
    CustomerIpAddress "customerIpAddress" IP;
    OrderId "orderId" ORDER_ID;
    StatementReference "statementReference" REFERENCE_TEXT;
    TransactionOrigin "transactionOrigin" ORIGIN;
    CardNumber "cardNumber" Kind::CardNumber;
    CardExpiryDate "cardExpiryDate" Kind::YearMonth;
    CardCSCValue "cardCSCValue" Kind::Csc;
    CardEffectiveDate "cardEffectiveDate" Kind::YearMonth;
    CardSeqNumber "cardSeqNumber" Kind::Digits(2);
    CustomerLanguage "customerLanguage" LANGUAGE;
    InvoiceReference "invoiceReference" REFERENCE_TEXT;
    PanType "panType" Kind::Enum(PAN_TYPES);
    PaymentMeanBrand "paymentMeanBrand" CODE20;
    PaymentPattern "paymentPattern" Kind::Enum(PAYMENT_PATTERNS);
    HolderData "holderData" Kind::Object;
    RiskManagementCustomDataList "riskManagementCustomDataList" Kind::List;
    MerchantWalletId "merchantWalletId" WALLET_ID;
    PaymentMeanId "paymentMeanId" PAYMENT_MEAN_ID;
    SettlementArchivingReference "settlementArchivingReference" REFERENCE_TEXT;
    SettlementMerchantSpecificData "settlementMerchantSpecificData" REFERENCE_TEXT;
}

/// One row of a service table: an [`F`] with [`REQUIRED`] set when the field is required.
pub type Row = u8;
/// The required bit of a [`Row`].
const REQUIRED: Row = 0x80;

const fn r(f: F) -> Row {
    f as Row | REQUIRED
}

const fn o(f: F) -> Row {
    f as Row
}

/// The field a row stands for.
pub fn field(row: Row) -> Option<Field> {
    FIELDS
        .get(usize::from(row & !REQUIRED))
        .map(|&(name, kind)| Field {
            name,
            kind,
            required: row & REQUIRED != 0,
        })
}

/// Fields every service accepts besides its own: `interfaceVersion` (checked against the
/// family), `sealAlgorithm` and `intermediateServiceProviderId`.
pub const COMMON: &[Row] = &[o(F::IntermediateServiceProviderId), o(F::SealAlgorithm)];

const CANCEL: &[Row] = &[
    r(F::OperationAmount),
    r(F::CurrencyCode),
    o(F::OperationOrigin),
    o(F::CustomerContact),
];

const REFUND: &[Row] = &[
    r(F::OperationAmount),
    r(F::CurrencyCode),
    o(F::OperationOrigin),
    o(F::CustomerContact),
    o(F::PaymentMeanData),
    o(F::ShoppingCartDetail),
];

const VALIDATE: &[Row] = &[
    r(F::OperationAmount),
    r(F::CurrencyCode),
    o(F::OperationOrigin),
    o(F::SubMerchantId),
    o(F::SubMerchantShortName),
    o(F::SubMerchantCategoryCode),
    o(F::SubMerchantLegalId),
    o(F::SubMerchantAddress),
];

// acceptChallenge: the Worldline Office request sample carries comment, operationOrigin and
// validationIndicator ("Y") (https://docs-etu.sips.worldline-solutions.com/en/data-dictionary/office/acceptchallenge.html);
// refuseChallenge: comment and operationOrigin, as its batch page lists
// (https://documentation.sogenactif.com/en/data-dictionary/sob/refusechallenge.html).
// Lengths [uncertain].
const ACCEPT_CHALLENGE: &[Row] = &[
    o(F::OperationOrigin),
    o(F::Comment),
    o(F::ValidationIndicator),
];

const REFUSE_CHALLENGE: &[Row] = &[o(F::OperationOrigin), o(F::Comment)];

const GET_TRANSACTION_DATA: &[Row] = &[];

/// Containers shared by the order-creating services.
pub const ORDER_CONTAINERS: &[Row] = &[
    o(F::BillingAddress),
    o(F::BillingContact),
    o(F::CustomerAddress),
    o(F::CustomerContact),
    o(F::CustomerData),
    o(F::DeliveryAddress),
    o(F::DeliveryContact),
    o(F::DeliveryData),
    o(F::FraudData),
    o(F::HolderAddress),
    o(F::HolderContact),
    o(F::AuthenticationData),
    o(F::OrderContext),
    o(F::TravelContext),
];

// duplicate: the required list follows the PHP Office SDK field-requirement map quoted in
// reference §1.6 [uncertain: repository not identified].
const DUPLICATE: &[Row] = &[
    r(F::Amount),
    r(F::CurrencyCode),
    r(F::CaptureDay),
    r(F::CaptureMode),
    r(F::FromMerchantId),
    r(F::MerchantTransactionDateTime),
    r(F::OrderChannel),
    r(F::ReturnContext),
    o(F::CustomerEmail),
    o(F::CustomerId),
    o(F::CustomerIpAddress),
    o(F::OrderId),
    o(F::StatementReference),
    o(F::TransactionOrigin),
    o(F::PaymentMeanData),
    o(F::ShoppingCartDetail),
    o(F::SubMerchantId),
    o(F::SubMerchantShortName),
    o(F::SubMerchantCategoryCode),
    o(F::SubMerchantLegalId),
    o(F::SubMerchantAddress),
];

const CARD_ORDER: &[Row] = &[
    r(F::Amount),
    r(F::CurrencyCode),
    r(F::CardNumber),
    r(F::OrderChannel),
    // Required in the batch dictionary but empty for cards without expiry: optional here.
    o(F::CardExpiryDate),
    o(F::CardCSCValue),
    o(F::CardEffectiveDate),
    o(F::CardSeqNumber),
    o(F::CaptureDay),
    o(F::CaptureMode),
    o(F::CustomerEmail),
    o(F::CustomerId),
    o(F::CustomerIpAddress),
    o(F::CustomerLanguage),
    o(F::InvoiceReference),
    o(F::MerchantTransactionDateTime),
    o(F::OrderId),
    o(F::PanType),
    o(F::PaymentMeanBrand),
    o(F::PaymentPattern),
    o(F::ReturnContext),
    o(F::StatementReference),
    o(F::TransactionOrigin),
    o(F::HolderData),
    o(F::PaymentMeanData),
    o(F::ShoppingCartDetail),
    o(F::RiskManagementCustomDataList),
    o(F::SubMerchantId),
    o(F::SubMerchantShortName),
    o(F::SubMerchantCategoryCode),
    o(F::SubMerchantLegalId),
    o(F::SubMerchantAddress),
];

const WALLET_ORDER: &[Row] = &[
    r(F::Amount),
    r(F::CurrencyCode),
    r(F::MerchantWalletId),
    r(F::PaymentMeanId),
    r(F::OrderChannel),
    o(F::CaptureDay),
    o(F::CaptureMode),
    o(F::CardCSCValue),
    o(F::CustomerEmail),
    o(F::CustomerId),
    o(F::CustomerIpAddress),
    o(F::CustomerLanguage),
    o(F::InvoiceReference),
    o(F::MerchantTransactionDateTime),
    o(F::OrderId),
    o(F::PaymentPattern),
    o(F::ReturnContext),
    o(F::StatementReference),
    o(F::TransactionOrigin),
];

// walletCreditHolder: amount, currencyCode, merchantWalletId, paymentMeanId required (Sogenactif
// walletcreditholder page); optional fields as in the walletCredit batch sample (reference §1.3).
const WALLET_CREDIT_HOLDER: &[Row] = &[
    r(F::Amount),
    r(F::CurrencyCode),
    r(F::MerchantWalletId),
    r(F::PaymentMeanId),
    o(F::CustomerEmail),
    o(F::CustomerId),
    o(F::CustomerIpAddress),
    o(F::OrderChannel),
    o(F::OrderId),
    o(F::ReturnContext),
    o(F::TransactionOrigin),
    o(F::StatementReference),
    o(F::SettlementArchivingReference),
    o(F::SettlementMerchantSpecificData),
    o(F::CustomerContact),
];

/// A service's table: its own fields, whether its containers include [`ORDER_CONTAINERS`], and
/// its identification pairs (each required, exactly one side).
pub struct Spec {
    pub fields: &'static [Row],
    pub order_containers: bool,
    pub idents: &'static [Ident],
}

impl Spec {
    /// Every row the service reads, in that order: its own, the [`COMMON`] ones, then the
    /// [`ORDER_CONTAINERS`] when it takes them.
    pub fn rows(&self) -> impl Iterator<Item = &'static Row> {
        let containers: &'static [Row] = if self.order_containers {
            ORDER_CONTAINERS
        } else {
            &[]
        };
        self.fields.iter().chain(COMMON).chain(containers)
    }
}

pub fn spec(service: Service) -> Spec {
    let (fields, order_containers, idents): (&'static [Row], bool, &'static [Ident]) = match service
    {
        Service::Cancel => (CANCEL, false, &[TRANSACTION]),
        Service::Refund => (REFUND, false, &[TRANSACTION]),
        Service::Validate => (VALIDATE, false, &[TRANSACTION]),
        Service::Duplicate => (DUPLICATE, true, &[TRANSACTION, FROM_TRANSACTION]),
        Service::AcceptChallenge => (ACCEPT_CHALLENGE, false, &[TRANSACTION]),
        Service::RefuseChallenge => (REFUSE_CHALLENGE, false, &[TRANSACTION]),
        Service::WalletCreditHolder => (WALLET_CREDIT_HOLDER, false, &[TRANSACTION]),
        Service::CardOrder => (CARD_ORDER, true, &[TRANSACTION]),
        Service::WalletOrder => (WALLET_ORDER, true, &[TRANSACTION]),
        Service::GetTransactionData => (GET_TRANSACTION_DATA, false, &[TRANSACTION]),
    };
    Spec {
        fields,
        order_containers,
        idents,
    }
}

/// Fields remise sets itself from the options; a caller who puts them in `fields` is told where
/// they belong.
const FROM_OPTIONS: &[(&str, &str)] = &[
    ("merchantId", "set options.merchantId instead"),
    ("keyVersion", "set options.keyVersion instead"),
    ("seal", "remise computes the seal from options.secretKey"),
];

/// The checked request fields, ready to be sealed: wire names, normalised values
/// (currency numeric, amounts numbers), absent optional fields left out.
#[derive(Debug, Default)]
pub struct Checked {
    pub fields: Map<String, Value>,
    /// The caller's `interfaceVersion`, when given (checked against the family).
    pub interface_version: Option<String>,
}

/// Validates `fields` for `service`, pushing every issue (paths relative to the fields object).
pub fn check(service: Service, fields: &Value, issues: &mut Issues) -> Checked {
    let mut out = Checked::default();
    let mut o = Obj::new(fields, "", issues);
    let spec = spec(service);

    for (name, hint) in FROM_OPTIONS {
        if o.present(name) {
            issues.push(
                *name,
                issue::NOT_ALLOWED,
                format!("is added by remise: {hint}"),
            );
        }
        // Mark as known so it is not reported a second time as unknown.
        let _ = o.raw(name);
    }

    out.interface_version = o
        .str("interfaceVersion", issues)
        .and_then(|v| check_interface_version(v, service.family(), issues));

    for f in spec.rows() {
        let Some(f) = field(*f) else { continue };
        if let Some(v) = read_field(&mut o, &f, issues) {
            out.fields.insert(f.name.to_string(), v);
        }
    }
    for ident in spec.idents {
        read_ident(&mut o, ident, &mut out.fields, issues);
    }
    // A card number is 10 to 19 digits unless `panType` says it is a token: the batch rule
    // (`batch::rules::card_data`); Sips answers 14 to a 1-digit number. Not when `panType` itself
    // was given and refused (its own issue says what to fix). For Office JSON the rule is inferred
    // from the batch dictionary and that answer [uncertain].
    let pan_type = fields
        .get("panType")
        .filter(|v| !(v.is_null() || v.as_str() == Some("")));
    if let Some(Value::String(n)) = out.fields.get("cardNumber") {
        let token = out.fields.get("panType").and_then(Value::as_str) == Some(TOKEN_PAN);
        let card = is_card_number(n);
        let refused = pan_type.is_some() && !out.fields.contains_key("panType");
        if !(token || card || refused) {
            issues.push("cardNumber", issue::FORMAT, CARD_NUMBER_FORMAT);
        }
    }
    o.finish(issues);
    out
}

fn check_interface_version(v: &str, family: Family, issues: &mut Issues) -> Option<String> {
    let prefix = family.interface_prefix();
    let ok = v
        .strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Some(v.to_string())
    } else {
        issues.push(
            "interfaceVersion",
            issue::FORMAT,
            format!(
                "'{}' does not fit this {} service: use {}<n> (e.g. {}) or leave it out for the default",
                printable(v),
                family.path(),
                prefix,
                family.default_interface_version()
            ),
        );
        None
    }
}

fn read_field(o: &mut Obj<'_>, f: &Field, issues: &mut Issues) -> Option<Value> {
    let at = o.at(f.name);
    let v = o.raw(f.name);
    let v = match v {
        None => {
            if f.required {
                issues.push(at, issue::REQUIRED, "is required");
            }
            return None;
        }
        Some(Value::String(s)) if s.is_empty() && f.kind != Kind::Object => {
            if f.required {
                issues.push(at, issue::REQUIRED, "is required (it is empty)");
            }
            // An empty optional string is simply not sent.
            return None;
        }
        Some(v) => v,
    };
    check_value(v, f.kind, &at, issues)
}

/// Checks one value against its kind; returns the normalised wire value.
pub fn check_value(v: &Value, kind: Kind, at: &str, issues: &mut Issues) -> Option<Value> {
    let text = |issues: &mut Issues| -> Option<&str> {
        match v {
            Value::String(s) => Some(s.as_str()),
            other => {
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be a string, got {}", type_name(other)),
                );
                None
            }
        }
    };
    match kind {
        Kind::Amount => {
            let n = report(
                amount_n12(v, AmountWords::Office),
                || at.to_string(),
                issues,
            )?;
            Some(Value::Number(Number::from(n)))
        }
        Kind::Currency => {
            let c = report(
                currency(
                    v,
                    Table::Sogenactif,
                    NumericCode::Unsigned,
                    TypeWords::WithType,
                ),
                || at.to_string(),
                issues,
            )?;
            Some(Value::String(c.numeric_str()))
        }
        Kind::Text(max) => {
            let s = text(issues)?;
            if s.chars().any(char::is_control) {
                issues.push(
                    at,
                    issue::FORBIDDEN_CHARACTER,
                    "must not contain control characters (line breaks, tabs, …)",
                );
                return None;
            }
            if crate::codec::text::chars(s) > max {
                issues.push(
                    at,
                    issue::TOO_LONG,
                    format!("must be at most {max} characters"),
                );
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::Alnum(max) => {
            let s = text(issues)?;
            if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
                issues.push(
                    at,
                    issue::FORMAT,
                    format!("must contain only letters A-Z, a-z and digits (AN{max})"),
                );
                return None;
            }
            if s.len() > max {
                issues.push(
                    at,
                    issue::TOO_LONG,
                    format!("must be at most {max} characters"),
                );
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::Digits(max) => {
            let s = text(issues)?;
            if !is_digits(s) {
                issues.push(at, issue::FORMAT, format!("must be digits only (N{max})"));
                return None;
            }
            if s.len() > max {
                issues.push(at, issue::TOO_LONG, format!("must be at most {max} digits"));
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::Int(max) => {
            let n = crate::codec::json::read_uint(v, at, issues)?;
            if n > max {
                issues.push(at, issue::RANGE, format!("must be from 0 to {max}"));
                return None;
            }
            Some(Value::Number(Number::from(n)))
        }
        Kind::Enum(allowed) => {
            // Another type names the values too (`codec::json::not_a_string`, thirtieth pass).
            let Value::String(s) = v else {
                let message = crate::codec::json::not_a_string(type_name(v), allowed);
                issues.push(at, issue::TYPE, message);
                return None;
            };
            let s = s.as_str();
            if allowed.contains(&s) {
                Some(Value::String(s.to_string()))
            } else {
                issues.push(
                    at,
                    issue::ENUM,
                    crate::codec::json::not_accepted(s, allowed, false),
                );
                None
            }
        }
        Kind::Code(max) => {
            let s = text(issues)?;
            let ok = s
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            if !ok || s.len() > max {
                issues.push(
                    at,
                    issue::FORMAT,
                    format!(
                        "'{}' is not a Sips code: upper-case letters, digits and _ only, at most {max} (e.g. INTERNET)",
                        printable(s)
                    ),
                );
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::YearMonth => {
            let s = text(issues)?;
            let month = s
                .get(4..)
                .and_then(|m| crate::codec::text::parse_u64(m).and_then(|n| u8::try_from(n).ok()));
            if s.len() != 6 || !is_digits(s) || !month.is_some_and(|m| (1..=12).contains(&m)) {
                issues.push(at, issue::FORMAT, "must be YYYYMM, e.g. 202812");
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::DateTime => {
            let s = text(issues)?;
            if !datetime::is_rfc3339(s) {
                issues.push(
                    at,
                    issue::FORMAT,
                    "must be an ISO 8601 date-time with its offset, e.g. 2026-11-22T10:15:00+01:00",
                );
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::CardNumber => {
            // The shape of a token (a card number is one too); `check` then wants 10 to 19
            // digits unless `panType` is `TOKEN_PAN`.
            let s = text(issues)?;
            if !(!s.is_empty() && s.len() <= 128 && s.bytes().all(|b| b.is_ascii_alphanumeric())) {
                issues.push(
                    at,
                    issue::FORMAT,
                    "must be a card number of 10 to 19 digits, or a token of up to 128 letters and digits",
                );
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::Csc => {
            let s = text(issues)?;
            if !(is_digits(s) && (3..=4).contains(&s.len())) {
                issues.push(at, issue::FORMAT, "must be 3 or 4 digits");
                return None;
            }
            Some(Value::String(s.to_string()))
        }
        Kind::Object => match v {
            Value::Object(_) => check_passthrough(v, at, issues).then(|| v.clone()),
            other => {
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an object, got {}", type_name(other)),
                );
                None
            }
        },
        Kind::List => match v {
            Value::Array(_) => check_passthrough(v, at, issues).then(|| v.clone()),
            other => {
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an array, got {}", type_name(other)),
                );
                None
            }
        },
    }
}

/// A passed-through container: leaves must be strings, safe whole numbers or booleans (nulls are
/// allowed and skipped by the seal). Returns whether it is fine.
fn check_passthrough(v: &Value, at: &str, issues: &mut Issues) -> bool {
    match v {
        Value::Null | Value::Bool(_) | Value::String(_) => true,
        Value::Number(n) => {
            let ok = n.as_u64().is_some_and(|u| u <= MAX_SAFE_INTEGER)
                || n.as_i64()
                    .is_some_and(|i| i.unsigned_abs() <= MAX_SAFE_INTEGER);
            if !ok {
                issues.push(
                    at,
                    issue::TYPE,
                    format!(
                        "{} is not a safe whole number: Sips fields are integers or strings",
                        crate::codec::json_out::number_text(n)
                    ),
                );
            }
            ok
        }
        Value::Array(items) => {
            let mut ok = true;
            for (i, item) in items.iter().enumerate() {
                ok &= check_passthrough(item, &format!("{at}[{i}]"), issues);
            }
            ok
        }
        Value::Object(map) => {
            let mut ok = true;
            for (k, item) in map {
                ok &= check_passthrough(item, &crate::codec::json::join(at, k), issues);
            }
            ok
        }
    }
}

/// Reads an identification pair: exactly one of `<reference>` (AN35) or `<s10>` object.
fn read_ident(o: &mut Obj<'_>, ident: &Ident, out: &mut Map<String, Value>, issues: &mut Issues) {
    let given = |v: Option<&Value>| match v {
        None => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    };
    let ref_at = o.at(ident.reference);
    let s10_at = o.at(ident.s10);
    let ref_v = o.raw(ident.reference);
    let s10_v = o.raw(ident.s10);
    let (has_ref, has_s10) = (given(ref_v), given(s10_v));
    if has_ref && has_s10 {
        issues.push(
            s10_at.clone(),
            issue::CONFLICT,
            format!("give either {} or {}, not both", ident.reference, ident.s10),
        );
    }
    if !has_ref && !has_s10 {
        issues.push(
            ref_at,
            issue::REQUIRED,
            format!(
                "is required: identify the transaction with {} (up to 35 letters and digits) or {} {{ {}, {} }}",
                ident.reference, ident.s10, ident.s10_id, ident.s10_date
            ),
        );
        return;
    }
    if let (true, Some(v)) = (has_ref, ref_v) {
        if let Some(v) = check_value(v, REF, &ref_at, issues) {
            out.insert(ident.reference.to_string(), v);
        }
    }
    let Some(v) = s10_v.filter(|_| has_s10) else {
        return;
    };
    if !v.is_object() {
        issues.push(
            s10_at,
            issue::TYPE,
            format!(
                "must be an object {{ {}, {} }}, got {}",
                ident.s10_id,
                ident.s10_date,
                type_name(v)
            ),
        );
        return;
    }
    let mut s = Obj::new(v, &s10_at, issues);
    let mut m = Map::new();
    let id = Field {
        name: ident.s10_id,
        // [`S10_ID`], written out: naming the constant here made the .wasm 387 bytes (gzip)
        // larger (measured 2026-12-05; the inliner's choices change). A unit test ties the two.
        kind: Kind::Digits(6),
        required: true,
    };
    if let Some(v) = read_field(&mut s, &id, issues) {
        m.insert(ident.s10_id.to_string(), v);
    }
    // The date is optional: the server applies its own date when it is left out (reference §1.6).
    let at = s.at(ident.s10_date);
    if let Some(d) = s.str(ident.s10_date, issues) {
        if is_yyyymmdd(d) {
            m.insert(ident.s10_date.to_string(), Value::String(d.to_string()));
        } else if !d.is_empty() {
            issues.push(at, issue::FORMAT, "must be a date YYYYMMDD, e.g. 20261122");
        }
    }
    s.finish(issues);
    out.insert(ident.s10.to_string(), Value::Object(m));
}

/// `YYYYMMDD` with a real calendar date.
pub fn is_yyyymmdd(s: &str) -> bool {
    datetime::is_yyyymmdd(s)
}

#[cfg(test)]
mod tests;
