#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Size caps (issue 10, rows 5 and 11): every decoder refuses a text above its cap with
//! `MALFORMED_RESPONSE` before reading it, and reads a valid answer padded up to exactly the cap.
//! The caps are 4 MiB for answers and 64 MiB for Office Batch response files (values written
//! here independently of the constants, which are checked against them).

use remise::codec::{MAX_ANSWER_BYTES, MAX_BATCH_RESPONSE_BYTES};
use remise::sogenactif::{batch, office};
use remise::systempay::{compute_hash, parse_answer, Keys};
use remise::transport::Secret;
use remise::{payline, systempay, ErrorCode, Gateway};
use serde_json::json;

const MIB: usize = 1024 * 1024;

/// `text` followed by `pad` repeated up to `len` bytes exactly.
fn padded(text: &str, pad: char, len: usize) -> String {
    let s = format!("{text}{}", pad.to_string().repeat(len - text.len()));
    assert_eq!(s.len(), len);
    s
}

fn assert_too_large(e: &remise::Error, gateway: Gateway, len: usize) {
    assert_eq!(e.code, ErrorCode::MalformedResponse, "{}", e.message);
    assert_eq!(e.gateway, Some(gateway));
    assert!(
        e.message.contains(&format!("is {len} bytes, above the")),
        "{}",
        e.message
    );
}

#[test]
fn the_caps_are_4_and_64_mib() {
    assert_eq!(MAX_ANSWER_BYTES, 4 * MIB);
    assert_eq!(MAX_BATCH_RESPONSE_BYTES, 64 * MIB);
}

#[test]
fn systempay_envelope() {
    let envelope = r#"{"webService":"Transaction/Get","status":"SUCCESS","answer":{"uuid":"u"}}"#;
    let at_cap = padded(envelope, ' ', 4 * MIB);
    assert_eq!(
        systempay::parse_response(200, &at_cap).unwrap()["answer"]["uuid"],
        "u"
    );
    let over = padded(envelope, ' ', 4 * MIB + 1);
    let e = systempay::parse_response(200, &over).unwrap_err();
    assert_too_large(&e, Gateway::Systempay, 4 * MIB + 1);
    assert_eq!(e.http_status, Some(200));
    // A non-JSON body that large is refused just as well (never parsed).
    let e = systempay::parse_response(200, &"x".repeat(5 * MIB)).unwrap_err();
    assert_too_large(&e, Gateway::Systempay, 5 * MIB);
}

#[test]
fn systempay_kr_answer() {
    let keys = Keys {
        hmac_key: Some(Secret::new("k")),
        password: None,
    };
    let signed = |answer: &str| {
        json!({ "kr-answer": answer, "kr-hash": compute_hash(answer, &Secret::new("k")).unwrap(),
                "kr-hash-algorithm": "sha256_hmac", "kr-hash-key": "sha256_hmac" })
    };
    let at_cap = padded(r#"{"orderStatus":"PAID"}"#, ' ', 4 * MIB);
    assert_eq!(
        parse_answer(&signed(&at_cap), &keys).unwrap()["orderStatus"],
        "PAID"
    );
    let over = padded(r#"{"orderStatus":"PAID"}"#, ' ', 4 * MIB + 1);
    let e = parse_answer(&signed(&over), &keys).unwrap_err();
    assert_too_large(&e, Gateway::Systempay, 4 * MIB + 1);
    assert_eq!(e.field.as_deref(), Some("kr-answer"));
}

#[test]
fn payline_answer() {
    let answer = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
        <impl:doCaptureResponse xmlns:impl=\"http://impl.ws.payline.experian.com\" xmlns:obj=\"http://obj.ws.payline.experian.com\">\
        <impl:result><obj:code>00000</obj:code></impl:result></impl:doCaptureResponse></s:Body></s:Envelope>";
    let at_cap = padded(answer, '\n', 4 * MIB);
    let v = payline::parse_response("doCapture", 200, &at_cap).unwrap();
    assert_eq!(v["result"]["code"], "00000");
    let over = padded(answer, '\n', 4 * MIB + 1);
    let e = payline::parse_response("doCapture", 200, &over).unwrap_err();
    assert_too_large(&e, Gateway::Payline, 4 * MIB + 1);
    assert_eq!(e.http_status, Some(200));
    // Not 2xx: the HTTP error, as for any unreadable answer.
    let e = payline::parse_response("doCapture", 502, &over).unwrap_err();
    assert_eq!((e.code, e.http_status), (ErrorCode::HttpError, Some(502)));
}

#[test]
fn office_answer() {
    let at_cap = padded(r#"{"responseCode":"00"}"#, ' ', 4 * MIB);
    let v = office::parse_response(200, &at_cap, None).unwrap();
    assert_eq!(v["accepted"], true);
    let over = padded(r#"{"responseCode":"00"}"#, ' ', 4 * MIB + 1);
    let e = office::parse_response(200, &over, None).unwrap_err();
    assert_too_large(&e, Gateway::Sogenactif, 4 * MIB + 1);
    // Not 200: HTTP_ERROR, without the (unparsed) body as `response`.
    let e = office::parse_response(500, &over, None).unwrap_err();
    assert_eq!((e.code, e.http_status), (ErrorCode::HttpError, Some(500)));
    assert!(e.response.is_none());
}

#[test]
fn batch_response_file() {
    let file =
        "FILE;response;office;v19\nHEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\nEND;0\n";
    // At the cap the file is read: here it is refused for what follows END, not for its size.
    let at_cap = padded(file, 'x', 64 * MIB);
    let e = batch::parse_response(&at_cap).unwrap_err();
    assert!(
        e.message.contains("text after the END line"),
        "{}",
        e.message
    );
    let over = padded(file, '\n', 64 * MIB + 1);
    let e = batch::parse_response(&over).unwrap_err();
    assert_too_large(&e, Gateway::Sogenactif, 64 * MIB + 1);
    assert!(e.message.contains("several request files"), "{}", e.message);
    // A file above the answer cap but under its own is read.
    assert!(batch::parse_response(&padded(file, '\n', 5 * MIB)).is_ok());
}
