use super::*;
use serde_json::json;

fn err<T: std::fmt::Debug>(r: Result<T, Found>) -> (&'static str, String) {
    let f = r.unwrap_err();
    (f.code, f.message)
}

#[test]
fn uint_reads_safe_integers_only() {
    assert_eq!(uint(&json!(0)).unwrap(), 0);
    assert_eq!(uint(&json!(MAX_SAFE_INTEGER)).unwrap(), MAX_SAFE_INTEGER);
    assert_eq!(
        err(uint(&json!(MAX_SAFE_INTEGER + 1))),
        (
            issue::RANGE,
            "9007199254740992 is above Number.MAX_SAFE_INTEGER and cannot be exact".into()
        )
    );
    assert_eq!(
        err(uint(&json!(-5))),
        (issue::RANGE, "must not be negative, got -5".into())
    );
    assert_eq!(
        err(uint(&json!(1.5))),
        (
            issue::TYPE,
            "must be a non-negative whole number (a safe integer; an amount is in minor units, 1050 for 10.50), got 1.5".into()
        )
    );
    assert_eq!(
        err(uint(&json!("12"))),
        (
            issue::TYPE,
            "must be a non-negative whole number (a safe integer; an amount is in minor units, 1050 for 10.50), got a string".into()
        )
    );
}

#[test]
fn amount_keeps_each_gateways_words() {
    for w in [
        AmountWords::Payline,
        AmountWords::Batch,
        AmountWords::Office,
    ] {
        assert_eq!(amount_n12(&json!(1050), w).unwrap(), 1050);
        assert_eq!(
            amount_n12(&json!(MAX_N12_AMOUNT), w).unwrap(),
            MAX_N12_AMOUNT
        );
        // The integer reader's own issues are the same for all three.
        assert_eq!(err(amount_n12(&json!(-1), w)).0, issue::RANGE);
    }
    let big = json!(MAX_N12_AMOUNT + 1);
    assert_eq!(
        err(amount_n12(&big, AmountWords::Payline)),
        (
            issue::AMOUNT_RANGE,
            "1000000000000 has more than the 12 digits Payline accepts".into()
        )
    );
    assert_eq!(
        err(amount_n12(&big, AmountWords::Batch)),
        (
            issue::AMOUNT_RANGE,
            "must have at most 12 digits (N12), got 1000000000000".into()
        )
    );
    assert_eq!(
        err(amount_n12(&big, AmountWords::Office)),
        (
            issue::AMOUNT_RANGE,
            "is above 999999999999, the largest N12 amount (minor units)".into()
        )
    );
    let text = json!("10.50");
    assert_eq!(
        err(amount_n12(&text, AmountWords::Payline)),
        (
            issue::TYPE,
            "must be a whole number of minor units (e.g. 1000 for 10.00 EUR), got a string".into()
        )
    );
    assert_eq!(
        err(amount_n12(&text, AmountWords::Batch)),
        (
            issue::AMOUNT_FORMAT,
            "must be an integer amount in minor units (e.g. 1050 for 10.50 EUR), got a string"
                .into()
        )
    );
    assert_eq!(
        err(amount_n12(&text, AmountWords::Office)),
        (
            issue::TYPE,
            "must be a non-negative whole number (a safe integer; an amount is in minor units, 1050 for 10.50), got a string".into()
        )
    );
}

#[test]
fn currency_reads_alpha_and_numeric_codes() {
    for numbers in [NumericCode::Unsigned, NumericCode::Any] {
        for v in [json!("EUR"), json!("978"), json!(978)] {
            let c = currency(&v, Table::Payline, numbers, TypeWords::WithType).unwrap();
            assert_eq!((c.code(), c.numeric), ("EUR", 978));
        }
        let c = currency(&json!(36), Table::Sogenactif, numbers, TypeWords::WithType).unwrap();
        assert_eq!(c.numeric_str(), "036");
    }
    let unknown = |v: serde_json::Value, numbers| {
        err(currency(
            &v,
            Table::Sogenactif,
            numbers,
            TypeWords::WithType,
        ))
    };
    let (code, message) = unknown(json!("eur"), NumericCode::Any);
    assert_eq!(code, issue::UNKNOWN_CURRENCY);
    assert_eq!(
        message,
        money::currency("eur", Table::Sogenactif)
            .unwrap_err()
            .message
    );
    assert!(message.contains("sogenactif table"), "{message}");
}

#[test]
fn currency_numbers_follow_each_gateway() {
    let type_issue = (
        issue::TYPE,
        "must be an ISO 4217 code like 'EUR' or 978, got a number".to_string(),
    );
    let read = |v: serde_json::Value, numbers| {
        currency(&v, Table::Payline, numbers, TypeWords::WithType).map(|c| c.code())
    };
    // Payline: any unsigned integer is looked up as its digits.
    assert_eq!(
        err(read(json!(1978), NumericCode::Unsigned)).0,
        issue::UNKNOWN_CURRENCY
    );
    assert_eq!(err(read(json!(-978), NumericCode::Unsigned)), type_issue);
    assert_eq!(err(read(json!(978.5), NumericCode::Unsigned)), type_issue);
    // (Office JSON reads numbers as Payline does.)
    assert_eq!(err(read(json!(978.0), NumericCode::Unsigned)), type_issue);
    // Office Batch: every number, as its JSON text.
    let (code, message) = err(read(json!(978.5), NumericCode::Any));
    assert_eq!(code, issue::UNKNOWN_CURRENCY);
    assert!(message.contains("'978.5'"), "{message}");
    assert!(err(read(json!(-978), NumericCode::Any))
        .1
        .contains("'-978'"));
    // Neither a string nor a number.
    assert_eq!(
        err(read(json!(true), NumericCode::Any)),
        (
            issue::TYPE,
            "must be an ISO 4217 code like 'EUR' or 978, got a boolean".into()
        )
    );
    assert_eq!(
        err(currency(
            &json!(null),
            Table::Payline,
            NumericCode::Unsigned,
            TypeWords::Plain
        )),
        (
            issue::TYPE,
            "must be an ISO 4217 code like 'EUR' or 978".into()
        )
    );
}

#[test]
fn report_builds_the_path_only_for_an_issue() {
    let mut issues = Issues::new();
    let ok = report(
        amount_n12(&json!(5), AmountWords::Office),
        || unreachable!("no issue, no path"),
        &mut issues,
    );
    assert_eq!(ok, Some(5));
    assert!(issues.is_empty());
    let bad = report(
        amount_n12(&json!("5"), AmountWords::Office),
        || "order.amount".to_string(),
        &mut issues,
    );
    assert_eq!(bad, None);
    let issue = issues.as_slice().first().unwrap();
    assert_eq!(
        (issue.field.as_str(), issue.code),
        ("order.amount", issue::TYPE)
    );
}
