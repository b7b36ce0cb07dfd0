//! The fast path of record validation (issue 9): a record is read once, straight from its JSON
//! text ([`record_text`]) or through a borrowed view of a tree ([`J`]: CSV rows, and the texts
//! [`record_text`] declines, read by serde_json), checked against its layout with plain byte tests
//! and no allocation on success, and handed to the writer as borrowed values ([`Val`]).
//!
//! The fast path only ever says "valid" or "not sure". On "not sure" the caller converts the
//! tree into a `serde_json::Value` ([`J::to_value`], lossless) and runs the reporting validator
//! (`validate::read_record`), which builds field paths and messages. So every code, path and
//! message for bad input comes from one place, and the fast path cannot change them; what it must
//! never do is accept a record the reporting validator refuses (`tests/sogenactif_batch_fast.rs`
//! checks the two against each other on generated records).

use super::dictionary::{Choice, Field, Format, Method, Presence};
use super::layout::Layouts;
use super::rules::{self, View};
use super::validate::{valid_ymd, Original, Syntax, MAX_AMOUNT, MAX_SEQUENCE};
use crate::codec::swar::{lanes_control, lanes_eq, lanes_json_special, same, word, HIGH};
use crate::error::Issues;
use crate::money::{self, Table, MAX_SAFE_INTEGER};
use serde_json::Value;
use std::borrow::Cow;

/// A borrowed view of a JSON value: a `serde_json::Value` ([`J::from_value`]), a record's text
/// read by serde_json ([`crate::codec::json_ref::parse`]) or a CSV row's cells. The tree of
/// `codec::json_ref`, under the name this module has always used; [`J::to_value`] gives the
/// `serde_json::Value` back.
pub use crate::codec::json_ref::Val as J;

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
    /// Hands the value's text to `put`: borrowed text as it is, numbers written on the stack.
    pub fn emit(self, put: impl FnOnce(&[u8])) {
        match self {
            Val::S(s) => put(s.as_bytes()),
            Val::N(n) => put(Digits::of(n).as_bytes()),
            Val::Currency(c) => put(&crate::money::numeric_digits(c)),
        }
    }

    /// Appends the value's text.
    pub fn write(self, out: &mut Vec<u8>) {
        self.emit(|b| out.extend_from_slice(b));
    }
}

/// `n` in decimal, on the stack (no `format!`: this is the hot path of the writer).
pub struct Digits {
    buf: [u8; 20],
    start: usize,
}

impl Digits {
    pub fn of(mut n: u64) -> Digits {
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
        Digits { buf, start: i }
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
    }
}

/// Appends `n` in decimal.
pub fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(Digits::of(n).as_bytes());
}

fn all_digits(s: &str) -> bool {
    for &b in s.as_bytes() {
        if !b.is_ascii_digit() {
            return false;
        }
    }
    true
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
            Val::S(s) => crate::codec::text::parse_u64(s),
            Val::Currency(_) => None,
        }
    }
}

impl<'a> Fast<'a, '_> {
    fn value(&self, name: &str) -> Option<Val<'a>> {
        for (f, v) in self.fields.iter().zip(&self.values) {
            if same(f.name, name) {
                return *v;
            }
        }
        None
    }
}

/// Whether every character of `s` can be written in a batch value of this syntax (the test of
/// `validate::check_chars`, without its messages).
pub fn chars_ok(s: &str, syntax: Syntax) -> bool {
    let csv = syntax == Syntax::Csv;
    // Printable ASCII (the ASCII control characters are 0x00–0x1F and 0x7F, tab, LF and CR
    // included), without `;` in CSV: the common case, tested eight bytes at a time.
    printable(s.as_bytes(), csv) || s.chars().all(|c| !forbidden(c)) && !(csv && s.contains(';'))
}

/// A character no batch value may hold, in either syntax: a control character, a line break
/// (U+2028 and U+2029, Unicode's line and paragraph separators, too; U+0085 is a control), or one
/// XML 1.0 does not allow. `validate::check_chars` words the issue.
pub fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || !crate::codec::xml::is_xml_char(c)
}

