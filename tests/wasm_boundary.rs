//! Boundary tests in Node (wasm-bindgen-test): the exports take and return text only, so these
//! check the framing and that bad input of every kind leaves the instance healthy.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use remise::wasm::{call, CoreClient};
use wasm_bindgen_test::wasm_bindgen_test;

/// Size of the wasm memory in bytes (64 KiB pages).
fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65536
}

#[wasm_bindgen_test]
fn results_and_errors_are_framed_text() {
    assert_eq!(
        call("money.toMinor", r#"["300.50","EUR"]"#, false),
        "o30050"
    );
    let e = call("money.toMinor", r#"["1e3","EUR"]"#, false);
    assert!(e.starts_with('e'), "{e}");
    let v: serde_json::Value = serde_json::from_str(&e[1..]).unwrap();
    assert_eq!(v["code"], "AMOUNT_FORMAT");
    assert_eq!(v["field"], "amount");
}

#[wasm_bindgen_test]
fn bad_input_leaves_memory_bounded_and_the_instance_healthy() {
    let deep = format!("[{}1{}]", "[".repeat(100), "]".repeat(100));
    for _ in 0..100 {
        let _ = call("systempay.request", &deep, false);
        let _ = call("money.toMinor", "not json", false);
        let _ = CoreClient::new("systempay", "[{\"fetch\":1}]", false);
    }
    let after_warmup = memory_bytes();
    for _ in 0..5_000 {
        let _ = call("systempay.request", &deep, false);
        let _ = call("money.toMinor", r#"["\u0000remise:nan","EUR"]"#, true);
        let _ = CoreClient::new("payline", "[null]", false);
    }
    assert_eq!(memory_bytes(), after_warmup);
    assert_eq!(call("money.toMinor", r#"["12.34","EUR"]"#, false), "o1234");
}
