//! Timing of the native Payline request path (not a test): builds a doReAuthorization request and
//! decodes its answer, N times, and prints the mean per call of each half. Issue 9 wants build +
//! parse around 15 µs from JS; this measures the core alone. Run:
//! `cargo run --release --example payline_timing [iterations]` (results in bench/RESULTS.md).

use remise::payline::{self, Options};
use serde_json::json;
use std::hint::black_box;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let opts = Options::new("111111111", "AFju9XHplQzvamffO72L");
    let params = json!({
        "transactionID": "14340105742592",
        "payment": { "amount": 1000, "currency": "EUR", "action": 101, "mode": "CPT", "contractNumber": "1234567" },
        "order": { "ref": "ORDER-0001-R1", "amount": 1000, "currency": "EUR", "date": "2024-12-15T12:20:00+01:00" },
        "privateDataList": [{ "key": "origin", "value": "backoffice" }],
        "media": "Computer"
    });
    let template =
        include_str!("../tests/fixtures/payline/doReAuthorization.response.00000.tmpl.xml");
    let answer = template
        .replace("{W}", "")
        .replace("{O}", "obj:")
        .replace(
            "{NS}",
            "xmlns=\"http://impl.ws.payline.experian.com\" xmlns:obj=\"http://obj.ws.payline.experian.com\"",
        );
    // Warm up and check both halves work.
    payline::request("doReAuthorization", &params, &opts)?;
    payline::parse_response("doReAuthorization", 200, &answer)?;

    let start = Instant::now();
    for _ in 0..n {
        black_box(payline::request(
            "doReAuthorization",
            black_box(&params),
            &opts,
        )?);
    }
    let build = start.elapsed().as_secs_f64() * 1e6 / f64::from(n);
    let start = Instant::now();
    for _ in 0..n {
        black_box(payline::parse_response(
            "doReAuthorization",
            200,
            black_box(&answer),
        )?);
    }
    let parse = start.elapsed().as_secs_f64() * 1e6 / f64::from(n);
    println!(
        "payline doReAuthorization, {n} calls: request {build:.2} µs, parseResponse {parse:.2} µs, total {:.2} µs",
        build + parse
    );
    Ok(())
}
