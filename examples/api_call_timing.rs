//! Times `remise::api::call` natively (the core behind one JS call, no wasm): prints ns per call.
//! `api_call_timing OP N` runs only OP (`toMinor` or `systempay`) N times, for callgrind.
use std::time::Instant;

const SP: &str = r#"["Transaction/CancelOrRefund",{"uuid":"e4a0b9e6f1a04b5cb2a1f3e1d0c9b8a7","amount":1500,"currency":"EUR","resolutionMode":"AUTO","comment":"x"},{"shopId":"12345678","password":"testpassword_abc"}]"#;

fn one(op: &str) -> String {
    match op {
        "toMinor" => remise::api::call("money.toMinor", r#"["12.34","EUR"]"#, false),
        _ => remise::api::call("systempay.request", SP, false),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, op, n] = args.as_slice() {
        let n: u32 = n.parse().unwrap_or(1);
        for _ in 0..n {
            std::hint::black_box(one(op));
        }
        return;
    }
    for _ in 0..3 {
        let n = 200_000;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(one("toMinor"));
        }
        let a = t.elapsed().as_nanos() / n;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(one("systempay"));
        }
        let b = t.elapsed().as_nanos() / n;
        println!("toMinor {a} ns, systempay.request {b} ns");
    }
}
