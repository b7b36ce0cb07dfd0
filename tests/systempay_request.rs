//! Systempay requests: golden bodies per service, headers, URL, and every validation rule with
//! its path. Expected bodies under tests/fixtures/systempay/requests/ were written by hand from the
//! platform's documented field order (reference systempay.md §2), not produced by the code.
// Native only: reads fixtures from disk (and proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::systempay::{self, Options};
use remise::transport::{CallKind, Secret};
use remise::ErrorCode;
use serde_json::{json, Value};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/systempay/requests")
}

/// The PayZen demo credentials published by Lyra (reference systempay.md §1.2).
fn opts() -> Options {
    Options {
        shop_id: "69876357".into(),
        password: Secret::new("testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M"),
        base_url: None,
    }
}

const UUID: &str = "a0b61d1e159748eaab876cfe342e8c08";

#[test]
fn golden_bodies_for_every_service() {
    let mut services = std::collections::BTreeSet::new();
    let mut n = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(stem) = name.strip_suffix(".input.json") else {
            continue;
        };
        let input: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expected = std::fs::read_to_string(fixtures().join(format!("{stem}.body"))).unwrap();
        let service = input["service"].as_str().unwrap();
        let prepared = systempay::request(service, &input["body"], &opts())
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(prepared.request.body, expected, "{stem}");
        assert_eq!(
            prepared.request.url,
            format!("https://api.systempay.fr/api-payment/V4/{service}"),
            "{stem}"
        );
        // The body is valid JSON and equal, as a value, to the fixture.
        let a: Value = serde_json::from_str(&prepared.request.body).unwrap();
        let b: Value = serde_json::from_str(&expected).unwrap();
        assert_eq!(a, b);
        services.insert(service.to_string());
        n += 1;
    }
    assert!(n >= 13, "only {n} fixtures");
    let all: std::collections::BTreeSet<String> = systempay::Service::ALL
        .iter()
        .map(|s| s.as_str().to_string())
        .collect();
    assert_eq!(services, all, "every service has a golden body");
}

#[test]
fn method_headers_and_basic_auth() {
    let p = systempay::request("Transaction/Get", &json!({ "uuid": UUID }), &opts()).unwrap();
    assert_eq!(p.request.method, "POST");
    assert_eq!(
        p.request.url,
        "https://api.systempay.fr/api-payment/V4/Transaction/Get"
    );
    assert_eq!(p.request.header("content-type"), Some("application/json"));
    assert_eq!(p.request.header("accept"), Some("application/json"));
    // Printed in https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/kb/authentication.html
    // (reference systempay.md §1.1) for 69876357:testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M.
    assert_eq!(
        p.request.header("authorization"),
        Some("Basic Njk4NzYzNTc6dGVzdHBhc3N3b3JkX0RFTU9QUklWQVRFS0VZMjNHNDQ3NXpYWlEyVUE1eDdN")
    );
    assert_eq!(p.kind, CallKind::Read);
    assert!(p.warnings.is_empty());
    // The Systempay demo pair (reference §1.2), computed with
    // printf %s '73239078:testpassword_SbEbeOueaMDyg8Rtei1bSaiB5lms9V0ZDjzldGXGAnIwH' | base64 -w0
    let o = Options {
        shop_id: "73239078".into(),
        password: Secret::new("testpassword_SbEbeOueaMDyg8Rtei1bSaiB5lms9V0ZDjzldGXGAnIwH"),
        base_url: Some("https://api.payzen.eu/".into()),
    };
    let p = systempay::request("Transaction/Refund", &json!({ "uuid": UUID }), &o).unwrap();
    assert_eq!(
        p.request.header("Authorization"),
        Some("Basic NzMyMzkwNzg6dGVzdHBhc3N3b3JkX1NiRWJlT3VlYU1EeWc4UnRlaTFiU2FpQjVsbXM5VjBaRGp6bGRHWEdBbkl3SA==")
    );
    assert_eq!(
        p.request.url,
        "https://api.payzen.eu/api-payment/V4/Transaction/Refund"
    );
    assert_eq!(p.kind, CallKind::MoneyMoving);
}

