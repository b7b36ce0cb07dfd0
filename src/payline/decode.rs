//! SOAP response → JSON value named as in the WSDL.
//!
//! Namespace-aware: elements are matched on namespace URI + local name (prefixes resolved through
//! the `xmlns` declarations in scope, see [`parse_tree`]), so `<doReAuthorizationResponse xmlns=impl>`, `<impl:…>` and `<ns2:…>` with a
//! default obj namespace all read the same (reference §7.2). Rules:
//! - elements outside the Payline namespaces are ignored; unknown Payline elements are kept as
//!   they come (new fields appear with versions);
//! - `xsi:nil="true"` and empty elements are absent; an object left without fields is absent;
//! - known list wrappers (`privateDataList`, `associatedTransactionsList`, …) become arrays, and an
//!   element repeated under one parent becomes an array;
//! - every value is a string as written (transaction ids exceed 2^53); a date in one of Payline's
//!   layouts gets a sibling `{name}Iso` (`YYYY-MM-DDTHH:MM:SS`, Paris wall-clock, no offset);
//! - `result.accepted` is added from the return-code table.
//! - an element with child elements is an object (or absent), never text: its character data after
//!   its first child is checked (references) but not kept, so a Fault's `faultstring` holding markup
//!   (it is plain text in SOAP 1.1) reads only up to its first child.

use super::codes;
use super::dates;
use super::model::{Operation, IMPL_NS, OBJ_NS, SOAP_ENV_NS, XSI_NS};
use crate::codec::json_ref::Places;
use crate::codec::{json_out, text};
use crate::error::{Error, ErrorCode, Gateway, Result};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Deepest nesting accepted (Payline answers are 5–6 levels deep); deeper is refused rather than
/// risking the wasm stack.
const MAX_DEPTH: usize = 48;

/// Most namespace declarations in scope at once (Payline answers have under ten). Resolving a
/// prefix scans the declarations in scope, so this bound keeps the reader linear in the size of
/// the document (issue 10, row 11: many declarations × many elements was quadratic); a document
/// above it is refused, like one nested deeper than [`MAX_DEPTH`].
const MAX_NAMESPACES: usize = 64;

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

/// One element, borrowing its names and text from the document where it can (issue 9: an owned
/// string per name and per text was a third of `payline.parseResponse`). Text is owned only when
/// it held a reference or came in several pieces (around children, comments, CDATA).
///
/// The elements of a document sit in one `Vec` in document order, the root first ([`parse_tree`]);
/// each names its first child and its next sibling by index (issue 9: a `Vec` of children per
/// element, grown a push at a time and dropped recursively, was a sixth of the reader's work).
#[derive(Debug, PartialEq)]
struct El<'a> {
    ns: Ns,
    /// The namespace URI as written when `ns` is `Other` (for messages), empty otherwise.
    uri: &'a str,
    local: &'a str,
    nil: bool,
    text: Cow<'a, str>,
    first: Option<usize>,
    next: Option<usize>,
}

/// The children of one element, in order.
#[derive(Clone)]
struct Kids<'t, 'a> {
    doc: &'t [El<'a>],
    at: Option<usize>,
}

impl<'t, 'a> Iterator for Kids<'t, 'a> {
    type Item = &'t El<'a>;

    fn next(&mut self) -> Option<&'t El<'a>> {
        let el = self.doc.get(self.at?)?;
        self.at = el.next;
        Some(el)
    }
}

fn kids<'t, 'a>(doc: &'t [El<'a>], el: &El<'a>) -> Kids<'t, 'a> {
    Kids { doc, at: el.first }
}

/// Not generic and never inlined: the reader has some twenty refusal sites (size, issue 6).
#[inline(never)]
fn malformed(detail: &str) -> Error {
    Error::new(
        ErrorCode::MalformedResponse,
        format!("the Payline answer is not a readable SOAP response ({detail})"),
    )
    .with_gateway(Gateway::Payline)
}

fn ns_of_uri(uri: &str) -> Ns {
    match uri {
        IMPL_NS => Ns::Impl,
        OBJ_NS => Ns::Obj,
        SOAP_ENV_NS => Ns::Soap,
        _ => Ns::Other,
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

/// `&#NN;` / `&#xHH;` (the part after `#`); NUL and non-characters are refused.
fn char_ref(num: &str) -> Option<char> {
    let (digits, radix) = match num.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (num, 10),
    };
    if digits.is_empty()
        || !digits
            .bytes()
            .all(|b| crate::codec::text::digit(b, radix).is_some())
    {
        return None;
    }
    crate::codec::text::parse_uint(digits, radix)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n != 0)
        .and_then(char::from_u32)
}

