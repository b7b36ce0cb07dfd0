//! HTTP values, credentials and the retry policy. No I/O here: the wasm layer sends
//! [`HttpRequest`]s with `fetch` and hands back [`HttpResponse`]s.

use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// A request ready to send: `{ method: 'POST', url, headers, body }`.
///
/// Header names are constants and most values too (`application/json`): they are borrowed, and
/// only computed values (`Authorization`, `SOAPAction`) are owned (issue 9: six `String`s per
/// request were allocated and dropped before).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    /// Header names and values, in the order they are sent.
    pub headers: Vec<(&'static str, Cow<'static, str>)>,
    pub body: String,
}

impl HttpRequest {
    pub fn post(
        url: impl Into<String>,
        headers: Vec<(&'static str, Cow<'static, str>)>,
        body: String,
    ) -> Self {
        HttpRequest {
            method: "POST",
            url: url.into(),
            headers,
            body,
        }
    }

    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }

    /// `{ method, url, headers, body }` as JSON (headers as an object, in sending order).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        let mut headers = Map::new();
        for (k, v) in &self.headers {
            headers.insert((*k).to_string(), Value::String(v.to_string()));
        }
        let mut m = Map::new();
        m.insert("method".into(), Value::String(self.method.to_string()));
        m.insert("url".into(), Value::String(self.url.clone()));
        m.insert("headers".into(), Value::Object(headers));
        m.insert("body".into(), Value::String(self.body.clone()));
        Value::Object(m)
    }

    /// Appends the JSON text of [`HttpRequest::to_json`] to `out`, byte for byte what
    /// serde_json writes for it, without building the value (issue 9: this is on every call).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // The body is escaped (a JSON or XML text holds many quotes): room for some escapes.
        out.reserve(self.url.len() + self.body.len() + self.body.len() / 8 + 160);
        self.write_fields(out);
        out.extend_from_slice(b",\"body\":");
        crate::codec::json_out::str(out, &self.body);
        out.push(b'}');
    }

    /// Appends `{"method":…,"url":…,"headers":{…}}`: the request without its body.
    pub fn write_head(&self, out: &mut Vec<u8>) {
        self.write_fields(out);
        out.push(b'}');
    }

    /// `{"method":…,"url":…,"headers":{…}` (the object left open).
    fn write_fields(&self, out: &mut Vec<u8>) {
        use crate::codec::json_out as j;
        out.extend_from_slice(b"{\"method\":");
        j::str(out, self.method);
        out.extend_from_slice(b",\"url\":");
        j::str(out, &self.url);
        out.extend_from_slice(b",\"headers\":{");
        // A repeated name is written once, at its first place with its last value, as the
        // `serde_json::Map` of `to_json` held it (no request of remise repeats one).
        for (i, (k, _)) in self.headers.iter().enumerate() {
            if self.headers.iter().take(i).any(|(p, _)| p == k) {
                continue;
            }
            let v = self
                .headers
                .iter()
                .rev()
                .find(|(p, _)| p == k)
                .map_or("", |(_, v)| v.as_ref());
            if i > 0 {
                out.push(b',');
            }
            j::key(out, k);
            j::str(out, v);
        }
        out.push(b'}');
    }

    /// The headers with credentials masked, for debug events.
    pub fn masked_headers(&self) -> Vec<(String, String)> {
        mask_headers(&self.headers)
    }
}

/// What came back from the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

/// A secret (password, access key, HMAC key, card number). `Debug` and `Display` print `***`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself: use only where it is encoded into a request or a MAC.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// `Basic base64(user:password)` over UTF-8.
pub fn basic_auth(user: &str, password: &Secret) -> String {
    // Issue 9: no `format!`, no intermediate heap buffer (this runs on every request).
    let pass = password.expose();
    // `user:password` on the stack when it fits (always, for real credentials), else on the heap.
    let len = user.len() + 1 + pass.len();
    let mut stack = [0u8; 128];
    let mut heap = Vec::new();
    let raw: &mut [u8] = match stack.get_mut(..len) {
        Some(s) => s,
        None => {
            heap.resize(len, 0);
            &mut heap
        }
    };
    let (u, rest) = raw.split_at_mut(user.len());
    u.copy_from_slice(user.as_bytes());
    if let Some((colon, p)) = rest.split_first_mut() {
        *colon = b':';
        p.copy_from_slice(pass.as_bytes());
    }
    let raw = &*raw;
    let mut out = Vec::with_capacity(6 + raw.len().div_ceil(3) * 4);
    out.extend_from_slice(b"Basic ");
    crate::codec::base64::encode_into(raw, &mut out);
    // ASCII only ("Basic " and base64 characters): the check cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// Checks a client's `baseUrl` (where credentials are sent): an absolute http(s) URL without
/// userinfo, query or fragment. `http://` is allowed for local test servers only (127.0.0.1,
/// localhost, [::1]).
///
/// The authority is split as RFC 3986 §3.2 does (userinfo `@`, host, port), and as the WHATWG
/// parser that `fetch` uses would (a `\\` ends the authority too), so `http://localhost:x@evil.example`
/// is read as host `evil.example` with userinfo, and refused. Written by hand rather than with the
/// `url` crate: its IDNA tables would add tens of KB to the shipped .wasm for this one check.
///
/// `api_path` (unless empty) is the path segment remise adds after the base URL (`/api-payment`): a
/// base URL that holds it as a segment already (`https://api.systempay.fr/api-payment/`, as Lyra's
/// sample project lists its hosts) would send every call to `…/api-payment/api-payment/V4/…`, and is
/// refused (a helper's attack, nineteenth pass).
pub fn check_base_url(url: &str, at: &str, example: &str, api_path: &str, issues: &mut Issues) {
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let (secure, rest) = if lower.starts_with("https://") {
        (true, url.get(8..).unwrap_or(""))
    } else if lower.starts_with("http://") {
        (false, url.get(7..).unwrap_or(""))
    } else {
        issues.push(
            at,
            issue::FORMAT,
            format!("is not an absolute http(s) URL: give e.g. {example}"),
        );
        return;
    };
    if rest.contains(['?', '#']) || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        issues.push(
            at,
            issue::FORMAT,
            "must not contain a query, a fragment, spaces or control characters",
        );
        return;
    }
    let authority = rest.split(['/', '\\']).next().unwrap_or("");
    if authority.contains('@') {
        issues.push(
            at,
            issue::FORMAT,
            "must not contain user information (user:password@): give credentials in their own options",
        );
        return;
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']')
            .next()
            .map(|h| format!("[{h}]"))
            .unwrap_or_default()
    } else {
        authority
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    if host.is_empty() {
        issues.push(at, issue::FORMAT, "has no host");
        return;
    }
    let port = authority.get(host.len()..).unwrap_or("");
    if !(port.is_empty()
        || (port.len() > 1
            && port.starts_with(':')
            // 1 to 65535 (RFC 6335 §6; `fetch` refuses a larger one as a network error). A byte
            // loop: `str::parse` measured +4 KB of wasm here.
            && (1..=65535).contains(&port.bytes().skip(1).try_fold(0u32, |n, b| {
                (b.is_ascii_digit() && n <= 65535).then(|| n * 10 + u32::from(b - b'0'))
            }).unwrap_or(0))))
    {
        issues.push(
            at,
            issue::FORMAT,
            "has an invalid port: give a number from 1 to 65535 after the host's ':'",
        );
        return;
    }
    // A whole segment of the path (`/api-payments` is another path), `\\` read as `/` as fetch reads
    // it (the review of the pass: a substring refused `/api-payments` and missed `\\api-payment`).
    let path = rest.get(authority.len()..).unwrap_or("");
    let segment = api_path.get(1..).unwrap_or("");
    if !segment.is_empty() && path.split(['/', '\\']).any(|s| s == segment) {
        issues.push(
            at,
            issue::FORMAT,
            format!(
                "holds {api_path}, the path remise adds itself: give only what comes before it"
            ),
        );
    }
    if !secure && !matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]") {
        issues.push(
            at,
            issue::FORMAT,
            "must use https:// (http:// is accepted only for 127.0.0.1, localhost and [::1])",
        );
    }
}

