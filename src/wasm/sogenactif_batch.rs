//! `sogenactif.batch.*` and `sogenactif.BatchWriter`: Office Batch files. Conversion and dispatch
//! only; the one default added here is the header date/time from the JS clock (the core is sans-IO).

use super::{input, js, out, string_arg, JsResult};
use crate::sogenactif::batch::{self, BatchWriter};
use serde::Serialize;
use serde_json::Value;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// The 11 Office Batch methods.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // exists for its TypeScript declaration
pub enum BatchMethod {
    Credit,
    AcceptChallenge,
    Cancel,
    CardOrder,
    DirectDebitOrder,
    Duplicate,
    Refund,
    RefuseChallenge,
    Validate,
    WalletCredit,
    WalletOrder,
}

/// File syntax: `'csv'` (default) or `'xml'`.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum BatchSyntax {
    Csv,
    Xml,
}

/// The file header. `date`/`time` default to now (host clock, with its UTC offset).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct BatchHeader {
    /// 15-digit remitter id given by Sogenactif.
    pub remitter_id: String,
    /// `'2021-12-16+0100'` (or `+01:00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `'14:26:45+0100'` (or `+01:00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// File sequence number (1 and up).
    pub sequence: u32,
}

/// What you know of the transaction a record acts on; enables the preflight rules (never written).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct BatchOriginal {
    /// Original amount in minor units (cancel may not exceed it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u32>,
    /// Sips transactionStatus, e.g. `'TO_CAPTURE'`, `'CANCELLED'`, `'TO_CHALLENGE'`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// One record: `method`, optional `recordSequence` (default: position in the file), `original`,
/// and the method's data-dictionary fields (`merchantId`, `amount`, `currencyCode`, containers such
/// as `s10TransactionReference: { s10TransactionId, s10TransactionIdDate }`).
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ method: BatchMethod; recordSequence?: number; original?: BatchOriginal; [field: string]: unknown }"
)]
#[allow(dead_code)]
pub struct BatchRecord;

/// Input of `batch.build`.
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ syntax?: BatchSyntax; version?: string | number; header: BatchHeader; records: BatchRecord[] }"
)]
#[allow(dead_code)]
pub struct BatchInput;

/// Options of `new BatchWriter(…)`.
#[derive(Serialize, Tsify)]
#[tsify(type = "{ syntax?: BatchSyntax; version?: string | number; header: BatchHeader }")]
#[allow(dead_code)]
pub struct BatchWriterOptions;

/// The FILE and HEADER lines of a response file.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct BatchResponseHeader {
    #[serde(rename = "type")]
    #[tsify(type = "'response'")]
    pub file_type: String,
    pub format: String,
    pub version: String,
    pub remitter_id: String,
    pub date: String,
    pub time: String,
    pub sequence: u32,
}

/// One response record: the echoed request fields, then the result.
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ method: BatchMethod; recordSequence: number; responseCode: string; responseMessage: string; accepted: boolean; acquirerResponseCode?: string; authorisationId?: string; extra?: string[]; [field: string]: unknown }"
)]
#[allow(dead_code)]
pub struct BatchResponseRecord;

/// A parsed response file.
#[derive(Serialize, Tsify)]
#[allow(dead_code)]
pub struct BatchResponse {
    pub header: BatchResponseHeader,
    #[tsify(type = "BatchResponseRecord[]")]
    pub records: Vec<()>,
    #[tsify(type = "{ count: number }")]
    pub trailer: (),
}

/// Fills `header.date` / `header.time` from the JS clock when the caller left them out.
fn fill_clock(v: &mut Value) {
    let Some(Value::Object(header)) = v.get_mut("header") else {
        return;
    };
    let missing =
        |h: &serde_json::Map<String, Value>, k: &str| matches!(h.get(k), None | Some(Value::Null));
    let (no_date, no_time) = (missing(header, "date"), missing(header, "time"));
    if !no_date && !no_time {
        return;
    }
    let now = js_sys::Date::new_0();
    // getTimezoneOffset is UTC − local in minutes; the header wants local − UTC.
    let east = -(now.get_timezone_offset() as i64);
    let offset = format!(
        "{}{:02}{:02}",
        if east < 0 { '-' } else { '+' },
        east.abs() / 60,
        east.abs() % 60
    );
    if no_date {
        let date = format!(
            "{:04}-{:02}-{:02}{offset}",
            now.get_full_year(),
            now.get_month() + 1,
            now.get_date()
        );
        header.insert("date".into(), Value::String(date));
    }
    if no_time {
        let time = format!(
            "{:02}:{:02}:{:02}{offset}",
            now.get_hours(),
            now.get_minutes(),
            now.get_seconds()
        );
        header.insert("time".into(), Value::String(time));
    }
}

