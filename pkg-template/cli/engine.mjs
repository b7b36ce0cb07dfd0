// The record converter behind `remise batch build|check`: NDJSON or CSV record bytes in, request
// file bytes out, chunk by chunk, with every invalid record collected (line, index, issues).
//
// When the package has the bytes-to-bytes converter (`sogenactif.batch.createConverter`), it is
// used as is. Otherwise `JsConverter` below does the same in JS: it splits the input into lines,
// reads each record (JSON.parse, or the CSV reader of this file) and hands it to
// `BatchWriter.add`. Both follow the same rules, so the command behaves the same either way:
//
// - NDJSON: one record object per line; blank lines skipped; a UTF-8 BOM on line 1 and a CR
//   before the LF are ignored.
// - CSV (RFC 4180, `,` separator, `"` quotes, `""` inside quotes): a header row naming the columns
//   (`method`, `recordSequence`, the dictionary's field names, `container.field` for nested ones
//   such as `s10TransactionReference.s10TransactionId` or `original.amount`), then one record per
//   row. Empty cells are left out; the cells of `recordSequence`, `original.amount` and of the
//   amount fields (`amount`, `operationAmount`) are read as integers when they hold only digits.
// - A record's position (0-based `index`, over valid and invalid records) gives its issue paths
//   (`records[<index>].amount`) and its default `recordSequence` (`index + 1`), as `batch.build`.
// - Valid records are written until the first invalid one; after that every record is still
//   checked (so every problem is reported) but nothing more is written: the caller discards the
//   partial output. `finish()` throws `VALIDATION` when any record was invalid.
//
// Memory: the pending part of a line (at most MAX_LINE) and one chunk's output.
import { isUtf8 } from 'node:buffer';
import { maskIssues } from './mask.mjs';

/** Longest input line (NDJSON) or CSV record, in bytes (the core converter's limit too). */
export const MAX_LINE = 1 << 20;
/** Issues kept in the error thrown by `finish()`. */
export const MAX_ISSUES = 1000;
/** Columns of a CSV input (the core converter's limit, `convert::MAX_CSV_COLUMNS`, since the twenty-second pass). */
export const MAX_CSV_COLUMNS = 1024;

/** Fields read as integers in CSV input (Format::Amount in the core's dictionary, plus recordSequence and original.amount). */
const INTEGER_COLUMNS = new Set(['recordSequence', 'original.amount', 'amount', 'operationAmount']);

/**
 * A converter for `options` ({ syntax?, version?, header, input: 'ndjson'|'csv' }): the package's
 * own when it has one, else the JS one. `fast` says which.
 */
export function createEngine(sogenactif, options) {
  if (typeof sogenactif.batch.createConverter === 'function') {
    const conv = sogenactif.batch.createConverter(options);
    return {
      fast: true,
      push: (chunk) => conv.push(chunk),
      finish: () => conv.finish(),
      // In-place output (no buffer per chunk), when the package has it.
      pushView: typeof conv.pushView === 'function' ? (chunk) => conv.pushView(chunk) : undefined,
      finishView: typeof conv.finishView === 'function' ? () => conv.finishView() : undefined,
      takeRejects: () => conv.takeRejects(),
      /** Records read so far, when the converter tells (else undefined: the command then prints no count). */
      get count() {
        return typeof conv.count === 'number' ? conv.count : undefined;
      },
    };
  }
  return new JsConverter(sogenactif, options);
}

/** A VALIDATION error shaped like a RemiseError (code, field, issues, gateway). */
export function validationError(message, issues, field) {
  const e = new Error(message);
  e.name = 'RemiseError';
  e.code = 'VALIDATION';
  e.gateway = 'sogenactif';
  if (field !== undefined) e.field = field;
  e.issues = issues;
  e.retryable = false;
  return e;
}

const EMPTY = new Uint8Array(0);

