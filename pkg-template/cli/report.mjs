// `remise batch report`: a parsed response file (sogenactif.batch.parseResponse) turned into a
// summary a person can act on (text table, JSON, one self-contained HTML page).
//
// JSON schema `remise.batch.report/1` (what `--json` prints; README "Command line"):
// {
//   schema: 'remise.batch.report/1',
//   response: { file, version, remitterId, date, time, sequence },
//   totals: { records, accepted, rejected, unknown },  // unknown: rejected records whose code says the
//                                                      // operation may have been done (60 pending, 99)
//   methods: [{ method, records, accepted, rejected,
//               amounts: [{ currency, records, accepted, rejected, unknown }] }],  // decimal strings, per
//                                                      // currency; unknown: the part of rejected that may have been done
//   responseCodes: [{ code, message, count, accepted, retryable, action, methods: { <method>: count } }],
//   rejections: [{ recordSequence, method, merchantId?, transactionReference?, s10TransactionId?,
//                  amount?, currency?, responseCode, responseMessage, retryable, action,
//                  outcome?: 'unknown', request?: { line, record? } }],
//   repeated: [{ recordSequence, count }],   // response lines that repeat a recordSequence
//   unsummed?: { records, recordSequences },  // lines with an amount and no currency code (the first 10)
//   unknownLines?: { count, lines: [{ line, type }] },  // --unknown-lines report: lines of a type remise
//                                                      // does not read, left out (the first 10)
//   join?: { request, records, matched, notInResponse: [recordSequence], notInRequest: [recordSequence],
//            unreadable, mismatched: [{ recordSequence, field, response, request }], mismatchedCount,
//            header?: { remitterId, sequence } }   // the request file's, when it is not the response's
// }
// Amounts are exact decimal strings in the currency's unit (money.fromMinor); `currency` is the
// alpha-3 code when the ISO table knows the file's code, else `unknown currency '<code>' (minor
// units)` with the amounts in minor units. No card data is copied from the response or the request
// (cardNumber, cardCSCValue are masked). `problems(report)` says what makes the file untrustworthy
// (the command then exits 1).
import { actionFor, isRefund, maybeRefundAdvice, refundAdvice, whereToCheck } from './codes.mjs';
import { maskCardLike, maskDigits } from './mask.mjs';

export { maskDigits };

export const SCHEMA = 'remise.batch.report/1';
// Fields a response line echoes from its request record, compared on each joined pair: who and
// what (the same reference with another amount or currency is not this record's answer either).
const IDENTITY = [
  'method', 'merchantId', 'transactionReference', 'amount', 'operationAmount', 'currencyCode',
  's10TransactionReference.s10TransactionId', 's10TransactionReference.s10TransactionIdDate',
];
/** A record's value at a dotted path (`s10TransactionReference.s10TransactionId`). */
const valueAt = (record, path) => path.split('.').reduce((v, k) => (v !== null && typeof v === 'object' ? v[k] : undefined), record);
/** A value as a column's text; nothing for undefined or null. */
const columnText = (v) => (v === undefined || v === null ? undefined : String(v));
const MAX_LISTED = 100;

/**
 * Text for a terminal: C0 and C1 control characters (escape sequences that retitle, clear or
 * recolour it, carriage returns that overwrite a line) and the invisible direction controls (which
 * reverse what follows them) are shown as '?'; line breaks are kept.
 */
