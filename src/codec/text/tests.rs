//! Unit tests of `codec::text`, against the standard library's `str::find`, `split_once` and
//! `replace` on every short text over a small alphabet (repeats, overlaps, multi-byte letters).

use super::{
    chars, digit, find, hex_decode, hex_encode, join, parse_u64, parse_uint, replace, split_once,
};

/// Every string of length 0..=max over `alphabet`.
fn all_strings(alphabet: &[&str], max: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut level = vec![String::new()];
    for _ in 0..max {
        let mut next = Vec::new();
        for s in &level {
            for a in alphabet {
                next.push(format!("{s}{a}"));
            }
        }
        out.extend(next.iter().cloned());
        level = next;
    }
    out
}

#[test]
fn agrees_with_std_on_every_short_text() {
    let alphabet = ["a", "b", "é", "]"];
    let hays = all_strings(&alphabet, 6);
    let needles = all_strings(&alphabet, 3);
    let mut checked = 0u32;
    for hay in &hays {
        for needle in &needles {
            assert_eq!(
                find(hay, needle),
                hay.find(needle.as_str()),
                "{hay:?} / {needle:?}"
            );
            assert_eq!(split_once(hay, needle), hay.split_once(needle.as_str()));
            let std_replaced = hay.replace(needle.as_str(), "**");
            match replace(hay, needle, "**") {
                Some(ours) => assert_eq!(ours, std_replaced, "{hay:?} / {needle:?}"),
                // None: nothing to replace (or the needle is empty, which callers never pass).
                None => assert!(needle.is_empty() || !hay.contains(needle.as_str())),
            }
            checked += 1;
        }
    }
    assert!(checked > 400_000, "{checked}");
}

#[test]
fn finds_the_markup_ends_the_payline_reader_looks_for() {
    assert_eq!(find("xml version='1.0'?>rest", "?>"), Some(17));
    assert_eq!(split_once("a]]b]]>c]]>", "]]>"), Some(("a]]b", "c]]>")));
    assert_eq!(find("- -- ->", "-->"), None);
    assert_eq!(
        replace("pw:secret1/secret1", "secret1", "***").as_deref(),
        Some("pw:***/***")
    );
    assert_eq!(replace("nothing here", "secret1", "***"), None);
}

#[test]
fn join_agrees_with_std() {
    let items = ["CAPTURED", "AUTHORISED", "é", "", "WAITING_AUTHORISATION"];
    for n in 0..=items.len() {
        let list = &items[..n];
        for sep in ["", ", ", " or ", "|"] {
            assert_eq!(
                join(list.iter().copied(), sep),
                list.join(sep),
                "{list:?} / {sep:?}"
            );
        }
    }
}

#[test]
fn parse_uint_agrees_with_std_parse() {
    let mut texts: Vec<String> = all_strings(&["0", "7", "9", "+", "-", "a", "F", " ", "é"], 4);
    for big in [
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "255",
        "256",
    ] {
        texts.push(big.to_string());
        texts.push(format!("+{big}"));
    }
    texts.push("ffffffffffffffff".into());
    texts.push("10000000000000000".into());
    for t in &texts {
        assert_eq!(parse_u64(t), t.parse::<u64>().ok(), "{t:?}");
        assert_eq!(
            parse_u64(t).and_then(|n| u8::try_from(n).ok()),
            t.parse::<u8>().ok(),
            "{t:?}"
        );
        assert_eq!(parse_uint(t, 16), u64::from_str_radix(t, 16).ok(), "{t:?}");
        assert_eq!(
            parse_uint(t, 16).and_then(|n| u16::try_from(n).ok()),
            u16::from_str_radix(t, 16).ok(),
            "{t:?}"
        );
    }
}

#[test]
fn hex_agrees_with_the_hex_crate() {
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(hex_encode(&bytes), hex::encode(&bytes));
    assert_eq!(hex_encode(&[]), "");
    for t in all_strings(&["0", "a", "F", "9", "g", " ", "é"], 4) {
        assert_eq!(hex_decode(&t), hex::decode(&t).ok(), "{t:?}");
    }
    let upper = hex::encode_upper(&bytes);
    assert_eq!(hex_decode(&upper), Some(bytes));
}

#[test]
fn chars_counts_as_the_standard_library() {
    // Every length of every mix of 1- to 4-byte characters, and each Unicode scalar value once.
    let pieces = [
        "",
        "a",
        "é",
        "€",
        "😀",
        "\u{7f}",
        "\u{80}",
        "\u{7ff}",
        "\u{800}",
        "\u{ffff}",
        "\u{10000}",
        "\u{10ffff}",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let s = format!("{a}{b}{c}{a}");
                assert_eq!(chars(&s), s.chars().count(), "{s:?}");
            }
        }
    }
    let all: String = (0..=0x10ffff_u32).filter_map(char::from_u32).collect();
    assert_eq!(chars(&all), all.chars().count());
}

#[test]
fn digit_agrees_with_char_to_digit() {
    for radix in 2..=36 {
        for b in 0..=u8::MAX {
            assert_eq!(
                digit(b, radix),
                char::from(b).to_digit(radix),
                "{b} {radix}"
            );
        }
    }
}
