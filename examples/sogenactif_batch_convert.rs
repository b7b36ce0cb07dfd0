//! Speed and memory of the Office Batch bytes-to-bytes path (issue 9), natively.
//!
//! Writes N walletCredit records (default 1 000 000; 9 fields each, a different
//! transactionReference and orderId per record) as NDJSON into `target/bench-batch/`, then times
//! converting them into a CSV request file with `Converter::push` (64 KiB chunks read from the
//! file, the output written to a file beside it), with `Converter::add_many` (JSON arrays of 10 000
//! records) and with `BatchWriter::add` per record (a `serde_json::Value` each, as the wasm layer
//! does today). Prints a Markdown table with the peak resident set size (`VmHWM`, Linux).
//! Run: `cargo run --release --example sogenactif_batch_convert [N] [push]` (figures in
//! bench/RESULTS.md; `push` stops after the first path, for `valgrind --tool=callgrind`).

use remise::sogenactif::batch::{BatchWriter, Converter};
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::time::Instant;

const OPTIONS: &str = r#"{ "header": { "remitterId": "023101122334455", "date": "2024-01-05+0100", "time": "09:15:00+0100", "sequence": 1 } }"#;

fn peak_rss_kib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .map_or("n/a".to_string(), |k| format!("{k} KiB"))
}

/// CPU time of this process (user + system, /proc/self/stat, in clock ticks of 10 ms): on a
/// shared machine the wall time mostly measures the other processes.
fn cpu_ms() -> u64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let f: Vec<&str> = after.split_whitespace().collect();
            let user: u64 = f.get(11)?.parse().ok()?;
            let system: u64 = f.get(12)?.parse().ok()?;
            Some((user + system) * 10)
        })
        .unwrap_or(0)
}

fn record(i: usize) -> String {
    format!(
        r#"{{"method":"walletCredit","merchantId":"023101122334456","transactionReference":"REF{i:09}","amount":{},"merchantWalletId":"W{}","paymentMeanId":"1","currencyCode":"EUR","customerEmail":"customer@example.com","orderId":"order-{i}"}}"#,
        1000 + (i % 5000),
        i % 977
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-batch");
    std::fs::create_dir_all(&dir)?;
    let input = dir.join(format!("walletcredit-{total}.ndjson"));
    if !input.exists() {
        let mut w = BufWriter::new(std::fs::File::create(&input)?);
        for i in 0..total {
            w.write_all(record(i).as_bytes())?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }
    let in_bytes = std::fs::metadata(&input)?.len();
    println!("| path | records | wall time | CPU time | CPU per record | output bytes | peak RSS so far |");
    println!("|---|---:|---:|---:|---:|---:|---:|");

    // 1. NDJSON bytes -> request file, 64 KiB chunks.
    let start = Instant::now();
    let cpu = cpu_ms();
    let mut c = Converter::new(OPTIONS)?;
    let mut file = std::fs::File::open(&input)?;
    let mut sink = BufWriter::new(std::fs::File::create(dir.join("request.csv"))?);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut out = Vec::with_capacity(128 * 1024);
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        c.push(chunk.get(..n).unwrap_or_default(), &mut out)?;
        sink.write_all(&out)?;
        out.clear();
    }
    let summary = c.finish(&mut out)?;
    sink.write_all(&out)?;
    sink.flush()?;
    let t = start.elapsed();
    let cpu = cpu_ms() - cpu;
    println!(
        "| `Converter::push` (NDJSON file, {in_bytes} bytes, 64 KiB chunks) | {} | {:.2?} | {cpu} ms | {:.0} ns | {} | {} |",
        summary.records,
        t,
        cpu as f64 * 1e6 / total as f64,
        summary.bytes,
        peak_rss_kib()
    );

    if std::env::args().nth(2).as_deref() == Some("push") {
        return Ok(()); // profiling the push path alone (callgrind)
    }

    // 2. JSON arrays of 10 000 records (what JS addMany sends), the text prepared beforehand.
    let arrays: Vec<String> = (0..total)
        .step_by(10_000)
        .map(|s| {
            let items: Vec<String> = (s..(s + 10_000).min(total)).map(record).collect();
            format!("[{}]", items.join(","))
        })
        .collect();
    let start = Instant::now();
    let cpu = cpu_ms();
    let mut c = Converter::new(OPTIONS)?;
    let mut bytes = 0usize;
    for a in &arrays {
        c.add_many(a, &mut out)?;
        bytes += out.len();
        out.clear();
    }
    let summary = c.finish(&mut out)?;
    let t = start.elapsed();
    let cpu = cpu_ms() - cpu;
    println!(
        "| `Converter::add_many` (arrays of 10 000) | {} | {:.2?} | {cpu} ms | {:.0} ns | {} | {} |",
        summary.records,
        t,
        cpu as f64 * 1e6 / total as f64,
        bytes + out.len(),
        peak_rss_kib()
    );
    drop(arrays);

    // 3. BatchWriter::add per record from a serde_json::Value (today's wasm path, natively).
    let values: Vec<serde_json::Value> = (0..total.min(200_000))
        .map(|i| serde_json::from_str(&record(i)))
        .collect::<Result<_, _>>()?;
    let start = Instant::now();
    let cpu = cpu_ms();
    let mut w = BatchWriter::new(&serde_json::from_str(OPTIONS)?)?;
    let mut bytes = w.header()?.len();
    for v in &values {
        bytes += w.add(v)?.len();
    }
    bytes += w.finish()?.len();
    let t = start.elapsed();
    let cpu = cpu_ms() - cpu;
    println!(
        "| `BatchWriter::add` per record (a `Value` each) | {} | {:.2?} | {cpu} ms | {:.0} ns | {} | {} |",
        values.len(),
        t,
        cpu as f64 * 1e6 / values.len() as f64,
        bytes,
        peak_rss_kib()
    );
    Ok(())
}
