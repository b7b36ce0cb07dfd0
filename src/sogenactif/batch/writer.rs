//! Writing request files: the streaming [`BatchWriter`] and [`build`], which validates a whole
//! input and writes it through the same writer.
//!
//! CSV (reference §1.3): `FILE;request;office;<version>`, `HEADER;<remitterId>;<date>;<time>;<sequence>`,
//! one `<METHOD>;<recordSequence>;<fields at their Order…>` line per record (empty optional fields
//! keep their column), `END;<record count>`. Every line ends with `\n` [uncertain: the line
//! terminator is not published]. XML: the element layout of the published sample, written by hand
//! (values escaped as `quick_xml::escape` does, by `codec::xml::escape_bytes`), one tab per level.
//!
//! The writer keeps only counters: its memory does not grow with the number of records
//! (bench/batch_writer.rs measures it).

use super::dictionary::{Field, Method};
use super::fast::{self, push_u64, Val, J};
use super::layout::Layouts;
use super::sequences::{Refused, SequenceSet, MAX_RUNS};
use super::validate::{self, Options, Record, Syntax};
use crate::codec::json::Obj;
use crate::codec::xml::escape_bytes;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    New,
    Open,
    Finished,
}

/// Streaming writer of one request file: `header()`, then `add(record)` for each record, then
/// `finish()`; each call returns the text to append to the file. The `*_into` variants append to
/// a caller's buffer instead (no allocation per record).
#[derive(Debug)]
pub struct BatchWriter {
    options: Options,
    count: u64,
    state: State,
    sequences: SequenceSet,
    memo: fast::Memo,
}

impl BatchWriter {
    /// `{ syntax?, version?, header: { remitterId, date, time, sequence }, layouts? }`.
    pub fn new(input: &Value) -> Result<BatchWriter> {
        let mut issues = Issues::new();
        let mut root = Obj::new(input, "", &mut issues);
        let syntax = validate::read_syntax(&mut root, &mut issues);
        let layouts = Layouts::read(&mut root, &mut issues);
        let options = validate::read_options(&mut root, syntax, layouts, &mut issues);
        root.finish(&mut issues);
        issues.finish(Some(Gateway::Sogenactif))?;
        options
            .map(BatchWriter::with_options)
            .ok_or_else(|| internal("the writer options were not read"))
    }

    /// A writer for options that were validated already.
    pub fn with_options(options: Options) -> BatchWriter {
        BatchWriter {
            options,
            count: 0,
            state: State::New,
            sequences: SequenceSet::new(),
            memo: fast::Memo::default(),
        }
    }

    pub fn syntax(&self) -> Syntax {
        self.options.syntax
    }

    /// Number of records written so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The file's first lines (FILE and HEADER, or the XML declaration, header and `<body>`).
    pub fn header(&mut self) -> Result<String> {
        let mut out = Vec::new();
        self.header_into(&mut out)?;
        into_text(out)
    }

    /// [`BatchWriter::header`], appended to `out`.
    pub fn header_into(&mut self, out: &mut Vec<u8>) -> Result<()> {
        if self.state != State::New {
            return Err(misuse(
                "header() was already written: call it once, before add()",
            ));
        }
        self.state = State::Open;
        write_header(&self.options, out)
    }

    /// Validates one record and returns its text. On error nothing is counted, and the issue
    /// paths are `records[<n>].…` with `n` the record's 0-based position in the file.
    pub fn add(&mut self, record: &Value) -> Result<String> {
        let mut out = Vec::new();
        self.add_into(&J::from_value(record), &mut out)?;
        into_text(out)
    }

    /// [`BatchWriter::add`] for a record read with [`J`], appended to `out` (nothing appended
    /// on error).
    pub fn add_into(&mut self, record: &J<'_>, out: &mut Vec<u8>) -> Result<()> {
        self.ensure_open()?;
        let mut issues = Issues::new();
        let index = self.count;
        let checked = check_record(
            record,
            index,
            self.options.syntax,
            &self.options.layouts,
            &mut self.memo,
            &mut issues,
        );
        issues.finish(Some(Gateway::Sogenactif))?;
        let (rec, seq) = checked.ok_or_else(|| internal("the record was not read"))?;
        if let Err(refused) = u32::try_from(seq)
            .map_err(|_| Refused::Full)
            .and_then(|s| self.sequences.insert(s))
        {
            let mut issues = Issues::new();
            sequence_issue(index, seq, refused, &mut issues);
            issues.finish(Some(Gateway::Sogenactif))?;
        }
        rec.write(self.options.syntax, seq, out);
        self.count += 1;
        Ok(())
    }

