//! The TypeScript type each field is declared with is one the validator accepts: a body built
//! from the declared types alone (a value of each type, the string ones in the documented format
//! of their kind) passes `check` for every service.

use super::*;
use crate::error::Issues;
use crate::sogenactif::office::validate::{check, FROM_TRANSACTION};
use serde_json::{json, Map, Value};

/// A value of the declared TypeScript type `ts` for a field of `kind`; strings are written in the
/// format the reference gives for the kind (sogenactif.md §1.6), chosen by hand.
fn sample(ts: &str, kind: Kind) -> Value {
    match ts {
        "number" => json!(1),
        "SogenactifCurrency" => json!("EUR"),
        "SogenactifContainer" => json!({ "city": "Paris" }),
        "SogenactifContainerValue[]" => json!([{ "key": "v" }]),
        "string" => json!(match kind {
            Kind::Alnum(_) => "ORDER42",
            Kind::Digits(_) => "12",
            Kind::Code(_) => "INTERNET",
            Kind::YearMonth => "202812",
            Kind::DateTime => "2026-01-02T10:15:00+01:00",
            Kind::CardNumber => "4975000000000000",
            Kind::Csc => "123",
            // Text of at most 2 (customerLanguage) to 255 characters.
            _ => "fr",
        }),
        // A union of string literals (or its alias): its first literal.
        union => {
            let literal = match union {
                "SogenactifCaptureMode" => ts_union(CAPTURE_MODES),
                "SogenactifPaymentPattern" => ts_union(PAYMENT_PATTERNS),
                other => other.to_string(),
            };
            json!(literal.split('\'').nth(1).unwrap_or_default())
        }
    }
}

#[test]
fn a_body_of_every_declared_field_passes_the_validator() {
    for service in Service::ALL {
        let mut body = Map::new();
        for f in service_fields(service) {
            body.insert(f.name.into(), sample(&ts_type(f.kind), f.kind));
        }
        body.insert(TRANSACTION.reference.into(), json!("ORDER42"));
        if spec(service)
            .idents
            .iter()
            .any(|i| i.s10 == FROM_TRANSACTION.s10)
        {
            body.insert(FROM_TRANSACTION.reference.into(), json!("ORDER41"));
        }
        let mut issues = Issues::new();
        let checked = check(service, &Value::Object(body.clone()), &mut issues);
        assert!(
            issues.is_empty(),
            "{}: {:?}",
            service.name(),
            issues.as_slice()
        );
        // Every declared field was read and kept.
        for key in body.keys() {
            assert!(checked.fields.contains_key(key), "{} {key}", service.name());
        }
    }
}
