//! Parsing response files (CSV).
//!
//! Assumption [Guessed, reference §2: the response layout is not published in what we could read]:
//! a response file has the request file's structure with `FILE;response;office;<version>`; each
//! record line echoes its request line (same method token, recordSequence and columns, as laid out
//! by the dictionary) and then carries the result columns of [`RESULT_FIELDS`]
//! (`responseCode` first). The parser is strict about structure (FILE, HEADER, known methods,
//! enough columns, `END` count) and lenient about extra trailing columns, which are returned in
//! `extra`. Correct the layout in `dictionary.rs`, not here.

use super::dictionary::{Format, RESULT_FIELDS};
use super::layout::{self, Layouts};
use crate::codec::json::{index, type_name, Obj};
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::sogenactif::codes;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The FILE and HEADER lines of a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseHeader {
    /// `response`
    pub file_type: String,
    /// `office`
    pub format: String,
    pub version: String,
    pub remitter_id: String,
    pub date: String,
    pub time: String,
    pub sequence: u64,
}

/// One response record.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseRecord {
    /// Method name as in the dictionary (`walletCredit`).
    pub method: &'static str,
    pub record_sequence: u64,
    /// Echoed request fields (non-empty ones, containers as nested objects, amounts as integers)
    /// and the optional result fields (`acquirerResponseCode`, …).
    pub fields: Map<String, Value>,
    pub response_code: String,
    /// Meaning of `responseCode` from the Sips 2.0 table (codes.rs).
    pub response_message: String,
    /// `responseCode` is `00`.
    pub accepted: bool,
    /// Columns after the known ones, kept as they are (left out of the JSON when empty).
    pub extra: Vec<String>,
}

/// The `END` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trailer {
    pub count: u64,
}

/// A line whose type (first column) is not a known method, kept with
/// `unknownLines: 'report'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLine {
    /// 1-based line number in the file.
    pub line: usize,
    /// The line's first column (printable form).
    pub line_type: String,
}

/// A parsed response file.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedResponse {
    pub header: ResponseHeader,
    pub records: Vec<ResponseRecord>,
    pub trailer: Trailer,
    /// Lines of unknown type (only with `unknownLines: 'report'`; otherwise they are an error).
    pub unknown_lines: Vec<UnknownLine>,
}

/// How to read a response file: the same `layouts` as the request (the echoed columns), the
/// result columns after them, and what to do with a line of unknown type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseOptions {
    pub layouts: Layouts,
    /// Names of the result columns after the echoed request columns (`responseCode` among them);
    /// `None`: [`RESULT_FIELDS`].
    pub result_fields: Option<Vec<String>>,
    /// Keep going past a line of unknown type and list it in `unknown_lines` (default: error).
    pub report_unknown: bool,
}

/// Most result columns an override may name.
pub const MAX_RESULT_FIELDS: usize = 20;

impl ResponseOptions {
    /// `{ layouts?, resultFields?: string[], unknownLines?: 'error' | 'report' }`.
    pub fn from_value(value: &Value) -> Result<ResponseOptions> {
        let mut issues = Issues::new();
        let mut root = Obj::new(value, "", &mut issues);
        let layouts = Layouts::read(&mut root, &mut issues);
        let at = root.at("resultFields");
        let result_fields = match root.raw("resultFields") {
            None => None,
            Some(Value::Array(names)) => read_result_fields(names, &at, &mut issues),
            Some(other) => {
                issues.push(
                    at.clone(),
                    issue::TYPE,
                    format!("must be an array of column names, got {}", type_name(other)),
                );
                None
            }
        };
        // A result column named as a key of the record (`method`, an echoed request field such as
        // `amount`) would overwrite what the record says: refused by name.
        if let Some(names) = &result_fields {
            for (i, name) in names.iter().enumerate() {
                let echoed = super::dictionary::METHODS.iter().any(|m| {
                    layouts.get(m.name).is_some_and(|(_, fields)| {
                        fields
                            .iter()
                            .any(|f| f.name == name || f.container() == Some(name))
                    })
                });
                if RECORD_KEYS.contains(&name.as_str()) || echoed {
                    issues.push(
                        index(&at, i),
                        issue::CONFLICT,
                        format!("'{name}' is already a key of the parsed record: name the column otherwise"),
                    );
                }
            }
        }
        let report_unknown =
            root.enumeration("unknownLines", &["error", "report"], &mut issues) == Some("report");
        root.finish(&mut issues);
        issues.finish(Some(Gateway::Sogenactif))?;
        Ok(ResponseOptions {
            layouts,
            result_fields,
            report_unknown,
        })
    }

