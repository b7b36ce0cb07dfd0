//! Sending `HttpRequest`s with `fetch`: gloo-net builds the request and reads the response; the
//! send goes to the client's `fetch` (default `globalThis.fetch`). Timeouts use AbortController;
//! reads are retried per `transport::RetryPolicy`; money-moving calls are never resent.

use super::{input, output};
use crate::error::{issue, Error, Gateway, Issues};
use crate::transport::{
    failure_error, mask_card_numbers, CallKind, Failure, HttpRequest, HttpResponse, RetryPolicy,
};
use gloo_net::http::{Method, RequestBuilder, Response};
use js_sys::{Function, Promise, Reflect};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> JsValue;
}

/// Transport options shared by every client: `fetch`, `timeoutMs`, `debug`.
pub(crate) struct Transport {
    gateway: Gateway,
    fetch: Option<Function>,
    debug: Option<Function>,
    timeout_ms: u32,
    retry: RetryPolicy,
}

/// The option names the transport reads; gateway clients accept them besides their own.
#[allow(dead_code)] // read by the gateway clients
pub(crate) const TRANSPORT_OPTIONS: [&str; 3] = ["fetch", "timeoutMs", "debug"];

impl Transport {
    /// Reads `fetch`, `timeoutMs` and `debug` from the client options object.
    pub(crate) fn from_options(
        options: &JsValue,
        gateway: Gateway,
        default_timeout_ms: u32,
    ) -> Result<Transport, Error> {
        let mut issues = Issues::new();
        let get = |k: &str| {
            if options.is_object() {
                Reflect::get(options, &k.into()).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            }
        };
        let function = |k: &str, issues: &mut Issues| {
            let v = get(k);
            if v.is_undefined() || v.is_null() {
                None
            } else if let Some(f) = v.dyn_ref::<Function>() {
                Some(f.clone())
            } else {
                issues.push(k, issue::TYPE, "must be a function");
                None
            }
        };
        let fetch = function("fetch", &mut issues);
        let debug = function("debug", &mut issues);
        let t = get("timeoutMs");
        let mut timeout_ms = default_timeout_ms;
        if !t.is_undefined() && !t.is_null() {
            match t.as_f64() {
                Some(n) if n.fract() == 0.0 && (1.0..=600_000.0).contains(&n) => {
                    // Exact: integral and within 1..=600000.
                    timeout_ms = n as u32;
                }
                _ => issues.push(
                    "timeoutMs",
                    issue::RANGE,
                    "must be a whole number of milliseconds between 1 and 600000",
                ),
            }
        }
        issues.finish(Some(gateway))?;
        Ok(Transport {
            gateway,
            fetch,
            debug,
            timeout_ms,
            retry: RetryPolicy::default(),
        })
    }

    /// The client options as JSON, without the transport's own keys (functions are dropped by
    /// `input`), for the gateway's credential reader.
    #[allow(dead_code)] // used by the gateway clients
    pub(crate) fn gateway_options(options: &JsValue) -> Result<serde_json::Value, Error> {
        let mut v = input(options, "")?;
        if let serde_json::Value::Object(m) = &mut v {
            for k in TRANSPORT_OPTIONS {
                m.remove(k);
            }
        }
        Ok(v)
    }

    /// Sends `req`, retrying reads on transient failures. Returns the gateway's answer for any
    /// HTTP status that is not retried; the gateway decoder decides what it means.
    pub(crate) async fn send(
        &self,
        req: &HttpRequest,
        kind: CallKind,
        operation: &str,
    ) -> Result<HttpResponse, Error> {
        let mut retries = 0;
        loop {
            let (result, failure) = match self.attempt(req).await {
                Ok(resp) if retryable_status(resp.status) && kind == CallKind::Read => {
                    let s = resp.status;
                    (Ok(resp), Some(Failure::Status(s)))
                }
                Ok(resp) => return Ok(resp),
                Err((f, detail)) => (Err(detail), Some(f)),
            };
            let Some(failure) = failure else {
                continue;
            };
            let jitter = (js_sys::Math::random() * 1000.0) as u32;
            match self.retry.next_delay_ms(kind, retries, failure, jitter) {
                Some(delay) => {
                    retries += 1;
                    sleep(delay).await;
                }
                None => {
                    return match result {
                        Ok(resp) => Ok(resp),
                        Err(detail) => Err(failure_error(
                            self.gateway,
                            kind,
                            operation,
                            failure,
                            self.timeout_ms,
                            &detail,
                        )),
                    }
                }
            }
        }
    }

