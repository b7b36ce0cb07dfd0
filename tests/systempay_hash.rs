//! kr-hash (reference systempay.md §1.3). Every expected hash was computed independently with
//! openssl; the command is next to each value.
// Native only: reads fixtures from disk (and proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::systempay::{compute_hash, parse_answer, verify_hash, Keys};
use remise::transport::Secret;
use remise::ErrorCode;
use serde_json::{json, Value};

/// PayZen demo HMAC-SHA-256 key and password (lyra/rest-php-examples www/keys.php, reference §1.2).
const HMAC_KEY: &str = "38453613e7f44dc58732bad3dca2bca3";
const PASSWORD: &str = "testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M";

const ANSWER: &str = r#"{"shopId":"69876357","orderCycle":"CLOSED","orderStatus":"PAID","serverDate":"2026-11-22T10:00:00+00:00","orderDetails":{"orderTotalAmount":990,"orderCurrency":"EUR","mode":"TEST","orderId":"order-1"},"_type":"V4/Payment"}"#;
// printf %s "$ANSWER" | openssl dgst -sha256 -hmac "38453613e7f44dc58732bad3dca2bca3"
const HASH_HMAC: &str = "7549b42df9267d39082c71493ad7aa17470bf53cf28e2a7c09adac9a3b780a06";
// printf %s "$ANSWER" | openssl dgst -sha256 -hmac "testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M"
const HASH_PASSWORD: &str = "4122bfd8a00c80a50be0ddcf4df56ff3ba88f5145914a4a2ad636363e37702d1";

fn keys() -> Keys {
    Keys {
        hmac_key: Some(Secret::new(HMAC_KEY)),
        password: Some(Secret::new(PASSWORD)),
    }
}

fn fields(answer: &str, hash: &str, key: &str, alg: &str) -> Value {
    json!({
        "kr-answer": answer,
        "kr-answer-type": "V4/Payment",
        "kr-hash": hash,
        "kr-hash-key": key,
        "kr-hash-algorithm": alg,
    })
}

#[test]
fn compute_matches_openssl() {
    assert_eq!(
        compute_hash(ANSWER, &Secret::new(HMAC_KEY)).unwrap(),
        HASH_HMAC
    );
    assert_eq!(
        compute_hash(ANSWER, &Secret::new(PASSWORD)).unwrap(),
        HASH_PASSWORD
    );
    // The empty key is refused, as verify_hash refuses it.
    let e = compute_hash(ANSWER, &Secret::new("")).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Validation, Some("key"))
    );
    // printf %s 'hello' | openssl dgst -sha256 -hmac 'key'
    assert_eq!(
        compute_hash("hello", &Secret::new("key")).unwrap(),
        "9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b"
    );
    // UTF-8 key and message: printf %s '{"k":"é"}' | openssl dgst -sha256 -hmac 'clé'
    assert_eq!(
        compute_hash(r#"{"k":"é"}"#, &Secret::new("clé")).unwrap(),
        "e2394c258dbf91618afc67ce55a5eb2183f5e14ea2d2e5ba051e3246e9925236"
    );
}

#[test]
fn escaped_slashes_hash_as_plain_slashes() {
    // printf %s 'a/b' | openssl dgst -sha256 -hmac 'key'
    let plain = "fc2a18b4698f83eeff211ec92df5cf6cc43b09c3dded764277b040fa2fe56e6b";
    // printf %s 'a\/b' | openssl dgst -sha256 -hmac 'key' gives 3f3c8df2…, which is NOT the answer's hash.
    let raw_escaped = "3f3c8df2dbe0faede863ec487b1f2e25b483fff83bf0f4b9b6855213f48ae6cc";
    assert_eq!(compute_hash("a\\/b", &Secret::new("key")).unwrap(), plain);
    assert_ne!(
        compute_hash("a\\/b", &Secret::new("key")).unwrap(),
        raw_escaped
    );
    // A real answer posted with escaped slashes verifies against the unescaped hash.
    let escaped = ANSWER.replace('/', "\\/");
    assert!(escaped.contains("V4\\/Payment"));
    let f = fields(&escaped, HASH_HMAC, "sha256_hmac", "sha256_hmac");
    assert!(verify_hash(&f, &keys()).unwrap());
    let parsed = parse_answer(&f, &keys()).unwrap();
    assert_eq!(parsed["_type"], "V4/Payment");
    // A text signed as it is, escapes included, verifies too (both forms need the key): the HMAC
    // of `a\/b` under 'key' is the openssl value above.
    let raw = fields("a\\/b", raw_escaped, "sha256_hmac", "sha256_hmac");
    let keyed = Keys {
        hmac_key: Some(Secret::new("key")),
        password: None,
    };
    assert!(verify_hash(&raw, &keyed).unwrap());
    // Not with another key.
    assert!(!verify_hash(&raw, &keys()).unwrap());
}

