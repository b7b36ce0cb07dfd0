#![allow(clippy::unwrap_used)]
use super::*;

#[test]
fn table_is_sorted_unique_and_accepted_rows_agree() {
    let all: Vec<_> = rows().collect();
    assert_eq!(all.len(), TABLE.lines().count());
    assert_eq!(all.len(), 197);
    for pair in all.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
    }
    for line in TABLE.lines() {
        assert_eq!(line.get(6..7), Some(" "), "{line}");
        assert!(b"ARECHIP".contains(&line.as_bytes()[5]), "{line}");
    }
    for (code, status, message) in rows() {
        assert!(!message.is_empty() && !message.starts_with(' '), "{code}");
        assert_eq!(code.len(), 5);
        assert_eq!(
            is_accepted(code),
            status == "ACCEPTED",
            "{code}: status {status} vs accepted list"
        );
    }
    for a in ACCEPTED {
        assert!(rows().any(|(c, _, _)| c == *a), "{a} missing");
    }
}
