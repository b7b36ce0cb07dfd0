//! TypeScript declarations of the Payline request parameters, written from the request tables of
//! [`super::model`] (the tables the validator walks), so the `.d.ts` cannot drift from what the
//! core accepts (issue 9, "one source of truth per shape").
//!
//! `cargo run --example gen_payline_types` writes `pkg-template/types/payline_requests.d.ts`;
//! `tests/generated_types.rs` fails when the committed file is not what this module writes.
//! The answers (`PaylineResponse`, …) are built by the decoder, not from a table: they stay
//! declared in `src/wasm/payline_types.rs`.

use super::model::*;
use crate::codec::ts_union as union;
use std::fmt::Write as _;

/// The object tables and their TypeScript names, with the doc comment of each interface.
const OBJECTS: &[(&str, &[Field], &str)] = &[
    (
        "PaylinePayment",
        PAYMENT,
        "Object payment. `differedActionDate` is required exactly when `mode` is `'DIF'`; `contractNumber` for doAuthorization, doReAuthorization, doCredit and doDebit.",
    ),
    ("PaylineOrderDetail", ORDER_DETAIL, "An item of `order.details` (and of doRefund `details`)."),
    ("PaylineOrder", ORDER, "Object order."),
    (
        "PaylineCard",
        CARD,
        "Object card: one of `number`, `token` or `encryptedData` is required. Card data never appears in messages.",
    ),
    ("PaylinePrivateData", PRIVATE_DATA, "One entry of `privateDataList`."),
    ("PaylineAuthorization", AUTHORIZATION, "An authorization obtained outside Payline (doDebit)."),
    (
        "PaylineAddress",
        ADDRESS,
        "An address of the buyer (`shippingAdress`, spelled as in the WSDL, and `billingAddress`).",
    ),
    ("PaylineBuyer", BUYER, "Object buyer."),
    ("PaylineAddressOwner", ADDRESS_OWNER, "The card owner's billing address."),
    ("PaylineOwner", OWNER, "The card owner."),
    ("PaylineBankAccountData", BANK_ACCOUNT_DATA, "Bank account data (sent with every value nil when omitted: the WSDL requires the element)."),
    ("PaylineSubMerchant", SUB_MERCHANT, "The sub-merchant of a payment facilitator (web-service version 18 or later)."),
    ("PaylineAuthentication3DSecure", AUTHENTICATION_3DSECURE, "3-D Secure authentication data obtained beforehand."),
    (
        "PaylineRecurring",
        RECURRING,
        "Instalments (`payment.mode` `'NX'`) or a subscription (`'REC'`): required exactly in those modes.",
    ),
];

/// The doc comment of each operation's parameters.
fn operation_doc(op: Operation) -> &'static str {
    match op {
        Operation::DoReAuthorization => "doReAuthorization: re-authorize an authorization (same currency and contract, within 11 months).",
        Operation::DoAuthorization => "doAuthorization. `recurring` is required exactly when `payment.mode` is `'NX'` or `'REC'`. (`transient`, `asynchronousRetryTimeout` and `threeDSInfo` are not modelled: always sent nil.)",
        Operation::DoCapture => "doCapture. Give a `sequenceNumber`: Payline uses it to avoid a duplicated transaction.",
        Operation::DoRefund => "doRefund. Give a `sequenceNumber`: Payline uses it to avoid a duplicated transaction.",
        Operation::DoReset => "doReset (before remittance). `amount` and `currency` go together (partial reset).",
        Operation::DoCredit => "doCredit: credit a card without an original transaction.",
        Operation::DoDebit => "doDebit: a payment with an authorization obtained outside Payline.",
        Operation::GetTransactionDetails => "getTransactionDetails (ExtendedAPI): `transactionId` (lower-case d) or a unique `orderRef`.",
    }
}

/// `PaylineDoReAuthorizationParams` for `doReAuthorization`.
pub fn params_name(op: Operation) -> String {
    format!("Payline{}Params", crate::codec::ts_capitalized(op.name()))
}

/// Same table: same element names in the same order (tables are `const`s, so their addresses
/// cannot be compared).
fn same(a: &[Field], b: &[Field]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.name == y.name)
}

fn object_name(fields: &[Field]) -> Option<&'static str> {
    OBJECTS
        .iter()
        .find(|(_, t, _)| same(t, fields))
        .map(|(n, _, _)| *n)
}

