//! Systempay request validation on arbitrary JSON: every service, the body being the input (or
//! its `body` member, as in the fixtures) and the options fixed or taken from `options`.
// seeds: ../tests/fixtures/systempay/requests
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::systempay::{request_json, Service};
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let body = v.get("body").unwrap_or(&v);
    let fixed = json!({ "shopId": "73239078", "password": "testpassword_x" });
    let options = v.get("options").unwrap_or(&fixed);
    let named = v.get("service").and_then(Value::as_str);
    for svc in Service::ALL.iter().map(|s| s.as_str()).chain(named) {
        match request_json(svc, body, options) {
            Ok(p) => {
                let _ = p.request.to_json();
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                let _ = e.to_json();
            }
        }
    }
});
