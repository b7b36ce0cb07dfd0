//! The tables of [`super`] against the validator: what `systempay.request` reads, requires,
//! refuses and sends is what the tables (and so the `.d.ts` written from them) say.

use super::*;
use crate::codec::json::join;
use crate::codec::json_ref::ASKED;
use crate::systempay::model::{MANUAL_VALIDATION, RESOLUTION_MODES};
use crate::systempay::validate::validate_text;
use crate::ErrorCode;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A value of `ty` the validator accepts, chosen by hand from the platform's documented shapes
/// (not from the validator's code).
fn sample(ty: Ty) -> Value {
    match ty {
        Ty::Uuid => json!("a0b61d1e159748eaab876cfe342e8c08"),
        Ty::Text => json!("a comment"),
        Ty::OrderId => json!("ORDER-2026-001"),
        Ty::Email => json!("buyer@example.com"),
        Ty::Url => json!("https://shop.example.com/ipn"),
        Ty::DateTime => json!("2026-12-01T00:00:00+00:00"),
        Ty::Amount => json!(30050),
        Ty::CaptureDelay => json!(3),
        Ty::Currency => json!("EUR"),
        Ty::ManualValidation => json!("YES"),
        Ty::ResolutionMode => json!("REFUND_ONLY"),
        Ty::Enum(values) => json!(values[0]),
        Ty::Null => Value::Null,
        Ty::Metadata => json!({ "cart": "42", "channel": "web" }),
        Ty::Names => json!(["CARDS"]),
        Ty::Obj(o) => sample_object(o),
    }
}

/// Every field of `o`, each with its sample.
fn sample_object(o: &Object) -> Value {
    let mut m = Map::new();
    for f in o.fields {
        m.insert(f.name.to_string(), sample(f.ty));
    }
    Value::Object(m)
}

/// The object at `path` (dotted keys, `""` for the root) of a sample body.
fn object_at<'b>(body: &'b mut Value, path: &str) -> &'b mut Map<String, Value> {
    let mut v = body;
    for key in path.split('.').filter(|k| !k.is_empty()) {
        v = v
            .get_mut(key)
            .unwrap_or_else(|| panic!("no {key} in the sample"));
    }
    v.as_object_mut()
        .unwrap_or_else(|| panic!("{path} is not an object"))
}

/// Path of each object of the table → its keys, as the table says.
fn table_keys(o: &Object, path: &str, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    out.insert(path.to_string(), o.fields.iter().map(|f| f.name).collect());
    for f in o.fields {
        if let Ty::Obj(inner) = f.ty {
            table_keys(inner, &join(path, f.name), out);
        }
    }
}

/// Validates `body` for `service` and returns the result with the keys the validator asked of
/// each object it read, by path.
fn run(
    service: Service,
    body: &Value,
) -> (
    crate::Result<crate::systempay::model::Validated>,
    BTreeMap<String, BTreeSet<&'static str>>,
) {
    ASKED.with(|log| *log.borrow_mut() = Some(Vec::new()));
    let result = validate_text(service, &body.to_string());
    let asked = ASKED.with(|log| {
        log.borrow_mut()
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(|(path, keys)| (path, keys.into_iter().collect()))
            .collect()
    });
    (result, asked)
}

fn issue_fields(result: &crate::Result<crate::systempay::model::Validated>) -> Vec<String> {
    match result {
        Ok(_) => Vec::new(),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Validation, "{e:?}");
            e.issues.iter().map(|i| i.field.clone()).collect()
        }
    }
}

#[test]
fn the_validator_reads_exactly_the_keys_of_the_tables() {
    for service in Service::ALL {
        let table = body(service);
        let (result, asked) = run(service, &sample_object(table));
        assert!(result.is_ok(), "{}: {result:?}", service.as_str());
        let mut expected = BTreeMap::new();
        table_keys(table, "", &mut expected);
        assert_eq!(asked, expected, "{}", service.as_str());
    }
}

#[test]
fn a_body_of_every_field_is_sent_whole_in_table_order() {
    for service in Service::ALL {
        let table = body(service);
        let sample = sample_object(table);
        let (result, _) = run(service, &sample);
        let sent: Value = match result {
            Ok(v) => serde_json::from_str(&v.body).unwrap_or_default(),
            Err(e) => panic!("{}: {e:?}", service.as_str()),
        };
        // Same values (the samples are already in the form the platform receives) …
        assert_eq!(sent, sample, "{}", service.as_str());
        // … in the order of the tables, nested objects included.
        fn order(v: &Value, o: &Object, at: &str) {
            let Some(m) = v.as_object() else {
                panic!("{at} is not an object")
            };
            let keys: Vec<&str> = m.keys().map(String::as_str).collect();
            let names: Vec<&str> = o.fields.iter().map(|f| f.name).collect();
            assert_eq!(keys, names, "{at}");
            for f in o.fields {
                if let (Ty::Obj(inner), Some(child)) = (f.ty, m.get(f.name)) {
                    order(child, inner, &join(at, f.name));
                }
            }
        }
        order(&sent, table, service.as_str());
    }
}

