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

/// The namespace class, and the URI when it is `Other` (as the hand-written reader keeps it).
fn ns_of(r: &ResolveResult<'_>) -> (Ns, String) {
    match r {
        ResolveResult::Bound(ns) => match ns.as_ref() {
            b if b == IMPL_NS.as_bytes() => (Ns::Impl, String::new()),
            b if b == OBJ_NS.as_bytes() => (Ns::Obj, String::new()),
            b if b == SOAP_ENV_NS.as_bytes() => (Ns::Soap, String::new()),
            b => (Ns::Other, String::from_utf8_lossy(b).into_owned()),
        },
        ResolveResult::Unbound => (Ns::None, String::new()),
        ResolveResult::Unknown(_) => (Ns::Other, String::new()),
    }
}

/// An element with its children nested: the shape both readers are compared in.
#[derive(Debug, PartialEq)]
struct Nested {
    ns: Ns,
    uri: String,
    local: String,
    nil: bool,
    text: String,
    children: Vec<Nested>,
}

/// The hand-written reader's tree (one `Vec`, linked by index) nested.
fn nested(doc: &[El], el: &El) -> Nested {
    Nested {
        ns: el.ns,
        uri: el.uri.to_string(),
        local: el.local.to_string(),
        nil: el.nil,
        text: el.text.to_string(),
        children: kids(doc, el).map(|k| nested(doc, k)).collect(),
    }
}

fn attach(stack: &mut [Nested], root: &mut Option<Nested>, el: Nested) -> Result<()> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None if root.is_some() => return Err(malformed("more than one root element")),
        None => *root = Some(el),
    }
    Ok(())
}

