//! The bytes-to-bytes Office Batch converter (its fast paths: the text scanner, the name and
//! printable checks, the sequence set, the stack line) against the reporting path, `batch::build`
//! over the same records read by serde_json: the same file, or both refuse. The first byte picks
//! the chunk size the input is pushed in (for the seed, its `{`: the first record is cut, the
//! others stand); the rest is NDJSON. A line that is not JSON must make the converter refuse.
// seeds: ../tests/fixtures/sogenactif/ndjson
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::sogenactif::batch::{self, Converter};
use serde_json::{json, Value};

const HEADER: &str = r#"{ "remitterId": "011223344550000", "date": "2024-01-05+0100", "time": "09:15:00+0100", "sequence": 7 }"#;

fuzz_target!(|data: &[u8]| {
    let Some((&first, text)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(first % 64) + 1;
    let Ok(header) = serde_json::from_str::<Value>(HEADER) else {
        return;
    };
    let Ok(mut c) = Converter::new(&json!({ "header": header, "input": "ndjson" }).to_string())
    else {
        return;
    };
    let mut out = Vec::new();
    let mut pushed = Ok(());
    for piece in text.chunks(chunk) {
        pushed = c.push(piece, &mut out);
        if pushed.is_err() {
            break;
        }
    }
    let converted = pushed.and_then(|()| c.finish(&mut out)).map(|_| out);
    // The same records through the reporting writer, when every line is JSON.
    let Ok(text) = std::str::from_utf8(text) else {
        assert!(converted.is_err(), "non-UTF-8 input was accepted");
        return;
    };
    let mut records = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => records.push(v),
            Err(_) => {
                assert!(
                    converted.is_err(),
                    "a line that is not JSON was accepted: {line:?}"
                );
                return;
            }
        }
    }
    let built = batch::build(&json!({ "header": header, "records": records }));
    match (converted, built) {
        (Ok(file), Ok(expected)) => assert_eq!(String::from_utf8_lossy(&file), expected),
        (Err(_), Err(_)) => {}
        (Ok(file), Err(e)) => panic!(
            "converter wrote {} bytes, build refused: {}",
            file.len(),
            e.message
        ),
        (Err(e), Ok(_)) => panic!("converter refused, build wrote the file: {}", e.message),
    }
});
