#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic)]
//! The committed TypeScript declarations written from the core's tables (issue 9, one source of
//! truth per shape) are the ones their generators write, and they say what the tables say.
//! Regenerate with the command the failure names. That the Systempay tables match its validator
//! is tested beside them (src/systempay/schema/tests.rs); the Payline and Office validators walk
//! their tables directly. The batch record types and README tables: tests/sogenactif_batch_types.rs.

use remise::payline::typegen as payline;
use remise::sogenactif::office::typegen as office;
use remise::systempay::typegen as systempay;

#[test]
fn committed_declarations_are_the_generated_ones() {
    let generated = [
        (
            "payline_requests.d.ts",
            payline::requests_dts(),
            "gen_payline_types",
        ),
        (
            "systempay_requests.d.ts",
            systempay::requests_dts(),
            "gen_systempay_types",
        ),
        (
            "sogenactif_office_fields.d.ts",
            office::fields_dts(),
            "gen_office_types",
        ),
    ];
    for (file, text, example) in generated {
        let path = format!("{}/pkg-template/types/{file}", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(path).unwrap();
        assert!(
            committed == text,
            "pkg-template/types/{file} is stale: run `cargo run --example {example}`"
        );
    }
}

#[test]
fn payline_declarations_follow_the_tables() {
    let dts = payline::requests_dts();
    // A required element of the table is required in the type; a defaulted `version` is not;
    // an element remise does not model (always sent nil) is not offered at all.
    assert!(dts.contains("  transactionID: string;"));
    assert!(dts.contains("  version?: number | string;"));
    assert!(!dts.contains("threeDSInfo:") && !dts.contains("threeDSInfo?:"));
    assert!(dts.contains("  privateDataList?: PaylinePrivateData[];"));
    assert!(dts.contains("export interface PaylineGetTransactionDetailsParams {"));
    assert!(dts.contains("  media?: PaylineMedia;"));
}

#[test]
fn systempay_declarations_follow_the_tables() {
    let dts = systempay::requests_dts();
    // Expectations written by hand from the platform's reference (systempay.md §2): `uuid` is
    // required, the amount optional on CancelOrRefund, both amount and currency required on
    // Duplicate; the limits come from the model's constants.
    assert!(dts.contains(
        "export interface SystempayCancelOrRefundRequest {\n  /** The transaction id. 32 lowercase hexadecimal characters. */\n  uuid: string;\n  /** Minor units (30050 = EUR 300.50), at most 999999999999 (12 digits). */\n  amount?: number;\n  /** Requires `amount`. */\n  currency?: SystempayCurrency;\n"
    ));
    assert!(dts.contains("  amount: number;\n  currency: SystempayCurrency;\n"));
    assert!(dts.contains("export type SystempayManualValidation = 'YES' | 'NO' | null;"));
    assert!(dts.contains(
        "export type SystempayResolutionMode = 'AUTO' | 'CANCELLATION_ONLY' | 'REFUND_ONLY';"
    ));
    assert!(dts.contains("  /** Printable ASCII, at most 64 characters. */\n  orderId: string;"));
    assert!(dts.contains("  'Charge/SDKTest': SystempaySdkTestRequest;\n}\n"));
    // Every nested interface is declared once, before it is used.
    for name in [
        "SystempayCardOptions",
        "SystempayCustomer",
        "SystempayCardUpdate",
    ] {
        let decl = format!("export interface {name} {{");
        assert_eq!(dts.matches(&decl).count(), 1);
        let declared = dts.find(&decl).unwrap();
        let used = dts.find(&format!(": {name};")).unwrap();
        assert!(declared < used, "{name}");
    }
}

#[test]
fn office_declarations_follow_the_tables() {
    let dts = office::fields_dts();
    // Expectations written by hand from the reference (sogenactif.md §1.6): cancel needs the
    // operation's amount and currency; duplicate names the transaction it copies and requires
    // its date-time; cardOrder's card number is required; the s10 date is optional.
    assert!(dts.contains(
        "export interface SogenactifCancelFields extends SogenactifOfficeCommonFields {\n  /** Minor units (N12), a whole number: 1000 for 10.00 EUR. */\n  operationAmount: number;\n  currencyCode: SogenactifCurrency;\n"
    ));
    assert!(dts.contains("  merchantTransactionDateTime: string;\n"));
    assert!(dts.contains("  fromMerchantId: string;\n"));
    assert!(
        dts.contains("  s10FromTransactionReference?: SogenactifS10FromTransactionReference;\n")
    );
    assert!(dts.contains("  cardNumber: string;\n"));
    assert!(
        dts.contains("  /** N6: up to 6 digits, as a string. */\n  s10TransactionId: string;\n")
    );
    assert!(dts.contains("  s10TransactionIdDate?: string;\n"));
    assert!(dts.contains(
        "export interface SogenactifWalletOrderFields extends SogenactifOfficeCommonFields, SogenactifOrderContainers {"
    ));
    assert!(dts.contains("  | 'diagnostic/getTransactionData';\n"));
    // Every service has its interface, once.
    for name in [
        "Cancel",
        "Refund",
        "Validate",
        "Duplicate",
        "AcceptChallenge",
        "RefuseChallenge",
        "WalletCreditHolder",
        "CardOrder",
        "WalletOrder",
        "GetTransactionData",
    ] {
        let decl = format!("export interface Sogenactif{name}Fields extends");
        assert_eq!(dts.matches(&decl).count(), 1, "{name}");
    }
}
