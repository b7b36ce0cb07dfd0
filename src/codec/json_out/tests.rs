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
