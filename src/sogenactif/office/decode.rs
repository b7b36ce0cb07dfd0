//! Decodes an Office JSON answer.

use super::seal;
use crate::error::{Error, ErrorCode, Gateway, Result};
use crate::sogenactif::codes;
use crate::transport::Secret;
use serde_json::Value;

/// Decodes the answer to an Office request.
///
/// - HTTP status other than 200 → `HTTP_ERROR` (with `httpStatus`, and `response` when the body is JSON).
/// - A body that is not a JSON object, or has no `responseCode` → `MALFORMED_RESPONSE`.
/// - When the answer carries a `seal` and `secret_key` is given, the seal is recomputed over the
///   answer's fields (same rule as requests, `seal`/`keyVersion`/`sealAlgorithm` left out) and
///   compared in constant time; a mismatch → `SIGNATURE_INVALID` (the answer is not returned: it
///   cannot be trusted).
/// - A `seal` but no key: the answer is returned unchecked with `sealVerified: false` (decision:
///   `parseResponse` without a key is for inspecting answers; `OfficeClient` always has the key).
///   Answers without a seal (the test platform does not seal them, reference §4.2) also get
///   `sealVerified: false`.
/// - The answer gains `responseMessage` (the meaning of `responseCode` from codes.rs),
///   `accepted` (`responseCode` is `00`) and `sealVerified`.
/// - A `responseCode` (`getTransDataResponseCode` when the answer has one: getTransactionData's)
///   other than `00` → `GATEWAY_ERROR` with `gatewayCode` = that code,
///   `gatewayMessage` = its meaning, `retryable` from the code table, and `response` = the decoded
///   answer.
pub fn parse_response(http_status: u16, text: &str, secret_key: Option<&Secret>) -> Result<Value> {
    parse_response_sealed(http_status, text, secret_key, false, false)
}

