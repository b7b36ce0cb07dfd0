//! Unit tests of `typegen`.

use super::*;

#[test]
fn every_object_and_list_of_a_request_has_a_name() {
    fn walk(fields: &[Field], missing: &mut Vec<&'static str>) {
        for f in fields {
            match f.kind {
                Kind::Object(inner) | Kind::List { fields: inner, .. } => {
                    if object_name(inner).is_none() {
                        missing.push(f.name);
                    }
                    walk(inner, missing);
                }
                _ => {}
            }
        }
    }
    let mut missing = Vec::new();
    for op in Operation::ALL {
        walk(op.fields(), &mut missing);
    }
    assert!(missing.is_empty(), "no TypeScript name for {missing:?}");
}

#[test]
fn object_tables_are_told_apart() {
    for (i, (a, ta, _)) in OBJECTS.iter().enumerate() {
        for (b, tb, _) in OBJECTS.iter().skip(i + 1) {
            assert!(!same(ta, tb), "{a} and {b} have the same elements");
        }
    }
}
