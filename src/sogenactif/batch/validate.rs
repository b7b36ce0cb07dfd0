//! Reading and checking the caller's batch input: file options, header and records.
//!
//! Every problem is collected with its path (`header.date`, `records[3].amount`) so one call
//! reports all of them. Values are checked against the format of the data dictionary
//! (`dictionary.rs`) and against the syntax: a CSV value may not hold `;` (values are never
//! escaped), and no value may hold a line break or another control character, in either syntax
//! (a batch value is one line; XML would also fold a CR into a LF).

use super::dictionary::{self, Field, Format, Method, Presence};
use super::layout::{self, Layouts};
use super::rules::{self, View, CARD_EXPIRY_DATE};
use crate::codec::fields::{amount_n12, currency, report, AmountWords, NumericCode, TypeWords};
use crate::codec::json::{index, type_name, Obj};
use crate::error::{issue, Issues};
use crate::money::{printable, Table};
use serde_json::Value;

/// The two file syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Csv,
    Xml,
}

impl Syntax {
    /// Default file version of each syntax, from the published samples (CSV `v19`, XML `5`).
    pub fn default_version(self) -> &'static str {
        match self {
            Syntax::Csv => "v19",
            Syntax::Xml => "5",
        }
    }
}

/// A UTC offset as written in the header (`+0100` in CSV, `+01:00` in XML).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offset {
    pub negative: bool,
    pub hours: u8,
    pub minutes: u8,
}

impl Offset {
    /// `+0100` (CSV) or `+01:00` (XML).
    pub fn render(self, syntax: Syntax) -> String {
        // (A `&str`, not a `char`: `char`'s `Display` is 300 bytes of .wasm for this one use.)
        let sign = if self.negative { "-" } else { "+" };
        match syntax {
            Syntax::Csv => format!(
                "{sign}{:02}{:02}",
                u32::from(self.hours),
                u32::from(self.minutes)
            ),
            Syntax::Xml => format!(
                "{sign}{:02}:{:02}",
                u32::from(self.hours),
                u32::from(self.minutes)
            ),
        }
    }
}

/// The validated file header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub remitter_id: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub date_offset: Offset,
    /// `HH:MM:SS`
    pub time: String,
    pub time_offset: Offset,
    pub sequence: u64,
}

/// Validated file options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub syntax: Syntax,
    /// As written on the FILE line (`v19`) or the XML `version` attribute (`5`).
    pub version: String,
    pub header: Header,
    /// Column layouts overridden for this file (`layouts` option).
    pub layouts: Layouts,
}

/// One validated record: the method, its layout, its sequence and one value per layout field
/// (`values[i]` belongs to `fields[i]`; `None` = empty column / no element).
/// `Debug` masks card data ([`dictionary::SECRET_FIELDS`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Record<'l> {
    pub method: &'static Method,
    /// The method's fields in column order (the dictionary's, or a `layouts` override).
    pub fields: &'l [Field],
    pub sequence: u64,
    pub values: Vec<Option<String>>,
}

impl std::fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        map.entry(&"method", &self.method.name);
        map.entry(&"recordSequence", &self.sequence);
        for (field, value) in self.fields.iter().zip(&self.values) {
            if let Some(v) = value {
                if dictionary::SECRET_FIELDS.contains(&field.name) {
                    map.entry(&field.name, &"***");
                } else {
                    map.entry(&field.name, v);
                }
            }
        }
        map.finish()
    }
}

impl Record<'_> {
    /// The value of the field `name` (in any container).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .zip(&self.values)
            .find(|(f, _)| f.name == name)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// Largest header sequence and recordSequence accepted [Guessed: the format is not published;
/// the samples use 1, 6, 12, 13].
pub const MAX_SEQUENCE: u64 = 999_999_999;
/// N12: the largest amount in minor units.
pub const MAX_AMOUNT: u64 = crate::codec::fields::MAX_N12_AMOUNT;

