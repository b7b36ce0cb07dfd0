//! Dates: the caller's ISO 8601 input, Payline's `dd/mm/yyyy HH:mm` family, and Europe/Paris
//! wall-clock time.
//!
//! Written by hand, without the `time` crate, for size (issue 6): `time` was the only user of its
//! calendar in the shipped wasm, and Payline needs only a few fixed-width layouts, the proleptic
//! Gregorian calendar and one time zone. What this module computes is exactly what the `time` 0.3
//! based version computed (same accepted inputs, same outputs); `dates/tests.rs` compares it with
//! `time` (a dev-dependency) on every day from 1900 to 2100, every EU switch from 1980 to 2100 and
//! random instants.
//! - Day numbers: Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms ("chrono-
//!   Compatible Low-Level Date Algorithms", https://howardhinnant.github.io/date_algorithms.html),
//!   reimplemented from their description.
//! - The Europe/Paris zone: no tz database (shipping one to wasm for one zone is not worth its
//!   weight), so the EU rule is written out: summer time (CEST, UTC+2) runs from the last Sunday of
//!   March at 01:00 UTC to the last Sunday of October at 01:00 UTC; the rest of the year is CET
//!   (UTC+1). This rule has applied to France since 1996 (EU Directive 2000/84/EC); it is used
//!   for every year, so an instant before 1996 (summer time ended in September then, and France
//!   had none before 1976) may be off by an hour, as README says. Payline transactions are later.
//!
//! Payline's own two-digit years (`07/12/23`) are read as 20yy.

use std::cmp::Ordering;

/// Offsets are seconds east of UTC.
pub const UTC: i32 = 0;
pub const CET: i32 = 3600;
pub const CEST: i32 = 7200;
const DAY: i64 = 86_400;

/// A proleptic Gregorian calendar date (what `time::Date` held). Field order gives the
/// chronological order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
}

/// A wall-clock date-time without an offset (what `time::PrimitiveDateTime` held).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
}

/// An instant with the offset it was written in (what `time::OffsetDateTime` held): `local` is
/// the wall-clock time at `offset` seconds east of UTC. Equality and order are those of the
/// instant, whatever the offsets.
#[derive(Clone, Copy, Debug)]
pub struct Instant {
    pub local: DateTime,
    pub offset: i32,
}

/// Days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date of years -9999–9999 (the range `time::Date::from_calendar_date` accepts
    /// without its `large-dates` feature).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((-9999..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Hinnant's `days_from_civil`: the year is shifted to start in
    /// March so that the leap day ends it; 400-year eras of 146 097 days).
    pub fn days_from_epoch(self) -> i64 {
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400); // [0, 399]
        let mp = (m + 9) % 12; // March = 0 … February = 11
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1; // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`), for |days| far below
    /// i64's range (callers stay within ±10 000 years).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
        let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
        let year = yoe + era * 400 + i64::from(month <= 2);
        // The narrowing casts cannot lose anything: day ≤ 31, month ≤ 12, and the year of
        // ±10 000 years of days fits an i32.
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Midnight of this date.
    pub fn midnight(self) -> DateTime {
        DateTime {
            date: self,
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
        }
    }
}

impl DateTime {
    /// Seconds since 1970-01-01T00:00 of this wall-clock time read as UTC.
    fn seconds(self) -> i64 {
        self.date.days_from_epoch() * DAY
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The wall-clock time `secs` seconds after 1970-01-01T00:00.
    fn from_seconds(secs: i64, nanosecond: u32) -> DateTime {
        let tod = secs.rem_euclid(DAY); // [0, 86399]
        DateTime {
            date: Date::from_days(secs.div_euclid(DAY)),
            hour: (tod / 3600) as u8,
            minute: (tod / 60 % 60) as u8,
            second: (tod % 60) as u8,
            nanosecond,
        }
    }

    /// This wall-clock time at `offset` seconds east of UTC.
    pub fn assume_offset(self, offset: i32) -> Instant {
        Instant {
            local: self,
            offset,
        }
    }
}

impl Instant {
    /// Seconds since the Unix epoch.
    pub fn unix_timestamp(self) -> i64 {
        self.local.seconds() - i64::from(self.offset)
    }

    /// The instant `unix` seconds (plus `nanosecond`) after the Unix epoch, written at `offset`.
    pub fn from_unix(unix: i64, nanosecond: u32, offset: i32) -> Instant {
        Instant {
            local: DateTime::from_seconds(unix + i64::from(offset), nanosecond),
            offset,
        }
    }