/// Calls `visit(object, its path, the service's sample body)` for every object of every body
/// table, nested ones included.
fn each_object(mut visit: impl FnMut(Service, &Object, &str, &Value)) {
    fn walk(
        service: Service,
        o: &Object,
        at: &str,
        root: &Value,
        visit: &mut dyn FnMut(Service, &Object, &str, &Value),
    ) {
        visit(service, o, at, root);
        for f in o.fields {
            if let Ty::Obj(inner) = f.ty {
                walk(service, inner, &join(at, f.name), root, visit);
            }
        }
    }
    for service in Service::ALL {
        let table = body(service);
        walk(service, table, "", &sample_object(table), &mut visit);
    }
}

#[test]
fn required_fields_are_reported_missing_and_optional_ones_are_not() {
    each_object(|service, o, at, root| {
        for f in o.fields {
            let path = join(at, f.name);
            let mut body = root.clone();
            let removed = object_at(&mut body, at).remove(f.name);
            assert!(removed.is_some(), "{path}");
            let fields = issue_fields(&run(service, &body).0);
            // Missing is reported at the field's own path when the table requires it, or when
            // a sibling still given needs it.
            let needed = o.fields.iter().any(|s| s.needs == Some(f.name));
            if f.required || needed {
                assert_eq!(fields, vec![path.clone()], "{} {path}", service.as_str());
            } else {
                assert!(fields.is_empty(), "{} {path}: {fields:?}", service.as_str());
            }
        }
    });
}

#[test]
fn every_field_refuses_a_wrong_type_at_its_own_path() {
    // `true` is of no field's type: each field reports exactly one issue, at its path.
    each_object(|service, o, at, root| {
        for f in o.fields {
            let path = join(at, f.name);
            let mut body = root.clone();
            let slot = object_at(&mut body, at).get_mut(f.name);
            *slot.unwrap_or_else(|| panic!("{path}")) = Value::Bool(true);
            let fields = issue_fields(&run(service, &body).0);
            assert_eq!(fields, vec![path.clone()], "{} {path}", service.as_str());
        }
    });
}

#[test]
fn a_key_outside_the_tables_is_unknown_at_every_level() {
    each_object(|service, _, at, root| {
        let mut body = root.clone();
        object_at(&mut body, at).insert("notInTheTable".into(), json!(1));
        let (result, _) = run(service, &body);
        let Err(e) = result else {
            panic!("{} {at}: accepted", service.as_str())
        };
        let codes: Vec<(&str, &str)> = e
            .issues
            .iter()
            .map(|i| (i.field.as_str(), i.code))
            .collect();
        let path = join(at, "notInTheTable");
        assert_eq!(
            codes,
            vec![(path.as_str(), crate::error::issue::UNKNOWN_FIELD)],
            "{}",
            service.as_str()
        );
    });
}

/// Whether `v` is a value of the TypeScript type `ts` as `typegen` declares it.
fn fits(ts: &str, v: &Value) -> bool {
    match ts {
        "string" => v.is_string(),
        "number" => v.is_u64(),
        "null" => v.is_null(),
        "string[]" => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        "Record<string, unknown>" => v.is_object(),
        "SystempayCurrency" => v.is_string() || v.is_u64(),
        "SystempayManualValidation" => {
            v.is_null() || v.as_str().is_some_and(|s| MANUAL_VALIDATION.contains(&s))
        }
        "SystempayResolutionMode | null" => {
            v.is_null() || v.as_str().is_some_and(|s| RESOLUTION_MODES.contains(&s))
        }
        union if union.starts_with('\'') => v
            .as_str()
            .is_some_and(|s| union.split(" | ").any(|l| l == format!("'{s}'"))),
        // An interface of another table.
        _ => v.is_object(),
    }
}

#[test]
fn the_declared_types_hold_the_accepted_samples() {
    // The samples above are accepted and sent whole (tests above): each is also a value of the
    // type the declarations give its field, so the `.d.ts` accepts what the validator accepts.
    each_object(|service, o, _, _| {
        for f in o.fields {
            let ts = crate::systempay::typegen::ts_type(f.ty);
            assert!(
                fits(&ts, &sample(f.ty)),
                "{} {}: {ts}",
                service.as_str(),
                f.name
            );
        }
    });
}
