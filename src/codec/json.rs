//! Field-by-field reading of caller input (`serde_json::Value`), collecting issues.

use crate::error::{issue, Issues};
use serde_json::{Map, Value};

/// Joins a parent path and a key: `("transactionOptions", "cardOptions")` → `transactionOptions.cardOptions`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        return key.to_string();
    }
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    out.push_str(path);
    out.push('.');
    out.push_str(key);
    out
}

/// Path of an array element: `("records", 3)` → `records[3]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The compact JSON text of `v`, as `v.to_string()` writes it, by [`super::json_out::value`]:
/// neither `Value`'s `Display` nor serde_json's serializer is linked into the `.wasm` (issue 9,
/// size).
pub fn to_text(v: &Value) -> String {
    super::json_out::to_text(v)
}

/// Name of a JSON value's type, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One input object being read. Each accessor marks its key as known; [`Obj::finish`] reports
/// every key that no accessor asked for as `UNKNOWN_FIELD`.
#[derive(Debug)]
pub struct Obj<'a> {
    path: String,
    map: Option<&'a Map<String, Value>>,
    known: Vec<&'static str>,
    sensitive: bool,
}

impl<'a> Obj<'a> {
    /// Reads `value` as an object at `path` (`""` for the root). A non-object is a `TYPE` issue,
    /// and every later accessor then returns `None`.
    pub fn new(value: &'a Value, path: &str, issues: &mut Issues) -> Obj<'a> {
        let map = match value {
            Value::Object(m) => Some(m),
            other => {
                let at = if path.is_empty() { "(input)" } else { path };
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an object, got {}", type_name(other)),
                );
                None
            }
        };
        Obj {
            path: path.to_string(),
            map,
            known: Vec::new(),
            sensitive: false,
        }
    }

    /// Room for `n` field names (the caller is about to read that many).
    pub fn reserve(&mut self, n: usize) {
        self.known.reserve(n);
    }

    /// The path of this object (`""` for the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Client options and hash keys: values and unknown keys are never quoted in messages.
    fn sensitive(&self) -> bool {
        self.sensitive || sensitive_path(&self.path)
    }

