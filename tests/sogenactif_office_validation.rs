//! Sips Office JSON: every validation rule and every preflight rule of `office.request`.
// Native only: reads fixtures from disk and uses proptest (host-only dev-dependency).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::sogenactif::office::{self, Options, TransactionState};
use remise::transport::Secret;
use remise::{Error, ErrorCode};
use serde_json::{json, Value};

fn opts() -> Options {
    Options::new("002001000000001", Secret::new("002001000000001_KEY1"), 1)
}

fn body(service: &str, fields: Value) -> Value {
    let r = office::request(service, &fields, &opts())
        .unwrap_or_else(|e| panic!("{service}: {e} {:?}", e.issues));
    serde_json::from_str(&r.body).unwrap()
}

fn err(service: &str, fields: Value) -> Error {
    office::request(service, &fields, &opts()).unwrap_err()
}

/// (field, code) of every issue, in order.
fn issues(e: &Error) -> Vec<(String, &'static str)> {
    assert_eq!(e.code, ErrorCode::Validation, "{e}");
    e.issues.iter().map(|i| (i.field.clone(), i.code)).collect()
}

fn has(e: &Error, field: &str, code: &str) -> bool {
    e.issues.iter().any(|i| i.field == field && i.code == code)
}

fn cancel(extra: Value) -> Value {
    let mut f =
        json!({"transactionReference": "REF1", "operationAmount": 100, "currencyCode": "EUR"});
    for (k, v) in extra.as_object().unwrap() {
        f[k] = v.clone();
    }
    f
}

#[test]
fn required_fields_of_every_service_at_once() {
    let expected: &[(&str, &[&str])] = &[
        (
            "cancel",
            &["operationAmount", "currencyCode", "transactionReference"],
        ),
        (
            "refund",
            &["operationAmount", "currencyCode", "transactionReference"],
        ),
        (
            "validate",
            &["operationAmount", "currencyCode", "transactionReference"],
        ),
        (
            "duplicate",
            &[
                "amount",
                "currencyCode",
                "captureDay",
                "captureMode",
                "fromMerchantId",
                "merchantTransactionDateTime",
                "orderChannel",
                "returnContext",
                "transactionReference",
                "fromTransactionReference",
            ],
        ),
        ("acceptChallenge", &["transactionReference"]),
        ("refuseChallenge", &["transactionReference"]),
        (
            "walletCreditHolder",
            &[
                "amount",
                "currencyCode",
                "merchantWalletId",
                "paymentMeanId",
                "transactionReference",
            ],
        ),
        (
            "cardOrder",
            &[
                "amount",
                "currencyCode",
                "cardNumber",
                "orderChannel",
                "transactionReference",
            ],
        ),
        (
            "walletOrder",
            &[
                "amount",
                "currencyCode",
                "merchantWalletId",
                "paymentMeanId",
                "orderChannel",
                "transactionReference",
            ],
        ),
        ("getTransactionData", &["transactionReference"]),
    ];
    for (service, fields) in expected {
        let e = err(service, json!({}));
        let want: Vec<(String, &str)> =
            fields.iter().map(|f| (f.to_string(), "REQUIRED")).collect();
        assert_eq!(issues(&e), want, "{service}");
        assert_eq!(e.gateway, Some(remise::Gateway::Sogenactif));
    }
}

#[test]
fn fields_must_be_an_object() {
    let e = err("cancel", json!([1]));
    assert_eq!(issues(&e)[0], ("(input)".to_string(), "TYPE"));
}

#[test]
fn unknown_fields_are_issues_with_a_hint() {
    let e = err("cancel", cancel(json!({"operationamount": 5, "foo": 1})));
    let got = issues(&e);
    // Issues come in the caller's field order.
    assert_eq!(
        got,
        vec![
            ("operationamount".to_string(), "UNKNOWN_FIELD"),
            ("foo".to_string(), "UNKNOWN_FIELD")
        ]
    );
    assert!(e.issues[0]
        .message
        .contains("did you mean 'operationAmount'"));
    // A field of another service is unknown here.
    let e = err("cancel", cancel(json!({"cardNumber": "4970100000000055"})));
    assert!(has(&e, "cardNumber", "UNKNOWN_FIELD"));
}

