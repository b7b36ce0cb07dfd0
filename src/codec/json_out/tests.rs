//! Unit tests of `json_out`.

use super::*;

fn ours(s: &str) -> String {
    let mut out = Vec::new();
    str(&mut out, s);
    finish(out)
}

#[test]
fn strings_are_escaped_exactly_as_serde_json_does() {
    let mut cases: Vec<String> = vec![
        String::new(),
        "plain".into(),
        "\"quoted\"".into(),
        "back\\slash".into(),
        "a/b".into(),
        "\u{7f} del".into(),
        "line\u{2028}sep\u{2029}".into(),
        "é€𝄞 non-ASCII".into(),
        "\"\\\"".into(),
        "end\\".into(),
        "\n\r\t\u{8}\u{c}".into(),
        "{\"uuid\":\"x\",\"amount\":1500}".into(),
        "\u{0}remise:nan".into(),
    ];
    // Every C0 control alone, at the start, in the middle and at the end.
    for c in 0u8..0x20 {
        let ch = char::from(c);
        cases.push(ch.to_string());
        cases.push(format!("{ch}x"));
        cases.push(format!("x{ch}y"));
        cases.push(format!("xé{ch}"));
    }
    // Every non-control ASCII character and a few multi-byte ones next to escapes.
    let all: String = (0x20u8..0x80).map(char::from).collect();
    cases.push(all);
    cases.push("é\"𝄞\\\u{1}\u{2028}".into());
    // Long strings that cross the stack chunk with escapes and multi-byte characters at
    // every offset around its boundary.
    for pad in 0..12 {
        let mut long = "x".repeat(pad);
        for _ in 0..90 {
            long.push_str("\"é\u{1f}𝄞\\a\n");
        }
        cases.push(long.clone());
        cases.push(format!("\"{long}"));
    }
    // A clean run of every length before the first byte to escape (the run is copied straight
    // into the output), then text with and without escapes.
    for run in 0..40 {
        for tail in [
            "",
            "\"",
            "\\x",
            "\u{1}",
            "é\n",
            "abcdefgh\"ijklmnop",
            "\u{1f}abcdefghijk",
        ] {
            cases.push(format!("{}{tail}", "k".repeat(run)));
        }
    }
    for s in &cases {
        assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
    }
}

