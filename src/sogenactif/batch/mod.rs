//! Sogenactif Office Batch: request files (CSV or XML) for the 11 batch methods, their ZIP archive,
//! and response files.
//!
//! - `dictionary.rs`: the ONE table of every method's fields (column, format, presence, source);
//! - `validate.rs` / `rules.rs`: input reading, formats and the preflight rules;
//! - `fast.rs`: the fast path of record validation (borrowed JSON, no allocation per field);
//! - `writer.rs`: [`BatchWriter`] (streaming, constant memory) and [`build`];
//! - `convert.rs`: [`Converter`], bytes to bytes (NDJSON/CSV records in, request file out);
//! - `layout.rs`: [`Layouts`], column layouts overridden by the caller (`layouts` option);
//! - `sequences.rs`: `recordSequence` uniqueness per file in bounded memory;
//! - `archive.rs`: [`archive`] (one stored ZIP entry written by hand, for size; `OFBREQ…`);
//! - `response.rs`: [`parse_response`].

// Not in the `.wasm`: the package's `archive` is pkg-template/api/zip.js (the core's cost about 1 KB
// gzip); the crate keeps its own for native users.
#[cfg(not(target_arch = "wasm32"))]
mod archive;
pub mod convert;
pub mod dictionary;
pub mod fast;
pub mod layout;
pub mod response;
pub mod rules;
pub mod sequences;
pub mod typegen;
pub mod validate;
pub mod writer;

#[cfg(not(target_arch = "wasm32"))]
pub use archive::{archive, default_name, unfinished, REQUEST_PREFIX};
pub use convert::{Converter, Reject, Summary, MAX_LINE};
pub use layout::Layouts;
pub use response::{
    parse_response, parse_response_with, ParsedResponse, ResponseHeader, ResponseOptions,
    ResponseRecord, Trailer, UnknownLine,
};
pub use validate::Syntax;
pub use writer::{build, BatchWriter};
