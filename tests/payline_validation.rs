//! Payline request validation: every rule, every issue at once with its path, and XML injection
//! in every string field (escaped, or refused for characters XML cannot carry).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use quick_xml::events::Event;
use quick_xml::NsReader;
use remise::payline::{self, Options};
use remise::{Error, ErrorCode};
use serde_json::{json, Value};

fn opts() -> Options {
    Options::new("111111111", "AFju9XHplQzvamffO72L")
}

fn reauth() -> Value {
    json!({
        "transactionID": "14340105742592",
        "payment": { "amount": 1000, "currency": "EUR", "action": 101, "mode": "CPT", "contractNumber": "1234567" },
        "order": { "ref": "ORDER-0001-R1", "amount": 1000, "currency": "EUR", "date": "2024-12-15T12:20" }
    })
}

fn auth() -> Value {
    json!({
        "payment": { "amount": 5000, "currency": "EUR", "action": 100, "mode": "CPT", "contractNumber": "1234567" },
        "card": { "number": "4970100000325734", "type": "CB", "expirationDate": "1227", "cvx": "123" },
        "order": { "ref": "ORD-42", "amount": 5000, "currency": "EUR", "date": "2024-07-01T10:00:00Z" }
    })
}

fn err(op: &str, p: &Value) -> Error {
    payline::request(op, p, &opts()).expect_err("must be refused")
}

/// (field, issue code) of every issue.
fn issues(e: &Error) -> Vec<(String, &'static str)> {
    assert_eq!(e.code, ErrorCode::Validation, "{e}");
    assert_eq!(e.gateway, Some(remise::Gateway::Payline));
    e.issues.iter().map(|i| (i.field.clone(), i.code)).collect()
}

fn one(op: &str, p: &Value) -> (String, &'static str) {
    let e = err(op, p);
    let list = issues(&e);
    assert_eq!(list.len(), 1, "{list:?}");
    list[0].clone()
}

fn set(v: &mut Value, path: &str, x: Value) {
    let mut cur = v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = if let Ok(i) = p.parse::<usize>() {
            &mut cur[i]
        } else {
            &mut cur[*p]
        };
    }
    let last = parts[parts.len() - 1];
    if x.is_null() {
        cur.as_object_mut().unwrap().remove(last);
    } else {
        cur[last] = x;
    }
}

fn with(mut p: Value, path: &str, x: Value) -> Value {
    set(&mut p, path, x);
    p
}

#[test]
fn unknown_operation() {
    let e = payline::request("doRefunds", &reauth(), &opts()).unwrap_err();
    assert_eq!(issues(&e), [("operation".to_string(), "ENUM")]);
    assert!(e.message.contains("doRefund"), "{}", e.message);
}

#[test]
fn required_elements() {
    let cases = [
        ("doReAuthorization", "transactionID"),
        ("doReAuthorization", "payment"),
        ("doReAuthorization", "order"),
        ("doReAuthorization", "payment.amount"),
        ("doReAuthorization", "payment.currency"),
        ("doReAuthorization", "payment.action"),
        ("doReAuthorization", "payment.mode"),
        ("doReAuthorization", "order.ref"),
        ("doReAuthorization", "order.amount"),
        ("doReAuthorization", "order.currency"),
        ("doReAuthorization", "order.date"),
        ("doAuthorization", "card"),
        ("doAuthorization", "card.type"),
        ("doAuthorization", "payment.contractNumber"),
    ];
    for (op, path) in cases {
        let base = if op == "doAuthorization" {
            auth()
        } else {
            reauth()
        };
        assert_eq!(
            one(op, &with(base, path, Value::Null)),
            (path.to_string(), "REQUIRED"),
            "{op} {path}"
        );
    }
    // An empty string is not a value.
    assert_eq!(
        one("doReAuthorization", &with(reauth(), "order.ref", json!(""))),
        ("order.ref".to_string(), "REQUIRED")
    );
    // doDebit needs an authorization (02305 "authorizationNumber is missing or empty").
    let debit = with(auth(), "payment.action", json!(204));
    assert_eq!(
        one("doDebit", &debit),
        ("authorization".to_string(), "REQUIRED")
    );
    let debit = with(
        debit,
        "authorization",
        json!({ "date": "2025-01-10T09:25" }),
    );
    assert_eq!(
        one("doDebit", &debit),
        ("authorization.number".to_string(), "REQUIRED")
    );
    // doCredit: order optional, card required.
    let credit = with(with(auth(), "order", Value::Null), "card", Value::Null);
    let credit = with(credit, "payment.action", json!(422));
    assert_eq!(one("doCredit", &credit), ("card".to_string(), "REQUIRED"));
    // getTransactionDetails: transactionId or orderRef.
    assert_eq!(
        one("getTransactionDetails", &json!({})),
        ("transactionId".to_string(), "REQUIRED")
    );
    assert!(payline::request(
        "getTransactionDetails",
        &json!({ "orderRef": "R1" }),
        &opts()
    )
    .is_ok());
}

