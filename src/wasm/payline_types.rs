//! TypeScript declarations of the Payline options and answers, by tsify (declaration only). The
//! request parameters are not declared here: `pkg-template/types/payline_requests.d.ts` is written
//! from the request tables the validator walks (`crate::payline::typegen`, issue 9). The answers are
//! what `crate::payline::decode` builds.
#![allow(dead_code)]

use serde::Serialize;
use tsify::Tsify;

/// `'homologation'` (default) or `'production'`.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum PaylineEnvironment {
    Homologation,
    Production,
}

/// Credentials and endpoint of a Payline merchant account.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineOptions {
    /// Your merchant id (sent as the HTTP Basic user).
    #[tsify(type = "string | number")]
    pub merchant_id: String,
    /// The access key from the administration centre (HTTP Basic password).
    pub access_key: String,
    /// `'homologation'` (default) or `'production'`.
    #[tsify(optional)]
    pub environment: Option<PaylineEnvironment>,
    /// Replaces the environment's base URL (everything before `/DirectPaymentAPI`).
    #[tsify(optional)]
    pub base_url: Option<String>,
}

/// `result` of every answer, plus `accepted` from the return-code table.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineResult {
    /// Five digits, e.g. `'00000'`, `'02620'`.
    pub code: String,
    /// Status word: `ACCEPTED`, `REFUSED`, `ERROR`, `CANCELLED`, …
    #[tsify(optional)]
    pub short_message: Option<String>,
    #[tsify(optional)]
    pub long_message: Option<String>,
    #[tsify(optional)]
    pub partner_code: Option<String>,
    #[tsify(optional)]
    pub partner_code_label: Option<String>,
    /// True when the code is one Payline documents as accepted.
    pub accepted: bool,
}

/// `transaction` of an answer. The listed values are strings as Payline wrote them; undeclared elements
/// (`avs`, `scoring`, `fraudResultDetails`, …) are there too, as strings or plain objects.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineTransaction {
    /// Opaque id (may exceed 2^53: always a string). Absent when Payline wrote it empty (a refusal may).
    #[tsify(optional)]
    pub id: Option<String>,
    /// As written: `dd/MM/yy HH:mm[:ss]` or `dd/MM/yyyy HH:mm[:ss]`.
    #[tsify(optional)]
    pub date: Option<String>,
    /// `date` as ISO 8601 `YYYY-MM-DDTHH:MM:SS` (Payline's wall clock: Paris time, no offset).
    #[tsify(optional)]
    pub date_iso: Option<String>,
    #[tsify(optional, type = "'0' | '1'")]
    pub is_duplicated: Option<String>,
    #[tsify(optional, type = "'0' | '1'")]
    pub is_possible_fraud: Option<String>,
    #[tsify(optional)]
    pub fraud_result: Option<String>,
    #[tsify(optional)]
    pub explanation: Option<String>,
    #[tsify(optional)]
    pub three_d_secure: Option<String>,
    #[tsify(optional)]
    pub score: Option<String>,
    #[tsify(optional)]
    pub r#type: Option<String>,
}

/// A decoded answer, named as in the WSDL. Elements not declared here (`miscData`,
/// `authentication3DSecure`, …) are on the object too, as strings or plain objects of strings: read
/// them with a cast (the declaration stays closed so that a misspelt field is caught).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineResponse {
    pub result: PaylineResult,
    #[tsify(optional)]
    pub transaction: Option<PaylineTransaction>,
    #[tsify(optional, type = "Record<string, unknown>")]
    pub authorization: Option<String>,
    #[tsify(optional)]
    pub payment: Option<PaylineAnswerPayment>,
    #[tsify(optional, type = "Record<string, unknown>")]
    pub order: Option<String>,
    #[tsify(optional, type = "Record<string, unknown>")]
    pub card: Option<String>,
    #[tsify(optional, type = "Record<string, unknown>")]
    pub extended_card: Option<String>,
    /// An entry whose key or value Payline wrote empty or nil has no such property (an empty element is absent).
    #[tsify(optional, type = "{ key?: string; value?: string }[]")]
    pub private_data_list: Option<String>,
    #[tsify(optional)]
    pub contract_number: Option<String>,
    #[tsify(optional)]
    pub linked_transaction_id: Option<String>,
    #[tsify(optional)]
    pub re_authorization: Option<String>,
    /// The operations on the transaction (getTransactionDetails with `transactionHistory: 'Y'`): what
    /// tells whether a capture or refund whose answer was lost went through.
    #[tsify(optional)]
    pub associated_transactions_list: Option<Vec<PaylineAssociatedTransaction>>,
    /// Its status changes (getTransactionDetails with `transactionHistory: 'Y'`).
    #[tsify(optional)]
    pub status_history_list: Option<Vec<PaylineStatusHistory>>,
    #[tsify(optional)]
    pub media: Option<String>,
}

