//! Sips Office JSON answers (`sogenactif::office::parse_response`), with and without the secret
//! key, and with a valid seal recomputed over arbitrary JSON fields (to reach what follows the
//! seal check).
// seeds: ../tests/fixtures/sogenactif/office
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::sogenactif::office::{parse_response, seal};
use remise::transport::Secret;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let key = Secret::new("002001000000001_KEY1");
    for status in [200u16, 500] {
        for k in [None, Some(&key)] {
            if let Err(e) = parse_response(status, text, k) {
                assert!(!e.message.is_empty());
                let _ = e.to_json();
            }
        }
    }
    if let Ok(serde_json::Value::Object(mut fields)) =
        serde_json::from_str::<serde_json::Value>(text)
    {
        fields.remove("seal");
        if let Ok(s) = seal(&serde_json::Value::Object(fields.clone()), &key) {
            fields.insert("seal".into(), s.into());
            let sealed = serde_json::Value::Object(fields).to_string();
            if let Err(e) = parse_response(200, &sealed, Some(&key)) {
                assert_ne!(
                    e.code.as_str(),
                    "SIGNATURE_INVALID",
                    "{}: {sealed}",
                    e.message
                );
            }
        }
    }
});
