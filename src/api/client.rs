//! The gateway clients' core: options checked once, then per call `prepare` (validate and build
//! the request), `answer` (decode and settle the gateway's answer) or `failure` (what a transport
//! failure means). The JS transport (pkg-template/api/transport.js) does the I/O between them.

use super::{error_text, frame, Args, Out};
use crate::codec::json::type_name;
use crate::codec::json_out as j;
use crate::codec::text;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::payline::{self, decode as pl_decode, Operation};
use crate::sogenactif::office;
use crate::systempay as sp;
use crate::transport::{
    failure_error, mask_headers, parse_failure, redact, settle, CallKind, HttpRequest, RetryPolicy,
    DEFAULT_MAX_RESPONSE_BYTES,
};
use serde_json::{Map, Value};

/// Largest `maxResponseBytes` accepted: what the decoders read at most.
const MAX_RESPONSE_CAP: u64 = DEFAULT_MAX_RESPONSE_BYTES;

enum Inner {
    Systempay(sp::Options),
    Payline(payline::Options),
    Office(office::Options),
}

/// One client's checked options.
pub struct Client {
    gateway: Gateway,
    inner: Inner,
    timeout_ms: u32,
    max_bytes: u64,
}

impl Client {
    /// `gateway` is `systempay`, `payline` or `sogenactif`; `input` is `[options]`, where the JS
    /// wrapper replaced the `fetch` and `debug` functions by `true`. On success, also returns the
    /// transport settings `{ timeoutMs, maxResponseBytes }` as framed text.
    pub fn new(
        gateway: &str,
        input: &str,
        special: bool,
    ) -> std::result::Result<(Client, String), String> {
        Self::build(gateway, input, special).map_err(|e| error_text(&e))
    }

    fn build(gateway: &str, input: &str, special: bool) -> Result<(Client, String)> {
        let (gw, default_timeout) = match gateway {
            // Lyra's SDKs use 45 s; Payline and Sips 60 s (DESIGN.md §2).
            "systempay" => (Gateway::Systempay, 45_000),
            "payline" => (Gateway::Payline, 60_000),
            _ => (Gateway::Sogenactif, 60_000),
        };
        let a = Args::parse(input, special).map_err(|e| e.with_gateway(gw))?;
        let mut v = a.value(0, "options").map_err(|e| e.with_gateway(gw))?;
        let mut issues = Issues::new();
        // Every gateway's options are reported under `options.` (Payline's were at the root).
        let at = "options.";
        let (timeout_ms, max_bytes) = transport_options(&mut v, default_timeout, at, &mut issues);
        let inner = match gw {
            Gateway::Systempay => {
                let o = sp::validate::read_options(
                    &v,
                    &crate::transport::TRANSPORT_OPTIONS,
                    &mut issues,
                );
                sp::validate::validate_options(&o, &mut issues);
                issues.finish(Some(gw))?;
                Inner::Systempay(o)
            }
            Gateway::Payline => {
                // (A missing `options` is the reader's "must be an object, got null", as for the other
                // two clients: a REQUIRED issue beside it said the same thing twice; the messages
                // audit, twenty-ninth pass.)
                let o = payline::Options::from_value_with(&v, &crate::transport::TRANSPORT_OPTIONS);
                match o {
                    Ok(o) => {
                        issues.finish(Some(gw))?;
                        Inner::Payline(o)
                    }
                    Err(e) => return Err(merge(issues, e, gw)),
                }
            }
            Gateway::Sogenactif => match office::Options::from_value(&v) {
                Ok(o) => {
                    issues.finish(Some(gw))?;
                    Inner::Office(o)
                }
                Err(e) => return Err(merge(issues, e, gw)),
            },
        };
        let mut m = Map::new();
        m.insert("timeoutMs".into(), timeout_ms.into());
        m.insert("maxResponseBytes".into(), max_bytes.into());
        let config = frame(Ok(Value::Object(m).into()));
        Ok((
            Client {
                gateway: gw,
                inner,
                timeout_ms,
                max_bytes,
            },
            config,
        ))
    }

