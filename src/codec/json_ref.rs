//! Caller input read from one JSON text without copying it (issue 9: "a fast core").
//!
//! [`parse`] turns the text into a [`Val`] tree whose strings borrow from the text (a string is
//! copied only when it holds an escape sequence), and [`ObjRef`] reads one object of it field by
//! field the way [`super::json::Obj`] reads a `serde_json::Value`: same issue codes, same paths,
//! same messages, unknown fields reported at the end. Paths are built only when an issue is
//! pushed.
//!
//! Why a tree and not `#[derive(Deserialize)]` structs: validation must report every issue at
//! once (a derived struct stops at the first field of the wrong type) and must name each unknown
//! field with a "did you mean" hint (a derived struct can only refuse them, or buffer them all
//! through `#[serde(flatten)]`). The tree is parsed by serde_json's own parser; only the visitor
//! that keeps strings borrowed is written here.

use crate::codec::swar::same;
use crate::error::{issue, Issues};
use crate::money::MAX_SAFE_INTEGER;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value whose strings borrow from the parsed text. Numbers keep serde_json's three kinds
/// (a non-negative integer is always [`Val::U`], as in `serde_json::Value`). Objects keep their
/// fields in text order; a repeated key is held once, at its first place with its last value, as
/// in `serde_json::Value` (trees built by hand, such as the converter's CSV rows, may repeat a key).
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    Null,
    Bool(bool),
    U(u64),
    I(i64),
    F(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Val<'a>>),
    Obj(Vec<(Cow<'a, str>, Val<'a>)>),
}

/// Parses one JSON text (trailing whitespace only after it, as `serde_json::from_str`).
pub fn parse(text: &str) -> Result<Val<'_>, serde_json::Error> {
    serde_json::from_str(text)
}

/// `serde_json::from_str::<Value>`, read through [`Val`]: the same parser finds the same errors,
/// and [`Val::to_value`] builds the same `Value`. So the `.wasm` holds one visitor of serde_json's
/// reader instead of two (`Value`'s own left it; issue 9, size); a `Val` tree is built first.
pub fn value(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    parse(text).map(|v| v.to_value())
}

impl<'a> Val<'a> {
    /// Name of the value's type, for messages (the words of [`super::json::type_name`]).
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "a boolean",
            Val::U(_) | Val::I(_) | Val::F(_) => "a number",
            Val::Str(_) => "a string",
            Val::Arr(_) => "an array",
            Val::Obj(_) => "an object",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The field `key` of an object (the last one with that key), `None` otherwise.
    pub fn get(&self, key: &str) -> Option<&Val<'a>> {
        match self {
            Val::Obj(fields) => fields
                .iter()
                .rev()
                .find(|(k, _)| same(k, key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// A scalar as the `serde_json::Value` the shared field readers of `codec::fields` take
    /// (`currency`, `amount_n12`); an array or an object becomes an empty one, which is all those
    /// readers look at (its type). One small value per field read, instead of a second copy of
    /// each reader for this tree.
    pub fn scalar_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::U(n) => Value::from(*n),
            Val::I(n) => Value::from(*n),
            Val::F(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Val::Str(s) => Value::String(s.to_string()),
            Val::Arr(_) => Value::Array(Vec::new()),
            Val::Obj(_) => Value::Object(serde_json::Map::new()),
        }
    }

    /// The `serde_json::Value` of this tree, as `serde_json::from_str` would have read its text: a
    /// non-negative integer unsigned, a later duplicate key replacing the earlier one's value in
    /// its place.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Val::Arr(items) => Value::Array(items.iter().map(Val::to_value).collect()),
            Val::Obj(fields) => {
                let mut map = serde_json::Map::with_capacity(fields.len());
                for (k, v) in fields {
                    map.insert(k.to_string(), v.to_value());
                }
                Value::Object(map)
            }
            scalar => scalar.scalar_value(),
        }
    }

