//! The arguments of one call: a JSON array made by the JS wrapper.

use crate::codec::json::{index, join, type_name};
use crate::error::{issue, Error, ErrorCode, Issue, Result};
use serde_json::value::RawValue;
use serde_json::Value;

/// Prefix of the strings the JS replacer puts where JSON cannot carry a value: `bigint`, `nan`
/// (NaN and ±Infinity), `date` (an invalid Date), `symbol`.
pub const SENTINEL: &str = "\u{0}remise:";

/// Nesting allowed below each argument (the per-property converter's limit, kept).
const MAX_DEPTH: usize = 64;

/// The arguments of one call, borrowed from the input text.
pub struct Args<'a> {
    items: Vec<&'a RawValue>,
    /// Some argument may hold a sentinel or nest too deeply: read with checks.
    checked: bool,
}

impl<'a> Args<'a> {
    /// Splits `input` (a JSON array) into its arguments without parsing them.
    pub fn parse(input: &'a str, special: bool) -> Result<Args<'a>> {
        let items: Vec<&RawValue> = serde_json::from_str(input).map_err(|e| {
            Error::new(
                ErrorCode::Validation,
                format!("internal: the arguments are not a JSON array ({e})"),
            )
        })?;
        // One pass over the bytes (outside strings) finds deep nesting; only then are the
        // values walked with paths.
        let checked = special || max_depth(input) > MAX_DEPTH;
        Ok(Args { items, checked })
    }

    /// The raw JSON text of argument `i` (`null` when absent).
    pub fn raw(&self, i: usize) -> &'a str {
        self.items.get(i).map_or("null", |r| r.get())
    }

    /// Whether argument `i` is absent, `null` or `undefined`.
    pub fn is_null(&self, i: usize) -> bool {
        self.raw(i) == "null"
    }

    /// Argument `i` as a JSON value; `path` names it in issues (`""` for a request body).
    pub fn value(&self, i: usize, path: &str) -> Result<Value> {
        let v: Value = serde_json::from_str(self.raw(i)).map_err(|e| {
            // serde_json's own recursion limit (128) is above MAX_DEPTH, so this is the limit.
            if e.to_string().contains("recursion limit") {
                type_error(path, DEEP)
            } else {
                Error::new(
                    ErrorCode::Validation,
                    format!("internal: argument {i} is not JSON ({e})"),
                )
            }
        })?;
        if self.checked {
            check(&v, path, 0)?;
        }
        Ok(v)
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

const DEEP: &str = "is nested too deeply (or refers to itself): pass plain data";

fn type_error(path: &str, message: &str) -> Error {
    Error::validation(
        None,
        vec![Issue {
            field: path.to_string(),
            code: issue::TYPE,
            message: message.to_string(),
        }],
    )
}

/// The first sentinel or over-deep value, in document order, as the converter reported it.
fn check(v: &Value, path: &str, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(type_error(path, DEEP));
    }
    match v {
        Value::String(s) => match s.strip_prefix(SENTINEL) {
            None => Ok(()),
            Some("bigint") => Err(type_error(
                path,
                "is a BigInt: pass a number (a safe integer) or a string",
            )),
            Some("nan") => Err(type_error(path, "is NaN or infinite: pass a finite number")),
            Some("date") => Err(type_error(path, "is an invalid Date")),
            Some(_) => Err(type_error(
                path,
                "is not plain data (use objects, arrays, strings, numbers, booleans)",
            )),
        },
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(item, &index(path, i), depth + 1)?;
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, item) in map {
                check(item, &join(path, k), depth + 1)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The deepest nesting of `[`/`{` outside strings (the outer arguments array counts one).
fn max_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // The arguments array itself is one level; its elements are at depth 0 for MAX_DEPTH.
    max.saturating_sub(1)
}
