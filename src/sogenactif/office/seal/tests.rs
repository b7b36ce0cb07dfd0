use super::*;
use serde_json::json;

#[test]
fn verify_reads_hex_in_either_case_and_refuses_non_hex() {
    let key = Secret::new("secret");
    let fields = json!({"amount": 100, "currencyCode": "978"});
    let lower = seal(&fields, &key).unwrap();
    assert_eq!(lower.len(), 64);
    assert!(lower
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert!(verify(&fields, &lower, &key).unwrap());
    assert!(verify(&fields, &lower.to_uppercase(), &key).unwrap());
    assert!(!verify(&fields, &lower[1..], &key).unwrap());
    assert!(!verify(&fields, &lower[2..], &key).unwrap());
    assert!(!verify(&fields, &format!("zz{}", &lower[2..]), &key).unwrap());
}

#[test]
fn floats_are_refused_with_their_path() {
    let e = seal_string(&json!({"a": {"b": [1, 2.5]}})).unwrap_err();
    assert_eq!(e.issues[0].field, "a.b[1]");
    assert_eq!(e.issues[0].code, issue::TYPE);
    let e = seal_string(&json!([1])).unwrap_err();
    assert_eq!(e.issues[0].field, "fields");
}
