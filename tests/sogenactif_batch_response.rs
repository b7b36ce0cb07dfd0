#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Office Batch response files: a 1 000-record request file turned into a response file by a
//! small helper (echo each request line, append responseCode, acquirerResponseCode,
//! authorisationId), parsed back; structure errors are refused, extra trailing columns kept.

use remise::sogenactif::batch;
use remise::ErrorCode;
use serde_json::{json, Value};

/// Turns a CSV request file into the response file the assumed layout describes: `FILE;response`,
/// same HEADER, each record line echoed with `;<responseCode>;<acquirerResponseCode>;<authorisationId>`
/// appended, same END. Written independently of the parser (plain string operations).
fn to_response(request: &str, code_for: impl Fn(usize) -> &'static str) -> String {
    let mut out = String::new();
    let mut body = 0;
    for line in request.lines() {
        if let Some(rest) = line.strip_prefix("FILE;request;") {
            out.push_str(&format!("FILE;response;{rest}\n"));
        } else if line.starts_with("HEADER;") || line.starts_with("END;") {
            out.push_str(line);
            out.push('\n');
        } else {
            let code = code_for(body);
            let acquirer = if code == "00" { "00" } else { "05" };
            let auth = if code == "00" {
                format!("A{body:05}")
            } else {
                String::new()
            };
            out.push_str(&format!("{line};{code};{acquirer};{auth}\n"));
            body += 1;
        }
    }
    out
}

fn header() -> Value {
    json!({ "remitterId": "023101122334455", "date": "2024-01-05+0100", "time": "09:15:00+0100", "sequence": 3 })
}

/// Record `i` of the 1 000: the methods in turn, each with values derived from `i`.
fn record(i: usize) -> Value {
    let m = "023101122334456";
    let r = format!("REF{i:06}");
    match i % 5 {
        0 => {
            json!({ "method": "cancel", "merchantId": m, "transactionReference": r, "amount": i + 1, "currencyCode": "EUR" })
        }
        1 => {
            json!({ "method": "refund", "merchantId": m, "transactionReference": r, "operationAmount": i * 10, "currencyCode": "USD",
                     "s10TransactionReference": { "s10TransactionId": format!("{:06}", i), "s10TransactionIdDate": "20240104" } })
        }
        2 => {
            json!({ "method": "walletCredit", "merchantId": m, "transactionReference": r, "amount": 1000 + i,
                     "merchantWalletId": format!("W{i}"), "paymentMeanId": "1", "currencyCode": "EUR", "orderId": format!("order {i}") })
        }
        3 => {
            json!({ "method": "validate", "merchantId": m, "transactionReference": r, "operationAmount": i, "currencyCode": "JPY" })
        }
        _ => {
            json!({ "method": "cardOrder", "merchantId": m, "transactionReference": r, "amount": 2599, "currencyCode": "EUR",
                     "cardNumber": "4111111111111111", "cardExpiryDate": "202901", "captureMode": "VALIDATION",
                     "fraudData": { "bypassCtrlList": "ctrl1" } })
        }
    }
}

#[test]
fn a_thousand_records_round_trip_through_a_response_file() {
    let records: Vec<Value> = (0..1000).map(record).collect();
    let request = batch::build(&json!({ "header": header(), "records": records })).unwrap();
    assert_eq!(request.lines().count(), 1003);
    let codes = |i: usize| match i % 7 {
        3 => "24",
        5 => "05",
        6 => "42", // not in the table
        _ => "00",
    };
    let parsed = batch::parse_response(&to_response(&request, codes)).unwrap();
    assert_eq!(parsed.header.file_type, "response");
    assert_eq!(parsed.header.version, "v19");
    assert_eq!(parsed.header.remitter_id, "023101122334455");
    assert_eq!(parsed.header.date, "2024-01-05+0100");
    assert_eq!(parsed.header.sequence, 3);
    assert_eq!(parsed.trailer.count, 1000);
    assert_eq!(parsed.records.len(), 1000);
    for (i, (rec, input)) in parsed.records.iter().zip(&records).enumerate() {
        assert_eq!(rec.method, input["method"].as_str().unwrap(), "{i}");
        assert_eq!(rec.record_sequence, i as u64 + 1);
        assert_eq!(rec.response_code, codes(i));
        assert_eq!(rec.accepted, codes(i) == "00");
        match codes(i) {
            "00" => assert!(rec.response_message.starts_with("success")),
            "24" => assert!(rec.response_message.starts_with("operation impossible")),
            "05" => assert_eq!(rec.response_message, "authorisation refused"),
            _ => assert!(rec.response_message.contains("unknown response code 42")),
        }
        // Echoed fields come back as given (amounts as integers, currencies as numeric codes).
        let f = &rec.fields;
        assert_eq!(f["merchantId"], input["merchantId"]);
        assert_eq!(f["transactionReference"], input["transactionReference"]);
        for k in [
            "amount",
            "operationAmount",
            "merchantWalletId",
            "orderId",
            "cardNumber",
            "s10TransactionReference",
            "fraudData",
        ] {
            assert_eq!(f.get(k), input.get(k), "{i} {k}");
        }
        let numeric = match input["currencyCode"].as_str().unwrap() {
            "EUR" => "978",
            "USD" => "840",
            _ => "392",
        };
        assert_eq!(f["currencyCode"], numeric);
        assert_eq!(
            f["acquirerResponseCode"],
            if codes(i) == "00" { "00" } else { "05" }
        );
        assert_eq!(f.get("authorisationId").is_some(), codes(i) == "00");
        assert!(f.get("captureDay").is_none(), "empty columns are left out");
        assert!(rec.extra.is_empty());
    }
    // The JSON shape JS sees.
    let v = serde_json::to_value(&parsed.records[2]).unwrap();
    assert_eq!(v["method"], "walletCredit");
    assert_eq!(v["recordSequence"], 3);
    assert_eq!(v["amount"], 1002);
    assert_eq!(v["responseCode"], "00");
    assert_eq!(v["responseMessage"], "success: the operation was accepted");
    // Key order as declared: method, recordSequence, the echoed fields, then the result.
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys[..3], ["method", "recordSequence", "merchantId"]);
    assert_eq!(
        keys[keys.len() - 3..],
        ["responseCode", "responseMessage", "accepted"]
    );
    assert_eq!(
        serde_json::to_value(&parsed).unwrap()["trailer"]["count"],
        1000
    );
}