#[test]
fn fields_set_from_the_options_are_refused() {
    let e = err(
        "cancel",
        cancel(json!({"merchantId": "1", "keyVersion": 1, "seal": "x"})),
    );
    assert_eq!(
        issues(&e),
        vec![
            ("merchantId".to_string(), "NOT_ALLOWED"),
            ("keyVersion".to_string(), "NOT_ALLOWED"),
            ("seal".to_string(), "NOT_ALLOWED")
        ]
    );
    assert!(e.issues[0].message.contains("options.merchantId"));
}

#[test]
fn interface_version_must_fit_the_family() {
    for bad in [
        "IR_WS_2.55",
        "CR_WS_2.",
        "CR_WS_3.1",
        "cr_ws_2.58",
        "CR_WS_2.5x",
    ] {
        let e = err("cancel", cancel(json!({"interfaceVersion": bad})));
        assert_eq!(
            issues(&e),
            vec![("interfaceVersion".to_string(), "FORMAT")],
            "{bad}"
        );
    }
    let e = err("cardOrder", json!({"interfaceVersion": "CR_WS_2.58"}));
    assert!(has(&e, "interfaceVersion", "FORMAT"));
    assert!(e.issues[0].message.contains("IR_WS_2."));
    assert_eq!(
        body("cancel", cancel(json!({"interfaceVersion": "CR_WS_2.3"})))["interfaceVersion"],
        "CR_WS_2.3"
    );
}

#[test]
fn amounts_are_n12_minor_units() {
    assert_eq!(
        body(
            "cancel",
            cancel(json!({"operationAmount": 999_999_999_999u64}))
        )["operationAmount"],
        999_999_999_999u64
    );
    assert_eq!(
        body("cancel", cancel(json!({"operationAmount": 0})))["operationAmount"],
        0
    );
    let cases = [
        (json!(1_000_000_000_000u64), "AMOUNT_RANGE"),
        (json!(10.5), "TYPE"),
        (json!(-1), "RANGE"),
        (json!("100"), "TYPE"),
        (json!(true), "TYPE"),
    ];
    for (v, code) in cases {
        let e = err("cancel", cancel(json!({ "operationAmount": v })));
        assert_eq!(
            issues(&e),
            vec![("operationAmount".to_string(), code)],
            "{v}"
        );
    }
}

#[test]
fn currency_accepts_alpha3_and_numeric_and_sends_numeric() {
    for (given, sent) in [
        (json!("EUR"), "978"),
        (json!("978"), "978"),
        (json!(978), "978"),
        (json!("AUD"), "036"),
        (json!(36), "036"),
        (json!("036"), "036"),
        (json!("JPY"), "392"),
    ] {
        assert_eq!(
            body("cancel", cancel(json!({ "currencyCode": given })))["currencyCode"],
            sent,
            "{given}"
        );
    }
    for (v, code) in [
        (json!("eur"), "UNKNOWN_CURRENCY"),
        (json!("XXX"), "UNKNOWN_CURRENCY"),
        (json!("999"), "UNKNOWN_CURRENCY"),
        // A number that is no ISO 4217 numeric code is an unknown currency, as on the other gateways
        // (it was TYPE "got a number": an audit of the messages, twenty-sixth pass).
        (json!(1000), "UNKNOWN_CURRENCY"),
        (json!(9780), "UNKNOWN_CURRENCY"),
        (json!(978.5), "TYPE"),
        (json!(-978), "TYPE"),
        (json!(["EUR"]), "TYPE"),
    ] {
        let e = err("cancel", cancel(json!({ "currencyCode": v })));
        assert_eq!(issues(&e), vec![("currencyCode".to_string(), code)], "{v}");
    }
}

