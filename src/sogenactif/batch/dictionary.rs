//! The Office Batch data dictionary: every method's fields, their column ("Order"), format,
//! presence and the source of each fact. This is the ONE table the writer, the validator and the
//! response parser read; correcting a column or a format is a one-line change here.
//!
//! Column rule (confirmed): column 0 of a CSV body line is the method name in upper case, column 1
//! is `recordSequence` (Order 1 on every page that shows it), and from column 2 on each field sits
//! at its data-dictionary "Order". The XML syntax writes the same fields as elements, in Order,
//! with containers (`s10TransactionReference`, …) as nested elements.
//!
//! Confidence marks ([`Source`]):
//! - `Confirmed`: the Order was read on the Sogenactif data-dictionary page of the method;
//! - `Sample`: the column is fixed by the published request sample of the method (the value of the
//!   sample sits in that column) and the name is the XML sample's element or, when the XML part was
//!   not readable, the sample value, which is the field's own name for most text fields;
//! - `Inferred`: deduced from the conventions visible on the confirmed pages (2 merchantId,
//!   3 transactionReference, 4 amount, 5 currencyCode for cash-management methods; version-4 fields
//!   in alphabetical order, later additions appended);
//! - `Guessed`: name or position not seen in any source read. Verify against your bank's
//!   documentation before production.
//!
//! Sources (read through the project's stored copies of the public pages):
//! - https://documentation.sogenactif.com/en/data-dictionary/sob (index, 11 methods)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/walletcredit.html (Orders 2,4,5,6,7; CSV+XML sample)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/cardorder.html (CSV sample, XML sample up to customerId)
//! - https://docs.sips.worldline-solutions.com/en/data-dictionary/sob/cardorder.html (Orders 4, 9, 10, 11, 12)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/walletorder.html (CSV sample, XML sample up to paymentMeanId)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/cancel.html (recordSequence 1, merchantId 2, amount 4, currencyCode 5)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/validate.html (merchantId 2, operationAmount 4, currencyCode 5, lastRecoveryIndicator optional)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/duplicate.html (amount 4, currencyCode 5, fromTransactionReference)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/acceptchallenge.html (Orders 2, 5, 6, 7; CSV+XML sample)
//! - https://documentation.sogenactif.com/en/data-dictionary/sob/refusechallenge.html (Orders 2, 4, 5, 6; CSV+XML sample)

/// How a field's value is written and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Digits only, between `min` and `max` of them (N15 → `Digits(15, 15)`, N6 → `Digits(1, 6)`).
    /// The caller may give a string of digits or a non-negative integer.
    Digits(u8, u8),
    /// ASCII letters and digits only, at most this many (AN35).
    Alnum(u16),
    /// Any printable characters, at most this many (ANS).
    Text(u16),
    /// Amount in minor units, an integer of at most 12 digits (N12).
    Amount,
    /// ISO 4217 numeric code, 3 digits (N3); the caller may give the alpha-3 code.
    Currency,
    /// A calendar date `YYYYMMDD`.
    Date,
    /// ISO 8601 date and time with an offset, `2022-03-29T09:30:16+02:00`.
    DateTime,
    /// One of a fixed list of values.
    Enum(Choice),
}

/// The value lists of [`Format::Enum`] (a one-byte tag keeps every [`Field`] small).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    CaptureMode,
    PanType,
    YesNo,
}

impl Choice {
    /// The accepted values.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Choice::CaptureMode => CAPTURE_MODES,
            Choice::PanType => PAN_TYPES,
            Choice::YesNo => &["Y", "N"],
        }
    }
}

/// Whether the data dictionary lists the field as required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
}

/// How sure we are of a row (see the module documentation). Written in every row of the tables
/// below for the reader and the next correction; not stored in the shipped table (no API reads it).
#[derive(Clone, Copy)]
pub enum Source {
    Confirmed,
    Sample,
    Inferred,
    Guessed,
}

/// One field of one method. Kept to 16 bytes (217 rows): the container is a one-byte index into
/// [`CONTAINERS`] and enum value lists a one-byte [`Choice`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Field name: the input key and the XML element.
    pub name: &'static str,
    pub format: Format,
    /// CSV column ("Order" in the data dictionary).
    pub order: u16,
    container: u8,
    pub presence: Presence,
}

