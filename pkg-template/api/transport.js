// The I/O shell of every client: send a prepared request with fetch, read the answer within a
// size cap, all under one timeout, and hand the status and text to the core, which decides what
// they mean (src/transport.rs: one retry table, `outcome: 'unknown'`, redaction). This file only
// moves bytes and never decides whether a call may be resent: the core answers `retryDelayMs`
// for reads that may be tried again, and never for a money-moving call. The one error built here
// is ABORTED (a caller's AbortSignal: the core has no abort of its own).
import { CARD_CODES, maskCodes, maskDigits } from '../cli/mask.mjs';
import { RemiseError, attachWarnings, construct, emptyAnswer, encode, errorFrom, guarded, inexactAnswer, isPromise, issuesBeside, issuesOf, joinBytes, joined, plainBytes, read, retriedWithout, trapped, unwrapPair, withIssues, withoutUnreadable, withScrub } from './core.js';

const FAILURE = Symbol('remise transport failure');

// A Payline read's answer under 500 is read for its SOAP fault within these bounds only: a larger,
// slower or broken body is the transient status it was before (the review of the twenty-first pass: a
// 5 MiB body became MALFORMED_RESPONSE and a stalled one waited the whole timeout, three times).
const FAULT_BYTES = 64 << 10;
const FAULT_MS = 2000;

