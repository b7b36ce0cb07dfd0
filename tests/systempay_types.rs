#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic)]
//! The committed Systempay request declarations are the ones written from the tables of
//! src/systempay/schema.rs (run `cargo run --example gen_systempay_types` after changing it).
//! That the tables say what the validator does is tested in src/systempay/schema/tests.rs.

use remise::systempay::typegen;

#[test]
fn committed_request_types_are_generated_from_the_schema() {
    let path = format!(
        "{}/pkg-template/types/systempay_requests.d.ts",
        env!("CARGO_MANIFEST_DIR")
    );
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == typegen::requests_dts(),
        "pkg-template/types/systempay_requests.d.ts is stale: run `cargo run --example gen_systempay_types`"
    );
}

#[test]
fn the_declarations_follow_the_tables() {
    let dts = typegen::requests_dts();
    // Expectations written by hand from the platform's reference (systempay.md §2): `uuid` is
    // required, the amount optional on CancelOrRefund, both amount and currency required on
    // Duplicate; the limits come from the model's constants.
    assert!(dts.contains(
        "export interface SystempayCancelOrRefundRequest {\n  /** The transaction id. 32 lowercase hexadecimal characters. */\n  uuid: string;\n  /** Minor units (30050 = EUR 300.50). */\n  amount?: number;\n  /** Requires `amount`. */\n  currency?: SystempayCurrency;\n"
    ));
    assert!(dts.contains("  amount: number;\n  currency: SystempayCurrency;\n"));
    assert!(dts.contains("export type SystempayManualValidation = 'YES' | 'NO' | null;"));
    assert!(dts.contains(
        "export type SystempayResolutionMode = 'AUTO' | 'CANCELLATION_ONLY' | 'REFUND_ONLY';"
    ));
    assert!(dts.contains("  /** Printable ASCII, at most 64 characters. */\n  orderId: string;"));
    assert!(dts.contains("  'Charge/SDKTest': SystempaySdkTestRequest;\n}\n"));
    // Every interface named in the service map is declared once, nested objects before use.
    for name in [
        "SystempayCardOptions",
        "SystempayCustomer",
        "SystempayCardUpdate",
    ] {
        assert_eq!(
            dts.matches(&format!("export interface {name} {{")).count(),
            1
        );
        let declared = dts.find(&format!("export interface {name} {{")).unwrap();
        let used = dts.find(&format!(": {name};")).unwrap();
        assert!(declared < used, "{name}");
    }
}
