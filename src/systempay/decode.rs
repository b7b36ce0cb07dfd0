//! The V4 response envelope (reference systempay.md §3).
//!
//! Business errors come back with HTTP 200 and `"status":"ERROR"`, so HTTP 200 alone never means
//! success. Like Lyra's own SDKs (lyra/rest-php-sdk Client.php, `$allowedCode = array(200, 401)`),
//! a 401 with a JSON body is decoded as an envelope; any other status is `HTTP_ERROR`.
//! Unknown `_type` values and unknown fields pass through untouched.

use super::codes;
use crate::codec::MAX_ANSWER_BYTES;
use crate::error::{Error, ErrorCode, Gateway, Result};
use crate::money::printable;
use serde_json::Value;

/// Decodes one HTTP answer. SUCCESS → the whole envelope (`{ webService, status, answer, … }`).
pub fn parse_response(http_status: u16, text: &str) -> Result<Value> {
    // Another 2xx: the call was processed, and its answer is not the envelope (outcome unknown
    // after a money-moving call, `transport::settle`).
    if (201..=299).contains(&http_status) {
        return Err(malformed(
            format!(
                "the answer is HTTP {}, not the 200 with the V4 envelope: {}",
                u32::from(http_status),
                snippet(text)
            ),
            http_status,
        ));
    }
    // A 4xx is read like the 401 (below): an envelope under it is the gateway's answer, not "refused
    // before processing" (`transport::settle` trusts neither its SUCCESS nor, but under 401, its
    // ERROR: outcome unknown after a money-moving call; a helper's attack, sixteenth pass).
    // Under a 4xx only a text naming `"answer"` may be the envelope, whole or cut (a proxy's or a
    // framework's error JSON, `{"status":404,"error":…}`, is not: a review of the pass).
    if http_status != 200
        && (!(400..=499).contains(&http_status)
            || crate::codec::text::find(text, "\"answer\"").is_none())
    {
        return Err(http_error(http_status, text));
    }
    // A byte order mark before the JSON text (RFC 8259 §8.1 lets a reader ignore it): an answer
    // saved to a file and read back with it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::codec::check_size(
        text,
        MAX_ANSWER_BYTES,
        Gateway::Systempay,
        "answer",
        crate::codec::ANSWER_TOO_LARGE_HINT,
    )
    .map_err(|e| e.with_http_status(http_status))?;
    let envelope: Value = match crate::codec::json_ref::answer_value(text) {
        Ok(v) => v,
        Err(e) => {
            return Err(malformed(
                format!("the answer is not JSON ({e}): {}", snippet(text)),
                http_status,
            ))
        }
    };
    let Some(obj) = envelope.as_object() else {
        return Err(malformed(
            "the answer is JSON but not an object: expected the V4 envelope {status, answer, …}"
                .to_string(),
            http_status,
        ));
    };
    let status = obj.get("status").and_then(Value::as_str);
    let answer = obj.get("answer");
    match (status, answer) {
        // A SUCCESS around the answer of an error (`V4/WebService/WebServiceError`) says two
        // things: not trusted (below), outcome unknown after a money-moving call.
        (Some("SUCCESS"), Some(Value::Object(a)))
            if http_status == 200
                && a.get("_type").and_then(Value::as_str) != Some("V4/WebService/WebServiceError") =>
        {
            Ok(envelope)
        }
        (Some("ERROR"), Some(Value::Object(a))) => {
            let code = a.get("errorCode").and_then(Value::as_str).unwrap_or("");
            let message = a.get("errorMessage").and_then(Value::as_str).unwrap_or("");
            let detailed_code = a.get("detailedErrorCode").and_then(Value::as_str);
            let detailed_message = a.get("detailedErrorMessage").and_then(Value::as_str);
            let web_service = obj.get("webService").and_then(Value::as_str).unwrap_or("the web service");
            Err(gateway_error(
                web_service,
                code,
                message,
                detailed_code,
                detailed_message,
                http_status,
                envelope.clone(),
            ))
        }
        (Some("SUCCESS"), Some(Value::Object(_))) => Err(malformed(
            format!("HTTP {} with status SUCCESS (its answer a success, or a WebServiceError): the answer cannot be trusted", u32::from(http_status)),
            http_status,
        )
        .with_response(envelope.clone())),
        (Some(s), _) if s != "SUCCESS" && s != "ERROR" => Err(malformed(
            format!(
                "unknown envelope status '{}': expected SUCCESS or ERROR",
                printable(s)
            ),
            http_status,
        )
        .with_response(envelope.clone())),
        _ => Err(malformed(
            "the envelope has no status or no answer object: expected {status: 'SUCCESS'|'ERROR', answer: {…}}".to_string(),
            http_status,
        )
        .with_response(envelope.clone())),
    }
}