#[test]
fn transaction_reference_is_an35() {
    let max = "A".repeat(35);
    assert_eq!(
        body("cancel", cancel(json!({ "transactionReference": max })))["transactionReference"],
        "A".repeat(35)
    );
    for (v, code) in [
        (json!("A".repeat(36)), "TOO_LONG"),
        (json!("REF-1"), "FORMAT"),
        (json!("RÉF1"), "FORMAT"),
        (json!("REF 1"), "FORMAT"),
        (json!(12), "TYPE"),
        (json!(""), "REQUIRED"),
    ] {
        let e = err("cancel", cancel(json!({ "transactionReference": v })));
        assert_eq!(
            issues(&e),
            vec![("transactionReference".to_string(), code)],
            "{v}"
        );
    }
}

#[test]
fn s10_transaction_reference() {
    let mut f = cancel(json!({}));
    f.as_object_mut().unwrap().remove("transactionReference");
    f["s10TransactionReference"] = json!({"s10TransactionId": "000042"});
    let b = body("cancel", f.clone());
    // The date may be left out: the server applies its own.
    assert_eq!(
        b["s10TransactionReference"],
        json!({"s10TransactionId": "000042"})
    );
    assert!(b.get("transactionReference").is_none());

    let bad = |s10: Value| {
        let mut g = f.clone();
        g["s10TransactionReference"] = s10;
        issues(&err("cancel", g))
    };
    let p = |x: &str| format!("s10TransactionReference.{x}");
    assert_eq!(
        bad(json!({"s10TransactionId": "1234567"})),
        vec![(p("s10TransactionId"), "TOO_LONG")]
    );
    assert_eq!(
        bad(json!({"s10TransactionId": "12a"})),
        vec![(p("s10TransactionId"), "FORMAT")]
    );
    assert_eq!(
        bad(json!({"s10TransactionId": 42})),
        vec![(p("s10TransactionId"), "TYPE")]
    );
    assert_eq!(
        bad(json!({"s10TransactionIdDate": "20260230"})),
        vec![
            (p("s10TransactionId"), "REQUIRED"),
            (p("s10TransactionIdDate"), "FORMAT")
        ]
    );
    assert_eq!(
        bad(json!({"s10TransactionId": "1", "s10TransactionIdDate": "2026-01-15"})),
        vec![(p("s10TransactionIdDate"), "FORMAT")]
    );
    assert_eq!(
        bad(json!({"s10TransactionId": "1", "date": "20260115"})),
        vec![(p("date"), "UNKNOWN_FIELD")]
    );
    assert_eq!(
        bad(json!("000042")),
        vec![("s10TransactionReference".to_string(), "TYPE")]
    );

    // Both identifications: a conflict.
    let mut both = f.clone();
    both["transactionReference"] = json!("REF1");
    assert!(has(
        &err("cancel", both),
        "s10TransactionReference",
        "CONFLICT"
    ));
}

#[test]
fn duplicate_needs_both_identifications() {
    let f = json!({
        "amount": 100, "currencyCode": "EUR", "captureDay": 0, "captureMode": "IMMEDIATE",
        "fromMerchantId": "002001000000001", "merchantTransactionDateTime": "2026-01-02T10:15:00Z",
        "orderChannel": "INTERNET", "returnContext": "x",
        "s10TransactionReference": {"s10TransactionId": "000001"},
        "s10FromTransactionReference": {"s10FromTransactionId": "000002", "s10FromTransactionIdDate": "20260101"}
    });
    let b = body("duplicate", f.clone());
    assert_eq!(
        b["s10FromTransactionReference"],
        json!({"s10FromTransactionId": "000002", "s10FromTransactionIdDate": "20260101"})
    );
    let mut g = f.clone();
    g.as_object_mut()
        .unwrap()
        .remove("s10FromTransactionReference");
    assert_eq!(
        issues(&err("duplicate", g)),
        vec![("fromTransactionReference".to_string(), "REQUIRED")]
    );
    let mut g = f;
    g["fromMerchantId"] = json!("0020010000000011");
    g["merchantTransactionDateTime"] = json!("2026-01-02 10:15");
    g["captureDay"] = json!(100);
    g["captureMode"] = json!("LATER");
    assert_eq!(
        issues(&err("duplicate", g)),
        vec![
            ("captureDay".to_string(), "RANGE"),
            ("captureMode".to_string(), "ENUM"),
            ("fromMerchantId".to_string(), "TOO_LONG"),
            ("merchantTransactionDateTime".to_string(), "FORMAT"),
        ]
    );
}

