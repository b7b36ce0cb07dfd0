//! Times `remise::api::call` natively (the core behind one JS call, no wasm): prints ns per call.
//! `api_call_timing OP N` runs only OP N times, for callgrind (bench/RESULTS.md, "Call path"):
//! `toMinor`, `systempay` (systempay.request Transaction/CancelOrRefund), `payline`
//! (payline.request doReAuthorization, the README's example) or `paylineParse`
//! (payline.parseResponse of the 00000 doReAuthorization answer fixture).
use std::time::Instant;

const SP: &str = r#"["Transaction/CancelOrRefund",{"uuid":"e4a0b9e6f1a04b5cb2a1f3e1d0c9b8a7","amount":1500,"currency":"EUR","resolutionMode":"AUTO","comment":"x"},{"shopId":"12345678","password":"testpassword_abc"}]"#;

/// The README's payline.request example, as the JS wrapper sends it (`new Date()` as its JSON).
const PL: &str = r#"["doReAuthorization",{"transactionID":"14340105742592","payment":{"amount":1000,"currency":"EUR","action":101,"mode":"CPT","contractNumber":"1234567"},"order":{"ref":"ORDER-0001-R1","amount":1000,"currency":"EUR","date":"2024-12-15T11:20:00.000Z"},"privateDataList":[{"key":"origin","value":"backoffice"}]},{"merchantId":"111111111","accessKey":"AFju9XHplQzvamffO72L"}]"#;

const OPS: [&str; 4] = ["toMinor", "systempay", "payline", "paylineParse"];

/// `[operation, xml, httpStatus]` of payline.parseResponse with the 00000 answer fixture.
fn payline_parse_args() -> String {
    let template =
        include_str!("../tests/fixtures/payline/doReAuthorization.response.00000.tmpl.xml");
    let answer = template.replace("{W}", "").replace("{O}", "obj:").replace(
        "{NS}",
        "xmlns=\"http://impl.ws.payline.experian.com\" xmlns:obj=\"http://obj.ws.payline.experian.com\"",
    );
    serde_json::to_string(&serde_json::json!(["doReAuthorization", answer, 200]))
        .unwrap_or_default()
}

fn one(op: &str, parse_args: &str) -> String {
    match op {
        "toMinor" => remise::api::call("money.toMinor", r#"["12.34","EUR"]"#, false),
        "payline" => remise::api::call("payline.request", PL, false),
        "paylineParse" => remise::api::call("payline.parseResponse", parse_args, false),
        _ => remise::api::call("systempay.request", SP, false),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let parse_args = payline_parse_args();
    // Every op must succeed (framing `o`/`w`), or the timing measures an error path.
    for op in OPS {
        let out = one(op, &parse_args);
        if out.starts_with('e') {
            eprintln!("{op} failed: {out}");
            std::process::exit(1);
        }
    }
    if let (Some(op), Some(n)) = (args.get(1), args.get(2)) {
        let n: u32 = n.parse().unwrap_or(1);
        for _ in 0..n {
            std::hint::black_box(one(op, &parse_args));
        }
        return;
    }
    for _ in 0..3 {
        let mut line = String::new();
        for op in OPS {
            let n = 100_000;
            let t = Instant::now();
            for _ in 0..n {
                std::hint::black_box(one(op, &parse_args));
            }
            let ns = t.elapsed().as_nanos() / n;
            line.push_str(&format!("{op} {ns} ns  "));
        }
        println!("{line}");
    }
}
