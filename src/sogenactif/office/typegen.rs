//! TypeScript declarations of the Sips Office request fields, written from the tables the
//! validator walks ([`super::validate`]: one row list per service, the identification pairs, the
//! common fields and the order containers), so the `.d.ts` cannot drift from what the core accepts
//! (issue 9, "one source of truth per shape").
//!
//! `cargo run --example gen_office_types` writes `pkg-template/types/sogenactif_office_fields.d.ts`;
//! `tests/generated_types.rs` fails when the committed file is not what this module
//! writes. The options, answers and the API itself stay declared by hand in
//! `pkg-template/types/sogenactif_office.d.ts` (they are not tables).

use super::model::{Service, INTERFACE_VERSIONS};
use super::validate::{
    field, spec, Field, Ident, Kind, Row, CAPTURE_MODES, COMMON, ORDER_CONTAINERS,
    PAYMENT_PATTERNS, REF, S10_ID, TRANSACTION,
};
use crate::codec::{ts_capitalized, ts_union};
use std::fmt::Write as _;

/// `SogenactifCancelFields` for `cancel`.
pub fn fields_name(service: Service) -> String {
    format!("Sogenactif{}Fields", ts_capitalized(service.name()))
}

/// The TypeScript type of a kind.
pub(crate) fn ts_type(kind: Kind) -> String {
    match kind {
        Kind::Amount | Kind::Int(_) => "number".into(),
        Kind::Currency => "SogenactifCurrency".into(),
        Kind::Enum(values) if values == CAPTURE_MODES => "SogenactifCaptureMode".into(),
        Kind::Enum(values) if values == PAYMENT_PATTERNS => "SogenactifPaymentPattern".into(),
        Kind::Enum(values) => ts_union(values),
        Kind::Object => "SogenactifContainer".into(),
        Kind::List => "SogenactifContainerValue[]".into(),
        Kind::Text(_)
        | Kind::Alnum(_)
        | Kind::Digits(_)
        | Kind::Code(_)
        | Kind::YearMonth
        | Kind::DateTime
        | Kind::CardNumber
        | Kind::Csc => "string".into(),
    }
}

/// What a kind accepts, in words (the doc of a field of that kind).
fn ts_doc(kind: Kind) -> Option<String> {
    Some(match kind {
        Kind::Amount => "Minor units (N12), a whole number: 1000 for 10.00 EUR.".into(),
        Kind::Int(max) => format!("A whole number from 0 to {max}."),
        Kind::Text(max) => format!("Text (no control character), at most {max} characters."),
        Kind::Alnum(max) => format!("AN{max}: up to {max} letters and digits."),
        Kind::Digits(max) => format!("N{max}: up to {max} digits, as a string."),
        Kind::Code(max) => format!(
            "An upper-case code (A–Z, 0–9, `_`) of at most {max} characters, e.g. `'INTERNET'` (an order channel) or `'VISA'` (a brand)."
        ),
        Kind::YearMonth => "`YYYYMM`, e.g. `'202812'`.".into(),
        Kind::DateTime => "ISO 8601 with its offset, e.g. `'2026-01-02T10:15:00+01:00'`.".into(),
        Kind::CardNumber => {
            "10 to 19 digits, or a token of up to 128 letters and digits (with `panType: 'TOKEN_PAN'`). Never repeated in messages.".into()
        }
        Kind::Csc => "3 or 4 digits. Never repeated in messages.".into(),
        Kind::Currency | Kind::Enum(_) | Kind::Object | Kind::List => return None,
    })
}

fn member(out: &mut String, name: &str, kind: Kind, required: bool) {
    if let Some(doc) = ts_doc(kind) {
        let _ = writeln!(out, "  /** {doc} */");
    }
    let _ = writeln!(
        out,
        "  {name}{}: {};",
        if required { "" } else { "?" },
        ts_type(kind)
    );
}

fn rows(out: &mut String, rows: &[Row]) {
    for f in rows.iter().filter_map(|r| field(*r)) {
        member(out, f.name, f.kind, f.required);
    }
}

/// `SogenactifS10TransactionReference` for `s10TransactionReference`.
fn s10_name(ident: &Ident) -> String {
    format!("Sogenactif{}", ts_capitalized(ident.s10))
}

/// The two sides of an identification pair, both optional in the type: exactly one must be given
/// (the validator says which is missing or that both were).
fn ident_members(out: &mut String, ident: &Ident) {
    member(out, ident.reference, REF, false);
    let _ = writeln!(out, "  {}?: {};", ident.s10, s10_name(ident));
}

fn s10_interface(out: &mut String, ident: &Ident) {
    let _ = writeln!(
        out,
        "\n/** `{}` of merchants that kept the Sips 1.0 identification. */\nexport interface {} {{",
        ident.s10,
        s10_name(ident)
    );
    member(out, ident.s10_id, S10_ID, true);
    let _ = writeln!(
        out,
        "  /** `YYYYMMDD`; optional, the server applies its own date when it is left out. */\n  {}?: string;\n}}",
        ident.s10_date
    );
}

/// The fields of `service` (its rows, then the common ones and its containers), as the validator
/// reads them.
pub(crate) fn service_fields(service: Service) -> Vec<Field> {
    spec(service).rows().filter_map(|r| field(*r)).collect()
}

