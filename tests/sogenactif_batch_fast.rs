#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The fast path of Office Batch validation against the reporting validator, on generated records
//! of every method: each field absent, null, empty, valid or wrong in one of the ways the
//! validator knows (type, length, characters, range, calendar), plus unknown keys, containers,
//! `recordSequence` and `original`. The fast path must accept exactly the records the reporting
//! validator accepts, with the same values; otherwise a bad record could reach a file (or every
//! record would take the slow path).

use proptest::prelude::*;
use remise::sogenactif::batch::dictionary::{Format, METHODS};
use remise::sogenactif::batch::fast::{self, Memo, J};
use remise::sogenactif::batch::layout::DICTIONARY;
use remise::sogenactif::batch::validate::read_record;
use remise::sogenactif::batch::Syntax;
use remise::Issues;
use serde_json::{json, Map, Value};

/// The value number `choice` (0..16) for a field of format `format`; `None` = leave it out.
fn value(format: Format, choice: u8) -> Option<Value> {
    let common = match choice {
        0 | 1 => return None,
        2 => return Some(Value::Null),
        3 => return Some(json!("")),
        4 => return Some(json!(true)),
        5 => return Some(json!(5.5)),
        6 => return Some(json!(-5)),
        _ => None::<Value>,
    };
    let _ = common;
    let v = match format {
        Format::Digits(min, max) => match choice {
            7 | 8 => json!("7".repeat(usize::from(min.max(1)))),
            9 => json!("1".repeat(usize::from(max))),
            10 => json!("1".repeat(usize::from(max) + 1)),
            11 => json!("12a"),
            12 if max <= 15 => json!(10u64.pow(u32::from(max) - 1)),
            12 => json!(7),
            13 => json!(0),
            14 => json!(9_007_199_254_740_993u64),
            _ => json!("0".repeat(usize::from(min))),
        },
        Format::Alnum(max) => match choice {
            7 | 8 => json!("ORDER1"),
            9 => json!("A".repeat(usize::from(max))),
            10 => json!("A".repeat(usize::from(max) + 1)),
            11 => json!("ORDER-1"),
            12 => json!(12),
            13 => json!("é"),
            _ => json!("Z9"),
        },
        Format::Text(max) => match choice {
            7 | 8 => json!("a <x> & 'q' é"
                .chars()
                .take(usize::from(max))
                .collect::<String>()),
            9 => json!("é".repeat(usize::from(max))),
            10 => json!("é".repeat(usize::from(max) + 1)),
            11 => json!("semi;colon"),
            12 => json!("line\nbreak"),
            13 => json!(42),
            14 => json!("tab\tand \u{7f}"),
            _ => json!("日本 €".chars().take(usize::from(max)).collect::<String>()),
        },
        Format::Amount => match choice {
            7 | 8 => json!(1050),
            9 => json!(999_999_999_999u64),
            10 => json!(1_000_000_000_000u64),
            11 => json!("1050"),
            12 => json!(0),
            13 => json!(9_007_199_254_740_993u64),
            _ => json!(1),
        },
        Format::Currency => match choice {
            7 | 8 => json!("EUR"),
            9 => json!("978"),
            10 => json!(978),
            11 => json!("XYZ"),
            12 => json!("eur"),
            13 => json!(9999),
            14 => json!("036"),
            _ => json!(36),
        },
        Format::Date => match choice {
            7 | 8 => json!("20240229"),
            9 => json!("20230229"),
            10 => json!("2024-01-01"),
            11 => json!(20240101),
            _ => json!("20211231"),
        },
        Format::DateTime => match choice {
            7 | 8 => json!("2022-03-29T09:30:16+02:00"),
            9 => json!("2022-03-29 09:30:16"),
            10 => json!("2022-03-29T09:30:16.123456789012345678901234+02:00"),
            _ => json!("2022-03-29T09:30:16Z"),
        },
        Format::Enum(choice_list) => match choice {
            7..=9 => {
                json!(choice_list.values()[usize::from(choice) % choice_list.values().len()])
            }
            10 => json!("other"),
            11 => json!(choice_list.values()[0].to_lowercase()),
            _ => json!(choice_list.values()[0]),
        },
    };
    Some(v)
}

