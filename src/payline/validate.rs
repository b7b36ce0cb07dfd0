//! Caller input → the request's XML, in WSDL order, with every issue at once.
//!
//! The walk follows the schema tables of model.rs, not the caller's key order, so the XML is
//! always in `xsd:sequence` order. It is written as the walk goes (`encode`'s writers), with no tree
//! in between: a text given as is is escaped straight from the caller's parameters. An element the
//! caller leaves out is written as its table says ([`Absent`]): `xsi:nil` where the WSDL requires a
//! nillable element, nothing where it has `minOccurs="0"` (never an empty element, never an empty
//! numeric field). Field paths are built only when an issue is reported; on any issue the text is
//! dropped and the error lists them all.

use super::dates;
use super::encode::{self, Ns, IMPL, OBJ};
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
use std::borrow::Cow;

/// A request that passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    pub operation: Operation,
    /// The whole SOAP envelope, its `{operation}Request` children in WSDL order.
    pub envelope: String,
}

/// Validates `params` for `op` and writes its envelope; on failure one `VALIDATION` error carries
/// every issue (and nothing written is kept).
pub fn validate(op: Operation, params: &Val<'_>) -> Result<Validated> {
    let mut issues = Issues::new();
    let mut out = encode::envelope_head(op);
    let mut root = ObjRef::new(params, "", &mut issues);
    read_fields(op, &mut root, op.fields(), &mut issues, &mut out, IMPL);
    root.finish(&mut issues);
    operation_rules(op, params, &mut issues);
    issues.finish(Some(Gateway::Payline))?;
    encode::envelope_tail(&mut out, op);
    Ok(Validated {
        operation: op,
        envelope: out,
    })
}

/// Reads and writes the elements of `fields`, in order, in the namespace `ns`.
fn read_fields(
    op: Operation,
    obj: &mut ObjRef<'_, '_>,
    fields: &'static [Field],
    issues: &mut Issues,
    out: &mut String,
    ns: Ns,
) {
    for f in fields {
        read_field(op, obj, f, issues, out, ns);
    }
}

/// Writes the element for a field the caller gave no value (writes nothing when its table says
/// so, or reports it when it is required).
fn absent_node(
    op: Operation,
    obj: &ObjRef<'_, '_>,
    f: &'static Field,
    issues: &mut Issues,
    out: &mut String,
    ns: Ns,
) {
    if let Kind::Version = f.kind {
        encode::text_element(out, ns, f.name, &DEFAULT_VERSION.to_string());
        return;
    }
    match f.absent {
        Absent::Refuse => issues.push(obj.at(f.name), issue::REQUIRED, required_message(f)),
        Absent::Nil => encode::nil_element(out, ns, f.name),
        Absent::Omit => {}
        Absent::Empty => {
            encode::open(out, ns, f.name);
            if let Kind::Object(fields) = f.kind {
                static EMPTY: Val<'static> = Val::Obj(Vec::new());
                let mut inner = ObjRef::nested(&EMPTY, obj.at(f.name), issues);
                read_fields(op, &mut inner, fields, issues, out, OBJ);
            }
            encode::close(out, ns, f.name);
        }
    }
}

