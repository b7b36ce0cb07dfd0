//! Systempay response envelopes (reference systempay.md §3): recorded success, error (INT_010,
//! verbatim from Lyra's Java SDK test capture), unknown `_type`, broken bodies, HTTP statuses.
// Native only: reads fixtures from disk (and proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::systempay::parse_response;
use remise::ErrorCode;
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/systempay/responses")
            .join(name),
    )
    .unwrap()
}

#[test]
fn success_returns_the_envelope() {
    let text = fixture("transaction_get_captured.json");
    let env = parse_response(200, &text).unwrap();
    assert_eq!(env["status"], "SUCCESS");
    assert_eq!(env["webService"], "Transaction/Get");
    assert_eq!(env["mode"], "TEST");
    assert_eq!(env["answer"]["_type"], "V4/Transaction");
    assert_eq!(env["answer"]["detailedStatus"], "CAPTURED");
    assert_eq!(
        env["answer"]["transactionDetails"]["cardDetails"]["captureResponse"]["refundAmount"],
        1000
    );
    // Nothing is dropped or changed.
    let raw: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(env, raw);
    // The same answer saved with a byte order mark (RFC 8259 §8.1): read the same; one after
    // white space is not a BOM and stays an error.
    assert_eq!(
        parse_response(200, &format!("\u{feff}{text}")).unwrap(),
        raw
    );
    assert_eq!(
        parse_response(200, &format!(" \u{feff}{text}"))
            .unwrap_err()
            .code,
        ErrorCode::MalformedResponse
    );
    let env = parse_response(200, &fixture("order_get.json")).unwrap();
    assert_eq!(env["answer"]["_type"], "V4/OrderTransactions");
    assert_eq!(env["answer"]["transactions"][0]["amount"], 990);
}

#[test]
fn unknown_type_and_fields_pass_through() {
    let text = fixture("unknown_type.json");
    let env = parse_response(200, &text).unwrap();
    assert_eq!(env, serde_json::from_str::<Value>(&text).unwrap());
    assert_eq!(env["answer"]["_type"], "V4/Something/NotYetKnown");
    assert_eq!(env["answer"]["futureField"]["nested"][2], 3);
    assert_eq!(env["newTopLevel"], true);
}

#[test]
fn error_int_010_is_a_gateway_error() {
    let text = fixture("error_int_010.json");
    let e = parse_response(200, &text).unwrap_err();
    assert_eq!(e.code, ErrorCode::GatewayError);
    assert_eq!(e.gateway, Some(remise::Gateway::Systempay));
    assert_eq!(e.gateway_code.as_deref(), Some("INT_010"));
    assert_eq!(e.gateway_message.as_deref(), Some("invalid currency"));
    assert!(
        e.message
            .contains("Invalid input value [name=currency, value=TTT]"),
        "{}",
        e.message
    );
    assert!(e.message.contains("Charge/CreatePayment"), "{}", e.message);
    assert!(e.message.contains("alpha-3"), "hint: {}", e.message);
    assert!(!e.retryable);
    assert_eq!(e.http_status, None);
    assert_eq!(
        e.response.unwrap(),
        serde_json::from_str::<Value>(&text).unwrap()
    );
}

#[test]
fn hints_and_retryable_from_the_table() {
    let e = parse_response(200, &fixture("cancel_or_refund_psp_075.json")).unwrap_err();
    assert_eq!(e.gateway_code.as_deref(), Some("PSP_075"));
    assert!(e.message.contains("refund it instead"), "{}", e.message);
    assert!(!e.retryable);
    let e = parse_response(200, &fixture("psp_099.json")).unwrap_err();
    assert_eq!(e.gateway_code.as_deref(), Some("PSP_099"));
    assert!(e.retryable);
    assert!(e.message.contains("retry later"));
    // A code that is not in the table still decodes.
    let text = r#"{"status":"ERROR","webService":"Transaction/Get","answer":{"errorCode":"PSP_777","errorMessage":"something new","detailedErrorCode":"X1","detailedErrorMessage":null}}"#;
    let e = parse_response(200, text).unwrap_err();
    assert_eq!(e.code, ErrorCode::GatewayError);
    assert_eq!(e.gateway_code.as_deref(), Some("PSP_777"));
    assert_eq!(e.gateway_message.as_deref(), Some("something new"));
    assert!(e.message.contains("X1"));
    assert!(!e.retryable);
}

#[test]
fn http_401_with_json_is_decoded() {
    let e = parse_response(401, &fixture("int_905_401.json")).unwrap_err();
    assert_eq!(e.code, ErrorCode::GatewayError);
    assert_eq!(e.gateway_code.as_deref(), Some("INT_905"));
    assert_eq!(e.http_status, Some(401));
    assert!(e.message.contains("shopId"), "{}", e.message);
    // 401 without JSON is an HTTP error.
    let e = parse_response(401, "<html>Unauthorized</html>").unwrap_err();
    assert_eq!(e.code, ErrorCode::HttpError);
    assert_eq!(e.http_status, Some(401));
    // …that names the credentials to check, as Payline's and Sips' 401 do (eighteenth pass).
    assert!(
        e.message
            .contains("check shopId and the test or production password"),
        "{}",
        e.message
    );
    let e = parse_response(503, "busy").unwrap_err();
    assert!(!e.message.contains("shopId"), "{}", e.message);
}

