//! The ZIP archive of a request file (WLSIPS.808: the request file is sent inside a ZIP archive
//! named `OFBREQ…`; the rest of the name pattern is not published, reference §1.2).
//!
//! Written by hand, not with the `zip` crate, for size: the archive is ONE stored entry (about 100
//! bytes of headers around the file), and the zip crate's writer cost about 20 KB of wasm code plus
//! crc32fast's 16 KB slice-by-16 tables and the crate's reader strings and panic locations. The
//! format below is the PKWARE APPNOTE (sections 4.3.7 local file header, 4.3.12 central directory
//! header, 4.3.16 end of central directory record), without ZIP64, encryption or extra fields.
//! `tests/sogenactif_batch.rs` reads the archive back with the `zip` crate (a dev-dependency) and
//! checks the name, the bytes and the CRC; the js-tests list it with `unzip -l`.

use crate::error::{issue, Gateway, Issues, Result};

/// Prefix every request file and archive name must start with [confirmed, reference §1.2].
pub const REQUEST_PREFIX: &str = "OFBREQ";

/// Whether a file text is XML: its first `<` after byte order marks and XML's white space (the
/// package's `archive`, api/zip.js `syntaxOf`, reads it the same way).
fn is_xml(file_text: &str) -> bool {
    file_text
        .trim_start_matches('\u{feff}')
        .trim_start_matches([' ', '\t', '\r', '\n'])
        .starts_with('<')
}

/// The default entry name: `OFBREQ.xml` for an XML file, `OFBREQ.csv` otherwise.
pub fn default_name(file_text: &str) -> &'static str {
    if is_xml(file_text) {
        "OFBREQ.xml"
    } else {
        "OFBREQ.csv"
    }
}

/// Whether an entry name (ASCII) contradicts its file: ending in the other syntax's extension, or in
/// `.zip` (the archive's own name). The ending found (lower case) and the name to give instead. The
/// package's rule is cli/stored-zip.mjs `nameMismatch` (a helper's attack, twenty-first pass).
fn name_mismatch(name: &str, ext: &str) -> Option<(String, String)> {
    let other = if ext == ".xml" { ".csv" } else { ".xml" };
    let stem = name.get(..name.len().checked_sub(4)?)?;
    let tail = name.get(stem.len()..)?.to_ascii_lowercase();
    if stem.is_empty() || (tail != other && tail != ".zip") {
        return None;
    }
    // `….csv.zip` of an XML file: its stem's own extension replaced too.
    let inner = stem.get(stem.len().saturating_sub(4)..).unwrap_or("");
    let base = if tail == ".zip"
        && stem.len() > 4
        && (inner.eq_ignore_ascii_case(".csv") || inner.eq_ignore_ascii_case(".xml"))
    {
        stem.get(..stem.len() - 4).unwrap_or(stem)
    } else {
        stem
    };
    Some((tail, format!("{base}{ext}")))
}

/// Zips `file_text` (stored: see below) as one entry named `name` (default [`default_name`]). The name must
/// start with `OFBREQ` and hold only letters, digits, `.`, `_` and `-` (at most 100 characters).
/// Entry timestamps are fixed (1980-01-01), so the same file gives the same bytes.
///
/// The entry is stored, not deflated: the reference allows either, and a deflater (the zip crate's
/// flate2 + zopfli) added about 45 KB gzip to the wasm. Batch files are plain text uploaded over
/// SFTP; size on the wire is not the constraint.
pub fn archive(file_text: &str, name: Option<&str>) -> Result<Vec<u8>> {
    let given = name.is_some();
    let name = name.unwrap_or_else(|| default_name(file_text));
    let mut issues = Issues::new();
    if !name.starts_with(REQUEST_PREFIX) {
        issues.push(
            "name",
            issue::FORMAT,
            format!("must start with '{REQUEST_PREFIX}', the prefix Sogenactif expects for request files, e.g. 'OFBREQ_20211216_1.csv'"),
        );
    } else if name.len() > 100
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        issues.push(
            "name",
            issue::FORMAT,
            "must hold only letters, digits, '.', '_' and '-' (at most 100 characters)",
        );
    } else if given {
        // A given name's ending says the file's syntax, or that it is no archive: an XML file named
        // `.csv` was zipped (a helper's attack, twenty-first pass).
        let (syntax, ext) = if is_xml(file_text) {
            ("XML", ".xml")
        } else {
            ("CSV", ".csv")
        };
        if let Some((tail, named)) = name_mismatch(name, ext) {
            let why = if tail == ".zip" {
                " (the entry is the request file; the archive's own name is yours)"
            } else {
                ""
            };
            issues.push(
                "name",
                issue::FORMAT,
                format!("ends in {tail} but the file is {syntax}: name it '{named}'{why}"),
            );
        }
    }
    // Without ZIP64 every size and offset is a u32: the local header (30 bytes), the name and the
    // data must fit below 4 GiB.
    let data = file_text.as_bytes();
    let offsets = u32::try_from(data.len())
        .ok()
        .and_then(|len| len.checked_add(30 + 100));
    if file_text.is_empty() {
        issues.push(
            "fileText",
            issue::REQUIRED,
            "is empty: give the text returned by batch.build or BatchWriter",
        );
    } else if offsets.is_none() {
        issues.push(
            "fileText",
            issue::TOO_LONG,
            "is 4 GiB or more, beyond a ZIP archive without ZIP64: split the records over several files",
        );
    } else if let Some(broken) = unfinished(file_text) {
        issues.push(
                "fileText",
                issue::FORMAT,
            format!("is not a whole request file: {broken}: give the whole text of batch.build, or BatchWriter's header(), add()… and finish()"),
        );
    }
    issues.finish(Some(Gateway::Sogenactif))?;
    Ok(stored_zip(name, data))
}

