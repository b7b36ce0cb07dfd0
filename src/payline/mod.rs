//! Payline (Monext) SOAP web services (issue 4): doReAuthorization and the DirectPaymentAPI
//! family (doAuthorization, doCapture, doRefund, doReset, doCredit, doDebit), plus
//! getTransactionDetails (ExtendedAPI).
//!
//! - [`model`]: operations, services, endpoints, and the WSDL element order as schema tables;
//! - [`validate`]: caller input → the SOAP envelope in WSDL order (written as it is read), every issue at once;
//! - [`encode`]: the envelope's writers and the `HttpRequest`;
//! - [`decode`]: SOAP answer → JSON value named as in the WSDL, `result.accepted`;
//! - [`rules`]: doReAuthorization preflight rules;
//! - [`codes`]: return-code table;
//! - [`dates`]: ISO 8601 input, Payline layouts, Europe/Paris wall-clock time.

pub mod codes;
pub mod dates;
pub mod decode;
pub mod encode;
pub mod model;
pub mod rules;
pub mod typegen;
pub mod validate;

pub use codes::{describe as describe_result, ResultCode};
pub use decode::refusal_error;
pub use model::{Environment, Operation, Options, Service};
pub use rules::{check_re_authorization, Checked, Now, Warning};

use crate::codec::json_ref::Val;
use crate::error::Result;
use crate::transport::HttpRequest;
use serde_json::Value;

/// A validated SOAP 1.1 request for `operation` (WSDL name, e.g. `"doReAuthorization"`).
pub fn request(operation: &str, params: &Value, opts: &Options) -> Result<HttpRequest> {
    request_text(operation, &crate::codec::json::to_text(params), opts)
}

/// [`request`] from the parameters as JSON text (what the wasm boundary receives), read in place:
/// [`params`], then [`request_parsed`].
pub fn request_text(operation: &str, params_json: &str, opts: &Options) -> Result<HttpRequest> {
    request_parsed(operation, &params(params_json)?, opts)
}

/// The parameters' JSON text as a tree whose strings borrow from it (`codec::json_ref`; issue 9,
/// "a fast core"). Text serde_json refuses — a string holding an unpaired UTF-16 surrogate
/// (`"\ud83d"` from `JSON.stringify`) — goes to [`crate::codec::json::from_text`], which names it:
/// a `VALIDATION` issue `FORBIDDEN_CHARACTER` at its field path, not a silent U+FFFD.
pub fn params(params_json: &str) -> Result<Val<'_>> {
    match crate::codec::json_ref::parse(params_json) {
        Ok(v) => Ok(v),
        // `from_text` refuses every text serde_json refuses; `Null` (then "must be an object")
        // is never reached.
        Err(_) => crate::codec::json::from_text(params_json, Some(crate::error::Gateway::Payline))
            .map(|_| Val::Null),
    }
}

/// [`request`] from parameters already read by [`params`].
pub fn request_parsed(operation: &str, params: &Val<'_>, opts: &Options) -> Result<HttpRequest> {
    let op = Operation::parse(operation)?;
    let validated = validate::validate(op, params)?;
    encode::http_request(validated, opts)
}

/// Decodes Payline's answer to `operation`. Returns the answer even when its code is not
/// accepted (see `result.accepted`); errors are for faults, HTTP failures and unreadable bodies.
pub fn parse_response(operation: &str, http_status: u16, xml: &str) -> Result<Value> {
    let op = Operation::parse(operation)?;
    decode::parse_response(op, http_status, xml)
}

/// [`parse_response`] as JSON text, appended to `out` (nothing appended on error).
pub fn write_response(
    operation: &str,
    http_status: u16,
    xml: &str,
    out: &mut Vec<u8>,
) -> Result<()> {
    let op = Operation::parse(operation)?;
    decode::write_response(op, http_status, xml, out)
}