/// `s.split_once(b)` for an ASCII byte `b`, by `memchr` (issue 9: `split_once` with a `char`
/// pattern costs a searcher per call at opt-level z). In UTF-8 an ASCII byte is always a whole
/// character, so both sides are `str`s.
fn split_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = memchr::memchr(b, s.as_bytes())?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// XML white space (`S`: space, tab, CR, LF), one byte.
fn is_space_byte(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The ASCII bytes `char::is_whitespace` accepts (what `str::trim` removes below U+0080).
fn ascii_white(b: &u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// `s.trim().is_empty()` (Unicode white space, as before), settled by bytes unless a non-ASCII
/// character comes before anything else (issue 9: at opt-level z `trim` is a call per character
/// from each end, and this runs for every element).
fn blank(s: &str) -> bool {
    match s.bytes().find(|b| !ascii_white(b)) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Appends character data `raw` (with references) to an element's text: borrowed from the document
/// when it is the first piece and holds no reference.
fn append_text<'a>(text: &mut Cow<'a, str>, raw: &'a str) -> Result<()> {
    if memchr::memchr(b'&', raw.as_bytes()).is_none() {
        append_plain(text, raw);
        return Ok(());
    }
    unescape(raw, text.to_mut())
}

/// Appends text without references (a reference-free piece, a CDATA section).
fn append_plain<'a>(text: &mut Cow<'a, str>, s: &'a str) {
    if text.is_empty() {
        *text = Cow::Borrowed(s);
    } else {
        text.to_mut().push_str(s);
    }
}

/// Appends `raw` with its entity and character references resolved. Only the five predefined
/// entities exist here: no DTD is read, so nothing can be expanded or fetched.
fn unescape(raw: &str, out: &mut String) -> Result<()> {
    let mut rest = raw;
    while let Some((before, after)) = split_byte(rest, b'&') {
        out.push_str(before);
        let (name, tail) =
            split_byte(after, b';').ok_or_else(|| malformed("unterminated entity reference"))?;
        let c = match name.strip_prefix('#') {
            Some(num) => char_ref(num)
                .ok_or_else(|| malformed("character reference to a character XML does not allow")),
            None => predefined(name).ok_or_else(|| malformed("unknown entity reference")),
        };
        out.push(c?);
        rest = tail;
    }
    out.push_str(rest);
    Ok(())
}

/// A namespace declaration in scope: prefix (`""` for the default namespace), URI as written, and
/// its class, found once when declared rather than for each element that uses it.
type Binding<'p, 'u> = (&'p str, &'u str, Ns);

/// The namespace of a prefixed (`Some(prefix)`) or unprefixed name, from the in-scope
/// declarations (innermost last), with its URI as written. An unknown prefix is `Other` with an
/// empty URI; no default namespace is `None`.
fn resolve<'a>(bindings: &[Binding<'_, 'a>], prefix: Option<&str>) -> (Ns, &'a str) {
    let wanted = prefix.unwrap_or("");
    match bindings.iter().rev().find(|(p, _, _)| *p == wanted) {
        Some((_, "", _)) if prefix.is_none() => (Ns::None, ""),
        Some((_, uri, ns)) => (*ns, uri),
        None if prefix.is_none() => (Ns::None, ""),
        // Bound by the Namespaces in XML recommendation itself, never declared.
        None if prefix == Some("xml") => (Ns::Other, "http://www.w3.org/XML/1998/namespace"),
        None if prefix == Some("xmlns") => (Ns::Other, "http://www.w3.org/2000/xmlns/"),
        None => (Ns::Other, ""),
    }
}

fn split_qname(name: &str) -> (Option<&str>, &str) {
    match split_byte(name, b':') {
        Some((p, l)) => (Some(p), l),
        None => (None, name),
    }
}