#[test]
fn password_never_in_errors() {
    let o = Options {
        shop_id: "abc".into(),
        password: Secret::new("testpassword_\u{7}secret"),
        base_url: Some("ftp://x".into()),
    };
    let e = systempay::request("Transaction/Get", &json!({ "uuid": "x" }), &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let fields: Vec<_> = e.issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "options.shopId",
            "options.password",
            "options.baseUrl",
            "uuid"
        ]
    );
    let all = format!("{e} {e:?}");
    assert!(!all.contains("secret"), "{all}");
}

#[test]
fn a_shop_id_is_eight_digits() {
    // Reference systempay.md §1.1 (Lyra's authentication page): 8 digits. Any run of digits passed
    // before the twentieth pass ('0', 20 of them), and the gateway answered INT_905.
    let with = |shop: serde_json::Value| {
        systempay::request_json(
            "Transaction/Get",
            &json!({ "uuid": UUID }),
            &json!({ "shopId": shop, "password": "testpassword_x" }),
        )
    };
    for ok in [json!("69876357"), json!(73239078), json!("00000001")] {
        assert!(with(ok.clone()).is_ok(), "{ok}");
    }
    for bad in [
        json!("0"),
        json!("6987635"),
        json!("698763570"),
        json!("12345678901234567890"),
        json!(1234567),
        json!("6987635x"),
    ] {
        let e = with(bad.clone()).unwrap_err();
        let got: Vec<_> = e
            .issues
            .iter()
            .map(|i| (i.field.as_str(), i.code))
            .collect();
        assert_eq!(got, [("options.shopId", "FORMAT")], "{bad}");
        assert!(
            e.issues[0].message.contains("8 digits"),
            "{}",
            e.issues[0].message
        );
    }
}

#[test]
fn hosts_presets() {
    let get = |n: &str| {
        systempay::HOSTS
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, v)| *v)
    };
    assert_eq!(get("systempay"), Some("https://api.systempay.fr"));
    assert_eq!(get("payzen"), Some("https://api.payzen.eu"));
    assert_eq!(get("lyra"), Some("https://api.lyra.com"));
    assert_eq!(get("systempay"), Some(systempay::DEFAULT_BASE_URL));
    for (_, url) in systempay::HOSTS {
        assert!(url.starts_with("https://api"), "{url}");
        assert!(!url.ends_with('/'));
    }
}

