//! The Systempay (Lyra REST V4) currency table.
//!
//! Exactly the 34 rows of the `currency` table on the platform's Transaction/CancelOrRefund page
//! (shared/reference/seeds/systempay-cancelorrefund.txt; also
//! https://paiement.systempay.fr/doc/en-EN/rest/V4.0/api/playground/Transaction/Duplicate),
//! with the fraction digits as the platform documents them. Two rows deviate from ISO 4217 and
//! are kept as documented, because `amount` is "in the smallest currency unit" as the platform
//! defines it:
//! - CNY: 1 fraction digit (ISO: 2). UNCERTAIN: Lyra's plugin SDK says 2; reference systempay.md §6.3.
//! - KHR: 0 fraction digits (ISO: 2). UNCERTAIN: Lyra's plugin SDK says 2; reference systempay.md §6.3.
//!
//! HRK and BGN are still listed by the platform although ISO withdrew them (HRK in 2023, BGN when
//! Bulgaria adopted the euro on 2026-01-01). Names are the ISO
//! English names. Correct a row here and every caller follows.

use super::Currency;

/// The Systempay table, sorted by alpha code.
pub static SYSTEMPAY: &[Currency] = &[
    Currency::new("AUD", 36, 2, "Australian Dollar"),
    Currency::new("BGN", 975, 2, "Bulgarian Lev"),
    Currency::new("BRL", 986, 2, "Brazilian Real"),
    Currency::new("CAD", 124, 2, "Canadian Dollar"),
    Currency::new("CHF", 756, 2, "Swiss Franc"),
    Currency::new("CNY", 156, 1, "Yuan Renminbi"),
    Currency::new("CZK", 203, 2, "Czech Koruna"),
    Currency::new("DKK", 208, 2, "Danish Krone"),
    Currency::new("EUR", 978, 2, "Euro"),
    Currency::new("GBP", 826, 2, "Pound Sterling"),
    Currency::new("HKD", 344, 2, "Hong Kong Dollar"),
    Currency::new("HRK", 191, 2, "Kuna"),
    Currency::new("HUF", 348, 2, "Forint"),
    Currency::new("IDR", 360, 2, "Rupiah"),
    Currency::new("INR", 356, 2, "Indian Rupee"),
    Currency::new("JPY", 392, 0, "Yen"),
    Currency::new("KHR", 116, 0, "Riel"),
    Currency::new("KRW", 410, 0, "Won"),
    Currency::new("MXN", 484, 2, "Mexican Peso"),
    Currency::new("MYR", 458, 2, "Malaysian Ringgit"),
    Currency::new("NOK", 578, 2, "Norwegian Krone"),
    Currency::new("NZD", 554, 2, "New Zealand Dollar"),
    Currency::new("PHP", 608, 2, "Philippine Peso"),
    Currency::new("PLN", 985, 2, "Zloty"),
    Currency::new("RON", 946, 2, "Romanian Leu"),
    Currency::new("RUB", 643, 2, "Russian Ruble"),
    Currency::new("SEK", 752, 2, "Swedish Krona"),
    Currency::new("SGD", 702, 2, "Singapore Dollar"),
    Currency::new("THB", 764, 2, "Baht"),
    Currency::new("TRY", 949, 2, "Turkish Lira"),
    Currency::new("TWD", 901, 2, "New Taiwan Dollar"),
    Currency::new("USD", 840, 2, "US Dollar"),
    Currency::new("XPF", 953, 0, "CFP Franc"),
    Currency::new("ZAR", 710, 2, "Rand"),
];

#[cfg(test)]
mod tests;
