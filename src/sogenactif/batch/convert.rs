//! Bytes to bytes (issue 9): [`Converter`] turns records given as NDJSON or CSV bytes, or as JSON
//! arrays (`add_many`), into request-file bytes, chunk by chunk, without an object per record on
//! the JS side and with memory bounded by the chunk (plus the `recordSequence` runs,
//! `sequences.rs`).
//!
//! ```text
//! let mut c = Converter::new(r#"{ "header": { … }, "input": "ndjson" }"#)?;
//! let mut out = Vec::new();
//! for chunk in chunks { c.push(chunk, &mut out)?; /* write out, clear it */ }
//! let summary = c.finish(&mut out)?; // VALIDATION error if any record was invalid
//! ```
//!
//! - Input: `'ndjson'` (default), one record object per line (blank lines skipped); or `'csv'`
//!   (RFC 4180, `,`-separated, read with csv-core): a header row naming the columns (`method`,
//!   `recordSequence`, the fields, `container.field` for nested ones such as
//!   `s10TransactionReference.s10TransactionId`, `original.amount`), then one record per row;
//!   empty cells are left out, and the cells of amount columns, `recordSequence` and
//!   `original.amount` are read as integers when they hold only digits.
//! - Each valid record's text is appended to `out` (the header before the first one), until a
//!   record is invalid: from then on nothing more is appended (the file cannot be used) but every
//!   record is still checked, so the error lists every problem. The caller keeps a partial output
//!   out of sight (a temp file renamed on success; `build` returns only a whole file).
//! - Invalid records become [`Reject`]s `{ line, index, issues }`, kept for
//!   [`Converter::take_rejects`] (up to [`MAX_REJECTS_KEPT`] between two calls; later ones are only
//!   counted); the error of [`Converter::finish`] holds the first [`MAX_ISSUES`] issues and the
//!   counts in its message.
//! - A record's position (`index`, 0-based, over valid and invalid records) gives its path
//!   `records[<index>]` and its default `recordSequence` (`index + 1`), as in `build`.

use super::fast::{self, Memo, J};
use super::layout::Layouts;
use super::sequences::{Refused, SequenceSet};
use super::validate::{self, Options};
use super::writer::{
    check_record, internal, parse_array, sequence_issue, write_header, write_trailer, Checked,
};
use crate::codec::json::Obj;
use crate::error::{issue, Error, ErrorCode, Gateway, Issue, Issues, Result};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;

/// Issues kept in the error of [`Converter::finish`].
pub const MAX_ISSUES: usize = crate::error::MAX_LISTED;
/// Rejects kept between two [`Converter::take_rejects`] calls.
pub const MAX_REJECTS_KEPT: usize = 10_000;
/// Longest input line (NDJSON) or record (CSV) accepted, in bytes.
pub const MAX_LINE: usize = 1 << 20;
/// Most columns of a CSV input: the cell buffer's size once doubled from 64, where the check runs (it
/// read 1000 while records of 1 001 to 1 024 cells passed the check: a helper's attack, twenty-second
/// pass).
pub const MAX_CSV_COLUMNS: usize = 1024;

/// One invalid input record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reject {
    /// 1-based line of the input where the record starts (NDJSON, CSV); absent for `add_many`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 0-based position of the record among all input records (its path is `records[<index>]`).
    pub index: u64,
    /// Every problem of the record, paths `records[<index>].…`.
    pub issues: Vec<Issue>,
}

/// What [`Converter::finish`] reports of a file it wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records written.
    pub records: u64,
    /// Bytes of the whole file (header and trailer included).
    pub bytes: u64,
}

/// The input syntax of [`Converter::push`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Ndjson,
    Csv,
}

/// Where records go once read: validation, the file being written and the rejects.
#[derive(Debug)]
struct Sink {
    options: Options,
    sequences: SequenceSet,
    memo: Memo,
    index: u64,
    written: u64,
    bytes: u64,
    header_written: bool,
    rejected: u64,
    issue_total: u64,
    issues: Vec<Issue>,
    rejects: Vec<Reject>,
}

