#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The hand-written calendar against the `time` crate: `reference` is this module as it was
//! written with `time` (kept verbatim), and the tests compare the two on many inputs.
use super::*;

/// The `time`-based implementation this module replaced (the behaviour to keep).
mod reference {
    use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

    pub const CET: UtcOffset = time::macros::offset!(+1);
    pub const CEST: UtcOffset = time::macros::offset!(+2);

    /// The last Sunday of `month` in `year`, at 01:00 UTC (an EU summer-time switch).
    pub fn eu_switch(year: i32, month: Month) -> Option<OffsetDateTime> {
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

    /// The instant of a Europe/Paris wall-clock time. One deliberate change to the former module
    /// (tenth pass): a time in the skipped spring hour is moved forward (02:30 → 03:30 CEST), as
    /// java.time does, where the former code moved it back; the autumn hour that happens twice is
    /// its winter-time instant, as before.
    pub fn paris_to_instant(local: PrimitiveDateTime) -> OffsetDateTime {
        let winter = local.assume_offset(CET);
        if paris_offset(winter) == CEST && paris_offset(local.assume_offset(CEST)) == CEST {
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
                // RFC 3339's hours (the product's rule since the fourteenth pass; `time` takes 25).
                if h > 23 {
                    return None;
                }
                let off = UtcOffset::from_hms(sign * h, sign * m, 0).ok()?;
                (s.get(..split)?, Some(off))
            }
        };
        // RFC 3339's separators (the product's rule since the twentieth pass).
        if !matches!(body.get(10..11), Some("T" | "t" | " ")) {
            return None;
        }
        let (date, time) = (parse_iso_date(body.get(..10)?)?, body.get(11..)?);
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

    pub fn two(s: &str) -> Option<u8> {
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
    pub fn four_digit_year(d: Date) -> Option<i32> {
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
        let total =
            i64::from(at.year()) * 12 + i64::from(u8::from(at.month())) - 1 + i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = Month::try_from(u8::try_from(total.rem_euclid(12) + 1).ok()?).ok()?;
        let last = time::util::days_in_month(month, year);
        let day = at.day().min(last);
        let date = Date::from_calendar_date(year, month, day).ok()?;
        Some(date.with_time(at.time()).assume_offset(at.offset()))
    }
}

fn from_date(d: time::Date) -> Date {
    Date {
        year: d.year(),
        month: u8::from(d.month()),
        day: d.day(),
    }
}

fn from_local(t: time::PrimitiveDateTime) -> DateTime {
    DateTime {
        date: from_date(t.date()),
        hour: t.hour(),
        minute: t.minute(),
        second: t.second(),
        nanosecond: t.nanosecond(),
    }
}

fn from_instant(t: time::OffsetDateTime) -> Instant {
    Instant {
        local: from_local(time::PrimitiveDateTime::new(t.date(), t.time())),
        offset: t.offset().whole_seconds(),
    }
}

/// `time` values as this module's.
trait Mine {
    type Out;
    fn mine(self) -> Self::Out;
}
impl Mine for time::OffsetDateTime {
    type Out = Instant;
    fn mine(self) -> Instant {
        from_instant(self)
    }
}
impl Mine for time::PrimitiveDateTime {
    type Out = DateTime;
    fn mine(self) -> DateTime {
        from_local(self)
    }
}

/// `time::macros::datetime!` as this module's `Instant` (with an offset) or `DateTime`.
macro_rules! dt {
    ($($t:tt)*) => {
        Mine::mine(time::macros::datetime!($($t)*))
    };
}

/// A small deterministic generator (xorshift), so failures are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

#[test]
fn every_day_1900_to_2100_agrees_with_time() {
    let mut d = time::Date::from_calendar_date(1900, time::Month::January, 1).unwrap();
    let end = time::Date::from_calendar_date(2101, time::Month::January, 1).unwrap();
    // 1970-01-01 is Julian day 2 440 588.
    while d < end {
        let days = i64::from(d.to_julian_day()) - 2_440_588;
        let mine = from_date(d);
        assert_eq!(mine.days_from_epoch(), days, "{d}");
        assert_eq!(Date::from_days(days), mine, "{d}");
        assert_eq!(
            Date::new(mine.year, mine.month, mine.day),
            Some(mine),
            "{d}"
        );
        assert_eq!(
            (days + 4).rem_euclid(7),
            i64::from(d.weekday().number_days_from_sunday()),
            "{d}"
        );
        d = d.next_day().unwrap();
    }
}

#[test]
fn calendar_agrees_with_time_over_its_whole_range() {
    for year in (-10_001..=10_001).filter(|y: &i32| y % 37 == 0 || y % 100 == 0 || y.abs() > 9990) {
        for month in 0..=13u8 {
            for day in 0..=32u8 {
                let by_time = time::Month::try_from(month)
                    .ok()
                    .and_then(|m| time::Date::from_calendar_date(year, m, day).ok());
                assert_eq!(
                    Date::new(year, month, day),
                    by_time.map(from_date),
                    "{year}-{month}-{day}"
                );
                if let Some(d) = by_time {
                    let days = i64::from(d.to_julian_day()) - 2_440_588;
                    assert_eq!(from_date(d).days_from_epoch(), days, "{d}");
                    assert_eq!(Date::from_days(days), from_date(d), "{d}");
                }
            }
        }
    }
}

#[test]
fn eu_switches_1980_to_2100_agree_with_time() {
    for year in 1980..=2100 {
        for (month, m) in [(3, time::Month::March), (10, time::Month::October)] {
            let by_time = reference::eu_switch(year, m).unwrap();
            assert_eq!(
                eu_switch(year, month),
                by_time.unix_timestamp(),
                "{year}-{month}"
            );
            for delta in [-3601, -1, 0, 1, 3599, 3600] {
                let t = by_time + time::Duration::seconds(delta);
                assert_eq!(
                    paris_offset(t.mine()),
                    reference::paris_offset(t).whole_seconds(),
                    "{t}"
                );
                assert_eq!(to_paris(t.mine()), reference::to_paris(t).mine(), "{t}");
                let local = reference::to_paris(t);
                assert!(
                    paris_to_instant(local.mine()).mine_eq(reference::paris_to_instant(local)),
                    "{t}"
                );
            }
        }
    }
}

/// Same instant and same offset (what the `time`-based code returned).
trait MineEq {
    fn mine_eq(self, t: time::OffsetDateTime) -> bool;
}
impl MineEq for Instant {
    fn mine_eq(self, t: time::OffsetDateTime) -> bool {
        self == t.mine()
            && self.offset == t.offset().whole_seconds()
            && self.local == t.mine().local
    }
}

#[test]
fn random_instants_agree_with_time() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200_000 {
        // Years 0001–9998, any second, any nanosecond, any offset of ±15 h.
        let secs = rng.below(315_000_000_000) as i64 - 62_000_000_000;
        let nanos = rng.below(1_000_000_000) as u32;
        let off = rng.below(108_001) as i32 - 54_000;
        let t = time::OffsetDateTime::from_unix_timestamp(secs)
            .unwrap()
            .replace_nanosecond(nanos)
            .unwrap()
            .to_offset(time::UtcOffset::from_whole_seconds(off).unwrap());
        let mine = Instant::from_unix(secs, nanos, off);
        assert!(mine.mine_eq(t), "{t}");
        assert_eq!(t.mine().unix_timestamp(), secs, "{t}");
        assert_eq!(
            paris_offset(mine),
            reference::paris_offset(t).whole_seconds(),
            "{t}"
        );
        assert_eq!(to_paris(mine), reference::to_paris(t).mine(), "{t}");
        let local = reference::to_paris(t);
        assert!(
            paris_to_instant(local.mine()).mine_eq(reference::paris_to_instant(local)),
            "{t}"
        );
        let months = rng.below(30) as u32;
        match (add_months(mine, months), reference::add_months(t, months)) {
            (Some(a), Some(b)) => assert!(a.mine_eq(b), "{t} + {months}"),
            (a, b) => assert_eq!(a, b.map(Mine::mine), "{t} + {months}"),
        }
        let later = rng.below(200_000) as i64;
        assert!(
            mine.plus_seconds(later)
                .mine_eq(t + time::Duration::seconds(later)),
            "{t}"
        );
        let other = Instant::from_unix(secs + later - 100_000, nanos / 2, 0);
        let other_t = time::OffsetDateTime::from_unix_timestamp(secs + later - 100_000)
            .unwrap()
            .replace_nanosecond(nanos / 2)
            .unwrap();
        assert_eq!(mine.cmp(&other), t.cmp(&other_t), "{t} {other_t}");
        assert_eq!(mine == other, t == other_t, "{t} {other_t}");
    }
}

#[test]
fn add_months_near_year_9999_agrees_with_time() {
    for (y, m) in [
        (9998, 1),
        (9998, 2),
        (9999, 1),
        (9999, 2),
        (9999, 12),
        (1, 1),
        (0, 3),
    ] {
        for day in [1, 28, 29, 30, 31] {
            let Ok(d) = time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day)
            else {
                continue;
            };
            let t = d
                .midnight()
                .assume_offset(time::UtcOffset::from_hms(1, 0, 0).unwrap());
            for months in [0, 1, 11, 12, 13] {
                match (
                    add_months(t.mine(), months),
                    reference::add_months(t, months),
                ) {
                    (Some(a), Some(b)) => assert!(a.mine_eq(b), "{t} + {months}"),
                    (a, b) => assert_eq!(a, b.map(Mine::mine), "{t} + {months}"),
                }
            }
        }
    }
}