impl Field {
    /// Containing element, for nested fields (`s10TransactionReference`).
    #[inline]
    pub fn container(&self) -> Option<&'static str> {
        CONTAINERS
            .get(usize::from(self.container))
            .copied()
            .flatten()
    }

    /// Whether the field is at the top level of a record (no container): the fast path's test
    /// per key, without the table look-up.
    #[inline(always)]
    pub fn top_level(&self) -> bool {
        // Index 0 (and, as `container` reads it, any index past the table) is "no container".
        self.container == 0 || usize::from(self.container) >= CONTAINERS.len()
    }

    /// The same field at another column (layout overrides, `layout.rs`).
    pub fn with_order(self, order: u16) -> Field {
        Field { order, ..self }
    }

    /// The same field with another presence (layout overrides borrow fields as optional).
    pub fn with_presence(self, presence: Presence) -> Field {
        Field { presence, ..self }
    }
}

/// Containers of nested fields; index 0 = top level.
const CONTAINERS: [Option<&str>; 5] = [
    None,
    Some("s10TransactionReference"),
    Some("s10FromTransactionReference"),
    Some("fraudData"),
    Some("subMerchantAddress"),
];
const S10: u8 = 1;
const S10_FROM: u8 = 2;
const FRAUD: u8 = 3;
const ADDRESS: u8 = 4;

/// One batch method.
#[derive(Debug, PartialEq, Eq)]
pub struct Method {
    /// Name as in the data dictionary and the XML element (`walletCredit`).
    pub name: &'static str,
    /// Token of the CSV body line (`WALLETCREDIT`).
    pub token: &'static str,
    /// Fields in Order (column 2 first).
    pub fields: &'static [Field],
    /// The method identifies an existing transaction to act on (`fromTransactionReference` for
    /// duplicate, `transactionReference` for the cash-management methods).
    pub acts_on_existing: bool,
}

impl Method {
    /// The method's data-dictionary page (built on demand: no API ships the URLs).
    pub fn url(&self) -> String {
        format!("{DICTIONARY_URL}{}.html", self.name.to_ascii_lowercase())
    }

    /// The field at CSV column `order`.
    pub fn field_at(&self, order: u16) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.order == order)
    }

    /// Number of columns of a request line (method token and recordSequence included).
    pub fn columns(&self) -> usize {
        self.fields
            .iter()
            .map(|f| usize::from(f.order))
            .max()
            .unwrap_or(1)
            + 1
    }
}

use Format::*;
use Presence::{Optional as O, Required as R};
use Source::{Confirmed as C, Guessed as G, Inferred as I, Sample as S};

/// A top-level field. `_source` is the row's confidence mark, for the reader only.
const fn f(
    order: u16,
    name: &'static str,
    format: Format,
    presence: Presence,
    _source: Source,
) -> Field {
    n(order, 0, name, format, presence, _source)
}

/// A field nested in container `container` (an index into [`CONTAINERS`]).
const fn n(
    order: u16,
    container: u8,
    name: &'static str,
    format: Format,
    presence: Presence,
    _source: Source,
) -> Field {
    Field {
        name,
        format,
        order,
        container,
        presence,
    }
}

/// Fields holding card data: never printed by `Debug` (validation messages never quote values).
pub const SECRET_FIELDS: &[&str] = &["cardNumber", "cardCSCValue"];

/// `captureMode` values (reference §1.6, eopayment `sips2.py`).
pub const CAPTURE_MODES: &[&str] = &["AUTHOR_CAPTURE", "IMMEDIATE", "VALIDATION"];
/// `panType` values: a card number or a token in `cardNumber` [Guessed: Sips 2.0 JSON values].
pub const PAN_TYPES: &[&str] = &["PAN", TOKEN_PAN];
/// The `panType` of a token in `cardNumber` (then up to 128 letters and digits, not 10–19 digits).
pub const TOKEN_PAN: &str = "TOKEN_PAN";

const MERCHANT_ID: Format = Digits(15, 15);
const TRANSACTION_REFERENCE: Format = Alnum(35);
const S10_ID: Format = Digits(1, 6);

