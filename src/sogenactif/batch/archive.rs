//! The ZIP archive of a request file (WLSIPS.808: the request file is sent inside a ZIP archive
//! named `OFBREQ…`; the rest of the name pattern is not published, reference §1.2).

use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Prefix every request file and archive name must start with [confirmed, reference §1.2].
pub const REQUEST_PREFIX: &str = "OFBREQ";

/// The default entry name: `OFBREQ.xml` for an XML file, `OFBREQ.csv` otherwise.
pub fn default_name(file_text: &str) -> &'static str {
    if file_text
        .trim_start_matches('\u{feff}')
        .starts_with("<?xml")
    {
        "OFBREQ.xml"
    } else {
        "OFBREQ.csv"
    }
}

/// Zips `file_text` (stored: see below) as one entry named `name` (default [`default_name`]). The name must
/// start with `OFBREQ` and hold only letters, digits, `.`, `_` and `-` (at most 100 characters).
/// Entry timestamps are fixed (1980-01-01), so the same file gives the same bytes.
///
/// The entry is stored, not deflated: the reference allows either, and the zip crate's deflate
/// feature (flate2 + zopfli) added about 45 KB gzip to the wasm, pushing the package over its size
/// gate. Batch files are plain text uploaded over SFTP; size on the wire is not the constraint.
pub fn archive(file_text: &str, name: Option<&str>) -> Result<Vec<u8>> {
    let name = name.unwrap_or_else(|| default_name(file_text));
    let mut issues = Issues::new();
    if !name.starts_with(REQUEST_PREFIX) {
        issues.push(
            "name",
            issue::FORMAT,
            format!("must start with '{REQUEST_PREFIX}', the prefix Sogenactif expects for request files, e.g. 'OFBREQ_20211216_1.csv'"),
        );
    } else if name.len() > 100
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        issues.push(
            "name",
            issue::FORMAT,
            "must hold only letters, digits, '.', '_' and '-' (at most 100 characters)",
        );
    }
    if file_text.is_empty() {
        issues.push(
            "fileText",
            issue::REQUIRED,
            "is empty: give the text returned by batch.build or BatchWriter",
        );
    }
    issues.finish(Some(Gateway::Sogenactif))?;
    let failed = |e: &dyn std::fmt::Display| {
        Error::new(
            ErrorCode::Unsupported,
            format!("could not write the ZIP archive: {e}"),
        )
        .with_gateway(Gateway::Sogenactif)
    };
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    zip.start_file(name, options).map_err(|e| failed(&e))?;
    zip.write_all(file_text.as_bytes())
        .map_err(|e| failed(&e))?;
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}
