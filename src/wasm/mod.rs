//! The wasm layer: a thin list of exports, strings and bytes in and out (ARCHITECTURE.md
//! "Boundary"). Every export takes text the JS wrapper made and returns text it parses; no
//! export calls into JS, so no JS code runs while a wasm frame is on the stack, and a throwing
//! getter, Proxy or `toJSON` in the caller's input can only throw in the JS wrapper, before any
//! wasm frame exists. The rules and the dispatch live in `crate::api`, tested natively.
//!
//! The remaining modules are declaration-only: tsify types for the package's `.d.ts`.

mod money;
mod payline_types;
mod sogenactif_batch;
mod systempay_types;

use crate::api;
use crate::sogenactif::batch::BatchWriter;
use wasm_bindgen::prelude::*;

/// The heap of the `.wasm`: talc (binned free lists, growing wasm memory as needed) instead of
/// std's dlmalloc, 3 KB smaller gzipped and no slower (ARCHITECTURE.md "Size"). The module is
/// single-threaded (no `atomics`), which `new_wasm_dynamic_allocator` requires.
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs entry `op` on `input` (a JSON array of arguments): `o…`, `w…`, `q…` or `e…` (see `crate::api`).
#[wasm_bindgen(js_name = call, skip_typescript)]
pub fn call(op: &str, input: &str, special: bool) -> String {
    api::call(op, input, special)
}

/// The `parseResponse` entries with their long text given apart (`null` in `input`): it crosses
/// as it is, without JSON escaping (`crate::api::call_text`).
#[wasm_bindgen(js_name = callText, skip_typescript)]
pub fn call_text(op: &str, input: &str, text: &str, special: bool) -> String {
    api::call_text(op, input, text, special)
}

/// The bytes of a failed bytes-returning call: tag 1, then the framed error text (tag 0 and the
/// bytes on success).
fn failed(text: String) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 1);
    out.push(1);
    out.extend_from_slice(text.as_bytes());
    out
}

/// The module's `WebAssembly.Memory`, for reading kept output in place
/// ([`CoreBatchConverter::push_keep`]; the tests read its size from it). Its import is a wasm-bindgen intrinsic that returns the
/// memory object and runs no caller code (js-tests/boundary.test.mjs lists it).
#[wasm_bindgen(js_name = __memory, skip_typescript)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// One gateway client's checked options (`crate::api::Client`); the JS transport does the I/O.
#[wasm_bindgen(js_name = CoreClient, skip_typescript)]
pub struct CoreClient {
    inner: api::Client,
    config: String,
}

#[wasm_bindgen(js_class = CoreClient)]
impl CoreClient {
    /// Throws the framed error text (a string, after this frame returned) on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(gateway: &str, input: &str, special: bool) -> Result<CoreClient, String> {
        let (inner, config) = api::Client::new(gateway, input, special)?;
        Ok(CoreClient { inner, config })
    }

    /// The request of entry `op`; the empty `op` gives the checked transport options,
    /// `o{ timeoutMs, maxResponseBytes }` (one export fewer than a method of its own: size).
    pub fn prepare(&self, op: &str, input: &str, special: bool, debug: bool) -> String {
        if op.is_empty() {
            return self.config.clone();
        }
        self.inner.prepare(op, input, special, debug)
    }

    pub fn answer(&self, input: &str) -> String {
        self.inner.answer(input)
    }

    pub fn failure(&self, input: &str) -> String {
        self.inner.failure(input)
    }

    /// A wire text for a debug event, redacted and without this client's secrets.
    pub fn redact(&self, text: &str) -> String {
        self.inner.redact(text)
    }
}

/// The streaming writer of one Office Batch request file (`crate::sogenactif::batch`).
#[wasm_bindgen(js_name = CoreBatchWriter, skip_typescript)]
pub struct CoreBatchWriter {
    inner: BatchWriter,
}

#[wasm_bindgen(js_class = CoreBatchWriter)]
impl CoreBatchWriter {
    /// `input` is `[options]` with `header.date`/`header.time` filled by the JS wrapper.
    #[wasm_bindgen(constructor)]
    pub fn new(input: &str, special: bool) -> Result<CoreBatchWriter, String> {
        api::batch_writer(input, special)
            .map(|inner| CoreBatchWriter { inner })
            .map_err(|e| api::error_text(&e))
    }

    /// The file's first lines, or with `last` its last line(s) (one export for both: size).
    pub fn edge(&mut self, last: bool) -> String {
        let text = if last {
            self.inner.finish()
        } else {
            self.inner.header()
        };
        api::frame(text.map(|s| serde_json::Value::String(s).into()))
    }

