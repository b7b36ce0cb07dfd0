use super::*;

#[test]
fn table_is_sorted_unique_and_well_formed() {
    let rows: Vec<ErrorInfo> = error_codes().collect();
    assert_eq!(
        rows.len(),
        ERROR_CODES.lines().count(),
        "every row is 'CODE hint'"
    );
    for w in rows.windows(2) {
        if let [a, b] = w {
            assert!(a.code < b.code, "{} then {}", a.code, b.code);
        }
    }
    for r in &rows {
        assert!(!r.hint.is_empty(), "{}", r.code);
        let (prefix, digits) = r.code.split_once('_').unwrap();
        assert!(
            ["ACQ", "AUTH", "INT", "PSP"].contains(&prefix),
            "{}",
            r.code
        );
        assert!(digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()));
    }
}

#[test]
fn only_retry_later_is_retryable() {
    let retryable: Vec<_> = error_codes()
        .filter(|r| r.retryable)
        .map(|r| r.code)
        .collect();
    assert_eq!(retryable, vec!["PSP_099"]);
    assert!(describe("PSP_075").unwrap().hint.contains("refund"));
    assert!(describe("PSP_999").is_some());
    assert!(describe("PSP_998").is_none());
}
