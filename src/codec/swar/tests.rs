//! Unit tests of `codec::swar` (its lane tests are checked through the scans that use them:
//! `sogenactif::batch::fast` against byte loops, `json_out` against serde_json).

use super::same;

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