/** The JS converter (same interface as `sogenactif.batch.createConverter`). */
export class JsConverter {
  fast = false;
  #writer;
  #input;
  #encoder = new TextEncoder();
  #pending = []; // Buffers of the unfinished line
  #pendingLength = 0;
  #overlong = false;
  #line = 0; // physical lines consumed
  #index = 0; // records read
  #rejected = 0;
  #issueTotal = 0;
  #issues = [];
  #rejects = [];
  #out = []; // strings of this push
  #header = '';
  #headerWritten = false;
  #finished = false;
  #cut = false; // the input ended without the last record's line break
  #csv = null; // { columns, cells, cell, quoted, inRecord, startLine, bytes }
  #onRecord = null;

  /**
   * `hooks.onRecord(record, line, index)`, when given, receives each record read instead of the
   * writer (no validation, no output): the reader alone, for `batch report --request`.
   */
  constructor(sogenactif, options, hooks = {}) {
    const { input = 'ndjson', ...writerOptions } = options;
    if (input !== 'ndjson' && input !== 'csv') {
      throw validationError(`input: must be 'ndjson' or 'csv', got '${input}'`, [
        { field: 'input', code: 'ENUM', message: "must be 'ndjson' or 'csv'" },
      ], 'input');
    }
    this.#input = input;
    if (hooks.onRecord) this.#onRecord = hooks.onRecord;
    else {
      this.#writer = new sogenactif.BatchWriter(writerOptions);
      this.#header = this.#writer.header(); // the writer wants it first; written before the first record
    }
    if (input === 'csv') this.#csv = { columns: null, cells: [], cell: '', quoted: false, inRecord: false, startLine: 0, bytes: 0 };
  }

