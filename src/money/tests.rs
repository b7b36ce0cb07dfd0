use super::*;
use std::collections::HashSet;

#[test]
fn iso_codes_are_unique_and_well_formed() {
    let mut alpha = HashSet::new();
    let mut numeric = HashSet::new();
    for c in ISO_4217 {
        assert!(alpha.insert(c.code()), "duplicate alpha {}", c.code());
        assert!(numeric.insert(c.numeric), "duplicate numeric {}", c.numeric);
        assert!(c.code().len() == 3 && c.code().bytes().all(|b| b.is_ascii_uppercase()));
        assert!(c.numeric > 0 && c.numeric < 1000);
        assert!(c.digits <= 4);
    }
    // ISO 4217 list one (2026-01-01): 178 alpha codes, 13 of them without a minor unit.
    assert_eq!(ISO_4217.len(), 165);
}

#[test]
fn iso_known_rows() {
    let check = |code: &str, numeric: u16, digits: u8| {
        let c = currency(code, Table::Iso).unwrap();
        assert_eq!((c.code(), c.numeric, c.digits), (code, numeric, digits));
    };
    check("EUR", 978, 2);
    check("JPY", 392, 0);
    check("KWD", 414, 3);
    check("CLF", 990, 4);
    check("XOF", 952, 0);
    check("USD", 840, 2);
    assert_eq!(currency("EUR", Table::Iso).unwrap().name(), "Euro");
    // Funds codes and metals have no minor unit and are not in the table.
    assert!(currency("XAU", Table::Iso).is_err());
    assert!(currency("XDR", Table::Iso).is_err());
}

#[test]
fn sogenactif_takes_the_withdrawn_codes_its_pages_list() {
    // documentation.sogenactif.com, office/cancel.html and refund.html: 191 (Croatian kuna) and 975
    // (Bulgarian lev) among the accepted currencyCode values, 2 fraction digits as ISO had them.
    for (code, alpha) in [
        ("975", "BGN"),
        ("191", "HRK"),
        ("BGN", "BGN"),
        ("HRK", "HRK"),
    ] {
        let c = currency(code, Table::Sogenactif).unwrap();
        assert_eq!((c.code(), c.digits), (alpha, 2), "{code}");
        assert!(currency(code, Table::Iso).is_err(), "{code}");
        assert!(currency(code, Table::Payline).is_err(), "{code}");
    }
    // Only those two come from Systempay's table: its CNY keeps ISO's 2 digits here.
    assert_eq!(currency("CNY", Table::Sogenactif).unwrap().digits, 2);
}

#[test]
fn lookup_by_numeric_code() {
    assert_eq!(currency("978", Table::Iso).unwrap().code(), "EUR");
    assert_eq!(currency("036", Table::Payline).unwrap().code(), "AUD");
    assert_eq!(currency("36", Table::Sogenactif).unwrap().code(), "AUD");
    assert_eq!(
        currency_by_numeric(392, Table::Systempay).unwrap().code(),
        "JPY"
    );
    assert_eq!(currency("EUR", Table::Iso).unwrap().numeric_str(), "978");
    assert_eq!(currency("AUD", Table::Iso).unwrap().numeric_str(), "036");
}

#[test]
fn lookup_is_exact() {
    for bad in ["eur", " EUR", "EURO", "", "9999", "000", "€"] {
        let e = currency(bad, Table::Iso).unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownCurrency, "{bad}");
        assert_eq!(e.field.as_deref(), Some("currency"));
    }
}

#[test]
fn table_names() {
    for n in Table::NAMES {
        assert_eq!(Table::parse(n).unwrap().name(), n);
    }
    assert_eq!(Table::parse("ISO").unwrap_err().code, ErrorCode::Validation);
}

#[test]
fn tables_are_sorted_by_alpha_code_for_the_binary_search() {
    for table in [Table::Iso, Table::Systempay] {
        let rows = table.rows();
        assert!(
            rows.windows(2).all(|w| w[0].code() < w[1].code()),
            "{table:?} must be strictly sorted by code"
        );
        for c in rows {
            assert_eq!(currency(c.code(), table).unwrap().code(), c.code());
            assert_eq!(
                currency(&c.numeric.to_string(), table).unwrap().code(),
                c.code()
            );
        }
    }
}