    fn result_names(&self) -> Vec<&str> {
        match &self.result_fields {
            Some(names) => names.iter().map(String::as_str).collect(),
            None => RESULT_FIELDS.iter().map(|f| f.0).collect(),
        }
    }
}

/// Keys every parsed record has besides its fields; `retryable` and `outcome` are added by the JS reader
/// (pkg-template/api/sogenactif_batch.js: a result column so named took their place, a text 'false'; a
/// review of the twenty-ninth pass).
const RECORD_KEYS: &[&str] = &[
    "method",
    "recordSequence",
    "responseMessage",
    "accepted",
    "extra",
    "retryable",
    "outcome",
];

fn read_result_fields(names: &[Value], at: &str, issues: &mut Issues) -> Option<Vec<String>> {
    let before = issues.len();
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for (i, v) in names.iter().enumerate() {
        let Value::String(name) = v else {
            issues.push(
                index(at, i),
                issue::TYPE,
                format!("must be a column name, got {}", type_name(v)),
            );
            continue;
        };
        let ok = name.len() <= 64
            && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok {
            issues.push(
                index(at, i),
                issue::FORMAT,
                "must be a field name: a letter, then letters and digits (at most 64)",
            );
        } else if out.contains(name) {
            issues.push(
                index(at, i),
                issue::CONFLICT,
                format!("'{name}' is listed twice"),
            );
        } else {
            out.push(name.clone());
        }
    }
    if names.is_empty()
        || names.len() > MAX_RESULT_FIELDS
        || !out.iter().any(|n| n == "responseCode")
    {
        issues.push(
            at,
            issue::REQUIRED,
            format!("must name between 1 and {MAX_RESULT_FIELDS} result columns, 'responseCode' among them"),
        );
    }
    (issues.len() == before).then_some(out)
}

// The JSON shape is built by hand as a `serde_json::Value` (camelCase keys, record fields
// flattened next to `method`, `extra` only when not empty) instead of derived: a derived
// `Serialize` (with `flatten`) is instantiated once per serializer and cost several KB of wasm,
// while the wasm layer already converts `Value`s. `Serialize` delegates to the same `Value`, so
// host tests see exactly what JS sees.

impl ResponseHeader {
    /// `{ type, format, version, remitterId, date, time, sequence }`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in [
            ("type", &self.file_type),
            ("format", &self.format),
            ("version", &self.version),
            ("remitterId", &self.remitter_id),
            ("date", &self.date),
            ("time", &self.time),
        ] {
            m.insert(k.into(), Value::String(v.clone()));
        }
        m.insert("sequence".into(), Value::from(self.sequence));
        Value::Object(m)
    }
}

impl ResponseRecord {
    /// `{ method, recordSequence, …fields, responseCode, responseMessage, accepted, extra? }`.
    pub fn to_json(&self) -> Value {
        // In this order (serde_json keeps insertion order): method, recordSequence, the fields.
        let mut m = Map::new();
        m.insert("method".into(), Value::from(self.method));
        m.insert("recordSequence".into(), Value::from(self.record_sequence));
        m.extend(self.fields.clone());
        m.insert(
            "responseCode".into(),
            Value::String(self.response_code.clone()),
        );
        m.insert(
            "responseMessage".into(),
            Value::String(self.response_message.clone()),
        );
        m.insert("accepted".into(), Value::Bool(self.accepted));
        if !self.extra.is_empty() {
            m.insert("extra".into(), Value::from(self.extra.clone()));
        }
        Value::Object(m)
    }
}

impl ParsedResponse {
    /// `{ header, records, trailer: { count } }`.
    pub fn to_json(&self) -> Value {
        let mut trailer = Map::new();
        trailer.insert("count".into(), Value::from(self.trailer.count));
        let mut m = Map::new();
        m.insert("header".into(), self.header.to_json());
        m.insert(
            "records".into(),
            Value::Array(self.records.iter().map(ResponseRecord::to_json).collect()),
        );
        m.insert("trailer".into(), Value::Object(trailer));
        if !self.unknown_lines.is_empty() {
            let lines = self
                .unknown_lines
                .iter()
                .map(|u| {
                    let mut o = Map::new();
                    o.insert("line".into(), Value::from(u.line));
                    o.insert("type".into(), Value::String(u.line_type.clone()));
                    Value::Object(o)
                })
                .collect();
            m.insert("unknownLines".into(), Value::Array(lines));
        }
        Value::Object(m)
    }
}