/// A date-time text near the layouts this module reads, often slightly wrong.
fn near_layout(rng: &mut Rng) -> String {
    let two = |rng: &mut Rng, max: u64| format!("{:02}", rng.below(max));
    let year = match rng.below(10) {
        0 => two(rng, 100),
        1 => format!("{}", rng.below(1000)),
        2 => "+2024".to_string(),
        _ => format!("{:04}", 1 + rng.below(9998)),
    };
    let (month, day) = (two(rng, 14), two(rng, 33));
    let (h, m, s) = (two(rng, 26), two(rng, 62), two(rng, 62));
    let mut out = if rng.below(2) == 0 {
        let sep = rng.pick(&["T", "T", "T", " ", "t"]);
        format!("{year}-{month}-{day}{sep}{h}:{m}")
    } else {
        format!("{day}/{month}/{year} {h}:{m}")
    };
    if rng.below(3) > 0 {
        out.push(':');
        out.push_str(&s);
        if rng.below(3) == 0 {
            out.push('.');
            for _ in 0..rng.below(11) {
                out.push(char::from(b'0' + rng.below(10) as u8));
            }
        }
    }
    match rng.below(6) {
        0 => out.push_str(rng.pick(&["Z", "z"])),
        1 | 2 => {
            out.push_str(rng.pick(&["+", "-"]));
            out.push_str(&two(rng, 28));
            out.push_str(rng.pick(&[":", ":", ":", "", "."]));
            out.push_str(&two(rng, 62));
        }
        _ => {}
    }
    match rng.below(8) {
        0 => {
            let cut = rng.below(out.len() as u64 + 1) as usize;
            out.truncate(cut);
        }
        1 => {
            let at = rng.below(out.len() as u64) as usize;
            out.remove(at);
        }
        2 => {
            out = out
                .split(' ')
                .next()
                .unwrap()
                .split('T')
                .next()
                .unwrap()
                .to_string()
        }
        _ => {}
    }
    out
}