/** That body, or undefined when it is larger, slower or cannot be read. */
async function faultBody(res, life, status, cap) {
  let timer;
  const reading = readText(res, Math.min(FAULT_BYTES, cap), life, status);
  reading.catch(() => {});
  try {
    return await Promise.race([
      reading,
      new Promise((resolve) => {
        timer = setTimeout(() => {
          // The reader readText holds, cancelled (its stream is locked: discard alone cannot).
          if (typeof life.stop === 'function') life.stop();
          discard(res);
          resolve(undefined);
        }, FAULT_MS);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** A Payline SOAP fault of the `Client` side (`Client`, `Client.…`): the request was refused as it is. */
export const clientFault = (error) => error.code === 'GATEWAY_ERROR' && /^Client(?:\.|$)/.test(error.gatewayCode ?? '');

/**
 * A Payline answer as an XML 1.0 parser reads it: `[text, problem]`, the text with its line ends
 * normalised (XML 1.0 §2.11: CR LF and a lone CR are LF; a `&#13;` stays a CR) and `problem` (else
 * undefined) when it holds a character XML 1.0 does not allow (§2.2 `Char`), raw or as a reference. The
 * core's reader, a subset of XML, gave `a\r\nb` where a parser gives `a\nb`, and took `&#x1;`, U+001B and
 * U+FFFE as text where a parser refuses the document (a helper's attack, twenty-sixth pass). In JS, the
 * text passing through here anyway: the same in the core cost bytes of the `.wasm` it has not.
 */
export function xmlAsRead(text) {
  if (typeof text !== 'string') return [text, undefined];
  // (Three searches, not one regex of the three: 1.9 µs on a 1 KB answer, now about 0.8.)
  const cr = text.indexOf('\r') !== -1;
  const refs = text.indexOf('&#') !== -1;
  const raw = XML_RAW_FORBIDDEN.exec(text);
  if (!cr && !refs && raw === null) return [text, undefined];
  if (raw) return [text, `it holds the character U+${raw[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML does not allow${raw[0] === '\u0000' ? ' (UTF-16 read as UTF-8?)' : ''}`];
  // References in markup and text, not in the sections that hold them as letters.
  for (const ref of refs ? text.replace(XML_LITERAL, '').matchAll(/&#(x[0-9A-Fa-f]+|[0-9]+);/g) : []) {
    const n = ref[1][0] === 'x' ? parseInt(ref[1].slice(1), 16) : parseInt(ref[1], 10);
    const allowed = n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
    if (!allowed) return [text, `it holds the character reference ${ref[0].slice(0, 16)}, to a character XML does not allow`];
  }
  return [cr ? text.replace(/\r\n?/g, '\n') : text, undefined];
}
/**
 * `error`, the core's refusal of an empty Payline answer (what an answer that is not XML is given to it
 * as, so that every rule of an unreadable answer holds), saying what `xmlAsRead` found instead.
 */
export function notWellFormed(error, problem) {
  if (problem === undefined || error?.code !== 'MALFORMED_RESPONSE' || typeof error.message !== 'string') return;
  error.message = error.message.replace(NO_ELEMENT, `(${problem})`);
}
const NO_ELEMENT = '(no XML element found)';
// The characters XML 1.0 does not allow that a JS string holds (a lone surrogate aside: the core refuses
// it); the sections whose `&#…;` are letters, not references.
const XML_RAW_FORBIDDEN = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
// (Each section also ends at the end of the text: one never closed took the lazy scan to the end once per
// opening, quadratic, 28 s for a 512 KiB answer of `<!--` with a CR: the review of the pass. Now one pass.)
const XML_LITERAL = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g;

/** A status a read is sent again for without reading its body (408, 429, 5xx). */
export const transientForRead = (status) => status === 408 || status === 429 || (Number.isInteger(status) && status >= 500 && status <= 599);

class Failure {
  constructor(kind, detail, status) {
    this[FAILURE] = true;
    this.kind = kind;
    this.detail = detail;
    this.status = status;
  }
}

/**
 * A `nofetch` failure of the runtime's own fetch (nothing was sent), `detail` as short as the core
 * quotes it, and `instead` the words that replace it and the core's "pass a fetch function" advice,
 * which does not apply (`send`).
 */
function refused(detail, instead) {
  const f = new Failure('nofetch', detail);
  f.instead = instead;
  return f;
}

/**
 * Whether `e` is one of this file's failures. Guarded, as `describe`: what a `fetch` or a body
 * stream rejects with may be a Proxy whose traps throw (the fifteenth pass, an attack: a refund
 * rejected with the trap's error, without `outcome: 'unknown'`).
 */
const isFailure = (e) => guarded(() => Boolean(e && e[FAILURE]), false);

/** The longest text of a runtime's error remise keeps (copied into the wasm memory, which never shrinks). */
const MAX_DETAIL = 1000;

function describe(e) {
  // Cut before it crosses: a fetch that threw a 100 MB message grew the wasm memory by that much for the
  // process's life, though the error keeps 178 characters of it (a helper's attack, twenty-first pass).
  return cut(describeWhole(e));
}

/** `text` cut to MAX_DETAIL characters (and `…`), never inside a surrogate pair. */
function cut(text) {
  if (text.length <= MAX_DETAIL) return text;
  const head = text.slice(0, MAX_DETAIL);
  return `${/[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head}…`;
}

/**
 * Deno's reason, which ends its text ("error sending request for url (…): client error (Connect): tcp
 * connect error: Connection refused (os error 111)"): the part after the last `): `, and of a long one
 * its last part ("Connection refused (os error 111)"), the URL left out; undefined for any other text.
 * The core quotes 40 characters of a detail: every failure read "fetch failed: error sending request
 * for …" (a helper's attack on the runtimes, twenty-ninth pass).
 */
function denoReason(text) {
  const at = text.lastIndexOf('): ');
  if (!/^error sending request (?:for|from) /.test(text) || at < 0) return undefined;
  const reason = text.slice(at + 3);
  return reason.length > 40 && reason.lastIndexOf(': ') > 0 ? reason.slice(reason.lastIndexOf(': ') + 2) : reason;
}

function describeWhole(e) {
  return guarded(() => {
    if (e && typeof e === 'object') {
      const msg = typeof e.message === 'string' ? e.message : 'fetch failed';
      const cause = e.cause && typeof e.cause === 'object' ? e.cause : undefined;
      const deno = denoReason(msg) ?? (typeof cause?.message === 'string' ? denoReason(cause.message) : undefined);
      if (deno !== undefined) return deno;
      // The cause's code (ECONNREFUSED), else its own short message (undici's "bad port" has no code:
      // "fetch failed" alone said nothing, a new user's trial, twenty-fourth pass).
      const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' && cause.message.length <= 200 ? cause.message : '';
      return code ? `${msg}: ${code}` : msg;
    }
    return typeof e === 'string' ? e : 'fetch failed';
  }, 'fetch failed');
}

/**
 * The ports the Fetch standard blocks ("bad port", https://fetch.spec.whatwg.org/#bad-port; 4190 and
 * 6679 added in 2024, whatwg/fetch 4c3750d). The list changes with the standard and the runtimes: one
 * line to correct.
 */
const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

/**
 * The port of `url` when `e` is the runtime fetch's refusal of it as a blocked port (undici's "bad
 * port"), else undefined. Both must hold: the refusal alone may be of a redirect's target, reached by a
 * `globalThis.fetch` wrapped to follow redirects after the request was sent (the review of the pass).
 */
function blockedPort(e, url) {
  return guarded(() => {
    const port = Number(new URL(url).port);
    // (undici's "bad port"; Deno's own words, "Fetch failed: Requests to port 6000 are blocked", were read
    // as a fault after sending: a helper's attack on the runtimes, twenty-ninth pass.)
    const deno = typeof e?.message === 'string' ? /^Fetch failed: Requests to port (\d+) are blocked$/.exec(e.message)?.[1] : undefined;
    return (e?.cause?.message === 'bad port' || deno === String(port)) && BAD_PORTS.has(port) ? port : undefined;
  }, undefined);
}

/** Whether `e` is Deno's refusal of a network permission (`Deno.errors.NotCapable`, or `PermissionDenied` before Deno 2). */
function denoRefusal(e) {
  return guarded(() => {
    const errors = typeof Deno === 'object' && Deno !== null ? Deno.errors : undefined;
    if (!errors) return false;
    return [errors.NotCapable, errors.PermissionDenied].some((C) => typeof C === 'function' && e instanceof C);
  }, false);
}

function emit(debug, event) {
  if (!debug) return;
  try {
    const r = debug(event);
    if (r && typeof r.then === 'function') r.then(undefined, () => {});
  } catch {
    // A throwing debug callback must not break the call.
  }
}

// A response header whose value is a credential or a card's security code by its name: shown as `***` in a
// debug event (any name holding one of these words; WWW-Authenticate, the challenge of a 401, is no
// credential and shows). (The codes: a value alone, `123`, is no code to the maskers without its name; the
// quick review of the pass.)
const SECRET_HEADER = new RegExp(`auth|cookie|token|secret|passw|session|signature|credential|private|hmac|key|${CARD_CODES}`, 'i');
// A URL's user information (`http://user:password@host`, `//user:password@host`: a `Location` a proxy
// wrote), up to the last `@` before the host ends, which the core's redaction leaves in free text (a test of
// the twentieth pass caught it once headers were shown).
// (Backslashes too, after a scheme, which URL parsers read as slashes in http(s): `https:\\user:pw@host`;
// the review on the runtimes. Not without one: `DOMAIN\\jdoe@corp` is no URL. The scheme's length bounded:
// unbounded, a long run of letters took quadratic time, 5 s for 100 000 in Deno: the review of the round.)
const USER_INFO = /([a-z][a-z0-9+.-]{0,63}:[\\/]{2}|\/\/)[^\s/\\?#]*@/gi;
// At most this many of an answer's headers in a debug event, each value cut at MAX_HEADER_TEXT characters
// once masked.
const MAX_HEADERS = 64;
const MAX_HEADER_TEXT = 1024;

/**
 * A header value as the sender wrote it: runtimes give its bytes as Latin-1 (a ByteString), so UTF-8 text
 * came as `4970Â 1000…` (a no-break space as two characters), a card number the maskers did not see
 * (Node, Deno, Bun, edge-runtime; workerd decodes UTF-8: the review on the runtimes). Bytes that are
 * UTF-8 are read as UTF-8; anything else stays as it came.
 */
function utf8Of(value) {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  return guarded(() => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(value, (c) => c.charCodeAt(0))), value);
}

/** `text` cut at MAX_HEADER_TEXT characters, with `…` when cut. */
const cutAt = (text) => (text.length > MAX_HEADER_TEXT ? `${text.slice(0, MAX_HEADER_TEXT)}\u2026` : text);

/** `text` with the client's secrets out whatever their case (header names reach us in lower case). */
function withoutSecretsAnyCase(text, secrets) {
  let out = withoutSecrets(text, secrets);
  for (const secret of secrets) {
    const lower = secret.toLowerCase();
    if (lower !== '' && out.includes(lower)) out = out.split(lower).join('***');
  }
  return out;
}

/**
 * An answer's headers for a debug `response` event: names in lower case, card numbers and the client's
 * secrets masked in them too; headers named like a credential (`SECRET_HEADER`) as `***`; each other value
 * redacted as a body is (`settings.redact`, the core's: `name=value` pairs of secrets, card numbers), a
 * URL's user information taken out, the client's secrets and security codes masked, then cut. They were left
 * out (`{}`), where DESIGN.md's event carries headers: a gateway's request id, `Retry-After` and content
 * type are what a call of unknown outcome is investigated with (a helper's acceptance suite, twenty-ninth
 * pass; each value alone and masked before it is cut: the review of the pass). A `Headers` that throws (a
 * hand-made `fetch`) gives what was read before it threw.
 */
function answerHeaders(res, settings) {
  const pairs = [];
  guarded(() => {
    const headers = res.headers;
    if (!headers || typeof headers.forEach !== 'function') return;
    headers.forEach((value, name) => {
      if (pairs.length < MAX_HEADERS && typeof name === 'string') pairs.push([name, value]);
    });
  }, undefined);
  const out = {};
  for (const [name, value] of pairs) {
    const key = cutAt(maskDigits(withoutSecretsAnyCase(name, settings.secrets)).toLowerCase());
    // (An own property whatever the name: `__proto__` was dropped by `out[key] =`.)
    Object.defineProperty(out, key, { enumerable: true, writable: true, configurable: true, value: guarded(() => {
      if (key !== 'www-authenticate' && SECRET_HEADER.test(key)) return '***';
      // (Whole, then cut: one cut first could keep part of a card number or secret, the review of the
      // pass; a value the core refuses to read, too large, is `***`.)
      return cutAt(maskDigits(withoutSecrets(String(settings.redact(utf8Of(String(value)))), settings.secrets)).replace(USER_INFO, '$1***@'));
    }, '***') });
  }
  return out;
}

function header(res, name) {
  return guarded(() => (res.headers && typeof res.headers.get === 'function' ? res.headers.get(name) : null), null);
}

// The longest Retry-After a read waits for before its next attempt (as stripe-node caps it), and
// never longer than the client's `timeoutMs`: a longer one ends the call, the error saying how long
// the gateway asked to wait.
const MAX_RETRY_AFTER_MS = 60_000;
// RFC 9110 §5.6.7's three HTTP date forms (IMF-fixdate, RFC 850, asctime), which a recipient must
// accept: `Date.parse` alone takes much more ("May 1"), and each form is checked before it reads one.
const HTTP_DATE = [
  /^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$/,
  /^[A-Z][a-z]+, [0-9]{2}-[A-Z][a-z]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$/,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}$/,
];
// `setTimeout`'s longest delay (2^31 − 1 ms, about 24.8 days): `retryAfterMs` never says more, so that
// a caller can wait for it with `setTimeout`.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * An answer's Retry-After (RFC 9110 §10.2.3: delay-seconds, or an HTTP date) in ms from now, 0 for a
 * date passed; undefined without one or when it cannot be read. The header sent twice reaches us
 * joined (`40, 40`): the first delay counts.
 */
function retryAfter(res) {
  const v = header(res, 'retry-after');
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  const seconds = /^([0-9]+)(?:\s*,\s*[0-9]+)*$/.exec(t);
  if (seconds) return Math.min(Number(seconds[1]) * 1000, MAX_TIMER_MS);
  if (!HTTP_DATE.some((form) => form.test(t))) return undefined;
  // asctime has no zone: it is GMT (RFC 9110 §5.6.7). A date that reads as none (hour 25) is none.
  const at = Date.parse(/GMT$/.test(t) ? t : `${t} GMT`);
  return Number.isFinite(at) ? Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS) : undefined;
}

/**
 * Whether `where` (a redirect's target, an answer's `url`) is `url`'s origin and path, the query
 * aside (and a trailing `/`, unless `exact`), without user information (`URL.origin` ignores it: fetch
 * refuses such a URL, and its credentials would show in debug events); undefined when `where` is no
 * absolute URL.
 */
function samePlace(where, url, exact = false) {
  return guarded(() => {
    const a = new URL(where);
    const b = new URL(url);
    const path = (p) => (exact ? p : p.replace(/\/+$/, ''));
    return a.origin === b.origin && path(a.pathname) === path(b.pathname) && a.username === '' && a.password === '';
  }, undefined);
}

/** What `guarded` gives for a property whose read threw. */
const THREW = Symbol('threw');

function discard(res) {
  try {
    if (res.body && typeof res.body.cancel === 'function') res.body.cancel().catch(() => {});
  } catch {
    // nothing to release
  }
}

const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// The labels WHATWG's Encoding standard reads as windows-1252 (the Latin-1 family) that a server may
// declare; and where that charset is declared: the Content-Type header, or the XML declaration.
const LATIN1 = /^(?:iso[-_]?8859[-_]?1|iso-ir-100|l1|latin1|cp1252|windows-1252|cp819|ibm819|us-ascii|ascii|ansi_x3\.4-1968|x-cp1252|iso_8859-1:1987|csisolatin1)$/i;
const DECLARED = [/;\s*charset\s*=\s*"?([^";\s]+)/i, /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/];

/**
 * The answer's text: UTF-8, as every gateway sends (RFC 8259 for JSON). Bytes that are not UTF-8 in
 * a 200 answer that declares a Latin-1 charset are read in that charset, so `refusée` stays `refusée`
 * and not `refus\uFFFDe` (a helper's attack, nineteenth pass): the Content-Type's charset when it names
 * one (RFC 7303 §8.1), else the XML declaration's (a Payline answer may carry one); never with a UTF-8
 * byte order mark. Anything else is read as UTF-8 with U+FFFD for what is not: under another status the
 * U+FFFD is what tells the core an unreadable body may be the gateway's answer (the 429 rule, which must
 * fail closed: the review of the pass).
 */
function decodeBody(bytes, res, status) {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // not UTF-8: the declared charset decides
  }
  const lossy = utf8.decode(bytes);
  if (status !== 200 || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return lossy;
  const type = header(res, 'content-type');
  const inType = typeof type === 'string' ? DECLARED[0].exec(type)?.[1] : undefined;
  const label = inType ?? DECLARED[1].exec(lossy.slice(0, 256))?.[1];
  if (label === undefined || !LATIN1.test(label)) return lossy;
  // A copy: the caller's chunk may be a Uint8Array subclass whose methods throw (nothing of it runs).
  const plain = new Uint8Array(bytes);
  try {
    return new TextDecoder('windows-1252').decode(plain);
  } catch {
    // A runtime without that decoder (Node built without ICU): ISO-8859-1, one code point per byte.
    let text = '';
    for (let i = 0; i < plain.length; i += 8192) text += String.fromCharCode.apply(null, plain.subarray(i, i + 8192));
    return text;
  }
}

/**
 * The bounds of an answer still read once its call has settled (the timeout ran out, or the call's
 * signal aborted) while the fetch, ignoring the abort, goes on: a late answer still reaches `debug` (the
 * record of what the gateway did) when it is at most this many bytes in all and ends within `timeoutMs`
 * of the call's end; anything longer or slower is cancelled (a body without a stream, `text()` only, is
 * dropped once read). Without it, each abandoned call read on to
 * `maxResponseBytes` (4 MiB), kept every chunk and kept the process alive as long as the body dripped
 * (an attack: 200 timed-out calls held 800 MiB; one kept its process alive 24 s).
 */
const LATE_CAP = 64 << 10;

/**
 * The answer's text, refusing more than `cap` bytes without reading them all; within the late bounds
 * once `life` (the attempt's, `attempt`) says the call has settled without it.
 */
async function readText(res, cap, life, status) {
  const len = header(res, 'content-length');
  if (len !== null && Number(len) > cap) {
    discard(res);
    throw new Failure('toolarge', '');
  }
  // A body that cannot be opened (a throwing getter, a used or locked stream) is no answer a
  // gateway gave: `notresponse`, not a network error a read would be sent again for (the fifteenth
  // pass, an attack).
  const unreadable = () => new Failure('notresponse', 'its body could not be read (already used, or not a stream)');
  let body, reader, text;
  try {
    body = res.body;
    if (body && typeof body.getReader === 'function') {
      reader = body.getReader();
      if (reader === null || typeof reader !== 'object' || typeof reader.read !== 'function') throw unreadable();
    } else text = res.text;
  } catch {
    throw unreadable();
  }
  if (reader !== undefined) {
    // Run from the late deadline's timer too, where nothing would catch it: a hand-made reader's
    // `cancel` may be missing or return no promise (an attack: the process exited on a TypeError).
    const stop = () =>
      guarded(() => {
        const p = reader.cancel();
        if (p && typeof p.then === 'function') p.then(undefined, () => {});
      });
    life.stop = stop;
    const chunks = [];
    let total = 0;
    // Reads are bounded as well as bytes: a stream that keeps giving empty chunks at once would
    // never reach the cap, and its reads, all microtasks, would keep the timeout's timer from ever
    // running (a hang, then the process killed by V8 for the array of chunks).
    for (let empty = 0; ; ) {
      // A read that throws at once, or gives no `{ done, value }` one can read, is a hand-made body's
      // fault; a read that rejects is the connection's (a network error, below).
      let pending, done, value, bytes;
      try {
        pending = reader.read();
      } catch {
        stop();
        throw unreadable();
      }
      const step = await pending;
      try {
        ({ done, value } = step);
      } catch {
        stop();
        throw new Failure('notresponse', 'its body reader gave no read result');
      }
      // A Uint8Array of any realm (`plainBytes`: `instanceof` refused every chunk of Node's own fetch where
      // the test runner's globals are another realm's, Vitest's jsdom and happy-dom environments: a helper's
      // attack with test frameworks, twenty-eighth pass), read as a plain view from its internal slots: a
      // `byteLength` that lies (an own property, a swapped prototype) made the count NaN, past every cap
      // and bound, and the reads looped for ever (the review of the pass).
      bytes = done ? undefined : plainBytes(value);
      // Cancelled by the late deadline (the read then ends as if done), or past the late cap.
      if (life.dead || (life.over && total + (bytes?.byteLength ?? 0) > LATE_CAP)) {
        stop();
        throw new Failure('timeout', '');
      }
      if (done) break;
      // Anything but bytes (a string, a number) would add NaN to the count and never reach the cap.
      // (`stop`, not `reader.cancel()`: a hand-made reader may have no `cancel`, whose TypeError read
      // as a network error and a read was sent again: a helper's attack, eighteenth pass.)
      if (bytes === undefined) {
        stop();
        throw new Failure('notresponse', 'the body gave something other than bytes');
      }
      total += bytes.byteLength;
      // A stream of empty chunks ends within a thousand reads, not four million (a second of
      // microtasks before a timer could run: a helper's attack, eighteenth pass).
      if (bytes.byteLength === 0 && ++empty > 1024) {
        stop();
        throw new Failure('notresponse', 'the body gave empty chunks without end');
      }
      if (total > cap) {
        stop();
        throw new Failure('toolarge', '');
      }
      if (bytes.byteLength > 0) chunks.push(bytes);
    }
    return decodeBody(chunks.length === 1 ? chunks[0] : joinBytes(chunks), res, status);
  }
  if (body === null && typeof text !== 'function') return '';
  if (typeof text !== 'function') throw new Failure('notresponse', 'the answer has no body to read');
  text = await text.call(res);
  if (typeof text !== 'string') throw new Failure('notresponse', 'text() did not give a string');
  // (A body without a stream cannot be cancelled: a late one is dropped once read, past its bounds.)
  if (life.dead || (life.over && utf8Length(text) > LATE_CAP)) throw new Failure('timeout', '');
  if (utf8Length(text, cap) > cap) throw new Failure('toolarge', '');
  return text;
}

/**
 * A number above `limit` exactly when the UTF-8 length of `text` is: a string of n UTF-16 units is
 * at most 3n bytes, at least n, so the text is encoded only when that does not decide.
 */
function utf8Length(text, limit = LATE_CAP) {
  if (text.length > limit) return text.length;
  return text.length * 3 <= limit ? text.length : new TextEncoder().encode(text).byteLength;
}

/**
 * The read's pause before it is tried again, cut short when the call's signal aborts (the caller
 * then gets ABORTED at once, not after the pause).
 */
function pause(ms, call) {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    call.abort = () => {
      clearTimeout(t);
      resolve();
    };
  });
}

// What a caller should read before sending a money-moving call again, per gateway: the same
// methods as the core's `Gateway::status_method` (src/transport.rs), which words TIMEOUT's advice;
// a test compares the two messages.
const STATUS_METHOD = { systempay: 'getTransaction', payline: 'getTransactionDetails', sogenactif: 'getTransactionData' };

// Calls that make a transaction (or another object) of their own, whose id a lost answer never gave: no
// other transaction's status shows them (a Systempay duplicate resent after its answer was lost made two
// payments; a Payline re-authorization was looked for in the original's history: a helper's operator day,
// twenty-ninth pass). Where to find each instead, by the key the call was given, or the back office
// without one (the review of that round); the other calls keep "check its status with <method>".
const PAYLINE_NEW = new Set(['doReAuthorization', 'doAuthorization', 'doCredit', 'doDebit']);

/** The text at `path` of a call's parameters, when it is a non-empty string. */
const givenText = (params, path) => guarded(() => {
  let v = params;
  for (const k of path) v = v === null || typeof v !== 'object' ? undefined : v[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}, undefined);

/** Where to find what `operation` made, or undefined for a call whose own status method shows it. */
function findNew(gateway, operation, params) {
  if (gateway === 'systempay' && (operation === 'Transaction/Duplicate' || /^[A-Za-z]+\/Create/.test(operation))) {
    const what = operation === 'Transaction/Duplicate' ? 'the new payment' : operation === 'Charge/CreatePayment' ? 'the payment form (it charges nothing until the buyer pays with it)' : `what ${operation} created`;
    return givenText(params, ['orderId']) !== undefined
      ? `find ${what} with getOrder({ orderId }), the orderId you gave it (no other transaction's getTransaction shows it), before sending it again`
      : `look for ${what} in the Systempay back office before sending it again (it was given no orderId to find it by)`;
  }
  if (gateway === 'payline' && PAYLINE_NEW.has(operation)) {
    return givenText(params, ['order', 'ref']) !== undefined
      ? "find it with getTransactionDetails({ orderRef }), the order.ref you gave it (a transaction of its own, which no other transaction's history lists; if another payment has that reference the lookup answers 02311: look in the Payline back office), before sending it again"
      : 'look for it in the Payline back office before sending it again (it was given no order.ref to find it by)';
  }
  return undefined;
}

/** `message` with the advice for `operation`'s own kind of call (`findNew`), where it has one. */
function ownAdvice(message, gateway, operation, params) {
  const find = typeof message === 'string' ? findNew(gateway, operation, params) : undefined;
  return find === undefined ? message : message.replace(`check its status with ${STATUS_METHOD[gateway]} before sending it again`, find);
}

/** The error of a call its AbortSignal stopped; built here, the core has no abort of its own. */
function abortError(gateway, operation, kind, sent, signal, params) {
  const unknown = sent && kind !== 'read';
  const message = unknown
    ? ownAdvice(`the ${operation} call was aborted by its signal after it was handed to fetch; the ${operation} request may have reached ${gateway}: check its status with ${STATUS_METHOD[gateway]} before sending it again`, gateway, operation, params)
    : `the ${operation} call was aborted by its signal ${sent ? 'before it was done (a read: nothing to undo)' : 'before anything was sent'}`;
  return new RemiseError(
    { code: 'ABORTED', gateway, message, retryable: false, outcome: unknown ? 'unknown' : undefined },
    { cause: read(signal, 'reason') },
  );
}

function isSignal(v) {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof read(v, 'aborted') === 'boolean' &&
    typeof read(v, 'addEventListener') === 'function' &&
    typeof read(v, 'removeEventListener') === 'function'
  );
}

/**
 * A method's own options (its last argument). `signal` is taken out here: an AbortSignal cannot
 * cross as JSON, and the core never sees it. With `others` (Sips' `{ transaction }`), the other
 * keys go on to the core, which reads them; without, there are none to give. Returns `[signal,
 * rest, issues, cause?]`: the issues found here are reported with the core's (`send`), all at once
 * (`cause`: what a getter or Proxy of the options threw).
 */
export function callOptions(gateway, options, others) {
  const issues = [];
  if (options === undefined || options === null) return [undefined, options, issues];
  if (typeof options !== 'object') {
    // A method handed to `map` gets the index here (`ids.map(client.getTransaction)`, which README
    // allows: methods are bound): none of the Systempay and Payline clients' calls took a second
    // argument before, so what is not an object is no options. The Sips client's core reads its
    // own, as before, and refuses it.
    if (!others) return [undefined, undefined, issues];
    return [undefined, options, issues];
  }
  // The signal itself given as the options (`refund(body, signal)`) would read as "no signal".
  if (isSignal(options)) {
    issues.push({ field: 'callOptions', code: 'TYPE', message: 'is an AbortSignal: pass it as { signal }' });
    return [undefined, undefined, issues];
  }
  let signal;
  const rest = {};
  try {
    // `signal` is read as fetch reads its init: any property, inherited or a getter (an
    // AbortController or a Request given as the options gives its own); the other keys are the
    // object's own enumerable ones.
    signal = options.signal;
    // An array, typed array or String object is no options object: one issue, not one per element (a
    // Uint8Array of 2^24 made as many issues and crashed the process: a fuzz, twenty-first pass; the Sips
    // client's core took it as it is and ran out of memory: its fourth review).
    if (listLike(options)) {
      issues.push({ field: 'callOptions', code: 'TYPE', message: 'must be an object { signal } (or left out)' });
      return [undefined, undefined, issues];
    }
    // A Promise (a forgotten `await`) read as no options: its signal dropped, the refund sent (the
    // review of the twenty-second pass).
    if (isPromise(options)) {
      issues.push({ field: 'callOptions', code: 'TYPE', message: 'is a Promise: await it first' });
      return [undefined, undefined, issues];
    }
    // Not a plain object (a Date, a boxed value; an AbortController or a Request given for its
    // signal): the Sips client's core reads it as it is, as before (it refuses a Date, whose JSON is
    // no object; `signal` is no JSON).
    if (others && Object.prototype.toString.call(options) !== '[object Object]') return [isSignal(signal) ? signal : undefined, options, issues];
    for (const key of Object.keys(options)) {
      if (key === 'signal') continue;
      if (others) rest[key] = options[key];
      else issues.push({ field: `callOptions.${key}`, code: 'UNKNOWN_FIELD', message: `unknown call option '${key}': the only one is signal (an AbortSignal)` });
    }
  } catch (e) {
    // Reported with the fields' issues (it was thrown alone), the exception kept as the cause.
    issues.push({ field: 'callOptions', code: 'TYPE', message: UNREADABLE });
    return [undefined, undefined, issues, e];
  }
  if (signal !== undefined && !isSignal(signal)) {
    issues.push({ field: 'callOptions.signal', code: 'TYPE', message: 'must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms))' });
    signal = undefined;
  }
  return [signal, others ? rest : undefined, issues];
}

const UNREADABLE = 'could not be read (a getter or Proxy threw): pass a plain object';

/**
 * Whether `v` is an array, a typed array or a String object: things whose elements are their keys, which
 * options never are (guarded: a revoked Proxy throws from Array.isArray; the reading after it says so).
 */
function listLike(v) {
  return guarded(() => Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof String || Object.prototype.toString.call(v) === '[object String]', false);
}

// The options that hold a client's secret (Systempay's password, Payline's access key, the Sips key).
const SECRET_OPTIONS = ['password', 'accessKey', 'secretKey'];
// How many characters of a value a message quotes before its `…` (the core's `money::printable`).
const QUOTED = 40;

/**
 * `text` without a client's secrets, as a message quotes them: whole, or their first 40 characters and
 * `…`. For what the core said of the call's own fields, where a secret pasted into one (the Sips key as
 * `currencyCode`) was quoted back, and the request's debug event (a helper's attack on the Sips client,
 * twentieth pass). Done here: the core's version (its `scrub_error` over the issues) measured +212 B of
 * the `.wasm`, over the gate. Secrets of 6 characters or more, as the core's scrubbing takes.
 */
function withoutSecrets(text, secrets, cuts = false) {
  if (typeof text !== 'string' || secrets.length === 0) return text;
  let out = text;
  // (`secrets` holds each secret's forms: `secretForms`; a quote cut at QUOTED characters too.)
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('***');
    for (const cut of shapeIn(secrets, secret).cuts) if (out.includes(cut)) out = out.split(cut).join('***\u2026');
  }
  return cuts ? withoutCutSecrets(out, secrets) : out;
}