    /// Validates a JSON array of records (one crossing from JS for many records) and appends
    /// their text to `out`. All or nothing: when any record is invalid, one `VALIDATION` error
    /// lists every issue (paths `records[<n>]` counted from the start of the file), nothing is
    /// appended and nothing is counted.
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
        // Each element's text when the array has the common shape (text fast path), else trees.
        let values = match texts {
            Some(_) => Vec::new(),
            None => parse_array(records_json)?,
        };
        let trees: Vec<J<'_>> = values.iter().map(J::from_value).collect();
        let n = texts.as_ref().map_or(trees.len(), Vec::len);
        let start = out.len();
        let mut issues = Issues::new();
        let mut chunk = SequenceSet::new();
        let mut taken: Vec<u32> = Vec::with_capacity(n);
        let syntax = self.options.syntax;
        for k in 0..n {
            let index = self.count + k as u64;
            let parsed;
            let checked = match texts.as_ref().and_then(|t| t.get(k)) {
                Some(text) => {
                    match fast::record_text(text, &self.options.layouts, syntax, &mut self.memo) {
                        Some(f) => {
                            let seq = f.sequence.unwrap_or(index.saturating_add(1));
                            Some((Checked::Fast(f), seq))
                        }
                        None => {
                            // The text was split by the scanner: valid JSON, which caller input
                            // may still not be for one reason, a key written twice (JS's
                            // JSON.stringify never writes one).
                            parsed = match fast::tree(text) {
                                Ok(tree) => tree,
                                Err(_) => {
                                    issues.push(
                                        validate::record_path(
                                            usize::try_from(index).unwrap_or(usize::MAX),
                                        ),
                                        issue::FORMAT,
                                        crate::codec::json_ref::REPEATED_KEY,
                                    );
                                    continue;
                                }
                            };
                            check_record(
                                &parsed,
                                index,
                                syntax,
                                &self.options.layouts,
                                &mut self.memo,
                                &mut issues,
                            )
                        }
                    }
                }
                None => trees.get(k).and_then(|record| {
                    check_record(
                        record,
                        index,
                        syntax,
                        &self.options.layouts,
                        &mut self.memo,
                        &mut issues,
                    )
                }),
            };
            let Some((rec, seq)) = checked else {
                continue;
            };
            let claimed = match u32::try_from(seq) {
                Err(_) => Err(Refused::Full),
                Ok(s) if self.sequences.contains(s) => Err(Refused::Duplicate),
                Ok(_) if self.sequences.runs() + chunk.runs() >= MAX_RUNS => Err(Refused::Full),
                Ok(s) => chunk.insert(s).map(|()| s),
            };
            match claimed {
                Ok(s) => taken.push(s),
                Err(refused) => sequence_issue(index, seq, refused, &mut issues),
            }
            if issues.is_empty() {
                rec.write(self.options.syntax, seq, out);
            }
        }
        if !issues.is_empty() {
            out.truncate(start);
            return issues.finish(Some(Gateway::Sogenactif));
        }
        for s in taken {
            // Cannot be refused: checked against both sets above.
            let _ = self.sequences.insert(s);
        }
        self.count += n as u64;
        Ok(())
    }

    /// Writes a record validated by [`validate::read_record`] with this writer's syntax.
    pub fn write(&mut self, record: &Record) -> Result<String> {
        self.ensure_open()?;
        if let Err(refused) = u32::try_from(record.sequence)
            .map_err(|_| Refused::Full)
            .and_then(|s| self.sequences.insert(s))
        {
            let mut issues = Issues::new();
            sequence_issue(self.count, record.sequence, refused, &mut issues);
            issues.finish(Some(Gateway::Sogenactif))?;
        }
        let mut out = Vec::new();
        Checked::Slow(record.clone()).write(self.options.syntax, record.sequence, &mut out);
        self.count += 1;
        into_text(out)
    }

    /// The file's last line(s): `END;<count>` or the XML closing tags.
    pub fn finish(&mut self) -> Result<String> {
        let mut out = Vec::new();
        self.finish_into(&mut out)?;
        into_text(out)
    }

    /// [`BatchWriter::finish`], appended to `out`.
    pub fn finish_into(&mut self, out: &mut Vec<u8>) -> Result<()> {
        self.ensure_open()?;
        // A file of no record (`END;0`) is refused, as `build` and the converter refuse one; the
        // writer stays open for records.
        if self.count == 0 {
            no_record("the file holds no record: add at least one before finish()")?;
        }
        self.state = State::Finished;
        write_trailer(self.options.syntax, self.count, out);
        Ok(())
    }

    fn ensure_open(&self) -> Result<()> {
        match self.state {
            State::Open => Ok(()),
            State::New => Err(misuse(
                "call header() first: the file starts with its header",
            )),
            State::Finished => Err(misuse(
                "finish() was already called: start a new BatchWriter for another file",
            )),
        }
    }
}