fn small_response() -> String {
    let request =
        batch::build(&json!({ "header": header(), "records": [record(0), record(2)] })).unwrap();
    to_response(&request, |_| "00")
}

#[test]
fn extra_trailing_columns_and_crlf_are_accepted() {
    let text = small_response()
        .replace(";A00000\n", ";A00000;later;columns\n")
        .replace('\n', "\r\n");
    let parsed = batch::parse_response(&text).unwrap();
    assert_eq!(parsed.records[0].extra, vec!["later", "columns"]);
    assert!(parsed.records[1].extra.is_empty());
    // A response without the optional result columns is fine too.
    let short = small_response().replace(";00;00;A00000\n", ";00\n");
    let parsed = batch::parse_response(&short).unwrap();
    assert_eq!(parsed.records[0].response_code, "00");
    assert!(parsed.records[0]
        .fields
        .get("acquirerResponseCode")
        .is_none());
}

#[test]
fn structure_is_strict() {
    let good = small_response();
    let cases: Vec<(String, &str)> = vec![
        (
            good.replace("END;2", "END;3"),
            "END announces 3 records but the file holds 2",
        ),
        (good.replace("END;2\n", ""), "END line is missing"),
        (good.replace("CANCEL;", "ANNUL;"), "unknown method 'ANNUL'"),
        (
            good.replace(";00;00;A00000\n", "\n"),
            "expected at least 10",
        ),
        (
            good.replace(";00;00;A00000\n", ";0K;00;A00000\n"),
            "responseCode must be 2 digits",
        ),
        (
            good.replace("FILE;response;", "FILE;request;"),
            "this is a request file",
        ),
        (
            good.replace("FILE;response;office;v19\n", ""),
            "expected 'FILE;response;office;<version>'",
        ),
        (
            good.replace("HEADER;023101122334455;", "HEADER;"),
            "expected 'HEADER;",
        ),
        (format!("{good}CANCEL;9\n"), "text after the END line"),
        (good.replace("END;2", "\nEND;2"), "empty line before END"),
        (
            good.replace("CANCEL;1;", "CANCEL;x;"),
            "recordSequence must be a number",
        ),
        (
            good.replace(
                "HEADER;023101122334455;2024-01-05+0100;09:15:00+0100;3",
                "HEADER;023101122334455;2024-01-05+0100;09:15:00+0100;",
            ),
            "header sequence",
        ),
        (String::new(), "the file is empty"),
    ];
    for (text, message) in cases {
        let e = batch::parse_response(&text).unwrap_err();
        assert_eq!(e.code, ErrorCode::MalformedResponse, "{message}");
        assert!(e.message.contains(message), "{message} / {}", e.message);
        assert_eq!(e.gateway, Some(remise::Gateway::Sogenactif));
    }
    let e = batch::parse_response("<?xml version=\"1.0\"?><file/>").unwrap_err();
    assert_eq!(e.code, ErrorCode::Unsupported);
}

#[test]
fn lines_are_read_one_at_a_time_and_columns_are_bounded() {
    // Many trailing line breaks are the final line break: read, not held as millions of lines.
    let text = format!("{}{}", small_response(), "\r\n".repeat(1_000_000));
    assert_eq!(batch::parse_response(&text).unwrap().records.len(), 2);
    // A line with more than 1024 columns is refused with its line number.
    let wide = small_response().replacen(
        "\nEND;",
        &format!("\nWALLETCREDIT{}\nEND;", ";x".repeat(1024)),
        1,
    );
    let e = batch::parse_response(&wide).unwrap_err();
    assert_eq!(e.code, remise::ErrorCode::MalformedResponse);
    assert!(
        e.message.contains("more than 1024 columns"),
        "{}",
        e.message
    );
    assert!(e.message.starts_with("line 5 "), "{}", e.message);
}
