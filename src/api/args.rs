//! The arguments of one call: a JSON array made by the JS wrapper.

use crate::codec::json::{index, join, type_name};
use crate::error::{issue, Error, ErrorCode, Issues, Result};
use serde_json::Value;
use std::borrow::Cow;

/// Prefix of the strings the JS replacer puts where JSON cannot carry a value: `bigint`, `nan`
/// (NaN and ±Infinity), `date` (an invalid Date), `symbol`.
pub const SENTINEL: &str = "\u{0}remise:";

/// Nesting allowed below each argument (the per-property converter's limit, kept).
const MAX_DEPTH: usize = 64;

/// The arguments of one call, borrowed from the input text.
pub struct Args<'a> {
    items: Vec<&'a str>,
    /// Some argument may hold a sentinel or nest too deeply: read with checks.
    checked: bool,
}

impl<'a> Args<'a> {
    /// Splits `input` (a JSON array) into its arguments without parsing them.
    pub fn parse(input: &'a str, special: bool) -> Result<Args<'a>> {
        let (items, deepest) = split_array(input).ok_or_else(|| {
            Error::new(
                ErrorCode::Validation,
                "internal: the arguments are not a JSON array",
            )
        })?;
        // The split's pass over the bytes (outside strings) finds deep nesting too; only then
        // are the values walked with paths.
        let checked =
            special || deepest > MAX_DEPTH || crate::codec::json::lone_surrogate_escape(input);
        Ok(Args { items, checked })
    }

    /// The raw JSON text of argument `i` (`null` when absent).
    pub fn raw(&self, i: usize) -> &'a str {
        self.items.get(i).copied().unwrap_or("null")
    }

    /// Whether argument `i` is absent, `null` or `undefined`.
    pub fn is_null(&self, i: usize) -> bool {
        self.raw(i) == "null"
    }

    /// Argument `i` as a JSON value; `path` names it in issues (`""` for a request body).
    pub fn value(&self, i: usize, path: &str) -> Result<Value> {
        let v: Value = crate::codec::json_ref::value(self.raw(i)).map_err(|e| {
            // serde_json's own recursion limit (128) is above MAX_DEPTH, so this is the limit.
            if e.is_too_deep() {
                // A whole argument (a request body, `batch.build`'s input) is `(input)`, as README
                // says: it was `''` (a helper's attack on the runtimes, eighteenth pass).
                type_error(if path.is_empty() { "(input)" } else { path }, DEEP)
            } else if let Err(found) = crate::codec::json::from_text_in(
                self.raw(i),
                None,
                crate::codec::json::sensitive_path(path),
            ) {
                // Lone surrogates (`\udXXX` from JSON.stringify) are named at their path.
                if path.is_empty() {
                    found
                } else {
                    found.nest(path)
                }
            } else {
                Error::new(
                    ErrorCode::Validation,
                    format!("internal: argument {i} is not JSON ({e})"),
                )
            }
        })?;
        if self.checked {
            let mut issues = Issues::new();
            check(&v, path, 0, &mut issues);
            issues.finish(None)?;
        }
        Ok(v)
    }

    /// Reports what [`Args::value`] would (sentinels, deep nesting, lone surrogates) without
    /// keeping the value: for entries that read the raw text themselves. Free when nothing was
    /// flagged.
    pub fn check(&self, i: usize, path: &str) -> Result<()> {
        if self.checked {
            self.value(i, path)?;
        }
        Ok(())
    }

    /// Argument `i` when it is a string, borrowed from the input when it holds no escape (issue
    /// 9: no parse, no copy); otherwise as [`Args::string`].
    pub fn text(&self, i: usize, field: &str) -> Result<Cow<'a, str>> {
        // Read by the JSON reader, which borrows a string without escapes and unescapes the
        // others between runs found eight bytes at a time. A string that starts with NUL may be
        // a sentinel (`encode` writes NaN, BigInt, … as such strings), left to `Args::string`.
        match crate::codec::json_ref::parse(self.raw(i)) {
            Ok(crate::codec::json_ref::Val::Str(s)) if !s.starts_with('\0') => Ok(s),
            _ => self.string(i, field).map(Cow::Owned),
        }
    }

    /// Argument `i` when it is a string; otherwise a `VALIDATION` error naming `field`.
    pub fn string(&self, i: usize, field: &str) -> Result<String> {
        match self.value(i, field)? {
            Value::String(s) => Ok(s),
            other => Err(type_error(
                field,
                &format!("must be a string, got {}", type_name(&other)),
            )),
        }
    }

    /// Argument `i` as a string, or `None` when absent/null.
    pub fn opt_string(&self, i: usize, field: &str) -> Result<Option<String>> {
        if self.is_null(i) {
            return Ok(None);
        }
        self.string(i, field).map(Some)
    }
}

