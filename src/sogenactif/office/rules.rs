//! Preflight rules of the Sogenactif seed, checked before sending when the caller tells remise
//! about the transaction (`options.transaction: { transactionStatus?, amount? }`, e.g. the answer
//! of getTransactionData passed as is).
//!
//! Rules (https://documentation.sogenactif.com/en/data-dictionary/sob and the Office cancel page,
//! reference sogenactif.md §3) [confirmed]:
//! - cancel: "you cannot cancel a cancelled operation and you cannot cancel an amount higher than
//!   the original one";
//! - acceptChallenge / refuseChallenge: only on a transaction whose challenge is pending.
//!
//! A rule that needs data the caller did not give is skipped: the gateway still checks it.

use super::model::{not_allowed, Service, TransactionState};
use crate::error::Result;
use crate::money::printable;
use serde_json::{Map, Value};

/// Sips `transactionStatus` of a cancelled transaction [confirmed name in Sips 2.0 docs].
pub const STATUS_CANCELLED: &str = "CANCELLED";
/// Sips `transactionStatus` of a transaction waiting for acceptChallenge / refuseChallenge.
/// [uncertain: from memory, reference §3 — check `transactionstatus.html`; one line to correct]
pub const STATUS_TO_CHALLENGE: &str = "TO_CHALLENGE";
/// What Sips answers for an operation that does not fit the transaction's status (reference §3).
pub const CODE_WRONG_STATUS: &str = "24";

/// Checks the seed's rules for `service` with the checked request `fields`.
pub fn check(service: Service, fields: &Map<String, Value>, tx: &TransactionState) -> Result<()> {
    // Another transaction's data (the getTransactionData answer of another reference) would
    // refuse a right operation or pass a wrong one (the fifteenth pass, an attack).
    // Nor may its amounts be compared in another currency (a helper's attack on money, sixteenth
    // pass: a USD cancel of an EUR transaction was sent, checked against its EUR cents).
    for (theirs, key, field) in [
        (
            &tx.reference,
            "transactionReference",
            "transaction.transactionReference",
        ),
        (&tx.currency, "currencyCode", "transaction.currencyCode"),
    ] {
        // A duplicate's own reference is the new transaction's: the one it is for is its source
        // (a helper's attack, twentieth pass: the source's answer, the natural input, was refused).
        let asked = match (service, key) {
            (Service::Duplicate, "transactionReference") => "fromTransactionReference",
            _ => key,
        };
        let ours = fields.get(asked).and_then(Value::as_str);
        if let (Some(theirs), Some(ours)) = (theirs.as_deref(), ours) {
            if theirs != ours {
                return Err(not_allowed(
                    format!(
                        "the transaction given has {key} {}, this request {}: pass the getTransactionData answer of the transaction this request is for, and operate in its currency",
                        printable(theirs),
                        printable(ours)
                    ),
                    field,
                    None,
                ));
            }
        }
    }
    let status = tx.status.as_deref();
    match service {
        Service::Cancel if status == Some(STATUS_CANCELLED) => {
            return Err(not_allowed(
                "this transaction is already cancelled: a cancelled operation cannot be cancelled again".to_string(),
                "transaction.transactionStatus",
                Some(CODE_WRONG_STATUS),
            ));
        }
        Service::AcceptChallenge | Service::RefuseChallenge => {
            if let Some(s) = status.filter(|s| *s != STATUS_TO_CHALLENGE) {
                return Err(not_allowed(
                    format!(
                        "{} applies only to a transaction with a pending challenge ({STATUS_TO_CHALLENGE}); this one is {}",
                        service.name(),
                        printable(s)
                    ),
                    "transaction.transactionStatus",
                    Some(CODE_WRONG_STATUS),
                ));
            }
        }
        _ => {}
    }
    // No cancel, refund or capture (validate) of more than the transaction's amount (reference
    // §3: refunds may not exceed the captured amount; the simulator refuses the same).
    if matches!(
        service,
        Service::Cancel | Service::Refund | Service::Validate
    ) {
        let asked = fields.get("operationAmount").and_then(Value::as_u64);
        if let (Some(asked), Some(original)) = (asked, tx.amount) {
            if asked > original {
                return Err(not_allowed(
                    format!(
                        "operationAmount {asked} is above the transaction's amount {original}: you cannot {} more than the original amount",
                        service.name()
                    ),
                    "operationAmount",
                    None,
                ));
            }
        }
    }
    Ok(())
}