/// The refusal of a file of no record (`END;0`), the same from the writer and the converter.
pub(super) fn no_record(message: &'static str) -> Result<()> {
    let mut issues = Issues::new();
    issues.push("records", issue::RANGE, message);
    issues.finish(Some(Gateway::Sogenactif))
}

/// Reads a JSON array of records (`addMany`).
pub(super) fn parse_array(records_json: &str) -> Result<Vec<Value>> {
    let bad = |what: String| {
        let mut issues = Issues::new();
        issues.push("records", issue::TYPE, what);
        issues.finish(Some(Gateway::Sogenactif))
    };
    match fast::parse(records_json) {
        Ok(Value::Array(records)) => Ok(records),
        Ok(_) => bad("must be an array of records".to_string()).map(|()| Vec::new()),
        Err(e) => {
            bad(format!("is not valid JSON ({e}): give an array of records")).map(|()| Vec::new())
        }
    }
}

/// `END;<count>`, or the XML closing tags around `<end nbRecord="<count>" />`, XML's count of records
/// (the acceptChallenge and refuseChallenge pages' XML samples end so; it was left out until the
/// seventeenth pass, a helper's audit against the pages).
pub(super) fn write_trailer(syntax: Syntax, count: u64, out: &mut Vec<u8>) {
    match syntax {
        Syntax::Csv => out.extend_from_slice(b"END;"),
        Syntax::Xml => out.extend_from_slice(b"\t</body>\n\t<end nbRecord=\""),
    }
    push_u64(out, count);
    match syntax {
        Syntax::Csv => out.push(b'\n'),
        Syntax::Xml => out.extend_from_slice(b"\" />\n</file>\n"),
    }
}

/// The file's first lines.
pub(super) fn write_header(options: &Options, out: &mut Vec<u8>) -> Result<()> {
    let h = &options.header;
    match options.syntax {
        Syntax::Csv => {
            out.extend_from_slice(b"FILE;request;office;");
            out.extend_from_slice(options.version.as_bytes());
            out.extend_from_slice(b"\nHEADER;");
            out.extend_from_slice(h.remitter_id.as_bytes());
            out.push(b';');
            out.extend_from_slice(h.date.as_bytes());
            out.extend_from_slice(h.date_offset.render(Syntax::Csv).as_bytes());
            out.push(b';');
            out.extend_from_slice(h.time.as_bytes());
            out.extend_from_slice(h.time_offset.render(Syntax::Csv).as_bytes());
            out.push(b';');
            push_u64(out, h.sequence);
            out.push(b'\n');
            Ok(())
        }
        Syntax::Xml => {
            // Written by hand like the records (quick-xml's `Writer` was only used here: its
            // event writer and `io::Write` plumbing were about 3 KB of `.wasm`; issue 9, size).
            // The bytes are the same: values and the attribute escaped as `quick_xml::escape` did
            // (`codec::xml::escape_bytes`, tested against it).
            out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.extend_from_slice(b"<file format=\"office\" type=\"request\" version=\"");
            escape_bytes(out, &options.version);
            out.extend_from_slice(b"\">\n\t<header>\n");
            let date = format!("{}{}", h.date, h.date_offset.render(Syntax::Xml));
            let time = format!("{}{}", h.time, h.time_offset.render(Syntax::Xml));
            element(out, "remitterId", &h.remitter_id);
            element(out, "date", &date);
            element(out, "time", &time);
            element(out, "sequence", &h.sequence.to_string());
            out.extend_from_slice(b"\t</header>\n\t<body>\n");
            Ok(())
        }
    }
}

