use super::*;
use serde_json::json;

#[test]
fn hex_round_trip() {
    assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    assert_eq!(unhex("000FA5ff"), Some(vec![0x00, 0x0f, 0xa5, 0xff]));
    assert_eq!(unhex("abc"), None);
    assert_eq!(unhex("zz"), None);
}

#[test]
fn floats_are_refused_with_their_path() {
    let e = seal_string(&json!({"a": {"b": [1, 2.5]}})).unwrap_err();
    assert_eq!(e.issues[0].field, "a.b[1]");
    assert_eq!(e.issues[0].code, issue::TYPE);
    let e = seal_string(&json!([1])).unwrap_err();
    assert_eq!(e.issues[0].field, "fields");
}
