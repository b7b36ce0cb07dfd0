#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Properties of the Office Batch writer: any accepted text value comes back unchanged through a
//! response file (CSV) or an XML reader; any value with `;` or a line break is refused in CSV.

use proptest::prelude::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use remise::sogenactif::batch;
use serde_json::{json, Value};

fn header() -> Value {
    json!({ "remitterId": "023101122334455", "date": "2021-12-16+0100", "time": "14:26:45+0100", "sequence": 1 })
}

fn record(return_context: &str, order_id: &str, amount: u64) -> Value {
    json!({ "method": "walletCredit", "merchantId": "023101122334456", "transactionReference": "REF1",
            "amount": amount, "merchantWalletId": "w01", "paymentMeanId": "1", "currencyCode": "EUR",
            "returnContext": return_context, "orderId": order_id })
}

/// Printable text without the CSV separator (any Unicode letter, symbols, XML specials).
fn csv_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::char::range(' ', ':'),
            proptest::char::range('<', '~'),
            Just('é'),
            Just('€'),
            Just('日'),
        ],
        0..=max,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// `returnContext` of a one-record XML batch file holding `value`, read back by quick-xml.
fn xml_return_context(value: &str) -> String {
    let file = batch::build(
        &json!({ "syntax": "xml", "header": header(), "records": [record(value, "o", 1)] }),
    )
    .unwrap();
    let mut reader = Reader::from_str(&file);
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => inside = e.name().as_ref() == b"returnContext",
            Event::End(_) => inside = false,
            Event::Text(t) if inside => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if inside => text.push_str(match r.decode().unwrap().as_ref() {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "apos" => "'",
                "quot" => "\"",
                other => panic!("{other}"),
            }),
            Event::Eof => break,
            _ => {}
        }
    }
    text
}

/// The case proptest once shrank to (formerly a seed in a proptest-regressions file, which test
/// runs no longer read or write): XML specials, `;` runs and multi-byte letters, 256 characters.
#[test]
fn xml_seed_with_specials_and_semicolons_round_trips() {
    const SEED_CTX: &str = "0      0  0 00 0  00 0 000   0     00   zjOz€9日日?éé€é€é:日日€日€日€^€M$/8/日69日é日日日日日3日日'€éwpx€€é-éo$ééé:éé€<\",éMY€eéNé{péé€€€日yé€!\\U{日日éé€日日éé日日éé<é日é€日日€€ééu日é'o€€=A1€G日C\\`日日€日`日é/日日é日日'<éé€€5€($€{€cé€h日6.=日日€€éééé€日日€€€日é日€.€€(4€é%€+1€€é'日";
    const SEED_SEMI: &str = ">w>&>g;;q\"&s;\"\"l\";;";
    let value = format!("{SEED_CTX}{SEED_SEMI}");
    assert_eq!(value.chars().count(), 256);
    // Found when the strategy could exceed returnContext's 255 characters: refused, field named.
    let e = batch::build(
        &json!({ "syntax": "xml", "header": header(), "records": [record(&value, "o", 1)] }),
    )
    .unwrap_err();
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].field.as_str(), "records[0].returnContext");
    assert_eq!(e.issues[0].code, "TOO_LONG");
    // Within the limit, the same characters come back unchanged.
    let fits: String = value.chars().skip(1).collect();
    assert!(fits.contains("&s;") && fits.contains('日'));
    assert_eq!(xml_return_context(&fits), fits);
}

// Failure persistence off: a failing run reports its case and never writes a file into the tree
// (issue 10, row 13); a case worth keeping becomes an explicit test like the one above.
proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(200) })]

    #[test]
    fn csv_values_round_trip_through_a_response(ctx in csv_text(255), order in csv_text(32), amount in 0u64..=999_999_999_999) {
        let file = batch::build(&json!({ "header": header(), "records": [record(&ctx, &order, amount)] })).unwrap();
        let response: String = file
            .replace("FILE;request;", "FILE;response;")
            .lines()
            .map(|l| if l.starts_with("WALLETCREDIT;") { format!("{l};00\n") } else { format!("{l}\n") })
            .collect();
        let parsed = batch::parse_response(&response).unwrap();
        let f = &parsed.records[0].fields;
        prop_assert_eq!(f.get("returnContext").and_then(Value::as_str).unwrap_or(""), ctx.as_str());
        prop_assert_eq!(f.get("orderId").and_then(Value::as_str).unwrap_or(""), order.as_str());
        prop_assert_eq!(f["amount"].as_u64(), Some(amount));
    }

    #[test]
    fn xml_values_round_trip_through_a_reader(ctx in csv_text(235), semi in "[;<>&'\"a-z]{0,20}") {
        let value = format!("{ctx}{semi}");
        prop_assert_eq!(xml_return_context(&value), value);
    }

    #[test]
    fn separators_and_line_breaks_never_reach_a_csv_file(prefix in csv_text(20), bad in prop_oneof![Just(";"), Just("\n"), Just("\r"), Just("\t")], suffix in csv_text(20)) {
        let value = format!("{prefix}{bad}{suffix}");
        let e = batch::build(&json!({ "header": header(), "records": [record(&value, "o", 1)] })).unwrap_err();
        prop_assert_eq!(e.issues.len(), 1);
        prop_assert_eq!(e.issues[0].field.as_str(), "records[0].returnContext");
        prop_assert_eq!(e.issues[0].code, "FORBIDDEN_CHARACTER");
    }
}