/// A record that passed validation: by the fast path (values borrowed from the input) or by the
/// reporting validator.
#[derive(Debug)]
pub(super) enum Checked<'a, 'l> {
    Fast(fast::Fast<'a, 'l>),
    Slow(Record<'l>),
}

impl Checked<'_, '_> {
    /// Appends the record's line(s) with sequence `seq`.
    pub(super) fn write(&self, syntax: Syntax, seq: u64, out: &mut Vec<u8>) {
        match self {
            Checked::Fast(f) => write_record(syntax, f.method, f.fields, seq, &f.values, out),
            Checked::Slow(r) => {
                let values: Vec<Option<Val<'_>>> =
                    r.values.iter().map(|v| v.as_deref().map(Val::S)).collect();
                write_record(syntax, r.method, r.fields, seq, &values, out);
            }
        }
    }
}

/// Validates one record, at position `index` (0-based) of its file: the fast path first, the
/// reporting validator (paths `records[<index>]…`, every issue) when the fast path is not sure.
/// Returns the record and its sequence (`recordSequence`, or `index + 1` when left out).
pub(super) fn check_record<'a, 'l>(
    record: &'a J<'_>,
    index: u64,
    syntax: Syntax,
    layouts: &'l Layouts,
    memo: &mut fast::Memo,
    issues: &mut Issues,
) -> Option<(Checked<'a, 'l>, u64)> {
    let default_sequence = index.saturating_add(1);
    if let Some(f) = fast::record(record, layouts, syntax, memo) {
        let seq = f.sequence.unwrap_or(default_sequence);
        return Some((Checked::Fast(f), seq));
    }
    let value = record.to_value();
    let path = validate::record_path(usize::try_from(index).unwrap_or(usize::MAX));
    let rec = validate::read_record_in(&value, &path, syntax, default_sequence, layouts, issues)?;
    let seq = rec.sequence;
    Some((Checked::Slow(rec), seq))
}

/// The issue of a refused `recordSequence`.
pub(super) fn sequence_issue(index: u64, seq: u64, refused: Refused, issues: &mut Issues) {
    let path = format!(
        "{}.recordSequence",
        validate::record_path(usize::try_from(index).unwrap_or(usize::MAX))
    );
    match refused {
        Refused::Duplicate => issues.push(
            path,
            issue::CONFLICT,
            format!("{seq} is already the recordSequence of an earlier record of this file: give each record its own number (left out, it is the record's position in the file)"),
        ),
        Refused::Full => issues.push(
            path,
            issue::RANGE,
            format!("cannot be checked for uniqueness: the file's recordSequence values form more than {MAX_RUNS} separate runs; number the records consecutively or leave it out"),
        ),
    }
}

/// A CSV line assembled on the stack and appended to the output once. At opt-level "z"
/// `Vec::push` and `extend_from_slice` stay calls (with their capacity checks); a record is about
/// twenty of them, a seventh of the converter's time in wasm. Longer lines spill to `out` as they
/// go, so any length is written the same way.
struct Line<'o> {
    out: &'o mut Vec<u8>,
    buf: [u8; 256],
    len: usize,
}

impl<'o> Line<'o> {
    fn new(out: &'o mut Vec<u8>) -> Line<'o> {
        Line {
            out,
            buf: [0; 256],
            len: 0,
        }
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        match self.buf.get_mut(self.len) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
            }
            None => self.spill(&[b]),
        }
    }

    fn put(&mut self, bytes: &[u8]) {
        match self.buf.get_mut(self.len..self.len + bytes.len()) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            None => self.spill(bytes),
        }
    }

    /// The buffer so far, then `bytes`, to `out`.
    #[inline(never)]
    fn spill(&mut self, bytes: &[u8]) {
        self.finish();
        self.out.extend_from_slice(bytes);
    }

    fn finish(&mut self) {
        self.out
            .extend_from_slice(self.buf.get(..self.len).unwrap_or_default());
        self.len = 0;
    }
}

