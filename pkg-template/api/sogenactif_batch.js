// sogenactif.batch.* and sogenactif.BatchWriter: one crossing per call. The header's default
// date and time come from this JS clock (the core has none).
import { RemiseError, asText, attachWarnings, guarded, hintAt, invoke, invokeText, encode, encodeItem, unwrap, construct, errorFrom, joinBytes, maskIssues, notTextHint, plainBytes, typedArrayTag, wellFormed, reworded } from './core.js';
import { archive } from './zip.js';
import { actionFor, isRefund, refundUnknown, whereToCheck } from '../cli/codes.mjs';

const G = 'sogenactif';
const pad = (n) => String(n).padStart(2, '0');

/** `{ date: 'YYYY-MM-DD+hhmm', time: 'hh:mm:ss+hhmm' }` in local time. */
function clock() {
  const now = new Date();
  const east = -now.getTimezoneOffset();
  const off = `${east < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(east) / 60))}${pad(Math.abs(east) % 60)}`;
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}${off}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${off}`,
  };
}

/** Bytes of a tagged result (0 + bytes), or throws the framed error (1 + text). */
function tagged(r) {
  if (r[0] === 0) return r.subarray(1);
  throw errorFrom(JSON.parse(new TextDecoder().decode(r.subarray(2))));
}

function typeError(field, message) {
  return new RemiseError({ code: 'VALIDATION', gateway: G, field, message: `${field} ${message}`, issues: [{ field, code: 'TYPE', message }] });
}

/**
 * Whether `value` (an object) is bytes: a view or an ArrayBuffer of any realm (a test runner's, `vm`'s: the
 * review on the runtimes). A plain record of this realm is told at once by its prototype, without the
 * toStringTag lookup; a revoked Proxy is no bytes.
 */
function isBytes(value) {
  try {
    if (ArrayBuffer.isView(value)) return true;
    const proto = Object.getPrototypeOf(value);
    return proto !== Object.prototype && proto !== null && Object.prototype.toString.call(value) === '[object ArrayBuffer]';
  } catch {
    return false;
  }
}

/**
 * The error of text or bytes given where a record object is expected (a file's contents: each was read as
 * a record and refused as one without a `method`; the messages audit and its review, twenty-ninth pass),
 * `fix` saying where they go; undefined for anything else.
 */
function notRecord(value, field, fix) {
  // (Checks that cost a record nothing measurable: no closure, no toStringTag lookup per record.)
  const bytes = value !== null && typeof value === 'object' && isBytes(value);
  const kind = typeof value === 'string' ? 'text' : bytes ? 'bytes' : undefined;
  return kind === undefined ? undefined : typeError(field, `is ${kind}, not a record object: ${fix}`);
}

const utf8 = new TextEncoder();

/**
 * A converter's input chunk as bytes (a string is UTF-8 encoded). `memory` is the module's
 * `WebAssembly.Memory`: a chunk that views it (a `pushView` result passed back in) is copied
 * first, since the glue's allocation for the chunk can grow that memory, which detaches the view
 * before it is read.
 */
function chunkBytes(chunk, memory) {
  const bytes = typeof chunk === 'string' ? textBytes(chunk) : chunk;
  // %TypedArray%.prototype's own tag getter reads the internal slot: a Uint8Array (or Buffer) of any
  // realm answers 'Uint8Array'; a Proxy, a DataView or another typed array dressed with
  // Uint8Array.prototype does not.
  if (!guarded(() => typedArrayTag.call(bytes) === 'Uint8Array', false)) throw typeError('chunk', 'must be a Uint8Array or a string');
  // The glue reserves `length` bytes in wasm memory and then copies the array's real bytes: a
  // subclass whose `length` (or `buffer`, `byteOffset`) getter lies would write past the
  // reservation, over the rest of the instance. So the chunk crosses as a plain Uint8Array over
  // the same bytes, made from the engine's own accessors (`plainBytes`), which read the array's
  // internal slots. A view of a detached buffer (an old `pushView` result after the memory grew, a
  // transferred buffer) cannot be read.
  const plainView = plainBytes(bytes);
  if (plainView === undefined) throw typeError('chunk', 'could not be read: its buffer was detached (an old pushView result after memory grew, or a transferred buffer); copy it first');
  return plainView.buffer === memory().buffer ? plainView.slice() : plainView;
}


/**
 * A text chunk's UTF-8 bytes, where a lone surrogate (which UTF-8 cannot hold: TextEncoder writes
 * U+FFFD for it, silently) becomes the three bytes its code unit would take (0xED 0xA0-0xBF …),
 * which are not UTF-8: the core then rejects that record as not UTF-8 text, as it does for bytes.
 */
function textBytes(text) {
  if (wellFormed(text)) return utf8.encode(text);
  const parts = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const paired = c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (paired) {
      i++;
      continue;
    }
    parts.push(utf8.encode(text.slice(from, i)), Uint8Array.of(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)));
    from = i + 1;
  }
  parts.push(utf8.encode(text.slice(from)));
  return joinBytes(parts);
}

/**
 * The entry's own way to node:stream and node:buffer where `process.getBuiltinModule` is missing (Node
 * 20.0–20.15, which `engines` takes: a helper's attack, twenty-first pass, found createTransform
 * refused there as "not available in this runtime"): `require` in the CommonJS entry, modules imported
 * at load in the ESM one. Null elsewhere.
 */
let fallbackBuiltin = null;

/** `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno), else the entry's: node:stream without a static import. */
function builtin(name) {
  const get = typeof process !== 'undefined' && process && process.getBuiltinModule;
  const found = typeof get === 'function' ? get.call(process, name) : fallbackBuiltin?.(name);
  if (!found) {
    throw new RemiseError({ code: 'UNSUPPORTED', gateway: G, message: `${name} is not available in this runtime: use createConverter() and your runtime's streams` });
  }
  return found;
}

