//! A small JSON *writer* for the results that cross the boundary on every call (issue 9: "a
//! fast core"): the `HttpRequest` of every `request`/`prepare`, its warnings, the framing.
//!
//! Why hand-written when serde_json writes JSON: going through `serde_json::Value` meant building
//! an `IndexMap` per object (SipHash, one allocation per key and per string) and then walking it
//! with serde's serializer through `io::Write`; for one Systempay request that was 24 500 of the
//! 53 400 instructions of the whole call (bench/RESULTS.md, "Call path"). These functions append
//! to one `String` that becomes the framed answer. Strings are escaped exactly as serde_json
//! escapes them (`"` `\\` and the C0 controls, with `\b \t \n \f \r` short forms and lowercase
//! `\u00xx` otherwise; nothing else, not U+2028, not `/`, not non-ASCII), so the text is
//! byte-for-byte what `serde_json::to_string` gave and `JSON.parse` builds the same objects; the
//! unit tests compare both on every kind of character.

/// Whether byte `b` must be escaped inside a JSON string (serde_json's `ESCAPE` table).
#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Appends `s` as a JSON string literal (quotes included).
pub fn str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    str_contents(out, s);
    out.push('"');
}

/// Appends the escaped contents of `s` (no quotes).
pub fn str_contents(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        // Every byte that needs escaping is ASCII, so `start..i` lies on char boundaries.
        out.push_str(s.get(start..i).unwrap_or(""));
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                // b < 0x20 here: `\u00` then two lowercase hex digits, as serde_json.
                out.push_str(if b < 0x10 { "\\u000" } else { "\\u001" });
                let low = b & 0xf;
                out.push(char::from(if low < 10 {
                    b'0' + low
                } else {
                    b'a' + low - 10
                }));
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or(""));
}

/// Appends `"key":` (`key` is escaped; the keys written here are constants or header names).
pub fn key(out: &mut String, key: &str) {
    str(out, key);
    out.push(':');
}

/// Appends an unsigned integer.
pub fn u64(out: &mut String, n: u64) {
    // Digits from the right into a stack buffer (u64::MAX has 20); no formatter machinery.
    let mut digits = [b'0'; 20];
    let mut n = n;
    let mut len = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    let text = digits.get(digits.len() - len..).unwrap_or(b"0");
    out.push_str(std::str::from_utf8(text).unwrap_or("0"));
}

/// Appends a `serde_json::Value` through serde_json (for the rarer results still built as
/// values). Writing a `Value` cannot fail (its map keys are strings); `null` keeps the text
/// valid if it ever did.
pub fn value(out: &mut String, v: &serde_json::Value) {
    match serde_json::to_string(v) {
        Ok(t) => out.push_str(&t),
        Err(_) => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = String::new();
        str(&mut out, s);
        out
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
        for s in &cases {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_and_values() {
        for n in [0u64, 7, 10, 1500, 9_007_199_254_740_991, u64::MAX] {
            let mut out = String::new();
            u64(&mut out, n);
            assert_eq!(out, serde_json::to_string(&n).unwrap());
        }
        let v = serde_json::json!({ "a": [1, "x\n", null, true, 1.5], "b": {} });
        let mut out = String::new();
        value(&mut out, &v);
        assert_eq!(out, serde_json::to_string(&v).unwrap());
        let mut out = String::new();
        key(&mut out, "k\"");
        assert_eq!(out, "\"k\\\"\":");
    }
}
