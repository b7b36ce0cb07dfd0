//! Boundary tests in Node (wasm-bindgen-test): the shape of thrown errors and DTO round trips.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Function, Object, Reflect};
use remise::wasm::money::{money_currencies, money_currency, money_from_minor, money_to_minor};
use remise::wasm::{input_echo, set_error_factory};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn errors_are_real_error_objects_with_every_property() {
    // What the JS entries register (their RemiseError constructor), reduced to its essentials.
    set_error_factory(Function::new_with_args(
        "p",
        "return Object.assign(new Error(p.message), p, { name: 'RemiseError' })",
    ));
    let e = money_to_minor("1e3".into(), "EUR".into(), JsValue::UNDEFINED).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&e, "code").as_string().unwrap(), "AMOUNT_FORMAT");
    assert_eq!(get(&e, "field").as_string().unwrap(), "amount");
    assert_eq!(get(&e, "retryable").as_bool(), Some(false));
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("ASCII digits"));
}

#[wasm_bindgen_test]
fn without_a_factory_the_error_is_an_error_named_remise_error() {
    // A factory that throws falls back to a plain Error named RemiseError.
    let factory = Function::new_with_args("p", "throw new TypeError('factory broke')");
    set_error_factory(factory);
    let e = money_currency("NOPE".into(), JsValue::UNDEFINED).unwrap_err();
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "an Error, never a string"
    );
    assert_eq!(get(&e, "name").as_string().unwrap(), "RemiseError");
    assert_eq!(get(&e, "code").as_string().unwrap(), "UNKNOWN_CURRENCY");
    let factory = Function::new_with_args(
        "p",
        "return { fromFactory: true, code: p.code, field: p.field }",
    );
    set_error_factory(factory);
    let e = money_currency("NOPE".into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, "fromFactory").as_bool(), Some(true));
    assert_eq!(get(&e, "field").as_string().unwrap(), "currency");
}

#[wasm_bindgen_test]
fn money_dtos_round_trip() {
    let c = money_currency(JsValue::from_f64(978.0), "systempay".into()).unwrap();
    assert_eq!(get(&c, "code").as_string().unwrap(), "EUR");
    assert_eq!(get(&c, "digits").as_f64(), Some(2.0));
    let rows = money_currencies("systempay".into()).unwrap();
    assert_eq!(rows.unchecked_ref::<Array>().length(), 34);
    assert_eq!(
        money_to_minor("12.3".into(), "CNY".into(), "systempay".into()).unwrap(),
        123.0
    );
    assert_eq!(
        money_from_minor(JsValue::from_f64(123.0), "CNY".into(), "systempay".into()).unwrap(),
        "12.3"
    );
}

#[wasm_bindgen_test]
fn input_keeps_integers_exact_and_turns_dates_into_iso_strings() {
    let o = Object::new();
    Reflect::set(
        &o,
        &"amount".into(),
        &JsValue::from_f64(9_007_199_254_740_991.0),
    )
    .unwrap();
    Reflect::set(
        &o,
        &"at".into(),
        &js_sys::Date::new(&JsValue::from_f64(0.0)),
    )
    .unwrap();
    let v = input_echo(o.into(), "x".into()).unwrap();
    assert_eq!(get(&v, "amount").as_f64(), Some(9_007_199_254_740_991.0));
    assert_eq!(
        get(&v, "at").as_string().unwrap(),
        "1970-01-01T00:00:00.000Z"
    );
}