/// Why `text` is not a whole request file (`None` when it is one): the structure the writer gives
/// every file, so that a cut, unfinished or edited file is not zipped for upload (a batch file is
/// complete or not produced). CSV: `FILE;request;…`, `HEADER;…`, the records, `END;<their count>`;
/// XML: a `<file … type="request">` root holding records, closed. The records are not read again
/// (the writer checked them). The package's `archive` (pkg-template/api/zip.js) has the same rule.
pub fn unfinished(text: &str) -> Option<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.starts_with('<') {
        // XML's white space (the package's rule names the same four characters).
        const SPACE: [char; 4] = [' ', '\t', '\r', '\n'];
        // How many times `what` stands in `hay` after white space (an attribute, not part of a name).
        let spaced = |hay: &str, what: &str| {
            hay.match_indices(what)
                .filter(|(i, _)| hay.get(..*i).is_some_and(|h| h.ends_with(SPACE)))
                .count()
        };
        let root = body
            .strip_prefix("<?xml")
            .and_then(|rest| rest.split_once('>'))
            .filter(|(declaration, _)| declaration.ends_with('?'))
            .and_then(|(_, rest)| rest.trim_start_matches(SPACE).strip_prefix("<file"))
            .filter(|rest| rest.starts_with(SPACE))
            .and_then(|rest| rest.split_once('>'))
            .is_some_and(|(attributes, _)| spaced(attributes, "type=\"request\"") > 0);
        // The records, and the count its `<end nbRecord="N" />` gives between `</body>` and `</file>`
        // (the published XML samples' trailer, XML's `END;N`; seventeenth pass).
        let records = spaced(body, "recordSequence=\"");
        let announced = body
            .trim_end_matches(SPACE)
            .strip_suffix("</file>")
            .map(|t| t.trim_end_matches(SPACE))
            .and_then(|t| t.strip_suffix("/>"))
            .map(|t| t.trim_end_matches(SPACE))
            .and_then(|t| t.strip_suffix('"'))
            .and_then(|t| {
                let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let (rest, n) = t.split_at(t.len() - digits);
                let rest = rest.strip_suffix("nbRecord=\"")?;
                let rest = rest.strip_suffix(SPACE)?.trim_end_matches(SPACE);
                let rest = rest.strip_suffix("<end")?.trim_end_matches(SPACE);
                (rest.ends_with("</body>") && (1..=9).contains(&n.len())).then_some(n)
            });
        return if !body.starts_with("<?xml") {
            // (Said apart: the message below was false for such a file; twentieth pass. XML makes the
            // declaration optional; the writer and the published samples write it.)
            Some(
                "it must begin with the XML declaration, <?xml version=\"1.0\" encoding=\"UTF-8\"?> as batch.build writes it"
                    .into(),
            )
        } else if !root {
            Some("its root must be <file … type=\"request\">".into())
        } else if !body.trim_end_matches(SPACE).ends_with("</file>") {
            Some("it must end with </file>".into())
        } else if records == 0 {
            Some("it holds no record".into())
        } else {
            match announced {
                None => Some(
                    "it must end with </body>, <end nbRecord=\"<number of records>\" /> and </file>"
                        .into(),
                ),
                Some(n) if n.parse() != Ok(records) => Some(format!(
                    "its <end nbRecord=\"{n}\" /> says {n} records but it holds {records}"
                )),
                Some(_) => None,
            }
        };
    }
    let body = body.strip_suffix('\n').unwrap_or(body);
    let mut lines = body.split('\n');
    if !lines.next().is_some_and(|l| l.starts_with("FILE;request;")) {
        return Some("its first line must be 'FILE;request;…'".into());
    }
    if !lines.next().is_some_and(|l| l.starts_with("HEADER;")) {
        return Some("its second line must be the 'HEADER;…' line".into());
    }
    // After the first two lines, in the package's order (a review's differential of the two rules:
    // `garbage` then an empty line got this message here and the first line's there).
    if body.ends_with('\n') || body.ends_with("\n\r") {
        return Some("nothing may follow its END line, not even an empty line".into());
    }
    let announced = lines
        .next_back()
        .and_then(|l| l.strip_prefix("END;"))
        .map(|n| n.strip_suffix('\r').unwrap_or(n))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let Some(announced) = announced else {
        return Some("its last line must be 'END;<number of records>'".into());
    };
    let mut records = 0usize;
    for line in lines {
        if line.is_empty() || line == "\r" {
            return Some("it holds an empty line".into());
        }
        records += 1;
    }
    if records == 0 {
        return Some("it holds no record".into());
    }
    (announced.trim_start_matches('0') != records.to_string())
        .then(|| format!("its END line says {announced} records but it holds {records}"))
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    // Built on the stack at each call (2 048 cheap steps) rather than shipped as 1 KB of data.
    let table = crc_table();
    !data.iter().fold(!0u32, |crc, &b| {
        let i = usize::from((crc as u8) ^ b);
        (crc >> 8) ^ table.get(i).copied().unwrap_or(0)
    })
}