/// Splits a start tag's inside (`name attr="v" …`, without `<`, `/>` or `>`) into its name and
/// attributes (raw values). Every attribute needs a quoted value; duplicates are refused.
fn tag_parts(inside: &str) -> Result<(&str, Vec<(&str, &str)>)> {
    // Byte scans: the characters looked for are ASCII (see `tag_end`), and at opt-level z a
    // char-pattern `trim`/`contains` is a searcher call per character (issue 9).
    let name_end = inside
        .as_bytes()
        .iter()
        .position(is_space_byte)
        .unwrap_or(inside.len());
    let (name, mut rest) = inside.split_at_checked(name_end).unwrap_or((inside, ""));
    if name.is_empty()
        || name
            .bytes()
            .any(|b| matches!(b, b'<' | b'&' | b'"' | b'\'' | b'='))
    {
        return Err(malformed("bad element name"));
    }
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    loop {
        let blank = rest.bytes().take_while(is_space_byte).count();
        rest = rest.get(blank..).unwrap_or("");
        if rest.is_empty() {
            // Duplicates found with a hash map of the names: linear, where comparing each
            // attribute with the ones before it was quadratic (issue 10, row 11: 771 KiB of
            // attributes on one tag took 34 s). serde_json's map is already in the `.wasm` (the
            // answer writer's index); the `sort_unstable` used before linked 1.2 KB gzip of
            // sorting code for this one place.
            // A few attributes (the usual case: namespace declarations) are compared pairwise,
            // without allocating.
            let duplicate = if attrs.len() <= 8 {
                attrs
                    .iter()
                    .enumerate()
                    .any(|(i, (key, _))| attrs.iter().take(i).any(|(k, _)| k == key))
            } else {
                let mut seen = Map::with_capacity(attrs.len());
                attrs
                    .iter()
                    .any(|(key, _)| seen.insert((*key).to_owned(), Value::Null).is_some())
            };
            if duplicate {
                return Err(malformed("duplicate attribute"));
            }
            return Ok((name, attrs));
        }
        let (key, after) =
            split_byte(rest, b'=').ok_or_else(|| malformed("attribute without a value"))?;
        let key = key
            .get(..key.len() - key.bytes().rev().take_while(is_space_byte).count())
            .unwrap_or(key);
        let after = after
            .get(after.bytes().take_while(is_space_byte).count()..)
            .unwrap_or("");
        let quote = after
            .bytes()
            .next()
            .filter(|q| matches!(q, b'"' | b'\''))
            .ok_or_else(|| malformed("attribute value without quotes"))?;
        let (value, tail) = after
            .get(1..)
            .and_then(|a| split_byte(a, quote))
            .ok_or_else(|| malformed("unterminated attribute value"))?;
        if key.is_empty()
            || key.bytes().any(|b| is_space_byte(&b))
            || memchr::memchr(b'<', value.as_bytes()).is_some()
        {
            return Err(malformed("bad attribute"));
        }
        attrs.push((key, value));
        if tail.bytes().next().is_some_and(|b| !is_space_byte(&b)) {
            return Err(malformed("attributes must be separated by spaces"));
        }
        rest = tail;
    }
}

