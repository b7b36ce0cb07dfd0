//! Payline boundary tests in Node (wasm-bindgen-test): DTO shapes out of the exports and the
//! error properties JS sees.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Object, Reflect};
use remise::wasm::payline::{
    payline_check_re_authorization, payline_describe_result, payline_parse_response,
    payline_request,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn request_headers_are_a_plain_object_and_dates_are_converted() {
    let params = obj(
        r#"{"transactionID":"1","payment":{"amount":1000,"currency":"EUR","action":101,"mode":"CPT","contractNumber":"1"},
            "order":{"ref":"R","amount":1000,"currency":978}}"#,
    );
    // 2024-07-01T10:00:00Z as a JS Date: 12:00 in Paris (CEST).
    let order = get(&params, "order");
    Reflect::set(
        &order,
        &"date".into(),
        &js_sys::Date::new(&"2024-07-01T10:00:00Z".into()),
    )
    .unwrap();
    let opts = obj(r#"{"merchantId":"111111111","accessKey":"AFju9XHplQzvamffO72L"}"#);
    let req = payline_request("doReAuthorization".into(), params, opts).unwrap();
    let headers = get(&req, "headers");
    assert!(headers.is_object());
    assert_eq!(
        get(&headers, "SOAPAction").as_string().unwrap(),
        "\"doReAuthorization\""
    );
    let body = get(&req, "body").as_string().unwrap();
    assert!(
        body.contains("<obj:date>01/07/2024 12:00</obj:date>"),
        "{body}"
    );
}

#[wasm_bindgen_test]
fn errors_carry_gateway_code_and_issues() {
    let original = obj(r#"{"date":"2024-01-15T10:00:00+01:00","currency":"EUR"}"#);
    let params = obj(r#"{"payment":{"currency":"USD"}}"#);
    let e = payline_check_re_authorization(original, params, "2024-02-01T00:00:00Z".into())
        .unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().unwrap(),
        "OPERATION_NOT_ALLOWED"
    );
    assert_eq!(get(&e, "gatewayCode").as_string().unwrap(), "02620");
    assert_eq!(get(&e, "gateway").as_string().unwrap(), "payline");

    let e = payline_request(
        "doCapture".into(),
        Object::new().into(),
        obj(r#"{"merchantId":"1","accessKey":"k"}"#),
    )
    .unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "VALIDATION");
    let issues: js_sys::Array = get(&e, "issues").into();
    assert_eq!(issues.length(), 2);
}

#[wasm_bindgen_test]
fn parse_and_describe_return_plain_objects() {
    let xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
        <doCaptureResponse xmlns=\"http://impl.ws.payline.experian.com\" xmlns:o=\"http://obj.ws.payline.experian.com\">\
        <result><o:code>00000</o:code></result></doCaptureResponse></s:Body></s:Envelope>";
    let v = payline_parse_response("doCapture".into(), xml.into(), JsValue::UNDEFINED).unwrap();
    let result = get(&v, "result");
    assert_eq!(get(&result, "accepted").as_bool(), Some(true));
    let r = payline_describe_result("02620".into()).unwrap();
    assert_eq!(get(&r, "accepted").as_bool(), Some(false));
    assert_eq!(get(&r, "status").as_string().unwrap(), "ERROR");
}