#[test]
fn text_fields_length_and_control_characters() {
    let e = err("cancel", cancel(json!({"operationOrigin": "A".repeat(21)})));
    assert_eq!(
        issues(&e),
        vec![("operationOrigin".to_string(), "TOO_LONG")]
    );
    // 20 characters, multi-byte ones counted as one.
    let ok = "é".repeat(20);
    assert_eq!(
        body("cancel", cancel(json!({"operationOrigin": ok})))["operationOrigin"],
        "é".repeat(20)
    );
    let e = err("cancel", cancel(json!({"operationOrigin": "BACK\nOFFICE"})));
    assert_eq!(
        issues(&e),
        vec![("operationOrigin".to_string(), "FORBIDDEN_CHARACTER")]
    );
    // An empty optional string is not sent.
    assert!(body("cancel", cancel(json!({"operationOrigin": ""})))
        .get("operationOrigin")
        .is_none());
    // null is the same as absent.
    assert!(body("cancel", cancel(json!({"operationOrigin": null})))
        .get("operationOrigin")
        .is_none());
}

fn card_order(extra: Value) -> Value {
    let mut f = json!({
        "transactionReference": "REF1", "amount": 100, "currencyCode": "EUR",
        "cardNumber": "4970100000000055", "orderChannel": "INTERNET"
    });
    for (k, v) in extra.as_object().unwrap() {
        f[k] = v.clone();
    }
    f
}

#[test]
fn card_fields() {
    let b = body(
        "cardOrder",
        card_order(
            json!({"cardExpiryDate": "202812", "cardCSCValue": "1234", "cardSeqNumber": "01",
                          "cardEffectiveDate": "202401", "panType": "PAN", "paymentPattern": "ONE_SHOT"}),
        ),
    );
    assert_eq!(b["cardCSCValue"], "1234");
    let cases = [
        ("cardExpiryDate", json!("202813"), "FORMAT"),
        ("cardExpiryDate", json!("12/28"), "FORMAT"),
        ("cardEffectiveDate", json!("2024"), "FORMAT"),
        ("cardCSCValue", json!("12"), "FORMAT"),
        ("cardCSCValue", json!("12345"), "FORMAT"),
        ("cardNumber", json!("4970-1000-0000-0055"), "FORMAT"),
        ("cardNumber", json!(4970100000000055u64), "TYPE"),
        ("cardSeqNumber", json!("123"), "TOO_LONG"),
        ("panType", json!("pan"), "ENUM"),
        ("paymentPattern", json!("MONTHLY"), "ENUM"),
        ("orderChannel", json!("internet"), "FORMAT"),
        ("customerLanguage", json!("fra"), "TOO_LONG"),
        ("captureDay", json!(-1), "RANGE"),
    ];
    for (field, v, code) in cases {
        let e = err("cardOrder", card_order(json!({ field: v.clone() })));
        assert_eq!(issues(&e), vec![(field.to_string(), code)], "{field} {v}");
    }
    // The card number and CSC never appear in messages.
    let e = err(
        "cardOrder",
        card_order(json!({"cardNumber": "4970 1000 0000 0055", "cardCSCValue": "98765"})),
    );
    assert!(!e.message.contains("4970"), "{}", e.message);
    assert!(!e.message.contains("98765"), "{}", e.message);
    // A token is accepted as the card number.
    assert_eq!(
        body(
            "cardOrder",
            card_order(json!({"cardNumber": "tok4f9a8b7c6d5e", "panType": "TOKEN_PAN"}))
        )["cardNumber"],
        "tok4f9a8b7c6d5e"
    );
    // Without panType 'TOKEN_PAN' (absent or 'PAN') a card number is 10 to 19 digits, as in a batch
    // file: Sips answers 14 to '4' (reference sogenactif.md §1.5: cardNumber N19, ANS128 for a token).
    for (number, pan_type) in [
        ("4", None),
        ("ABC", None),
        ("44444444444444444444", None),
        ("tok4f9a8b7c6d5e", Some("PAN")),
    ] {
        let mut f = card_order(json!({ "cardNumber": number }));
        if let Some(t) = pan_type {
            f["panType"] = json!(t);
        }
        let e = err("cardOrder", f);
        assert_eq!(
            issues(&e),
            vec![("cardNumber".to_string(), "FORMAT")],
            "{number}"
        );
        assert!(e.message.contains("TOKEN_PAN"), "{}", e.message);
    }
    // A panType that is itself refused gets its own issue only, not a knock-on cardNumber one.
    for pan_type in [json!("token_pan"), json!(5)] {
        let e = err(
            "cardOrder",
            card_order(json!({ "cardNumber": "tok4f9a8b7c6d5e", "panType": pan_type.clone() })),
        );
        let fields: Vec<String> = issues(&e).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["panType"], "{pan_type}");
    }
    for number in ["4970100006", "4970100000000055123"] {
        assert_eq!(
            body("cardOrder", card_order(json!({ "cardNumber": number })))["cardNumber"],
            number
        );
    }
}

