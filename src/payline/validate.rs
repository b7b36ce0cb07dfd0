//! Caller input → validated element tree, in WSDL order, with every issue at once.
//!
//! The walk follows the schema tables of model.rs, not the caller's key order, so the tree (and
//! the XML written from it) is always in `xsd:sequence` order. An element the caller leaves out is
//! written as its table says ([`Absent`]): `xsi:nil` where the WSDL requires a nillable element,
//! nothing where it has `minOccurs="0"` (never an empty element, never an empty numeric field).
//! Field paths are built only when an issue is reported.

use super::dates;
use super::model::{
    Absent, Field, Kind, Operation, CONTRACT_REQUIRED, DEFAULT_VERSION, MODES, RECURRING_MODES,
};
use crate::codec::fields::{
    amount_n12, currency, report, uint, AmountWords, NumericCode, TypeWords,
};
use crate::codec::json::{index, join};
use crate::codec::json_ref::{ObjRef, Val};
use crate::codec::xml::{check_text, is_xml_text};
use crate::error::{issue, Gateway, Issues, Result};
use crate::money::{printable, Table};

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
    /// `xsi:nil="true"`: a required nillable element the caller did not give.
    Nil,
}

impl Node {
    /// The text of this element, when it holds text.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Text(t) => Some(t),
            NodeValue::Children(_) | NodeValue::Nil => None,
        }
    }

    /// The child elements, when this element is an object or a list.
    pub fn children(&self) -> &[Node] {
        match &self.value {
            NodeValue::Children(c) => c,
            NodeValue::Text(_) | NodeValue::Nil => &[],
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
pub fn validate(op: Operation, params: &Val<'_>) -> Result<Validated> {
    let mut issues = Issues::new();
    let mut root = ObjRef::new(params, "", &mut issues);
    let body = read_fields(op, &mut root, op.fields(), &mut issues);
    root.finish(&mut issues);
    operation_rules(op, params, &mut issues);
    issues.finish(Some(Gateway::Payline))?;
    Ok(Validated {
        operation: op,
        body,
    })
}

fn read_fields(
    op: Operation,
    obj: &mut ObjRef<'_, '_>,
    fields: &'static [Field],
    issues: &mut Issues,
) -> Vec<Node> {
    let mut nodes = Vec::with_capacity(fields.len());
    for f in fields {
        if let Some(node) = read_field(op, obj, f, issues) {
            nodes.push(node);
        }
    }
    nodes
}

/// The element written when the caller gives no value for `f` (or `None`: nothing written).
fn absent_node(
    op: Operation,
    obj: &ObjRef<'_, '_>,
    f: &'static Field,
    issues: &mut Issues,
) -> Option<Node> {
    if let Kind::Version = f.kind {
        return Some(Node {
            name: f.name,
            value: NodeValue::Text(DEFAULT_VERSION.to_string()),
        });
    }
    match f.absent {
        Absent::Refuse => {
            issues.push(obj.at(f.name), issue::REQUIRED, required_message(f));
            None
        }
        Absent::Nil => Some(Node {
            name: f.name,
            value: NodeValue::Nil,
        }),
        Absent::Omit => None,
        Absent::Empty => {
            let children = match f.kind {
                Kind::Object(fields) => {
                    let empty = Val::Obj(Vec::new());
                    let mut inner = ObjRef::nested(&empty, obj.at(f.name), issues);
                    read_fields(op, &mut inner, fields, issues)
                }
                _ => Vec::new(),
            };
            Some(Node {
                name: f.name,
                value: NodeValue::Children(children),
            })
        }
    }
}

fn read_field(
    op: Operation,
    obj: &mut ObjRef<'_, '_>,
    f: &'static Field,
    issues: &mut Issues,
) -> Option<Node> {
    // Not modelled: never read, so a caller value stays unknown (UNKNOWN_FIELD at finish).
    if let Kind::Unmodelled = f.kind {
        return absent_node(op, obj, f, issues);
    }
    let Some(raw) = obj.raw(f.name) else {
        return absent_node(op, obj, f, issues);
    };
    let at = At {
        parent: obj.path(),
        name: f.name,
    };
    match read_value(op, raw, &at, f, issues) {
        Some(Read::Value(value)) => Some(Node {
            name: f.name,
            value,
        }),
        // An empty list or an empty optional string: as if absent.
        Some(Read::Absent) => absent_node(op, obj, f, issues),
        None => None,
    }
}

/// Where a field is, turned into a path only when an issue is reported.
struct At<'p> {
    parent: &'p str,
    name: &'p str,
}

impl At<'_> {
    fn path(&self) -> String {
        join(self.parent, self.name)
    }
}

