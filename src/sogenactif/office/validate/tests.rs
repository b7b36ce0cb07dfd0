use super::*;

#[test]
fn dates() {
    assert!(is_yyyymmdd("20210329"));
    assert!(is_yyyymmdd("20240229"));
    assert!(!is_yyyymmdd("20230229"));
    assert!(!is_yyyymmdd("20211301"));
    assert!(!is_yyyymmdd("2021032"));
    assert!(!is_yyyymmdd("2021-03-2"));
}

#[test]
fn field_rows_decode_to_their_own_name() {
    assert!(FIELDS.len() < usize::from(REQUIRED));
    let amount = field(r(F::Amount)).unwrap();
    assert_eq!(
        (amount.name, amount.kind, amount.required),
        ("amount", Kind::Amount, true)
    );
    let csc = field(o(F::CardCSCValue)).unwrap();
    assert_eq!(
        (csc.name, csc.kind, csc.required),
        ("cardCSCValue", Kind::Csc, false)
    );
    let mut names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), FIELDS.len());
    assert!(field(0x7f).is_none());
}

#[test]
fn every_service_has_a_table_without_duplicates() {
    for s in Service::ALL {
        let sp = spec(s);
        let name = |r: &Row| field(*r).unwrap().name;
        let mut names: Vec<&str> = sp.fields.iter().map(name).collect();
        names.extend(COMMON.iter().map(name));
        if sp.order_containers {
            names.extend(ORDER_CONTAINERS.iter().map(name));
        }
        for i in sp.idents {
            names.extend([i.reference, i.s10]);
        }
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "{}", s.name());
    }
}
