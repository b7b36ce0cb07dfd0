use super::*;
use crate::money::{currency, Table, ISO_4217};

/// The seed's table, typed again from the page text (alpha, numeric, fractional unit).
const SEED: &str = "AUD 036 2|BGN 975 2|BRL 986 2|CAD 124 2|CHF 756 2|CNY 156 1|CZK 203 2|\
DKK 208 2|EUR 978 2|GBP 826 2|HKD 344 2|HRK 191 2|HUF 348 2|INR 356 2|IDR 360 2|JPY 392 0|\
KHR 116 0|KRW 410 0|MXN 484 2|MYR 458 2|NZD 554 2|NOK 578 2|PHP 608 2|PLN 985 2|RON 946 2|\
RUB 643 2|SGD 702 2|SEK 752 2|THB 764 2|TRY 949 2|TWD 901 2|USD 840 2|XPF 953 0|ZAR 710 2";

#[test]
fn exactly_the_seed_rows() {
    let seed: Vec<(&str, u16, u8)> = SEED
        .split('|')
        .map(|r| {
            let p: Vec<&str> = r.split(' ').collect();
            (p[0], p[1].parse().unwrap(), p[2].parse().unwrap())
        })
        .collect();
    assert_eq!(seed.len(), 34);
    assert_eq!(SYSTEMPAY.len(), 34);
    for (code, numeric, digits) in &seed {
        let c = currency(code, Table::Systempay).unwrap();
        assert_eq!((c.numeric, c.digits), (*numeric, *digits), "{code}");
    }
}

#[test]
fn deviations_from_iso_are_the_documented_ones() {
    let mut deviations = Vec::new();
    for c in SYSTEMPAY {
        match ISO_4217.iter().find(|i| i.code() == c.code()) {
            Some(iso) => {
                assert_eq!(iso.numeric, c.numeric, "{}", c.code());
                if iso.digits != c.digits {
                    deviations.push((c.code(), iso.digits, c.digits));
                }
            }
            None => deviations.push((c.code(), 99, c.digits)),
        }
    }
    assert_eq!(
        deviations,
        vec![("BGN", 99, 2), ("CNY", 2, 1), ("HRK", 99, 2), ("KHR", 2, 0)]
    );
}

#[test]
fn other_currencies_are_unknown_here() {
    assert!(currency("KWD", Table::Systempay).is_err());
    assert!(currency("XOF", Table::Systempay).is_err());
    assert!(currency("KWD", Table::Iso).is_ok());
}
