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

/// The only code worth sending again unchanged (see the module's comment).
pub const RETRYABLE: &str = "90";

/// The table, sorted by code: one `"CODE message"` line per row, in one text (one `&str` for the
/// table instead of two per row, for wasm size; [`describe`] splits a row at its first space).
pub const RESPONSE_CODES: &str = concat!(
    "00 success: the operation was accepted\n",
    "01 partial success (panToToken / tokenToPan only)\n",
    "02 authorisation to be requested by phone: the card threshold was exceeded\n",
    "03 invalid merchant contract: check merchantId and the contract with your bank\n",
    "05 authorisation refused\n",
    "10 enrolment status not available\n",
    "11 PAN blocked (deferred check)\n",
    "12 invalid transaction: check the request parameters\n",
    "14 invalid PAN or payment-mean data (e.g. CSC)\n",
    "17 cancelled by the buyer\n",
    "24 operation impossible: not compatible with the transaction's status, or another cash-management operation on this transaction is in progress\n",
    "25 transaction unknown to Sogenactif: check transactionReference or s10TransactionReference\n",
    "30 format error: a field does not have the expected format\n",
    "34 fraud suspicion, or a wrong seal: check the secret key and keyVersion\n",
    "40 function not supported: the operation is not among the merchant's authorised operation types\n",
    "51 amount too high\n",
    "54 the payment mean's expiry date has passed\n",
    "55 prepaid cards are not accepted\n",
    "57 refund refused: the original transaction had an unpaid\n",
    "60 transaction pending\n",
    "62 waiting for confirmation\n",
    "63 security rules not observed: transaction stopped\n",
    "75 too many PAN entry attempts\n",
    "90 service temporarily unavailable: try again later\n",
    "94 duplicated transaction: this transactionReference is already used\n",
    "97 time frame exceeded / session expired\n",
    "99 temporary problem at the server: an operation may have been done, check getTransactionData before sending it again",
);

fn row(line: &'static str) -> Option<ResponseCode> {
    let (code, message) = line.split_once(' ')?;
    Some(ResponseCode {
        code,
        message,
        accepted: code == "00",
        retryable: code == RETRYABLE,
    })
}

/// Every row of the table, in order.
pub fn response_codes() -> impl Iterator<Item = ResponseCode> {
    RESPONSE_CODES.split('\n').filter_map(row)
}

/// The row for `code`, if the table knows it.
pub fn describe(code: &str) -> Option<ResponseCode> {
    response_codes().find(|r| r.code == code)
}

#[cfg(test)]
mod tests;
