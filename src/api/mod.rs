//! The JS API as text: one call in, one text out (ARCHITECTURE.md "Boundary").
//!
//! Every JS entry sends one JSON text (an array of its arguments, made by the JS wrapper with
//! `JSON.stringify` inside a `try`) and gets one text back. Nothing here touches JS: this module
//! is plain Rust, tested and benchmarked natively; `src/wasm/` only forwards strings and bytes.
//!
//! Output framing (first byte):
//! - `o` + JSON: the result;
//! - `w` + JSON `[result, warnings]`: the result and values the gateway would have changed;
//! - `e` + JSON: a `RemiseError`'s properties (`Error::to_json`);
//! - `q` + JSON `[request, warnings]` + a line feed + the body: an `HttpRequest` whose `body` is
//!   the text after the first line feed, as it is ([`Out::request`]).
//!
//! Input values JSON cannot carry are turned by the JS replacer into sentinel strings
//! ([`SENTINEL`] + kind) and the JS side sets `special`; [`args`] then reports every one (up to 100
//! per argument) with its path, with the messages the per-property converter of earlier versions gave.

pub mod args;
mod client;
mod money;
mod payline;
mod sogenactif;
mod systempay;

pub use args::{Args, SENTINEL};
pub use client::Client;

use crate::codec::json_out;
use crate::error::{Error, ErrorCode, Result};
use serde_json::Value;

/// What an entry returns: a value, or the framed text already written (issue 9: the per-call
/// results, e.g. an `HttpRequest` with its warnings, are written straight into the answer by
/// [`crate::codec::json_out`] instead of being built as `serde_json::Value`s and serialised).
pub enum Out {
    /// Framed as `o` + JSON.
    Value(Value),
    /// `o` + JSON or `w` + `[value, warnings]`, as [`Out::written`] writes it.
    Framed(String),
}

impl From<Value> for Out {
    fn from(value: Value) -> Self {
        Out::Value(value)
    }
}

impl Out {
    /// The framed text of a value written by `write` (any JSON value), with `warnings` when
    /// there are any (`w` + `[value, warnings]`), else `o` + value.
    pub fn written(
        capacity: usize,
        warnings: &[crate::systempay::Warning],
        write: impl FnOnce(&mut Vec<u8>),
    ) -> Out {
        let mut s = Vec::with_capacity(capacity);
        if warnings.is_empty() {
            s.push(b'o');
            write(&mut s);
        } else {
            s.extend_from_slice(b"w[");
            write(&mut s);
            s.push(b',');
            systempay::write_warnings(&mut s, warnings);
            s.push(b']');
        }
        Out::Framed(json_out::finish(s))
    }

    /// An `HttpRequest` (`{ method, url, headers, body }`) with its warnings, framed `q`: the
    /// body follows the JSON head as it is, so it is neither escaped here nor unescaped by
    /// `JSON.parse` in JS (a JSON or XML body holds many quotes).
    pub fn request(
        r: &crate::transport::HttpRequest,
        warnings: &[crate::systempay::Warning],
    ) -> Out {
        let mut s = Vec::with_capacity(r.url.len() + r.body.len() + 200);
        s.extend_from_slice(b"q[");
        r.write_head(&mut s);
        s.push(b',');
        systempay::write_warnings(&mut s, warnings);
        // JSON text never holds a raw line feed (strings escape it): the first one ends the head.
        s.extend_from_slice(b"]\n");
        s.extend_from_slice(r.body.as_bytes());
        Out::Framed(json_out::finish(s))
    }
}

/// Runs the entry `op` on `input` (a JSON array of arguments). `special` is set by the JS
/// wrapper when its replacer met a value JSON cannot carry (see [`args`]).
pub fn call(op: &str, input: &str, special: bool) -> String {
    frame(dispatch(op, input, special))
}

/// The framed text of a result.
pub fn frame(r: Result<Out>) -> String {
    match r {
        Ok(Out::Framed(s)) => s,
        Ok(Out::Value(value)) => {
            // Room for a typical answer, as serde_json::to_string starts with (it grows by doubling).
            let mut s = Vec::with_capacity(256);
            s.push(b'o');
            json_out::value(&mut s, &value);
            json_out::finish(s)
        }
        Err(e) => error_text(&e),
    }
}

/// `e` + the error's properties as JSON.
pub fn error_text(e: &Error) -> String {
    let mut s = Vec::with_capacity(256);
    s.push(b'e');
    json_out::value(&mut s, &e.to_json());
    json_out::finish(s)
}

/// [`call`] for the entries that read a long text (a gateway answer, a response file), given
/// apart as `text` and `null` in `input`: the text crosses as it is, neither escaped by
/// `JSON.stringify` nor unescaped here. Each entry reads it with the same code as from `input`.
pub fn call_text(op: &str, input: &str, text: &str, special: bool) -> String {
    use crate::error::Gateway;
    frame(Args::parse(input, special).and_then(|a| {
        let (gateway, r) = match op {
            "payline.parseResponse" => (Gateway::Payline, payline::read_response(&a, Some(text))),
            "systempay.parseResponse" => (Gateway::Systempay, systempay::read_response(&a, text)),
            "sogenactif.batch.parseResponse" => (
                Gateway::Sogenactif,
                sogenactif::read_batch_response(&a, text),
            ),
            "sogenactif.office.parseResponse" => (
                Gateway::Sogenactif,
                sogenactif::read_office_response(&a, text),
            ),
            _ => return Err(unknown(op)),
        };
        // As each family's `call` tags its errors.
        r.map_err(|e| e.with_gateway_if_none(gateway))
    }))
}