#[test]
fn other_statuses_are_http_errors() {
    for status in [500, 502, 503] {
        // Even with a valid SUCCESS envelope in the body.
        let e = parse_response(status, &fixture("order_get.json")).unwrap_err();
        assert_eq!(e.code, ErrorCode::HttpError, "{status}");
        assert_eq!(e.http_status, Some(status));
        assert!(e.message.contains(&status.to_string()));
    }
    // Under a 4xx an envelope is an answer that cannot be trusted, not a refusal before
    // processing (outcome unknown after a money-moving call, `transport::settle`); a body that is
    // not an envelope stays a plain HTTP error.
    for status in [400, 403, 404, 409, 422] {
        let e = parse_response(status, &fixture("order_get.json")).unwrap_err();
        assert_eq!(e.code, ErrorCode::MalformedResponse, "{status}");
        assert_eq!(e.http_status, Some(status));
        assert!(e.message.contains("cannot be trusted"), "{}", e.message);
        assert_eq!(e.response.as_ref().unwrap()["status"], "SUCCESS");
        // Cut, it is still one (not "not done").
        let cut = &fixture("order_get.json")[..120];
        assert_eq!(
            parse_response(status, cut).unwrap_err().code,
            ErrorCode::MalformedResponse,
            "{cut}"
        );
        // A framework's error JSON carries a `status` of its own (Spring Boot's
        // `{"timestamp":…,"status":404,"error":"Not Found","path":…}`: a review of the pass found
        // it read as an envelope, "may have been done", for a wrong baseUrl).
        let spring = format!(
            r#"{{"timestamp":"2026-12-06T10:00:00Z","status":{status},"error":"Not Found","path":"/api-payment/V4/Transaction/Get"}}"#
        );
        for plain in [
            "<html>Forbidden</html>",
            r#"{"error":"forbidden"}"#,
            "",
            spring.as_str(),
        ] {
            let e = parse_response(status, plain).unwrap_err();
            assert_eq!(e.code, ErrorCode::HttpError, "{status} {plain}");
        }
    }
}

#[test]
fn a_success_around_an_error_answer_is_not_trusted() {
    // `status: 'SUCCESS'` whose answer is a `V4/WebService/WebServiceError` (the error answer's
    // type, reference systempay.md §3): it resolved as a success.
    let body = r#"{"webService":"Transaction/CancelOrRefund","status":"SUCCESS","answer":{"_type":"V4/WebService/WebServiceError","errorCode":"INT_999"}}"#;
    let e = parse_response(200, body).unwrap_err();
    assert_eq!(e.code, ErrorCode::MalformedResponse);
    assert!(e.message.contains("WebServiceError"), "{}", e.message);
}

#[test]
fn broken_bodies_are_malformed() {
    for text in [
        fixture("broken_truncated.txt"),
        String::new(),
        "<html>502 Bad Gateway</html>".into(),
        "[1,2]".into(),
        "\"SUCCESS\"".into(),
        r#"{"status":"SUCCESS"}"#.into(),
        r#"{"status":"SUCCESS","answer":null}"#.into(),
        r#"{"status":"PENDING","answer":{}}"#.into(),
        r#"{"answer":{"uuid":"x"}}"#.into(),
        r#"{"status":"ERROR","answer":"boom"}"#.into(),
    ] {
        let e = parse_response(200, &text).unwrap_err();
        assert_eq!(e.code, ErrorCode::MalformedResponse, "{text}: {e}");
        assert_eq!(e.gateway, Some(remise::Gateway::Systempay));
    }
    // A 200 never means success by itself.
    assert!(parse_response(200, r#"{"status":"ERROR","answer":{}}"#).is_err());
}

#[test]
fn half_a_surrogate_pair_in_an_answer_is_read_as_a_replacement_character() {
    // JSON.parse reads `\ud83d` alone; a `str` cannot hold it. One odd character in a free-text
    // field must not make a payment's result unreadable (it would leave a refund "unknown").
    let env = parse_response(
        200,
        r#"{"status":"SUCCESS","answer":{"name":"ab\ud83d","other":"\udc00x","pair":"\ud83d\ude00","two":"\ud83d\ud83d\ude00"}}"#,
    )
    .unwrap();
    assert_eq!(env["answer"]["name"], "ab\u{fffd}");
    assert_eq!(env["answer"]["other"], "\u{fffd}x");
    assert_eq!(env["answer"]["pair"], "😀");
    assert_eq!(env["answer"]["two"], "\u{fffd}😀");
}