#[test]
fn capture_delay_above_365_is_sent_as_365_with_a_warning() {
    let body = json!({"uuid": UUID, "transactionOptions": {"cardOptions": {"captureDelay": 400}}});
    let p = systempay::request("Transaction/CancelOrRefund", &body, &opts()).unwrap();
    assert_eq!(
        p.request.body,
        r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08","resolutionMode":"AUTO","transactionOptions":{"cardOptions":{"captureDelay":365}}}"#
    );
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(
        p.warnings[0].field,
        "transactionOptions.cardOptions.captureDelay"
    );
    assert_eq!(p.warnings[0].code, "CLAMPED");
    assert!(p.warnings[0].message.contains("400"));
    // 365 itself is fine.
    let body = json!({"uuid": UUID, "transactionOptions": {"cardOptions": {"captureDelay": 365}}});
    let p = systempay::request("Transaction/Refund", &body, &opts()).unwrap();
    assert!(p.warnings.is_empty());
    assert!(p.request.body.contains(r#""captureDelay":365"#));
    // Duplicate's cardDuplicate.captureDelay follows the same rule.
    let body = json!({"uuid": UUID, "amount": 1, "currency": "EUR", "cardDuplicate": {"captureDelay": 1000}});
    let p = systempay::request("Transaction/Duplicate", &body, &opts()).unwrap();
    assert_eq!(p.warnings[0].field, "cardDuplicate.captureDelay");
    assert!(p.request.body.contains(r#""captureDelay":365"#));
}

/// (service, body, expected [(path, issue code)]) — all issues, in order.
fn expect_issues(service: &str, body: Value, expected: &[(&str, &str)]) {
    let e = systempay::request(service, &body, &opts()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation, "{service} {body}: {e}");
    assert_eq!(e.gateway, Some(remise::Gateway::Systempay));
    let got: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(got, expected, "{service} {body}: {}", e.message);
    assert_eq!(e.field.as_deref(), expected.first().map(|x| x.0));
}

#[test]
fn uuid_rules() {
    for svc in [
        "Transaction/CancelOrRefund",
        "Transaction/Get",
        "Transaction/Cancel",
        "Transaction/Refund",
        "Transaction/Update",
        "Transaction/Validate",
    ] {
        expect_issues(svc, json!({}), &[("uuid", "REQUIRED")]);
        expect_issues(svc, json!({"uuid": null}), &[("uuid", "REQUIRED")]);
        expect_issues(svc, json!({"uuid": ""}), &[("uuid", "REQUIRED")]);
        expect_issues(svc, json!({"uuid": 12}), &[("uuid", "TYPE")]);
        // Upper case, 31 and 33 characters, a non-hex letter, a dashed RFC 4122 uuid.
        for bad in [
            "A0B61D1E159748EAAB876CFE342E8C08",
            "a0b61d1e159748eaab876cfe342e8c0",
            "a0b61d1e159748eaab876cfe342e8c080",
            "g0b61d1e159748eaab876cfe342e8c08",
            "a0b61d1e-1597-48ea-ab87-6cfe342e8c08",
        ] {
            expect_issues(svc, json!({ "uuid": bad }), &[("uuid", "FORMAT")]);
        }
    }
}

#[test]
fn amount_and_currency_go_together() {
    let svc = "Transaction/CancelOrRefund";
    // `amount` without `currency` is accepted by CancelOrRefund and Refund (issue 11, see
    // systempay::model::AMOUNT_WITHOUT_CURRENCY): the platform applies the transaction's
    // currency. Expected bodies written by hand in the documented field order.
    let p = systempay::request(svc, &json!({"uuid": UUID, "amount": 100}), &opts()).unwrap();
    assert_eq!(
        p.request.body,
        r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08","amount":100,"resolutionMode":"AUTO"}"#
    );
    let p = systempay::request(
        "Transaction/Refund",
        &json!({"comment": "partial", "amount": 250, "uuid": UUID}),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        p.request.body,
        r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08","amount":250,"comment":"partial"}"#
    );
    // A bad amount alone is still reported, and currency alone is still refused.
    expect_issues(
        svc,
        json!({"uuid": UUID, "amount": -1}),
        &[("amount", "RANGE")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "currency": "EUR"}),
        &[("amount", "REQUIRED")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "amount": -1, "currency": "EUR"}),
        &[("amount", "RANGE")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "amount": 1.5, "currency": "EUR"}),
        &[("amount", "TYPE")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "amount": "990", "currency": "EUR"}),
        &[("amount", "TYPE")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "amount": 9007199254740992u64, "currency": "EUR"}),
        &[("amount", "RANGE")],
    );
    // Not in the systempay table (XOF is ISO but not listed by the platform), lower case, wrong type.
    for bad in ["XOF", "eur", "TTT"] {
        expect_issues(
            svc,
            json!({"uuid": UUID, "amount": 1, "currency": bad}),
            &[("currency", "UNKNOWN_CURRENCY")],
        );
    }
    expect_issues(
        svc,
        json!({"uuid": UUID, "amount": 1, "currency": true}),
        &[("currency", "TYPE")],
    );
    // Numeric codes are converted to alpha-3.
    let p = systempay::request(
        svc,
        &json!({"uuid": UUID, "amount": 1, "currency": "392"}),
        &opts(),
    )
    .unwrap();
    assert!(
        p.request.body.contains(r#""currency":"JPY""#),
        "{}",
        p.request.body
    );
    // Same rule in cardUpdate.
    expect_issues(
        "Transaction/Update",
        json!({"uuid": UUID, "cardUpdate": {"amount": 5}}),
        &[("cardUpdate.currency", "REQUIRED")],
    );
    // Required together in Duplicate and CreatePayment.
    expect_issues(
        "Transaction/Duplicate",
        json!({"uuid": UUID}),
        &[("amount", "REQUIRED"), ("currency", "REQUIRED")],
    );
    expect_issues(
        "Charge/CreatePayment",
        json!({"currency": "EUR"}),
        &[("amount", "REQUIRED")],
    );
    expect_issues(
        "Charge/CreatePayment",
        json!({"amount": 990}),
        &[("currency", "REQUIRED")],
    );
}