/// walletCredit: every column fixed by the published CSV sample, names by the XML sample.
static WALLET_CREDIT: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, C),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, S),
    f(4, "amount", Amount, R, C),
    f(5, "merchantWalletId", Text(21), R, C),
    f(6, "paymentMeanId", Text(32), R, C),
    f(7, "currencyCode", Currency, R, C),
    f(8, "customerEmail", Text(128), O, S),
    f(9, "customerId", Text(19), O, S),
    f(10, "customerIpAddress", Text(45), O, S),
    f(11, "orderChannel", Text(20), O, S),
    f(12, "orderId", Text(32), O, S),
    f(13, "returnContext", Text(255), O, S),
    f(14, "transactionOrigin", Text(20), O, S),
    n(15, S10, "s10TransactionId", S10_ID, O, S),
    n(16, S10, "s10TransactionIdDate", Date, O, S),
    f(17, "statementReference", Text(255), O, S),
    f(18, "settlementArchivingReference", Text(64), O, S),
    f(19, "settlementMerchantSpecificData", Text(255), O, S),
];

/// The 11 `fraudData` columns shared by cardOrder and walletOrder: positions fixed by the samples,
/// names guessed from the Sips 2.0 `fraudData` container (alphabetical country/area lists).
macro_rules! fraud_fields {
    ($start:expr) => {
        [
            n($start, FRAUD, "bypass3DS", Text(20), O, G),
            n($start + 1, FRAUD, "bypassCtrlList", Text(255), O, G),
            n($start + 2, FRAUD, "bypassInfoList", Text(255), O, G),
            n($start + 3, FRAUD, "allowedCardArea", Text(255), O, G),
            n($start + 4, FRAUD, "allowedCardCountryList", Text(255), O, G),
            n($start + 5, FRAUD, "allowedIpArea", Text(255), O, G),
            n($start + 6, FRAUD, "allowedIpCountryList", Text(255), O, G),
            n($start + 7, FRAUD, "deniedCardArea", Text(255), O, G),
            n($start + 8, FRAUD, "deniedCardCountryList", Text(255), O, G),
            n($start + 9, FRAUD, "deniedIpArea", Text(255), O, G),
            n($start + 10, FRAUD, "deniedIpCountryList", Text(255), O, G),
        ]
    };
}

/// The sub-merchant columns ending cardOrder and walletOrder: positions fixed by the samples,
/// names from the sample values (`subMerchantCategoryCode`…) and the Sips address container
/// (original fields alphabetical, later additions appended).
macro_rules! sub_merchant_fields {
    ($start:expr) => {
        [
            f($start, "subMerchantId", Digits(1, 15), O, S),
            f($start + 1, "subMerchantCategoryCode", Text(40), O, S),
            f($start + 2, "subMerchantLegalId", Text(40), O, S),
            f($start + 3, "subMerchantName", Text(64), O, S),
            n($start + 4, ADDRESS, "city", Text(50), O, G),
            n($start + 5, ADDRESS, "country", Text(3), O, G),
            n($start + 6, ADDRESS, "street", Text(50), O, G),
            n($start + 7, ADDRESS, "streetNumber", Text(10), O, G),
            n($start + 8, ADDRESS, "zipCode", Text(10), O, G),
            n($start + 9, ADDRESS, "addressAdditional1", Text(50), O, G),
            n($start + 10, ADDRESS, "addressAdditional2", Text(50), O, G),
            n($start + 11, ADDRESS, "addressAdditional3", Text(50), O, G),
            n($start + 12, ADDRESS, "postBox", Text(50), O, G),
            n($start + 13, ADDRESS, "state", Text(50), O, G),
            f($start + 14, "subMerchantUrl", Text(255), O, S),
        ]
    };
}

const CARD_ORDER_FRAUD: [Field; 11] = fraud_fields!(23);
const CARD_ORDER_SUB: [Field; 15] = sub_merchant_fields!(48);
const WALLET_ORDER_FRAUD: [Field; 11] = fraud_fields!(21);
const WALLET_ORDER_SUB: [Field; 15] = sub_merchant_fields!(40);

