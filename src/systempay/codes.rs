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

use serde::Serialize;

/// One row of the error-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    pub code: &'static str,
    /// What the code means and what to do.
    pub hint: &'static str,
    pub retryable: bool,
}

const fn row(code: &'static str, hint: &'static str) -> ErrorInfo {
    ErrorInfo {
        code,
        hint,
        retryable: false,
    }
}

/// The table, sorted by code.
pub static ERROR_CODES: &[ErrorInfo] = &[
    row("ACQ_001", "payment refused by the acquirer: the acquirer's own refusal code is in detailedErrorCode"),
    row("ACQ_999", "technical error at the acquirer: check the transaction with Transaction/Get before trying again"),
    row("INT_009", "invalid amount format: send amount as an integer in minor units (UNCERTAIN meaning)"),
    row("INT_010", "invalid currency: send an alpha-3 code of the systempay table, e.g. 'EUR'"),
    row("INT_015", "invalid customer email: fix customer.email or leave it out"),
    row("INT_016", "invalid customer reference: fix customer.reference or leave it out"),
    row("INT_902", "the web service rejected the input data: the body must be a JSON object with valid fields"),
    row("INT_905", "invalid login or password: check shopId and the REST API password, and that test and production keys are not mixed"),
    row("INT_999", "technical error on the platform: check the transaction with Transaction/Get before trying again"),
    row("PSP_001", "unauthorized action for this shop"),
    row("PSP_002", "invalid attribute: check the request fields"),
    row("PSP_003", "payment refused"),
    row("PSP_010", "transaction not found: check the uuid (and that it belongs to this shop and mode)"),
    row("PSP_011", "incorrect transaction status for this operation: read it with Transaction/Get (detailedStatus)"),
    row("PSP_012", "transaction already exists"),
    row("PSP_013", "date too far from the current date (UTC)"),
    row("PSP_014", "no change: the update does not change anything"),
    row("PSP_015", "too many results (Order/Get returns at most 30 transactions): narrow the query with operationType"),
    row("PSP_016", "duplication forbidden for this transaction"),
    row("PSP_020", "invalid amount: check amount against the transaction (what is left to refund, or the authorised amount)"),
    row("PSP_021", "unknown currency"),
    row("PSP_022", "unknown card type"),
    row("PSP_023", "invalid expiry date"),
    row("PSP_024", "CVV is mandatory"),
    row("PSP_025", "unknown contract (MID)"),
    row("PSP_026", "invalid card number"),
    row("PSP_027", "no contract for this tid/mid"),
    row("PSP_030", "token not found"),
    row("PSP_031", "invalid token (cancelled or empty)"),
    row("PSP_032", "subscriptionId not found"),
    row("PSP_033", "invalid rrule, or the subscription is already cancelled"),
    row("PSP_034", "token already exists"),
    row("PSP_035", "token creation denied"),
    row("PSP_036", "paymentMethodToken purged"),
    row("PSP_040", "amount attribute not authorized"),
    row("PSP_041", "card range not found"),
    row("PSP_042", "insufficient funds"),
    row("PSP_043", "refund not allowed for this MID"),
    row("PSP_050", "no brand for this card"),
    row("PSP_051", "merchant not enrolled for 3D Secure"),
    row("PSP_052", "invalid ACS signature"),
    row("PSP_053", "3D Secure technical error"),
    row("PSP_054", "invalid 3D Secure parameter"),
    row("PSP_055", "3D Secure disabled"),
    row("PSP_056", "PAN not found"),
    row("PSP_057", "invalid acquirer-specific data"),
    row("PSP_075", "cancellation impossible: the transaction is captured, refund it instead (Transaction/Refund or resolutionMode REFUND_ONLY)"),
    row("PSP_076", "refund not yet available: the transaction is not captured yet, cancel it instead (Transaction/Cancel, or Transaction/Update for a lower amount)"),
    row("PSP_083", "a transaction that went to chargeback cannot be refunded"),
    ErrorInfo {
        code: "PSP_099",
        hint: "too many attempts: wait and retry later",
        retryable: true,
    },
    row("PSP_100", "the shop's offer does not include the REST web services: contact the platform's sales team"),
    row("PSP_104", "nothing left to refund: the transaction is already fully refunded (the platform's wording is 'already paid in full')"),
    row("PSP_105", "the transaction is already cancelled"),
    row("PSP_108", "the form (formToken) has expired: create a new payment"),
    row("PSP_999", "error during the payment process: check the transaction with Transaction/Get before trying again"),
];

/// The row of `code`, if documented.
pub fn describe(code: &str) -> Option<&'static ErrorInfo> {
    ERROR_CODES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        for w in ERROR_CODES.windows(2) {
            if let [a, b] = w {
                assert!(a.code < b.code, "{} then {}", a.code, b.code);
            }
        }
        for r in ERROR_CODES {
            let (prefix, digits) = r.code.split_once('_').unwrap();
            assert!(
                ["ACQ", "AUTH", "INT", "PSP"].contains(&prefix),
                "{}",
                r.code
            );
            assert!(digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn only_retry_later_is_retryable() {
        let retryable: Vec<_> = ERROR_CODES
            .iter()
            .filter(|r| r.retryable)
            .map(|r| r.code)
            .collect();
        assert_eq!(retryable, vec!["PSP_099"]);
        assert!(describe("PSP_075").unwrap().hint.contains("refund"));
        assert!(describe("PSP_999").is_some());
        assert!(describe("PSP_998").is_none());
    }
}
