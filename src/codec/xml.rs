//! XML text rules shared by the Payline SOAP writer and the Sips batch XML writer.
//!
//! Elements and text are written with quick-xml's `Writer` (which escapes `<`, `>`, `&`, quotes);
//! this module only adds what quick-xml does not check: characters that XML 1.0 cannot carry at
//! all (most C0 controls, U+FFFE/U+FFFF), which must be refused rather than escaped.

use crate::error::{issue, Issues};

/// Whether `c` may appear in XML 1.0 character data (the `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Records a `FORBIDDEN_CHARACTER` issue at `field` when `text` holds a character XML 1.0 cannot carry.
pub fn check_text(field: &str, text: &str, issues: &mut Issues) -> bool {
    match text.chars().find(|c| !is_xml_char(*c)) {
        None => true,
        Some(c) => {
            issues.push(
                field,
                issue::FORBIDDEN_CHARACTER,
                format!(
                    "contains the control character U+{:04X}, which XML cannot carry: remove it",
                    u32::from(c)
                ),
            );
            false
        }
    }
}

/// Appends `text` to `out` as XML character data: `&`, `<`, `>`, `'` and `"` as entities (so
/// `]]>` becomes `]]&gt;`), and CR as `&#13;`. A raw CR would reach the receiver as LF (XML 1.0
/// §2.11 end-of-line handling); the character reference keeps it (issue 10, row 12).
///
/// Hand-written rather than quick-xml's `escape`: that one has no rule for CR, and this writes
/// into the caller's one buffer instead of returning a `Cow` per value. Characters XML cannot
/// carry at all must have been refused before ([`check_text`]).
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    // Every character to replace is ASCII, so a byte position is a char boundary.
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'\'' | b'"' | b'\r'))
    {
        let (plain, tail) = rest.split_at(i);
        out.push_str(plain);
        let mut chars = tail.chars();
        out.push_str(match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('\'') => "&apos;",
            Some('"') => "&quot;",
            _ => "&#13;",
        });
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// Whether every character of `text` may appear in XML 1.0 character data; printable ASCII (and
/// TAB, LF, CR) is checked byte by byte, the rest with [`is_xml_char`].
pub fn is_xml_text(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'))
        || text.chars().all(is_xml_char)
}

#[cfg(test)]
mod tests;
