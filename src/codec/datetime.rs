//! Date and date-time format checks, written by hand for size: `time`'s RFC 3339 parser costs
//! about 5 KB of wasm, and Office only needs a yes/no answer. Both functions accept exactly what
//! `time` 0.3 accepts (`OffsetDateTime::parse(s, &Rfc3339)` and `Date::from_calendar_date`);
//! the tests below compare them with `time` on many inputs. Shared by every gateway that checks
//! a date.

/// The `n` ASCII digits of `b` at `at`, as a number.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let mut v = 0u32;
    for c in b.get(at..at.checked_add(n)?)? {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// Days in `month` (1–12) of the proleptic Gregorian `year`; 0 for a month out of range.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A calendar date of years 0000–9999 (what `time::Date::from_calendar_date` accepts for them).
pub fn is_date(year: u32, month: u32, day: u32) -> bool {
    year <= 9999 && day >= 1 && day <= days_in_month(i64::from(year), month)
}

/// `YYYYMMDD` with a real calendar date.
pub fn is_yyyymmdd(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8
        && matches!(
            (digits(b, 0, 4), digits(b, 4, 2), digits(b, 6, 2)),
            (Some(y), Some(m), Some(d)) if is_date(y, m, d)
        )
}

/// Whether a date-time may hold second 60, a leap second (RFC 3339 §5.7 allows it). `false`: what
/// remise sends is read by the gateways' Java servers (our reading: Lyra's and Worldline's platforms;
/// not documented), and java.time's ISO parsers refuse second 60 (`DateTimeFormatter.ISO_OFFSET_DATE_TIME`:
/// SECOND_OF_MINUTE is 0–59), so a leap second sent would be refused there, or the date moved (a
/// helper's audit, twentieth pass). `true` accepts one at 23:59:60 UTC of a month's last day, as the
/// `time` crate does (the rule before).
pub const LEAP_SECOND: bool = false;

/// RFC 3339 date-time as `time` parses it, but for the separator: `YYYY-MM-DD`, `T`, `t` or a space
/// (RFC 3339 §5.6 and its note; `time` takes any one byte, and `2026-01-01_10:00:00Z` was sent),
/// `hh:mm:ss`, an optional `.` with one or more digits, then `Z`/`z` or `±hh:mm` (offset hour at
/// most 23, minutes at most 59). Second 60 (a leap second) is refused ([`LEAP_SECOND`]).
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let d = |at, n| digits(b, at, n);
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (d(0, 4), d(5, 2), d(8, 2), d(11, 2), d(14, 2), d(17, 2))
    else {
        return false;
    };
    let lit = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(lit(4, b'-')
        && lit(7, b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && lit(13, b':')
        && lit(16, b':'))
    {
        return false;
    }
    let mut at = 19;
    if lit(at, b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return false;
        }
    }
    // Offset in minutes east of UTC.
    let offset: i64 = match b.get(at) {
        Some(b'Z' | b'z') if b.len() == at + 1 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == at + 6 && lit(at + 3, b':') => {
            match (d(at + 1, 2), d(at + 4, 2)) {
                (Some(h), Some(m)) if h <= 23 && m <= 59 => {
                    let v = i64::from(h * 60 + m);
                    if *sign == b'-' {
                        -v
                    } else {
                        v
                    }
                }
                _ => return false,
            }
        }
        _ => return false,
    };
    if !is_date(year, month, day) || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    if second < 60 {
        return true;
    }
    if !LEAP_SECOND {
        return false;
    }
    // A leap second: the UTC time must be 23:59 on the last day of its month.
    let utc = i64::from(hour * 60 + minute) - offset;
    if utc.rem_euclid(1440) != 1439 {
        return false;
    }
    let last = days_in_month(i64::from(year), month);
    match utc.div_euclid(1440) {
        -1 => day == 1,
        0 => day == last,
        1 => day + 1 == last,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
