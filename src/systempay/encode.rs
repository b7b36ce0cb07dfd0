//! Validated body + options → [`HttpRequest`].
//!
//! `POST {baseUrl}/api-payment/V4/{service}` with `Content-Type: application/json`,
//! `Accept: application/json` and `Authorization: Basic base64(shopId:password)`
//! (https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/kb/authentication.html).

use super::model::*;
use super::validate::{
    parse_input, read_body, read_options_ref, validate_options, PLACEHOLDER_SHOP_ID,
};
use crate::codec::json::{to_text, type_name};
use crate::codec::json_ref::Val;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::printable;
use crate::transport::{basic_auth, HttpRequest, Secret};
use serde_json::Value;
use std::borrow::Cow;

/// Validates `body` for `service` and builds the request. Every problem of the body and of the
/// options is reported at once. A service remise does not model is `UNSUPPORTED` (use
/// [`request_unchecked`], i.e. `client.call`).
pub fn request(service: &str, body: &Value, opts: &Options) -> Result<Prepared> {
    let text = to_text(body);
    let mut issues = Issues::new();
    let body = parse_input(&text, "(input)", &mut issues);
    prepare(service, body.as_ref(), opts, issues)
}

/// [`request`] with the options given as caller input (`{ shopId, password, baseUrl? }`):
/// problems of the options and of the body are reported together. Kept for Rust callers and
/// tests that hold `serde_json::Value`s; it goes through [`request_text`].
pub fn request_json(service: &str, body: &Value, options: &Value) -> Result<Prepared> {
    request_text(service, &to_text(body), &to_text(options))
}

/// The fast entry (issue 9): `body` and `options` are the caller's input as JSON text each
/// (`JSON.stringify` output from the wasm layer), read without copying. Same issues, paths and
/// messages as [`request_json`]; text that is not JSON is a `FORMAT` issue at `(input)` or
/// `options`.
pub fn request_text(service: &str, body: &str, options: &str) -> Result<Prepared> {
    let mut issues = Issues::new();
    // read_options leaves placeholders that validate_options accepts, so no option is reported
    // twice.
    let opts = match parse_input(options, "options", &mut issues) {
        Some(v) => read_options_ref(&v, &[], &mut issues),
        None => Options {
            shop_id: PLACEHOLDER_SHOP_ID.to_string(),
            password: Secret::new("*"),
            base_url: None,
        },
    };
    let body = parse_input(body, "(input)", &mut issues);
    prepare(service, body.as_ref(), &opts, issues)
}

/// [`request`] after the issues already collected in `issues` (`body` is `None` when its text
/// was not JSON, already reported).
fn prepare(
    service: &str,
    body: Option<&Val<'_>>,
    opts: &Options,
    mut issues: Issues,
) -> Result<Prepared> {
    let Some(svc) = Service::parse(service) else {
        return Err(unsupported(service));
    };
    validate_options(opts, &mut issues);
    let mut warnings = Vec::new();
    let body = match body {
        Some(b) => read_body(svc, b, &mut issues, &mut warnings),
        None => String::new(),
    };
    issues.finish(Some(Gateway::Systempay))?;
    Ok(Prepared {
        service: svc.as_str().to_string(),
        kind: svc.kind(),
        request: http_request(svc.as_str(), body, opts),
        warnings,
    })
}

/// [`request_unchecked`] with the body as the caller's JSON text: a modelled service is read
/// straight from the text ([`request_text`]'s fast path), others as a value.
pub fn request_unchecked_text(service: &str, body: &str, opts: &Options) -> Result<Prepared> {
    if Service::parse(service).is_some() {
        let mut issues = Issues::new();
        let parsed = parse_input(body, "(input)", &mut issues);
        return prepare(service, parsed.as_ref(), opts, issues);
    }
    let v: Value = crate::codec::json_ref::value(body).unwrap_or(Value::Null);
    request_unchecked(service, &v, opts)
}

/// For services remise does not model yet (`client.call`): the body must be a JSON object and is
/// sent as given (re-serialised); the service name must look like `Family/Action`. A service that
/// remise does model is validated as by [`request`].
pub fn request_unchecked(service: &str, body: &Value, opts: &Options) -> Result<Prepared> {
    if Service::parse(service).is_some() {
        return request(service, body, opts);
    }
    let mut issues = Issues::new();
    validate_options(opts, &mut issues);
    if !is_service_name(service) {
        issues.push(
            "service",
            issue::FORMAT,
            format!(
                "'{}' is not a web service name: use the path after /api-payment/V4/, e.g. 'Token/Get'",
                printable(service)
            ),
        );
    }
    if !body.is_object() {
        issues.push(
            "(input)",
            issue::TYPE,
            format!("must be an object, got {}", type_name(body)),
        );
    }
    issues.finish(Some(Gateway::Systempay))?;
    Ok(Prepared {
        service: service.to_string(),
        kind: call_kind(service),
        request: http_request(service, to_text(body), opts),
        warnings: Vec::new(),
    })
}

/// `Family/Action[/Action…]`, ASCII letters only in each segment (`Charge/PaymentOrder/Get`).
fn is_service_name(s: &str) -> bool {
    let mut n = 0;
    for seg in s.split('/') {
        n += 1;
        let mut b = seg.bytes();
        if !b.next().is_some_and(|c| c.is_ascii_uppercase())
            || !b.all(|c| c.is_ascii_alphanumeric())
        {
            return false;
        }
    }
    n >= 2
}

fn unsupported(service: &str) -> Error {
    let mut known = String::new();
    for s in Service::ALL {
        if !known.is_empty() {
            known.push_str(", ");
        }
        known.push_str(s.as_str());
    }
    Error::new(
        ErrorCode::Unsupported,
        format!(
            "remise does not validate the service '{}': use one of {known}, or client.call(service, body) to send it unchecked",
            printable(service),
        ),
    )
    .with_gateway(Gateway::Systempay)
    .with_field("service")
}

/// The URL of a service under `base_url` (default [`DEFAULT_BASE_URL`]); trailing slashes of the
/// base are dropped.
pub fn url(service: &str, opts: &Options) -> String {
    let base = opts
        .base_url
        .as_deref()
        .unwrap_or(DEFAULT_BASE_URL)
        .trim_end_matches('/');
    let mut u = String::with_capacity(base.len() + API_PATH.len() + service.len());
    u.push_str(base);
    u.push_str(API_PATH);
    u.push_str(service);
    u
}

fn http_request(service: &str, body: String, opts: &Options) -> HttpRequest {
    HttpRequest::post(
        url(service, opts),
        vec![
            ("Content-Type", Cow::Borrowed("application/json")),
            ("Accept", Cow::Borrowed("application/json")),
            (
                "Authorization",
                Cow::Owned(basic_auth(&opts.shop_id, &opts.password)),
            ),
        ],
        body,
    )
}
