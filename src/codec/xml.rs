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
/// into the caller's one buffer instead of returning a `Cow` per value (the Office Batch XML
/// writer uses [`escape_bytes`] since 2026-12-05, so quick-xml is no longer linked: its escaping
/// and the panicking `str` slicing it used were 2.3 KB of `.wasm`). Characters XML cannot carry at
/// all must have been refused before ([`check_text`]).
pub fn escape_into(out: &mut String, text: &str) {
    escape_pieces(text, |piece| out.push_str(piece));
}

/// [`escape_into`] for a byte buffer. The Office Batch values it writes cannot hold a CR (they
/// are refused before), so its output is what quick-xml's `escape` gave.
pub fn escape_bytes(out: &mut Vec<u8>, text: &str) {
    escape_pieces(text, |piece| out.extend_from_slice(piece.as_bytes()));
}

/// Hands `text` to `put` in pieces: runs of plain text and the entity of each character replaced.
fn escape_pieces(text: &str, mut put: impl FnMut(&str)) {
    let mut rest = text;
    // Every character to replace is ASCII, so a byte position is a char boundary.
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'\'' | b'"' | b'\r'))
    {
        put(rest.get(..i).unwrap_or(""));
        put(match rest.as_bytes().get(i) {
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'\'') => "&apos;",
            Some(b'"') => "&quot;",
            _ => "&#13;",
        });
        rest = rest.get(i + 1..).unwrap_or("");
    }
    put(rest);
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