/// Reads `syntax` from the root object (`'csv'` default, or `'xml'`).
pub fn read_syntax(root: &mut Obj<'_>, issues: &mut Issues) -> Syntax {
    match root.enumeration("syntax", &["csv", "xml"], issues) {
        Some("xml") => Syntax::Xml,
        _ => Syntax::Csv,
    }
}

/// Reads `version` and `header` from the root object (whose `syntax` and `layouts` were read
/// already, [`Layouts::read`]).
pub fn read_options(
    root: &mut Obj<'_>,
    syntax: Syntax,
    layouts: Layouts,
    issues: &mut Issues,
) -> Option<Options> {
    let version = read_version(root, syntax, issues);
    let header = match root.obj("header", issues) {
        Some(mut h) => {
            let header = read_header(&mut h, issues);
            h.finish(issues);
            header
        }
        None => {
            if !root.has("header") {
                issues.push(
                    root.at("header"),
                    issue::REQUIRED,
                    "is required: give { remitterId, date, time, sequence }",
                );
            }
            None
        }
    };
    Some(Options {
        syntax,
        version: version?,
        header: header?,
        layouts,
    })
}

fn read_version(root: &mut Obj<'_>, syntax: Syntax, issues: &mut Issues) -> Option<String> {
    let at = root.at("version");
    let digits = match root.raw("version") {
        None => return Some(syntax.default_version().to_string()),
        Some(Value::Number(n)) => n.as_u64().map(|n| n.to_string()),
        Some(Value::String(s)) => {
            let d = s.strip_prefix('v').unwrap_or(s);
            (syntax == Syntax::Csv || d.len() == s.len()).then(|| d.to_string())
        }
        Some(other) => {
            issues.push(
                at,
                issue::TYPE,
                format!("must be a string or a number, got {}", type_name(other)),
            );
            return None;
        }
    };
    match digits {
        Some(d) if !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit()) => {
            Some(match syntax {
                Syntax::Csv => format!("v{d}"),
                Syntax::Xml => d,
            })
        }
        _ => {
            let example = match syntax {
                Syntax::Csv => "'v19' (or 19)",
                Syntax::Xml => "'5' (or 5)",
            };
            issues.push(
                at,
                issue::FORMAT,
                format!("must be a file version like {example}; leave it out for the default"),
            );
            None
        }
    }
}

fn read_header(h: &mut Obj<'_>, issues: &mut Issues) -> Option<Header> {
    let remitter_id = match h.raw("remitterId") {
        None => {
            issues.push(
                h.at("remitterId"),
                issue::REQUIRED,
                "is required: the 15-digit remitter id Sogenactif gave you",
            );
            None
        }
        Some(v) => read_digits(v, &h.at("remitterId"), 15, 15, issues),
    };
    let date = match h.str("date", issues) {
        None => {
            if !h.has("date") {
                issues.push(
                    h.at("date"),
                    issue::REQUIRED,
                    "is required: give the file date with its UTC offset, e.g. '2021-12-16+0100' (the JS package fills date and time from the clock when both are left out)",
                );
            }
            None
        }
        Some(s) => {
            let parsed = parse_date_offset(s);
            if parsed.is_none() {
                issues.push(
                    h.at("date"),
                    issue::FORMAT,
                    "must be a date with its UTC offset, 'YYYY-MM-DD+HHMM' or 'YYYY-MM-DD+HH:MM', e.g. '2021-12-16+0100'",
                );
            }
            parsed
        }
    };
    let time = match h.str("time", issues) {
        None => {
            if !h.has("time") {
                issues.push(
                    h.at("time"),
                    issue::REQUIRED,
                    "is required: give the file time with its UTC offset, e.g. '14:26:45+0100' (the JS package fills date and time from the clock when both are left out)",
                );
            }
            None
        }
        Some(s) => {
            let parsed = parse_time_offset(s);
            if parsed.is_none() {
                issues.push(
                    h.at("time"),
                    issue::FORMAT,
                    "must be a time with its UTC offset, 'HH:MM:SS+HHMM' or 'HH:MM:SS+HH:MM', e.g. '14:26:45+0100'",
                );
            }
            parsed
        }
    };
    let sequence = read_sequence(h, "sequence", true, issues);
    let (date, date_offset) = date?;
    let (time, time_offset) = time?;
    Some(Header {
        remitter_id: remitter_id?,
        date,
        date_offset,
        time,
        time_offset,
        sequence: sequence?,
    })
}

