//! Dates: the caller's ISO 8601 input, Payline's `dd/mm/yyyy HH:mm` family, and Europe/Paris
//! wall-clock time.
//!
//! Parsing and formatting go through the `time` crate. What no crate here does is the
//! Europe/Paris zone: `time` has no tz database (and shipping one to wasm for one zone is not
//! worth its weight), so the EU rule is written out by hand: summer time (CEST, UTC+2) runs from
//! the last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC; the rest of
//! the year is CET (UTC+1). This rule has applied to France since 1996 (EU Directive 2000/84/EC).
//!
//! Payline's own two-digit years (`07/12/23`) are read as 20yy.

use time::macros::format_description;
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
        if tail.starts_with('+') || tail.starts_with('-') {
            let off = UtcOffset::parse(
                tail,
                format_description!("[offset_hour sign:mandatory]:[offset_minute]"),
            )
            .ok()?;
            (s.get(..split)?, Some(off))
        } else {
            (s, None)
        }
    };
    let formats = [
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]"),
    ];
    let local = formats
        .iter()
        .find_map(|f| PrimitiveDateTime::parse(body, f).ok())?;
    Some((local, offset))
}

/// An ISO 8601 calendar date `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
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

/// `dd/mm/yyyy HH:mm` (order date, AN16).
pub fn format_datetime(dt: PrimitiveDateTime) -> Option<String> {
    dt.format(format_description!("[day]/[month]/[year] [hour]:[minute]"))
        .ok()
}

/// `dd/mm/yy` (payment.differedActionDate, AN8).
pub fn format_short_date(d: Date) -> Option<String> {
    d.format(format_description!("[day]/[month]/[year repr:last_two]"))
        .ok()
}

/// `dd/mm/yyyy`.
pub fn format_date(d: Date) -> Option<String> {
    d.format(format_description!("[day]/[month]/[year]")).ok()
}

/// `YYYY-MM-DDTHH:MM:SS` (no offset: Payline's dates are wall-clock times).
pub fn iso_local(dt: PrimitiveDateTime) -> Option<String> {
    dt.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]"
    ))
    .ok()
}

/// `YYYY-MM-DD`.
pub fn iso_date(d: Date) -> Option<String> {
    d.format(format_description!("[year]-[month]-[day]")).ok()
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
        ] {
            assert!(input_datetime(bad).is_none(), "{bad}");
        }
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