// The secrets a stateless call's options or keys hold (`ownSecrets`).
const OWN_SECRETS = [...SECRET_OPTIONS, 'hmacKey'];

/** A secret given as a String object or anything whose JSON is text: that text, as the core reads it; else `v`. */
function secretText(v) {
  if (v === null || typeof v !== 'object') return v;
  const text = guarded(() => JSON.parse(JSON.stringify(v) ?? 'null'), undefined);
  return typeof text === 'string' ? text : v;
}

/**
 * Whether the scrubs look for a secret: text of 6 characters or more, as the core's scrubbing takes
 * (counted in code points only when the UTF-16 length cannot say: this runs on stateless success paths).
 */
const lookedFor = (v) => typeof v === 'string' && (v.length >= 12 || (v.length >= 6 && [...v].length >= 6));

/**
 * The scrub of a stateless call's own secrets (`options.password`, `keys.hmacKey`, a Sips `secretKey`),
 * for `withScrub`: what a client does for its calls. `systempay.request(…, { currency: password },
 * { password })` and `parseAnswer` given the HMAC key as `kr-hash-key` quoted the secret back where a
 * client writes `***` (a helper's audit of the messages, twenty-sixth pass). The secrets are read now (a
 * few property reads), their forms computed only when an error is written.
 */
