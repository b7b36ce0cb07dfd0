//! Office Batch response files (`sogenactif::batch::parse_response`), CSV and XML.
// seeds: ../tests/fixtures/sogenactif
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The fixtures are request files: also read them as the response a platform would send.
    let as_response = text.replace(";request;", ";response;");
    for t in [text, as_response.as_str()] {
        match remise::sogenactif::batch::parse_response(t) {
            Ok(parsed) => {
                let _ = parsed.to_json();
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                let _ = e.to_json();
            }
        }
    }
});