impl Serialize for ResponseRecord {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl Serialize for ParsedResponse {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// Non-generic (`&str`): one copy of the function in the wasm.
fn malformed(line: usize, message: &str) -> Error {
    Error::new(
        ErrorCode::MalformedResponse,
        format!("line {line} of the Office Batch response: {message}"),
    )
    .with_gateway(Gateway::Sogenactif)
}

fn number(line: usize, what: &str, s: &str, digits: usize) -> Result<u64> {
    if s.is_empty() || s.len() > digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(
            line,
            &format!(
                "{what} must be a number, got '{}'",
                crate::money::printable(s)
            ),
        ));
    }
    crate::codec::text::parse_u64(s)
        .ok_or_else(|| malformed(line, &format!("{what} is out of range")))
}

/// Parses a CSV response file (see the module documentation for the assumed layout).
pub fn parse_response(text: &str) -> Result<ParsedResponse> {
    parse_response_with(text, &ResponseOptions::default())
}

/// [`parse_response`] with layouts and result columns corrected by the caller.
pub fn parse_response_with(text: &str, options: &ResponseOptions) -> Result<ParsedResponse> {
    crate::codec::check_size(
        text,
        crate::codec::MAX_BATCH_RESPONSE_BYTES,
        Gateway::Sogenactif,
        "Office Batch response file",
        "split the run into several request files",
    )?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('<') {
        return Err(Error::new(
            ErrorCode::Unsupported,
            "XML response files are not supported yet: ask Sogenactif for CSV response files",
        )
        .with_gateway(Gateway::Sogenactif));
    }
    // Trailing line breaks (the final one, and empty lines after it) are not part of the
    // structure. Lines are then read one at a time: collecting them first held 16 bytes per line,
    // 1 GiB for a 64 MiB file of line breaks.
    let text = text.trim_end_matches(['\n', '\r']);
    let mut lines = text
        .split('\n')
        .filter(|_| !text.is_empty())
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l));

    let (n, file) = lines
        .next()
        .ok_or_else(|| malformed(1, "the file is empty"))?;
    let cols = columns(n, file)?;
    let header = match cols.as_slice() {
        ["FILE", "response", format, version] => (format.to_string(), version.to_string()),
        ["FILE", "request", ..] => {
            return Err(malformed(
                n,
                "this is a request file (FILE;request;…), not a response file",
            ))
        }
        _ => return Err(malformed(n, "expected 'FILE;response;office;<version>'")),
    };
    let (n, head) = lines
        .next()
        .ok_or_else(|| malformed(n + 1, "the HEADER line is missing"))?;
    let cols = columns(n, head)?;
    let header = match cols.as_slice() {
        ["HEADER", remitter, date, time, sequence] => ResponseHeader {
            file_type: "response".to_string(),
            format: header.0,
            version: header.1,
            remitter_id: remitter.to_string(),
            date: date.to_string(),
            time: time.to_string(),
            sequence: number(n, "the header sequence", sequence, 15)?,
        },
        _ => {
            return Err(malformed(
                n,
                "expected 'HEADER;<remitterId>;<date>;<time>;<sequence>'",
            ))
        }
    };

    let mut records = Vec::new();
    let mut unknown_lines = Vec::new();
    let result_names = options.result_names();
    let mut trailer = None;
    let mut last = n;
    // What the answer will hold, counted as the lines are read (`MAX_RESPONSE_VALUES`).
    let mut values = 0;
    for (n, line) in lines.by_ref() {
        last = n;
        if let Some(count) = line.strip_prefix("END;") {
            let count = number(n, "the END count", count, 15)?;
            let held = u64::try_from(records.len() + unknown_lines.len()).unwrap_or(u64::MAX);
            if count != held {
                return Err(malformed(
                    n,
                    &format!("END announces {count} records but the file holds {held}: the file is truncated or corrupt"),
                ));
            }
            trailer = Some(Trailer { count });
            break;
        }
        if line.is_empty() {
            return Err(malformed(n, "empty line before END"));
        }
        let token = line.split(';').next().unwrap_or_default();
        if options.report_unknown && options.layouts.by_token(token).is_none() {
            unknown_lines.push(UnknownLine {
                line: n,
                line_type: crate::money::printable(token).to_string(),
            });
            values += 2;
        } else {
            let record = parse_record(n, line, options, &result_names, &mut values)?;
            // Its extra columns and own keys; `parse_record` counts its fields one by one (a
            // container's fields were counted as one: a layout of every nested field on one method
            // read 3.6 GB under the bound, the review of the twentieth pass).
            values += 5 + record.extra.len();
            records.push(record);
        }
        if values > MAX_RESPONSE_VALUES {
            // (The figure written out, as `MAX_RESPONSE_VALUES`: a test compares them.)
            return Err(malformed(n, TOO_MANY_VALUES));
        }
    }
    let trailer =
        trailer.ok_or_else(|| malformed(last, "the END line is missing: the file is truncated"))?;
    if let Some((n, _)) = lines.next() {
        return Err(malformed(n, "text after the END line"));
    }
    Ok(ParsedResponse {
        header,
        records,
        trailer,
        unknown_lines,
    })
}