/// Masks the value of `Authorization` (keeping the scheme) for debug output.
pub fn mask_headers(headers: &[(&'static str, Cow<'static, str>)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            if k.eq_ignore_ascii_case("authorization") {
                let scheme = v.split(' ').next().unwrap_or("");
                let mut masked = scheme.to_string();
                masked.push_str(" ***");
                ((*k).to_string(), masked)
            } else {
                ((*k).to_string(), v.to_string())
            }
        })
        .collect()
}

/// Whether a call only reads (safe to resend) or moves money (never resent automatically).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Read,
    MoneyMoving,
}

impl CallKind {
    /// `'read'` or `'money'`, as the JS transport receives it.
    pub fn as_str(self) -> &'static str {
        match self {
            CallKind::Read => "read",
            CallKind::MoneyMoving => "money",
        }
    }

    pub fn parse(s: &str) -> CallKind {
        // Anything but an explicit read is treated as money-moving: never resent.
        if s == "read" {
            CallKind::Read
        } else {
            CallKind::MoneyMoving
        }
    }
}

/// Why an attempt failed before an answer the gateway decoder could read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// `fetch` rejected or threw (connection refused, reset, DNS…): the request may have left.
    Network,
    /// No `fetch` to call: nothing was sent.
    NoFetch,
    /// No answer within `timeoutMs` (send, read and decode together).
    Timeout,
    /// An HTTP status that is an error before any decoding: 408, 429, 5xx, or a redirect (3xx,
    /// never followed for a money-moving call, nor to another origin for a read).
    Status(u16),
    /// `fetch` resolved to something that is not a Response, or a status outside 200–599.
    NotAResponse,
    /// The answer is larger than the client's `maxResponseBytes`; it was not read whole.
    TooLarge(u64),
}

/// The JS transport's name of a failure (`'network'`, `'timeout'`, …).
pub fn parse_failure(name: &str, status: Option<u16>, limit: u64) -> Failure {
    match name {
        "timeout" => Failure::Timeout,
        "nofetch" => Failure::NoFetch,
        "status" => Failure::Status(status.unwrap_or(0)),
        "notresponse" => Failure::NotAResponse,
        "toolarge" => Failure::TooLarge(limit),
        _ => Failure::Network,
    }
}

/// The one retry table of the three gateways: `(retryable, outcome_unknown)` of a failure.
///
/// - Reads are retryable on network errors, timeouts, 408, 429 and 5xx.
/// - A money-moving call is retryable only after a 429 (the gateway refused to process it; the
///   client still never resends it itself); its outcome is unknown whenever the request may
///   have reached the gateway: network error, timeout, 408, 5xx, a redirect, an answer that is
///   not a Response or too large.
pub fn verdict(kind: CallKind, failure: Failure) -> (bool, bool) {
    let transient_status = |s: u16| s == 408 || s == 429 || (500..=599).contains(&s);
    match kind {
        CallKind::Read => (
            match failure {
                Failure::Network | Failure::Timeout => true,
                Failure::Status(s) => transient_status(s),
                Failure::NoFetch | Failure::NotAResponse | Failure::TooLarge(_) => false,
            },
            false,
        ),
        // A 429 refused the call before processing it: sending it again later is safe (DESIGN.md
        // "Errors": `retryable` is "safe and may succeed"), though the client never does it itself.
        CallKind::MoneyMoving => (
            failure == Failure::Status(429),
            match failure {
                Failure::NoFetch => false,
                Failure::Status(429) => false,
                Failure::Status(s) => s == 408 || (300..=399).contains(&s) || s >= 500,
                Failure::Network
                | Failure::Timeout
                | Failure::NotAResponse
                | Failure::TooLarge(_) => true,
            },
        ),
    }
}