fn dispatch(op: &str, input: &str, special: bool) -> Result<Out> {
    let (family, name) = op.split_once('.').unwrap_or((op, ""));
    let a = Args::parse(input, special)?;
    match family {
        "money" => money::call(name, &a),
        "systempay" => systempay::call(name, &a),
        "payline" => payline::call(name, &a),
        "sogenactif" => sogenactif::call(name, &a),
        // Test seam: what the core reads for argument 0 (named by argument 1).
        "__echo" => {
            let field = a.opt_string(1, "field")?.unwrap_or_default();
            Ok(a.value(0, &field)?.into())
        }
        _ => Err(unknown(op)),
    }
}

/// A streaming batch writer from `[options]`.
pub fn batch_writer(input: &str, special: bool) -> Result<crate::sogenactif::batch::BatchWriter> {
    let a = Args::parse(input, special)?;
    let mut options = a.value(0, "options")?;
    sogenactif::fill_clock(&mut options, &a.value(1, "clock")?);
    crate::sogenactif::batch::BatchWriter::new(&options)
        .map_err(|e| e.with_gateway_if_none(crate::error::Gateway::Sogenactif))
}

/// One record (`[record]`) through a batch writer: its text.
pub fn batch_add(
    w: &mut crate::sogenactif::batch::BatchWriter,
    input: &str,
    special: bool,
) -> Result<Out> {
    let a = Args::parse(input, special)?;
    // Named as the writer names the record's own issues: by its index in the file.
    let path = format!("records[{}]", w.count());
    Ok(Value::String(w.add(&a.value(0, &path)?)?).into())
}

/// A bulk converter from `[options, clock]`.
pub fn batch_converter(input: &str, special: bool) -> Result<crate::sogenactif::batch::Converter> {
    let a = Args::parse(input, special)?;
    let mut options = a.value(0, "options")?;
    sogenactif::fill_clock(&mut options, &a.value(1, "clock")?);
    crate::sogenactif::batch::Converter::from_value(&options)
        .map_err(|e| e.with_gateway_if_none(crate::error::Gateway::Sogenactif))
}

/// The records of `[records]` (`addMany`): the array's JSON text (checked for sentinels when
/// flagged) and, when the batch scanner can split it, each record's text.
pub fn batch_records(input: &str, special: bool) -> Result<(&str, Option<Vec<&str>>)> {
    use crate::sogenactif::batch::fast::split_array;
    // The wrapper writes `[` + the array + `]`. When the scanner splits what is inside (plain
    // data, nesting at most 16), the pass of `Args` over the text would find nothing to report
    // (no sentinel, no deep nesting): it is skipped, 11 % of an `addMany` (issue 9).
    if !special && !crate::codec::json::lone_surrogate_escape(input) {
        let inner = input.strip_prefix('[').and_then(|s| s.strip_suffix(']'));
        if let Some((inner, texts)) = inner.and_then(|i| Some((i, split_array(i)?))) {
            return Ok((inner, Some(texts)));
        }
    }
    let a = Args::parse(input, special)?;
    a.check(0, "records")?;
    let text = a.raw(0);
    Ok((text, split_array(text)))
}

/// Framed `[{ line?, index, issues }]`.
pub fn rejects_text(rejects: Vec<crate::sogenactif::batch::Reject>) -> String {
    let mut s = vec![b'o', b'['];
    for (i, r) in rejects.iter().enumerate() {
        if i > 0 {
            s.push(b',');
        }
        s.push(b'{');
        if let Some(line) = r.line {
            json_out::key(&mut s, "line");
            json_out::u64(&mut s, line);
            s.push(b',');
        }
        json_out::key(&mut s, "index");
        json_out::u64(&mut s, r.index);
        s.extend_from_slice(b",\"issues\":[");
        for (k, issue) in r.issues.iter().enumerate() {
            if k > 0 {
                s.push(b',');
            }
            s.extend_from_slice(b"{\"field\":");
            json_out::str(&mut s, &issue.field);
            s.extend_from_slice(b",\"code\":");
            json_out::str(&mut s, issue.code);
            s.extend_from_slice(b",\"message\":");
            json_out::str(&mut s, &issue.message);
            s.push(b'}');
        }
        s.extend_from_slice(b"]}");
    }
    s.push(b']');
    json_out::finish(s)
}

pub(crate) fn unknown(op: &str) -> Error {
    Error::new(
        ErrorCode::Unsupported,
        format!(
            "internal: no entry named '{}' in this build of remise (is the package's JS from another version than its .wasm?)",
            crate::money::printable(op)
        ),
    )
}

#[cfg(test)]
mod tests;
