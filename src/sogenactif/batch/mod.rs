//! Sogenactif Office Batch: request files (CSV or XML) for the 11 batch methods, their ZIP archive,
//! and response files.
//!
//! - `dictionary.rs`: the ONE table of every method's fields (column, format, presence, source);
//! - `validate.rs` / `rules.rs`: input reading, formats and the preflight rules;
//! - `writer.rs`: [`BatchWriter`] (streaming, constant memory) and [`build`];
//! - `archive.rs`: [`archive`] (one stored ZIP entry written by hand, for size; `OFBREQ…`);
//! - `response.rs`: [`parse_response`].

mod archive;
pub mod dictionary;
pub mod response;
pub mod rules;
pub mod validate;
pub mod writer;

pub use archive::{archive, default_name, REQUEST_PREFIX};
pub use response::{parse_response, ParsedResponse, ResponseHeader, ResponseRecord, Trailer};
pub use validate::Syntax;
pub use writer::{build, BatchWriter};