    /// Validates and builds one call. `op` is the service (Systempay `Transaction/Refund`,
    /// Office `cancel`) or the operation (Payline `doCapture`); `input` is `[body, callOptions?]`.
    /// The result is `{ request, kind, operation, debug? }` (`debug`: the request redacted).
    pub fn prepare(&self, op: &str, input: &str, special: bool, debug: bool) -> String {
        frame(
            self.prepare_inner(op, input, special, debug)
                .map_err(|e| e.with_gateway_if_none(self.gateway)),
        )
    }

    fn prepare_inner(&self, op: &str, input: &str, special: bool, debug: bool) -> Result<Out> {
        let a = Args::parse(input, special)?;
        let (request, kind, operation, warnings) = match &self.inner {
            Inner::Systempay(o) => {
                a.check(0, "")?;
                let p = sp::request_unchecked_text(op, a.raw(0), o)?;
                (p.request, p.kind, p.service, p.warnings)
            }
            Inner::Payline(o) => {
                let operation = Operation::parse(op)?;
                a.check(0, "")?;
                let r = payline::request_parsed(operation.name(), &payline::params(a.raw(0))?, o)?;
                (
                    r,
                    operation.kind(),
                    operation.name().to_string(),
                    Vec::new(),
                )
            }
            Inner::Office(o) => {
                let service = office::Service::parse(op)?;
                let fields = a.value(0, "")?;
                let tx = office::call_options(&a.value(1, "callOptions")?)?;
                let r = if tx.is_some() {
                    let mut opts = o.clone();
                    opts.transaction = tx;
                    office::request(service.name(), &fields, &opts)?
                } else {
                    office::request(service.name(), &fields, o)?
                };
                (
                    r,
                    service.call_kind(),
                    service.name().to_string(),
                    Vec::new(),
                )
            }
        };
        // Written straight into the answer (issue 9), as the value
        // `{ debug?, request, kind, operation }` serde_json wrote before.
        let debug = debug.then(|| debug_view(&request));
        let capacity = request.url.len() + request.body.len() * 9 / 8 + 240;
        Ok(Out::written(capacity, &warnings, |s| {
            s.push(b'{');
            if let Some(d) = &debug {
                s.extend_from_slice(b"\"debug\":");
                j::value(s, d);
                s.push(b',');
            }
            s.extend_from_slice(b"\"request\":");
            request.write_json(s);
            s.extend_from_slice(b",\"kind\":");
            j::str(s, kind.as_str());
            s.extend_from_slice(b",\"operation\":");
            j::str(s, &operation);
            s.push(b'}');
        }))
    }

    /// Decodes the gateway's answer: `input` is `[operation, kind, status, body, retriesDone,
    /// jitter]`. Errors carry `retryDelayMs` when the JS transport should try again.
    pub fn answer(&self, input: &str) -> String {
        let r = self.answer_inner(input);
        match r {
            Ok(v) => frame(Ok(v.into())),
            Err((e, delay)) => error_with_delay(&e, delay),
        }
    }

    fn answer_inner(&self, input: &str) -> std::result::Result<Value, (Error, Option<u32>)> {
        let a = Args::parse(input, false).map_err(|e| (e, None))?;
        let operation = a.string(0, "operation").map_err(|e| (e, None))?;
        let kind = CallKind::parse(&a.string(1, "kind").unwrap_or_default());
        let status = a
            .value(2, "status")
            .ok()
            .and_then(|v| v.as_u64())
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(0);
        let body = a.string(3, "body").unwrap_or_default();
        let (retries, jitter) = retry_args(&a, 4);
        let decoded = match &self.inner {
            Inner::Systempay(_) => sp::parse_response(status, &body).map(|env| match env {
                Value::Object(mut m) => m.get_mut("answer").map(Value::take).unwrap_or(Value::Null),
                other => other,
            }),
            Inner::Payline(_) => Operation::parse(&operation)
                .and_then(|op| pl_decode::parse_response(op, status, &body).map(|v| (op, v)))
                .and_then(|(op, v)| match pl_decode::refusal_error(op, &v) {
                    Some(e) => Err(e),
                    None => Ok(v),
                }),
            // Production answers are sealed: one without a seal is not trusted. (A production host
            // given as `baseUrl`, however spelled, is made `environment: 'production'` by the JS
            // wrapper, api/sogenactif_office.js: the same test here cost 150 B of the .wasm.)
            Inner::Office(o) => office::parse_response_sealed(
                status,
                &body,
                Some(&o.secret_key),
                o.environment == office::Environment::Production,
                kind == CallKind::MoneyMoving,
            ),
        };
        settle(self.gateway, kind, &operation, status, decoded).map_err(|e| {
            let e = self.scrub(e.with_gateway_if_none(self.gateway));
            let delay = if e.retryable && kind == CallKind::Read {
                RetryPolicy::default().next_delay_ms(
                    kind,
                    retries,
                    crate::transport::Failure::Status(status),
                    jitter,
                )
            } else {
                None
            };
            (e, delay)
        })
    }

