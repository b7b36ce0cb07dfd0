//! No input reaches a panic: arbitrary JSON into request, plan, hash; arbitrary text into
//! parse_response. Valid refunds always round-trip their amount exactly.
// Native only: reads fixtures from disk (and proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use remise::systempay::{self, Keys, Options};
use remise::transport::Secret;
use serde_json::{json, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-zA-Z0-9_/\\\\é ]{0,40}".prop_map(Value::String),
        Just(json!("a0b61d1e159748eaab876cfe342e8c08")),
        Just(json!("EUR")),
        Just(json!("CAPTURED")),
    ];
    let keys = prop_oneof![
        Just("uuid".to_string()),
        Just("amount".to_string()),
        Just("currency".to_string()),
        Just("resolutionMode".to_string()),
        Just("transactionOptions".to_string()),
        Just("cardOptions".to_string()),
        Just("captureDelay".to_string()),
        Just("mid".to_string()),
        Just("metadata".to_string()),
        Just("detailedStatus".to_string()),
        Just("kr-answer".to_string()),
        Just("kr-hash".to_string()),
        Just("kr-hash-key".to_string()),
        "[a-z]{1,8}",
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn opts() -> Options {
    Options {
        shop_id: "73239078".into(),
        password: Secret::new("testpassword_x"),
        base_url: None,
    }
}

proptest! {
    // No failure persistence: a run never writes into the tree (issue 10, row 13).
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn request_never_panics(body in arb_json(), i in 0usize..10) {
        let svc = systempay::Service::ALL[i].as_str();
        if let Ok(p) = systempay::request(svc, &body, &opts()) {
            // Whatever passes validation is valid JSON.
            prop_assert!(serde_json::from_str::<Value>(&p.request.body).is_ok());
        }
    }

    #[test]
    fn plan_never_panics(t in arb_json(), r in arb_json()) {
        let _ = systempay::plan_cancel_or_refund(&t, &r);
    }

    #[test]
    fn parse_response_never_panics(status in 100u16..600, text in ".{0,200}") {
        let _ = systempay::parse_response(status, &text);
    }

    #[test]
    fn hash_never_panics(f in arb_json(), answer in ".{0,100}") {
        let k = Keys { hmac_key: Some(Secret::new("k")), password: Some(Secret::new("p")) };
        let _ = systempay::verify_hash(&f, &k);
        let _ = systempay::parse_answer(&f, &k);
        let h = systempay::compute_hash(&answer, &Secret::new("k")).unwrap();
        prop_assert_eq!(h.len(), 64);
    }

    #[test]
    fn refund_amounts_are_exact(amount in 1u64..=999_999_999_999) {
        let body = json!({"uuid": "a0b61d1e159748eaab876cfe342e8c08", "amount": amount, "currency": "EUR"});
        let p = systempay::request("Transaction/Refund", &body, &opts()).unwrap();
        let v: Value = serde_json::from_str(&p.request.body).unwrap();
        prop_assert_eq!(v["amount"].as_u64(), Some(amount));
    }

    /// Above 12 digits (Lyra's field list: amount, integer, maximum length 12), up to the largest
    /// exact JS integer: refused at `amount`, never sent.
    #[test]
    fn refund_amounts_above_twelve_digits_are_refused(amount in 1_000_000_000_000u64..=9_007_199_254_740_991) {
        let body = json!({"uuid": "a0b61d1e159748eaab876cfe342e8c08", "amount": amount, "currency": "EUR"});
        let e = systempay::request("Transaction/Refund", &body, &opts()).unwrap_err();
        prop_assert_eq!(e.field.as_deref(), Some("amount"));
        prop_assert_eq!(e.issues[0].code, "RANGE");
    }
}