/// The `GATEWAY_ERROR` for an `ERROR` envelope: `gatewayCode` = `errorCode`, `gatewayMessage` =
/// `errorMessage`, the detailed code and message in `message`, the envelope in `response`, and
/// the hint and `retryable` of the error-code table.
pub fn gateway_error(
    web_service: &str,
    code: &str,
    message: &str,
    detailed_code: Option<&str>,
    detailed_message: Option<&str>,
    http_status: u16,
    envelope: Value,
) -> Error {
    let info = codes::describe(code);
    let mut text = format!("{} answered ", printable(web_service));
    text.push_str(if code.is_empty() {
        "an error without code"
    } else {
        code
    });
    // The gateway's texts are quoted redacted (an error message may echo card data or a secret).
    if !message.is_empty() {
        text.push_str(&format!(" '{}'", crate::transport::wire_text(message)));
    }
    if detailed_code.is_some() || detailed_message.is_some() {
        text.push_str(" (detail:");
        for part in [detailed_code, detailed_message].into_iter().flatten() {
            text.push(' ');
            text.push_str(&crate::transport::wire_text(part));
        }
        text.push(')');
    }
    if let Some(info) = info {
        text.push_str(": ");
        text.push_str(info.hint);
    }
    let mut err = Error::new(ErrorCode::GatewayError, text.trim_end().to_string())
        .with_gateway(Gateway::Systempay)
        .with_retryable(info.is_some_and(|i| i.retryable))
        .with_response(envelope);
    if !code.is_empty() {
        err = err.with_gateway_code(code);
    }
    if !message.is_empty() {
        err = err.with_gateway_message(crate::transport::redact(message));
    }
    if http_status != 200 {
        err = err.with_http_status(http_status);
    }
    err
}

fn http_error(status: u16, text: &str) -> Error {
    Error::new(
        ErrorCode::HttpError,
        format!(
            "systempay answered HTTP {}{}{}",
            u32::from(status),
            if text.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", snippet(text))
            },
            // A 401 that is no V4 envelope (a proxy's, the platform's front): the credentials, as
            // Payline's and Sips' 401 say (a helper's attack on the transport, eighteenth pass).
            // A 404 or 405: the URL (a new user's walk, twenty-second pass: Sips's said so, not this).
            match status {
                401 => " (check shopId and the test or production password)",
                404 | 405 => " (check baseUrl and the service name)",
                _ => "",
            }
        ),
    )
    .with_gateway(Gateway::Systempay)
    .with_http_status(status)
    // The answer does not name its call: read as after a money-moving one (the client, which
    // knows the call, retries reads on 408 and 5xx).
    .with_retryable(crate::transport::status_retryable(
        crate::transport::CallKind::MoneyMoving,
        status,
        text,
    ))
}

fn malformed(message: String, status: u16) -> Error {
    let err = Error::new(ErrorCode::MalformedResponse, message).with_gateway(Gateway::Systempay);
    if status != 200 {
        err.with_http_status(status)
    } else {
        err
    }
}

/// The first characters of an unexpected body, printable, for messages.
fn snippet(text: &str) -> String {
    crate::transport::excerpt(text)
}
