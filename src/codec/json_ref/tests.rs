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
        crate::codec::json_out::val(&mut out, &parse_answer(text).unwrap());
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
    let parsed = parse_answer(&text).unwrap();
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

/// Whether a JSON text names a key twice in one object, found by serde's own map walk (not by the
/// reader under test).
struct Repeats(bool);

impl<'de> serde::Deserialize<'de> for Repeats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Walk;
        impl<'de> serde::de::Visitor<'de> for Walk {
            type Value = Repeats;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_unit<E>(self) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Repeats, A::Error> {
                let mut any = false;
                while let Some(Repeats(r)) = a.next_element()? {
                    any |= r;
                }
                Ok(Repeats(any))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Repeats, A::Error> {
                let mut keys = std::collections::HashSet::new();
                let mut any = false;
                while let Some(k) = a.next_key::<String>()? {
                    any |= !keys.insert(k);
                    let Repeats(r) = a.next_value()?;
                    any |= r;
                }
                Ok(Repeats(any))
            }
        }
        d.deserialize_any(Walk)
    }
}

/// `value` (through `Val`) must read every text as `serde_json::from_str::<Value>` does (with its
/// `float_roundtrip` feature, turned on for tests: floats exactly rounded): the same value, keys
/// in the same order; or refuse it too (where serde_json says the problem is is its own
/// business: the messages of this reader are checked by hand below).
fn same_as_serde_json(text: &str) {
    let mut ours = value(text);
    let theirs = serde_json::from_str::<Value>(text);
    // Caller input refuses a repeated key (and only when serde's own walk finds one); an answer
    // reads it as serde_json does.
    if matches!(&ours, Err(e) if e.is_repeated_key()) {
        let walked = serde_json::from_str::<Repeats>(text);
        assert!(
            matches!(walked, Ok(Repeats(true))),
            "{text:?}: refused as a repeated key, serde finds none"
        );
        ours = answer_value(text);
    }
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text:?}");
            // `Map` equality ignores order: the texts compare it.
            assert_eq!(a.to_string(), b.to_string(), "{text:?}");
        }
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn syntax_errors_say_what_and_where() {
    // Written by hand: serde_json's words, the line, and the column in bytes of the byte where
    // the problem shows (at the end of the text: the line's length).
    for (text, message) in [
        ("", "EOF while parsing a value at line 1 column 0"),
        ("[", "EOF while parsing a list at line 1 column 1"),
        ("[1,", "EOF while parsing a value at line 1 column 3"),
        ("{\"a\" 1}", "expected `:` at line 1 column 6"),
        ("{\"a\":1 \"b\"}", "expected `,` or `}` at line 1 column 8"),
        ("[1 2]", "expected `,` or `]` at line 1 column 4"),
        ("{1:2}", "key must be a string at line 1 column 2"),
        // Not serde_json's (it keeps the last value): caller input refuses it, at the second key.
        (
            "{\"a\":1,\"a\":2}",
            "a key written twice at line 1 column 8",
        ),
        (
            "{\"x\":{\"b\":[],\n\"b\":1}}",
            "a key written twice at line 2 column 1",
        ),
        ("[1,]", "trailing comma at line 1 column 4"),
        ("{\"a\":1,}", "trailing comma at line 1 column 8"),
        ("{\n  \"a\": tru }", "expected ident at line 2 column 11"),
        ("\"a\\qb\"", "invalid escape at line 1 column 4"),
        (
            "\"\\ud800\"",
            "lone surrogate in hex escape at line 1 column 8",
        ),
        (
            "\"a\tb\"",
            "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3",
        ),
        ("\"abc", "EOF while parsing a string at line 1 column 4"),
        ("01", "trailing characters at line 1 column 2"),
        ("-", "invalid number at line 1 column 1"),
        ("1.e5", "invalid number at line 1 column 3"),
        ("1e999", "number out of range at line 1 column 5"),
        ("[] x", "trailing characters at line 1 column 4"),
        ("\n\n  @", "expected value at line 3 column 3"),
    ] {
        let e = parse(text).unwrap_err();
        assert_eq!(e.to_string(), message, "{text:?}");
    }
    let deep = "[".repeat(200);
    assert!(parse(&deep).unwrap_err().is_too_deep());
    assert!(parse(&format!("{}{}", "[".repeat(127), "]".repeat(127))).is_ok());
    assert!(parse(&format!("{}{}", "[".repeat(128), "]".repeat(128)))
        .unwrap_err()
        .is_too_deep());
}