    /// Marks this object as holding credentials (like client options at the root).
    pub fn mark_sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// The path of one of this object's fields.
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The raw value of `key`, `None` when absent or null. Marks the key as known.
    pub fn raw(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        // Small objects (most of them): comparing the few keys beats hashing the name.
        let found = self.map.and_then(|m| {
            if m.len() <= 8 {
                m.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
            } else {
                m.get(key)
            }
        });
        match found {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Whether `key` is present with a non-null value (does not mark it as known).
    pub fn has(&self, key: &str) -> bool {
        matches!(self.map.and_then(|m| m.get(key)), Some(v) if !v.is_null())
    }

    /// Whether `key` is present, even as null (does not mark it as known).
    pub fn present(&self, key: &str) -> bool {
        self.map.is_some_and(|m| m.contains_key(key))
    }

    fn missing(&self, key: &str, issues: &mut Issues) {
        issues.push(self.at(key), issue::REQUIRED, "is required");
    }

    /// A string field; a non-string is a `TYPE` issue.
    pub fn str(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'a str> {
        match self.raw(key)? {
            Value::String(s) => Some(s.as_str()),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be a string, got {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A required string field (absent, null or empty is `REQUIRED`).
    pub fn req_str(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'a str> {
        let present = self.has(key);
        match self.str(key, issues) {
            Some("") => {
                self.missing(key, issues);
                None
            }
            Some(s) => Some(s),
            None => {
                if !present {
                    self.missing(key, issues);
                }
                None
            }
        }
    }

    /// A non-negative safe integer (`0..=2^53-1`); floats, negatives and strings are issues.
    pub fn uint(&mut self, key: &'static str, issues: &mut Issues) -> Option<u64> {
        let v = self.raw(key)?;
        let at = self.at(key);
        read_uint(v, &at, issues)
    }

    /// A required non-negative safe integer.
    pub fn req_uint(&mut self, key: &'static str, issues: &mut Issues) -> Option<u64> {
        if !self.has(key) {
            self.known.push(key);
            self.missing(key, issues);
            return None;
        }
        self.uint(key, issues)
    }

    /// A boolean field.
    pub fn bool(&mut self, key: &'static str, issues: &mut Issues) -> Option<bool> {
        match self.raw(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be true or false, got {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A string that must be one of `allowed`.
    pub fn enumeration(
        &mut self,
        key: &'static str,
        allowed: &[&'static str],
        issues: &mut Issues,
    ) -> Option<&'static str> {
        let s = match self.raw(key)? {
            Value::String(s) => s.as_str(),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    not_a_string(type_name(other), allowed),
                );
                return None;
            }
        };
        match allowed.iter().find(|a| **a == s) {
            Some(a) => Some(a),
            None => {
                issues.push(
                    self.at(key),
                    issue::ENUM,
                    not_accepted(s, allowed, self.sensitive()),
                );
                None
            }
        }
    }

    /// A nested object; a non-object is a `TYPE` issue.
    pub fn obj(&mut self, key: &'static str, issues: &mut Issues) -> Option<Obj<'a>> {
        let v = self.raw(key)?;
        let at = self.at(key);
        match v {
            Value::Object(_) => Some(Obj::new(v, &at, issues)),
            other => {
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an object, got {}", type_name(other)),
                );
                None
            }
        }
    }

    /// An array field; a non-array is a `TYPE` issue.
    pub fn array(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'a Vec<Value>> {
        match self.raw(key)? {
            Value::Array(a) => Some(a),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be an array, got {}", type_name(other)),
                );
                None
            }
        }
    }

    /// Reports every field no accessor asked for as `UNKNOWN_FIELD`.
    pub fn finish(self, issues: &mut Issues) {
        let Some(map) = self.map else { return };
        let sensitive = self.sensitive();
        for key in map.keys() {
            if !self.known.iter().any(|k| k == key) {
                let near = self
                    .known
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(key))
                    .copied();
                push_unknown(issues, &self.path, key, near, sensitive);
            }
        }
    }
}

/// Client options and hash keys hold credentials: their values and unknown keys are not quoted.
pub fn sensitive_path(path: &str) -> bool {
    path == "options" || path.starts_with("options.") || path == "keys"
}

/// Whether `key` reads as an option name: ASCII letters or `_` (`hmac_key`), a lower-case first
/// letter, at most 16 (the longest option, `maxResponseBytes`). A secret pasted in the wrong place
/// has digits, an upper-case first letter or length (ninth pass: a 20-letter access key and
/// `prodpassword_…` without digits passed the old test, up to 24 letters or `_`). A key near an
/// option name is shown anyway (the "did you mean" of [`push_unknown`]: `TimeoutMs`, the transport
/// options being known to every client's reader).
pub fn name_like(key: &str) -> bool {
    key.len() <= 16
        && key.bytes().next().is_none_or(|b| b.is_ascii_lowercase())
        && key.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
}

/// How `key` appears in a field path under `path`: as it is, or `***` in a sensitive object
/// ([`sensitive_path`]) when it is not [`name_like`] (it may be a secret used as a key).
pub fn shown_key<'k>(path: &str, key: &'k str) -> &'k str {
    if sensitive_path(path) && !name_like(key) {
        "***"
    } else {
        key
    }
}

/// The `UNKNOWN_FIELD` issue of `key` in the object at `path`, with a "did you mean" hint. In a
/// sensitive object, a key that is not name-like (an option name is up to 24 letters or `_`; a
/// secret pasted in the wrong place has digits, other characters or length) is reported at the object's path by its
/// length only.
pub fn push_unknown(
    issues: &mut Issues,
    path: &str,
    key: &str,
    near: Option<&str>,
    sensitive: bool,
) {
    if near.is_none() && sensitive && !name_like(key) {
        issues.push(
            if path.is_empty() { "(input)" } else { path },
            issue::UNKNOWN_FIELD,
            format!(
                "has an unknown key of {} characters (not shown: it may be a secret put in the wrong place): remove it or check its spelling",
                crate::codec::text::chars(key)
            ),
        );
        return;
    }
    let hint = near
        .map(|k| format!(" (did you mean '{k}'?)"))
        .unwrap_or_default();
    issues.push(
        join(path, key),
        issue::UNKNOWN_FIELD,
        format!(
            "unknown field '{}'{hint}: remove it or check its spelling",
            crate::money::printable(key)
        ),
    );
}

/// `must be a string, got a number: use one of …`: an enumerated field given another type names its
/// values too (it read as any string field's, thirtieth pass).
pub fn not_a_string(got: &str, allowed: &[&str]) -> String {
    format!(
        "must be a string, got {got}: use one of {}",
        crate::codec::text::join(allowed.iter().copied(), ", ")
    )
}

/// `'value' is not accepted: use one of …`, without the value in a sensitive object.
pub fn not_accepted(value: &str, allowed: &[&str], sensitive: bool) -> String {
    let what = if sensitive {
        "this value".to_string()
    } else {
        format!("'{}'", crate::money::printable(value))
    };
    format!(
        "{what} is not accepted: use one of {}",
        crate::codec::text::join(allowed.iter().copied(), ", ")
    )
}

/// Reads a non-negative safe integer from a JSON value.
pub fn read_uint(v: &Value, at: &str, issues: &mut Issues) -> Option<u64> {
    super::fields::report(super::fields::uint(v), || at.to_string(), issues)
}

/// Parses caller input given as JSON text (the wasm boundary passes `JSON.stringify(input)`).
///
/// A JS string holding an unpaired UTF-16 surrogate (half of an emoji cut by `slice`, bytes read
/// with the wrong encoding) is not Unicode text: `JSON.stringify` writes it as a `\udXXX` escape,
/// which serde_json refuses with a syntax error that names a column, not a field. So on failure
/// the text is scanned once more, following its structure, and every string (value or key)
/// holding a lone surrogate becomes a `FORBIDDEN_CHARACTER` issue at its field path, e.g.
/// `order.ref` or `privateDataList[0].value` (issue 10, row 12). The scan runs only on that cold
/// path. Any other syntax error is a `VALIDATION` error at `(input)`.
pub fn from_text(
    text: &str,
    gateway: Option<crate::error::Gateway>,
) -> crate::error::Result<Value> {
    from_text_in(text, gateway, false)
}

/// [`from_text`] for a text that holds credentials (`sensitive`: client options, hash keys): a
/// key that is not [`name_like`] is written `***` in the paths of its issues.
pub fn from_text_in(
    text: &str,
    gateway: Option<crate::error::Gateway>,
    sensitive: bool,
) -> crate::error::Result<Value> {
    let err = match super::json_ref::value(text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut scan = SurrogateScan {
        text,
        at: 0,
        found: Issues::new(),
        sensitive,
    };
    // Stops at the first syntax problem; what was found before it is still reported.
    let _ = scan.value("", 0);
    if !scan.found.is_empty() {
        scan.found.finish(gateway)?;
    }
    let mut issues = Issues::new();
    issues.push(
        "(input)",
        issue::FORMAT,
        format!("is not valid JSON ({err}): pass plain data (objects, arrays, strings, numbers, booleans)"),
    );
    issues.finish(gateway)?;
    Ok(Value::Null)
}

/// Whether `text` may hold a lone UTF-16 surrogate: `JSON.stringify` writes one as `\udXXX`, and
/// every other character as itself (paired surrogates as their UTF-8), so a text without `\ud`
/// holds none. (A `\\` before `ud` matches too: the values are then walked for nothing.) Such
/// a string cannot be read into a `str`: the walk names it at its path
/// (`records[1].returnContext`) instead of the whole argument failing as not JSON.
pub fn lone_surrogate_escape(text: &str) -> bool {
    crate::codec::text::find(text, "\\ud").is_some()
        || crate::codec::text::find(text, "\\uD").is_some()
}

/// serde_json's own nesting limit; deeper text failed for that reason and is not scanned further.
const SCAN_MAX_DEPTH: u32 = 128;

/// A walk over JSON text that records the paths of strings holding lone surrogate escapes.
/// Hand-written because serde_json stops at the first one without a path; it only has to be right
/// for text that is JSON apart from them, and gives up (returns `None`) at anything else.
struct SurrogateScan<'a> {
    text: &'a str,
    at: usize,
    found: Issues,
    /// Keys that are not name-like are written `***` (see [`from_text_in`]).
    sensitive: bool,
}

impl SurrogateScan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, path: &str, depth: u32) -> Option<()> {
        if depth > SCAN_MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        match self.peek()? {
            b'{' => {
                self.at += 1;
                if self.eat(b'}') {
                    return Some(());
                }
                loop {
                    self.skip_ws();
                    let (key, lone) = self.string()?;
                    let shown = if self.sensitive && !name_like(&key) {
                        "***"
                    } else {
                        &key
                    };
                    let field = join(path, shown);
                    if let Some(unit) = lone {
                        self.report(&field, unit, "its name");
                    }
                    if !self.eat(b':') {
                        return None;
                    }
                    self.value(&field, depth + 1)?;
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b'}').then_some(());
                }
            }
            b'[' => {
                self.at += 1;
                if self.eat(b']') {
                    return Some(());
                }
                let mut i = 0;
                loop {
                    self.value(&index(path, i), depth + 1)?;
                    i += 1;
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b']').then_some(());
                }
            }
            b'"' => {
                let (_, lone) = self.string()?;
                if let Some(unit) = lone {
                    let field = if path.is_empty() { "(input)" } else { path };
                    self.report(field, unit, "it");
                }
                Some(())
            }
            _ => {
                // A number or a literal: up to the next delimiter.
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    fn report(&mut self, field: &str, unit: u16, what: &str) {
        self.found.push(
            field,
            issue::FORBIDDEN_CHARACTER,
            format!(
                "{what} contains an unpaired UTF-16 surrogate (\\u{unit:04x}), which is not a character: fix the text where it was cut or decoded (e.g. an emoji split in half)"
            ),
        );
    }

    fn hex4(&mut self) -> Option<u16> {
        let digits = self.text.get(self.at..self.at + 4)?;
        let unit = u16::try_from(super::text::parse_uint(digits, 16)?).ok()?;
        self.at += 4;
        Some(unit)
    }

    /// A string token at `self.at` (its opening quote): its text (lone surrogates as U+FFFD) and
    /// the first lone surrogate in it.
    fn string(&mut self) -> Option<(String, Option<u16>)> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        let mut lone = None;
        loop {
            let rest = self.text.get(self.at..)?;
            let stop = rest.find(['"', '\\'])?;
            out.push_str(rest.get(..stop)?);
            self.at += stop;
            let quote = self.peek()? == b'"';
            self.at += 1;
            if quote {
                return Some((out, lone));
            }
            let escape = self.peek()?;
            self.at += 1;
            let c = match escape {
                b'u' => {
                    let unit = self.hex4()?;
                    match unit {
                        0xD800..=0xDBFF => {
                            // A high surrogate must be followed by `\u` and a low one.
                            let save = self.at;
                            let low = if self.text.get(self.at..self.at + 2) == Some("\\u") {
                                self.at += 2;
                                self.hex4().filter(|l| (0xDC00..=0xDFFF).contains(l))
                            } else {
                                None
                            };
                            match low {
                                Some(low) => {
                                    let code = 0x10000
                                        + ((u32::from(unit) - 0xD800) << 10)
                                        + (u32::from(low) - 0xDC00);
                                    char::from_u32(code).unwrap_or('\u{FFFD}')
                                }
                                None => {
                                    self.at = save;
                                    lone.get_or_insert(unit);
                                    '\u{FFFD}'
                                }
                            }
                        }
                        0xDC00..=0xDFFF => {
                            lone.get_or_insert(unit);
                            '\u{FFFD}'
                        }
                        _ => char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'),
                    }
                }
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                other => char::from(other),
            };
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests;