fn read_sequence(
    o: &mut Obj<'_>,
    key: &'static str,
    required: bool,
    issues: &mut Issues,
) -> Option<u64> {
    let v = if required {
        o.req_uint(key, issues)?
    } else {
        o.uint(key, issues)?
    };
    if v == 0 || v > MAX_SEQUENCE {
        issues.push(
            o.at(key),
            issue::RANGE,
            format!("must be between 1 and {MAX_SEQUENCE}, got {v}"),
        );
        return None;
    }
    Some(v)
}

/// `YYYY-MM-DD` followed by an offset.
fn parse_date_offset(s: &str) -> Option<(String, Offset)> {
    let (date, rest) = (s.get(..10)?, s.get(10..)?);
    valid_ymd(date.get(..4)?, date.get(5..7)?, date.get(8..10)?)?;
    if date.as_bytes().get(4) != Some(&b'-') || date.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    Some((date.to_string(), parse_offset(rest)?))
}

/// `HH:MM:SS` followed by an offset.
fn parse_time_offset(s: &str) -> Option<(String, Offset)> {
    let (time, rest) = (s.get(..8)?, s.get(8..)?);
    let b = time.as_bytes();
    if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    let h = two_digits(time.get(..2)?)?;
    let m = two_digits(time.get(3..5)?)?;
    let sec = two_digits(time.get(6..8)?)?;
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some((time.to_string(), parse_offset(rest)?))
}

/// `+HHMM`, `+HH:MM`, `-…` or `Z`.
fn parse_offset(s: &str) -> Option<Offset> {
    if s == "Z" {
        return Some(Offset {
            negative: false,
            hours: 0,
            minutes: 0,
        });
    }
    let negative = match s.as_bytes().first()? {
        b'+' => false,
        b'-' => true,
        _ => return None,
    };
    let rest = s.get(1..)?;
    let (h, m) = match rest.len() {
        4 => (rest.get(..2)?, rest.get(2..)?),
        5 if rest.as_bytes().get(2) == Some(&b':') => (rest.get(..2)?, rest.get(3..)?),
        _ => return None,
    };
    let (hours, minutes) = (two_digits(h)?, two_digits(m)?);
    if hours > 14 || minutes > 59 {
        return None;
    }
    Some(Offset {
        negative,
        hours,
        minutes,
    })
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        crate::codec::text::parse_u64(s).and_then(|n| u8::try_from(n).ok())
    } else {
        None
    }
}

pub(super) fn valid_ymd(y: &str, m: &str, d: &str) -> Option<()> {
    if !(y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let year = u32::try_from(crate::codec::text::parse_u64(y)?).ok()?;
    let month = u32::from(two_digits(m)?);
    let day = u32::from(two_digits(d)?);
    crate::codec::datetime::is_date(year, month, day).then_some(())
}

/// Checks the characters of a text value; `false` (with an issue) when one cannot be written.
/// `text`: a free-text field, which the XML syntax could carry with a ';'.
fn check_chars(at: &str, s: &str, syntax: Syntax, text: bool, issues: &mut Issues) -> bool {
    if let Some(c) = s.chars().find(|c| super::fast::forbidden(*c)) {
        let what = match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => "a line break",
            _ => "a control character",
        };
        issues.push(
            at,
            issue::FORBIDDEN_CHARACTER,
            format!(
                "contains {what} (U+{:04X}): a batch value must be one line without control characters",
                u32::from(c)
            ),
        );
        return false;
    }
    if syntax == Syntax::Csv && s.contains(';') {
        // "(or use the XML syntax)" for free text only: another format refuses ';' in XML too (a
        // helper's audit, twenty-second pass). One literal, cut: its text once in the .wasm.
        let m = "contains ';', the CSV separator, which the batch format cannot escape: remove it (or use the XML syntax)";
        let m = if text {
            m
        } else {
            m.get(..m.len() - 24).unwrap_or(m)
        };
        issues.push(at, issue::FORBIDDEN_CHARACTER, m);
        return false;
    }
    true
}

