// The RemiseError class, the cross-realm guard, and the one crossing per call: each entry turns
// its arguments into one JSON text here (inside a try, so a throwing getter, Proxy trap or toJSON
// becomes a RemiseError before any wasm frame exists), calls one wasm export, and parses the one
// text it returns. Each entry bundles its own copy, so `instanceof RemiseError` holds for errors
// thrown through that entry; `isRemiseError` works across entries and realms (name and code).

import { maskCodes, maskDigits, maskIssues } from '../cli/mask.mjs';
import { didYouMean } from '../cli/suggest.mjs';

export { maskIssues };

const DEFAULTS = {
  gateway: undefined,
  field: undefined,
  issues: undefined,
  gatewayCode: undefined,
  gatewayMessage: undefined,
  httpStatus: undefined,
  retryable: false,
  outcome: undefined,
  response: undefined,
  retryAfterMs: undefined,
};

/** `fn()`, or `fallback` when it throws: caller code a getter, a Proxy trap or a revoked Proxy runs. */
export function guarded(fn, fallback) {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

// %TypedArray%.prototype's accessors: they read a typed array's internal slots, whatever its realm, its
// prototype or its own properties say (a subclass or a swapped prototype cannot make them lie).
const TA_PROTO = Object.getPrototypeOf(Uint8Array.prototype);
const accessor = (name) => Object.getOwnPropertyDescriptor(TA_PROTO, name).get;
const TA_BUFFER = accessor('buffer');
const TA_OFFSET = accessor('byteOffset');
const TA_LENGTH = accessor('length');
/** The tag of a typed array of any realm ('Uint8Array' for a Uint8Array or a Buffer), undefined for anything else. */
export const typedArrayTag = accessor(Symbol.toStringTag);

/**
 * A Uint8Array of any realm as a plain Uint8Array of this realm over the same bytes, made from those
 * accessors; undefined for anything else (a Proxy, a DataView, another typed array, an object dressed
 * as one) and for a view of a detached buffer.
 */
export function plainBytes(v) {
  return guarded(() => (typedArrayTag.call(v) === 'Uint8Array' ? new Uint8Array(TA_BUFFER.call(v), TA_OFFSET.call(v), TA_LENGTH.call(v)) : undefined), undefined);
}

/**
 * Byte arrays one after the other, in one new Uint8Array (an array of parts, not spread arguments:
 * a streamed body can come in many chunks).
 */
export function joinBytes(parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return all;
}

/** `props[key]`, or undefined when props is not an object or reading it throws. */
export function read(props, key) {
  if (props === null || (typeof props !== 'object' && typeof props !== 'function')) return undefined;
  return guarded(() => props[key], undefined);
}

export class RemiseError extends Error {
  // Total, like the guard below: built from props that cannot be read (a throwing getter, a revoked
  // Proxy), it is a plain RemiseError rather than a second exception thrown from a catch block.
  constructor(props, options) {
    const message = read(props, 'message');
    const opts = guarded(() => (options !== null && typeof options === 'object' && 'cause' in options ? { cause: options.cause } : undefined), undefined);
    super(typeof message === 'string' ? message : 'remise error', opts);
    this.name = 'RemiseError';
    const code = read(props, 'code');
    this.code = typeof code === 'string' ? code : 'UNSUPPORTED';
    for (const key of Object.keys(DEFAULTS)) {
      const given = read(props, key);
      const value = given !== undefined ? given : DEFAULTS[key];
      if (value !== undefined) this[key] = value;
    }
    if (!this.issues && this.code === 'VALIDATION') this.issues = [];
  }
}

/**
 * Whether `value` is a RemiseError from any entry or realm (by name and code). Never throws: a
 * value whose properties cannot be read (a throwing getter, a revoked Proxy) is not one.
 */
export function isRemiseError(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    read(value, 'name') === 'RemiseError' &&
    typeof read(value, 'code') === 'string'
  );
}

// ---- input: one JSON text per call ----

// Values JSON cannot carry become these strings; the core reports them with their path and the
// messages of earlier versions (src/api/args.rs, SENTINEL).
const SENTINEL = '\u0000remise:';
const MAX_DEPTH = 64;
// Elements of one array: more than any call can use (a batch file of 2^24 records would be over
// V8's longest string) and checked before the array is walked: a sparse array of length 2^32 - 1 was
// walked index by index for minutes (the fifteenth pass, an attack).
const MAX_ELEMENTS = 2 ** 24;
const TOO_LONG = Symbol('remise: an array too long');
// (A typed array too: JSON writes it with one key per element.)
const tooLong = (v) => (Array.isArray(v) || ArrayBuffer.isView(v)) && v.length > MAX_ELEMENTS;
let special = false;

// Collections JSON.stringify writes as `{}`: a Map of a body read as an empty object and reported as
// "uuid: is required" (a helper's attack, 2026-12-06). Named "not plain data" at their path instead.
// By constructor, in this realm (a class of the caller's own, an ORM row, stays an object).
const COLLECTIONS = [Map, Set, WeakMap, WeakSet, globalThis.URLSearchParams].filter((c) => typeof c === 'function');
// A Promise too (JSON writes `{}`): a forgotten `await` read as an empty object, "uuid: is required", or
// as no preflight data for a Sips call (a new user's walk, twenty-second pass). Of any realm (its
// tag: a `node:vm` one failed `instanceof`), and any other thenable without own keys (the review
// of the pass). One with own keys (Bluebird's) is read as its keys. Also asked by the clients of their
// options and call options, which are copied key by key.
export const isPromise = (v) =>
  v !== null && typeof v === 'object' && guarded(() => Object.keys(v).length === 0 && (tagOf(v) === 'Promise' || typeof v.then === 'function'), false);
// FormData and Headers: Node defines them as getters that load its fetch implementation on first read,
// and reading them when this file loaded took remise's cold start from +11 to +33 ms (the seventeenth
// pass's `make bench`). Once read (by anyone: a subclass of Headers reads it), the getter is replaced by
// the class, taken as it is; while the getter stands (nothing read it), only an object whose tag names
// the class makes remise read it. A tag getter that throws says nothing: the object is plain data.
const WEB_COLLECTIONS = ['FormData', 'Headers'];
const tagOf = (v) => {
  try {
    return v[Symbol.toStringTag];
  } catch {
    return undefined;
  }
};
function webCollection(v) {
  for (let i = 0; i < WEB_COLLECTIONS.length; i++) {
    const name = WEB_COLLECTIONS[i];
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    const web = d === undefined ? undefined : 'value' in d ? d.value : tagOf(v) === name ? globalThis[name] : undefined;
    if (typeof web === 'function' && v instanceof web) return true;
  }
  return false;
}
// Only an object without own enumerable keys, which JSON writes `{}`, can be one: `plain` asks only
// then (asking for every object cost `addMany` 4 %).
const collection = (v) => {
  if (Object.keys(v).length !== 0) return false;
  for (let i = 0; i < COLLECTIONS.length; i++) if (v instanceof COLLECTIONS[i]) return true;
  return isPromise(v) || webCollection(v);
};