impl Sink {
    /// Checks one record (or the reason it could not be read) and writes it.
    fn take(
        &mut self,
        record: std::result::Result<&J<'_>, String>,
        line: Option<u64>,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let index = self.index;
        self.index += 1;
        let mut issues = Issues::new();
        match record {
            Err(message) => issues.push(
                validate::record_path(usize::try_from(index).unwrap_or(usize::MAX)),
                issue::FORMAT,
                message,
            ),
            Ok(j) => {
                let syntax = self.options.syntax;
                if let Some((rec, seq)) = check_record(
                    j,
                    index,
                    syntax,
                    &self.options.layouts,
                    &mut self.memo,
                    &mut issues,
                ) {
                    match u32::try_from(seq)
                        .map_err(|_| Refused::Full)
                        .and_then(|s| self.sequences.insert(s))
                    {
                        Err(refused) => sequence_issue(index, seq, refused, &mut issues),
                        Ok(()) if self.rejected == 0 => {
                            let start = out.len();
                            if !self.header_written {
                                write_header(&self.options, out)?;
                                self.header_written = true;
                            }
                            rec.write(syntax, seq, out);
                            self.written += 1;
                            self.bytes += (out.len() - start) as u64;
                        }
                        Ok(()) => {}
                    }
                }
            }
        }
        self.reject(index, line, issues);
        Ok(())
    }

    /// [`Sink::take`] for a record's JSON text: the text fast path first (no tree built), then
    /// the tree (`fast::tree`) and [`check_record`].
    fn take_text(&mut self, text: &str, line: Option<u64>, out: &mut Vec<u8>) -> Result<()> {
        let syntax = self.options.syntax;
        let Some(f) = fast::record_text(text, &self.options.layouts, syntax, &mut self.memo) else {
            return match fast::tree(text) {
                Ok(v) => self.take(Ok(&v), line, out),
                // Half a surrogate pair (`\udXXX`, as JSON.stringify writes it): a string a `str`
                // cannot hold, named at its field as `addMany` and `build` name it.
                Err(e) => match crate::codec::json::from_text_in(text, None, false) {
                    Err(found)
                        if found
                            .issues
                            .iter()
                            .any(|i| i.code == issue::FORBIDDEN_CHARACTER) =>
                    {
                        let index = self.index;
                        self.index += 1;
                        let mut issues = Issues::new();
                        let at =
                            validate::record_path(usize::try_from(index).unwrap_or(usize::MAX));
                        issues.push_error(&at, found);
                        self.reject(index, line, issues);
                        Ok(())
                    }
                    _ => self.take(Err(json_message(line.unwrap_or(0), &e)), line, out),
                },
            };
        };
        let index = self.index;
        self.index += 1;
        let mut issues = Issues::new();
        {
            let seq = f.sequence.unwrap_or(index.saturating_add(1));
            let rec = Checked::Fast(f);
            match u32::try_from(seq)
                .map_err(|_| Refused::Full)
                .and_then(|s| self.sequences.insert(s))
            {
                Err(refused) => sequence_issue(index, seq, refused, &mut issues),
                Ok(()) if self.rejected == 0 => {
                    let start = out.len();
                    if !self.header_written {
                        write_header(&self.options, out)?;
                        self.header_written = true;
                    }
                    rec.write(syntax, seq, out);
                    self.written += 1;
                    self.bytes += (out.len() - start) as u64;
                }
                Ok(()) => {}
            }
        }
        self.reject(index, line, issues);
        Ok(())
    }

    /// Records the issues of record `index`, if any.
    fn reject(&mut self, index: u64, line: Option<u64>, issues: Issues) {
        if !issues.is_empty() {
            let issues = issues.into_vec();
            self.rejected += 1;
            self.issue_total += issues.len() as u64;
            let room = MAX_ISSUES.saturating_sub(self.issues.len());
            self.issues.extend(issues.iter().take(room).cloned());
            if self.rejects.len() < MAX_REJECTS_KEPT {
                self.rejects.push(Reject {
                    line,
                    index,
                    issues,
                });
            }
        }
    }
}