#[test]
fn pseudo_random_strings_match_serde_json() {
    // Every length up to 300 (blocks of 8, the tail, the chunk boundary), drawn from an
    // alphabet of plain, escaped and multi-byte characters.
    let alphabet = [
        'a', 'Z', ' ', '"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', 'é', '€', '𝄞', '\u{2028}',
        '<', '/',
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for len in 0..300 {
        for _ in 0..4 {
            let s: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }
}

#[test]
fn numbers_and_values() {
    for n in [0u64, 7, 10, 1500, 9_007_199_254_740_991, u64::MAX] {
        let mut out = Vec::new();
        u64(&mut out, n);
        assert_eq!(finish(out), serde_json::to_string(&n).unwrap());
    }
    let v = serde_json::json!({ "a": [1, "x\n", null, true, 1.5], "b": {} });
    let mut out = Vec::new();
    value(&mut out, &v);
    assert_eq!(finish(out), serde_json::to_string(&v).unwrap());
    let mut out = Vec::new();
    key(&mut out, "k\"");
    assert_eq!(finish(out), "\"k\\\"\":");
}

#[test]
fn number_text_is_numbers_display() {
    use serde_json::Number;
    let mut numbers: Vec<Number> = [
        0u64,
        1,
        9,
        10,
        99,
        100,
        1500,
        9_007_199_254_740_991,
        u64::MAX,
    ]
    .into_iter()
    .map(Number::from)
    .collect();
    numbers.extend([-1i64, -9, -10, -1500, i64::MIN + 1, i64::MIN].map(Number::from));
    let floats = [
        0.0,
        -0.0,
        1.5,
        -2.25,
        1e21,
        1e-7,
        123_456_789.125,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
    ];
    numbers.extend(floats.into_iter().filter_map(Number::from_f64));
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        numbers.push(Number::from(seed >> (seed % 64)));
        numbers.push(Number::from(-((seed >> 1) as i64)));
        numbers.extend(Number::from_f64(f64::from_bits(seed)));
    }
    for n in &numbers {
        assert_eq!(number_text(n), n.to_string());
    }
}

/// A JSON value of every kind, floats and escapes included (a small xorshift generator).
pub(crate) fn generated(seed: &mut u64, depth: u32) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    let pick = *seed % if depth == 0 { 8 } else { 10 };
    match pick {
        0 => Value::Null,
        1 => Value::Bool((*seed).is_multiple_of(2)),
        2 => json!(*seed >> 11),
        3 => json!(-((*seed >> 12) as i64)),
        4 => json!((*seed % 1_000_000) as f64 / 7.0),
        5 => json!(f64::from_bits(*seed >> 2)),
        6 if (*seed).is_multiple_of(2) => json!("a\"b\\c\u{1}\u{1f}\n\té€😀"),
        6 => json!("x".repeat((*seed % 40) as usize)),
        7 => json!(*seed),
        8 => Value::Array((0..*seed % 4).map(|_| generated(seed, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for k in 0..*seed % 5 {
                m.insert(format!("k{k}\u{7}é"), generated(seed, depth - 1));
            }
            Value::Object(m)
        }
    }
}

#[test]
fn values_are_written_as_serde_json_writes_them() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..20_000 {
        let v = generated(&mut seed, 3);
        let want = serde_json::to_string(&v).unwrap();
        assert_eq!(to_text(&v), want);
        // The same text read in place and written back, as serde_json writes the `Value` it reads
        // from that text (its float parser is not exact to the last bit, for both readers alike).
        let read = crate::codec::json_ref::parse(&want).unwrap();
        let mut out = Vec::new();
        val(&mut out, &read);
        let reread: serde_json::Value = serde_json::from_str(&want).unwrap();
        assert_eq!(finish(out), serde_json::to_string(&reread).unwrap());
    }
    for f in [
        0.0,
        -0.0,
        1.0,
        1.5,
        1e300,
        -2.5e-300,
        f64::MIN_POSITIVE,
        f64::MAX,
    ] {
        let mut out = Vec::new();
        f64(&mut out, f);
        assert_eq!(finish(out), serde_json::to_string(&f).unwrap(), "{f}");
    }
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut out = Vec::new();
        f64(&mut out, f);
        assert_eq!(finish(out), "null");
    }
    for n in [0i64, -1, i64::MIN, i64::MAX] {
        let mut out = Vec::new();
        i64(&mut out, n);
        assert_eq!(finish(out), n.to_string());
    }
}

/// `text` read into a `Val` and written back gives what serde_json reads and writes.
fn assert_written_as_serde_json(text: &str) {
    // An answer's reader: caller input refuses a repeated key.
    let read = crate::codec::json_ref::parse_answer(text).unwrap();
    let mut out = Vec::new();
    val(&mut out, &read);
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(finish(out), serde_json::to_string(&v).unwrap());
}

#[test]
fn duplicate_keys_are_written_once_with_their_last_value() {
    assert_written_as_serde_json(r#"{"a":1,"b":{"x":1,"x":[2]},"a":"last","c":null}"#);
}

#[test]
fn objects_of_many_keys_are_written_once_per_key_as_serde_json_writes_them() {
    // Above 64 fields the repeated keys are found through a map: the same text as serde_json's
    // (first place, last value), for 10 000 long keys, each given twice, in linear time.
    let long = "k".repeat(200);
    let mut text = String::from("{");
    for round in 0..2 {
        for i in 0..10_000 {
            if round + i > 0 {
                text.push(',');
            }
            text.push_str(&format!("\"{long}{i}\":{}", round * 10_000 + i));
        }
    }
    text.push_str(",\"tail\":{\"x\":1,\"x\":2}}");
    assert_written_as_serde_json(&text);
    // Just above the threshold, with repeats and nested objects.
    let mut text = String::from("{");
    for i in 0..70 {
        text.push_str(&format!("\"k{}\":{{\"n\":{i}}},", i % 50));
    }
    text.push_str("\"k3\":null}");
    assert_written_as_serde_json(&text);
}