function ownSecrets(holder) {
  if (holder === null || typeof holder !== 'object') return undefined;
  const secrets = [];
  // (A plain loop in a try, not `guarded`: this runs on every stateless call's success path. Read as
  // `openClient` reads a client's: a `toJSON` giving the password was quoted back, the review of the pass.)
  try {
    for (let i = 0; i < OWN_SECRETS.length; i++) {
      const v = secretText(holder[OWN_SECRETS[i]]);
      if (lookedFor(v)) secrets.push(v);
    }
  } catch {
    // a getter or Proxy that throws: the call names it; the secrets read so far are taken out
  }
  if (secrets.length === 0) return undefined;
  let forms;
  return (text) => withoutSecrets(text, (forms ??= secretForms(secrets)), true);
}

/** `f()` with the secrets `holder` gives (`ownSecrets`) taken out of the errors it throws. */
export function scrubbing(holder, f) {
  const scrub = ownSecrets(holder);
  return scrub === undefined ? f() : withScrub(scrub, f);
}

/** A form's shape as its client's `secretForms` computed it. */
const shapeIn = (secrets, form) => secrets.shapes?.get(form) ?? shapeOf(form);

/**
 * What the scrubs look for of one form, computed once per client (a helper's timing of the pass:
 * computed per text, an error of 1 000 long keys took 1.4 s): its start cut by a quote, as written and
 * masked, with the `…`; and the lengths of its starts by their last character (`withoutCutSecrets`).
 */
function shapeOf(form) {
  const chars = [...form];
  const start = chars.slice(0, QUOTED).join('');
  const cuts = chars.length > QUOTED ? [...new Set([start, maskDigits(start)])].map((c) => `${c}\u2026`) : [];
  const common = /^(?:test|prod)password_/.test(form) ? 13 : 0;
  const ends = new Map();
  for (let k = Math.min(form.length, QUOTED); k >= common + 6; k--) {
    // A start that is the Systempay passwords' common `testpassword_`/`prodpassword_`, or masking
    // stars, is no secret: 6 characters of its own past that (the re-run of the fuzz found a word
    // ending in `testpassw` and a run of stars taken out).
    if (form.slice(common, k).replace(/\*/g, '').length < 6) continue;
    const last = form[k - 1];
    if (!ends.has(last)) ends.set(last, []);
    ends.get(last).push(k);
  }
  return { cuts, ends };
}

/**
 * A message's texts (not debug bodies: the search per `…` is the work the core's `scrub_cut` bounds
 * for them): the longest start of a secret's form, 6 characters or more, that ends just before a `…`,
 * wherever the quote began (`'code de sécurité 1752xomf…'`: the quote began before the secret, and its
 * cut fell inside it; a helper's fuzz, twenty-third pass).
 */
function withoutCutSecrets(text, secrets) {
  let out = text;
  let from = 0;
  for (let n = 0; n < 100; n++) {
    const at = out.indexOf('\u2026', from);
    if (at < 0) break;
    let taken = 0;
    const last = out[at - 1];
    for (const form of secrets) {
      // The longest start (at most a quote's length) ending in the character before the `…`.
      for (const k of shapeIn(secrets, form).ends.get(last) ?? []) {
        if (k <= at && out.startsWith(form.slice(0, k), at - k)) {
          taken = k;
          break;
        }
      }
      if (taken > 0) break;
    }
    if (taken > 0) out = `${out.slice(0, at - taken)}***${out.slice(at)}`;
    from = at - taken + (taken > 0 ? 3 : 0) + 1;
  }
  return out;
}

/** `text` as remise's Payline writer writes an element's text (`&`, `<`, `>` escaped). */
const xmlText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const QUOTE_ESCAPES = { '\\': '\\\\', "'": "\\'", '"': '\\"' };
// What `money::printable` writes as `\u{…}`: all but printable ASCII and its `SHOWN` ranges (src/money/mod.rs).
const NOT_SHOWN = /[^\x20-\x7e\u00a1-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]/gu;

/**
 * The forms a client's secret takes in what remise shows (a helper's fuzz, twenty-third pass, found each
 * left whole): as written; quoted by a message (`\"`, `\\`, `\'`; other than ASCII as it is or as
 * `\u{…}`, as `money::printable` writes it); inside a JSON or XML debug body (`\"`, `&lt;`, `&quot;`);
 * and each of those as the masking of card-like digit runs leaves it (the core's, 10–19 digits to their
 * last four, first six too from 16; and `maskDigits`'). Forms under 6 characters are left out, as the
 * secret itself is.
 */
