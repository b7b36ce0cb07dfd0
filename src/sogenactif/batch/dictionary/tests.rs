use super::*;
use std::collections::HashSet;

#[test]
fn every_method_has_contiguous_columns_and_containers() {
    assert_eq!(METHODS.len(), 11);
    for m in METHODS {
        assert_eq!(m.token, m.name.to_ascii_uppercase(), "{}", m.name);
        assert_eq!(m.fields.first().unwrap().name, "merchantId", "{}", m.name);
        let mut seen = HashSet::new();
        for (i, fld) in m.fields.iter().enumerate() {
            assert_eq!(
                usize::from(fld.order),
                i + 2,
                "{}.{} order",
                m.name,
                fld.name
            );
            assert!(
                seen.insert((fld.container(), fld.name)),
                "{} duplicate {}",
                m.name,
                fld.name
            );
        }
        // A container's members are adjacent, so the XML writer can open and close it once.
        let mut closed = HashSet::new();
        let mut current = None;
        for fld in m.fields {
            if fld.container() != current {
                if let Some(c) = current {
                    closed.insert(c);
                }
                if let Some(c) = fld.container() {
                    assert!(!closed.contains(c), "{}: {} split", m.name, c);
                }
                current = fld.container();
            }
        }
        assert!(m.url().starts_with(DICTIONARY_URL));
        assert!(
            m.fields.iter().any(|f| f.name == "currencyCode")
                || !m.fields.iter().any(|f| f.format == Amount),
            "{}",
            m.name
        );
    }
    assert_eq!(method("walletCredit").unwrap().columns(), 20);
    assert_eq!(method("cardOrder").unwrap().columns(), 63);
    assert_eq!(method("walletOrder").unwrap().columns(), 55);
    assert_eq!(method_by_token("CARDORDER").unwrap().name, "cardOrder");
    assert!(method("WalletCredit").is_none());
}
