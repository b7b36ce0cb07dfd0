//! A small JSON *writer* for the results that cross the boundary on every call (issue 9: "a
//! fast core"): the `HttpRequest` of every `request`/`prepare`, its warnings, the framing.
//!
//! Why hand-written when serde_json writes JSON: going through `serde_json::Value` meant building
//! an `IndexMap` per object (SipHash, one allocation per key and per string) and then walking it
//! with serde's serializer through `io::Write`; for one Systempay request that was 24 500 of the
//! 53 400 instructions of the whole call (bench/RESULTS.md, "Call path"). These functions append
//! to one byte buffer that becomes the framed answer ([`finish`]). Strings are escaped exactly as serde_json
//! escapes them (`"` `\\` and the C0 controls, with `\b \t \n \f \r` short forms and lowercase
//! `\u00xx` otherwise; nothing else, not U+2028, not `/`, not non-ASCII), so the text is
//! byte-for-byte what `serde_json::to_string` gave and `JSON.parse` builds the same objects; the
//! unit tests compare both on every kind of character.

/// The text written: only `&str` pieces and ASCII were appended, so it is UTF-8 (checked once,
/// at the end, instead of writing into a `String` piece by piece). The empty fallback is never
/// taken (it was `from_utf8_lossy`: 1 KB of `.wasm` for a branch no input reaches; issue 9, size).
pub fn finish(out: Vec<u8>) -> String {
    String::from_utf8(out).unwrap_or_default()
}

/// Bytes gathered on the stack before one copy into the output.
const CHUNK: usize = 128;
/// Room kept free in the chunk for one block of 8 bytes, each escaped to at most 6.
const ROOM: usize = 48;

/// Whether none of the 8 bytes of `w` needs escaping (no byte below 0x20, no `"`, no `\\`).
#[inline]
fn clean8(w: u64) -> bool {
    crate::codec::swar::lanes_json_special(w) == 0
}

/// Appends `b` to `chunk` at `n`, escaped as serde_json escapes it (`chunk` has room for 6).
fn put_byte(chunk: &mut [u8; CHUNK], n: &mut usize, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x00..=0x1f => 0,
        _ => {
            if let Some(slot) = chunk.get_mut(*n) {
                *slot = b;
            }
            *n += 1;
            return;
        }
    };
    if short != 0 {
        if let Some([x, y]) = chunk.get_mut(*n..*n + 2) {
            *x = b'\\';
            *y = short;
        }
        *n += 2;
    } else {
        // Another C0 control: `\u00` and two lowercase hex digits, as serde_json.
        let low = b & 0xf;
        let hex = if low < 10 {
            b'0' + low
        } else {
            b'a' + low - 10
        };
        if let Some(dst) = chunk.get_mut(*n..*n + 6) {
            dst.copy_from_slice(&[b'\\', b'u', b'0', b'0', b'0' + (b >> 4), hex]);
        }
        *n += 6;
    }
}

/// [`put_byte`] for each of at most 8 bytes (one copy of the escaping code, for size).
fn put_bytes(chunk: &mut [u8; CHUNK], n: &mut usize, bytes: &[u8]) {
    for &b in bytes {
        put_byte(chunk, n, b);
    }
}

/// Appends `s` as a JSON string literal (quotes included).
///
/// The bytes before the first one to escape (all of most keys and values) are found eight at a
/// time and copied straight into the output. From there, eight bytes at a time: a block with
/// nothing to escape is one word test and one 8-byte store into a stack chunk; a block with
/// something to escape goes byte by byte. Bytes are copied as they are: every escaped byte is
/// ASCII, so multi-byte characters pass through whole.
pub fn str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let clean = clean_prefix(bytes);
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (head, mut rest) = bytes.split_at_checked(clean).unwrap_or((bytes, &[]));
    out.extend_from_slice(head);
    if rest.is_empty() {
        out.push(b'"');
        return;
    }
    let mut chunk = [0u8; CHUNK];
    let mut n = 0;
    loop {
        if n > CHUNK - ROOM {
            out.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
            n = 0;
        }
        if let Some((block, after)) = rest.split_first_chunk::<8>() {
            if clean8(u64::from_le_bytes(*block)) {
                if let Some(dst) = chunk.get_mut(n..n + 8) {
                    dst.copy_from_slice(block);
                }
                n += 8;
            } else {
                put_bytes(&mut chunk, &mut n, block);
            }
            rest = after;
        } else {
            // Fewer than 8 bytes left (at most 42 written, and the quote: the room is there).
            put_bytes(&mut chunk, &mut n, rest);
            break;
        }
    }
    if let Some(slot) = chunk.get_mut(n) {
        *slot = b'"';
    }
    out.extend_from_slice(chunk.get(..n + 1).unwrap_or(&[]));
}