/// Parses the whole document into a tree (no DTD, no external entities: quick-xml never fetches).
fn reference_tree(xml: &str) -> Result<Nested> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Nested> = Vec::new();
    let mut root: Option<Nested> = None;
    loop {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(&e.to_string()))?;
        let (ns, uri) = ns_of(&resolved);
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
                let el = Nested {
                    ns,
                    uri,
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
            // An element's text is what comes before its first child (`Open::last`).
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let t = t.decode().map_err(|e| malformed(&e.to_string()))?;
                    if top.children.is_empty() {
                        top.text.push_str(&t);
                    }
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
                    let t = t.decode().map_err(|e| malformed(&e.to_string()))?;
                    if top.children.is_empty() {
                        top.text.push_str(&t);
                    }
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
                // A reference is character data: outside the root it is text there, which XML
                // forbids (`<a/>&lt;`), as for a Text event.
                let top = stack
                    .last_mut()
                    .ok_or_else(|| malformed("text outside the root element"))?;
                if top.children.is_empty() {
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
fn bad_name(el: &Nested) -> bool {
    el.local.is_empty()
        || el
            .local
            .contains(['<', '&', '"', '\'', '=', '?', '!', '/', '>'])
        || el.children.iter().any(bad_name)
}

/// Whether quick-xml took markup XML forbids, which the hand-written reader refuses: `<` in an attribute
/// value (§3.1 AttValue; `<a xmlns="http://x<y"/>`, a proptest case of a clean-clone run, twenty-ninth
/// pass) or a tag name holding a character no name may (`<</p:a>`, whose prefix `</p` `bad_name` does not
/// see: a run of 50 000 cases, the same pass). Read from quick-xml's own tags, so that such characters in
/// text, a comment or CDATA excuse nothing (the review of that fix).
fn quick_xml_took_malformed(xml: &str) -> bool {
    let bad_in_name =
        |name: &[u8]| name.is_empty() || name.iter().any(|b| b"<&\"'=?!/>".contains(b));
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if bad_in_name(e.name().as_ref())
                    || e.attributes()
                        .with_checks(false)
                        .flatten()
                        .any(|a| a.value.contains(&b'<'))
                {
                    return true;
                }
            }
            Ok(Event::End(e)) if bad_in_name(e.name().as_ref()) => return true,
            // A processing instruction without a target (XML §2.6), which quick-xml takes before the
            // root (`<??><a/>`; the hand-written reader refuses it anywhere since the thirtieth pass).
            Ok(Event::PI(e))
                if !e.first().is_some_and(|b| {
                    b.is_ascii_alphabetic() || *b == b'_' || *b == b':' || *b >= 0x80
                }) =>
            {
                return true
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// Same tree, or both refused.
fn agree(xml: &str) {
    let tree = parse_tree(xml).map(|doc| nested(&doc, &doc[0]));
    match (tree, reference_tree(xml)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{xml:?}"),
        (Err(_), Err(_)) => {}
        (Err(_), Ok(b)) if bad_name(&b) || quick_xml_took_malformed(xml) => {}
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
        // Processing instructions without a target (XML §2.6), refused by both (thirtieth pass).
        "<b></b><?>?>",
        "<??><a/>",
        "<a><? x?></a>",
        "<a><?p x?></a>",
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
        // Text after a first child is checked, not kept (`Open::last`).
        "<a>one<b/>two&amp;<![CDATA[three]]>&#65;</a>",
        "<a>one<b/>&unknown;</a>",
        "<a>one<b/>&#0;</a>",
        "<a><b/>\n  <c>x</c>\n</a>",
        // Found by the property below (issue 10, row 13): a reference after the root is text
        // outside it, which both readers must refuse.
        "<a/>&lt;<?</?>",
        "<a/>&lt;",
        "<a/>&#65;",
        "<a/>&#32;",
        "&amp;<a/>",
        // A former proptest-regressions seed: `<` inside an element name.
        "<a<//>",
        // A clean-clone run's case (twenty-ninth pass): `<` inside an attribute value.
        "<a xmlns=\"http://impl wsapayline\u{a1}experian<com\"/>",
        "<a x='<'/>",
        // Not an attribute: `="<` in text, a comment or CDATA (well-formed; both readers agree).
        "<a>=\"<b>x</b>\"</a>",
        "<a><!--=\"<--></a>",
        "<a><![CDATA[=\"<]]></a>",
        // A run of 50 000 cases: a tag name whose prefix holds `<`.
        "<</p:a>?>]]></</p:a>",
    ] {
        agree(xml);
    }
}

#[test]
fn a_reference_after_the_root_is_refused() {
    // XML 1.0 §2.1: after the root element only comments, PIs and white space may follow.
    for xml in ["<a/>&lt;<?</?>", "<a/>&#65;", "<a/>&amp;"] {
        let e = parse_tree(xml).unwrap_err();
        assert!(
            e.message.contains("text outside the root element"),
            "{xml}: {}",
            e.message
        );
    }
    assert!(parse_tree("<a/><?x?><!-- c -->\n").is_ok());
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
    // No failure persistence: a run never writes into the tree (issue 10, row 13); the cases
    // it found are in `edge_cases_read_the_same`.
    // A fixed seed: the same 1 000 documents on every run, so that `make test` cannot fail on a case
    // no one has seen (three classes of difference between the two readers came up at random in
    // clean-clone runs of the twenty-ninth pass; the last, a processing instruction without a target
    // after the root, `<b></b><?>?>`, which the hand-written reader took, is refused since the thirtieth
    // pass: `edge_cases_read_the_same`). Explore other documents by changing the seed here (and
    // `PROPTEST_CASES=<n>`).
    #![proptest_config(proptest::prelude::ProptestConfig {
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(29),
        ..proptest::prelude::ProptestConfig::with_cases(1000)
    })]

    /// Random documents over XML's own punctuation.
    #[test]
    fn random_markup_reads_the_same(xml in "(<|>|</|/>|<a|<p:a|</a>|</p:a>|<b>|</b>| |x|=|\"|'|&|;|#|&lt;|&#65;|<!--|-->|<\\?|\\?>|<!\\[CDATA\\[|\\]\\]>| xmlns:p=\"http://obj.ws.payline.experian.com\"| xmlns=\"http://impl.ws.payline.experian.com\"| xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"| i:nil=\"true\"|\u{e9}){0,40}") {
        agree(&xml);
    }
}

