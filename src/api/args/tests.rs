//! Unit tests of `args`.

use super::*;

/// Nesting depth of a value read by serde_json (an independent measure): `{}` and `[]` are 1.
fn depth_of(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn the_split_measures_the_deepest_element() {
    let texts = [
        "[]".to_string(),
        "[1,\"[{\"]".into(),
        "[{\"a\":[1,{\"b\":\"[{\\\"}]\"}]},[]]".into(),
        format!("[{}{}]", "[".repeat(70), "]".repeat(70)),
        format!("[1,{}{}]", "{\"k\":".repeat(65) + "0", "}".repeat(65)),
        format!(
            "[\"é€{{[𝄞\",{}{}]",
            "[{\"x\":".repeat(33) + "null",
            "}]".repeat(33)
        ),
    ];
    for t in &texts {
        let want: Vec<Value> = serde_json::from_str(t).unwrap_or_else(|e| panic!("{t}: {e}"));
        let (items, deepest) = split_array(t).unwrap_or_else(|| panic!("{t}"));
        assert_eq!(items.len(), want.len(), "{t}");
        assert_eq!(deepest, want.iter().map(depth_of).max().unwrap_or(0), "{t}");
    }
}

#[test]
fn arrays_split_as_serde_json_reads_them() {
    let valid = [
        "[]",
        " [ ] ",
        "[1]",
        "[\"a\",null,true,false,-1.5e3]",
        "[{\"a\":[1,{\"b\":\"]},[\"}],\"c\":\"\\\"\"},[[]],{}]",
        "[\"\\u0000remise:nan\", \"é𝄞\" ,\n{ \"x\" : [ 1 , 2 ] }\t]",
        "[\"Transaction/CancelOrRefund\",{\"uuid\":\"a0\",\"amount\":1000},{\"shopId\":\"1\"}]",
    ];
    for t in valid {
        let want: Vec<Value> = serde_json::from_str(t).unwrap();
        let got: Vec<Value> = split_array(t)
            .unwrap_or_else(|| panic!("{t}"))
            .0
            .iter()
            .map(|e| serde_json::from_str(e).unwrap())
            .collect();
        assert_eq!(got, want, "{t}");
    }
    // Not an array of values: refused here, or an element its reader refuses.
    let invalid = [
        "", "{}", "1", "[", "[1", "[1,]", "[,1]", "[1 2]", "[1]x", "[\"a]", "[}]", "[{]}",
        "[\"\\\"]", "[[1,]]", "[tru]", "]",
    ];
    for t in invalid {
        if let Some((items, _)) = split_array(t) {
            assert!(
                items
                    .iter()
                    .any(|e| serde_json::from_str::<Value>(e).is_err()),
                "{t} split into {items:?}"
            );
        }
        assert!(serde_json::from_str::<Vec<Value>>(t).is_err(), "{t}");
    }
}

#[test]
fn plain_strings_are_borrowed_only_without_escapes() {
    assert_eq!(plain_string("\"EUR\""), Some("EUR"));
    assert_eq!(plain_string("\"\""), Some(""));
    assert_eq!(plain_string("\"é\""), Some("é"));
    assert_eq!(plain_string("\"a\\nb\""), None);
    assert_eq!(plain_string("\"\\u0000remise:nan\""), None);
    assert_eq!(plain_string("12"), None);
    assert_eq!(plain_string("null"), None);
    assert_eq!(plain_string("\""), None);
    // Two-character escapes are undone by hand, exactly as serde_json reads them.
    for t in [
        r#""a\"b""#,
        r#""\\\/\b\f\n\r\t""#,
        r#""<x a=\"1\">é</x>\n\\""#,
        r#""\\""#,
        r#""end\"""#,
    ] {
        let want: String = serde_json::from_str(t).unwrap();
        assert_eq!(simple_escapes(t).as_deref(), Some(want.as_str()), "{t}");
    }
    for t in [
        r#""\u0041""#,
        r#""\ud800""#,
        r#""\u0000remise:nan""#,
        "1",
        "null",
    ] {
        assert_eq!(simple_escapes(t), None, "{t}");
    }
    let a = Args::parse("[\"x\",\"a\\\"b\",3]", false).unwrap();
    assert!(matches!(a.text(0, "f").unwrap(), Cow::Borrowed("x")));
    assert_eq!(a.text(1, "f").unwrap(), "a\"b");
    assert_eq!(
        a.text(2, "f").err().map(|e| e.issues[0].message.clone()),
        a.string(2, "f").err().map(|e| e.issues[0].message.clone())
    );
}
