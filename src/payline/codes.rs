//! Payline return codes (`result.code`, N5): status word, message, accepted.
//!
//! Sources (reference payline.md §5):
//! - 00000/01xxx: https://support.payline.com/hc/fr/articles/360000848148-Return-codes-Payline-Back-01-
//! - 02xxx: https://docs.payline.com/pages/viewpage.action?pageId=747146993 (status words) and
//!   the older English page https://docs.payline.com/pages/viewpage.action?pageId=747167680
//! - 04xxx: https://docs.monext.fr/pages/viewpage.action?pageId=747147016
//! - "accepted" list: https://docs.payline.com/pages/diffpagesbyversion.action?pageId=747148264&selectedPageVersions=14&selectedPageVersions=15
//!
//! [uncertain] Rows the reference marks "(3p)" come from a third-party mapping and may be worded
//! differently today; where the source gives no status word, the row carries its family's usual
//! word (01xxx REFUSED, 02xxx/09xxx ERROR, 03xxx REFUSED) — each is one line to correct here.

use crate::error::{issue, Error, Gateway, Issue, Result};
use serde::Serialize;

/// Codes the documentation lists as "accepted" (the operation succeeded). Everything else is not.
pub const ACCEPTED: &[&str] = &[
    "00000", "02400", "02500", "02501", "02517", "02520", "02616", "03000", "04000",
];

/// What `describeResult` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultCode {
    pub code: String,
    /// Status word as Payline writes it in `shortMessage` (ACCEPTED, REFUSED, ERROR, …), or
    /// `UNKNOWN` for a code outside the table.
    pub status: String,
    pub message: String,
    pub accepted: bool,
}

/// Explanation appended to 02619.
pub const REAUTHORIZATION_OPTION_HELP: &str = "the re-authorization option is not active on this contract: activate it in the Payline administration centre (Configuration → Your payment methods → your contract → 'Activate re-authorization'), or ask Monext support to enable it; the merchant contract must also allow recurring payments";

