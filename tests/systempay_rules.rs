//! planCancelOrRefund: the whole table of issue 3 (reference systempay.md §2.1, §4, §5).
// Native only: reads fixtures from disk (and proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::systempay::{plan_cancel_or_refund, Plan};
use remise::ErrorCode;
use serde_json::{json, Value};

const UUID: &str = "a0b61d1e159748eaab876cfe342e8c08";

fn tx(status: &str, amount: u64, refunded: Option<u64>) -> Value {
    let mut t = json!({
        "uuid": UUID,
        "amount": amount,
        "currency": "EUR",
        "detailedStatus": status,
        "status": "PAID",
        "operationType": "DEBIT",
        "_type": "V4/Transaction",
        "transactionDetails": {"cardDetails": {"captureResponse": {"refundAmount": null}}}
    });
    if let Some(r) = refunded {
        t["transactionDetails"]["cardDetails"]["captureResponse"]["refundAmount"] = json!(r);
    }
    t
}

fn plan(t: &Value, r: Value) -> Plan {
    plan_cancel_or_refund(t, &r).unwrap_or_else(|e| panic!("{r}: {e}"))
}

fn refused(t: &Value, r: Value, code: &str, field: &str) {
    let e = plan_cancel_or_refund(t, &r).unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed, "{r}: {e}");
    assert_eq!(e.gateway_code.as_deref(), Some(code), "{r}: {e}");
    assert_eq!(e.field.as_deref(), Some(field), "{r}: {e}");
    assert!(e.message.contains(code), "{}", e.message);
}

#[test]
fn cancellable_statuses_cancel_in_full() {
    for status in [
        "AUTHORISED",
        "AUTHORISED_TO_VALIDATE",
        "WAITING_AUTHORISATION",
        "WAITING_AUTHORISATION_TO_VALIDATE",
    ] {
        let t = tx(status, 3000, None);
        for r in [
            json!({ "uuid": UUID }),
            json!({ "uuid": UUID, "resolutionMode": "AUTO" }),
            json!({ "uuid": UUID, "resolutionMode": "CANCELLATION_ONLY" }),
            json!({ "uuid": UUID, "amount": 3000, "currency": "EUR" }),
        ] {
            let p = plan(&t, r);
            assert_eq!(p.operation, "CANCEL", "{status}");
            assert_eq!(p.amount, 3000);
            assert_eq!(p.currency, "EUR");
            assert!(p.full);
            assert_eq!(p.refundable_after, 0);
        }
        // REFUND_ONLY before capture → PSP_076.
        refused(
            &t,
            json!({"uuid": UUID, "resolutionMode": "REFUND_ONLY"}),
            "PSP_076",
            "request.resolutionMode",
        );
        // A partial amount on a cancel: Transaction/Update is the way.
        let e = plan_cancel_or_refund(
            &t,
            &json!({"uuid": UUID, "amount": 1000, "currency": "EUR"}),
        )
        .unwrap_err();
        assert_eq!(e.gateway_code.as_deref(), Some("PSP_020"));
        assert_eq!(e.field.as_deref(), Some("request.amount"));
        assert!(e.message.contains("Transaction/Update"), "{}", e.message);
    }
}