fn read_digits(v: &Value, at: &str, min: u8, max: u8, issues: &mut Issues) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        // A number is never quoted (a card's security code given as -737 or 737.0, what a float
        // column of a data export writes: the integer reader's "got -737", a helper's attack of the
        // twenty-third pass): one that is no exact whole number fails the digits check below, as
        // the same text in a string does.
        Value::Number(n) => n
            .as_u64()
            .filter(|u| *u <= crate::money::MAX_SAFE_INTEGER)
            .map_or_else(|| "-".into(), |u| u.to_string()),
        other => {
            issues.push(
                at,
                issue::TYPE,
                format!("must be a string of digits, got {}", type_name(other)),
            );
            return None;
        }
    };
    let len = crate::codec::text::chars(&s);
    let (min, max) = (u32::from(min), u32::from(max));
    let size = if min == max {
        format!("exactly {max} digits")
    } else {
        format!("{min} to {max} digits")
    };
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        issues.push(at, issue::FORMAT, format!("must be digits only ({size})"));
        return None;
    }
    if len as u64 > u64::from(max) {
        issues.push(at, issue::TOO_LONG, format!("must be {size}, got {len}"));
        return None;
    }
    if (len as u64) < u64::from(min) {
        issues.push(at, issue::FORMAT, format!("must be {size}, got {len}"));
        return None;
    }
    Some(s)
}

/// Reads and checks one field's value. Never puts the value itself in a message (card numbers).
fn read_value(
    v: &Value,
    field: &Field,
    at: &str,
    syntax: Syntax,
    issues: &mut Issues,
) -> Option<String> {
    if let Value::String(s) = v {
        if !check_chars(
            at,
            s,
            syntax,
            matches!(field.format, Format::Text(_)),
            issues,
        ) {
            return None;
        }
    }
    let want_string = |issues: &mut Issues| {
        issues.push(
            at,
            issue::TYPE,
            format!("must be a string, got {}", type_name(v)),
        );
        None
    };
    match field.format {
        Format::Digits(min, max) => read_digits(v, at, min, max, issues),
        Format::Alnum(max) => {
            // Limits are formatted as u32 (one integer `Display` body less in the .wasm).
            let max = u32::from(max);
            let Value::String(s) = v else {
                return want_string(issues);
            };
            if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
                issues.push(
                    at,
                    issue::FORMAT,
                    format!("must hold ASCII letters and digits only (AN{max})"),
                );
                return None;
            }
            if s.len() as u64 > u64::from(max) {
                issues.push(
                    at,
                    issue::TOO_LONG,
                    format!("must be at most {max} characters, got {}", s.len()),
                );
                return None;
            }
            Some(s.clone())
        }
        Format::Text(max) => {
            let max = u32::from(max);
            let Value::String(s) = v else {
                return want_string(issues);
            };
            let len = crate::codec::text::chars(s);
            if len as u64 > u64::from(max) {
                issues.push(
                    at,
                    issue::TOO_LONG,
                    format!("must be at most {max} characters, got {len}"),
                );
                return None;
            }
            Some(s.clone())
        }
        Format::Amount => {
            let n = report(amount_n12(v, AmountWords::Batch), || at.to_string(), issues)?;
            Some(n.to_string())
        }
        Format::Currency => {
            let c = report(
                currency(v, Table::Sogenactif, NumericCode::Any, TypeWords::WithType),
                || at.to_string(),
                issues,
            )?;
            Some(c.numeric_str())
        }
        Format::Date => {
            let Value::String(s) = v else {
                return want_string(issues);
            };
            let ok = s.len() == 8
                && s.bytes().all(|b| b.is_ascii_digit())
                && valid_ymd(
                    s.get(..4).unwrap_or(""),
                    s.get(4..6).unwrap_or(""),
                    s.get(6..8).unwrap_or(""),
                )
                .is_some();
            if !ok {
                issues.push(
                    at,
                    issue::FORMAT,
                    "must be a date 'YYYYMMDD', e.g. '20210329'",
                );
                return None;
            }
            Some(s.clone())
        }
        Format::DateTime => {
            let Value::String(s) = v else {
                return want_string(issues);
            };
            if s.len() > 35 || !crate::codec::datetime::is_rfc3339(s) {
                issues.push(
                    at,
                    issue::FORMAT,
                    "must be an ISO 8601 date and time with its offset, e.g. '2022-03-29T09:30:16+02:00'",
                );
                return None;
            }
            Some(s.clone())
        }
        Format::Enum(choice) => {
            let allowed = choice.values();
            // Another type names the values too (`codec::json::not_a_string`, thirtieth pass).
            let Value::String(s) = v else {
                issues.push(
                    at,
                    issue::TYPE,
                    crate::codec::json::not_a_string(type_name(v), allowed),
                );
                return None;
            };
            if allowed.contains(&s.as_str()) {
                Some(s.clone())
            } else {
                issues.push(
                    at,
                    issue::ENUM,
                    crate::codec::json::not_accepted(s, allowed, false),
                );
                None
            }
        }
    }
}

