//! Preflight rules of doReAuthorization, checked before sending from what the caller knows of the
//! original transaction.
//!
//! Source: the seed page "Webservice - doReAuthorizationRequest" and
//! https://docs.payline.com/display/DT/Reauthorization (reference §6):
//! - the currency must be the original's, else Payline answers 02620 without storing anything;
//! - a re-authorization is possible up to 11 months after the original's creation;
//! - it must use the original's contract number;
//! - without an order reference, Payline takes the original's;
//! - within 24 h of the original it is a duplicate unless the order reference differs.
//!
//! 02619 (option not active on the contract) is only known by the server: see codes.rs.

use super::dates::{self, Instant};
use crate::codec::fields::{currency, report, NumericCode, TypeWords};
use crate::codec::json::Obj;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::{self, Table};
use serde_json::{Map, Value};

/// Why `order.ref` must be sent, and which: one of the re-authorization's own. Payline's rule would take
/// the original's, and this warning advised it (the 24 hours aside: DUPLICATE_WITHIN_24H); then
/// `getTransactionDetails({ orderRef })` cannot tell the two apart, and a re-authorization whose answer was
/// lost could not be found (README "After outcome: 'unknown'"; a helper's operator day, twenty-ninth pass).
const REF_HINT: &str =
    "order.ref is not given (request refuses it missing): give it one of its own";

/// Months after the original's creation during which a re-authorization is allowed.
pub const REAUTH_WINDOW_MONTHS: u32 = 11;
/// `payment.action` of an original that cannot be re-authorized: 421 refund, 422 credit (the payment
/// object's action table; reference payline.md §6 rule 2 lists what can be). [uncertain] A capture
/// (201) or a debit (204) is not listed as eligible either, but is not refused here until confirmed.
pub const NOT_REAUTHORIZABLE_ACTIONS: &[&str] = &["421", "422"];
/// Within this delay of the original (seconds: 24 h), the same order reference makes a duplicate.
pub const DUPLICATE_WINDOW_SECONDS: i64 = 24 * 3600;

/// Warning codes of [`Checked::warnings`].
pub mod warning {
    /// `order.ref` was not given: Payline's rule would take the original's, but the envelope (WSDL
    /// 4.77: `order.ref` has no `minOccurs="0"`) requires it, so the message says to send it.
    pub const ORDER_REF_FROM_ORIGINAL: &str = "ORDER_REF_FROM_ORIGINAL";
    /// Same order reference within 24 h of the original: Payline treats it as a duplicate.
    pub const DUPLICATE_WITHIN_24H: &str = "DUPLICATE_WITHIN_24H";
    /// `payment.contractNumber` was not given while the original's is known.
    pub const CONTRACT_NUMBER_MISSING: &str = "CONTRACT_NUMBER_MISSING";
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// The outcome of a passed check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub warnings: Vec<Warning>,
    /// The order reference the re-authorization will carry, when known.
    pub order_ref: Option<String>,
    /// True when `order_ref` was taken from the original transaction.
    pub order_ref_from_original: bool,
}

impl Checked {
    /// `{ warnings: [{ code, message }], orderRef?, orderRefFromOriginal }` as JS sees it (built by
    /// hand rather than derived: fewer serializer instantiations in the wasm, issue 6).
    pub fn to_json(&self) -> Value {
        let warnings = self
            .warnings
            .iter()
            .map(|w| {
                let mut m = Map::new();
                m.insert("code".into(), Value::String(w.code.to_string()));
                m.insert("message".into(), Value::String(w.message.clone()));
                Value::Object(m)
            })
            .collect();
        let mut m = Map::new();
        m.insert("warnings".into(), Value::Array(warnings));
        if let Some(r) = &self.order_ref {
            m.insert("orderRef".into(), Value::String(r.clone()));
        }
        m.insert(
            "orderRefFromOriginal".into(),
            Value::Bool(self.order_ref_from_original),
        );
        Value::Object(m)
    }
}

/// "Now", as an instant or as an ISO 8601 string.
#[derive(Clone, Copy, Debug)]
pub enum Now<'a> {
    At(Instant),
    Text(&'a str),
}

impl From<Instant> for Now<'_> {
    fn from(t: Instant) -> Self {
        Now::At(t)
    }
}

impl<'a> From<&'a str> for Now<'a> {
    fn from(s: &'a str) -> Self {
        Now::Text(s)
    }
}

fn date_issue(issues: &mut Issues, at: &str) {
    issues.push(
        at,
        issue::FORMAT,
        "must be a date-time: ISO 8601 ('2024-12-15T12:20:00Z'; without an offset it is Paris time) or Payline's 'dd/mm/yy HH:mm:ss'",
    );
}