/**
 * `f()`, an `addMany` after `base` records of the file: with `special` set (a value JSON cannot carry in
 * the records), the core's check of the records runs before any rule and always fails, naming each
 * value by its index in this call; renumbered here from the file's start, as the records' own
 * issues are (done in JS: the same in the core cost 150 B of the .wasm).
 */
function fromFileStart(special, base, f) {
  try {
    return f();
  } catch (e) {
    // A lone surrogate is found by the same reading of the argument, before any record is read
    // (its issues come alone): numbered from the call too (the eleventh pass's known gap).
    const argument = special || (e && Array.isArray(e.issues) && e.issues.length > 0 && e.issues.every(loneSurrogate));
    if (argument && base > 0 && e && e.code === 'VALIDATION' && Array.isArray(e.issues)) {
      const at = (t) => t.replace(/(^|: |; )records\[(\d+)\]/g, (_, lead, n) => `${lead}records[${Number(n) + base}]`);
      e.message = at(e.message);
      if (typeof e.field === 'string') e.field = at(e.field);
      for (const i of e.issues) i.field = at(i.field);
    }
    throw e;
  }
}

/** An issue of the argument reader's lone-surrogate check (its message: src/codec/json.rs). */
function loneSurrogate(i) {
  return i && i.code === 'FORBIDDEN_CHARACTER' && typeof i.message === 'string' && i.message.includes('unpaired UTF-16 surrogate');
}

/**
 * The wasm object behind a BatchWriter or a converter, and its `free()`. Every call into it goes
 * through `cross`: after `free()` it throws OPERATION_NOT_ALLOWED without touching the wasm (a freed
 * wasm-bindgen object must never be called: its glue's null check throws out of a wasm frame, which
 * moves the shadow stack for good), and a `free()` made while a call is on its way (from code the glue
 * runs before the wasm is entered: a patched `Uint8Array.prototype.set` or `encodeInto`, found by the
 * review of the pass) frees the object once that call is over. Kept in a private field of its owner.
 */