#[test]
fn parsers_and_writers_agree_with_time() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut instants, mut dates) = (0, 0);
    for _ in 0..300_000 {
        let s = near_layout(&mut rng);
        if s.starts_with("9999") || s.contains("/9999") {
            continue; // see year_9999_with_an_offset_no_longer_panics
        }
        let (a, b) = (parse_iso(&s), reference::parse_iso(&s));
        assert_eq!(
            a,
            b.map(|(l, o)| (l.mine(), o.map(time::UtcOffset::whole_seconds))),
            "{s}"
        );
        assert_eq!(
            parse_iso_date(&s),
            reference::parse_iso_date(&s).map(from_date),
            "{s}"
        );
        assert_eq!(
            parse_payline_date(&s),
            reference::parse_payline_date(&s).map(from_date),
            "{s}"
        );
        assert_eq!(
            parse_payline(&s),
            reference::parse_payline(&s).map(Mine::mine),
            "{s}"
        );
        let dt = input_datetime(&s);
        assert_eq!(dt, reference::input_datetime(&s).map(Mine::mine), "{s}");
        let d = input_date(&s);
        assert_eq!(d, reference::input_date(&s).map(from_date), "{s}");
        match (input_instant(&s), reference::input_instant(&s)) {
            (Some(a), Some(b)) => {
                instants += 1;
                assert!(a.mine_eq(b), "{s}");
            }
            (a, b) => assert_eq!(a, b.map(Mine::mine), "{s}"),
        }
        if let (Some(dt), Some(r)) = (dt, reference::input_datetime(&s)) {
            assert_eq!(format_datetime(dt), reference::format_datetime(r), "{s}");
            assert_eq!(iso_local(dt), reference::iso_local(r), "{s}");
        }
        if let (Some(d), Some(r)) = (d, reference::input_date(&s)) {
            dates += 1;
            assert_eq!(format_short_date(d), reference::format_short_date(r), "{s}");
            assert_eq!(format_date(d), reference::format_date(r), "{s}");
            assert_eq!(iso_date(d), reference::iso_date(r), "{s}");
        }
    }
    // The generator reaches both sides often: valid and invalid texts.
    assert!(instants > 30_000 && dates > 30_000, "{instants} {dates}");
}

