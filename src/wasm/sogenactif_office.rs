//! `sogenactif.office.*` and `sogenactif.OfficeClient`: conversion and dispatch to
//! `crate::sogenactif::office`, no business rule here.

use super::fetch::{promise, Transport};
use super::{input, js, out, string_arg, JsResult};
use crate::error::{Error, ErrorCode, Gateway};
use crate::sogenactif::office::{self, Options, Service};
use crate::transport::{failure_error, CallKind, Failure, HttpRequest, Secret};
use js_sys::Promise;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Default `timeoutMs` of the Office client (DESIGN.md: 60 000 for Sips).
const TIMEOUT_MS: u32 = 60_000;

/// The Sips seal input of `fields`: the values of every field sorted by name, nested objects in
/// place, lists in order, `keyVersion`, `sealAlgorithm` and `seal` left out.
#[wasm_bindgen(js_name = sogenactifOfficeSealString)]
pub fn sogenactif_office_seal_string(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] fields: JsValue,
) -> JsResult<String> {
    let v = js(input(&fields, "fields"))?;
    js(office::seal_string(&v))
}

/// Lowercase hex HMAC-SHA-256 of the seal input of `fields` with `secretKey`.
#[wasm_bindgen(js_name = sogenactifOfficeSeal)]
pub fn sogenactif_office_seal(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] fields: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] secret_key: JsValue,
) -> JsResult<String> {
    let v = js(input(&fields, "fields"))?;
    let key = js(string_arg(&secret_key, "secretKey"))?;
    js(office::seal(&v, &Secret::new(key)))
}

/// A validated, sealed Office request: `{ method, url, headers, body }`.
#[wasm_bindgen(js_name = sogenactifOfficeRequest, unchecked_return_type = "Record<string, unknown>")]
pub fn sogenactif_office_request(
    #[wasm_bindgen(unchecked_param_type = "string")] service: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] fields: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] options: JsValue,
) -> JsResult<JsValue> {
    let service = js(string_arg(&service, "service"))?;
    let fields = js(input(&fields, ""))?;
    let opts = js(input(&options, "options").and_then(|v| Options::from_value(&v)))?;
    let req = js(office::request(&service, &fields, &opts))?;
    out(&req.to_json())
}

/// Reads `{ secretKey? }` (absent / null / undefined → no key).
fn parse_options(options: &JsValue) -> Result<Option<Secret>, Error> {
    let v = input(options, "options")?;
    if v.is_null() {
        return Ok(None);
    }
    let mut issues = crate::Issues::new();
    let mut o = crate::codec::json::Obj::new(&v, "options", &mut issues);
    let key = o.str("secretKey", &mut issues).map(Secret::new);
    o.finish(&mut issues);
    issues.finish(Some(Gateway::Sogenactif))?;
    Ok(key)
}

/// Decodes an Office answer (HTTP 200 body); checks its seal when it has one and `secretKey` is given.
#[wasm_bindgen(js_name = sogenactifOfficeParseResponse, unchecked_return_type = "Record<string, unknown>")]
pub fn sogenactif_office_parse_response(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ secretKey?: string }")] options: JsValue,
) -> JsResult<JsValue> {
    let text = js(string_arg(&text, "text"))?;
    let key = js(parse_options(&options))?;
    let v = js(office::parse_response(200, &text, key.as_ref()))?;
    out(&v)
}

struct Inner {
    transport: Transport,
    opts: Options,
}

/// The Office client: one method per service, each resolving with the decoded answer.
#[wasm_bindgen(js_name = SogenactifOfficeClient, skip_typescript)]
pub struct SogenactifOfficeClient {
    inner: Rc<Inner>,
}

impl SogenactifOfficeClient {
    fn call(&self, index: u32, fields: JsValue, call_options: JsValue) -> Promise {
        let inner = self.inner.clone();
        let prepared = (|| -> Result<(Service, HttpRequest), Error> {
            let service = usize::try_from(index)
                .ok()
                .and_then(|i| Service::ALL.get(i).copied())
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::Unsupported,
                        format!("internal: no Office service number {index}"),
                    )
                })?;
            let fields = input(&fields, "")?;
            let tx = office::call_options(&input(&call_options, "callOptions")?)?;
            let mut opts = inner.opts.clone();
            if tx.is_some() {
                opts.transaction = tx;
            }
            Ok((service, office::request(service.name(), &fields, &opts)?))
        })();
        promise(async move {
            let (service, req) = prepared?;
            let kind = service.call_kind();
            let resp = inner.transport.send(&req, kind, service.name()).await?;
            // A money-moving call that met a server error may have been processed: never a plain
            // HTTP error, always "check the status before resending".
            if kind == CallKind::MoneyMoving && (500..=599).contains(&resp.status) {
                return Err(failure_error(
                    Gateway::Sogenactif,
                    kind,
                    service.name(),
                    Failure::Status(resp.status),
                    0,
                    "",
                ));
            }
            let answer =
                office::parse_response(resp.status, &resp.body, Some(&inner.opts.secret_key))?;
            Ok(super::output(&answer))
        })
    }
}

#[wasm_bindgen(js_class = SogenactifOfficeClient)]
impl SogenactifOfficeClient {
    /// `new SogenactifOfficeClient({ merchantId, secretKey, keyVersion, environment?, baseUrl?, fetch?, timeoutMs?, debug? })`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<SogenactifOfficeClient> {
        let transport = js(Transport::from_options(
            &options,
            Gateway::Sogenactif,
            TIMEOUT_MS,
        ))?;
        let v = js(Transport::gateway_options(&options))?;
        let opts = js(Options::from_value(&v))?;
        Ok(SogenactifOfficeClient {
            inner: Rc::new(Inner { transport, opts }),
        })
    }

    /// Every service method of the JS `OfficeClient` goes through this one export (one binding
    /// instead of ten): `service` is the index of the service in `Service::ALL` (cancel 0 …
    /// getTransactionData 9, see pkg-template/api/sogenactif_office.js).
    #[wasm_bindgen(js_name = call)]
    pub fn call_js(&self, service: u32, fields: JsValue, call_options: JsValue) -> Promise {
        self.call(service, fields, call_options)
    }
}
