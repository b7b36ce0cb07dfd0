use super::*;

#[test]
fn validation_message_lists_every_issue() {
    let mut issues = Issues::new();
    issues.push("uuid", issue::REQUIRED, "is required");
    issues.push("amount", issue::RANGE, "must be >= 0");
    let err = issues.finish(Some(Gateway::Systempay)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.field.as_deref(), Some("uuid"));
    assert_eq!(err.issues.len(), 2);
    assert_eq!(
        err.message,
        "2 problems: uuid: is required; amount: must be >= 0"
    );
}

#[test]
fn nest_prefixes_paths() {
    let mut issues = Issues::new();
    issues.push("amount", issue::RANGE, "x");
    issues.push("[0].key", issue::REQUIRED, "y");
    let err = issues.finish(None).unwrap_err().nest("records[3]");
    assert_eq!(err.issues[0].field, "records[3].amount");
    assert_eq!(err.issues[1].field, "records[3][0].key");
}

#[test]
fn codes_serialize_as_documented() {
    let v = serde_json::to_value(ErrorCode::OperationNotAllowed).unwrap();
    assert_eq!(v, "OPERATION_NOT_ALLOWED");
    assert_eq!(ErrorCode::AmountPrecision.as_str(), "AMOUNT_PRECISION");
}

#[test]
fn to_json_matches_the_derived_serialization() {
    let mut issues = Issues::new();
    issues.push("uuid", issue::REQUIRED, "is required");
    let e = issues.finish(Some(Gateway::Payline)).unwrap_err();
    assert_eq!(e.to_json(), serde_json::to_value(&e).unwrap());
    let e = Error::new(ErrorCode::Timeout, "late")
        .with_gateway(Gateway::Systempay)
        .with_gateway_code("PSP_099")
        .with_gateway_message("retry")
        .with_http_status(503)
        .with_outcome_unknown()
        .with_response(serde_json::json!({"a": [1, "b"]}));
    assert_eq!(e.to_json(), serde_json::to_value(&e).unwrap());
    assert_eq!(e.to_json()["outcome"], "unknown");
}

#[test]
fn issues_past_the_listed_ones_are_counted() {
    // 1.3 M batch records of `null` made 2.6 M issues and filled the wasm memory (fifteenth pass).
    let mut issues = Issues::new();
    for i in 0..MAX_LISTED + 500 {
        issues.push(format!("records[{i}]"), issue::TYPE, "must be an object");
    }
    assert_eq!(
        issues.len(),
        MAX_LISTED + 500,
        "counted, for the callers that compare lengths"
    );
    let e = issues.finish(None).unwrap_err();
    assert_eq!(e.issues.len(), MAX_LISTED);
    assert_eq!(
        e.issues[MAX_LISTED - 1].field,
        format!("records[{}]", MAX_LISTED - 1)
    );
    assert!(
        e.message.starts_with(
            "1500 problems (the first 1000 are listed in issues): records[0]: must be an object; "
        ),
        "{}",
        &e.message[..120]
    );
    // At the limit, the message is as before.
    let mut exact = Issues::new();
    for i in 0..MAX_LISTED {
        exact.push(format!("r[{i}]"), issue::TYPE, "x");
    }
    assert!(exact
        .finish(None)
        .unwrap_err()
        .message
        .starts_with("1000 problems: r[0]: x; "));
}
