use super::*;
use crate::codec::json::Obj;
use serde_json::{json, Value};

/// Reads `keys` (as uint, str, enumeration, obj/array by name) with both readers and returns the
/// issues: `Obj` over a `Value` is the reference (tested in codec/json/tests.rs).
fn both(v: &Value) -> (Vec<crate::error::Issue>, Vec<crate::error::Issue>) {
    let mut a = Issues::new();
    let mut o = Obj::new(v, "p", &mut a);
    let _ = o.req_uint("n", &mut a);
    let _ = o.req_str("s", &mut a);
    let _ = o.enumeration("e", &["YES", "NO"], &mut a);
    if let Some(mut inner) = o.obj("o", &mut a) {
        let _ = inner.uint("m", &mut a);
        inner.finish(&mut a);
    }
    let _ = o.array("a", &mut a);
    o.finish(&mut a);

    let text = v.to_string();
    let parsed = parse(&text).unwrap();
    let mut b = Issues::new();
    let mut o = ObjRef::new(&parsed, "p", &mut b);
    let _ = o.req_uint("n", &mut b);
    let _ = o.req_str("s", &mut b);
    let _ = o.enumeration("e", &["YES", "NO"], &mut b);
    if let Some(mut inner) = o.obj("o", &mut b) {
        let _ = inner.uint("m", &mut b);
        inner.finish(&mut b);
    }
    let _ = o.array("a", &mut b);
    o.finish(&mut b);
    (a.into_vec(), b.into_vec())
}

#[test]
fn same_issues_paths_and_messages_as_the_value_reader() {
    for v in [
        json!({"n": 1, "s": "x", "e": "YES", "o": {"m": 2}, "a": []}),
        json!({}),
        json!({"n": null, "s": null, "e": null, "o": null, "a": null}),
        json!({"n": -1, "s": 3, "e": "yes", "o": [], "a": {}}),
        json!({"n": 1.5, "s": "", "e": 1, "o": {"m": "2", "M": 1}, "a": "x"}),
        json!({"n": 9007199254740992u64, "s": true, "o": {"m": -3}, "N": 1, "other": 2}),
        json!({"n": "12", "s": "\"quoted\"", "o": {"m": 1e3}}),
        json!([1, 2]),
        json!("text"),
        json!(null),
    ] {
        let (reference, ours) = both(&v);
        assert_eq!(ours, reference, "{v}");
    }
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let text = r#"{"a":"plain","b":"with \" quote","c":[1,-2,1.5,true,null]}"#;
    let v = parse(text).unwrap();
    assert!(matches!(v.get("a"), Some(Val::Str(Cow::Borrowed("plain")))));
    assert!(matches!(v.get("b"), Some(Val::Str(Cow::Owned(s))) if s == "with \" quote"));
    assert_eq!(
        v.get("c"),
        Some(&Val::Arr(vec![
            Val::U(1),
            Val::I(-2),
            Val::F(1.5),
            Val::Bool(true),
            Val::Null
        ]))
    );
}

#[test]
fn written_back_like_serde_json_value() {
    // Duplicate keys: serde_json::Value keeps the first position and the last value.
    for text in [
        r#"{"k":1,"x":"a\u0001b","k":2,"n":{"z":[1.25,-3,"é"]}}"#,
        r#"[{},[],"",0,-0.5,1e300]"#,
    ] {
        let mut out = Vec::new();
        crate::codec::json_out::val(&mut out, &parse(text).unwrap());
        let ours = crate::codec::json_out::finish(out);
        let reference = serde_json::from_str::<Value>(text).unwrap().to_string();
        assert_eq!(ours, reference, "{text}");
    }
}

