//! The fast path of record validation (issue 9): a record is read once into a borrowed JSON tree
//! ([`J`]: strings point into the input text), checked against its layout with plain byte tests
//! and no allocation on success, and handed to the writer as borrowed values ([`Val`]).
//!
//! The fast path only ever says "valid" or "not sure". On "not sure" the caller converts the same
//! tree into a `serde_json::Value` ([`J::to_value`], lossless) and runs the reporting validator
//! (`validate::read_record`), which builds field paths and messages. So every code, path and
//! message for bad input comes from one place, and the fast path cannot change them; what it must
//! never do is accept a record the reporting validator refuses (`tests/sogenactif_batch_fast.rs`
//! checks the two against each other on generated records).

use super::dictionary::{Choice, Field, Format, Method, Presence};
use super::layout::Layouts;
use super::rules::{self, View};
use super::validate::{valid_ymd, Original, Syntax, MAX_AMOUNT, MAX_SEQUENCE};
use crate::error::Issues;
use crate::money::{self, Table, MAX_SAFE_INTEGER};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// A JSON value whose strings borrow from the text it was read from when they hold no escape.
/// Keeps everything `serde_json::Value` keeps (duplicate keys included), so that
/// [`J::to_value`] gives exactly the `Value` serde_json would have read from the same text.
#[derive(Clone, Debug, PartialEq)]
pub enum J<'a> {
    Null,
    Bool(bool),
    U(u64),
    I(i64),
    F(f64),
    S(Cow<'a, str>),
    A(Vec<J<'a>>),
    O(Vec<(Cow<'a, str>, J<'a>)>),
}

impl J<'_> {
    /// The `serde_json::Value` of this tree (later duplicate keys replace earlier ones in place,
    /// as serde_json does).
    pub fn to_value(&self) -> Value {
        match self {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::U(n) => Value::Number(Number::from(*n)),
            J::I(n) => Value::Number(Number::from(*n)),
            J::F(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            J::S(s) => Value::String(s.to_string()),
            J::A(a) => Value::Array(a.iter().map(J::to_value).collect()),
            J::O(entries) => {
                let mut m = Map::with_capacity(entries.len());
                for (k, v) in entries {
                    m.insert(k.to_string(), v.to_value());
                }
                Value::Object(m)
            }
        }
    }

    /// A borrowed view of a `serde_json::Value` (for the entry points that receive one).
    pub fn from_value(v: &Value) -> J<'_> {
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => J::U(u),
                (None, Some(i)) => J::I(i),
                _ => J::F(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => J::S(Cow::Borrowed(s)),
            Value::Array(a) => J::A(a.iter().map(J::from_value).collect()),
            Value::Object(m) => J::O(
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), J::from_value(v)))
                    .collect(),
            ),
        }
    }
}

struct JVisitor;