fn read_currency(
    v: Option<&Value>,
    at: &str,
    issues: &mut Issues,
) -> Option<&'static money::Currency> {
    report(
        currency(v?, Table::Payline, NumericCode::Unsigned, TypeWords::Plain),
        || at.to_string(),
        issues,
    )
}

fn value_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, k| cur.get(k))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    value_at(v, path)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// A decoded getTransactionDetails answer (`{ result, transaction, payment, order, … }`) read as
/// the original: `transaction.date`, `payment.currency` (else `order.currency`),
/// `payment.contractNumber` (else `contractNumber`), `order.ref`, `transaction.id`, `result.code`,
/// `payment.action`.
fn details_as_original(v: &Value) -> Option<Value> {
    if v.get("transaction").is_none() && v.get("result").is_none() {
        return None;
    }
    let mut out = serde_json::Map::new();
    // Text, or a number written as text (an answer built by hand: `payment.action: 421`, which
    // passed the refund rule unseen in a review of the pass).
    let mut put = |key: &str, paths: &[&[&str]]| {
        let found = paths.iter().find_map(|p| match value_at(v, p)? {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(crate::codec::json_out::number_text(n)),
            _ => None,
        });
        if let Some(x) = found {
            out.insert(key.to_string(), Value::String(x));
        }
    };
    put("date", &[&["transaction", "date"]]);
    put(
        "currency",
        &[&["payment", "currency"], &["order", "currency"]],
    );
    put(
        "contractNumber",
        &[&["payment", "contractNumber"], &["contractNumber"]],
    );
    put("orderRef", &[&["order", "ref"]]);
    put("transactionId", &[&["transaction", "id"]]);
    put("resultCode", &[&["result", "code"]]);
    put("action", &[&["payment", "action"]]);
    Some(Value::Object(out))
}

fn refused(message: String, field: &str) -> Error {
    Error::new(ErrorCode::OperationNotAllowed, message)
        .with_gateway(Gateway::Payline)
        .with_field(field)
}