/// How many leading bytes of `bytes` need no escaping: whole blocks of 8, then (when all of those
/// are clean) the last few bytes one by one.
fn clean_prefix(bytes: &[u8]) -> usize {
    let mut rest = bytes;
    let mut n = 0;
    while let Some((block, after)) = rest.split_first_chunk::<8>() {
        if !clean8(u64::from_le_bytes(*block)) {
            return n;
        }
        n += 8;
        rest = after;
    }
    for &b in rest {
        if b < 0x20 || b == b'"' || b == b'\\' {
            return n;
        }
        n += 1;
    }
    n
}

/// Appends `"key":` (`key` is escaped; the keys written here are constants or header names).
pub fn key(out: &mut Vec<u8>, key: &str) {
    str(out, key);
    out.push(b':');
}

/// Appends an unsigned integer.
pub fn u64(out: &mut Vec<u8>, n: u64) {
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
    out.extend_from_slice(digits.get(digits.len() - len..).unwrap_or(b"0"));
}

/// Appends a signed integer.
pub fn i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    u64(out, n.unsigned_abs());
}

/// Appends a float as serde_json writes one: the shortest text that reads back the same (the
/// `zmij` formatter serde_json itself calls), `null` when not finite.
pub fn f64(out: &mut Vec<u8>, f: f64) {
    if f.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(f).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// Appends a `serde_json::Number`: the text of its `Display` (which `serde_json::to_string`
/// writes too), without it: `Number`'s `Display` goes through `itoa`, whose `expect` keeps core's
/// `Debug` builders in the `.wasm` (a vtable in the data section holds them; issue 9, size).
pub fn number(out: &mut Vec<u8>, n: &serde_json::Number) {
    if let Some(u) = n.as_u64() {
        u64(out, u);
    } else if let Some(i) = n.as_i64() {
        i64(out, i);
    } else {
        f64(out, n.as_f64().unwrap_or(f64::NAN));
    }
}

/// [`number`] as a `String`: what `n.to_string()` gives.
pub fn number_text(n: &serde_json::Number) -> String {
    let mut out = Vec::new();
    number(&mut out, n);
    finish(out)
}

/// Appends a `serde_json::Value` (for the rarer results still built as values), byte for byte as
/// `serde_json::to_string` writes it. By hand rather than through serde_json's serializer: with
/// [`val`] below, no code of the `.wasm` serializes through serde any more, which drops the
/// serializer's code (issue 9, size); the unit tests compare both on generated values.
pub fn value(out: &mut Vec<u8>, v: &serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => number(out, n),
        Value::String(s) => str(out, s),
        Value::Array(items) => array(out, items, value),
        Value::Object(m) => {
            out.push(b'{');
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                key(out, k);
                value(out, item);
            }
            out.push(b'}');
        }
    }
}

/// Appends caller input read by [`super::json_ref`] as serde_json would write the `Value` of the
/// same text. The reader already holds a repeated key once, at its first place with its last value
/// (`json_ref`'s `visit_map`), so each field is written as it is.
pub fn val(out: &mut Vec<u8>, v: &super::json_ref::Val<'_>) {
    use super::json_ref::Val;
    match v {
        Val::Null => out.extend_from_slice(b"null"),
        Val::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Val::U(n) => u64(out, *n),
        Val::I(n) => i64(out, *n),
        Val::F(f) => f64(out, *f),
        Val::Str(s) => str(out, s),
        Val::Arr(items) => array(out, items, val),
        Val::Obj(fields) => {
            out.push(b'{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                key(out, k);
                val(out, item);
            }
            out.push(b'}');
        }
    }
}

/// Appends `[item,…]`, each item written by `write`.
pub fn array<T>(out: &mut Vec<u8>, items: &[T], write: fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// The compact JSON text of a `serde_json::Value` ([`value`]).
pub fn to_text(v: &serde_json::Value) -> String {
    let mut out = Vec::new();
    value(&mut out, v);
    finish(out)
}

#[cfg(test)]
pub(crate) mod tests;