/// Whether every byte is printable ASCII (0x20–0x7E), `;` excluded when `csv`. Eight bytes at a
/// time (`codec::swar`): the check runs on every value of every record of a file, and at
/// opt-level "z" a byte loop costs several instructions per byte.
fn printable(bytes: &[u8], csv: bool) -> bool {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Some(w) = word(chunk) else {
            return false;
        };
        let mut bad = lanes_control(w) | (w & HIGH) | lanes_eq(w, 0x7f);
        if csv {
            bad |= lanes_eq(w, b';');
        }
        if bad != 0 {
            return false;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if !matches!(b, 0x20..=0x7e) || (csv && b == b';') {
            return false;
        }
        i += 1;
    }
    true
}

/// What the fast path remembers from one record to the next of a file: the last currency code
/// looked up (files hold one currency, mostly; the table lookup is a linear search). The look-up
/// is the shared one (`money::find_currency`, as `codec::fields::currency` uses); a miss builds no
/// message: the reporting validator then reads the record and words the issue.
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
        let numeric = money::find_currency(code, Table::Sogenactif)?.numeric;
        if let Ok(c) = <[u8; 3]>::try_from(code.as_bytes()) {
            self.currency = Some((c, numeric));
        }
        Some(numeric)
    }
}

/// Checks one non-empty value against its format; `None` when the reporting validator would
/// refuse it (or might: the fast path is conservative).
fn check<'a>(v: Raw<'a>, format: Format, syntax: Syntax, memo: &mut Memo) -> Option<Val<'a>> {
    if let Raw::S(s) = v {
        if !chars_ok(s, syntax) {
            return None;
        }
    }
    let s = match v {
        Raw::S(s) => Some(s),
        _ => None,
    };
    let n = match v {
        Raw::U(n) if n <= MAX_SAFE_INTEGER => Some(n),
        _ => None,
    };
    match format {
        Format::Digits(min, max) => {
            let (len, val) = match (s, n) {
                (Some(s), _) if all_digits(s) => (s.len(), Val::S(s)),
                (_, Some(n)) => (digit_count(n), Val::N(n)),
                _ => return None,
            };
            (usize::from(min)..=usize::from(max))
                .contains(&len)
                .then_some(val)
        }
        Format::Alnum(max) => {
            let s = s?;
            let mut ok = s.len() <= usize::from(max);
            for &b in s.as_bytes() {
                ok &= b.is_ascii_alphanumeric();
            }
            ok.then_some(Val::S(s))
        }
        Format::Text(max) => {
            let s = s?;
            // At most as many characters as bytes: count them only for a long text.
            let max = usize::from(max);
            (s.len() <= max || crate::codec::text::chars(s) <= max).then_some(Val::S(s))
        }
        Format::Amount => n.filter(|n| *n <= MAX_AMOUNT).map(Val::N),
        Format::Currency => {
            let numeric = match (s, v) {
                (Some(s), _) => memo.currency(s)?,
                // The reporting validator reads a number as its decimal text: 978 → '978'.
                (None, Raw::U(n)) if n <= 999 => {
                    money::currency_by_numeric(u16::try_from(n).ok()?, Table::Sogenactif)
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
    let J::Obj(entries) = record else { return None };
    let mut method_name = None;
    for (k, v) in entries {
        if k == "method" {
            match (v, method_name) {
                (J::Str(s), None) => method_name = Some(s.as_ref()),
                _ => return None,
            }
        }
    }
    let (method, fields) = layouts.get(method_name?)?;
    // The raw value of each field, on the stack for the dictionary's layouts (at most 61 fields).
    let mut stack: [Option<Raw<'a>>; 64] = [None; 64];
    let mut heap: Vec<Option<Raw<'a>>> = Vec::new();
    let raw: &mut [Option<Raw<'a>>] = match stack.get_mut(..fields.len()) {
        Some(r) => r,
        None => {
            heap.resize(fields.len(), None);
            &mut heap
        }
    };
    let mut sequence = None;
    let mut original = Original::default();
    let mut seen_sequence = false;
    let mut seen_original = false;
    // Input usually lists the fields in the layout's order: try the field after the last match
    // first.
    let mut next = 0usize;
    let mut containers = 0u64;
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
                    J::Obj(inner) => original = read_original(inner)?,
                    _ => return None,
                }
            }
            name => {
                let top = |f: &Field| f.top_level() && f.name == name;
                let guess = fields.get(next).filter(|f| top(f)).map(|_| next);
                if let Some(i) = guess.or_else(|| fields.iter().position(top)) {
                    next = i + 1;
                    let slot = raw.get_mut(i)?;
                    if slot.replace(Raw::of(v)).is_some() {
                        return None;
                    }
                } else if let Some(c) = fields.iter().position(|f| f.container() == Some(name)) {
                    // A container given twice: serde_json keeps the last one only.
                    if !first_time(&mut containers, c) {
                        return None;
                    }
                    match v {
                        J::Null => {}
                        J::Obj(inner) => {
                            for (k2, v2) in inner {
                                let i = fields.iter().position(|f| {
                                    f.container() == Some(name) && f.name == k2.as_ref()
                                })?;
                                let slot = raw.get_mut(i)?;
                                if slot.replace(Raw::of(v2)).is_some() {
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
    complete(method, fields, raw, sequence, &original, syntax, memo)
}

/// A field's value as read: what the format checks look at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Raw<'a> {
    S(&'a str),
    U(u64),
    Null,
    /// A boolean, a float, a negative number, an array or an object: never a valid field value.
    Other,
}

impl<'a> Raw<'a> {
    fn of(v: &'a J<'_>) -> Raw<'a> {
        match v {
            J::Str(s) => Raw::S(s),
            J::U(n) => Raw::U(*n),
            J::Null => Raw::Null,
            _ => Raw::Other,
        }
    }
}

/// The checks common to both fast paths, once every field's raw value is known.
fn complete<'a, 'l>(
    method: &'static Method,
    fields: &'l [Field],
    raw: &[Option<Raw<'a>>],
    sequence: Option<u64>,
    original: &Original,
    syntax: Syntax,
    memo: &mut Memo,
) -> Option<Fast<'a, 'l>> {
    let mut values = Vec::with_capacity(fields.len());
    for (field, v) in fields.iter().zip(raw.iter().copied()) {
        let value = match v {
            None | Some(Raw::Null) => None,
            Some(Raw::S("")) => None,
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
    rules::check(&fast, original, "", &mut issues);
    issues.is_empty().then_some(fast)
}

/// The fast path straight from a record's JSON text, without building a tree: for the common
/// shape (`method` first, plain strings, non-negative integers, `null`, the method's containers
/// and `original`). `None` when the record has another shape or may be invalid; the caller then
/// reads the text into a [`J`] and tries [`record`], then the reporting validator.
pub fn record_text<'a, 'l>(
    text: &'a str,
    layouts: &'l Layouts,
    syntax: Syntax,
    memo: &mut Memo,
) -> Option<Fast<'a, 'l>> {
    let mut p = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    p.whitespace();
    p.eat(b'{')?;
    let open = p.at;
    // `method` names the layout. It usually comes first; otherwise the keys before it are
    // stepped over to find it, and the object is then read from its start.
    let mut first = true;
    let mut stepped_over = false; // members before `method`
    let name = loop {
        if !p.more(b'}', &mut first)? {
            return None;
        }
        if same(p.key()?, "method") {
            let Raw::S(name) = p.plain()? else {
                return None;
            };
            break name;
        }
        p.skip()?;
        stepped_over = true;
    };
    // `method` keys read by the loop below (a second one leaves the record to the validator).
    let mut methods = 1u8;
    if stepped_over {
        p.at = open;
        first = true;
        methods = 0;
    }
    let (method, fields) = layouts.get(name)?;
    let mut raw: [Option<Raw<'a>>; 64] = [None; 64];
    let slots = raw.get_mut(..fields.len())?;
    let mut sequence = None;
    let mut original = None;
    let mut next = 0usize;
    let mut containers = 0u64;
    while p.more(b'}', &mut first)? {
        let key = p.key()?;
        // `same` rather than a `match` on the text: see [`same`].
        if same(key, "method") {
            methods += 1;
            if methods > 1 {
                return None;
            }
            p.plain()?;
        } else if same(key, "recordSequence") {
            match (p.plain()?, sequence) {
                (Raw::U(n), None) if (1..=MAX_SEQUENCE).contains(&n) => sequence = Some(n),
                _ => return None,
            }
        } else if same(key, "original") {
            if original.is_some() {
                return None;
            }
            original = Some(p.original()?);
        } else {
            let top = |f: &Field| f.top_level() && same(f.name, key);
            let guess = fields.get(next).filter(|f| top(f)).map(|_| next);
            if let Some(i) = guess.or_else(|| fields.iter().position(top)) {
                next = i + 1;
                let v = p.plain()?;
                if slots.get_mut(i)?.replace(v).is_some() {
                    return None;
                }
            } else if let Some(c) = fields
                .iter()
                .position(|f| f.container().is_some_and(|c| same(c, key)))
            {
                if !first_time(&mut containers, c) {
                    return None;
                }
                if p.null() {
                    continue;
                }
                p.eat(b'{')?;
                let mut first = true;
                while p.more(b'}', &mut first)? {
                    let inner = p.key()?;
                    let i = fields.iter().position(|f| {
                        f.container().is_some_and(|c| same(c, key)) && same(f.name, inner)
                    })?;
                    let v = p.plain()?;
                    if slots.get_mut(i)?.replace(v).is_some() {
                        return None;
                    }
                }
            } else {
                return None;
            }
        }
    }
    p.whitespace();
    if p.at != p.bytes.len() {
        return None;
    }
    complete(
        method,
        fields,
        slots,
        sequence,
        &original.unwrap_or_default(),
        syntax,
        memo,
    )
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
            ("status", J::Str(s)) => original.status = Some(s.to_string()),
            _ => return None,
        }
    }
    Some(original)
}

/// A reader of record texts written the common way: objects, strings without escapes,
/// non-negative integers without fraction or exponent, `true`, `false`, `null`. Each method
/// answers `None` for anything else (an escape, a float, a negative number, deep nesting, invalid
/// JSON), and the caller then reads the text with serde_json. Hand-written because it is the hot
/// path of the converter: it reads keys and values in place, with no tree and no allocation.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: u8,
}

impl<'a> Scanner<'a> {
    /// Consumes `byte` after optional whitespace; `None` when something else is there. (Named
    /// `eat`, not `expect`: it returns an `Option` and cannot panic.)
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Whether another member follows (`first`: none was read yet, so no comma before it) or
    /// the object ends with `close`; `None` on anything else.
    fn more(&mut self, close: u8, first: &mut bool) -> Option<bool> {
        self.whitespace();
        let c = self.peek()?;
        if c == close {
            self.at += 1;
            return Some(false);
        }
        if !std::mem::replace(first, false) {
            if c != b',' {
                return None;
            }
            self.at += 1;
        }
        Some(true)
    }

    /// An object key and its colon.
    fn key(&mut self) -> Option<&'a str> {
        self.whitespace();
        if self.peek()? != b'"' {
            return None;
        }
        let k = self.string()?;
        self.eat(b':')?;
        self.whitespace();
        Some(k)
    }

    /// `null` (consumed) or not.
    fn null(&mut self) -> bool {
        self.whitespace();
        self.literal("null").is_some()
    }

    /// A plain value: a string without escapes, a non-negative integer or `null`.
    fn plain(&mut self) -> Option<Raw<'a>> {
        self.whitespace();
        match self.peek()? {
            b'"' => self.string().map(Raw::S),
            b'0'..=b'9' => self.number().map(Raw::U),
            b'n' => self.literal("null").map(|()| Raw::Null),
            _ => None,
        }
    }

    /// `original`: `null` or `{ amount?, status? }` with plain values.
    fn original(&mut self) -> Option<Original> {
        let mut original = Original::default();
        if self.null() {
            return Some(original);
        }
        self.eat(b'{')?;
        let (mut amount, mut status) = (false, false);
        let mut first = true;
        while self.more(b'}', &mut first)? {
            match (self.key()?, self.plain()?) {
                ("amount", _) if std::mem::replace(&mut amount, true) => return None,
                ("status", _) if std::mem::replace(&mut status, true) => return None,
                ("amount" | "status", Raw::Null) => {}
                ("amount", Raw::U(n)) if n <= MAX_SAFE_INTEGER => original.amount = Some(n),
                ("status", Raw::S(s)) => original.status = Some(s.to_string()),
                _ => return None,
            }
        }
        Some(original)
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// A scalar of the common shape, stepped over.
    fn scalar(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'0'..=b'9' => self.number().map(|_| ()),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => None,
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| {
            self.at = end;
        })
    }

    /// A string without escapes or control characters (JSON forbids raw ones). A byte loop, not
    /// memchr: record values are short, and the loop checks the control characters on the way.
    #[inline(always)]
    fn string(&mut self) -> Option<&'a str> {
        let start = self.at + 1;
        let rest = self.bytes.get(start..)?;
        let len = special(rest)?;
        if !matches!(rest.get(len), Some(b'"')) {
            return None;
        }
        self.at = start + len + 1;
        // `"` is ASCII, so both ends are character boundaries of the (valid UTF-8) text.
        self.text.get(start..start + len)
    }

    fn number(&mut self) -> Option<u64> {
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.at += 1;
        }
        let leading_zero = self.at - start > 1 && matches!(self.bytes.get(start), Some(b'0'));
        if leading_zero || matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(n)
    }

    fn nested(&mut self) -> Option<()> {
        // serde_json allows 128 levels; records have 2.
        self.depth = self.depth.checked_add(1).filter(|d| *d <= 16)?;
        self.at += 1;
        self.whitespace();
        Some(())
    }
}

/// Reads an array of records as a `serde_json::Value` (its records are then viewed through
/// [`J::from_value`]).
pub fn parse(text: &str) -> Result<Value, crate::codec::json_ref::JsonError> {
    crate::codec::json_ref::value(text)
}

/// Reads a record the text fast path declined into a tree borrowing from the text (a repeated
/// key held once, with its last value, as serde_json reads it).
pub fn tree(text: &str) -> Result<J<'_>, crate::codec::json_ref::JsonError> {
    crate::codec::json_ref::parse(text)
}

/// Marks the container whose first field is at `index` as seen; `false` if it was already (or
/// the layout is too long to tell).
fn first_time(seen: &mut u64, index: usize) -> bool {
    let Some(bit) = u32::try_from(index).ok().and_then(|i| 1u64.checked_shl(i)) else {
        return false;
    };
    let new = *seen & bit == 0;
    *seen |= bit;
    new
}

/// Position of the first `"`, `\\` or control character (< 0x20) of `bytes`, eight bytes at a
/// time (`codec::swar`). Plain code, not iterator adaptors: the release profile optimises for
/// size (opt-level "z"), which leaves closures as calls per byte.
fn special(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let hits = lanes_json_special(word(chunk)?);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The texts of the elements of a JSON array written the common way (see [`scan`]), so that each
/// record can take the text fast path; `None` when the array has another shape (the caller then
/// reads it with [`parse`]).
pub fn split_array(text: &str) -> Option<Vec<&str>> {
    let mut p = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    p.eat(b'[')?;
    let mut items = Vec::new();
    let mut first = true;
    while p.more(b']', &mut first)? {
        p.whitespace();
        let start = p.at;
        p.skip()?;
        items.push(text.get(start..p.at)?);
    }
    p.whitespace();
    (p.at == p.bytes.len()).then_some(items)
}

impl Scanner<'_> {
    /// Steps over one value of the common shape.
    fn skip(&mut self) -> Option<()> {
        self.whitespace();
        match self.peek()? {
            b'{' => {
                self.nested()?;
                let mut first = true;
                while self.more(b'}', &mut first)? {
                    self.key()?;
                    self.skip()?;
                }
                self.depth -= 1;
                Some(())
            }
            b'[' => {
                self.nested()?;
                let mut first = true;
                while self.more(b']', &mut first)? {
                    self.skip()?;
                }
                self.depth -= 1;
                Some(())
            }
            _ => self.scalar(),
        }
    }
}

#[cfg(test)]
mod tests;