// --- Linear time (issue 10, row 11) -------------------------------------------------------

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A doCapture answer whose wrapper holds `body` (the wrapper declares `decls` more).
fn answer(decls: &str, body: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"{SOAP_ENV_NS}\"><s:Body><impl:doCaptureResponse xmlns:impl=\"{IMPL_NS}\" \
         xmlns:obj=\"{OBJ_NS}\" xmlns:xsi=\"{XSI}\"{decls}><impl:result><obj:code>00000</obj:code>\
         </impl:result>{body}</impl:doCaptureResponse></s:Body></s:Envelope>"
    )
}

/// Builds a document of about `n` bytes.
type Make = fn(usize) -> String;

/// Documents of about `n` bytes, one per shape that a quadratic reader would choke on.
fn shapes() -> Vec<(&'static str, Make)> {
    vec![
        ("attributes on one tag", |n| {
            let attrs: String = (0..n / 12).map(|i| format!(" a{i}=\"v\"")).collect();
            answer("", &format!("<obj:t{attrs}/>"))
        }),
        ("namespace declarations x elements", |n| {
            // The most declarations accepted, the element's prefix the one declared first
            // (the longest look-up), many elements.
            let decls: String = (0..MAX_NAMESPACES - 4)
                .map(|i| format!(" xmlns:p{i}=\"{OBJ_NS}\""))
                .collect();
            answer(
                &decls,
                &format!("<obj:t>{}</obj:t>", "<p0:x>1</p0:x>".repeat(n / 14)),
            )
        }),
        ("nil attributes", |n| {
            answer("", &"<obj:x xsi:nil=\"true\"/>".repeat(n / 22))
        }),
        ("repeated elements", |n| {
            answer(
                "",
                &format!("<obj:t>{}</obj:t>", "<obj:x>v</obj:x>".repeat(n / 16)),
            )
        }),
        ("distinct elements", |n| {
            let body: String = (0..n / 20)
                .map(|i| format!("<obj:x{i}>v</obj:x{i}>"))
                .collect();
            answer("", &body)
        }),
        ("references", |n| {
            answer("", &format!("<obj:x>{}</obj:x>", "&lt;&#65;".repeat(n / 9)))
        }),
        ("comments, PIs, CDATA", |n| {
            let one = "<!-- c --><?p i?><![CDATA[<x>]]>";
            answer("", &format!("<obj:x>{}</obj:x>", one.repeat(n / one.len())))
        }),
        ("nesting", |n| {
            let one = format!("{}{}", "<obj:d>".repeat(40), "</obj:d>".repeat(40));
            answer("", &one.repeat(n / one.len()))
        }),
        ("long attribute value", |n| {
            answer("", &format!("<obj:x a=\"{}\">v</obj:x>", "v".repeat(n)))
        }),
        ("dates", |n| {
            answer(
                "",
                &format!(
                    "<obj:t>{}</obj:t>",
                    "<obj:date>01/02/2024 10:00</obj:date>".repeat(n / 36)
                ),
            )
        }),
        ("unterminated start tags", |n| {
            format!("<a b=\"{}", "<".repeat(n))
        }),
        ("text", |n| {
            answer("", &format!("<obj:x>{}</obj:x>", "t".repeat(n)))
        }),
    ]
}

