//! `systempay.*`: conversion and dispatch to `crate::systempay`; no business rule here.

use super::fetch::{promise, Transport};
use super::{input, js, out, string_arg, throw, JsResult};
use crate::error::{Error, Gateway, Issues};
use crate::systempay::{self as core, Keys, Options, Prepared, Warning};
use crate::transport::{failure_error, Failure, HttpRequest, Secret};
use js_sys::{Object, Reflect};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Default `timeoutMs` of the Systempay client (Lyra's SDKs use 45 s; DESIGN.md §2).
const DEFAULT_TIMEOUT_MS: u32 = 45_000;

/// A plain JS object with these properties, in this order. Results are built directly (rather
/// than through one `Serialize` impl per result type) for wasm size.
fn js_object(props: &[(&str, JsValue)]) -> JsResult<JsValue> {
    let o = Object::new();
    for (k, v) in props {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o.into())
}

/// A plain JS object of string properties, in this order.
fn js_strings<'a>(props: impl Iterator<Item = (&'a str, &'a str)>) -> JsResult<JsValue> {
    let o = Object::new();
    for (k, v) in props {
        Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v))?;
    }
    Ok(o.into())
}

/// A whole number of minor units (a safe integer: every amount is read as one).
fn js_uint(n: u64) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// `HttpRequest` as JS sees it: headers as a plain object, in sending order.
fn request_js(r: &HttpRequest) -> JsResult<JsValue> {
    Ok(super::output(&r.to_json()))
}

/// Adds a non-enumerable `warnings` array to `target` (an object), so `deepEqual` against the
/// documented shape still holds while the warnings stay visible.
fn with_warnings(target: JsValue, warnings: &[Warning]) -> JsResult<JsValue> {
    if !target.is_object() {
        return Ok(target);
    }
    let list = js_sys::Array::new();
    for w in warnings {
        list.push(&js_object(&[
            ("field", w.field.as_str().into()),
            ("code", w.code.into()),
            ("message", w.message.as_str().into()),
        ])?);
    }
    let desc = js_object(&[
        ("value", list.into()),
        ("enumerable", JsValue::FALSE),
        ("writable", JsValue::FALSE),
        ("configurable", JsValue::TRUE),
    ])?;
    let obj: &Object = target.unchecked_ref();
    Object::define_property(obj, &"warnings".into(), desc.unchecked_ref());
    Ok(target)
}

fn prepared_to_js(p: &Prepared) -> JsResult<JsValue> {
    let req = request_js(&p.request)?;
    with_warnings(req, &p.warnings)
}

fn json_arg(v: &JsValue, field: &str) -> Result<Value, Error> {
    input(v, field).map_err(|e| e.with_gateway(Gateway::Systempay))
}

/// A validated `HttpRequest` for `service`; `warnings` (non-enumerable) lists values the
/// platform would have changed (e.g. `captureDelay` above 365, sent as 365).
#[wasm_bindgen(js_name = systempayRequest, unchecked_return_type = "SystempayHttpRequest")]
pub fn systempay_request(
    #[wasm_bindgen(unchecked_param_type = "string")] service: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SystempayOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let service = js(string_arg(&service, "service"))?;
    let body = js(json_arg(&body, ""))?;
    let options = js(json_arg(&options, "options"))?;
    let p = js(core::request_json(&service, &body, &options))?;
    prepared_to_js(&p)
}

/// Decodes an answer: the envelope on SUCCESS; throws `GATEWAY_ERROR` on ERROR.
#[wasm_bindgen(js_name = systempayParseResponse, unchecked_return_type = "SystempayEnvelope")]
pub fn systempay_parse_response(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] http_status: JsValue,
) -> JsResult<JsValue> {
    let text = js(string_arg(&text, "text"))?;
    let status = if http_status.is_undefined() || http_status.is_null() {
        200
    } else {
        match http_status.as_f64() {
            Some(n) if n.fract() == 0.0 && (100.0..=599.0).contains(&n) => n as u16,
            _ => {
                return Err(throw(Error::validation(
                    Some(Gateway::Systempay),
                    vec![crate::Issue {
                        field: "httpStatus".into(),
                        code: crate::error::issue::RANGE,
                        message: "must be an HTTP status code between 100 and 599".into(),
                    }],
                )))
            }
        }
    };
    let v = js(core::parse_response(status, &text))?;
    out(&v)
}

/// Lowercase hex HMAC-SHA-256 of `answer` (after `\/` → `/`) with `key`.
#[wasm_bindgen(js_name = systempayComputeHash)]
pub fn systempay_compute_hash(
    #[wasm_bindgen(unchecked_param_type = "string")] answer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
) -> JsResult<String> {
    let answer = js(string_arg(&answer, "answer"))?;
    let key = js(string_arg(&key, "key"))?;
    Ok(core::compute_hash(&answer, &Secret::new(key)))
}

fn hash_args(fields: &JsValue, keys: &JsValue) -> Result<(Value, Keys), Error> {
    let fields = json_arg(fields, "fields")?;
    let keys = Keys::read(&json_arg(keys, "keys")?)?;
    Ok((fields, keys))
}

/// Whether `kr-hash` matches `kr-answer` under the key `kr-hash-key` names (constant time).
#[wasm_bindgen(js_name = systempayVerifyHash)]
pub fn systempay_verify_hash(
    #[wasm_bindgen(unchecked_param_type = "SystempaySignedFields")] fields: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SystempayHashKeys")] keys: JsValue,
) -> JsResult<bool> {
    let (fields, keys) = js(hash_args(&fields, &keys))?;
    js(core::verify_hash(&fields, &keys))
}