/// Retries for reads: up to `max_retries` more attempts on the failures [`verdict`] calls
/// retryable, with jittered exponential backoff. Money-moving calls are never retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub base_delay_ms: u32,
    pub max_delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay_ms: 250,
            max_delay_ms: 2_000,
        }
    }
}

impl RetryPolicy {
    /// The delay before the next attempt, or `None` when the failure is final. `retries_done`
    /// counts the retries already made; `jitter_permille` (0..=1000) scales the delay between 50%
    /// and 100% of its exponential value.
    pub fn next_delay_ms(
        &self,
        kind: CallKind,
        retries_done: u32,
        failure: Failure,
        jitter_permille: u32,
    ) -> Option<u32> {
        if retries_done >= self.max_retries
            || kind == CallKind::MoneyMoving
            || !verdict(kind, failure).0
        {
            return None;
        }
        let exp = self
            .base_delay_ms
            .saturating_mul(1u32 << retries_done.min(16))
            .min(self.max_delay_ms);
        let jitter = jitter_permille.min(1000);
        Some(exp / 2 + (exp / 2).saturating_mul(jitter) / 1000)
    }
}

impl Gateway {
    /// The client method that tells the status of an operation, named in `outcome: 'unknown'` errors.
    pub fn status_method(self) -> &'static str {
        match self {
            Gateway::Systempay => "getTransaction",
            Gateway::Payline => "getTransactionDetails",
            Gateway::Sogenactif => "getTransactionData",
        }
    }
}

/// Default cap on an answer's size (`maxResponseBytes`): gateway answers are a few KB; a larger
/// body is refused without being read whole. The decoders refuse more than this anyway
/// (`codec::MAX_ANSWER_BYTES`), so a client may lower it, not raise it.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = crate::codec::MAX_ANSWER_BYTES as u64;

fn status_hint(gateway: Gateway, operation: &str) -> String {
    format!(
        "the {operation} request may have reached {}: check its status with {} before sending it again",
        gateway.as_str(),
        gateway.status_method()
    )
}

/// The error for a failed attempt that will not be retried. `detail` comes from the JS runtime
/// (an exception's message): it is redacted like any text from the wire.
pub fn failure_error(
    gateway: Gateway,
    kind: CallKind,
    operation: &str,
    failure: Failure,
    timeout_ms: u32,
    detail: &str,
) -> Error {
    let (retryable, unknown) = verdict(kind, failure);
    let hint = status_hint(gateway, operation);
    let detail = excerpt(detail);
    let tail = |plain: String| {
        if unknown {
            format!("{plain}; {hint}")
        } else {
            plain
        }
    };
    let err = match failure {
        Failure::Timeout => Error::new(
            ErrorCode::Timeout,
            tail(match kind {
                CallKind::MoneyMoving => format!("no answer within {timeout_ms} ms"),
                CallKind::Read => format!(
                    "no answer within {timeout_ms} ms for {operation}: try again later or raise timeoutMs"
                ),
            }),
        ),
        Failure::Network => Error::new(
            ErrorCode::NetworkError,
            tail(match kind {
                CallKind::MoneyMoving => format!("network error ({detail})"),
                CallKind::Read => {
                    format!("network error ({detail}) for {operation}: check connectivity and try again")
                }
            }),
        ),
        Failure::NoFetch => Error::new(
            ErrorCode::NetworkError,
            format!("nothing was sent for {operation}: {detail}; pass a fetch function in the client options (fetch) or run where globalThis.fetch exists"),
        ),
        // 304 (Not Modified) answers a conditional request, which remise never sends: not a redirect.
        Failure::Status(s) if (300..=399).contains(&s) && s != 304 => Error::new(
            ErrorCode::HttpError,
            tail(format!(
                "{} answered HTTP {} (a redirect) to {operation}; remise does not follow redirects of money-moving calls, nor of reads to another origin: check baseUrl",
                gateway.as_str(),
                u32::from(s)
            )),
        )
        .with_http_status(s),
        Failure::Status(s) => Error::new(
            ErrorCode::HttpError,
            tail(format!(
                "{} answered HTTP {} to {operation}",
                gateway.as_str(),
                u32::from(s)
            )),
        )
        .with_http_status(s),
        Failure::NotAResponse => Error::new(
            ErrorCode::MalformedResponse,
            tail(format!(
                "fetch did not resolve to a Response for {operation} ({detail}): check the fetch function given to the client"
            )),
        ),
        Failure::TooLarge(limit) => Error::new(
            ErrorCode::MalformedResponse,
            tail(format!(
                "the answer to {operation} is larger than maxResponseBytes ({limit} bytes) and was not read: {}",
                // At the default, the most remise reads, there is nothing to raise. (The figures are
                // DEFAULT_MAX_RESPONSE_BYTES written out, which a unit test holds them to.)
                if limit < DEFAULT_MAX_RESPONSE_BYTES {
                    "raise maxResponseBytes (4194304 bytes at most) if this answer is expected"
                } else {
                    "remise reads no larger answer (4 MiB)"
                }
            )),
        ),
    };
    let err = err.with_gateway(gateway).with_retryable(retryable);
    if unknown {
        err.with_outcome_unknown()
    } else {
        err
    }
}

/// Whether a body under HTTP 429 may be the gateway's answer, which a refusal before processing is
/// not: such a 429 is not trusted ([`settle`]). Fails closed: a `{` anywhere (JSON, cut or not, in
/// an array, a page or JSONP), `Envelope` (SOAP), a NUL (UTF-16 or UTF-32 text read as UTF-8) or a
/// 0xEF byte (a byte order mark, U+FFFD for bytes that are not UTF-8: a compressed body) make it
/// one; what is left is an empty body or plain text and markup. One test for the three decoders
/// (the review of the pass, then an attack on it: a BOM, a cut body, UTF-16 and gzip read as a plain
/// refusal, "safe to send again").
pub fn may_be_answer(body: &str) -> bool {
    body.bytes().any(|b| matches!(b, b'{' | 0 | 0xEF))
        || crate::codec::text::find(body, "Envelope").is_some()
}