#[test]
fn offsets_agree_with_time() {
    for h in 0..100 {
        for m in 0..100 {
            for sign in ["+", "-"] {
                let s = format!("2024-06-01T12:00{sign}{h:02}:{m:02}");
                assert_eq!(
                    parse_iso(&s).map(|p| p.1),
                    reference::parse_iso(&s).map(|p| p.1.map(time::UtcOffset::whole_seconds)),
                    "{s}"
                );
            }
        }
    }
    // By hand: RFC 3339's hours. '+25:00' was read, and wrote 2026-12-01T10:00 as the 30th in Paris.
    assert_eq!(
        parse_iso("2026-12-01T10:00:00+23:59").map(|p| p.1),
        Some(Some(86_340))
    );
    assert_eq!(
        parse_iso("2026-12-01T10:00:00-23:59").map(|p| p.1),
        Some(Some(-86_340))
    );
    for s in [
        "2026-12-01T10:00:00+25:00",
        "2026-12-01T10:00:00+24:00",
        "2026-12-01T10:00:00-24:30",
    ] {
        assert_eq!(parse_iso(s), None, "{s}");
    }
}

#[test]
fn rfc3339_separators_read_as_t() {
    // By hand: RFC 3339 §5.6 allows `t`, and its note a space; only `T` was read (a helper's attack,
    // twentieth pass: `2024-06-01t10:00:00Z` refused while `2024-06-01T10:00:00z` was read).
    let upper = parse_iso("2024-06-01T10:00:00+02:00");
    assert!(upper.is_some());
    for s in ["2024-06-01t10:00:00+02:00", "2024-06-01 10:00:00+02:00"] {
        assert_eq!(parse_iso(s), upper, "{s}");
    }
    for s in [
        "2024-06-01_10:00:00+02:00",
        "2024-06-0110:00:00+02:00",
        "2024-06-01  10:00:00+02:00",
    ] {
        assert_eq!(parse_iso(s), None, "{s}");
    }
}

// catch_unwind needs unwinding: host only.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn year_9999_with_an_offset_no_longer_panics() {
    // `time` panicked converting 9999-12-31T23:30-01:00 to Paris time (the UTC instant is in
    // year 10000, outside its range); the hand-written calendar has no such limit, and the
    // year-10000 result is refused where it is written (four-digit years only).
    let s = "9999-12-31T23:30-01:00";
    assert!(std::panic::catch_unwind(|| reference::input_datetime(s)).is_err());
    let local = input_datetime(s).unwrap();
    assert_eq!(local.date.year, 10_000);
    assert_eq!(format_datetime(local), None);
    assert_eq!(input_date(s).and_then(format_date), None);
    let t = input_instant(s).unwrap();
    assert_eq!(add_months(t, 11), None);
}