/// One record: CSV `METHOD;recordSequence;<columns…>` (empty optional fields keep their column),
/// or the XML element with its fields in column order.
fn write_record(
    syntax: Syntax,
    method: &Method,
    fields: &[Field],
    seq: u64,
    values: &[Option<Val<'_>>],
    out: &mut Vec<u8>,
) {
    match syntax {
        Syntax::Csv => {
            let mut line = Line::new(out);
            line.put(method.token.as_bytes());
            line.byte(b';');
            line.put(fast::Digits::of(seq).as_bytes());
            // Fields are in column order (dictionary test, layout.rs); a gap is an empty column.
            let mut column = 1u16;
            for (field, value) in fields.iter().zip(values) {
                while column < field.order {
                    line.byte(b';');
                    column += 1;
                }
                if let Some(v) = value {
                    v.emit(|b| line.put(b));
                }
            }
            line.byte(b'\n');
            line.finish();
        }
        Syntax::Xml => {
            out.extend_from_slice(b"\t\t<");
            out.extend_from_slice(method.name.as_bytes());
            out.extend_from_slice(b" recordSequence=\"");
            push_u64(out, seq);
            out.extend_from_slice(b"\">\n");
            let mut open: Option<&str> = None;
            for (field, value) in fields.iter().zip(values) {
                let Some(value) = value else { continue };
                if open != field.container() {
                    if let Some(c) = open.take() {
                        xml_close(out, 3, c);
                    }
                    if let Some(c) = field.container() {
                        xml_open(out, 3, c);
                        out.push(b'\n');
                        open = Some(c);
                    }
                }
                let depth = if field.container().is_some() { 4 } else { 3 };
                xml_open(out, depth, field.name);
                match value {
                    Val::S(s) => escape_bytes(out, s),
                    other => other.write(out),
                }
                xml_close(out, 0, field.name);
            }
            if let Some(c) = open {
                xml_close(out, 3, c);
            }
            xml_close(out, 2, method.name);
        }
    }
}

/// `<tabs><name>`
fn xml_open(out: &mut Vec<u8>, depth: usize, name: &str) {
    out.extend(std::iter::repeat_n(b'\t', depth));
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

/// `<tabs></name>\n`
fn xml_close(out: &mut Vec<u8>, depth: usize, name: &str) {
    out.extend(std::iter::repeat_n(b'\t', depth));
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b">\n");
}

/// `\t\t<name>escaped text</name>` on its own line (a header element).
fn element(out: &mut Vec<u8>, name: &str, text: &str) {
    xml_open(out, 2, name);
    escape_bytes(out, text);
    xml_close(out, 0, name);
}

/// The text of a file part (every value written is a `&str`, so this cannot fail).
pub(super) fn into_text(out: Vec<u8>) -> Result<String> {
    String::from_utf8(out).map_err(|_| internal("the writer produced invalid UTF-8"))
}

fn misuse(message: &str) -> Error {
    Error::new(
        ErrorCode::OperationNotAllowed,
        format!("BatchWriter: {message}"),
    )
    .with_gateway(Gateway::Sogenactif)
}

pub(super) fn internal(message: &str) -> Error {
    Error::new(
        ErrorCode::Unsupported,
        format!("internal error while writing the batch file: {message}"),
    )
    .with_gateway(Gateway::Sogenactif)
}

/// `{ syntax?, version?, header, layouts?, records: [{ method, recordSequence?, …fields }] }` →
/// the whole request file. Every record is validated; any issue anywhere means no file, and one
/// `VALIDATION` error lists them all (`header.date`, `records[3].amount`, …), including a
/// `recordSequence` used twice.
pub fn build(input: &Value) -> Result<String> {
    let mut issues = Issues::new();
    let mut root = Obj::new(input, "", &mut issues);
    let syntax = validate::read_syntax(&mut root, &mut issues);
    let layouts = Layouts::read(&mut root, &mut issues);
    let options = validate::read_options(&mut root, syntax, layouts.clone(), &mut issues);
    let records = root.array("records", &mut issues);
    match records {
        None if !root.has("records") => issues.push(
            root.at("records"),
            issue::REQUIRED,
            "is required: an array of records like { method: 'cancel', … }",
        ),
        Some(r) if r.is_empty() => issues.push(
            root.at("records"),
            issue::RANGE,
            "must hold at least one record",
        ),
        _ => {}
    }
    let mut out = Vec::new();
    if let Some(o) = options.as_ref() {
        write_header(o, &mut out)?;
    }
    let mut sequences = SequenceSet::new();
    let mut memo = fast::Memo::default();
    let mut count = 0u64;
    for (i, value) in records
        .map(|r| r.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let j = J::from_value(value);
        let index = i as u64;
        let Some((rec, seq)) = check_record(&j, index, syntax, &layouts, &mut memo, &mut issues)
        else {
            continue;
        };
        if let Err(refused) = u32::try_from(seq)
            .map_err(|_| Refused::Full)
            .and_then(|s| sequences.insert(s))
        {
            sequence_issue(index, seq, refused, &mut issues);
        }
        // Once anything is wrong the file will not be produced: only keep validating.
        if issues.is_empty() {
            rec.write(syntax, seq, &mut out);
            count += 1;
        }
    }
    root.finish(&mut issues);
    issues.finish(Some(Gateway::Sogenactif))?;
    if options.is_none() {
        return Err(internal("the file options were not read"));
    }
    write_trailer(syntax, count, &mut out);
    into_text(out)
}

#[cfg(test)]
mod tests;
