//! Caller input → validated element tree, in WSDL order, with every issue at once.
//!
//! The walk follows the schema tables of model.rs, not the caller's key order, so the tree (and
//! the XML written from it) is always in `xsd:sequence` order. Absent optional elements are not in
//! the tree (never an empty element, never an empty numeric field).

use super::dates;
use super::model::{Field, Kind, Operation, DEFAULT_VERSION, MODES};
use crate::codec::json::{index, type_name, Obj};
use crate::codec::xml::check_text;
use crate::error::{issue, Gateway, Issues, Result};
use crate::money::{self, printable, Table};
use serde_json::Value;

/// One element to write. Its namespace follows from its depth: the wrapper's direct children are
/// in the impl namespace, everything deeper in the obj namespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: &'static str,
    pub value: NodeValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeValue {
    Text(String),
    Children(Vec<Node>),
}

impl Node {
    /// The text of this element, when it holds text.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Text(t) => Some(t),
            NodeValue::Children(_) => None,
        }
    }

    /// The child elements, when this element is an object or a list.
    pub fn children(&self) -> &[Node] {
        match &self.value {
            NodeValue::Children(c) => c,
            NodeValue::Text(_) => &[],
        }
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children().iter().find(|n| n.name == name)
    }
}

/// A request that passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    pub operation: Operation,
    /// The children of `{operation}Request`, in WSDL order.
    pub body: Vec<Node>,
}

impl Validated {
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.body.iter().find(|n| n.name == name)
    }
}

/// Validates `params` for `op`; on failure one `VALIDATION` error carries every issue.
pub fn validate(op: Operation, params: &Value) -> Result<Validated> {
    let mut issues = Issues::new();
    let mut root = Obj::new(params, "", &mut issues);
    let body = read_fields(&mut root, op.fields(), &mut issues);
    root.finish(&mut issues);
    operation_rules(op, params, &mut issues);
    issues.finish(Some(Gateway::Payline))?;
    Ok(Validated {
        operation: op,
        body,
    })
}

fn read_fields(obj: &mut Obj<'_>, fields: &'static [Field], issues: &mut Issues) -> Vec<Node> {
    fields
        .iter()
        .filter_map(|f| read_field(obj, f, issues))
        .collect()
}

fn read_field(obj: &mut Obj<'_>, f: &'static Field, issues: &mut Issues) -> Option<Node> {
    let at = obj.at(f.name);
    let Some(raw) = obj.raw(f.name) else {
        if let Kind::Version = f.kind {
            return Some(Node {
                name: f.name,
                value: NodeValue::Text(DEFAULT_VERSION.to_string()),
            });
        }
        if f.required {
            issues.push(at, issue::REQUIRED, required_message(f));
        }
        return None;
    };
    let value = read_value(raw, &at, f, issues)?;
    Some(Node {
        name: f.name,
        value,
    })
}

fn required_message(f: &Field) -> String {
    let what = match f.kind {
        Kind::Object(_) => "an object",
        Kind::Amount => "an amount in minor units (e.g. 1000 for 10.00 EUR)",
        Kind::Currency => "a currency ('EUR' or 978)",
        Kind::DateTime => "an ISO 8601 date-time such as '2024-12-15T12:20:00+01:00'",
        Kind::Digits(_) => "a number",
        _ => "a value",
    };
    format!("is required: give {what}")
}

/// A string value, or a `TYPE` issue. Empty strings come back as `None` (absent) after a
/// `REQUIRED` issue when the field is required.
fn string<'a>(v: &'a Value, at: &str, f: &Field, issues: &mut Issues) -> Option<&'a str> {
    match v {
        Value::String(s) if s.is_empty() => {
            if f.required {
                issues.push(at, issue::REQUIRED, "is required and must not be empty");
            }
            None
        }
        Value::String(s) => Some(s),
        other => {
            issues.push(
                at,
                issue::TYPE,
                format!("must be a string, got {}", type_name(other)),
            );
            None
        }
    }
}

fn text(s: &str) -> Option<NodeValue> {
    Some(NodeValue::Text(s.to_string()))
}

