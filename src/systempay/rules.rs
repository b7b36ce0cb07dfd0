//! What Transaction/CancelOrRefund will do to a transaction, decided before sending.
//!
//! Sources: the seed document (Transaction/CancelOrRefund playground page) and reference
//! systempay.md §2.1 and §4 (https://lyra.com/en/doc/rest/V4.0/api/kb/cancel_refund.html,
//! https://docs.lyra.com/en/rest/V4.0/api/kb/status_reference.html):
//! - AUTHORISED, AUTHORISED_TO_VALIDATE, WAITING_AUTHORISATION, WAITING_AUTHORISATION_TO_VALIDATE
//!   → a full cancellation (never partial: a lower amount goes through Transaction/Update);
//! - CAPTURED → a refund, full or partial, repeatable until fully refunded; what was already
//!   refunded is `transactionDetails.cardDetails.captureResponse.refundAmount` (Lyra's plugin).
//! - anything else is refused with the code the platform would answer ([`REFUSALS`]).

use super::model::{Plan, Service};
use super::validate::validate;
use crate::codec::json::Obj;
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::printable;
use serde_json::Value;

/// Statuses in which CancelOrRefund cancels (reference §4, "Allowed operations").
pub const CANCELLABLE: [&str; 4] = [
    "AUTHORISED",
    "AUTHORISED_TO_VALIDATE",
    "WAITING_AUTHORISATION",
    "WAITING_AUTHORISATION_TO_VALIDATE",
];
/// Statuses in which CancelOrRefund refunds.
pub const REFUNDABLE: [&str; 1] = ["CAPTURED"];

/// Why the planner refuses, and the code the platform would answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    AlreadyCancelled,
    CancellationOnlyOnCaptured,
    RefundOnlyBeforeCapture,
    FullyRefunded,
    AboveRefundable,
    CurrencyMismatch,
    PartialCancel,
    WrongStatus,
    Chargeback,
}

/// The code the platform answers for each refusal. Correct a row here.
/// - PSP_105, PSP_104: named on the CancelOrRefund page (seed; PSP_104's meaning UNCERTAIN).
/// - PSP_075, PSP_076, PSP_011: errors_psp.html (reference §4).
/// - PSP_020 for an amount the transaction cannot take, and for a partial cancel: UNCERTAIN
///   (errors_psp.html "invalid amount"; no page names the code for these cases).
/// - INT_010 for a currency other than the transaction's: UNCERTAIN (the platform's "invalid
///   currency" code, reference §5; no page names the code for this case).
/// - PSP_083 for a refund of a chargeback: Lyra's WooCommerce plugin (reference §5).
pub const REFUSALS: [(Refusal, &str); 9] = [
    (Refusal::AlreadyCancelled, "PSP_105"),
    (Refusal::CancellationOnlyOnCaptured, "PSP_075"),
    (Refusal::RefundOnlyBeforeCapture, "PSP_076"),
    (Refusal::FullyRefunded, "PSP_104"),
    (Refusal::AboveRefundable, "PSP_020"),
    (Refusal::CurrencyMismatch, "INT_010"),
    (Refusal::PartialCancel, "PSP_020"),
    (Refusal::WrongStatus, "PSP_011"),
    (Refusal::Chargeback, "PSP_083"),
];

/// The platform's code for a refusal.
pub fn refusal_code(r: Refusal) -> &'static str {
    REFUSALS
        .iter()
        .find(|(k, _)| *k == r)
        .map_or("PSP_011", |(_, c)| c)
}

struct Tx<'a> {
    uuid: Option<&'a str>,
    operation_type: Option<&'a str>,
    /// `status` (the simplified one) is UNPAID.
    unpaid: bool,
    status: &'a str,
    amount: u64,
    currency: &'a str,
    refunded: u64,
}