#[test]
fn card_needs_a_number_a_token_or_encrypted_data() {
    let p = with(auth(), "card.number", Value::Null);
    assert_eq!(
        one("doAuthorization", &p),
        ("card.number".to_string(), "REQUIRED")
    );
    assert!(payline::request(
        "doAuthorization",
        &with(p.clone(), "card.token", json!("tok_1")),
        &opts()
    )
    .is_ok());
    assert!(payline::request(
        "doAuthorization",
        &with(p, "card.encryptedData", json!("abc")),
        &opts()
    )
    .is_ok());
}

#[test]
fn amounts_are_whole_minor_units_of_at_most_12_digits() {
    for (value, code) in [
        (json!("10.00"), "TYPE"),
        (json!(""), "TYPE"),
        (json!(10.5), "TYPE"),
        (json!(-1), "RANGE"),
        (json!(1_000_000_000_000u64), "AMOUNT_RANGE"),
    ] {
        assert_eq!(
            one(
                "doReAuthorization",
                &with(reauth(), "payment.amount", value.clone())
            ),
            ("payment.amount".to_string(), code),
            "{value}"
        );
    }
    let ok = with(reauth(), "payment.amount", json!(999_999_999_999u64));
    assert!(payline::request("doReAuthorization", &ok, &opts())
        .unwrap()
        .body
        .contains("<obj:amount>999999999999</obj:amount>"));
    // Zero is a valid amount (account verification).
    assert!(payline::request(
        "doReAuthorization",
        &with(reauth(), "payment.amount", json!(0)),
        &opts()
    )
    .is_ok());
}

#[test]
fn numeric_codes_are_never_empty_or_too_long() {
    for (value, code) in [
        (json!(""), "FORMAT"),
        (json!("1011"), "FORMAT"),
        (json!(1011), "FORMAT"),
        (json!("10a"), "FORMAT"),
        (json!(true), "FORMAT"),
    ] {
        assert_eq!(
            one(
                "doReAuthorization",
                &with(reauth(), "payment.action", value.clone())
            ),
            ("payment.action".to_string(), code),
            "{value}"
        );
    }
    for (value, code) in [
        (json!(0), "RANGE"),
        (json!(100), "FORMAT"),
        (json!("x"), "FORMAT"),
    ] {
        assert_eq!(
            one(
                "doReAuthorization",
                &with(reauth(), "version", value.clone())
            ),
            ("version".to_string(), code),
            "{value}"
        );
    }
}

#[test]
fn currencies_must_be_known() {
    for value in [
        json!("EURO"),
        json!("eur"),
        json!(999),
        json!(""),
        json!(true),
    ] {
        let (field, code) = one(
            "doReAuthorization",
            &with(reauth(), "order.currency", value.clone()),
        );
        assert_eq!(field, "order.currency");
        assert!(
            code == "UNKNOWN_CURRENCY" || code == "TYPE",
            "{value}: {code}"
        );
    }
}

#[test]
fn enumerations() {
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "payment.mode", json!("cpt"))
        ),
        ("payment.mode".to_string(), "ENUM")
    );
    let e = err(
        "doReAuthorization",
        &with(reauth(), "media", json!("Desktop")),
    );
    assert_eq!(issues(&e), [("media".to_string(), "ENUM")]);
    assert!(e
        .message
        .contains("Computer, Mobile, Tablet, TV, Console, Undefined"));
    for m in ["Computer", "Mobile", "Tablet", "TV", "Console", "Undefined"] {
        assert!(payline::request(
            "doReAuthorization",
            &with(reauth(), "media", json!(m)),
            &opts()
        )
        .is_ok());
    }
    assert_eq!(
        one(
            "getTransactionDetails",
            &json!({ "transactionId": "1", "transactionHistory": "yes" })
        ),
        ("transactionHistory".to_string(), "ENUM")
    );
    assert_eq!(
        one(
            "getTransactionDetails",
            &json!({ "transactionId": "1", "archiveSearch": "true" })
        ),
        ("archiveSearch".to_string(), "TYPE")
    );
}

