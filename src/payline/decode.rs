//! SOAP response → JSON value named as in the WSDL.
//!
//! Namespace-aware: elements are matched on namespace URI + local name with quick-xml's
//! `NsReader`, so `<doReAuthorizationResponse xmlns=impl>`, `<impl:…>` and `<ns2:…>` with a
//! default obj namespace all read the same (reference §7.2). Rules:
//! - elements outside the Payline namespaces are ignored; unknown Payline elements are kept as
//!   they come (new fields appear with versions);
//! - `xsi:nil="true"` and empty elements are absent; an object left without fields is absent;
//! - known list wrappers (`privateDataList`, `associatedTransactionsList`, …) become arrays, and an
//!   element repeated under one parent becomes an array;
//! - every value is a string as written (transaction ids exceed 2^53); a date in one of Payline's
//!   layouts gets a sibling `{name}Iso` (`YYYY-MM-DDTHH:MM:SS`, Paris wall-clock, no offset);
//! - `result.accepted` is added from the return-code table.

use super::codes;
use super::dates;
use super::model::{Operation, IMPL_NS, OBJ_NS, SOAP_ENV_NS, XSI_NS};
use crate::error::{Error, ErrorCode, Gateway, Result};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde_json::{Map, Value};

/// Deepest nesting accepted (Payline answers are 5–6 levels deep); deeper is refused rather than
/// risking the wasm stack.
const MAX_DEPTH: usize = 48;

/// Wrappers whose children are list items.
const LIST_WRAPPERS: &[&str] = &[
    "privateDataList",
    "associatedTransactionsList",
    "statusHistoryList",
    "billingRecordList",
    "paymentAdditionalList",
    "contractNumberWalletList",
    "selectedContractList",
    "details",
    "miscData",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    Impl,
    Obj,
    Soap,
    /// No namespace (SOAP Fault children are unqualified).
    None,
    Other,
}

#[derive(Debug)]
struct El {
    ns: Ns,
    local: String,
    nil: bool,
    text: String,
    children: Vec<El>,
}

fn malformed(detail: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::MalformedResponse,
        format!("the Payline answer is not a readable SOAP response ({detail})"),
    )
    .with_gateway(Gateway::Payline)
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => match ns.as_ref() {
            b if b == IMPL_NS.as_bytes() => Ns::Impl,
            b if b == OBJ_NS.as_bytes() => Ns::Obj,
            b if b == SOAP_ENV_NS.as_bytes() => Ns::Soap,
            _ => Ns::Other,
        },
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

/// Parses the whole document into a tree (no DTD, no external entities: quick-xml never fetches).
fn parse_tree(xml: &str) -> Result<El> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<El> = Vec::new();
    let mut root: Option<El> = None;
    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(malformed)?;
        let ns = ns_of(&resolved);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed("nesting too deep"));
                }
                let mut nil = false;
                for attr in e.attributes() {
                    let attr = attr.map_err(malformed)?;
                    let (ans, local) = reader.resolve_attribute(attr.key);
                    let is_xsi =
                        matches!(ans, ResolveResult::Bound(n) if n.as_ref() == XSI_NS.as_bytes());
                    if is_xsi && local.as_ref() == b"nil" {
                        let v = attr.unescape_value().map_err(malformed)?;
                        nil = matches!(v.trim(), "true" | "1");
                    }
                }
                let local = std::str::from_utf8(e.local_name().as_ref())
                    .map_err(malformed)?
                    .to_string();
                let el = El {
                    ns,
                    local,
                    nil,
                    text: String::new(),
                    children: Vec::new(),
                };
                if matches!(event, Event::Start(_)) {
                    stack.push(el);
                } else {
                    attach(&mut stack, &mut root, el)?;
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(|| malformed("unbalanced end tag"))?;
                attach(&mut stack, &mut root, el)?;
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.decode().map_err(malformed)?);
                } else if !t.decode().map_err(malformed)?.trim().is_empty() {
                    return Err(malformed("text outside the root element"));
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.decode().map_err(malformed)?);
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(malformed)?
                } else {
                    predefined(&r.decode().map_err(malformed)?)
                };
                let c = c.ok_or_else(|| malformed("unknown entity reference"))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push(c);
                }
            }
            Event::DocType(_) => {
                return Err(malformed("a DOCTYPE is not expected in a SOAP answer"))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed("the document ends inside an element"));
    }
    root.ok_or_else(|| malformed("no XML element found"))
}

