use super::*;

#[test]
fn service_names_bare_and_qualified() {
    assert_eq!(Service::parse("cancel").unwrap(), Service::Cancel);
    assert_eq!(
        Service::parse("cashManagement/cancel").unwrap(),
        Service::Cancel
    );
    assert_eq!(
        Service::parse("checkout/walletOrder").unwrap(),
        Service::WalletOrder
    );
    assert_eq!(
        Service::parse("diagnostic/getTransactionData").unwrap(),
        Service::GetTransactionData
    );
    for bad in [
        "checkout/cancel",
        "Cancel",
        "cashManagement/",
        "",
        "panToToken",
    ] {
        let e = Service::parse(bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "{bad}");
        assert_eq!(e.field.as_deref(), Some("service"));
    }
}

#[test]
fn service_numbers_match_the_js_client() {
    // pkg-template/api/sogenactif_office.js calls the wasm client with these indexes.
    let names: Vec<&str> = Service::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        [
            "cancel",
            "refund",
            "validate",
            "duplicate",
            "acceptChallenge",
            "refuseChallenge",
            "walletCreditHolder",
            "cardOrder",
            "walletOrder",
            "getTransactionData"
        ]
    );
}

#[test]
fn accepted_paths_list_every_service() {
    let joined: Vec<String> = Service::ALL.iter().map(|s| s.path()).collect();
    assert_eq!(ACCEPTED_PATHS, joined.join(", "));
    let e = Service::parse("nope").unwrap_err();
    assert!(
        e.issues[0].message.contains(&joined.join(", ")),
        "{}",
        e.issues[0].message
    );
}

#[test]
fn families_and_versions() {
    assert_eq!(Service::Cancel.path(), "cashManagement/cancel");
    assert_eq!(Service::CardOrder.path(), "checkout/cardOrder");
    assert_eq!(
        Service::GetTransactionData
            .family()
            .default_interface_version(),
        "DR_WS_2.58"
    );
    assert_eq!(
        Service::WalletCreditHolder
            .family()
            .default_interface_version(),
        "CR_WS_2.58"
    );
    assert_eq!(Family::Checkout.interface_prefix(), "IR_WS_2.");
    for f in [Family::CashManagement, Family::Checkout, Family::Diagnostic] {
        assert!(f
            .default_interface_version()
            .starts_with(f.interface_prefix()));
    }
    assert_eq!(Service::GetTransactionData.call_kind(), CallKind::Read);
    assert_eq!(Service::Refund.call_kind(), CallKind::MoneyMoving);
}