fn read_field(
    op: Operation,
    obj: &mut ObjRef<'_, '_>,
    f: &'static Field,
    issues: &mut Issues,
    out: &mut String,
    ns: Ns,
) {
    // Not modelled: never read, so a caller value stays unknown (UNKNOWN_FIELD at finish).
    if let Kind::Unmodelled = f.kind {
        return absent_node(op, obj, f, issues, out, ns);
    }
    let Some(raw) = obj.raw(f.name) else {
        return absent_node(op, obj, f, issues, out, ns);
    };
    let at = At {
        parent: obj.path(),
        name: f.name,
    };
    match read_value(op, raw, &at, f, issues, out, ns) {
        Some(Read::Text(t)) => encode::text_element(out, ns, f.name, &t),
        Some(Read::Written) => {}
        // An empty list or an empty optional string: as if absent.
        Some(Read::Absent) => absent_node(op, obj, f, issues, out, ns),
        None => {}
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
enum Read<'v> {
    /// The element's text: the caller's as given (borrowed), or converted (owned).
    Text(Cow<'v, str>),
    /// The element was written (an object or a list).
    Written,
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

fn text(s: &str) -> Option<Read<'_>> {
    Some(Read::Text(Cow::Borrowed(s)))
}

fn owned<'v>(s: String) -> Option<Read<'v>> {
    Some(Read::Text(Cow::Owned(s)))
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

/// Reads one given value; an object or a list is written (its element, then its children), a
/// text is returned for the caller to write.
fn read_value<'v>(
    op: Operation,
    v: &'v Val<'_>,
    at: &At<'_>,
    f: &'static Field,
    issues: &mut Issues,
    out: &mut String,
    ns: Ns,
) -> Option<Read<'v>> {
    match f.kind {
        Kind::Text(max) => {
            let s = str_or_return!(v, at, f, issues);
            let mut ok = xml_text(at, s, issues);
            // Byte length bounds the character count: count only when it could be over.
            if s.len() > max {
                let len = crate::codec::text::chars(s);
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
            let read = digits(v, at, 3, issues)?;
            let allowed = op.actions();
            if let Read::Text(code) = &read {
                if !allowed.contains(&code.as_ref()) {
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
            Some(read)
        }
        Kind::Version => {
            let read = digits(v, at, 2, issues)?;
            if let Read::Text(t) = &read {
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
            Some(read)
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
            // Another type names the values too (`codec::json::not_a_string`, thirtieth pass).
            if !matches!(v, Val::Str(_)) {
                let message = crate::codec::json::not_a_string(v.type_name(), allowed);
                issues.push(at.path(), issue::TYPE, message);
                return None;
            }
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
        Kind::DateTime | Kind::DateOrDateTime => {
            let s = str_or_return!(v, at, f, issues);
            let date_alone = matches!(f.kind, Kind::DateOrDateTime);
            let read = dates::input_datetime(s);
            let out = match read {
                Some(dt) => dates::format_datetime(dt),
                None if date_alone => dates::input_date(s).and_then(dates::format_date),
                None => None,
            };
            match out {
                Some(out) => owned(out),
                // A date-time whose Paris time falls outside four-digit years (9999-12-31T23:30Z is
                // 01/01/10000): it read "is not a date-time" (a helper's attack, thirtieth pass).
                None if read.is_some() => {
                    issues.push(
                        at.path(),
                        issue::FORMAT,
                        format!(
                            "'{}' falls outside the years 1 to 9999 in Paris time, which Payline's dates hold",
                            printable(s)
                        ),
                    );
                    None
                }
                None => {
                    issues.push(
                        at.path(),
                        issue::FORMAT,
                        format!(
                            "'{}' is not a date-time: give ISO 8601 like '2024-12-15T12:20:00+01:00' (an offset is converted to Paris time, none is taken as written) or 'dd/mm/yyyy HH:mm'{}",
                            printable(s),
                            if date_alone { ", or a date alone ('2024-12-15', 'dd/mm/yyyy')" } else { "" }
                        ),
                    );
                    None
                }
            }
        }
        Kind::ShortDate | Kind::Date => {
            let s = str_or_return!(v, at, f, issues);
            // A two-digit year names 2000–2099 (Payline reads `yy` so, as the decoder does): another
            // year would be sent as one that is a century off.
            let formatted = dates::input_date(s).and_then(|d| match f.kind {
                Kind::ShortDate if (2000..=2099).contains(&d.year) => dates::format_short_date(d),
                Kind::ShortDate => None,
                _ => dates::format_date(d),
            });
            match formatted {
                Some(out) => owned(out),
                None => {
                    let layout = if let Kind::ShortDate = f.kind {
                        "'dd/mm/yy', in 2000-2099"
                    } else {
                        "'dd/mm/yyyy'"
                    };
                    issues.push(
                        at.path(),
                        issue::FORMAT,
                        format!(
                            "'{}' is not a date: give ISO 8601 like '2024-12-20' or {layout}",
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
            encode::open(out, ns, f.name);
            let mut obj = ObjRef::nested(v, at.path(), issues);
            read_fields(op, &mut obj, fields, issues, out, OBJ);
            obj.finish(issues);
            encode::close(out, ns, f.name);
            Some(Read::Written)
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
            encode::open(out, ns, f.name);
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
                encode::open(out, OBJ, item);
                let mut obj = ObjRef::nested(entry, item_path, issues);
                read_fields(op, &mut obj, fields, issues, out, OBJ);
                obj.finish(issues);
                encode::close(out, OBJ, item);
            }
            encode::close(out, ns, f.name);
            Some(Read::Written)
        }
        // Never read (see read_field).
        Kind::Unmodelled => Some(Read::Absent),
    }
}

/// `N<n>`: a whole number below 10^n, or a string of 1 to n digits (kept as written).
fn digits<'v>(v: &'v Val<'_>, at: &At<'_>, n: usize, issues: &mut Issues) -> Option<Read<'v>> {
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