/// cardOrder: the published CSV sample has 62 columns; Orders 4, 9, 10, 11, 12 are confirmed on
/// the Worldline page, names up to customerId by the XML sample.
static CARD_ORDER: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, S),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, S),
    f(4, "amount", Amount, R, C),
    f(5, "captureDay", Digits(1, 2), O, S),
    f(6, "captureMode", Enum(Choice::CaptureMode), O, S),
    f(7, "cardCSCValue", Digits(3, 4), O, S),
    f(8, "cardEffectiveDate", Digits(6, 8), O, S),
    // Required for a card number, `''` for a card with none ("empty if the card has no expiry
    // date"): see rules.rs `card_data` and validate.rs.
    f(9, "cardExpiryDate", Digits(6, 8), O, C),
    f(10, "cardNumber", Text(128), R, C),
    // Listed as required on the Worldline page, but absent from the XML sample: kept optional.
    f(11, "cardSeqNumber", Digits(1, 3), O, C),
    f(12, "currencyCode", Currency, R, C),
    f(13, "customerEmail", Text(128), O, S),
    f(14, "customerId", Text(19), O, S),
    f(15, "customerIpAddress", Text(45), O, S),
    f(16, "merchantTransactionDateTime", DateTime, O, S),
    f(17, "orderChannel", Text(20), O, S),
    f(18, "orderId", Text(32), O, S),
    f(19, "paymentPattern", Text(20), O, S),
    f(20, "returnContext", Text(255), O, S),
    f(21, "statementReference", Text(255), O, S),
    f(22, "transactionOrigin", Text(20), O, S),
    CARD_ORDER_FRAUD[0],
    CARD_ORDER_FRAUD[1],
    CARD_ORDER_FRAUD[2],
    CARD_ORDER_FRAUD[3],
    CARD_ORDER_FRAUD[4],
    CARD_ORDER_FRAUD[5],
    CARD_ORDER_FRAUD[6],
    CARD_ORDER_FRAUD[7],
    CARD_ORDER_FRAUD[8],
    CARD_ORDER_FRAUD[9],
    CARD_ORDER_FRAUD[10],
    f(34, "panType", Enum(Choice::PanType), O, G),
    f(35, "accordSettlementMode", Text(50), O, G),
    f(36, "settlementMode", Text(50), O, S),
    f(37, "initialCavv", Text(64), O, S),
    f(38, "merchantAuthentMethod", Text(50), O, S),
    f(39, "merchantAuthentDate", Date, O, G),
    n(40, S10, "s10TransactionId", S10_ID, O, S),
    n(41, S10, "s10TransactionIdDate", Date, O, S),
    f(42, "paymentMeanBrand", Text(32), O, S),
    f(43, "paymentMeanBrandSelectionStatus", Text(50), O, S),
    f(44, "initialSchemeTransactionIdentifier", Text(64), O, S),
    f(45, "settlementArchivingReference", Text(64), O, S),
    f(46, "settlementMerchantSpecificData", Text(255), O, S),
    f(47, "invoiceReference", Text(64), O, S),
    CARD_ORDER_SUB[0],
    CARD_ORDER_SUB[1],
    CARD_ORDER_SUB[2],
    CARD_ORDER_SUB[3],
    CARD_ORDER_SUB[4],
    CARD_ORDER_SUB[5],
    CARD_ORDER_SUB[6],
    CARD_ORDER_SUB[7],
    CARD_ORDER_SUB[8],
    CARD_ORDER_SUB[9],
    CARD_ORDER_SUB[10],
    CARD_ORDER_SUB[11],
    CARD_ORDER_SUB[12],
    CARD_ORDER_SUB[13],
    CARD_ORDER_SUB[14],
];

