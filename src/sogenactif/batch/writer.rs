//! Writing request files: the streaming [`BatchWriter`] and [`build`], which validates a whole
//! input and writes it through the same writer.
//!
//! CSV (reference §1.3): `FILE;request;office;<version>`, `HEADER;<remitterId>;<date>;<time>;<sequence>`,
//! one `<METHOD>;<recordSequence>;<fields at their Order…>` line per record (empty optional fields
//! keep their column), `END;<record count>`. Every line ends with `\n` [uncertain: the line
//! terminator is not published]. XML: the element layout of the published sample, written with
//! quick-xml (values escaped), one tab per level.
//!
//! The writer keeps only counters: its memory does not grow with the number of records
//! (bench/batch_writer.rs measures it).

use super::dictionary::Method;
use super::validate::{self, Options, Record, Syntax};
use crate::codec::json::Obj;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    New,
    Open,
    Finished,
}

/// Streaming writer of one request file: `header()`, then `add(record)` for each record, then
/// `finish()`; each call returns the text to append to the file.
#[derive(Debug)]
pub struct BatchWriter {
    options: Options,
    count: u64,
    state: State,
}

impl BatchWriter {
    /// `{ syntax?, version?, header: { remitterId, date, time, sequence } }`.
    pub fn new(input: &Value) -> Result<BatchWriter> {
        let mut issues = Issues::new();
        let mut root = Obj::new(input, "", &mut issues);
        let syntax = validate::read_syntax(&mut root, &mut issues);
        let options = validate::read_options(&mut root, syntax, &mut issues);
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
        if self.state != State::New {
            return Err(misuse(
                "header() was already written: call it once, before add()",
            ));
        }
        self.state = State::Open;
        match self.options.syntax {
            Syntax::Csv => Ok(self.csv_header()),
            Syntax::Xml => self.xml_header(),
        }
    }

    /// Validates one record and returns its text. On error nothing is counted, and the issue
    /// paths are `records[<n>].…` with `n` the record's 0-based position in the file.
    pub fn add(&mut self, record: &Value) -> Result<String> {
        self.ensure_open()?;
        let mut issues = Issues::new();
        let path = validate::record_path(usize::try_from(self.count).unwrap_or(usize::MAX));
        let rec = validate::read_record(
            record,
            &path,
            self.options.syntax,
            self.count + 1,
            &mut issues,
        );
        issues.finish(Some(Gateway::Sogenactif))?;
        let rec = rec.ok_or_else(|| internal("the record was not read"))?;
        self.write(&rec)
    }

    /// Writes a record validated by [`validate::read_record`] with this writer's syntax.
    pub fn write(&mut self, record: &Record) -> Result<String> {
        self.ensure_open()?;
        let text = match self.options.syntax {
            Syntax::Csv => csv_record(record),
            Syntax::Xml => xml_record(record)?,
        };
        self.count += 1;
        Ok(text)
    }

