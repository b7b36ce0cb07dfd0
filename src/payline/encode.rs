//! Validated tree → SOAP 1.1 envelope and `HttpRequest`.
//!
//! Written with quick-xml's `Writer`: element names come from the schema tables (constants), and
//! every text goes through `BytesText::new`, which escapes `<`, `>`, `&`, `'` and `"` (so `]]>`
//! becomes `]]&gt;`). Characters XML cannot carry were refused by validation.
//!
//! Shape (prefixes are ours; namespaces are what matters, reference §1.5):
//! `<soapenv:Envelope xmlns:soapenv=… xmlns:impl=… xmlns:obj=…><soapenv:Body>
//!  <impl:{op}Request><impl:version>34</impl:version><impl:payment><obj:amount>…`

use super::model::{Options, IMPL_NS, OBJ_NS, SOAP_ENV_NS};
use super::validate::{Node, NodeValue, Validated};
use crate::error::{Error, ErrorCode, Gateway, Result};
use crate::transport::{basic_auth, HttpRequest};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

fn qualified(prefix: &str, local: &str) -> String {
    let mut q = String::with_capacity(prefix.len() + 1 + local.len());
    q.push_str(prefix);
    q.push(':');
    q.push_str(local);
    q
}

fn io_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Unsupported,
        format!("could not write the SOAP envelope: {e}"),
    )
    .with_gateway(Gateway::Payline)
}

fn write_node(w: &mut Writer<Vec<u8>>, node: &Node, prefix: &str) -> Result<()> {
    let name = qualified(prefix, node.name);
    w.write_event(Event::Start(BytesStart::new(name.as_str())))
        .map_err(io_error)?;
    match &node.value {
        NodeValue::Text(t) => w
            .write_event(Event::Text(BytesText::new(t)))
            .map_err(io_error)?,
        NodeValue::Children(children) => {
            for child in children {
                // Everything below the wrapper's direct children is in the obj namespace.
                write_node(w, child, "obj")?;
            }
        }
    }
    w.write_event(Event::End(BytesEnd::new(name.as_str())))
        .map_err(io_error)
}

/// The SOAP envelope of a validated request.
pub fn envelope(v: &Validated) -> Result<String> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io_error)?;
    let env = BytesStart::new("soapenv:Envelope").with_attributes([
        ("xmlns:soapenv", SOAP_ENV_NS),
        ("xmlns:impl", IMPL_NS),
        ("xmlns:obj", OBJ_NS),
    ]);
    w.write_event(Event::Start(env)).map_err(io_error)?;
    w.write_event(Event::Start(BytesStart::new("soapenv:Body")))
        .map_err(io_error)?;
    let mut wrapper = String::from(v.operation.name());
    wrapper.push_str("Request");
    let wrapper = qualified("impl", &wrapper);
    w.write_event(Event::Start(BytesStart::new(wrapper.as_str())))
        .map_err(io_error)?;
    for node in &v.body {
        write_node(&mut w, node, "impl")?;
    }
    w.write_event(Event::End(BytesEnd::new(wrapper.as_str())))
        .map_err(io_error)?;
    w.write_event(Event::End(BytesEnd::new("soapenv:Body")))
        .map_err(io_error)?;
    w.write_event(Event::End(BytesEnd::new("soapenv:Envelope")))
        .map_err(io_error)?;
    String::from_utf8(w.into_inner()).map_err(io_error)
}

/// The HTTP request: POST to `{base}/{Service}`, SOAP 1.1 headers, HTTP Basic credentials.
pub fn http_request(v: &Validated, opts: &Options) -> Result<HttpRequest> {
    let body = envelope(v)?;
    let mut action = String::from("\"");
    action.push_str(v.operation.name());
    action.push('"');
    let headers = vec![
        (
            "Content-Type".to_string(),
            "text/xml; charset=utf-8".to_string(),
        ),
        ("SOAPAction".to_string(), action),
        (
            "Authorization".to_string(),
            basic_auth(&opts.merchant_id, &opts.access_key),
        ),
    ];
    Ok(HttpRequest::post(
        opts.url(v.operation.service()),
        headers,
        body,
    ))
}