#[test]
fn captured_refunds_full_partial_and_repeated() {
    let t = tx("CAPTURED", 3000, None);
    let p = plan(&t, json!({ "uuid": UUID }));
    assert_eq!(
        (p.operation, p.amount, p.full, p.refundable_after),
        ("REFUND", 3000, true, 0)
    );
    let p = plan(
        &t,
        json!({"uuid": UUID, "amount": 1000, "currency": "EUR", "resolutionMode": "REFUND_ONLY"}),
    );
    assert_eq!(
        (p.operation, p.amount, p.full, p.refundable_after),
        ("REFUND", 1000, false, 2000)
    );
    let p = plan(&t, json!({"uuid": UUID, "amount": 3000, "currency": "EUR"}));
    assert_eq!((p.amount, p.full, p.refundable_after), (3000, true, 0));
    // After 1000 already refunded: 2000 left; a second partial refund, then the rest.
    let t = tx("CAPTURED", 3000, Some(1000));
    let p = plan(&t, json!({"uuid": UUID, "amount": 500, "currency": "EUR"}));
    assert_eq!((p.amount, p.full, p.refundable_after), (500, false, 1500));
    let p = plan(&t, json!({"uuid": UUID}));
    assert_eq!((p.amount, p.full, p.refundable_after), (2000, true, 0));
    let p = plan(&t, json!({"uuid": UUID, "amount": 2000, "currency": "EUR"}));
    assert_eq!((p.amount, p.full), (2000, true));
    // Above what is left.
    refused(
        &t,
        json!({"uuid": UUID, "amount": 2001, "currency": "EUR"}),
        "PSP_020",
        "request.amount",
    );
    // 0 moves nothing: refused by the request's own validation, before any plan.
    let e = plan_cancel_or_refund(&t, &json!({"uuid": UUID, "amount": 0, "currency": "EUR"}))
        .unwrap_err();
    assert_eq!(
        (e.code, e.issues[0].field.as_str(), e.issues[0].code),
        (ErrorCode::Validation, "request.amount", "RANGE")
    );
    // Fully refunded.
    let t = tx("CAPTURED", 3000, Some(3000));
    refused(
        &t,
        json!({ "uuid": UUID }),
        "PSP_104",
        "transaction.transactionDetails.cardDetails.captureResponse.refundAmount",
    );
    // No transactionDetails at all: nothing refunded yet.
    let mut t = tx("CAPTURED", 3000, None);
    t.as_object_mut().unwrap().remove("transactionDetails");
    assert_eq!(plan(&t, json!({ "uuid": UUID })).amount, 3000);
}

#[test]
fn refusals() {
    // CANCELLATION_ONLY on a captured transaction → PSP_075.
    refused(
        &tx("CAPTURED", 3000, None),
        json!({"uuid": UUID, "resolutionMode": "CANCELLATION_ONLY"}),
        "PSP_075",
        "request.resolutionMode",
    );
    // A captured transaction whose `status` is UNPAID went to chargeback, which the platform does not
    // refund (reference systempay.md §2.1 and §4, PSP_083 in §5); it was planned as a full refund (a
    // helper's acceptance suite, twenty-ninth pass). A cancellable one is not a chargeback.
    let mut chargeback = tx("CAPTURED", 3000, None);
    chargeback["status"] = json!("UNPAID");
    for body in [
        json!({"uuid": UUID}),
        json!({"uuid": UUID, "amount": 1000, "currency": "EUR", "resolutionMode": "REFUND_ONLY"}),
    ] {
        refused(&chargeback, body, "PSP_083", "transaction.status");
    }
    assert_eq!(
        plan(&tx("CAPTURED", 3000, None), json!({"uuid": UUID})).operation,
        "REFUND"
    );
    // Already cancelled → PSP_105, whatever the mode.
    for mode in ["AUTO", "CANCELLATION_ONLY", "REFUND_ONLY"] {
        refused(
            &tx("CANCELLED", 3000, None),
            json!({"uuid": UUID, "resolutionMode": mode}),
            "PSP_105",
            "transaction.detailedStatus",
        );
    }
    // Another currency than the transaction's.
    for status in ["CAPTURED", "AUTHORISED"] {
        refused(
            &tx(status, 3000, None),
            json!({"uuid": UUID, "amount": 1000, "currency": "USD"}),
            "INT_010",
            "request.currency",
        );
    }
    // The transaction's currency in another form is the same currency (a helper's attack on money,
    // eighteenth pass: '978' against 'EUR' or '978' was refused as INT_010).
    for (theirs, ours) in [
        (json!("978"), "EUR"),
        (json!("978"), "978"),
        (json!("EUR"), "978"),
        (json!(978), "EUR"),
    ] {
        let mut t = tx("CAPTURED", 3000, None);
        t["currency"] = theirs.clone();
        let p = plan(&t, json!({"uuid": UUID, "amount": 1000, "currency": ours}));
        assert_eq!(
            (p.operation, p.currency.as_str()),
            ("REFUND", "EUR"),
            "{theirs} {ours}"
        );
        refused(
            &t,
            json!({"uuid": UUID, "amount": 1000, "currency": "840"}),
            "INT_010",
            "request.currency",
        );
    }
    // A transaction currency of no currency is bad input, not a plan in 'XYZ'.
    for bad in ["XYZ", "eur"] {
        let mut t = tx("CAPTURED", 3000, None);
        t["currency"] = json!(bad);
        let e = plan_cancel_or_refund(&t, &json!({"uuid": UUID})).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "{bad}: {e}");
        assert_eq!(
            (e.issues[0].field.as_str(), e.issues[0].code),
            ("transaction.currency", "UNKNOWN_CURRENCY"),
            "{bad}"
        );
    }
    // Any other status → PSP_011.
    for status in [
        "REFUSED",
        "EXPIRED",
        "ACCEPTED",
        "PRE_AUTHORISED",
        "CAPTURE_FAILED",
        "UNDER_VERIFICATION",
        "SOMETHING_NEW",
    ] {
        refused(
            &tx(status, 3000, None),
            json!({ "uuid": UUID }),
            "PSP_011",
            "transaction.detailedStatus",
        );
    }
}