/// The shortest of three runs of `work`.
pub(crate) fn fastest(mut work: impl FnMut()) -> std::time::Duration {
    (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn the_reader_is_linear_in_every_shape() {
    // One document 16 times larger must take about as long as 16 runs on the small one (the same
    // number of bytes read); a quadratic reader takes 16 times as long. The bound (4x) leaves room
    // for a loaded machine and for fresh memory being slower than reused memory; no absolute time
    // is asserted.
    const SMALL: usize = 16 * 1024;
    const TIMES: usize = 16;
    for (shape, make) in shapes() {
        let (small, big) = (make(SMALL), make(TIMES * SMALL));
        assert!(big.len() >= TIMES * small.len() * 3 / 4, "{shape}");
        // Both decode (or both are refused) at both sizes.
        let (a, b) = (
            parse_response(Operation::DoCapture, 200, &small),
            parse_response(Operation::DoCapture, 200, &big),
        );
        assert_eq!(a.is_ok(), b.is_ok(), "{shape}");
        let many_small = fastest(|| {
            for _ in 0..TIMES {
                let _ = parse_response(Operation::DoCapture, 200, &small);
            }
        });
        let one_big = fastest(|| {
            let _ = parse_response(Operation::DoCapture, 200, &big);
        });
        assert!(
            one_big < many_small * 4,
            "{shape}: {TIMES} x {} bytes in {many_small:?}, {} bytes in {one_big:?}",
            small.len(),
            big.len()
        );
    }
}

#[test]
fn every_shape_is_read_or_refused_as_expected() {
    // What the linear reader gives for each shape (checked by hand: the fields each builds).
    let n = 4096;
    for (shape, make) in shapes() {
        let r = parse_response(Operation::DoCapture, 200, &make(n));
        match shape {
            "unterminated start tags" => assert!(r.is_err(), "{shape}"),
            _ => {
                let v = r.unwrap_or_else(|e| panic!("{shape}: {e}"));
                assert_eq!(v["result"]["code"], "00000", "{shape}");
            }
        }
    }
    let v = parse_response(Operation::DoCapture, 200, &shapes()[3].1(n)).unwrap();
    assert_eq!(v["t"]["x"].as_array().map(Vec::len), Some(n / 16));
    let v = parse_response(Operation::DoCapture, 200, &shapes()[5].1(90)).unwrap();
    assert_eq!(v["x"], "<A".repeat(10));
    let v = parse_response(Operation::DoCapture, 200, &shapes()[9].1(72)).unwrap();
    assert_eq!(v["t"]["date"][1], "01/02/2024 10:00");
    assert_eq!(v["t"]["dateIso"], "2024-02-01T10:00:00");
}

#[test]
fn namespace_declarations_in_scope_are_bounded() {
    let decls = |k: usize| -> String {
        (0..k)
            .map(|i| format!(" xmlns:p{i}=\"{OBJ_NS}\""))
            .collect()
    };
    // The wrapper and envelope declare 4; up to 64 in scope are read.
    let ok = answer(&decls(MAX_NAMESPACES - 4), "<p9:x>1</p9:x>");
    assert_eq!(
        parse_response(Operation::DoCapture, 200, &ok).unwrap()["x"],
        "1"
    );
    let over = answer(&decls(MAX_NAMESPACES - 3), "<p9:x>1</p9:x>");
    let e = parse_response(Operation::DoCapture, 200, &over).unwrap_err();
    assert_eq!(e.code, ErrorCode::MalformedResponse);
    assert!(
        e.message.contains("more than 64 namespace declarations"),
        "{}",
        e.message
    );
    // Declarations end with their element: 64 on each of many siblings is fine.
    let siblings = format!("<obj:y{}>1</obj:y>", decls(MAX_NAMESPACES - 4)).repeat(100);
    let v = parse_response(
        Operation::DoCapture,
        200,
        &answer("", &format!("<obj:t>{siblings}</obj:t>")),
    )
    .unwrap();
    assert_eq!(v["t"]["y"].as_array().map(Vec::len), Some(100));
}

#[test]
fn duplicate_attributes_are_refused_wherever_they_are() {
    for tag in [
        "<a x=\"1\" x=\"2\"/>",
        "<a x=\"1\" y=\"2\" z=\"3\" x=\"4\"/>",
        "<a b=\"1\" c=\"2\" a=\"3\" c=\"4\"/>",
    ] {
        let e = parse_tree(tag).unwrap_err();
        assert!(
            e.message.contains("duplicate attribute"),
            "{tag}: {}",
            e.message
        );
        agree(tag);
    }
    // Many distinct attributes, then one repeated far from its first use.
    let many: String = (0..5000).map(|i| format!(" a{i}=\"v\"")).collect();
    assert!(parse_tree(&format!("<a{many}/>")).is_ok());
    assert!(parse_tree(&format!("<a{many} a17=\"w\"/>")).is_err());
}

/// The JSON text `write_response` gives for a doCapture answer whose wrapper holds `body`.
fn text_of(body: &str) -> String {
    let mut out = Vec::new();
    write_response(Operation::DoCapture, 200, &answer("", body), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn fields_group_the_same_below_and_above_the_index() {
    // Written out by hand: a repeated name becomes an array where the name was first seen, a
    // list wrapper's array seen again becomes an array of arrays, a date gets `{name}Iso` after
    // its first occurrence unless that name is already taken (then a later `<dateIso>` joins it
    // as an array), and `accepted` is added at the end of `result`. Below the answer's own fields
    // (`t` here), which come once (`a_field_of_the_answer_given_twice_is_refused`).
    let body = "<obj:a>1</obj:a><obj:date>01/02/2024 10:00</obj:date><obj:b>2</obj:b><obj:a>3</obj:a>\
                <obj:privateDataList><obj:p>x</obj:p></obj:privateDataList>\
                <obj:privateDataList><obj:p>y</obj:p></obj:privateDataList>\
                <obj:dateIso>z</obj:dateIso><obj:xIso>q</obj:xIso><obj:x>02/03/2024</obj:x><obj:a>4</obj:a>";
    let want = "\"a\":[\"1\",\"3\",\"4\"],\"date\":\"01/02/2024 10:00\",\"dateIso\":[\"2024-02-01T10:00:00\",\"z\"],\
                \"b\":\"2\",\"privateDataList\":[[\"x\"],[\"y\"]],\"xIso\":\"q\",\"x\":\"02/03/2024\"}";
    let result = "{\"result\":{\"code\":\"00000\",\"accepted\":true},\"t\":{";
    let t = |b: &str| format!("<obj:t>{b}</obj:t>");
    assert_eq!(text_of(&t(body)), format!("{result}{want}}}"));
    // The same with seventy fields before them (more than the 64 `json_ref::Places` scans), so
    // that every look-up goes through the index.
    let filler: String = (0..70)
        .map(|i| format!("<obj:f{i}>{i}</obj:f{i}>"))
        .collect();
    let filled: String = (0..70).map(|i| format!("\"f{i}\":\"{i}\",")).collect();
    assert_eq!(
        text_of(&t(&format!("{filler}{body}"))),
        format!("{result}{filled}{want}}}")
    );
    // And the index is consulted for names seen before it was made.
    let late = t(&format!("{filler}<obj:f3>again</obj:f3>"));
    let v = parse_response(Operation::DoCapture, 200, &answer("", &late)).unwrap();
    assert_eq!(v["t"]["f3"], serde_json::json!(["3", "again"]));
    assert_eq!(v["t"].as_object().map(|m| m.len()), Some(70));
}

/// The answer's element and its `transaction` come once in every answer of the WSDL: given twice,
/// the answer is refused rather than read by its order (two wrappers: the first one won) or with
/// an array where an object is declared (a helper's attack, nineteenth pass). Other fields, list
/// wrappers seen again and repeated fields deeper down are read as before (above).
#[test]
fn a_field_of_the_answer_given_twice_is_refused() {
    let tx = "<impl:transaction><obj:id>14341164420893</obj:id></impl:transaction>";
    let refused = |xml: &str| {
        let e = parse_response(Operation::DoCapture, 200, xml).unwrap_err();
        assert_eq!(e.code, ErrorCode::MalformedResponse, "{xml}");
        e.message
    };
    let m = refused(&answer("", &format!("{tx}{tx}")));
    assert!(
        m.contains("<doCaptureResponse> or its <transaction> comes more than once"),
        "{m}"
    );
    // Two answers in one Body, refused in either order.
    let ok = "<impl:result><obj:code>00000</obj:code></impl:result>";
    let no = "<impl:result><obj:code>01101</obj:code></impl:result>";
    for (a, b) in [(ok, no), (no, ok)] {
        let xml = format!(
            "<soapenv:Envelope xmlns:soapenv=\"{SOAP_ENV_NS}\"><soapenv:Body>\
             <impl:doCaptureResponse xmlns:impl=\"{IMPL_NS}\" xmlns:obj=\"{OBJ_NS}\">{a}</impl:doCaptureResponse>\
             <impl:doCaptureResponse xmlns:impl=\"{IMPL_NS}\" xmlns:obj=\"{OBJ_NS}\">{b}</impl:doCaptureResponse>\
             </soapenv:Body></soapenv:Envelope>"
        );
        let m = refused(&xml);
        assert!(
            m.contains("the SOAP Body or the answer in it comes more than once"),
            "{m}"
        );
        // Or in two Bodies (SOAP 1.1 §4.3 has one), each holding one, or the second one empty:
        // the first Body was read, a refusal where the other accepted (a helper's attack,
        // twenty-second pass).
        let wrapper = |r: &str| {
            format!(
                "<soapenv:Body><impl:doCaptureResponse xmlns:impl=\"{IMPL_NS}\" xmlns:obj=\"{OBJ_NS}\">\
                 {r}</impl:doCaptureResponse></soapenv:Body>"
            )
        };
        for second in [wrapper(b), "<soapenv:Body/>".to_string()] {
            let xml = format!(
                "<soapenv:Envelope xmlns:soapenv=\"{SOAP_ENV_NS}\">{}{second}</soapenv:Envelope>",
                wrapper(a)
            );
            refused(&xml);
        }
    }
    // A Fault beside an answer, in one Body or in two, in either order: a `Client` fault read first
    // said "not done" where the answer accepted (the review of the pass).
    let fault = "<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>x</faultstring></soapenv:Fault>";
    let accepted = format!(
        "<impl:doCaptureResponse xmlns:impl=\"{IMPL_NS}\" xmlns:obj=\"{OBJ_NS}\">\
         <impl:result><obj:code>00000</obj:code></impl:result></impl:doCaptureResponse>"
    );
    for inner in [
        format!("<soapenv:Body>{fault}</soapenv:Body><soapenv:Body>{accepted}</soapenv:Body>"),
        format!("<soapenv:Body>{accepted}</soapenv:Body><soapenv:Body>{fault}</soapenv:Body>"),
        format!("<soapenv:Body>{fault}{accepted}</soapenv:Body>"),
        format!("<soapenv:Body>{accepted}{fault}</soapenv:Body>"),
    ] {
        let xml =
            format!("<soapenv:Envelope xmlns:soapenv=\"{SOAP_ENV_NS}\">{inner}</soapenv:Envelope>");
        let m = refused(&xml);
        assert!(m.contains("comes more than once"), "{m}");
    }
    // A field the declaration does not type keeps the generic rule: a later WSDL's field, repeated,
    // is an array (the review of the pass).
    let future =
        "<impl:futureElement>a</impl:futureElement><impl:futureElement>b</impl:futureElement>";
    let v = parse_response(
        Operation::DoCapture,
        200,
        &answer("", &format!("{tx}{future}")),
    )
    .unwrap();
    assert_eq!(v["futureElement"], serde_json::json!(["a", "b"]));
    // One of each reads; a list wrapper given twice is still an array of arrays.
    let lists = "<impl:privateDataList><obj:privateData><obj:key>k</obj:key></obj:privateData></impl:privateDataList>";
    let v = parse_response(
        Operation::DoCapture,
        200,
        &answer("", &format!("{tx}{lists}{lists}")),
    )
    .unwrap();
    assert_eq!(v["transaction"]["id"], "14341164420893");
    assert_eq!(v["privateDataList"].as_array().map(Vec::len), Some(2));
}

/// `blank` decides by bytes what `str::trim().is_empty()` decides by characters (Unicode white
/// space, not only XML's): the same answer for every string built from these pieces.
#[test]
fn blank_is_trim_then_is_empty() {
    let pieces = [
        "", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}",
        "x", "é", "0", "\u{200B}",
    ];
    let mut n = 0;
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let s = format!("{a}{b}{c}");
                assert_eq!(blank(&s), s.trim().is_empty(), "{s:?}");
                n += 1;
            }
        }
    }
    assert_eq!(n, 15 * 15 * 15);
}

