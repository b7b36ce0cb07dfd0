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

/// The table, sorted by code: one `"CODE hint"` line per row, in one text (one `&str` for the
/// table instead of one per row, for wasm size; [`describe`] splits a row at its first space).
pub const ERROR_CODES: &str = concat!(
    "ACQ_001 payment refused by the acquirer: the acquirer's own refusal code is in detailedErrorCode\n",
    "ACQ_999 technical error at the acquirer: check the transaction with Transaction/Get before trying again\n",
    "INT_009 invalid amount format: send amount as an integer in minor units (UNCERTAIN meaning)\n",
    "INT_010 invalid currency: send an alpha-3 code of the systempay table, e.g. 'EUR', and for an operation on a transaction its own currency\n",
    "INT_015 invalid customer email: fix customer.email or leave it out\n",
    "INT_016 invalid customer reference: fix customer.reference or leave it out\n",
    "INT_902 the web service rejected the input data: the body must be a JSON object with valid fields\n",
    "INT_905 invalid login or password: check shopId and the REST API password, and that test and production keys are not mixed\n",
    "INT_999 technical error on the platform: check the transaction with Transaction/Get before trying again\n",
    "PSP_001 unauthorized action for this shop\n",
    "PSP_002 invalid attribute: check the request fields\n",
    "PSP_003 payment refused\n",
    "PSP_010 transaction not found: check the uuid (and that it belongs to this shop and mode)\n",
    "PSP_011 incorrect transaction status for this operation: read it with Transaction/Get (detailedStatus)\n",
    "PSP_012 transaction already exists\n",
    "PSP_013 date too far from the current date (UTC)\n",
    "PSP_014 no change: the update does not change anything\n",
    "PSP_015 too many results (Order/Get returns at most 30 transactions): narrow the query with operationType\n",
    "PSP_016 duplication forbidden for this transaction\n",
    "PSP_020 invalid amount: check amount against the transaction (what is left to refund, or the authorised amount)\n",
    "PSP_021 unknown currency\n",
    "PSP_022 unknown card type\n",
    "PSP_023 invalid expiry date\n",
    "PSP_024 CVV is mandatory\n",
    "PSP_025 unknown contract (MID)\n",
    "PSP_026 invalid card number\n",
    "PSP_027 no contract for this tid/mid\n",
    "PSP_030 token not found\n",
    "PSP_031 invalid token (cancelled or empty)\n",
    "PSP_032 subscriptionId not found\n",
    "PSP_033 invalid rrule, or the subscription is already cancelled\n",
    "PSP_034 token already exists\n",
    "PSP_035 token creation denied\n",
    "PSP_036 paymentMethodToken purged\n",
    "PSP_040 amount attribute not authorized\n",
    "PSP_041 card range not found\n",
    "PSP_042 insufficient funds\n",
    "PSP_043 refund not allowed for this MID\n",
    "PSP_050 no brand for this card\n",
    "PSP_051 merchant not enrolled for 3D Secure\n",
    "PSP_052 invalid ACS signature\n",
    "PSP_053 3D Secure technical error\n",
    "PSP_054 invalid 3D Secure parameter\n",
    "PSP_055 3D Secure disabled\n",
    "PSP_056 PAN not found\n",
    "PSP_057 invalid acquirer-specific data\n",
    "PSP_075 cancellation impossible: the transaction is captured, refund it instead (Transaction/Refund or resolutionMode REFUND_ONLY)\n",
    "PSP_076 refund not yet available: the transaction is not captured yet, cancel it instead (Transaction/Cancel, or Transaction/Update for a lower amount)\n",
    "PSP_083 a transaction that went to chargeback cannot be refunded\n",
    "PSP_099 too many attempts: wait and retry later\n",
    "PSP_100 the shop's offer does not include the REST web services: contact the platform's sales team\n",
    "PSP_104 nothing left to refund: the transaction is already fully refunded (the platform's wording is 'already paid in full')\n",
    "PSP_105 the transaction is already cancelled\n",
    "PSP_108 the form (formToken) has expired: create a new payment\n",
    "PSP_999 error during the payment process: check the transaction with Transaction/Get before trying again",
);

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
    ERROR_CODES.split('\n').filter_map(info)
}

/// The row of `code`, if documented.
pub fn describe(code: &str) -> Option<ErrorInfo> {
    error_codes().find(|r| r.code == code)
}

#[cfg(test)]
mod tests;