fn read_value(v: &Value, at: &str, f: &'static Field, issues: &mut Issues) -> Option<NodeValue> {
    match f.kind {
        Kind::Text(max) => {
            let s = string(v, at, f, issues)?;
            let mut ok = check_text(at, s, issues);
            let len = s.chars().count();
            if len > max {
                issues.push(
                    at,
                    issue::TOO_LONG,
                    format!("is {len} characters long; Payline accepts at most {max}"),
                );
                ok = false;
            }
            ok.then(|| text(s)).flatten()
        }
        Kind::FreeText => {
            let s = string(v, at, f, issues)?;
            check_text(at, s, issues).then(|| text(s)).flatten()
        }
        Kind::SecretText => {
            let s = string(v, at, f, issues)?;
            check_text(at, s, issues).then(|| text(s)).flatten()
        }
        Kind::SecretDigits(min, max) => {
            let s = string(v, at, f, issues)?;
            // The value is a secret: the message never repeats it.
            if !(min..=max).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
                issues.push(
                    at,
                    issue::FORMAT,
                    format!("must be a string of {min} to {max} digits, without spaces"),
                );
                return None;
            }
            text(s)
        }
        Kind::Digits(n) => digits(v, at, n, issues),
        Kind::Version => {
            let out = digits(v, at, 2, issues)?;
            if let NodeValue::Text(t) = &out {
                if t.parse::<u8>().map_or(true, |x| x == 0) {
                    issues.push(
                        at,
                        issue::RANGE,
                        format!("must be a web-service version from 1 to 99 (current: {DEFAULT_VERSION})"),
                    );
                    return None;
                }
            }
            Some(out)
        }
        Kind::Amount => {
            let Value::Number(_) = v else {
                issues.push(
                    at,
                    issue::TYPE,
                    format!(
                        "must be a whole number of minor units (e.g. 1000 for 10.00 EUR), got {}",
                        type_name(v)
                    ),
                );
                return None;
            };
            let n = crate::codec::json::read_uint(v, at, issues)?;
            // N12: at most 12 digits.
            if n > 999_999_999_999 {
                issues.push(
                    at,
                    issue::AMOUNT_RANGE,
                    format!("{n} has more than the 12 digits Payline accepts"),
                );
                return None;
            }
            text(&n.to_string())
        }
        Kind::Currency => {
            let code = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) if n.as_u64().is_some() => n.to_string(),
                other => {
                    issues.push(
                        at,
                        issue::TYPE,
                        format!(
                            "must be an ISO 4217 code like 'EUR' or 978, got {}",
                            type_name(other)
                        ),
                    );
                    return None;
                }
            };
            match money::currency(&code, Table::Payline) {
                Ok(c) => text(&c.numeric_str()),
                Err(e) => {
                    issues.push(at, issue::UNKNOWN_CURRENCY, e.message);
                    None
                }
            }
        }
        Kind::Enum(allowed) => {
            let s = string(v, at, f, issues)?;
            match allowed.iter().find(|a| **a == s) {
                Some(a) => text(a),
                None => {
                    issues.push(
                        at,
                        issue::ENUM,
                        format!(
                            "'{}' is not accepted: use one of {}",
                            printable(s),
                            allowed.join(", ")
                        ),
                    );
                    None
                }
            }
        }
        Kind::DateTime => {
            let s = string(v, at, f, issues)?;
            match dates::input_datetime(s).and_then(dates::format_datetime) {
                Some(out) => text(&out),
                None => {
                    issues.push(
                        at,
                        issue::FORMAT,
                        format!(
                            "'{}' is not a date-time: give ISO 8601 like '2024-12-15T12:20:00+01:00' (an offset is converted to Paris time, none is taken as written) or 'dd/mm/yyyy HH:mm'",
                            printable(s)
                        ),
                    );
                    None
                }
            }
        }
        Kind::ShortDate | Kind::Date => {
            let s = string(v, at, f, issues)?;
            let formatted = dates::input_date(s).and_then(|d| match f.kind {
                Kind::ShortDate => dates::format_short_date(d),
                _ => dates::format_date(d),
            });
            match formatted {
                Some(out) => text(&out),
                None => {
                    let layout = if let Kind::ShortDate = f.kind {
                        "dd/mm/yy"
                    } else {
                        "dd/mm/yyyy"
                    };
                    issues.push(
                        at,
                        issue::FORMAT,
                        format!(
                            "'{}' is not a date: give ISO 8601 like '2024-12-20' or '{layout}'",
                            printable(s)
                        ),
                    );
                    None
                }
            }
        }
        Kind::Expiry => {
            let s = string(v, at, f, issues)?;
            let ok = s.len() == 4
                && s.bytes().all(|b| b.is_ascii_digit())
                && s.get(..2)
                    .and_then(|m| m.parse::<u8>().ok())
                    .is_some_and(|m| (1..=12).contains(&m));
            if !ok {
                issues.push(
                    at,
                    issue::FORMAT,
                    "must be the card expiry as MMYY, e.g. '1227' for December 2027",
                );
                return None;
            }
            text(s)
        }
        Kind::Bool => match v {
            Value::Bool(b) => text(if *b { "true" } else { "false" }),
            other => {
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be true or false, got {}", type_name(other)),
                );
                None
            }
        },
        Kind::Object(fields) => {
            if !v.is_object() {
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an object, got {}", type_name(v)),
                );
                return None;
            }
            let mut obj = Obj::new(v, at, issues);
            let children = read_fields(&mut obj, fields, issues);
            obj.finish(issues);
            (!children.is_empty()).then_some(NodeValue::Children(children))
        }
        Kind::List { item, fields, max } => {
            let Value::Array(entries) = v else {
                issues.push(
                    at,
                    issue::TYPE,
                    format!(
                        "must be an array of objects (remise writes the <{item}> elements), got {}",
                        type_name(v)
                    ),
                );
                return None;
            };
            if entries.len() > max {
                issues.push(
                    at,
                    issue::TOO_LONG,
                    format!(
                        "has {} entries; Payline accepts at most {max}",
                        entries.len()
                    ),
                );
            }
            let mut items = Vec::with_capacity(entries.len().min(max));
            for (i, entry) in entries.iter().enumerate() {
                let path = index(at, i);
                if !entry.is_object() {
                    issues.push(
                        path,
                        issue::TYPE,
                        format!("must be an object, got {}", type_name(entry)),
                    );
                    continue;
                }
                let mut obj = Obj::new(entry, &path, issues);
                let children = read_fields(&mut obj, fields, issues);
                obj.finish(issues);
                items.push(Node {
                    name: item,
                    value: NodeValue::Children(children),
                });
            }
            (!items.is_empty()).then_some(NodeValue::Children(items))
        }
    }
}

