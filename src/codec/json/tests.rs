use super::*;
use serde_json::json;

#[test]
fn reads_fields_and_reports_unknown_ones() {
    let v = json!({"uuid": "abc", "amount": 12, "amuont": 3, "opts": {"x": true, "y": 1}});
    let mut issues = Issues::new();
    let mut o = Obj::new(&v, "", &mut issues);
    assert_eq!(o.req_str("uuid", &mut issues), Some("abc"));
    assert_eq!(o.uint("amount", &mut issues), Some(12));
    let mut inner = o.obj("opts", &mut issues).unwrap();
    assert_eq!(inner.bool("x", &mut issues), Some(true));
    inner.finish(&mut issues);
    o.finish(&mut issues);
    let list = issues.into_vec();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0].field.as_str(), list[0].code),
        ("opts.y", issue::UNKNOWN_FIELD)
    );
    assert_eq!(
        (list[1].field.as_str(), list[1].code),
        ("amuont", issue::UNKNOWN_FIELD)
    );
}

#[test]
fn integers_must_be_safe_and_whole() {
    let v =
        json!({"a": -1, "b": 1.5, "c": "3", "d": 9007199254740992u64, "e": 9007199254740991u64});
    let mut issues = Issues::new();
    let mut o = Obj::new(&v, "x", &mut issues);
    assert_eq!(o.uint("a", &mut issues), None);
    assert_eq!(o.uint("b", &mut issues), None);
    assert_eq!(o.uint("c", &mut issues), None);
    assert_eq!(o.uint("d", &mut issues), None);
    assert_eq!(o.uint("e", &mut issues), Some(9_007_199_254_740_991));
    assert_eq!(o.req_uint("f", &mut issues), None);
    let codes: Vec<_> = issues
        .as_slice()
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("x.a", issue::RANGE),
            ("x.b", issue::TYPE),
            ("x.c", issue::TYPE),
            ("x.d", issue::RANGE),
            ("x.f", issue::REQUIRED)
        ]
    );
}

#[test]
fn required_strings() {
    let v = json!({"a": "", "b": null, "c": 5});
    let mut issues = Issues::new();
    let mut o = Obj::new(&v, "", &mut issues);
    assert_eq!(o.req_str("a", &mut issues), None);
    assert_eq!(o.req_str("b", &mut issues), None);
    assert_eq!(o.req_str("c", &mut issues), None);
    assert_eq!(o.req_str("d", &mut issues), None);
    let codes: Vec<_> = issues.as_slice().iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        vec![
            issue::REQUIRED,
            issue::REQUIRED,
            issue::TYPE,
            issue::REQUIRED
        ]
    );
}

#[test]
fn non_object_root() {
    let v = json!([1]);
    let mut issues = Issues::new();
    let mut o = Obj::new(&v, "", &mut issues);
    assert_eq!(o.str("a", &mut issues), None);
    o.finish(&mut issues);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues.as_slice()[0].code, issue::TYPE);
}