/// An end tag's name is compared after `trim_end` (Unicode white space), as it always was: a start
/// tag whose name ends in a non-XML space (U+00A0, U+3000) never matches its end tag, and trailing
/// white space in the end tag is tolerated. (Found by a differential fuzz of the reader before and
/// after its end-tag comparison took a byte fast path.)
#[test]
fn end_tag_names_compare_after_trim_end() {
    for refused in [
        "<a\u{a0}>x</a\u{a0}>",
        "<a\u{3000}>x</a\u{3000}>",
        "<a\u{85}>x</a\u{85}>",
    ] {
        assert!(parse_tree(refused).is_err(), "{refused:?}");
    }
    for read in [
        "<a>x</a>",
        "<a>x</a >",
        "<a>x</a\t\r\n>",
        "<a>x</a\u{a0}>",
        "<a>x</a\u{3000}>",
        "<é>x</é>",
    ] {
        let doc = parse_tree(read).unwrap();
        assert_eq!(doc[0].text, "x", "{read:?}");
    }
}

/// Blanks between elements written as references (`&#13;`, as an entitizing serializer indents), a
/// Header block and a Fault's `detail` with mixed content (SOAP leaves both free) read as before:
/// refusing mixed content as written refused such accepted answers (the review of the twenty-second
/// pass; "Known gaps").
#[test]
fn blank_references_and_free_soap_blocks_read() {
    let sep = "&#13;\n\t&#x20;";
    let body = format!(
        "<impl:doCaptureResponse xmlns:impl=\"{IMPL_NS}\" xmlns:obj=\"{OBJ_NS}\">{sep}<impl:result>{sep}\
         <obj:code>00000</obj:code>{sep}</impl:result>{sep}</impl:doCaptureResponse>"
    );
    let xml = format!(
        "<s:Envelope xmlns:s=\"{SOAP_ENV_NS}\"><s:Header><x:Trace xmlns:x=\"urn:proxy\">via <x:hop>lb1</x:hop>\
         </x:Trace></s:Header><s:Body>{body}</s:Body></s:Envelope>"
    );
    let v = parse_response(Operation::DoCapture, 200, &xml).unwrap();
    assert_eq!(v["result"]["accepted"], true);
    let fault = format!(
        "<s:Envelope xmlns:s=\"{SOAP_ENV_NS}\"><s:Body><s:Fault><faultcode>s:Client</faultcode>\
         <faultstring>bad request</faultstring><detail>see <x:ref xmlns:x=\"urn:x\">E12</x:ref></detail>\
         </s:Fault></s:Body></s:Envelope>"
    );
    let e = parse_response(Operation::DoCapture, 500, &fault).unwrap_err();
    assert_eq!(e.code, ErrorCode::GatewayError, "{}", e.message);
    assert_eq!(e.gateway_code.as_deref(), Some("Client"));
}
