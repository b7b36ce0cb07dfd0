//! Unit tests of `writer`.

use super::*;
use crate::sogenactif::batch::validate::{Header, Offset};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// The XML header as quick-xml's `Writer` wrote it before it was written by hand.
fn with_quick_xml(o: &Options) -> Vec<u8> {
    let h = &o.header;
    let mut w = Writer::new(Vec::new());
    let element = |w: &mut Writer<Vec<u8>>, name: &str, text: &str| {
        w.get_mut().extend_from_slice(b"\t\t");
        w.write_event(Event::Start(BytesStart::new(name))).unwrap();
        w.write_event(Event::Text(BytesText::new(text))).unwrap();
        w.write_event(Event::End(BytesEnd::new(name))).unwrap();
        w.get_mut().push(b'\n');
    };
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .unwrap();
    w.get_mut().push(b'\n');
    w.write_event(Event::Start(BytesStart::new("file").with_attributes([
        ("format", "office"),
        ("type", "request"),
        ("version", o.version.as_str()),
    ])))
    .unwrap();
    w.get_mut().extend_from_slice(b"\n\t<header>\n");
    element(&mut w, "remitterId", &h.remitter_id);
    let date = format!("{}{}", h.date, h.date_offset.render(Syntax::Xml));
    element(&mut w, "date", &date);
    let time = format!("{}{}", h.time, h.time_offset.render(Syntax::Xml));
    element(&mut w, "time", &time);
    element(&mut w, "sequence", &h.sequence.to_string());
    w.get_mut().extend_from_slice(b"\t</header>\n\t<body>\n");
    w.into_inner()
}

#[test]
fn a_line_is_the_concatenation_of_its_pieces_whatever_its_length() {
    // Pieces of every length up to 300 bytes, one after another, so the line crosses its
    // 256-byte buffer at every offset (spilled by a byte or by a piece), after existing output.
    for piece in 0..300usize {
        let mut out = b"before".to_vec();
        let mut want = out.clone();
        let mut line = Line::new(&mut out);
        for k in 0..3u8 {
            let bytes = vec![b'a' + k; piece];
            line.put(&bytes);
            line.byte(b';');
            want.extend_from_slice(&bytes);
            want.push(b';');
        }
        line.put(fast::Digits::of(u64::MAX).as_bytes());
        Val::Currency(978).emit(|b| line.put(b));
        line.byte(b'\n');
        line.finish();
        want.extend_from_slice(format!("{}978\n", u64::MAX).as_bytes());
        assert_eq!(out, want, "pieces of {piece} bytes");
    }
    assert_eq!(fast::Digits::of(0).as_bytes(), b"0");
    let mut eight = Vec::new();
    Val::Currency(8).write(&mut eight);
    assert_eq!(eight, b"008");
}

#[test]
fn xml_header_is_the_bytes_quick_xml_wrote() {
    let offset = |negative, hours, minutes| Offset {
        negative,
        hours,
        minutes,
    };
    for (version, remitter_id, sequence) in [
        ("5", "023101122334455", 1),
        ("5.1", "0", 999_999_999),
        // Characters that need escaping (the values are validated before, but the writer
        // escapes whatever it is given).
        ("<5&'\">", "a<b>&'\"c", 0),
    ] {
        let options = Options {
            syntax: Syntax::Xml,
            version: version.to_string(),
            header: Header {
                remitter_id: remitter_id.to_string(),
                date: "2018-07-25".to_string(),
                date_offset: offset(false, 2, 0),
                time: "09:00:00".to_string(),
                time_offset: offset(true, 5, 30),
                sequence,
            },
            layouts: Default::default(),
        };
        let mut out = Vec::new();
        write_header(&options, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(with_quick_xml(&options)).unwrap()
        );
    }
}