function secretForms(secrets) {
  const forms = new Set();
  const coreDigits = (t) => t.replace(/\d+/g, (run) => {
    const n = run.length;
    if (n < 10 || n > 19) return run;
    const head = n >= 16 ? 6 : 0;
    return run.slice(0, head) + '*'.repeat(n - head - 4) + run.slice(-4);
  });
  for (const s of secrets) {
    const quoted = s.replace(/[\\'"]/g, (c) => QUOTE_ESCAPES[c]);
    const xml = xmlText(s);
    for (const form of [s, quoted, quoted.replace(NOT_SHOWN, (c) => `\\u{${c.codePointAt(0).toString(16)}}`), JSON.stringify(s).slice(1, -1), xml, xml.replace(/"/g, '&quot;').replace(/'/g, '&apos;')]) {
      if ([...form].length >= 6) forms.add(form);
      // A masked form only when it still holds 6 characters of its own (not `*`, not digits): the
      // masked form of a secret of digits alone (`************3456`) took out unrelated card numbers
      // masked the same way (a helper's re-run of the fuzz, twenty-third pass).
      for (const masked of [maskDigits(form), coreDigits(form)]) if (masked.replace(/[*\d]/g, '').length >= 6) forms.add(masked);
    }
  }
  // Longest first: a form that holds another is taken out whole. Each form's shape is the client's own
  // (a module-level cache held every client's secrets after the client was gone, 512 × their size: the
  // review of the pass).
  const list = [...forms].sort((a, b) => b.length - a.length);
  list.shapes = new Map(list.map((f) => [f, shapeOf(f)]));
  return list;
}

/** `v`'s strings without the client's secrets, arrays and objects walked (an error's `response`), in place. */
function scrubbedValue(v, secrets, depth) {
  if (typeof v === 'string') return withoutSecrets(v, secrets, true);
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  for (const k of Object.keys(v)) v[k] = scrubbedValue(v[k], secrets, depth + 1);
  return v;
}

/** A RemiseError without the client's secrets (`withoutSecrets`), in place: of the call's own input, or of an answer. */
function scrubbed(e, secrets) {
  if (secrets.length === 0) return e;
  guarded(() => {
    if (e.response !== undefined) e.response = scrubbedValue(e.response, secrets, 0);
    if (typeof e.gatewayMessage === 'string') e.gatewayMessage = withoutSecrets(e.gatewayMessage, secrets, true);
    e.message = withoutSecrets(e.message, secrets, true);
    if (typeof e.field === 'string') e.field = withoutSecrets(e.field, secrets, true);
    for (const i of Array.isArray(e.issues) ? e.issues : []) {
      i.field = withoutSecrets(i.field, secrets, true);
      i.message = withoutSecrets(i.message, secrets, true);
    }
  });
  return e;
}

/** Client settings: the injected functions stay in JS, the rest is checked by the core. */
export function openClient(raw, gateway, options, adjust) {
  const settings = { fetch: undefined, debug: undefined, timeoutMs: 0, maxResponseBytes: 0, redact: undefined, secrets: [] };
  let copy = options;
  // An array, typed array or String object is no options object: refused before its elements are copied
  // one by one (a Uint8Array of 2^24 bytes ran the core out of memory: a fuzz, twenty-first pass).
  if (listLike(options)) throw withIssues(gateway, [{ field: 'options', code: 'TYPE', message: 'must be an object of the client options' }]);
  // (Copied key by key below, a Promise was read as `{}`: "shopId is required"; the review of the pass.)
  if (isPromise(options)) {
    throw withIssues(gateway, [{ field: 'options', code: 'TYPE', message: 'is a Promise: await it first' }]);
  }
  if (options !== null && typeof options === 'object') {
    copy = {};
    try {
      for (const key of Object.keys(options)) {
        let v = options[key];
        // (The options themselves, in the copy's place: a cycle back to them is named where it closes,
        // `options.self`, not one level down; the review on the runtimes, twenty-ninth pass.)
        if (v === options) v = copy;
        // A secret given as a String object (or anything whose JSON is a string) is the text the core
        // reads: taken as that text, so that it is taken out of messages and debug events as a string
        // is (a helper's attack, twenty-third pass: `password: new String(pw)` signed the calls and was
        // quoted back whole).
        if (SECRET_OPTIONS.includes(key)) {
          v = secretText(v);
          if (lookedFor(v)) settings.secrets.push(v);
        }
        if ((key === 'fetch' || key === 'debug') && typeof v === 'function') {
          settings[key] = v;
          copy[key] = true;
        } else {
          // A function under another key (`Fetch: mock`, `fetsh: mock`) would vanish in the JSON
          // text, the client would send with `globalThis.fetch` and a test's mock would be ignored:
          // the key is kept (as `true`) so that the core names it, with its "did you mean".
          // `fetch: true` or `debug: true` would read as that marker: sent as `false`, refused as any
          // boolean is ("must be a function, got a boolean"; a new user's walk, twenty-second pass).
          // An object there (`new Boolean(true)`, one whose toJSON gives true) likewise, as `{}` ("got an
          // object"; the review of the pass).
          const transport = key === 'fetch' || key === 'debug';
          copy[key] = typeof v === 'function' ? true : transport && v === true ? false : transport && v !== null && typeof v === 'object' ? {} : v;
        }
      }
    } catch (e) {
      throw withIssues(gateway, [{ field: 'options', code: 'TYPE', message: UNREADABLE }], e);
    }
  }
  settings.secrets = secretForms(settings.secrets);
  // The client's own reading of its options (the Sips client: a production host as baseUrl).
  if (adjust && copy !== null && typeof copy === 'object') adjust(copy);
  const [text, sp] = encode([copy === undefined ? null : copy], ['options'], gateway);
  const core = renewable(raw, () => construct(raw.CoreClient, gateway, text, sp));
  // The empty entry name gives the checked transport options (src/wasm/mod.rs).
  const [config] = unwrapPair(core.prepare('', '', false, false));
  settings.timeoutMs = config.timeoutMs;
  settings.maxResponseBytes = config.maxResponseBytes;
  settings.redact = (t) => core.redact(t);
  return { core, settings };
}

/**
 * A client's core, made again from the same options when the wasm instance was renewed (a call into
 * it was interrupted, "a stack overflow": scripts/build-pkg.mjs): a client keeps no state between
 * calls in its core, so it goes on in the new instance.
 */
function renewable(raw, make) {
  let gen = raw.remiseGeneration();
  let inner = make();
  const current = () => {
    const now = raw.remiseGeneration();
    if (gen !== now) {
      inner = make();
      gen = now;
    }
    return inner;
  };
  return {
    prepare: (op, input, special, debug) => current().prepare(op, input, special, debug),
    answer: (input) => current().answer(input),
    failure: (input) => current().failure(input),
    redact: (text) => current().redact(text),
    // (Of the instance it was made in only: in a new one its pointer means nothing.)
    free: () => gen === raw.remiseGeneration() && inner.free(),
  };
}

/**
 * Ties a client's methods to it, so that a method taken off its client (`const { refund } = client`,
 * `.then(client.getOrder)`) still sends through that client: the methods use the client's private
 * fields, and a method called without its client would otherwise fail. Each own property is a thin
 * forwarder that looks the method up on the prototype chain when it is called (the most derived
 * definition, so a subclass's override runs, and a stub or spy put on the prototype later is
 * honoured), then runs it on this client. Own, non-enumerable, writable properties:
 * `console.log(client)` stays short and a test can still replace one on the instance.
 */
export function bindMethods(client, base) {
  for (const name of Object.getOwnPropertyNames(base)) {
    if (name === 'constructor' || typeof Object.getOwnPropertyDescriptor(base, name).value !== 'function') continue;
    const forward = {
      [name](...args) {
        // Whatever the prototype chain holds (a getter, a Proxy whose trap throws, a method deleted),
        // the call rejects and never throws.
        try {
          let proto = Object.getPrototypeOf(client);
          while (proto !== null && !Object.prototype.hasOwnProperty.call(proto, name)) proto = Object.getPrototypeOf(proto);
          // Reflect.construct with an unrelated new.target: the client class's own method.
          const d = Object.getOwnPropertyDescriptor(proto ?? base, name);
          const f = d === undefined ? undefined : d.get ? d.get.call(client) : d.value;
          if (typeof f !== 'function') return Promise.reject(new TypeError(`${name} is not a method of this client`));
          return Promise.resolve(f.apply(client, args));
        } catch (e) {
          return Promise.reject(e);
        }
      },
    }[name];
    Object.defineProperty(forward, 'length', { value: Object.getOwnPropertyDescriptor(base, name).value.length });
    Object.defineProperty(client, name, { value: forward, writable: true, configurable: true });
  }
}

/**
 * A client class's methods, one per name, each `run(client, name, first, options)`: one definition for
 * the three clients (they were written out one by one, or in a loop of their own). `arity` is the
 * methods' `length` (an optional argument is not counted: 1; the Sips client's methods have had 2).
 * Own, non-enumerable, writable properties of the prototype, as class methods are, so that a stub or
 * spy can replace one.
 */
export function defineMethods(Class, names, arity, run) {
  for (const name of names) {
    const method = { async [name](first, options) { return run(this, name, first, options); } }[name];
    Object.defineProperty(method, 'length', { value: arity });
    Object.defineProperty(Class.prototype, name, { value: method, writable: true, configurable: true });
  }
}

const MAX_SAME_ORIGIN_HOPS = 3;

/**
 * One client call: prepare (validate + build) in the core, send, settle in the core. Always
 * returns a promise; bad input rejects. `options` is what `callOptions` gave: `[signal, rest,
 * issues]` (the rest already among `args`).
 */
export async function send(core, settings, gateway, op, args, names, withWarnings, options) {
  const [signal, , found, cause] = options || [undefined, undefined, []];
  // The client's secrets out of every error built while the call is read, before masking (core.js `withScrub`).
  const [prep, warnings] = withScrub(settings.secrets.length > 0 ? (t) => withoutSecrets(t, settings.secrets, true) : undefined, () => {
    let sp = false;
    let prepared;
    try {
      // (Inside the `try`: the arguments' own reading, a throwing getter of the body, is a
      // VALIDATION the call options' issues join.)
      let text;
      [text, sp] = encode(args, names, gateway);
      prepared = unwrapPair(core.prepare(op, text, sp, settings.debug !== undefined));
    } catch (thrown) {
      // A trap while the input was read (it ran out of memory: a NaN stopped the size check before a
      // typed array of 2^24 elements) is the stateless calls' VALIDATION, not a bare RuntimeError (a
      // helper's fuzz, twenty-third pass).
      const e0 = trapped(thrown, gateway);
      if (!(e0 instanceof RemiseError)) throw e0;
      // The other issues beside a NaN's, as the stateless `request` lists them (core.js). Not for the
      // Sips client's call options alone: `issuesBeside` below reads its fields again, and lists them
      // first, as before (the review of the twenty-third pass saw the order turned).
      const optionsOnly = names[1] === 'callOptions' && guarded(() => e0.issues.every((i) => /^callOptions\b/.test(i.field)), false);
      const all = !optionsOnly && retriedWithout(e0, sp) ? withoutUnreadable(e0, args, gateway, (again, special) => unwrapPair(core.prepare(op, again, special, false))) : e0;
      const e = scrubbed(all, settings.secrets);
      const invalid = e.code === 'VALIDATION' && Array.isArray(e.issues);
      // The core reads the Sips client's call options before the fields and stops at their issues:
      // the fields are read again without them, on this error path only, so that every issue comes
      // at once.
      const fields =
        names[1] === 'callOptions' && args[1] != null
          ? issuesBeside(e, 'callOptions', () => {
              const [again, sp2] = encode([args[0], null], names, gateway);
              unwrapPair(core.prepare(op, again, sp2, false));
            })
          : [];
      // The call options' issues found here come with the core's, or before a preflight refusal, as
      // the core reports validation before its rules.
      // (One found here at a path the core named, `amount` given null beside a currency, is not doubled.)
      const own = invalid ? issuesOf(e) : [];
      const more = found.filter((f) => !own.some((i) => i?.field === f.field));
      if (fields.length > 0 || more.length > 0) throw scrubbed(withIssues(gateway, joined(fields, own, more), cause ?? e.cause), settings.secrets);
      throw e;
    }
    // (Scrubbed too: a client's secret used as a call option's name was quoted whole: a fuzz, twenty-first pass.)
    if (found.length > 0) throw scrubbed(withIssues(gateway, found, cause), settings.secrets);
    return prepared;
  });
  const { request, kind, operation } = prep;
  // The call's state as its signal sees it: `abort` is what the current attempt (or pause) does
  // when the signal fires; `sent` whether a fetch was called, which decides `outcome`.
  const call = { aborted: false, sent: false, abort: undefined };
  const onAbort = () => {
    call.aborted = true;
    if (call.abort) call.abort();
  };
  let watching = false;
  if (signal !== undefined) {
    try {
      if (signal.aborted) onAbort();
      else {
        watch(signal, onAbort);
        watching = true;
      }
    } catch (e) {
      throw withIssues(gateway, [{ field: 'callOptions.signal', code: 'TYPE', message: 'its addEventListener threw: pass an AbortSignal' }], e);
    }
  }
  try {
    let retries = 0;
    for (;;) {
      if (call.aborted) throw abortError(gateway, operation, kind, call.sent, signal, args[0]);
      let outcome;
      try {
        outcome = await attempt(core, settings, gateway, request, prep, kind, operation, retries, call);
      } catch (e) {
        if (!isFailure(e)) throw e;
        if (e.kind === 'aborted') throw abortError(gateway, operation, kind, call.sent, signal, args[0]);
        const jitter = Math.floor(Math.random() * 1001);
        const r = core.failure(JSON.stringify([operation, kind, e.kind, e.detail || '', e.status ?? null, retries, jitter]));
        outcome = { error: JSON.parse(r.slice(1)) };
        if (e.opaque || e.followed !== undefined) hiddenRedirect(outcome.error, e.followed);
        if (e.looped) outcome.error.message = String(outcome.error.message).replace(NOT_FOLLOWED, `; remise followed ${MAX_SAME_ORIGIN_HOPS} redirects of this read to the same service, and it was redirected again (a redirect loop): check baseUrl`);
        if (e.retryAfterMs !== undefined) outcome.error.retryAfterMs = e.retryAfterMs;
        // A refusal of the runtime's own fetch that says what to do instead of "pass a fetch function"
        // (`refused`): the core's message from its short detail on.
        if (e.instead !== undefined) {
          const said = String(outcome.error.message);
          const at = said.lastIndexOf(`${e.detail}; pass a fetch function`);
          if (at >= 0) outcome.error.message = `${said.slice(0, at)}${e.instead}`;
        }
      }
      if (outcome.error === undefined && kind === 'read') {
        const other = otherSubject(gateway, operation, request.body, outcome.value);
        if (other !== undefined) outcome = { error: other };
      }
      if (outcome.error === undefined) {
        return withWarnings ? attachWarnings(outcome.value, warnings) : outcome.value;
      }
      let delay = outcome.error.retryDelayMs;
      const asked = outcome.error.retryAfterMs;
      // A Retry-After is waited for (not less than the core's backoff), up to a minute; a longer one
      // ends the call with the error, which says it (a helper's attack: a read answered 429 with
      // Retry-After: 3600 was sent three times in 0.6 s).
      if (typeof delay === 'number' && asked !== undefined) delay = asked > Math.min(MAX_RETRY_AFTER_MS, settings.timeoutMs) ? undefined : Math.max(delay, asked);
      if (kind === 'read' && typeof delay === 'number') {
        // Aborted while this attempt ended: the retry it would make is what the caller stopped.
        if (call.aborted) throw abortError(gateway, operation, kind, call.sent, signal, args[0]);
        retries += 1;
        await pause(delay, call);
        continue;
      }
      // A read that was tried again says so: "answered HTTP 503" alone read as one attempt (a helper's
      // attack on the transport, eighteenth pass).
      // (Once: a timeout's own message says "try again later" already; the messages audit, twenty-ninth pass.)
      if (retries > 0) outcome.error.message = `${outcome.error.message} (the read was sent ${retries + 1} times, remise's retries included${outcome.error.message.includes('try again later') ? '' : ': try again later'})`;
      // A Retry-After on an error safe to send again (a 429 refusal, a read) is said in the message as
      // well as in `retryAfterMs` (the same attack: "answered HTTP 429: slow down" said no wait).
      const wait = outcome.error.retryAfterMs;
      if (outcome.error.retryable === true && typeof wait === 'number') outcome.error.message = `${outcome.error.message} (Retry-After: wait ${Math.ceil(wait / 1000)} s before sending it again)`;
      // The client's secrets out in every form (`secretForms`), as from the debug event of the same
      // answer: the core takes out the secret as written, and an echo XML-escaped (`&amp;`) was quoted
      // whole in the message (a helper's attack on the seals, twenty-fourth pass).
      if (outcome.error.outcome === 'unknown') outcome.error.message = ownAdvice(outcome.error.message, gateway, operation, args[0]);
      throw scrubbed(errorFrom(outcome.error), settings.secrets);
    }
  } finally {
    if (watching) unwatch(signal, onAbort);
  }
}

// What each read asks for and where its answer names it: [the request's field, the answer's path].
// Payline's request is remise's own XML (its `impl:` elements); Order/Get names its order in each
// transaction's `orderDetails`.
const SUBJECTS = {
  'Transaction/Get': [['uuid', ['uuid']]],
  'Order/Get': [['orderId', ['transactions', '*', 'orderDetails', 'orderId']]],
  getTransactionData: [['transactionReference', ['transactionReference']]],
  getTransactionDetails: [['transactionId', ['transaction', 'id']], ['orderRef', ['order', 'ref']]],
};
const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Compared without surrounding blanks (a gateway that trims a reference answers about the same one: the
// review of the twenty-third pass), case kept: order ids and references are the merchant's, and a uuid in
// capitals, which the planner refuses to match, is no answer of the platform (a helper's attack, same pass).
const subjectOf = (v) => v.trim();

/**
 * A read answered about another transaction than the one asked (a cache or proxy keyed on the URL
 * alone, where every read is a POST to one URL, or answers crossed on the way): a MALFORMED_RESPONSE,
 * not another transaction's status and amounts taken for this one's, which is what a caller checks
 * after `outcome: 'unknown'` before sending again (a helper's attack on the Sips client, twenty-third
 * pass: ORDERB's sealed answer to ORDERA's getTransactionData resolved as ORDERA's). Only a subject
 * both sides name as text is compared; its values are not quoted (the answer's come from the wire).
 */
function otherSubject(gateway, operation, body, value) {
  const subjects = SUBJECTS[operation];
  if (subjects === undefined || typeof body !== 'string') return undefined;
  let sent;
  for (const [key, path] of subjects) {
    // (An element the answer repeats is read as a list, `transaction.id: ['…002', '…003']`: each is
    // compared; it was skipped, a helper's attack of the pass.)
    const items = (v) => (Array.isArray(v) ? v : [v]);
    let found = [value];
    for (const step of path) {
      found = found.flatMap((v) => (step === '*' ? (Array.isArray(v) ? v : []) : items(v).flatMap((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? [x[step]] : []))));
    }
    found = found.flatMap(items).filter((v) => typeof v === 'string');
    // The usual answer names what the request says, as remise wrote it: found in the body's text,
    // without reading the body (a read's call is then as fast as before: the pass's A/B measured 3 %).
    const written = (v) => (gateway === 'payline' ? `<impl:${key}>${xmlText(v)}</impl:${key}>` : `"${key}":${JSON.stringify(v)}`);
    if (found.every((v) => body.includes(written(v)))) continue;
    let asked;
    if (gateway === 'payline') {
      const m = new RegExp(`<impl:${key}>([^<]*)</impl:${key}>`).exec(body);
      // (remise writes a CR as `&#13;`: numeric references too.)
      asked = m ? m[1].replace(/&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (_, e, d, x) => (e ? XML_ENTITIES[e] : guarded(() => String.fromCodePoint(d ? Number(d) : parseInt(x, 16)), ''))) : undefined;
    } else {
      if (sent === undefined) sent = guarded(() => JSON.parse(body), null);
      asked = sent !== null && typeof sent === 'object' ? sent[key] : undefined;
    }
    if (typeof asked !== 'string' || asked === '') continue;
    if (found.some((v) => subjectOf(v) !== subjectOf(asked))) {
      return {
        code: 'MALFORMED_RESPONSE',
        gateway,
        field: path.filter((p) => p !== '*').join('.'),
        message: `the answer to ${operation} is about another transaction: its ${path.at(-1)} is not the ${key} asked for, so it is not returned (check that what was asked names one transaction; then baseUrl and what stands in between: a cache or proxy may have answered it)`,
        retryable: false,
      };
    }
  }
  return undefined;
}

// The end of the core's redirect message (src/transport.rs), replaced where the JS side knows more.
const NOT_FOLLOWED = '; remise does not follow redirects of money-moving calls, nor of reads to another origin: check baseUrl';

/**
 * The core's redirect error, for a redirect the runtime hides (or that an injected fetch followed) (a browser's `opaqueredirect`: status 0,
 * no Location): the core was told 302 for its verdict (a redirect: never followed, outcome unknown for
 * a money-moving call); the error names no status it did not see, and says why even a read to its own
 * path was not followed. Worded here, on this rare path, rather than in the core (its size budget).
 */
function hiddenRedirect(error, followed) {
  delete error.httpStatus;
  const via = followed !== undefined;
  error.message = String(error.message)
    .replace('answered HTTP 302 (a redirect)', via
      ? `answered through a redirect that the fetch function followed (the answer says it was redirected, or came from ${followed}; the request may have been sent again there)`
      : 'answered a redirect the runtime hides (a browser gives neither its status nor its Location, so remise cannot follow it)')
    .replace(NOT_FOLLOWED, via
      ? ': pass a fetch function that keeps redirect: \'manual\' and the answer\'s url, and check baseUrl'
      : ': check baseUrl (the URL the gateway documents answers without a redirect)');
}

// One listener per signal, whatever the number of calls it serves: past 10 listeners on one
// EventTarget Node warns of a leak (MaxListenersExceededWarning), which a long-lived signal shared
// by concurrent calls reached (a helper's attack). signal → { calls: Set of onAbort, listener }.
const watched = new WeakMap();

function watch(signal, onAbort) {
  let w = watched.get(signal);
  if (w === undefined) {
    const calls = new Set();
    const listener = () => {
      for (const f of [...calls]) f();
    };
    signal.addEventListener('abort', listener, { once: true });
    w = { calls, listener };
    watched.set(signal, w);
  }
  w.calls.add(onAbort);
}

function unwatch(signal, onAbort) {
  const w = watched.get(signal);
  if (w === undefined) return;
  w.calls.delete(onAbort);
  if (w.calls.size === 0) {
    watched.delete(signal);
    guarded(() => signal.removeEventListener('abort', w.listener));
  }
}

/**
 * One attempt under one timer: send, read, decode. Resolves `{ value }` or `{ error }`. The call's
 * signal, when it fires, ends the attempt at once as the timer does.
 */
function attempt(core, settings, gateway, request, prep, kind, operation, retries, call) {
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  // The attempt as its answer's reader sees it: `over` once the call has settled without it (timeout
  // or abort), `dead` once the late answer's time is up too; `stop` cancels the body being read.
  const life = { over: false, dead: false, stop: undefined };
  let work, late;
  const clearLate = () => clearTimeout(late);
  const end = () => {
    // Once: the timer and the signal may both fire before the race's `finally` runs.
    if (life.over) return;
    if (controller) controller.abort();
    life.over = true;
    late = setTimeout(() => {
      life.dead = true;
      if (life.stop) life.stop();
    }, settings.timeoutMs);
    // The late deadline alone keeps no process alive (Node and Bun; elsewhere it is a plain timer),
    // and goes once the attempt's work has ended. (Armed here, on this path only: the call that gets
    // its answer pays nothing for it.)
    if (late && typeof late.unref === 'function') late.unref();
    // (An abort from the caller's code inside the attempt's first step, a `debug` callback, comes
    // before `work` exists: cleared below then.)
    if (work) work.then(clearLate, clearLate);
  };
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      end();
      reject(new Failure('timeout', ''));
    }, settings.timeoutMs);
    call.abort = () => {
      end();
      reject(new Failure('aborted', ''));
    };
  });
  work = exchange(core, settings, gateway, request, prep, kind, operation, retries, controller, call, life);
  // Whatever the fetch does after the timeout (even ignoring the abort) is ignored; its answer is read
  // within the late bounds above (LATE_CAP).
  work.catch(() => {});
  if (life.over) work.then(clearLate, clearLate);
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
    call.abort = undefined;
  });
}

