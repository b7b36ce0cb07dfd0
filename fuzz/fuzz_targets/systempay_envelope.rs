//! Systempay REST answer envelope (`systempay::parse_response`): any status, any text.
// seeds: ../tests/fixtures/systempay/responses
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The fixtures are 200 answers; a few other statuses exercise the HTTP error paths.
    for status in [200u16, 401, 500] {
        match remise::systempay::parse_response(status, text) {
            Ok(v) => assert!(v.is_object(), "a decoded answer is an object"),
            Err(e) => {
                assert!(!e.message.is_empty());
                let _ = e.to_json();
            }
        }
    }
});