/// The texts of the elements of the JSON array `input`, without parsing them: each one is read
/// (and so checked) by the entry that uses it. `None` when `input` is not an array of values
/// separated by commas. Written by hand rather than with serde_json's `RawValue`: that feature
/// alone pulled float formatting (~15 KB gzip) into the `.wasm` (issue 9, "Size").
/// The elements' texts, and the deepest nesting of `[`/`{` inside any element (an element `{}`
/// is depth 1): one pass, whatever the size (a bulk `addMany` sends megabytes).
fn split_array(input: &str) -> Option<(Vec<&str>, usize)> {
    let b = input.as_bytes();
    let ws = |i: &mut usize| {
        while b
            .get(*i)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            *i += 1;
        }
    };
    let mut i = 0;
    ws(&mut i);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut items = Vec::with_capacity(4);
    let mut deepest = 0;
    ws(&mut i);
    if b.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            ws(&mut i);
            let start = i;
            let (end, depth) = value_end(b, i)?;
            i = end;
            deepest = deepest.max(depth);
            items.push(input.get(start..i)?);
            ws(&mut i);
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b']') => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    ws(&mut i);
    (i == b.len()).then_some((items, deepest))
}

/// Where the JSON value starting at `i` ends: strings to their closing quote, objects and arrays
/// to their matching bracket (brackets inside strings skipped), other values to the next
/// delimiter. Only the boundaries are found here; the value itself is parsed by its reader.
fn value_end(b: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    loop {
        match *b.get(i)? {
            b'"' => {
                i += 1;
                loop {
                    // To the next quote, backslash or control, eight bytes at a time (issue 9: a
                    // string argument of a kilobyte, an XML answer, was walked byte by byte).
                    i = crate::codec::swar::json_special(b, i);
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            _ if depth > 0 => i += 1,
            // A delimiter where a value should start: an empty element.
            b',' | b' ' | b'\t' | b'\n' | b'\r' => return None,
            _ => {
                i += 1;
                while b.get(i).is_some_and(|c| {
                    !matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    i += 1;
                }
                return Some((i, 0));
            }
        }
        if depth == 0 {
            return Some((i, deepest));
        }
    }
}

const DEEP: &str = "is nested too deeply (or refers to itself): pass plain data";

/// An optional `httpStatus` (an argument, or `options.httpStatus` of `office.parseResponse`):
/// default 200. One reader for the three `parseResponse` entries.
pub(super) fn http_status(v: &Value) -> Result<u16> {
    let code = match v {
        Value::Null => return Ok(200),
        Value::Number(n) => match n.as_u64().and_then(|s| u16::try_from(s).ok()) {
            Some(s @ 100..=599) => return Ok(s),
            _ => issue::RANGE,
        },
        _ => issue::TYPE,
    };
    Err(Error::argument(
        "httpStatus",
        code,
        "must be an HTTP status code between 100 and 599",
    ))
}

fn type_error(path: &str, message: &str) -> Error {
    Error::argument(path, issue::TYPE, message)
}

/// Every sentinel and over-deep value, in document order, up to [`MAX_CHECK_ISSUES`] (a bulk
/// `addMany` of a million NaN would otherwise build a million issues): validation reports every
/// issue at once, and one NaN does not hide a BigInt beside it.
fn check(v: &Value, path: &str, depth: usize, issues: &mut Issues) {
    if issues.len() >= MAX_CHECK_ISSUES {
        return;
    }
    if depth > MAX_DEPTH {
        return issues.push(path, issue::TYPE, DEEP);
    }
    match v {
        Value::String(s) => {
            let what = match s.strip_prefix(SENTINEL) {
                None => return,
                Some("bigint") => "is a BigInt, which JSON cannot carry: pass Number(value) where a number is expected (a safe integer), String(value) where a string is",
                Some("nan") => "is NaN or infinite: pass a finite number",
                Some("date") => "is an invalid Date",
                // A forgotten `await` (a new user's walk, twenty-second pass).
                Some("promise") => "is a Promise: await it first",
                Some(_) => "is not plain data (use objects, arrays, strings, numbers, booleans)",
            };
            // A whole argument (a body given as a BigInt): named as every reader names it.
            issues.push(
                if path.is_empty() { "(input)" } else { path },
                issue::TYPE,
                what,
            );
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(item, &index(path, i), depth + 1, issues);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                // A key under the client options that may be a secret is not shown.
                let shown = crate::codec::json::shown_key(path, k);
                check(item, &join(path, shown), depth + 1, issues);
            }
        }
        _ => {}
    }
}

/// At most this many issues from [`check`] (the converter keeps 1 000 per file; one argument's
/// worth is far less).
const MAX_CHECK_ISSUES: usize = 100;

#[cfg(test)]
mod tests;