/// (code, status word, message).
pub static CODES: &[(&str, &str, &str)] = &[
    ("00000", "ACCEPTED", "Transaction approved"),
    // 01xxx: bank / acquirer ("Payline Back").
    ("01100", "REFUSED", "Transaction refused (do not honor)"),
    ("01101", "REFUSED", "Card expired"),
    ("01102", "REFUSED", "Invalid birthdate"),
    (
        "01103",
        "REFUSED",
        "Referral: contact your bank for authorization",
    ),
    ("01108", "REFUSED", "Contact your bank: special condition"),
    ("01109", "ERROR", "Invalid merchant"),
    ("01110", "ERROR", "Invalid amount"),
    ("01111", "REFUSED", "Invalid card number"),
    ("01113", "REFUSED", "Transaction refused"),
    ("01114", "REFUSED", "Account does not exist"),
    ("01115", "REFUSED", "Function does not exist"),
    ("01116", "REFUSED", "Amount limit"),
    ("01117", "REFUSED", "Invalid PIN"),
    ("01118", "REFUSED", "Card not registered"),
    ("01119", "REFUSED", "Transaction not authorized"),
    ("01120", "REFUSED", "Transaction refused by terminal"),
    ("01121", "REFUSED", "Debit limit exceeded"),
    ("01122", "REFUSED", "Security violation"),
    ("01123", "REFUSED", "Debit frequency exceeded"),
    ("01125", "REFUSED", "Inactive card"),
    ("01126", "REFUSED", "Invalid PIN format"),
    ("01128", "REFUSED", "Invalid PIN control key"),
    ("01129", "REFUSED", "Counterfeit suspected"),
    ("01130", "REFUSED", "Invalid CVV2"),
    ("01180", "ERROR", "Invalid bank"),
    ("01181", "ERROR", "Invalid currency"),
    ("01182", "ERROR", "Conversion rate not found"),
    ("01183", "REFUSED", "Maximum amount exceeded"),
    ("01184", "REFUSED", "Maximum number of uses exceeded"),
    ("01185", "ERROR", "Order reference already used"),
    ("01197", "ERROR", "Acquirer communication error"),
    ("01198", "ERROR", "Acquirer configuration error"),
    ("01199", "ERROR", "System internal error (backend)"),
    ("01200", "REFUSED", "Transaction refused"),
    ("01201", "REFUSED", "Card expired"),
    ("01202", "REFUSED", "Fraud suspected by the payment partner"),
    ("01206", "REFUSED", "Maximum number of attempts reached"),
    ("01207", "REFUSED", "Special condition"),
    ("01208", "REFUSED", "Card lost"),
    ("01209", "REFUSED", "Card stolen"),
    ("01280", "REFUSED", "Card BIN not authorized"),
    ("01902", "ERROR", "Acquirer: invalid transaction"),
    ("01904", "ERROR", "Acquirer: bad request format"),
    ("01907", "ERROR", "Issuer server error"),
    ("01909", "ERROR", "Bank server internal error"),
    ("01912", "ERROR", "Issuer server error"),
    ("01913", "ERROR", "Duplicated transaction"),
    ("01914", "ERROR", "Transaction cannot be found"),
    ("01915", "REFUSED", "Operation refused"),
    ("01917", "ERROR", "Transaction cannot be reset"),
    ("01940", "ERROR", "Bank server unavailable"),
    ("01941", "ERROR", "Bank server communication error"),
    ("01942", "ERROR", "Bank server communication error"),
    ("01943", "ERROR", "Bank server internal error"),
    // 02xxx: Payline platform ("Payline Front").
    (
        "02000",
        "ONHOLD_PARTNER",
        "In progress: wait for the payment status",
    ),
    ("02001", "ERROR", "Duplicate transaction"),
    ("02002", "ERROR", "Duplicate pending transaction"),
    (
        "02003",
        "REFUSED",
        "Issuer communication error: the transaction must be cancelled",
    ),
    (
        "02004",
        "CANCELLED",
        "Issuer communication error: the transaction was cancelled",
    ),
    ("02005", "ONHOLD_PARTNER", "In progress"),
    ("02006", "ONHOLD_PARTNER", "Retry in progress"),
    ("02008", "CANCELLED", "Cancelled by the user"),
    ("02009", "CANCELLED", "To be reversed (fallback)"),
    ("02010", "ERROR", "Requested function not available"),
    ("02011", "ERROR", "To be reversed in fallback mode"),
    ("02012", "ERROR", "Unmatched partner return code"),
    ("02013", "ERROR", "Issuer communication error: cancelled"),
    ("02014", "CANCELLED", "Handled by the merchant"),
    ("02015", "REFUSED", "In progress"),
    ("02016", "ONHOLD_PARTNER", "On hold at the partner"),
    ("02020", "REFUSED", "Refused by the partner"),
    ("02101", "ERROR", "System internal error (frontend)"),
    ("02102", "ERROR", "Acquirer server communication error"),
    (
        "02103",
        "ERROR",
        "Connection timeout (over 25 seconds): try later",
    ),
    ("02104", "ERROR", "Tokenizer internal error"),
    (
        "02105",
        "ERROR",
        "Capture sent for settlement before the cancellation",
    ),
    ("02106", "ERROR", "Payment partner error"),
    ("02110", "ERROR", "The amount is invalid"),
    ("02201", "ERROR", "Encryption key does not exist"),
    ("02202", "ERROR", "Encryption key out of date"),
    ("02203", "ERROR", "Too many active key pairs"),
    ("02204", "ERROR", "Invalid merchantKeyName"),
    ("02301", "ERROR", "Transaction ID is invalid"),
    ("02302", "ERROR", "Transaction is invalid"),
    ("02303", "ERROR", "Invalid contract number"),
    ("02304", "ERROR", "No transaction found for this token"),
    (
        "02305",
        "ERROR",
        "Invalid field format (longMessage names the field)",
    ),
    (
        "02306",
        "INPROGRESS",
        "The buyer must still fill in the payment data",
    ),
    ("02307", "ERROR", "Invalid custom payment page code"),
    ("02308", "ERROR", "Invalid value for a field"),
    ("02309", "ERROR", "Custom payment page code inactive"),
    (
        "02310",
        "ERROR",
        "No transaction matches the search criteria",
    ),
    (
        "02311",
        "ERROR",
        "Too many transactions match the search criteria",
    ),
    ("02312", "ERROR", "Invalid search criteria"),
    ("02313", "ERROR", "Capturable flag disabled"),
    ("02314", "ERROR", "Refundable flag disabled"),
    ("02317", "ERROR", "Token does not exist"),
    (
        "02318",
        "ERROR",
        "Token does not exist: check the primary and secondary endpoints",
    ),
    ("02319", "CANCELLED", "Payment cancelled by the buyer"),
    ("02320", "ERROR", "Searched time interval too long"),
    ("02321", "ERROR", "Invalid value for the payment action"),
    ("02322", "ERROR", "Invalid cardholder name"),
    (
        "02323",
        "ERROR",
        "Birthdate must not be provided when using 3-D Secure",
    ),
    ("02400", "ACCEPTED", "Mass treatment accepted"),
    ("02401", "ERROR", "Some transactions failed"),
    ("02402", "INPROGRESS", "Waiting for treatment"),
    ("02403", "ERROR", "No mass treatment found"),
    ("02500", "ACCEPTED", "Operation successful"),
    ("02501", "ACCEPTED", "Operation successful with warning"),
    ("02502", "ERROR", "A wallet with the same id already exists"),
    ("02503", "ERROR", "Wallet does not exist"),
    ("02504", "ERROR", "Cannot update the last or first name"),
    ("02505", "ERROR", "Wallet disabled"),
    (
        "02506",
        "ERROR",
        "Wallet cannot operate on the scheduled date",
    ),
    ("02507", "ERROR", "Cannot find the payment record"),
    ("02508", "ERROR", "Payment record disabled"),
    ("02509", "ERROR", "Invalid recurring option"),
    ("02510", "ERROR", "Cannot find the payment record"),
    ("02511", "ERROR", "Wallet not supported for this card"),
    ("02512", "ERROR", "Last and first name required"),
    ("02513", "ERROR", "Wallet id required"),
    ("02514", "ERROR", "Private data number is limited to 99"),
    ("02515", "ERROR", "Choose the data to update"),
    ("02516", "ERROR", "Cannot disable the wallet(s)"),
    ("02517", "ACCEPTED", "Cannot disable some wallet(s)"),
    ("02518", "ERROR", "Invalid card index"),
    ("02519", "ERROR", "Cannot enable the wallet(s)"),
    ("02520", "ACCEPTED", "Cannot enable some wallet(s)"),
    ("02521", "ERROR", "Card already in the wallet"),
    ("02527", "ERROR", "Invalid control option"),
    (
        "02528",
        "ERROR",
        "selectedContractList must have one contract",
    ),
    (
        "02529",
        "ERROR",
        "Information must reference the same contract",
    ),
    ("02532", "ERROR", "Wallet management not allowed"),
    (
        "02533",
        "ERROR",
        "Buyer not redirected to the payment pages",
    ),
    ("02534", "ERROR", "Buyer not redirected and session expired"),
    (
        "02535",
        "ERROR",
        "Session expired before the wallet operation",
    ),
    ("02536", "CANCELLED", "Cancelled by the buyer"),
    ("02538", "ERROR", "Fill either card.number or card.token"),
    (
        "02539",
        "ERROR",
        "Expiration date mandatory for this token format",
    ),
    ("02540", "ERROR", "No card for this token"),
    ("02541", "ERROR", "Card not eligible"),
    (
        "02600",
        "ERROR",
        "Reset not supported for this transaction type",
    ),
    ("02601", "ERROR", "Reset already done"),
    ("02602", "ERROR", "Authorization already expired"),
    ("02603", "ERROR", "Authorization cannot be reset"),
    ("02604", "ERROR", "Transaction does not exist"),
    ("02610", "ERROR", "Maximum amount exceeded"),
    ("02611", "ERROR", "Minimum amount not reached"),
    (
        "02612",
        "ERROR",
        "Amount differs from the original transaction",
    ),
    ("02613", "ERROR", "Maximal sum of captures/refunds exceeded"),
    ("02614", "ERROR", "Invalid Luhn key"),
    ("02615", "ERROR", "Virtual card denied"),
    ("02616", "ACCEPTED", "Error while creating the wallet"),
    ("02617", "ERROR", "Transaction already captured"),
    ("02618", "ERROR", "Transaction not yet captured"),
    (
        "02619",
        "ERROR",
        "You don't have the reauthorization option",
    ),
    (
        "02620",
        "ERROR",
        "Currency must be the same as the original authorization",
    ),
    ("02621", "ERROR", "Operation not allowed on this site"),
    (
        "02622",
        "ERROR",
        "Reauthorization not allowed on a virtual card",
    ),
    ("02623", "ERROR", "Maximum number of attempts reached"),
    ("02624", "ERROR", "Card expired"),
    ("02625", "ERROR", "Invalid card number format"),
    // 03xxx: 3-D Secure.
    ("03000", "ACCEPTED", "3-D Secure accepted"),
    ("03001", "REFUSED", "Card not enrolled in 3-D Secure"),
    ("03002", "REFUSED", "Issuer not participating in 3-D Secure"),
    ("03003", "REFUSED", "3-D Secure authentication failed"),
    ("03004", "ERROR", "Cannot find the verifyEnrollment call"),
    ("03005", "ERROR", "Transaction already exists"),
    ("03006", "ERROR", "Invalid PARes"),
    ("03021", "REFUSED", "Enrollment verification failed"),
    ("03022", "CANCELLED", "Authentication verification failed"),
    ("03030", "REFUSED", "Unfinished 3-D Secure challenge"),
    // 04xxx: LCLF anti-fraud.
    ("04000", "ACCEPTED", "Accepted by the anti-fraud check"),
    ("04001", "PENDING_RISK", "Accepted, pending risk review"),
    ("04002", "REFUSED", "Fraud detected"),
    ("04003", "PENDING_RISK", "Fraud suspected"),
    ("04101", "ERROR", "Anti-fraud: missing field"),
    ("04102", "ERROR", "Anti-fraud: incorrect rule name"),
    ("04103", "ERROR", "Anti-fraud: duplicate data"),
    ("04104", "ERROR", "Anti-fraud: field must be null"),
    ("04301", "REFUSED", "Anti-fraud: data not found"),
    ("04302", "REFUSED", "Anti-fraud: empty list"),
    ("04303", "ERROR", "Anti-fraud: configuration not found"),
    (
        "04401",
        "ERROR",
        "Challenge requested (3DS requestor preference)",
    ),
    ("04402", "ERROR", "Challenge requested (mandate)"),
    ("04403", "ERROR", "No challenge preference"),
    ("04404", "ERROR", "Frictionless requested"),
    ("04901", "ERROR", "Anti-fraud system error"),
    ("04902", "ERROR", "Unauthorized service access"),
    // 09xxx: access.
    (
        "09101",
        "ERROR",
        "Username/password is incorrect: check merchantId and accessKey",
    ),
    ("09102", "ERROR", "Account is locked or inactive"),
    ("09104", "ERROR", "Client certificate is disabled"),
    ("09201", "ERROR", "No permission for this API call"),
];

