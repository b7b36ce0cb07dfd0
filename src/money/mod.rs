//! Currencies and exact amounts.
//!
//! Amounts are integers in minor units (`u64`); decimal strings are parsed and written digit by
//! digit, never through a float. Each gateway has its own currency table: Systempay documents its
//! own fraction digits (CNY 1, KHR 0), Payline and Sogenactif use ISO 4217 with numeric codes.

mod amount;
mod iso;
mod systempay;

pub use amount::{format_minor, parse_minor, MAX_SAFE_INTEGER};
pub use iso::ISO_4217;
pub use systempay::SYSTEMPAY;

use crate::error::{Error, ErrorCode, Result};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// One currency row: `{ code: 'EUR', numeric: 978, digits: 2, name: 'Euro' }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 alpha-3 code ([`Currency::code`]): three bytes in the row rather than a `&str`
    /// (a pointer and a length, 8 bytes) for the 220 rows of the tables (issue 9, size).
    alpha: [u8; 3],
    /// ISO 4217 numeric code.
    pub numeric: u16,
    /// Number of fraction digits (minor units) in this table.
    pub digits: u8,
    /// The length of the English name ([`Currency::name`]), which is not in the row.
    name_len: u8,
}

/// A currency table as a `static` of rows and a `const` of the rows' names, one after the other,
/// from one list of `(code, numeric, digits, name)`: a row holds its name's length, not a `&str` (a
/// pointer and a length) in each of the 199 rows of the two tables (issue 9, size).
macro_rules! currency_table {
    ($(#[$doc:meta])* $rows:ident, $names:ident, $(($code:literal, $numeric:literal, $digits:literal, $name:literal),)*) => {
        $(#[$doc])*
        pub static $rows: &[Currency] = &[$(Currency::new($code, $numeric, $digits, $name),)*];
        /// The names of the rows, in their order, one after the other ([`Currency::name`]).
        pub(super) const $names: &str = concat!($($name,)*);
    };
}
use currency_table;

impl Currency {
    /// A row; `code` is three ASCII letters (a unit test checks every row).
    pub const fn new(code: &'static str, numeric: u16, digits: u8, name: &'static str) -> Self {
        let alpha = match code.as_bytes() {
            [a, b, c] => [*a, *b, *c],
            _ => *b"???",
        };
        Currency {
            alpha,
            numeric,
            digits,
            name_len: name.len() as u8,
        }
    }

    /// ISO 4217 alpha-3 code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.alpha).unwrap_or("???")
    }

    /// English name: that of the first row of the same code in [`ISO_4217`], then [`SYSTEMPAY`]
    /// (the two tables give the codes they share the same name: a unit test checks it), found after
    /// the names of the rows before it.
    pub fn name(&self) -> &'static str {
        for (rows, names) in [(ISO_4217, iso::NAMES), (SYSTEMPAY, systempay::NAMES)] {
            let mut at = 0;
            for c in rows {
                let end = at + usize::from(c.name_len);
                if c.alpha == self.alpha {
                    return names.get(at..end).unwrap_or("");
                }
                at = end;
            }
        }
        ""
    }
}

/// `{ code, numeric, digits, name }`, the shape JS sees (`api::money`); by hand since the code is
/// kept as three bytes (a derive would write them as an array).
impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut row = s.serialize_struct("Currency", 4)?;
        row.serialize_field("code", self.code())?;
        row.serialize_field("numeric", &self.numeric)?;
        row.serialize_field("digits", &self.digits)?;
        row.serialize_field("name", self.name())?;
        row.end()
    }
}

impl Currency {
    /// The numeric code as the gateways write it: three digits, zero-padded (`036`).
    pub fn numeric_str(&self) -> String {
        let d = numeric_digits(self.numeric);
        std::str::from_utf8(&d).unwrap_or("000").to_string()
    }
}