/// Checks a doReAuthorization before sending.
///
/// `original`: `{ date, currency, contractNumber?, orderRef?, transactionId? }` — the original
/// authorization's creation date (ISO 8601, or Payline's `dd/mm/yy HH:mm:ss`, read as Paris time
/// when it has no offset), its currency, contract number and order reference — or the decoded
/// getTransactionDetails answer for it.
/// `params`: the doReAuthorization params (only `transactionID`, `payment.currency`,
/// `payment.contractNumber` and `order.ref` are read; `request` validates the rest).
pub fn check_re_authorization<'a>(
    original: &Value,
    params: &Value,
    now: impl Into<Now<'a>>,
) -> Result<Checked> {
    let from_details = details_as_original(original);
    let original = from_details.as_ref().unwrap_or(original);
    let mut issues = Issues::new();
    let mut o = Obj::new(original, "original", &mut issues);
    let created = o.req_str("date", &mut issues).and_then(|s| {
        let t = dates::input_instant(s);
        if t.is_none() {
            date_issue(&mut issues, "original.date");
        }
        t
    });
    if !o.has("currency") {
        issues.push(
            "original.currency",
            issue::REQUIRED,
            "is required: the original authorization's currency",
        );
    }
    let original_currency = read_currency(o.raw("currency"), "original.currency", &mut issues);
    let original_contract = o
        .str("contractNumber", &mut issues)
        .filter(|s| !s.is_empty());
    let original_ref = o.str("orderRef", &mut issues).filter(|s| !s.is_empty());
    let original_id = o
        .str("transactionId", &mut issues)
        .filter(|s| !s.is_empty());
    let original_result = o.str("resultCode", &mut issues);
    // A number too, as the params' own `payment.action` is written.
    let action_number: String;
    let original_action = match o.raw("action") {
        Some(Value::Number(n)) => {
            action_number = crate::codec::json_out::number_text(n);
            Some(action_number.as_str())
        }
        _ => o.str("action", &mut issues),
    };
    o.finish(&mut issues);

    if !params.is_object() {
        issues.push(
            "params",
            issue::TYPE,
            "must be the doReAuthorization params object",
        );
    }
    let currency_value = params
        .get("payment")
        .and_then(|p| p.get("currency"))
        .filter(|v| !v.is_null());
    if currency_value.is_none() {
        issues.push(
            "payment.currency",
            issue::REQUIRED,
            "is required: the re-authorization's currency",
        );
    }
    let currency = read_currency(currency_value, "payment.currency", &mut issues);
    let contract = str_at(params, &["payment", "contractNumber"]);
    let order_ref = str_at(params, &["order", "ref"]);
    if let (Some(a), Some(b)) = (original_id, str_at(params, &["transactionID"])) {
        if a != b {
            issues.push(
                "transactionID",
                issue::CONFLICT,
                "differs from original.transactionId: re-authorize the transaction you described",
            );
        }
    }
    let now = match now.into() {
        Now::At(t) => Some(t),
        Now::Text(s) => {
            let t = dates::input_instant(s);
            if t.is_none() {
                date_issue(&mut issues, "now");
            }
            t
        }
    };
    issues.finish(Some(Gateway::Payline))?;
    let (Some(created), Some(orig_cur), Some(cur), Some(now)) =
        (created, original_currency, currency, now)
    else {
        return Err(
            Error::new(ErrorCode::Validation, "incomplete input").with_gateway(Gateway::Payline)
        );
    };

    if orig_cur.numeric != cur.numeric {
        return Err(refused(
            format!(
                "a re-authorization must use the original authorization's currency ({}), not {}: Payline would answer 02620 without storing anything",
                orig_cur.code(), cur.code()
            ),
            "payment.currency",
        )
        .with_gateway_code("02620")
        .with_gateway_message("Currency must be the same as the original authorization"));
    }
    if let (Some(a), Some(b)) = (original_contract, contract) {
        if a != b {
            return Err(refused(
                format!(
                    "a re-authorization must use the original authorization's contract number ('{}'), not '{}'",
                    crate::money::printable(a),
                    crate::money::printable(b)
                ),
                "payment.contractNumber",
            ));
        }
    }
    // payline.md §6 rule 2: an authorization (accepted, validated or not, cancelled or not) or a
    // re-authorization can be re-authorized; a refund, a credit or a refused authorization cannot.
    let at = |plain: &'static str, nested: &'static str| {
        if from_details.is_some() {
            nested
        } else {
            plain
        }
    };
    let ineligible = original_action
        .filter(|a| NOT_REAUTHORIZABLE_ACTIONS.contains(a))
        .map(|a| {
            (
                a,
                "a refund or a credit",
                at("original.action", "original.payment.action"),
            )
        })
        .or_else(|| {
            original_result
                .filter(|c| super::codes::describe(c).is_ok_and(|r| r.status == "REFUSED"))
                .map(|c| {
                    (
                        c,
                        "refused",
                        at("original.resultCode", "original.result.code"),
                    )
                })
        });
    if let Some((value, what, field)) = ineligible {
        return Err(refused(
            format!("the original ({value}) is {what}: Payline re-authorizes only an authorization that was accepted; take a new authorization instead"),
            field,
        ));
    }
    // Counted on the Paris calendar (Payline's dates are Paris time), whatever offset the date
    // was written in: one instant has one limit (31/12 00:30 Paris and 30/12 23:30 UTC agree).
    let limit = dates::add_months(
        created.to_offset(dates::paris_offset(created)),
        REAUTH_WINDOW_MONTHS,
    )
    .map(|t| dates::paris_to_instant(t.local))
    .ok_or_else(|| {
        Error::argument(
            "original.date",
            crate::error::issue::RANGE,
            "is out of range: a date before the year 9999",
        )
    })?;
    if now > limit {
        let created_paris = dates::iso_local(dates::to_paris(created)).unwrap_or_default();
        return Err(refused(
            format!(
                "the original authorization was created on {created_paris} (Paris time), more than {REAUTH_WINDOW_MONTHS} months ago: Payline re-authorizes only within {REAUTH_WINDOW_MONTHS} months of creation; take a new authorization instead"
            ),
            "original.date",
        ));
    }

    let mut warnings = Vec::new();
    if contract.is_none() {
        if let Some(a) = original_contract {
            warnings.push(Warning {
                code: warning::CONTRACT_NUMBER_MISSING,
                message: format!(
                    "payment.contractNumber is not given: send the original's ('{}'), a re-authorization must use the same contract",
                    crate::money::printable(a)
                ),
            });
        }
    }
    let (effective_ref, from_original) = match (order_ref, original_ref) {
        (Some(r), _) => (Some(r.to_string()), false),
        (None, Some(r)) => {
            warnings.push(Warning {
                code: warning::ORDER_REF_FROM_ORIGINAL,
                message: format!(
                    "{REF_HINT}, not the original's '{}'",
                    crate::money::printable(r)
                ),
            });
            (Some(r.to_string()), true)
        }
        (None, None) => {
            warnings.push(Warning {
                code: warning::ORDER_REF_FROM_ORIGINAL,
                message: REF_HINT.to_string(),
            });
            (None, true)
        }
    };
    let same_ref = from_original || (order_ref.is_some() && order_ref == original_ref);
    if same_ref && now < created.plus_seconds(DUPLICATE_WINDOW_SECONDS) {
        warnings.push(Warning {
            code: warning::DUPLICATE_WITHIN_24H,
            message: "the order reference is the original's and the original is less than 24 hours old: Payline will treat this re-authorization as a duplicate; use a new order reference or wait".to_string(),
        });
    }
    Ok(Checked {
        warnings,
        order_ref: effective_ref,
        order_ref_from_original: from_original,
    })
}