fn attach(stack: &mut [El], root: &mut Option<El>, el: El) -> Result<()> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => {
            if root.is_some() {
                return Err(malformed("more than one root element"));
            }
            *root = Some(el);
        }
    }
    Ok(())
}

fn payline_ns(el: &El) -> bool {
    matches!(el.ns, Ns::Impl | Ns::Obj)
}

/// The JSON value of one element, `None` when absent (nil, empty, or an object without fields).
fn value_of(el: &El) -> Option<Value> {
    if el.nil {
        return None;
    }
    let kids: Vec<&El> = el.children.iter().filter(|c| payline_ns(c)).collect();
    if kids.is_empty() {
        if !el.children.is_empty() || el.text.trim().is_empty() {
            return None;
        }
        return Some(Value::String(el.text.clone()));
    }
    if LIST_WRAPPERS.contains(&el.local.as_str()) {
        let items: Vec<Value> = kids.iter().filter_map(|c| value_of(c)).collect();
        return (!items.is_empty()).then_some(Value::Array(items));
    }
    let map = object_of(&kids);
    (!map.is_empty()).then_some(Value::Object(map))
}

fn object_of(kids: &[&El]) -> Map<String, Value> {
    let mut map = Map::new();
    for kid in kids {
        let Some(v) = value_of(kid) else { continue };
        let iso = v.as_str().and_then(iso_form);
        let key = kid.local.clone();
        match map.get_mut(&key) {
            Some(Value::Array(list)) if !LIST_WRAPPERS.contains(&key.as_str()) => list.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, v]);
            }
            None => {
                map.insert(key.clone(), v);
                if let Some(iso) = iso {
                    let mut iso_key = key;
                    iso_key.push_str("Iso");
                    map.entry(iso_key).or_insert(Value::String(iso));
                }
            }
        }
    }
    map
}

/// The ISO 8601 form of a Payline date (`dd/MM/yy[yy] HH:mm[:ss]` or `dd/MM/yyyy`).
fn iso_form(s: &str) -> Option<String> {
    if !s.contains('/') {
        return None;
    }
    dates::parse_payline(s)
        .and_then(dates::iso_local)
        .or_else(|| {
            if s.len() == 10 {
                dates::parse_payline_date(s).and_then(dates::iso_date)
            } else {
                None
            }
        })
}

/// Gateway text for a message: control characters become spaces, at most 500 characters.
fn clean(s: &str) -> String {
    s.trim()
        .chars()
        .take(500)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn child<'a>(el: &'a El, ns: Ns, local: &str) -> Option<&'a El> {
    el.children.iter().find(|c| c.ns == ns && c.local == local)
}