#[test]
fn differed_action_date_exactly_when_mode_is_dif() {
    let dif = with(auth(), "payment.mode", json!("DIF"));
    assert_eq!(
        one("doAuthorization", &dif),
        ("payment.differedActionDate".to_string(), "REQUIRED")
    );
    let ok = with(dif, "payment.differedActionDate", json!("2024-12-20"));
    assert!(payline::request("doAuthorization", &ok, &opts())
        .unwrap()
        .body
        .contains("<obj:differedActionDate>20/12/24</obj:differedActionDate>"));
    let ok = with(ok, "payment.differedActionDate", json!("20/12/24"));
    assert!(payline::request("doAuthorization", &ok, &opts())
        .unwrap()
        .body
        .contains("<obj:differedActionDate>20/12/24</obj:differedActionDate>"));
    // Written dd/mm/yy: a year outside 2000-2099 would be sent a century off ('1999-12-20' as
    // 20/12/99, which Payline reads as 2099).
    for year_off in ["1999-12-20", "2100-01-01", "0999-01-01"] {
        let bad = with(ok.clone(), "payment.differedActionDate", json!(year_off));
        let e = payline::request("doAuthorization", &bad, &opts()).unwrap_err();
        assert_eq!(e.issues.len(), 1, "{year_off}");
        assert_eq!(e.issues[0].field, "payment.differedActionDate");
        assert_eq!(e.issues[0].code, "FORMAT");
        assert!(
            e.issues[0].message.contains("2000-2099"),
            "{}",
            e.issues[0].message
        );
    }
    let edge = with(
        ok.clone(),
        "payment.differedActionDate",
        json!("2099-12-31"),
    );
    assert!(payline::request("doAuthorization", &edge, &opts())
        .unwrap()
        .body
        .contains("<obj:differedActionDate>31/12/99</obj:differedActionDate>"));
    let cpt = with(auth(), "payment.differedActionDate", json!("2024-12-20"));
    assert_eq!(
        one("doAuthorization", &cpt),
        ("payment.differedActionDate".to_string(), "CONFLICT")
    );
    let bad = with(
        with(auth(), "payment.mode", json!("DIF")),
        "payment.differedActionDate",
        json!("2024-02-30"),
    );
    assert_eq!(
        one("doAuthorization", &bad),
        ("payment.differedActionDate".to_string(), "FORMAT")
    );
}

#[test]
fn lengths() {
    let cases = [
        ("transactionID", 50),
        ("payment.contractNumber", 20),
        ("payment.method", 20),
        ("payment.softDescriptor", 64),
        ("payment.cardBrand", 15),
        ("order.ref", 50),
        ("order.country", 2),
        ("order.bookingReference", 100),
        ("order.orderDetail", 4),
    ];
    for (path, max) in cases {
        let ok = with(reauth(), path, json!("é".repeat(max)));
        assert!(
            payline::request("doReAuthorization", &ok, &opts()).is_ok(),
            "{path} at {max}"
        );
        let long = with(reauth(), path, json!("x".repeat(max + 1)));
        assert_eq!(
            one("doReAuthorization", &long),
            (path.to_string(), "TOO_LONG"),
            "{path}"
        );
    }
    let long = with(
        reauth(),
        "privateDataList",
        json!([{ "key": "k".repeat(51), "value": "v".repeat(101) }]),
    );
    let e = err("doReAuthorization", &long);
    assert_eq!(
        issues(&e),
        [
            ("privateDataList[0].key".to_string(), "TOO_LONG"),
            ("privateDataList[0].value".to_string(), "TOO_LONG")
        ]
    );
}

#[test]
fn lists_are_arrays_of_at_most_99() {
    let entries = |n: usize| -> Value {
        Value::Array(
            (0..n)
                .map(|i| json!({ "key": format!("k{i}"), "value": "v" }))
                .collect(),
        )
    };
    // payline.md §4: code 02514 "Private data number is limited to 99"; cap at 99 client-side.
    let ok = with(reauth(), "privateDataList", entries(99));
    let body = payline::request("doReAuthorization", &ok, &opts())
        .unwrap()
        .body;
    assert_eq!(body.matches("<obj:privateData>").count(), 99);
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "privateDataList", entries(100))
        ),
        ("privateDataList".to_string(), "TOO_LONG")
    );
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "privateDataList", json!({ "k": "v" }))
        ),
        ("privateDataList".to_string(), "TYPE")
    );
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "privateDataList", json!([{ "key": "k" }]))
        ),
        ("privateDataList[0].value".to_string(), "REQUIRED")
    );
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "privateDataList", json!(["k=v"]))
        ),
        ("privateDataList[0]".to_string(), "TYPE")
    );
    let details = |n: usize| -> Value {
        Value::Array((0..n).map(|i| json!({ "ref": format!("r{i}") })).collect())
    };
    assert!(payline::request(
        "doReAuthorization",
        &with(reauth(), "order.details", details(100)),
        &opts()
    )
    .is_ok());
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "order.details", details(101))
        ),
        ("order.details".to_string(), "TOO_LONG")
    );
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "order.details", json!([{ "price": "1.00" }]))
        ),
        ("order.details[0].price".to_string(), "TYPE")
    );
    // An empty list is no list: the WSDL requires the element, nillable, so it is written nil.
    let body = payline::request(
        "doReAuthorization",
        &with(reauth(), "privateDataList", json!([])),
        &opts(),
    )
    .unwrap()
    .body;
    assert!(body.contains("<impl:privateDataList xsi:nil=\"true\"/>"));
    assert!(!body.contains("privateData>"));
}

