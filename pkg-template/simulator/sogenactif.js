// Sogenactif (Worldline Sips 2.0) simulator: the Sips Office JSON services and Office Batch files.
// Written from the project's reference notes (Sogenactif data-dictionary and Office pages, the
// official Sips SDKs' seal algorithm, the Office Batch seed document), independently of remise's own
// validators and seal code.
import { hmacSha256Hex, isObject, isoNumeric, isoUtc, luhn, maskRecorded, paris, parisTimeOn, parseJson, refuseUnknown, sameText } from './util.js';

// The generic Sips simulation merchant, public and widely used (reference sogenactif.md §5).
export const SOGENACTIF_DEFAULTS = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };

// Hosts of the Sips test platforms (reference §5: `office-server-<brand>.test.sips-services.com`, Worldline's
// `office-server.test.sips-services.com`, the older `office-server.test.sips-atos.com`). The test platform
// does not seal its answers (reference §4.2, from eopayment's client: "test environment doesn't set seal");
// every other host (production, 127.0.0.1 for `remise sim`) gets sealed answers. Option `sealTestAnswers`
// seals the test hosts' answers too.
const TEST_HOST = /\.test\.sips-(?:services|atos)\.com$/i;

const FAMILIES = {
  cashManagement: { prefix: 'CR_WS_', services: ['cancel', 'refund', 'validate', 'duplicate', 'acceptChallenge', 'refuseChallenge', 'walletCreditHolder'] },
  checkout: { prefix: 'IR_WS_', services: ['cardOrder', 'walletOrder'] },
  diagnostic: { prefix: 'DR_WS_', services: ['getTransactionData'] },
};

// responseCode meanings (data dictionary, responseCode page; reference §2.1) and the codes used here.
const CODES = {
  ok: '00',
  invalidMerchant: '03',
  invalidRequest: '12', // missing field, wrong interfaceVersion
  impossible: '24', // status does not allow the operation
  unknown: '25', // transaction unknown
  format: '30',
  seal: '34', // "fraud suspicion (includes wrong seal)"
  duplicated: '94', // transactionReference already used
};
// Rule with no code in the reference: cancelling or refunding more than what is left. UNCERTAIN:
// taken as 24 (operation impossible) rather than 51 (amount too high, an authorisation code).
const AMOUNT_ABOVE_REMAINING = CODES.impossible;

// Statuses allowing each operation (reference §3, expected mapping; Sips transactionStatus names).
const CANCELLABLE = new Set(['TO_VALIDATE', 'TO_CAPTURE', 'TO_CHALLENGE', 'TO_CREDIT']);
/** The statuses `createTransaction` seeds: those the rules below read or reach. */
const SEED_STATUSES = ['TO_CAPTURE', 'TO_VALIDATE', 'TO_CHALLENGE', 'TO_CREDIT', 'CAPTURED', 'CREDITED', 'CANCELLED', 'REFUSED', 'EXPIRED'];
// Capture happens on the night after the capture day (captureDay days after the transaction's day);
// taken as midnight in Paris (UNCERTAIN: the remittance time is the bank's; midnight UTC until the
// twenty-fourth pass).
const captureAt = (created, captureDay) => parisTimeOn(created, captureDay + 1, 0, 0);
// Formats of the fields a new transaction keeps (reference sogenactif.md §1.6, "Useful field formats" and
// "Identification modes"): transactionReference AN35 (letters and digits, at most 35), captureDay N 0–99,
// captureMode one of AUTHOR_CAPTURE, IMMEDIATE, VALIDATION. Anything else is refused with 30 "format
// error" (§2.1), before the transaction exists.
const TRANSACTION_REFERENCE = /^[A-Za-z0-9]{1,35}$/;
const CAPTURE_MODES = new Set(['AUTHOR_CAPTURE', 'IMMEDIATE', 'VALIDATION']);
const MAX_CAPTURE_DAY = 99;
const MAX_AMOUNT = 999_999_999_999; // N12
const SIPS_WITHDRAWN = { HRK: '191', BGN: '975' };

class SipsRefusal extends Error {
  constructor(code, why) {
    super(why);
    this.responseCode = code;
  }
}
const refuse = (code, why) => {
  throw new SipsRefusal(code, why);
};