    /// The file's last line(s): `END;<count>` or the XML closing tags.
    pub fn finish(&mut self) -> Result<String> {
        self.ensure_open()?;
        self.state = State::Finished;
        Ok(match self.options.syntax {
            Syntax::Csv => format!("END;{}\n", self.count),
            Syntax::Xml => "\t</body>\n</file>\n".to_string(),
        })
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

    fn csv_header(&self) -> String {
        let h = &self.options.header;
        format!(
            "FILE;request;office;{}\nHEADER;{};{}{};{}{};{}\n",
            self.options.version,
            h.remitter_id,
            h.date,
            h.date_offset.render(Syntax::Csv),
            h.time,
            h.time_offset.render(Syntax::Csv),
            h.sequence
        )
    }

    fn xml_header(&self) -> Result<String> {
        let h = &self.options.header;
        let mut w = Writer::new(Vec::new());
        let date = format!("{}{}", h.date, h.date_offset.render(Syntax::Xml));
        let time = format!("{}{}", h.time, h.time_offset.render(Syntax::Xml));
        let sequence = h.sequence.to_string();
        (|| -> std::io::Result<()> {
            w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
            w.get_mut().push(b'\n');
            w.write_event(Event::Start(BytesStart::new("file").with_attributes([
                ("format", "office"),
                ("type", "request"),
                ("version", self.options.version.as_str()),
            ])))?;
            w.get_mut().extend_from_slice(b"\n\t<header>\n");
            element(&mut w, 2, "remitterId", &h.remitter_id)?;
            element(&mut w, 2, "date", &date)?;
            element(&mut w, 2, "time", &time)?;
            element(&mut w, 2, "sequence", &sequence)?;
            w.get_mut().extend_from_slice(b"\t</header>\n\t<body>\n");
            Ok(())
        })()
        .map_err(|e| internal(&e.to_string()))?;
        into_string(w)
    }
}

/// One CSV body line: method token, recordSequence, then every column up to the last Order.
fn csv_record(record: &Record) -> String {
    let method: &Method = record.method;
    let mut line = String::with_capacity(64 + 16 * record.values.len());
    line.push_str(method.token);
    line.push(';');
    line.push_str(&record.sequence.to_string());
    // Fields are stored in Order, contiguous from column 2 (dictionary test).
    for v in &record.values {
        line.push(';');
        if let Some(v) = v {
            line.push_str(v);
        }
    }
    line.push('\n');
    line
}

fn xml_record(record: &Record) -> Result<String> {
    let mut w = Writer::new(Vec::new());
    (|| -> std::io::Result<()> {
        let seq = record.sequence.to_string();
        indent(&mut w, 2);
        w.write_event(Event::Start(
            BytesStart::new(record.method.name).with_attributes([("recordSequence", seq.as_str())]),
        ))?;
        w.get_mut().push(b'\n');
        let mut open: Option<&str> = None;
        for (field, value) in record.method.fields.iter().zip(&record.values) {
            let Some(value) = value else { continue };
            if open != field.container() {
                if let Some(c) = open.take() {
                    close(&mut w, 3, c)?;
                }
                if let Some(c) = field.container() {
                    indent(&mut w, 3);
                    w.write_event(Event::Start(BytesStart::new(c)))?;
                    w.get_mut().push(b'\n');
                    open = Some(c);
                }
            }
            let depth = if field.container().is_some() { 4 } else { 3 };
            element(&mut w, depth, field.name, value)?;
        }
        if let Some(c) = open {
            close(&mut w, 3, c)?;
        }
        close(&mut w, 2, record.method.name)
    })()
    .map_err(|e| internal(&e.to_string()))?;
    into_string(w)
}

fn indent(w: &mut Writer<Vec<u8>>, depth: usize) {
    w.get_mut().extend(std::iter::repeat_n(b'\t', depth));
}

fn close(w: &mut Writer<Vec<u8>>, depth: usize, name: &str) -> std::io::Result<()> {
    indent(w, depth);
    w.write_event(Event::End(BytesEnd::new(name)))?;
    w.get_mut().push(b'\n');
    Ok(())
}

/// `<name>escaped text</name>` on its own line.
fn element(w: &mut Writer<Vec<u8>>, depth: usize, name: &str, text: &str) -> std::io::Result<()> {
    indent(w, depth);
    w.write_event(Event::Start(BytesStart::new(name)))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))?;
    w.get_mut().push(b'\n');
    Ok(())
}

fn into_string(w: Writer<Vec<u8>>) -> Result<String> {
    String::from_utf8(w.into_inner()).map_err(|_| internal("the XML writer produced invalid UTF-8"))
}

fn misuse(message: &str) -> Error {
    Error::new(
        ErrorCode::OperationNotAllowed,
        format!("BatchWriter: {message}"),
    )
    .with_gateway(Gateway::Sogenactif)
}

fn internal(message: &str) -> Error {
    Error::new(
        ErrorCode::Unsupported,
        format!("internal error while writing the batch file: {message}"),
    )
    .with_gateway(Gateway::Sogenactif)
}

/// `{ syntax?, version?, header, records: [{ method, recordSequence?, …fields }] }` → the whole
/// request file. Every record is validated; any issue anywhere means no file, and one
/// `VALIDATION` error lists them all (`header.date`, `records[3].amount`, …).
pub fn build(input: &Value) -> Result<String> {
    let mut issues = Issues::new();
    let mut root = Obj::new(input, "", &mut issues);
    let syntax = validate::read_syntax(&mut root, &mut issues);
    let options = validate::read_options(&mut root, syntax, &mut issues);
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
    let mut writer = options.map(BatchWriter::with_options);
    let mut out = String::new();
    if let Some(w) = writer.as_mut() {
        out.push_str(&w.header()?);
    }
    for (i, value) in records
        .map(|r| r.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let default_sequence = u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1);
        let rec = validate::read_record(
            value,
            &validate::record_path(i),
            syntax,
            default_sequence,
            &mut issues,
        );
        // Once anything is wrong the file will not be produced: only keep validating.
        if let (true, Some(w), Some(rec)) = (issues.is_empty(), writer.as_mut(), rec) {
            out.push_str(&w.write(&rec)?);
        }
    }
    root.finish(&mut issues);
    issues.finish(Some(Gateway::Sogenactif))?;
    let w = writer
        .as_mut()
        .ok_or_else(|| internal("the file options were not read"))?;
    out.push_str(&w.finish()?);
    Ok(out)
}