/** Whether `value` is what a collection's own `toJSON` gave (JSON.stringify asks it first). */
function collectionBefore(holder, key, value) {
  const held = holder[key];
  return held !== value && held !== null && typeof held === 'object' && typeof held.toJSON === 'function' && collection(held);
}

function replacer(key, value) {
  switch (typeof value) {
    case 'number':
      if (value !== value || value === Infinity || value === -Infinity) {
        special = true;
        return SENTINEL + 'nan';
      }
      return value;
    case 'bigint':
      special = true;
      return SENTINEL + 'bigint';
    case 'symbol':
      special = true;
      return SENTINEL + 'symbol';
    case 'object':
      if (value === null) {
        // An invalid Date's toJSON gives null; the holder still has the Date (duck-typed:
        // instanceof fails across realms).
        const held = this[key];
        if (held !== null && typeof held === 'object' && typeof held.getTime === 'function') {
          special = true;
          return SENTINEL + 'date';
        }
      } else if (collection(value) || collectionBefore(this, key, value)) {
        special = true;
        return SENTINEL + (isPromise(value) ? 'promise' : 'collection');
      }
      return value;
    default:
      return value;
  }
}

/**
 * Whether JSON.stringify(value) without the replacer writes what it writes with it: no
 * non-finite number, BigInt, symbol or invalid Date anywhere, visiting what JSON.stringify visits
 * (own enumerable string keys, array items, `toJSON(key)` results). Deeper than MAX_DEPTH (a
 * cycle, or nesting the core refuses anyway): false, so the replacer path keeps its errors. A
 * getter, Proxy trap or toJSON that throws here throws to `encode`, as it would from
 * JSON.stringify. The values are read twice (here, then by JSON.stringify): a getter or toJSON
 * that answers differently each time, or a toJSON that changes values already walked, can be
 * written as its second answer without the replacer naming it (ARCHITECTURE.md "Boundary").
 */
function plain(value, key, depth) {
  let v = value;
  // As JSON.stringify: `toJSON` read once and called with the key, on an object, a function or a
  // BigInt; its result is not asked again.
  const t = typeof v;
  if ((t === 'object' && v !== null) || t === 'function' || t === 'bigint') {
    const toJSON = v.toJSON;
    if (typeof toJSON === 'function') {
      // A collection with a `toJSON` of its own (Bun's URLSearchParams, FormData, Headers) is still
      // no plain data: the replacer names it (it was read as plain data on Bun alone: fifteenth pass).
      if (t === 'object' && collection(v)) return false;
      v = toJSON.call(v, key);
      // An invalid Date (toJSON gives null): the replacer names it.
      if (v === null) return typeof value.getTime !== 'function';
    }
  }
  switch (typeof v) {
    case 'number':
      return v - v === 0;
    case 'bigint':
    case 'symbol':
      return false;
    case 'object': {
      if (v === null) return true;
      if (depth >= MAX_DEPTH) return false;
      // (Thrown: `encode` then finds it with `locate`, which names it. A Uint8Array of 5e7 in a body
      // was walked key by key for minutes: the review of the pass.)
      if (tooLong(v)) throw TOO_LONG;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!plain(v[i], String(i), depth + 1)) return false;
        return true;
      }
      const keys = Object.keys(v);
      if (keys.length === 0 && collection(v)) return false;
      for (let i = 0; i < keys.length; i++) if (!plain(v[keys[i]], keys[i], depth + 1)) return false;
      return true;
    }
    default:
      return true;
  }
}

/** The VALIDATION error of one TYPE issue at `field` (the whole input: '(input)'). */
const validation = (gateway, field, message, cause) => withIssues(gateway, [{ field: field || '(input)', code: 'TYPE', message }], cause);

// Client options and hash keys hold credentials: a key there that does not read as an option name
// (letters or '_', lower-case first, at most 16) may be a secret pasted in the wrong place, and is
// written '***' in a path (the core's codec::json::name_like / shown_key do the same).
const sensitive = (path) => path === 'options' || path.startsWith('options.') || path === 'keys';
const shown = (path, key) => (sensitive(path) && !/^(?:[a-z][A-Za-z_]{0,15})?$/.test(key) ? '***' : key);
const join = (path, key) => (path ? `${path}.${shown(path, key)}` : key);

// Finds where JSON.stringify failed: a cycle or over-deep nesting (reported at depth 65, as the
// core reports deep nesting), or a getter / Proxy trap / toJSON that threw. `base` is added to the
// indexes of a top-level array (records of a batch file counted from its start).
function locate(value, path, depth, gateway, cause, base = 0, ancestors = []) {
  // Only an object or array nests: a number beside a cycle was named as the value too deep (a
  // helper's attack: `o.self.self….a` for `{ a: 1, self: o }`).
  if (typeof value === 'function') {
    // JSON leaves a function out, or writes what its own toJSON gives: only that toJSON is asked (one that
    // threw was named at '(input)': a fuzz of the twenty-sixth pass; walking a function's keys blamed
    // what JSON never reads: the review of the pass).
    try {
      if (typeof value.toJSON === 'function') value.toJSON();
    } catch (e) {
      return validation(gateway, path, 'could not be read (a getter, Proxy or toJSON threw): pass plain data', e);
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return validation(gateway, path, 'is nested too deeply (or refers to itself): pass plain data');
  let keys;
  // What JSON writes: an object with a toJSON of its own is what that gives, not its keys (a model with a
  // back-reference was "nested too deeply" where a getter beside it threw: the review of the pass).
  let target = value;
  try {
    if (tooLong(value)) return validation(gateway, path, `has ${value.length} elements, more than one call takes (${MAX_ELEMENTS}): split it into smaller calls`);
    if (typeof value.toJSON === 'function') target = value.toJSON();
    if (target === null || typeof target !== 'object') return null;
    // A cycle is named where it closes, with what it refers back to: it was named 65 levels down, the
    // path repeating (`self.self.…`, 324 characters: the messages audit, twenty-ninth pass). Compared as
    // JSON compares, what is being written (a toJSON's result) with what is being written above it: a
    // toJSON that gives an ancestor back closes it here (it was named one level down, at a path that does
    // not exist: the review of the pass), and an object whose toJSON gives something else is no cycle by
    // itself (the quick review of the pass).
    const up = ancestors.find((a) => a.value === target);
    if (up) return validation(gateway, path, `refers back to ${up.path === '' ? 'the value given' : up.path} (a cycle${target === value ? '' : ', through its toJSON'}): pass plain data, without the back-reference`);
    if (target !== value && tooLong(target)) return validation(gateway, path, `has ${target.length} elements, more than one call takes (${MAX_ELEMENTS}): split it into smaller calls`);
    keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
  } catch (e) {
    return validation(gateway, path, 'could not be read (a getter, Proxy or toJSON threw): pass plain data', e);
  }
  ancestors.push({ value: target, path });
  for (const k of keys) {
    const sub = typeof k === 'number' ? `${path}[${k + base}]` : join(path, k);
    let item;
    try {
      item = target[k];
    } catch (e) {
      return validation(gateway, sub, 'could not be read (a getter or Proxy threw): pass plain data', e);
    }
    const found = locate(item, sub, depth + 1, gateway, cause, 0, ancestors);
    if (found) return found;
  }
  ancestors.pop();
  return null;
}

/**
 * The arguments as one JSON text, and whether the core must look for sentinels. `names` gives
 * each argument's path in issues ('' for a request body); `base` is added to the index of an
 * argument that is an array (`records[<n>]` counted from the start of the file). Throws a
 * RemiseError (VALIDATION, with `cause`) when the input cannot be read.
 */
export function encode(args, names, gateway, base = 0) {
  // Fast path: arguments that are all strings, finite numbers, booleans or absent need no replacer.
  let direct = '[';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const t = typeof a;
    if (t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(a))) direct += JSON.stringify(a);
    else if (a === undefined || a === null) direct += 'null';
    else {
      direct = undefined;
      break;
    }
    if (i < args.length - 1) direct += ',';
  }
  if (direct !== undefined) return [direct + ']', false];
  // A function given as an argument, which JSON writes `null`, the argument left out: a table forgotten
  // to be called (`toMinor('12.3', 'CNY', tableFor)`) was the ISO table, ten times Systempay's amount (a
  // helper's fuzz, twenty-sixth pass). (In an object a function is a property JSON leaves out, as before.)
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'function' && typeof guarded(() => a.toJSON, undefined) !== 'function') throw validation(gateway, names[i] || '', 'is a function (not called?): pass the value it gives');
  }
  // `special` is module state that the replacer sets: a getter or toJSON that calls remise runs a
  // nested encode in the middle of this one's JSON.stringify, so the flag is saved and put back
  // (before, the nested call cleared it and a NaN written before the getter reached the gateway
  // as its placeholder text).
  const outer = special;
  special = false;
  try {
    // Plain data (the usual case) is written without the replacer: V8 then stays on its own fast
    // path instead of calling back into JS for every value (1.3x to 1.7x faster for a request
    // body or a chunk of batch records). `plain` answers whether the replacer would change
    // anything; when it would, or cannot tell, the replacer runs as before.
    if (plain(args, '', 0)) return [JSON.stringify(args), false];
    const text = JSON.stringify(args, replacer);
    return [text, special];
  } catch (e) {
    for (let i = 0; i < args.length; i++) {
      const found = locate(args[i], names[i] || '', 0, gateway, e, base);
      if (found) throw found;
    }
    // Not found: named by the argument only when there is one (the first named one could be
    // another argument: `batch.build` names its input '' and its clock 'clock').
    throw validation(gateway, names.length === 1 ? names[0] : '', 'could not be converted to plain data: pass objects, arrays, strings, numbers and booleans', e);
  } finally {
    special = outer;
  }
}