/**
 * The seal input (reference §4.2): the values of all fields sorted by name, nested objects expanded
 * in place with their own fields sorted, lists in the order given, nulls skipped; keyVersion,
 * sealAlgorithm and seal left out at the top level.
 */
const byCodePoint = (a, b) => {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

export function sealInput(fields, top = true) {
  let out = '';
  // By code point, as PHP's ksort and remise sort (`sort()` alone orders UTF-16 units, which puts a
  // key above U+FFFF before one in U+E000–U+FFFF).
  for (const key of Object.keys(fields).sort(byCodePoint)) {
    if (top && (key === 'keyVersion' || key === 'sealAlgorithm' || key === 'seal')) continue;
    out += valueText(fields[key]);
  }
  return out;
}
/** `String(v)`, or '' for an object whose conversion throws (a `toString` that is no function). */
function text(v) {
  try {
    return String(v);
  } catch {
    return '';
  }
}
function valueText(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(valueText).join('');
  if (typeof v === 'object') return sealInput(v, false);
  return text(v);
}

/** The s10 pair of a batch line: s10TransactionId at column `col`, s10TransactionIdDate at the next. */
const s10At = (col) => ({ s10TransactionId: col, s10TransactionIdDate: col + 1 });

// Office Batch column table of the assumed layout (README "Office Batch files": column 0 method,
// 1 recordSequence, 2 merchantId, 3 transactionReference, then each field at its data-dictionary
// Order). Only the columns the simulator's rules read are listed. Positions: walletCredit from its
// published sample (reference §1.2/§1.4, s10 pair at 15–16); cardOrder's amount, cardNumber and
// currencyCode from the Worldline page (§1.5); the rest as remise's batch dictionary places them (it
// names its source per column; most are inferred or guessed there, so if the real layout differs both
// tables change): panType 18 (credit) and 34 (cardOrder); s10TransactionId/s10TransactionIdDate 19–20
// (credit), 40–41 (cardOrder), 32–33 (walletOrder), 18–19 (directDebitOrder, duplicate), 7–8 (cash
// management), 7–8 (acceptChallenge) and 6–7 (refuseChallenge) from their pages' Orders and samples;
// duplicate's s10FromTransactionId/s10FromTransactionIdDate 20–21.
const BATCH = {
  CANCEL: { op: 'cancel', amount: 4, currencyCode: 5, ...s10At(7) },
  VALIDATE: { op: 'validate', amount: 4, currencyCode: 5, ...s10At(7) },
  REFUND: { op: 'refund', amount: 4, currencyCode: 5, ...s10At(7) },
  DUPLICATE: { op: 'duplicate', amount: 4, currencyCode: 5, fromTransactionReference: 7, captureDay: 8, captureMode: 9, ...s10At(18), s10FromTransactionId: 20, s10FromTransactionIdDate: 21 },
  ACCEPTCHALLENGE: { op: 'acceptChallenge', ...s10At(7) },
  REFUSECHALLENGE: { op: 'refuseChallenge', ...s10At(6) },
  CREDIT: { op: 'credit', amount: 4, cardNumber: 7, currencyCode: 9, panType: 18, ...s10At(19) },
  DIRECTDEBITORDER: { op: 'directDebitOrder', amount: 4, captureDay: 5, captureMode: 6, currencyCode: 7, mandateId: 11, ...s10At(18) },
  CARDORDER: { op: 'cardOrder', amount: 4, captureDay: 5, captureMode: 6, cardNumber: 10, currencyCode: 12, panType: 34, ...s10At(40) },
  WALLETORDER: { op: 'walletOrder', amount: 4, captureDay: 5, captureMode: 6, currencyCode: 7, paymentMeanId: 14, merchantWalletId: 17, ...s10At(32) },
  WALLETCREDIT: { op: 'walletCredit', amount: 4, merchantWalletId: 5, paymentMeanId: 6, currencyCode: 7, ...s10At(15) },
};

export function createSogenactif(ctx, config = {}) {
  const { sealTestAnswers = false, ...credentials } = config ?? {};
  if (typeof sealTestAnswers !== 'boolean') throw new TypeError('createSimulator: options.sogenactif.sealTestAnswers must be true or false');
  const merchant = { ...SOGENACTIF_DEFAULTS, ...credentials };
  let txs = new Map(); // key (transactionReference, or s10:<id>:<date>) → transaction

  // ---- state ------------------------------------------------------------------------------------
  /** The platform's date (YYYYMMDD, Paris: UNCERTAIN which zone the server uses). */
  const serverDate = () => {
    const p = paris(ctx.now());
    return `${p.year}${p.month}${p.day}`;
  };
  // Merchants that kept the Sips 1.0 identification name a transaction by the pair s10TransactionId
  // (N6) + s10TransactionIdDate (YYYYMMDD); "the date is not needed in requests (the server applies its
  // own date)" (reference §1.6): without it, the pair is the id and today's date, so an id of another
  // day is another transaction (25 when it is not there).
  const s10Key = (id, date) => `s10:${String(id).padStart(6, '0')}:${date}`;
  const keyOf = (f) => {
    // Checked wherever a reference is read, not only when a transaction is made: a malformed one
    // in a cancel was 25 (unknown) instead of 30 (the fifteenth pass, an attack).
    // (A number or any other non-string too: it was 12, "required", the review of the pass.)
    if (!absent(f.transactionReference)) {
      if (typeof f.transactionReference !== 'string' || !TRANSACTION_REFERENCE.test(f.transactionReference)) refuse(CODES.format, 'transactionReference must be at most 35 letters and digits (AN35)');
      return f.transactionReference;
    }
    const s10 = f.s10TransactionReference;
    if (!isObject(s10) || !s10.s10TransactionId) return null;
    // N6 (sogenactif.md §1.6), as createTransaction checks it: 'abc' or 40 characters were taken
    // (an attack, nineteenth pass), where a malformed transactionReference is a 30.
    if (!/^\d{1,6}$/.test(text(s10.s10TransactionId))) refuse(CODES.format, 's10TransactionId must be at most 6 digits (N6)');
    const date = s10.s10TransactionIdDate ?? '';
    if (date === '') return s10Key(s10.s10TransactionId, serverDate());
    if (!/^\d{8}$/.test(String(date))) refuse(CODES.format, 's10TransactionIdDate must be a date YYYYMMDD');
    return s10Key(s10.s10TransactionId, date);
  };
  const s10Of = (tx) => (tx.key.startsWith('s10:') ? tx.key.slice(4).split(':') : null);
  function find(f) {
    const key = keyOf(f);
    if (key === null) refuse(CODES.invalidRequest, 'transactionReference or s10TransactionReference.s10TransactionId is required');
    return txs.get(key) ?? refuse(CODES.unknown, `transaction ${key} unknown`);
  }
  const absent = (v) => v === undefined || v === null || v === '';
  /** captureDay (N, 0–99) and captureMode (enumerated) of a new transaction, defaults filled in; else 30. */
  function captureOf(f) {
    const day = f.captureDay;
    // A number in Office JSON, text in an Office Batch column.
    const dayOk = absent(day) || (Number.isInteger(day) && day >= 0 && day <= MAX_CAPTURE_DAY) || (typeof day === 'string' && /^\d{1,2}$/.test(day));
    if (!dayOk) refuse(CODES.format, `captureDay must be a number of days from 0 to ${MAX_CAPTURE_DAY}`);
    if (!absent(f.captureMode) && !CAPTURE_MODES.has(f.captureMode)) refuse(CODES.format, `captureMode must be one of ${[...CAPTURE_MODES].join(', ')}`);
    return { captureDay: absent(day) ? 0 : Number(day), captureMode: absent(f.captureMode) ? 'AUTHOR_CAPTURE' : f.captureMode };
  }
  function create(f, { kind = 'DEBIT', status } = {}) {
    const key = keyOf(f);
    const { captureDay, captureMode } = captureOf(f);
    if (key === null) refuse(CODES.invalidRequest, 'transactionReference is required');
    // (An s10 key named as the fields it is made of, not as the simulator's own `s10:…` key.)
    if (txs.has(key)) refuse(CODES.duplicated, key.startsWith('s10:') ? `s10TransactionId ${Number(key.split(':')[1])} of ${key.split(':')[2]} already used` : `transactionReference ${key} already used`);
    const created = ctx.now();
    const tx = {
      key,
      kind,
      amount: f.amount,
      originalAmount: f.amount,
      // As text, as Sips answers it and as `currency` compares it (a number, 978, made a
      // transaction no cancel could match: the fifteenth pass, an attack).
      currencyCode: absent(f.currencyCode) ? f.currencyCode : String(f.currencyCode),
      captureMode,
      captureDay,
      created,
      captureAt: captureAt(created, captureDay),
      refunded: 0,
      authorisationId: String(ctx.seq() % 1_000_000).padStart(6, '0'),
      status: status ?? (kind === 'CREDIT' ? 'TO_CREDIT' : captureMode === 'VALIDATION' ? 'TO_VALIDATE' : 'TO_CAPTURE'),
    };
    txs.set(key, tx);
    return tx;
  }
  function tick(now) {
    for (const tx of txs.values()) {
      if (now < tx.captureAt) continue;
      if (tx.status === 'TO_CAPTURE') tx.status = 'CAPTURED';
      else if (tx.status === 'TO_CREDIT') tx.status = 'CREDITED';
      else if (tx.status === 'TO_VALIDATE') tx.status = 'EXPIRED'; // not validated within captureDay days
    }
  }

  // ---- field checks -----------------------------------------------------------------------------
  function need(f, names) {
    const missing = names.filter((n) => f[n] === undefined || f[n] === null || f[n] === '');
    if (missing.length) refuse(CODES.invalidRequest, `missing ${missing.join(', ')}`);
  }
  function amount(f, name) {
    const v = f[name];
    if (!Number.isSafeInteger(v) || v < 0 || v > MAX_AMOUNT) refuse(CODES.format, `${name} must be an integer of at most 12 digits`);
    return v;
  }
  function currency(f, tx) {
    if (!/^\d{3}$/.test(String(f.currencyCode))) refuse(CODES.format, 'currencyCode must be the ISO 4217 numeric code (N3)');
    if (tx && String(f.currencyCode) !== tx.currencyCode) refuse(CODES.invalidRequest, `currencyCode ${f.currencyCode} is not the transaction's (${tx.currencyCode})`);
    return String(f.currencyCode);
  }
  function card(f) {
    const n = String(f.cardNumber ?? '');
    if (f.panType === 'TOKEN_PAN') return;
    if (!/^\d{10,19}$/.test(n) || !luhn(n)) refuse('14', 'invalid card number');
  }

  // ---- the rules (one function per method, shared by Office JSON and Office Batch) -------------
  const now = () => isoUtc(ctx.now());
  const cashAnswer = (tx) => ({ newStatus: tx.status, newAmount: tx.amount - tx.refunded, operationDateTime: now() });
  // A transaction named as the answer names it: its transactionReference, or its s10TransactionReference
  // with the date the server applied (Worldline's response classes, CardOrderResponse, DuplicateResponse,
  // GetTransactionDataResponse): an s10 order's answer named none, so the date the server chose could not be
  // learnt (a helper's attack on the simulator, twenty-seventh pass).
  const named = (tx) => {
    const s10 = s10Of(tx);
    return s10 ? { s10TransactionReference: { s10TransactionId: s10[0], s10TransactionIdDate: s10[1] } } : { transactionReference: tx.key };
  };
  const orderAnswer = (tx) => ({ acquirerResponseCode: '00', authorisationId: tx.authorisationId, transactionDateTime: isoUtc(tx.created), ...named(tx) });

  const rules = {
    cancel(f, amountName = 'operationAmount') {
      need(f, [amountName, 'currencyCode']);
      const value = amount(f, amountName);
      const tx = find(f);
      currency(f, tx);
      // "You cannot cancel a cancelled operation and you cannot cancel an amount higher than the
      // original one" (Office Batch index, cancel pages).
      if (tx.status === 'CANCELLED') refuse(CODES.impossible, 'the transaction is already cancelled');
      if (!CANCELLABLE.has(tx.status)) refuse(CODES.impossible, `status ${tx.status} cannot be cancelled`);
      if (value > tx.amount) refuse(AMOUNT_ABOVE_REMAINING, `cancelling ${value} is more than the ${tx.amount} left`);
      tx.amount -= value;
      if (tx.amount === 0) tx.status = 'CANCELLED';
      return cashAnswer(tx);
    },
    validate(f) {
      need(f, ['operationAmount', 'currencyCode']);
      const value = amount(f, 'operationAmount');
      const tx = find(f);
      currency(f, tx);
      if (tx.status !== 'TO_VALIDATE') refuse(CODES.impossible, `status ${tx.status} cannot be validated`);
      if (value > tx.amount) refuse(AMOUNT_ABOVE_REMAINING, `validating ${value} is more than the ${tx.amount} authorised`);
      tx.amount = value;
      tx.status = 'TO_CAPTURE';
      tx.captureAt = captureAt(ctx.now(), 0);
      return cashAnswer(tx);
    },
    refund(f) {
      need(f, ['operationAmount', 'currencyCode']);
      const value = amount(f, 'operationAmount');
      const tx = find(f);
      currency(f, tx);
      if (tx.status !== 'CAPTURED') refuse(CODES.impossible, `status ${tx.status}: only a captured transaction is refunded`);
      if (value > tx.amount - tx.refunded) refuse(AMOUNT_ABOVE_REMAINING, `refunding ${value} is more than the ${tx.amount - tx.refunded} left`);
      tx.refunded += value;
      return cashAnswer(tx);
    },
    duplicate(f) {
      need(f, ['amount', 'currencyCode']);
      amount(f, 'amount');
      currency(f);
      const from = f.s10FromTransactionReference;
      const fromRef = f.fromTransactionReference ?? (isObject(from) ? { s10TransactionReference: { s10TransactionId: from.s10FromTransactionId, s10TransactionIdDate: from.s10FromTransactionIdDate } } : undefined);
      if (!fromRef) refuse(CODES.invalidRequest, 'fromTransactionReference is required');
      find(typeof fromRef === 'string' ? { transactionReference: fromRef } : fromRef);
      return orderAnswer(create(f));
    },
    acceptChallenge(f) {
      const tx = find(f);
      if (tx.status !== 'TO_CHALLENGE') refuse(CODES.impossible, `status ${tx.status} is not TO_CHALLENGE`);
      // "Once the challenge is validated, the transaction retakes its normal course" (sogenactif.md §3): one
      // in captureMode VALIDATION waits for the merchant's validate (it went to TO_CAPTURE, and a validate
      // was refused: a helper's attack on the simulator, twenty-seventh pass).
      tx.status = tx.captureMode === 'VALIDATION' ? 'TO_VALIDATE' : 'TO_CAPTURE';
      // Accepted after its capture day, it is captured (or, not validated, expires) at the next midnight
      // run, as a validate sets it, not at the next move of the clock, a minute later (a helper's
      // model-based attack, twenty-eighth pass; UNCERTAIN: the reference does not say how long an accepted
      // challenge waits).
      if (tx.captureAt <= ctx.now()) tx.captureAt = captureAt(ctx.now(), 0);
      return cashAnswer(tx);
    },
    refuseChallenge(f) {
      const tx = find(f);
      if (tx.status !== 'TO_CHALLENGE') refuse(CODES.impossible, `status ${tx.status} is not TO_CHALLENGE`);
      tx.status = 'REFUSED';
      return cashAnswer(tx);
    },
    walletCreditHolder(f) {
      need(f, ['amount', 'currencyCode', 'merchantWalletId', 'paymentMeanId']);
      amount(f, 'amount');
      currency(f);
      return orderAnswer(create(f, { kind: 'CREDIT' }));
    },
    credit(f) {
      need(f, ['amount', 'currencyCode', 'cardNumber']);
      amount(f, 'amount');
      currency(f);
      card(f);
      return orderAnswer(create(f, { kind: 'CREDIT' }));
    },
    cardOrder(f) {
      need(f, ['amount', 'currencyCode', 'cardNumber']);
      amount(f, 'amount');
      currency(f);
      card(f);
      return orderAnswer(create(f));
    },
    walletOrder(f) {
      need(f, ['amount', 'currencyCode', 'merchantWalletId', 'paymentMeanId']);
      amount(f, 'amount');
      currency(f);
      return orderAnswer(create(f));
    },
    directDebitOrder(f) {
      need(f, ['amount', 'currencyCode', 'mandateId']);
      amount(f, 'amount');
      currency(f);
      return orderAnswer(create(f));
    },
    getTransactionData(f) {
      const tx = find(f);
      // The names of Worldline's Office PHP SDK (`GetTransactionDataResponse`): the lookup's own code is
      // `getTransDataResponseCode` (see `handle`), `responseCode` the payment's authorisation result (the
      // simulator keeps accepted payments only), `currentAmount` the amount now, `originAmount` the first.
      return {
        responseCode: CODES.ok,
        ...named(tx),
        transactionStatus: tx.status,
        currentAmount: tx.amount,
        originAmount: tx.originalAmount,
        currencyCode: tx.currencyCode,
        captureDay: tx.captureDay,
        captureMode: tx.captureMode,
        transactionDateTime: isoUtc(tx.created),
        authorisationId: tx.authorisationId,
      };
    },
  };
  rules.walletCredit = rules.walletCreditHolder;

  // ---- Office JSON over HTTP --------------------------------------------------------------------
  async function handle(req, url) {
    const m = /^\/rs-services\/v2\/([A-Za-z]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const family = m && Object.hasOwn(FAMILIES, m[1]) ? FAMILIES[m[1]] : null;
    const service = m?.[2];
    // The code that answers the call: getTransactionData's is `getTransDataResponseCode` (its
    // `responseCode` is the looked-up payment's), every other service's `responseCode`.
    const own = service === 'getTransactionData' ? 'getTransDataResponseCode' : 'responseCode';
    const sealed = sealTestAnswers || !TEST_HOST.test(url.hostname);
    // (`unsealed`: an answer to a merchant the platform does not know, whose key it has not: a sealed 03
    // read as a plain refusal in production, where remise reads the platform's as SIGNATURE_INVALID: a
    // helper's attack on the simulator, twenty-seventh pass.)
    const send = async (answer, rec, unsealed = false) => {
      // The seal is computed over the answer as JSON gives it to the client (a value JSON cannot hold,
      // NaN, would be sealed as "NaN" and sent as null: a seal that does not verify).
      const clean = JSON.parse(JSON.stringify(answer));
      // Sealed with the merchant's key, except on the test platform (TEST_HOST).
      const body = sealed && !unsealed ? { ...clean, seal: await hmacSha256Hex(merchant.secretKey, sealInput(clean)) } : clean;
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), record: { ...rec, result: answer[own] } };
    };
    if (!family || !family.services.includes(service)) {
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found', record: { service: url.pathname, result: 'HTTP 404' } };
    }
    if (req.method !== 'POST') return { status: 405, headers: { 'content-type': 'text/plain' }, body: 'POST only', record: { service, result: 'HTTP 405' } };
    const f = parseJson(req.body);
    const rec = { service: `${m[1]}/${service}`, body: maskRecorded(f ?? req.body) };
    if (!isObject(f)) return send({ [own]: CODES.format }, rec);
    if (f.merchantId !== merchant.merchantId) return send({ [own]: CODES.invalidMerchant }, rec, true);
    // (`text`, not `String`: `{ "keyVersion": { "toString": 1 } }` threw, a rejected fetch: an attack,
    // nineteenth pass.)
    let expected;
    try {
      expected = await hmacSha256Hex(merchant.secretKey, sealInput(f));
    } catch {
      return send({ [own]: CODES.format }, rec);
    }
    if (text(f.keyVersion) !== String(merchant.keyVersion) || !sameText(text(f.seal ?? ''), expected)) {
      return send({ [own]: CODES.seal }, rec);
    }
    if (typeof f.interfaceVersion !== 'string' || !f.interfaceVersion.startsWith(family.prefix)) {
      return send({ [own]: CODES.invalidRequest }, rec);
    }
    try {
      return send({ [own]: CODES.ok, ...rules[service](f) }, rec);
    } catch (e) {
      // Input no rule expected is a format error (30), not a rejected fetch.
      return send({ [own]: e instanceof SipsRefusal ? e.responseCode : CODES.format }, rec);
    }
  }

  // ---- Office Batch -----------------------------------------------------------------------------
  function processBatch(text) {
    if (typeof text !== 'string') throw new TypeError('processBatch: give the request file as text');
    if (text.trimStart().startsWith('<')) throw new Error('processBatch: the simulator processes CSV request files (remise reads CSV response files)');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    while (lines.length && lines.at(-1) === '') lines.pop();
    const bad = (n, why) => {
      throw new Error(`processBatch: line ${n}: ${why}`);
    };
    const file = /^FILE;request;office;(.+)$/.exec(lines[0] ?? '') ?? bad(1, "expected 'FILE;request;office;<version>'");
    if (!/^HEADER;/.test(lines[1] ?? '')) bad(2, 'expected the HEADER line');
    const end = /^END;(\d+)$/.exec(lines.at(-1) ?? '') ?? bad(lines.length, "expected 'END;<count>'");
    const body = lines.slice(2, -1);
    if (Number(end[1]) !== body.length) bad(lines.length, `END says ${end[1]} records, the file has ${body.length}`);
    const out = [`FILE;response;office;${file[1]}`, lines[1]];
    let accepted = 0;
    const methods = {};
    // Every line is read before any is applied: a file refused as a whole (an unknown method, a second
    // END or FILE line pasted in) moved no money (it applied the lines before the bad one, then threw:
    // an attack, nineteenth pass).
    const read = body.map((line, i) => {
      const cols = line.split(';');
      return [line, cols, (Object.hasOwn(BATCH, cols[0]) ? BATCH[cols[0]] : null) ?? bad(i + 3, `unknown method ${cols[0]}`)];
    });
    read.forEach(([line, cols, layout]) => {
      const f = { merchantId: cols[2], transactionReference: cols[3] };
      for (const [name, col] of Object.entries(layout)) if (name !== 'op' && cols[col] !== undefined && cols[col] !== '') f[name] = cols[col];
      for (const n of ['amount']) if (f[n] !== undefined) f[n] = /^\d{1,12}$/.test(f[n]) ? Number(f[n]) : NaN;
      if (f.s10TransactionId) f.s10TransactionReference = { s10TransactionId: f.s10TransactionId, s10TransactionIdDate: f.s10TransactionIdDate };
      if (f.s10FromTransactionId) f.s10FromTransactionReference = { s10FromTransactionId: f.s10FromTransactionId, s10FromTransactionIdDate: f.s10FromTransactionIdDate };
      if (!f.transactionReference) delete f.transactionReference;
      if (['cancel', 'validate', 'refund'].includes(layout.op)) f.operationAmount = f.amount;
      let code = CODES.ok;
      let answer = {};
      try {
        if (f.merchantId !== merchant.merchantId) refuse(CODES.invalidMerchant, 'unknown merchant');
        answer = rules[layout.op](f, 'operationAmount');
      } catch (e) {
        // A line no rule expected is a format error (30), as in the JSON services: a throw here left
        // the lines before it applied (the review of the pass).
        code = e instanceof SipsRefusal ? e.responseCode : CODES.format;
      }
      if (code === CODES.ok) accepted += 1;
      methods[layout.op] = (methods[layout.op] ?? 0) + 1;
      out.push(`${line};${code};${code === CODES.ok && answer.acquirerResponseCode ? '00' : ''};${code === CODES.ok ? answer.authorisationId ?? '' : ''}`);
    });
    out.push(lines.at(-1));
    // (Its header line's length as the recorded text's: an 8 MiB HEADER line was kept whole, each time.)
    ctx.record({ gateway: 'sogenactif', method: 'BATCH', path: 'processBatch', service: 'batch', body: { header: lines[1], records: body.length, methods }, result: `${accepted} accepted, ${body.length - accepted} rejected` }, (lines[1] ?? '').length);
    return out.join(eol) + eol;
  }

  const view = (tx) =>
    tx && {
      transactionReference: s10Of(tx) ? null : tx.key,
      s10TransactionId: s10Of(tx)?.[0] ?? null,
      s10TransactionIdDate: s10Of(tx)?.[1] ?? null,
      kind: tx.kind,
      transactionStatus: tx.status,
      amount: tx.amount,
      originAmount: tx.originalAmount,
      refunded: tx.refunded,
      currencyCode: tx.currencyCode,
      captureMode: tx.captureMode,
      captureDay: tx.captureDay,
    };

  const api = {
    credentials: { ...merchant },
    processBatch,
    /**
     * Seeds a transaction: `{ transactionReference | s10TransactionId (+ s10TransactionIdDate, default
     * today), amount, currency?, status?, captureMode?, captureDay? }`.
     */
    createTransaction({ transactionReference, s10TransactionId, s10TransactionIdDate, amount, currency = 'EUR', status, captureMode: mode, captureDay: day, ...rest } = {}) {
      refuseUnknown(rest, 'transactionReference, s10TransactionId, s10TransactionIdDate, amount, currency, status, captureMode, captureDay');
      // null as left out, as the simulator's other options.
      const captureMode = mode ?? 'AUTHOR_CAPTURE';
      const captureDay = day ?? 0;
      if (!Number.isSafeInteger(amount) || amount <= 0) throw new TypeError('createTransaction: amount must be a positive integer in minor units');
      // Sogenactif still takes the kuna and the lev (withdrawn from ISO 4217), as remise's Sips table does
      // (src/money/mod.rs, the cancel and refund pages): an old transaction in either can be made here too.
      const currencyCode = isoNumeric(currency) ?? (typeof currency === 'string' && Object.hasOwn(SIPS_WITHDRAWN, currency) ? SIPS_WITHDRAWN[currency] : undefined);
      if (!currencyCode) throw new TypeError(`createTransaction: currency ${String(currency)}: give an ISO 4217 code, its letters ('EUR', 'KWD') or its number ('978')`);
      if (s10TransactionId !== undefined && !/^\d{1,6}$/.test(String(s10TransactionId))) throw new TypeError('createTransaction: s10TransactionId is at most 6 digits');
      if (s10TransactionIdDate !== undefined && !/^\d{8}$/.test(String(s10TransactionIdDate))) throw new TypeError('createTransaction: s10TransactionIdDate is a date YYYYMMDD');
      // A status the simulator's rules know, checked before anything is stored: a misspelt one was kept
      // and every later operation answered 24 (a helper's attack, twenty-first pass).
      if (status != null && !SEED_STATUSES.includes(status)) throw new TypeError(`createTransaction: status ${String(status)}: give one of ${SEED_STATUSES.join(', ')} (or leave it out)`);
      // (A Sips refusal made a plain Error of these, and captureDay '2' passed: the review of the pass.)
      if (!CAPTURE_MODES.has(captureMode)) throw new TypeError(`createTransaction: captureMode ${String(captureMode)}: give one of ${[...CAPTURE_MODES].join(', ')} (or leave it out)`);
      if (!Number.isInteger(captureDay) || captureDay < 0 || captureDay > MAX_CAPTURE_DAY) throw new TypeError(`createTransaction: captureDay must be a whole number of days from 0 to ${MAX_CAPTURE_DAY} (or left out)`);
      const f = { transactionReference, amount, currencyCode, captureMode, captureDay };
      if (s10TransactionId !== undefined) f.s10TransactionReference = { s10TransactionId: String(s10TransactionId), s10TransactionIdDate };
      try {
        return view(create(f, { status: status ?? undefined }));
      } catch (e) {
        // A TypeError, as every seed value the simulator cannot take (a plain Error: a new user's walk).
        if (e instanceof SipsRefusal) throw new TypeError(`createTransaction: ${e.message}`);
        throw e;
      }
    },
    /**
     * A transaction by its transactionReference, or by its s10TransactionId and s10TransactionIdDate
     * (without the date: the latest transaction with that id).
     */
    getTransaction(ref, s10TransactionIdDate) {
      if (s10TransactionIdDate !== undefined) return view(txs.get(s10Key(ref, s10TransactionIdDate)));
      if (txs.has(ref)) return view(txs.get(ref));
      const prefix = s10Key(ref, '');
      let latest;
      for (const [key, tx] of txs) if (key.startsWith(prefix)) latest = tx;
      return view(latest);
    },
    transactions: () => [...txs.values()].map(view),
  };

  return {
    handle,
    tick,
    api,
    reset() {
      txs = new Map();
    },
  };
}
