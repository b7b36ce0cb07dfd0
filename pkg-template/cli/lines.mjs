// Reading response and request files line by line, for `remise batch report`: memory bounded by a
// slice of lines, whatever the size of the file.
//
// A response file is parsed by the library (`sogenactif.batch.parseResponse`) slice by slice: each
// slice is the file's FILE and HEADER lines, up to SLICE record lines and a made-up `END;<n>`, so
// every record line is read by the one parser; the line numbers of its MALFORMED_RESPONSE messages
// are mapped back to the file's. What a slice cannot see is checked here with the parser's own
// messages: the real END count, text after END, a missing END, empty lines before END.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { unzipOne } from './zip.mjs';
import { terminalSafe } from './report.mjs';

const CHUNK = 1 << 20;
// Record lines per parseResponse call. REMISE_CLI_SLICE changes it (the js-tests use small slices).
const SLICE = Number.parseInt(process.env.REMISE_CLI_SLICE ?? '', 10) > 0 ? Number.parseInt(process.env.REMISE_CLI_SLICE, 10) : 10_000;
// Columns per parseResponse call, five more per line: a slice is cut sooner when its lines are wide,
// so that it stays under the parser's bound of 4 million values (its fields, extra columns and five
// per record: never more than the columns). 10 000 lines of 500 columns went over it and the report
// stopped (the review of the twentieth pass).
const SLICE_COLUMNS = 1_000_000;
// And text per call, in UTF-16 units (at most three UTF-8 bytes each: 48 MiB, under the parser's 64 MiB
// cap): lines may be 1 MiB each, and 10 000 of them made a slice over that cap (refused with the
// slice's size given as the file's), or over V8's longest string (a RangeError's stack printed: the CLI
// attack of the twentieth pass).
const SLICE_BYTES = 16 << 20;

/** Columns of a line: its `;` and one. */
function columnsOf(line) {
  let n = 1;
  for (let i = line.indexOf(';'); i !== -1; i = line.indexOf(';', i + 1)) n++;
  return n;
}

/** An error shaped like the library's MALFORMED_RESPONSE. */
function malformed(line, message) {
  const e = new Error(`line ${line} of the Office Batch response: ${message}`);
  e.name = 'RemiseError';
  e.code = 'MALFORMED_RESPONSE';
  e.gateway = 'sogenactif';
  e.retryable = false;
  return e;
}

/**
 * The chunks of a file ('-': stdin). A ZIP archive (PK\x03\x04) is read whole (it is the
 * compressed form) and gives its one file's bytes, inflated a chunk at a time and checked against
 * the sizes and CRC-32 its directory gives; `onZipError(message)` builds the error thrown for a
 * broken archive.
 */
export async function* chunks(io, path, onZipError) {
  const source = path === '-' ? io.stdin : fileChunks(path);
  let first = true;
  let zip = null;
  for await (const c of source) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : c;
    if (first && chunk.length >= 4 && chunk.readUInt32LE(0) === 0x04034b50) zip = [];
    first = false;
    if (zip) zip.push(chunk);
    else yield chunk;
  }
  if (zip) {
    try {
      yield* unzipOne(Buffer.concat(zip), CHUNK);
    } catch (e) {
      if (e?.zip) throw onZipError(e.message);
      throw e;
    }
  }
}

/**
 * `readSync` of up to `buf.length` bytes into `buf`, an error naming the file `name` (`report RESPONSE --request
 * REQUEST` said "EIO: i/o error, read" of one of them: the attack on the CLI, twenty-third pass).
 */
export function readNamed(fd, buf, name) {
  try {
    return readSync(fd, buf, 0, buf.length, null);
  } catch (e) {
    throw Object.assign(new Error(`${name}: ${e?.message ?? e}`), { code: e?.code, syscall: 'read', path: name });
  }
}

/** The error of a directory given as a file: `readSync` says EISDIR without naming it. */
export function isDirectoryError(path) {
  return Object.assign(new Error(`${path}: EISDIR: it is a directory: give a file`), { code: 'EISDIR', syscall: 'read', path });
}

/**
 * A file's chunks, read with `readSync`: nothing but one descriptor, closed when the reader stops
 * (also when the consumer stops early on an error). With a `fs.ReadStream` here, a report on a
 * broken response file once did not exit (1 run in 3 of the suite, never reproduced alone; the
 * stream's teardown after the early stop is the suspect): a descriptor closed in `finally` leaves
 * no handle behind whatever the consumer does. The hang came back once with this reader (2026-12-05:
 * one full js-tests run in eleven; never in 1 200 runs of the same commands alone, with piped stdio,
 * under CPU load), so the stream was not its cause. Node's exit-time deadlock between platform
 * shutdown and background compile jobs (nodejs/node#54918, open) would fit; it is not confirmed.
 */
