//! Decimal strings ↔ integer minor units, digit by digit.
//!
//! Written by hand rather than with a decimal crate: the accepted grammar is tiny
//! (`^[0-9]+(\.[0-9]+)?$`), the error messages must name exactly what is wrong, and a decimal
//! crate would add weight to the wasm build for two loops.

use super::{printable, Currency};
use crate::error::{Error, ErrorCode, Result};

/// `Number.MAX_SAFE_INTEGER`: the largest amount that survives a trip through a JS number.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Parses an exact decimal string into minor units of `cur`.
///
/// Accepts only ASCII digits with an optional `.` followed by at least one digit. Trailing zeros
/// beyond the currency's precision are fine; a non-zero digit there is `AMOUNT_PRECISION`; a
/// result above [`MAX_SAFE_INTEGER`] is `AMOUNT_RANGE`.
pub fn parse_minor(amount: &str, cur: &Currency) -> Result<u64> {
    let (int_part, frac_part) = match amount.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (amount, None),
    };
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(int_part) || !frac_part.is_none_or(digits_only) {
        return Err(format_error(amount, cur));
    }
    let frac = frac_part.unwrap_or("");
    let precision = usize::from(cur.digits);
    let (kept, extra) = frac
        .split_at_checked(frac.len().min(precision))
        .unwrap_or((frac, ""));
    if extra.bytes().any(|b| b != b'0') {
        return Err(Error::new(
            ErrorCode::AmountPrecision,
            format!(
                "amount '{}' has more decimals than {} allows ({} fraction digit{}): round it to {} decimal place{}",
                printable(amount),
                cur.code(),
                u32::from(cur.digits),
                plural(cur.digits),
                u32::from(cur.digits),
                plural(cur.digits)
            ),
        )
        .with_field("amount"));
    }
    let range = || {
        Error::new(
            ErrorCode::AmountRange,
            format!(
                "amount '{}' {} is above the largest exact amount ({} minor units, Number.MAX_SAFE_INTEGER)",
                printable(amount),
                cur.code(),
                MAX_SAFE_INTEGER
            ),
        )
        .with_field("amount")
    };
    let mut value: u64 = 0;
    let padding = precision - kept.len();
    let all = int_part
        .bytes()
        .chain(kept.bytes())
        .chain(std::iter::repeat_n(b'0', padding));
    for b in all {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
            .filter(|v| *v <= MAX_SAFE_INTEGER)
            .ok_or_else(range)?;
    }
    Ok(value)
}

/// Writes `minor` units of `cur` as an exact decimal string with exactly `cur.digits` decimals.
pub fn format_minor(minor: u64, cur: &Currency) -> Result<String> {
    if minor > MAX_SAFE_INTEGER {
        return Err(Error::new(
            ErrorCode::AmountRange,
            format!(
                "minor amount {minor} is above Number.MAX_SAFE_INTEGER ({MAX_SAFE_INTEGER}): it cannot be represented exactly in JS"
            ),
        )
        .with_field("minor"));
    }
    let digits = usize::from(cur.digits);
    let s = format!("{minor:0>width$}", width = digits + 1);
    if digits == 0 {
        return Ok(s);
    }
    let (int_part, frac_part) = s.split_at_checked(s.len() - digits).unwrap_or((&s, ""));
    Ok(format!("{int_part}.{frac_part}"))
}

fn plural(n: u8) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn format_error(amount: &str, cur: &Currency) -> Error {
    let example = format_minor(30050, cur).unwrap_or_default();
    Error::new(
        ErrorCode::AmountFormat,
        format!(
            "amount '{}' is not a plain decimal: use ASCII digits with an optional '.' and no sign, exponent, comma or space, e.g. '{}' {}",
            printable(amount),
            example,
            cur.code()
        ),
    )
    .with_field("amount")
}

#[cfg(test)]
mod tests;