/// A record of `method` whose fields take the values `choices` (valid ones more often).
fn record(method: usize, choices: &[u8], extras: u8) -> Value {
    let m = &METHODS[method % METHODS.len()];
    let mut o = Map::new();
    o.insert("method".into(), json!(m.name));
    for (i, field) in m.fields.iter().enumerate() {
        let choice = choices.get(i).copied().unwrap_or(0);
        // Required fields and identification are mostly valid, so that some records pass.
        let choice = if choice >= 16 { 7 } else { choice };
        let Some(v) = value(field.format, choice) else {
            continue;
        };
        match field.container() {
            None => {
                o.insert(field.name.into(), v);
            }
            Some(c) => {
                let inner = o.entry(c).or_insert_with(|| json!({}));
                inner[field.name] = v;
            }
        }
    }
    match extras % 16 {
        0 => {
            o.insert("recordSequence".into(), json!(4));
        }
        1 => {
            o.insert("recordSequence".into(), json!(0));
        }
        2 => {
            o.insert("recordSequence".into(), json!("4"));
        }
        3 => {
            o.insert(
                "original".into(),
                json!({ "amount": 1, "status": "CANCELLED" }),
            );
        }
        4 => {
            o.insert(
                "original".into(),
                json!({ "amount": 10_000_000, "status": "TO_CHALLENGE" }),
            );
        }
        5 => {
            o.insert("original".into(), json!({ "amount": -1 }));
        }
        6 => {
            o.insert("original".into(), json!({ "other": 1 }));
        }
        7 => {
            o.insert("unknownField".into(), json!("x"));
        }
        8 => {
            o.insert("s10TransactionReference".into(), json!("101"));
        }
        9 => {
            o.insert("s10TransactionReference".into(), json!(null));
        }
        10 => {
            o.insert("fraudData".into(), json!({ "nope": 1 }));
        }
        11 => {
            o.insert("panType".into(), json!("TOKEN_PAN"));
        }
        12 => {
            o.insert("recordSequence".into(), json!(null));
        }
        _ => {}
    }
    Value::Object(o)
}

fn fast_text(v: &fast::Val<'_>) -> String {
    let mut out = Vec::new();
    v.write(&mut out);
    String::from_utf8(out).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_accepts_exactly_what_the_validator_accepts(
        method in 0usize..11,
        choices in proptest::collection::vec(prop_oneof![4 => 16u8..17, 3 => 0u8..16], 62),
        extras in 0u8..16,
        xml in any::<bool>(),
    ) {
        let syntax = if xml { Syntax::Xml } else { Syntax::Csv };
        let v = record(method, &choices, extras);
        let mut issues = Issues::new();
        let slow = read_record(&v, "records[0]", syntax, 1, &mut issues);
        let j = J::from_value(&v);
        let quick = fast::record(&j, &DICTIONARY, syntax, &mut Memo::default());
        prop_assert_eq!(quick.is_some(), slow.is_some(), "{} {:?}", v, issues);
        if let (Some(q), Some(s)) = (quick, slow) {
            prop_assert_eq!(q.sequence.unwrap_or(1), s.sequence);
            let q: Vec<Option<String>> = q.values.iter().map(|v| v.as_ref().map(fast_text)).collect();
            prop_assert_eq!(q, s.values);
        }
        // The tree view gives back the same `Value` (the converter's CSV records rely on it), and
        // the text fast path never says yes where the validator says no, whatever the key order:
        // `method` first, last, or after the fields that sort before it.
        prop_assert_eq!(J::from_value(&v).to_value(), v.clone());
        let text = v.to_string();
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let mut last = v.as_object().unwrap().clone();
        let m = last.shift_remove("method");
        if let Some(m) = m {
            last.insert("method".into(), m);
        }
        let last = Value::Object(last).to_string();
        let mut sorted: Vec<(&String, &Value)> = v.as_object().unwrap().iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let sorted = Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v.clone())).collect()).to_string();
        let in_order = fast::record_text(&text, &DICTIONARY, syntax, &mut Memo::default()).is_some();
        for t in [&last, &sorted] {
            // The order alone never changes the text path's answer.
            prop_assert_eq!(
                fast::record_text(t, &DICTIONARY, syntax, &mut Memo::default()).is_some(),
                in_order,
                "{}", t
            );
        }
        for t in [&text, &pretty, &last, &sorted] {
            if let Some(q) = fast::record_text(t, &DICTIONARY, syntax, &mut Memo::default()) {
                let mut issues = Issues::new();
                let s = read_record(&v, "records[0]", syntax, 1, &mut issues);
                prop_assert!(s.is_some(), "{} {:?}", t, issues);
                let s = s.unwrap();
                prop_assert_eq!(q.sequence.unwrap_or(1), s.sequence);
                let q: Vec<Option<String>> = q.values.iter().map(|v| v.as_ref().map(fast_text)).collect();
                prop_assert_eq!(q, s.values);
            }
        }
    }
}