/// The end of a start tag: the index of its `>` in `s` (which starts after `<`), skipping quoted
/// attribute values.
///
/// A walk over bytes rather than `char_indices`: every delimiter is ASCII, and in UTF-8 no byte of
/// a multi-byte character is ASCII, so the offsets are the same (issue 9: the char walk was an
/// eighth of `payline.parseResponse`).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Parses the whole document into a tree, namespace-aware (prefixes resolved through the
/// `xmlns` declarations in scope).
///
/// Written by hand rather than with quick-xml's `NsReader` for size (issue 6: the reader and its
/// namespace resolver cost several KB of gzipped wasm for the one subset read here). The subset:
/// elements, attributes, text, CDATA, comments and processing instructions; the five predefined
/// entities and character references; a DOCTYPE is refused (so no entity can be declared,
/// expanded or fetched). `decode/tests.rs` checks it against quick-xml's `NsReader`.
fn parse_tree(xml: &str) -> Result<Vec<El<'_>>> {
    // Sized from the text (a Payline answer has an element per 30-40 bytes), so that it rarely
    // grows; bounded, so that a large hostile text reserves nothing unusual up front.
    let mut els: Vec<El> = Vec::with_capacity((xml.len() / 32).clamp(8, 1024));
    // The open elements, innermost last.
    let mut open: Vec<Open> = Vec::with_capacity(8);
    let mut bindings: Vec<Binding> = Vec::with_capacity(8);
    // A byte order mark is not part of the document (XML 1.0 §4.3.3): an answer saved to a file
    // and read back with it.
    let mut rest = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    while !rest.is_empty() {
        // The first byte looked at directly: `strip_prefix('<')` encodes the char and calls a
        // matcher at opt-level z (issue 9).
        // (`matches!` rather than `==` on `Option`s here: that `eq` is a call at z.)
        let tag = if matches!(rest.as_bytes().first(), Some(b'<')) {
            rest.get(1..)
        } else {
            None
        };
        let Some(tag) = tag else {
            let end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
            let (raw, tail) = rest.split_at_checked(end).unwrap_or((rest, ""));
            match open.last() {
                Some(top) => match els.get_mut(top.at) {
                    Some(el) if top.last.is_none() => append_text(&mut el.text, raw)?,
                    // After a child: only its references are checked (see `Open::last`).
                    _ if memchr::memchr(b'&', raw.as_bytes()).is_some() => {
                        unescape(raw, &mut String::new())?
                    }
                    _ => {}
                },
                None if blank(raw) => {}
                None => return Err(malformed("text outside the root element")),
            }
            rest = tail;
            continue;
        };
        let skip_to = |s: &'_ str, close: &str, what: &str| -> Result<usize> {
            text::find(s, close)
                .map(|i| i + close.len())
                .ok_or_else(|| malformed(what))
        };
        // One look at the first byte (issue 9): most tags are start or end tags, and each
        // `strip_prefix` below is a call at opt-level z.
        let first = tag.as_bytes().first().copied();
        if matches!(first, Some(b'?' | b'!')) {
            if let Some(body) = tag.strip_prefix("?") {
                // A target first (XML §2.6 PITarget, a name): `<??>` and `<? x?>` are no processing
                // instruction (`<b></b><?>?>` was taken, found by the differential property test).
                if !body
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80)
                {
                    return Err(malformed(
                        "a processing instruction whose target is no name",
                    ));
                }
                let n = skip_to(body, "?>", "unterminated processing instruction")?;
                rest = body.get(n..).unwrap_or("");
            } else if let Some(body) = tag.strip_prefix("!--") {
                let n = skip_to(body, "-->", "unterminated comment")?;
                rest = body.get(n..).unwrap_or("");
            } else if let Some(body) = tag.strip_prefix("![CDATA[") {
                let (cdata, tail) = text::split_once(body, "]]>")
                    .ok_or_else(|| malformed("unterminated CDATA section"))?;
                if let Some(top) = open.last().filter(|top| top.last.is_none()) {
                    if let Some(el) = els.get_mut(top.at) {
                        append_plain(&mut el.text, cdata);
                    }
                }
                rest = tail;
            } else if tag.starts_with('!') {
                return Err(malformed(if tag.starts_with("!DOCTYPE") {
                    "a DOCTYPE is not expected in a SOAP answer"
                } else {
                    "unexpected markup"
                }));
            }
        } else if matches!(first, Some(b'/')) {
            let body = tag.get(1..).unwrap_or("");
            let (name, tail) =
                split_byte(body, b'>').ok_or_else(|| malformed("unterminated end tag"))?;
            let closed = open.pop().ok_or_else(|| malformed("unbalanced end tag"))?;
            // `trim_end` (Unicode white space, as always: a name ending in U+00A0 or U+3000
            // stays refused) only when the last byte could be white space.
            let trimmed = match name.as_bytes().last() {
                Some(b) if b.is_ascii() && !ascii_white(b) => name,
                _ => name.trim_end(),
            };
            if trimmed != closed.name {
                return Err(malformed("end tag does not match its start tag"));
            }
            bindings.truncate(bindings.len().saturating_sub(closed.declared));
            complete(&open, closed.at)?;
            rest = tail;
        } else {
            let end = tag_end(tag).ok_or_else(|| malformed("unterminated start tag"))?;
            let (inside, tail) = tag.split_at_checked(end).unwrap_or((tag, ""));
            rest = tail.get(1..).unwrap_or("");
            let (inside, empty) = match inside.as_bytes().last() {
                Some(b'/') => (inside.get(..inside.len() - 1).unwrap_or(""), true),
                _ => (inside, false),
            };
            if open.len() >= MAX_DEPTH {
                return Err(malformed("nesting too deep"));
            }
            let (name, attrs) = tag_parts(inside)?;
            let before = bindings.len();
            for (key, value) in &attrs {
                if *key == "xmlns" {
                    bindings.push(("", value, ns_of_uri(value)));
                } else if let Some(p) = key.strip_prefix("xmlns:") {
                    bindings.push((p, value, ns_of_uri(value)));
                }
            }
            if bindings.len() > MAX_NAMESPACES {
                return Err(malformed("more than 64 namespace declarations in scope"));
            }
            let mut nil = false;
            for (key, value) in &attrs {
                let (prefix, local) = split_qname(key);
                let Some(prefix) = prefix else { continue };
                if local == "nil"
                    && prefix != "xmlns"
                    && bindings
                        .iter()
                        .rev()
                        .find(|(p, _, _)| *p == prefix)
                        .is_some_and(|(_, uri, _)| *uri == XSI_NS)
                {
                    let mut v = String::new();
                    unescape(value, &mut v)?;
                    nil = matches!(v.trim(), "true" | "1");
                }
            }
            let (prefix, local) = split_qname(name);
            let (ns, uri) = resolve(&bindings, prefix);
            let at = els.len();
            // Linked as its parent's last child (a second root stays unlinked: `complete`
            // refuses it once it is read, where the error has always been raised).
            if let Some(parent) = open.last_mut() {
                let slot = match parent.last {
                    Some(last) => els.get_mut(last).map(|l| &mut l.next),
                    None => els.get_mut(parent.at).map(|p| &mut p.first),
                };
                if let Some(slot) = slot {
                    *slot = Some(at);
                }
                parent.last = Some(at);
            }
            els.push(El {
                ns,
                uri: if ns == Ns::Other { uri } else { "" },
                local,
                nil,
                text: Cow::Borrowed(""),
                first: None,
                next: None,
            });
            if empty {
                bindings.truncate(before);
                complete(&open, at)?;
            } else {
                open.push(Open {
                    name,
                    declared: bindings.len() - before,
                    at,
                    last: None,
                });
            }
        }
    }
    if !open.is_empty() {
        return Err(malformed("the document ends inside an element"));
    }
    if els.is_empty() {
        return Err(malformed("no XML element found"));
    }
    Ok(els)
}

