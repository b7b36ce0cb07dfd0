//! HTTP values, credentials and the retry policy. No I/O here: the wasm layer sends
//! [`HttpRequest`]s with `fetch` and hands back [`HttpResponse`]s.

use crate::error::{issue, Error, ErrorCode, Gateway, Issues};
use base64::Engine as _;
use serde::Serialize;
use std::fmt;

/// A request ready to send: `{ method: 'POST', url, headers, body }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    /// Header names and values, in the order they are sent.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpRequest {
    pub fn post(url: impl Into<String>, headers: Vec<(String, String)>, body: String) -> Self {
        HttpRequest {
            method: "POST".to_string(),
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
            .map(|(_, v)| v.as_str())
    }

    /// `{ method, url, headers, body }` as JSON (headers as an object, in sending order).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        let mut headers = Map::new();
        for (k, v) in &self.headers {
            headers.insert(k.clone(), Value::String(v.clone()));
        }
        let mut m = Map::new();
        m.insert("method".into(), Value::String(self.method.clone()));
        m.insert("url".into(), Value::String(self.url.clone()));
        m.insert("headers".into(), Value::Object(headers));
        m.insert("body".into(), Value::String(self.body.clone()));
        Value::Object(m)
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
    // Issue 9: two buffers sized up front instead of two `format!`s (this runs on every request).
    let pass = password.expose();
    let mut raw = Vec::with_capacity(user.len() + 1 + pass.len());
    raw.extend_from_slice(user.as_bytes());
    raw.push(b':');
    raw.extend_from_slice(pass.as_bytes());
    let mut out = String::with_capacity(6 + raw.len().div_ceil(3) * 4);
    out.push_str("Basic ");
    base64::engine::general_purpose::STANDARD.encode_string(&raw, &mut out);
    out
}

/// Checks a client's `baseUrl` (where credentials are sent): an absolute http(s) URL without
/// query or fragment. `http://` is allowed for
/// local test servers only (127.0.0.1, localhost, [::1]).
pub fn check_base_url(url: &str, at: &str, example: &str, issues: &mut Issues) {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        Some(r)
    } else if let Some(r) = url.strip_prefix("http://") {
        let host = r.split(['/', ':']).next().unwrap_or("");
        let local = matches!(host, "127.0.0.1" | "localhost") || r.starts_with("[::1]");
        if !local {
            issues.push(
                at,
                issue::FORMAT,
                "must use https:// (http:// is accepted only for 127.0.0.1, localhost and [::1])",
            );
            return;
        }
        Some(r)
    } else {
        None
    };
    match rest {
        None => issues.push(
            at,
            issue::FORMAT,
            format!(
                "'{}' is not an absolute URL: give e.g. {example}",
                crate::money::printable(url)
            ),
        ),
        Some(r) if r.is_empty() || r.starts_with('/') => {
            issues.push(at, issue::FORMAT, "has no host")
        }
        Some(r) if r.contains(['?', '#']) || r.chars().any(|c| c.is_whitespace()) => issues.push(
            at,
            issue::FORMAT,
            "must not contain a query, a fragment or spaces",
        ),
        Some(_) => {}
    }
}

/// Masks the value of `Authorization` (keeping the scheme) for debug output.
pub fn mask_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            if k.eq_ignore_ascii_case("authorization") {
                let scheme = v.split(' ').next().unwrap_or("");
                (k.clone(), format!("{scheme} ***"))
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

/// Masks every run of 13 to 19 ASCII digits (a card number) in `text`, keeping its last four.
pub fn mask_card_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if (13..=19).contains(&run.len()) {
            let keep = run.get(run.len() - 4..).unwrap_or("");
            out.push_str(&"*".repeat(run.len() - 4));
            out.push_str(keep);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether a call only reads (safe to resend) or moves money (never resent automatically).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Read,
    MoneyMoving,
}

/// Why an attempt failed before a usable answer came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// `fetch` rejected (connection refused, reset, DNS…).
    Network,
    /// No answer within `timeoutMs`.
    Timeout,
    /// An HTTP status the gateway decoder does not handle as an answer.
    Status(u16),
}

/// Retries for reads: up to `max_retries` more attempts on network errors, 408 and 5xx, with
/// jittered exponential backoff. Money-moving calls are never retried.
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
        if kind == CallKind::MoneyMoving || retries_done >= self.max_retries {
            return None;
        }
        let retryable = match failure {
            Failure::Network | Failure::Timeout => true,
            Failure::Status(s) => s == 408 || (500..=599).contains(&s),
        };
        if !retryable {
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

/// The error for a failed attempt that will not be retried.
pub fn failure_error(
    gateway: Gateway,
    kind: CallKind,
    operation: &str,
    failure: Failure,
    timeout_ms: u32,
    detail: &str,
) -> Error {
    let status_hint = format!(
        "the {operation} request may have reached {}: check its status with {} before sending it again",
        gateway.as_str(),
        gateway.status_method()
    );
    let err = match failure {
        Failure::Timeout => Error::new(
            ErrorCode::Timeout,
            match kind {
                CallKind::MoneyMoving => format!("no answer within {timeout_ms} ms; {status_hint}"),
                CallKind::Read => format!(
                    "no answer within {timeout_ms} ms for {operation}: try again later or raise timeoutMs"
                ),
            },
        ),
        Failure::Network => Error::new(
            ErrorCode::NetworkError,
            match kind {
                CallKind::MoneyMoving => format!("network error ({detail}); {status_hint}"),
                CallKind::Read => {
                    format!("network error ({detail}) for {operation}: check connectivity and try again")
                }
            },
        ),
        Failure::Status(s) => Error::new(
            ErrorCode::HttpError,
            format!(
                "{} answered HTTP {s} to {operation}{}",
                gateway.as_str(),
                if (500..=599).contains(&s) && kind == CallKind::MoneyMoving {
                    format!("; {status_hint}")
                } else {
                    String::new()
                }
            ),
        )
        .with_http_status(s),
    };
    let err = err.with_gateway(gateway);
    match (kind, failure) {
        (CallKind::MoneyMoving, Failure::Timeout | Failure::Network) => err.with_outcome_unknown(),
        (CallKind::MoneyMoving, Failure::Status(s)) if (500..=599).contains(&s) => {
            err.with_outcome_unknown()
        }
        (CallKind::Read, f) => err.with_retryable(
            RetryPolicy::default()
                .next_delay_ms(CallKind::Read, 0, f, 0)
                .is_some(),
        ),
        _ => err,
    }
}

#[cfg(test)]
mod tests;