/**
 * A money-moving attempt's connection is closed after its answer (`connection: close`, above): on a
 * kept-alive connection a peer that wrote an answer nobody asked for (a broken front end, an answer
 * written twice) gave it to the next request, and a refund accepted by the gateway settled on a stray
 * refusal, "not done" (a helper's attack with a counting server, twenty-fourth pass: refunds in a row).
 * Closed, no later call can take what a peer writes after a money-moving answer. It does not make the
 * attempt open a new connection: Node's fetch (undici) may still send it on an idle one a read left in
 * its pool (the review of the pass: after concurrent reads, 12 refunds of 12), and a connection per call
 * would need a dispatcher of remise's own, which would drop one the caller set (a proxy, a CA): a known
 * gap. Browsers drop the header (a forbidden name); Deno gets its own client below, a fresh connection.
 * Reads keep the pool: their answer's subject is compared (`otherSubject`).
 *
 * On Deno, the HTTP client for one money-moving attempt: it keeps no idle connection, so the request
 * goes on a connection of its own. Deno's fetch sends a request again, on a new connection, when
 * the kept-alive connection it reused closes before the answer and the body can be sent again (its
 * HTTP client retries such a request): a refund answered by a dropped connection reached the server
 * twice (an attack counted it, js-tests/runtimes). A fresh connection is never retried that way.
 * An injected fetch gets it too, in its init (`init.client`): Deno's own fetch passed explicitly, or
 * README's wrapper `(input, init) => fetch(input, init)`, sent a refund twice (a helper's attack on the
 * runtimes, eighteenth pass); another fetch ignores the key. Undefined elsewhere, or when the runtime
 * refuses to make one. Closed when the attempt ends.
 */