/// An element being read: its qualified name, how many namespace bindings it declared, its
/// index, and the index of its last child so far.
struct Open<'a> {
    name: &'a str,
    declared: usize,
    at: usize,
    /// Also decides what text is kept: an element is read as text only when it has no child
    /// (`value_of`), so character data after its first child is checked (its references) and
    /// dropped. Keeping it cost an owned `String`, grown by each run of indentation, per parent
    /// element (issue 9).
    last: Option<usize>,
}

/// Checks an element just read in full: at the top level, only the first element (the root,
/// index 0) may stand.
fn complete(open: &[Open], at: usize) -> Result<()> {
    if open.is_empty() && at != 0 {
        return Err(malformed("more than one root element"));
    }
    Ok(())
}

fn payline_ns(el: &El) -> bool {
    matches!(el.ns, Ns::Impl | Ns::Obj)
}

/// The decoded value of one element, borrowing the tree's text. Written as JSON text by
/// [`Node::write`] (issue 9: the answer was a `serde_json::Value`, an `IndexMap` and an owned
/// string per field, then serialised: two thirds of `payline.parseResponse`).
#[derive(Debug)]
enum Node<'t> {
    Text(&'t str),
    /// A `{name}Iso` date.
    Owned(String),
    /// `result.accepted`.
    Flag(bool),
    List(Vec<Node<'t>>),
    Obj(Fields<'t>),
}

/// An object's fields in the order first seen.
#[derive(Debug, Default)]
struct Fields<'t> {
    entries: Vec<(Cow<'t, str>, Node<'t>)>,
    /// Where each key stands, so that a document of many distinct siblings is still read in
    /// linear time (`the_reader_is_linear_in_every_shape`).
    places: Places,
}

impl<'t> Fields<'t> {
    fn find(&self, key: &str) -> Option<usize> {
        self.places.find(&self.entries, key)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Node<'t>> {
        let at = self.find(key)?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// Adds a field whose key is not there yet.
    fn push(&mut self, key: Cow<'t, str>, value: Node<'t>) {
        self.entries.push((key, value));
        self.places.pushed(&self.entries);
    }
}

impl Node<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Node::Text(s) => json_out::str(out, s),
            Node::Owned(s) => json_out::str(out, s),
            Node::Flag(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Node::List(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Node::Obj(fields) => fields.write(out),
        }
    }
}

impl Fields<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (i, (key, value)) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_out::str(out, key);
            out.push(b':');
            value.write(out);
        }
        out.push(b'}');
    }
}

fn is_list_wrapper(local: &str) -> bool {
    LIST_WRAPPERS.contains(&local)
}

/// The value of one element, `None` when absent (nil, empty, or an object without fields).
fn value_of<'t, 'a>(doc: &'t [El<'a>], el: &'t El<'a>) -> Option<Node<'t>> {
    element_value(doc, el, true)
}