#[test]
fn the_generator_reaches_both_answers_for_every_method() {
    // Not a property: checks that the property above is not vacuous.
    let (mut valid_seen, mut invalid_seen) = (0, 0);
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for i in 0..2000 {
        let choices: Vec<u8> = (0..62)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                if rng % 7 < 4 {
                    16
                } else {
                    (rng % 16) as u8
                }
            })
            .collect();
        let v = record(i % 11, &choices, (rng % 16) as u8);
        let mut issues = Issues::new();
        match read_record(&v, "records[0]", Syntax::Csv, 1, &mut issues) {
            Some(_) => valid_seen += 1,
            None => invalid_seen += 1,
        }
    }
    assert!(
        valid_seen > 20 && invalid_seen > 20,
        "{valid_seen} valid, {invalid_seen} invalid"
    );
    for method in 0..METHODS.len() {
        let valid = record(method, &[16; 62], 15);
        let mut issues = Issues::new();
        assert!(
            read_record(&valid, "records[0]", Syntax::Csv, 1, &mut issues).is_some(),
            "{valid} {issues:?}"
        );
        let j = J::from_value(&valid);
        assert!(fast::record(&j, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_some());
        // `method` comes first in these records: the text path takes them too, and still does
        // with `method` last.
        let text = valid.to_string();
        assert!(
            fast::record_text(&text, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_some(),
            "{text}"
        );
        let mut last = valid.as_object().unwrap().clone();
        let m = last.shift_remove("method").unwrap();
        last.insert("method".into(), m);
        let last = Value::Object(last).to_string();
        assert!(!last.starts_with("{\"method\""), "{last}");
        assert!(
            fast::record_text(&last, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_some(),
            "{last}"
        );
    }
}

#[test]
fn duplicate_keys_are_refused_in_record_text() {
    let text = r#"{"method":"refund","operationAmount":1,"merchantId":"011223344550000","operationAmount":750,"currencyCode":"EUR","transactionReference":"A"}"#;
    // The text fast path leaves such a record to the tree reader, which refuses it (serde_json
    // would keep 750, the last value; until the fourteenth pass so did remise, and wrote it).
    assert!(fast::record_text(text, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_none());
    let e = fast::parse(text).unwrap_err();
    assert!(e.is_repeated_key());
    // The column of the second `"operationAmount"`'s quote.
    assert_eq!(e.column(), 71);
    // A second `method` is declined by the text fast path and refused by the tree reader too,
    // wherever the first one is.
    for twice in [
        r#"{"method":"refund","method":"refund","merchantId":"011223344550000"}"#,
        r#"{"merchantId":"011223344550000","method":"refund","method":"refund"}"#,
    ] {
        assert!(fast::record_text(twice, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_none());
        assert!(fast::parse(twice).unwrap_err().is_repeated_key());
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        "[a-z0-9 ;<>&'é€日\"\\\\\\n\\t\u{1}/]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec(("[a-zA-Z\"]{0,6}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// `split_array` (addMany's element texts) cuts an array where serde_json does, or declines.
    #[test]
    fn split_array_cuts_where_serde_json_reads(items in proptest::collection::vec(json_value(), 0..5), pretty in any::<bool>()) {
        let array = Value::Array(items.clone());
        let text = if pretty { serde_json::to_string_pretty(&array).unwrap() } else { array.to_string() };
        if let Some(texts) = fast::split_array(&text) {
            prop_assert_eq!(texts.len(), items.len());
            for (t, item) in texts.iter().zip(&items) {
                prop_assert_eq!(&serde_json::from_str::<Value>(t).unwrap(), item);
            }
        }
    }
}

#[test]
fn split_array_leaves_the_unusual_to_serde_json() {
    for text in [
        "01",
        "1.0",
        "1e5",
        "-1",
        r#""a\n""#,
        "\"\t\"",
        "[1,]",
        r#"{"a":1,}"#,
        "{}x",
        "tru",
        "18446744073709551616",
        r#"{"a" 1}"#,
        r#"{"a":[1,{"b":null}]}x"#,
        "[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]",
    ] {
        assert!(fast::split_array(&format!("[{text}]")).is_none(), "{text}");
    }
    // The 8-byte search for `"`, `\\` and control characters, at every position of the word.
    for pos in 0..24 {
        let a = "é".repeat(pos / 2) + &"a".repeat(pos % 2);
        for special in ["\u{1}", "\u{1f}", "\\n", "\\\""] {
            let text = format!("[\"{a}{special}zz\"]");
            assert!(fast::split_array(&text).is_none(), "{text}");
        }
        let item = format!("\"{a} ~\u{7f}€\"");
        assert_eq!(
            fast::split_array(&format!("[{item}]")),
            Some(vec![item.as_str()])
        );
    }
    let item = "{\"method\" : \"refund\",\n\"amount\":0,\"x\":[true,false,null],\"o\":{}}";
    let text = format!(" [ {item} , 7 ] ");
    assert_eq!(fast::split_array(&text), Some(vec![item, "7"]));
}

#[test]
fn a_container_given_twice_is_left_to_the_validator() {
    // serde_json keeps the second container only: the id without its date is a CONFLICT.
    let text = r#"{"method":"refund","merchantId":"011223344550000","operationAmount":750,"currencyCode":"EUR","s10TransactionReference":{"s10TransactionId":"1"},"s10TransactionReference":{"s10TransactionIdDate":"20240105"}}"#;
    assert!(fast::record_text(text, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_none());
    let v: Value = serde_json::from_str(text).unwrap();
    let j = J::from_value(&v);
    assert!(fast::record(&j, &DICTIONARY, Syntax::Csv, &mut Memo::default()).is_none());
    let mut issues = Issues::new();
    assert!(read_record(&v, "records[0]", Syntax::Csv, 1, &mut issues).is_none());
    assert!(
        issues.as_slice().iter().any(|i| i.code == "CONFLICT"),
        "{issues:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// The run set answers as a plain set of every number would, whatever the order.
    #[test]
    fn sequence_runs_behave_as_a_set(seqs in proptest::collection::vec(1u32..60, 0..80)) {
        use remise::sogenactif::batch::sequences::{Refused, SequenceSet};
        let mut runs = SequenceSet::new();
        let mut model = std::collections::BTreeSet::new();
        for s in seqs {
            let fresh = model.insert(s);
            prop_assert_eq!(runs.insert(s), if fresh { Ok(()) } else { Err(Refused::Duplicate) });
            prop_assert!(runs.contains(s));
            for n in 0..62u32 {
                prop_assert_eq!(runs.contains(n), model.contains(&n), "contains({})", n);
            }
            // Runs = maximal blocks of consecutive numbers of the model.
            let blocks = model.iter().filter(|n| **n == 1 || !model.contains(&(**n - 1))).count();
            prop_assert_eq!(runs.runs(), blocks);
        }
    }
}

#[test]
fn sequences_in_order_are_one_run() {
    use remise::sogenactif::batch::sequences::SequenceSet;
    let mut runs = SequenceSet::new();
    for s in 1..=200_000u32 {
        runs.insert(s).unwrap();
    }
    assert_eq!(runs.runs(), 1);
    let mut reverse = SequenceSet::new();
    for s in (1..=1000u32).rev() {
        reverse.insert(s).unwrap();
    }
    assert_eq!(reverse.runs(), 1);
}