class Held {
  #inner;
  #name;
  #busy = false;
  #late;
  // `count` and `rejected` when free() was called, or last read.
  #last = [0, 0];
  #freed = false;
  // The wasm instance's generation when the object was made (`generation()` now): the instance is
  // renewed when a call into it was interrupted (scripts/build-pkg.mjs, "a stack overflow"), and an
  // object of the old one has no state in the new one.
  #gen;
  #generation;
  constructor(inner, name, generation) {
    this.#inner = inner;
    this.#name = name;
    this.#generation = generation;
    this.#gen = generation();
  }
  /** Whether the object still lives in the current instance; else it is dropped (its state is gone). */
  #alive() {
    if (this.#inner !== undefined && this.#gen !== this.#generation()) this.#inner = undefined;
    return this.#inner !== undefined;
  }
  /**
   * `f(inner)`, or OPERATION_NOT_ALLOWED after free() or while another call into the same object is
   * on its way (from a built-in the glue runs, patched by the caller): the converter keeps one output
   * buffer, so a nested call wrote its bytes where the outer call's were read (a helper's attack: one
   * record written twice, another dropped, in a file whose trailer agreed).
   */
  cross(f) {
    if (!this.#alive() && !this.#freed) throw new RemiseError({ code: 'OPERATION_NOT_ALLOWED', gateway: G, message: `${this.#name}: remise's wasm instance was renewed after a call into it was interrupted (wasm memory ran out, e.g. converters left unfinished without free(), or the JS stack did, deep recursion in the calling code): its state is lost; start a new one for this file` });
    const inner = this.#inner;
    if (inner === undefined) throw new RemiseError({ code: 'OPERATION_NOT_ALLOWED', gateway: G, message: `${this.#name}: free() was called: start a new one for another file` });
    if (this.#busy) throw new RemiseError({ code: 'OPERATION_NOT_ALLOWED', gateway: G, message: `${this.#name}: called again while one of its calls is on its way: call it after that call returns` });
    this.#busy = true;
    try {
      return f(inner);
    } finally {
      this.#busy = false;
      if (this.#late !== undefined) {
        const late = this.#late;
        this.#late = undefined;
        // (Not when the call renewed the instance: the pointer means nothing in the new one.)
        if (this.#gen === this.#generation()) late.free();
      }
    }
  }
  free() {
    this.#freed = true;
    if (!this.#alive()) return;
    const inner = this.#inner;
    this.#last = [inner.count(), typeof inner.rejected === 'function' ? inner.rejected() : 0];
    this.#inner = undefined;
    if (this.#busy) this.#late = inner;
    else inner.free();
  }
  /** Records read so far; the last value after free() (or before the instance was renewed). */
  count() {
    return this.#alive() ? (this.#last[0] = this.#inner.count()) : this.#last[0];
  }
  /** Invalid records so far (a converter's); the last value after free(). */
  rejected() {
    return this.#alive() ? (this.#last[1] = this.#inner.rejected()) : this.#last[1];
  }
}

/** `[Symbol.dispose]` (for `using`) on a class with a `free()`. */
function disposable(Class) {
  if (typeof Symbol.dispose === 'symbol') {
    // Calls `free` as the instance has it, so that a subclass's override runs too.
    const dispose = { [Symbol.dispose]() { this.free(); } }[Symbol.dispose];
    Object.defineProperty(Class.prototype, Symbol.dispose, { value: dispose, writable: true, configurable: true });
  }
}

// The converter's method for records `createTransform` already encoded (a symbol: not public).
const ADD_TEXTS = Symbol('addTexts');
/** Bytes (or UTF-16 units) of input pushed between two drains of the rejects: see `createTransform`. */
const REJECT_SLICE = 1 << 14;

// A response line's column that is no number, as the core says it ("line 3 of the Office Batch response:
// amount must be a number, got '10.50'").
const NOT_A_NUMBER = /^(line \d+ of the Office Batch response: )(\w+) must be a number, got /;

/**
 * `e` with the column it names as `field` and, for an amount, the form it must have: an amount of
 * `10.50`, `-5` or 16 digits was "must be a number", with no `field` (a known gap of the twenty-fourth
 * pass; in JS, as the core's message is written once for every number column).
 */
function withColumn(e) {
  const m = e instanceof RemiseError && e.code === 'MALFORMED_RESPONSE' && e.field === undefined ? NOT_A_NUMBER.exec(String(e.message)) : null;
  if (!m) return e;
  const message = /amount/i.test(m[2]) ? e.message.replace(' must be a number, got ', ' must be a whole number of minor units of at most 12 digits (N12), got ') : e.message;
  // A new error (its properties in their usual order), the core's own kept.
  return new RemiseError({ ...e, field: m[2], message });
}

/**
 * The core's "XML response files are not supported" for an XML *request* file (one remise built, given
 * to `parseResponse` or `remise batch report` by mistake), said as for a CSV request file: it sent the
 * user to ask Sogenactif for CSV response files (a helper's attack, twenty-sixth pass).
 */
function xmlRequest(e, text) {
  if (!(e instanceof RemiseError) || e.code !== 'UNSUPPORTED' || typeof text !== 'string') return e;
  // (Declarations, comments, a DOCTYPE or processing instructions may come before the root; `type` is
  // the root's own attribute, not text inside another one's value: the review of the pass.)
  const m = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*(<file(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*?\s+type\s*=\s*["']request["'])/.exec(text.slice(0, 4096));
  if (!m) return e;
  const line = m[0].slice(0, m[0].length - m[1].length).split('\n').length;
  return new RemiseError({ code: 'MALFORMED_RESPONSE', gateway: G, message: `line ${line} of the Office Batch response: this is a request file (<file type="request">), not a response file` });
}

/** Warnings `parseResponse` lists before it counts the rest. */
const MAX_WARNINGS = 100;

export default function sogenactifBatch(raw, builtins) {
  fallbackBuiltin = builtins ?? null;
  // The module's memory, asked again when the instance was renewed (a new instance, a new memory),
  // and held weakly: a retired instance's memory (up to 4 GiB after running out of it) was kept alive
  // by this cache until the next converter call (the review of the pass).
  let memRef = null;
  let memGen = -1;
  const memory = () => {
    let mem = memGen === raw.remiseGeneration() ? memRef?.deref() : undefined;
    if (mem === undefined) {
      mem = raw.__memory();
      memRef = typeof WeakRef === 'function' ? new WeakRef(mem) : { deref: () => mem };
      memGen = raw.remiseGeneration();
    }
    return mem;
  };
  /** Streaming writer of one Office Batch request file (constant memory). */
  class BatchWriter {
    #held;
    constructor(options) {
      const [text, sp] = encode([options, clock()], ['options', 'clock'], G);
      this.#held = new Held(construct(raw.CoreBatchWriter, text, sp), 'BatchWriter', raw.remiseGeneration);
    }
    /**
     * Gives the writer's wasm memory back now instead of when it is collected; later calls throw
     * OPERATION_NOT_ALLOWED, `count` keeps its last value. Twice is fine.
     */
    free() {
      this.#held.free();
    }
    /** The file's first lines; call once, first. */
    header() {
      return unwrap(this.#held.cross((c) => c.edge(false)));
    }
    /** Validates one record and returns its text. */
    add(record) {
      const misfit = notRecord(record, `records[${this.count}]`, "add takes one record object; a file's text or bytes go to sogenactif.batch.createConverter({ header }).push");
      if (misfit) throw misfit;
      // Named by its index in the file, as the core names the record's own issues.
      const [text, sp] = encode([record], [`records[${this.count}]`], G);
      return unwrap(this.#held.cross((c) => c.add(text, sp)));
    }
    /** Validates many records in one crossing and returns their text as UTF-8 bytes; all or nothing. */
    addMany(records) {
      // (Array.isArray throws on a revoked Proxy.)
      if (!guarded(() => Array.isArray(records), false)) throw typeError('records', 'must be an array of records');
      // Paths count records from the start of the file, as the core's own issues do.
      const base = this.count;
      const [text, sp] = encode([records], ['records'], G, base);
      // As a string: the glue writes it into wasm memory with one encodeInto (scripts/build-pkg.mjs).
      return fromFileStart(sp, base, () => tagged(this.#held.cross((c) => c.addMany(text, sp))));
    }
    /** The file's last line(s); later calls throw OPERATION_NOT_ALLOWED. */
    finish() {
      return unwrap(this.#held.cross((c) => c.edge(true)));
    }
    /** Records written so far. */
    get count() {
      return this.#held.count();
    }
  }
  disposable(BatchWriter);
  /** Fast bulk path: many records or raw NDJSON/CSV bytes in, request-file bytes out. */
  class Converter {
    #held;
    // A high surrogate that ended the last text chunk: its low half may begin the next one.
    #high = '';
    // The VALIDATION error of an addMany or a push refused as a whole, and which (`#refuse`).
    #failed;
    #failedIn;
    // Whether bytes were pushed: `addMany` after them is refused (the core may hold the start of a
    // pushed line, and the records were written before it: the fifteenth pass, an attack).
    #pushed = false;
    // finish() or finishView() was called (`addMany`'s refusal after it).
    #ended = false;
    constructor(options) {
      const [text, sp] = encode([options, clock()], ['options', 'clock'], G);
      this.#held = new Held(construct(raw.CoreBatchConverter, text, sp), 'Converter', raw.remiseGeneration);
    }
    /**
     * Gives the converter's wasm memory back now (a view from pushView must not be read after it); later calls
     * throw OPERATION_NOT_ALLOWED, `count` and `rejected` keep their last values. Twice is fine.
     */
    free() {
      this.#held.free();
    }
    /** Complete NDJSON lines / CSV rows of `chunk` → their request-file bytes (header first). */
    push(chunk) {
      // The bytes of pushView, copied out of the wasm memory (one export serves both).
      return this.pushView(chunk).slice();
    }
    /**
     * `push` without a new buffer per chunk: the bytes are a view of the converter's output in the
     * wasm memory, valid until the next call into remise (write them synchronously or copy them).
     * Memory stays flat over millions of records (the `remise batch` command reads this way).
     */
    pushView(chunk) {
      this.#usable();
      const text = typeof chunk === 'string';
      let bytes;
      try {
        bytes = chunkBytes(text ? this.#text(chunk) : chunk, memory);
      } catch (e) {
        // A chunk that is no bytes (an ArrayBuffer, a DataView, a Uint16Array) fails the converter as
        // an unreadable addMany does: its lines were not read, and the next push and finish made a
        // complete-looking file without them (a helper's attack, twentieth pass).
        this.#refuse(e, 'push');
        throw e;
      }
      if (bytes.length > 0 || this.#high !== '') this.#pushed = true;
      // A high surrogate held from the last text chunk, then bytes: it was a lone one, and its bytes
      // go first, where it stood.
      if (!text && this.#high !== '') bytes = joinBytes([this.#takeHigh(), bytes]);
      try {
        return this.#view(this.#held.cross((c) => c.pushKeep(bytes)));
      } catch (e) {
        // Refused by the core as a whole (a CSV header row without `method`, a line over 1 MiB, a row
        // of too many cells): its reader holds a part of that input, and the next push and finish
        // spoke of lines and quotes that were never given (a helper's attack, twenty-first pass).
        this.#refuse(e, 'push');
        throw e;
      }
    }
    /** `finish` as a view (see `pushView`). */
    finishView() {
      // The error of the addMany or push that failed the converter (see `#refuse`).
      if (this.#failed !== undefined) throw this.#failed;
      return this.#finishView();
    }
    #finishView() {
      this.#ended = true;
      // A high surrogate left at the end of the text is a lone one: its record is rejected. Its
      // bytes end no line, so that push gives no output (the header went with the first push).
      // Each call into the wasm goes through `Held#cross`: the steps between (text to bytes, a
      // view) use built-ins a caller may have patched to call free() (a helper's attack).
      if (this.#high !== '') {
        const bytes = this.#takeHigh();
        this.#view(this.#held.cross((c) => c.pushKeep(bytes)));
      }
      return this.#view(this.#held.cross((c) => c.finishKeep()));
    }
    /** Text chunks: a surrogate pair cut between two chunks (even with empty chunks between) is joined again. */
    #text(chunk) {
      let text = this.#high + chunk;
      this.#high = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.#high = text.slice(-1);
        text = text.slice(0, -1);
      }
      return text;
    }
    #takeHigh() {
      const bytes = textBytes(this.#high);
      this.#high = '';
      return bytes;
    }
    #view(error) {
      if (error !== '') throw errorFrom(JSON.parse(error.slice(1)));
      // A new view each time: a grown memory has a new buffer.
      const [ptr, len] = this.#held.cross((c) => [c.outPtr(), c.outLen()]);
      return new Uint8Array(memory().buffer, ptr, len);
    }
    /**
     * Records as JS objects, one crossing for all of them → their bytes. Invalid records become
     * rejects; records that cannot be read at all (a throwing getter, a value JSON cannot carry such
     * as NaN or a BigInt, half a surrogate pair) make the call throw VALIDATION, and the converter
     * is then failed: later calls throw OPERATION_NOT_ALLOWED and `finish` throws that error, so no
     * file is made without those records.
     */
    addMany(records) {
      // Whether the converter may be used at all, first: after a failed call, free() or finish(), that is
      // what is said, not "after push" (a helper's attack on the streams, twenty-fifth pass). (`cross`
      // refuses a freed converter in its own words.)
      this.#usable();
      this.#held.cross(() => undefined);
      if (this.#ended) throw new RemiseError({ code: 'OPERATION_NOT_ALLOWED', gateway: G, message: 'Converter: finish() was already called: start a new converter for another file' });
      if (this.#pushed) throw new RemiseError({ code: 'OPERATION_NOT_ALLOWED', gateway: G, message: 'Converter: addMany after push: its records would be written before a line whose end push has not seen yet; give them to push as NDJSON lines, or to a converter of their own' });
      const base = this.count;
      try {
        const [text, sp] = encode([records], ['records'], G, base);
        // As a string: the glue writes it into wasm memory with one encodeInto (scripts/build-pkg.mjs).
        return fromFileStart(sp, base, () => this.#view(this.#held.cross((c) => c.addMany(text, sp))).slice());
      } catch (e) {
        this.#refuse(e, 'addMany');
        throw e;
      }
    }
    /** (Internal: `createTransform`.) Records already written as JSON texts, in one crossing. */
    [ADD_TEXTS](texts, sp) {
      this.#usable();
      const base = this.count;
      // Joined before the crossing: `join` may be a caller's patch.
      const text = `[[${texts.join(',')}]]`;
      try {
        return fromFileStart(sp, base, () => this.#view(this.#held.cross((c) => c.addMany(text, sp))).slice());
      } catch (e) {
        this.#refuse(e, 'addMany');
        throw e;
      }
    }
    /**
     * An addMany refused as a whole (records that cannot be read, a value JSON cannot carry: its
     * records were not counted) fails the converter: its later calls throw, and `finish` throws
     * that VALIDATION error. A caller that caught it and went on got a complete-looking file
     * without that call's records (a helper's attack, nineteenth pass).
     */
    #refuse(e, method) {
      if (e instanceof RemiseError && e.code === 'VALIDATION' && this.#failed === undefined) {
        this.#failed = e;
        this.#failedIn = method;
      }
    }
    #usable() {
      const e = this.#failed;
      if (e !== undefined) {
        const what = this.#failedIn === 'push' ? 'push was refused (its chunk' : `addMany was refused (${e.field ?? 'records'}`;
        throw new RemiseError({ code: 'OPERATION_NOT_ALLOWED', gateway: G, message: `Converter: an earlier ${what}: ${e.issues?.[0]?.message ?? e.message}), so this converter makes no file: fix ${this.#failedIn === 'push' ? 'that chunk' : 'those records'} and start a new converter` });
      }
    }
    /** The last bytes and the trailer; throws VALIDATION listing the issues if any record was invalid. */
    finish() {
      return this.finishView().slice();
    }
    /** Invalid records since the last call: `[{ line?, index, issues }]`. */
    takeRejects() {
      const rejects = unwrap(this.#held.cross((c) => c.takeRejects()));
      for (const r of rejects) maskIssues(reworded(r.issues));
      return rejects;
    }
    /** Records read so far (valid and invalid). */
    get count() {
      return this.#held.count();
    }
    /** Invalid records so far. */
    get rejected() {
      return this.#held.rejected();
    }
  }
  disposable(Converter);

  /**
   * A Node Transform: records (objects, in object mode) or NDJSON/CSV bytes (with `input`) in,
   * request-file bytes out, with back-pressure. Invalid records make the stream fail with the
   * VALIDATION error at the end (nothing half-written is the consumer's part: write to a temporary
   * file and rename it on 'finish'); each chunk's rejects are also emitted as 'reject' events.
   */
  function createTransform(options) {
    const { Transform } = builtin('node:stream');
    const conv = new Converter(options);
    // Bytes in when `input` is given (null is absent, as for the core).
    const bytesIn = guarded(() => options.input != null, false);
    // Records are written as JSON text when they are written (a producer may reuse or change an
    // object once its write has called back), then sent 1000 at a time in one crossing.
    let pending = [];
    let special = false;
    let written = 0;
    const BATCH = 1000;
    const drain = (stream) => {
      for (const r of conv.takeRejects()) stream.emit('reject', r);
    };
    // A chunk's bytes go to the converter a slice at a time, the rejects drained after each: the core
    // keeps 10 000 between two drains and only counts the rest (`convert::MAX_REJECTS_KEPT`), and a 1 MiB
    // read of short bad rows holds more (a helper's attack, twenty-seventh pass: 20 000 'reject' events
    // of 50 000). A record takes two bytes at least (or two UTF-16 units), so a slice holds fewer.
    // The slices' output goes on as one buffer per chunk (a buffer per slice took 3–6 % more time).
    const pushSliced = (stream, data) => {
      // (A Uint8Array of any realm, as `push` takes it: the stream of a test runner's jsdom realm.)
      const sliceable = typeof data === 'string' || typedArrayTag.call(data) === 'Uint8Array';
      const parts = [];
      for (let at = 0; at === 0 || (sliceable && at < data.length); at += REJECT_SLICE) {
        const part = !sliceable || data.length <= REJECT_SLICE ? data : typeof data === 'string' ? data.slice(at, at + REJECT_SLICE) : data.subarray(at, at + REJECT_SLICE);
        const out = conv.push(part);
        if (out.byteLength) parts.push(out);
        drain(stream);
      }
      if (parts.length === 1) stream.push(parts[0]);
      else if (parts.length > 1) {
        const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
        let at = 0;
        for (const p of parts) {
          all.set(p, at);
          at += p.byteLength;
        }
        stream.push(all);
      }
    };
    const flushRecords = (stream) => {
      if (pending.length === 0) return;
      const out = conv[ADD_TEXTS](pending, special);
      pending = [];
      special = false;
      if (out.byteLength) stream.push(out);
    };
    return new Transform({
      writableObjectMode: !bytesIn,
      // Text written to a byte stream reaches the converter as text, which joins a surrogate pair cut
      // between two writes (Node's own decoding would write U+FFFD for each half).
      decodeStrings: false,
      transform(chunk, enc, done) {
        try {
          if (bytesIn) {
            // Text is kept as text only when written as UTF-8 (the default); text written with another
            // encoding ('latin1', 'base64', 'hex', …) is the bytes that encoding names.
            // (Any spelling Node takes: 'UTF8' and 'UTF-8' went through Buffer.from, which writes U+FFFD for
            // each half of a pair cut between two writes, and for a lone surrogate, without a reject: a
            // helper's attack on the streams, twenty-fifth pass.)
            const e = typeof enc === 'string' ? enc.toLowerCase() : enc;
            const utf = typeof chunk !== 'string' || e === 'utf8' || e === 'utf-8' || e === 'buffer' || !e;
            pushSliced(this, utf ? chunk : builtin('node:buffer').Buffer.from(chunk, enc));
          } else {
            // Text or bytes without `input` (a file's stream piped in, `input` forgotten): each was read
            // as a record and refused as one without a method (the messages audit, twenty-ninth pass).
            const misfit = notRecord(chunk, `records[${written}]`, "give createTransform input: 'ndjson' or input: 'csv' to read a file's text or bytes (without input it takes record objects)");
            if (misfit) throw misfit;
            // A record that cannot be read (a throwing getter, a cycle) fails the stream here,
            // named by its index in the file.
            const [text, sp] = encodeItem(chunk, `records[${written}]`, G);
            written += 1;
            pending.push(text);
            special ||= sp;
            if (pending.length >= BATCH) flushRecords(this);
          }
          drain(this);
          done();
        } catch (e) {
          // Destroyed while it ran (by a 'data' listener, a record's getter): the converter is freed,
          // and the stream ends as destroyed streams do, not with "free() was called".
          done(this.destroyed ? undefined : e);
        }
      },
      // The converter's memory goes back when the stream ends or is destroyed, not when collected.
      destroy(error, done) {
        conv.free();
        done(error);
      },
      flush(done) {
        try {
          flushRecords(this);
          drain(this);
          let out;
          try {
            out = conv.finish();
          } finally {
            // finish() rejects a last line without its line break: emitted before the error.
            drain(this);
          }
          if (out.byteLength) this.push(out);
          done();
        } catch (e) {
          done(this.destroyed ? undefined : e);
        }
      },
    });
  }

  /**
   * The response with its non-enumerable `warnings`: each line that repeats an earlier line's
   * `recordSequence` (the bank answers each request line once: duplicated or replayed lines, which
   * `remise batch report` refuses to total as one request's answer, were returned to a library caller
   * without a word: a helper's attack, twenty-fourth pass). The first MAX_WARNINGS, then their count.
   */
  function withRepeats(res) {
    const warnings = [];
    const first = new Map();
    let more = 0;
    const records = Array.isArray(res?.records) ? res.records : [];
    // recordSequences answered more than once: none of their lines is a result to act on.
    const repeated = new Set();
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      // What the code says of the operation, as the clients and `remise batch report` read it
      // (cli/codes.mjs): whether sending it again is safe, and whether it may have been done. A refund
      // answered 99 read only `accepted: false`, and its message sent the operator to getTransactionData,
      // where a refund does not show: resent, it was refunded twice (a helper's walk through a week of
      // batch files, twenty-ninth pass).
      if (r !== null && typeof r === 'object' && typeof r.responseCode === 'string' && !Object.hasOwn(r, 'retryable') && !Object.hasOwn(r, 'outcome')) {
        const a = r.accepted === true ? { retryable: false } : actionFor(r.responseCode, r.method);
        r.retryable = a.retryable;
        if (a.unknown) {
          r.outcome = 'unknown';
          if (isRefund(r.method) && typeof r.responseMessage === 'string') r.responseMessage = refundUnknown(r.responseMessage);
        }
      }
      const n = r?.recordSequence;
      if (typeof n !== 'number') continue;
      const at = first.get(n);
      if (at === undefined) first.set(n, i);
      else {
        repeated.add(n);
        if (warnings.length >= MAX_WARNINGS) {
          more += 1;
          continue;
        }
        warnings.push({ field: `records[${i}].recordSequence`, code: 'REPEATED', message: `repeats recordSequence ${n} of records[${at}]: the bank answers each request line once, so this is not the file it sent for one request (duplicated or replayed lines): do not count its lines as that request's results` });
      }
    }
    // A line answered 90 (send again) beside one answered 00 for the same record: resent, it was done
    // twice (the same walk). Not refused lines of a repeated recordSequence are of unknown outcome.
    if (repeated.size > 0) {
      for (const r of records) {
        if (r !== null && typeof r === 'object' && repeated.has(r.recordSequence) && r.accepted !== true && typeof r.retryable === 'boolean') {
          // (Its message said "try again later" beside `outcome: 'unknown'`: the review of the round.)
          if (r.outcome !== 'unknown' && typeof r.responseMessage === 'string') {
            r.responseMessage = `${r.responseMessage}; but recordSequence ${r.recordSequence} is answered by more than one line of this file: check the ${whereToCheck(r.method)} before sending anything again`;
          }
          r.retryable = false;
          r.outcome = 'unknown';
        }
      }
    }
    if (more > 0) warnings.push({ field: 'records', code: 'REPEATED', message: `${more} more lines repeat a recordSequence` });
    return attachWarnings(res, warnings);
  }

  return {
    batch: {
      // The input at the root, as the core names its issues (`records[1].amount`, `header.date`).
      build: (input) => invoke(raw, 'sogenactif.batch.build', [input, clock()], ['', 'clock'], G),
      parseResponse: (text, options) => {
        try {
          return withRepeats(invokeText(raw, 'sogenactif.batch.parseResponse', [asText(text), options], ['text', 'options'], G, 0));
        } catch (e) {
          // (A file read as bytes, from SFTP or a ZIP: the messages audit, twenty-ninth pass.)
          throw withColumn(xmlRequest(hintAt(e, 'text', notTextHint(text, 'response file')), text));
        }
      },
      createConverter: (options) => new Converter(options),
      createTransform,
      archive,
    },
    BatchWriter,
  };
}
