//! Unit tests of `codec::text`, against the standard library's `str::find`, `split_once` and
//! `replace` on every short text over a small alphabet (repeats, overlaps, multi-byte letters).

use super::{find, join, replace, split_once};

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