/// Verifies, then returns the parsed `kr-answer`; `SIGNATURE_INVALID` on mismatch.
#[wasm_bindgen(js_name = systempayParseAnswer, unchecked_return_type = "SystempayPayment")]
pub fn systempay_parse_answer(
    #[wasm_bindgen(unchecked_param_type = "SystempaySignedFields")] fields: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SystempayHashKeys")] keys: JsValue,
) -> JsResult<JsValue> {
    let (fields, keys) = js(hash_args(&fields, &keys))?;
    let v = js(core::parse_answer(&fields, &keys))?;
    out(&v)
}

/// What Transaction/CancelOrRefund will do to `transaction`; throws `OPERATION_NOT_ALLOWED` with
/// the `gatewayCode` the platform would answer.
#[wasm_bindgen(js_name = systempayPlanCancelOrRefund, unchecked_return_type = "SystempayPlan")]
pub fn systempay_plan_cancel_or_refund(
    #[wasm_bindgen(unchecked_param_type = "SystempayPlanTransaction")] transaction: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SystempayCancelOrRefundRequest")] request: JsValue,
) -> JsResult<JsValue> {
    let t = js(json_arg(&transaction, "transaction"))?;
    let r = js(json_arg(&request, "request"))?;
    let plan = js(core::plan_cancel_or_refund(&t, &r))?;
    js_object(&[
        ("operation", plan.operation.into()),
        ("amount", js_uint(plan.amount)),
        ("currency", plan.currency.as_str().into()),
        ("full", plan.full.into()),
        ("refundableAfter", js_uint(plan.refundable_after)),
    ])
}

/// The REST API hosts of the Lyra white labels, by brand.
#[wasm_bindgen(js_name = systempayHosts, unchecked_return_type = "SystempayHosts")]
pub fn systempay_hosts() -> JsResult<JsValue> {
    // HOSTS is sorted by brand (a unit test checks it), so the keys keep the sorted order the
    // object always had.
    js_strings(core::HOSTS.iter().copied())
}

/// A Systempay REST V4 client for one shop. Every method resolves with the envelope's `answer`.
#[wasm_bindgen(js_name = SystempayClient, skip_typescript)]
pub struct SystempayClient {
    options: Rc<Options>,
    transport: Rc<Transport>,
}

#[wasm_bindgen(js_class = SystempayClient)]
impl SystempayClient {
    /// `{ shopId, password, baseUrl?, fetch?, timeoutMs?, debug? }`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<SystempayClient> {
        js(Self::build(&options))
    }

    fn build(options: &JsValue) -> Result<SystempayClient, Error> {
        let mut issues = Issues::new();
        let transport =
            match Transport::from_options(options, Gateway::Systempay, DEFAULT_TIMEOUT_MS) {
                Ok(t) => Some(t),
                Err(e) => {
                    for i in e.nest("options").issues {
                        issues.push(i.field, i.code, i.message);
                    }
                    None
                }
            };
        let v = Transport::gateway_options(options)?;
        let opts = core::validate::read_options(&v, &[], &mut issues);
        core::validate::validate_options(&opts, &mut issues);
        issues.finish(Some(Gateway::Systempay))?;
        let Some(transport) = transport else {
            return Err(Error::validation(Some(Gateway::Systempay), Vec::new()));
        };
        Ok(SystempayClient {
            options: Rc::new(opts),
            transport: Rc::new(transport),
        })
    }

    /// Validates (or, for an unmodelled service, only checks) and sends.
    fn send(&self, service: Result<String, Error>, body: JsValue) -> js_sys::Promise {
        let options = self.options.clone();
        let transport = self.transport.clone();
        let body = json_arg(&body, "");
        promise(async move {
            let prepared = core::request_unchecked(&service?, &body?, &options)?;
            let resp = transport
                .send(&prepared.request, prepared.kind, &prepared.service)
                .await?;
            let answer = decode(&prepared, resp.status, &resp.body)?;
            let js_answer = super::output(&answer);
            with_warnings(js_answer, &prepared.warnings).map_err(|_| {
                Error::new(
                    crate::error::ErrorCode::Unsupported,
                    "internal: could not attach warnings",
                )
            })
        })
    }

    /// Any service: modelled ones are validated (reads retried, money-moving calls never resent),
    /// others are sent as given and never resent. The named methods (`cancelOrRefund`,
    /// `getTransaction`, …) are defined in `pkg-template/api/systempay.js` as `call` with their
    /// service, so the module exports one method instead of ten.
    pub fn call(&self, service: JsValue, body: JsValue) -> js_sys::Promise {
        let name = string_arg(&service, "service").map_err(|e| e.with_gateway(Gateway::Systempay));
        self.send(name, body)
    }
}

/// The answer of one call: 200/401 are envelopes; a 408/5xx left after retries goes through
/// `failure_error` (outcome unknown for money-moving calls); other statuses are `HTTP_ERROR`.
fn decode(p: &Prepared, status: u16, body: &str) -> Result<Value, Error> {
    if status == 408 || (500..=599).contains(&status) {
        return Err(failure_error(
            Gateway::Systempay,
            p.kind,
            &p.service,
            Failure::Status(status),
            0,
            "",
        ));
    }
    let envelope = core::parse_response(status, body)?;
    match envelope {
        Value::Object(mut m) => Ok(m.remove("answer").unwrap_or(Value::Null)),
        other => Ok(other),
    }
}