/// walletOrder: the published CSV sample has 54 columns; names up to paymentMeanId by the XML
/// sample, `w01` at column 17 is the merchantWalletId of the walletCredit sample.
static WALLET_ORDER: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, S),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, S),
    f(4, "amount", Amount, R, S),
    f(5, "captureDay", Digits(1, 2), O, S),
    f(6, "captureMode", Enum(Choice::CaptureMode), O, S),
    f(7, "currencyCode", Currency, R, S),
    f(8, "customerEmail", Text(128), O, S),
    f(9, "customerId", Text(19), O, S),
    f(10, "customerIpAddress", Text(45), O, S),
    f(11, "merchantTransactionDateTime", DateTime, O, S),
    f(12, "orderChannel", Text(20), O, S),
    f(13, "orderId", Text(32), O, S),
    f(14, "paymentMeanId", Text(32), R, S),
    f(15, "returnContext", Text(255), O, S),
    f(16, "statementReference", Text(255), O, S),
    f(17, "merchantWalletId", Text(21), R, S),
    f(18, "transactionOrigin", Text(20), O, S),
    f(19, "cardCSCValue", Digits(3, 4), O, S),
    f(20, "paymentPattern", Text(20), O, S),
    WALLET_ORDER_FRAUD[0],
    WALLET_ORDER_FRAUD[1],
    WALLET_ORDER_FRAUD[2],
    WALLET_ORDER_FRAUD[3],
    WALLET_ORDER_FRAUD[4],
    WALLET_ORDER_FRAUD[5],
    WALLET_ORDER_FRAUD[6],
    WALLET_ORDER_FRAUD[7],
    WALLET_ORDER_FRAUD[8],
    WALLET_ORDER_FRAUD[9],
    WALLET_ORDER_FRAUD[10],
    n(32, S10, "s10TransactionId", S10_ID, O, S),
    n(33, S10, "s10TransactionIdDate", Date, O, S),
    f(34, "initialSchemeTransactionIdentifier", Text(64), O, S),
    f(35, "paymentMeanBrand", Text(32), O, S),
    f(36, "settlementArchivingReference", Text(64), O, S),
    f(37, "settlementMerchantSpecificData", Text(255), O, S),
    f(38, "paymentMeanBrandSelectionStatus", Text(50), O, S),
    f(39, "merchantAuthentMethod", Text(50), O, S),
    WALLET_ORDER_SUB[0],
    WALLET_ORDER_SUB[1],
    WALLET_ORDER_SUB[2],
    WALLET_ORDER_SUB[3],
    WALLET_ORDER_SUB[4],
    WALLET_ORDER_SUB[5],
    WALLET_ORDER_SUB[6],
    WALLET_ORDER_SUB[7],
    WALLET_ORDER_SUB[8],
    WALLET_ORDER_SUB[9],
    WALLET_ORDER_SUB[10],
    WALLET_ORDER_SUB[11],
    WALLET_ORDER_SUB[12],
    WALLET_ORDER_SUB[13],
    WALLET_ORDER_SUB[14],
];

/// cancel: Orders 1, 2, 4, 5 confirmed; the page names `amount` (not operationAmount).
static CANCEL: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, C),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, I),
    f(4, "amount", Amount, R, C),
    f(5, "currencyCode", Currency, R, C),
    f(6, "operationOrigin", Text(20), O, G),
    n(7, S10, "s10TransactionId", S10_ID, O, G),
    n(8, S10, "s10TransactionIdDate", Date, O, G),
];

/// validate: Orders 2, 4, 5 confirmed; lastRecoveryIndicator is listed as optional (XML
/// interface version 7), its column is guessed.
static VALIDATE: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, C),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, I),
    f(4, "operationAmount", Amount, R, C),
    f(5, "currencyCode", Currency, R, C),
    f(6, "operationOrigin", Text(20), O, G),
    n(7, S10, "s10TransactionId", S10_ID, O, G),
    n(8, S10, "s10TransactionIdDate", Date, O, G),
    f(9, "lastRecoveryIndicator", Enum(Choice::YesNo), O, G),
];

/// refund: the Office JSON refund names operationAmount; the batch page was not readable.
static REFUND: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, I),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, I),
    f(4, "operationAmount", Amount, R, I),
    f(5, "currencyCode", Currency, R, I),
    f(6, "operationOrigin", Text(20), O, G),
    n(7, S10, "s10TransactionId", S10_ID, O, G),
    n(8, S10, "s10TransactionIdDate", Date, O, G),
];