/// `retryable` of a decoder's plain HTTP error (no gateway answer read from it): the clients' table
/// ([`verdict`]) for a call of `kind`, and a 429 to a money-moving call only when its body is no
/// possible answer ([`may_be_answer`]). A decoder that does not know its call (Systempay and Sips
/// answers do not name it) passes `MoneyMoving`, which fails closed. [`settle`] reads the verdict
/// back: such a 429 left not retryable is not trusted.
pub fn status_retryable(kind: CallKind, status: u16, body: &str) -> bool {
    verdict(kind, Failure::Status(status)).0 && (kind == CallKind::Read || !may_be_answer(body))
}

/// The error for an answer that reads as a success under another status than 200 (see
/// [`settle`]); also `payline.parseResponse`'s, so that the stateless reader agrees with the client,
/// and a Sips answer's under a 2xx other than 200 or a 4xx.
pub fn untrusted_success(gateway: Gateway, status: u16) -> Error {
    Error::new(
        ErrorCode::MalformedResponse,
        format!(
            "an answer under HTTP {}, not 200, is not trusted, whatever it says",
            u32::from(status)
        ),
    )
    .with_gateway(gateway)
    .with_http_status(status)
}

/// Settles a decoded answer by the same table: after a money-moving call, an answer that cannot
/// be trusted (not readable, seal or signature wrong, HTTP 408 or 5xx without a usable body) has
/// an unknown outcome; after a read, 408/429/5xx are retryable. Every gateway's client goes
/// through here.
pub fn settle(
    gateway: Gateway,
    kind: CallKind,
    operation: &str,
    status: u16,
    decoded: Result<serde_json::Value>,
) -> Result<serde_json::Value> {
    // HTTP 408 or 5xx: the server says the call failed on its way, whatever the body says.
    let failed_status = status == 408 || (500..=599).contains(&status);
    let mut e = match decoded {
        // An acceptance under any status but 200 is not trusted (a proxy's page around a cached
        // body, a gateway that failed after writing it): neither "done" nor "not done" can be
        // told. Only Payline's decoder reads a body under another status (its SOAP faults come
        // with 500): a stored SOAP acceptance served under 203, 404 or 429 read as done (found by
        // a helper's attack with a counting server).
        Ok(_) if status != 200 => untrusted_success(gateway, status),
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let transient = failed_status || status == 429;
    let untrusted = match e.code {
        ErrorCode::MalformedResponse | ErrorCode::SignatureInvalid => true,
        // 421 (Misdirected Request): the runtime's fetch sends the request again on a new
        // connection before remise sees it (Fetch standard, RFC 9110 §15.5.20): a server that
        // answers 421 has not processed it, but one that did would have it twice.
        // A 429 is trusted (refused before processing) only when its decoder found no gateway
        // answer in it, which it says by leaving it retryable (eleventh pass: an acceptance or a
        // technical error under 429 read as "safe to send again").
        ErrorCode::HttpError => {
            (transient && status != 429) || status == 421 || (status == 429 && !e.retryable)
        }
        // A refusal is trusted, unless the gateway reports a technical failure during
        // processing ([`MAY_HAVE_HAD_EFFECTS`]) or the status says the call failed on its way
        // (Payline's SOAP faults come with HTTP 500: only a `Client` fault, a request refused as
        // malformed before processing, says nothing was done).
        // A refusal under any status but 200 (401, refused credentials, aside) is not trusted
        // either: a proxy's stored answer under 404 or 429, a 421 the runtime sent twice. Only
        // Payline's decoder reads a body under another status. A `Server` fault says the gateway
        // failed while processing, whatever the status.
        ErrorCode::GatewayError => {
            let code = e.gateway_code.as_deref().unwrap_or("");
            // `Server` or SOAP 1.1's dotted `Server.generalException`: Payline's decoder keeps the
            // fault code's local part (after the last `:` of `soapenv:Server`).
            let fault = |side: &str| {
                code.strip_prefix(side)
                    .is_some_and(|r| r.is_empty() || r.starts_with('.'))
            };
            fault("Server")
                || (!fault("Client")
                    && (may_have_had_effects(gateway, code) || (status != 200 && status != 401)))
        }
        _ => false,
    };
    match kind {
        CallKind::MoneyMoving => {
            // A trusted refusal keeps its code table's `retryable` (Systempay PSP_099, Sips 90:
            // refused, nothing done, may pass later), as the stateless `parseResponse` says; a
            // plain HTTP error is retryable after a 429 only, as in [`verdict`].
            if untrusted {
                e.retryable = false;
                e = e.with_outcome_unknown();
                e.message.push_str("; ");
                e.message.push_str(&status_hint(gateway, operation));
            }
        }
        CallKind::Read => {
            if e.code == ErrorCode::HttpError {
                e.retryable = transient;
            }
        }
    }
    Err(e)
}

/// Gateway codes of a technical failure during processing: the operation may have had effects,
/// so after a money-moving call its outcome is unknown (query the status before sending again).
/// Our reading of the gateways' words, marked uncertain in the references: Systempay's "technical
/// error" codes (reference systempay.md §5: INT_999, PSP_999, ACQ_999; `systempay::codes` says
/// so), Payline's 021xx technical errors (reference payline.md §5: 02101 internal error, 02102
/// acquirer communication error, 02103 connection timeout towards the bank after 25 s, 02106 payment
/// partner error: a helper's audit, twentieth pass), Sips's 99
/// ("temporary problem at server level", reference sogenactif.md §2.1). And answers that say the
/// operation is under way: Sips 60 ("transaction pending") and 62 ("waiting for confirmation"), every Payline code whose status is
/// on hold, in progress or pending ([`may_have_had_effects`] reads `payline::codes`), Payline
/// 02015 ("REFUSED in progress": its status word is REFUSED, its meaning is under way), 02003
/// ("issuer communication error: the transaction must be cancelled"), 02009 and 02011 ("to be
/// reversed": the transaction exists), 02012 ("unmatched partner
/// return code": an answer nobody could read), 01197 and 01199 (acquirer communication error,
/// system internal error), 01907, 01909, 01912 and 01941–01943 (issuer or bank server errors, as
/// 02102 is). And Payline's duplicates, 02001, 02002 and 01913: an identical operation (same order
/// reference, amount and sequence number, day D or D-1) is already accepted, or pending for 02002
/// (https://docs.payline.com/display/DT/Duplicate+check). This call did nothing, but the operation
/// asked for may well be done: read as "not done", a caller would send it again with another
/// `sequenceNumber`, which passes the check (a helper's audit, seventeenth pass). And 01185 ("used
/// order", payline.md §5): the order reference was already used, maybe by this caller's own earlier
/// attempt that went through (the same reading as 01913; a helper's audit, twentieth pass); Sips 94
/// ("duplicated transaction: transactionReference already used", sogenactif.md §2) and Systempay
/// PSP_012 ("transaction already exists", systempay.md §5; a helper's audit, twenty-second pass)
/// likewise.
pub const MAY_HAVE_HAD_EFFECTS: [(Gateway, &str); 3] = [
    (Gateway::Systempay, "ACQ_999 INT_999 PSP_999 PSP_012"),
    (
        Gateway::Payline,
        "02101 02102 02103 02106 02003 02009 02011 02012 02015 01197 01199 01907 01909 01912 01941 01942 01943 02001 02002 01913 01185",
    ),
    (Gateway::Sogenactif, "01 60 62 94 99"),
];

/// Whether a refusal's `code` may hide an operation that was done or is under way: the table
/// above, and Payline's codes whose status word is `ONHOLD_PARTNER`, `INPROGRESS` or
/// `PENDING_RISK` (02000 "in progress: wait for the payment status", 02016 "on hold at the
/// partner", …), outside remise's table (`UNKNOWN`: payline.md §5 says the lists it comes from are
/// cut or second-hand) or not five digits at all (`00000 ` with a space is no acceptance; a SOAP
/// `Client` fault's code, not five digits either, is left out by [`settle`]); a Systempay code
/// outside its table, missing or spelled otherwise (`'PSP_999 '`, `'int_999'`, `PSP_998`: the
/// reference says new codes may come); a Sips code outside its table (`07`, `88`).
pub fn may_have_had_effects(gateway: Gateway, code: &str) -> bool {
    // One line of space-separated codes per gateway (smaller than a row per code).
    MAY_HAVE_HAD_EFFECTS
        .iter()
        .any(|(g, list)| *g == gateway && list.split(' ').any(|c| c == code))
        || (gateway == Gateway::Payline
            && crate::payline::codes::describe(code).map_or(true, |d| {
                matches!(
                    d.status.as_str(),
                    "ONHOLD_PARTNER" | "INPROGRESS" | "PENDING_RISK" | "UNKNOWN"
                )
            }))
        || (gateway == Gateway::Systempay && crate::systempay::codes::describe(code).is_none())
        || (gateway == Gateway::Sogenactif && crate::sogenactif::codes::describe(code).is_none())
}

/// The options every client takes besides its gateway's (`api::client::transport_options` takes
/// them out before the gateway's reader runs; Systempay's and Payline's readers mark them known,
/// so that `TimeoutMs` gets its "did you mean").
pub const TRANSPORT_OPTIONS: [&str; 4] = ["fetch", "debug", "timeoutMs", "maxResponseBytes"];

/// Names (compared without case) of fields whose values are secrets or card data; their values
/// are replaced in debug events and in every text from the wire quoted by an error. The card
/// number (`pan`, `cardNumber`, Payline `number`) keeps at most its first 6 and last 4 digits.
pub const REDACTED_FIELDS: &[&str] = &[
    // card numbers
    "pan",
    "cardnumber",
    "number",
    // card security codes: Payline card.cvx, Sips cardCSCValue
    "cvx",
    "cvv",
    "cvc",
    "cvv2",
    "cardcscvalue",
    "cardsecuritycode",
    "securitycode",
    // credentials and keys
    "password",
    "accesskey",
    "secretkey",
    "hmackey",
    "authorization",
    // tokens (a saved-card token charges the card again: Systempay paymentMethodToken, Payline
    // card.registrationToken)
    "token",
    "paymentmeantoken",
    "formtoken",
    "cardtoken",
    "paymentmethodtoken",
    "registrationtoken",
    // one-time authentication values: a network token's cryptogram (Payline
    // card.tokenRequestorCryptogram), 3-D Secure's CAVV and PARes (Payline authentication3DSecure,
    // Office Batch initialCavv)
    "tokenrequestorcryptogram",
    "cavv",
    "initialcavv",
    "pares",
    // bank accounts
    "iban",
    "accountnumber",
];

fn is_redacted(name: &str) -> bool {
    REDACTED_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name))
}

