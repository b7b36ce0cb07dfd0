#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The committed record types and README tables are the ones generated from the dictionary
//! (run `cargo run --example gen_batch_types` after changing dictionary.rs).

use remise::sogenactif::batch::typegen;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn committed_record_types_are_generated_from_the_dictionary() {
    assert!(
        read("pkg-template/types/sogenactif_batch_records.d.ts") == typegen::records_dts(),
        "pkg-template/types/sogenactif_batch_records.d.ts is stale: run `cargo run --example gen_batch_types`"
    );
}

#[test]
fn readme_lists_the_fields_of_every_method() {
    let readme = read("README.md");
    assert!(
        typegen::update_readme(&readme).as_deref() == Some(readme.as_str()),
        "README.md batch field tables are stale: run `cargo run --example gen_batch_types`"
    );
}

#[test]
fn a_refund_has_operation_amount_not_amount() {
    // Independent of the generator's code: the refund page names operationAmount (Office JSON).
    let dts = typegen::records_dts();
    let refund = dts
        .split("export interface RefundRecord")
        .nth(1)
        .unwrap()
        .split("\n}\n")
        .next()
        .unwrap();
    assert!(refund.contains("\n  method: 'refund';"));
    assert!(refund.contains("\n  operationAmount: number;"));
    assert!(refund.contains("\n  currencyCode: string | number;"));
    assert!(refund.contains("\n  transactionReference?: string;"));
    assert!(!refund.contains("\n  amount"));
    assert!(dts.contains("  | WalletOrderRecord;\n"));
}