#[test]
fn containers_are_passed_through_and_checked_for_types() {
    let contact = json!({"email": "a@b.c", "firstname": "A", "phone": "0102030405"});
    let b = body(
        "cardOrder",
        card_order(
            json!({"customerContact": contact.clone(), "riskManagementCustomDataList": [{"riskManagementCustomSequence": 1}]}),
        ),
    );
    assert_eq!(b["customerContact"], contact);
    let cases = [
        ("customerContact", json!("Anne"), "customerContact", "TYPE"),
        (
            "riskManagementCustomDataList",
            json!({}),
            "riskManagementCustomDataList",
            "TYPE",
        ),
        (
            "fraudData",
            json!({"score": 1.5}),
            "fraudData.score",
            "TYPE",
        ),
        (
            "shoppingCartDetail",
            json!({"items": [{"price": 9007199254740993u64}]}),
            "shoppingCartDetail.items[0].price",
            "TYPE",
        ),
    ];
    for (field, v, at, code) in cases {
        let e = err("cardOrder", card_order(json!({ field: v })));
        assert_eq!(issues(&e), vec![(at.to_string(), code)], "{field}");
    }
    // Order containers are not part of cancel.
    assert!(has(
        &err("cancel", cancel(json!({"fraudData": {}}))),
        "fraudData",
        "UNKNOWN_FIELD"
    ));
}

#[test]
fn seal_algorithm_is_only_hmac_sha_256() {
    let b = body("cancel", cancel(json!({"sealAlgorithm": "HMAC-SHA-256"})));
    assert_eq!(b["sealAlgorithm"], "HMAC-SHA-256");
    let e = err("cancel", cancel(json!({"sealAlgorithm": "SHA-256"})));
    assert_eq!(issues(&e), vec![("sealAlgorithm".to_string(), "ENUM")]);
}

