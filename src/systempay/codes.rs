//! The documented REST V4 error codes (`answer.errorCode`), with a hint and whether resending the
//! same request may succeed.
//!
//! Sources (reference systempay.md §5): https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/errors-reference.html,
//! https://docs.lyra.com/en/rest/V4.0/api/errors_psp.html, https://docs.lyra.com/en/rest/V4.0/api/errors_acq.html,
//! Lyra's own plugins for PSP_083/099/100/108 and INT_016/999. "New error codes can be added in the
//! future": codes missing here still decode, they only lack a hint. `retryable` is our reading:
//! only PSP_099 ("too many attempts, retry later") says the same request may pass later; a
//! technical error (INT_999, PSP_999, ACQ_999) may have had effects, so it is not retryable.
//! Correct a row here and every caller follows.

/// One row of the error-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    pub code: &'static str,
    /// What the code means and what to do.
    pub hint: &'static str,
    pub retryable: bool,
}

/// The only code whose same request may pass later ("too many attempts, retry later").
pub const RETRYABLE: &str = "PSP_099";

/// The table, sorted by code: one `"CODE hint"` string per row (one `&str` per row instead of a
/// struct of two, for wasm size; [`describe`] splits a row at its first space).
pub static ERROR_CODES: &[&str] = &[
    "ACQ_001 payment refused by the acquirer: the acquirer's own refusal code is in detailedErrorCode",
    "ACQ_999 technical error at the acquirer: check the transaction with Transaction/Get before trying again",
    "INT_009 invalid amount format: send amount as an integer in minor units (UNCERTAIN meaning)",
    "INT_010 invalid currency: send an alpha-3 code of the systempay table, e.g. 'EUR', and for an operation on a transaction its own currency",
    "INT_015 invalid customer email: fix customer.email or leave it out",
    "INT_016 invalid customer reference: fix customer.reference or leave it out",
    "INT_902 the web service rejected the input data: the body must be a JSON object with valid fields",
    "INT_905 invalid login or password: check shopId and the REST API password, and that test and production keys are not mixed",
    "INT_999 technical error on the platform: check the transaction with Transaction/Get before trying again",
    "PSP_001 unauthorized action for this shop",
    "PSP_002 invalid attribute: check the request fields",
    "PSP_003 payment refused",
    "PSP_010 transaction not found: check the uuid (and that it belongs to this shop and mode)",
    "PSP_011 incorrect transaction status for this operation: read it with Transaction/Get (detailedStatus)",
    "PSP_012 transaction already exists",
    "PSP_013 date too far from the current date (UTC)",
    "PSP_014 no change: the update does not change anything",
    "PSP_015 too many results (Order/Get returns at most 30 transactions): narrow the query with operationType",
    "PSP_016 duplication forbidden for this transaction",
    "PSP_020 invalid amount: check amount against the transaction (what is left to refund, or the authorised amount)",
    "PSP_021 unknown currency",
    "PSP_022 unknown card type",
    "PSP_023 invalid expiry date",
    "PSP_024 CVV is mandatory",
    "PSP_025 unknown contract (MID)",
    "PSP_026 invalid card number",
    "PSP_027 no contract for this tid/mid",
    "PSP_030 token not found",
    "PSP_031 invalid token (cancelled or empty)",
    "PSP_032 subscriptionId not found",
    "PSP_033 invalid rrule, or the subscription is already cancelled",
    "PSP_034 token already exists",
    "PSP_035 token creation denied",
    "PSP_036 paymentMethodToken purged",
    "PSP_040 amount attribute not authorized",
    "PSP_041 card range not found",
    "PSP_042 insufficient funds",
    "PSP_043 refund not allowed for this MID",
    "PSP_050 no brand for this card",
    "PSP_051 merchant not enrolled for 3D Secure",
    "PSP_052 invalid ACS signature",
    "PSP_053 3D Secure technical error",
    "PSP_054 invalid 3D Secure parameter",
    "PSP_055 3D Secure disabled",
    "PSP_056 PAN not found",
    "PSP_057 invalid acquirer-specific data",
    "PSP_075 cancellation impossible: the transaction is captured, refund it instead (Transaction/Refund or resolutionMode REFUND_ONLY)",
    "PSP_076 refund not yet available: the transaction is not captured yet, cancel it instead (Transaction/Cancel, or Transaction/Update for a lower amount)",
    "PSP_083 a transaction that went to chargeback cannot be refunded",
    "PSP_099 too many attempts: wait and retry later",
    "PSP_100 the shop's offer does not include the REST web services: contact the platform's sales team",
    "PSP_104 nothing left to refund: the transaction is already fully refunded (the platform's wording is 'already paid in full')",
    "PSP_105 the transaction is already cancelled",
    "PSP_108 the form (formToken) has expired: create a new payment",
    "PSP_999 error during the payment process: check the transaction with Transaction/Get before trying again",
];

fn info(row: &'static str) -> Option<ErrorInfo> {
    let (code, hint) = row.split_once(' ')?;
    Some(ErrorInfo {
        code,
        hint,
        retryable: code == RETRYABLE,
    })
}

/// Every row of the table, in order.
pub fn error_codes() -> impl Iterator<Item = ErrorInfo> {
    ERROR_CODES.iter().filter_map(|r| info(r))
}

/// The row of `code`, if documented.
pub fn describe(code: &str) -> Option<ErrorInfo> {
    error_codes().find(|r| r.code == code)
}

#[cfg(test)]
mod tests;