function* fileChunks(path) {
  const fd = openSync(path, 'r');
  try {
    // (Named here: `report .` printed "EISDIR: illegal operation on a directory, read", no file; the
    // CLI attack of the twentieth pass.)
    if (fstatSync(fd).isDirectory()) throw isDirectoryError(path);
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readNamed(fd, buf, path);
      if (n === 0) return;
      yield n === CHUNK ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Longest line read: an Office Batch line is a few hundred bytes; the build side caps NDJSON lines alike. */
export const MAX_LINE = 1 << 20;

/**
 * The lines of a stream of chunks (LF-separated; a CR before the LF is kept), with their 1-based
 * number. A line longer than MAX_LINE bytes is refused (`onLongLine(lineNumber)` builds the error)
 * rather than gathered: the pieces of a line are kept in a list and joined once, so the time is
 * linear in the input (joining the rest to each new chunk was quadratic in one long line).
 */
export async function* lines(source, onLongLine = longLine) {
  let pieces = [];
  let pending = 0;
  let n = 0;
  for await (const chunk of source) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      n += 1;
      if (pending + nl - start > MAX_LINE) throw onLongLine(n);
      const line = pieces.length === 0 ? chunk.toString('utf8', start, nl) : Buffer.concat([...pieces, chunk.subarray(start, nl)]).toString('utf8');
      pieces = [];
      pending = 0;
      yield [n, line];
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending += chunk.length - start;
      if (pending > MAX_LINE) throw onLongLine(n + 1);
      // A copy: the reader may reuse its chunk.
      pieces.push(Buffer.from(chunk.subarray(start)));
    }
  }
  if (pieces.length) yield [n + 1, Buffer.concat(pieces).toString('utf8')];
}

function longLine(n) {
  return malformed(n, `the line is longer than ${MAX_LINE} bytes: this is not an Office Batch file`);
}

/**
 * `e` with a hint when the first line shows records (NDJSON) instead of a response file (`remise batch
 * report refunds.ndjson` was told only "expected 'FILE;response;office;<version>'": a new user's trial,
 * twenty-fourth pass).
 */