#[test]
fn every_issue_at_once_including_options() {
    let mut o = opts();
    o.merchant_id = "12ab".to_string();
    o.secret_key = Secret::new("");
    let e = office::request(
        "walletOrder",
        &json!({"amount": 1.5, "currencyCode": "EURO", "merchantWalletId": "", "orderChannel": "web", "extra": 1}),
        &o,
    )
    .unwrap_err();
    assert_eq!(
        issues(&e),
        vec![
            ("options.merchantId".to_string(), "FORMAT"),
            ("options.secretKey".to_string(), "REQUIRED"),
            ("amount".to_string(), "TYPE"),
            ("currencyCode".to_string(), "UNKNOWN_CURRENCY"),
            ("merchantWalletId".to_string(), "REQUIRED"),
            ("paymentMeanId".to_string(), "REQUIRED"),
            ("orderChannel".to_string(), "FORMAT"),
            ("transactionReference".to_string(), "REQUIRED"),
            ("extra".to_string(), "UNKNOWN_FIELD"),
        ]
    );
    assert!(e.message.starts_with("9 problems:"), "{}", e.message);
    assert_eq!(e.field.as_deref(), Some("options.merchantId"));
}

// ---------------------------------------------------------------------------------------------
// Preflight rules of the seed (options.transaction).

fn with_tx(status: Option<&str>, amount: Option<u64>) -> Options {
    let mut o = opts();
    o.transaction = Some(TransactionState {
        status: status.map(str::to_string),
        amount,
        reference: None,
        currency: None,
    });
    o
}

#[test]
fn another_transactions_data_is_refused() {
    // The getTransactionData answer of another reference, cancelled: the cancel of this one was
    // refused as "already cancelled" (the fifteenth pass, an attack).
    let ours = cancel(json!({}));
    let our_ref = ours["transactionReference"].as_str().unwrap().to_string();
    let mut o = with_tx(Some("CANCELLED"), Some(1));
    o.transaction.as_mut().unwrap().reference = Some("ANOTHER1".to_string());
    let e = office::request("cancel", &ours, &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    assert_eq!(e.field.as_deref(), Some("transaction.transactionReference"));
    assert!(
        e.message.contains("ANOTHER1") && e.message.contains(&our_ref),
        "{}",
        e.message
    );
    // An answer with no reference or an empty one: not compared (read leniently).
    for given in [json!({}), json!({"transactionReference": ""})] {
        let mut with = given.clone();
        with["transactionStatus"] = json!("CANCELLED");
        let state = office::call_options(&json!({ "transaction": with }))
            .unwrap()
            .unwrap();
        assert_eq!(state.reference, None, "{given}");
    }
    // A non-string one is a TYPE issue, as the status's and the currency's: read as "not given", a
    // number (an order id from a database) turned the check off (a new user's walk, twenty-second pass).
    for given in [json!(123), json!(true), json!(["ANOTHER1"])] {
        assert_type_issue(
            json!({ "transactionReference": given }),
            "transactionReference",
        );
    }
    // Its own data: the rules apply as before (cancelled: refused at the status).
    o.transaction.as_mut().unwrap().reference = Some(our_ref);
    let e = office::request("cancel", &ours, &o).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("transaction.transactionStatus"));
    // A duplicate is for its source, `fromTransactionReference`: the source's answer is its data, and
    // another's is refused (a helper's attack, twentieth pass: compared with the new reference, the
    // source's answer was always refused).
    let dup = json!({
        "amount": 100, "currencyCode": "EUR", "captureDay": 0, "captureMode": "AUTHOR_CAPTURE",
        "fromMerchantId": "002001000000001", "fromTransactionReference": "ORIG1",
        "merchantTransactionDateTime": "2026-01-02T10:15:00+01:00", "orderChannel": "INTERNET",
        "returnContext": "x", "transactionReference": "NEW1"
    });
    let mut o = with_tx(Some("CAPTURED"), Some(100));
    o.transaction.as_mut().unwrap().reference = Some("ORIG1".to_string());
    assert!(office::request("duplicate", &dup, &o).is_ok());
    o.transaction.as_mut().unwrap().reference = Some("NEW1".to_string());
    let e = office::request("duplicate", &dup, &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    assert!(
        e.message.contains("NEW1") && e.message.contains("ORIG1"),
        "{}",
        e.message
    );
}

#[test]
fn an_operation_in_another_currency_than_the_transactions_is_refused() {
    // A helper's attack on money (sixteenth pass): a USD cancel of a 10.00 EUR transaction was sent,
    // its 1000 compared with the transaction's EUR cents. The answer's currencyCode is read.
    let tx = |currency: Value| json!({ "transaction": { "transactionStatus": "TO_CAPTURE", "amount": 1000, "currencyCode": currency } });
    let state = office::call_options(&tx(json!("978"))).unwrap().unwrap();
    assert_eq!(state.currency.as_deref(), Some("978"));
    let mut o = opts();
    o.transaction = Some(state);
    let usd = cancel(json!({ "operationAmount": 1000, "currencyCode": "USD" }));
    let e = office::request("cancel", &usd, &o).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (
            ErrorCode::OperationNotAllowed,
            Some("transaction.currencyCode")
        )
    );
    assert!(
        e.message.contains("978") && e.message.contains("840"),
        "{}",
        e.message
    );
    // In the transaction's currency, alpha or numeric: the rules as before.
    for same in ["EUR", "978"] {
        let eur = cancel(json!({ "operationAmount": 1000, "currencyCode": same }));
        assert!(office::request("cancel", &eur, &o).is_ok(), "{same}");
    }
    // Any ISO 4217 form of the transaction's currency is compared as the request's three digits (a
    // helper's attack, eighteenth pass: 'EUR' and 978 were dropped, and a JPY transaction's 1000
    // compared with an EUR request's 5000 cents).
    for (given, read) in [
        (json!("EUR"), "978"),
        (json!(978), "978"),
        (json!("036"), "036"),
        (json!(36), "036"),
        (json!("JPY"), "392"),
    ] {
        let state = office::call_options(&tx(given.clone())).unwrap().unwrap();
        assert_eq!(state.currency.as_deref(), Some(read), "{given}");
    }
    let mut jpy = opts();
    jpy.transaction = Some(office::call_options(&tx(json!("JPY"))).unwrap().unwrap());
    let eur = cancel(json!({ "operationAmount": 5000, "currencyCode": "EUR" }));
    let e = office::request("cancel", &eur, &jpy).unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("transaction.currencyCode"),
        "{}",
        e.message
    );
    // A code of no currency is kept as given, so it differs from the request's: refused, not ignored.
    let mut odd = opts();
    odd.transaction = Some(office::call_options(&tx(json!("97"))).unwrap().unwrap());
    let e = office::request(
        "cancel",
        &cancel(json!({ "operationAmount": 10, "currencyCode": "EUR" })),
        &odd,
    )
    .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("transaction.currencyCode"),
        "{}",
        e.message
    );
    // Leniently still: no currency, or an empty one.
    for given in [json!(""), json!(null)] {
        let state = office::call_options(&tx(given.clone())).unwrap().unwrap();
        assert_eq!(state.currency, None, "{given}");
    }
    // One that is neither a string nor a number is a TYPE issue, as the status's: read as "not
    // given", it turned the currency rule off (a fuzz, twenty-second pass).
    for given in [json!(true), json!([]), json!({}), json!(["840"])] {
        assert_type_issue(json!({ "currencyCode": given }), "currencyCode");
    }
}