  /** Reads the complete lines of `chunk`; returns the request-file bytes of the valid records. */
  push(chunk) {
    this.#open();
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      if (this.#pendingLength > 0 || this.#overlong) {
        this.#keep(buf.subarray(start, nl));
        const line = this.#overlong ? null : Buffer.concat(this.#pending, this.#pendingLength);
        this.#pending = [];
        this.#pendingLength = 0;
        this.#physicalLine(line);
      } else {
        this.#physicalLine(buf.subarray(start, nl));
      }
      start = nl + 1;
    }
    if (start < buf.length) this.#keep(buf.subarray(start));
    return this.#flush();
  }

  /** Reads the last line, then returns the trailer's bytes; throws VALIDATION if any record was invalid. */
  finish() {
    this.#open();
    this.#finished = true;
    if (this.#pendingLength > 0 || this.#overlong) {
      const line = this.#overlong ? null : Buffer.concat(this.#pending, this.#pendingLength);
      this.#pending = [];
      this.#pendingLength = 0;
      // (Not when the records are only read for a join: `report --request`.)
      this.#cut = this.#onRecord === null;
      this.#physicalLine(line);
    }
    if (this.#csv && this.#csv.inRecord) {
      // End of input inside a quoted cell: the cell would take every later line in without a
      // word (csv readers read it as closed). Refused by the line where the record starts, as the
      // core converter does.
      const line = this.#csv.startLine;
      this.#csvReset();
      if (this.#csv.columns === null) {
        const message = `the CSV header row (line ${line}) has a quote left open at the end of the input: close it`;
        throw validationError(`input: ${message}`, [{ field: 'input', code: 'FORMAT', message }], 'input');
      }
      this.#take(null, line, 'has a quote left open at the end of the input: close it (a quote inside a quoted cell is written as two)');
    }
    if (this.#onRecord) return EMPTY;
    if (this.#index === 0) {
      throw validationError('records: the input holds no record: give at least one', [
        { field: 'records', code: 'RANGE', message: 'the input holds no record: give at least one' },
      ], 'records');
    }
    if (this.#rejected > 0) {
      const first = this.#issues[0];
      const message =
        `${this.#issueTotal} problem${this.#issueTotal === 1 ? '' : 's'} in ${this.#rejected} of ${this.#index} records` +
        (this.#issueTotal > this.#issues.length ? ` (the first ${this.#issues.length} are listed in issues)` : '') +
        (first ? `: ${first.field}: ${first.message}` : '');
      throw validationError(message, this.#issues);
    }
    this.#out.push(this.#writer.finish());
    return this.#flush();
  }

  /** Invalid records since the last call: `[{ line, index, issues }]`, card numbers masked. */
  takeRejects() {
    const r = this.#rejects;
    this.#rejects = [];
    for (const x of r) maskIssues(x.issues);
    return r;
  }

  /** Records read so far (valid and invalid). */
  get count() {
    return this.#index;
  }

  /** Invalid records so far. */
  get rejected() {
    return this.#rejected;
  }

  #open() {
    if (this.#finished) {
      const e = new Error('Converter: finish() was already called: start a new converter for another file');
      e.name = 'RemiseError';
      e.code = 'OPERATION_NOT_ALLOWED';
      throw e;
    }
  }

  #keep(part) {
    if (this.#overlong || this.#pendingLength + part.length > MAX_LINE) {
      this.#overlong = true;
      this.#pending = [];
      this.#pendingLength = 0;
    } else if (part.length > 0) {
      // Copy: the caller may reuse the chunk's memory.
      this.#pending.push(Buffer.from(part));
      this.#pendingLength += part.length;
    }
  }

  #flush() {
    if (this.#out.length === 0) return EMPTY;
    const text = this.#out.join('');
    this.#out = [];
    return this.#encoder.encode(text);
  }

  /** One physical line (without its LF); `null` for a line longer than MAX_LINE. */
  #physicalLine(bytes) {
    this.#line += 1;
    const n = this.#line;
    if (bytes === null) {
      this.#take(null, n, `line ${n} is longer than ${MAX_LINE} bytes: a record must fit on a shorter line`);
      if (this.#csv) this.#csvReset();
      return;
    }
    let b = bytes;
    if (n === 1 && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    if (!isUtf8(b)) {
      this.#take(null, n, `line ${n} is not UTF-8 text: write the records in UTF-8`);
      if (this.#csv) this.#csvReset();
      return;
    }
    const text = b.toString('utf8');
    if (this.#csv) this.#csvLine(text, n);
    else this.#ndjsonLine(text, n);
  }

  #ndjsonLine(text, n) {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.trim() === '') return;
    let record;
    try {
      record = JSON.parse(line);
    } catch (e) {
      const what = String(e.message).replace(/^JSON\.parse: /, '');
      this.#take(null, n, `line ${n} is not a JSON record (${what}): write one record object per line`);
      return;
    }
    this.#take(record, n);
  }

  // ---- CSV: a small RFC 4180 reader over decoded lines (a quoted cell may span lines). Written
  // here rather than taken from npm: the package has no runtime dependency, and the reader must
  // report the line where each record starts; the core converter reads CSV with csv-core.
  #csvReset() {
    const c = this.#csv;
    c.cells = [];
    c.cell = '';
    c.quoted = false;
    c.inRecord = false;
  }

  #csvLine(text, n) {
    const c = this.#csv;
    if (!c.inRecord) {
      c.startLine = n;
      c.bytes = 0;
    } else {
      c.cell += '\n'; // the line break inside a quoted cell
    }
    c.bytes += text.length + 1;
    if (c.bytes > MAX_LINE) {
      this.#csvReset();
      this.#take(null, c.startLine, `the CSV record starting on line ${c.startLine} is longer than ${MAX_LINE} bytes`);
      return;
    }
    c.inRecord = true;
    let i = 0;
    const len = text.length;
    while (i < len) {
      const ch = text.charCodeAt(i);
      if (c.quoted) {
        if (ch === 34 /* " */) {
          if (text.charCodeAt(i + 1) === 34) {
            c.cell += '"';
            i += 2;
            continue;
          }
          c.quoted = false;
          i += 1;
          continue;
        }
        const q = text.indexOf('"', i);
        const end = q === -1 ? len : q;
        c.cell += text.slice(i, end);
        i = end;
        continue;
      }
      if (ch === 44 /* , */) {
        c.cells.push(c.cell);
        c.cell = '';
        i += 1;
      } else if (ch === 34 && c.cell === '') {
        c.quoted = true;
        i += 1;
      } else if (ch === 13 /* \r */ && i === len - 1) {
        i += 1; // CRLF
      } else {
        let end = i + 1;
        while (end < len) {
          const d = text.charCodeAt(end);
          if (d === 44 || (d === 13 && end === len - 1)) break;
          end += 1;
        }
        c.cell += text.slice(i, end);
        i = end;
      }
    }
    if (c.quoted) return; // the record goes on on the next line
    this.#csvEndRecord();
  }

  #csvEndRecord() {
    const c = this.#csv;
    c.cells.push(c.cell);
    const cells = c.cells;
    const line = c.startLine;
    this.#csvReset();
    if (cells.length === 1 && cells[0] === '') return; // a blank line
    if (c.columns === null) {
      c.columns = headerRow(cells, line);
      return;
    }
    if (this.#cut) {
      // As the core converter: a CSV record must end with its line break, or a file cut off in
      // its last cell (an amount, a reference) would read as a shorter value.
      this.#take(null, line, 'is the last line and has no line break after it: the input may have been cut off there; end the input with a line break');
      return;
    }
    if (cells.length !== c.columns.length) {
      this.#take(null, line, `has ${cells.length} cells but the header row names ${c.columns.length} columns`);
      return;
    }
    const record = {};
    for (let k = 0; k < cells.length; k++) {
      const text = cells[k];
      if (text === '') continue;
      const col = c.columns[k];
      const value = col.integer && /^[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
      if (col.sub === undefined) record[col.key] = value;
      else {
        const inner = record[col.key];
        if (inner !== null && typeof inner === 'object') inner[col.sub] = value;
        else record[col.key] = { [col.sub]: value };
      }
    }
    this.#take(record, line);
  }

  /** Checks one record (or the reason it could not be read) and writes it. */
  #take(record, line, unreadable) {
    const index = this.#index;
    this.#index += 1;
    let issues;
    if (unreadable !== undefined) {
      issues = [{ field: `records[${index}]`, code: 'FORMAT', message: unreadable }];
    } else {
      if (record !== null && typeof record === 'object' && !Array.isArray(record) && !Object.hasOwn(record, 'recordSequence')) {
        record.recordSequence = index + 1;
      }
      if (this.#onRecord) {
        this.#onRecord(record, line, index);
        return;
      }
      try {
        const text = this.#writer.add(record);
        if (this.#rejected === 0) {
          if (!this.#headerWritten) {
            this.#out.push(this.#header);
            this.#headerWritten = true;
          }
          this.#out.push(text);
        }
        return;
      } catch (e) {
        if (e?.code !== 'VALIDATION' || !Array.isArray(e.issues)) throw e;
        // The writer numbers records by the count it wrote; the file's numbering counts every record.
        issues = e.issues.map((i) => ({ ...i, field: String(i.field).replace(/^records\[\d+\]/, `records[${index}]`) }));
      }
    }
    this.#rejected += 1;
    this.#issueTotal += issues.length;
    for (const i of issues) if (this.#issues.length < MAX_ISSUES) this.#issues.push(i);
    this.#rejects.push({ line, index, issues });
  }
}