/// [`value_of`]; `wrapper` false for a list's item, which is never itself read as a list, even
/// when named as its wrapper (`order.details` holds `details` items: orderDetail objects).
fn element_value<'t, 'a>(doc: &'t [El<'a>], el: &'t El<'a>, wrapper: bool) -> Option<Node<'t>> {
    if el.nil {
        return None;
    }
    let mut kids = kids(doc, el).filter(|c| payline_ns(c)).peekable();
    if kids.peek().is_none() {
        if el.first.is_some() || blank(&el.text) {
            return None;
        }
        return Some(Node::Text(&el.text));
    }
    if wrapper && is_list_wrapper(el.local) {
        let mut items = Vec::new();
        for kid in kids {
            if let Some(v) = element_value(doc, kid, false) {
                items.push(v);
            }
        }
        return (!items.is_empty()).then_some(Node::List(items));
    }
    let fields = object_of(doc, kids);
    (!fields.entries.is_empty()).then_some(Node::Obj(fields))
}

/// The fields of an object: a name seen again under one parent becomes an array (a list
/// wrapper's array becomes an array of arrays); a date gets a `{name}Iso` sibling after its first
/// occurrence, unless that name is taken.
fn object_of<'t, 'a: 't>(
    doc: &'t [El<'a>],
    kids: impl Iterator<Item = &'t El<'a>> + Clone,
) -> Fields<'t> {
    // Room for every child up front (an upper bound: absent values and repeated names take
    // none): one allocation per object instead of a doubling per few fields.
    let mut fields = Fields {
        // (+1: `result.accepted` or a date's `{name}Iso` sibling.)
        entries: Vec::with_capacity(kids.clone().count() + 1),
        places: Places::default(),
    };
    for kid in kids {
        let Some(v) = value_of(doc, kid) else {
            continue;
        };
        let key: &'t str = kid.local;
        match fields.get_mut(key) {
            Some(Node::List(list)) if !is_list_wrapper(key) => list.push(v),
            Some(existing) => {
                let first = std::mem::replace(existing, Node::Flag(false));
                *existing = Node::List(vec![first, v]);
            }
            None => {
                let iso = match v {
                    Node::Text(s) => iso_form(s),
                    _ => None,
                };
                fields.push(Cow::Borrowed(key), v);
                if let Some(iso) = iso {
                    let mut iso_key = String::with_capacity(key.len() + 3);
                    iso_key.push_str(key);
                    iso_key.push_str("Iso");
                    if fields.find(&iso_key).is_none() {
                        fields.push(Cow::Owned(iso_key), Node::Owned(iso));
                    }
                }
            }
        }
    }
    fields
}

/// The ISO 8601 form of a Payline date (`dd/MM/yy[yy] HH:mm[:ss]` or `dd/MM/yyyy`).
fn iso_form(s: &str) -> Option<String> {
    // Every Payline date has its first '/' third (`dates::parse_payline_date`): one byte
    // looked at rather than a search of every text (issue 9).
    if !matches!(s.as_bytes().get(2), Some(b'/')) {
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

fn child<'t, 'a>(doc: &'t [El<'a>], el: &El<'a>, ns: Ns, local: &str) -> Option<&'t El<'a>> {
    kids(doc, el).find(|c| c.ns == ns && c.local == local)
}

/// `found <local> in namespace X` for a message naming an element read in another namespace than
/// the expected one (issue 12: a `<code>` outside the Payline namespaces was reported as missing).
fn found(el: &El) -> String {
    let uri = match el.ns {
        Ns::Impl => IMPL_NS,
        Ns::Obj => OBJ_NS,
        Ns::Soap => SOAP_ENV_NS,
        Ns::None => "",
        Ns::Other => el.uri,
    };
    let local = crate::money::printable(el.local);
    match (el.ns, uri) {
        (Ns::None, _) => format!("found <{local}> in no namespace"),
        (_, "") => format!("found <{local}> with an undeclared prefix"),
        _ => format!(
            "found <{local}> in namespace {}",
            crate::money::printable(uri)
        ),
    }
}

/// Why `wrapper` has no `result.code`: a `result` or `code` element present in another namespace
/// than Payline's is named; otherwise nothing is added.
fn misplaced_code(doc: &[El], wrapper: &El) -> String {
    let expected = format!(", expected it in namespace {OBJ_NS} or {IMPL_NS}");
    let named = |el: &El, local: &str| -> Option<String> {
        kids(doc, el)
            .find(|c| c.local == local && !payline_ns(c))
            .map(|c| format!(": {}{expected}", found(c)))
    };
    match kids(doc, wrapper).find(|c| c.local == "result" && payline_ns(c)) {
        Some(result) => named(result, "code"),
        None => named(wrapper, "result"),
    }
    .unwrap_or_default()
}

fn fault_error(doc: &[El], fault: &El, op: Operation, http_status: u16) -> Error {
    let text_of = |name: &str| {
        kids(doc, fault)
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
            crate::transport::wire_text(&fault_string)
        ),
    )
    .with_gateway(Gateway::Payline)
    .with_gateway_message(crate::transport::redact(&fault_string))
    .with_http_status(http_status);
    // Without the envelope's prefix, which each server names its own way (`soapenv:Server`,
    // `S:Server`, `soap:Server`): `Server`, `Client`, as README names them (a helper's audit of the
    // declarations, eighteenth pass). The transport's retry rule reads the same local part.
    if let Some(code) = text_of("faultcode") {
        // (By `find`, which the crate has: `rsplit` brought its reverse searcher, +350 B of `.wasm`.)
        let mut local = code.as_str();
        while let Some(i) = crate::codec::text::find(local, ":") {
            local = local.get(i + 1..).unwrap_or_default();
        }
        err = err.with_gateway_code(local);
    }
    err
}