/// What a caller value became.
enum Read {
    Value(NodeValue),
    /// Given, but empty where emptiness means "none" (an empty list, an empty optional string).
    Absent,
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

/// A string value, or a `TYPE` issue. An empty string is `Err(())` after a `REQUIRED` issue when
/// the field is required, `Ok(None)` (as if absent) otherwise.
fn string<'a>(
    v: &'a Val<'_>,
    at: &At<'_>,
    f: &Field,
    issues: &mut Issues,
) -> std::result::Result<Option<&'a str>, ()> {
    match v {
        Val::Str(s) if s.is_empty() => {
            if f.required() {
                issues.push(
                    at.path(),
                    issue::REQUIRED,
                    "is required and must not be empty",
                );
                return Err(());
            }
            Ok(None)
        }
        Val::Str(s) => Ok(Some(s)),
        other => {
            issues.push(
                at.path(),
                issue::TYPE,
                format!("must be a string, got {}", other.type_name()),
            );
            Err(())
        }
    }
}

fn text(s: &str) -> Option<Read> {
    Some(Read::Value(NodeValue::Text(s.to_string())))
}

fn owned(s: String) -> Option<Read> {
    Some(Read::Value(NodeValue::Text(s)))
}

/// `check_text` with the path built only on failure.
fn xml_text(at: &At<'_>, s: &str, issues: &mut Issues) -> bool {
    if is_xml_text(s) {
        return true;
    }
    check_text(&at.path(), s, issues)
}

/// Reads a string field's value: `Some(Ok(s))`, or the early result (absent, or an issue).
macro_rules! str_or_return {
    ($v:expr, $at:expr, $f:expr, $issues:expr) => {
        match string($v, $at, $f, $issues) {
            Ok(Some(s)) => s,
            Ok(None) => return Some(Read::Absent),
            Err(()) => return None,
        }
    };
}

