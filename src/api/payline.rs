//! `payline.*`: dispatch to `crate::payline`; no business rule here.

use super::{unknown, Args, Out};
use crate::codec::json_ref::{self, Val};
use crate::error::{Error, Gateway, Result};
use crate::payline::{self, Options};
use serde_json::Value;

#[inline(never)] // one function per family: the first call compiles only its own (ARCHITECTURE "Cold start")
pub(super) fn call(name: &str, a: &Args) -> Result<Out> {
    run(name, a).map_err(|e| e.with_gateway_if_none(Gateway::Payline))
}

fn run(name: &str, a: &Args) -> Result<Out> {
    match name {
        "request" => {
            let operation = a.text(0, "operation")?;
            // Sentinels and deep nesting first (when the wrapper flagged them), then the
            // parameters read in place from their text (`payline::params`), before the options as
            // before (which input's error comes first is unchanged).
            a.check(1, "")?;
            let params = payline::params(a.raw(1))?;
            let options = options_arg(a, 2)?;
            Ok(Out::request(
                &payline::request_parsed(&operation, &params, &options)?,
                &[],
            ))
        }
        "parseResponse" => read_response(a, None),
        "describeResult" => {
            let code = a.string(0, "code")?;
            Ok(payline::describe_result(&code)?.to_json().into())
        }
        "checkReAuthorization" => {
            let original = a.value(0, "original")?;
            let params = a.value(1, "")?;
            // The JS wrapper passes the current time when the caller gave none.
            let now = match a.value(2, "now")? {
                Value::String(s) => s,
                _ => {
                    return Err(Error::argument(
                        "now",
                        crate::error::issue::TYPE,
                        "must be a Date or an ISO 8601 string",
                    ))
                }
            };
            Ok(
                payline::check_re_authorization(&original, &params, now.as_str())?
                    .to_json()
                    .into(),
            )
        }
        _ => Err(unknown(name)),
    }
}

fn options_required() -> Error {
    Error::argument(
        "options",
        crate::error::issue::REQUIRED,
        "are required: { merchantId, accessKey, environment?, baseUrl? }",
    )
}

/// The client options (`{ merchantId, accessKey, environment?, baseUrl? }`) of argument `i`,
/// read in place from its text (issue 9: no `serde_json::Value`). Text serde_json refuses (a
/// lone surrogate) gets [`Args::value`]'s error, which names it.
fn options_arg(a: &Args, i: usize) -> Result<Options> {
    a.check(i, "options")?;
    match json_ref::parse(a.raw(i)) {
        Ok(Val::Null) => Err(options_required()),
        Ok(v) => Options::from_val(&v),
        Err(_) => Err(a.value(i, "options").err().unwrap_or_else(options_required)),
    }
}

/// `[operation, xml, httpStatus]`, the answer read from `xml` when given apart
/// ([`super::call_text`]). The arguments are read in their order, so that the first bad one is the
/// one reported on both paths.
pub(super) fn read_response(a: &Args, apart: Option<&str>) -> Result<Out> {
    let operation = a.text(0, "operation")?;
    let xml = match apart {
        Some(xml) => std::borrow::Cow::Borrowed(xml),
        None => a.text(1, "xml")?,
    };
    let status = super::args::http_status(&a.value(2, "httpStatus")?)?;
    // Written straight into the framed answer (no `serde_json::Value`).
    let mut out = Vec::with_capacity(xml.len() / 2 + 16);
    out.push(b'o');
    payline::write_response(&operation, status, &xml, &mut out)?;
    Ok(Out::Framed(crate::codec::json_out::finish(out)))
}
