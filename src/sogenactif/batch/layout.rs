//! Column layouts a user can correct (issue 11): `layouts: { refund: [...] }` replaces the column
//! layout of a method for one file (request writer and response parser alike), without waiting
//! for a release when a bank's documentation differs from the derived table in `dictionary.rs`.
//!
//! An override lists the columns from column 2 on (column 0 is the method token, column 1 the
//! recordSequence). Each entry is a field name (`'operationAmount'`, or `'container.name'` for a
//! nested field such as `'s10TransactionReference.s10TransactionId'`) or `null` for a column the
//! writer leaves empty. A name must be a field of the method in the dictionary, or of another
//! method (it then comes with that method's format and is optional): formats are never invented
//! by hand. An override is checked like the built-in table: no duplicate, every required field of
//! the method kept, the fields of one container in adjacent columns.

use super::dictionary::{self, Field, Method, Presence, METHODS};
use crate::codec::json::{index, type_name, Obj};
use crate::error::{issue, Issues};
use crate::money::printable;
use serde_json::Value;

/// Most columns an override may declare (the longest published line, cardOrder, has 63).
pub const MAX_COLUMNS: usize = 250;

/// The layout of each method for one file: the dictionary's, except where overridden.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layouts {
    overrides: Vec<(&'static Method, Vec<Field>)>,
}

/// No override (the dictionary).
pub static DICTIONARY: Layouts = Layouts {
    overrides: Vec::new(),
};

impl Layouts {
    /// The method named `name` and its fields in column order.
    pub fn get(&self, name: &str) -> Option<(&'static Method, &[Field])> {
        if let Some((m, f)) = self
            .overrides
            .iter()
            .find(|(m, _)| crate::codec::swar::same(m.name, name))
        {
            return Some((m, f.as_slice()));
        }
        dictionary::method(name).map(|m| (m, m.fields))
    }

    /// The method whose CSV token is `token` and its fields in column order.
    pub fn by_token(&self, token: &str) -> Option<(&'static Method, &[Field])> {
        let m = dictionary::method_by_token(token)?;
        self.get(m.name)
    }

    /// Whether any method is overridden.
    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }

    /// Reads `layouts` from an options object (absent: the dictionary).
    pub fn read(root: &mut Obj<'_>, issues: &mut Issues) -> Layouts {
        let mut layouts = Layouts::default();
        let Some(mut o) = root.obj("layouts", issues) else {
            return layouts;
        };
        for method in METHODS {
            let at = o.at(method.name);
            match o.raw(method.name) {
                None => {}
                Some(Value::Array(entries)) => {
                    if let Some(fields) = read_layout(method, entries, &at, issues) {
                        layouts.overrides.push((method, fields));
                    }
                }
                Some(other) => issues.push(
                    at,
                    issue::TYPE,
                    format!(
                        "must be an array of field names (null for an empty column), got {}",
                        type_name(other)
                    ),
                ),
            }
        }
        o.finish(issues);
        layouts
    }
}

/// Columns of a line laid out with `fields` (method token and recordSequence included).
pub fn columns(fields: &[Field]) -> usize {
    fields
        .iter()
        .map(|f| usize::from(f.order))
        .max()
        .unwrap_or(1)
        + 1
}

/// The dictionary field `name` (`container.name` for a nested one): the method's own first,
/// else the first method that has it (then optional).
fn find(method: &Method, name: &str) -> Option<Field> {
    let (container, leaf) = match name.split_once('.') {
        Some((c, l)) => (Some(c), l),
        None => (None, name),
    };
    let matches = |f: &&Field| f.name == leaf && f.container() == container;
    if let Some(f) = method.fields.iter().find(matches) {
        return Some(*f);
    }
    METHODS
        .iter()
        .find_map(|m| m.fields.iter().find(matches))
        .map(|f| f.with_presence(Presence::Optional))
}

fn read_layout(
    method: &'static Method,
    entries: &[Value],
    at: &str,
    issues: &mut Issues,
) -> Option<Vec<Field>> {
    let before = issues.len();
    if entries.is_empty() || entries.len() > MAX_COLUMNS {
        issues.push(
            at,
            issue::RANGE,
            format!("must list between 1 and {MAX_COLUMNS} columns, from column 2 on (after the method and the recordSequence)"),
        );
        return None;
    }
    let mut fields: Vec<Field> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let order = u16::try_from(i + 2).unwrap_or(u16::MAX);
        let name = match entry {
            Value::Null => continue,
            Value::String(s) => s.as_str(),
            other => {
                issues.push(
                    index(at, i),
                    issue::TYPE,
                    format!(
                        "must be a field name or null (an empty column), got {}",
                        type_name(other)
                    ),
                );
                continue;
            }
        };
        let Some(field) = find(method, name) else {
            issues.push(
                index(at, i),
                issue::ENUM,
                format!(
                    "unknown field '{}': use a field of the data dictionary ({}), 'container.name' for a nested one, or null for an empty column",
                    printable(name),
                    field_names(method)
                ),
            );
            continue;
        };
        if fields
            .iter()
            .any(|f| f.name == field.name && f.container() == field.container())
        {
            issues.push(
                index(at, i),
                issue::CONFLICT,
                format!(
                    "'{}' is listed twice: each field has one column",
                    printable(name)
                ),
            );
            continue;
        }
        if let (Some(c), Some(last)) = (field.container(), fields.last()) {
            if last.container() != Some(c) && fields.iter().any(|f| f.container() == Some(c)) {
                issues.push(
                    index(at, i),
                    issue::CONFLICT,
                    format!("the fields of {c} must sit in adjacent columns (the XML syntax nests them in one element)"),
                );
                continue;
            }
        }
        fields.push(field.with_order(order));
    }
    for required in method
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
    {
        if !fields.iter().any(|f| f.name == required.name) {
            issues.push(
                at,
                issue::REQUIRED,
                format!("must keep {}, required for {}", required.name, method.name),
            );
        }
    }
    (issues.len() == before).then_some(fields)
}

fn field_names(method: &Method) -> String {
    // Pushed by hand: `Vec<String>::join` is a second copy of `join` (size).
    let mut out = String::new();
    for (n, f) in method.fields.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        if let Some(c) = f.container() {
            out.push_str(c);
            out.push('.');
        }
        out.push_str(f.name);
    }
    out
}