/// `N<n>`: a whole number below 10^n, or a string of 1 to n digits (kept as written).
fn digits(v: &Value, at: &str, n: usize, issues: &mut Issues) -> Option<NodeValue> {
    let bad = |issues: &mut Issues, what: &str| {
        issues.push(
            at,
            issue::FORMAT,
            format!("must be a number of at most {n} digits (a whole number or a string of digits), got {what}"),
        );
        None
    };
    match v {
        Value::Number(_) => {
            let x = crate::codec::json::read_uint(v, at, issues)?;
            let s = x.to_string();
            if s.len() > n {
                return bad(issues, &s);
            }
            text(&s)
        }
        Value::String(s) if s.is_empty() => bad(issues, "an empty string (omit the field instead)"),
        Value::String(s) => {
            if s.len() > n || !s.bytes().all(|b| b.is_ascii_digit()) {
                return bad(issues, &format!("'{}'", printable(s)));
            }
            text(s)
        }
        other => bad(issues, type_name(other)),
    }
}

/// Whether `v.key` is given (present, not null, not an empty string).
fn given(v: Option<&Value>, key: &str) -> bool {
    match v.and_then(|o| o.get(key)) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Rules that tie several fields together (reference §4 and §3).
fn operation_rules(op: Operation, params: &Value, issues: &mut Issues) {
    let payment = params.get("payment").filter(|p| p.is_object());
    if let Some(p) = payment {
        // differedActionDate: required iff mode is DIF, else must be empty (Object - payment).
        let mode = p.get("mode").and_then(Value::as_str);
        let has_date = given(Some(p), "differedActionDate");
        match mode {
            Some("DIF") if !has_date => issues.push(
                "payment.differedActionDate",
                issue::REQUIRED,
                "is required when payment.mode is DIF: the capture date, e.g. '2024-12-20' (written dd/mm/yy)",
            ),
            Some(m) if m != "DIF" && MODES.contains(&m) && has_date => issues.push(
                "payment.differedActionDate",
                issue::CONFLICT,
                format!("must be omitted when payment.mode is {m}: only mode DIF takes a deferred date"),
            ),
            _ => {}
        }
        // contractNumber: required for doAuthorization (Object - payment: "conditional").
        if op == Operation::DoAuthorization && !given(Some(p), "contractNumber") {
            issues.push(
                "payment.contractNumber",
                issue::REQUIRED,
                "is required for doAuthorization: the contract (point of sale) number from the Payline administration centre",
            );
        }
    }
    if let Some(card) = params.get("card").filter(|c| c.is_object()) {
        // 02538 "fill either card.number or card.token".
        if !["number", "token", "encryptedData"]
            .iter()
            .any(|k| given(Some(card), k))
        {
            issues.push(
                "card.number",
                issue::REQUIRED,
                "is required unless card.token or card.encryptedData is given",
            );
        }
    }
    match op {
        Operation::DoReset => {
            let (amount, currency) = (
                given(Some(params), "amount"),
                given(Some(params), "currency"),
            );
            if amount && !currency {
                issues.push(
                    "currency",
                    issue::REQUIRED,
                    "is required when amount is given (partial reset)",
                );
            } else if currency && !amount {
                issues.push(
                    "amount",
                    issue::REQUIRED,
                    "is required when currency is given (partial reset); omit both to reset the whole amount",
                );
            }
        }
        Operation::GetTransactionDetails
            if !given(Some(params), "transactionId") && !given(Some(params), "orderRef") =>
        {
            issues.push(
                "transactionId",
                issue::REQUIRED,
                "is required (or orderRef, when the order reference is unique)",
            );
        }
        _ => {}
    }
}
