//! Shared readers and writers used by every gateway.
//!
//! - [`json`]: reads a caller's input object field by field, recording every issue with its path
//!   and flagging unknown fields (a typo in a refund call must not pass silently).
//! - [`json_ref`]: the same reading from one JSON text, strings borrowed from it (issue 9).
//! - [`fields`]: the currency and amount readers Payline and both Sogenactif parts share
//!   (issue 9), each gateway's own wording a parameter.
//! - [`base64`]: the `Authorization: Basic` encoder (hand-written for size; tested against the
//!   `base64` crate).
//! - [`json_out`]: writes the per-call results (HTTP requests, warnings) straight into the
//!   answer text, escaped exactly as serde_json does (issue 9).
//! - [`text`]: substring search and replace over `memchr`, and `join` (hand-written for size).
//! - [`swar`]: byte tests eight at a time and short-text equality, for the hot loops of
//!   `json_out` and the batch converter (opt-level "z" leaves byte loops and `str::eq` as calls).
//! - [`datetime`]: yes/no checks of RFC 3339 date-times and calendar dates (hand-written for
//!   size; tested against the `time` crate).
//! - [`xml`]: checks that text can be written into XML 1.0 (quick-xml escapes; control
//!   characters it cannot escape are refused here).
//! - [`ts_union`], [`ts_capitalized`]: a TypeScript union of string literals and a type name from a
//!   wire name, for the `.d.ts` writers (`typegen`
//!   of each gateway; host only, the wasm build does not link it).
//! - [`MAX_ANSWER_BYTES`] / [`MAX_BATCH_RESPONSE_BYTES`]: the size caps every decoder applies
//!   before reading anything (issue 10, rows 5 and 11).

pub mod base64;
pub mod datetime;
pub mod fields;
pub mod json;
pub mod json_out;
pub mod json_ref;
pub mod swar;
pub mod text;
pub mod xml;

use crate::error::{Error, ErrorCode, Gateway, Result};

/// `walletCredit` → `WalletCredit`: a TypeScript type name made from a wire name (the `.d.ts`
/// writers' `Payline<Op>Params`, `<Method>Record`, `Sogenactif<Service>Fields`).
pub fn ts_capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `'A' | 'B' | 'C'`: the TypeScript union of `values` as string literals.
pub fn ts_union(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The largest gateway answer any decoder reads: 4 MiB (UTF-8 bytes of the text handed to
/// `parse_response`: Systempay envelopes and signed `kr-answer`s, Payline SOAP answers, Office
/// JSON answers). Real answers are a few KB (the largest, a Payline `getTransactionDetails` with
/// its history lists, stays in the tens of KB); a body this large is an error page, a proxy or a
/// wrong URL, and decoding it would hold several times its size in wasm memory, which never
/// shrinks. Refused with `MALFORMED_RESPONSE` before any of it is read. This is the decoders' own
/// bound, so a `parseResponse` called directly is bounded too; the transport may apply a smaller,
/// per-client limit before the body is even read (issue 10, row 5).
pub const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// Office Batch response files get their own, larger cap: 64 MiB. They are not HTTP answers read
/// under a timeout but files the merchant downloads, with one line (a few hundred bytes) per
/// request record, so their size follows the merchant's own request files: 64 MiB is some
/// 200 000 records. Sogenactif documents no file size limit (reference sogenactif.md); the cap
/// bounds wasm memory (the parsed records take several times the file's size), and a larger run
/// is split into several files. Refused with `MALFORMED_RESPONSE` like an oversized answer.
pub const MAX_BATCH_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// What to do about an answer above [`MAX_ANSWER_BYTES`].
pub const ANSWER_TOO_LARGE_HINT: &str =
    "a gateway answer is a few KB: check the URL; an error page or a proxy may have answered";

/// `MALFORMED_RESPONSE` when `text` is above `limit` bytes (`what` names it: "answer",
/// "response file"…; `hint` says what to do), checked before anything is parsed. Out of line:
/// one copy for every caller.
#[inline(never)]
pub fn check_size(
    text: &str,
    limit: usize,
    gateway: Gateway,
    what: &str,
    hint: &str,
) -> Result<()> {
    if text.len() <= limit {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::MalformedResponse,
        format!(
            "the {} {what} is {} bytes, above the {limit} bytes remise reads: {hint}",
            gateway.as_str(),
            text.len(),
        ),
    )
    .with_gateway(gateway))
}