#[test]
fn bad_inputs_are_validation_errors_with_paths() {
    let e = plan_cancel_or_refund(&json!({"uuid": UUID}), &json!({"uuid": "nope", "amont": 1}))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        got,
        vec![
            ("transaction.detailedStatus", "REQUIRED"),
            ("transaction.amount", "REQUIRED"),
            ("transaction.currency", "REQUIRED"),
            ("request.uuid", "FORMAT"),
            ("request.amont", "UNKNOWN_FIELD"),
        ]
    );
    // The request is for another transaction.
    let e = plan_cancel_or_refund(
        &tx("CAPTURED", 3000, None),
        &json!({"uuid": "c97b7e6f3dbc4c239baf283654f34710"}),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.field.as_deref(), Some("request.uuid"));
    // A bad refundAmount in the transaction.
    let mut t = tx("CAPTURED", 3000, None);
    t["transactionDetails"]["cardDetails"]["captureResponse"]["refundAmount"] = json!("10");
    let e = plan_cancel_or_refund(&t, &json!({ "uuid": UUID })).unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("transaction.transactionDetails.cardDetails.captureResponse.refundAmount")
    );
    assert!(plan_cancel_or_refund(&json!(null), &json!({ "uuid": UUID })).is_err());
}

#[test]
fn plans_from_a_recorded_transaction_get_answer() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/systempay/responses/transaction_get_captured.json"),
    )
    .unwrap();
    let env = remise::systempay::parse_response(200, &text).unwrap();
    // 3000 captured, 1000 already refunded.
    let p = plan(
        &env["answer"],
        json!({"uuid": UUID, "amount": 1500, "currency": "EUR"}),
    );
    assert_eq!(
        (p.operation, p.amount, p.refundable_after),
        ("REFUND", 1500, 500)
    );
    refused(
        &env["answer"],
        json!({"uuid": UUID, "amount": 2500, "currency": "EUR"}),
        "PSP_020",
        "request.amount",
    );
}

