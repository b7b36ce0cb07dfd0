//! Dates: the caller's ISO 8601 input, Payline's `dd/mm/yyyy HH:mm` family, and Europe/Paris
//! wall-clock time.
//!
//! The calendar (valid dates, offsets, arithmetic) is the `time` crate's. Two things are by hand:
//! - the fixed-width layouts (`YYYY-MM-DDTHH:MM…`, `dd/mm/yyyy HH:mm`) are split and written digit
//!   by digit, as the Sips batch dates are: `time`'s format-description parser and formatter cost
//!   about 10 KB gzip of wasm (measured with wasm-opt on the release build) for layouts that are
//!   only two- and four-digit fields;
//! - the Europe/Paris zone: `time` has no tz database (and shipping one to wasm for one zone is not
//!   worth its weight), so the EU rule is written out: summer time (CEST, UTC+2) runs from the last
//!   Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC; the rest of the year
//!   is CET (UTC+1). This rule has applied to France since 1996 (EU Directive 2000/84/EC).
//!
//! Payline's own two-digit years (`07/12/23`) are read as 20yy.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

const CET: UtcOffset = time::macros::offset!(+1);
const CEST: UtcOffset = time::macros::offset!(+2);

/// The last Sunday of `month` in `year`, at 01:00 UTC (an EU summer-time switch).
fn eu_switch(year: i32, month: Month) -> Option<OffsetDateTime> {
    let last_day = Date::from_calendar_date(year, month, 31).ok()?;
    let back = last_day.weekday().number_days_from_sunday();
    let sunday = last_day.checked_sub(time::Duration::days(i64::from(back)))?;
    debug_assert_eq!(sunday.weekday(), Weekday::Sunday);
    Some(sunday.with_time(Time::from_hms(1, 0, 0).ok()?).assume_utc())
}

/// The Europe/Paris offset at a given instant.
pub fn paris_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    match (
        eu_switch(utc.year(), Month::March),
        eu_switch(utc.year(), Month::October),
    ) {
        (Some(start), Some(end)) if utc >= start && utc < end => CEST,
        _ => CET,
    }
}

/// The Europe/Paris wall-clock time of an instant.
pub fn to_paris(at: OffsetDateTime) -> PrimitiveDateTime {
    let local = at.to_offset(paris_offset(at));
    PrimitiveDateTime::new(local.date(), local.time())
}

/// The instant of a Europe/Paris wall-clock time. In the hour that does not exist (spring) or
/// happens twice (autumn) the result is one hour off at most, which no rule here depends on.
pub fn paris_to_instant(local: PrimitiveDateTime) -> OffsetDateTime {
    let winter = local.assume_offset(CET);
    if paris_offset(winter) == CEST {
        local.assume_offset(CEST)
    } else {
        winter
    }
}

/// An ISO 8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]`: the wall-clock part and
/// the offset when one was written.
pub fn parse_iso(s: &str) -> Option<(PrimitiveDateTime, Option<UtcOffset>)> {
    let (body, offset) = if let Some(b) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        (b, Some(UtcOffset::UTC))
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
            let h = i8::try_from(two(tail.get(1..3)?)?).ok()?;
            let m = i8::try_from(two(tail.get(4..6)?)?).ok()?;
            let off = UtcOffset::from_hms(sign * h, sign * m, 0).ok()?;
            (s.get(..split)?, Some(off))
        }
    };
    let (date, time) = body.split_once('T')?;
    let date = parse_iso_date(date)?;
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
                    digits.parse::<u32>().ok()?.checked_mul(scale)?
                }
            };
            (sec, nanos)
        }
    };
    let time = Time::from_hms_nano(h, m, sec, nanos).ok()?;
    Some((PrimitiveDateTime::new(date, time), offset))
}

/// An ISO 8601 calendar date `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    if s.len() != 10 || s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    let y = s.get(..4)?;
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = Month::try_from(two(s.get(5..7)?)?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, two(s.get(8..10)?)?).ok()
}

fn two(s: &str) -> Option<u8> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `dd/MM/yy` or `dd/MM/yyyy` (two-digit years are 20yy).
pub fn parse_payline_date(s: &str) -> Option<Date> {
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year: i32 = match y.len() {
        2 => 2000 + i32::from(two(y)?),
        4 if y.bytes().all(|b| b.is_ascii_digit()) => y.parse().ok()?,
        _ => return None,
    };
    let month = Month::try_from(two(m)?).ok()?;
    Date::from_calendar_date(year, month, two(d)?).ok()
}