    /// What a transport failure means: `input` is `[operation, kind, failure, detail, status,
    /// retriesDone, jitter]` with `failure` one of `network`, `nofetch`, `timeout`, `status`,
    /// `notresponse`, `toolarge`.
    pub fn failure(&self, input: &str) -> String {
        let a = match Args::parse(input, false) {
            Ok(a) => a,
            Err(e) => return error_text(&e),
        };
        let operation = a.string(0, "operation").unwrap_or_default();
        let kind = CallKind::parse(&a.string(1, "kind").unwrap_or_default());
        let name = a.string(2, "failure").unwrap_or_default();
        let detail = a.string(3, "detail").unwrap_or_default();
        let status = a
            .value(4, "status")
            .ok()
            .and_then(|v| v.as_u64())
            .and_then(|s| u16::try_from(s).ok());
        let (retries, jitter) = retry_args(&a, 5);
        let failure = parse_failure(&name, status, self.max_bytes);
        let e = failure_error(
            self.gateway,
            kind,
            &operation,
            failure,
            self.timeout_ms,
            &detail,
        );
        let delay = RetryPolicy::default().next_delay_ms(kind, retries, failure, jitter);
        error_with_delay(&self.scrub(e), delay)
    }

    /// A text from the wire redacted for a debug event: by field name and digit runs, and without
    /// this client's own secrets.
    pub fn redact(&self, text: &str) -> String {
        // Whole secrets only: a start cut by a `…` (what `scrub_text` also takes out of an error's
        // texts) stays, since its search per `…` made a debug event of a 4 MB answer full of them
        // take 57 s (the review of the twentieth pass; ARCHITECTURE.md "Known gaps").
        let mut out = redact(text);
        for (secret, _) in &self.secrets() {
            if let Some(scrubbed) = text::replace(&out, secret, "***") {
                out = scrubbed;
            }
        }
        out
    }

    /// This client's own secrets, and the `Authorization` value built from them, wherever a text
    /// from the wire or the runtime might echo them; each with the number of its first characters
    /// that count as the secret where a quote cut it ([`scrub_text`]): 6, and for the
    /// `Authorization` value 6 past the base64 characters that encode the public user and its `:`.
    fn secrets(&self) -> Vec<(String, usize)> {
        match &self.inner {
            Inner::Systempay(o) => secret_forms(Some(o.shop_id.as_str()), &o.password),
            Inner::Payline(o) => secret_forms(Some(o.merchant_id.as_str()), &o.access_key),
            Inner::Office(o) => secret_forms(None, &o.secret_key),
        }
    }

    fn scrub(&self, e: Error) -> Error {
        scrub_error(e, &self.secrets())
    }
}

/// The forms a secret can take in a gateway's text, each with the shortest start of it that is
/// taken out where a quote cut it: the secret, as a message quotes it, and the `Authorization`
/// value it makes with `user`.
pub(super) fn secret_forms(
    user: Option<&str>,
    secret: &crate::transport::Secret,
) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    // A very short secret alone would blank ordinary words: it is not taken out alone, only inside
    // an `Authorization` value of 12 characters or more, below (Systempay and Payline; README,
    // "What is redacted").
    if crate::codec::text::chars(secret.expose()) >= 6 {
        out.push((secret.expose().to_string(), 6));
        // As a message quotes it when it holds characters written as escapes (`Ω` → `\u{3a9}`,
        // `"` → `\"`): quoted gateway text goes through `money::printable`.
        let escaped = crate::money::escaped(secret.expose());
        if escaped != secret.expose() {
            out.push((escaped, 6));
        }
        // As the digit-run masking leaves it (`…_*********2108Zq`): that masking runs first, and
        // the secret as written was then no longer there (the fifteenth pass, an attack). Pushed
        // even when it is the secret as written: once more costs less than the test.
        out.push((redact(secret.expose()), 6));
    }
    if let Some(user) = user {
        let basic = crate::transport::basic_auth(user, secret);
        // Without its `=` padding, which an echo may drop or percent-encode (`%3D`): the rest is
        // the credential (a helper's attack, 2026-12-06). base64: 4 characters per 3 bytes of `user:`.
        let value = basic
            .strip_prefix("Basic ")
            .unwrap_or(&basic)
            .trim_end_matches('=');
        let keep = (user.len() + 1) / 3 * 4 + 6;
        // (Of 12 characters or more, so that a toy credential's 4 do not blank parts of words.)
        if value.len() >= 12 {
            out.push((value.to_string(), keep));
        }
    }
    out
}