#[test]
fn amount_without_currency_plans_in_the_transactions_currency() {
    // Issue 11: `{ uuid, amount }` is accepted; the planner uses the transaction's currency.
    // 5000 captured, 1000 already refunded: 1500 more leaves 2500 (5000 - 1000 - 1500).
    let t = tx("CAPTURED", 5000, Some(1000));
    let p = plan(&t, json!({ "uuid": UUID, "amount": 1500 }));
    assert_eq!(p.operation, "REFUND");
    assert_eq!(p.amount, 1500);
    assert_eq!(p.currency, "EUR");
    assert!(!p.full);
    assert_eq!(p.refundable_after, 2500);
    // Above what is left: still refused with the platform's code.
    refused(
        &t,
        json!({ "uuid": UUID, "amount": 4001 }),
        "PSP_020",
        "request.amount",
    );
}

#[test]
fn a_captured_refund_is_not_refunded() {
    // A refund is a transaction of its own (operationType CREDIT); once captured it can be neither
    // cancelled (PSP_075, like any captured transaction) nor refunded in turn (PSP_011: the platform's
    // code is UNCERTAIN, systempay.md §4 decides by status alone).
    let mut t = tx("CAPTURED", 500, None);
    t["operationType"] = json!("CREDIT");
    for r in [
        json!({ "uuid": UUID }),
        json!({ "uuid": UUID, "resolutionMode": "REFUND_ONLY" }),
        json!({ "uuid": UUID, "amount": 200, "currency": "EUR" }),
    ] {
        refused(&t, r, "PSP_011", "transaction.operationType");
    }
    refused(
        &t,
        json!({ "uuid": UUID, "resolutionMode": "CANCELLATION_ONLY" }),
        "PSP_075",
        "request.resolutionMode",
    );
    // A refund not yet captured is cancelled like a payment.
    let mut pending = tx("AUTHORISED", 500, None);
    pending["operationType"] = json!("CREDIT");
    assert_eq!(plan(&pending, json!({ "uuid": UUID })).operation, "CANCEL");
}

#[test]
fn an_order_in_another_currency_counts_the_refund_in_the_transactions_currency() {
    // Lyra's WooCommerce plugin (Refund/Api.php, refundFromOneTransaction): with an order in another
    // currency it compares `effectiveAmount - effectiveRefundAmount` (both in the converted currency),
    // and when it falls back to the transaction's currency it refunds `amount - refundAmount` in it:
    // `refundAmount` is in the transaction's units, `effectiveRefundAmount` in the other. The plan is in
    // the transaction's currency. (The sixteenth pass subtracted effectiveRefundAmount from amount: a
    // 10.00 EUR transaction with 5.00 EUR (5.50 USD) refunded planned 4.50 EUR left and refused a
    // refund of the 5.00 left; a helper's audit, seventeenth pass.)
    let mut t = tx("CAPTURED", 1000, Some(500));
    t["orderDetails"] = json!({ "orderCurrency": "USD", "orderTotalAmount": 1100 });
    t["transactionDetails"]["effectiveAmount"] = json!(1100);
    t["transactionDetails"]["effectiveCurrency"] = json!("USD");
    t["transactionDetails"]["cardDetails"]["captureResponse"]["effectiveRefundAmount"] = json!(550);
    let p = plan(&t, json!({ "uuid": UUID }));
    assert_eq!(
        (p.operation, p.amount, p.full, p.refundable_after),
        ("REFUND", 500, true, 0)
    );
    let p = plan(&t, json!({ "uuid": UUID, "amount": 500 }));
    assert_eq!((p.amount, p.refundable_after), (500, 0));
    // One cent more than is left in the transaction's currency: refused.
    let e = plan_cancel_or_refund(&t, &json!({ "uuid": UUID, "amount": 501 })).unwrap_err();
    assert_eq!(e.code, ErrorCode::OperationNotAllowed);
    // effectiveRefundAmount is not read: no amount there is no issue.
    t["transactionDetails"]["cardDetails"]["captureResponse"]["effectiveRefundAmount"] = json!("9");
    assert_eq!(plan(&t, json!({ "uuid": UUID })).amount, 500);
}