/// An ISO 4217 numeric code on three digits (every code of the tables is below 1000: tested), without
/// `format!` (issue 9: on the success path of every Payline and Office Batch currency).
pub fn numeric_digits(c: u16) -> [u8; 3] {
    [c / 100 % 10, c / 10 % 10, c % 10].map(|d| b'0' + d as u8)
}

/// Which currency table to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Table {
    #[default]
    Iso,
    Systempay,
    Payline,
    Sogenactif,
}

impl Table {
    pub const NAMES: [&'static str; 4] = ["iso", "systempay", "payline", "sogenactif"];

    /// Parses `'iso'`, `'systempay'`, `'payline'` or `'sogenactif'`.
    pub fn parse(name: &str) -> Result<Table> {
        match name {
            "iso" => Ok(Table::Iso),
            "systempay" => Ok(Table::Systempay),
            "payline" => Ok(Table::Payline),
            "sogenactif" => Ok(Table::Sogenactif),
            other => Err(Error::argument(
                "table",
                crate::error::issue::ENUM,
                &format!(
                    "'{}' is not a currency table: use one of 'iso', 'systempay', 'payline', 'sogenactif'",
                    printable(other)
                ),
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Iso => "iso",
            Table::Systempay => "systempay",
            Table::Payline => "payline",
            Table::Sogenactif => "sogenactif",
        }
    }

    /// Every row of the table. Payline and Sogenactif send ISO numeric codes with ISO minor
    /// units, so their table is the ISO one.
    pub fn rows(self) -> &'static [Currency] {
        match self {
            Table::Iso | Table::Payline | Table::Sogenactif => ISO_4217,
            Table::Systempay => SYSTEMPAY,
        }
    }
}

/// Finds a currency by alpha code (`'EUR'`, exact upper case) or numeric code (`'978'`, `'036'`).
pub fn currency(code: &str, table: Table) -> Result<&'static Currency> {
    find_currency(code, table).ok_or_else(|| unknown_currency(code, table))
}

/// [`currency`] without the error: the look-up alone, for the Office Batch fast path (which
/// falls back to the reporting validator on `None`) and the shared field readers.
pub fn find_currency(code: &str, table: Table) -> Option<&'static Currency> {
    let found = find_in(code, table.rows());
    // Sogenactif lists `currencyCode` 191 (HRK) and 975 (BGN), which ISO withdrew (2023, 2026): a
    // transaction made in them can still be cancelled or refunded. Systempay's table keeps both rows
    // (its other rows are all in ISO, so only these two are reached here). Sources: the cancel and
    // refund pages of https://documentation.sogenactif.com/en/data-dictionary/office/ (a helper's
    // audit, seventeenth pass). Not listed by `currencies('sogenactif')`.
    if found.is_none() && table == Table::Sogenactif {
        return find_in(code, SYSTEMPAY);
    }
    found
}

fn find_in(code: &str, rows: &'static [Currency]) -> Option<&'static Currency> {
    if !code.is_empty() && code.len() <= 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        crate::codec::text::parse_u64(code)
            .and_then(|n| u16::try_from(n).ok())
            .and_then(|n| rows.iter().find(|c| c.numeric == n))
    } else {
        // Both tables are sorted by alpha code (a unit test checks it): a binary search instead
        // of comparing the code with every row (issue 9: this runs on every amount).
        // On the three bytes themselves: `Currency::code` is a UTF-8 check per row compared.
        let key = <[u8; 3]>::try_from(code.as_bytes()).ok()?;
        rows.binary_search_by(|c| c.alpha.cmp(&key))
            .ok()
            .and_then(|i| rows.get(i))
    }
}

/// Finds a currency by its numeric code.
pub fn currency_by_numeric(numeric: u16, table: Table) -> Result<&'static Currency> {
    table
        .rows()
        .iter()
        .find(|c| c.numeric == numeric)
        .ok_or_else(|| unknown_currency(&numeric.to_string(), table))
}

