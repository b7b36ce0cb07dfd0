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
use serde::Serialize;

/// One currency row: `{ code: 'EUR', numeric: 978, digits: 2, name: 'Euro' }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Currency {
    /// ISO 4217 alpha-3 code.
    pub code: &'static str,
    /// ISO 4217 numeric code.
    pub numeric: u16,
    /// Number of fraction digits (minor units) in this table.
    pub digits: u8,
    /// English name.
    pub name: &'static str,
}

impl Currency {
    pub const fn new(code: &'static str, numeric: u16, digits: u8, name: &'static str) -> Self {
        Currency {
            code,
            numeric,
            digits,
            name,
        }
    }

    /// The numeric code as the gateways write it: three digits, zero-padded (`036`).
    pub fn numeric_str(&self) -> String {
        format!("{:03}", self.numeric)
    }
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
            other => Err(Error::new(
                ErrorCode::Validation,
                format!(
                    "unknown currency table '{}': use one of 'iso', 'systempay', 'payline', 'sogenactif'",
                    printable(other)
                ),
            )
            .with_field("table")),
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
    let rows = table.rows();
    let found = if !code.is_empty() && code.len() <= 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        code.parse::<u16>()
            .ok()
            .and_then(|n| rows.iter().find(|c| c.numeric == n))
    } else {
        rows.iter().find(|c| c.code == code)
    };
    found.ok_or_else(|| unknown_currency(code, table))
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
    let hint = if table == Table::Systempay {
        " (the systempay table holds only the 34 currencies the platform documents)"
    } else {
        ""
    };
    Error::new(
        ErrorCode::UnknownCurrency,
        format!(
            "unknown currency '{}' for the {} table{hint}: give an ISO 4217 alpha-3 code in upper case like 'EUR' or a numeric code like 978",
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

/// A short, printable form of untrusted input for error messages (control characters escaped,
/// at most 40 characters).
pub(crate) fn printable(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_debug).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn iso_codes_are_unique_and_well_formed() {
        let mut alpha = HashSet::new();
        let mut numeric = HashSet::new();
        for c in ISO_4217 {
            assert!(alpha.insert(c.code), "duplicate alpha {}", c.code);
            assert!(numeric.insert(c.numeric), "duplicate numeric {}", c.numeric);
            assert!(c.code.len() == 3 && c.code.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(c.numeric > 0 && c.numeric < 1000);
            assert!(c.digits <= 4);
        }
        // ISO 4217 list one (2026-01-01): 178 alpha codes, 13 of them without a minor unit.
        assert_eq!(ISO_4217.len(), 165);
    }

    #[test]
    fn iso_known_rows() {
        let check = |code: &str, numeric: u16, digits: u8| {
            let c = currency(code, Table::Iso).unwrap();
            assert_eq!((c.code, c.numeric, c.digits), (code, numeric, digits));
        };
        check("EUR", 978, 2);
        check("JPY", 392, 0);
        check("KWD", 414, 3);
        check("CLF", 990, 4);
        check("XOF", 952, 0);
        check("USD", 840, 2);
        assert_eq!(currency("EUR", Table::Iso).unwrap().name, "Euro");
        // Funds codes and metals have no minor unit and are not in the table.
        assert!(currency("XAU", Table::Iso).is_err());
        assert!(currency("XDR", Table::Iso).is_err());
    }

    #[test]
    fn lookup_by_numeric_code() {
        assert_eq!(currency("978", Table::Iso).unwrap().code, "EUR");
        assert_eq!(currency("036", Table::Payline).unwrap().code, "AUD");
        assert_eq!(currency("36", Table::Sogenactif).unwrap().code, "AUD");
        assert_eq!(
            currency_by_numeric(392, Table::Systempay).unwrap().code,
            "JPY"
        );
        assert_eq!(currency("EUR", Table::Iso).unwrap().numeric_str(), "978");
        assert_eq!(currency("AUD", Table::Iso).unwrap().numeric_str(), "036");
    }

    #[test]
    fn lookup_is_exact() {
        for bad in ["eur", " EUR", "EURO", "", "9999", "000", "€"] {
            let e = currency(bad, Table::Iso).unwrap_err();
            assert_eq!(e.code, ErrorCode::UnknownCurrency, "{bad}");
            assert_eq!(e.field.as_deref(), Some("currency"));
        }
    }

    #[test]
    fn table_names() {
        for n in Table::NAMES {
            assert_eq!(Table::parse(n).unwrap().name(), n);
        }
        assert_eq!(Table::parse("ISO").unwrap_err().code, ErrorCode::Validation);
    }
}