    /// A borrowed view of a `serde_json::Value` (for the entry points that receive one).
    pub fn from_value(v: &serde_json::Value) -> Val<'_> {
        use serde_json::Value;
        match v {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Val::U(u),
                (None, Some(i)) => Val::I(i),
                _ => Val::F(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Array(a) => Val::Arr(a.iter().map(Val::from_value).collect()),
            Value::Object(m) => Val::Obj(
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Val::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The number as serde_json prints it (`-1`, `1.5`), for messages.
    fn number_text(&self) -> String {
        match self {
            Val::U(n) => n.to_string(),
            Val::I(n) => n.to_string(),
            // serde_json's own text of the number (never `f64`'s `Display`, which would pull
            // core's float formatting into the `.wasm`: issue 9, size). The parser only
            // produces finite numbers, so `from_f64` always succeeds.
            Val::F(f) => serde_json::Number::from_f64(*f)
                .map_or_else(|| "a number".to_string(), |n| n.to_string()),
            other => other.type_name().to_string(),
        }
    }
}

/// A string that stays borrowed when the text holds it without escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for Val<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValVisitor)
    }
}

struct ValVisitor;

impl<'de> Visitor<'de> for ValVisitor {
    type Value = Val<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Val<'de>, E> {
        Ok(Val::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Val<'de>, E> {
        Ok(Val::Null)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Val<'de>, E> {
        Ok(Val::Bool(b))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Val<'de>, E> {
        Ok(Val::U(n))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Val<'de>, E> {
        // As serde_json::Value: a non-negative integer is always unsigned.
        Ok(u64::try_from(n).map_or(Val::I(n), Val::U))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Val<'de>, E> {
        Ok(Val::F(f))
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Val::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Val<'de>, A::Error> {
        let mut fields: Vec<(Cow<'de, str>, Val<'de>)> =
            Vec::with_capacity(map.size_hint().unwrap_or(8));
        // A repeated key keeps its first place and takes the last value, as serde_json's `Value`
        // (`preserve_order`) holds it. Keeping every repeat cost memory per repeat (34 million
        // repeats of one key on one NDJSON line ran the instance out of memory) and sent such
        // batch records to the slow validator; found by a differential fuzz (2026-12-05).
        let mut places = Places::default();
        while let Some(Key(k)) = map.next_key()? {
            let v: Val<'de> = map.next_value()?;
            if let Some(slot) = places.find(&fields, &k).and_then(|i| fields.get_mut(i)) {
                slot.1 = v;
                continue;
            }
            fields.push((k, v));
            places.pushed(&fields);
        }
        Ok(Val::Obj(fields))
    }
}

/// Where each key of a list of fields first stands, for lists that hold each key once: found by
/// a scan up to [`Places::LINEAR`] fields, then through a map of positions made once, so that an
/// object of many distinct keys is still read in linear time. The JSON reader's objects and the
/// Payline answer's (`payline::decode`) use it. serde_json's map, already in the `.wasm`, serves
/// as the index: a map of our own would add code for a case only hostile input reaches. Boxed:
/// the map is several words wide and most lists never need it.
#[derive(Debug, Default)]
pub struct Places {
    index: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

impl Places {
    /// Fields up to this many are searched by a scan.
    const LINEAR: usize = 64;