fn unknown_currency(code: &str, table: Table) -> Error {
    // An ISO 4217 code that the gateway's table lacks (BHD for Systempay) is valid as written: the
    // fix is another currency, not another spelling. "remise's table", not "the gateway": Lyra's
    // other brands take currencies Systempay's documented table lacks (ARCHITECTURE.md, known gaps).
    let fix = if table != Table::Iso && find_currency(code, Table::Iso).is_some() {
        "use another currency: this ISO 4217 code is not in remise's table for this gateway (money.currencies(table) lists them)"
    } else {
        "give an ISO 4217 alpha-3 code in upper case like 'EUR' or a numeric code like 978"
    };
    Error::new(
        ErrorCode::UnknownCurrency,
        format!(
            "unknown currency '{}' for the {} table: {fix}",
            printable(code),
            table.name()
        ),
    )
    .with_field("currency")
}

/// Exact decimal string → integer minor units, e.g. `("300.50", EUR)` → `30050`.
pub fn to_minor(amount: &str, code: &str, table: Table) -> Result<u64> {
    let cur = currency(code, table)?;
    parse_minor(amount, cur)
}

/// Integer minor units → exact decimal string, e.g. `(30050, EUR)` → `"300.50"`.
pub fn from_minor(minor: u64, code: &str, table: Table) -> Result<String> {
    let cur = currency(code, table)?;
    format_minor(minor, cur)
}

/// A short, printable form of untrusted input for error messages (at most 40 characters).
///
/// ASCII is escaped exactly as `char::escape_debug` does (`\0`, `\t`, `\n`, `\r`, `\\`, `\'`,
/// `\"`, `\u{1b}` for the other controls). Other characters are shown as they are only within
/// [`SHOWN`] (the Latin letters, and typographic punctuation and symbols), every one of which
/// `escape_debug` shows too; the rest are written `\u{…}` like `escape_debug`'s escapes, so an
/// invisible, direction-changing or unassigned character never reaches a message raw. By hand
/// for size (issue 9): `escape_debug` decides with core's Unicode tables of printable and
/// combining characters, 3.2 KB of the gzipped `.wasm` used only here.
pub(crate) fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(48));
    for c in s.chars().take(40) {
        escape_char(&mut out, c);
    }
    if crate::codec::text::chars(s) > 40 {
        out.push('…');
    }
    out
}

/// All of `s` as [`printable`] writes it, without the 40-character cut: the form in which a
/// client's secret would appear inside a message, so that the client can take it out too
/// (`api::client`'s redaction).
pub(crate) fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        escape_char(&mut out, c);
    }
    out
}

/// One character as [`printable`] writes it.
fn escape_char(out: &mut String, c: char) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\\' | '\'' | '"' => {
            out.push('\\');
            out.push(c);
        }
        ' '..='~' => out.push(c),
        c if SHOWN.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) => out.push(c),
        c => {
            out.push_str("\\u{");
            let n = u32::from(c);
            let digits = (32 - n.leading_zeros()).div_ceil(4).max(1);
            for i in (0..digits).rev() {
                let d = (n >> (4 * i)) & 0xf;
                out.push(char::from_digit(d, 16).unwrap_or('0'));
            }
            out.push('}');
        }
    }
}

/// The non-ASCII characters [`printable`] shows as they are: ranges where every character is
/// assigned and printable (a unit test checks each one against `char::escape_debug`).
const SHOWN: [(char, char); 6] = [
    // Latin-1 letters and signs, without the soft hyphen (U+00AD) and the controls before them.
    ('\u{a1}', '\u{ac}'),
    ('\u{ae}', '\u{ff}'),
    // Latin Extended-A and -B.
    ('\u{100}', '\u{24f}'),
    // Dashes, quotes, bullets and ellipsis (without the line separators and bidi controls from U+2028).
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{205e}'),
    // Currency symbols (€ is U+20AC).
    ('\u{20a0}', '\u{20c0}'),
];

#[cfg(test)]
mod tests;
