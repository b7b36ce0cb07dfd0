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
fn text_arguments_are_borrowed_only_without_escapes() {
    let a = Args::parse(
        r#"["EUR","","é","a\nb","\u0000remise:nan",12,null,"\ud83d\ude00","<x a=\"1\">é</x>\n\\","\\\/\b\f\n\r\t"]"#,
        true,
    )
    .unwrap();
    // Without an escape: borrowed from the input.
    for (i, want) in [(0, "EUR"), (1, ""), (2, "é")] {
        assert!(
            matches!(a.text(i, "f").unwrap(), Cow::Borrowed(s) if s == want),
            "{i}"
        );
    }
    // With escapes: unescaped exactly as serde_json reads them.
    for i in [3, 7, 8, 9] {
        let want: String = serde_json::from_str(a.raw(i)).unwrap();
        let got = a.text(i, "f").unwrap();
        assert!(matches!(got, Cow::Owned(_)), "{i}");
        assert_eq!(got, want, "{i}");
    }
    // A sentinel (NaN), a number and null are not text: the errors `Args::string` gives.
    for i in [4, 5, 6] {
        let e = a.text(i, "f").unwrap_err();
        assert_eq!(
            e.issues.first().map(|x| (&x.code, &x.message)),
            a.string(i, "f")
                .unwrap_err()
                .issues
                .first()
                .map(|x| (&x.code, &x.message)),
            "{i}"
        );
    }
}