fn fault_error(fault: &El, op: Operation, http_status: u16) -> Error {
    let text_of = |name: &str| {
        fault
            .children
            .iter()
            .find(|c| c.local == name)
            .map(|c| c.text.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let fault_string = text_of("faultstring").unwrap_or_else(|| "no faultstring".to_string());
    let mut err = Error::new(
        ErrorCode::GatewayError,
        format!(
            "Payline answered {} with a SOAP Fault: {}",
            op.name(),
            clean(&fault_string)
        ),
    )
    .with_gateway(Gateway::Payline)
    .with_gateway_message(fault_string)
    .with_http_status(http_status);
    if let Some(code) = text_of("faultcode") {
        err = err.with_gateway_code(code);
    }
    err
}

/// Decodes the answer to `operation`. HTTP 401 → `HTTP_ERROR` (credentials refused); a SOAP Fault
/// → `GATEWAY_ERROR` with the fault text; anything that is not the expected SOAP answer →
/// `MALFORMED_RESPONSE` (or `HTTP_ERROR` when the status was not 2xx).
pub fn parse_response(op: Operation, http_status: u16, xml: &str) -> Result<Value> {
    if http_status == 401 {
        return Err(Error::new(
            ErrorCode::HttpError,
            "Payline refused the credentials (HTTP 401): check merchantId and accessKey, and that the access key belongs to this environment (homologation or production)",
        )
        .with_gateway(Gateway::Payline)
        .with_http_status(401));
    }
    let http_error = || {
        Error::new(
            ErrorCode::HttpError,
            format!(
                "Payline answered HTTP {http_status} to {} without a SOAP answer",
                op.name()
            ),
        )
        .with_gateway(Gateway::Payline)
        .with_http_status(http_status)
        .with_retryable(http_status == 408 || (500..=599).contains(&http_status))
    };
    let ok_status = (200..=299).contains(&http_status);
    let root = match parse_tree(xml) {
        Ok(r) => r,
        Err(e) if ok_status => return Err(e),
        Err(_) => return Err(http_error()),
    };
    let body = (root.ns == Ns::Soap && root.local == "Envelope")
        .then(|| child(&root, Ns::Soap, "Body"))
        .flatten();
    let Some(body) = body else {
        return Err(if ok_status {
            malformed("no SOAP 1.1 Envelope/Body")
        } else {
            http_error()
        });
    };
    if let Some(fault) = child(body, Ns::Soap, "Fault") {
        return Err(fault_error(fault, op, http_status));
    }
    let mut wrapper_name = String::from(op.name());
    wrapper_name.push_str("Response");
    let Some(wrapper) = child(body, Ns::Impl, &wrapper_name) else {
        let found = body
            .children
            .first()
            .map(|c| c.local.clone())
            .unwrap_or_else(|| "nothing".to_string());
        return Err(if ok_status {
            malformed(format!(
                "expected {wrapper_name} in namespace {IMPL_NS}, found {}",
                crate::money::printable(&found)
            ))
        } else {
            http_error()
        });
    };
    let kids: Vec<&El> = wrapper.children.iter().filter(|c| payline_ns(c)).collect();
    let mut out = object_of(&kids);
    let code = out
        .get("result")
        .and_then(|r| r.get("code"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| malformed(format!("{wrapper_name} has no result.code")))?;
    if let Some(Value::Object(result)) = out.get_mut("result") {
        result.insert(
            "accepted".to_string(),
            Value::Bool(codes::is_accepted(&code)),
        );
    }
    Ok(Value::Object(out))
}

/// The `GATEWAY_ERROR` a client raises for a decoded answer whose code is not accepted.
pub fn refusal_error(op: Operation, response: &Value) -> Option<Error> {
    let result = response.get("result")?;
    if result.get("accepted").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let code = result.get("code").and_then(Value::as_str).unwrap_or("");
    let long = result.get("longMessage").and_then(Value::as_str);
    let short = result.get("shortMessage").and_then(Value::as_str);
    let described = codes::describe(code).ok();
    let text = long
        .map(str::to_string)
        .or_else(|| described.as_ref().map(|d| d.message.clone()))
        .unwrap_or_default();
    let mut message = format!(
        "Payline did not accept {}: {} {}",
        op.name(),
        code,
        clean(&text)
    );
    if code == "02619" {
        message.push_str("; ");
        message.push_str(codes::REAUTHORIZATION_OPTION_HELP);
    }
    let mut err = Error::new(ErrorCode::GatewayError, message)
        .with_gateway(Gateway::Payline)
        .with_gateway_code(code)
        .with_response(response.clone());
    if let Some(m) = long.or(short) {
        err = err.with_gateway_message(m);
    }
    Some(err)
}