fn is_card_number_field(name: &str) -> bool {
    ["pan", "cardnumber", "number"]
        .iter()
        .any(|f| f.eq_ignore_ascii_case(name))
}

/// The masked form of a card number: first 6 and last 4 digits of a 16–19-digit number, last 4
/// of a shorter one, nothing of one under 10 digits.
fn mask_pan(value: &str) -> String {
    // `*` too: a value masked already comes out the same (redacting twice changes nothing).
    let n = value.len();
    if n < 10 || !value.bytes().all(|b| b.is_ascii_digit() || b == b'*') {
        return "***".to_string();
    }
    mask_digits(value, n)
}

/// `run` with its digits masked as [`mask_pan`] masks a number of `n` digits; other bytes (the
/// separators of a grouped number) are kept.
fn mask_digits(run: &str, n: usize) -> String {
    let head = if n >= 16 { 6 } else { 0 };
    let mut k = 0;
    let mut out = String::with_capacity(run.len());
    // By character: a group's separator may be a no-break space (two bytes).
    for c in run.chars() {
        let digit = c.is_ascii_digit() || c == '*';
        k += usize::from(digit);
        out.push(if digit && k > head && k + 4 <= n {
            '*'
        } else {
            c
        });
    }
    out
}

/// Masks every run of 10 to 19 ASCII digits (a card number or a bank account) in `text`,
/// keeping its last four (and first six of a run of 16 or more), and every card number written in
/// groups: two or more groups of 3 to 6 digits joined by one space, no-break space, `-` or `.`, 13
/// digits or more in all (`4970 1000 0000 0055`, `4970.1000.0000.0055`, `3782 822463 10005`), masked
/// the same way with their separators kept. Groups of two digits (times, phone numbers) and of 7 or
/// more (two `YYYYMMDD` dates side by side) are never taken for a card number. (Dots and no-break
/// spaces: a helper's attack on the transport, eighteenth pass, found them whole in `gatewayMessage`,
/// `response` and debug events; groups of eight, `49701000 00000055`, stay, for the dates.)
pub fn mask_card_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        // The first group, then more groups of 3 to 6 digits one separator apart.
        let mut end = i;
        while digit(end) {
            end += 1;
        }
        let mut digits = end - i;
        let mut grouped = false;
        if (3..=6).contains(&digits) {
            loop {
                let sep = match (bytes.get(end), bytes.get(end + 1)) {
                    (Some(b' ' | b'-' | b'.'), _) => 1,
                    (Some(0xC2), Some(0xA0)) => 2,
                    _ => break,
                };
                let mut e = end + sep;
                while digit(e) {
                    e += 1;
                }
                if !(3..=6).contains(&(e - end - sep)) {
                    break;
                }
                (digits, end, grouped) = (digits + e - end - sep, e, true);
            }
        }
        if (grouped && digits >= 13) || (!grouped && (10..=19).contains(&digits)) {
            out.push_str(text.get(copied..i).unwrap_or(""));
            out.push_str(&mask_digits(text.get(i..end).unwrap_or(""), digits));
            copied = end;
        }
        i = end;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// Redacts a body (request or answer): JSON by key, XML by element name, then digit runs.