/// A column of a CSV input: `key` or `key.sub`.
#[derive(Debug)]
struct Column {
    key: String,
    sub: Option<String>,
}

#[derive(Debug)]
struct CsvInput {
    reader: csv_core::Reader,
    buf: Vec<u8>,
    len: usize,
    ends: Vec<usize>,
    nends: usize,
    columns: Option<Vec<Column>>,
    /// The line after the last record (the start of the next but for the blank lines before it): the
    /// messages that stop the conversion, a record over the line or cell cap, name it.
    line: u64,
    /// Input went to csv-core (after a first chunk that could not be the start of a BOM).
    fed: bool,
    /// The input ended inside a record, without its line break (set by `finish`).
    cut: bool,
}

impl CsvInput {
    fn new() -> CsvInput {
        CsvInput {
            // Records end at LF; the CR of a CRLF is cut from the last cell (`cells`). With
            // csv-core's default (CR, LF or CRLF) a record ended at the CR and the LF was counted
            // with the next one, so every reject after a CRLF row named a line too low.
            reader: csv_core::ReaderBuilder::new()
                .terminator(csv_core::Terminator::Any(b'\n'))
                .build(),
            buf: vec![0; 4096],
            len: 0,
            ends: vec![0; 64],
            nends: 0,
            columns: None,
            line: 1,
            fed: false,
            cut: false,
        }
    }

    /// The line the record under way starts on (its terminator aside): csv-core counts the line breaks
    /// it read from 1, those of the blank lines it skipped included, so the record starts as many lines
    /// back as its cells hold line breaks (an attack: line 3 named for a record on line 5).
    fn start(&self) -> u64 {
        let mut line = self.reader.line();
        for &b in self.buf.get(..self.len).unwrap_or_default() {
            line -= u64::from(b == b'\n');
        }
        line
    }