    async fn attempt(&self, req: &HttpRequest) -> Result<HttpResponse, (Failure, String)> {
        self.emit_debug("request", &req.url, &req.masked_headers(), &req.body, None);
        let controller =
            web_sys::AbortController::new().map_err(|e| (Failure::Network, describe(&e)))?;
        let mut builder = RequestBuilder::new(&req.url).method(Method::POST);
        for (k, v) in &req.headers {
            builder = builder.header(k, v);
        }
        let request = builder
            .abort_signal(Some(&controller.signal()))
            .body(req.body.clone())
            .map_err(|e| (Failure::Network, e.to_string()))?;
        let raw: web_sys::Request = request.into();

        let timed_out = Rc::new(Cell::new(false));
        let flag = timed_out.clone();
        let ctl = controller.clone();
        let on_timeout = Closure::once_into_js(move || {
            flag.set(true);
            ctl.abort();
        });
        let timer = set_timeout(on_timeout.unchecked_ref(), f64::from(self.timeout_ms));

        let result = self.fetch_and_read(&raw).await;
        clear_timeout(&timer);
        let (status, body) = result.map_err(|detail| {
            if timed_out.get() {
                (Failure::Timeout, detail)
            } else {
                (Failure::Network, detail)
            }
        })?;
        self.emit_debug("response", &req.url, &[], &body, Some(status));
        Ok(HttpResponse { status, body })
    }

    async fn fetch_and_read(&self, raw: &web_sys::Request) -> Result<(u16, String), String> {
        let promise = match &self.fetch {
            Some(f) => f.call1(&JsValue::NULL, raw).map_err(|e| describe(&e))?,
            None => global_fetch(raw),
        };
        // `Promise::resolve` + `unchecked_into`: objects from another realm (edge-runtime) fail
        // `instanceof` checks.
        let value = JsFuture::from(Promise::resolve(&promise))
            .await
            .map_err(|e| describe(&e))?;
        if !value.is_object() {
            return Err("fetch did not resolve to a Response".to_string());
        }
        let response = Response::from(value.unchecked_into::<web_sys::Response>());
        let status = response.status();
        let body = response.text().await.map_err(|e| e.to_string())?;
        Ok((status, body))
    }

    /// Calls `debug` with `{ type, gateway, url, headers, body, status? }`: `headers` already
    /// masked, card numbers masked in `body`.
    fn emit_debug(
        &self,
        kind: &str,
        url: &str,
        headers: &[(String, String)],
        body: &str,
        status: Option<u16>,
    ) {
        let Some(debug) = &self.debug else { return };
        let mut h = Map::new();
        for (k, v) in headers {
            h.insert(k.clone(), Value::String(v.clone()));
        }
        let mut m = Map::new();
        m.insert("type".into(), Value::String(kind.to_string()));
        m.insert(
            "gateway".into(),
            Value::String(self.gateway.as_str().to_string()),
        );
        m.insert("url".into(), Value::String(url.to_string()));
        m.insert("headers".into(), Value::Object(h));
        m.insert("body".into(), Value::String(mask_card_numbers(body)));
        if let Some(s) = status {
            m.insert("status".into(), Value::from(s));
        }
        // A throwing debug callback must not break the call.
        let _ = debug.call1(&JsValue::NULL, &output(&Value::Object(m)));
    }
}

fn retryable_status(status: u16) -> bool {
    status == 408 || (500..=599).contains(&status)
}

/// A short description of a thrown JS value (its `message` when it has one).
fn describe(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    let msg = Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "fetch failed".to_string());
    let cause = Reflect::get(e, &"cause".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| Reflect::get(&c, &"code".into()).ok())
        .and_then(|c| c.as_string());
    match cause {
        Some(code) => format!("{msg}: {code}"),
        None => msg,
    }
}

async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, f64::from(ms));
    });
    let _ = JsFuture::from(promise).await;
}

/// Turns a core future's result into a JS promise that rejects with a `RemiseError`.
pub(crate) fn promise<F>(fut: F) -> Promise
where
    F: std::future::Future<Output = Result<JsValue, Error>> + 'static,
{
    wasm_bindgen_futures::future_to_promise(async move { fut.await.map_err(super::throw) })
}

/// Test seam for the transport alone: POSTs `body` to `url` with the client options' `fetch`,
/// `timeoutMs` and `debug`, as a read (`read = true`, retried) or a money-moving call.
/// Resolves `{ status, body }`. Used by js-tests; not part of the public API.
#[wasm_bindgen(js_name = "__transportProbe", skip_typescript)]
pub fn transport_probe(url: String, body: String, options: JsValue, read: bool) -> Promise {
    promise(async move {
        let transport = Transport::from_options(&options, Gateway::Systempay, 45_000)?;
        let req = HttpRequest::post(
            url,
            vec![
                ("Content-Type".to_string(), "text/plain".to_string()),
                (
                    "Authorization".to_string(),
                    "Basic cHJvYmU6c2VjcmV0".to_string(),
                ),
            ],
            body,
        );
        let kind = if read {
            CallKind::Read
        } else {
            CallKind::MoneyMoving
        };
        let resp = transport.send(&req, kind, "probe").await?;
        let mut m = Map::new();
        m.insert("status".into(), Value::from(resp.status));
        m.insert("body".into(), Value::String(resp.body));
        Ok(output(&Value::Object(m)))
    })
}