export function terminalSafe(text) {
  return String(text).replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** JSON for a terminal: the same characters written as `\uXXXX` escapes (still the same JSON). */
export function jsonSafe(json) {
  return json.replace(/[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const AMOUNT_FIELDS = ['amount', 'operationAmount'];
const DIGITS = /^[0-9]+$/;
/** The same column text, digits compared by value (`0013` is `13`). */
function sameColumn(asked, got) {
  if (asked === got) return true;
  return got !== undefined && DIGITS.test(asked) && DIGITS.test(got) && asked.replace(/^0+(?=.)/, '') === got.replace(/^0+(?=.)/, '');
}
const SECRET = new Set(['cardNumber', 'cardCSCValue', 'initialCavv']);

/** A card-data field's value as the report shows it: a card number as its first six and last four digits, anything else `***`. */
function maskSecret(field, v) {
  if (v === '' || v === '(none)') return v;
  return field === 'cardNumber' && /^[0-9]{10,19}$/.test(v) ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : '***';
}

/** Masks card data in a request record (a copy). */
export function maskRecord(record, depth = 0) {
  if (record === null || typeof record !== 'object') return record;
  // Records are a few levels deep; a request line nested thousands deep (JSON.parse reads it) would
  // overflow the stack here, so what lies below this depth is not shown.
  if (depth >= MAX_SHOWN_DEPTH) return '(nested too deeply to show)';
  const out = Array.isArray(record) ? [] : {};
  for (const [k, v] of Object.entries(record)) {
    if (SECRET.has(k) && v !== undefined && v !== null) {
      // (String of a deep array recurses too; an object is shown as *** whatever it holds.)
      out[k] = typeof v === 'object' ? '***' : maskSecret(k, String(v)) || '***';
    } else if (typeof v === 'string') {
      // A card number in free text (`returnContext: 'card 4111…'`), as stderr masks it.
      out[k] = maskDigits(v);
    } else out[k] = v !== null && typeof v === 'object' ? maskRecord(v, depth + 1) : v;
  }
  return out;
}

const MAX_SHOWN_DEPTH = 16;

/**
 * The report, built record by record (memory: the per-method and per-code counters, the rejected
 * records and the set of recordSequences seen): `add(record, text?)` for each parsed response
 * record (`text`: its line, kept to compare with a request file's line), `request(recordSequence,
 * line, record?, text?)` for each request record (after every response record; `text`: the line of
 * a CSV request file, which names no field), then `finish(header, { file, request })`.
 * `columns(keyword)`: the field of each column of a request line of that method (`CARDORDER` →
 * [method, recordSequence, merchantId, …]), or null when it is not known; gives the report the name
 * of a CSV request file's columns, so that card data there is masked by field as in records.
 */
export function createSummary(money, columns = () => null, { join = true } = {}) {
  const currencyName = new Map();
  const currency = (numeric) => {
    if (numeric === undefined || numeric === null || numeric === '') return null;
    const key = String(numeric);
    if (!currencyName.has(key)) {
      let c = null;
      try {
        // The Sogenactif table: it takes HRK (191) and BGN (975) beside ISO's list.
        c = money.currency(key, 'sogenactif');
      } catch {
        c = null;
      }
      currencyName.set(key, c);
    }
    return currencyName.get(key);
  };
  const methods = new Map();
  const codes = new Map();
  const rejections = [];
  const rejectedBySeq = new Map();
  const seen = new Set();
  const repeats = new Map(); // recordSequence → count, for those seen more than once
  const identity = new Map(); // recordSequence → the fields a request record must match
  const echo = new Map(); // recordSequence → the response line, for a CSV request file's line
  const requested = new Set();
  const mismatched = [];
  let mismatchedCount = 0;
  let records = 0;
  let accepted = 0;
  let unknown = 0;
  // Code rows whose `message` is a refund's, reworded by the reader (`sogenactif.batch.parseResponse`).
  const refundWorded = new WeakSet();
  // Records with an amount and no currency code: left out of the amounts, said (a report of 2.50 EUR
  // accepted and 0.00 rejected hid a line of 400 answered 99: a helper's walk, twenty-ninth pass).
  const unsummed = [];
  let unsummedCount = 0;
  const unknownLines = []; // the first 10 lines of a type remise does not read (--unknown-lines report)
  let unknownLineCount = 0;
  return {
    add(r, text) {
      records += 1;
      if (typeof text === 'string') echo.set(r.recordSequence, text);
      if (seen.has(r.recordSequence)) repeats.set(r.recordSequence, (repeats.get(r.recordSequence) ?? 1) + 1);
      seen.add(r.recordSequence);
      // Kept for the join with a request file only: without one, memory holds no entry per record
      // but the set of recordSequences (a helper measured 1.2 GB for 2 M records).
      // Every identity field, given or not (a blank where the request has a value is another record),
      // the method and the s10 id too (a REFUND answering a CANCEL, s10 999999 answering 000101 passed
      // the join with NDJSON records: a helper's audit, eighteenth pass).
      // The s10 id with its date: ids are numbered per day, another date names another transaction.
      if (join) identity.set(r.recordSequence, IDENTITY.map((f) => [f, columnText(valueAt(r, f))]));
      let m = methods.get(r.method);
      if (!m) methods.set(r.method, (m = { method: r.method, records: 0, accepted: 0, rejected: 0, amounts: new Map() }));
      m.records += 1;
      if (r.accepted) {
        m.accepted += 1;
        accepted += 1;
      } else m.rejected += 1;
      const field = AMOUNT_FIELDS.find((f) => Number.isSafeInteger(r[f]));
      const cur = currency(r.currencyCode);
      // A code the ISO table does not know is shown as such, its amounts in minor units: '800 EUR '
      // (a trailing space) must not read as 800 euros.
      // (Masked as every text the report quotes from the file: a card number in the currency column of
      // a file whose columns are swapped was printed whole, the attack on the CLI, twenty-third pass.)
      const curKey = cur ? cur.code : r.currencyCode !== undefined ? `unknown currency ${JSON.stringify(maskDigits(String(r.currencyCode)))} (minor units)` : null;
      if (field !== undefined && curKey === null) {
        unsummedCount += 1;
        if (unsummed.length < 10) unsummed.push(r.recordSequence);
      }
      if (field !== undefined && curKey !== null) {
        let a = m.amounts.get(curKey);
        if (!a) m.amounts.set(curKey, (a = { currency: curKey, digits: cur ? cur.digits : null, records: 0, accepted: 0n, rejected: 0n, unknown: 0n }));
        a.records += 1;
        if (r.accepted) a.accepted += BigInt(r[field]);
        else {
          a.rejected += BigInt(r[field]);
          // The part that may have been done (60, 62, 99, a code remise does not know), apart: re-sending
          // "the amounts rejected" would pay it twice (a helper's audit, eighteenth pass).
          if (actionFor(r.responseCode).unknown) a.unknown += BigInt(r[field]);
        }
      }
      let c = codes.get(r.responseCode);
      if (!c) {
        const { retryable, action } = actionFor(r.responseCode);
        codes.set(r.responseCode, (c = { code: r.responseCode, message: rowMessage(r.responseMessage), count: 0, accepted: r.accepted, retryable, action, methods: {} }));
        if (isRefund(r.method)) refundWorded.add(c);
      } else if (refundWorded.has(c) && !isRefund(r.method)) {
        // The row's meaning from a record that is no refund, whose message the reader left as the core
        // wrote it (a refund's is reworded): one wording whatever the lines' order (the review of the round).
        c.message = rowMessage(r.responseMessage);
        refundWorded.delete(c);
      }
      c.count += 1;
      c.methods[r.method] = (c.methods[r.method] ?? 0) + 1;
      if (!r.accepted) {
        const { retryable, action, unknown: mayBeDone } = actionFor(r.responseCode, r.method);
        if (mayBeDone) unknown += 1;
        const x = { recordSequence: r.recordSequence, method: r.method };
        if (r.merchantId !== undefined) x.merchantId = String(r.merchantId);
        if (r.transactionReference !== undefined) x.transactionReference = maskCardLike(r.transactionReference);
        const s10 = r.s10TransactionReference;
        if (s10 && s10.s10TransactionId !== undefined) x.s10TransactionId = String(s10.s10TransactionId);
        if (field !== undefined) x.amount = formatAmount(money, BigInt(r[field]), cur);
        if (curKey !== null) x.currency = curKey;
        // (A refund's message too: the core's advice names getTransactionData, where a refund does not show.)
        const message = mayBeDone && isRefund(r.method) && typeof r.responseMessage === 'string' ? refundAdvice(r.responseMessage) : r.responseMessage;
        Object.assign(x, { responseCode: r.responseCode, responseMessage: message, retryable, action });
        // The operation may have been done (60 pending, 99 server problem): not to be read as refused.
        if (mayBeDone) x.outcome = 'unknown';
        rejections.push(x);
        rejectedBySeq.set(r.recordSequence, x);
      }
    },
    /** A line of a type remise does not read (`{ line, type }`), left out of the totals. */
    unknownLine(u) {
      unknownLineCount += 1;
      // (The type is the line's first column, whatever the file holds there: a card number is masked, in
      // groups too, as the error of the same line masks it.)
      if (unknownLines.length < 10) unknownLines.push({ line: u.line, type: maskDigits(u.type) });
    },
    request(seq, line, record, text) {
      requested.add(seq);
      const x = rejectedBySeq.get(seq);
      if (x && x.request === undefined) x.request = record === undefined ? { line } : { line, record: maskRecord(record) };
      // The join is by recordSequence: a response line for another record (a stale or replayed
      // file, the wrong request) must not pass for this one's answer.
      const id = record && typeof record === 'object' ? identity.get(seq) : undefined;
      // Counted by response line, each differing field listed (two fields of one line were "2 response
      // lines": a new user's walk, twenty-second pass).
      let differs = false;
      for (const [field, response] of id ?? []) {
        const asked = valueAt(record, field);
        // A value where the record has none is another record's too (an order the request never named).
        if (asked === undefined || asked === null ? response === undefined : typeof asked === 'object' || sameColumn(String(asked), response)) continue;
        // A record may name its currency by code ('EUR') where the file carries the number (978).
        if (field === 'currencyCode' && currency(asked) !== null && currency(asked)?.code === currency(response)?.code) continue;
        if (!differs) mismatchedCount += 1;
        differs = true;
        if (mismatched.length < MAX_LISTED) mismatched.push({ recordSequence: seq, field, response: maskCardLike(response ?? '(none)'), request: maskCardLike(columnText(asked) ?? '(none)') });
      }
      // A CSV request file's line has no field names: the response line echoes it column by column
      // before its result columns (the layout parseResponse reads), so its first columns must be
      // the request line's; numbers by value (a bank may pad `13` as `0013`, as the parser reads
      // it). One mismatch per record, at the first column that differs.
      const answered = typeof text === 'string' ? echo.get(seq) : undefined;
      if (answered !== undefined) {
        const asked = text.split(';');
        const got = answered.split(';');
        const at = asked.findIndex((v, i) => !sameColumn(v, got[i]));
        if (at >= 0) {
          mismatchedCount += 1;
          if (mismatched.length < MAX_LISTED) {
            // Card data by the column's field (a CVV the bank blanked or changed, a card number it
            // masked, are still card data); where the fields are not known, card numbers as in texts.
            const field = columns(asked[0])?.[at];
            const response = got[at] ?? '(none)';
            const shown = field === undefined
              ? { response: maskDigits(response), request: maskDigits(asked[at]) }
              : SECRET.has(field)
                ? { response: maskSecret(field, response), request: maskSecret(field, asked[at]) }
                : { response: maskCardLike(response), request: maskCardLike(asked[at]) };
            mismatched.push({ recordSequence: seq, field: `column ${at + 1}`, ...shown });
          }
        }
      }
    },
    finish(h, { file, request, requestHeader } = {}) {
      // A code that may have been done, given to refunds: its row's advice names where a refund shows (the
      // rows said getTransactionData, where the per-record list said the back office, and that list is cut
      // at --max-rejections: a helper's walk through a week of batch files, twenty-ninth pass).
      // (A row of refunds alone takes a refund's own advice, as each record does: code 24's.)
      for (const c of codes.values()) {
        if (!c.methods.refund) continue;
        const refunds = Object.keys(c.methods).every(isRefund);
        const mayBeDone = actionFor(c.code).unknown;
        if (refunds) c.action = actionFor(c.code, 'refund').action;
        else if (mayBeDone) c.action = maybeRefundAdvice(c.action);
        if (mayBeDone && typeof c.message === 'string') c.message = (refunds ? refundAdvice : maybeRefundAdvice)(c.message);
      }
      // A record answered more than once (a line 90 beside one 00): none of its lines is a result to act on,
      // and "send it again" would do it twice (the same walk).
      for (const x of rejections) {
        if (!repeats.has(x.recordSequence)) continue;
        x.retryable = false;
        x.outcome = 'unknown';
        x.action = `recordSequence ${x.recordSequence} is answered by more than one line of this file (see the warning): check the ${whereToCheck(x.method)} before sending anything again`;
        // Its code's row is no advice to send again either (the review of the round: with the list cut at
        // --max-rejections, the row said "send the record again" for it).
        const c = codes.get(x.responseCode);
        if (c && c.retryable) {
          c.retryable = false;
          c.action = `${c.action}, except for a recordSequence the file answers more than once (see the warning): check those first`;
        }
      }
      const report = {
        schema: SCHEMA,
        response: { file: file ?? null, version: h.version, remitterId: h.remitterId, date: h.date, time: h.time, sequence: h.sequence },
        totals: { records, accepted, rejected: records - accepted, unknown },
        methods: [...methods.values()].map((m) => ({
          method: m.method,
          records: m.records,
          accepted: m.accepted,
          rejected: m.rejected,
          amounts: [...m.amounts.values()].map((a) => {
            const cur = a.digits === null ? null : { code: a.currency, digits: a.digits };
            return { currency: a.currency, records: a.records, accepted: formatAmount(money, a.accepted, cur), rejected: formatAmount(money, a.rejected, cur), unknown: formatAmount(money, a.unknown, cur) };
          }),
        })),
        responseCodes: [...codes.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
        rejections,
        repeated: [...repeats].sort((a, b) => a[0] - b[0]).map(([recordSequence, count]) => ({ recordSequence, count })),
      };
      if (unsummedCount > 0) report.unsummed = { records: unsummedCount, recordSequences: unsummed };
      if (unknownLineCount > 0) report.unknownLines = { count: unknownLineCount, lines: unknownLines };
      if (request !== undefined) {
        const notInResponse = [...requested].filter((seq) => !seen.has(seq));
        const notInRequest = [...seen].filter((seq) => !requested.has(seq));
        report.join = { request, records: requested.size, matched: seen.size - notInRequest.length, notInResponse, notInRequest, mismatched, mismatchedCount };
        // A request file's HEADER names the remitter and the file sequence its response echoes.
        if (requestHeader && (String(requestHeader.remitterId) !== String(h.remitterId) || String(requestHeader.sequence) !== String(h.sequence))) {
          report.join.header = { remitterId: String(requestHeader.remitterId), sequence: String(requestHeader.sequence) };
        }
      }
      return report;
    },
  };
}

/**
 * The report as `JSON.stringify(report, null, 2)` writes it, in pieces: one per rejection, so that a
 * file of a million rejections is not one string (V8's longest is about 512 MB: `--json` ended in
 * "Invalid string length", exit 70).
 */
export function* jsonPieces(report) {
  const mark = JSON.stringify('\u0000rejections\u0000');
  const [before, after] = JSON.stringify({ ...report, rejections: ['\u0000rejections\u0000'] }, null, 2).split(mark);
  const list = report.rejections;
  if (list.length === 0) {
    yield JSON.stringify(report, null, 2);
    return;
  }
  yield before;
  for (let i = 0; i < list.length; i++) {
    yield JSON.stringify(list[i], null, 2).replace(/\n/g, '\n    ') + (i + 1 < list.length ? ',\n    ' : '');
  }
  yield after;
}

/**
 * A record's message as its code's row says it: without what the reader adds for a record answered twice
 * (sogenactif_batch.js), which is that record's (the row read as the first line's: the review of the round).
 */
function rowMessage(message) {
  return typeof message === 'string' ? message.replace(/; but recordSequence \d+ is answered by more than one line of this file: .*$/s, '') : message;
}

/**
 * What makes the response file untrustworthy as the answer to one request file (each a sentence;
 * empty when nothing does): repeated recordSequences, joined records that are not the same record,
 * a request file of another remitter or sequence.
 */
export function problems(report) {
  const out = [];
  const k = report.unknownLines;
  if (k) {
    const shown = k.lines.map((x) => `line ${x.line} '${x.type}'`).join(', ');
    out.push(`${k.count} line${k.count === 1 ? ' is' : 's are'} of a type remise does not read, left out of the totals below (${shown}${k.count > k.lines.length ? ', …' : ''}): ask your bank what ${k.count === 1 ? 'it is' : 'they are'} before taking the totals as its whole answer`);
  }
  const u = report.unsummed;
  if (u) {
    out.push(`${u.records} line${u.records === 1 ? ' holds' : 's hold'} an amount without a currency code, left out of the amounts below (recordSequence ${u.recordSequences.join(', ')}${u.records > u.recordSequences.length ? ', …' : ''}): check ${u.records === 1 ? 'it' : 'them'} in the file`);
  }
  if (report.repeated.length) {
    const shown = report.repeated.slice(0, 10).map((x) => `${x.recordSequence} (${x.count} times)`).join(', ');
    out.push(`the response repeats recordSequence ${shown}${report.repeated.length > 10 ? ` … (${report.repeated.length})` : ''}: the bank answers each request line once, so this is not the file it sent for one request (duplicated or replayed lines); the totals count every line`);
  }
  const j = report.join;
  if (j?.header) {
    out.push(`the request file is remitter ${j.header.remitterId}, sequence ${j.header.sequence}; the response is remitter ${report.response.remitterId}, sequence ${report.response.sequence}: is this the right request file?`);
  }
  // A request record without its answer, or an answer without its request: not the whole answer to this
  // request file (they were listed and the command exited 0: a helper's audit, eighteenth pass; an
  // unrequested line's amount was added to the accepted totals without a word).
  if (j?.notInResponse.length) {
    // (A line of unknown type may be one's answer: said, beside the WARNING that lists those lines.)
    const maybe = report.unknownLines ? ', or answered them on the lines of unknown type above' : '';
    out.push(`no response line for recordSequence ${list(j.notInResponse)}: the bank did not process them (or this is not its whole answer${maybe}); check with your bank before sending them again`);
  }
  if (j?.notInRequest.length) {
    out.push(`response lines for recordSequence ${list(j.notInRequest)} answer no record of the request (counted in the totals): is this the right request file?`);
  }
  if (j?.mismatchedCount) {
    // Card data masked alike on both sides read as two equal values listed as a difference (a helper's
    // attack on the CLI, twenty-ninth pass): said in words.
    const shown = j.mismatched
      .slice(0, 5)
      .map((m) => (m.response === m.request ? `#${m.recordSequence} ${m.field} differs (card data, masked on both sides)` : `#${m.recordSequence} ${m.field} '${m.response}' (request '${m.request}')`))
      .join(', ');
    out.push(`${j.mismatchedCount} response line${j.mismatchedCount === 1 ? ' answers' : 's answer'} another record than the request line of the same recordSequence: ${shown}${j.mismatchedCount > 5 ? ', …' : ''}: is this the right request file?`);
  }
  return out;
}

/** The part of the rejected records that may have been done, said after the totals ('' when none). */
function unknownNote(t) {
  if (!t.unknown) return '';
  return ` (${t.unknown} of them may have been done: pending, a partial success, a reference used already, a server problem or a code remise does not know; check each transaction before sending it again)`;
}

/** Minor units → exact decimal string in the currency's unit (BigInt: sums may pass 2^53). */
function formatAmount(money, minor, cur) {
  if (!cur) return minor.toString();
  if (minor <= BigInt(Number.MAX_SAFE_INTEGER)) return money.fromMinor(Number(minor), cur.code, 'sogenactif');
  const s = minor.toString().padStart(cur.digits + 1, '0');
  return cur.digits === 0 ? s : `${s.slice(0, -cur.digits)}.${s.slice(-cur.digits)}`;
}

// ---- text

function table(rows, align) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) => r.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd())
    .join('\n');
}

/** The text summary printed by `remise batch report`. */
export function renderText(report, { maxRejections = 20 } = {}) {
  const out = [];
  const r = report.response;
  out.push(`response file ${r.file ?? ''} (remitter ${r.remitterId}, sequence ${r.sequence}, ${r.date} ${r.time})`.replace('  ', ' '));
  out.push(`${report.totals.records} record${report.totals.records === 1 ? '' : 's'}: ${report.totals.accepted} accepted, ${report.totals.rejected} rejected${unknownNote(report.totals)}`, '');
  for (const p of problems(report)) out.push(`WARNING: ${p}`, '');
  const rows = [['method', 'records', 'accepted', 'rejected', 'amounts accepted', 'amounts rejected']];
  for (const m of report.methods) {
    const acc = m.amounts.map((a) => `${a.accepted} ${a.currency}`).join(', ') || '-';
    const rej = m.amounts.map(rejectedText).join(', ') || '-';
    rows.push([m.method, m.records, m.accepted, m.rejected, acc, rej]);
  }
  out.push(table(rows, ['l', 'r', 'r', 'r', 'l', 'l']), '');
  const codeRows = [['code', 'count', 'meaning']];
  for (const c of report.responseCodes.slice(0, 10)) codeRows.push([c.code, c.count, c.message]);
  out.push('top response codes:', table(codeRows, ['l', 'r', 'l']));
  if (report.responseCodes.length > 10) out.push(`(${report.responseCodes.length - 10} more codes: see --json)`);
  if (report.join) {
    const j = report.join;
    out.push('', `request ${j.request}: ${j.records} records, ${j.matched} matched by recordSequence`);
    // (Records without their answer, or answers without their record: a WARNING above, `problems`.)
  }
  if (report.rejections.length) {
    out.push('', `rejected records (${report.rejections.length}${report.rejections.length > maxRejections ? `, first ${maxRejections}` : ''}):`);
    for (const x of report.rejections.slice(0, maxRejections)) {
      const ref = x.transactionReference ?? (x.s10TransactionId !== undefined ? `s10 ${x.s10TransactionId}` : '');
      const amount = x.amount !== undefined ? ` ${x.amount}${x.currency ? ' ' + x.currency : ''}` : '';
      const where = x.request ? ` (request line ${x.request.line})` : '';
      out.push(`  #${x.recordSequence} ${x.method} ${ref}${amount}${where}: ${x.responseCode} ${x.responseMessage}`);
      out.push(`      what to do: ${x.action}`);
    }
  }
  // Text from the response file reaches a terminal.
  return terminalSafe(out.join('\n')) + '\n';
}

/** A currency's rejected amount, with the part that may have been done. */
function rejectedText(a) {
  return `${a.rejected} ${a.currency}${a.unknown !== undefined && !/^0(\.0*)?$/.test(a.unknown) ? ` (${a.unknown} may have been done)` : ''}`;
}

function list(seqs) {
  return seqs.length > 10 ? `${seqs.slice(0, 10).join(', ')} … (${seqs.length})` : seqs.join(', ');
}

// ---- HTML: one self-contained page (inline CSS and SVG, no script, no network)

// Control and direction characters as '?', as in the terminal (a U+202E in a reference drew it
// reversed: an attack), then the five characters HTML gives a meaning.
const esc = (s) => terminalSafe(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// Refusals in reds, oranges, blues and purples; green is kept for 00 (accepted).
const PALETTE = ['#e15759', '#f28e2b', '#4e79a7', '#b07aa1', '#edc948', '#76b7b2', '#9c755f', '#ff9da7', '#bab0ac', '#8cd17d'];

/** Colour of each code: 00 green, then the palette in order of frequency. */
function colours(report) {
  const map = new Map();
  let i = 0;
  for (const c of report.responseCodes) {
    if (c.accepted) map.set(c.code, '#2e7d32');
    else map.set(c.code, PALETTE[i++ % PALETTE.length]);
  }
  return map;
}

/** Stacked horizontal bars: one per method, one segment per response code. */
export function chart(report) {
  const colour = colours(report);
  const labelWidth = 150;
  const barWidth = 520;
  const rowHeight = 28;
  const legendRows = Math.ceil(report.responseCodes.length / 6);
  const height = report.methods.length * rowHeight + 20 + legendRows * 22 + 10;
  const width = labelWidth + barWidth + 80;
  const max = Math.max(1, ...report.methods.map((m) => m.records));
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" id="codes-chart" role="img" aria-labelledby="chart-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  parts.push('<title id="chart-title">Response codes per method</title>');
  report.methods.forEach((m, row) => {
    const y = 10 + row * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" class="label">${esc(m.method)}</text>`);
    let x = labelWidth;
    for (const c of report.responseCodes) {
      const n = c.methods[m.method] ?? 0;
      if (n === 0) continue;
      const w = (n / max) * barWidth;
      parts.push(
        `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="20" fill="${colour.get(c.code)}" data-method="${esc(m.method)}" data-code="${esc(c.code)}" data-count="${n}"><title>${esc(m.method)}: ${n} × ${esc(c.code)} ${esc(c.message)}</title></rect>`,
      );
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(2)}" y="${y + 15}" class="total">${m.records}</text>`);
  });
  const ly = 10 + report.methods.length * rowHeight + 10;
  report.responseCodes.forEach((c, i) => {
    const x = labelWidth + (i % 6) * 90;
    const y = ly + Math.floor(i / 6) * 22;
    parts.push(`<rect x="${x}" y="${y}" width="14" height="14" fill="${colour.get(c.code)}"/><text x="${x + 20}" y="${y + 12}" class="legend">${esc(c.code)} (${c.count})</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * The whole HTML page, in pieces: the rejected records' rows a thousand at a time, so that a page of
 * millions of them is never one string (V8's longest is about 512 MB, passed near a million rows).
 */
export function* htmlPieces(report) {
  const r = report.response;
  const t = report.totals;
  const rows = (items, cells) => items.map((x) => `<tr>${cells(x).map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  const methodRows = rows(report.methods, (m) => [
    esc(m.method),
    m.records,
    m.accepted,
    m.rejected,
    esc(m.amounts.map((a) => `${a.accepted} ${a.currency}`).join(', ') || '—'),
    esc(m.amounts.map(rejectedText).join(', ') || '—'),
  ]);
  const codeRows = rows(report.responseCodes, (c) => [`<code>${esc(c.code)}</code>`, c.count, esc(c.message), esc(c.action)]);
  const rejectionRows = (items) => rows(items, (x) => [
    x.recordSequence,
    esc(x.method),
    esc(x.transactionReference ?? (x.s10TransactionId !== undefined ? `s10 ${x.s10TransactionId}` : '')),
    esc(x.amount !== undefined ? `${x.amount} ${x.currency ?? ''}` : ''),
    `<code>${esc(x.responseCode)}</code> ${esc(x.responseMessage)}`,
    esc(x.action),
    x.request ? x.request.line : '',
  ]);
  let join = '';
  if (report.join) {
    const j = report.join;
    join = `<section id="join"><h2>Request ${esc(j.request)}</h2><p><span id="join-records">${j.records}</span> request records, <span id="join-matched">${j.matched}</span> matched by recordSequence.</p>`;
    join += '</section>';
  }
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Office Batch response ${esc(r.remitterId)} #${esc(r.sequence)}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 980px; padding: 0 16px; color: #1d1d1f; }
h1 { font-size: 20px; margin-bottom: 4px; } h2 { font-size: 16px; margin-top: 28px; }
.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f4f4f6; } td:nth-child(n+2):nth-child(-n+4) { font-variant-numeric: tabular-nums; }
#methods td:nth-child(n+5), #rejections td:nth-child(4) { white-space: nowrap; }
.totals span { font-weight: 600; } .warn { color: #b3261e; }
svg text { font: 12px system-ui, sans-serif; fill: #1d1d1f; } svg .total { fill: #555; }
</style>
</head>
<body>
<h1>Office Batch response: ${t.records} records</h1>
<p class="meta">remitter ${esc(r.remitterId)}, file sequence ${esc(r.sequence)}, ${esc(r.date)} ${esc(r.time)}, version ${esc(r.version)}${r.file ? `, ${esc(r.file)}` : ''}</p>
<p class="totals"><span id="total-records">${t.records}</span> records: <span id="total-accepted">${t.accepted}</span> accepted, <span id="total-rejected">${t.rejected}</span> rejected${esc(unknownNote(t))}.</p>
${problems(report).map((p) => `<p class="warn problem">Warning: ${esc(p)}.</p>`).join('\n')}
<h2>Response codes per method</h2>
${chart(report)}
<h2>Per method</h2>
<table id="methods"><thead><tr><th>method</th><th>records</th><th>accepted</th><th>rejected</th><th>amounts accepted</th><th>amounts rejected</th></tr></thead>
<tbody>
${methodRows}
</tbody></table>
<h2>Response codes</h2>
<table id="codes"><thead><tr><th>code</th><th>count</th><th>meaning</th><th>what to do</th></tr></thead>
<tbody>
${codeRows}
</tbody></table>
${join}
<h2>Rejected records (${report.rejections.length})</h2>
<table id="rejections"><thead><tr><th>recordSequence</th><th>method</th><th>reference</th><th>amount</th><th>response</th><th>what to do</th><th>request line</th></tr></thead>
<tbody>
`;
  const list = report.rejections;
  for (let i = 0; i < list.length; i += 1000) yield `${rejectionRows(list.slice(i, i + 1000))}\n`;
  yield `</tbody></table>
<p class="meta">Written by remise batch report (schema ${SCHEMA}).</p>
</body>
</html>
`;
}