    /// Feeds `input` (empty = end of input) and takes every complete record.
    fn feed(&mut self, sink: &mut Sink, mut input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        loop {
            let (result, nin, nout, nend) = self.reader.read_record(
                input,
                self.buf.get_mut(self.len..).unwrap_or_default(),
                self.ends.get_mut(self.nends..).unwrap_or_default(),
            );
            input = input.get(nin..).unwrap_or_default();
            self.len += nout;
            self.nends += nend;
            match result {
                csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => {
                    return Ok(())
                }
                csv_core::ReadRecordResult::OutputFull => {
                    if self.buf.len() >= MAX_LINE {
                        return Err(input_error(format!(
                            "the CSV record starting on line {} is longer than {MAX_LINE} bytes",
                            self.line
                        )));
                    }
                    self.buf.resize(self.buf.len() * 2, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() >= MAX_CSV_COLUMNS {
                        return Err(input_error(format!(
                            "the CSV record starting on line {} has more than {MAX_CSV_COLUMNS} cells",
                            self.line
                        )));
                    }
                    self.ends.resize(self.ends.len() * 2, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    // Its terminator, `\n`, is read with it (the input's end gets one) and counted.
                    self.line = self.reader.line();
                    let line = self.start() - 1;
                    self.record(sink, line, out)?;
                    self.len = 0;
                    self.nends = 0;
                }
            }
        }
    }

    fn cells(&self) -> Vec<&[u8]> {
        let buf = self.buf.get(..self.len).unwrap_or_default();
        let mut start = 0;
        let mut cells = Vec::with_capacity(self.nends);
        for &end in self.ends.get(..self.nends).unwrap_or_default() {
            cells.push(buf.get(start..end).unwrap_or_default());
            start = end;
        }
        if let Some(last) = cells.last_mut() {
            *last = last.strip_suffix(b"\r").unwrap_or(last);
        }
        cells
    }

    fn record(&mut self, sink: &mut Sink, line: u64, out: &mut Vec<u8>) -> Result<()> {
        let cells = self.cells();
        if cells.len() <= 1 && cells.first().is_none_or(|c| c.is_empty()) {
            return Ok(()); // a blank line
        }
        let Some(columns) = &self.columns else {
            let columns = header_row(&cells, line)?;
            self.columns = Some(columns);
            return Ok(());
        };
        // RFC 4180 lets the last record go without a line break; a file cut off in a cell then
        // reads as a whole record with a shorter amount or reference (a helper's attack: a refund
        // of 25.00 written as 0.25). NDJSON's cut line is no JSON; a CSV record must be ended.
        if self.cut {
            return sink.take(
                Err("is the last line and has no line break after it: the input may have been cut off there; end the input with a line break".to_string()),
                Some(line),
                out,
            );
        }
        let record = row(columns, &cells, &sink.options.layouts);
        match record {
            Ok(j) => sink.take(Ok(&j), Some(line), out),
            Err(message) => sink.take(Err(message), Some(line), out),
        }
    }
}

/// Reads the header row: column names, `container.field` for nested ones, `method` among them.
fn header_row(cells: &[&[u8]], line: u64) -> Result<Vec<Column>> {
    let mut columns = Vec::with_capacity(cells.len());
    let mut names: Vec<&str> = Vec::with_capacity(cells.len());
    for cell in cells {
        let name = std::str::from_utf8(cell).unwrap_or_default().trim();
        // A column named twice would have its last cell win without a word (two `amount` columns).
        if name.is_empty() || names.contains(&name) {
            return Err(input_error(format!(
                "the CSV header row (line {line}) has an empty, repeated or non-UTF-8 column name: name every column once"
            )));
        }
        names.push(name);
        let (key, sub) = match name.split_once('.') {
            Some((k, s)) => (k.to_string(), Some(s.to_string())),
            None => (name.to_string(), None),
        };
        columns.push(Column { key, sub });
    }
    if !columns.iter().any(|c| c.key == "method" && c.sub.is_none()) {
        return Err(input_error(format!(
            "the CSV header row (line {line}) must name the columns of the records, 'method' among them"
        )));
    }
    Ok(columns)
}

/// One CSV row as a record object.
fn row<'a>(
    columns: &[Column],
    cells: &[&'a [u8]],
    layouts: &Layouts,
) -> std::result::Result<J<'a>, String> {
    if cells.len() != columns.len() {
        return Err(format!(
            "has {} cells but the header row names {} columns",
            cells.len(),
            columns.len()
        ));
    }
    let mut texts: Vec<&'a str> = Vec::with_capacity(cells.len());
    for (column, cell) in columns.iter().zip(cells) {
        let text = std::str::from_utf8(cell).map_err(|_| {
            format!(
                "the cell of column {} is not UTF-8 text",
                column_name(column)
            )
        })?;
        texts.push(text);
    }
    let method = columns
        .iter()
        .zip(&texts)
        .find(|(c, _)| c.key == "method" && c.sub.is_none())
        .map(|(_, t)| *t);
    let fields = method.and_then(|m| layouts.get(m)).map(|(_, f)| f);
    let mut entries: Vec<(Cow<'a, str>, J<'a>)> = Vec::with_capacity(columns.len());
    for (column, text) in columns.iter().zip(texts) {
        if text.is_empty() {
            continue;
        }
        let integer = match (column.key.as_str(), column.sub.as_deref()) {
            ("recordSequence", None) | ("original", Some("amount")) => true,
            (key, sub) => fields.is_some_and(|fields| {
                let (container, name) = match sub {
                    Some(s) => (Some(key), s),
                    None => (None, key),
                };
                fields.iter().any(|f| {
                    f.name == name
                        && f.container() == container
                        && f.format == super::dictionary::Format::Amount
                })
            }),
        };
        let value = match crate::codec::text::parse_u64(text) {
            Some(n) if integer && text.bytes().all(|b| b.is_ascii_digit()) => J::U(n),
            // Another number in an integer column (`-5`, `10.50`, `1e2`, 20 digits) is read as
            // the number it is, so that it gets the message an NDJSON record gets ("must not be
            // negative", …) rather than "got a string". White space stays text.
            _ if integer && text.bytes().all(|b| b"0123456789+-.eE".contains(&b)) => {
                match crate::codec::json_ref::parse(text) {
                    Ok(n @ (J::U(_) | J::I(_) | J::F(_))) => n,
                    _ => J::Str(Cow::Borrowed(text)),
                }
            }
            _ => J::Str(Cow::Borrowed(text)),
        };
        match &column.sub {
            None => entries.push((Cow::Owned(column.key.clone()), value)),
            Some(sub) => {
                let inner = entries
                    .iter_mut()
                    .find(|(k, v)| *k == column.key && matches!(v, J::Obj(_)));
                let entry = (Cow::Owned(sub.clone()), value);
                match inner {
                    Some((_, J::Obj(list))) => list.push(entry),
                    _ => entries.push((Cow::Owned(column.key.clone()), J::Obj(vec![entry]))),
                }
            }
        }
    }
    Ok(J::Obj(entries))
}

fn column_name(c: &Column) -> String {
    match &c.sub {
        Some(s) => format!("{}.{s}", c.key),
        None => c.key.clone(),
    }
}

/// The reject message of a line that is not JSON (serde_json's message without its position,
/// which would say line 1).
fn json_message(n: u64, e: &crate::codec::json_ref::JsonError) -> String {
    let text = e.to_string();
    let what = crate::codec::text::split_once(&text, " at line ").map_or(text.as_str(), |(w, _)| w);
    format!(
        "line {n} is not a JSON record ({what}, column {}): write one record object per line",
        e.column()
    )
}

/// A problem of the input as a whole (a CSV header row, a record too long to read): `VALIDATION`
/// with its one issue at `input`, so that `issues` lists it as for any other `VALIDATION`.
fn input_error(message: String) -> Error {
    let mut e = Error::new(ErrorCode::Validation, message.clone())
        .with_field("input")
        .with_gateway(Gateway::Sogenactif);
    e.issues = vec![crate::error::Issue {
        field: "input".to_string(),
        code: issue::FORMAT,
        message,
    }];
    e
}

/// Converts NDJSON or CSV record bytes, or JSON arrays of records, into one request file.
#[derive(Debug)]
pub struct Converter {
    sink: Sink,
    input: Input,
    pending: Vec<u8>,
    /// The current NDJSON line went over [`MAX_LINE`]: skip to its end.
    overlong: bool,
    /// Lines consumed (NDJSON).
    line: u64,
    csv: Option<CsvInput>,
    finished: bool,
}

impl Converter {
    /// `{ syntax?: 'csv'|'xml', version?, header: { remitterId, date, time, sequence },
    /// layouts?, input?: 'ndjson'|'csv' }` as JSON text; the same checks and messages as
    /// `BatchWriter` options (the JS package fills `header.date`/`time` from the clock before).
    pub fn new(options_json: &str) -> Result<Converter> {
        let value: Value = crate::codec::json_ref::value(options_json).map_err(|e| {
            Error::new(
                ErrorCode::Validation,
                format!("the converter options are not valid JSON: {e}"),
            )
            .with_gateway(Gateway::Sogenactif)
        })?;
        Converter::from_value(&value)
    }