#[test]
fn eu_switch_dates() {
    // Published transition dates (France): 2024-03-31, 2024-10-27, 2025-03-30, 2025-10-26,
    // 2026-03-29, 2026-10-25 (all at 01:00 UTC).
    assert_eq!(
        eu_switch(2024, 3),
        dt!(2024-03-31 01:00 UTC).unix_timestamp()
    );
    assert_eq!(
        eu_switch(2024, 10),
        dt!(2024-10-27 01:00 UTC).unix_timestamp()
    );
    assert_eq!(
        eu_switch(2025, 3),
        dt!(2025-03-30 01:00 UTC).unix_timestamp()
    );
    assert_eq!(
        eu_switch(2025, 10),
        dt!(2025-10-26 01:00 UTC).unix_timestamp()
    );
    assert_eq!(
        eu_switch(2026, 3),
        dt!(2026-03-29 01:00 UTC).unix_timestamp()
    );
    assert_eq!(
        eu_switch(2026, 10),
        dt!(2026-10-25 01:00 UTC).unix_timestamp()
    );
}

#[test]
fn paris_offsets_around_switches() {
    assert_eq!(paris_offset(dt!(2024-03-31 00:59:59 UTC)), CET);
    assert_eq!(paris_offset(dt!(2024-03-31 01:00 UTC)), CEST);
    assert_eq!(paris_offset(dt!(2024-10-27 00:59:59 UTC)), CEST);
    assert_eq!(paris_offset(dt!(2024-10-27 01:00 UTC)), CET);
    assert_eq!(paris_offset(dt!(2024-07-14 12:00 UTC)), CEST);
    assert_eq!(paris_offset(dt!(2024-12-25 12:00 UTC)), CET);
}

#[test]
fn wall_clock_round_trip() {
    let local = dt!(2024-07-14 12:00);
    assert_eq!(paris_to_instant(local), dt!(2024-07-14 10:00 UTC));
    let local = dt!(2024-01-14 12:00);
    assert_eq!(paris_to_instant(local), dt!(2024-01-14 11:00 UTC));
    assert_eq!(to_paris(dt!(2024-01-14 11:00 UTC)), local);
}

#[test]
fn iso_input() {
    assert_eq!(
        input_datetime("2024-12-15T12:20").unwrap(),
        dt!(2024-12-15 12:20)
    );
    assert_eq!(
        input_datetime("2024-12-15T11:20:59.999Z").unwrap(),
        dt!(2024-12-15 12:20:59.999)
    );
    assert_eq!(
        input_datetime("2024-07-01T08:00:00-04:00").unwrap(),
        dt!(2024-07-01 14:00)
    );
    // RFC 3339's other separators (twentieth pass; a space was refused before).
    assert_eq!(
        input_datetime("2024-12-15 12:20").unwrap(),
        dt!(2024-12-15 12:20)
    );
    assert_eq!(
        input_datetime("15/12/2024 12:20").unwrap(),
        dt!(2024-12-15 12:20)
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
        "2024-12-15_12:20",
        "24-12-15T12:20",
        "+2024-12-15T12:20",
        "2024-12-15T12:20:00Z+01:00",
    ] {
        assert!(input_datetime(bad).is_none(), "{bad}");
    }
    assert_eq!(
        parse_iso("2024-12-15T12:20:00.5+05:30").unwrap(),
        (dt!(2024-12-15 12:20:00.5), Some(5 * 3600 + 30 * 60))
    );
    assert_eq!(
        parse_iso("2024-12-15T12:20:00.123456789-01:00").unwrap().0,
        dt!(2024-12-15 12:20:00.123456789)
    );
    assert_eq!(
        input_datetime("2024-02-29T23:59:59z").unwrap(),
        dt!(2024-03-01 00:59:59)
    );
    // Year 0 parses but cannot be written in four digits.
    let y0 = input_datetime("0000-01-01T00:30").unwrap();
    assert_eq!(format_datetime(y0), None);
}

