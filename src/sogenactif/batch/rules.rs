//! Preflight rules of the Office Batch methods (reference §3, the Sogenactif sob index page):
//! what can be refused before the file is sent, from the record itself and from what the caller
//! says of the original transaction (`original: { amount, status }`, never written to the file).

use super::dictionary::TOKEN_PAN;
use super::validate::Original;
use crate::codec::json::join;
use crate::error::{issue, Issues};

/// What the rules read of a record: the reporting validator's [`super::validate::Record`] and
/// the fast path's record both provide it.
pub trait View {
    /// The method name (`cancel`).
    fn method_name(&self) -> &str;
    /// The field was given (valid or not: one mistake is one issue).
    fn present(&self, name: &str) -> bool;
    /// The field's valid text value (text fields).
    fn text(&self, name: &str) -> Option<&str>;
    /// The field's valid value as an integer (amounts).
    fn number(&self, name: &str) -> Option<u64>;
}

/// The card's expiry date: asked for with a card number, unless given as `''` (a card with no expiry
/// date, validate.rs).
pub const CARD_EXPIRY_DATE: &str = "cardExpiryDate";

/// Status of a cancelled transaction (Sips 2.0 `transactionStatus`) [uncertain, reference §3].
pub const STATUS_CANCELLED: &str = "CANCELLED";
/// Status of a transaction waiting for the merchant's challenge decision (orange fraud score)
/// [uncertain, reference §3].
pub const STATUS_TO_CHALLENGE: &str = "TO_CHALLENGE";

/// Applies every rule to a record whose fields passed their format checks.
/// Fields are looked up by name only when a rule needs them; paths are built only for issues.
pub fn check(record: &dyn View, original: &Original, path: &str, issues: &mut Issues) {
    identification(record, path, issues);
    let method = record.method_name();
    if matches!(method, "credit" | "cardOrder") {
        card_data(record, path, issues);
    }
    // No cancel, refund or capture (validate) of more than the original amount (reference §3:
    // refunds may not exceed the captured amount; the simulator refuses the same).
    let limited = match method {
        "cancel" => "amount",
        "refund" | "validate" => "operationAmount",
        _ => "",
    };
    if let (false, Some(orig), Some(amount)) = (
        limited.is_empty(),
        original.amount,
        amount_of(record, limited),
    ) {
        if amount > orig {
            issues.push(
                join(path, limited),
                issue::NOT_ALLOWED,
                format!("cannot {method} {amount}, more than the original amount {orig} (in minor units)"),
            );
        }
    }
    match method {
        "cancel" if original.status.as_deref() == Some(STATUS_CANCELLED) => {
            issues.push(
                join(path, "original.status"),
                issue::NOT_ALLOWED,
                "the transaction is already cancelled: a cancelled operation cannot be cancelled again",
            );
        }
        "acceptChallenge" | "refuseChallenge" => {
            if let Some(status) = original.status.as_deref() {
                if status != STATUS_TO_CHALLENGE {
                    issues.push(
                        join(path, "original.status"),
                        issue::NOT_ALLOWED,
                        format!(
                            "{method} applies only to a challenged transaction (status {STATUS_TO_CHALLENGE}, orange fraud score), not to one in status {}",
                            crate::money::printable(status)
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

fn amount_of(record: &dyn View, name: &str) -> Option<u64> {
    record.number(name)
}

/// Every method names its transaction by `transactionReference` (AN35, the Sips 2.0 default) or,
/// for merchants kept in the Sips 1.0 mode, by `s10TransactionReference.s10TransactionId` (N6)
/// with its `s10TransactionIdDate` (WLSIPS.808, reference §1.6). duplicate also names its source
/// transaction the same way (`fromTransactionReference` / `s10FromTransactionReference`).
fn identification(record: &dyn View, path: &str, issues: &mut Issues) {
    pair(
        record,
        path,
        (
            "transactionReference",
            "s10TransactionReference",
            "s10TransactionId",
            "s10TransactionIdDate",
        ),
        issues,
    );
    if record.method_name() == "duplicate" {
        pair(
            record,
            path,
            (
                "fromTransactionReference",
                "s10FromTransactionReference",
                "s10FromTransactionId",
                "s10FromTransactionIdDate",
            ),
            issues,
        );
    }
}

fn pair(
    record: &dyn View,
    path: &str,
    (reference, container, id, date): (&str, &str, &str, &str),
    issues: &mut Issues,
) {
    let has_ref = record.present(reference);
    let has_id = record.present(id);
    let has_date = record.present(date);
    if !has_ref && !has_id {
        issues.push(
            join(path, reference),
            issue::REQUIRED,
            format!(
                "{} needs {reference} (up to 35 letters and digits) or {container}.{id} (up to 6 digits) with its {date}",
                record.method_name()
            ),
        );
    }
    if has_id && !has_date {
        issues.push(
            format!("{}.{date}", join(path, container)),
            issue::REQUIRED,
            format!("is required with {id}: the date of the transaction, 'YYYYMMDD'"),
        );
    }
    if has_date && !has_id {
        issues.push(
            format!("{}.{date}", join(path, container)),
            issue::CONFLICT,
            format!("is only meaningful with {id}: give both or neither"),
        );
    }
}

/// The issue of a card number that is not 10 to 19 digits, without `panType: 'TOKEN_PAN'` (batch
/// records and Office JSON requests).
pub const CARD_NUMBER_FORMAT: &str =
    "must be a card number of 10 to 19 digits; for a token set panType to 'TOKEN_PAN'";

/// A card number's shape (N19 in the dictionary, at least 10 digits): what `cardNumber` must be
/// unless `panType` is `TOKEN_PAN`.
pub fn is_card_number(number: &str) -> bool {
    number.bytes().all(|b| b.is_ascii_digit()) && (10..=19).contains(&number.len())
}

/// credit and cardOrder need the card data (a 10–19 digit card number and its expiry date) or a
/// token (`cardNumber` holding the token, `panType: 'TOKEN_PAN'`).
fn card_data(record: &dyn View, path: &str, issues: &mut Issues) {
    let token = record.text("panType") == Some(TOKEN_PAN);
    let Some(number) = record.text("cardNumber") else {
        return; // already reported as REQUIRED
    };
    if token {
        return;
    }
    if !is_card_number(number) {
        issues.push(join(path, "cardNumber"), issue::FORMAT, CARD_NUMBER_FORMAT);
    }
    if !record.present(CARD_EXPIRY_DATE) {
        issues.push(
            join(path, "cardExpiryDate"),
            issue::REQUIRED,
            format!(
                "is required for {} with a card number ('' if it has none, or a token with panType 'TOKEN_PAN')",
                record.method_name()
            ),
        );
    }
}
