//! The hand-written reader of decode.rs checked against quick-xml's `NsReader` (the reader it
//! replaces for size): both must build the same tree, or both must refuse the document.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::*;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

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

/// Parses the whole document into a tree (no DTD, no external entities: quick-xml never fetches).
fn reference_tree(xml: &str) -> Result<El> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<El> = Vec::new();
    let mut root: Option<El> = None;
    loop {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(&e.to_string()))?;
        let ns = ns_of(&resolved);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed("nesting too deep"));
                }
                let mut nil = false;
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| malformed(&e.to_string()))?;
                    let (ans, local) = reader.resolve_attribute(attr.key);
                    let is_xsi =
                        matches!(ans, ResolveResult::Bound(n) if n.as_ref() == XSI_NS.as_bytes());
                    if is_xsi && local.as_ref() == b"nil" {
                        let v = attr
                            .unescape_value()
                            .map_err(|e| malformed(&e.to_string()))?;
                        nil = matches!(v.trim(), "true" | "1");
                    }
                }
                let local = std::str::from_utf8(e.local_name().as_ref())
                    .map_err(|e| malformed(&e.to_string()))?
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
                    top.text
                        .push_str(&t.decode().map_err(|e| malformed(&e.to_string()))?);
                } else if !t
                    .decode()
                    .map_err(|e| malformed(&e.to_string()))?
                    .trim()
                    .is_empty()
                {
                    return Err(malformed("text outside the root element"));
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text
                        .push_str(&t.decode().map_err(|e| malformed(&e.to_string()))?);
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| malformed(&e.to_string()))?
                } else {
                    predefined(&r.decode().map_err(|e| malformed(&e.to_string()))?)
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

/// quick-xml accepts element names holding characters XML forbids in names (`<a<b/>`); the
/// hand-written reader refuses them, which is the one difference allowed.
fn bad_name(el: &El) -> bool {
    el.local.is_empty()
        || el
            .local
            .contains(['<', '&', '"', '\'', '=', '?', '!', '/', '>'])
        || el.children.iter().any(bad_name)
}

/// Same tree, or both refused.
fn agree(xml: &str) {
    match (parse_tree(xml), reference_tree(xml)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{xml:?}"),
        (Err(_), Err(_)) => {}
        (Err(_), Ok(b)) if bad_name(&b) => {}
        (a, b) => panic!("{xml:?}: hand-written {a:?}, quick-xml {b:?}"),
    }
}

fn fixtures() -> Vec<String> {
    const IMPL: &str = "http://impl.ws.payline.experian.com";
    const OBJ: &str = "http://obj.ws.payline.experian.com";
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/payline");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // The XML fixtures; wsdl/ holds the official schema.
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let t = std::fs::read_to_string(path).unwrap();
        for (w, o, ns) in [
            ("", "obj:", format!("xmlns=\"{IMPL}\" xmlns:obj=\"{OBJ}\"")),
            (
                "impl:",
                "obj:",
                format!("xmlns:impl=\"{IMPL}\" xmlns:obj=\"{OBJ}\""),
            ),
            ("ns2:", "", format!("xmlns=\"{OBJ}\" xmlns:ns2=\"{IMPL}\"")),
        ] {
            out.push(t.replace("{W}", w).replace("{O}", o).replace("{NS}", &ns));
        }
    }
    out
}

#[test]
fn fixtures_read_the_same() {
    let all = fixtures();
    assert!(all.len() >= 30);
    for xml in &all {
        assert!(parse_tree(xml).is_ok(), "{xml}");
        agree(xml);
    }
}

#[test]
fn every_truncation_of_a_fixture_reads_the_same() {
    for xml in fixtures().iter().step_by(7) {
        for (i, _) in xml.char_indices() {
            agree(&xml[..i]);
        }
    }
}

#[test]
fn edge_cases_read_the_same() {
    for xml in [
        "",
        "   ",
        "not xml",
        "<a/>",
        "<a></a>",
        "<a>x</a>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>x</a>\n",
        "<!-- c --><a><!-- <b> --></a>",
        "<a><![CDATA[<b>&amp;]]></a>",
        "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#x;</a>",
        "<a>&#12a;</a>",
        "<a>&unknown;</a>",
        "<a>&amp</a>",
        "<a>]]></a>",
        "<a>x > y</a>",
        "<a><b></a>",
        "<a></b>",
        "<a></a >",
        "<a/><b/>",
        "<a/>text",
        "text<a/>",
        "</a>",
        "<a",
        "<a b=\"1\" b=\"2\"/>",
        "<a b=1/>",
        "<a b/>",
        "<a b = \"1\" c='2'/>",
        "<a b=\"x>y\">z</a>",
        "<a b='\"'/>",
        "<!DOCTYPE a><a/>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "<a xmlns=\"http://impl.ws.payline.experian.com\"><b xmlns=\"\"><c/></b></a>",
        "<p:a xmlns:p=\"http://obj.ws.payline.experian.com\"><p:b/><q:c/></p:a>",
        "<a xmlns:p=\"http://impl.ws.payline.experian.com\"><p:b xmlns:p=\"http://obj.ws.payline.experian.com\"/><p:c/></a>",
        "<a xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><b xsi:nil=\"true\"/><c xsi:nil=\" 1 \">v</c><d nil=\"true\">w</d><e xsi:nil=\"false\">x</e></a>",
        "<a xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><b i:nil='true'/></a>",
        "<a><b xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/><c xsi:nil=\"true\">v</c></a>",
        "<a:b:c xmlns:a=\"http://impl.ws.payline.experian.com\"/>",
        "<xml:a/>",
        "<a>\u{e9}\u{1F600}</a>",
        "<a>one<b/>two</a>",
    ] {
        agree(xml);
    }
}

#[test]
fn depth_limit_is_kept() {
    let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
    assert!(parse_tree(&ok).is_ok());
    agree(&ok);
    let deep = format!(
        "{}{}",
        "<a>".repeat(MAX_DEPTH + 1),
        "</a>".repeat(MAX_DEPTH + 1)
    );
    assert!(parse_tree(&deep).is_err());
    agree(&deep);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Random documents over XML's own punctuation.
    #[test]
    fn random_markup_reads_the_same(xml in "(<|>|</|/>|<a|<p:a|</a>|</p:a>|<b>|</b>| |x|=|\"|'|&|;|#|&lt;|&#65;|<!--|-->|<\\?|\\?>|<!\\[CDATA\\[|\\]\\]>| xmlns:p=\"http://obj.ws.payline.experian.com\"| xmlns=\"http://impl.ws.payline.experian.com\"| xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"| i:nil=\"true\"|\u{e9}){0,40}") {
        agree(&xml);
    }
}