/// Removes a secret's `forms` from an error built from a gateway answer (a proxy or a broken
/// gateway may echo the request, credentials included): from its message, the gateway's code and
/// message, and the answer's keys and strings.
pub(super) fn scrub_error(mut e: Error, forms: &[(String, usize)]) -> Error {
    for field in [
        Some(&mut e.message),
        e.gateway_message.as_mut(),
        e.gateway_code.as_mut(),
    ]
    .into_iter()
    .flatten()
    {
        if let Some(scrubbed) = scrub_text(field, forms) {
            *field = scrubbed;
        }
    }
    if let Some(r) = e.response.as_mut() {
        scrub_value(r, forms);
    }
    e
}

/// `text` without the secret's `forms` ([`secret_forms`]): first every form whole, then each
/// form where a quote cut it. A message quotes a value through `money::printable`, which writes at most 40 characters and
/// then `…`, so a long secret can show as its start followed by `…`; that start goes when it holds
/// at least the form's minimum of characters (6, the shortest secret taken out at all; more for the
/// `Authorization` value). Whole forms go first, so that a `…` inside a secret cannot split it
/// before its whole match. `None` when nothing was taken out.
#[inline(never)]
pub(super) fn scrub_text(text: &str, forms: &[(String, usize)]) -> Option<String> {
    let mut cur: Option<String> = None;
    for (secret, _) in forms {
        if let Some(r) = text::replace(cur.as_deref().unwrap_or(text), secret, "***") {
            cur = Some(r);
        }
    }
    for (secret, min) in forms {
        if let Some(r) = scrub_cut(cur.as_deref().unwrap_or(text), secret, *min) {
            cur = Some(r);
        }
    }
    cur
}

/// `text` with each start of `secret` (`min` characters or more) that ends just before a `…`
/// taken out; `None` when there is none.
fn scrub_cut(text: &str, secret: &str, min: usize) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| text::find(rest, "…")) {
        let cut = from + at;
        let before = text.get(copied..cut).unwrap_or_default();
        // The longest start of the secret (`min` characters or more) that ends just before the `…`.
        let mut start = Some(secret);
        let mut chars = crate::codec::text::chars(secret);
        while let Some(s) = start.filter(|_| chars >= min) {
            if before.ends_with(s) {
                break;
            }
            start = s.char_indices().last().and_then(|(i, _)| s.get(..i));
            chars -= 1;
        }
        let start = start.filter(|_| chars >= min);
        if let Some(start) = start {
            out.push_str(before.get(..before.len() - start.len()).unwrap_or_default());
            out.push_str("***");
            copied = cut;
        }
        from = cut + '…'.len_utf8();
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Some(out)
}

