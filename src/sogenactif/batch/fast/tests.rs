//! Unit tests of the fast path's scans (the value check and the string scan) against byte loops.

use super::{printable, special};

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
