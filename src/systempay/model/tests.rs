use super::*;

#[test]
fn hosts_are_sorted_by_brand() {
    let brands: Vec<&str> = HOSTS.iter().map(|(k, _)| *k).collect();
    let mut sorted = brands.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(brands, sorted);
}

#[test]
fn body_writes_fields_in_order_and_escapes_values() {
    let mut inner = Body::default();
    inner.nullable("manualValidation", Some(None));
    inner.uint("captureDelay", Some(3));
    let mut b = Body::default();
    b.str("uuid", Some("a\"b"));
    b.str("comment", None);
    b.uint("amount", Some(0));
    b.nullable("mode", Some(Some("YES")));
    b.nullable("absent", None);
    b.obj("opts", Some(inner));
    b.obj("empty", Some(Body::default()));
    // Expected text written by hand.
    assert_eq!(
        b.finish(),
        r#"{"uuid":"a\"b","amount":0,"mode":"YES","opts":{"manualValidation":null,"captureDelay":3},"empty":{}}"#
    );
    assert_eq!(Body::default().finish(), "{}");
}

#[test]
fn body_strings_match_serde_json_escaping() {
    // The copy-as-is path and the escaping path must write what serde_json writes.
    for v in [
        "a0b61d1e159748eaab876cfe342e8c08",
        "caf\u{e9} \u{2028} \u{7f} </script>",
        "quote \" backslash \\ tab \t nul \u{0} end",
        "",
    ] {
        let mut b = Body::default();
        b.str("k", Some(v));
        let expected = format!("{{\"k\":{}}}", serde_json::to_string(v).unwrap());
        assert_eq!(b.finish(), expected, "{v:?}");
    }
}