fn read_value(
    op: Operation,
    v: &Val<'_>,
    at: &At<'_>,
    f: &'static Field,
    issues: &mut Issues,
) -> Option<Read> {
    match f.kind {
        Kind::Text(max) => {
            let s = str_or_return!(v, at, f, issues);
            let mut ok = xml_text(at, s, issues);
            // Byte length bounds the character count: count only when it could be over.
            if s.len() > max {
                let len = s.chars().count();
                if len > max {
                    issues.push(
                        at.path(),
                        issue::TOO_LONG,
                        format!("is {len} characters long; Payline accepts at most {max}"),
                    );
                    ok = false;
                }
            }
            ok.then(|| text(s)).flatten()
        }
        Kind::FreeText | Kind::SecretText => {
            let s = str_or_return!(v, at, f, issues);
            xml_text(at, s, issues).then(|| text(s)).flatten()
        }
        Kind::SecretDigits(min, max) => {
            let s = str_or_return!(v, at, f, issues);
            // The value is a secret: the message never repeats it.
            if !(min..=max).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
                issues.push(
                    at.path(),
                    issue::FORMAT,
                    format!("must be a string of {min} to {max} digits, without spaces"),
                );
                return None;
            }
            text(s)
        }
        Kind::Digits(n) => digits(v, at, n, issues),
        Kind::Action => {
            let out = digits(v, at, 3, issues)?;
            let allowed = op.actions();
            if let Read::Value(NodeValue::Text(code)) = &out {
                if !allowed.contains(&code.as_str()) {
                    issues.push(
                        at.path(),
                        issue::ENUM,
                        format!(
                            "{code} is not an action code of {}: use {}",
                            op.name(),
                            crate::codec::text::join(allowed.iter().copied(), " or ")
                        ),
                    );
                    return None;
                }
            }
            Some(out)
        }
        Kind::Version => {
            let out = digits(v, at, 2, issues)?;
            if let Read::Value(NodeValue::Text(t)) = &out {
                if crate::codec::text::parse_u64(t)
                    .and_then(|n| u8::try_from(n).ok())
                    .is_none_or(|x| x == 0)
                {
                    issues.push(
                        at.path(),
                        issue::RANGE,
                        format!("must be a web-service version from 1 to 99 (current: {DEFAULT_VERSION})"),
                    );
                    return None;
                }
            }
            Some(out)
        }
        Kind::Amount => {
            let n = report(
                amount_n12(&v.scalar_value(), AmountWords::Payline),
                || at.path(),
                issues,
            )?;
            owned(n.to_string())
        }
        Kind::Currency => {
            let c = report(
                currency(
                    &v.scalar_value(),
                    Table::Payline,
                    NumericCode::Unsigned,
                    TypeWords::WithType,
                ),
                || at.path(),
                issues,
            )?;
            owned(c.numeric_str())
        }
        Kind::Enum(allowed) => {
            let s = str_or_return!(v, at, f, issues);
            match allowed.iter().find(|a| **a == s) {
                Some(a) => text(a),
                None => {
                    issues.push(
                        at.path(),
                        issue::ENUM,
                        crate::codec::json::not_accepted(s, allowed, false),
                    );
                    None
                }
            }
        }
        Kind::DateTime => {
            let s = str_or_return!(v, at, f, issues);
            match dates::input_datetime(s).and_then(dates::format_datetime) {
                Some(out) => owned(out),
                None => {
                    issues.push(
                        at.path(),
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
            let s = str_or_return!(v, at, f, issues);
            let formatted = dates::input_date(s).and_then(|d| match f.kind {
                Kind::ShortDate => dates::format_short_date(d),
                _ => dates::format_date(d),
            });
            match formatted {
                Some(out) => owned(out),
                None => {
                    let layout = if let Kind::ShortDate = f.kind {
                        "dd/mm/yy"
                    } else {
                        "dd/mm/yyyy"
                    };
                    issues.push(
                        at.path(),
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
            let s = str_or_return!(v, at, f, issues);
            let ok = s.len() == 4
                && s.bytes().all(|b| b.is_ascii_digit())
                && s.get(..2)
                    .and_then(|m| {
                        crate::codec::text::parse_u64(m).and_then(|n| u8::try_from(n).ok())
                    })
                    .is_some_and(|m| (1..=12).contains(&m));
            if !ok {
                issues.push(
                    at.path(),
                    issue::FORMAT,
                    "must be the card expiry as MMYY, e.g. '1227' for December 2027",
                );
                return None;
            }
            text(s)
        }
        Kind::Bool => match v {
            Val::Bool(b) => text(if *b { "true" } else { "false" }),
            other => {
                issues.push(
                    at.path(),
                    issue::TYPE,
                    format!("must be true or false, got {}", other.type_name()),
                );
                None
            }
        },
        Kind::Object(fields) => {
            if !matches!(v, Val::Obj(_)) {
                issues.push(
                    at.path(),
                    issue::TYPE,
                    format!("must be an object, got {}", v.type_name()),
                );
                return None;
            }
            let mut obj = ObjRef::nested(v, at.path(), issues);
            let children = read_fields(op, &mut obj, fields, issues);
            obj.finish(issues);
            Some(Read::Value(NodeValue::Children(children)))
        }
        Kind::List { item, fields, max } => {
            let Val::Arr(entries) = v else {
                issues.push(
                    at.path(),
                    issue::TYPE,
                    format!(
                        "must be an array of objects (remise writes the <{item}> elements), got {}",
                        v.type_name()
                    ),
                );
                return None;
            };
            if entries.len() > max {
                issues.push(
                    at.path(),
                    issue::TOO_LONG,
                    format!(
                        "has {} entries; Payline accepts at most {max}",
                        entries.len()
                    ),
                );
            }
            if entries.is_empty() {
                return Some(Read::Absent);
            }
            let path = at.path();
            let mut items = Vec::with_capacity(entries.len().min(max));
            for (i, entry) in entries.iter().enumerate() {
                let item_path = index(&path, i);
                if !matches!(entry, Val::Obj(_)) {
                    issues.push(
                        item_path,
                        issue::TYPE,
                        format!("must be an object, got {}", entry.type_name()),
                    );
                    continue;
                }
                let mut obj = ObjRef::nested(entry, item_path, issues);
                let children = read_fields(op, &mut obj, fields, issues);
                obj.finish(issues);
                items.push(Node {
                    name: item,
                    value: NodeValue::Children(children),
                });
            }
            Some(Read::Value(NodeValue::Children(items)))
        }
        // Never read (see read_field).
        Kind::Unmodelled => Some(Read::Absent),
    }
}

/// `N<n>`: a whole number below 10^n, or a string of 1 to n digits (kept as written).
fn digits(v: &Val<'_>, at: &At<'_>, n: usize, issues: &mut Issues) -> Option<Read> {
    let bad = |issues: &mut Issues, what: &str| {
        issues.push(
            at.path(),
            issue::FORMAT,
            format!("must be a number of at most {n} digits (a whole number or a string of digits), got {what}"),
        );
        None
    };
    match v {
        Val::U(_) | Val::I(_) | Val::F(_) => {
            let x = match v {
                Val::U(x) if *x <= crate::money::MAX_SAFE_INTEGER => *x,
                _ => report(uint(&v.scalar_value()), || at.path(), issues)?,
            };
            let s = x.to_string();
            if s.len() > n {
                return bad(issues, &s);
            }
            owned(s)
        }
        Val::Str(s) if s.is_empty() => bad(issues, "an empty string (omit the field instead)"),
        Val::Str(s) => {
            if s.len() > n || !s.bytes().all(|b| b.is_ascii_digit()) {
                return bad(issues, &format!("'{}'", printable(s)));
            }
            text(s)
        }
        other => bad(issues, other.type_name()),
    }
}

/// Whether `v.key` is given (present, not null, not an empty string).
fn given(v: Option<&Val<'_>>, key: &str) -> bool {
    match v.and_then(|o| o.get(key)) {
        None | Some(Val::Null) => false,
        Some(Val::Str(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Rules that tie several fields together (reference §4 and §3).
fn operation_rules(op: Operation, params: &Val<'_>, issues: &mut Issues) {
    let payment = params.get("payment").filter(|p| matches!(p, Val::Obj(_)));
    if let Some(p) = payment {
        // differedActionDate: required iff mode is DIF, else must be empty (Object - payment).
        let mode = match p.get("mode") {
            Some(Val::Str(m)) => Some(m.as_ref()),
            _ => None,
        };
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
        // contractNumber: required where Payline needs the point of sale (model::CONTRACT_REQUIRED).
        if CONTRACT_REQUIRED.contains(&op) && !given(Some(p), "contractNumber") {
            let what = if op == Operation::DoReAuthorization {
                "the contract number of the initial authorization (a re-authorization must resume it)"
            } else {
                "the contract (point of sale) number from the Payline administration centre"
            };
            issues.push(
                "payment.contractNumber",
                issue::REQUIRED,
                format!("is required for {}: {what}", op.name()),
            );
        }
        // recurring: required exactly for modes NX and REC in doAuthorization (model::RECURRING_MODES).
        if op == Operation::DoAuthorization {
            let has_recurring = given(Some(params), "recurring");
            match mode {
                Some(m) if RECURRING_MODES.contains(&m) && !has_recurring => issues.push(
                    "recurring",
                    issue::REQUIRED,
                    format!("is required when payment.mode is {m}: give {{ amount, billingCycle, billingLeft, … }} (the instalment schedule)"),
                ),
                Some(m) if MODES.contains(&m) && !RECURRING_MODES.contains(&m) && has_recurring => {
                    issues.push(
                        "recurring",
                        issue::CONFLICT,
                        format!("must be omitted when payment.mode is {m}: only modes NX and REC take a schedule"),
                    )
                }
                _ => {}
            }
        }
    }
    if let Some(card) = params.get("card").filter(|c| matches!(c, Val::Obj(_))) {
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
