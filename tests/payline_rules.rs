//! doReAuthorization preflight rules (seed page + reference payline.md §6) and the return-code
//! table (reference §5).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::payline::dates::Instant;
use remise::payline::{self, check_re_authorization};
use remise::ErrorCode;
use serde_json::{json, Value};

/// A UTC instant written as `time::macros::datetime!` writes it (`time` is a dev-dependency;
/// the library has its own `Instant`).
macro_rules! datetime {
    ($($t:tt)*) => {
        utc(time::macros::datetime!($($t)*))
    };
}

fn utc(t: time::OffsetDateTime) -> Instant {
    Instant::from_unix(
        t.unix_timestamp(),
        t.nanosecond(),
        t.offset().whole_seconds(),
    )
}

fn original() -> Value {
    // Created 15 January 2024 at 10:00 Paris time (CET, 09:00 UTC).
    json!({ "date": "2024-01-15T10:00:00+01:00", "currency": "EUR", "contractNumber": "1234567",
            "orderRef": "ORDER-1", "transactionId": "14340105742592" })
}

fn params(currency: Value, contract: Option<&str>, order_ref: Option<&str>) -> Value {
    let mut p = json!({
        "transactionID": "14340105742592",
        "payment": { "amount": 1000, "currency": currency, "action": 101, "mode": "CPT" },
        "order": { "amount": 1000, "currency": "EUR", "date": "2024-02-01T10:00" }
    });
    if let Some(c) = contract {
        p["payment"]["contractNumber"] = json!(c);
    }
    if let Some(r) = order_ref {
        p["order"]["ref"] = json!(r);
    }
    p
}

fn codes(w: &payline::Checked) -> Vec<&'static str> {
    w.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn other_currency_is_02620_without_sending() {
    for cur in [json!("USD"), json!(840), json!("840")] {
        let e = check_re_authorization(
            &original(),
            &params(cur.clone(), Some("1234567"), Some("NEW-1")),
            datetime!(2024-02-01 10:00 UTC),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::OperationNotAllowed, "{cur}");
        assert_eq!(e.gateway_code.as_deref(), Some("02620"));
        assert_eq!(
            e.gateway_message.as_deref(),
            Some("Currency must be the same as the original authorization")
        );
        assert_eq!(e.field.as_deref(), Some("payment.currency"));
        assert!(
            e.message.contains("EUR") && e.message.contains("USD"),
            "{}",
            e.message
        );
    }
    // The same currency written numerically is the same currency.
    let ok = check_re_authorization(
        &original(),
        &params(json!(978), Some("1234567"), Some("NEW-1")),
        datetime!(2024-02-01 10:00 UTC),
    );
    assert!(ok.is_ok());
}

#[test]
fn eleven_months_window() {
    let p = params(json!("EUR"), Some("1234567"), Some("NEW-1"));
    // Created 2024-01-15 09:00 UTC: the window ends 2024-12-15 09:00 UTC.
    let ok = check_re_authorization(&original(), &p, datetime!(2024-12-15 09:00 UTC)).unwrap();
    assert!(ok.warnings.is_empty(), "{:?}", ok.warnings);
    let e =
        check_re_authorization(&original(), &p, datetime!(2024-12-15 09:00:01 UTC)).unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    assert_eq!(e.field.as_deref(), Some("original.date"));
    assert!(e.message.contains("11 months"), "{}", e.message);
    assert!(e.message.contains("2024-01-15T10:00:00"), "{}", e.message);
    assert_eq!(e.gateway_code, None);
}

#[test]
fn original_date_in_paylines_own_layout_is_paris_time() {
    // 07/12/23 13:21:01 Paris (CET) = 12:21:01 UTC; + 11 months = 2024-11-07 12:21:01 UTC.
    let mut o = original();
    o["date"] = json!("07/12/23 13:21:01");
    let p = params(json!("EUR"), None, Some("NEW-1"));
    assert!(check_re_authorization(&o, &p, datetime!(2024-11-07 12:21:01 UTC)).is_ok());
    assert!(check_re_authorization(&o, &p, datetime!(2024-11-07 12:21:02 UTC)).is_err());
    // ISO without offset: Paris wall clock too.
    o["date"] = json!("2023-12-07T13:21:01");
    assert!(check_re_authorization(&o, &p, datetime!(2024-11-07 12:21:01 UTC)).is_ok());
    assert!(check_re_authorization(&o, &p, datetime!(2024-11-07 12:21:02 UTC)).is_err());
}