/// [`parse_response`], with `require_seal`: a 200 answer without a seal is `SIGNATURE_INVALID`
/// (and `money_moving`: the answer of a call that moves money, read by its `responseCode` alone;
/// a `getTransDataResponseCode` there, which no such answer carries, is data and cannot turn a
/// refusal into an acceptance).
/// (whatever its `responseCode`), as `OfficeClient` asks in production, where the platform seals
/// every answer (reference §4.2): one whose seal was taken out in transit is not trusted, neither
/// an acceptance nor a refusal (a forged refusal would have a refund sent again).
pub fn parse_response_sealed(
    http_status: u16,
    text: &str,
    secret_key: Option<&Secret>,
    require_seal: bool,
    money_moving: bool,
) -> Result<Value> {
    let size = crate::codec::check_size(
        text,
        crate::codec::MAX_ANSWER_BYTES,
        Gateway::Sogenactif,
        "answer",
        crate::codec::ANSWER_TOO_LARGE_HINT,
    );
    // An oversized body is never parsed; a non-200 one still gives HTTP_ERROR (without `response`).
    let parsed: Option<Value> = match size {
        // A byte order mark before the JSON text is ignored (RFC 8259 §8.1; the seal is over the
        // fields' values, not the text).
        Ok(()) => {
            crate::codec::json_ref::answer_value(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()
        }
        Err(_) => None,
    };
    // Processed, and not the 200 with a JSON answer (outcome unknown after a money-moving call);
    // a gateway answer under a 4xx (401 included) is neither "refused before processing" nor
    // trusted either (a helper's attack, sixteenth pass: '00' under 401 read as "credentials
    // refused, not done").
    if (201..=299).contains(&http_status)
        // (Whole or cut, in an object or not: a review of the pass found a cut answer under 403
        // read as "not done".)
        || ((400..=499).contains(&http_status)
            && crate::codec::text::find(text, "responseCode").is_some())
    {
        // (Not `malformed`: its "does not look like a Sips Office answer, check the URL" sent the
        // reader the wrong way for an answer that is one: a helper's review, twenty-eighth pass.)
        return Err(crate::transport::untrusted_success(
            Gateway::Sogenactif,
            http_status,
        ));
    }
    if http_status != 200 {
        let hint = match http_status {
            401 | 403 => "check merchantId, keyVersion and secretKey",
            404 | 405 => "check the URL (environment, baseUrl) and the service name",
            429 => "too many requests: try again later",
            // The outcome of a money-moving call is unknown here: the query comes first ("try again
            // later" came first: a helper's attack on the transport, eighteenth pass).
            408 | 500..=599 => "the platform did not process the request normally: for a money-moving operation check getTransactionData before sending it again",
            _ => "check the request",
        };
        let mut e = Error::new(
            ErrorCode::HttpError,
            format!(
                "sogenactif answered HTTP {}: {hint}",
                u32::from(http_status)
            ),
        )
        .with_gateway(Gateway::Sogenactif)
        .with_http_status(http_status)
        // The answer does not say which service it answers: read as after a money-moving one
        // (the client, which knows the call, retries reads on 408 and 5xx).
        .with_retryable(crate::transport::status_retryable(
            crate::transport::CallKind::MoneyMoving,
            http_status,
            text,
        ));
        if let Some(v @ Value::Object(_)) = parsed {
            e = e.with_response(v);
        }
        return Err(e);
    }
    size?;
    let mut answer = match parsed {
        Some(Value::Object(m)) => m,
        Some(_) => return Err(malformed("the answer is JSON but not an object")),
        None => return Err(malformed("the answer is not JSON")),
    };

    // Two digits in a string (N2, reference §2.1), taken as they are: the seal covers the text as
    // sent, so a number (0, sealed as "0", read as '00') or another form could pass for a code the
    // seal did not cover.
    // A getTransactionData answer's own result is `getTransDataResponseCode`; its `responseCode` is
    // the looked-up transaction's authorisation result (Worldline's Office PHP SDK: the response
    // class `GetTransactionDataResponse` and `SipsClient::doRefund`, which checks the former before
    // reading the status; reference sogenactif.md §1.6). A refused payment's data read as a refused
    // call, and an unknown transaction (`'25'` there alone) as no Sips answer (a helper's check
    // against the SDK, twenty-seventh pass).
    // (The stateless reader, which is not told the service, takes the lookup's code when there is one.)
    let lookup = match money_moving {
        false => answer.get("getTransDataResponseCode"),
        true => None,
    };
    let code = match lookup.or_else(|| answer.get("responseCode")) {
        Some(Value::String(s)) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.clone()
        }
        Some(_) => return Err(malformed("its response code is not a two-digit code")),
        None => return Err(malformed("the answer has no responseCode")),
    };

    let mut verified = false;
    if let (Some(given), Some(key)) = (answer.get("seal"), secret_key) {
        let Value::String(given) = given else {
            return Err(malformed("the answer's seal is not a string"));
        };
        // An empty key is the caller's mistake, not the gateway's: say so rather than "malformed".
        seal::check_key(key)?;
        let fields = Value::Object(answer.clone());
        let ok = seal::verify(&fields, given, key).map_err(|_| {
            malformed("the answer holds a value the seal cannot cover (a non-integer number)")
        })?;
        if !ok {
            return Err(Error::new(
                ErrorCode::SignatureInvalid,
                "the answer's seal does not match: it was not sealed with this secret key (check secretKey and keyVersion) or it was altered in transit",
            )
            .with_gateway(Gateway::Sogenactif)
            .with_field("seal"));
        }
        verified = true;
    } else if require_seal && secret_key.is_some() {
        return Err(Error::new(
            ErrorCode::SignatureInvalid,
            "the answer has no seal: production answers are sealed, so it was altered in transit or did not come from the platform",
        )
        .with_gateway(Gateway::Sogenactif)
        .with_field("seal"));
    }

    let row = codes::describe(&code);
    let message = row
        .map(|r| r.message.to_string())
        .unwrap_or_else(|| format!("unknown response code {}", crate::money::printable(&code)));
    let accepted = row.is_some_and(|r| r.accepted);
    answer.insert(
        "responseMessage".to_string(),
        Value::String(message.clone()),
    );
    answer.insert("accepted".to_string(), Value::Bool(accepted));
    answer.insert("sealVerified".to_string(), Value::Bool(verified));
    let answer = Value::Object(answer);
    if accepted {
        return Ok(answer);
    }
    Err(Error::new(
        ErrorCode::GatewayError,
        format!(
            "sogenactif refused the operation: responseCode {} ({message})",
            crate::money::printable(&code)
        ),
    )
    .with_gateway(Gateway::Sogenactif)
    .with_gateway_code(code)
    .with_gateway_message(message)
    .with_retryable(row.is_some_and(|r| r.retryable))
    .with_response(answer))
}

fn malformed(what: &str) -> Error {
    Error::new(
        ErrorCode::MalformedResponse,
        format!("{what}: this does not look like a Sips Office answer (check the URL and that the platform is up)"),
    )
    .with_gateway(Gateway::Sogenactif)
}
