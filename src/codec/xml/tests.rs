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