#[test]
fn one_instant_has_one_window_whatever_its_offset() {
    let p = params(json!("EUR"), None, Some("NEW-1"));
    let verdicts = |date: &str, now: Instant| {
        let mut o = original();
        o["date"] = json!(date);
        check_re_authorization(&o, &p, now).is_ok()
    };
    // 15 April 2024 10:00 in Paris (CEST, 08:00 UTC), written three ways. Eleven months on the Paris
    // calendar: 15 March 2025 10:00 Paris, which is CET then: 09:00 UTC (hand-computed).
    for date in [
        "2024-04-15T10:00:00+02:00",
        "2024-04-15T08:00:00Z",
        "2024-04-15T03:00:00-05:00",
        "15/04/24 10:00:00",
    ] {
        assert!(verdicts(date, datetime!(2025-03-15 09:00 UTC)), "{date}");
        assert!(
            !verdicts(date, datetime!(2025-03-15 09:00:01 UTC)),
            "{date}"
        );
    }
    // 30 December 2025 23:30 UTC is 31 December 00:30 in Paris: eleven months later is 31 November,
    // clamped to 30 November 00:30 Paris (29 November 23:30 UTC), so noon UTC on 30 November is late
    // whichever way the date is written.
    for date in [
        "2025-12-30T23:30:00Z",
        "31/12/25 00:30:00",
        "2025-12-31T00:30:00+01:00",
    ] {
        assert!(verdicts(date, datetime!(2026-11-29 23:30 UTC)), "{date}");
        assert!(!verdicts(date, datetime!(2026-11-30 12:00 UTC)), "{date}");
    }
    // 28 April 2026 02:30 in Paris (CEST): eleven months later is 28 March 2027 02:30, in the hour
    // the clocks skip (02:00 CET becomes 03:00 CEST at 01:00 UTC). Moved forward, as java.time does:
    // 03:30 CEST, 01:30 UTC (hand-computed); 00:45 UTC is still in.
    for date in ["2026-04-28T00:30:00Z", "28/04/26 02:30:00"] {
        assert!(verdicts(date, datetime!(2027-03-28 00:45 UTC)), "{date}");
        assert!(verdicts(date, datetime!(2027-03-28 01:30 UTC)), "{date}");
        assert!(
            !verdicts(date, datetime!(2027-03-28 01:30:01 UTC)),
            "{date}"
        );
    }
}