    /// The same instant written at another offset.
    pub fn to_offset(self, offset: i32) -> Instant {
        Instant::from_unix(self.unix_timestamp(), self.local.nanosecond, offset)
    }

    /// The instant `secs` seconds later, at the same offset.
    pub fn plus_seconds(self, secs: i64) -> Instant {
        Instant::from_unix(
            self.unix_timestamp() + secs,
            self.local.nanosecond,
            self.offset,
        )
    }

    fn key(self) -> (i64, u32) {
        (self.unix_timestamp(), self.local.nanosecond)
    }
}

impl PartialEq for Instant {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Instant {}

impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Instant {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// The last Sunday of `month` (March or October: 31 days) in `year`, at 01:00 UTC (an EU
/// summer-time switch), in seconds since the Unix epoch.
fn eu_switch(year: i32, month: u8) -> i64 {
    let last_day = Date {
        year,
        month,
        day: 31,
    }
    .days_from_epoch();
    // 1970-01-01 was a Thursday: (days + 4) mod 7 counts days from Sunday.
    let sunday = last_day - (last_day + 4).rem_euclid(7);
    sunday * DAY + 3600
}

/// The Europe/Paris offset at a given instant.
pub fn paris_offset(at: Instant) -> i32 {
    let utc = at.unix_timestamp();
    let year = Date::from_days(utc.div_euclid(DAY)).year;
    // The switch instants have no fraction of a second, so whole seconds compare exactly.
    if utc >= eu_switch(year, 3) && utc < eu_switch(year, 10) {
        CEST
    } else {
        CET
    }
}

/// The Europe/Paris wall-clock time of an instant.
pub fn to_paris(at: Instant) -> DateTime {
    at.to_offset(paris_offset(at)).local
}

/// The instant of a Europe/Paris wall-clock time. A time in the hour that does not exist (the
/// spring change) is moved forward by that hour, as java.time does (02:30 is 03:30 CEST); a time
/// that happens twice (autumn) is its second, winter-time instant. (Until the tenth pass the
/// spring hour was moved back, so the re-authorization window could end an hour early.)
pub fn paris_to_instant(local: DateTime) -> Instant {
    let winter = local.assume_offset(CET);
    let summer = local.assume_offset(CEST);
    if paris_offset(winter) == CEST && paris_offset(summer) == CEST {
        summer
    } else {
        winter
    }
}

/// An ISO 8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]` (`t` or a space for the `T`,
/// as RFC 3339 allows): the wall-clock part and the offset when one was written.
pub fn parse_iso(s: &str) -> Option<(DateTime, Option<i32>)> {
    let (body, offset) = if let Some(b) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        (b, Some(UTC))
    } else {
        let split = s.len().checked_sub(6)?;
        let tail = s.get(split..)?;
        let sign: i8 = match tail.get(..1) {
            Some("+") => 1,
            Some("-") => -1,
            _ => 0,
        };
        if sign == 0 {
            (s, None)
        } else {
            if tail.get(3..4) != Some(":") {
                return None;
            }
            let (h, m) = (two(tail.get(1..3)?)?, two(tail.get(4..6)?)?);
            // RFC 3339's ranges, as Systempay's dates are read (`time::UtcOffset::from_hms` took
            // hours up to 25: '+25:00' wrote a date one day off; a helper's attack, 2026-12-06).
            if h > 23 || m > 59 {
                return None;
            }
            let off = i32::from(sign) * (i32::from(h) * 3600 + i32::from(m) * 60);
            (s.get(..split)?, Some(off))
        }
    };
    // RFC 3339's separators (§5.6 and its note), as `codec::datetime` reads Systempay's and Sips'
    // dates: `T`, `t` or a space (only `T` was taken, and `…t10:00:00Z` refused while `…T10:00:00z`
    // was read: a helper's attack, twentieth pass). The date is ten bytes (`parse_iso_date`).
    if !matches!(body.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let date = parse_iso_date(body.get(..10)?)?;
    let time = body.get(11..)?;
    let (hm, rest) = (time.get(..5)?, time.get(5..)?);
    if hm.get(2..3) != Some(":") {
        return None;
    }
    let (h, m) = (two(hm.get(..2)?)?, two(hm.get(3..5)?)?);
    let (sec, nanos) = match rest {
        "" => (0, 0),
        r => {
            let r = r.strip_prefix(':')?;
            let sec = two(r.get(..2)?)?;
            let nanos = match r.get(2..)? {
                "" => 0,
                f => {
                    let digits = f.strip_prefix('.')?;
                    if digits.is_empty()
                        || digits.len() > 9
                        || !digits.bytes().all(|b| b.is_ascii_digit())
                    {
                        return None;
                    }
                    let scale = 10u32.checked_pow(u32::try_from(9 - digits.len()).ok()?)?;
                    u32::try_from(crate::codec::text::parse_u64(digits)?)
                        .ok()?
                        .checked_mul(scale)?
                }
            };
            (sec, nanos)
        }
    };
    Some((at_time(date, h, m, sec, nanos)?, offset))
}

/// An ISO 8601 calendar date `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    if s.len() != 10 || s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    let b = s.as_bytes();
    Date::new(
        i32::from(two_at(b, 0)?) * 100 + i32::from(two_at(b, 2)?),
        two_at(b, 5)?,
        two_at(b, 8)?,
    )
}

/// The two ASCII digits at `at` of `b`, as a number.
fn two_at(b: &[u8], at: usize) -> Option<u8> {
    match (b.get(at), b.get(at + 1)) {
        (Some(x @ b'0'..=b'9'), Some(y @ b'0'..=b'9')) => Some((x - b'0') * 10 + (y - b'0')),
        _ => None,
    }
}

/// `s` if it is two ASCII digits, as a number.
fn two(s: &str) -> Option<u8> {
    if s.len() != 2 {
        return None;
    }
    two_at(s.as_bytes(), 0)
}

/// A time of day on `date`, in the ranges `time::Time::from_hms_nano` accepts.
fn at_time(date: Date, hour: u8, minute: u8, second: u8, nanosecond: u32) -> Option<DateTime> {
    (hour <= 23 && minute <= 59 && second <= 59 && nanosecond < 1_000_000_000).then_some(DateTime {
        date,
        hour,
        minute,
        second,
        nanosecond,
    })
}

/// `dd/MM/yy` or `dd/MM/yyyy` (two-digit years are 20yy).
pub fn parse_payline_date(s: &str) -> Option<Date> {
    // By position: what splitting on '/' accepted (two digits, two digits, then two or four and
    // no other '/') is exactly these shapes, and at opt-level z `split('/')` costs a char
    // searcher per call (issue 9: this runs on every date of every Payline answer).
    let b = s.as_bytes();
    if !matches!((b.get(2), b.get(5)), (Some(b'/'), Some(b'/'))) {
        return None;
    }
    let (day, month) = (two_at(b, 0)?, two_at(b, 3)?);
    let year = match b.len() {
        8 => 2000 + i32::from(two_at(b, 6)?),
        10 => i32::from(two_at(b, 6)?) * 100 + i32::from(two_at(b, 8)?),
        _ => return None,
    };
    Date::new(year, month, day)
}

/// Payline date-times: `dd/MM/yy HH:mm`, `dd/MM/yy HH:mm:ss`, `dd/MM/yyyy HH:mm`,
/// `dd/MM/yyyy HH:mm:ss` (reference §4 transaction: the layout varies by operation).
pub fn parse_payline(s: &str) -> Option<DateTime> {
    // The date ends at the first space, which only a date of 8 or 10 bytes leaves at 8 or 10;
    // then `HH:mm` or `HH:mm:ss`, by position (see `parse_payline_date`).
    let b = s.as_bytes();
    let space = match (b.get(8), b.get(10)) {
        (Some(b' '), _) => 8,
        (_, Some(b' ')) => 10,
        _ => return None,
    };
    let date = parse_payline_date(s.get(..space)?)?;
    let t = b.get(space + 1..)?;
    if !matches!(t.get(2), Some(b':')) {
        return None;
    }
    let (h, m) = (two_at(t, 0)?, two_at(t, 3)?);
    let sec = match t.len() {
        5 => 0,
        8 if matches!(t.get(5), Some(b':')) => two_at(t, 6)?,
        _ => return None,
    };
    at_time(date, h, m, sec, 0)
}

/// The wall-clock time to write for a caller's date-time: ISO 8601 without an offset (or
/// Payline's own layout) is taken as written; with an offset it is converted to Europe/Paris.
pub fn input_datetime(s: &str) -> Option<DateTime> {
    if let Some((local, offset)) = parse_iso(s) {
        return Some(match offset {
            None => local,
            Some(off) => to_paris(local.assume_offset(off)),
        });
    }
    parse_payline(s)
}

/// The calendar date to write for a caller's date: `YYYY-MM-DD`, a Payline date, or a
/// date-time (converted like [`input_datetime`]).
pub fn input_date(s: &str) -> Option<Date> {
    parse_iso_date(s)
        .or_else(|| parse_payline_date(s))
        .or_else(|| input_datetime(s).map(|dt| dt.date))
}

/// The instant a caller's date-time denotes: exact with an offset; otherwise read as
/// Europe/Paris wall-clock time (Payline's own dates have no offset and are Paris time).
pub fn input_instant(s: &str) -> Option<Instant> {
    if let Some((local, offset)) = parse_iso(s) {
        return Some(match offset {
            Some(off) => local.assume_offset(off),
            None => paris_to_instant(local),
        });
    }
    if let Some(local) = parse_payline(s) {
        return Some(paris_to_instant(local));
    }
    parse_iso_date(s).map(|d| paris_to_instant(d.midnight()))
}

/// Years Payline can carry (four digits).
fn four_digit_year(d: Date) -> Option<u32> {
    u32::try_from(d.year)
        .ok()
        .filter(|y| (1..=9999).contains(y))
}

/// A date stamp from fixed-width numbers, each written zero-padded in its width and followed by
/// its separator (none for `0`). Every number here is below 10^width (a day, a month, an hour…,
/// a year from [`four_digit_year`]), where this writes what `format!("{:0w$}")` writes; by hand
/// because these run on every Payline request and answer with a date, where `format!` was about
/// 3 % of the call (issue 9).
fn stamp(parts: &[(u32, u32, u8)]) -> String {
    let mut out = String::with_capacity(20);
    for &(n, width, sep) in parts {
        let mut div = 10u32.pow(width.saturating_sub(1));
        while div > 0 {
            out.push(char::from(b'0' + ((n / div) % 10) as u8));
            div /= 10;
        }
        if sep != 0 {
            out.push(char::from(sep));
        }
    }
    out
}

/// `dd/mm/yyyy HH:mm` (order date, AN16).
pub fn format_datetime(dt: DateTime) -> Option<String> {
    let y = four_digit_year(dt.date)?;
    let (d, m) = (dt.date.day.into(), dt.date.month.into());
    Some(stamp(&[
        (d, 2, b'/'),
        (m, 2, b'/'),
        (y, 4, b' '),
        (dt.hour.into(), 2, b':'),
        (dt.minute.into(), 2, 0),
    ]))
}

/// `dd/mm/yy` (payment.differedActionDate, AN8).
pub fn format_short_date(d: Date) -> Option<String> {
    let y = four_digit_year(d)?;
    Some(stamp(&[
        (d.day.into(), 2, b'/'),
        (d.month.into(), 2, b'/'),
        (y % 100, 2, 0),
    ]))
}

/// `dd/mm/yyyy`.
pub fn format_date(d: Date) -> Option<String> {
    let y = four_digit_year(d)?;
    Some(stamp(&[
        (d.day.into(), 2, b'/'),
        (d.month.into(), 2, b'/'),
        (y, 4, 0),
    ]))
}

/// `YYYY-MM-DDTHH:MM:SS` (no offset: Payline's dates are wall-clock times).
pub fn iso_local(dt: DateTime) -> Option<String> {
    let y = four_digit_year(dt.date)?;
    Some(stamp(&[
        (y, 4, b'-'),
        (dt.date.month.into(), 2, b'-'),
        (dt.date.day.into(), 2, b'T'),
        (dt.hour.into(), 2, b':'),
        (dt.minute.into(), 2, b':'),
        (dt.second.into(), 2, 0),
    ]))
}

/// `YYYY-MM-DD`.
pub fn iso_date(d: Date) -> Option<String> {
    let y = four_digit_year(d)?;
    Some(stamp(&[
        (y, 4, b'-'),
        (d.month.into(), 2, b'-'),
        (d.day.into(), 2, 0),
    ]))
}

/// The same day `months` calendar months later, clamped to the month's last day
/// (31 March + 11 months → 28/29 February), at the same wall-clock time and offset; `None`
/// past year 9999.
pub fn add_months(at: Instant, months: u32) -> Option<Instant> {
    let d = at.local.date;
    let total = i64::from(d.year) * 12 + i64::from(d.month) - 1 + i64::from(months);
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u8::try_from(total.rem_euclid(12) + 1).ok()?;
    let day = d.day.min(days_in_month(year, month));
    let date = Date::new(year, month, day)?;
    Some(DateTime { date, ..at.local }.assume_offset(at.offset))
}

#[cfg(test)]
mod tests;