/// The 256-entry CRC-32 table: entry `n` is the CRC of the byte `n`.
const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    // Walks the slots with a slice pattern: no indexing, and usable in a const fn.
    let mut rest: &mut [u32] = &mut table;
    let mut n = 0u32;
    while let [slot, tail @ ..] = rest {
        let mut c = n;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        *slot = c;
        rest = tail;
        n += 1;
    }
    table
}

/// One stored entry: local file header, data, central directory header, end record. The caller
/// checked that `name` is at most 100 ASCII bytes and that the sizes fit in a u32.
fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
    // MS-DOS date of 1980-01-01 ((year - 1980) << 9 | month << 5 | day), time 00:00:00.
    const DOS_DATE: u16 = 1 << 5 | 1;
    let name = name.as_bytes();
    let name_len = name.len() as u16; // ≤ 100, checked by `archive`
    let size = data.len() as u32; // < 4 GiB, checked by `archive`
    let crc = crc32(data);
    // The fields the local and central headers share, from "version needed" to "extra length".
    let mut common = Vec::with_capacity(26);
    for half in [10, 0, 0, 0, DOS_DATE] {
        // version needed 1.0 (stored), flags, method 0 = stored, time, date
        common.extend_from_slice(&u16::to_le_bytes(half));
    }
    for word in [crc, size, size] {
        common.extend_from_slice(&word.to_le_bytes());
    }
    common.extend_from_slice(&name_len.to_le_bytes());
    common.extend_from_slice(&[0, 0]); // extra field length

    let local_len = 30 + u32::from(name_len);
    let central_len = 46 + u32::from(name_len);
    let mut out = Vec::with_capacity(data.len() + 2 * name.len() + 30 + 46 + 22);
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    out.extend_from_slice(&common);
    out.extend_from_slice(name);
    out.extend_from_slice(data);

    let central_offset = local_len + size;
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    // Made by: Unix (3), spec 2.0, so the external attributes below are Unix permissions.
    out.extend_from_slice(&0x0314u16.to_le_bytes());
    out.extend_from_slice(&common);
    // Comment length, disk number, internal attributes.
    out.extend_from_slice(&[0; 6]);
    // External attributes: a regular file, rw-r--r-- (0o100644 in the high half).
    out.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes()); // offset of the local header
    out.extend_from_slice(name);

    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    // This disk, disk of the central directory, entries here, entries in all.
    for half in [0u16, 0, 1, 1] {
        out.extend_from_slice(&half.to_le_bytes());
    }
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]); // comment length
    out
}

#[cfg(test)]
mod tests;