/// Payline date-times: `dd/MM/yy HH:mm`, `dd/MM/yy HH:mm:ss`, `dd/MM/yyyy HH:mm`,
/// `dd/MM/yyyy HH:mm:ss` (reference §4 transaction: the layout varies by operation).
pub fn parse_payline(s: &str) -> Option<PrimitiveDateTime> {
    let (date, time) = s.split_once(' ')?;
    let date = parse_payline_date(date)?;
    let mut parts = time.split(':');
    let (h, m) = (two(parts.next()?)?, two(parts.next()?)?);
    let sec = match parts.next() {
        Some(x) => two(x)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(PrimitiveDateTime::new(
        date,
        Time::from_hms(h, m, sec).ok()?,
    ))
}

/// The wall-clock time to write for a caller's date-time: ISO 8601 without an offset (or
/// Payline's own layout) is taken as written; with an offset it is converted to Europe/Paris.
pub fn input_datetime(s: &str) -> Option<PrimitiveDateTime> {
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
        .or_else(|| input_datetime(s).map(|dt| dt.date()))
}

/// The instant a caller's date-time denotes: exact with an offset; otherwise read as
/// Europe/Paris wall-clock time (Payline's own dates have no offset and are Paris time).
pub fn input_instant(s: &str) -> Option<OffsetDateTime> {
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
fn four_digit_year(d: Date) -> Option<i32> {
    Some(d.year()).filter(|y| (1..=9999).contains(y))
}

/// `dd/mm/yyyy HH:mm` (order date, AN16).
pub fn format_datetime(dt: PrimitiveDateTime) -> Option<String> {
    let y = four_digit_year(dt.date())?;
    Some(format!(
        "{:02}/{:02}/{y:04} {:02}:{:02}",
        dt.day(),
        u8::from(dt.month()),
        dt.hour(),
        dt.minute()
    ))
}

/// `dd/mm/yy` (payment.differedActionDate, AN8).
pub fn format_short_date(d: Date) -> Option<String> {
    let y = four_digit_year(d)?;
    Some(format!(
        "{:02}/{:02}/{:02}",
        d.day(),
        u8::from(d.month()),
        y % 100
    ))
}

/// `dd/mm/yyyy`.
pub fn format_date(d: Date) -> Option<String> {
    let y = four_digit_year(d)?;
    Some(format!("{:02}/{:02}/{y:04}", d.day(), u8::from(d.month())))
}

/// `YYYY-MM-DDTHH:MM:SS` (no offset: Payline's dates are wall-clock times).
pub fn iso_local(dt: PrimitiveDateTime) -> Option<String> {
    let y = four_digit_year(dt.date())?;
    Some(format!(
        "{y:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    ))
}

/// `YYYY-MM-DD`.
pub fn iso_date(d: Date) -> Option<String> {
    let y = four_digit_year(d)?;
    Some(format!("{y:04}-{:02}-{:02}", u8::from(d.month()), d.day()))
}

/// The same day `months` calendar months later, clamped to the month's last day
/// (31 March + 11 months → 28/29 February).
pub fn add_months(at: OffsetDateTime, months: u32) -> Option<OffsetDateTime> {
    let total = i64::from(at.year()) * 12 + i64::from(u8::from(at.month())) - 1 + i64::from(months);
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(total.rem_euclid(12) + 1).ok()?).ok()?;
    let last = time::util::days_in_month(month, year);
    let day = at.day().min(last);
    let date = Date::from_calendar_date(year, month, day).ok()?;
    Some(date.with_time(at.time()).assume_offset(at.offset()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use time::macros::datetime;

    #[test]
    fn eu_switch_dates() {
        // Published transition dates (France): 2024-03-31, 2024-10-27, 2025-03-30, 2025-10-26,
        // 2026-03-29, 2026-10-25 (all at 01:00 UTC).
        assert_eq!(
            eu_switch(2024, Month::March).unwrap(),
            datetime!(2024-03-31 01:00 UTC)
        );
        assert_eq!(
            eu_switch(2024, Month::October).unwrap(),
            datetime!(2024-10-27 01:00 UTC)
        );
        assert_eq!(
            eu_switch(2025, Month::March).unwrap(),
            datetime!(2025-03-30 01:00 UTC)
        );
        assert_eq!(
            eu_switch(2025, Month::October).unwrap(),
            datetime!(2025-10-26 01:00 UTC)
        );
        assert_eq!(
            eu_switch(2026, Month::March).unwrap(),
            datetime!(2026-03-29 01:00 UTC)
        );
        assert_eq!(
            eu_switch(2026, Month::October).unwrap(),
            datetime!(2026-10-25 01:00 UTC)
        );
    }

    #[test]
    fn paris_offsets_around_switches() {
        assert_eq!(paris_offset(datetime!(2024-03-31 00:59:59 UTC)), CET);
        assert_eq!(paris_offset(datetime!(2024-03-31 01:00 UTC)), CEST);
        assert_eq!(paris_offset(datetime!(2024-10-27 00:59:59 UTC)), CEST);
        assert_eq!(paris_offset(datetime!(2024-10-27 01:00 UTC)), CET);
        assert_eq!(paris_offset(datetime!(2024-07-14 12:00 UTC)), CEST);
        assert_eq!(paris_offset(datetime!(2024-12-25 12:00 UTC)), CET);
    }

    #[test]
    fn wall_clock_round_trip() {
        let local = datetime!(2024-07-14 12:00);
        assert_eq!(paris_to_instant(local), datetime!(2024-07-14 10:00 UTC));
        let local = datetime!(2024-01-14 12:00);
        assert_eq!(paris_to_instant(local), datetime!(2024-01-14 11:00 UTC));
        assert_eq!(to_paris(datetime!(2024-01-14 11:00 UTC)), local);
    }

    #[test]
    fn iso_input() {
        assert_eq!(
            input_datetime("2024-12-15T12:20").unwrap(),
            datetime!(2024-12-15 12:20)
        );
        assert_eq!(
            input_datetime("2024-12-15T11:20:59.999Z").unwrap(),
            datetime!(2024-12-15 12:20:59.999)
        );
        assert_eq!(
            input_datetime("2024-07-01T08:00:00-04:00").unwrap(),
            datetime!(2024-07-01 14:00)
        );
        assert_eq!(
            input_datetime("15/12/2024 12:20").unwrap(),
            datetime!(2024-12-15 12:20)
        );
        for bad in [
            "2024-13-01T00:00",
            "2024-02-30T10:00",
            "yesterday",
            "",
            "2024-12-15",
            "2024-12-15T25:00",
            "2024-12-15T12:20:00.",
            "2024-12-15T12:20:0",
            "2024-12-15T12:2",
            "2024-12-15T12:20:00.1234567890",
            "2024-12-15T12:20+1:00",
            "2024-12-15T12:20+26:00",
            "2024-12-15T\u{ff11}\u{ff12}:20",
            "2024-12-15 12:20",
            "24-12-15T12:20",
            "+2024-12-15T12:20",
            "2024-12-15T12:20:00Z+01:00",
        ] {
            assert!(input_datetime(bad).is_none(), "{bad}");
        }
        assert_eq!(
            parse_iso("2024-12-15T12:20:00.5+05:30").unwrap(),
            (
                datetime!(2024-12-15 12:20:00.5),
                Some(time::macros::offset!(+5:30))
            )
        );
        assert_eq!(
            parse_iso("2024-12-15T12:20:00.123456789-01:00").unwrap().0,
            datetime!(2024-12-15 12:20:00.123456789)
        );
        assert_eq!(
            input_datetime("2024-02-29T23:59:59z").unwrap(),
            datetime!(2024-03-01 00:59:59)
        );
        // Year 0 parses but cannot be written in four digits.
        let y0 = input_datetime("0000-01-01T00:30").unwrap();
        assert_eq!(format_datetime(y0), None);
    }

    #[test]
    fn payline_layouts() {
        assert_eq!(
            parse_payline("07/12/23 13:21").unwrap(),
            datetime!(2023-12-07 13:21)
        );
        assert_eq!(
            parse_payline("07/12/23 13:21:01").unwrap(),
            datetime!(2023-12-07 13:21:01)
        );
        assert_eq!(
            parse_payline("07/12/2023 16:20").unwrap(),
            datetime!(2023-12-07 16:20)
        );
        assert_eq!(
            parse_payline("01/03/2023 00:12:51").unwrap(),
            datetime!(2023-03-01 00:12:51)
        );
        for bad in [
            "7/12/23 13:21",
            "07/12/023 13:21",
            "31/02/2023 10:00",
            "07/12/2023",
            "07/12/2023 13:21:01:00",
        ] {
            assert!(parse_payline(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(
            format_datetime(datetime!(2016-04-07 11:00)).unwrap(),
            "07/04/2016 11:00"
        );
        assert_eq!(
            format_short_date(datetime!(2024-01-05 0:00).date()).unwrap(),
            "05/01/24"
        );
        assert_eq!(
            format_date(datetime!(2024-01-05 0:00).date()).unwrap(),
            "05/01/2024"
        );
    }

    #[test]
    fn months_are_calendar_months() {
        assert_eq!(
            add_months(datetime!(2024-03-31 10:00 UTC), 11).unwrap(),
            datetime!(2025-02-28 10:00 UTC)
        );
        assert_eq!(
            add_months(datetime!(2024-01-15 10:00 UTC), 11).unwrap(),
            datetime!(2024-12-15 10:00 UTC)
        );
    }
}