#[test]
fn key_chosen_by_kr_hash_key() {
    let f = fields(ANSWER, HASH_HMAC, "sha256_hmac", "sha256_hmac");
    assert!(verify_hash(&f, &keys()).unwrap());
    let f = fields(ANSWER, HASH_PASSWORD, "password", "sha256_hmac");
    assert!(verify_hash(&f, &keys()).unwrap());
    // Wrong key kind: an IPN hash (password) declared as a browser return, and the reverse.
    let f = fields(ANSWER, HASH_PASSWORD, "sha256_hmac", "sha256_hmac");
    assert!(!verify_hash(&f, &keys()).unwrap());
    let f = fields(ANSWER, HASH_HMAC, "password", "sha256_hmac");
    assert!(!verify_hash(&f, &keys()).unwrap());
    let e = parse_answer(&f, &keys()).unwrap_err();
    assert_eq!(e.code, ErrorCode::SignatureInvalid);
    assert!(e.message.contains("password"), "{}", e.message);
    assert!(!e.message.contains(PASSWORD));
    // Only the key that is named is needed.
    let only_password = Keys {
        hmac_key: None,
        password: Some(Secret::new(PASSWORD)),
    };
    let f = fields(ANSWER, HASH_PASSWORD, "password", "sha256_hmac");
    assert!(verify_hash(&f, &only_password).unwrap());
    let f = fields(ANSWER, HASH_HMAC, "sha256_hmac", "sha256_hmac");
    let e = verify_hash(&f, &only_password).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.field.as_deref(), Some("keys.hmacKey"));
    // An unknown key kind.
    let f = fields(ANSWER, HASH_HMAC, "public_key", "sha256_hmac");
    let e = verify_hash(&f, &keys()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kr-hash-key"));
    assert_eq!(e.issues[0].code, "ENUM");
}

#[test]
fn wrong_algorithm_is_refused() {
    for alg in ["sha1", "SHA256_HMAC", "hmac_sha256", ""] {
        let f = fields(ANSWER, HASH_HMAC, "sha256_hmac", alg);
        let e = verify_hash(&f, &keys()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "{alg}");
        let issue = e
            .issues
            .iter()
            .find(|i| i.field == "kr-hash-algorithm")
            .unwrap();
        assert_eq!(issue.code, "ENUM");
        assert!(parse_answer(&f, &keys()).is_err());
    }
}

#[test]
fn missing_fields_are_all_reported() {
    let e = verify_hash(&json!({"kr-answer": ANSWER}), &keys()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        vec![
            ("kr-hash", "REQUIRED"),
            ("kr-hash-key", "REQUIRED"),
            ("kr-hash-algorithm", "REQUIRED")
        ]
    );
    let e = verify_hash(
        &json!({"kr-answer": 5, "kr-hash": HASH_HMAC, "kr-hash-key": "sha256_hmac", "kr-hash-algorithm": "sha256_hmac"}),
        &keys(),
    )
    .unwrap_err();
    assert_eq!(e.issues[0].field, "kr-answer");
    assert_eq!(e.issues[0].code, "TYPE");
    assert!(verify_hash(&json!("kr-answer=..."), &keys()).is_err());
    // No keys at all.
    let f = fields(ANSWER, HASH_HMAC, "sha256_hmac", "sha256_hmac");
    let e = verify_hash(&f, &Keys::default()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("keys.hmacKey"));
}

#[test]
fn tampering_and_bad_hashes_fail() {
    // One character of the answer changed.
    let tampered = ANSWER.replace("990", "991");
    let f = fields(&tampered, HASH_HMAC, "sha256_hmac", "sha256_hmac");
    assert!(!verify_hash(&f, &keys()).unwrap());
    assert_eq!(
        parse_answer(&f, &keys()).unwrap_err().code,
        ErrorCode::SignatureInvalid
    );
    // Re-serialised JSON (spaces) does not verify: the hash is over the exact string.
    let reserialised =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(ANSWER).unwrap()).unwrap();
    let f = fields(&reserialised, HASH_HMAC, "sha256_hmac", "sha256_hmac");
    assert!(!verify_hash(&f, &keys()).unwrap());
    // Truncated, non-hex, empty hashes are mismatches, not crashes.
    let mut flipped = HASH_HMAC.to_string();
    flipped.replace_range(63..64, "7");
    for h in [&HASH_HMAC[..62], "zz", "", flipped.as_str()] {
        let f = fields(ANSWER, h, "sha256_hmac", "sha256_hmac");
        assert!(!verify_hash(&f, &keys()).unwrap(), "{h}");
    }
    // An upper-case rendering of the right hash is accepted.
    let f = fields(
        ANSWER,
        &HASH_HMAC.to_uppercase(),
        "sha256_hmac",
        "sha256_hmac",
    );
    assert!(verify_hash(&f, &keys()).unwrap());
}

#[test]
fn signed_but_not_json() {
    // printf %s 'hello' | openssl dgst -sha256 -hmac 'key'
    let f = fields(
        "hello",
        "9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b",
        "sha256_hmac",
        "sha256_hmac",
    );
    let k = Keys {
        hmac_key: Some(Secret::new("key")),
        password: None,
    };
    assert!(verify_hash(&f, &k).unwrap());
    assert_eq!(
        parse_answer(&f, &k).unwrap_err().code,
        ErrorCode::MalformedResponse
    );
}
