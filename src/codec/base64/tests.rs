//! Unit tests of `base64`.

use super::encode_into;
use base64::Engine as _;

fn encode(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    encode_into(bytes, &mut out);
    String::from_utf8(out).expect("ASCII")
}

#[test]
fn rfc4648_vectors() {
    for (input, want) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode(input.as_bytes()), want, "{input}");
    }
}

#[test]
fn same_as_the_base64_crate() {
    let engine = base64::engine::general_purpose::STANDARD;
    // Every byte value, at every length up to 300 and each offset in a 3-byte group.
    let all: Vec<u8> = (0..=255u8).cycle().take(300).collect();
    for len in 0..all.len() {
        for start in 0..3.min(all.len() - len + 1) {
            let slice = &all[start..start + len];
            assert_eq!(encode(slice), engine.encode(slice));
        }
    }
    let text = "73239078:testpassword_é€😀".as_bytes();
    assert_eq!(encode(text), engine.encode(text));
    // Appends to what is already there.
    let mut out = b"Basic ".to_vec();
    encode_into(b"user:pass", &mut out);
    assert_eq!(
        String::from_utf8(out).expect("ASCII"),
        format!("Basic {}", engine.encode("user:pass"))
    );
}