    /// `input` is `[record]`.
    pub fn add(&mut self, input: &str, special: bool) -> String {
        api::frame(api::batch_add(&mut self.inner, input, special))
    }

    /// `[records]` (JSON text) in one crossing: tagged bytes of their text, all or nothing.
    #[wasm_bindgen(js_name = addMany)]
    pub fn add_many(&mut self, input: &str, special: bool) -> Vec<u8> {
        let mut out = vec![0];
        match api::batch_records(input, special)
            .and_then(|(text, texts)| self.inner.add_many_split(text, texts, &mut out))
        {
            Ok(()) => out,
            Err(e) => failed(api::error_text(&e)),
        }
    }

    pub fn count(&self) -> f64 {
        // Exact: a count of records written in one process stays far below 2^53.
        self.inner.count() as f64
    }
}

/// The bulk batch path (`crate::sogenactif::batch::Converter`): NDJSON/CSV bytes or JSON arrays of
/// records in, request-file bytes out; memory bounded by the chunk.
#[wasm_bindgen(js_name = CoreBatchConverter, skip_typescript)]
pub struct CoreBatchConverter {
    inner: crate::sogenactif::batch::Converter,
    out: Vec<u8>,
}

#[wasm_bindgen(js_class = CoreBatchConverter)]
impl CoreBatchConverter {
    /// `input` is `[options, clock]`.
    #[wasm_bindgen(constructor)]
    pub fn new(input: &str, special: bool) -> Result<CoreBatchConverter, String> {
        api::batch_converter(input, special)
            .map(|inner| CoreBatchConverter {
                inner,
                out: Vec::new(),
            })
            .map_err(|e| api::error_text(&e))
    }

    /// The request-file text of the complete records of `chunk`, kept in the converter: `""`, or
    /// the framed error. The bytes are then read in place ([`Self::out_ptr`], [`Self::out_len`],
    /// [`wasm_memory`]) until the next call: no JS buffer per chunk (the CLI's path, memory flat
    /// over millions of records); the JS `push` copies them.
    #[wasm_bindgen(js_name = pushKeep)]
    pub fn push_keep(&mut self, chunk: &[u8]) -> String {
        self.start();
        let r = self.inner.push(chunk, &mut self.out);
        self.kept(r)
    }

    /// The rest and the trailer, or the VALIDATION error, kept in the converter (see
    /// [`Self::push_keep`]).
    #[wasm_bindgen(js_name = finishKeep)]
    pub fn finish_keep(&mut self) -> String {
        self.start();
        let r = self.inner.finish(&mut self.out).map(|_| ());
        self.kept(r)
    }

    /// Address of the kept output (after its tag byte) in the wasm memory.
    #[wasm_bindgen(js_name = outPtr)]
    pub fn out_ptr(&self) -> u32 {
        // The tag byte is at index 0; wasm32 addresses fit in u32.
        (self.out.as_ptr() as usize).saturating_add(1) as u32
    }

    /// Length of the kept output.
    #[wasm_bindgen(js_name = outLen)]
    pub fn out_len(&self) -> u32 {
        self.out.len().saturating_sub(1) as u32
    }

    /// The records of `[records]` (one JSON array), kept in the converter (see
    /// [`Self::push_keep`]).
    #[wasm_bindgen(js_name = addMany)]
    pub fn add_many(&mut self, input: &str, special: bool) -> String {
        self.start();
        let r = api::batch_records(input, special)
            .and_then(|(text, texts)| self.inner.add_many_split(text, texts, &mut self.out));
        self.kept(r)
    }

    /// Framed `[{ line?, index, issues }]`.
    #[wasm_bindgen(js_name = takeRejects)]
    pub fn take_rejects(&mut self) -> String {
        api::rejects_text(self.inner.take_rejects())
    }

    pub fn count(&self) -> f64 {
        // Exact: counts stay far below 2^53.
        self.inner.count() as f64
    }

    pub fn rejected(&self) -> f64 {
        self.inner.rejected() as f64
    }

    /// The output buffer starts with the "ok" tag byte.
    fn start(&mut self) {
        self.out.clear();
        self.out.push(0);
    }

    fn kept(&mut self, r: crate::Result<()>) -> String {
        match r {
            Ok(()) => String::new(),
            Err(e) => {
                self.start();
                api::error_text(&e)
            }
        }
    }
}
