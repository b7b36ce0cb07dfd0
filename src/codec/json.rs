//! Field-by-field reading of caller input (`serde_json::Value`), collecting issues.

use crate::error::{issue, Issues};
use crate::money::MAX_SAFE_INTEGER;
use serde_json::{Map, Value};

/// Joins a parent path and a key: `("transactionOptions", "cardOptions")` → `transactionOptions.cardOptions`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Path of an array element: `("records", 3)` → `records[3]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
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

    /// An object with no fields (for optional containers that were absent).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Client options and hash keys: values and unknown keys are never quoted in messages.
    fn sensitive(&self) -> bool {
        self.sensitive
            || self.path == "options"
            || self.path.starts_with("options.")
            || self.path == "keys"
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
        match self.map.and_then(|m| m.get(key)) {
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
        let s = self.str(key, issues)?;
        match allowed.iter().find(|a| **a == s) {
            Some(a) => Some(a),
            None => {
                let what = if self.sensitive() {
                    // Client options hold credentials: a value put in the wrong option may be one.
                    "this value".to_string()
                } else {
                    format!("'{}'", crate::money::printable(s))
                };
                issues.push(
                    self.at(key),
                    issue::ENUM,
                    format!("{what} is not accepted: use one of {}", allowed.join(", ")),
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
        for key in map.keys() {
            if !self.known.iter().any(|k| k == key) {
                let near = self.known.iter().find(|k| k.eq_ignore_ascii_case(key));
                // An option name is camelCase letters; anything else (digits, `_`, long) may be
                // a secret pasted in the wrong place.
                let name_like = key.len() <= 24 && key.bytes().all(|b| b.is_ascii_alphabetic());
                if near.is_none() && self.sensitive() && !name_like {
                    // Never echo an unknown key of the client options or keys: a secret pasted
                    // as an option name would land in the error.
                    issues.push(
                        self.path.clone(),
                        issue::UNKNOWN_FIELD,
                        format!(
                            "has an unknown key of {} characters (not shown: it may be a secret put in the wrong place): remove it or check its spelling",
                            key.chars().count()
                        ),
                    );
                    continue;
                }
                let hint = near
                    .map(|k| format!(" (did you mean '{k}'?)"))
                    .unwrap_or_default();
                issues.push(
                    join(&self.path, key),
                    issue::UNKNOWN_FIELD,
                    format!(
                        "unknown field '{}'{hint}: remove it or check its spelling",
                        crate::money::printable(key)
                    ),
                );
            }
        }
    }
}

/// Reads a non-negative safe integer from a JSON value.
pub fn read_uint(v: &Value, at: &str, issues: &mut Issues) -> Option<u64> {
    let bad = |issues: &mut Issues, what: String| {
        issues.push(
            at,
            issue::TYPE,
            format!("must be a non-negative whole number (a safe integer), got {what}"),
        );
        None
    };
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u <= MAX_SAFE_INTEGER {
                    return Some(u);
                }
                issues.push(
                    at,
                    issue::RANGE,
                    format!("{u} is above Number.MAX_SAFE_INTEGER and cannot be exact"),
                );
                None
            } else if n.as_i64().is_some() {
                issues.push(at, issue::RANGE, format!("must not be negative, got {n}"));
                None
            } else {
                bad(issues, format!("{n}"))
            }
        }
        other => bad(issues, type_name(other).to_string()),
    }
}

#[cfg(test)]
mod tests;