/**
 * One item of an array argument as JSON text (`encode([value], [path])` without its brackets), for
 * records written one at a time and sent together (`createTransform`). Plain data is written
 * directly; anything else goes through `encode`, which names what cannot be read.
 */
export function encodeItem(value, path, gateway) {
  try {
    if (value !== null && typeof value === 'object' && plain(value, '0', 1)) return [JSON.stringify(value), false];
  } catch {
    // A getter or Proxy that throws: `encode` below reports it at `path`.
  }
  const [text, sp] = encode([value], [path], gateway);
  return [text.slice(1, -1), sp];
}

// ---- output: one text per call ----

/** A decoded answer with `maskCodes` applied to its strings (the core's reader bounds its depth). */
function codesMasked(v, depth) {
  if (typeof v === 'string') return maskCodes(v);
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  for (const k of Object.keys(v)) v[k] = codesMasked(v[k], depth + 1);
  return v;
}

// The scrub of the client whose call is being prepared (transport.js `send` sets it around that
// synchronous step): a message's secrets are taken out before its card numbers and security codes are
// masked, which rewrote a secret holding `cvv 123` or a card-like run first, so that it was no longer
// found (a helper's fuzz, twenty-third pass: `'CVV ***xomfCAzwoLDp…'`).
let secretScrub;

/** `f()` with `scrub` taking a client's secrets out of the errors built meanwhile (the outer one put back). */
export function withScrub(scrub, f) {
  const outer = secretScrub;
  secretScrub = scrub;
  try {
    return f();
  } finally {
    secretScrub = outer;
  }
}

const unsecret = (t) => (secretScrub !== undefined && typeof t === 'string' ? secretScrub(t) : t);

/** `issues` with the current client's secrets taken out of their paths and messages, in place. */
function unsecretIssues(issues) {
  if (secretScrub === undefined || !Array.isArray(issues)) return;
  for (const i of issues) {
    guarded(() => {
      i.field = unsecret(i.field);
      i.message = unsecret(i.message);
    });
  }
}

/** A UTF-16 code unit of a surrogate pair without its other half. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Whether `text` holds no lone surrogate (`isWellFormed` where the runtime has it). */
export const wellFormed = (text) => (typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text));

/**
 * ISO 4217 codes withdrawn, with the code that replaced each (ISO 4217 amendments; none is in list one of
 * 2026-01-01, which remise's iso rows follow). The core's "unknown currency" told them to be "an ISO 4217
 * alpha-3 code in upper case", which they are (a helper's attack on the amounts, twenty-fourth pass). A
 * gateway's own table may still hold one (Sogenactif keeps HRK and BGN): then the core takes it and no
 * message is rewritten.
 */
const WITHDRAWN = { ANG: 'XCG', BGN: 'EUR', HRK: 'EUR', SLL: 'SLE', VEF: 'VES', MRO: 'MRU', STD: 'STN', ZWL: 'ZWG', CUC: 'CUP', LTL: 'EUR', LVL: 'EUR', EEK: 'EUR', SKK: 'EUR', CYP: 'EUR', MTL: 'EUR', SIT: 'EUR' };
// The same codes by their ISO 4217 numbers, and their successors' (ANG's 532 went to XCG, so it is not
// here): a numeric code was told to be "a numeric code like 978", which it is (a known gap of the
// twenty-fourth pass).
const WITHDRAWN_NUMBERS = { 975: 'BGN', 191: 'HRK', 694: 'SLL', 937: 'VEF', 478: 'MRO', 678: 'STD', 932: 'ZWL', 931: 'CUC', 440: 'LTL', 428: 'LVL', 233: 'EEK', 703: 'SKK', 196: 'CYP', 470: 'MTL', 705: 'SIT' };
const SUCCESSOR_NUMBERS = { EUR: 978, SLE: 925, VES: 928, MRU: 929, STN: 930, ZWG: 924, CUP: 192 };
const UNKNOWN_CODE = /(unknown currency '([A-Z]{3}|\d{3})' for the \w+ table: )give an ISO 4217 alpha-3 code in upper case like 'EUR' or a numeric code like 978/g;

/** `text` with each unknown currency that is a withdrawn one said so, with its successor. */
function withdrawn(text) {
  if (typeof text !== 'string' || !text.includes('unknown currency')) return text;
  return text.replace(UNKNOWN_CODE, (all, head, code) => {
    if (Object.hasOwn(WITHDRAWN, code)) return `${head}${code} was withdrawn from ISO 4217: give its successor, ${WITHDRAWN[code]}, if the gateway's table has it`;
    const letters = WITHDRAWN_NUMBERS[code];
    if (letters === undefined) return all;
    const next = WITHDRAWN[letters];
    return `${head}${code} (${letters}) was withdrawn from ISO 4217: give its successor, ${SUCCESSOR_NUMBERS[next]} (${next}), if the gateway's table has it`;
  });
}

