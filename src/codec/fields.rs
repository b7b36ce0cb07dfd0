//! The field readers the `serde_json::Value` validators share: currency and amount (issue 9: each
//! reader is written once). Payline (`payline/validate.rs`, `payline/rules.rs`), Office Batch
//! (`sogenactif/batch/validate.rs`) and Office JSON (`sogenactif/office/validate.rs`) call them;
//! what differed between the three before they were shared (which numbers are currency codes, the
//! words of the amount issues) is a parameter, so each gateway reports exactly what it did.
//!
//! A reader returns the issue without its path ([`Found`]): the caller knows where the field is,
//! and Payline builds the path only when there is an issue to report.
//!
//! Systempay reads the same fields from its borrowed tree (`codec::json_ref`), and the Office
//! Batch fast path (`sogenactif/batch/fast.rs`) from its scanner; both look the code up with the
//! same [`money::find_currency`](crate::money::find_currency).

use super::json::type_name;
use crate::error::{issue, Issues};
use crate::money::{self, Currency, Table, MAX_SAFE_INTEGER};
use serde_json::Value;

/// An issue a reader found: its code and message; the caller adds the path.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub code: &'static str,
    pub message: String,
}

impl Found {
    fn new(code: &'static str, message: impl Into<String>) -> Found {
        Found {
            code,
            message: message.into(),
        }
    }

    /// Records the issue at `at`.
    pub fn push(self, at: impl Into<String>, issues: &mut Issues) {
        issues.push(at, self.code, self.message);
    }
}

/// The issue's path, built only when there is an issue: `Ok(v)` → `Some(v)`, else the issue is
/// pushed at `at()` and the result is `None`.
pub fn report<T>(
    r: Result<T, Found>,
    at: impl FnOnce() -> String,
    issues: &mut Issues,
) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(found) => {
            found.push(at(), issues);
            None
        }
    }
}

/// A non-negative safe integer (`0 ..= Number.MAX_SAFE_INTEGER`): the test of
/// [`read_uint`](super::json::read_uint), which records the issue.
pub fn uint(v: &Value) -> Result<u64, Found> {
    let bad = |what: String| {
        Found::new(
            issue::TYPE,
            format!("must be a non-negative whole number (a safe integer; an amount is in minor units, 1050 for 10.50), got {what}"),
        )
    };
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u <= MAX_SAFE_INTEGER {
                    return Ok(u);
                }
                Err(Found::new(
                    issue::RANGE,
                    format!("{u} is above Number.MAX_SAFE_INTEGER and cannot be exact"),
                ))
            } else if n.as_i64().is_some() {
                Err(Found::new(
                    issue::RANGE,
                    format!(
                        "must not be negative, got {}",
                        crate::codec::json_out::number_text(n)
                    ),
                ))
            } else {
                Err(bad(crate::codec::json_out::number_text(n)))
            }
        }
        other => Err(bad(type_name(other).to_string())),
    }
}

/// The largest N12 amount (12 digits, in minor units): the bound of Payline's and Sogenactif's
/// `amount` fields.
pub const MAX_N12_AMOUNT: u64 = 999_999_999_999;

/// Whose words an amount issue uses (the three gateways kept their own messages when the reader
/// was shared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountWords {
    /// Payline: a non-number is `TYPE`, "must be a whole number of minor units…".
    Payline,
    /// Office Batch: a non-number is `AMOUNT_FORMAT`, "must be an integer amount in minor units…".
    Batch,
    /// Office JSON: a non-number gets the integer reader's `TYPE` issue.
    Office,
}

/// An amount in minor units: a JSON integer from 0 to [`MAX_N12_AMOUNT`].
pub fn amount_n12(v: &Value, words: AmountWords) -> Result<u64, Found> {
    if !v.is_number() {
        let (code, want) = match words {
            AmountWords::Payline => (
                issue::TYPE,
                "must be a whole number of minor units (e.g. 1000 for 10.00 EUR)",
            ),
            AmountWords::Batch => (
                issue::AMOUNT_FORMAT,
                "must be an integer amount in minor units (e.g. 1050 for 10.50 EUR)",
            ),
            // The integer reader's `TYPE` issue.
            AmountWords::Office => return uint(v),
        };
        return Err(Found::new(code, format!("{want}, got {}", type_name(v))));
    }
    let n = uint(v)?;
    if n <= MAX_N12_AMOUNT {
        return Ok(n);
    }
    Err(Found::new(
        issue::AMOUNT_RANGE,
        match words {
            AmountWords::Payline => format!("{n} has more than the 12 digits Payline accepts"),
            AmountWords::Batch => format!("must have at most 12 digits (N12), got {n}"),
            AmountWords::Office => {
                "is above 999999999999, the largest N12 amount (minor units)".to_string()
            }
        },
    ))
}

/// Which JSON numbers a gateway reads as a numeric currency code (each kept what it accepted
/// before the reader was shared). A string is always looked up as given: `'EUR'`, `'978'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumericCode {
    /// Payline and Office JSON: any non-negative integer, as its decimal text (`978` → `'978'`; `1978`
    /// is then an unknown currency); another number is a `TYPE` issue. (Office JSON read integers from
    /// 0 to 999 only, and `9780` was a `TYPE` "got a number" where the other gateways name an unknown
    /// currency: a helper's audit of the messages, twenty-sixth pass.)
    Unsigned,
    /// Office Batch: any number, as its JSON text (`978.5` is an unknown currency `'978.5'`).
    Any,
}

/// How a currency reader words a value that is neither a string nor an accepted number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeWords {
    /// "must be an ISO 4217 code like 'EUR' or 978, got a boolean".
    WithType,
    /// "must be an ISO 4217 code like 'EUR' or 978" (Payline's rules, `checkReAuthorization`).
    Plain,
}

pub const CURRENCY_TYPE: &str = "must be an ISO 4217 code like 'EUR' or 978";

/// A currency of `table`, given as alpha-3 (`'EUR'`) or numeric (`978`, `'978'`). An unknown code
/// is `UNKNOWN_CURRENCY` with [`money::currency`]'s message (it names the table).
pub fn currency(
    v: &Value,
    table: Table,
    numbers: NumericCode,
    words: TypeWords,
) -> Result<&'static Currency, Found> {
    let number;
    let code = match v {
        Value::String(s) => s.as_str(),
        Value::Number(n)
            if match numbers {
                NumericCode::Unsigned => n.is_u64(),
                NumericCode::Any => true,
            } =>
        {
            number = crate::codec::json_out::number_text(n);
            number.as_str()
        }
        other => {
            return Err(Found::new(
                issue::TYPE,
                match words {
                    TypeWords::WithType => {
                        format!("{CURRENCY_TYPE}, got {}", type_name(other))
                    }
                    TypeWords::Plain => CURRENCY_TYPE.to_string(),
                },
            ))
        }
    };
    money::currency(code, table).map_err(|e| Found::new(issue::UNKNOWN_CURRENCY, e.message))
}

#[cfg(test)]
mod tests;
