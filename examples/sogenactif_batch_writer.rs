//! Memory benchmark of the streaming Office Batch writer (not a timed test).
//!
//! Writes 1 000 000 records through `BatchWriter` into a sink and prints the peak resident set
//! size (`VmHWM` of /proc/self/status, Linux) after 1 000, 100 000 and 1 000 000 records. A
//! writer that kept its records would grow by hundreds of bytes per record; this one keeps only
//! counters. Run: `cargo run --release --example sogenactif_batch_writer` (results in
//! bench/RESULTS.md).

use remise::sogenactif::batch::BatchWriter;
use serde_json::json;
use std::io::Write;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let checkpoints = [1_000usize, 100_000, 1_000_000];
    let mut writer = BatchWriter::new(&json!({
        "header": { "remitterId": "023101122334455", "date": "2024-01-05+0100", "time": "09:15:00+0100", "sequence": 1 }
    }))?;
    let mut sink = std::io::sink();
    let mut bytes = 0usize;
    let mut emit = |text: String, bytes: &mut usize| -> std::io::Result<()> {
        *bytes += text.len();
        sink.write_all(text.as_bytes())
    };
    emit(writer.header()?, &mut bytes)?;
    let start = std::time::Instant::now();
    println!("| records written | peak RSS (VmHWM) | bytes written |");
    println!("|---:|---:|---:|");
    for i in 0..total {
        let record = json!({
            "method": "walletCredit",
            "merchantId": "023101122334456",
            "transactionReference": format!("REF{i:09}"),
            "amount": 1000 + (i % 5000),
            "merchantWalletId": format!("W{}", i % 977),
            "paymentMeanId": "1",
            "currencyCode": "EUR",
            "customerEmail": "customer@example.com",
            "orderId": format!("order-{i}"),
        });
        emit(writer.add(&record)?, &mut bytes)?;
        let n = i + 1;
        if checkpoints.contains(&n) {
            let rss = peak_rss_kib().map_or("n/a".to_string(), |k| format!("{k} KiB"));
            println!("| {n} | {rss} | {bytes} |");
        }
    }
    emit(writer.finish()?, &mut bytes)?;
    eprintln!(
        "{} records, {} bytes in {:.1?}",
        writer.count(),
        bytes,
        start.elapsed()
    );
    Ok(())
}
