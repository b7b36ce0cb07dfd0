use super::*;

#[test]
fn table_is_consistent() {
    let mut seen = std::collections::HashSet::new();
    for r in RESPONSE_CODES {
        assert!(seen.insert(r.code), "duplicate {}", r.code);
        assert_eq!(r.code.len(), 2);
        assert!(r.code.bytes().all(|b| b.is_ascii_digit()));
    }
    assert_eq!(RESPONSE_CODES.len(), 27);
    assert!(describe("00").unwrap().accepted);
    assert!(!describe("24").unwrap().accepted);
    assert!(describe("24")
        .unwrap()
        .message
        .starts_with("operation impossible"));
    assert!(describe("40").unwrap().message.contains("not supported"));
    // 90 only: 99 and 60 may hide an operation done or under way (reference §2.1).
    assert!(describe("90").unwrap().retryable);
    assert!(!describe("99").unwrap().retryable);
    assert!(!describe("60").unwrap().retryable);
    assert!(describe("42").is_none());
}