/// Reads the fields of a `V4/Transaction` the planner needs. Other fields are ignored (it is an
/// answer, not an input: unknown fields are normal).
fn read_transaction<'a>(tx: &'a Value, issues: &mut Issues) -> Option<Tx<'a>> {
    let mut o = Obj::new(tx, "transaction", issues);
    let uuid = o.str("uuid", issues);
    let status = o.req_str("detailedStatus", issues);
    let amount = o.req_uint("amount", issues);
    // Compared as the request's (alpha-3), whichever form the transaction gives ('978' was refused
    // as another currency than EUR: a helper's attack on money, eighteenth pass).
    // (A number too, `978`, as the request takes it: the shared reader, a review of the pass.)
    let currency = match o.raw("currency").filter(|v| !v.is_null()) {
        None => o.req_str("currency", issues),
        Some(v) => crate::codec::fields::report(
            crate::codec::fields::currency(
                v,
                crate::money::Table::Systempay,
                crate::codec::fields::NumericCode::Unsigned,
                crate::codec::fields::TypeWords::WithType,
            ),
            || "transaction.currency".to_string(),
            issues,
        )
        .map(|c| c.code()),
    };
    // What was refunded, in the transaction's currency: `captureResponse.refundAmount`, whatever the
    // order's currency. Lyra's WooCommerce plugin (Refund/Api.php, `refundFromOneTransaction`) pairs
    // `effectiveRefundAmount` with `transactionDetails.effectiveAmount` (the converted currency) and,
    // when it falls back to the transaction's currency, refunds `amount - refundAmount` there. (The
    // sixteenth pass subtracted `effectiveRefundAmount` from `amount`, two currencies in one figure:
    // a helper's audit against the plugin, seventeenth pass.) A chain of `get` rather than
    // `Value::pointer`, whose path parser costs ~2.7 KB of wasm.
    let refunded = [
        "transactionDetails",
        "cardDetails",
        "captureResponse",
        "refundAmount",
    ]
    .iter()
    .try_fold(tx, |v, k| v.get(k))
    .filter(|v| !v.is_null());
    let refunded = match refunded {
        None => Some(0),
        Some(v) => crate::codec::json::read_uint(
            v,
            "transaction.transactionDetails.cardDetails.captureResponse.refundAmount",
            issues,
        ),
    };
    Some(Tx {
        uuid,
        // Read as is, without an issue: only `CREDIT` changes the plan.
        operation_type: tx.get("operationType").and_then(Value::as_str),
        unpaid: tx.get("status").and_then(Value::as_str) == Some("UNPAID"),
        status: status?,
        amount: amount?,
        currency: currency?,
        refunded: refunded?,
    })
}

fn refuse(r: Refusal, field: &str, message: String) -> Error {
    let code = refusal_code(r);
    let hint = super::codes::describe(code).map(|i| i.hint).unwrap_or("");
    Error::new(
        ErrorCode::OperationNotAllowed,
        format!("{message} (the platform would answer {code})"),
    )
    .with_gateway(Gateway::Systempay)
    .with_field(field)
    .with_gateway_code(code)
    .with_gateway_message(hint)
}

