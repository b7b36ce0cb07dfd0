//! Sips 2.0 `responseCode` values, shared by Office JSON and Office Batch responses.
//!
//! Source: https://documentation.sogenactif.com/en/data-dictionary/inappresponsecode.html (N2),
//! cross-checked with the eopayment `sips2.py` list; reference sogenactif.md §2.1 [confirmed].
//! `retryable` is our reading: only "temporarily unavailable" (90) is worth sending again
//! unchanged. 99 ("temporary problem at server level") may come after the operation was done, so
//! it is not: sending a refund again could refund twice (a helper's attack on the batch report,
//! which said "send the record again"). Correct a row here and every caller follows.

use serde::Serialize;

/// One row of the response-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ResponseCode {
    pub code: &'static str,
    pub message: &'static str,
    /// The operation was accepted (`00`).
    pub accepted: bool,
    /// Sending the same request again later may succeed.
    pub retryable: bool,
}

const fn row(code: &'static str, message: &'static str, retryable: bool) -> ResponseCode {
    ResponseCode {
        code,
        message,
        accepted: matches!(code.as_bytes(), b"00"),
        retryable,
    }
}

/// The Sips 2.0 response codes.
pub static RESPONSE_CODES: &[ResponseCode] = &[
    row("00", "success: the operation was accepted", false),
    row("01", "partial success (panToToken / tokenToPan only)", false),
    row("02", "authorisation to be requested by phone: the card threshold was exceeded", false),
    row("03", "invalid merchant contract: check merchantId and the contract with your bank", false),
    row("05", "authorisation refused", false),
    row("10", "enrolment status not available", false),
    row("11", "PAN blocked (deferred check)", false),
    row("12", "invalid transaction: check the request parameters", false),
    row("14", "invalid PAN or payment-mean data (e.g. CSC)", false),
    row("17", "cancelled by the buyer", false),
    row("24", "operation impossible: not compatible with the transaction's status, or another cash-management operation on this transaction is in progress", false),
    row("25", "transaction unknown to Sogenactif: check transactionReference or s10TransactionReference", false),
    row("30", "format error: a field does not have the expected format", false),
    row("34", "fraud suspicion, or a wrong seal: check the secret key and keyVersion", false),
    row("40", "function not supported: the operation is not among the merchant's authorised operation types", false),
    row("51", "amount too high", false),
    row("54", "the payment mean's expiry date has passed", false),
    row("55", "prepaid cards are not accepted", false),
    row("57", "refund refused: the original transaction had an unpaid", false),
    row("60", "transaction pending", false),
    row("62", "waiting for confirmation", false),
    row("63", "security rules not observed: transaction stopped", false),
    row("75", "too many PAN entry attempts", false),
    row("90", "service temporarily unavailable: try again later", true),
    row("94", "duplicated transaction: this transactionReference is already used", false),
    row("97", "time frame exceeded / session expired", false),
    row("99", "temporary problem at the server: an operation may have been done, check getTransactionData before sending it again", false),
];

/// The row for `code`, if the table knows it.
pub fn describe(code: &str) -> Option<&'static ResponseCode> {
    RESPONSE_CODES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests;