#[test]
fn other_contract_number_is_refused() {
    let e = check_re_authorization(
        &original(),
        &params(json!("EUR"), Some("7654321"), Some("NEW-1")),
        datetime!(2024-02-01 10:00 UTC),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    assert_eq!(e.field.as_deref(), Some("payment.contractNumber"));
    assert!(e.message.contains("1234567") && e.message.contains("7654321"));
    // Not given: a warning that names the original's.
    let ok = check_re_authorization(
        &original(),
        &params(json!("EUR"), None, Some("NEW-1")),
        datetime!(2024-02-01 10:00 UTC),
    )
    .unwrap();
    assert_eq!(codes(&ok), ["CONTRACT_NUMBER_MISSING"]);
    assert!(ok.warnings[0].message.contains("1234567"));
}

#[test]
fn no_order_ref_uses_the_originals_and_says_so() {
    let ok = check_re_authorization(
        &original(),
        &params(json!("EUR"), Some("1234567"), None),
        datetime!(2024-03-01 10:00 UTC),
    )
    .unwrap();
    assert_eq!(codes(&ok), ["ORDER_REF_FROM_ORIGINAL"]);
    assert_eq!(ok.order_ref.as_deref(), Some("ORDER-1"));
    assert!(ok.order_ref_from_original);
    assert!(ok.warnings[0].message.contains("ORDER-1"));
    // The warning says to send one, of the re-authorization's own: the envelope requires order.ref
    // (WSDL 4.77), request refuses the same parameters without it, and with the original's a lost
    // answer cannot be looked up by it (README; twenty-ninth pass: it advised the original's).
    assert!(ok.warnings[0].message.starts_with(
        "order.ref is not given (request refuses it missing): give it one of its own"
    ));
    assert!(ok.warnings[0]
        .message
        .ends_with(", not the original's 'ORDER-1'"));
    let e = remise::payline::request(
        "doReAuthorization",
        &params(json!("EUR"), Some("1234567"), None),
        &remise::payline::Options::from_value(&json!({"merchantId": "1", "accessKey": "k"}))
            .unwrap(),
    )
    .unwrap_err();
    assert!(e.issues.iter().any(|i| i.field == "order.ref"), "{e:?}");
    let v = ok.to_json();
    assert_eq!(v["orderRef"], "ORDER-1");
    assert_eq!(v["orderRefFromOriginal"], true);
    assert_eq!(v["warnings"][0]["code"], "ORDER_REF_FROM_ORIGINAL");

    // Original's reference unknown too: Payline will use it; the result says so.
    let mut o = original();
    o.as_object_mut().unwrap().remove("orderRef");
    let ok = check_re_authorization(
        &o,
        &params(json!("EUR"), Some("1234567"), None),
        datetime!(2024-03-01 10:00 UTC),
    )
    .unwrap();
    assert_eq!(codes(&ok), ["ORDER_REF_FROM_ORIGINAL"]);
    assert_eq!(ok.order_ref, None);
    assert!(ok.order_ref_from_original);

    // A new reference: no warning.
    let ok = check_re_authorization(
        &original(),
        &params(json!("EUR"), Some("1234567"), Some("NEW-1")),
        datetime!(2024-03-01 10:00 UTC),
    )
    .unwrap();
    assert!(ok.warnings.is_empty());
    assert_eq!(ok.order_ref.as_deref(), Some("NEW-1"));
    assert!(!ok.order_ref_from_original);
}

#[test]
fn same_order_ref_within_24_hours_is_a_duplicate_warning() {
    // Created 2024-01-15 09:00 UTC.
    let same = params(json!("EUR"), Some("1234567"), Some("ORDER-1"));
    let w = check_re_authorization(&original(), &same, datetime!(2024-01-16 08:59:59 UTC)).unwrap();
    assert_eq!(codes(&w), ["DUPLICATE_WITHIN_24H"]);
    assert!(w.warnings[0].message.contains("duplicate"));
    let w = check_re_authorization(&original(), &same, datetime!(2024-01-16 09:00 UTC)).unwrap();
    assert!(w.warnings.is_empty());
    // Taken from the original within 24 h: both warnings.
    let none = params(json!("EUR"), Some("1234567"), None);
    let w = check_re_authorization(&original(), &none, datetime!(2024-01-15 12:00 UTC)).unwrap();
    assert_eq!(
        codes(&w),
        ["ORDER_REF_FROM_ORIGINAL", "DUPLICATE_WITHIN_24H"]
    );
    // The first does not tell to send the original's reference, which the second calls a duplicate
    // (a helper's walk through README found the two contradicting each other).
    assert!(
        w.warnings[0].message.contains("give it one of its own"),
        "{}",
        w.warnings[0].message
    );
    // Another reference within 24 h: fine.
    let other = params(json!("EUR"), Some("1234567"), Some("ORDER-1-R1"));
    assert!(
        check_re_authorization(&original(), &other, datetime!(2024-01-15 12:00 UTC))
            .unwrap()
            .warnings
            .is_empty()
    );
}

#[test]
fn now_as_a_string() {
    let p = params(json!("EUR"), Some("1234567"), Some("NEW-1"));
    assert!(check_re_authorization(&original(), &p, "2024-12-15T09:00:00Z").is_ok());
    assert!(check_re_authorization(&original(), &p, "2024-12-15T10:00:01+01:00").is_err());
    let e = check_re_authorization(&original(), &p, "soon").unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.issues[0].field, "now");
}