/// What Transaction/CancelOrRefund `request` will do to `transaction` (a `V4/Transaction`, e.g.
/// the answer of Transaction/Get). Bad input → `VALIDATION` (paths under `transaction.` and
/// `request.`); a refusal → `OPERATION_NOT_ALLOWED` with the `gatewayCode` the platform would answer.
pub fn plan_cancel_or_refund(transaction: &Value, request: &Value) -> Result<Plan> {
    let mut issues = Issues::new();
    let tx = read_transaction(transaction, &mut issues);
    // The planner reads the body that would be sent (currency as alpha-3, resolutionMode
    // defaulted), parsed back from its JSON text.
    let req = match validate(Service::CancelOrRefund, request) {
        Ok(v) => crate::codec::json_ref::value(&v.body).ok(),
        Err(e) if e.code == ErrorCode::Validation => {
            for i in e.nest("request").issues {
                issues.push(i.field, i.code, i.message);
            }
            None
        }
        Err(e) => return Err(e),
    };
    let field = |k: &str| req.as_ref()?.get(k)?.as_str();
    if let (Some(tx), Some(uuid)) = (&tx, field("uuid")) {
        if tx.uuid.is_some_and(|u| u != uuid) {
            issues.push(
                "request.uuid",
                issue::CONFLICT,
                format!(
                    "'{}' is not the uuid of the given transaction: plan with the transaction you will cancel or refund",
                    printable(uuid)
                ),
            );
        }
    }
    issues.finish(Some(Gateway::Systempay))?;
    let (Some(tx), Some(req)) = (tx, &req) else {
        return Err(Error::validation(Some(Gateway::Systempay), Vec::new()));
    };
    let mode = field("resolutionMode").unwrap_or("AUTO");
    let req_currency = field("currency");
    let req_amount = req.get("amount").and_then(Value::as_u64);

    if tx.status == "CANCELLED" {
        return Err(refuse(
            Refusal::AlreadyCancelled,
            "transaction.detailedStatus",
            "the transaction is already cancelled".to_string(),
        ));
    }
    let cancellable = CANCELLABLE.contains(&tx.status);
    let refundable = REFUNDABLE.contains(&tx.status);
    if !cancellable && !refundable {
        return Err(refuse(
            Refusal::WrongStatus,
            "transaction.detailedStatus",
            format!(
                "a transaction in status {} can be neither cancelled nor refunded: cancellation needs {}, a refund needs CAPTURED",
                printable(tx.status),
                crate::codec::text::join(CANCELLABLE.iter().copied(), ", ")
            ),
        ));
    }
    if cancellable && mode == "REFUND_ONLY" {
        return Err(refuse(
            Refusal::RefundOnlyBeforeCapture,
            "request.resolutionMode",
            format!(
                "REFUND_ONLY on a transaction that is not captured yet ({}): cancel it instead (CANCELLATION_ONLY or AUTO)",
                tx.status
            ),
        ));
    }
    if refundable && mode == "CANCELLATION_ONLY" {
        return Err(refuse(
            Refusal::CancellationOnlyOnCaptured,
            "request.resolutionMode",
            "CANCELLATION_ONLY on a captured transaction: refund it instead (REFUND_ONLY or AUTO)"
                .to_string(),
        ));
    }
    if let Some(cur) = req_currency {
        if cur != tx.currency {
            return Err(refuse(
                Refusal::CurrencyMismatch,
                "request.currency",
                format!(
                    "currency {cur} differs from the transaction's currency {}",
                    printable(tx.currency)
                ),
            ));
        }
    }
    if cancellable {
        if let Some(a) = req_amount {
            if a != tx.amount {
                return Err(refuse(
                    Refusal::PartialCancel,
                    "request.amount",
                    format!(
                        "a cancellation is always for the whole amount ({}), not {a}: to lower the amount before capture use Transaction/Update (cardUpdate.amount)",
                        tx.amount
                    ),
                ));
            }
        }
        return Ok(Plan {
            operation: "CANCEL",
            amount: tx.amount,
            currency: tx.currency.to_string(),
            full: true,
            refundable_after: 0,
        });
    }
    // CAPTURED: refund, of a payment only. A refund (operationType CREDIT) is not refunded: the
    // reference is silent (systempay.md §4 decides by status); the platform's answer PSP_011 is
    // UNCERTAIN, as the simulator's.
    if tx.operation_type == Some("CREDIT") {
        return Err(refuse(
            Refusal::WrongStatus,
            "transaction.operationType",
            "the transaction is a refund (CREDIT): refund the payment it refunds instead"
                .to_string(),
        ));
    }
    // CAPTURED yet UNPAID: a chargeback, which the platform does not refund (reference §2.1 and §4,
    // "not for chargebacked/unpaid"; a captured payment is otherwise PAID). How a chargeback shows in
    // a V4/Transaction is UNCERTAIN: this `status` is the one sign the reference gives (the planner
    // had planned a refund of it: a helper's acceptance suite, twenty-ninth pass).
    if tx.unpaid {
        return Err(refuse(
            Refusal::Chargeback,
            "transaction.status",
            "a chargeback (status UNPAID) cannot be refunded".to_string(),
        ));
    }
    let left = tx.amount.saturating_sub(tx.refunded);
    if left == 0 {
        return Err(refuse(
            Refusal::FullyRefunded,
            "transaction.transactionDetails.cardDetails.captureResponse.refundAmount",
            format!(
                "the transaction is already fully refunded ({} of {})",
                tx.refunded, tx.amount
            ),
        ));
    }
    let amount = req_amount.unwrap_or(left);
    if amount == 0 || amount > left {
        return Err(refuse(
            Refusal::AboveRefundable,
            "request.amount",
            format!(
                "{amount} cannot be refunded: {left} is left to refund (amount {} minus {} already refunded)",
                tx.amount, tx.refunded
            ),
        ));
    }
    Ok(Plan {
        operation: "REFUND",
        amount,
        currency: tx.currency.to_string(),
        full: amount == left,
        refundable_after: left - amount,
    })
}