function hinted(e, first) {
  if (e === null || typeof e !== 'object' || e.hint !== undefined || typeof first !== 'string') return e;
  // (A request file is named by the parser's own message.)
  if (/^\s*\{/.test(first)) e.hint = 'hint: the input holds records (JSON, one per line): report reads the response file the bank sends back (FILE;response;…); give the records with --request to join the two';
  return e;
}

/** The end of the core's message for a line of unknown type (src/sogenactif/batch/response.rs). */
const UNKNOWN_LINES_ADVICE = "(parse with unknownLines: 'report' to list such lines and keep going)";
const CLI_UNKNOWN_LINES_ADVICE = '(give --unknown-lines report to list such lines and read the others; ask your bank what they are)';

/**
 * Parses a response file slice by slice: `onRecord(record)` for each record in order; resolves
 * with the header (`{ type, format, version, remitterId, date, time, sequence }`). With
 * `onUnknown`, a line of unknown type is not an error: `onUnknown({ line, type })` (its file line);
 * `layouts` and `resultFields` go to `parseResponse` as they are.
 */
export async function readResponse(sogenactif, source, onRecord, { onUnknown, layouts, resultFields } = {}) {
  const options = {};
  if (layouts !== undefined) options.layouts = layouts;
  if (resultFields !== undefined) options.resultFields = resultFields;
  if (onUnknown) options.unknownLines = 'report';
  const prefix = [];
  let batch = [];
  let batchStart = 0; // file line of batch[0]
  let columns = 0; // the batch's columns, five more per line (SLICE_COLUMNS)
  let size = 0; // the batch's length in UTF-16 units, a line break each (SLICE_BYTES)
  let header = null;
  let total = 0;
  let unknownTotal = 0; // lines of unknown type among `total` (onUnknown)
  // Empty lines not yet followed by a non-empty one: how many, and the first one's line. Counted, not
  // kept: 100 MB of line breaks held one array entry each (a 2 MB zip crashed the process).
  let empties = 0;
  let firstEmpty = 0;
  let end = null; // { line, count }
  let afterEnd = null; // first line after END
  let afterEndText = false;
  let last = 0;

  // A line of the slice's text (the two first lines, then the batch) as the file's line.
  const fileLine = (n) => (n > prefix.length ? n - prefix.length - 1 + batchStart : n);
  const parse = () => {
    const text = [...prefix, ...batch, `END;${batch.length}`].join('\n') + '\n';
    let parsed;
    try {
      parsed = sogenactif.batch.parseResponse(text, options);
    } catch (e) {
      hinted(e, prefix[0]);
      // The core's advice names an option of the JS call, which the command has no flag for (a helper's
      // attack on the CLI, twenty-ninth pass): said for the command line.
      if (typeof e?.message === 'string') e.message = e.message.replace(UNKNOWN_LINES_ADVICE, CLI_UNKNOWN_LINES_ADVICE);
      const m = typeof e?.message === 'string' && /^line (\d+) of the Office Batch response: /.exec(e.message);
      if (m && Number(m[1]) > prefix.length) e.message = e.message.replace(/^line \d+/, `line ${fileLine(Number(m[1]))}`);
      throw e;
    }
    header ??= parsed.header;
    const unknown = parsed.unknownLines ?? [];
    // Each record with its line (found by its recordSequence, the second column), for the join
    // with a CSV request file's lines; a line of unknown type is none (its second column may repeat a
    // record's: the record was compared with it, the review of the thirtieth pass).
    const at = (u) => u.line - prefix.length - 1; // its index in the batch
    const skip = new Set(unknown.map(at));
    const lineOf = new Map();
    for (let i = 0; i < batch.length; i++) {
      if (skip.has(i)) continue;
      const raw = batch[i];
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const seq = line.split(';', 2)[1];
      if (seq !== undefined && /^[0-9]{1,15}$/.test(seq)) lineOf.set(Number(seq), line);
    }
    for (const r of parsed.records) onRecord(r, lineOf.get(r.recordSequence));
    // The type as the file holds it (its first column, cut at 40 characters), not the parser's escaped
    // quote of it: the report shows file text as it shows the rest (`?` on a terminal, JSON escapes), a
    // review of the pass found `\u{1b}` written out.
    for (const u of unknown) {
      const raw = batch[at(u)];
      const first = typeof raw === 'string' ? raw.replace(/\r$/, '').split(';', 1)[0] : undefined;
      const type = first === undefined ? u.type : [...first].length > 40 ? `${[...first].slice(0, 40).join('')}…` : first;
      onUnknown({ line: fileLine(u.line), type });
    }
    total += parsed.records.length + unknown.length;
    unknownTotal += unknown.length;
    batch = [];
    columns = 0;
    size = 0;
  };

  for await (const [n, raw] of lines(source)) {
    last = n;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (end) {
      afterEnd ??= n;
      if (line !== '') afterEndText = true;
      continue;
    }
    if (prefix.length < 2) {
      prefix.push(n === 1 ? raw.replace(/^\uFEFF/, '') : raw);
      continue;
    }
    if (line === '') {
      if (empties++ === 0) firstEmpty = n;
      continue;
    }
    // An empty line may only end the file, after END (as the parser says of one before END).
    if (empties > 0) {
      parse();
      throw malformed(firstEmpty, 'empty line before END');
    }
    if (line.startsWith('END;')) {
      parse();
      const count = line.slice(4);
      if (count === '' || count.length > 15 || !/^[0-9]+$/.test(count)) {
        throw malformed(n, `the END count must be a number, got '${terminalSafe(count.slice(0, 40))}${count.length > 40 ? '…' : ''}'`);
      }
      // With lines of unknown type read past, END may count the records alone: a bank that writes a line
      // of its own may leave it out of its count (what it does is not known; the parser counts every
      // line: the review of the thirtieth pass found the advice to read past them end in "truncated").
      if (Number(count) !== total && !(unknownTotal > 0 && Number(count) === total - unknownTotal)) {
        const read = unknownTotal > 0 ? `${total} lines (${total - unknownTotal} records and ${unknownTotal} of a type remise does not read)` : total;
        throw malformed(n, `END announces ${count} records but the file holds ${read}: the file is truncated or corrupt`);
      }
      end = { line: n, count: total };
      continue;
    }
    // A line that would take the batch past SLICE_BYTES goes to the next one (a line is at most 1 MiB).
    if (batch.length > 0 && size + raw.length + 1 > SLICE_BYTES) parse();
    if (batch.length === 0) batchStart = n;
    batch.push(raw);
    columns += columnsOf(raw) + 5;
    size += raw.length + 1;
    if (batch.length >= SLICE || columns >= SLICE_COLUMNS) parse();
  }
  if (!end) {
    if (prefix.length < 2) {
      // Let the parser say what is wrong with the first lines (empty file, no HEADER, …).
      try {
        sogenactif.batch.parseResponse(prefix.join('\n'));
      } catch (e) {
        throw hinted(e, prefix[0]);
      }
    }
    parse();
    throw malformed(last - empties, 'the END line is missing: the file is truncated');
  }
  if (afterEndText) throw malformed(afterEnd, 'text after the END line');
  return header;
}