/// The services that take the order containers (duplicate, cardOrder, walletOrder).
fn order_services() -> Vec<Service> {
    Service::ALL
        .into_iter()
        .filter(|s| spec(*s).order_containers)
        .collect()
}

/// The content of `pkg-template/types/sogenactif_office_fields.d.ts`.
pub fn fields_dts() -> String {
    let mut out = String::new();
    out.push_str("// Generated by `cargo run --example gen_office_types` from src/sogenactif/office/validate.rs\n");
    out.push_str("// (the tables the validator walks): do not edit by hand.\n");

    let mut services: Vec<String> = Service::ALL
        .iter()
        .map(|s| format!("'{}'", s.name()))
        .collect();
    services.extend(Service::ALL.iter().map(|s| format!("'{}'", s.path())));
    let _ = writeln!(
        out,
        "\n/** A Sips Office JSON service: bare (`'cancel'`) or with its family (`'cashManagement/cancel'`). */\nexport type SogenactifOfficeService =\n  | {};",
        services.join("\n  | ")
    );
    out.push_str("\n/** ISO 4217 currency: alpha-3 (`'EUR'`) or numeric (`978`, `'978'`); sent as the numeric string. */\nexport type SogenactifCurrency = string | number;\n");
    let _ = writeln!(
        out,
        "\nexport type SogenactifCaptureMode = {};\nexport type SogenactifPaymentPattern = {};",
        ts_union(CAPTURE_MODES),
        ts_union(PAYMENT_PATTERNS)
    );

    let mut idents: Vec<&Ident> = Vec::new();
    for service in Service::ALL {
        for ident in spec(service).idents {
            if !idents.iter().any(|i| i.s10 == ident.s10) {
                idents.push(ident);
            }
        }
    }
    for ident in &idents {
        s10_interface(&mut out, ident);
    }

    let versions: Vec<String> = INTERFACE_VERSIONS
        .iter()
        .map(|(family, _, default)| format!("`{default}` ({})", family.path()))
        .collect();
    let _ = writeln!(
        out,
        "\n/** Fields every Office service accepts. Identify the transaction with `{}` OR `{}`. */\nexport interface SogenactifOfficeCommonFields {{",
        TRANSACTION.reference, TRANSACTION.s10
    );
    ident_members(&mut out, &TRANSACTION);
    let _ = writeln!(
        out,
        "  /** Defaults per family: {}; a given one must keep the family's prefix. */\n  interfaceVersion?: string;",
        versions.join(", ")
    );
    rows(&mut out, COMMON);
    out.push_str("}\n");

    out.push_str("\n/** Containers accepted by the order-creating services, passed through as given. */\nexport interface SogenactifOrderContainers {\n");
    rows(&mut out, ORDER_CONTAINERS);
    out.push_str("}\n");

    // Two groupings users may name: the sub-merchant fields, and the fields every order-creating
    // service shares (required where all of them require it).
    let sub: Vec<Field> = service_fields(Service::Validate)
        .into_iter()
        .filter(|f| f.name.starts_with("subMerchant"))
        .collect();
    out.push_str("\n/** The sub-merchant fields (payment facilitators). */\nexport interface SogenactifSubMerchantFields {\n");
    for f in &sub {
        member(&mut out, f.name, f.kind, false);
    }
    out.push_str("}\n");
    let orders = order_services();
    let first = orders
        .first()
        .map(|s| service_fields(*s))
        .unwrap_or_default();
    out.push_str("\n/** The fields every order-creating service (duplicate, cardOrder, walletOrder) accepts. */\nexport interface SogenactifOrderFields extends SogenactifOfficeCommonFields, SogenactifOrderContainers {\n");
    for f in first.iter().filter(|f| {
        f.kind != Kind::Object
            && !COMMON
                .iter()
                .filter_map(|r| field(*r))
                .any(|c| c.name == f.name)
    }) {
        let in_all = orders
            .iter()
            .map(|s| service_fields(*s))
            .filter_map(|fields| fields.into_iter().find(|g| g.name == f.name))
            .collect::<Vec<_>>();
        if in_all.len() == orders.len() {
            member(&mut out, f.name, f.kind, in_all.iter().all(|g| g.required));
        }
    }
    out.push_str("}\n");

    for service in Service::ALL {
        let s = spec(service);
        let extends = if s.order_containers {
            "SogenactifOfficeCommonFields, SogenactifOrderContainers"
        } else {
            "SogenactifOfficeCommonFields"
        };
        let _ = writeln!(
            out,
            "\n/** The fields of `{}`. */\nexport interface {} extends {extends} {{",
            service.name(),
            fields_name(service)
        );
        rows(&mut out, s.fields);
        for ident in s.idents.iter().filter(|i| i.s10 != TRANSACTION.s10) {
            ident_members(&mut out, ident);
        }
        out.push_str("}\n");
    }
    // The map `request` is typed by (one signature, as systempay's and payline's: a mistake in the
    // fields is reported on the field; ten overloads reported it as "not assignable to never", a
    // helper's audit of the declarations, eighteenth pass).
    out.push_str("\n/** The fields of each service, by its bare and its family name. */\nexport interface SogenactifOfficeFieldsByService {\n");
    for service in Service::ALL {
        for name in [service.name().to_string(), service.path()] {
            let _ = writeln!(out, "  '{name}': {};", fields_name(service));
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests;
