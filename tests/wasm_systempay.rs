//! Systempay boundary tests in Node (wasm-bindgen-test): the request object with its
//! non-enumerable warnings, error shapes, and DTOs out of the exports.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Object, Reflect};
use remise::wasm::systempay::{
    systempay_hosts, systempay_plan_cancel_or_refund, systempay_request, systempay_verify_hash,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

const OPTS: &str =
    r#"{"shopId":"69876357","password":"testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M"}"#;

#[wasm_bindgen_test]
fn request_has_plain_headers_and_hidden_warnings() {
    let r = systempay_request(
        "Transaction/Refund".into(),
        obj(r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08","transactionOptions":{"cardOptions":{"captureDelay":999}}}"#),
        obj(OPTS),
    )
    .unwrap();
    let o: &Object = r.unchecked_ref();
    let keys: Vec<String> = Object::keys(o)
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(keys, vec!["method", "url", "headers", "body"]);
    let headers = get(&r, "headers");
    assert_eq!(
        get(&headers, "Authorization").as_string().unwrap(),
        "Basic Njk4NzYzNTc6dGVzdHBhc3N3b3JkX0RFTU9QUklWQVRFS0VZMjNHNDQ3NXpYWlEyVUE1eDdN"
    );
    let warnings: Array = get(&r, "warnings").unchecked_into();
    assert_eq!(warnings.length(), 1);
    assert_eq!(
        get(&warnings.get(0), "field").as_string().unwrap(),
        "transactionOptions.cardOptions.captureDelay"
    );
    assert!(get(&r, "body")
        .as_string()
        .unwrap()
        .contains(r#""captureDelay":365"#));
}

#[wasm_bindgen_test]
fn errors_carry_issues_and_codes() {
    let e = systempay_request(
        "Transaction/Get".into(),
        obj(r#"{"uuid":"nope","extra":1}"#),
        obj(OPTS),
    )
    .unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "VALIDATION");
    assert_eq!(get(&e, "gateway").as_string().unwrap(), "systempay");
    let issues: Array = get(&e, "issues").unchecked_into();
    assert_eq!(issues.length(), 2);
    // A wrong argument type is a RemiseError too, never a wasm-bindgen string throw.
    let e = systempay_request(JsValue::from_f64(1.0), JsValue::NULL, JsValue::NULL).unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "VALIDATION");
    assert_eq!(get(&e, "field").as_string().unwrap(), "service");
    let e = systempay_plan_cancel_or_refund(
        obj(r#"{"detailedStatus":"CANCELLED","amount":1,"currency":"EUR"}"#),
        obj(r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08"}"#),
    )
    .unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().unwrap(),
        "OPERATION_NOT_ALLOWED"
    );
    assert_eq!(get(&e, "gatewayCode").as_string().unwrap(), "PSP_105");
    let e = systempay_verify_hash(obj("{}"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "VALIDATION");
}

#[wasm_bindgen_test]
fn hosts_is_a_plain_object() {
    let h = systempay_hosts().unwrap();
    assert_eq!(
        get(&h, "systempay").as_string().unwrap(),
        "https://api.systempay.fr"
    );
    assert!(get(&h, "payzen").as_string().is_some());
}
