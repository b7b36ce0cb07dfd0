//! The wasm layer: conversion and dispatch only, no business rule.
//!
//! - [`throw`] turns an [`Error`] into a JS `RemiseError` (built by the factory each JS entry
//!   registers with `__setErrorFactory`, so `instanceof` holds for that entry's own class).
//! - [`input`] turns a JS value into `serde_json::Value` (Dates become ISO 8601 strings, functions
//!   and `undefined` are dropped) so the core reads it with `codec::json::Obj`.
//! - [`output`] turns a serialisable value into plain JS objects.
//! - [`fetch`] sends `HttpRequest`s (timeouts, retries of reads, debug events).

pub(crate) mod fetch;
pub mod money;
pub mod payline;
mod payline_types;
pub mod sogenactif_batch;
pub mod sogenactif_office;
pub mod systempay;
mod systempay_types;

use crate::error::Error;
use crate::money::MAX_SAFE_INTEGER;
use js_sys::{Array, Function, Object, Reflect};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Result type of every export: the error side is always a `RemiseError`.
pub(crate) type JsResult<T> = Result<T, JsValue>;

thread_local! {
    static ERROR_FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the function that builds a `RemiseError` from its plain properties. Each package
/// entry (ESM, CJS, workerd) calls it once with its own class.
#[wasm_bindgen(js_name = "__setErrorFactory", skip_typescript)]
pub fn set_error_factory(factory: Function) {
    ERROR_FACTORY.with(|f| *f.borrow_mut() = Some(factory));
}

/// Converts an [`Error`] into the JS value to throw: a `RemiseError` when a factory is
/// registered, otherwise an `Error` named `RemiseError` carrying the same properties.
pub(crate) fn throw(err: Error) -> JsValue {
    let props = output(&err.to_json());
    let factory = ERROR_FACTORY.with(|f| f.borrow().clone());
    if let Some(factory) = factory {
        if let Ok(e) = factory.call1(&JsValue::NULL, &props) {
            return e;
        }
    }
    let e = js_sys::Error::new(&err.message);
    e.set_name("RemiseError");
    if let Some(obj) = props.dyn_ref::<Object>() {
        let _ = Object::assign(e.unchecked_ref(), obj);
    }
    e.into()
}

/// Maps a core result to an export result.
pub(crate) fn js<T>(r: crate::Result<T>) -> JsResult<T> {
    r.map_err(throw)
}

/// JSON → plain JS values (objects, not Maps; integers as numbers).
///
/// Results are built as `serde_json::Value`s by hand and converted by one hand-written
/// `json_to_js`, rather than through serde-wasm-bindgen or `serde_json::to_value`: no
/// serializer is instantiated per output type, which keeps the shipped `.wasm` smaller.
pub(crate) fn output(value: &Value) -> JsValue {
    json_to_js(value)
}

/// `serde_json::Value` → plain JS value.
pub(crate) fn json_to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        // Integers up to 2^53 − 1 are exact as JS numbers; remise never outputs larger ones.
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => {
            let arr = Array::new_with_length(items.len() as u32);
            for (i, item) in items.iter().enumerate() {
                arr.set(i as u32, json_to_js(item));
            }
            arr.into()
        }
        Value::Object(map) => {
            let obj = Object::new();
            for (k, item) in map {
                let _ = Reflect::set(&obj, &JsValue::from_str(k), &json_to_js(item));
            }
            obj.into()
        }
    }
}

/// `output` for exports.
#[allow(clippy::unnecessary_wraps)] // exports return JsResult; keeps call sites uniform
pub(crate) fn out(value: &Value) -> JsResult<JsValue> {
    Ok(output(value))
}

const MAX_DEPTH: u32 = 64;

/// Converts caller input to JSON. `field` names the argument for error paths.
pub(crate) fn input(value: &JsValue, field: &str) -> Result<Value, Error> {
    convert(value, field, 0)
}

fn type_error(path: &str, what: &str) -> Error {
    Error::validation(
        None,
        vec![crate::Issue {
            field: path.to_string(),
            code: crate::error::issue::TYPE,
            message: what.to_string(),
        }],
    )
}

fn convert(value: &JsValue, path: &str, depth: u32) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(type_error(
            path,
            "is nested too deeply (or refers to itself): pass plain data",
        ));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(n) = value.as_f64() {
        return number(n, path);
    }
    if value.is_bigint() {
        return Err(type_error(
            path,
            "is a BigInt: pass a number (a safe integer) or a string",
        ));
    }
    if Array::is_array(value) {
        let arr: &Array = value.unchecked_ref();
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            out.push(convert(&item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if value.is_object() {
        if let Some(iso) = date_to_iso(value) {
            return iso
                .map(Value::String)
                .ok_or_else(|| type_error(path, "is an invalid Date"));
        }
        let mut map = Map::new();
        for entry in Object::entries(value.unchecked_ref()).iter() {
            let pair: &Array = entry.unchecked_ref();
            let Some(key) = pair.get(0).as_string() else {
                continue;
            };
            let v = pair.get(1);
            if v.is_undefined() || v.is_function() {
                continue;
            }
            let sub = crate::codec::json::join(path, &key);
            map.insert(key, convert(&v, &sub, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    Err(type_error(
        path,
        "is not plain data (use objects, arrays, strings, numbers, booleans)",
    ))
}

/// JS numbers: safe integers become JSON integers; other finite numbers stay floats so that the
/// core can report them (amounts must be integers); NaN and infinities are refused.
fn number(n: f64, path: &str) -> Result<Value, Error> {
    let limit = MAX_SAFE_INTEGER as f64;
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= limit {
        // Exact: |n| ≤ 2^53 − 1 and integral.
        return Ok(if n >= 0.0 {
            Value::Number(Number::from(n as u64))
        } else {
            Value::Number(Number::from(n as i64))
        });
    }
    Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| type_error(path, "is NaN or infinite: pass a finite number"))
}

/// `Some(Some(iso))` for a valid Date, `Some(None)` for an invalid one, `None` for other objects.
/// Checked by duck typing rather than `instanceof`, which fails across realms (edge-runtime).
fn date_to_iso(value: &JsValue) -> Option<Option<String>> {
    let get_time = Reflect::get(value, &"getTime".into()).ok()?;
    if !get_time.is_function() {
        return None;
    }
    let f = Reflect::get(value, &"toISOString".into()).ok()?;
    let f: &Function = f.dyn_ref()?;
    Some(f.call0(value).ok().and_then(|s| s.as_string()))
}

/// A string argument; anything else is a `VALIDATION` error naming `field`.
pub(crate) fn string_arg(value: &JsValue, field: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| type_error(field, &format!("must be a string, got {}", js_type(value))))
}

/// `typeof`-like name for messages.
pub(crate) fn js_type(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "a string"
    } else if Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "a function"
    } else {
        "an object"
    }
}

/// Test seam for the input conversion: returns what the core would read for `value`
/// (Dates as ISO strings, functions and `undefined` dropped). Used by js-tests.
#[wasm_bindgen(js_name = "__inputEcho", skip_typescript)]
pub fn input_echo(value: JsValue, field: JsValue) -> JsResult<JsValue> {
    let field = js(string_arg(&field, "field"))?;
    let v = js(input(&value, &field))?;
    out(&v)
}