fn scrub_value(v: &mut Value, forms: &[(String, usize)]) {
    match v {
        Value::String(s) => {
            if let Some(scrubbed) = scrub_text(s, forms) {
                *s = scrubbed;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| scrub_value(i, forms)),
        Value::Object(m) => {
            // Keys holding a secret are rewritten too (the map is rebuilt, in order, only then;
            // two keys that both become `***` keep the later value, as a repeated key does).
            if m.keys().any(|k| scrub_text(k, forms).is_some()) {
                let old = std::mem::take(m);
                for (k, item) in old {
                    m.insert(scrub_text(&k, forms).unwrap_or(k), item);
                }
            }
            m.values_mut().for_each(|i| scrub_value(i, forms));
        }
        _ => {}
    }
}

/// `{ url, headers, body }` of a request with credentials and card data redacted.
fn debug_view(r: &HttpRequest) -> Value {
    let mut h = Map::new();
    for (k, v) in mask_headers(&r.headers) {
        h.insert(k, Value::String(v));
    }
    let mut m = Map::new();
    m.insert("url".into(), Value::String(r.url.clone()));
    m.insert("headers".into(), Value::Object(h));
    m.insert("body".into(), Value::String(redact(&r.body)));
    Value::Object(m)
}

fn retry_args(a: &Args, i: usize) -> (u32, u32) {
    let n = |j: usize| {
        a.value(j, "")
            .ok()
            .and_then(|v| v.as_u64())
            .and_then(|u| u32::try_from(u).ok())
            .unwrap_or(0)
    };
    (n(i), n(i + 1))
}

fn error_with_delay(e: &Error, delay: Option<u32>) -> String {
    let mut v = e.to_json();
    if let (Some(d), Value::Object(m)) = (delay, &mut v) {
        m.insert("retryDelayMs".into(), d.into());
    }
    let mut s = String::from("e");
    s.push_str(&crate::codec::json::to_text(&v));
    s
}

/// Reads and removes the transport's own options from `v`.
fn transport_options(
    v: &mut Value,
    default_timeout: u32,
    at: &str,
    issues: &mut Issues,
) -> (u32, u64) {
    let mut timeout = default_timeout;
    let mut max_bytes = DEFAULT_MAX_RESPONSE_BYTES;
    let Value::Object(m) = v else {
        return (timeout, max_bytes);
    };
    // The map is rebuilt without the four keys (the others keep their order) rather than with
    // `Map::remove`, whose `IndexMap::swap_remove` code (1.2 KB of `.wasm`) nothing else needs.
    let (mut fetch, mut debug, mut timeout_ms, mut max_response) = (None, None, None, None);
    for (key, value) in std::mem::take(m) {
        let slot = match key.as_str() {
            "fetch" => &mut fetch,
            "debug" => &mut debug,
            "timeoutMs" => &mut timeout_ms,
            "maxResponseBytes" => &mut max_response,
            _ => {
                m.insert(key, value);
                continue;
            }
        };
        *slot = Some(value);
    }
    for (key, value) in [("fetch", fetch), ("debug", debug)] {
        match value {
            None | Some(Value::Null) | Some(Value::Bool(true)) => {}
            Some(other) => issues.push(
                format!("{at}{key}"),
                issue::TYPE,
                format!("must be a function, got {}", type_name(&other)),
            ),
        }
    }
    match timeout_ms {
        None | Some(Value::Null) => {}
        Some(t) => match t.as_u64() {
            // At most 5 minutes: Node's and edge-runtime's fetch (undici, `headersTimeout`) give up
            // on a silent server after 300 s, Bun's after 360 s, as a network error before a longer
            // `timeoutMs` (a helper's attack on the runtimes, twenty-fifth pass).
            Some(n @ 1..=300_000) => timeout = u32::try_from(n).unwrap_or(default_timeout),
            _ => issues.push(
                format!("{at}timeoutMs"),
                issue::RANGE,
                "must be a whole number of milliseconds between 1 and 300000",
            ),
        },
    }
    match max_response {
        None | Some(Value::Null) => {}
        Some(t) => match t.as_u64() {
            Some(n @ 1..=MAX_RESPONSE_CAP) => max_bytes = n,
            _ => issues.push(
                format!("{at}maxResponseBytes"),
                issue::RANGE,
                format!("must be a whole number of bytes between 1 and {MAX_RESPONSE_CAP}"),
            ),
        },
    }
    (timeout, max_bytes)
}

/// Transport-option issues first, then the gateway options' own.
fn merge(mut issues: Issues, e: Error, gw: Gateway) -> Error {
    if issues.is_empty() {
        return e;
    }
    if e.code == ErrorCode::Validation {
        for i in e.issues {
            issues.push(i.field, i.code, i.message);
        }
    }
    match issues.finish(Some(gw)) {
        Err(e) => e,
        Ok(()) => Error::validation(Some(gw), Vec::new()),
    }
}