// The core's digits check says the length it found as a bare number ("must be exactly 15 digits, got
// 5", read as the value 5: a known gap of the twenty-fourth pass); " digits" after it here (in the
// core's format string it measured +35 B of the .wasm).
const DIGITS_GOT = /^must be (?:exactly \d+|\d+ to \d+) digits, got \d+$/;
// The core's integer reader speaks of amounts for every field it reads (ARCHITECTURE "JS", thirteenth
// pass: it does not know it reads one); a field that is no amount (`captureDelay`, `recordSequence`,
// `header.sequence`) is told without it (a helper's check against the notes, twenty-fifth pass).
const INTEGER_HINT = ' (a safe integer; an amount is in minor units, 1050 for 10.50), got ';
// A field in minor units (its path's last name, `lastPart`): named `…amount`/`…Amount`, or one of
// Payline's order amounts named otherwise
// (`taxes`, `details[].price`, `deliveryCharge`: "Minor units (N12)" in src/payline/typegen.rs; a
// helper's differential fuzz, twenty-fifth pass, found them told as counts).
const AMOUNT_FIELD = /[Aa]mount$|^(?:taxes|price|deliveryCharge)$/;

/** An issue's message in the words the core leaves short (`reworded`), or the same text. */
function rewordedMessage(i) {
  const m = i.message;
  if (typeof m !== 'string') return m;
  if (i.code === 'UNKNOWN_CURRENCY') return withdrawn(m);
  if (DIGITS_GOT.test(m)) return `${m} ${m.endsWith(' 1') ? 'digit' : 'digits'}`;
  if (i.code === 'TYPE' && typeof i.field === 'string' && m.startsWith('must be a non-negative whole number') && m.includes(INTEGER_HINT) && !AMOUNT_FIELD.test(lastPart(i.field))) return m.replace(INTEGER_HINT, ' (a safe integer), got ');
  // A card number written in groups was told to set panType to 'TOKEN_PAN', which wrote it as a token
  // (a helper's audit of the messages, twenty-sixth pass): the digits alone first.
  // NaN is told what it may be, not "pass a finite number" where text is expected (`toMinor(NaN, 'EUR')`
  // wants '12.50'; a helper's audit of the messages, twenty-sixth pass).
  if (m === NAN_MESSAGE) return 'is NaN or infinite (a failed Number() or parseFloat?): pass the value itself, a finite number or the text the field takes';
  // A CSV cell in Windows-1252 (Excel's "CSV" on a French Windows: `é` as one byte) was told it is not
  // UTF-8 without what to do (a helper's attack on the bulk API, twenty-seventh pass).
  if (NOT_UTF8_CELL.test(m)) return `${m}: save the file as UTF-8 (Excel: "CSV UTF-8"; or iconv -f WINDOWS-1252 -t UTF-8)`;
  if (m === BATCH_CARD_FORMAT) return "must be a card number of 10 to 19 digits, written as its digits alone (no spaces or separators); a token (not a card number) goes with panType 'TOKEN_PAN'";
  if (i.code === 'ENUM') return nearest(m);
  return m;
}

// The core's message of a name that is not one of a list: the name quoted, then the list.
const NOT_LISTED = /'([^'\n]{1,64})'.*?: use one of ([^()]+?)(?: \(|$)/s;

/**
 * An ENUM message with the listed name nearest to the quoted one (`doCaptur`, `refunds`, `cancell`), as
 * a Systempay service is told (`serviceNear`): only Systempay's services had one (the messages audit,
 * twenty-ninth pass). A listed name's last part counts too (Office's `cashManagement/refund`, whose
 * family prefix is optional).
 */
function nearest(m) {
  const found = /did you mean/i.test(m) ? null : NOT_LISTED.exec(m);
  if (!found) return m;
  const listed = found[2].split(', ').flatMap((c) => (c.includes('/') ? [c, c.slice(c.lastIndexOf('/') + 1)] : [c]));
  const near = didYouMean(found[1], [...new Set(listed)]);
  return near === '' ? m : m.replace(': use one of', `:${near} Otherwise use one of`);
}

// The core's message for a value JSON cannot carry that was NaN or ±Infinity (src/api/args.rs).
const NAN_MESSAGE = 'is NaN or infinite: pass a finite number';
// The core's message for a CSV cell that is not UTF-8 (src/sogenactif/batch/convert.rs).
const NOT_UTF8_CELL = /^the cell of column .* is not UTF-8 text$/s;
// The core's message for a batch record's card number that is no card number (src/sogenactif/batch/rules.rs).
const BATCH_CARD_FORMAT = "must be a card number of 10 to 19 digits; for a token set panType to 'TOKEN_PAN'";

/** A field path's last name: `details` of `order.details[0]`, `price` of `order.details[0].price`. */
const lastPart = (field) => field.replace(/(?:\[\d+\])+$/, '').split('.').pop();

/**
 * `issues` in the words the core's messages leave short, in place (`rewordedMessage`: each withdrawn
 * currency said so, a digit count said to be one, a count told without amounts). For errors (`errorFrom`,
 * which writes their message again: `messageOf`) and a converter's rejects, which no error carries.
 */
export function reworded(issues) {
  for (const i of issues) if (i && typeof i.message === 'string') i.message = rewordedMessage(i);
  return issues;
}

/** The `field: message` parts of `listed`, as every message of issues lists them. */
const partsOf = (listed) => listed.map((i) => `${i.field}: ${i.message}`).join('; ');

/** The message of `listed` issues of `total`, as the core writes it (`Error::validation_of`). */
function issuesMessage(listed, total) {
  if (total === 1) return partsOf(listed);
  return total > listed.length ? `${total} problems (the first ${listed.length} are listed in issues): ${partsOf(listed)}` : `${total} problems: ${partsOf(listed)}`;
}

// The headers the core writes before a message's issues, with the count and how many it lists: "3
// problems: ", "1001 problems (the first 1000 are listed in issues): ", and the converter's "1500
// problems in 1500 of 1500 records (the first 1000 are listed in issues): " (which lists the first alone).
const ISSUES_HEADER = /^(\d+) problems( in \d+ of \d+ records)?(?: \(the first (\d+) are listed in issues\))?: /;

/**
 * `said`, the core's message of `issues`, written again from them (`before`: their parts as the core
 * had them): after `reworded`, and because the core nests the paths of a message of one issue only
 * ("2 problems: shopId: …" for `options.shopId`, "[0].orderId" for an addMany's `records[0].orderId`:
 * its `Error::nest`; a review of the twenty-fifth pass). Only a message of the shapes the core writes,
 * its counts those of `issues`; another is left as it is (a field name of the caller's that holds such a
 * text stays theirs: a differential fuzz and a review of the pass).
 */
