//! Systempay core speed (issue 9): validate and encode one Transaction/CancelOrRefund request.
//!
//! `cargo run --release --example systempay_core [iterations]` prints the median time per call
//! over 15 rounds (each round = `iterations` calls, default 20 000), natively, for:
//! - `text`: `systempay::request_text(service, body_json, options_json)`, the entry the wasm layer
//!   calls with the caller's input as one JSON text each;
//! - `value`: `serde_json::from_str` of both texts into `Value`, then `systempay::request_json`
//!   (the shape of the call before issue 9).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use remise::systempay;
use std::hint::black_box;
use std::time::Instant;

const BODY: &str = r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08","amount":1000,"currency":"EUR","resolutionMode":"REFUND_ONLY","comment":"Order 42: customer request","transactionOptions":{"cardOptions":{"manualValidation":"NO","captureDelay":0}}}"#;
const OPTIONS: &str =
    r#"{"shopId":"69876357","password":"testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M"}"#;
const SERVICE: &str = "Transaction/CancelOrRefund";

fn median_ns(iterations: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iterations / 10 {
        f();
    }
    let mut rounds: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iterations {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(iterations)
        })
        .collect();
    rounds.sort_by(|a, b| a.total_cmp(b));
    rounds[rounds.len() / 2]
}

/// `systempay_core calls N` runs `request_text` exactly N times and prints nothing: for
/// `valgrind --tool=callgrind` (instructions per call = difference of two runs / difference of N).
fn calls(n: u32) {
    for _ in 0..n {
        let p = systempay::request_text(black_box(SERVICE), black_box(BODY), black_box(OPTIONS));
        black_box(p.unwrap());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("calls") {
        calls(args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1));
        return;
    }
    let iterations: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let text = median_ns(iterations, || {
        let p = systempay::request_text(black_box(SERVICE), black_box(BODY), black_box(OPTIONS));
        black_box(p.unwrap());
    });
    let value = median_ns(iterations, || {
        let body: serde_json::Value = serde_json::from_str(black_box(BODY)).unwrap();
        let options: serde_json::Value = serde_json::from_str(black_box(OPTIONS)).unwrap();
        let p = systempay::request_json(black_box(SERVICE), &body, &options);
        black_box(p.unwrap());
    });
    println!("Transaction/CancelOrRefund, {iterations} calls x 15 rounds, median per call:");
    println!(
        "  text  (request_text, JSON text in)         {:8.0} ns",
        text
    );
    println!(
        "  value (from_str to Value + request_json)   {:8.0} ns",
        value
    );
}
