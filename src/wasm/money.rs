//! TypeScript declarations of `money.*` (tsify). Declaration-only.
#![allow(dead_code)]

use serde::Serialize;
use tsify::Tsify;
/// A currency row of one of remise's tables.
#[derive(Serialize, Tsify)]
pub struct Currency {
    /// ISO 4217 alpha-3 code, e.g. `'EUR'`.
    pub code: String,
    /// ISO 4217 numeric code, e.g. `978`.
    pub numeric: u16,
    /// Fraction digits in this table (Systempay: CNY 1, KHR 0, as the platform documents).
    pub digits: u8,
    /// English name.
    pub name: String,
}

/// Which currency table to use: ISO 4217 (default), or a gateway's own.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // exists for its TypeScript declaration
pub enum CurrencyTable {
    Iso,
    Systempay,
    Payline,
    Sogenactif,
}
