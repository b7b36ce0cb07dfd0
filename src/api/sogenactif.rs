//! `sogenactif.batch.*` and `sogenactif.office.*`: dispatch to `crate::sogenactif`.

use super::{unknown, Args, Out};
use crate::codec::json::Obj;
use crate::error::{Gateway, Issues, Result};
use crate::sogenactif::{batch, office};
use crate::transport::Secret;
use serde_json::Value;

#[inline(never)] // one function per family: the first call compiles only its own (ARCHITECTURE "Cold start")
pub(super) fn call(name: &str, a: &Args) -> Result<Out> {
    run(name, a).map_err(|e| e.with_gateway_if_none(Gateway::Sogenactif))
}

fn run(name: &str, a: &Args) -> Result<Out> {
    match name {
        // The JS wrapper fills header.date / header.time from its clock when they are absent
        // (the core is sans-IO).
        "batch.build" => {
            // At the root, as `batch::build` names its issues (`records[1].amount`, `header.date`).
            let mut input = a.value(0, "")?;
            fill_clock(&mut input, &a.value(1, "clock")?);
            Ok(Value::String(batch::build(&input)?).into())
        }
        "batch.parseResponse" => read_batch_response(a, &a.text(0, "text")?),
        "office.hosts" => Ok(crate::codec::json_ref::value(&office::hosts_json())
            .unwrap_or(Value::Null)
            .into()),
        "office.sealString" => {
            Ok(Value::String(office::seal_string(&a.value(0, "fields")?)?).into())
        }
        "office.seal" => {
            let fields = a.value(0, "fields")?;
            let key = a.string(1, "secretKey")?;
            Ok(Value::String(office::seal(&fields, &Secret::new(key))?).into())
        }
        "office.request" => {
            let service = a.string(0, "service")?;
            let fields = a.value(1, "")?;
            let opts = office::Options::from_value(&a.value(2, "options")?)?;
            Ok(Out::request(
                &office::request(&service, &fields, &opts)?,
                &[],
            ))
        }
        "office.parseResponse" => read_office_response(a, &a.text(0, "text")?),
        _ => Err(unknown(name)),
    }
}

/// Reads `{ secretKey? }` (absent / null → no key).
/// `office.parseResponse`'s `{ secretKey?, httpStatus? }` (the status of the answer, for those
/// who send `office.request()` themselves: default 200; README says non-200 is `HTTP_ERROR`).
fn office_response_options(v: &Value) -> Result<(Option<Secret>, u16)> {
    if v.is_null() {
        return Ok((None, 200));
    }
    let mut issues = Issues::new();
    let mut o = Obj::new(v, "options", &mut issues);
    let key = o.str("secretKey", &mut issues).map(Secret::new);
    let status = match o.raw("httpStatus") {
        Some(v) => super::args::http_status(v).unwrap_or_else(|e| {
            issues.push_error("options", e);
            200
        }),
        None => 200,
    };
    o.finish(&mut issues);
    issues.finish(Some(Gateway::Sogenactif))?;
    Ok((key, status))
}

/// Fills `header.date` and `header.time` from `clock` (`{ date, time }`, the JS wrapper's local time
/// with its UTC offset: the core has no clock) when the caller left both out. One given alone is
/// not completed: a given date beside the machine's time (and its offset) made a header of two
/// clocks, `2024-01-05+0100;00:51:42+0000` (a helper's attack, twentieth pass); it is asked for.
pub(super) fn fill_clock(v: &mut Value, clock: &Value) {
    let Some(Value::Object(header)) = v.get_mut("header") else {
        return;
    };
    let absent = |key| matches!(header.get(key), None | Some(Value::Null));
    if !(absent("date") && absent("time")) {
        return;
    }
    for key in ["date", "time"] {
        if let Some(now @ Value::String(_)) = clock.get(key) {
            header.insert(key.into(), now.clone());
        }
    }
}

/// `[text, options]`, the response file read from `text` (also when given apart:
/// [`super::call_text`]).
pub(super) fn read_batch_response(a: &Args, text: &str) -> Result<Out> {
    let options = a.value(1, "options")?;
    let parsed = if options.is_null() {
        batch::parse_response(text)?
    } else {
        batch::parse_response_with(text, &batch::ResponseOptions::from_value(&options)?)?
    };
    Ok(parsed.to_json().into())
}

/// `[text, options]`, the Sips Office answer read from `text` (also when given apart).
pub(super) fn read_office_response(a: &Args, text: &str) -> Result<Out> {
    let (key, status) = office_response_options(&a.value(1, "options")?)?;
    // An answer that echoes the key is scrubbed as the client scrubs it.
    office::parse_response(status, text, key.as_ref())
        .map(Out::from)
        .map_err(|e| match &key {
            Some(k) => super::client::scrub_error(e, &super::client::secret_forms(None, k)),
            None => e,
        })
}
