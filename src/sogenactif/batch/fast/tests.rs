//! Unit tests of the SWAR scans and the name comparison of the fast path.

use super::{printable, same, special};

#[test]
fn same_is_string_equality() {
    let names = [
        "",
        "a",
        "method",
        "amount",
        "orderId",
        "original",
        "merchantId",
        "recordSequence",
        "transactionReference",
        "transactionReferencf",
        "s10TransactionIdDate",
        "s10TransactionId",
    ];
    for a in names {
        for b in names {
            assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
        }
        // One byte changed at each position, on both sides of the eight-byte words.
        for i in 0..a.len() {
            let mut other = a.as_bytes().to_vec();
            if let Some(byte) = other.get_mut(i) {
                *byte ^= 1;
            }
            let other = String::from_utf8(other).unwrap_or_default();
            assert!(!same(a, &other), "{a:?} {other:?}");
        }
    }
}

/// The byte-at-a-time definitions the SWAR loops must agree with.
fn printable_bytewise(bytes: &[u8], csv: bool) -> bool {
    bytes
        .iter()
        .all(|&b| (0x20..=0x7e).contains(&b) && !(csv && b == b';'))
}

fn special_bytewise(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
}

#[test]
fn swar_scans_agree_with_byte_loops_for_every_byte_at_every_position() {
    // Every byte value at every position of texts of 0 to 19 bytes (both sides of the
    // eight-byte words and the tail), over a printable background, then with a second hit
    // (a `"` last, a `;` first) around it.
    for len in 0..20usize {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut text = vec![b'a'; len];
                if let Some(slot) = text.get_mut(at) {
                    *slot = b;
                }
                for csv in [false, true] {
                    assert_eq!(
                        printable(&text, csv),
                        printable_bytewise(&text, csv),
                        "{text:?} csv={csv}"
                    );
                }
                assert_eq!(special(&text), special_bytewise(&text), "{text:?}");
                if let Some(last) = text.last_mut() {
                    *last = b'"';
                }
                assert_eq!(special(&text), special_bytewise(&text), "{text:?}");
                if let Some(first) = text.first_mut() {
                    *first = b';';
                }
                for csv in [false, true] {
                    assert_eq!(printable(&text, csv), printable_bytewise(&text, csv));
                }
            }
        }
    }
}