#[test]
fn numeric_codes_are_written_on_three_digits() {
    // `numeric_str` / `numeric_digits` replaced `format!("{:03}")`: the same text for every row
    // of every table, and every code fits three digits.
    for table in [
        Table::Iso,
        Table::Systempay,
        Table::Payline,
        Table::Sogenactif,
    ] {
        for c in table.rows() {
            assert!(c.numeric < 1000, "{}", c.code());
            assert_eq!(c.numeric_str(), format!("{:03}", c.numeric), "{}", c.code());
        }
    }
    for n in [0u16, 7, 36, 100, 999] {
        assert_eq!(
            numeric_digits(n),
            *format!("{n:03}").as_bytes().first_chunk::<3>().unwrap()
        );
    }
}

/// `printable` escapes ASCII exactly as `char::escape_debug`, never shows a character raw that
/// `escape_debug` escapes, and writes every other one as `escape_debug` writes its escapes.
#[test]
fn printable_is_escape_debug_or_stricter() {
    for c in (0u32..=0x10ffff).filter_map(char::from_u32) {
        let std: String = c.escape_debug().collect();
        let ours = super::printable(&c.to_string());
        if c.is_ascii() || ours == c.to_string() {
            assert_eq!(ours, std, "U+{:04X}", u32::from(c));
        } else {
            assert_eq!(
                ours,
                format!("\\u{{{:x}}}", u32::from(c)),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
    assert_eq!(
        super::printable("Crédit Agricole – €5"),
        "Crédit Agricole – €5"
    );
    assert_eq!(
        super::printable("a\u{202e}b\u{200b}c\u{301}"),
        "a\\u{202e}b\\u{200b}c\\u{301}"
    );
    assert_eq!(
        super::printable(&"x".repeat(41)),
        format!("{}…", "x".repeat(40))
    );
}

#[test]
fn every_row_has_a_three_letter_code() {
    for table in [Table::Iso, Table::Systempay] {
        for c in table.rows() {
            assert!(
                c.code().len() == 3 && c.code().bytes().all(|b| b.is_ascii_uppercase()),
                "{c:?}"
            );
        }
    }
}

#[test]
fn a_row_serializes_as_js_sees_it() {
    let eur = currency("EUR", Table::Iso).unwrap();
    assert_eq!(
        serde_json::to_value(eur).unwrap(),
        serde_json::json!({ "code": "EUR", "numeric": 978, "digits": 2, "name": "Euro" })
    );
}

/// Each row's name as its table lists it: the names of a table's rows follow one another.
fn listed_names(rows: &[Currency], names: &'static str) -> Vec<&'static str> {
    let mut at = 0;
    let mut out = Vec::new();
    for c in rows {
        out.push(&names[at..at + usize::from(c.name_len)]);
        at += usize::from(c.name_len);
    }
    assert_eq!(at, names.len());
    out
}

#[test]
fn every_row_has_the_name_it_is_listed_with() {
    for (c, listed) in ISO_4217.iter().zip(listed_names(ISO_4217, iso::NAMES)) {
        assert!(!listed.is_empty(), "{}", c.code());
        assert_eq!(c.name(), listed, "{}", c.code());
    }
    // Systempay's rows name only the codes ISO lacks; the others take ISO's name.
    for (c, listed) in SYSTEMPAY
        .iter()
        .zip(listed_names(SYSTEMPAY, systempay::NAMES))
    {
        let iso = find_in(c.code(), ISO_4217);
        assert_eq!(listed.is_empty(), iso.is_some(), "{}", c.code());
        assert_eq!(c.name(), iso.map_or(listed, |r| r.name()), "{}", c.code());
        assert!(!c.name().is_empty(), "{}", c.code());
    }
    assert_eq!(currency("HRK", Table::Sogenactif).unwrap().name(), "Kuna");
    assert_eq!(
        currency("CNY", Table::Systempay).unwrap().name(),
        "Yuan Renminbi"
    );
}
