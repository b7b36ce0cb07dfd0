//! The SOAP 1.1 envelope's writers (used by `validate` as it walks) and the `HttpRequest`.
//!
//! Written straight into one `String` while the parameters are validated (`validate::validate`
//! calls the writers below as it walks the schema tables; no tree in between): element names come
//! from the schema tables (constants), and every text goes through [`escape_into`], which writes
//! `<`, `>`, `&`, `'`, `"` as entities (so `]]>` becomes `]]&gt;`) and CR as `&#13;`. Characters
//! XML cannot carry were refused by validation. A required nillable element the caller left out is
//! written `<impl:media xsi:nil="true"/>`, as the official Java SDK does. When validation reports an
//! issue the text is dropped: a request is either complete and valid or not produced.
//!
//! Shape (prefixes are ours; namespaces are what matters, reference §1.5):
//! `<soapenv:Envelope xmlns:soapenv=… xmlns:impl=… xmlns:obj=… xmlns:xsi=…><soapenv:Body>
//!  <impl:{op}Request><impl:version>34</impl:version><impl:payment><obj:amount>…`

use super::model::{Operation, Options, IMPL_NS, OBJ_NS, SOAP_ENV_NS, XSI_NS};
use super::validate::Validated;
use crate::codec::xml::escape_into;
use crate::error::Result;
use crate::transport::{basic_auth, HttpRequest};
use std::borrow::Cow;

/// The tag openers of one namespace: the wrapper's direct children are in impl, everything deeper
/// in obj. Whole strings (`"<impl:"`, `"</impl:"`) rather than `'<'` then the prefix: at opt-level
/// z each `push`/`push_str` is a call, and `push` of a `char` encodes it first (issue 9).
#[derive(Clone, Copy)]
pub struct Ns {
    open: &'static str,
    close: &'static str,
}

/// The children of `{operation}Request`.
pub const IMPL: Ns = Ns {
    open: "<impl:",
    close: "</impl:",
};
/// Everything below them.
pub const OBJ: Ns = Ns {
    open: "<obj:",
    close: "</obj:",
};

// `push_str(">")`, not `push('>')`: see [`Ns`].
#[allow(clippy::single_char_add_str)]
fn tag(out: &mut String, start: &str, name: &str) {
    out.push_str(start);
    out.push_str(name);
    out.push_str(">");
}

/// `<prefix:name>`.
pub fn open(out: &mut String, ns: Ns, name: &str) {
    tag(out, ns.open, name);
}

/// `</prefix:name>`.
pub fn close(out: &mut String, ns: Ns, name: &str) {
    tag(out, ns.close, name);
}

/// `<prefix:name>text</prefix:name>`, the text escaped.
pub fn text_element(out: &mut String, ns: Ns, name: &str, text: &str) {
    open(out, ns, name);
    escape_into(out, text);
    close(out, ns, name);
}

/// `<prefix:name xsi:nil="true"/>`.
pub fn nil_element(out: &mut String, ns: Ns, name: &str) {
    out.push_str(ns.open);
    out.push_str(name);
    out.push_str(" xsi:nil=\"true\"/>");
}

/// The envelope up to the first child of `{operation}Request`, in a buffer with room for a full
/// doAuthorization.
pub fn envelope_head(op: Operation) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"");
    out.push_str(SOAP_ENV_NS);
    out.push_str("\" xmlns:impl=\"");
    out.push_str(IMPL_NS);
    out.push_str("\" xmlns:obj=\"");
    out.push_str(OBJ_NS);
    out.push_str("\" xmlns:xsi=\"");
    out.push_str(XSI_NS);
    out.push_str("\"><soapenv:Body><impl:");
    out.push_str(op.name());
    out.push_str("Request>");
    out
}

/// The end of the envelope, after the last child of `{operation}Request`.
pub fn envelope_tail(out: &mut String, op: Operation) {
    out.push_str("</impl:");
    out.push_str(op.name());
    out.push_str("Request></soapenv:Body></soapenv:Envelope>");
}

/// The HTTP request: POST to `{base}/{Service}`, SOAP 1.1 headers, HTTP Basic credentials.
pub fn http_request(v: Validated, opts: &Options) -> Result<HttpRequest> {
    let body = v.envelope;
    let mut action = String::with_capacity(v.operation.name().len() + 2);
    action.push('"');
    action.push_str(v.operation.name());
    action.push('"');
    let headers = vec![
        ("Content-Type", Cow::Borrowed("text/xml; charset=utf-8")),
        ("SOAPAction", Cow::Owned(action)),
        (
            "Authorization",
            Cow::Owned(basic_auth(&opts.merchant_id, &opts.access_key)),
        ),
    ];
    Ok(HttpRequest::post(
        opts.url(v.operation.service()),
        headers,
        body,
    ))
}