    /// The position of `key` in `fields`.
    pub fn find<T>(&self, fields: &[(Cow<'_, str>, T)], key: &str) -> Option<usize> {
        match &self.index {
            None => fields.iter().position(|(k, _)| same(k, key)),
            Some(index) => index
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| usize::try_from(n).ok()),
        }
    }

    /// Notes the field just pushed (a key not there yet).
    pub fn pushed<T>(&mut self, fields: &[(Cow<'_, str>, T)]) {
        if fields.len() <= Self::LINEAR {
            return;
        }
        let index = self.index.get_or_insert_with(Box::default);
        // The first time, every field so far; then only the new one.
        for (n, (k, _)) in fields.iter().enumerate().skip(index.len()) {
            index.insert(k.to_string(), serde_json::Value::from(n));
        }
    }
}

/// Joins a parent path and a key (`""` + `uuid` → `uuid`).
fn join(path: &str, key: &str) -> String {
    let mut s = String::with_capacity(path.len() + key.len() + 1);
    if !path.is_empty() {
        s.push_str(path);
        s.push('.');
    }
    s.push_str(key);
    s
}

/// One input object being read (see [`super::json::Obj`], whose behaviour it copies). Each
/// accessor marks its key as known; [`ObjRef::finish`] reports every other key as
/// `UNKNOWN_FIELD`. Paths are built only when an issue is pushed.
#[derive(Debug)]
pub struct ObjRef<'v, 'a> {
    /// Borrowed for the root and `options` (no allocation), owned for nested objects.
    path: Cow<'static, str>,
    fields: Option<&'v [(Cow<'a, str>, Val<'a>)]>,
    /// The keys asked for, for unknown-field checks and "did you mean" hints: the first
    /// [`ASKED_INLINE`] inline (no allocation on the success path), the rest in `more`.
    asked: [&'static str; ASKED_INLINE],
    n_asked: usize,
    more: Vec<&'static str>,
    /// Bit `i` set: field `i` (of the first 64) was asked for.
    seen: u64,
    /// Set by [`ObjRef::mark_sensitive`] (see [`ObjRef::sensitive`]).
    sensitive: bool,
}

/// What [`ASKED`] keeps: each closed object's path and the keys asked of it.
#[cfg(test)]
pub type AskedLog = Vec<(String, Vec<&'static str>)>;

#[cfg(test)]
thread_local! {
    /// Test seam: while `Some`, the path of every object [`ObjRef::finish`] closes and the keys
    /// asked of it, so a test can compare what a validator reads with a schema table
    /// (`systempay::schema`). `None` (other tests): nothing is kept.
    pub static ASKED: std::cell::RefCell<Option<AskedLog>> =
        const { std::cell::RefCell::new(None) };
}

/// Keys an object remembers without allocating (every Systempay object asks fewer).
const ASKED_INLINE: usize = 8;

impl<'v, 'a> ObjRef<'v, 'a> {
    /// Reads `value` as an object at `path` (`""` for the root). A non-object is a `TYPE` issue,
    /// and every later accessor then returns `None`.
    pub fn new(value: &'v Val<'a>, path: &'static str, issues: &mut Issues) -> ObjRef<'v, 'a> {
        ObjRef::at_path(value, Cow::Borrowed(path), issues)
    }

    /// Reads `value` as an object at a computed `path` (a nested object or a list item).
    pub fn nested(value: &'v Val<'a>, path: String, issues: &mut Issues) -> ObjRef<'v, 'a> {
        ObjRef::at_path(value, Cow::Owned(path), issues)
    }

    /// The path of this object (`""` for the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    fn at_path(value: &'v Val<'a>, path: Cow<'static, str>, issues: &mut Issues) -> ObjRef<'v, 'a> {
        let fields = match value {
            Val::Obj(f) => Some(f.as_slice()),
            other => {
                let at = if path.is_empty() { "(input)" } else { &path };
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an object, got {}", other.type_name()),
                );
                None
            }
        };
        ObjRef {
            path,
            fields,
            asked: [""; ASKED_INLINE],
            n_asked: 0,
            more: Vec::new(),
            seen: 0,
            sensitive: false,
        }
    }

    /// Client options and hash keys: values and unknown keys are never quoted in messages.
    fn sensitive(&self) -> bool {
        self.sensitive || super::json::sensitive_path(&self.path)
    }

    /// Marks this object as holding credentials (like client options at the root).
    pub fn mark_sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Marks `key` as known and returns its value (the last field with that key), in one pass.
    fn mark(&mut self, key: &'static str) -> Option<&'v Val<'a>> {
        if let Some(slot) = self.asked.get_mut(self.n_asked) {
            *slot = key;
            self.n_asked += 1;
        } else {
            self.more.push(key);
        }
        let mut found = None;
        for (i, (k, v)) in self.fields?.iter().enumerate() {
            // `same`: lengths first, inline (a call to `str::eq` per field at opt-level z).
            if same(k, key) {
                if i < 64 {
                    self.seen |= 1 << i;
                }
                found = Some(v);
            }
        }
        found
    }

    /// Every key asked for so far.
    fn known(&self) -> impl Iterator<Item = &&'static str> {
        self.asked.iter().take(self.n_asked).chain(self.more.iter())
    }

    /// The path of one of this object's fields (built on demand, for issues).
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn get(&self, key: &str) -> Option<&'v Val<'a>> {
        self.fields?
            .iter()
            .rev()
            .find(|(k, _)| same(k, key))
            .map(|(_, v)| v)
    }

    /// The raw value of `key`, `None` when absent or null. Marks the key as known.
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Val<'a>> {
        match self.mark(key) {
            None | Some(Val::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Whether `key` is present with a non-null value (does not mark it as known).
    pub fn has(&self, key: &str) -> bool {
        matches!(self.get(key), Some(v) if !v.is_null())
    }

    /// Whether `key` is present, even as null (does not mark it as known).
    pub fn present(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn missing(&self, key: &str, issues: &mut Issues) {
        issues.push(self.at(key), issue::REQUIRED, "is required");
    }

    /// A string field; a non-string is a `TYPE` issue.
    pub fn str(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'v str> {
        match self.raw(key)? {
            Val::Str(s) => Some(s.as_ref()),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be a string, got {}", other.type_name()),
                );
                None
            }
        }
    }

    /// A required string field (absent, null or empty is `REQUIRED`).
    pub fn req_str(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'v str> {
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
        read_uint(v, || self.at(key), issues)
    }

    /// A required non-negative safe integer.
    pub fn req_uint(&mut self, key: &'static str, issues: &mut Issues) -> Option<u64> {
        if !self.has(key) {
            self.mark(key);
            self.missing(key, issues);
            return None;
        }
        self.uint(key, issues)
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
                issues.push(
                    self.at(key),
                    issue::ENUM,
                    super::json::not_accepted(s, allowed, self.sensitive()),
                );
                None
            }
        }
    }

    /// A nested object; a non-object is a `TYPE` issue.
    pub fn obj(&mut self, key: &'static str, issues: &mut Issues) -> Option<ObjRef<'v, 'a>> {
        let v = self.raw(key)?;
        match v {
            Val::Obj(_) => Some(ObjRef::nested(v, self.at(key), issues)),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be an object, got {}", other.type_name()),
                );
                None
            }
        }
    }

