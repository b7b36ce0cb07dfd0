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
