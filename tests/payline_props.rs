//! Property tests: no input makes the Payline core panic, and whatever text is accepted reads back
//! unchanged from the envelope.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use remise::payline::{self, Options};
use serde_json::{json, Value};

/// A `time` instant as the library's own (`time` is a dev-dependency).
fn instant(t: time::OffsetDateTime) -> payline::dates::Instant {
    payline::dates::Instant::from_unix(
        t.unix_timestamp(),
        t.nanosecond(),
        t.offset().whole_seconds(),
    )
}

fn opts() -> Options {
    Options::new("111111111", "AFju9XHplQzvamffO72L")
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,30}".prop_map(Value::String),
        "[0-9]{0,20}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("payment".to_string()),
                    Just("order".to_string()),
                    Just("card".to_string()),
                    Just("amount".to_string()),
                    Just("currency".to_string()),
                    Just("date".to_string()),
                    Just("privateDataList".to_string()),
                    Just("details".to_string()),
                    Just("mode".to_string()),
                    Just("ref".to_string()),
                    "[a-zA-Z]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    // No failure persistence: a run never writes into the tree (issue 10, row 13).
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(300) })]

    #[test]
    fn request_never_panics(op in prop::sample::select(vec![
        "doReAuthorization", "doAuthorization", "doCapture", "doRefund", "doReset", "doCredit", "doDebit",
        "getTransactionDetails", "nope",
    ]), params in value()) {
        let _ = payline::request(op, &params, &opts());
    }

    #[test]
    fn parse_response_never_panics(body in ".{0,200}", status in 100u16..600) {
        let _ = payline::parse_response("doCapture", status, &body);
        let wrapped = format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}</s:Body></s:Envelope>"
        );
        let _ = payline::parse_response("doCapture", status, &wrapped);
    }

    #[test]
    fn rules_never_panic(original in value(), params in value(), now in ".{0,30}") {
        let _ = payline::check_re_authorization(&original, &params, now.as_str());
    }

    #[test]
    fn accepted_text_reads_back(text in "\\PC{1,50}") {
        let p = json!({
            "transactionID": "1",
            "payment": { "amount": 1, "currency": "EUR", "action": 201, "mode": "CPT" },
            "miscData": text,
        });
        if let Ok(req) = payline::request("doCapture", &p, &opts()) {
            let mut r = quick_xml::NsReader::from_str(&req.body);
            let mut inside = false;
            let mut got = String::new();
            loop {
                match r.read_event().unwrap() {
                    quick_xml::events::Event::Start(e) if e.local_name().as_ref() == b"miscData" => inside = true,
                    quick_xml::events::Event::End(_) => inside = false,
                    quick_xml::events::Event::Text(t) if inside => got.push_str(&t.decode().unwrap()),
                    quick_xml::events::Event::GeneralRef(g) if inside => got.push(match &*g.decode().unwrap() {
                        "lt" => '<', "gt" => '>', "amp" => '&', "quot" => '"', "apos" => '\'', o => panic!("{o}"),
                    }),
                    quick_xml::events::Event::Eof => break,
                    _ => {}
                }
            }
            prop_assert_eq!(got, text);
        }
    }

    /// The hand-written ISO reader agrees with `time`'s own RFC 3339 writer.
    #[test]
    fn iso_reader_agrees_with_time(secs in 0i64..253_402_300_799, nanos in 0u32..1_000_000_000, off_min in -900i32..=900) {
        let off = time::UtcOffset::from_whole_seconds(off_min * 60).unwrap();
        let t = time::OffsetDateTime::from_unix_timestamp(secs).unwrap().replace_nanosecond(nanos).unwrap().to_offset(off);
        if (1..=9999).contains(&t.year()) {
            let text = t.format(&time::format_description::well_known::Rfc3339).unwrap();
            let (local, parsed_off) = payline::dates::parse_iso(&text).unwrap();
            let parsed = local.assume_offset(parsed_off.unwrap());
            prop_assert_eq!(parsed, instant(t), "{}", text);
            prop_assert_eq!(parsed.offset, t.offset().whole_seconds(), "{}", text);
            prop_assert_eq!(parsed.local.nanosecond, t.nanosecond(), "{}", text);
        }
    }

    #[test]
    fn paris_round_trip(secs in 0i64..4_102_444_800) {
        let t = payline::dates::Instant::from_unix(secs, 0, 0);
        let local = payline::dates::to_paris(t);
        let back = payline::dates::paris_to_instant(local);
        // Exact except in the repeated autumn hour.
        let diff = back.unix_timestamp() - t.unix_timestamp();
        prop_assert!(diff == 0 || diff == 3600, "{t:?} → {local:?} → {back:?}");
    }
}

#[test]
fn repeated_autumn_hour_resolves_to_winter_time() {
    // 2024-10-27 00:30Z is 02:30 CEST; 01:30Z is 02:30 CET: the same wall-clock time.
    let summer = instant(time::macros::datetime!(2024-10-27 00:30 UTC));
    let local = payline::dates::to_paris(summer);
    let expected = instant(time::macros::datetime!(2024-10-27 02:30 UTC)).local;
    assert_eq!(local, expected);
    assert_eq!(
        payline::dates::paris_to_instant(local),
        instant(time::macros::datetime!(2024-10-27 01:30 UTC))
    );
}
