use super::*;
use time::format_description::well_known::Rfc3339;

/// What `time` accepts, with RFC 3339's separators only (`T`, `t`, a space: `time` takes any byte).
fn by_time(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &Rfc3339).is_ok()
        && matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' '))
}

/// What remise takes: [`by_time`], second 60 only with [`LEAP_SECOND`].
fn expected(s: &str) -> bool {
    by_time(s) && (LEAP_SECOND || s.get(17..19) != Some("60"))
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
        "1937-01-01T12:00:27.87+00:20",
        "2026-01-02 10:15:00z",
        "2024-02-29T00:00:00.123456789123+23:59",
    ] {
        assert!(by_time(ok), "time refuses {ok}");
        assert!(is_rfc3339(ok), "{ok}");
    }
    // RFC 3339's own leap second examples (§5.8), and two more `time` takes: as LEAP_SECOND says.
    for leap in [
        "1990-12-31T23:59:60Z",
        "1990-12-31T15:59:60-08:00",
        "0000-01-01T00:59:60+01:00",
        "2024-03-01T00:00:60+00:01",
        // A helper's (twentieth pass): a Systempay `expectedCaptureDate` that was sent.
        "2028-02-29T23:59:60Z",
    ] {
        assert!(by_time(leap), "time refuses {leap}");
        assert_eq!(is_rfc3339(leap), LEAP_SECOND, "{leap}");
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
        // Separators `time` takes and RFC 3339 does not (the fifteenth pass, an attack).
        "2026-11-22_10:15:00Z",
        "2026-11-22X10:15:00Z",
        "2026-11-22/10:15:00Z",
        "2026-11-22\u{0}10:15:00Z",
    ] {
        // (`time` itself takes the last four.)
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
        let expected = expected(&s);
        accepted += usize::from(expected);
        assert_eq!(is_rfc3339(&s), expected, "{s}");
    }
    // The generator must exercise both answers.
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
                            assert_eq!(is_rfc3339(&s), expected(&s), "{s} (last day: {last})");
                        }
                    }
                }
            }
        }
    }
}