/// Decodes the answer to `operation`. HTTP 401 → `HTTP_ERROR` (credentials refused); a SOAP Fault
/// → `GATEWAY_ERROR` with the fault text; anything that is not the expected SOAP answer →
/// `MALFORMED_RESPONSE` (or `HTTP_ERROR` when the status was not 2xx).
pub fn parse_response(op: Operation, http_status: u16, xml: &str) -> Result<Value> {
    let mut out = Vec::with_capacity(xml.len() / 2 + 16);
    write_response(op, http_status, xml, &mut out)?;
    crate::codec::json_ref::value(&json_out::finish(out))
        .map_err(|_| malformed("unreadable answer"))
}

/// [`parse_response`] written as JSON text at the end of `out` (the same fields in the same
/// order), nothing written on error.
pub fn write_response(op: Operation, http_status: u16, xml: &str, out: &mut Vec<u8>) -> Result<()> {
    // Under 401 a SOAP answer is read as under any status (an acceptance, a technical error or a
    // `Server` fault there is not "refused the credentials": a helper's attack); a page without
    // one (a servlet container's, with CSS) keeps the credentials hint.
    if http_status == 401 && crate::codec::text::find(xml, "Envelope").is_none() {
        return Err(Error::new(
            ErrorCode::HttpError,
            "Payline refused the credentials (HTTP 401): check merchantId and accessKey, and that the access key belongs to this environment (homologation or production)",
        )
        .with_gateway(Gateway::Payline)
        .with_http_status(401));
    }
    let http_error = || {
        Error::new(
            // Under another 4xx, a body that may be an answer this reader could not read (a cut or
            // UTF-16 acceptance, SOAP 1.2) is no "refused before processing" (a helper's attack,
            // twenty-third pass: "not done" after a 403 carrying a cut acceptance), as under 429.
            // (Payline answers SOAP: `Envelope`, or the NULs of UTF-16; not a `{`, which every page
            // with CSS holds, a review of the pass; 421 is the runtime's resend, decided by `settle`.)
            if (400..=499).contains(&http_status)
                && !matches!(http_status, 421 | 429)
                && (crate::codec::text::find(xml, "Envelope").is_some() || xml.contains('\0'))
            {
                ErrorCode::MalformedResponse
            } else {
                ErrorCode::HttpError
            },
            format!(
                "Payline answered HTTP {} to {} without a SOAP answer{}",
                u32::from(http_status),
                op.name(),
                // (A new user's walk, twenty-second pass: a baseUrl of the host alone.)
                if matches!(http_status, 404 | 405) {
                    ": check baseUrl (Payline's services are under /V4/services)"
                } else {
                    ""
                }
            ),
        )
        .with_gateway(Gateway::Payline)
        .with_http_status(http_status)
        // As the clients: after a money-moving operation a 408 or 5xx may hide a done
        // operation; a 429 refused it, unless a SOAP envelope this reader could not read is in it.
        .with_retryable(crate::transport::status_retryable(
            op.kind(),
            http_status,
            xml,
        ))
    };
    let ok_status = (200..=299).contains(&http_status);
    if let Err(e) = crate::codec::check_size(
        xml,
        crate::codec::MAX_ANSWER_BYTES,
        Gateway::Payline,
        "answer",
        crate::codec::ANSWER_TOO_LARGE_HINT,
    ) {
        return Err(if ok_status {
            e.with_http_status(http_status)
        } else {
            http_error()
        });
    }
    let doc = match parse_tree(xml) {
        Ok(d) => d,
        Err(e) if ok_status => return Err(e),
        Err(_) => return Err(http_error()),
    };
    let doc = doc.as_slice();
    let root = doc
        .first()
        .ok_or_else(|| malformed("no XML element found"))?;
    let body = (root.ns == Ns::Soap && root.local == "Envelope")
        .then(|| child(doc, root, Ns::Soap, "Body"))
        .flatten();
    let Some(body) = body else {
        return Err(if ok_status {
            // The element that stands where Envelope or Body was expected, with its namespace.
            let stand_in = if root.ns == Ns::Soap && root.local == "Envelope" {
                kids(doc, root).find(|c| c.local == "Body")
            } else {
                Some(root)
            };
            let mut detail = String::from("no SOAP 1.1 Envelope/Body");
            if let Some(el) = stand_in {
                detail.push_str(": ");
                detail.push_str(&found(el));
                detail.push_str(", expected namespace ");
                detail.push_str(SOAP_ENV_NS);
            }
            malformed(&detail)
        } else {
            http_error()
        });
    };
    // SOAP 1.1 §4.3: one Body; in Payline's answers, one entry in it, a Fault or the answer. A second
    // Body was not read (a refusal where the other accepted), nor an answer beside a Fault, nor a
    // second answer (read by their order): helpers' attacks, nineteenth and twenty-second passes.
    // (One Body and one entry make two; an empty Body is refused below, having no answer.)
    if kids(doc, root)
        .filter(|c| c.local == "Body")
        .chain(kids(doc, body))
        .count()
        > 2
    {
        return Err(malformed(
            "the SOAP Body or the answer in it comes more than once, where Payline writes each once",
        ));
    }
    if let Some(fault) = child(doc, body, Ns::Soap, "Fault") {
        return Err(fault_error(doc, fault, op, http_status));
    }
    let mut wrapper_name = String::from(op.name());
    wrapper_name.push_str("Response");
    let Some(wrapper) = child(doc, body, Ns::Impl, &wrapper_name) else {
        // The same name in another namespace first, else the first element of the Body.
        let stand_in = kids(doc, body)
            .find(|c| c.local == wrapper_name)
            .or_else(|| kids(doc, body).next())
            .map(found)
            .unwrap_or_else(|| "found nothing".to_string());
        return Err(if ok_status {
            malformed(&format!(
                "expected <{wrapper_name}> in namespace {IMPL_NS}, {stand_in}"
            ))
        } else {
            http_error()
        });
    };
    let mut fields = object_of(doc, kids(doc, wrapper).filter(|c| payline_ns(c)));
    // The answer's `transaction` comes once in every answer the WSDL describes (`result` is read apart;
    // a second answer is refused above, with the Body): a second one made an array where
    // `PaylineResponse` declares an object (a helper's attack, nineteenth pass). Other names keep the
    // generic rule (a repeated one is an array: a field of a later WSDL, `pointOfSell`'s `contract`
    // items), so that an answer with a new field still reads (the review of the pass: a repeated
    // unknown field made an accepted capture's outcome unknown; the declared names as a table cost
    // 133 B of the .wasm, over the gate). (The message names the answer too, as it did when the check
    // also counted the answers: one literal, its text unchanged.)
    if matches!(fields.get_mut("transaction"), Some(Node::List(_))) {
        return Err(malformed(&format!(
            "<{wrapper_name}> or its <transaction> comes more than once, where the WSDL has each once"
        )));
    }
    let result = match fields.get_mut("result") {
        Some(Node::Obj(result)) => match result.get_mut("code") {
            Some(&mut Node::Text(code)) => Some((result, code)),
            _ => None,
        },
        _ => None,
    };
    let Some((result, code)) = result else {
        return Err(malformed(&format!(
            "{wrapper_name} has no single result.code{}",
            misplaced_code(doc, wrapper)
        )));
    };
    let accepted = codes::is_accepted(code);
    // An acceptance under another status than 200 (a proxy's stored answer, a gateway that failed
    // after writing it) is not trusted, as by the client (eleventh pass: the stateless reader
    // resolved a stored acceptance under 429 or 500 as done).
    if accepted && http_status != 200 {
        return Err(crate::transport::untrusted_success(
            Gateway::Payline,
            http_status,
        ));
    }
    let accepted = Node::Flag(accepted);
    match result.get_mut("accepted") {
        Some(existing) => *existing = accepted,
        None => result.push(Cow::Borrowed("accepted"), accepted),
    }
    fields.write(out);
    Ok(())
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
        crate::transport::wire_text(&text)
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
        err = err.with_gateway_message(crate::transport::redact(m));
    }
    Some(err)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