/// duplicate: amount 4 and currencyCode 5 confirmed, fromTransactionReference named on the page;
/// the rest follows the Office JSON duplicate field list.
static DUPLICATE: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, I),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, I),
    f(4, "amount", Amount, R, C),
    f(5, "currencyCode", Currency, R, C),
    f(6, "fromMerchantId", MERCHANT_ID, O, G),
    f(7, "fromTransactionReference", TRANSACTION_REFERENCE, O, G),
    f(8, "captureDay", Digits(1, 2), O, G),
    f(9, "captureMode", Enum(Choice::CaptureMode), O, G),
    f(10, "customerEmail", Text(128), O, G),
    f(11, "customerId", Text(19), O, G),
    f(12, "customerIpAddress", Text(45), O, G),
    f(13, "orderChannel", Text(20), O, G),
    f(14, "orderId", Text(32), O, G),
    f(15, "returnContext", Text(255), O, G),
    f(16, "statementReference", Text(255), O, G),
    f(17, "transactionOrigin", Text(20), O, G),
    n(18, S10, "s10TransactionId", S10_ID, O, G),
    n(19, S10, "s10TransactionIdDate", Date, O, G),
    n(20, S10_FROM, "s10FromTransactionId", S10_ID, O, G),
    n(21, S10_FROM, "s10FromTransactionIdDate", Date, O, G),
];

/// acceptChallenge: merchantId 2, operationOrigin 5, comment 6 and s10TransactionReference 7 read on
/// its page; the CSV sample (`ACCEPTCHALLENGE;1;<merchantId>;<transactionReference>;valid;origin;
/// comment;101;20210329`) and the XML sample (`validationIndicator` between `transactionReference`
/// and `operationOrigin`) fix columns 3 and 4. Lengths of `validationIndicator` and `comment` are the
/// Office JSON reader's (office/validate.rs) [uncertain]. (Until the seventeenth pass both challenge
/// methods shared one guessed layout without `validationIndicator` and `comment`: every column from
/// 4 on was shifted; a helper's audit against the pages.)
static ACCEPT_CHALLENGE: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, C),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, S),
    f(4, "validationIndicator", Text(10), O, S),
    f(5, "operationOrigin", Text(20), O, C),
    f(6, "comment", Text(255), O, C),
    n(7, S10, "s10TransactionId", S10_ID, O, C),
    n(8, S10, "s10TransactionIdDate", Date, O, C),
];

/// refuseChallenge: merchantId 2, operationOrigin 4, comment 5 and s10TransactionReference 6 read on
/// its page; its CSV sample (`REFUSECHALLENGE;10;<merchantId>;<transactionReference>;origin;comment;
/// 101;20210329`) fixes column 3.
static REFUSE_CHALLENGE: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, C),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, S),
    f(4, "operationOrigin", Text(20), O, C),
    f(5, "comment", Text(255), O, C),
    n(6, S10, "s10TransactionId", S10_ID, O, C),
    n(7, S10, "s10TransactionIdDate", Date, O, C),
];

/// credit: card data or a token (`cardNumber` with `panType` TOKEN_PAN), laid out like cardOrder.
static CREDIT: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, I),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, I),
    f(4, "amount", Amount, R, I),
    f(5, "cardEffectiveDate", Digits(6, 8), O, G),
    f(6, "cardExpiryDate", Digits(6, 8), O, G),
    f(7, "cardNumber", Text(128), R, G),
    f(8, "cardSeqNumber", Digits(1, 3), O, G),
    f(9, "currencyCode", Currency, R, G),
    f(10, "customerEmail", Text(128), O, G),
    f(11, "customerId", Text(19), O, G),
    f(12, "customerIpAddress", Text(45), O, G),
    f(13, "orderChannel", Text(20), O, G),
    f(14, "orderId", Text(32), O, G),
    f(15, "returnContext", Text(255), O, G),
    f(16, "statementReference", Text(255), O, G),
    f(17, "transactionOrigin", Text(20), O, G),
    f(18, "panType", Enum(Choice::PanType), O, G),
    n(19, S10, "s10TransactionId", S10_ID, O, G),
    n(20, S10, "s10TransactionIdDate", Date, O, G),
    f(21, "paymentMeanBrand", Text(32), O, G),
];

