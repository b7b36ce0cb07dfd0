//! `systempay.*`: dispatch to `crate::systempay`; no business rule here.

use super::{unknown, Args, Out};
use crate::error::{Gateway, Result};
use crate::systempay::{self as core, Keys, Prepared, Warning};
use crate::transport::Secret;
use serde_json::{Map, Value};

#[inline(never)] // one function per family: the first call compiles only its own (ARCHITECTURE "Cold start")
pub(super) fn call(name: &str, a: &Args) -> Result<Out> {
    run(name, a).map_err(|e| e.with_gateway_if_none(Gateway::Systempay))
}

fn run(name: &str, a: &Args) -> Result<Out> {
    match name {
        "request" => {
            let service = a.text(0, "service")?;
            a.check(1, "")?;
            a.check(2, "options")?;
            let p = core::request_text(&service, a.raw(1), a.raw(2))?;
            Ok(prepared(&p))
        }
        "parseResponse" => read_response(a, &a.text(0, "text")?),
        "computeHash" => {
            let answer = a.string(0, "answer")?;
            let key = a.string(1, "key")?;
            Ok(Value::String(core::compute_hash(&answer, &Secret::new(key))?).into())
        }
        "verifyHash" => {
            let (fields, keys) = hash_args(a)?;
            Ok(Value::Bool(core::verify_hash(&fields, &keys)?).into())
        }
        "parseAnswer" => {
            let (fields, keys) = hash_args(a)?;
            Ok(core::parse_answer(&fields, &keys)?.into())
        }
        "planCancelOrRefund" => {
            let t = a.value(0, "transaction")?;
            let r = a.value(1, "request")?;
            let plan = core::plan_cancel_or_refund(&t, &r)?;
            let mut m = Map::new();
            m.insert("operation".into(), plan.operation.into());
            m.insert("amount".into(), plan.amount.into());
            m.insert("currency".into(), plan.currency.into());
            m.insert("full".into(), plan.full.into());
            m.insert("refundableAfter".into(), plan.refundable_after.into());
            Ok(Value::Object(m).into())
        }
        "hosts" => {
            // HOSTS is sorted by brand (a unit test checks it): the keys keep that order.
            let mut m = Map::new();
            for (brand, url) in core::HOSTS {
                m.insert((*brand).to_string(), Value::String((*url).to_string()));
            }
            Ok(Value::Object(m).into())
        }
        _ => Err(unknown(name)),
    }
}

/// The `HttpRequest` with its warnings (attached by JS as a non-enumerable `warnings`), written
/// straight into the framed text.
pub(super) fn prepared(p: &Prepared) -> Out {
    Out::request(&p.request, &p.warnings)
}

/// `[{"field":…,"code":…,"message":…}, …]`.
pub(super) fn write_warnings(s: &mut Vec<u8>, w: &[Warning]) {
    use crate::codec::json_out as j;
    s.push(b'[');
    for (i, w) in w.iter().enumerate() {
        if i > 0 {
            s.push(b',');
        }
        s.extend_from_slice(b"{\"field\":");
        j::str(s, &w.field);
        s.extend_from_slice(b",\"code\":");
        j::str(s, w.code);
        s.extend_from_slice(b",\"message\":");
        j::str(s, &w.message);
        s.push(b'}');
    }
    s.push(b']');
}

fn hash_args(a: &Args) -> Result<(Value, Keys)> {
    let fields = a.value(0, "fields")?;
    let keys = Keys::read(&a.value(1, "keys")?)?;
    Ok((fields, keys))
}

/// `[text, httpStatus]`, the envelope read from `text` (also when given apart: [`super::call_text`]).
pub(super) fn read_response(a: &Args, text: &str) -> Result<Out> {
    let status = super::args::http_status(&a.value(1, "httpStatus")?)?;
    Ok(core::parse_response(status, text)?.into())
}
