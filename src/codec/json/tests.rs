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

/// What JSON.stringify writes for JS strings with unpaired surrogates (e.g. '\uD83D' alone):
/// each field that holds one is named, paired surrogates are fine.
#[test]
fn lone_surrogates_in_json_text_name_their_fields() {
    use crate::error::{ErrorCode, Gateway};
    let ok = from_text(r#"{"a":"\ud83d\ude00 ok","b":["\u00e9"]}"#, None).unwrap();
    assert_eq!(ok, json!({"a": "\u{1F600} ok", "b": ["é"]}));
    let text = r#"{ "order": { "ref": "x\ud83d", "date": "2024" },
        "privateDataList": [ { "key": "k", "value": "v" }, { "key": "\ude00y", "value": "\ud800\u0041" } ],
        "bad\udbff": 1, "fine": "\ud83d\ude00\\u\"" }"#;
    let e = from_text(text, Some(Gateway::Payline)).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.gateway, Some(Gateway::Payline));
    let got: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        [
            ("order.ref", issue::FORBIDDEN_CHARACTER),
            ("privateDataList[1].key", issue::FORBIDDEN_CHARACTER),
            ("privateDataList[1].value", issue::FORBIDDEN_CHARACTER),
            ("bad\u{FFFD}", issue::FORBIDDEN_CHARACTER),
        ]
    );
    assert!(
        e.issues[0].message.contains("\\ud83d"),
        "{}",
        e.issues[0].message
    );
    assert!(e.issues[2].message.contains("\\ud800"));
    // A top-level string, and plain syntax errors.
    let e = from_text(r#""\udc00""#, None).unwrap_err();
    assert_eq!(e.issues[0].field, "(input)");
    assert_eq!(e.issues[0].code, issue::FORBIDDEN_CHARACTER);
    let e = from_text(r#"{"a": 1,}"#, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.issues[0].code, issue::FORMAT);
    // Cut text after a lone surrogate: the surrogate is still reported.
    let e = from_text(r#"{"a": "\ud800", "b": "#, None).unwrap_err();
    assert_eq!(e.issues[0].field, "a");
}