/// Repeated unknown keys are held once by the reader (a map of positions above 64 fields, linear
/// in the number of keys): each unknown key is reported once, in text order, as the `Value` reader
/// (whose objects hold each key once) reports it.
#[test]
fn many_unknown_keys_are_each_reported_once_in_order() {
    let mut text = String::from(r#"{"n":1,"s":"x""#);
    let mut want = Vec::new();
    for i in 0..300 {
        text.push_str(&format!(r#","k{i}":{i}"#));
        want.push(format!("p.k{i}"));
    }
    // Repeats of unknown keys, and of a known one, after them.
    text.push_str(r#","k7":1,"k299":2,"n":3,"k0":4}"#);
    let parsed = parse(&text).unwrap();
    let mut issues = Issues::new();
    let mut o = ObjRef::new(&parsed, "p", &mut issues);
    let _ = o.req_uint("n", &mut issues);
    let _ = o.req_str("s", &mut issues);
    o.finish(&mut issues);
    let fields: Vec<String> = issues.into_vec().into_iter().map(|i| i.field).collect();
    assert_eq!(fields, want);
    // The same as the reference reader on the `Value` of the same text.
    let v: Value = serde_json::from_str(&text).unwrap();
    let (reference, ours) = both(&v);
    let unknown = |list: Vec<crate::error::Issue>| -> Vec<String> {
        list.into_iter()
            .filter(|i| i.code == "UNKNOWN_FIELD")
            .map(|i| i.field)
            .collect()
    };
    assert_eq!(unknown(reference), unknown(ours));
}

/// Every sequence of up to `max` pieces.
fn texts(pieces: &[&str], max: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut level = vec![String::new()];
    for _ in 0..max {
        let next: Vec<String> = level
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        out.extend(next.iter().cloned());
        level = next;
    }
    out
}

/// `value` (through `Val`) must read every text as `serde_json::from_str::<Value>` does: the same
/// value, keys in the same order, or the same error at the same place.
fn same_as_serde_json(text: &str) {
    let ours = value(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text:?}");
            // `Map` equality ignores order: the texts compare it.
            assert_eq!(a.to_string(), b.to_string(), "{text:?}");
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text:?}"),
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn value_reads_every_short_text_as_serde_json_does() {
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\"k\"",
        "\"\\u00e9\\n\"",
        "-2",
        "1.5e3",
        "7",
        "null",
        "true",
    ];
    for text in texts(&pieces, 4) {
        same_as_serde_json(&text);
    }
    for text in [
        r#"{"a":1,"b":[true,null],"a":{"c":"d"}}"#,
        r#"{"z":1,"a":2,"z":3}"#,
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1e999",
        "0.1",
        r#""\ud800""#,
        r#""\ud83d\ude00""#,
        "[1,2,]",
        "{\"a\":1} x",
        " \n[] \t",
    ] {
        same_as_serde_json(text);
    }
    // serde_json's recursion limit, met at the same place.
    same_as_serde_json(&"[".repeat(200));
    same_as_serde_json(&format!("{}{}", "[".repeat(120), "]".repeat(120)));
}

#[test]
fn a_repeated_key_is_held_once_at_its_first_place_with_its_last_value() {
    // As serde_json's `Value` holds it. A tree that kept every repeat grew with each one (a
    // differential fuzz ran the instance out of memory with one key repeated 34 million times).
    let keys = |v: &Val<'_>| match v {
        Val::Obj(fields) => fields
            .iter()
            .map(|(k, _)| k.to_string())
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let v = parse(r#"{"a":1,"b":2,"a":{"x":1,"x":3},"c":4,"b":5}"#).unwrap();
    assert_eq!(keys(&v), ["a", "b", "c"]);
    assert_eq!(v.get("a").and_then(|a| a.get("x")), Some(&Val::U(3)));
    assert_eq!(v.get("b"), Some(&Val::U(5)));
    // Below and above the 64 fields where the look-up switches to a map.
    for distinct in [3, 64, 65, 200] {
        let mut text = String::from("{");
        for i in 0..100_000 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!("\"k{}\":{i}", i % distinct));
        }
        text.push('}');
        let v = parse(&text).unwrap();
        let want: Vec<String> = (0..distinct).map(|i| format!("k{i}")).collect();
        assert_eq!(keys(&v), want, "{distinct}");
        let last = (100_000 - distinct..100_000).collect::<Vec<_>>();
        for (i, n) in last.iter().enumerate() {
            let k = format!("k{}", n % distinct);
            assert_eq!(v.get(&k), Some(&Val::U(*n as u64)), "{distinct} {i}");
        }
        assert_eq!(v.to_value(), serde_json::from_str::<Value>(&text).unwrap());
    }
}
