use super::*;

#[test]
fn control_characters_are_refused() {
    let mut issues = Issues::new();
    assert!(check_text("a", "tab\tand newline\n & <ok>", &mut issues));
    assert!(!check_text("b", "bell\u{7}", &mut issues));
    assert!(!check_text("c", "nul\u{0}", &mut issues));
    assert_eq!(issues.len(), 2);
    assert_eq!(issues.as_slice()[0].field, "b");
}

#[test]
fn escape_writes_entities_and_keeps_cr() {
    let mut out = String::from("x");
    escape_into(&mut out, "a<b>&c]]>\"d'e\r\nf\té");
    assert_eq!(out, "xa&lt;b&gt;&amp;c]]&gt;&quot;d&apos;e&#13;\nf\té");
    let mut plain = String::new();
    escape_into(&mut plain, "");
    assert_eq!(plain, "");
}

/// The Office Batch XML writer's escaping gives what quick-xml's `escape` gave, on every text of
/// up to 5 characters over an alphabet of the five escaped characters, plain ASCII and non-ASCII
/// (CR is refused before that writer, so it is not in the alphabet).
#[test]
fn escape_bytes_matches_quick_xml_escape() {
    let alphabet = ["&", "<", ">", "'", "\"", "a", "é", "日", "\t", "]"];
    let mut texts = vec![String::new()];
    let mut level = vec![String::new()];
    for _ in 0..5 {
        let next: Vec<String> = level
            .iter()
            .flat_map(|t| alphabet.iter().map(move |a| format!("{t}{a}")))
            .collect();
        texts.extend(next.iter().cloned());
        level = next;
    }
    assert!(texts.len() > 100_000);
    for t in &texts {
        let mut out = b"x".to_vec();
        escape_bytes(&mut out, t);
        assert_eq!(
            out,
            format!("x{}", quick_xml::escape::escape(t.as_str())).into_bytes(),
            "{t:?}"
        );
        let mut s = String::new();
        escape_into(&mut s, t);
        assert_eq!(s.as_bytes(), out.get(1..).unwrap());
    }
}