#[test]
fn payline_layouts() {
    assert_eq!(
        parse_payline("07/12/23 13:21").unwrap(),
        dt!(2023-12-07 13:21)
    );
    assert_eq!(
        parse_payline("07/12/23 13:21:01").unwrap(),
        dt!(2023-12-07 13:21:01)
    );
    assert_eq!(
        parse_payline("07/12/2023 16:20").unwrap(),
        dt!(2023-12-07 16:20)
    );
    assert_eq!(
        parse_payline("01/03/2023 00:12:51").unwrap(),
        dt!(2023-03-01 00:12:51)
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
        format_datetime(dt!(2016-04-07 11:00)).unwrap(),
        "07/04/2016 11:00"
    );
    assert_eq!(
        format_short_date(dt!(2024-01-05 0:00).date).unwrap(),
        "05/01/24"
    );
    assert_eq!(
        format_date(dt!(2024-01-05 0:00).date).unwrap(),
        "05/01/2024"
    );
}

#[test]
fn months_are_calendar_months() {
    assert_eq!(
        add_months(dt!(2024-03-31 10:00 UTC), 11).unwrap(),
        dt!(2025-02-28 10:00 UTC)
    );
    assert_eq!(
        add_months(dt!(2024-01-15 10:00 UTC), 11).unwrap(),
        dt!(2024-12-15 10:00 UTC)
    );
}

/// The writers (`stamp`, not `format!`) at every width boundary of the year and of the other
/// fields, against the `format!`-based reference; years outside 1–9999 write nothing.
#[test]
fn writers_agree_with_format_at_every_width() {
    let mut n = 0;
    for year in [-1, 0, 1, 9, 10, 99, 100, 999, 1000, 2024, 9998, 9999] {
        for (month, day) in [(1, 1), (2, 28), (9, 9), (10, 10), (12, 31)] {
            let Ok(d) =
                time::Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day)
            else {
                continue;
            };
            for (h, m, s) in [(0, 0, 0), (9, 5, 7), (10, 10, 10), (23, 59, 59)] {
                let t = d.with_hms(h, m, s).unwrap();
                let dt = from_local(t);
                assert_eq!(format_datetime(dt), reference::format_datetime(t), "{t}");
                assert_eq!(iso_local(dt), reference::iso_local(t), "{t}");
                n += 1;
            }
            let mine = from_date(d);
            assert_eq!(
                format_short_date(mine),
                reference::format_short_date(d),
                "{d}"
            );
            assert_eq!(format_date(mine), reference::format_date(d), "{d}");
            assert_eq!(iso_date(mine), reference::iso_date(d), "{d}");
            assert_eq!(iso_date(mine).is_some(), (1..=9999).contains(&year), "{d}");
        }
    }
    assert_eq!(n, 12 * 5 * 4);
}

#[test]
fn the_skipped_spring_hour_moves_forward_and_the_repeated_autumn_hour_is_winter_time() {
    // 28 March 2027: 02:00 CET becomes 03:00 CEST at 01:00 UTC. 31 October 2027: 03:00 CEST becomes
    // 02:00 CET at 01:00 UTC, so 02:30 happens at 00:30 and at 01:30 UTC. (Hand-computed.)
    let at = |(y, mo, d, h, mi): (i32, u8, u8, u8, u8)| DateTime {
        date: Date::new(y, mo, d).unwrap(),
        hour: h,
        minute: mi,
        second: 0,
        nanosecond: 0,
    };
    for (paris, utc) in [
        ((2027, 3, 28, 2, 30), (2027, 3, 28, 1, 30)),
        ((2027, 3, 28, 1, 59), (2027, 3, 28, 0, 59)),
        ((2027, 3, 28, 3, 0), (2027, 3, 28, 1, 0)),
        ((2027, 10, 31, 2, 30), (2027, 10, 31, 1, 30)),
        ((2027, 10, 31, 1, 30), (2027, 10, 30, 23, 30)),
    ] {
        assert_eq!(
            paris_to_instant(at(paris)).unix_timestamp(),
            at(utc).assume_offset(0).unix_timestamp(),
            "{paris:?}"
        );
    }
}