/// `transaction` of the call options given as `transaction`: one `TYPE` issue, at `field` in it.
fn assert_type_issue(transaction: serde_json::Value, field: &str) {
    let e = office::call_options(&json!({ "transaction": transaction })).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation, "{transaction}");
    let at = format!("callOptions.transaction.{field}");
    assert_eq!(
        e.issues
            .iter()
            .map(|i| (i.field.as_str(), i.code))
            .collect::<Vec<_>>(),
        [(at.as_str(), "TYPE")],
        "{transaction}"
    );
}

#[test]
fn cancel_of_a_cancelled_transaction_is_refused() {
    let e = office::request(
        "cancel",
        &cancel(json!({})),
        &with_tx(Some("CANCELLED"), None),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    assert_eq!(e.gateway_code.as_deref(), Some("24"));
    assert_eq!(e.field.as_deref(), Some("transaction.transactionStatus"));
    assert!(office::request(
        "cancel",
        &cancel(json!({})),
        &with_tx(Some("TO_CAPTURE"), None)
    )
    .is_ok());
}

#[test]
fn cancel_above_the_original_amount_is_refused() {
    let e = office::request(
        "cancel",
        &cancel(json!({"operationAmount": 1001})),
        &with_tx(Some("TO_CAPTURE"), Some(1000)),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    assert_eq!(e.field.as_deref(), Some("operationAmount"));
    assert!(e.message.contains("1001") && e.message.contains("1000"));
    assert!(office::request(
        "cancel",
        &cancel(json!({"operationAmount": 1000})),
        &with_tx(None, Some(1000))
    )
    .is_ok());
    // Refund and validate (capture) neither: reference §3, refunds may not exceed the captured
    // amount (the simulator refuses the same).
    for service in ["refund", "validate"] {
        let e = office::request(
            service,
            &cancel(json!({"operationAmount": 5000})),
            &with_tx(Some("CAPTURED"), Some(1000)),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::OperationNotAllowed, "{service}");
        assert_eq!(e.field.as_deref(), Some("operationAmount"));
        assert!(
            e.message.contains(&format!(
                "you cannot {service} more than the original amount"
            )),
            "{}",
            e.message
        );
        assert!(office::request(
            service,
            &cancel(json!({"operationAmount": 1000})),
            &with_tx(Some("CAPTURED"), Some(1000))
        )
        .is_ok());
    }
}

#[test]
fn challenge_methods_need_a_pending_challenge() {
    for service in ["acceptChallenge", "refuseChallenge"] {
        let f = json!({"transactionReference": "REF1"});
        let e = office::request(service, &f, &with_tx(Some("TO_CAPTURE"), None)).unwrap_err();
        assert_eq!(e.code, ErrorCode::OperationNotAllowed, "{service}");
        assert_eq!(e.gateway_code.as_deref(), Some("24"));
        assert!(e.message.contains(service));
        assert!(office::request(service, &f, &with_tx(Some("TO_CHALLENGE"), None)).is_ok());
        // Without a status the rule cannot be checked and the gateway decides.
        assert!(office::request(service, &f, &with_tx(None, Some(5))).is_ok());
    }
}

#[test]
fn validation_comes_before_the_rules() {
    let e = office::request(
        "cancel",
        &cancel(json!({"currencyCode": "???"})),
        &with_tx(Some("CANCELLED"), None),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
}

#[test]
fn challenge_fields() {
    let b = body(
        "acceptChallenge",
        json!({"transactionReference": "SIM20140121510382", "comment": "good id", "operationOrigin": "SIPS-SIM", "validationIndicator": "Y"}),
    );
    assert_eq!(b["comment"], "good id");
    assert_eq!(b["validationIndicator"], "Y");
    let b = body(
        "refuseChallenge",
        json!({"transactionReference": "R1", "comment": "stolen card"}),
    );
    assert_eq!(b["comment"], "stolen card");
    let e = err(
        "refuseChallenge",
        json!({"transactionReference": "R1", "validationIndicator": "Y"}),
    );
    assert_eq!(
        issues(&e),
        vec![("validationIndicator".to_string(), "UNKNOWN_FIELD")]
    );
    let e = err(
        "acceptChallenge",
        json!({"transactionReference": "R1", "comment": "x".repeat(256)}),
    );
    assert_eq!(issues(&e), vec![("comment".to_string(), "TOO_LONG")]);
}

/// An enumeration given another type names its values, as a wrong value does (thirtieth pass; the
/// values are the data dictionary's captureMode).
#[test]
fn an_enumeration_of_another_type_names_its_values() {
    let e = err("cardOrder", json!({"captureMode": 5}));
    let i = e
        .issues
        .iter()
        .find(|i| i.field == "captureMode")
        .expect("captureMode");
    assert_eq!(i.code, "TYPE");
    assert_eq!(
        i.message,
        "must be a string, got a number: use one of AUTHOR_CAPTURE, IMMEDIATE, VALIDATION"
    );
}