#[test]
fn floats_are_the_correctly_rounded_value() {
    // Compared with core's exact parser (`str::parse`), which the `.wasm` does not hold.
    let as_f64 = |text: &str| match parse(text).unwrap() {
        Val::F(f) => f,
        Val::U(u) => u as f64,
        Val::I(i) => i as f64,
        other => panic!("{text}: {other:?}"),
    };
    // Up to 19 significant digits, any exponent: exactly rounded, halfway cases and subnormals
    // included.
    let mut exact: Vec<String> = [
        "0.1",
        "0.3",
        "1.0823",
        "-2.15e38",
        "1e22",
        "1e23",
        "9007199254740993",
        "0.000001",
        "-0.0",
        "12345.6789e-3",
        "1844674407370955161.5",
        "123456789012345678e9",
        "2.5e-27",
        "9999999999999999999e-27",
        "4503599627370496.5",
        "4503599627370497.5",
        "1e300",
        "1e-300",
        "2.2250738585072014e-308",
        "4.9e-324",
        "2.5e-324",
        "2.4703282292062328e-324",
        "5e-324",
        "1.7976931348623157e308",
        "8.98846567431158e307",
        "6.418525633560806e-289",
        "6.774204839120908e-18",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..50_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let digits = 1 + (x % 19) as u32;
        let mantissa = x % 10u64.pow(digits);
        let small = (x >> 40) as i64 % 55 - 27;
        let large = (x >> 40) as i64 % 680 - 350;
        exact.push(format!("{mantissa}e{small}"));
        exact.push(format!("0.{mantissa}"));
        let text = format!("{mantissa}e{large}");
        if text.parse::<f64>().unwrap().is_finite() {
            exact.push(text);
        } else {
            assert!(parse(&text).is_err(), "{text}: out of range");
        }
        // Every f64 written as Rust writes it (the shortest text that reads back) reads back.
        let f = f64::from_bits(x >> 1);
        if f.is_finite() {
            exact.push(format!("{f:e}"));
        }
    }
    for text in &exact {
        let want: f64 = text.parse().unwrap();
        assert_eq!(as_f64(text).to_bits(), want.to_bits(), "{text}");
    }
    // More than 19 digits: exactly rounded too (the first 19 settle most; a big-integer comparison
    // the rest), e.g. just above a halfway point or just above half the smallest subnormal.
    let mut long: Vec<String> = [
        "1.000000000000000111022302",
        "214984346678264997472.378783e-42",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "9007199254740992.5000000000000000000000000000001",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    long.push(format!("0.{}2470328229206232720882538", "0".repeat(323)));
    for _ in 0..30_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let a = x % 10u64.pow(18);
        let b = (x >> 7) % 10u64.pow((x % 12) as u32 + 1);
        let exp = (x >> 40) as i64 % 640 - 330;
        long.push(format!("{a}{b:0>12}.{}e{exp}", x % 1000));
    }
    for text in &long {
        let want: f64 = text.parse().unwrap();
        if want.is_finite() {
            assert_eq!(as_f64(text).to_bits(), want.to_bits(), "{text}");
        }
    }
    // Very long mantissas are read in linear time (at most 800 digits enter the comparison).
    let many = format!("1.{}1e-5", "0".repeat(200_000));
    assert_eq!(as_f64(&many), 1e-5);
    for text in [
        "123456789012345678901234567890",
        "100000000000000000000000.5",
        "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281249e-324",
    ] {
        let (got, want) = (as_f64(text), text.parse::<f64>().unwrap());
        let ulps = (got.to_bits() as i64 - want.to_bits() as i64).abs();
        assert!(ulps <= 1, "{text}: {got:e} against {want:e}");
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
    let v = parse_answer(r#"{"a":1,"b":2,"a":{"x":1,"x":3},"c":4,"b":5}"#).unwrap();
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
        let v = parse_answer(&text).unwrap();
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

#[test]
fn random_documents_and_their_mutations_read_as_serde_json_reads_them() {
    // Documents of every kind (floats, escapes, nesting), compact and pretty, then each with bytes
    // cut, doubled or swapped for one of JSON's own: serde_json (with `float_roundtrip`) is the
    // reference for what is accepted and what it holds.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let specials = [
        b'"', b'\\', b',', b':', b'[', b']', b'{', b'}', b'-', b'.', b'e', b'0', b' ', b'u',
    ];
    for round in 0..4_000 {
        let v = crate::codec::json_out::tests::generated(&mut seed, 4);
        let text = if round % 2 == 0 {
            serde_json::to_string(&v).unwrap()
        } else {
            serde_json::to_string_pretty(&v).unwrap()
        };
        same_as_serde_json(&text);
        let bytes = text.as_bytes();
        for k in 0..4u64 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % (bytes.len() as u64 + 1)) as usize;
            let mut m = bytes.to_vec();
            match k {
                0 => {
                    m.truncate(at);
                }
                1 if at < m.len() => {
                    m.remove(at);
                }
                2 if at < m.len() => m[at] = specials[(seed >> 32) as usize % specials.len()],
                _ => m.insert(at, specials[(seed >> 40) as usize % specials.len()]),
            }
            if let Ok(t) = std::str::from_utf8(&m) {
                same_as_serde_json(t);
            }
        }
    }
}