/// What the caller knows of the original transaction, for the preflight rules (never written).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Original {
    pub amount: Option<u64>,
    pub status: Option<String>,
}

/// Reads and checks one record at `path` (`records[3]`) against the dictionary's layouts.
/// `default_sequence` is used when `recordSequence` is left out (its 1-based position in the file).
pub fn read_record(
    value: &Value,
    path: &str,
    syntax: Syntax,
    default_sequence: u64,
    issues: &mut Issues,
) -> Option<Record<'static>> {
    read_record_in(
        value,
        path,
        syntax,
        default_sequence,
        &layout::DICTIONARY,
        issues,
    )
}

/// [`read_record`] with the file's layouts (`layouts` option).
pub fn read_record_in<'l>(
    value: &Value,
    path: &str,
    syntax: Syntax,
    default_sequence: u64,
    layouts: &'l Layouts,
    issues: &mut Issues,
) -> Option<Record<'l>> {
    let before = issues.len();
    let mut o = Obj::new(value, path, issues);
    if issues.len() > before {
        // Not an object (`[1,2]`, a string): its TYPE issue says it all, no `method` REQUIRED beside it.
        return None;
    }
    let method = match o.str("method", issues) {
        None => {
            if !o.has("method") {
                issues.push(
                    o.at("method"),
                    issue::REQUIRED,
                    format!("is required: one of {}", method_names()),
                );
            }
            None
        }
        Some(name) => match layouts.get(name) {
            Some(m) => Some(m),
            None => {
                let hint = dictionary::METHODS
                    .iter()
                    .find(|m| m.name.eq_ignore_ascii_case(name))
                    .map(|m| format!(" (did you mean '{}'?)", m.name))
                    .unwrap_or_default();
                issues.push(
                    o.at("method"),
                    issue::ENUM,
                    format!(
                        "unknown batch method '{}'{hint}: use one of {}",
                        printable(name),
                        method_names()
                    ),
                );
                None
            }
        },
    };
    let sequence =
        read_sequence(&mut o, "recordSequence", false, issues).unwrap_or(default_sequence);
    let original = read_original(&mut o, issues);
    let Some((method, fields)) = method else {
        // Without a method the fields cannot be checked; only the method issue is reported.
        return None;
    };
    let mut values: Vec<Option<String>> = Vec::with_capacity(fields.len());
    // Fields given without a value kept: refused (the rules treat them as present, so one mistake is
    // one issue), or given empty on purpose (below).
    let mut given: Vec<&'static str> = Vec::new();
    let mut current: Option<(&'static str, Option<Obj<'_>>)> = None;
    for field in fields {
        // Open / close containers as the (adjacent) container fields go by.
        if current.as_ref().map(|(c, _)| Some(*c)) != Some(field.container()) {
            if let Some((_, Some(inner))) = current.take() {
                inner.finish(issues);
            }
            current = field.container().map(|c| (c, o.obj(c, issues)));
        }
        let (owner_path, raw) = match current.as_mut() {
            Some((_, Some(inner))) => (inner.at(field.name), inner.raw(field.name)),
            Some((c, None)) => (format!("{}.{}", o.at(c), field.name), None),
            None => (o.at(field.name), o.raw(field.name)),
        };
        let val = match raw {
            None => None,
            Some(Value::String(s)) if s.is_empty() => {
                // `cardExpiryDate: ''` is a card with no expiry date ("empty if the card has no
                // expiry date", sogenactif.md §1.5 [confirmed]): given, so the card rule (rules.rs
                // `card_data`) does not ask for it; written empty. Left out, it is still asked for.
                if field.name == CARD_EXPIRY_DATE {
                    given.push(field.name);
                }
                None
            }
            Some(v) => {
                let read = read_value(v, field, &owner_path, syntax, issues);
                if read.is_none() {
                    given.push(field.name);
                }
                read
            }
        };
        let absent = !matches!(raw, Some(v) if !matches!(v, Value::String(s) if s.is_empty()));
        if absent && field.presence == Presence::Required {
            issues.push(owner_path, issue::REQUIRED, required_message(method, field));
        }
        values.push(val);
    }
    if let Some((_, Some(inner))) = current.take() {
        inner.finish(issues);
    }
    o.finish(issues);
    let record = Record {
        method,
        fields,
        sequence,
        values,
    };
    let view = Checked {
        record: &record,
        given: &given,
    };
    rules::check(&view, &original, path, issues);
    (issues.len() == before).then_some(record)
}