/// The whole request file as a string (CSV by default, or XML). Every record is validated; any
/// problem throws one `VALIDATION` error listing them all (`records[3].amount`, …).
#[wasm_bindgen(js_name = sogenactifBatchBuild)]
pub fn sogenactif_batch_build(
    #[wasm_bindgen(unchecked_param_type = "BatchInput")] value: JsValue,
) -> JsResult<String> {
    let mut v = js(input(&value, "input"))?;
    fill_clock(&mut v);
    js(batch::build(&v))
}

/// Parses a CSV response file: `{ header, records, trailer }`, each record with its
/// `responseCode`, `responseMessage` and `accepted`. Throws `MALFORMED_RESPONSE` on a broken structure.
#[wasm_bindgen(js_name = sogenactifBatchParseResponse, unchecked_return_type = "BatchResponse")]
pub fn sogenactif_batch_parse_response(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult<JsValue> {
    let text = js(string_arg(&text, "text"))?;
    let parsed = js(batch::parse_response(&text))?;
    out(&parsed.to_json())
}

/// A ZIP archive (stored, no compression) holding the file under `name` (must start with `OFBREQ`; default
/// `OFBREQ.csv` / `OFBREQ.xml`).
#[wasm_bindgen(js_name = sogenactifBatchArchive, unchecked_return_type = "Uint8Array")]
pub fn sogenactif_batch_archive(
    #[wasm_bindgen(unchecked_param_type = "string")] file_text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] name: JsValue,
) -> JsResult<JsValue> {
    let text = js(string_arg(&file_text, "fileText"))?;
    let name = if name.is_undefined() || name.is_null() {
        None
    } else {
        Some(js(string_arg(&name, "name"))?)
    };
    let bytes = js(batch::archive(&text, name.as_deref()))?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()).into())
}

/// Streaming writer of one request file; memory does not grow with the number of records.
/// Wrapped by `sogenactif.BatchWriter` (pkg-template/api/sogenactif_batch.js), whose type is
/// declared by hand; the raw class stays out of the generated `.d.ts` (its `Symbol.dispose`
/// member needs TS `lib: esnext`).
#[wasm_bindgen(skip_typescript)]
pub struct SogenactifBatchWriter {
    inner: BatchWriter,
}

#[wasm_bindgen]
impl SogenactifBatchWriter {
    /// `{ syntax?, version?, header }`; throws `VALIDATION` when they are wrong.
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "BatchWriterOptions")] options: JsValue,
    ) -> JsResult<SogenactifBatchWriter> {
        let mut v = js(input(&options, "options"))?;
        fill_clock(&mut v);
        let inner = js(BatchWriter::new(&v))?;
        Ok(SogenactifBatchWriter { inner })
    }

    /// The file's first lines; call once, first.
    #[wasm_bindgen(skip_typescript)]
    pub fn header(&mut self) -> JsResult<String> {
        js(self.inner.header())
    }

    /// Validates one record and returns its text (issue paths `records[<n>].…`).
    #[wasm_bindgen(skip_typescript)]
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BatchRecord")] record: JsValue,
    ) -> JsResult<String> {
        let v = js(input(&record, "record"))?;
        js(self.inner.add(&v))
    }

    /// The file's last line(s) (`END;<count>` or the XML closing tags).
    #[wasm_bindgen(skip_typescript)]
    pub fn finish(&mut self) -> JsResult<String> {
        js(self.inner.finish())
    }

    /// Records written so far.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn count(&self) -> f64 {
        // Exact: a count of records written in one process stays far below 2^53.
        self.inner.count() as f64
    }
}