#[test]
fn card_fields_and_secrets_never_echoed() {
    let secret = "4970 1000 0032 5734";
    let e = err(
        "doAuthorization",
        &with(auth(), "card.number", json!(secret)),
    );
    assert_eq!(issues(&e), [("card.number".to_string(), "FORMAT")]);
    assert!(
        !e.message.contains("4970") && !e.message.contains("5734"),
        "{}",
        e.message
    );
    let e = err("doAuthorization", &with(auth(), "card.cvx", json!("12")));
    assert_eq!(issues(&e), [("card.cvx".to_string(), "FORMAT")]);
    assert!(!e.message.contains("12 "), "{}", e.message);
    let e = err(
        "doAuthorization",
        &with(auth(), "card.number", json!(4970100000325734u64)),
    );
    assert_eq!(issues(&e), [("card.number".to_string(), "TYPE")]);
    for bad in ["1327", "0027", "127", "12/27", "ab27"] {
        assert_eq!(
            one(
                "doAuthorization",
                &with(auth(), "card.expirationDate", json!(bad))
            ),
            ("card.expirationDate".to_string(), "FORMAT"),
            "{bad}"
        );
    }
}

#[test]
fn dates_must_be_dates() {
    for bad in [
        "2024-12-15",
        "15/12/2024",
        "2024-12-15_12:20",
        "tomorrow",
        "2024-02-30T10:00",
    ] {
        assert_eq!(
            one(
                "doReAuthorization",
                &with(reauth(), "order.date", json!(bad))
            ),
            ("order.date".to_string(), "FORMAT"),
            "{bad}"
        );
    }
}

#[test]
fn unknown_fields_are_reported_with_a_hint() {
    let p = with(reauth(), "transactionId", json!("1"));
    let p = with(p, "transactionID", Value::Null);
    let e = err("doReAuthorization", &p);
    assert_eq!(
        issues(&e),
        [
            ("transactionID".to_string(), "REQUIRED"),
            ("transactionId".to_string(), "UNKNOWN_FIELD")
        ]
    );
    assert!(e.issues[1].message.contains("did you mean 'transactionID'"));
    // Elements remise does not model are refused, not dropped (threeDSInfo is always written
    // nil; buyer, modelled since issue 11, is accepted).
    assert_eq!(
        one(
            "doAuthorization",
            &with(auth(), "threeDSInfo", json!({ "challengeInd": "01" }))
        ),
        ("threeDSInfo".to_string(), "UNKNOWN_FIELD")
    );
    assert_eq!(
        one(
            "doAuthorization",
            &with(
                auth(),
                "buyer",
                json!({ "email": "a@b.c", "merchantAuthentication": {} })
            )
        ),
        ("buyer.merchantAuthentication".to_string(), "UNKNOWN_FIELD")
    );
    assert_eq!(
        one(
            "doReAuthorization",
            &with(reauth(), "payment.amout", json!(1))
        ),
        ("payment.amout".to_string(), "UNKNOWN_FIELD")
    );
}

#[test]
fn reset_amount_and_currency_go_together() {
    let base = json!({ "transactionID": "1" });
    assert!(payline::request("doReset", &base, &opts()).is_ok());
    assert_eq!(
        one("doReset", &with(base.clone(), "amount", json!(5))),
        ("currency".to_string(), "REQUIRED")
    );
    assert_eq!(
        one("doReset", &with(base, "currency", json!("EUR"))),
        ("amount".to_string(), "REQUIRED")
    );
}

#[test]
fn every_issue_at_once() {
    let p = json!({
        "transactionId": "x",
        "payment": { "amount": "10", "currency": "EURO", "action": "", "mode": "DIF" },
        "order": { "ref": "r".repeat(51), "amount": 1, "currency": "EUR", "date": "now" },
        "privateDataList": [{ "key": "a\u{1}", "value": "v" }],
        "media": "PC"
    });
    let e = err("doReAuthorization", &p);
    let got = issues(&e);
    let want: Vec<(String, &str)> = [
        ("transactionID", "REQUIRED"),
        ("payment.amount", "TYPE"),
        ("payment.currency", "UNKNOWN_CURRENCY"),
        ("payment.action", "FORMAT"),
        ("order.ref", "TOO_LONG"),
        ("order.date", "FORMAT"),
        ("privateDataList[0].key", "FORBIDDEN_CHARACTER"),
        ("media", "ENUM"),
        ("transactionId", "UNKNOWN_FIELD"),
        ("payment.differedActionDate", "REQUIRED"),
        ("payment.contractNumber", "REQUIRED"),
    ]
    .iter()
    .map(|(f, c)| (f.to_string(), *c))
    .collect();
    assert_eq!(got, want);
    assert!(e.message.starts_with("11 problems: "), "{}", e.message);
    assert_eq!(e.field.as_deref(), Some("transactionID"));
}

