use super::*;

#[test]
fn basic_auth_matches_rfc7617_example() {
    // RFC 7617 §2: user "Aladdin", password "open sesame".
    assert_eq!(
        basic_auth("Aladdin", &Secret::new("open sesame")),
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
}

#[test]
fn secrets_never_print() {
    let s = Secret::new("testpassword_123");
    assert_eq!(format!("{s:?} {s}"), "*** ***");
    let masked = mask_headers(&[("Authorization".into(), "Basic abc".into())]);
    assert_eq!(masked[0].1, "Basic ***");
}

#[test]
fn card_numbers_are_masked() {
    assert_eq!(
        mask_card_numbers("<number>4970100000000055</number> 12345"),
        "<number>************0055</number> 12345"
    );
}

#[test]
fn money_moving_calls_are_never_retried() {
    let p = RetryPolicy::default();
    for f in [Failure::Network, Failure::Timeout, Failure::Status(503)] {
        assert_eq!(p.next_delay_ms(CallKind::MoneyMoving, 0, f, 500), None);
    }
}

#[test]
fn reads_retry_twice_on_transient_failures() {
    let p = RetryPolicy::default();
    assert_eq!(
        p.next_delay_ms(CallKind::Read, 0, Failure::Status(503), 1000),
        Some(250)
    );
    assert_eq!(
        p.next_delay_ms(CallKind::Read, 1, Failure::Network, 0),
        Some(250)
    );
    assert_eq!(
        p.next_delay_ms(CallKind::Read, 2, Failure::Network, 0),
        None
    );
    assert_eq!(
        p.next_delay_ms(CallKind::Read, 0, Failure::Status(400), 0),
        None
    );
    assert_eq!(
        p.next_delay_ms(CallKind::Read, 0, Failure::Status(408), 0),
        Some(125)
    );
}

#[test]
fn unknown_outcome_for_money_moving_failures() {
    let e = failure_error(
        Gateway::Systempay,
        CallKind::MoneyMoving,
        "Transaction/Refund",
        Failure::Timeout,
        45_000,
        "",
    );
    assert_eq!(e.code, ErrorCode::Timeout);
    assert_eq!(e.outcome, Some(crate::error::Outcome::Unknown));
    assert!(!e.retryable);
    assert!(e.message.contains("getTransaction"), "{}", e.message);
    let e = failure_error(
        Gateway::Payline,
        CallKind::Read,
        "getTransactionDetails",
        Failure::Network,
        1,
        "reset",
    );
    assert!(e.retryable);
    assert_eq!(e.outcome, None);
}

#[test]
fn base_url_must_be_https_except_on_this_machine() {
    let check = |u: &str| {
        let mut issues = crate::error::Issues::new();
        check_base_url(u, "options.baseUrl", "https://example.test", &mut issues);
        issues
            .into_vec()
            .into_iter()
            .map(|i| i.message)
            .collect::<Vec<_>>()
    };
    assert!(check("https://api.systempay.fr").is_empty());
    assert!(check("https://api.payzen.eu/").is_empty());
    assert!(check("http://127.0.0.1:8080").is_empty());
    assert!(check("http://localhost/x").is_empty());
    assert!(check("http://[::1]:9000").is_empty());
    assert!(check("http://api.systempay.fr")[0].contains("must use https://"));
    assert!(check("api.systempay.fr")[0].contains("e.g. https://example.test"));
    assert!(check("https://")[0].contains("no host"));
    assert!(check("https://a.test/?x=1")[0].contains("query"));
    assert!(check("https://a .test")[0].contains("spaces"));
}
