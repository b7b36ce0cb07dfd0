//! Validated body + options → [`HttpRequest`].
//!
//! `POST {baseUrl}/api-payment/V4/{service}` with `Content-Type: application/json`,
//! `Accept: application/json` and `Authorization: Basic base64(shopId:password)`
//! (https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/kb/authentication.html).

use super::model::*;
use super::validate::{read_body, read_options, validate_options};
use crate::codec::json::type_name;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::printable;
use crate::transport::{basic_auth, HttpRequest};
use serde_json::Value;

/// Validates `body` for `service` and builds the request. Every problem of the body and of the
/// options is reported at once. A service remise does not model is `UNSUPPORTED` (use
/// [`request_unchecked`], i.e. `client.call`).
pub fn request(service: &str, body: &Value, opts: &Options) -> Result<Prepared> {
    prepare(service, body, opts, Issues::new())
}

/// [`request`] with the options given as caller input (`{ shopId, password, baseUrl? }`):
/// problems of the options and of the body are reported together.
pub fn request_json(service: &str, body: &Value, options: &Value) -> Result<Prepared> {
    let mut issues = Issues::new();
    // read_options leaves placeholders that validate_options accepts, so no option is reported
    // twice.
    let opts = read_options(options, &[], &mut issues);
    prepare(service, body, &opts, issues)
}

/// [`request`] after the issues already collected in `issues`.
fn prepare(service: &str, body: &Value, opts: &Options, mut issues: Issues) -> Result<Prepared> {
    let Some(svc) = Service::parse(service) else {
        return Err(unsupported(service));
    };
    validate_options(opts, &mut issues);
    let mut warnings = Vec::new();
    let body = read_body(svc, body, &mut issues, &mut warnings);
    issues.finish(Some(Gateway::Systempay))?;
    Ok(Prepared {
        service: svc.as_str().to_string(),
        kind: svc.kind(),
        request: http_request(svc.as_str(), body, opts),
        warnings,
    })
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
        request: http_request(service, body.to_string(), opts),
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
    format!("{base}{API_PATH}{service}")
}

fn http_request(service: &str, body: String, opts: &Options) -> HttpRequest {
    HttpRequest::post(
        url(service, opts),
        vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("Accept".to_string(), "application/json".to_string()),
            (
                "Authorization".to_string(),
                basic_auth(&opts.shop_id, &opts.password),
            ),
        ],
        body,
    )
}