/** The CSV header row: column names, `container.field` for nested ones, `method` among them. */
function headerRow(cells, line) {
  if (cells.length > MAX_CSV_COLUMNS) {
    const message = `the CSV header row (line ${line}) has more than ${MAX_CSV_COLUMNS} columns`;
    throw validationError(`input: ${message}`, [{ field: 'input', code: 'FORMAT', message }], 'input');
  }
  const seen = new Set();
  const columns = cells.map((cell) => {
    const name = cell.trim();
    // As the core: a column named twice would have its last cell win without a word.
    if (name === '' || seen.has(name)) {
      const message = `the CSV header row (line ${line}) has an empty, repeated or non-UTF-8 column name: name every column once`;
      throw validationError(`input: ${message}`, [{ field: 'input', code: 'FORMAT', message }], 'input');
    }
    seen.add(name);
    const dot = name.indexOf('.');
    const key = dot === -1 ? name : name.slice(0, dot);
    const sub = dot === -1 ? undefined : name.slice(dot + 1);
    return { key, sub, integer: INTEGER_COLUMNS.has(name) };
  });
  if (!columns.some((c) => c.key === 'method' && c.sub === undefined)) {
    const message = `the CSV header row (line ${line}) must name the columns of the records, 'method' among them`;
    throw validationError(`input: ${message}`, [{ field: 'input', code: 'FORMAT', message }], 'input');
  }
  return columns;
}
