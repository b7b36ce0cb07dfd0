#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic)]
//! The committed Payline request declarations are the ones generated from the request tables
//! (run `cargo run --example gen_payline_types` after changing src/payline/model.rs).

use remise::payline::typegen;

#[test]
fn committed_request_types_are_generated_from_the_model() {
    let path = format!(
        "{}/pkg-template/types/payline_requests.d.ts",
        env!("CARGO_MANIFEST_DIR")
    );
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == typegen::requests_dts(),
        "pkg-template/types/payline_requests.d.ts is stale: run `cargo run --example gen_payline_types`"
    );
}

#[test]
fn the_declarations_follow_the_tables() {
    let dts = typegen::requests_dts();
    // A required element of the table is required in the type; a defaulted `version` is not;
    // an element remise does not model (always sent nil) is not offered at all.
    assert!(dts.contains("  transactionID: string;"));
    assert!(dts.contains("  version?: number | string;"));
    assert!(!dts.contains("threeDSInfo:") && !dts.contains("threeDSInfo?:"));
    assert!(dts.contains("  privateDataList?: PaylinePrivateData[];"));
    assert!(dts.contains("export interface PaylineGetTransactionDetailsParams {"));
    assert!(dts.contains("  media?: PaylineMedia;"));
}
