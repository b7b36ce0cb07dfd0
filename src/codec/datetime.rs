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

/// RFC 3339 date-time as `time` parses it: `YYYY-MM-DD`, any one byte as separator,
/// `hh:mm:ss`, an optional `.` with one or more digits, then `Z`/`z` or `±hh:mm` (offset hour at
/// most 23, minutes at most 59). Second 60 (a leap second) is accepted only when it falls on
/// 23:59:60 UTC of the last day of a month, as `time` does.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let d = |at, n| digits(b, at, n);
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (d(0, 4), d(5, 2), d(8, 2), d(11, 2), d(14, 2), d(17, 2))
    else {
        return false;
    };
    let lit = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(lit(4, b'-') && lit(7, b'-') && lit(13, b':') && lit(16, b':')) {
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
mod tests {
    use super::*;
    use time::format_description::well_known::Rfc3339;

    fn by_time(s: &str) -> bool {
        time::OffsetDateTime::parse(s, &Rfc3339).is_ok()
    }

    fn date_by_time(y: u32, m: u32, d: u32) -> bool {
        let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(y), u8::try_from(m), u8::try_from(d)) else {
            return false;
        };
        time::Month::try_from(m).is_ok_and(|m| time::Date::from_calendar_date(y, m, d).is_ok())
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
    }

    #[test]
    fn calendar_dates_agree_with_time() {
        for y in (0..=10_000)
            .step_by(1)
            .filter(|y| y % 97 == 0 || y % 100 == 0 || *y > 9990)
        {
            for m in 0..=13 {
                for d in 0..=32 {
                    assert_eq!(is_date(y, m, d), date_by_time(y, m, d), "{y}-{m}-{d}");
                    let s = format!("{y:04}{m:02}{d:02}");
                    assert_eq!(
                        is_yyyymmdd(&s),
                        date_by_time(y, m, d) && s.len() == 8,
                        "{s}"
                    );
                }
            }
        }
        for bad in [
            "2021032",
            "2021-03-2",
            "+2021032",
            "202103290",
            "２０２１0329",
            "",
        ] {
            assert!(!is_yyyymmdd(bad), "{bad}");
        }
    }

    #[test]
    fn published_and_edge_examples() {
        for ok in [
            "2026-11-22T10:15:00+01:00",
            "1985-04-12T23:20:50.52Z",
            "1996-12-19T16:39:57-08:00",
            "1990-12-31T23:59:60Z",
            "1990-12-31T15:59:60-08:00",
            "1937-01-01T12:00:27.87+00:20",
            "2026-01-02 10:15:00z",
            "2024-02-29T00:00:00.123456789123+23:59",
            "0000-01-01T00:59:60+01:00",
            "2024-03-01T00:00:60+00:01",
        ] {
            assert!(by_time(ok), "time refuses {ok}");
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2026-11-22",
            "2026-11-22T10:15:00",
            "2026-11-22T10:15:00+0100",
            "2026-11-22T10:15:00+24:00",
            "2026-11-22T10:15:00+01:60",
            "2026-11-22T24:00:00Z",
            "2026-11-22T10:60:00Z",
            "2026-11-22T10:15:61Z",
            "2026-11-22T10:15:60Z",
            "2023-02-29T10:15:00Z",
            "2026-11-22T10:15:00.Z",
            "2026-11-22T10:15:00Z ",
            "2026-11-22T10:15:00+01:00x",
            "+2026-11-22T10:15:00Z",
            "2026-11-22TT10:15:00Z",
            "2026-11-22é10:15:00Z",
        ] {
            assert_eq!(is_rfc3339(bad), by_time(bad), "{bad}");
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    /// Random date-times built from near-valid parts, then randomly mutated, compared with `time`.
    #[test]
    fn random_inputs_agree_with_time() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let pieces: &[u8] = b"0123456789-:+.TtZz x";
        let mut accepted = 0;
        for _ in 0..200_000 {
            let year = [0, 1, 1900, 2000, 2024, 2100, 9999][rng.below(7) as usize];
            let month = rng.below(14);
            let days = [0, 1, 27, 28, 29, 30, 31, 32];
            let day = days[rng.below(8) as usize];
            let hour = [0, 1, 12, 23, 24][rng.below(5) as usize];
            let minute = [0, 1, 30, 59, 60][rng.below(5) as usize];
            let second = [0, 30, 59, 60, 61][rng.below(5) as usize];
            let frac = match rng.below(4) {
                0 => String::new(),
                1 => ".".to_string(),
                2 => ".5".to_string(),
                _ => ".1234567891".to_string(),
            };
            let offset = match rng.below(5) {
                0 => "Z".to_string(),
                1 => "z".to_string(),
                _ => {
                    let sign = if rng.below(2) == 0 { '+' } else { '-' };
                    let h = [0, 1, 14, 23, 24][rng.below(5) as usize];
                    let m = [0, 1, 30, 59, 60][rng.below(5) as usize];
                    format!("{sign}{h:02}:{m:02}")
                }
            };
            let sep = [b'T', b't', b' ', b'_'][rng.below(4) as usize] as char;
            let mut s = format!(
                "{year:04}-{month:02}-{day:02}{sep}{hour:02}:{minute:02}:{second:02}{frac}{offset}"
            )
            .into_bytes();
            // Mutate a third of them: replace, delete or insert one byte.
            match rng.below(9) {
                0 if !s.is_empty() => {
                    let at = rng.below(s.len() as u64) as usize;
                    s[at] = pieces[rng.below(pieces.len() as u64) as usize];
                }
                1 if !s.is_empty() => {
                    let at = rng.below(s.len() as u64) as usize;
                    s.remove(at);
                }
                2 => {
                    let at = rng.below(s.len() as u64 + 1) as usize;
                    s.insert(at, pieces[rng.below(pieces.len() as u64) as usize]);
                }
                _ => {}
            }
            let s = String::from_utf8(s).unwrap();
            let expected = by_time(&s);
            accepted += usize::from(expected);
            assert_eq!(is_rfc3339(&s), expected, "{s}");
        }
        // The generator must exercise both answers, leap seconds included.
        assert!(accepted > 10_000, "{accepted}");
    }

    #[test]
    fn every_leap_second_position_agrees_with_time() {
        for (date, last) in [
            ("2024-02-29", true),
            ("2024-02-28", false),
            ("2024-03-01", false),
        ] {
            for hour in 0..24 {
                for minute in [0, 1, 58, 59] {
                    for off_h in 0..24 {
                        for off_m in [0, 1, 59] {
                            for sign in ['+', '-'] {
                                let s = format!(
                                    "{date}T{hour:02}:{minute:02}:60{sign}{off_h:02}:{off_m:02}"
                                );
                                assert_eq!(is_rfc3339(&s), by_time(&s), "{s} (last day: {last})");
                            }
                        }
                    }
                }
            }
        }
    }
}