function messageOf(issues, said, before) {
  if (typeof said !== 'string' || issues.length === 0 || issues.some((i) => !i || typeof i.field !== 'string' || typeof i.message !== 'string')) return said;
  if (issues.length === 1 && said === before) return partsOf(issues);
  const m = ISSUES_HEADER.exec(said);
  if (!m) return said;
  const [header, total, records, listed] = m;
  if (records !== undefined) return listed !== undefined && Number(listed) === issues.length && Number(total) > 1 ? `${header}${partsOf(issues.slice(0, 1))}` : said;
  const whole = listed === undefined ? Number(total) === issues.length : Number(listed) === issues.length && Number(total) > issues.length;
  return whole && issues.length > 1 ? `${header}${partsOf(issues)}` : said;
}

/**
 * What an answer's reader was given in place of the answer's text, and what to give instead; undefined
 * for text or a value that is no object. A fetch `Response`, bytes, the answer already parsed were told
 * only "must be a string, got an object" (the messages audit, twenty-ninth pass). `what`: the text's name.
 */
export function notTextHint(value, what, status) {
  if (value === null || typeof value !== 'object') return undefined;
  return guarded(() => {
    // (A Promise has its own issue, "await it first": the review on the runtimes, twenty-ninth pass.)
    if (typeof value.then === 'function') return undefined;
    return textOf(value, what, status) ?? `give the ${what} as it was received, its text, not the object parsed from it`;
  }, undefined);
}

/** What to do with a carrier of text (bytes, a Response, a stream, a Blob); undefined for anything else. */
function textOf(value, what, status) {
  if (ArrayBuffer.isView(value) || Object.prototype.toString.call(value) === '[object ArrayBuffer]') return `decode the bytes first: new TextDecoder().decode(bytes)${what === 'response file' ? ' (a ZIP is unzipped first)' : ''}`;
  // (Where each reader takes the status: the review of the pass found one advice for all four.)
  if (typeof value.text === 'function' && typeof value.status === 'number') return `give the body's text: await response.text()${status ? `, and response.status ${status}` : ''}`;
  if (typeof value.getReader === 'function') return 'read the stream whole first: await new Response(stream).text()';
  // A Node stream or http.IncomingMessage (`pipe` and `on`), as `rawForm` tells one (systempay.js).
  if (typeof value.pipe === 'function' && typeof value.on === 'function') return "read the stream whole first: await text(stream) (from 'node:stream/consumers')";
  if (typeof value.text === 'function' && typeof value.size === 'number') return 'read it first: await blob.text()';
  return undefined;
}

/**
 * `value` as the reader sends it to the core: a carrier of text (`textOf`) as an empty object, so that the
 * core says "must be a string, got an object" and no more; walked, a Node stream was named at
 * `text.end` ("is NaN"), an IncomingMessage at a cycle of its sockets (the review on the runtimes).
 */
export function asText(value) {
  return value !== null && typeof value === 'object' && guarded(() => typeof value.then !== 'function' && textOf(value) !== undefined, false) ? {} : value;
}

/**
 * `e` (a VALIDATION) with `hint` after the message of its issue at `field`, its message written again;
 * `e` as it is without one. For the hints the JS side adds to the core's words (`notTextHint`, arguments
 * given in another order).
 */
export function hintAt(e, field, hint) {
  if (hint === undefined || !(e instanceof RemiseError) || e.code !== 'VALIDATION') return e;
  guarded(() => {
    const issue = e.issues.find((i) => i?.field === field);
    if (!issue || typeof issue.message !== 'string') return;
    const before = e.issues.length === 1 ? `${issue.field}: ${issue.message}` : undefined;
    issue.message = `${issue.message}: ${hint}`;
    e.message = messageOf(e.issues, e.message, before);
  }, undefined);
  return e;
}

/** Builds the RemiseError of a framed `e…` text or a parsed props object. */
export function errorFrom(props) {
  if (props && props.retryDelayMs !== undefined) delete props.retryDelayMs;
  if (props && Array.isArray(props.issues)) {
    const before = props.issues.length === 1 && props.issues[0] ? `${props.issues[0].field}: ${props.issues[0].message}` : undefined;
    reworded(props.issues);
    props.message = messageOf(props.issues, props.message, before);
  }
  // (An unknown currency's own message, not one quoting a gateway's words: a gateway error that quoted
  // such a text was reworded in its message, not in its `gatewayMessage`: the same fuzz.)
  if (props && props.code === 'UNKNOWN_CURRENCY') props.message = withdrawn(props.message);
  // A card number given in the wrong place (a uuid, a currency, a key) is quoted by the message that
  // names it: shown with its last four digits only, as `remise batch report` shows one (13 to 19
  // digits passing the Luhn check; a helper's attack found it whole in VALIDATION errors).
  if (props) {
    props.message = maskDigits(unsecret(props.message));
    if (typeof props.field === 'string') props.field = maskDigits(unsecret(props.field));
    unsecretIssues(props.issues);
    // (The core redacts the gateway's own words and answer by field name; a code in their free text,
    // `CVV 737`, here.)
    if (typeof props.gatewayMessage === 'string') props.gatewayMessage = maskCodes(props.gatewayMessage);
    if (props.response !== undefined) props.response = codesMasked(props.response, 0);
    maskIssues(props.issues);
  }
  return new RemiseError(props);
}

function attachWarnings(target, warnings) {
  if (target !== null && typeof target === 'object') {
    Object.defineProperty(target, 'warnings', { value: warnings, enumerable: false, writable: false, configurable: true });
  }
  return target;
}

/**
 * `q…`: an HttpRequest as `[{ method, url, headers }, warnings]`, a line feed, then the body as
 * it is (the core does not escape it, so JSON.parse does not unescape it). JSON text holds no raw
 * line feed: the first one ends the head. Returns `[request, warnings]`.
 */
function requestPair(r) {
  const nl = r.indexOf('\n');
  const pair = JSON.parse(r.slice(1, nl));
  pair[0].body = r.slice(nl + 1);
  return pair;
}

/** Parses a framed result (`o…` value, `w…` [value, warnings], `q…` request, `e…` error → throws). */
export function unwrap(r, alwaysWarnings) {
  const tag = r.charCodeAt(0);
  if (tag === 111) {
    const v = JSON.parse(r.slice(1));
    return alwaysWarnings ? attachWarnings(v, []) : v;
  }
  if (tag === 113) {
    const [v, w] = requestPair(r);
    return alwaysWarnings || w.length > 0 ? attachWarnings(v, w) : v;
  }
  if (tag === 119) {
    const [v, w] = JSON.parse(r.slice(1));
    return attachWarnings(v, w);
  }
  throw errorFrom(JSON.parse(r.slice(1)));
}

/** Like unwrap, but returns `[value, warnings]` (for client calls that attach them later). */
export function unwrapPair(r) {
  const tag = r.charCodeAt(0);
  if (tag === 111) return [JSON.parse(r.slice(1)), []];
  if (tag === 113) return requestPair(r);
  if (tag === 119) return JSON.parse(r.slice(1));
  throw errorFrom(JSON.parse(r.slice(1)));
}

export { attachWarnings };