impl<'de> Visitor<'de> for JVisitor {
    type Value = J<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<J<'de>, E> {
        Ok(J::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J<'de>, E> {
        Ok(J::U(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J<'de>, E> {
        Ok(u64::try_from(v).map_or(J::I(v), J::U))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J<'de>, E> {
        Ok(J::F(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<J<'de>, E> {
        Ok(J::S(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
        Ok(J::S(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<J<'de>, E> {
        Ok(J::S(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_none<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<J<'de>, D::Error> {
        J::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(e) = seq.next_element()? {
            v.push(e);
        }
        Ok(J::A(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
        let mut v = Vec::with_capacity(24);
        while let Some(Key(k)) = map.next_key()? {
            v.push((k, map.next_value()?));
        }
        Ok(J::O(v))
    }
}

impl<'de> Deserialize<'de> for J<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JVisitor)
    }
}

/// An object key that borrows from the input (serde's own `Cow<str>` always copies).
struct Key<'a>(Cow<'a, str>);

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

/// A checked value, ready to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val<'a> {
    /// Written as is.
    S(&'a str),
    /// An integer written in decimal (amounts, digit fields given as numbers).
    N(u64),
    /// An ISO 4217 numeric code, written on 3 digits.
    Currency(u16),
}

impl Val<'_> {
    /// Appends the value's text.
    pub fn write(self, out: &mut Vec<u8>) {
        match self {
            Val::S(s) => out.extend_from_slice(s.as_bytes()),
            Val::N(n) => push_u64(out, n),
            Val::Currency(c) => {
                // c ≤ 999 (ISO 4217 numeric codes); each digit is < 10.
                for d in [c / 100 % 10, c / 10 % 10, c % 10] {
                    out.push(b'0' + d as u8);
                }
            }
        }
    }
}

/// Appends `n` in decimal (no `format!`: this is the hot path of the writer).
pub fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(buf.get(i..).unwrap_or_default());
}

fn digit_count(mut n: u64) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// A record the fast path accepted: its layout, sequence and one value per layout field.
#[derive(Debug)]
pub struct Fast<'a, 'l> {
    pub method: &'static Method,
    pub fields: &'l [Field],
    /// `None`: left out (the caller's default applies).
    pub sequence: Option<u64>,
    pub values: Vec<Option<Val<'a>>>,
}

impl View for Fast<'_, '_> {
    fn method_name(&self) -> &str {
        self.method.name
    }
    fn present(&self, name: &str) -> bool {
        self.value(name).is_some()
    }
    fn text(&self, name: &str) -> Option<&str> {
        match self.value(name)? {
            Val::S(s) => Some(s),
            _ => None,
        }
    }
    fn number(&self, name: &str) -> Option<u64> {
        match self.value(name)? {
            Val::N(n) => Some(n),
            Val::S(s) => s.parse().ok(),
            Val::Currency(_) => None,
        }
    }
}

impl<'a> Fast<'a, '_> {
    fn value(&self, name: &str) -> Option<Val<'a>> {
        self.fields
            .iter()
            .zip(&self.values)
            .find(|(f, _)| f.name == name)
            .and_then(|(_, v)| *v)
    }
}

/// Whether every character of `s` can be written in a batch value of this syntax (the test of
/// `validate::check_chars`, without its messages).
pub fn chars_ok(s: &str, syntax: Syntax) -> bool {
    let csv = syntax == Syntax::Csv;
    if s.is_ascii() {
        // ASCII: the control characters are 0x00–0x1F and 0x7F (tab, LF and CR included).
        s.bytes()
            .all(|b| (0x20..0x7f).contains(&b) && !(csv && b == b';'))
    } else {
        s.chars()
            .all(|c| !c.is_control() && crate::codec::xml::is_xml_char(c))
            && !(csv && s.contains(';'))
    }
}

/// What the fast path remembers from one record to the next of a file: the last currency code
/// looked up (files hold one currency, mostly; the table lookup is a linear search).
#[derive(Clone, Copy, Debug, Default)]
pub struct Memo {
    currency: Option<([u8; 3], u16)>,
}

impl Memo {
    fn currency(&mut self, code: &str) -> Option<u16> {
        if let Some((c, n)) = self.currency {
            if code.as_bytes() == c {
                return Some(n);
            }
        }
        let numeric = money::currency(code, Table::Sogenactif).ok()?.numeric;
        if let Ok(c) = <[u8; 3]>::try_from(code.as_bytes()) {
            self.currency = Some((c, numeric));
        }
        Some(numeric)
    }
}

/// Checks one non-empty value against its format; `None` when the reporting validator would
/// refuse it (or might: the fast path is conservative).
fn check<'a>(v: &'a J<'_>, format: Format, syntax: Syntax, memo: &mut Memo) -> Option<Val<'a>> {
    if let J::S(s) = v {
        if !chars_ok(s, syntax) {
            return None;
        }
    }
    let s = match v {
        J::S(s) => Some(s.as_ref()),
        _ => None,
    };
    let n = match v {
        J::U(n) if *n <= MAX_SAFE_INTEGER => Some(*n),
        _ => None,
    };
    match format {
        Format::Digits(min, max) => {
            let (len, val) = match (s, n) {
                (Some(s), _) if s.bytes().all(|b| b.is_ascii_digit()) => (s.len(), Val::S(s)),
                (_, Some(n)) => (digit_count(n), Val::N(n)),
                _ => return None,
            };
            (usize::from(min)..=usize::from(max))
                .contains(&len)
                .then_some(val)
        }
        Format::Alnum(max) => {
            let s = s?;
            (s.len() <= usize::from(max) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
                .then_some(Val::S(s))
        }
        Format::Text(max) => {
            let s = s?;
            let len = if s.is_ascii() {
                s.len()
            } else {
                s.chars().count()
            };
            (len <= usize::from(max)).then_some(Val::S(s))
        }
        Format::Amount => n.filter(|n| *n <= MAX_AMOUNT).map(Val::N),
        Format::Currency => {
            let numeric = match (s, v) {
                (Some(s), _) => memo.currency(s)?,
                // The reporting validator reads a number as its decimal text: 978 → '978'.
                (None, J::U(n)) if *n <= 999 => {
                    money::currency_by_numeric(u16::try_from(*n).ok()?, Table::Sogenactif)
                        .ok()?
                        .numeric
                }
                _ => return None,
            };
            Some(Val::Currency(numeric))
        }
        Format::Date => {
            let s = s?;
            let b = s.as_bytes();
            (b.len() == 8
                && b.iter().all(u8::is_ascii_digit)
                && valid_ymd(s.get(..4)?, s.get(4..6)?, s.get(6..8)?).is_some())
            .then_some(Val::S(s))
        }
        Format::DateTime => {
            let s = s?;
            (s.len() <= 35 && crate::codec::datetime::is_rfc3339(s)).then_some(Val::S(s))
        }
        Format::Enum(choice) => {
            let s = s?;
            enum_ok(choice, s).then_some(Val::S(s))
        }
    }
}

fn enum_ok(choice: Choice, s: &str) -> bool {
    choice.values().contains(&s)
}

/// The fast path: `Some` when `record` is certainly valid for its method's layout (the
/// `layouts` overrides or the dictionary), with every value checked and the preflight rules
/// passed; `None` otherwise (the caller then runs the reporting validator).
pub fn record<'a, 'l>(
    record: &'a J<'_>,
    layouts: &'l Layouts,
    syntax: Syntax,
    memo: &mut Memo,
) -> Option<Fast<'a, 'l>> {
    let J::O(entries) = record else { return None };
    let mut method_name = None;
    for (k, v) in entries {
        if k == "method" {
            match (v, method_name) {
                (J::S(s), None) => method_name = Some(s.as_ref()),
                _ => return None,
            }
        }
    }
    let (method, fields) = layouts.get(method_name?)?;
    let mut raw: Vec<Option<&'a J<'_>>> = vec![None; fields.len()];
    let mut sequence = None;
    let mut original = Original::default();
    let mut seen_sequence = false;
    let mut seen_original = false;
    // Input usually lists the fields in the layout's order: try the field after the last match
    // first.
    let mut next = 0usize;
    for (k, v) in entries {
        match k.as_ref() {
            "method" => {}
            "recordSequence" => {
                if std::mem::replace(&mut seen_sequence, true) {
                    return None;
                }
                match v {
                    J::Null => {}
                    J::U(n) if (1..=MAX_SEQUENCE).contains(n) => sequence = Some(*n),
                    _ => return None,
                }
            }
            "original" => {
                if std::mem::replace(&mut seen_original, true) {
                    return None;
                }
                match v {
                    J::Null => {}
                    J::O(inner) => original = read_original(inner)?,
                    _ => return None,
                }
            }
            name => {
                let top = |f: &Field| f.name == name && f.container().is_none();
                let guess = fields.get(next).filter(|f| top(f)).map(|_| next);
                if let Some(i) = guess.or_else(|| fields.iter().position(top)) {
                    next = i + 1;
                    let slot = raw.get_mut(i)?;
                    if slot.replace(v).is_some() {
                        return None;
                    }
                } else if fields.iter().any(|f| f.container() == Some(name)) {
                    match v {
                        J::Null => {}
                        J::O(inner) => {
                            for (k2, v2) in inner {
                                let i = fields.iter().position(|f| {
                                    f.container() == Some(name) && f.name == k2.as_ref()
                                })?;
                                let slot = raw.get_mut(i)?;
                                if slot.replace(v2).is_some() {
                                    return None;
                                }
                            }
                        }
                        _ => return None,
                    }
                } else {
                    return None;
                }
            }
        }
    }
    let mut values = Vec::with_capacity(fields.len());
    for (field, v) in fields.iter().zip(raw) {
        let value = match v {
            None | Some(J::Null) => None,
            Some(J::S(s)) if s.is_empty() => None,
            Some(v) => Some(check(v, field.format, syntax, memo)?),
        };
        if value.is_none() && field.presence == Presence::Required {
            return None;
        }
        values.push(value);
    }
    let fast = Fast {
        method,
        fields,
        sequence,
        values,
    };
    let mut issues = Issues::new();
    rules::check(&fast, &original, "", &mut issues);
    issues.is_empty().then_some(fast)
}

fn read_original(inner: &[(Cow<'_, str>, J<'_>)]) -> Option<Original> {
    let mut original = Original::default();
    let (mut amount, mut status) = (false, false);
    for (k, v) in inner {
        match (k.as_ref(), v) {
            ("amount", _) if std::mem::replace(&mut amount, true) => return None,
            ("status", _) if std::mem::replace(&mut status, true) => return None,
            (_, J::Null) if matches!(k.as_ref(), "amount" | "status") => {}
            ("amount", J::U(n)) if *n <= MAX_SAFE_INTEGER => original.amount = Some(*n),
            ("status", J::S(s)) => original.status = Some(s.to_string()),
            _ => return None,
        }
    }
    Some(original)
}
