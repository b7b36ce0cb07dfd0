//! Sogenactif validation on arbitrary JSON: every Office service (the input as its fields) and
//! the Batch file writer (the input as `{ syntax?, header, records }`).
// seeds: ../tests/fixtures/sogenactif/office
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::sogenactif::{batch, office};
use remise::transport::Secret;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let opts = office::Options::new("002001000000001", Secret::new("002001000000001_KEY1"), 1);
    for svc in office::Service::ALL {
        match office::request(svc.name(), &v, &opts) {
            Ok(r) => {
                let _ = r.to_json();
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                let _ = e.to_json();
            }
        }
    }
    match batch::build(&v) {
        Ok(file) => assert!(!file.is_empty()),
        Err(e) => {
            assert!(!e.message.is_empty());
            let _ = e.to_json();
        }
    }
});