/**
 * Where the first number of a decoded answer that JavaScript cannot hold exactly lies (beyond
 * ±(2^53 − 1): `JSON.parse` rounds `9007199254740993` to `…992`), as the keys leading to it, last
 * first, each with whether its holder is an array; undefined when there is none. The core reads and
 * checks the answer's exact digits (a seal or kr-hash covers them); the value handed back must be what
 * was checked, so such an answer is refused rather than returned rounded (a helper's attack,
 * 2026-12-06). One walk of every answer, building nothing unless it finds one. Depth is bounded by
 * the core's reader.
 */
function inexactKeys(v) {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? [] : undefined;
  if (v === null || typeof v !== 'object') return undefined;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const found = inexactKeys(v[k]);
    if (found) {
      found.push([k, Array.isArray(v)]);
      return found;
    }
  }
  return undefined;
}

/**
 * A Systempay answer of nothing but white space (and a byte order mark), said so: the core's readers quoted
 * its nothing ("the answer is not JSON (EOF while parsing a value at line 1 column 0): ;", a known gap of the
 * twenty-ninth pass; "…not the 200 with the V4 envelope: " under 201). In JS: the core's words cost `.wasm`.
 * `message` as it is for any other text.
 */
export function emptyAnswer(message, text) {
  if (typeof message !== 'string' || typeof text !== 'string' || /[^ \t\r\n]/.test(text.replace(/^\uFEFF/, ''))) return message;
  return message.replace(NOT_JSON_QUOTE, 'the answer is empty (no JSON envelope in it)').replace(NOT_200_QUOTE, '$1, and it is empty');
}
// The core's quote of JSON's white space (after a BOM it skips): a line break as `\n`, a BOM as
// `\u{feff}`, a long quote cut with `…`; after the two messages that quote an answer.
const NOTHING = String.raw`(?:\\u\{feff\})?(?: |\\[tnr])*…?`;
const NOT_JSON_QUOTE = new RegExp(String.raw`^the answer is not JSON \(EOF while parsing a value at line \d+ column \d+\): ${NOTHING}`);
const NOT_200_QUOTE = new RegExp(String.raw`^(the answer is HTTP \d+, not the 200 with the V4 envelope): ${NOTHING}`);

/** The RemiseError props of an answer holding a number JS would round (`inexactKeys`), or undefined. */
export function inexactAnswer(value, gateway, moneyMoving) {
  const keys = inexactKeys(value);
  if (keys === undefined) return undefined;
  // A key that is no identifier (empty, a dot in it) is written `["…"]`, so the path reads one way.
  let at = '';
  for (const [k, indexed] of keys.reverse()) {
    at += indexed ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (at === '' ? k : `.${k}`) : `[${JSON.stringify(k)}]`;
  }
  const field = at === '' ? '(answer)' : at;
  return {
    code: 'MALFORMED_RESPONSE',
    gateway,
    field,
    message: `${at === '' ? 'the answer' : `the answer's ${field}`} is a number beyond ±(2^53 - 1) (Number.MAX_SAFE_INTEGER), where JavaScript cannot tell a whole number from its neighbours: remise does not return it, as it may be rounded (amounts have at most 12 digits: check where the answer came from${moneyMoving ? ', and query the transaction before sending again' : ''})`,
    outcome: moneyMoving ? 'unknown' : undefined,
  };
}

/** `invoke` (or `invokeText` for the argument `at`) of an entry that decodes an answer: refused when a number would come back rounded. */
export function invokeAnswer(raw, op, args, names, gateway, at) {
  const value = at === undefined ? invoke(raw, op, args, names, gateway) : invokeText(raw, op, args, names, gateway, at);
  const bad = inexactAnswer(value, gateway, false);
  // (Through errorFrom: a card number as the answer's key is masked in the path, as the client's
  // redaction masks it; the review of the twentieth pass found it whole here.)
  if (bad !== undefined) throw errorFrom(bad);
  return value;
}

/**
 * What the crossing of a stateless call (or a constructor) threw. A trap in it (the core ran out of its 4 GiB of memory on an input of
 * a few KB of JS that JSON makes huge: sparse arrays of 2^24 slots) is a RemiseError, not a bare
 * `RuntimeError: unreachable` (a fuzz, twenty-first pass); the instance is renewed at the next call.
 */
export function trapped(e, gateway) {
  if (!(e instanceof WebAssembly.RuntimeError)) return e;
  const message = "remise ran out of memory reading this call's input (its wasm memory holds 4 GiB at most): pass less at once";
  return new RemiseError({ code: 'VALIDATION', gateway, field: '(input)', message: `(input): ${message}`, issues: [{ field: '(input)', code: 'TOO_LONG', message }] }, { cause: e });
}

/** One call: encode, one crossing, decode (`alwaysWarnings`: as `unwrap`). */
export function invoke(raw, op, args, names, gateway, alwaysWarnings) {
  const [text, sp] = encode(args, names, gateway);
  let r;
  try {
    r = raw.call(op, text, sp);
  } catch (e) {
    throw trapped(e, gateway);
  }
  try {
    return unwrap(r, alwaysWarnings);
  } catch (e) {
    // Without `special`, only for the reader's lone-surrogate issues (it stops at them): a control
    // character or a CSV ';' was sent through another stringify of the whole input for nothing (the
    // review of the pass: +22 % on 200 000 records).
    throw retriedWithout(e, sp) ? withoutUnreadable(e, args, gateway, (text, special) => unwrap(raw.call(op, text, special))) : e;
  }
}

/** Values JSON cannot carry the core names at most (`MAX_CHECK_ISSUES` in src/api/args.rs). */
const MAX_CHECKED = 100;
/** Issues an error lists (the core's `error::MAX_LISTED`): past them it counts. */
const MAX_LISTED = 1000;

/**
 * The replacer, with the values JSON cannot carry left out (in an array: `null`) and the strings
 * holding a lone surrogate (JSON carries those; the core's reader names them and stops there), each
 * kind left out when its flag says so, both counted.
 */
const drops = { sentinels: 0, strings: 0, dropSentinels: true, dropStrings: true };
function dropping(key, value) {
  const r = replacer.call(this, key, value);
  if (typeof r !== 'string') return r;
  if (r.startsWith(SENTINEL)) {
    drops.sentinels += 1;
    return drops.dropSentinels ? undefined : r;
  }
  if (typeof r.isWellFormed === 'function' && !r.isWellFormed()) {
    drops.strings += 1;
    return drops.dropStrings ? undefined : r;
  }
  return r;
}

/**
 * `args` as JSON with those kinds left out, and the count of each: `{ text, sentinels, strings }`;
 * undefined when it throws. `special` and `drops` are kept as they were: a `toJSON` or getter of the
 * caller's that calls remise, and fails, runs this inside an outer run, whose counts it reset (the outer
 * error then kept one issue of four: a helper's attack on reentrancy, twenty-eighth pass).
 */
function stringifyDropping(args, dropSentinels, dropStrings) {
  const outer = special;
  const outerDrops = { ...drops };
  Object.assign(drops, { sentinels: 0, strings: 0, dropSentinels, dropStrings });
  try {
    const text = JSON.stringify(args, dropping);
    return { text, sentinels: drops.sentinels, strings: drops.strings };
  } catch {
    return undefined;
  } finally {
    special = outer;
    Object.assign(drops, outerDrops);
  }
}