#[test]
fn inputs_are_validated_with_every_issue() {
    let e = check_re_authorization(
        &json!({ "date": "yesterday", "currency": "EURO", "orderref": "x" }),
        &json!({ "payment": {}, "transactionID": "1" }),
        datetime!(2024-01-01 0:00 UTC),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let got: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        [
            ("original.date", "FORMAT"),
            ("original.currency", "UNKNOWN_CURRENCY"),
            ("original.orderref", "UNKNOWN_FIELD"),
            ("payment.currency", "REQUIRED"),
        ]
    );
    let e = check_re_authorization(
        &json!({ "date": "2024-01-15T10:00:00+01:00", "currency": "EUR", "transactionId": "A" }),
        &params(json!("EUR"), None, None),
        datetime!(2024-02-01 0:00 UTC),
    )
    .unwrap_err();
    assert_eq!(e.issues[0].field, "transactionID");
    assert_eq!(e.issues[0].code, "CONFLICT");
}

#[test]
fn describe_result_rows() {
    let r = payline::describe_result("00000").unwrap();
    assert_eq!(
        (
            r.code.as_str(),
            r.status.as_str(),
            r.message.as_str(),
            r.accepted
        ),
        ("00000", "ACCEPTED", "Transaction approved", true)
    );
    let r = payline::describe_result("02620").unwrap();
    assert_eq!(
        r.message,
        "Currency must be the same as the original authorization"
    );
    assert!(!r.accepted);
    let r = payline::describe_result("02619").unwrap();
    assert!(!r.accepted);
    assert!(r
        .message
        .starts_with("You don't have the reauthorization option"));
    assert!(
        r.message.contains("Activate re-authorization"),
        "{}",
        r.message
    );
    let r = payline::describe_result("01101").unwrap();
    assert_eq!(
        (r.status.as_str(), r.message.as_str(), r.accepted),
        ("REFUSED", "Card expired", false)
    );
    let r = payline::describe_result("02305").unwrap();
    assert_eq!(r.status, "ERROR");
    // The documented "accepted" list (reference §5).
    for code in [
        "00000", "02400", "02500", "02501", "02517", "02520", "02616", "03000", "04000",
    ] {
        assert!(payline::describe_result(code).unwrap().accepted, "{code}");
    }
    for code in [
        "02001", "02002", "01913", "02101", "04001", "03022", "09101",
    ] {
        assert!(!payline::describe_result(code).unwrap().accepted, "{code}");
    }
    // Unknown but well-formed: described by family, not accepted.
    let r = payline::describe_result("01999").unwrap();
    assert_eq!((r.status.as_str(), r.accepted), ("UNKNOWN", false));
    assert!(r.message.contains("01xxx"));
    // Not a code.
    for bad in ["0000", "000000", "ABCDE", ""] {
        let e = payline::describe_result(bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "{bad}");
        assert_eq!(e.field.as_deref(), Some("code"));
    }
}

