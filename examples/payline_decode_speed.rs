//! Speed of the Payline answer reader on 1 MiB documents of adversarial shapes (issue 10, row 11:
//! the reader was quadratic; 771 KiB of attributes on one tag took 34 s). Not a timed test: it
//! prints the time of each shape and the peak resident set size (Linux). Run:
//! `cargo run --release --example payline_decode_speed` (results in bench/RESULTS.md).

use remise::payline;
use std::time::Instant;

const IMPL: &str = "http://impl.ws.payline.experian.com";
const OBJ: &str = "http://obj.ws.payline.experian.com";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn answer(decls: &str, body: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <impl:doCaptureResponse xmlns:impl=\"{IMPL}\" xmlns:obj=\"{OBJ}\" xmlns:xsi=\"{XSI}\"{decls}>\
         <impl:result><obj:code>00000</obj:code></impl:result>{body}</impl:doCaptureResponse></s:Body></s:Envelope>"
    )
}

/// CPU time of this thread in nanoseconds (Linux schedstat): on a shared machine wall time
/// measures the other tenants too.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn current_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak RSS to the current RSS (Linux: `5` into clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    // The documents of each shape at 1 MiB (timed), then at 3 MiB, under the 4 MiB cap (memory).
    let n = 1024 * 1024;
    run(n, true);
    run(3 * n, false);
}

fn run(n: usize, timed: bool) {
    let decls: String = (0..60).map(|i| format!(" xmlns:p{i}=\"{OBJ}\"")).collect();
    let one_deep = format!("{}{}", "<obj:d>".repeat(40), "</obj:d>".repeat(40));
    let shapes: Vec<(&str, String)> = vec![
        ("attributes on one tag", {
            let attrs: String = (0..n / 12).map(|i| format!(" a{i}=\"v\"")).collect();
            answer("", &format!("<obj:t{attrs}/>"))
        }),
        (
            "60 declarations x elements",
            answer(&decls, &"<p0:x>1</p0:x>".repeat(n / 14)),
        ),
        ("65 declarations (refused)", {
            let d: String = (0..61).map(|i| format!(" xmlns:p{i}=\"{OBJ}\"")).collect();
            answer(&d, &"<p0:x>1</p0:x>".repeat(n / 14))
        }),
        (
            "nil attributes",
            answer("", &"<obj:x xsi:nil=\"true\"/>".repeat(n / 22)),
        ),
        (
            "repeated elements",
            answer("", &"<obj:x>v</obj:x>".repeat(n / 16)),
        ),
        ("distinct elements", {
            let body: String = (0..n / 20)
                .map(|i| format!("<obj:x{i}>v</obj:x{i}>"))
                .collect();
            answer("", &body)
        }),
        (
            "references",
            answer("", &format!("<obj:x>{}</obj:x>", "&lt;&#65;".repeat(n / 9))),
        ),
        ("comments, PIs, CDATA", {
            let one = "<!-- c --><?p i?><![CDATA[<x>]]>";
            answer("", &format!("<obj:x>{}</obj:x>", one.repeat(n / one.len())))
        }),
        (
            "nesting 40 deep",
            answer("", &one_deep.repeat(n / one_deep.len())),
        ),
        (
            "long attribute value",
            answer("", &format!("<obj:x a=\"{}\">v</obj:x>", "v".repeat(n))),
        ),
        (
            "dates",
            answer("", &"<obj:date>01/02/2024 10:00</obj:date>".repeat(n / 36)),
        ),
        (
            "text",
            answer("", &format!("<obj:x>{}</obj:x>", "t".repeat(n))),
        ),
    ];
    if !timed {
        println!("\n| shape | bytes | result | RSS growth while decoding |");
        println!("|---|---:|---|---:|");
        for (shape, xml) in &shapes {
            let before = current_rss_kib().unwrap_or(0);
            reset_peak();
            let r = payline::parse_response("doCapture", 200, xml);
            let peak = peak_rss_kib().unwrap_or(0);
            let outcome = match r {
                Ok(_) => "read".to_string(),
                Err(e) => format!("refused ({})", e.code.as_str()),
            };
            let grown = peak.saturating_sub(before);
            println!("| {shape} | {} | {outcome} | {grown} KiB |", xml.len());
        }
        return;
    }
    println!("| shape | bytes | result | CPU time (best of 5) | wall time (best of 5) |");
    println!("|---|---:|---|---:|---:|");
    for (shape, xml) in &shapes {
        let mut best = f64::MAX;
        let mut best_cpu = u64::MAX;
        let mut outcome = String::new();
        for _ in 0..5 {
            let cpu = cpu_ns();
            let start = Instant::now();
            let r = payline::parse_response("doCapture", 200, xml);
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
            if let (Some(a), Some(b)) = (cpu, cpu_ns()) {
                best_cpu = best_cpu.min(b.saturating_sub(a));
            }
            outcome = match r {
                Ok(_) => "read".to_string(),
                Err(e) => format!("refused ({})", e.code.as_str()),
            };
        }
        let cpu_ms = best_cpu as f64 / 1e6;
        println!(
            "| {shape} | {} | {outcome} | {cpu_ms:.1} ms | {best:.1} ms |",
            xml.len()
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak RSS: {kib} KiB");
    }
}