pub fn redact(text: &str) -> String {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(mut v) = crate::codec::json_ref::answer_value(text) {
            // Keys by name and strings as text (`redact_json`); then every long digit run,
            // numbers and ids included.
            redact_json(&mut v);
            return mask_card_numbers(&crate::codec::json::to_text(&v));
        }
    }
    mask_card_numbers(&redact_pairs(&redact_markup(text)))
}

/// Replaces the value of `name=value` and `name: value` pairs (form bodies, query strings, log-like
/// text), `name="value"` attributes and `"name":"value"` pairs of a cut JSON text whose name is in
/// [`REDACTED_FIELDS`]; a quoted value ends at its closing quote, another at `&`, `,`, `;`,
/// whitespace, a quote, `<`, `>`, `}` or `]`, and Systempay's `[name=<redacted>, value=…]` at its
/// `]` or the end of the line, whatever it holds.
fn redact_pairs(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    // Systempay names a refused field apart from its value: `[name=securityCode, value=737]`.
    let mut named = false;
    while i < bytes.len() {
        let Some(b) = bytes.get(i) else { break };
        if !b.is_ascii_alphabetic()
            || (i > 0 && bytes.get(i - 1).is_some_and(|p| p.is_ascii_alphanumeric()))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while bytes
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
        {
            end += 1;
        }
        let name = text.get(start..end).unwrap_or("");
        let mut j = end;
        // The closing quote of a key: `"cvv":` in a cut JSON text, `'cvv': ` (a Python or PHP
        // dump), `\"cvv\":` in JSON quoted inside a JSON string (whose values then end at their
        // `\"`). Tabs and line breaks may stand around the `:` or `=` as spaces do.
        let escaped = bytes.get(j) == Some(&b'\\');
        j += usize::from(escaped);
        // `&quot;cvv&quot;:` is JSON quoted as entities inside markup (its values are then quoted
        // the same way); `[cvv] => 739` a PHP `print_r`, `card[cvv]=739` a bracketed form name.
        let entity = !escaped && bytes.get(j..).is_some_and(|t| t.starts_with(QUOT));
        j += if entity {
            QUOT.len()
        } else {
            usize::from(matches!(bytes.get(j), Some(b'"' | b'\'' | b']')))
        };
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        // `value=` of a redacted `[name=…, value=…]` runs to its `]`, spaces included (a grouped
        // card number `4970 1000 0000 0055` kept all but its first group; found by a helper).
        let to_bracket = named && name.eq_ignore_ascii_case("value");
        let redacted = is_redacted(name) || to_bracket;
        let names = name.eq_ignore_ascii_case("name");
        if (redacted || names) && matches!(bytes.get(j), Some(b'=') | Some(b':')) {
            // Systempay's form is `value=…]`: its value runs to the `]` whatever it holds, quotes
            // included (`value='4970' 1000 0000 0055]`); a JSON `"value":"…"` keeps its quotes.
            let to_bracket = to_bracket && bytes.get(j) == Some(&b'=');
            j += 1;
            j += usize::from(bytes.get(j) == Some(&b'>')); // PHP's `=>`
            while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            // A quoted value (an XML attribute, a JSON string) runs to its closing quote; a `\`
            // escapes the next byte.
            if escaped && bytes.get(j) == Some(&b'\\') {
                j += 1;
            }
            let rest = bytes.get(j..).unwrap_or_default();
            let quote: &[u8] = if to_bracket {
                b""
            } else if entity && rest.starts_with(QUOT) {
                QUOT
            } else {
                rest.get(..1)
                    .filter(|q| matches!(q, [b'"' | b'\'']))
                    .unwrap_or_default()
            };
            j += quote.len();
            let v_start = j;
            while let Some(&c) = bytes.get(j) {
                let ends = if quote.is_empty() {
                    c == b']'
                        || c == b'\n'
                        || (!to_bracket
                            && (matches!(
                                c,
                                b'&' | b',' | b';' | b'"' | b'\'' | b'<' | b'>' | b'}'
                            ) || c.is_ascii_whitespace()))
                } else {
                    bytes.get(j..).is_some_and(|t| t.starts_with(quote)) || (escaped && c == b'\\')
                };
                if ends {
                    break;
                }
                j += if c == b'\\' && !quote.is_empty() {
                    2
                } else {
                    1
                };
            }
            let j = j.min(bytes.len());
            // `Authorization: Basic dXNl…`: the scheme stays; everything after it on the line
            // goes (no guess about what credentials look like under a redacted name).
            if quote.is_empty() && is_scheme(text.get(v_start..j).unwrap_or("")) {
                if let Some((c_start, c_end)) = credentials(bytes, j, redacted) {
                    out.push_str(text.get(copied..c_start).unwrap_or(""));
                    out.push_str("***");
                    copied = c_end;
                    i = c_end;
                } else {
                    i = j;
                }
                continue;
            }
            named = names && is_redacted(text.get(v_start..j).unwrap_or(""));
            // A JSON `null` is no secret, and `***` in its place would break the JSON text.
            if redacted && j > v_start && text.get(v_start..j) != Some("null") {
                out.push_str(text.get(copied..v_start).unwrap_or(""));
                let value = text.get(v_start..j).unwrap_or("");
                out.push_str(&if is_card_number_field(name) {
                    mask_pan(value)
                } else {
                    "***".to_string()
                });
                copied = j;
            }
            i = j.max(end);
        } else if is_scheme(name) {
            // Credentials after `Basic`/`Bearer`/`Digest` in any text (a header quoted in a log
            // line); Digest's parameters to the end of the line.
            i = end;
            let digest = name.eq_ignore_ascii_case("digest");
            if let Some((c_start, c_end)) = credentials(bytes, end, digest) {
                out.push_str(text.get(copied..c_start).unwrap_or(""));
                out.push_str("***");
                (copied, i) = (c_end, c_end);
            }
        } else {
            i = end;
        }
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

const QUOT: &[u8] = b"&quot;";

/// An HTTP authentication scheme whose credentials follow it (`Basic`, `Bearer`, `Digest`).
fn is_scheme(word: &str) -> bool {
    ["basic", "bearer", "digest"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Where the credentials that follow a scheme ending at `at` start and end, after spaces.
/// `whole`: everything to the end of the line (or a `<`), whatever it looks like (under
/// a redacted name such as `Authorization`, and Digest's `username="…", response="…"`). Else a
/// run of base64, base64url or JWT characters of 8 or more that is not a plain lower-case word
/// (`Basic authentication failed` names no credentials). `None` when there is nothing to take.
fn credentials(bytes: &[u8], at: usize, whole: bool) -> Option<(usize, usize)> {
    let start = at + bytes.get(at..)?.iter().take_while(|c| **c == b' ').count();
    let rest = bytes.get(start..)?;
    let len = if whole {
        rest.iter()
            .take_while(|c| !matches!(c, b'\n' | b'\r' | b'<'))
            .count()
    } else {
        rest.iter()
            .take_while(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, b'+' | b'/' | b'=' | b'.' | b'_' | b'-' | b'~')
            })
            .count()
    };
    let token = rest.get(..len)?;
    let plain_word = token.iter().all(u8::is_ascii_lowercase);
    (start > at && len > 0 && (whole || (len >= 8 && !plain_word))).then_some((start, start + len))
}

/// Redacts a decoded answer in place: by field name, and what its strings quote (what [`redact`]
/// does to JSON text, except that a string of digits alone is kept whole: transaction ids):
/// `RemiseError.response`.
pub fn redact_value(v: &mut serde_json::Value) {
    redact_json(v);
}

fn redact_json(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            for (k, item) in m.iter_mut() {
                if is_redacted(k) {
                    *item = match item {
                        Value::String(s) if is_card_number_field(k) => Value::String(mask_pan(s)),
                        Value::Null => Value::Null,
                        _ => Value::String("***".into()),
                    };
                } else {
                    redact_json(item);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        // Text that quotes markup or pairs (`<cvv>…`, `cvx=…`, `\"cvv\":\"…\"` in a message), and
        // card numbers in free text; a string of digits alone (an id) stays whole.
        Value::String(s) if !s.bytes().all(|b| b.is_ascii_digit()) => {
            *s = mask_card_numbers(&redact_pairs(&redact_markup(s)))
        }
        _ => {}
    }
}

/// Replaces the text content of elements named in [`REDACTED_FIELDS`] (any prefix), and the
/// value of `name=value` form fields with those names. A plain scan, not a parser: it must also
/// work on cut or broken answers quoted by errors. Markup written as entities inside a text (a SOAP
/// fault quoting the request: `&lt;obj:cvx&gt;737&lt;/obj:cvx&gt;`) is scanned the same way.
fn redact_markup(text: &str) -> String {
    let text = angle_brackets(text);
    let out = redact_tags(&text, "<", ">");
    // Markup written as entities, also escaped by half (`&lt;cvx>737&lt;/cvx>`: writers that
    // escape `<` and `&` only, as StAX does).
    match crate::codec::text::find(&out, "&lt;") {
        Some(_) => redact_tags(&out, "&lt;", "&gt;"),
        None => out,
    }
}

/// `text` with the other spellings of `<` and `>` written as `&lt;` and `&gt;` (numeric
/// references in decimal, zero-padded or hex, `&amp;lt;` escaped twice) or as themselves (`\u003c`
/// in JSON text that did not parse whole), so that [`redact_tags`] sees the markup they write.
/// The redacted text shows them so; borrowed as it is when it holds none.
#[inline(never)]
fn angle_brackets(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut copied, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        let rest = text.get(i..).unwrap_or("");
        let found: Option<(usize, &str)> = match b {
            b'&' if rest.starts_with("&amp;lt;") => Some((8, "&lt;")),
            b'&' if rest.starts_with("&amp;gt;") => Some((8, "&gt;")),
            b'&' if rest.starts_with("&#") => {
                let (digits, radix) = match rest.as_bytes().get(2) {
                    Some(b'x' | b'X') => (rest.get(3..).unwrap_or(""), 16),
                    _ => (rest.get(2..).unwrap_or(""), 10),
                };
                let len = digits.bytes().take_while(u8::is_ascii_hexdigit).count();
                let value = crate::codec::text::parse_uint(digits.get(..len).unwrap_or(""), radix);
                let whole = rest.len() - digits.len() + len;
                match (value, rest.as_bytes().get(whole)) {
                    (Some(60), Some(b';')) => Some((whole + 1, "&lt;")),
                    (Some(62), Some(b';')) => Some((whole + 1, "&gt;")),
                    _ => None,
                }
            }
            b'\\'
                if rest
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("\\u003")) =>
            {
                match rest.as_bytes().get(5) {
                    Some(b'c' | b'C') => Some((6, "<")),
                    Some(b'e' | b'E') => Some((6, ">")),
                    _ => None,
                }
            }
            _ => None,
        };
        match found {
            Some((len, with)) => {
                out.push_str(text.get(copied..i).unwrap_or(""));
                out.push_str(with);
                i += len;
                copied = i;
            }
            None => i += 1,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}

/// [`redact_markup`] for tags opened by `lt` and closed by `gt` (or by a `>`). Linear in the text:
/// the searches that may run far ahead (a closing `gt` or `>`, the next end tag) are remembered
/// ([`Ahead`]); searching again from each tag made 40 000 `<cvv>` without an end tag take seconds.
fn redact_tags(text: &str, lt: &str, gt: &str) -> String {
    use crate::codec::text::find;
    let mut out = String::with_capacity(text.len());
    let (mut close_gt, mut close_angle, mut end_tag) =
        (Ahead::default(), Ahead::default(), Ahead::default());
    let mut pos = 0;
    while let Some(at) = find(text.get(pos..).unwrap_or(""), lt).map(|n| pos + n) {
        out.push_str(text.get(pos..at).unwrap_or(""));
        let close = [
            (close_gt.find(text, at, gt, false), gt.len()),
            (close_angle.find(text, at, ">", false), 1),
        ]
        .into_iter()
        .filter_map(|(at, len)| at.map(|n| (n, len)))
        .min();
        let Some((end, gt_len)) = close else {
            out.push_str(text.get(at..).unwrap_or(""));
            return out;
        };
        let tag = text.get(at..end + gt_len).unwrap_or("");
        out.push_str(tag);
        pos = end + gt_len;
        let inner = tag.get(lt.len()..).unwrap_or("").trim_start_matches('<');
        let body = inner
            .get(..inner.len().saturating_sub(gt_len))
            .unwrap_or("");
        if inner.starts_with(['/', '?', '!']) || body.ends_with('/') {
            continue;
        }
        let name = body
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        // After the last ':' (a byte search: `rsplit` would link a reverse char searcher).
        let local = match name.bytes().rposition(|b| b == b':') {
            Some(i) => name.get(i + 1..).unwrap_or(name),
            None => name,
        };
        if is_redacted(local) {
            // The content runs to the next end tag (past a comment or a child element before the
            // text: `<cvv><!-- c -->737</cvv>`), else to the next tag; or to the end of a CDATA
            // section that starts it (after white space: pretty-printed XML).
            let rest = text.get(pos..).unwrap_or("");
            let (content, tail) = match rest.trim_start().strip_prefix("<![CDATA[") {
                Some(c) => crate::codec::text::split_once(c, "]]>").unwrap_or((c, "")),
                None => {
                    let stop = end_tag
                        .find(text, pos, lt, true)
                        .or_else(|| find(rest, lt).map(|n| pos + n))
                        .unwrap_or(text.len());
                    (
                        text.get(pos..stop).unwrap_or(""),
                        text.get(stop..).unwrap_or(""),
                    )
                }
            };
            if !content.is_empty() {
                out.push_str(&if is_card_number_field(local) {
                    mask_pan(content.trim())
                } else {
                    "***".to_string()
                });
            }
            pos = text.len() - tail.len();
        }
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// The first place of a pattern at or after a position that only moves forward, searched again
/// only once the position has passed the place found (or never, once there is none).
#[derive(Default)]
struct Ahead {
    searched: bool,
    at: Option<usize>,
}

impl Ahead {
    /// The first `pat` in `text` at or after `from` (`slash`: the first followed by `/`).
    fn find(&mut self, text: &str, from: usize, pat: &str, slash: bool) -> Option<usize> {
        if self.searched && self.at.is_none_or(|a| a >= from) {
            return self.at;
        }
        let mut start = from;
        self.at = loop {
            let Some(n) = crate::codec::text::find(text.get(start..).unwrap_or(""), pat) else {
                break None;
            };
            let at = start + n;
            if !slash || text.as_bytes().get(at + pat.len()) == Some(&b'/') {
                break Some(at);
            }
            start = at + pat.len();
        };
        self.searched = true;
        self.at
    }
}

/// Gateway text quoted in a message (a SOAP fault, a refusal, an error envelope's messages):
/// redacted, control characters as spaces (no line breaks into logs), at most 500 characters and
/// then `…` when it was cut. The `…` marks the cut for the client's scrub of its own secrets
/// (`api::client::scrub_text` takes out a secret's start before a `…`): without it, a password
/// echoed across the 500th character showed its first characters (found by a helper's attack).
pub fn wire_text(text: &str) -> String {
    let mut out = String::new();
    for (n, c) in redact(text).chars().enumerate() {
        if n == 500 {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

/// A short, redacted excerpt of a text from the wire (or from the runtime), for messages.
pub fn excerpt(text: &str) -> String {
    // `printable` shows the first 40 characters (and `…` when there are more).
    crate::money::printable(&redact(text))
}

#[cfg(test)]
mod tests;