    /// An array field; a non-array is a `TYPE` issue.
    pub fn array(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'v [Val<'a>]> {
        match self.raw(key)? {
            Val::Arr(a) => Some(a),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be an array, got {}", other.type_name()),
                );
                None
            }
        }
    }

    /// Reports every field no accessor asked for as `UNKNOWN_FIELD` (a repeated key is one field:
    /// the reader holds it once).
    pub fn finish(self, issues: &mut Issues) {
        #[cfg(test)]
        ASKED.with(|log| {
            if let Some(log) = log.borrow_mut().as_mut() {
                log.push((self.path.to_string(), self.known().copied().collect()));
            }
        });
        let Some(fields) = self.fields else { return };
        for (i, (key, _)) in fields.iter().enumerate() {
            let asked = if i < 64 {
                self.seen & (1 << i) != 0
            } else {
                self.known().any(|k| k == key)
            };
            if asked {
                continue;
            }
            let near = self.known().find(|k| k.eq_ignore_ascii_case(key)).copied();
            super::json::push_unknown(issues, &self.path, key, near, self.sensitive());
        }
    }
}

/// Reads a non-negative safe integer; `at` gives the path, called only for an issue. Same
/// messages as [`super::json::read_uint`].
pub fn read_uint(v: &Val<'_>, at: impl FnOnce() -> String, issues: &mut Issues) -> Option<u64> {
    match v {
        Val::U(u) if *u <= MAX_SAFE_INTEGER => Some(*u),
        Val::U(u) => {
            issues.push(
                at(),
                issue::RANGE,
                format!("{u} is above Number.MAX_SAFE_INTEGER and cannot be exact"),
            );
            None
        }
        Val::I(n) => {
            issues.push(at(), issue::RANGE, format!("must not be negative, got {n}"));
            None
        }
        other => {
            let what = match other {
                Val::F(_) => other.number_text(),
                _ => other.type_name().to_string(),
            };
            issues.push(
                at(),
                issue::TYPE,
                format!("must be a non-negative whole number (a safe integer), got {what}"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