#[test]
fn resolution_mode_and_card_options() {
    let svc = "Transaction/CancelOrRefund";
    expect_issues(
        svc,
        json!({"uuid": UUID, "resolutionMode": "CANCEL"}),
        &[("resolutionMode", "ENUM")],
    );
    for mode in ["AUTO", "CANCELLATION_ONLY", "REFUND_ONLY"] {
        let p = systempay::request(svc, &json!({"uuid": UUID, "resolutionMode": mode}), &opts())
            .unwrap();
        assert!(p
            .request
            .body
            .contains(&format!(r#""resolutionMode":"{mode}""#)));
    }
    // null and the empty string mean the default ("If the field is sent empty, the default value
    // will be AUTO", seed systempay-cancelorrefund.txt); another value is still refused.
    for empty in [json!(null), json!("")] {
        let p = systempay::request(
            svc,
            &json!({"uuid": UUID, "resolutionMode": empty}),
            &opts(),
        )
        .unwrap();
        assert!(p.request.body.contains(r#""resolutionMode":"AUTO""#));
    }
    expect_issues(
        svc,
        json!({"uuid": UUID, "resolutionMode": " "}),
        &[("resolutionMode", "ENUM")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "resolutionMode": 0}),
        &[("resolutionMode", "TYPE")],
    );
    // Refund has no resolutionMode.
    expect_issues(
        "Transaction/Refund",
        json!({"uuid": UUID, "resolutionMode": "AUTO"}),
        &[("resolutionMode", "UNKNOWN_FIELD")],
    );
    let co = |v: Value| json!({"uuid": UUID, "transactionOptions": {"cardOptions": v}});
    expect_issues(
        svc,
        co(json!({"manualValidation": "yes"})),
        &[("transactionOptions.cardOptions.manualValidation", "ENUM")],
    );
    expect_issues(
        svc,
        co(json!({"manualValidation": true})),
        &[("transactionOptions.cardOptions.manualValidation", "TYPE")],
    );
    expect_issues(
        svc,
        co(json!({"captureDelay": -1})),
        &[("transactionOptions.cardOptions.captureDelay", "RANGE")],
    );
    expect_issues(
        svc,
        co(json!({"captureDelay": "3"})),
        &[("transactionOptions.cardOptions.captureDelay", "TYPE")],
    );
    for mid in [json!("1234567"), json!(0), json!({})] {
        expect_issues(
            svc,
            co(json!({ "mid": mid })),
            &[("transactionOptions.cardOptions.mid", "NOT_ALLOWED")],
        );
    }
    expect_issues(
        svc,
        json!({"uuid": UUID, "transactionOptions": []}),
        &[("transactionOptions", "TYPE")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "transactionOptions": {"cardOption": {}}}),
        &[("transactionOptions.cardOption", "UNKNOWN_FIELD")],
    );
    expect_issues(
        svc,
        co(json!({"captureDelay": 1, "capturedelay": 2})),
        &[(
            "transactionOptions.cardOptions.capturedelay",
            "UNKNOWN_FIELD",
        )],
    );
}

#[test]
fn every_issue_at_once() {
    // A refund call with a typo and several bad values: all reported, each with its path.
    let body = json!({
        "uuid": "XYZ",
        "amout": 100,
        "currency": "EURO",
        "resolutionMode": "refund",
        "comment": 5,
        "transactionOptions": {"cardOptions": {"manualValidation": "MAYBE", "captureDelay": 1.5, "mid": "x"}}
    });
    expect_issues(
        "Transaction/CancelOrRefund",
        body,
        &[
            ("uuid", "FORMAT"),
            ("currency", "UNKNOWN_CURRENCY"),
            ("amount", "REQUIRED"),
            ("resolutionMode", "ENUM"),
            ("comment", "TYPE"),
            ("transactionOptions.cardOptions.manualValidation", "ENUM"),
            ("transactionOptions.cardOptions.captureDelay", "TYPE"),
            ("transactionOptions.cardOptions.mid", "NOT_ALLOWED"),
            ("amout", "UNKNOWN_FIELD"),
        ],
    );
    let e = systempay::request(
        "Transaction/Refund",
        &json!({"uuid": UUID, "amuont": 1}),
        &opts(),
    )
    .unwrap_err();
    assert!(e.message.contains("amuont"), "{}", e.message);
    // Not an object at all.
    expect_issues("Transaction/Get", json!("a0b6"), &[("(input)", "TYPE")]);
}

#[test]
fn update_rules() {
    let svc = "Transaction/Update";
    expect_issues(
        svc,
        json!({"uuid": UUID, "cardUpdate": {"expectedCaptureDate": "01/12/2026"}}),
        &[("cardUpdate.expectedCaptureDate", "FORMAT")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "cardUpdate": {"manualValidation": "AUTO", "captureDelay": 2}}),
        &[
            ("cardUpdate.manualValidation", "ENUM"),
            ("cardUpdate.captureDelay", "UNKNOWN_FIELD"),
        ],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "orderId": "commande-été"}),
        &[("orderId", "FORMAT")],
    );
    expect_issues(
        svc,
        json!({"uuid": UUID, "orderId": "x".repeat(65)}),
        &[("orderId", "TOO_LONG")],
    );
    let ok = systempay::request(
        svc,
        &json!({"uuid": UUID, "orderId": "x".repeat(64)}),
        &opts(),
    );
    assert!(ok.is_ok());
    // manualValidation null is sent as null (the shop's default).
    let p = systempay::request(
        svc,
        &json!({"uuid": UUID, "cardUpdate": {"manualValidation": null}}),
        &opts(),
    )
    .unwrap();
    assert!(p
        .request
        .body
        .ends_with(r#""cardUpdate":{"manualValidation":null}}"#));
}

/// Lyra's field list of the REST API (support.lyra.com, article 19077577785362): `amount` an
/// integer of at most 12 digits, `customer.email` at most 150 characters, `customer.reference` at
/// most 63. One past each limit is refused, the limit itself is sent (a helper's attack, nineteenth
/// pass: 13-digit amounts were sent).
#[test]
fn the_platform_s_length_limits() {
    let max = 999_999_999_999u64;
    assert_eq!(max.to_string().len(), 12);
    for (svc, body) in [
        (
            "Transaction/Refund",
            json!({"uuid": UUID, "currency": "EUR"}),
        ),
        ("Transaction/CancelOrRefund", json!({"uuid": UUID})),
        (
            "Transaction/Duplicate",
            json!({"uuid": UUID, "currency": "EUR"}),
        ),
        ("Charge/CreatePayment", json!({"currency": "EUR"})),
    ] {
        let with = |n: u64| {
            let mut b = body.clone();
            b["amount"] = json!(n);
            b
        };
        let p = systempay::request(svc, &with(max), &opts()).unwrap();
        assert!(p.request.body.contains("\"amount\":999999999999"), "{svc}");
        expect_issues(svc, with(max + 1), &[("amount", "RANGE")]);
    }
    expect_issues(
        "Transaction/Update",
        json!({"uuid": UUID, "cardUpdate": {"amount": max + 1, "currency": "EUR"}}),
        &[("cardUpdate.amount", "RANGE")],
    );
    let e = systempay::request(
        "Transaction/Refund",
        &json!({"uuid": UUID, "amount": max + 1}),
        &opts(),
    )
    .unwrap_err();
    assert!(e.message.contains("at most 999999999999"), "{}", e.message);

    let email = |local: usize| format!("{}@example.fr", "a".repeat(local));
    assert_eq!(email(139).chars().count(), 150);
    let pay = |customer: serde_json::Value| json!({"amount": 990, "currency": "EUR", "customer": customer});
    assert!(systempay::request(
        "Charge/CreatePayment",
        &pay(json!({"email": email(139), "reference": "r".repeat(63)})),
        &opts()
    )
    .is_ok());
    expect_issues(
        "Charge/CreatePayment",
        pay(json!({"email": email(140), "reference": "é".repeat(64)})),
        &[
            ("customer.email", "TOO_LONG"),
            ("customer.reference", "TOO_LONG"),
        ],
    );
}

#[test]
fn duplicate_order_get_create_payment_rules() {
    expect_issues(
        "Transaction/Duplicate",
        json!({"uuid": UUID, "amount": 1, "currency": "EUR", "metadata": "x", "cardDuplicate": {"mid": null}}),
        &[("metadata", "TYPE"), ("cardDuplicate.mid", "UNKNOWN_FIELD")],
    );
    // Anything goes inside metadata.
    let p = systempay::request(
        "Transaction/Duplicate",
        &json!({"uuid": UUID, "amount": 1, "currency": "EUR", "metadata": {"anyKey": "v", "other_key": {"n": 1}}}),
        &opts(),
    )
    .unwrap();
    assert!(p.request.body.contains(r#""anyKey":"v""#));
    expect_issues("Order/Get", json!({}), &[("orderId", "REQUIRED")]);
    expect_issues(
        "Order/Get",
        json!({"orderId": "o", "operationType": "REFUND"}),
        &[("operationType", "ENUM")],
    );
    expect_issues(
        "Charge/CreatePayment",
        json!({"amount": 1, "currency": "EUR", "customer": {"email": "not-an-email", "name": "x"}}),
        &[
            ("customer.email", "FORMAT"),
            ("customer.name", "UNKNOWN_FIELD"),
        ],
    );
    expect_issues(
        "Charge/CreatePayment",
        json!({"amount": 1, "currency": "EUR", "formAction": "CUSTOMER_WALLET"}),
        &[("customer.reference", "REQUIRED")],
    );
    // A blank reference names no wallet either (the platform answers INT_016, systempay.md §5).
    for blank in ["", "   "] {
        expect_issues(
            "Charge/CreatePayment",
            json!({"amount": 1, "currency": "EUR", "formAction": "CUSTOMER_WALLET", "customer": {"reference": blank}}),
            &[("customer.reference", "REQUIRED")],
        );
    }
    expect_issues(
        "Charge/CreatePayment",
        json!({"amount": 1, "currency": "EUR", "formAction": "PAY", "ipnTargetUrl": "shop.example/ipn", "paymentMethods": ["CARDS", 3]}),
        &[
            ("formAction", "ENUM"),
            ("paymentMethods[1]", "TYPE"),
            ("ipnTargetUrl", "FORMAT"),
        ],
    );
    // An empty list of payment methods, an empty name, a URL without a host.
    for url in [
        "https://",
        "http:///ipn",
        "https://?x",
        // With a port or user information but no host (the fifteenth pass, an attack: sent).
        "https://:80/ipn",
        "https://@/ipn",
        "https://user@/ipn",
        "https://user@:443",
    ] {
        expect_issues(
            "Charge/CreatePayment",
            json!({"amount": 1, "currency": "EUR", "ipnTargetUrl": url, "paymentMethods": []}),
            &[("paymentMethods", "RANGE"), ("ipnTargetUrl", "FORMAT")],
        );
    }
    // A host with a port, user information or an IPv6 address is one.
    for url in [
        "https://shop.example:8443/ipn",
        "https://user@shop.example/ipn",
        "http://[::1]:8080/ipn",
    ] {
        let ok = systempay::request(
            "Charge/CreatePayment",
            &json!({"amount": 1, "currency": "EUR", "ipnTargetUrl": url}),
            &opts(),
        );
        assert!(ok.is_ok(), "{url}: {ok:?}");
    }
    let e = systempay::request(
        "Charge/CreatePayment",
        &json!({"amount": 1, "currency": "EUR", "paymentMethods": ["CARDS", ""]}),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(e.issues[0].field, "paymentMethods[1]");
    assert!(
        e.issues[0].message.ends_with("got an empty string"),
        "{}",
        e.issues[0].message
    );
    expect_issues(
        "Charge/SDKTest",
        json!({"value": 1, "other": 2}),
        &[("value", "TYPE"), ("other", "UNKNOWN_FIELD")],
    );
}

#[test]
fn unknown_service_and_unchecked_calls() {
    let e = systempay::request("Transaction/CapturedUpdate", &json!({}), &opts()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Unsupported);
    assert_eq!(e.field.as_deref(), Some("service"));
    assert!(e.message.contains("client.call"));
    // call(): unmodelled services are sent as given; modelled ones are still validated.
    let p = systempay::request_unchecked(
        "Token/Get",
        &json!({"paymentMethodToken": "b6e3f6a2d9c54b0f8b1f1f0a9d5e4c3b"}),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        p.request.url,
        "https://api.systempay.fr/api-payment/V4/Token/Get"
    );
    assert_eq!(
        p.request.body,
        r#"{"paymentMethodToken":"b6e3f6a2d9c54b0f8b1f1f0a9d5e4c3b"}"#
    );
    assert_eq!(p.kind, CallKind::MoneyMoving);
    let e = systempay::request_unchecked("Transaction/Refund", &json!({"uuid": "x"}), &opts())
        .unwrap_err();
    assert_eq!(e.issues[0].field, "uuid");
    for bad in [
        "../admin",
        "Token",
        "token/get",
        "Token/Get?x=1",
        "Token//Get",
    ] {
        let e = systempay::request_unchecked(bad, &json!({}), &opts()).unwrap_err();
        assert_eq!(e.issues[0].field, "service", "{bad}");
    }
    let e = systempay::request_unchecked("Token/Get", &json!([1]), &opts()).unwrap_err();
    assert_eq!(e.issues[0].code, "TYPE");
}

#[test]
fn options_from_caller_input() {
    let body = json!({ "uuid": UUID });
    let p = systempay::request_json(
        "Transaction/Get",
        &body,
        &json!({"shopId": 69876357, "password": "testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M", "baseUrl": "http://127.0.0.1:8080"}),
    )
    .unwrap();
    assert_eq!(
        p.request.url,
        "http://127.0.0.1:8080/api-payment/V4/Transaction/Get"
    );
    assert_eq!(
        p.request.header("authorization"),
        Some("Basic Njk4NzYzNTc6dGVzdHBhc3N3b3JkX0RFTU9QUklWQVRFS0VZMjNHNDQ3NXpYWlEyVUE1eDdN")
    );
    // Options and body problems together.
    let e = systempay::request_json(
        "Transaction/Get",
        &json!({"uuid": 1}),
        &json!({"shopid": "1", "password": 5, "baseUrl": false}),
    )
    .unwrap_err();
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        vec![
            ("options.password", "TYPE"),
            ("options.baseUrl", "TYPE"),
            ("options.shopid", "UNKNOWN_FIELD"),
            ("options.shopId", "REQUIRED"),
            ("uuid", "TYPE"),
        ]
    );
    assert!(e.message.contains("did you mean 'shopId'"), "{}", e.message);
    let e = systempay::request_json("Transaction/Get", &body, &json!(null)).unwrap_err();
    assert_eq!(e.issues[0].field, "options");
}

#[test]
fn hash_keys_from_caller_input() {
    use remise::systempay::Keys;
    let k = Keys::read(&json!({"hmacKey": "k", "password": "p"})).unwrap();
    assert_eq!(k.hmac_key.unwrap().expose(), "k");
    let e = Keys::read(&json!({"hmac_key": "k", "password": 1})).unwrap_err();
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        vec![
            ("keys.password", "TYPE"),
            ("keys.hmac_key", "UNKNOWN_FIELD")
        ]
    );
}

#[test]
fn request_text_reads_the_callers_json_text() {
    // Issue 9: the entry the wasm layer calls with JSON.stringify output. Expected body written by
    // hand in the documented order; the key order of the text does not matter.
    let p = systempay::request_text(
        "Transaction/CancelOrRefund",
        r#"{"comment":"caf\u00e9 \"42\"","amount":1000,"uuid":"a0b61d1e159748eaab876cfe342e8c08","currency":978,"transactionOptions":{"cardOptions":{"mid":null,"manualValidation":null}}}"#,
        r#"{"shopId":"69876357","password":"testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M"}"#,
    )
    .unwrap();
    assert_eq!(
        p.request.body,
        r#"{"uuid":"a0b61d1e159748eaab876cfe342e8c08","amount":1000,"currency":"EUR","resolutionMode":"AUTO","comment":"café \"42\"","transactionOptions":{"cardOptions":{"manualValidation":null,"mid":null}}}"#
    );
    assert_eq!(
        p.request.url,
        "https://api.systempay.fr/api-payment/V4/Transaction/CancelOrRefund"
    );
    assert_eq!(
        p.request.header("authorization"),
        Some("Basic Njk4NzYzNTc6dGVzdHBhc3N3b3JkX0RFTU9QUklWQVRFS0VZMjNHNDQ3NXpYWlEyVUE1eDdN")
    );
    // Text that is not JSON: one FORMAT issue where it was given, with the other problems.
    let e =
        systempay::request_text("Transaction/Get", "{\"uuid\":", r#"{"shopId":"x"}"#).unwrap_err();
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        vec![
            ("(input)", "FORMAT"),
            ("options.shopId", "FORMAT"),
            ("options.password", "REQUIRED"),
        ]
    );
    let e = systempay::request_text("Transaction/Get", "[]", "nope").unwrap_err();
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(got, vec![("options", "FORMAT"), ("(input)", "TYPE")]);
}

#[test]
fn lone_surrogates_are_refused_with_the_field() {
    // What JSON.stringify writes for a JS string cut inside an emoji: `\ud83d` alone. Named at
    // its field with FORBIDDEN_CHARACTER, as Payline does (tests/payline_validation.rs), in the
    // body and in the options, by every entry that reads caller text.
    let opts_ok =
        r#"{"shopId":"69876357","password":"testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M"}"#;
    let body = |comment: &str| {
        format!(r#"{{"uuid":"{UUID}","amount":1000,"currency":"EUR","comment":"{comment}"}}"#)
    };
    let fields = |e: &remise::Error| -> Vec<(String, &'static str)> {
        e.issues.iter().map(|i| (i.field.clone(), i.code)).collect()
    };
    let e = systempay::request_text(
        "Transaction/CancelOrRefund",
        &body("caf\\u00e9\\ud800x"),
        opts_ok,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(fields(&e), [("comment".to_string(), "FORBIDDEN_CHARACTER")]);
    assert!(e.message.contains("surrogate"), "{}", e.message);
    // Nested, in an array, and in the options (the password's value is not shown).
    let nested = format!(
        r#"{{"uuid":"{UUID}","transactionOptions":{{"cardOptions":{{"mid":"a\udc00"}}}},"x":["\ud83d"]}}"#
    );
    let e = systempay::request_text(
        "Transaction/CancelOrRefund",
        &nested,
        r#"{"shopId":"69876357","password":"secret\ud800"}"#,
    )
    .unwrap_err();
    assert_eq!(
        fields(&e),
        [
            ("options.password".to_string(), "FORBIDDEN_CHARACTER"),
            (
                "transactionOptions.cardOptions.mid".to_string(),
                "FORBIDDEN_CHARACTER"
            ),
            ("x[0]".to_string(), "FORBIDDEN_CHARACTER"),
        ]
    );
    assert!(!format!("{e:?}").contains("secret"), "{e:?}");
    // The unchecked entry (client.call) and validate name it the same way.
    let e =
        systempay::request_unchecked_text("Transaction/CancelOrRefund", &body("\\ud800"), &opts())
            .unwrap_err();
    assert_eq!(fields(&e), [("comment".to_string(), "FORBIDDEN_CHARACTER")]);
    let e =
        systempay::validate::validate_text(systempay::Service::CancelOrRefund, &body("\\udfff"))
            .unwrap_err();
    assert_eq!(fields(&e), [("comment".to_string(), "FORBIDDEN_CHARACTER")]);
    // A paired surrogate is an ordinary character.
    let p = systempay::request_text(
        "Transaction/CancelOrRefund",
        &body("\\ud83d\\ude00"),
        opts_ok,
    )
    .unwrap();
    assert!(
        p.request.body.contains("\"comment\":\"\u{1F600}\""),
        "{}",
        p.request.body
    );
}

#[test]
fn an_amount_of_zero_is_refused_where_it_moves_nothing() {
    for (svc, body, field) in [
        (
            "Transaction/Refund",
            json!({"uuid": UUID, "amount": 0, "currency": "EUR"}),
            "amount",
        ),
        (
            "Transaction/CancelOrRefund",
            json!({"uuid": UUID, "amount": 0}),
            "amount",
        ),
        (
            "Transaction/Duplicate",
            json!({"uuid": UUID, "amount": 0, "currency": "EUR"}),
            "amount",
        ),
        (
            "Transaction/Update",
            json!({"uuid": UUID, "cardUpdate": {"amount": 0, "currency": "EUR"}}),
            "cardUpdate.amount",
        ),
    ] {
        expect_issues(svc, body, &[(field, "RANGE")]);
    }
    // 1 is an amount; Charge/CreatePayment keeps 0 (registering a card without a payment).
    assert!(systempay::request(
        "Transaction/Refund",
        &json!({"uuid": UUID, "amount": 1, "currency": "EUR"}),
        &opts()
    )
    .is_ok());
    assert!(systempay::request(
        "Charge/CreatePayment",
        &json!({"amount": 0, "currency": "EUR", "customer": {"email": "a@example.com"}}),
        &opts()
    )
    .is_ok());
}

/// An enumerated field given another type names its values (the values from the seed's table, the
/// message's words from the thirtieth pass).
#[test]
fn an_enumeration_of_another_type_names_its_values() {
    let e = systempay::request(
        "Transaction/CancelOrRefund",
        &json!({"uuid": "a0b61d1e159748eaab876cfe342e8c08", "resolutionMode": 5}),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(e.issues.len(), 1, "{e}");
    assert_eq!(
        (e.issues[0].field.as_str(), e.issues[0].code),
        ("resolutionMode", "TYPE")
    );
    assert_eq!(
        e.issues[0].message,
        "must be a string, got a number: use one of AUTO, CANCELLATION_ONLY, REFUND_ONLY"
    );
}
