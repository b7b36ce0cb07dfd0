// `sogenactif.batch.archive(fileText, name?)`: the ZIP archive of a request file (WLSIPS.808: a
// request file travels inside a ZIP archive named `OFBREQ…`), one stored entry, built from
// cli/stored-zip.mjs (the bytes around the data, shared with the command line's streaming writer).
//
// Written in JS for the `.wasm`'s size (issue 9: the core's entry cost about 1 KB gzip). The Rust
// crate keeps its own (`sogenactif::batch::archive`, for native users); both are checked byte for
// byte against tests/fixtures/sogenactif/archive/OFBREQ_all_methods.zip, which the zip crate reads
// back (tests/sogenactif_batch.rs) and `unzip -t` checks (js-tests). The issues are the core's.
import { RemiseError, guarded, joinBytes } from './core.js';
import { crc32, ENTRY_NAME, MAX_DATA, nameMismatch, zipHead, zipTail } from '../cli/stored-zip.mjs';

const G = 'sogenactif';
/** Prefix every request file and archive name must start with [confirmed, reference §1.2]. */
const PREFIX = 'OFBREQ';

// The core's words for a type (`Array.isArray` throws on a revoked Proxy: an object then).
const kind = (v) => (v === null || v === undefined ? 'null' : guarded(() => Array.isArray(v), false) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function failure(issues) {
  const message = issues.length === 1 ? `${issues[0].field}: ${issues[0].message}` : `${issues.length} problems: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`;
  return new RemiseError({ code: 'VALIDATION', message, gateway: G, field: issues[0].field, issues });
}

/**
 * Why `text` is not a whole request file (null when it is one): the structure the writer gives every
 * file, so that a cut, unfinished or edited file is not zipped for upload (DESIGN: a batch file is
 * complete or not produced). CSV: `FILE;request;…`, `HEADER;…`, the records, `END;<their count>`;
 * XML: a `<file … type="request">` root holding records, `<end nbRecord="<their count>" />`, closed. The records themselves are not read
 * again (the writer checked them); the rule is the same in the crate (archive.rs `unfinished`).
 */
const NO_DECLARATION = 'it must begin with the XML declaration, <?xml version="1.0" encoding="UTF-8"?> as batch.build writes it';

function unfinished(text) {
  const body = text.replace(/^\uFEFF/, '');
  if (body.startsWith('<')) {
    // XML's white space, [ \t\r\n] (the crate's rule names the same four characters).
    // (Said apart: a file without one was told its root must be <file … type="request">, its root
    // being that; a helper's attack, twentieth pass. XML makes it optional; the writer always writes
    // it, and the published samples have it: only what the writer makes is zipped.)
    if (!body.startsWith('<?xml')) return NO_DECLARATION;
    if (!/^<\?xml[^>]*\?>[ \t\r\n]*<file[ \t\r\n](?:[^>]*[ \t\r\n])?type="request"/.test(body)) return 'its root must be <file … type="request">';
    if (!/<\/file>[ \t\r\n]*$/.test(body)) return 'it must end with </file>';
    const records = (body.match(/[ \t\r\n]recordSequence="/g) ?? []).length;
    if (records === 0) return 'it holds no record';
    // The count its `<end nbRecord="N" />` gives between `</body>` and `</file>` (the published XML
    // samples' trailer, XML's `END;N`; seventeenth pass).
    const end = /<\/body>[ \t\r\n]*<end[ \t\r\n]+nbRecord="([0-9]{1,9})"[ \t\r\n]*\/>[ \t\r\n]*<\/file>[ \t\r\n]*$/.exec(body);
    if (!end) return 'it must end with </body>, <end nbRecord="<number of records>" /> and </file>';
    return Number(end[1]) === records ? null : `its <end nbRecord="${end[1]}" /> says ${end[1]} records but it holds ${records}`;
  }
  // Scanned, not split: a file of millions of records makes no array of lines.
  if (!body.startsWith('FILE;request;')) return "its first line must be 'FILE;request;…'";
  const header = body.indexOf('\n') + 1;
  if (!body.startsWith('HEADER;', header) || header === 0) return "its second line must be the 'HEADER;…' line";
  const first = body.indexOf('\n', header) + 1;
  const stop = body.endsWith('\n') ? body.length - 1 : body.length;
  if (body[stop - 1] === '\n' || (body[stop - 1] === '\r' && body[stop - 2] === '\n')) return 'nothing may follow its END line, not even an empty line';
  const last = body.lastIndexOf('\n', stop - 1) + 1;
  const end = first > 0 && last >= first ? /^END;(\d+)\r?$/.exec(body.slice(last, stop)) : null;
  if (!end) return "its last line must be 'END;<number of records>'";
  let records = 0;
  for (let at = first; at < last; at = body.indexOf('\n', at) + 1) {
    if (body[at] === '\n' || (body[at] === '\r' && body[at + 1] === '\n')) return 'it holds an empty line';
    records++;
  }
  if (records === 0) return 'it holds no record';
  return Number(end[1]) === records ? null : `its END line says ${end[1]} records but it holds ${records}`;
}

/**
 * The syntax of a file text: XML from its first `<` after byte order marks and XML's white space (the
 * crate's archive.rs reads it the same way), else CSV.
 */
const syntaxOf = (fileText) => (fileText.replace(/^\uFEFF+/, '').replace(/^[ \t\r\n]+/, '').startsWith('<') ? 'xml' : 'csv');

/** The ZIP bytes of `fileText` as one entry named `name` (default `OFBREQ.xml` or `OFBREQ.csv`). */
export function archive(fileText, name) {
  if (typeof fileText !== 'string') throw failure([{ field: 'fileText', code: 'TYPE', message: `must be a string, got ${kind(fileText)}` }]);
  if (name !== undefined && name !== null && typeof name !== 'string') throw failure([{ field: 'name', code: 'TYPE', message: `must be a string, got ${kind(name)}` }]);
  const syntax = syntaxOf(fileText);
  const entry = name ?? `OFBREQ.${syntax}`;
  const data = new TextEncoder().encode(fileText);
  const issues = [];
  if (!entry.startsWith(PREFIX)) {
    issues.push({ field: 'name', code: 'FORMAT', message: `must start with '${PREFIX}', the prefix Sogenactif expects for request files, e.g. 'OFBREQ_20211216_1.csv'` });
  } else if (!ENTRY_NAME.test(entry)) {
    issues.push({ field: 'name', code: 'FORMAT', message: "must hold only letters, digits, '.', '_' and '-' (at most 100 characters)" });
  } else if (name !== undefined && name !== null) {
    // A given name's ending says the file's syntax, or that it is no archive (stored-zip.mjs
    // `nameMismatch`): an XML file named `.csv` was zipped (a helper's attack, twenty-first pass).
    const m = nameMismatch(entry, syntax);
    if (m) issues.push({ field: 'name', code: 'FORMAT', message: `ends in ${m.tail} but the file is ${syntax.toUpperCase()}: name it '${m.named}'${m.tail === '.zip' ? " (the entry is the request file; the archive's own name is yours)" : ''}` });
  }
  // Without ZIP64 every size and offset is a 32-bit number: header (30 bytes), name and data below 4 GiB.
  if (fileText === '') issues.push({ field: 'fileText', code: 'REQUIRED', message: 'is empty: give the text returned by batch.build or BatchWriter' });
  else if (data.length > MAX_DATA) {
    issues.push({ field: 'fileText', code: 'TOO_LONG', message: 'is 4 GiB or more, beyond a ZIP archive without ZIP64: split the records over several files' });
  } else {
    const broken = unfinished(fileText);
    if (broken) issues.push({ field: 'fileText', code: 'FORMAT', message: `is not a whole request file: ${broken}: give the whole text of batch.build, or BatchWriter's header(), add()… and finish()` });
  }
  if (issues.length) throw failure(issues);

  const crc = crc32(data);
  const head = zipHead(entry, crc, data.length);
  const tail = zipTail(entry, crc, data.length);
  return joinBytes([head, data, tail]);
}