    /// [`Converter::new`] from an options value.
    pub fn from_value(value: &Value) -> Result<Converter> {
        let mut issues = Issues::new();
        let mut root = Obj::new(value, "", &mut issues);
        let syntax = validate::read_syntax(&mut root, &mut issues);
        let layouts = Layouts::read(&mut root, &mut issues);
        let options = validate::read_options(&mut root, syntax, layouts, &mut issues);
        let input = match root.enumeration("input", &["ndjson", "csv"], &mut issues) {
            Some("csv") => Input::Csv,
            _ => Input::Ndjson,
        };
        root.finish(&mut issues);
        issues.finish(Some(Gateway::Sogenactif))?;
        let options = options.ok_or_else(|| internal("the converter options were not read"))?;
        Ok(Converter {
            sink: Sink {
                options,
                sequences: SequenceSet::new(),
                memo: Memo::default(),
                index: 0,
                written: 0,
                bytes: 0,
                header_written: false,
                rejected: 0,
                issue_total: 0,
                issues: Vec::new(),
                rejects: Vec::new(),
            },
            input,
            pending: Vec::new(),
            overlong: false,
            line: 0,
            csv: (input == Input::Csv).then(CsvInput::new),
            finished: false,
        })
    }

    /// Consumes the complete lines (records) of `chunk` and appends the text of each valid record
    /// to `out`; an incomplete last line is kept for the next call. Errors only on misuse
    /// (after `finish`) or on an unreadable CSV header row; invalid records become rejects.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.ensure_open()?;
        if let Some(csv) = self.csv.as_mut() {
            if chunk.is_empty() {
                return Ok(()); // an empty chunk would end the CSV input
            }
            if csv.fed {
                return csv.feed(&mut self.sink, chunk, out);
            }
            // csv-core strips a byte order mark only from a first input that holds all of it: the
            // start of one waits (in `pending`, which CSV input does not use otherwise).
            self.pending.extend_from_slice(chunk);
            if self.pending.len() < 3 && b"\xEF\xBB\xBF".starts_with(&self.pending) {
                return Ok(());
            }
            csv.fed = true;
            let first = std::mem::take(&mut self.pending);
            return csv.feed(&mut self.sink, &first, out);
        }
        let mut rest = chunk;
        if !self.pending.is_empty() || self.overlong {
            let Some(nl) = memchr::memchr(b'\n', rest) else {
                self.keep(rest);
                return Ok(());
            };
            self.keep(rest.get(..nl).unwrap_or_default());
            rest = rest.get(nl + 1..).unwrap_or_default();
            let line = std::mem::take(&mut self.pending);
            self.ndjson_line(&line, out)?;
            self.pending = line;
            self.pending.clear();
        }
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            self.ndjson_line(rest.get(..nl).unwrap_or_default(), out)?;
            rest = rest.get(nl + 1..).unwrap_or_default();
        }
        self.keep(rest);
        Ok(())
    }

    /// Keeps the start of an unfinished line, up to [`MAX_LINE`] bytes (and the CR of a CRLF).
    fn keep(&mut self, part: &[u8]) {
        if self.overlong || self.pending.len() + part.len() > MAX_LINE + 1 {
            self.overlong = true;
            self.pending.clear();
        } else {
            self.pending.extend_from_slice(part);
        }
    }

    fn ndjson_line(&mut self, line: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.line += 1;
        let n = self.line;
        // A line longer than the limit is refused whether its chunks split it (`keep`) or one
        // chunk held it whole (then it was read whole: a fuzz pushed a 195 MiB line).
        // The CR of a CRLF line end does not count.
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if std::mem::take(&mut self.overlong) || line.len() > MAX_LINE {
            return self.sink.take(
                Err(format!(
                    "line {n} is longer than {MAX_LINE} bytes: a record must fit on a shorter line"
                )),
                Some(n),
                out,
            );
        }
        let mut line = line;
        if n == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        // One UTF-8 check for the whole line, then serde_json reads a `str` (no check per string).
        let Ok(text) = std::str::from_utf8(line) else {
            return self.sink.take(
                Err(format!(
                    "line {n} is not UTF-8 text: write the records in UTF-8"
                )),
                Some(n),
                out,
            );
        };
        self.sink.take_text(text, Some(n), out)
    }

    /// Checks and writes a JSON array of records (what JS `addMany(records)` sends in one
    /// crossing); invalid records become rejects, as with `push`.
    pub fn add_many(&mut self, records_json: &str, out: &mut Vec<u8>) -> Result<()> {
        self.add_many_split(records_json, fast::split_array(records_json), out)
    }

    /// [`Self::add_many`] with the array already split by [`fast::split_array`] (`None`: it
    /// could not be).
    pub fn add_many_split(
        &mut self,
        records_json: &str,
        texts: Option<Vec<&str>>,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        self.ensure_open()?;
        if let Some(texts) = texts {
            for text in texts {
                self.sink.take_text(text, None, out)?;
            }
            return Ok(());
        }
        for record in parse_array(records_json)? {
            self.sink.take(Ok(&J::from_value(&record)), None, out)?;
        }
        Ok(())
    }

    /// The rejects collected since the last call (at most [`MAX_REJECTS_KEPT`]).
    pub fn take_rejects(&mut self) -> Vec<Reject> {
        std::mem::take(&mut self.sink.rejects)
    }

    /// The input syntax of `push`.
    pub fn input(&self) -> Input {
        self.input
    }

    /// Records read so far (valid and invalid).
    pub fn count(&self) -> u64 {
        self.sink.index
    }

    /// Invalid records so far.
    pub fn rejected(&self) -> u64 {
        self.sink.rejected
    }

    /// Takes the last line, then appends the trailer and returns the summary; or, when any
    /// record was invalid (or there was none), the `VALIDATION` error with the first
    /// [`MAX_ISSUES`] issues and the counts.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<Summary> {
        self.ensure_open()?;
        self.finished = true;
        if let Some(csv) = self.csv.as_mut() {
            // The start of a byte order mark, when the input was nothing more (empty input would
            // end it: `feed` is given only bytes here).
            let held = std::mem::take(&mut self.pending);
            if !held.is_empty() {
                csv.feed(&mut self.sink, &held, out)?;
            }
            // csv-core reads a quote left open at the end of the input as closed (the cell
            // takes every later line of the file in without a word), and keeps its state to
            // itself (a clone of its reader does not work: csv-core 0.1.13 copies one of the
            // DFA's tables only). A line break ends the last record in every state but a quoted
            // cell's, where it is written into the cell: a record still under way after it is
            // one left inside quotes.
            csv.cut = csv.len > 0 || csv.nends > 0;
            csv.feed(&mut self.sink, b"\n", out)?;
            let open_quote = csv.len > 0 || csv.nends > 0;
            match (open_quote, &csv.columns) {
                (false, _) => csv.feed(&mut self.sink, &[], out)?,
                (true, None) => {
                    return Err(input_error(format!(
                        "the CSV header row (line {}) has a quote left open at the end of the input: close it",
                        csv.start()
                    )))
                }
                (true, Some(_)) => self.sink.take(
                    Err("has a quote left open at the end of the input: close it (a quote inside a quoted cell is written as two)".to_string()),
                    Some(csv.start()),
                    out,
                )?,
            }
        } else if !self.pending.is_empty() || self.overlong {
            let line = std::mem::take(&mut self.pending);
            self.ndjson_line(&line, out)?;
        }
        let s = &mut self.sink;
        if s.index == 0 {
            return super::writer::no_record("the input holds no record: give at least one").map(
                |()| Summary {
                    records: 0,
                    bytes: 0,
                },
            );
        }
        if s.rejected > 0 {
            let kept = std::mem::take(&mut s.issues);
            let mut e = Error::validation(Some(Gateway::Sogenactif), kept);
            if s.issue_total > e.issues.len() as u64 {
                let first = e
                    .issues
                    .first()
                    .map(|i| format!("{}: {}", i.field, i.message))
                    .unwrap_or_default();
                e.message = format!(
                    "{} problems in {} of {} records (the first {} are listed in issues): {first}",
                    s.issue_total,
                    s.rejected,
                    s.index,
                    e.issues.len()
                );
            }
            return Err(e);
        }
        let start = out.len();
        write_trailer(s.options.syntax, s.written, out);
        s.bytes += (out.len() - start) as u64;
        Ok(Summary {
            records: s.written,
            bytes: s.bytes,
        })
    }

    fn ensure_open(&self) -> Result<()> {
        if self.finished {
            return Err(Error::new(
                ErrorCode::OperationNotAllowed,
                "Converter: finish() was already called: start a new converter for another file",
            )
            .with_gateway(Gateway::Sogenactif));
        }
        Ok(())
    }
}