/// `payment` of an answer, the WSDL's `payment` type (4.77): every value a string as Payline wrote it,
/// `amount` in minor units (`'1000'`, not `1000`).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineAnswerPayment {
    /// Minor units, as text: `'1000'` for 10.00 EUR.
    #[tsify(optional)]
    pub amount: Option<String>,
    /// ISO 4217 numeric, as text: `'978'`.
    #[tsify(optional)]
    pub currency: Option<String>,
    /// `'100'` authorization, `'101'` authorization + capture, `'201'` capture, `'421'` refund, …
    #[tsify(optional)]
    pub action: Option<String>,
    /// `'CPT'`, `'DIF'`, `'NX'`, `'REC'`.
    #[tsify(optional)]
    pub mode: Option<String>,
    #[tsify(optional)]
    pub contract_number: Option<String>,
    #[tsify(optional)]
    pub differed_action_date: Option<String>,
    #[tsify(optional)]
    pub method: Option<String>,
    #[tsify(optional)]
    pub soft_descriptor: Option<String>,
    #[tsify(optional)]
    pub card_brand: Option<String>,
    #[tsify(optional)]
    pub registration_token: Option<String>,
    #[tsify(optional)]
    pub cumulated_amount: Option<String>,
}

/// One operation of `associatedTransactionsList` (the WSDL's `associatedTransactions`, 4.77): strings as
/// Payline wrote them.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineAssociatedTransaction {
    #[tsify(optional)]
    pub transaction_id: Option<String>,
    /// The operation, as Payline names it: `'AUTHOR'`, `'CAPTURE'`, `'RESET'`, `'REFUND'`, `'CREDIT'`,
    /// `'AUTHOR+CAP'`, `'REAUTHO'`, `'REAUTH+CAP'`, `'DEBIT'`, … (Monext's "associatedTransactions" page).
    #[tsify(optional)]
    pub r#type: Option<String>,
    /// `'OK'` or `'KO'`: whether that operation was done (the same page).
    #[tsify(optional)]
    pub status: Option<String>,
    /// Minor units, as text (`'1000'`).
    #[tsify(optional)]
    pub amount: Option<String>,
    #[tsify(optional)]
    pub currency: Option<String>,
    #[tsify(optional)]
    pub date: Option<String>,
    /// `date` as ISO 8601, wall-clock time without an offset (Paris', as far as remise's notes go) and to
    /// the second at best, as remise adds beside every date: `new Date(dateIso)` reads it in the host's
    /// zone, so compare it as text or as Paris time.
    #[tsify(optional)]
    pub date_iso: Option<String>,
    #[tsify(optional)]
    pub origin_transaction_id: Option<String>,
}

/// One entry of `statusHistoryList` (the WSDL's `statusHistory`, 4.77): strings as Payline wrote them.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineStatusHistory {
    #[tsify(optional)]
    pub transaction_id: Option<String>,
    #[tsify(optional)]
    pub date: Option<String>,
    /// `date` as ISO 8601 (Payline's wall clock: Paris time, no offset).
    #[tsify(optional)]
    pub date_iso: Option<String>,
    #[tsify(optional)]
    pub status: Option<String>,
    /// Minor units, as text (`'1000'`).
    #[tsify(optional)]
    pub amount: Option<String>,
    #[tsify(optional)]
    pub fees: Option<String>,
    #[tsify(optional)]
    pub origin_transaction_id: Option<String>,
    #[tsify(optional)]
    pub amount_value: Option<String>,
    #[tsify(optional)]
    pub amount_currency: Option<String>,
    #[tsify(optional)]
    pub fees_value: Option<String>,
    #[tsify(optional)]
    pub fees_currency: Option<String>,
}

/// A row of the return-code table.
#[derive(Serialize, Tsify)]
pub struct PaylineResultCode {
    pub code: String,
    /// `ACCEPTED`, `REFUSED`, `ERROR`, `CANCELLED`, …, or `UNKNOWN` outside the table.
    pub status: String,
    pub message: String,
    pub accepted: bool,
}

/// What remise knows of the original authorization, for `checkReAuthorization`.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineOriginalTransaction {
    /// Creation date: a `Date`, ISO 8601, or Payline's `dd/mm/yy HH:mm:ss` (Paris time without an offset).
    #[tsify(type = "string | Date")]
    pub date: String,
    #[tsify(type = "string | number")]
    pub currency: String,
    #[tsify(optional)]
    pub contract_number: Option<String>,
    #[tsify(optional)]
    pub order_ref: Option<String>,
    #[tsify(optional)]
    pub transaction_id: Option<String>,
    /// The original's `result.code`: a refused one (status `REFUSED`) cannot be re-authorized.
    #[tsify(optional)]
    pub result_code: Option<String>,
    /// The original's `payment.action`: 421 (refund) and 422 (credit) cannot be re-authorized.
    #[tsify(optional, type = "string | number")]
    pub action: Option<String>,
}

/// A warning of `checkReAuthorization`.
#[derive(Serialize, Tsify)]
pub struct PaylineWarning {
    #[tsify(
        type = "'ORDER_REF_FROM_ORIGINAL' | 'DUPLICATE_WITHIN_24H' | 'CONTRACT_NUMBER_MISSING'"
    )]
    pub code: String,
    pub message: String,
}

/// The result of a passed `checkReAuthorization`.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PaylineReAuthorizationCheck {
    pub warnings: Vec<PaylineWarning>,
    /// The order reference the re-authorization would carry: the one given, else the original's
    /// (Payline's default), when known.
    #[tsify(optional)]
    pub order_ref: Option<String>,
    /// True when `order.ref` is not given: Payline would take the original transaction's order
    /// reference (`orderRef` holds it when remise knows it); a warning says to give one of the
    /// re-authorization's own (`request` refuses it missing), by which `getTransactionDetails({ orderRef })`
    /// finds it if its answer is lost.
    pub order_ref_from_original: bool,
}
