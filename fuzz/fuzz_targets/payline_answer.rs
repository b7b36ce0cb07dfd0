//! Payline SOAP answers (`payline::parse_response`) for every operation.
// seeds: ../tests/fixtures/payline
#![no_main]
use libfuzzer_sys::fuzz_target;

const OPS: [&str; 8] = [
    "doAuthorization",
    "doReAuthorization",
    "doCapture",
    "doRefund",
    "doReset",
    "doCredit",
    "doDebit",
    "getTransactionDetails",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The fixtures are templates with `{W}`/`{O}`/`{NS}` holes: fill them like the tests do.
    let filled = text
        .replace("{W}", "")
        .replace("{O}", "obj:")
        .replace("{NS}", "xmlns=\"http://impl.ws.payline.experian.com\" xmlns:obj=\"http://obj.ws.payline.experian.com\"");
    for op in OPS {
        for status in [200u16, 500] {
            match remise::payline::parse_response(op, status, &filled) {
                Ok(v) => {
                    assert!(
                        v.get("result").and_then(|r| r.get("code")).is_some(),
                        "no result.code"
                    )
                }
                Err(e) => {
                    assert!(!e.message.is_empty());
                    // The answer text `write_response` wrote is read back as JSON: never unreadable.
                    assert!(!e.message.contains("unreadable answer"), "{}", e.message);
                    let _ = e.to_json();
                }
            }
        }
    }
});