/** Whether issue `i` is at issue `j`'s path or under it (`amount`, `records[0].amount` under `records[0]`). */
const atOrUnder = (i, j) => i.field === j.field || i.field.startsWith(`${j.field}.`) || i.field.startsWith(`${j.field}[`);

/** An issue of the core's reader for a string holding a lone surrogate (`codec::json`). */
// (A key's name, "its name contains…", is no string value the replacer counts or leaves out: merges
// with one lost an issue or named a given value missing, a helper's differential fuzz, twenty-third pass.)
const surrogateIssue = (i) => i.code === 'FORBIDDEN_CHARACTER' && /^it contains an unpaired UTF-16 surrogate/.test(i.message);

/** Whether `withoutUnreadable` may find more: the input held values JSON cannot carry (`sp`), or every issue is the reader's lone-surrogate one. */
export const retriedWithout = (e, sp) => sp || guarded(() => e.issues.every(surrogateIssue), false);

/**
 * The VALIDATION error of a call holding values JSON cannot carry (NaN, ±Infinity, a BigInt, a
 * Symbol, an invalid Date, a Map…): the core's check of those runs before any rule and stops there,
 * so the same call is made again without them, and its other issues join theirs, every issue at once
 * (a helper's attack, nineteenth pass: `batch.build` with NaN in record 0 reported only that, not the
 * header's nor the other records' problems). Likewise for strings holding a lone surrogate, when the
 * input holds no such value (the twenty-second pass). With both kinds in one argument the core names
 * the strings only: a call without the strings names the other kind, and a call without both the rest
 * (since the twenty-third pass; made without both at once, it named a left-out top-level text as `null`
 * and hid the other kind: the review of the twenty-second). Issues at the left-out values' paths (a `REQUIRED` where
 * the NaN was) are not repeated. `again(text, special)` makes the call again (`special`: the text holds
 * the replacer's sentinels): only entries without effects
 * (builders, readers, and a client's `prepare`, which checks and writes the request but sends nothing:
 * a client call held only the NaN's issue where `request` held them all, a review of README, twenty-third pass).
 */
export function withoutUnreadable(e, args, gateway, again) {
  if (!(e instanceof RemiseError) || e.code !== 'VALIDATION' || !Array.isArray(e.issues) || e.issues.length === 0) return e;
  // Merged only when the first error names every left-out value, each at a path of its own: the core
  // checks one argument at a time and lists 100 at most, and a whole argument (`(input)`) left out
  // would read as every field missing (the review of the nineteenth pass: a BigInt shopId beside a NaN
  // amount came back "options.shopId: is required").
  if (e.issues.some((i) => typeof i.field !== 'string' || i.field === '' || i.field === '(input)')) return e;
  // The sentinels left out (the strings kept): the text of the usual case, and both kinds counted.
  const first = stringifyDropping(args, true, false);
  if (first === undefined) return e;
  let { text } = first;
  const { sentinels, strings } = first;
  let named = e.issues;
  if (strings > 0 && strings === e.issues.length && e.issues.every(surrogateIssue)) {
    if (sentinels > 0) {
      // Both kinds: the core named the strings (it reads them first); a call without the strings names
      // the values JSON cannot carry, each at its path, and a call without both the other issues (a lone
      // surrogate beside a NaN hid the NaN and every other issue: a helper's fuzz, twenty-third pass).
      const kept = stringifyDropping(args, false, true)?.text;
      const e3 = kept === undefined ? undefined : validationOf(() => again(kept, true));
      // Each issue of that call at a path of its own, none where a string was left out (a left-out
      // top-level text, `null` there, is "must be a string" at its own path).
      if (e3 === undefined || e3.issues.length !== sentinels || e3.issues.some((i) => typeof i.field !== 'string' || i.field === '' || i.field === '(input)' || surrogateIssue(i) || e.issues.some((j) => atOrUnder(i, j) || atOrUnder(j, i)))) return e;
      named = [...e.issues, ...e3.issues];
    }
    text = stringifyDropping(args, sentinels === 0 ? false : true, true)?.text;
    if (text === undefined) return e;
  } else if (sentinels > e.issues.length && e.issues.length === MAX_CHECKED && strings === 0) {
    // More values JSON cannot carry than the core lists (its MAX_CHECK_ISSUES, src/api/args.rs): the
    // first listed, the rest counted, and the other issues still found (101 NaN made "100 problems",
    // the body's other issues gone: the review of the twenty-fifth pass). The rest's paths are not known
    // in JS (the replacer sees keys, not paths), so a `REQUIRED` the call without them finds may be one
    // of theirs ("is required" for an amount given as NaN), counted twice then; it is listed all the
    // same, since it may be a field really missing (leaving such issues out, or taking them off the
    // count, hid real ones or counted too few: the reviews of the pass).
    named = [...e.issues];
    named[COUNTED] = sentinels - e.issues.length;
  } else if (sentinels !== e.issues.length) {
    return e;
  }
  const e2 = validationOf(() => again(text, false));
  if (e2 === undefined) return named === e.issues ? e : withIssues(gateway, named, e.cause);
  const under = (i) => named.some((j) => atOrUnder(i, j));
  // Past MAX_LISTED the core counts what it does not list: that count is kept (`issuesOf`, `joined`), and
  // the merge lists the first MAX_LISTED (the whole list gave way to the NaN's alone past 1 000 issues:
  // a helper's fuzz, twenty-third pass).
  const all = issuesOf(e2);
  const more = all.filter((i) => typeof i.field === 'string' && !under(i));
  // A left-out value's own issue (`REQUIRED` where the NaN was) may be among those the core only
  // counted: one per named value with none listed under it is taken off the count (it said 1502 for
  // 1501: the review of the pass; an optional field left out has none, and the count is then one short).
  const unlisted = named.filter((j) => !all.some((i) => typeof i.field === 'string' && atOrUnder(i, j))).length;
  more[COUNTED] = counted(all) === 0 ? 0 : Math.max(0, counted(all) - unlisted);
  if (more.length === 0 && named === e.issues) return e;
  return withIssues(gateway, joined(named, more), e.cause);
}

/**
 * `invoke` for an entry whose argument `at` is a long text (a gateway answer, a response file):
 * a well-formed string crosses on its own, as it is, and `null` takes its place in the JSON of
 * the other arguments, so it is neither escaped by JSON.stringify nor unescaped by the core. Any
 * other value (not a string, or a string with a lone surrogate, which the JSON path names) goes
 * the usual way, with the same errors.
 */
export function invokeText(raw, op, args, names, gateway, at) {
  const t = args[at];
  // A text that starts like the replacer's sentinel goes the usual way too, where the core's
  // check of the arguments reads it in its place (found by a differential fuzz of both paths).
  if (typeof t !== 'string' || typeof t.isWellFormed !== 'function' || !t.isWellFormed() || t.startsWith(SENTINEL)) {
    return invoke(raw, op, args, names, gateway);
  }
  const rest = args.slice();
  rest[at] = null;
  const [text, sp] = encode(rest, names, gateway);
  let r;
  try {
    r = raw.callText(op, text, t, sp);
  } catch (e) {
    throw trapped(e, gateway);
  }
  return unwrap(r);
}