/// Whether a result code means the operation was accepted.
pub fn is_accepted(code: &str) -> bool {
    ACCEPTED.contains(&code)
}

fn family(code: &str) -> &'static str {
    match code.get(..2) {
        Some("00") => "approval",
        Some("01") => "a bank or acquirer answer (01xxx)",
        Some("02") => "a Payline platform answer (02xxx)",
        Some("03") => "a 3-D Secure answer (03xxx)",
        Some("04") => "an anti-fraud answer (04xxx)",
        Some("09") => "an access or credentials answer (09xxx)",
        _ => "an unknown family",
    }
}

/// The table row for `code`, or a generic description for a five-digit code outside the table.
pub fn describe(code: &str) -> Result<ResultCode> {
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::validation(
            Some(Gateway::Payline),
            vec![Issue {
                field: "code".to_string(),
                code: issue::FORMAT,
                message: format!(
                    "'{}' is not a Payline result code: give the five digits of result.code, e.g. '02620'",
                    crate::money::printable(code)
                ),
            }],
        ));
    }
    Ok(match CODES.iter().find(|(c, _, _)| *c == code) {
        Some((c, status, message)) => {
            let mut message = (*message).to_string();
            if *c == "02619" {
                message.push_str(": ");
                message.push_str(REAUTHORIZATION_OPTION_HELP);
            }
            ResultCode {
                code: (*c).to_string(),
                status: (*status).to_string(),
                message,
                accepted: is_accepted(c),
            }
        }
        None => ResultCode {
            code: code.to_string(),
            status: "UNKNOWN".to_string(),
            message: format!(
                "not in remise's table; the code is {}: see result.longMessage",
                family(code)
            ),
            accepted: is_accepted(code),
        },
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_accepted_rows_agree() {
        for pair in CODES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (code, status, _) in CODES {
            assert_eq!(code.len(), 5);
            assert_eq!(
                is_accepted(code),
                *status == "ACCEPTED",
                "{code}: status {status} vs accepted list"
            );
        }
        for a in ACCEPTED {
            assert!(CODES.iter().any(|(c, _, _)| c == a), "{a} missing");
        }
    }
}
