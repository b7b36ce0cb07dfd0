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