#[test]
fn a_get_transaction_details_answer_can_be_the_original() {
    // As parseResponse returns it (see tests/fixtures/payline/getTransactionDetails.response.00000.tmpl.xml).
    let details = json!({
        "result": { "code": "00000", "accepted": true },
        "transaction": { "id": "1434297987545643131272", "date": "07/12/2023 16:20:17", "dateIso": "2023-12-07T16:20:17" },
        "payment": { "amount": "1000", "currency": "978", "action": "101", "mode": "CPT", "contractNumber": "1234567" },
        "order": { "ref": "ORDER-0001", "amount": "1000", "currency": "978", "date": "07/12/2023 16:20" },
        "contractNumber": "1234567"
    });
    let mut p = params(json!("USD"), Some("1234567"), Some("NEW"));
    p["transactionID"] = json!("1434297987545643131272");
    let e = check_re_authorization(&details, &p, datetime!(2024-01-01 0:00 UTC)).unwrap_err();
    assert_eq!(e.gateway_code.as_deref(), Some("02620"));
    p["payment"]["currency"] = json!("EUR");
    p["order"].as_object_mut().unwrap().remove("ref");
    // 16:20:17 Paris (CET) = 15:20:17 UTC; 24 h later is 2023-12-08 15:20:17 UTC.
    let w = check_re_authorization(&details, &p, datetime!(2023-12-08 15:20:16 UTC)).unwrap();
    assert_eq!(
        codes(&w),
        ["ORDER_REF_FROM_ORIGINAL", "DUPLICATE_WITHIN_24H"]
    );
    assert_eq!(w.order_ref.as_deref(), Some("ORDER-0001"));
    let w = check_re_authorization(&details, &p, datetime!(2023-12-08 15:20:17 UTC)).unwrap();
    assert_eq!(codes(&w), ["ORDER_REF_FROM_ORIGINAL"]);
    // Other transaction id than the one described.
    p["transactionID"] = json!("999");
    let e = check_re_authorization(&details, &p, datetime!(2024-01-01 0:00 UTC)).unwrap_err();
    assert_eq!(e.issues[0].field, "transactionID");
    // 11 months after 2023-12-07 15:20:17 UTC.
    p["transactionID"] = json!("1434297987545643131272");
    assert!(check_re_authorization(&details, &p, datetime!(2024-11-07 15:20:17 UTC)).is_ok());
    assert!(check_re_authorization(&details, &p, datetime!(2024-11-07 15:20:18 UTC)).is_err());
}

#[test]
fn a_refund_credit_or_refused_original_cannot_be_re_authorized() {
    // payline.md §6 rule 2: authorizations (accepted, validated or not, cancelled or not) and
    // re-authorizations are eligible; a refund (payment.action 421), a credit (422) and a refused
    // authorization (01101 "Card expired", status REFUSED in §5) are not.
    let now = datetime!(2024-02-01 0:00 UTC);
    let p = params(json!("EUR"), Some("1234567"), Some("NEW"));
    for (key, value, field) in [
        ("action", "421", "original.action"),
        ("action", "422", "original.action"),
        ("resultCode", "01101", "original.resultCode"),
        ("resultCode", "01100", "original.resultCode"),
    ] {
        let mut o = original();
        o[key] = json!(value);
        let e = check_re_authorization(&o, &p, now).unwrap_err();
        assert_eq!(e.code, ErrorCode::OperationNotAllowed, "{value}");
        assert_eq!(e.field.as_deref(), Some(field), "{value}");
        assert!(e.message.contains(value), "{}", e.message);
    }
    // Eligible: an authorization, an authorization with capture, accepted, or in error/cancelled
    // states that are not refusals (02008 CANCELLED by the user).
    for (key, value) in [
        ("action", "100"),
        ("action", "101"),
        ("resultCode", "00000"),
        ("resultCode", "02008"),
    ] {
        let mut o = original();
        o[key] = json!(value);
        assert!(check_re_authorization(&o, &p, now).is_ok(), "{value}");
    }
    // The same from a getTransactionDetails answer, named at the answer's own paths.
    let details = |code: &str, action: &str| {
        json!({
            "result": { "code": code },
            "transaction": { "id": "14340105742592", "date": "15/01/2024 10:00:00" },
            "payment": { "currency": "978", "action": action, "contractNumber": "1234567" },
            "order": { "ref": "ORDER-1" }
        })
    };
    let e = check_re_authorization(&details("00000", "421"), &p, now).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("original.payment.action"));
    // The action as a number, as the params write it (a review of the pass: refused as "must be a
    // string" in the plain form, passed unseen in the answer's form).
    let mut numeric = details("00000", "101");
    numeric["payment"]["action"] = json!(421);
    let e = check_re_authorization(&numeric, &p, now).unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    let mut o = original();
    o["action"] = json!(421);
    let e = check_re_authorization(&o, &p, now).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::OperationNotAllowed, Some("original.action"))
    );
    o["action"] = json!(101);
    assert!(check_re_authorization(&o, &p, now).is_ok());
    let e = check_re_authorization(&details("01101", "101"), &p, now).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("original.result.code"));
    assert!(check_re_authorization(&details("00000", "101"), &p, now).is_ok());
}
