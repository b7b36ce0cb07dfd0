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
        let mut names: Vec<&str> = sp.rows().map(name).collect();
        for i in sp.idents {
            names.extend([i.reference, i.s10]);
        }
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "{}", s.name());
    }
}

#[test]
fn s10_ids_are_read_as_the_declared_kind() {
    // The s10 id is N6 (reference sogenactif.md §1.6): the identification pair reads it with the
    // kind the declarations are written from (`S10_ID`, see `typegen`), through the same checks.
    for id in ["000123", "123456", "1234567", "12a456", ""] {
        let mut through_pair = Issues::new();
        let fields = serde_json::json!({ "s10TransactionReference": { "s10TransactionId": id } });
        check(Service::GetTransactionData, &fields, &mut through_pair);
        let mut direct = Issues::new();
        if !id.is_empty() {
            check_value(&serde_json::json!(id), S10_ID, "x", &mut direct);
        } else {
            direct.push("x", issue::REQUIRED, "");
        }
        let codes = |i: &Issues| i.as_slice().iter().map(|i| i.code).collect::<Vec<_>>();
        assert_eq!(codes(&through_pair), codes(&direct), "{id}");
    }
    let mut issues = Issues::new();
    check_value(&serde_json::json!("1234567"), S10_ID, "x", &mut issues);
    assert_eq!(
        issues.as_slice().iter().map(|i| i.code).collect::<Vec<_>>(),
        [issue::TOO_LONG]
    );
}