/// The action codes of every operation, for the doc of `payment.action`.
fn action_codes() -> String {
    Operation::ALL
        .iter()
        .filter(|op| !op.actions().is_empty())
        .map(|op| format!("{} {}", op.name(), op.actions().join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The TypeScript type and the doc of one element (`None`: not in the declarations).
fn ts(kind: Kind) -> Option<(String, String)> {
    let t = |ty: &str, doc: String| Some((ty.to_string(), doc));
    match kind {
        Kind::Text(n) => t("string", format!("AN{n}: at most {n} characters.")),
        Kind::FreeText => t("string", "Text.".into()),
        Kind::SecretText => t("string", "Never repeated in messages.".into()),
        Kind::SecretDigits(min, max) => t(
            "string",
            format!("{min} to {max} digits, as a string; never repeated in messages."),
        ),
        Kind::Digits(n) => t(
            "number | string",
            format!("N{n}: a whole number, or a string of 1 to {n} digits."),
        ),
        Kind::Amount => t(
            "number",
            "Minor units (N12), a whole number: 1000 for 10.00 EUR.".into(),
        ),
        Kind::Currency => t(
            "string | number",
            "ISO 4217: alpha-3 (`'EUR'`) or numeric (`978`, `'978'`); sent as the numeric code.".into(),
        ),
        Kind::Enum(values) if values == MEDIA => t("PaylineMedia", "The channel.".into()),
        Kind::Enum(values) => Some((union(values), "One of these values.".into())),
        Kind::DateTime => t(
            "string | Date",
            "ISO 8601 date-time (an offset is converted to Paris time, none is taken as written) or `'dd/mm/yyyy HH:mm'`; sent as dd/mm/yyyy HH:mm.".into(),
        ),
        Kind::DateOrDateTime => t(
            "string | Date",
            "ISO 8601 date-time (as `order.date`) or `'dd/mm/yyyy HH:mm'`, sent as dd/mm/yyyy HH:mm; or a date alone (ISO 8601 or `'dd/mm/yyyy'`), sent as dd/mm/yyyy.".into(),
        ),
        Kind::ShortDate => t(
            "string | Date",
            "ISO 8601 date or `'dd/mm/yy'`; sent as dd/mm/yy.".into(),
        ),
        Kind::Date => t(
            "string | Date",
            "ISO 8601 date or `'dd/mm/yyyy'`; sent as dd/mm/yyyy.".into(),
        ),
        Kind::Expiry => t("string", "Card expiry MMYY, e.g. `'1227'`.".into()),
        Kind::Version => t(
            "number | string",
            format!("Web-service version, 1 to 99; default {DEFAULT_VERSION}."),
        ),
        Kind::Bool => t("boolean", "`true` or `false`.".into()),
        Kind::Action => t(
            "number | string",
            format!(
                "Action code (N3), one the operation documents: {}.",
                action_codes()
            ),
        ),
        Kind::Object(fields) => Some((
            object_name(fields).unwrap_or("Record<string, unknown>").to_string(),
            "Object.".into(),
        )),
        Kind::List { item, fields, max } => Some((
            format!(
                "{}[]",
                object_name(fields).unwrap_or("Record<string, unknown>")
            ),
            format!("At most {max} entries (written as `<{item}>` elements)."),
        )),
        Kind::Unmodelled => None,
    }
}

fn interface(out: &mut String, name: &str, doc: &str, fields: &[Field]) {
    let _ = writeln!(out, "\n/** {doc} */\nexport interface {name} {{");
    for f in fields {
        let Some((ty, what)) = ts(f.kind) else {
            continue;
        };
        // `version` is required by the WSDL but defaulted; the rest as the table says.
        let optional = !f.required() || matches!(f.kind, Kind::Version);
        let _ = writeln!(
            out,
            "  /** {what}{} */\n  {}{}: {ty};",
            if optional { "" } else { " Required." },
            f.name,
            if optional { "?" } else { "" },
        );
    }
    out.push_str("}\n");
}

/// The content of `pkg-template/types/payline_requests.d.ts`.
pub fn requests_dts() -> String {
    let mut out = String::new();
    out.push_str(
        "// Generated by `cargo run --example gen_payline_types` from src/payline/model.rs\n",
    );
    out.push_str("// (the tables the validator walks): do not edit by hand.\n");
    let ops: Vec<&str> = Operation::ALL.iter().map(|op| op.name()).collect();
    let _ = writeln!(
        out,
        "\n/** The operations remise builds, named as in the WSDL (also the SOAPAction). */\nexport type PaylineOperation = {};",
        union(&ops)
    );
    let _ = writeln!(
        out,
        "\n/** `media`: the channel of the payment. */\nexport type PaylineMedia = {};",
        union(MEDIA)
    );
    for (name, fields, doc) in OBJECTS {
        interface(&mut out, name, doc, fields);
    }
    for op in Operation::ALL {
        interface(&mut out, &params_name(op), operation_doc(op), op.fields());
    }
    out.push_str("\n/** Params of each Payline operation, by operation name. */\nexport interface PaylineParams {\n");
    for op in Operation::ALL {
        let _ = writeln!(out, "  {}: {};", op.name(), params_name(op));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests;
