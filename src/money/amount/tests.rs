use super::*;
use crate::money::{currency, from_minor, to_minor, Table};

fn eur() -> &'static Currency {
    currency("EUR", Table::Iso).unwrap()
}

#[test]
fn documented_examples() {
    assert_eq!(to_minor("300.50", "EUR", Table::Iso).unwrap(), 30050);
    assert_eq!(to_minor("1000", "JPY", Table::Iso).unwrap(), 1000);
    assert_eq!(to_minor("12.3", "CNY", Table::Systempay).unwrap(), 123);
    assert_eq!(to_minor("12.3", "CNY", Table::Iso).unwrap(), 1230);
    assert_eq!(to_minor("1.500", "EUR", Table::Iso).unwrap(), 150);
    assert_eq!(to_minor("1.234", "KWD", Table::Iso).unwrap(), 1234);
    assert_eq!(to_minor("0.0001", "CLF", Table::Iso).unwrap(), 1);
    assert_eq!(to_minor("100", "KHR", Table::Systempay).unwrap(), 100);
    assert_eq!(to_minor("100", "KHR", Table::Iso).unwrap(), 10000);
    assert_eq!(from_minor(30050, "EUR", Table::Iso).unwrap(), "300.50");
    assert_eq!(from_minor(1000, "JPY", Table::Iso).unwrap(), "1000");
    assert_eq!(from_minor(5, "EUR", Table::Iso).unwrap(), "0.05");
    assert_eq!(from_minor(0, "KWD", Table::Iso).unwrap(), "0.000");
    assert_eq!(from_minor(123, "CNY", Table::Systempay).unwrap(), "12.3");
    assert_eq!(from_minor(1, "CLF", Table::Iso).unwrap(), "0.0001");
}

#[test]
fn bad_strings_are_amount_format() {
    for bad in [
        "-1", "1e3", "1,50", " 1", "1 ", "", "１２", "+1", ".5", "5.", "1.2.3", "0x10", "٣",
    ] {
        let e = parse_minor(bad, eur()).unwrap_err();
        assert_eq!(e.code, ErrorCode::AmountFormat, "{bad:?}");
        assert_eq!(e.field.as_deref(), Some("amount"));
        assert!(e.message.contains("ASCII digits"), "{}", e.message);
    }
}

#[test]
fn precision_and_range() {
    let e = parse_minor("0.001", eur()).unwrap_err();
    assert_eq!(e.code, ErrorCode::AmountPrecision);
    assert!(e.message.contains("2 fraction digits"), "{}", e.message);
    let jpy = currency("JPY", Table::Iso).unwrap();
    assert_eq!(
        parse_minor("5.1", jpy).unwrap_err().code,
        ErrorCode::AmountPrecision
    );
    assert_eq!(parse_minor("5.000", jpy).unwrap(), 5);
    let e = parse_minor("99999999999999999", eur()).unwrap_err();
    assert_eq!(e.code, ErrorCode::AmountRange);
    // Exactly MAX_SAFE_INTEGER minor units is accepted, one more is not.
    assert_eq!(
        parse_minor("90071992547409.91", eur()).unwrap(),
        MAX_SAFE_INTEGER
    );
    assert_eq!(
        parse_minor("90071992547409.92", eur()).unwrap_err().code,
        ErrorCode::AmountRange
    );
    assert_eq!(
        parse_minor(&"9".repeat(400), eur()).unwrap_err().code,
        ErrorCode::AmountRange
    );
    assert_eq!(
        format_minor(MAX_SAFE_INTEGER + 1, eur()).unwrap_err().code,
        ErrorCode::AmountRange
    );
}

#[test]
fn leading_zeros_are_fine() {
    assert_eq!(parse_minor("007.10", eur()).unwrap(), 710);
    assert_eq!(parse_minor("0", eur()).unwrap(), 0);
}

#[cfg(not(target_arch = "wasm32"))]
fn all_rows() -> Vec<&'static Currency> {
    Table::NAMES
        .iter()
        .flat_map(|n| Table::parse(n).unwrap().rows().iter())
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
proptest! {
    // No failure persistence: a run never writes into the tree (issue 10, row 13).
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn round_trip_every_currency_of_every_table(minor in 0u64..=MAX_SAFE_INTEGER, idx in any::<prop::sample::Index>()) {
        let rows = all_rows();
        let cur = rows[idx.index(rows.len())];
        let text = format_minor(minor, cur).unwrap();
        prop_assert_eq!(parse_minor(&text, cur).unwrap(), minor);
    }

    #[test]
    fn decimal_value_is_preserved(int in 0u64..1_000_000_000, frac in 0u64..100) {
        // Checked another way: integer arithmetic on the two parts.
        let text = format!("{int}.{frac:02}");
        prop_assert_eq!(parse_minor(&text, eur()).unwrap(), int * 100 + frac);
    }

    #[test]
    fn no_string_makes_the_parser_panic(s in any::<String>()) {
        for cur in [eur(), currency("JPY", Table::Iso).unwrap(), currency("CLF", Table::Iso).unwrap()] {
            let _ = parse_minor(&s, cur);
        }
        let _ = to_minor(&s, &s, Table::Iso);
    }

    #[test]
    fn digit_strings_never_panic(s in "[0-9]{0,30}(\\.[0-9]{0,30})?") {
        let _ = parse_minor(&s, eur());
    }
}