/// Text of every element, read back with an XML parser.
fn texts(xml: &str) -> Vec<(String, String)> {
    let mut r = NsReader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut buf = String::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => {
                stack.push(String::from_utf8(e.local_name().as_ref().to_vec()).unwrap());
                buf.clear();
            }
            Event::Text(t) => buf.push_str(&t.decode().unwrap()),
            Event::GeneralRef(g) => {
                // A character reference (`&#13;`) is the character itself.
                if let Some(c) = g.resolve_char_ref().unwrap() {
                    buf.push(c);
                    continue;
                }
                let name = g.decode().unwrap().to_string();
                buf.push(match name.as_str() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("entity {other}"),
                });
            }
            Event::End(_) => {
                let name = stack.pop().unwrap();
                if !buf.is_empty() {
                    out.push((name, std::mem::take(&mut buf)));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

const PAYLOAD: &str = "a<b>&c]]>\"d'e</obj:x><!--";

/// Every free string field of every operation: markup is escaped (and reads back unchanged),
/// control characters are refused with the field's path.
#[test]
fn xml_injection_in_every_string_field() {
    type Case = (&'static str, fn() -> Value, &'static [&'static str]);
    let string_fields: &[Case] = &[
        (
            "doReAuthorization",
            reauth,
            &[
                "transactionID",
                "payment.contractNumber",
                "payment.registrationToken",
                "order.ref",
                "order.origin",
                "order.details.0.ref",
                "order.details.0.comment",
                "order.details.0.category",
                "order.details.0.brand",
                "order.details.0.subcategory1",
                "order.details.0.subcategory2",
                "order.details.0.additionalData",
                "order.details.0.seller",
                "order.details.0.sellerType",
                "order.bookingReference",
                "privateDataList.0.key",
                "privateDataList.0.value",
            ],
        ),
        (
            "doAuthorization",
            auth,
            &[
                "card.encryptionKeyId",
                "card.encryptedData",
                "card.type",
                "card.ownerBirthdayDate",
                "card.password",
                "card.cardPresent",
                "card.cardholder",
                "card.token",
                "card.par",
                "card.tokenRequestorCryptogram",
                "card.tokenRequestorId",
                "card.last4",
                "card.panType",
                "linkedTransactionId",
                "travelFileNumber",
                "buyer.lastName",
                "buyer.email",
                "buyer.shippingAdress.street1",
                "buyer.billingAddress.cityName",
                "buyer.buyerExtended",
                "owner.lastName",
                "owner.billingAddress.street",
                "bankAccountData.countryCode",
                "bankAccountData.accountNumber",
                "authentication3DSecure.md",
                "authentication3DSecure.pares",
            ],
        ),
    ];
    let extra: &[(&str, Value, &[&str])] = &[
        (
            "doCapture",
            json!({ "transactionID": "1", "payment": { "amount": 1, "currency": "EUR", "action": 201, "mode": "CPT" } }),
            &[
                "transactionID",
                "sequenceNumber",
                "miscData",
                "payment.method",
                "payment.softDescriptor",
                "payment.cardBrand",
            ],
        ),
        (
            "doRefund",
            json!({ "transactionID": "1", "payment": { "amount": 1, "currency": "EUR", "action": 421, "mode": "CPT" } }),
            &[
                "comment",
                "sequenceNumber",
                "miscData",
                "details.0.ref",
                "details.0.comment",
            ],
        ),
        (
            "doReset",
            json!({ "transactionID": "1" }),
            &["transactionID", "comment", "sequenceNumber"],
        ),
        (
            "doDebit",
            with(
                with(auth(), "payment.action", json!(204)),
                "authorization",
                json!({ "number": "A", "date": "2025-01-10T09:25" }),
            ),
            &["authorization.number"],
        ),
        (
            "getTransactionDetails",
            json!({}),
            &["transactionId", "orderRef"],
        ),
    ];
    let mut cases: Vec<(&str, Value, &str)> = Vec::new();
    for (op, base, fields) in string_fields {
        for f in *fields {
            cases.push((op, base(), f));
        }
    }
    for (op, base, fields) in extra {
        for f in *fields {
            cases.push((op, base.clone(), f));
        }
    }
    assert_eq!(cases.len(), 60);
    for (op, base, field) in cases {
        let prepare = |text: &str| -> Value {
            let mut p = base.clone();
            if field.contains(".0.") {
                let list = field.split(".0.").next().unwrap();
                if p.pointer(&format!("/{}", list.replace('.', "/"))).is_none() {
                    set(&mut p, list, json!([{ "key": "k", "value": "v" }]));
                    if !list.ends_with("privateDataList") {
                        set(&mut p, list, json!([{}]));
                    }
                }
            }
            set(&mut p, field, json!(text));
            p
        };
        // Short enough for the tightest limits (card fields have none; AN15/AN20 fields get a prefix).
        let payload = &PAYLOAD[..PAYLOAD.len().min(15)];
        let req = payline::request(op, &prepare(payload), &opts())
            .unwrap_or_else(|e| panic!("{op} {field}: {e}"));
        let leaf = field.rsplit('.').next().unwrap();
        let found = texts(&req.body);
        assert!(
            found.iter().any(|(n, t)| n == leaf && t == payload),
            "{op} {field}: {found:?}"
        );
        assert!(!req.body.contains("a<b"), "{op} {field}: unescaped");
        assert!(
            !req.body.contains("]]>"),
            "{op} {field}: ]]> must be escaped"
        );

        for bad in ["nul\u{0}", "bell\u{7}", "esc\u{1b}", "ffff\u{ffff}"] {
            let e = payline::request(op, &prepare(bad), &opts()).unwrap_err();
            let path = field.replace(".0.", "[0].");
            assert_eq!(
                issues(&e),
                [(path.clone(), "FORBIDDEN_CHARACTER")],
                "{op} {field} {bad:?}"
            );
        }
    }
}

#[test]
fn full_payload_in_long_fields_reads_back() {
    let p = with(reauth(), "order.ref", json!(PAYLOAD));
    let req = payline::request("doReAuthorization", &p, &opts()).unwrap();
    assert!(req
        .body
        .contains("<obj:ref>a&lt;b&gt;&amp;c]]&gt;&quot;d&apos;e&lt;/obj:x&gt;&lt;!--</obj:ref>"));
    assert!(texts(&req.body).contains(&("ref".to_string(), PAYLOAD.to_string())));
}

/// The action codes each operation documents (Object - payment action table, reference §4):
/// anything else is refused at `payment.action`, before Payline sees it.
#[test]
fn payment_action_must_be_the_operations_code() {
    let capture = |action: Value| json!({ "transactionID": "1", "payment": { "amount": 1, "currency": "EUR", "action": action, "mode": "CPT" } });
    assert!(payline::request("doCapture", &capture(json!(201)), &opts()).is_ok());
    assert!(payline::request("doCapture", &capture(json!("201")), &opts()).is_ok());
    for bad in [json!(999), json!(101), json!("421"), json!(0)] {
        let e = err("doCapture", &capture(bad.clone()));
        assert_eq!(
            issues(&e),
            [("payment.action".to_string(), "ENUM")],
            "{bad}"
        );
        assert!(
            e.issues[0].message.contains("201"),
            "{}",
            e.issues[0].message
        );
    }
    let cases = [
        ("doRefund", 421, 422),
        ("doReAuthorization", 101, 201),
        ("doAuthorization", 100, 204),
        ("doCredit", 422, 421),
        ("doDebit", 204, 100),
    ];
    for (op, good, bad) in cases {
        let base = match op {
            "doRefund" => {
                json!({ "transactionID": "1", "payment": { "amount": 1, "currency": "EUR", "action": good, "mode": "CPT" } })
            }
            "doReAuthorization" => reauth(),
            "doDebit" => with(
                auth(),
                "authorization",
                json!({ "number": "A", "date": "2025-01-10T09:25" }),
            ),
            _ => auth(),
        };
        let base = with(base, "payment.action", json!(good));
        assert!(payline::request(op, &base, &opts()).is_ok(), "{op} {good}");
        assert_eq!(
            one(op, &with(base, "payment.action", json!(bad))),
            ("payment.action".to_string(), "ENUM"),
            "{op} {bad}"
        );
    }
    // Still N3 first: a non-number is a FORMAT issue, not ENUM.
    assert_eq!(
        one("doCapture", &capture(json!("2O1"))),
        ("payment.action".to_string(), "FORMAT")
    );
}

/// payment.contractNumber: required where Payline needs the point of sale (doAuthorization by
/// the docs; doReAuthorization must resume the original's), not for capture/refund ("not used").
#[test]
fn contract_number_where_payline_requires_it() {
    let debit = with(
        with(auth(), "payment.action", json!(204)),
        "authorization",
        json!({ "number": "A", "date": "2025-01-10T09:25" }),
    );
    let credit = with(auth(), "payment.action", json!(422));
    for (op, base) in [
        ("doReAuthorization", reauth()),
        ("doAuthorization", auth()),
        ("doCredit", credit),
        ("doDebit", debit),
    ] {
        let e = err(op, &with(base, "payment.contractNumber", Value::Null));
        assert_eq!(
            issues(&e),
            [("payment.contractNumber".to_string(), "REQUIRED")],
            "{op}"
        );
        assert!(e.issues[0].message.contains(op), "{}", e.issues[0].message);
    }
    let capture = json!({ "transactionID": "1", "payment": { "amount": 1, "currency": "EUR", "action": 201, "mode": "CPT" } });
    assert!(payline::request("doCapture", &capture, &opts()).is_ok());
}

fn schedule() -> Value {
    json!({ "amount": 300, "billingCycle": 40, "billingLeft": 3 })
}

/// recurring: required exactly for modes NX and REC of doAuthorization (PHP SDK, Object -
/// recurring), with amount, billingCycle and billingLeft (required, not nillable, in the WSDL).
#[test]
fn recurring_for_nx_and_rec() {
    for mode in ["NX", "REC"] {
        let p = with(auth(), "payment.mode", json!(mode));
        let e = err("doAuthorization", &p);
        assert_eq!(
            issues(&e),
            [("recurring".to_string(), "REQUIRED")],
            "{mode}"
        );
        assert!(e.issues[0].message.contains(mode));
        assert!(payline::request(
            "doAuthorization",
            &with(p, "recurring", schedule()),
            &opts()
        )
        .is_ok());
    }
    assert_eq!(
        one("doAuthorization", &with(auth(), "recurring", schedule())),
        ("recurring".to_string(), "CONFLICT")
    );
    let nx = with(auth(), "payment.mode", json!("NX"));
    let e = err(
        "doAuthorization",
        &with(nx.clone(), "recurring", json!({ "firstAmount": 100 })),
    );
    assert_eq!(
        issues(&e),
        [
            ("recurring.amount".to_string(), "REQUIRED"),
            ("recurring.billingCycle".to_string(), "REQUIRED"),
            ("recurring.billingLeft".to_string(), "REQUIRED"),
        ]
    );
    // Formats: dates as Object - recurring documents them (startDate dd/mm/yyyy, endDate and
    // amountModificationDate dd/mm/yyyy HH24:MI), numbers as N2/N3.
    let full = json!({ "firstAmount": 400, "amount": 300, "billingCycle": "40", "billingLeft": 12,
                       "billingDay": "05", "startDate": "2025-01-05", "endDate": "2025-12-05T12:00",
                       "amountModificationDate": "2025-06-01T08:30", "billingRank": 1 });
    let body = payline::request(
        "doAuthorization",
        &with(nx.clone(), "recurring", full),
        &opts(),
    )
    .unwrap()
    .body;
    let got: Vec<(String, String)> = texts(&body);
    for (name, value) in [
        ("firstAmount", "400"),
        ("billingCycle", "40"),
        ("billingLeft", "12"),
        ("billingDay", "05"),
        ("startDate", "05/01/2025"),
        ("endDate", "05/12/2025 12:00"),
        ("amountModificationDate", "01/06/2025 08:30"),
        ("billingRank", "1"),
    ] {
        assert!(
            got.contains(&(name.to_string(), value.to_string())),
            "{name}: {got:?}"
        );
    }
    assert!(body.contains("<obj:newAmount xsi:nil=\"true\"/>"));
    let e = err(
        "doAuthorization",
        &with(
            nx,
            "recurring",
            json!({ "amount": 1.5, "billingCycle": "4x", "billingLeft": 1000, "startDate": "soon" }),
        ),
    );
    assert_eq!(
        issues(&e),
        [
            ("recurring.amount".to_string(), "TYPE"),
            ("recurring.billingCycle".to_string(), "FORMAT"),
            ("recurring.billingLeft".to_string(), "FORMAT"),
            ("recurring.startDate".to_string(), "FORMAT"),
        ]
    );
}

/// buyer, owner, bankAccountData, subMerchant, authentication3DSecure: their own rules.
#[test]
fn new_objects_are_checked() {
    // subMerchant: subMerchantId and subMerchantMCC required (WSDL, not nillable); MCC N4;
    // name AN15 (version 26 and later), SIRET AN14.
    let e = err(
        "doAuthorization",
        &with(
            auth(),
            "subMerchant",
            json!({ "subMerchantName": "n".repeat(16) }),
        ),
    );
    assert_eq!(
        issues(&e),
        [
            ("subMerchant.subMerchantId".to_string(), "REQUIRED"),
            ("subMerchant.subMerchantName".to_string(), "TOO_LONG"),
            ("subMerchant.subMerchantMCC".to_string(), "REQUIRED"),
        ]
    );
    assert_eq!(
        one(
            "doAuthorization",
            &with(
                auth(),
                "subMerchant",
                json!({ "subMerchantId": "S", "subMerchantMCC": "54111" })
            )
        ),
        ("subMerchant.subMerchantMCC".to_string(), "FORMAT")
    );
    // Object types and unknown keys inside.
    assert_eq!(
        one("doAuthorization", &with(auth(), "buyer", json!("Anne"))),
        ("buyer".to_string(), "TYPE")
    );
    assert_eq!(
        one(
            "doAuthorization",
            &with(auth(), "buyer", json!({ "shippingAddress": {} }))
        ),
        ("buyer.shippingAddress".to_string(), "UNKNOWN_FIELD")
    );
    assert_eq!(
        one(
            "doAuthorization",
            &with(auth(), "buyer", json!({ "email": "e".repeat(151) }))
        ),
        ("buyer.email".to_string(), "TOO_LONG")
    );
    assert_eq!(
        one(
            "doAuthorization",
            &with(auth(), "authentication3DSecure", json!({ "eci": "005" }))
        ),
        ("authentication3DSecure.eci".to_string(), "TOO_LONG")
    );
    // bankAccountData: its account number is never echoed.
    let e = err(
        "doAuthorization",
        &with(
            auth(),
            "bankAccountData",
            json!({ "accountNumber": "FR76\u{0}1234" }),
        ),
    );
    assert_eq!(
        issues(&e),
        [(
            "bankAccountData.accountNumber".to_string(),
            "FORBIDDEN_CHARACTER"
        )]
    );
    assert!(!e.message.contains("1234") && !e.issues[0].message.contains("1234"));
    // Given values are written where the WSDL puts them, absent ones nil.
    let p = with(
        with(
            auth(),
            "buyer",
            json!({ "lastName": "Dupont", "billingAddress": { "cityName": "Aix" } }),
        ),
        "owner",
        json!({ "billingAddress": { "zipCode": "13100" } }),
    );
    let body = payline::request("doAuthorization", &p, &opts())
        .unwrap()
        .body;
    assert!(body.contains("<impl:buyer><obj:title xsi:nil=\"true\"/><obj:lastName>Dupont</obj:lastName><obj:firstName xsi:nil=\"true\"/>"));
    assert!(body.contains("<obj:shippingAdress xsi:nil=\"true\"/><obj:billingAddress><obj:cityName>Aix</obj:cityName></obj:billingAddress>"));
    assert!(body.contains("<impl:owner><obj:lastName xsi:nil=\"true\"/><obj:firstName xsi:nil=\"true\"/><obj:billingAddress><obj:street xsi:nil=\"true\"/><obj:cityName xsi:nil=\"true\"/><obj:zipCode>13100</obj:zipCode>"));
}

/// Issue 10 row 12: a CR is written as a character reference, so the receiver reads a CR (a raw
/// CR would become LF under XML end-of-line handling).
#[test]
fn carriage_return_survives_the_envelope() {
    let p = with(
        reauth(),
        "privateDataList",
        json!([{ "key": "k", "value": "line1\r\nline2\rend" }]),
    );
    let body = payline::request("doReAuthorization", &p, &opts())
        .unwrap()
        .body;
    assert!(
        body.contains("<obj:value>line1&#13;\nline2&#13;end</obj:value>"),
        "{body}"
    );
    assert!(!body.contains('\r'));
    assert!(texts(&body).contains(&("value".to_string(), "line1\r\nline2\rend".to_string())));
}

/// Issue 10 row 12: JSON text with a lone surrogate (what JSON.stringify writes for a JS string
/// holding half an emoji) is refused with the field's path; the same text without it builds the
/// same request as the parsed value.
#[test]
fn lone_surrogates_are_refused_with_the_field() {
    let good = reauth().to_string();
    let from_text = payline::request_text("doReAuthorization", &good, &opts()).unwrap();
    let from_value = payline::request("doReAuthorization", &reauth(), &opts()).unwrap();
    assert_eq!(from_text.body, from_value.body);
    let bad = good.replace("ORDER-0001-R1", "ORDER\\ud83d-R1");
    assert_ne!(bad, good);
    let e = payline::request_text("doReAuthorization", &bad, &opts()).unwrap_err();
    assert_eq!(
        issues(&e),
        [("order.ref".to_string(), "FORBIDDEN_CHARACTER")]
    );
    assert!(e.message.contains("surrogate"), "{}", e.message);
    // A paired surrogate is an ordinary character.
    let emoji = good.replace("ORDER-0001-R1", "ORDER\\ud83d\\ude00");
    let req = payline::request_text("doReAuthorization", &emoji, &opts()).unwrap();
    assert!(req.body.contains("<obj:ref>ORDER\u{1F600}</obj:ref>"));
}

/// An enumerated element given another type names its values; a date-time past 9999 in Paris time says
/// so (thirtieth pass).
#[test]
fn enum_of_another_type_and_a_date_past_9999() {
    let e = err("doAuthorization", &with(auth(), "payment.mode", json!(5)));
    let m = e
        .issues
        .iter()
        .find(|i| i.field == "payment.mode")
        .expect("payment.mode");
    assert_eq!(m.code, "TYPE");
    assert!(
        m.message
            .starts_with("must be a string, got a number: use one of ")
            && m.message.contains("CPT"),
        "{}",
        m.message
    );
    // 23:30 UTC on 31 December 9999 is 00:30 on 1 January 10000 in Paris (winter time, UTC+1).
    let late = err(
        "doAuthorization",
        &with(auth(), "order.date", json!("9999-12-31T23:30:00Z")),
    );
    assert_eq!(issues(&late), vec![("order.date".to_string(), "FORMAT")]);
    assert!(late.issues[0]
        .message
        .contains("falls outside the years 1 to 9999 in Paris time"));
    // 22:59 UTC is still 23:59 on the 31st in Paris: taken.
    let body = payline::request(
        "doAuthorization",
        &with(auth(), "order.date", json!("9999-12-31T22:59:00Z")),
        &opts(),
    )
    .unwrap();
    assert!(body.body.contains("31/12/9999 23:59"), "{}", body.body);
}