fn read_original(o: &mut Obj<'_>, issues: &mut Issues) -> Original {
    let Some(mut inner) = o.obj("original", issues) else {
        return Original::default();
    };
    let amount = inner.uint("amount", issues);
    let status = inner.str("status", issues).map(str::to_string);
    inner.finish(issues);
    Original { amount, status }
}

fn required_message(method: &Method, field: &Field) -> String {
    let extra = match field.name {
        "merchantWalletId" | "paymentMeanId" => " (wallet methods need the customer's merchantWalletId and the paymentMeanId of the card in the wallet)",
        "cardNumber" => " (give the card number, or the token with panType 'TOKEN_PAN')",
        "mandateId" => " (a direct debit needs the SEPA mandate registered for the customer)",
        "currencyCode" => " (an ISO 4217 code like 'EUR' or 978)",
        "amount" | "operationAmount" => " (an integer in minor units, e.g. 1050 for 10.50 EUR)",
        _ => "",
    };
    format!("is required for {}{extra}", method.name)
}

fn method_names() -> String {
    crate::codec::text::join(dictionary::METHODS.iter().map(|m| m.name), ", ")
}

/// Path of record `i` of a build input.
pub fn record_path(i: usize) -> String {
    index("records", i)
}

/// A record read by [`read_record_in`] with the fields given without a value kept (refused, or
/// `cardExpiryDate: ''`): the rules treat them as present, so one mistake is one issue.
struct Checked<'r, 'l> {
    record: &'r Record<'l>,
    given: &'r [&'static str],
}

impl View for Checked<'_, '_> {
    fn method_name(&self) -> &str {
        self.record.method.name
    }
    fn present(&self, name: &str) -> bool {
        self.record.get(name).is_some() || self.given.contains(&name)
    }
    fn text(&self, name: &str) -> Option<&str> {
        self.record.get(name)
    }
    fn number(&self, name: &str) -> Option<u64> {
        self.record
            .get(name)
            .and_then(crate::codec::text::parse_u64)
    }
}
