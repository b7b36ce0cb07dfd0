//! Systempay signed answers (browser return / IPN): `verify_hash` and `parse_answer` on arbitrary
//! posted fields, and on a `kr-answer` of arbitrary text with a valid `kr-hash` (so the JSON
//! reading behind the signature check is reached too).
// seeds: ../tests/fixtures/systempay/responses
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::systempay::{compute_hash, parse_answer, verify_hash, Keys};
use remise::transport::Secret;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let keys = Keys {
        hmac_key: Some(Secret::new("hmac-key-for-fuzzing")),
        password: Some(Secret::new("password-for-fuzzing")),
    };
    // Arbitrary fields (when the input is JSON).
    if let Ok(fields) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = verify_hash(&fields, &keys);
        if let Err(e) = parse_answer(&fields, &keys) {
            assert!(!e.message.is_empty());
        }
    }
    // A correctly signed answer of arbitrary text: the signature holds, so whatever the answer
    // is, the result is the decoded answer or MALFORMED_RESPONSE, never SIGNATURE_INVALID.
    for (kind, key) in [
        ("sha256_hmac", "hmac-key-for-fuzzing"),
        ("password", "password-for-fuzzing"),
    ] {
        let hash = compute_hash(text, &Secret::new(key)).unwrap();
        let fields = json!({ "kr-answer": text, "kr-hash": hash, "kr-hash-algorithm": "sha256_hmac", "kr-hash-key": kind });
        assert_eq!(verify_hash(&fields, &keys).ok(), Some(true));
        if let Err(e) = parse_answer(&fields, &keys) {
            assert_ne!(e.code.as_str(), "SIGNATURE_INVALID", "{}", e.message);
        }
    }
});