/// Most values (a record's fields, those of its containers one by one, its extra columns, and five
/// for its own keys; two per unknown line) one call reads. The 64 MiB cap on the file did not bound
/// memory: a file of one-character columns made 27 million values, and the wasm instance ran out of
/// its 4 GiB after 150 s with a bare `RuntimeError` (a helper's attack, twentieth pass). A value costs about 300 bytes while the answer
/// is built and crosses (wasm memory and JS heap; measured in the Node package): 4 million is about
/// 1.2 GB, and far more than a response file of 100 000 records with 15 values each.
pub const MAX_RESPONSE_VALUES: usize = 4_000_000;
const TOO_MANY_VALUES: &str = "over 4000000 values: parse the file in parts";

/// Most columns read on one line: the longest method has under fifty, plus the response fields and
/// the trailing columns a platform may add. A line with more is refused rather than split into
/// a list of 16 bytes per separator (a 64 MiB line of `;` would hold 1 GiB).
const MAX_COLUMNS: usize = 1024;

fn columns(n: usize, line: &str) -> Result<Vec<&str>> {
    let cols: Vec<&str> = line.split(';').take(MAX_COLUMNS + 1).collect();
    if cols.len() > MAX_COLUMNS {
        return Err(malformed(n, "more than 1024 columns on one line"));
    }
    Ok(cols)
}

fn parse_record(
    n: usize,
    line: &str,
    options: &ResponseOptions,
    result_names: &[&str],
    values: &mut usize,
) -> Result<ResponseRecord> {
    let cols = columns(n, line)?;
    let token = cols.first().copied().unwrap_or_default();
    let (method, layout_fields) = options.layouts.by_token(token).ok_or_else(|| {
        malformed(
            n,
            &format!(
                "unknown method '{}': expected one of the 11 Office Batch methods in upper case (parse with unknownLines: 'report' to list such lines and keep going)",
                crate::money::printable(token)
            ),
        )
    })?;
    let echo = layout::columns(layout_fields);
    // Every column up to responseCode must be there.
    let needed = echo
        + result_names
            .iter()
            .position(|r| *r == "responseCode")
            .map_or(1, |p| p + 1);
    if cols.len() < needed {
        return Err(malformed(
            n,
            &format!("{token} has {} columns, expected at least {needed} (the request's {echo} and the responseCode)", cols.len()),
        ));
    }
    let record_sequence = number(
        n,
        "recordSequence",
        cols.get(1).copied().unwrap_or_default(),
        15,
    )?;
    let mut fields = Map::new();
    for field in layout_fields {
        let Some(value) = cols.get(usize::from(field.order)).filter(|v| !v.is_empty()) else {
            continue;
        };
        let value = match field.format {
            Format::Amount => Value::from(number(n, field.name, value, 12)?),
            _ => Value::String(value.to_string()),
        };
        *values += 1;
        match field.container() {
            None => {
                fields.insert(field.name.to_string(), value);
            }
            Some(c) => {
                let inner = fields
                    .entry(c.to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = inner {
                    m.insert(field.name.to_string(), value);
                }
            }
        }
    }
    let mut response_code = String::new();
    for (i, name) in result_names.iter().enumerate() {
        let Some(value) = cols.get(echo + i) else {
            break;
        };
        if *name == "responseCode" {
            if !(value.len() == 2 && value.bytes().all(|b| b.is_ascii_digit())) {
                return Err(malformed(
                    n,
                    &format!(
                        "responseCode must be 2 digits, got '{}'",
                        crate::money::printable(value)
                    ),
                ));
            }
            response_code = value.to_string();
        } else if !value.is_empty() {
            *values += 1;
            fields.insert(name.to_string(), Value::String(value.to_string()));
        }
    }
    let extra = cols
        .get(echo + result_names.len()..)
        .unwrap_or_default()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (response_message, accepted) = match codes::describe(&response_code) {
        Some(row) => (row.message.to_string(), row.accepted),
        None => (
            format!("unknown response code {response_code} (not in the Sips 2.0 table)"),
            false,
        ),
    };
    Ok(ResponseRecord {
        method: method.name,
        record_sequence,
        fields,
        response_code,
        response_message,
        accepted,
        extra,
    })
}