/** One VALIDATION error of `issues` (the core's and those found in JS), with the message the core writes. */
export function withIssues(gateway, issues, cause) {
  // Built here (a key that could not be read, an unknown call option) or merged from the core's: a
  // card number used as a key is masked as `errorFrom` masks it (a helper's fuzz, twentieth pass, found
  // it whole in `field` when the value under it had a throwing getter, while NaN there was masked).
  // Past MAX_LISTED, the first are listed and the rest counted, as the core does (a fuzz, twenty-first
  // pass: 2000 unknown call options made 2000 issues and a 171 KB message, 2^24 an out-of-memory crash);
  // an error merged in that counted more than it listed keeps its count (`counted`).
  const total = issues.length + counted(issues);
  const listed = issues.length > MAX_LISTED ? issues.slice(0, MAX_LISTED) : issues;
  unsecretIssues(listed);
  maskIssues(listed);
  const message = issuesMessage(listed, total);
  return new RemiseError({ code: 'VALIDATION', gateway, field: listed[0].field, message, issues: listed }, cause === undefined ? undefined : { cause });
}

/**
 * `call()`, refused with `issue` (an issue found in JS, or a list of them; none: undefined or []) beside
 * the core's own issues, every issue at once; alone when the call went through or failed otherwise. An
 * issue of the core's at the same path is kept instead (its own word there).
 */
export function withIssue(gateway, issue, call) {
  const found = issue === undefined ? [] : Array.isArray(issue) ? issue : [issue];
  if (found.length === 0) return call();
  let e;
  try {
    call();
  } catch (thrown) {
    e = thrown;
  }
  if (!(e instanceof RemiseError && e.code === 'VALIDATION')) throw withIssues(gateway, found, e?.cause);
  const more = found.filter((i) => !issuesOf(e).some((j) => j?.field === i.field));
  if (more.length === 0) throw e;
  // After the core's, as a client lists the issues it finds in JS (`send`): one order for both.
  throw withMore(gateway, e, more);
}

/**
 * The issue of a secret given at `field` that holds a control character (an environment variable's
 * trailing line feed), in words that never quote it; undefined when there is none (or it is no text).
 */
export function controlInSecret(value, field, fix) {
  const text = guarded(() => (typeof value === 'string' ? value : value instanceof String ? String(value) : undefined), undefined);
  if (typeof text !== 'string' || !/[\u0000-\u001f\u007f-\u009f]/.test(text)) return undefined;
  return { field, code: 'FORMAT', message: `contains a control character (a trailing line feed?): ${fix}` };
}

/** The issues a merged core error counted but did not list (its `[COUNTED]`), for `withIssues`. */
const COUNTED = Symbol('remise.counted');
function counted(issues) {
  return guarded(() => issues[COUNTED] ?? 0, 0);
}

/** Issue lists joined, their uncounted issues summed. */
export function joined(...lists) {
  const out = lists.flat();
  out[COUNTED] = lists.reduce((n, l) => n + counted(l), 0);
  return out;
}

/** `e`'s VALIDATION error with `more` issues after its own, its count kept (`joined`, `issuesOf`). */
export function withMore(gateway, e, more) {
  return withIssues(gateway, joined(issuesOf(e), more), e.cause);
}

/**
 * The issues of a VALIDATION error, to merge: a list that knows how many more the error counted but did
 * not list ("2000 problems (the first 1000 are listed in issues)").
 */
export function issuesOf(e) {
  const list = Array.isArray(e?.issues) ? [...e.issues] : [];
  // Only a full list can have counted more (a user's key quoted at the start of one issue's message could
  // read as a count: the fourth review of the pass).
  const m = list.length === MAX_LISTED ? /^(\d+) problems \(the first (\d+) are listed/.exec(String(e?.message)) : null;
  if (m && Number(m[2]) === MAX_LISTED) list[COUNTED] = Number(m[1]) - MAX_LISTED;
  return list;
}

/**
 * `invoke` for a `request(name, params, options)` entry whose core stops at bad options (Payline, Sips
 * Office): on that error path only, the params are checked again under `placeholder` options, valid
 * ones, so that every issue comes at once, as Systempay's request reports them (a helper's attack,
 * 2026-12-06: a bad merchantId hid every problem of the params).
 */
export function invokeRequest(raw, op, args, names, gateway, placeholder) {
  args = [args[0], args[1], statelessOptions(args[2])];
  try {
    return invoke(raw, op, args, names, gateway);
  } catch (e) {
    const more = issuesBeside(e, 'options', () => invoke(raw, op, [args[0], args[1], placeholder], names, gateway));
    if (more.length === 0) throw e;
    throw withMore(gateway, e, more);
  }
}

/**
 * A stateless `request`'s options with a client's transport option given as a function (a client's
 * options spread into it) as `true`: JSON drops a function, so the core never saw it and the request
 * passed (a review of the eighteenth pass); `true` it refuses as UNKNOWN_FIELD with its path.
 */
export function statelessOptions(options) {
  const given = guarded(() => (options !== null && typeof options === 'object' ? ['fetch', 'debug'].filter((k) => typeof options[k] === 'function') : []), []);
  if (given.length === 0) return options;
  return guarded(() => ({ ...options, ...Object.fromEntries(given.map((k) => [k, true])) }), options);
}

/** The VALIDATION error (with its issues) that `again()`, a second call, throws; undefined otherwise. */
function validationOf(again) {
  try {
    again();
  } catch (e) {
    if (e instanceof RemiseError && e.code === 'VALIDATION' && Array.isArray(e.issues)) return e;
  }
  return undefined;
}

/**
 * When a core stops at the issues of one argument (`e`'s issues all under `prefix`): the issues
 * `again()`, the same call with that argument replaced by a valid one, finds in the others, on
 * this error path only, so that every issue comes at once (`invokeRequest`'s options, `send`'s call
 * options). Empty otherwise. An issue found by both (a params key named `options`) is listed once.
 */
export function issuesBeside(e, prefix, again) {
  const under = new RegExp(`^${prefix}(\\.|$)`);
  if (!(e instanceof RemiseError) || e.code !== 'VALIDATION' || !Array.isArray(e.issues) || e.issues.length === 0 || !e.issues.every((i) => under.test(i.field))) return [];
  const more = issuesOf(validationOf(again));
  const seen = (i) => e.issues.some((j) => j.field === i.field && j.code === i.code && j.message === i.message);
  // (With the count of what the second error did not list: the fourth review of the pass.)
  const out = more.filter((i) => !seen(i));
  out[COUNTED] = counted(more);
  return out;
}

/** Calls a wasm class constructor that throws its framed error text; rethrows a RemiseError. */
export function construct(Ctor, ...args) {
  try {
    return new Ctor(...args);
  } catch (e) {
    if (typeof e === 'string' && e.charCodeAt(0) === 101) throw errorFrom(JSON.parse(e.slice(1)));
    throw trapped(e);
  }
}
