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

#[cfg(test)]
mod tests;
