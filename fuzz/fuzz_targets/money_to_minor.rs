//! `money::to_minor` on arbitrary amounts and currency codes, every table; an accepted amount
//! must come back through `from_minor` and read again as the same minor units.
#![no_main]
use libfuzzer_sys::fuzz_target;
use remise::money::{from_minor, to_minor, Table};

const TABLES: [Table; 4] = [
    Table::Iso,
    Table::Systempay,
    Table::Payline,
    Table::Sogenactif,
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let table = TABLES[usize::from(sel % 4)];
    // `CODE:amount` lets the fuzzer pick the code too; otherwise a currency of the table by index.
    let rows = table.rows();
    let (code, amount) = match text.split_once(':') {
        Some((c, a)) if sel & 0x80 != 0 => (c.to_string(), a),
        _ => (
            rows[usize::from(sel >> 2) % rows.len()].code().to_string(),
            text,
        ),
    };
    match to_minor(amount, &code, table) {
        Ok(minor) => {
            let back = from_minor(minor, &code, table).expect("an accepted amount formats");
            assert_eq!(
                to_minor(&back, &code, table).ok(),
                Some(minor),
                "{amount:?} -> {minor} -> {back:?}"
            );
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
});
