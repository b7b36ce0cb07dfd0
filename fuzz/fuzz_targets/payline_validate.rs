//! Payline request validation on arbitrary JSON, every operation, fixed or given options.
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::payline::{request, Operation, Options};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let opts = Options::new("111111111", "AFju9XHplQzvamffO72L");
    let params = v.get("params").unwrap_or(&v);
    let named = v.get("operation").and_then(Value::as_str);
    for op in Operation::ALL.iter().map(|o| o.name()).chain(named) {
        match request(op, params, &opts) {
            Ok(r) => {
                let _ = r.to_json();
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                let _ = e.to_json();
            }
        }
    }
});
