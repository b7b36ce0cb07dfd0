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
//! English names: a row that is in ISO 4217 takes its name from there (`""`, the name in a comment:
//! issue 9, size). Correct a row here and every caller follows.

use super::Currency;

super::currency_table! {
    /// The Systempay table, sorted by alpha code.
    SYSTEMPAY, NAMES,
    ("AUD", 36, 2, ""), // Australian Dollar
    ("BGN", 975, 2, "Bulgarian Lev"),
    ("BRL", 986, 2, ""), // Brazilian Real
    ("CAD", 124, 2, ""), // Canadian Dollar
    ("CHF", 756, 2, ""), // Swiss Franc
    ("CNY", 156, 1, ""), // Yuan Renminbi
    ("CZK", 203, 2, ""), // Czech Koruna
    ("DKK", 208, 2, ""), // Danish Krone
    ("EUR", 978, 2, ""), // Euro
    ("GBP", 826, 2, ""), // Pound Sterling
    ("HKD", 344, 2, ""), // Hong Kong Dollar
    ("HRK", 191, 2, "Kuna"),
    ("HUF", 348, 2, ""), // Forint
    ("IDR", 360, 2, ""), // Rupiah
    ("INR", 356, 2, ""), // Indian Rupee
    ("JPY", 392, 0, ""), // Yen
    ("KHR", 116, 0, ""), // Riel
    ("KRW", 410, 0, ""), // Won
    ("MXN", 484, 2, ""), // Mexican Peso
    ("MYR", 458, 2, ""), // Malaysian Ringgit
    ("NOK", 578, 2, ""), // Norwegian Krone
    ("NZD", 554, 2, ""), // New Zealand Dollar
    ("PHP", 608, 2, ""), // Philippine Peso
    ("PLN", 985, 2, ""), // Zloty
    ("RON", 946, 2, ""), // Romanian Leu
    ("RUB", 643, 2, ""), // Russian Ruble
    ("SEK", 752, 2, ""), // Swedish Krona
    ("SGD", 702, 2, ""), // Singapore Dollar
    ("THB", 764, 2, ""), // Baht
    ("TRY", 949, 2, ""), // Turkish Lira
    ("TWD", 901, 2, ""), // New Taiwan Dollar
    ("USD", 840, 2, ""), // US Dollar
    ("XPF", 953, 0, ""), // CFP Franc
    ("ZAR", 710, 2, ""), // Rand
}

#[cfg(test)]
mod tests;