/// directDebitOrder: SEPA direct debit on a registered mandate (`mandateId`).
static DIRECT_DEBIT_ORDER: &[Field] = &[
    f(2, "merchantId", MERCHANT_ID, R, I),
    f(3, "transactionReference", TRANSACTION_REFERENCE, O, I),
    f(4, "amount", Amount, R, I),
    f(5, "captureDay", Digits(1, 2), O, G),
    f(6, "captureMode", Enum(Choice::CaptureMode), O, G),
    f(7, "currencyCode", Currency, R, G),
    f(8, "customerEmail", Text(128), O, G),
    f(9, "customerId", Text(19), O, G),
    f(10, "customerIpAddress", Text(45), O, G),
    f(11, "mandateId", Text(35), R, G),
    f(12, "orderChannel", Text(20), O, G),
    f(13, "orderId", Text(32), O, G),
    f(14, "returnContext", Text(255), O, G),
    f(15, "statementReference", Text(255), O, G),
    f(16, "transactionOrigin", Text(20), O, G),
    f(17, "paymentMeanBrand", Text(32), O, G),
    n(18, S10, "s10TransactionId", S10_ID, O, G),
    n(19, S10, "s10TransactionIdDate", Date, O, G),
];

const SOB: &str = "https://documentation.sogenactif.com/en/data-dictionary/sob/";

/// The 11 Office Batch methods, in the order of the Sogenactif index page.
pub static METHODS: &[Method] = &[
    Method {
        name: "credit",
        token: "CREDIT",
        fields: CREDIT,
        acts_on_existing: false,
    },
    Method {
        name: "acceptChallenge",
        token: "ACCEPTCHALLENGE",
        fields: ACCEPT_CHALLENGE,
        acts_on_existing: true,
    },
    Method {
        name: "cancel",
        token: "CANCEL",
        fields: CANCEL,
        acts_on_existing: true,
    },
    Method {
        name: "cardOrder",
        token: "CARDORDER",
        fields: CARD_ORDER,
        acts_on_existing: false,
    },
    Method {
        name: "directDebitOrder",
        token: "DIRECTDEBITORDER",
        fields: DIRECT_DEBIT_ORDER,
        acts_on_existing: false,
    },
    Method {
        name: "duplicate",
        token: "DUPLICATE",
        fields: DUPLICATE,
        acts_on_existing: false,
    },
    Method {
        name: "refund",
        token: "REFUND",
        fields: REFUND,
        acts_on_existing: true,
    },
    Method {
        name: "refuseChallenge",
        token: "REFUSECHALLENGE",
        fields: REFUSE_CHALLENGE,
        acts_on_existing: true,
    },
    Method {
        name: "validate",
        token: "VALIDATE",
        fields: VALIDATE,
        acts_on_existing: true,
    },
    Method {
        name: "walletCredit",
        token: "WALLETCREDIT",
        fields: WALLET_CREDIT,
        acts_on_existing: false,
    },
    Method {
        name: "walletOrder",
        token: "WALLETORDER",
        fields: WALLET_ORDER,
        acts_on_existing: false,
    },
];

/// Base of the data-dictionary pages (for messages).
pub const DICTIONARY_URL: &str = SOB;

/// The method named `name` (`walletCredit`).
pub fn method(name: &str) -> Option<&'static Method> {
    METHODS
        .iter()
        .find(|m| crate::codec::swar::same(m.name, name))
}

/// The method whose CSV token is `token` (`WALLETCREDIT`).
pub fn method_by_token(token: &str) -> Option<&'static Method> {
    METHODS.iter().find(|m| m.token == token)
}

/// Result fields of a response line, written after the echoed request columns.
///
/// Assumption [Guessed]: the response layout is not published in what we could read. We take each
/// response line to echo the request line (same columns, same Order) and to append these columns.
/// Only `responseCode` must be present; a shorter line is malformed, longer lines are accepted
/// (extra trailing columns are returned as `extra`).
pub static RESULT_FIELDS: &[(&str, Format, Presence)] = &[
    ("responseCode", Digits(2, 2), Presence::Required),
    ("acquirerResponseCode", Text(2), Presence::Optional),
    ("authorisationId", Text(10), Presence::Optional),
];

#[cfg(test)]
mod tests;