function ownConnection(settings, kind) {
  const deno = globalThis.Deno;
  if (kind === 'read' || deno === null || typeof deno !== 'object' || typeof deno.createHttpClient !== 'function') return undefined;
  try {
    return deno.createHttpClient({ poolMaxIdlePerHost: 0 });
  } catch {
    return undefined;
  }
}

async function exchange(core, settings, gateway, request, prep, kind, operation, retries, controller, call, life) {
  const fetchFn = settings.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new Failure('nofetch', 'no fetch function is available');
  const client = ownConnection(settings, kind);
  // (No extra async frame where there is nothing to close: a client call is about 5 % faster.)
  if (!client) return hops(fetchFn, client, core, settings, gateway, request, prep, kind, operation, retries, controller, call, life);
  try {
    return await hops(fetchFn, client, core, settings, gateway, request, prep, kind, operation, retries, controller, call, life);
  } finally {
    guarded(() => client.close());
  }
}

/** An attempt's headers: a money-moving one's with `connection: close` (see `ownConnection`). */
const sentHeaders = (kind, headers) => (kind === 'read' ? headers : { ...headers, connection: 'close' });

async function hops(fetchFn, client, core, settings, gateway, request, prep, kind, operation, retries, controller, call, life) {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    // After the timeout nothing more is sent, even when the injected fetch ignored the abort and
    // this attempt is still following a redirect.
    if (call.aborted) throw new Failure('aborted', '');
    if (controller && controller.signal.aborted) throw new Failure('timeout', '');
    // The URL redacted like a body: a followed redirect's comes from the answer, and the first one
    // holds the caller's service name (`call('Transaction/Get4970…')` showed a card number: a helper's
    // fuzz, twentieth pass) and the baseUrl (a secret there is taken out too).
    // (With the `connection: close` a money-moving attempt adds: the event lists what is sent.)
    if (prep.debug) emit(settings.debug, { type: 'request', gateway, url: settings.redact(url), headers: sentHeaders(kind, prep.debug.headers), body: maskCodes(withoutSecrets(prep.debug.body, settings.secrets)) });
    // Never followed by fetch: a redirected POST would be sent twice, or to another host.
    const init = {
      method: request.method,
      headers: sentHeaders(kind, request.headers),
      body: request.body,
      redirect: 'manual',
      signal: controller ? controller.signal : undefined,
    };
    if (client) init.client = client;
    let input = url;
    let full;
    if (typeof Request === 'function') {
      // A Request, as earlier versions passed: injected fetch functions may read `request.url`.
      // The abort signal goes in the second argument, not into this Request: a Request holding a
      // signal stays reachable (with its listeners) until a finalizer runs, which showed as
      // ~2 KB per call that a busy process never got back (issue 10, row 3).
      const { signal, client: _, ...rest } = init;
      try {
        input = new Request(url, rest);
      } catch (e) {
        throw new Failure('nofetch', `the request could not be built (${describe(e)})`);
      }
      // An injected fetch from npm (undici's own, node-fetch 2 and 3: a proxy's usual set-up) does not
      // know the runtime's Request: it reads its input as a string, and its method, headers and body
      // from the second argument. So the Request's string form is its URL, and the second argument is
      // the whole init (a helper's attack, eighteenth pass: each failed "Failed to parse URL from
      // [object Request]", and a wrapper rebuilding the call from `input` lost redirect: 'manual').
      if (settings.fetch !== undefined) {
        // (A runtime whose Request takes no own property keeps its own string form.)
        guarded(() => Object.defineProperty(input, 'toString', { value: () => url }));
        // Its own headers object: a wrapper that edits `init.headers` edited the next attempt's (a
        // review of the pass).
        full = { ...init, headers: { ...init.headers } };
      }
    }
    // Checked again just before fetch is called: the debug callback and a patched Request run
    // the caller's code, which may have aborted the call or let the timer run out.
    if (call.aborted) throw new Failure('aborted', '');
    if (controller && controller.signal.aborted) throw new Failure('timeout', '');
    call.sent = true;
    let res;
    try {
      let second = full ?? (init.signal ? { signal: init.signal } : undefined);
      if (client) second = { ...second, client };
      res = await (input === url ? fetchFn(url, init) : fetchFn(input, second));
    } catch (e) {
      // Deno refusing the network permission (`--allow-net` without this host): nothing was sent, not
      // "may have reached" (and a read is not tried again for it: a helper's attack on the runtimes,
      // eighteenth pass).
      // Only from Deno's own fetch (no fetch injected): an injected one may throw an error of that name
      // after the request went out (an egress proxy's refusal), and "nothing was sent" then let the caller
      // send a refund again (a helper's attack, twenty-first pass).
      if (settings.fetch === undefined && denoRefusal(e)) {
        // Deno's own text ("Requires net access to …, run again with the --allow-net flag") was cut at the
        // core's 40 characters, and the advice was to pass a fetch (a new user's walk on Deno,
        // twenty-fifth pass): the host to allow is named instead.
        const host = guarded(() => new URL(url).host, '') || 'the gateway host';
        throw refused('the runtime refused the network access', `Deno's permissions refused the network access to ${host}: run it with --allow-net=${host} (or a list that holds it)`);
      }
      // A port the Fetch standard blocks (6000, 10080…): the runtime's own fetch refused it before any
      // connection, so nothing was sent; said as such, not as a network fault of unknown outcome (a new
      // user's trial, twenty-fourth pass: `remise sim --port 6000`).
      const port = settings.fetch === undefined ? blockedPort(e, url) : undefined;
      if (port !== undefined) throw refused(`port ${port}`, `port ${port}, which fetch refuses to connect to (the Fetch standard blocks it, as browsers do): give baseUrl another port (remise sim listens on 8787 by default)`);
      throw new Failure('network', describe(e));
    }
    // Read once each, where a getter or Proxy trap that throws means no usable answer (the call
    // may have been sent: for a money-moving call the outcome is unknown, as for any such answer).
    const status = read(res, 'status');
    if (typeof status !== 'number') {
      throw new Failure('notresponse', 'its status is not a number');
    }
    // A status that is not a whole number (300.5 from a hand-made `fetch`) is no status: checked
    // before the redirect range, where it became HTTP 0, an answer that said "not done".
    if (!Number.isInteger(status)) {
      discard(res);
      throw new Failure('notresponse', `HTTP status ${String(status).slice(0, 12)} is not a valid final status`);
    }
    // An answer whose body is not read (a redirect, a read's transient status, one too large or too
    // late) is still a debug `response` event, its body empty: the debug record is the only one of what
    // the gateway answered a call of unknown outcome (a helper's attack, twenty-first pass: a 302 to a
    // refund and three 503s to a read showed requests only).
    const answered = (body) => {
      if (settings.debug) emit(settings.debug, { type: 'response', gateway, url: settings.redact(url), status, headers: answerHeaders(res, settings), body: maskCodes(withoutSecrets(body, settings.secrets)) });
    };
    const unread = () => {
      answered('');
      discard(res);
    };
    if (read(res, 'type') === 'opaqueredirect' || (status >= 300 && status <= 399)) {
      const location = header(res, 'location');
      unread();
      // Where a read may go: the same origin and path (a trailing '/' aside). A read is a POST of its
      // body, so a redirect to another path could make it another service (Transaction/Get sent to
      // CancelOrRefund, then retried as a read).
      // (Not a 304, which is no redirect whatever Location it carries: a read answered 304 to its own
      // path was sent four times, a helper's attack on the transport, twenty-seventh pass.)
      const next = kind === 'read' && location && status !== 304 ? guarded(() => new URL(location, url).href, undefined) : undefined;
      const own = next !== undefined && samePlace(next, url) === true;
      if (own && hop < MAX_SAME_ORIGIN_HOPS) {
        url = next;
        continue;
      }
      if (status >= 300 && status <= 399) {
        const failed = new Failure('status', '', status);
        // Redirected to its own service once more than remise follows: a loop, not a redirect it
        // refused (a helper's attack, twentieth pass: the message said reads to another origin).
        failed.looped = own;
        throw failed;
      }
      // A browser's answer to `redirect: 'manual'` (status 0, no Location): a redirect, of unknown status.
      const hidden = new Failure('status', '', 302);
      hidden.opaque = true;
      throw hidden;
    }
    // An injected fetch that followed a redirect itself (it dropped `redirect: 'manual'`): the
    // request went to the first URL and again to where it pointed, so the answer read is the
    // second one's (a helper sent a refund twice that way and got the second answer as the result).
    // A redirect, never trusted: outcome unknown for a money-moving call; a read's answer is kept
    // when it came from the same origin and path, as a read follows such a redirect itself.
    // edge-runtime's fetch rebuilds its answer without `redirected` but with the final `url` (a helper's
    // attack): an absolute `url` of another origin or path than the one asked for (a trailing `/`
    // included, the query aside) is a followed redirect too. A `url` that is no absolute URL (a mock's
    // `String(request)`, a relative one) says nothing.
    // Either of them unreadable (a throwing getter, a `url` whose text cannot be made) cannot tell "not
    // redirected": not taken (a fuzz, then the review of the twenty-second pass: a refund's answer was
    // trusted so, or rejected with the `url`'s own plain Error).
    const finalUrl = guarded(() => {
      const u = res.url;
      return u === undefined || u === null ? u : String(u);
    }, THREW);
    const redirected = guarded(() => res.redirected, THREW);
    // (A `redirected` that is no boolean, `'true'`, is a malformed Response too: a new user's walk.)
    if (finalUrl === THREW || redirected === THREW || (redirected !== undefined && redirected !== null && typeof redirected !== 'boolean')) {
      unread();
      throw new Failure('notresponse', 'its url or redirected cannot be read');
    }
    if ((redirected === true || samePlace(finalUrl, url, true) === false) && !(kind === 'read' && samePlace(finalUrl, url))) {
      unread();
      const followed = new Failure('status', '', 302);
      // (Cut before it crosses, as a fetch error's text: a 50 MB query in `url` grew the wasm memory by as
      // much and was quoted whole: the review of the pass.)
      followed.followed = settings.redact(cut(String(finalUrl || url)));
      throw followed;
    }
    // 1xx are interim answers: a final one below 200 comes only from a hand-made `fetch`.
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      discard(res);
      throw new Failure('notresponse', `HTTP status ${String(status).slice(0, 12)} is not a valid final status`);
    }
    const wait = status === 429 || status === 503 ? retryAfter(res) : undefined;
    // The transient status, retried by the core's table for a read, with the wait the answer asked for.
    const transient = () => Object.assign(new Failure('status', '', status), { retryAfterMs: wait });
    // Payline's SOAP 1.1 faults come under 500: a read's body is read there, and a `Client` fault (the
    // request itself is wrong: sent again, it fails again) is said with Payline's words; anything else
    // is the transient status, as below (a helper's attack, twenty-first pass: a read refused as
    // malformed was sent three times and rejected "try again later" without the fault).
    const faultRead = kind === 'read' && gateway === 'payline' && status === 500;
    if (kind === 'read' && transientForRead(status) && !faultRead) {
      // Transient for a read: retried by the core's table without reading the body.
      unread();
      throw transient();
    }
    let body;
    try {
      // An answer that comes after the late deadline is not read at all.
      if (life.dead) {
        discard(res);
        throw new Failure('timeout', '');
      }
      body = faultRead ? await faultBody(res, life, status, settings.maxResponseBytes) : await readText(res, settings.maxResponseBytes, life, status);
    } catch (e) {
      // The status came, its body was not read whole (too large, too late, cut, broken): one response
      // event, its body empty (the second review of the pass: a 200 to a refund whose body was reset
      // or stalled left no trace of that 200).
      answered('');
      if (isFailure(e)) throw e;
      throw new Failure('network', describe(e));
    }
    answered(body === undefined ? '' : settings.redact(body));
    // A Payline read's 500 whose body could not be read quickly: the transient status.
    if (body === undefined) throw transient();
    // (A Payline 200 answer that is no XML the core reads as no answer at all, the error then saying
    // why. Under another status the body goes as it came: the core reads the NULs of UTF-16 there as
    // the sign that it may be the operation's answer, of unknown outcome.)
    let notXml;
    if (gateway === 'payline') {
      const [text, problem] = xmlAsRead(body);
      if (problem === undefined) body = text;
      else if (status === 200) notXml = problem;
    }
    const jitter = Math.floor(Math.random() * 1001);
    let r;
    try {
      r = core.answer(JSON.stringify([operation, kind, status, notXml === undefined ? body : '', retries, jitter]));
    } catch {
      // The wasm instance interrupted while it read the answer (it ran out of memory on a huge one:
      // it is renewed at the next call). The call was sent: an unreadable answer, not a bare
      // RuntimeError without its outcome (the review of the pass).
      throw new Failure('notresponse', 'the answer could not be read (remise ran out of memory reading it)');
    }
    if (faultRead && !(r.charCodeAt(0) === 101 && clientFault(JSON.parse(r.slice(1))))) throw transient();
    if (r.charCodeAt(0) === 101) {
      const error = JSON.parse(r.slice(1));
      // A refusal or fault read from an answer under another status than 200 (a Payline SOAP body
      // under 429 or 500) says which: the core's errors name a status only when it decided.
      if (error.httpStatus === undefined && status !== 200) error.httpStatus = status;
      if (wait !== undefined) error.retryAfterMs = wait;
      notWellFormed(error, notXml);
      if (gateway === 'systempay') error.message = emptyAnswer(error.message, body);
      return { error };
    }
    const value = JSON.parse(r.slice(1));
    // (Payline answers hold their numbers as strings.) The path quotes the answer's keys: redacted
    // as every text of an answer quoted in an error is.
    const inexact = gateway === 'payline' ? undefined : inexactAnswer(value, gateway, kind !== 'read');
    if (inexact === undefined) return { value };
    inexact.field = settings.redact(inexact.field);
    inexact.message = settings.redact(inexact.message);
    return { error: inexact };
  }
}

