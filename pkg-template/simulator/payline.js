// Payline (Monext) SOAP simulator: DirectPaymentAPI and ExtendedAPI, written from the project's
// reference notes (Payline WSDL 4.77, docs.payline.com pages, the doReAuthorization seed document,
// the Java SDK's response fixtures), independently of remise's own validators.
import { DAY_MS, addParisMonths, basicCredentials, instantOf, isObject, isoNumeric, luhn, maskPan, maskRecorded, paris, parisDayNumber, parisInstant, parisTimeOn, refuseUnknown, sameText } from './util.js';
import { escapeXml, parseXml } from './xml.js';

// Payline's documented example credentials (docs.payline.com "Service Authentication Access Key").
export const PAYLINE_DEFAULTS = {
  merchantId: '111111111',
  accessKey: 'AFju9XHplQzvamffO72L',
  // Simulated contracts: the first has the re-authorization option, the second does not (02619).
  contracts: { 1234567: { reauthorization: true }, 7654321: { reauthorization: false } },
};

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const IMPL = 'http://impl.ws.payline.experian.com';
const OBJ = 'http://obj.ws.payline.experian.com';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const SERVICES = {
  DirectPaymentAPI: ['doAuthorization', 'doReAuthorization', 'doCapture', 'doRefund', 'doReset', 'doCredit', 'doDebit'],
  ExtendedAPI: ['getTransactionDetails'],
};

// Return codes (reference payline.md §5): status word and message. Codes marked 3p in the reference
// come from a third-party mapping and are UNCERTAIN.
const RESULTS = {
  '00000': ['ACCEPTED', 'Transaction approved'],
  '01101': ['REFUSED', 'Card expired'],
  '02001': ['ERROR', 'Duplicate transaction'],
  '02301': ['ERROR', 'Transaction ID  is invalid.'], // the real message has the double space
  '02302': ['ERROR', 'Transaction is invalid'],
  '02303': ['ERROR', 'Invalid contract number'],
  '02305': ['ERROR', 'Invalid field format'],
  '02308': ['ERROR', 'Invalid value for Payment Mode'], // 3p
  '02311': ['ERROR', 'Too many transactions match the search criteria'], // 3p
  '02321': ['ERROR', 'Invalid value for payment action'], // 3p
  '02514': ['ERROR', 'Private data number is limited to 99'], // 3p
  '02538': ['ERROR', 'Fill either card.number or card.token'], // 3p
  '02601': ['ERROR', 'Reset already done'], // 3p
  '02602': ['ERROR', 'Authorization already expired'], // 3p
  '02603': ['ERROR', 'Authorization not resetable'], // 3p
  '02604': ['ERROR', 'Transaction does not exist'], // 3p
  '02610': ['ERROR', 'Max amount exceeded'], // 3p
  '02613': ['ERROR', 'Maximal sum of the capture/refund is exceeded'], // 3p
  '02110': ['ERROR', 'The amount is invalid'], // observed in homologation (reference §5, §6)
  '02617': ['ERROR', 'Transaction already captured'], // 3p
  '02618': ['ERROR', 'Transaction not yet captured'], // 3p
  '02619': ['ERROR', 'You do not have the reauthorization option'], // seed document
  '02620': ['ERROR', 'Currency must be the same as the original authorization'], // seed document
};

// Which code a rule gives when the reference names none (one place; UNCERTAIN).
const RULE_CODES = {
  unknownTransaction: '02301', // "refund of a bogus id → 02301" (ActiveMerchant remote tests)
  unknownTransactionReset: '02604',
  notAnAuthorization: '02302',
  reauthorizationWindow: '02302', // older than 11 months: the seed gives no code
  // doCapture of an account verification (action 108), or doReAuthorization of one: a verification
  // authorizes nothing to capture or renew. The reference names no code (UNCERTAIN).
  accountVerification: '02302',
  contractMismatch: '02303', // "must use the same contract number as the initial authorization"
  duplicate: '02001', // Payline's duplicate check (DUPLICATE_* below); the reauthorization page's 24 hours
  // payment.differedActionDate missing with mode DIF, given with another mode, not dd/mm/yy, or more
  // than 6 days after the authorization (reference §4, Object - payment): the reference names no code;
  // 02305 "Invalid field format" is taken (UNCERTAIN).
  differedActionDate: '02305',
  // doRefund of a doCredit (a CREDIT): a refund "is realized after the bank has been issued, so the buyer
  // has been debited" (reference §3.4, doRefundRequest page); a credit debited no one, and refunding it
  // would pay the cardholder twice. The reference names no code for it: 02302 "Transaction is invalid"
  // (documented, §5) is the closest (UNCERTAIN; 02314 "refundable flag disabled" is a third-party
  // mapping about a merchant setting).
  refundOfCredit: '02302',
  // `media` other than the six values of the doReAuthorization page (seed; payline.md §3.1, AN25): the
  // reference names no code; 02308, "invalid value for <field>" (3p, §5), as for a payment mode outside
  // its list (UNCERTAIN).
  media: '02308',
  // `version` other than N2 (payline.md §2, §3.1; the seed says AN2): the reference names no code;
  // 02305 "Invalid field format", as for the other numeric fields (UNCERTAIN).
  version: '02305',
};

const AUTHORIZATION_VALIDITY_DAYS = 7; // "An authorization is valid 7 days" (Reauthorization page)
// Mode DIF: "differedActionDate <= authorizationDate + 6" (reference §4, doAuthorization page).
const DIFFERED_MAX_DAYS = 6;
// A DIF authorization is validated (captured) by Payline on its differedActionDate (reference §4: "DIF +
// 100 + differedActionDate = deferred capture"), taken as that day's 00:00 in Paris (UNCERTAIN: the hour
// of Payline's deferred run is not documented); it is then remitted like any validated transaction.
// "Up to 11 months after creation" (seed document, reference §6 rule 3), counted in calendar months on
// Paris wall-clock time (Payline's dates are Paris time, reference §4/§7): 12:00 on 31 May → 12:00 on
// 30 April. UNCERTAIN: the reference is silent on a day the 11th month lacks; it is clamped to the
// month's last day, as remise's own check does (addParisMonths in util.js).
const REAUTHORIZATION_WINDOW_MONTHS = 11;
// Payline's duplicate check (https://docs.payline.com/display/DT/Duplicate+check): "for an ACCEPTED
// transaction only", doAuthorization, doCapture and doRefund compare "the date of day D and the day before
// D-1, the order reference, the amount and the transaction sequence number", and nothing "beyond D and
// D-1"; a new sequenceNumber lets an identical doCapture or doRefund through. Days are Paris days (Payline's
// dates are Paris time, reference §4/§7). Until the twenty-eighth pass the simulator keyed it on the order
// reference alone within 24 hours (reference §5), so a second equal partial refund the same day without a
// sequenceNumber went through, and a second authorization of an order for another amount was refused.
const DUPLICATE_DAYS = 1; // D and D-1
// A Payline request date, dd/mm/yyyy HH:MM (order.date, authorization.date: reference §4).
const PAYLINE_DATE = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
// A re-authorization has a rule of its own (the Reauthorization page, rule 6): one "within 24 hours of the
// original transaction" is a duplicate unless its order reference is another (seed document).
const REAUTHORIZATION_DUPLICATE_MS = DAY_MS;
// Validated transactions are remitted to the bank once a day; taken as midnight in Paris, the first at
// or after the validation (a deferred capture made at 00:00 goes with that night's remittance)
// (UNCERTAIN: the remittance time is per acquirer; midnight UTC until the twenty-fourth pass). Before it
// doReset works, after it doRefund.
const remittanceAfter = (ms) => {
  const midnight = parisTimeOn(ms, 0, 0, 0);
  return midnight >= ms ? midnight : parisTimeOn(ms, 1, 0, 0);
};

// payment.action codes doAuthorization accepts, and what each does here (reference §4, payment action
// codes: 100 and 101 from the Object - payment page; the others from a community TS SDK's enum,
// [community] in the reference). `capture`: validated (captured) at once like 101, or left to doCapture,
// the DIF date or expiry like 100.
//   108 account verification: nothing to capture (captured stays 0, never remitted; doCapture and
//       doReAuthorization refused with RULE_CODES.accountVerification). Its amount may be nil or 0 (§4
//       payment.amount: "WSDL nillable (account verification 108 uses null/0)"); a higher amount is
//       accepted and not captured either (UNCERTAIN: whether Payline refuses it). It is left out of the
//       24-hour duplicate rule, both ways: that rule keeps an order from being charged twice (§6), and a
//       verification charges nothing (UNCERTAIN).
//   110/111 first card-on-file "(auth / auth+capture)": like 100/101 (§4).
//   120/121 without CVX, 122/123 CoF subsequent, 124/125 NX instalment, 126/127 split shipment, 128/129
//       other CoF: the reference gives each pair without saying which is which; taken as 110/111, even
//       authorizes and odd captures (UNCERTAIN), as the getTransactionDetails fixture agrees for 129
//       (action 129, type AUTHOR+CAP, §7.4).
//   109 "token PAN" is left out (02321): the reference does not say it authorizes a payment, and remise
//       does not send it to doAuthorization (UNCERTAIN).
const AUTHORIZATION_ACTIONS = {
  100: { capture: false },
  101: { capture: true },
  108: { capture: false, verification: true },
  // 110–111 and 120–129: even authorizes, odd authorizes and captures.
  ...Object.fromEntries([110, 111, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129].map((a) => [a, { capture: a % 2 === 1 }])),
};
const actionOf = (action) => (Object.hasOwn(AUTHORIZATION_ACTIONS, action) ? AUTHORIZATION_ACTIONS[action] : null);
// payment.action each operation takes (a payment of another is 02321, "invalid value for payment action",
// §5 3p). A re-authorization is sent as an authorization, 100 or 101 (§3.1: "send the same action as a
// normal authorization (100 or 101)"; the SDK fixtures send 100; remise takes these two): it took any
// code of the table, 108 and 421 included. The others are their operation's row of the action table
// (§4: 201 capture, 421 refund, 422 credit — §3.6 "Action code 422" —, 204 debit [community]), as remise
// sends them; whether Payline refuses another is UNCERTAIN (a check against the notes, twenty-fifth pass:
// each took any code of the table).
const ACTIONS_OF = {
  doAuthorization: new Set(Object.keys(AUTHORIZATION_ACTIONS)),
  doReAuthorization: new Set(['100', '101']),
  doCapture: new Set(['201']),
  doRefund: new Set(['421']),
  doCredit: new Set(['422']),
  doDebit: new Set(['204']),
};
// `media` (payline.md §3.1, the doReAuthorization seed): these six, as written (case-sensitive); the
// WSDL has it on every DirectPaymentAPI request (§3).
const MEDIA = new Set(['Computer', 'Mobile', 'Tablet', 'TV', 'Console', 'Undefined']);
// privateDataList: 02514 "Private data number is limited to 99" (§4, 3p) though the WSDL's maxOccurs is
// 100 (more than 100 is a SOAP Fault, MAX_ITEMS below).
const MAX_PRIVATE_DATA = 99;
const MODES = new Set(['CPT', 'DIF', 'NX', 'REC']);

class PaylineResult extends Error {
  constructor(code, long) {
    super(long ?? RESULTS[code]?.[1] ?? code);
    this.code = code;
  }
}
const refuse = (code, long) => {
  throw new PaylineResult(code, long);
};
const format = (what) => refuse('02305', `Invalid field format : ${what}`);

function soapFault(code, text) {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><soapenv:Fault>` +
    `<faultcode>soapenv:${code}</faultcode><faultstring>${escapeXml(text)}</faultstring>` +
    `</soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

/** The request elements that may repeat under one parent (list items), up to the WSDL's maxOccurs. */
const REPEATABLE = new Set(['privateData', 'details']);
const MAX_ITEMS = 100;

/** Request element → JS value: text, object (repeated list items become arrays), null for nil/empty. */
function toValue(el, depth) {
  if (el.attrs[`{${XSI}}nil`] === 'true') return null;
  if (!el.children.length) return el.text.trim() === '' ? null : el.text;
  const out = {};
  const lists = new Set();
  for (const c of el.children) {
    // Children of the wrapper are in the impl namespace, everything deeper in obj (WSDL 4.77,
    // elementFormDefault qualified). JAX-WS, the server's stack, refuses anything else.
    const expected = depth === 0 ? IMPL : OBJ;
    if (c.ns !== expected) {
      throw new Error(`unexpected element (uri:"${c.ns}", local:"${c.local}"). Expected elements are in namespace ${expected}`);
    }
    const v = toValue(c, depth + 1);
    if (Object.hasOwn(out, c.local)) {
      // Only list items repeat (WSDL maxOccurs="100": privateData, details); JAX-WS refuses a
      // second element elsewhere rather than keep one of them.
      if (!REPEATABLE.has(c.local)) throw new Error(`unexpected element (uri:"${c.ns}", local:"${c.local}"): it appears once here`);
      // One array per name, pushed to (a copy per item took 18 s for 80 000 items, with the event loop
      // held: an attack, nineteenth pass), and no more items than the WSDL's maxOccurs.
      if (!lists.has(c.local)) {
        out[c.local] = [out[c.local]];
        lists.add(c.local);
      }
      if (out[c.local].length >= MAX_ITEMS) throw new Error(`unexpected element (uri:"${c.ns}", local:"${c.local}"): more than ${MAX_ITEMS}`);
      out[c.local].push(v);
    } else if (c.local === '__proto__') {
      throw new Error(`unexpected element (uri:"${c.ns}", local:"${c.local}")`);
    } else out[c.local] = v;
  }
  return out;
}

const list = (v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function createPayline(ctx, config = {}) {
  const creds = { ...PAYLINE_DEFAULTS, ...config };
  // Each simulator (and each reset) has its own copy of the configured contracts, each contract copied
  // too: a test that turns an option off in one simulator must not change another's, nor the defaults.
  const contracts = {};
  const copyContracts = () => {
    for (const n of Object.keys(contracts)) delete contracts[n];
    for (const [n, c] of Object.entries(creds.contracts ?? {})) {
      // (Defined, not assigned: a contract named `__proto__` stays a contract, as the spread kept it.)
      Object.defineProperty(contracts, n, { value: isObject(c) ? { ...c } : c, writable: true, enumerable: true, configurable: true });
    }
  };
  copyContracts();
  let txs = new Map();

  // 22 digits: beyond 2^53 (reference §4). An id already in use (one given to createTransaction) is
  // skipped, so a generated id never replaces a transaction.
  const nextId = () => {
    let id;
    do id = '1434' + String(ctx.seq()).padStart(18, '0');
    while (txs.has(id));
    return id;
  };
  const shortDate = (ms) => {
    const p = paris(ms);
    return `${p.day}/${p.month}/${p.year.slice(2)} ${p.hour}:${p.minute}:${p.second}`;
  };
  const longDate = (ms) => {
    const p = paris(ms);
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
  };

  // ---- state ------------------------------------------------------------------------------------
  function record(tx) {
    txs.set(tx.id, tx);
    if (tx.root && tx.root !== tx.id) txs.get(tx.root)?.associated.push(tx.id);
    tx.history = [{ date: tx.created, status: tx.status }];
    return tx;
  }
  function setStatus(tx, status, at = ctx.now()) {
    tx.status = status;
    tx.history.push({ date: at, status });
  }
  function newPayment({ id: given, kind, amount, currency, action, mode, contractNumber, differedAt = null, order, card, created = ctx.now(), parent = null }) {
    const id = given ?? nextId();
    // An authorization action captures at once or not (AUTHORIZATION_ACTIONS); the other operations
    // (doCredit 422, doDebit 204) are validated at once.
    const semantics = actionOf(action);
    const validated = semantics ? semantics.capture : true;
    return record({
      id,
      root: id,
      parent,
      kind,
      created,
      amount,
      currency,
      action,
      mode,
      contractNumber,
      verification: semantics?.verification === true,
      // A verification is never captured, on a DIF date either.
      differedAt: validated || semantics?.verification ? null : differedAt,
      order,
      card,
      status: validated ? 'VALIDATED' : 'AUTHORIZED',
      validatedAt: validated ? created : null,
      captured: validated ? amount : 0,
      refunded: 0,
      authorizationNumber: String(ctx.seq() % 1_000_000).padStart(6, '0'),
      associated: [],
    });
  }
  // (`status`: a RESET row's own, which the nightly run skips.)
  function operation(root, kind, amount, action, status = 'VALIDATED') {
    const id = nextId();
    return record({ id, root: root.id, parent: root.id, kind, created: ctx.now(), amount, currency: root.currency, action, mode: root.mode, contractNumber: root.contractNumber, order: root.order, card: root.card, status, validatedAt: status === 'VALIDATED' ? ctx.now() : null, associated: [] });
  }

  function tick(now) {
    for (const tx of txs.values()) {
      // Before the expiry check: the date is at most 6 days after the authorization, so a clock moved
      // past both captures it on its date.
      if (tx.status === 'AUTHORIZED' && tx.differedAt !== null && now >= tx.differedAt) {
        // Never before the authorization itself (a DIF dated today, or a past date, which the
        // reference does not forbid): captured at the first tick after it, then remitted as usual.
        const at = Math.max(tx.differedAt, tx.created);
        tx.captured = tx.amount;
        tx.validatedAt = at;
        setStatus(tx, 'VALIDATED', at);
      }
      if (tx.status === 'AUTHORIZED' && now >= tx.created + AUTHORIZATION_VALIDITY_DAYS * DAY_MS) setStatus(tx, 'EXPIRED');
      if (tx.status === 'VALIDATED' && now >= remittanceAfter(tx.validatedAt)) setStatus(tx, 'REMITTED');
    }
  }

  // ---- field checks (02305 messages in the platform's wording, reference §7.5) ------------------
  /**
   * What every request carries (a check against the notes, twenty-fifth pass: none of it was read):
   * `version` N2 (payline.md §2, §3.1: 1 to 99; left out, Payline applies version 4, §2, so only a
   * value given is checked; an empty or nil one is no number, as an empty amount is 02305, §1), `media`
   * one of MEDIA, at most MAX_PRIVATE_DATA `privateData`. getTransactionDetails has `version` only (§3.9).
   */
  function checkRequest(op, b) {
    if (b.version !== undefined && !(typeof b.version === 'string' && /^\d{1,2}$/.test(b.version) && Number(b.version) > 0)) {
      refuse(RULE_CODES.version, `Invalid field format : Version : Must be numeric(2), from 1 to 99, ex : 34${typeof b.version === 'string' ? `, got ${b.version}` : ''}`);
    }
    if (op === 'getTransactionDetails') return;
    if (b.media !== undefined && b.media !== null && !(typeof b.media === 'string' && MEDIA.has(b.media))) {
      refuse(RULE_CODES.media, `Invalid value for Media : ${typeof b.media === 'string' ? b.media : 'not a text'} (${[...MEDIA].join(', ')})`);
    }
    const items = isObject(b.privateDataList) ? list(b.privateDataList.privateData).length : 0;
    if (items > MAX_PRIVATE_DATA) refuse('02514', `Private data number is limited to ${MAX_PRIVATE_DATA} : ${items} given`);
    // `comment` AN255 (doRefund, doReset, doCredit) and `sequenceNumber` AN50 (doCapture, doRefund, doReset),
    // payline.md §3.3–3.6, in the wording of the other lengths: both were taken at any length from a raw
    // request remise refuses (a helper's attack on the simulator, twenty-seventh pass).
    if (typeof b.comment === 'string' && [...b.comment].length > 255) format('Comment : Max length 255 characters');
    if (typeof b.sequenceNumber === 'string' && [...b.sequenceNumber].length > 50) format('Sequence Number : Max length 50 characters');
  }
  function checkPayment(p, { actions, needContract = false, nilAmountFor = null }) {
    if (!p || typeof p !== 'object') format('Payment : is mandatory');
    // A nil amount is an account verification's (action 108, reference §4): read as 0.
    const nil = p.amount === null || p.amount === undefined;
    if (!(nil && nilAmountFor !== null && p.action === nilAmountFor) && !/^\d{1,12}$/.test(p.amount ?? '')) format('Payment Amount : Must be numeric(12), ex : 15078');
    if (!/^\d{3}$/.test(p.currency ?? '')) format('Payment Currency : Must be numeric(3), ex: 978');
    if (!actions.has(p.action ?? '')) refuse('02321', `Invalid value for payment action : ${p.action ?? 'null'}`);
    if (!MODES.has(p.mode ?? '')) refuse('02308', 'Invalid value for Payment Mode');
    if (p.contractNumber !== null && p.contractNumber !== undefined && p.contractNumber.length > 20) format('Contract Number : Max length 20 characters');
    if (needContract && !p.contractNumber) format('Contract Number : is mandatory');
    if (p.contractNumber && !Object.hasOwn(contracts, p.contractNumber)) refuse('02303');
    const differedAt = differedActionDate(p);
    return { amount: nil ? 0 : Number(p.amount), currency: p.currency, action: p.action, mode: p.mode, contractNumber: p.contractNumber ?? null, differedAt };
  }
  /**
   * payment.differedActionDate (AN8 dd/mm/yy, reference §4): "required iff mode = DIF, else must be
   * empty". Returns the instant of the deferred capture, or null.
   */
  function differedActionDate(p) {
    const given = p.differedActionDate !== null && p.differedActionDate !== undefined;
    const bad = (why) => refuse(RULE_CODES.differedActionDate, `Invalid field format : Differed Action Date : ${why}`);
    if (p.mode !== 'DIF') return given ? bad(`must be empty when the payment mode is ${p.mode}`) : null;
    if (!given) bad('is mandatory with the payment mode DIF');
    const m = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(p.differedActionDate);
    const [d, mo, y] = m ? [Number(m[1]), Number(m[2]), 2000 + Number(m[3])] : [];
    const check = m && new Date(Date.UTC(y, mo - 1, d));
    if (!m || check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) bad('Must be in format dd/mm/yy');
    return parisInstant(y, mo, d); // 00:00 in Paris
  }
  /** An authorization in mode DIF: its date at most 6 days after today's (reference §4). */
  function checkDiffered(payment) {
    if (payment.differedAt === null) return;
    if (parisDayNumber(payment.differedAt) - parisDayNumber(ctx.now()) > DIFFERED_MAX_DAYS) {
      refuse(RULE_CODES.differedActionDate, `Invalid field format : Differed Action Date : at most ${DIFFERED_MAX_DAYS} days after the authorization date`);
    }
  }
  function checkOrder(o, required) {
    if (!o || typeof o !== 'object') {
      if (required) format('Order : is mandatory');
      return null;
    }
    if (!o.ref || o.ref.length > 50) format('Order Reference : Max length 50 characters');
    if (!/^\d{1,12}$/.test(o.amount ?? '')) format('Order Amount : Must be numeric(12), ex : 15078');
    if (!/^\d{3}$/.test(o.currency ?? '')) format('Order Currency : Must be numeric(3), ex: 978');
    if (!PAYLINE_DATE.test(o.date ?? '')) format('Order Date : Must be in format dd/mm/yyyy HH24:MI');
    return { ref: o.ref, amount: Number(o.amount), currency: o.currency, date: o.date };
  }
  function checkCard(c) {
    if (!c || typeof c !== 'object') format('Card : is mandatory');
    const number = c.number ?? '';
    // A card may be given by its number, its token or its encryptedData (payline.md §3.2; 02538, "fill
    // either card.number or card.token", §5): a token or encrypted card was refused as a bad number, so a
    // card-on-file flow could not be tried (a helper's attack on the simulator, twenty-seventh pass).
    const token = typeof c.token === 'string' && c.token !== '' ? c.token : null;
    const encrypted = typeof c.encryptedData === 'string' && c.encryptedData !== '';
    if (number === '' && token === null && !encrypted) refuse('02538', 'Fill either card.number or card.token');
    if (number !== '' && (!/^\d{10,19}$/.test(number) || !luhn(number))) format('Card Number : Bad format, please refer to the user guide');
    if (!c.type) format('Card Type : is mandatory');
    const exp = /^(\d{2})(\d{2})$/.exec(c.expirationDate ?? '');
    if (!exp || Number(exp[1]) < 1 || Number(exp[1]) > 12) format('Card Expiration Date : Must be in format MMYY');
    const p = paris(ctx.now());
    const nowYm = Number(p.year.slice(2)) * 100 + Number(p.month);
    if (Number(exp[2]) * 100 + Number(exp[1]) < nowYm) refuse('01101');
    return { number: number === '' ? null : maskPan(number), type: c.type, expirationDate: c.expirationDate, token };
  }
  function transactionOf(id, code = RULE_CODES.unknownTransaction) {
    if (!id) format('Transaction ID : is mandatory');
    const tx = txs.get(id);
    if (!tx) refuse(code);
    return tx;
  }
  /** Whether `ms` is on Paris day D (today) or D-1: the days Payline's duplicate check looks at. */
  const withinDuplicateDays = (ms) => {
    const days = parisDayNumber(ctx.now()) - parisDayNumber(ms);
    return days >= 0 && days <= DUPLICATE_DAYS;
  };
  /**
   * Whether accepted transaction `t` is one Payline's duplicate check still sees with `amount`: not reset
   * since (the page checks "ACCEPTED" transactions; UNCERTAIN), of that amount, on Paris day D or D-1.
   */
  const seenAsDuplicate = (t, amount) => t.status !== 'RESET' && t.amount === amount && withinDuplicateDays(t.created);
  /**
   * Payline's duplicate check on an operation on a transaction (DUPLICATE_DAYS): one of the same `kind`
   * (CAPTURE, REFUND; RESET when a sequenceNumber is given, UNCERTAIN: the page names doCapture and doRefund,
   * doReset has a sequenceNumber as they do, and a reset sent twice without one is 02601, "reset already
   * done"), amount and `sequenceNumber` (none is one value) accepted on this transaction
   * on day D or D-1 is 02001, before any other rule, so that a resent full refund reads as a duplicate,
   * not as an over-refund (a helper's attack, twenty-first pass: 02613, a plain refusal, told a client whose
   * refund had timed out that it was not done). An operation reset since no longer counts: the page checks
   * "ACCEPTED" transactions only, and a capture or refund sent again after its reset read as a duplicate,
   * outcome unknown, sending the client to query for nothing (UNCERTAIN; the review of the pass). A refused
   * operation is not recorded, so its number may be sent again.
   */
  function duplicateGuard(root, kind, amount, seq) {
    const number = seq ?? '';
    for (const id of root.associated) {
      const t = txs.get(id);
      // (A RESET row's own status is RESET: it is compared as accepted.)
      if (t.kind === kind && t.sequenceNumber === number && (kind === 'RESET' ? t.amount === amount && withinDuplicateDays(t.created) : seenAsDuplicate(t, amount))) {
        refuse(RULE_CODES.duplicate, `Duplicate transaction : a ${kind.toLowerCase()} of ${amount} ${number ? `with sequenceNumber ${number}` : 'without a sequenceNumber'} was accepted on this transaction today or yesterday`);
      }
    }
    return (tx) => {
      tx.sequenceNumber = number;
      return tx;
    };
  }

  // ---- answers ----------------------------------------------------------------------------------
  // A transaction's `type` as getTransactionDetails writes it: Monext's list (AN20: AUTHOR, CAPTURE, RESET,
  // REFUND, CREDIT, AUTHOR+CAP, ORDER, REAUTH+CAP, DEBIT, SCORING, CHEQUE, MICROVALID, REAUTHO, MICROCANCEL;
  // docs.monext.fr, "Object associatedTransactions", pageId 747147048, and the payline-php-sdk fixture
  // getTransactionDetailsResponse00000.xml: `AUTHOR+CAP`). The simulator's own kind of a
  // re-authorization is REAUTHOR (its API); on the wire REAUTHO, or REAUTH+CAP when it captured.
  const wireType = (tx) => (tx.kind === 'REAUTHOR' ? (actionOf(tx.action)?.capture ? 'REAUTH+CAP' : 'REAUTHO') : tx.kind);
  const transactionEl = (tx, long = false) => [
    ['id', tx.id],
    ['date', long ? longDate(tx.created) : shortDate(tx.created)],
    ['isDuplicated', '0'],
    ['isPossibleFraud', '0'],
    ...(long ? [['type', wireType(tx)]] : []),
  ];
  // (cardOut's order: number, type, expirationDate, cardholder, token; payline.md.)
  const cardEl = (tx) => [
    ['number', tx.card?.number ?? null],
    ['type', tx.card?.type ?? null],
    ['expirationDate', tx.card?.expirationDate ?? null],
    ['token', tx.card?.token ?? null],
  ];
  const authorizationEl = (tx) => [
    ['number', tx.authorizationNumber],
    ['date', shortDate(tx.created)],
  ];

  /**
   * An accepted authorization or re-authorization of the order reference `ref` for which `match` holds
   * (whichever call made it). Account verifications charge nothing and are left out (UNCERTAIN).
   */
  const authorizedOf = (ref, match) => {
    for (const t of txs.values()) {
      if ((t.kind === 'AUTHOR' || t.kind === 'AUTHOR+CAP' || t.kind === 'REAUTHOR') && !t.verification && t.order?.ref === ref && match(t)) return true;
    }
    return false;
  };

  const ops = {
    doAuthorization(b) {
      const payment = checkPayment(b.payment, { actions: ACTIONS_OF.doAuthorization, needContract: true, nilAmountFor: '108' });
      const card = checkCard(b.card);
      const order = checkOrder(b.order, true);
      const action = actionOf(payment.action) ?? refuse('02321', `Invalid value for payment action : ${payment.action}`);
      checkDiffered(payment);
      // Payline's duplicate check (DUPLICATE_DAYS): the same order reference and amount on day D or D-1 is
      // refused, not charged twice. Account verifications charge nothing and are left out
      // (AUTHORIZATION_ACTIONS, UNCERTAIN).
      // (Not one reset since, as for duplicateGuard: the review of the pass.)
      if (!action.verification && authorizedOf(order.ref, (t) => seenAsDuplicate(t, payment.amount))) {
        refuse(RULE_CODES.duplicate, `Duplicate transaction : an authorization of order reference ${order.ref} for ${payment.amount} was accepted today or yesterday`);
      }
      const tx = newPayment({ kind: action.capture ? 'AUTHOR+CAP' : 'AUTHOR', ...payment, order, card });
      return [['transaction', transactionEl(tx)], ['authorization', authorizationEl(tx)], ['card', cardEl(tx)], ['contractNumber', tx.contractNumber]];
    },

    doReAuthorization(b) {
      const payment = checkPayment(b.payment, { actions: ACTIONS_OF.doReAuthorization });
      // Required (the WSDL: `order` nillable="false", no minOccurs; Monext's page: "465 - order mandatory"),
      // as remise's request requires it: the older seed page's "No", and its "no new reference: the
      // original's is used", date from before (a helper's reading, twenty-eighth pass).
      const order = checkOrder(b.order, true);
      const original = transactionOf(b.transactionID);
      if (!['AUTHOR', 'AUTHOR+CAP', 'REAUTHOR'].includes(original.kind)) refuse(RULE_CODES.notAnAuthorization, `Transaction is invalid : ${original.kind} is not an authorization`);
      if (original.verification) refuse(RULE_CODES.accountVerification, 'Transaction is invalid : an account verification (action 108) authorizes nothing to re-authorize');
      const contract = payment.contractNumber ?? original.contractNumber;
      if (contract !== original.contractNumber) refuse(RULE_CODES.contractMismatch, 'Invalid contract number : a re-authorization uses the contract of the original authorization');
      if (!(Object.hasOwn(contracts, contract) && contracts[contract]?.reauthorization)) refuse('02619');
      // Checked before anything is stored (seed: "returned without database storage").
      if (payment.currency !== original.currency) refuse('02620');
      checkDiffered(payment);
      if (ctx.now() > addParisMonths(original.created, REAUTHORIZATION_WINDOW_MONTHS)) refuse(RULE_CODES.reauthorizationWindow, `Transaction is invalid : re-authorization is possible up to ${REAUTHORIZATION_WINDOW_MONTHS} months after the original`);
      // Any authorization or re-authorization of that reference within 24 hours, the original's included
      // (a re-authorization sent twice was charged twice: a helper's attack, twenty-fourth pass), whatever
      // its amount (REAUTHORIZATION_DUPLICATE_MS).
      if (authorizedOf(order.ref, (t) => ctx.now() - t.created < REAUTHORIZATION_DUPLICATE_MS)) {
        refuse(RULE_CODES.duplicate, order.ref === original.order?.ref
          ? 'Duplicate transaction : within 24 hours of the original, a re-authorization needs another order reference'
          : 'Duplicate transaction : an authorization of this order reference was made within 24 hours');
      }
      const tx = newPayment({ kind: 'REAUTHOR', ...payment, contractNumber: contract, order, card: original.card, parent: original.id });
      return [['transaction', transactionEl(tx)], ['card', cardEl(tx)]];
    },

    doCapture(b) {
      const payment = checkPayment(b.payment, { actions: ACTIONS_OF.doCapture });
      const root = txs.get(transactionOf(b.transactionID).root);
      const accepted = duplicateGuard(root, 'CAPTURE', payment.amount, b.sequenceNumber);
      if (payment.currency !== root.currency) format('Payment Currency : must be the currency of the authorization');
      if (root.status === 'EXPIRED') refuse('02602');
      if (root.status === 'RESET') refuse('02302', 'Transaction is invalid : the authorization was reset');
      if (root.verification) refuse(RULE_CODES.accountVerification, 'Transaction is invalid : an account verification (action 108) has nothing to capture');
      // A capture of an authorization captured at once (action 101): 02110 "The amount is invalid", as
      // homologation answers it (reference §6, ActiveMerchant's remote test); of one captured by an
      // earlier doCapture: 02617 (a third-party mapping; nothing observed says otherwise).
      // (A re-authorization captured at once too: it answered 02617, the review of the twenty-seventh pass.)
      if (root.status !== 'AUTHORIZED') refuse(wireType(root).endsWith('+CAP') ? '02110' : '02617');
      if (payment.amount > root.amount) refuse('02610', `Max amount exceeded : ${payment.amount} > ${root.amount} authorized`);
      root.captured = payment.amount;
      root.validatedAt = ctx.now();
      setStatus(root, 'VALIDATED');
      const cap = accepted(operation(root, 'CAPTURE', payment.amount, '201'));
      return [['transaction', transactionEl(cap)], ['reAuthorization', '0']];
    },

    doRefund(b) {
      const payment = checkPayment(b.payment, { actions: ACTIONS_OF.doRefund });
      const root = txs.get(transactionOf(b.transactionID).root);
      const accepted = duplicateGuard(root, 'REFUND', payment.amount, b.sequenceNumber);
      if (payment.currency !== root.currency) format('Payment Currency : must be the currency of the transaction');
      // Only what debited the buyer is refunded (reference §3.4): not a doCredit (RULE_CODES.refundOfCredit).
      if (root.kind === 'CREDIT') refuse(RULE_CODES.refundOfCredit, 'Transaction is invalid : a credit (doCredit) debited no one; it cannot be refunded');
      // "The refund is realized after the bank has been issued" (doRefundRequest page): before the
      // remittance, doReset cancels instead.
      if (root.status !== 'REMITTED') refuse('02618', `Transaction not yet captured : status ${root.status}${root.status === 'VALIDATED' ? ', not yet remitted to the bank (use doReset)' : ''}`);
      if (root.refunded + payment.amount > root.captured) refuse('02613', `Maximal sum of the capture/refund is exceeded : ${root.captured - root.refunded} left`);
      root.refunded += payment.amount;
      const ref = accepted(operation(root, 'REFUND', payment.amount, '421'));
      return [['transaction', transactionEl(ref)]];
    },

    doReset(b) {
      // `amount`/`currency` (doResetRequest, reference §3.5) are read by no rule: the whole transaction is
      // reset. Whether they make a partial reset is UNCERTAIN (reference §6 doReset, §9).
      const tx = transactionOf(b.transactionID, RULE_CODES.unknownTransactionReset);
      const accepted = b.sequenceNumber ? duplicateGuard(txs.get(tx.root), 'RESET', tx.amount, b.sequenceNumber) : (op) => op;
      if (tx.status === 'RESET') refuse('02601');
      if (tx.status === 'EXPIRED') refuse('02602');
      if (tx.status === 'REMITTED') refuse('02603', 'Authorization not resetable : already remitted to the bank (use doRefund)');
      if (tx.kind === 'CAPTURE') refuse('02603', 'Authorization not resetable : reset the authorization');
      setStatus(tx, 'RESET');
      if (tx.kind === 'REFUND') txs.get(tx.root).refunded -= tx.amount;
      for (const id of tx.associated) if (txs.get(id).kind === 'CAPTURE') setStatus(txs.get(id), 'RESET');
      // A payment reset before its remittance captured nothing (its capture, by doCapture or at once with
      // action 101, is undone with it; a refund comes only after the remittance): `captured` kept the amount,
      // which `getTransaction` reported as captured (a helper's model-based attack, twenty-eighth pass).
      if (tx.root === tx.id) tx.captured = 0;
      // Listed among the transaction's operations (type RESET, Monext's list): the capture's entry stays OK,
      // as it was done, and the reset shows beside it (a review of the twenty-seventh pass: with every entry
      // OK and no reset listed, a reset capture read as standing).
      // (Its own status RESET, which the nightly run skips: as VALIDATED it was remitted, money that never
      // moved, the review of the pass.)
      accepted(operation(txs.get(tx.root), 'RESET', tx.amount, null, 'RESET'));
      return [['transaction', transactionEl(tx)]];
    },

    doCredit(b) {
      const payment = checkPayment(b.payment, { actions: ACTIONS_OF.doCredit });
      const card = checkCard(b.card);
      const order = checkOrder(b.order, false);
      const tx = newPayment({ kind: 'CREDIT', ...payment, action: '422', order, card });
      return [['transaction', transactionEl(tx)], ['card', cardEl(tx)]];
    },

    doDebit(b) {
      const payment = checkPayment(b.payment, { actions: ACTIONS_OF.doDebit });
      const card = checkCard(b.card);
      const order = checkOrder(b.order, true);
      if (!b.authorization?.number) format('authorizationNumber is missing or empty : null');
      // `authorization.date` is required too (the WSDL's authorization: date nillable="false", no
      // minOccurs), as remise's request requires it; the doDebitRequest page lists no format, so the
      // order's is taken. The wording is the number's, as homologation answered it (UNCERTAIN).
      if (!b.authorization.date) format('authorizationDate is missing or empty : null');
      if (!PAYLINE_DATE.test(b.authorization.date)) format('Authorization Date : Must be in format dd/mm/yyyy HH24:MI');
      const tx = newPayment({ kind: 'DEBIT', ...payment, action: '204', order, card });
      tx.authorizationNumber = b.authorization.number;
      return [['transaction', transactionEl(tx)], ['card', cardEl(tx)]];
    },

    getTransactionDetails(b) {
      let tx;
      if (b.transactionId) tx = transactionOf(b.transactionId);
      else if (b.orderRef) {
        // A payment (not an operation on one, which carries its order) of that reference; Payline takes an
        // orderRef only when it is unique (payline.md, getTransactionDetails): two payments of one reference
        // (a re-authorization sent with the original's) are 02311 "too many transactions match", not the
        // first one found, which hid the re-authorization (a review of the twenty-seventh pass).
        const found = [...txs.values()].filter((t) => t.root === t.id && t.order?.ref === b.orderRef);
        if (found.length > 1) refuse('02311', `Too many transactions match : ${found.length} transactions have order reference ${b.orderRef}`);
        tx = found[0] ?? refuse(RULE_CODES.unknownTransaction);
      }
      else format('transactionId : is mandatory');
      const history = b.transactionHistory === 'Y';
      const root = txs.get(tx.root);
      const out = [
        ['transaction', transactionEl(tx, true)],
        ['payment', [['amount', String(tx.amount)], ['currency', tx.currency], ['action', tx.action], ['mode', tx.mode], ['contractNumber', tx.contractNumber]]],
        ['authorization', authorizationEl(root)],
        ['order', tx.order ? [['ref', tx.order.ref], ['amount', String(tx.order.amount)], ['currency', tx.order.currency], ['date', tx.order.date]] : null],
        ['card', cardEl(tx)],
      ];
      if (history) {
        const related = [root, ...root.associated.map((id) => txs.get(id))].filter((t) => t.id !== tx.id);
        out.push([
          'associatedTransactionsList',
          // (In the WSDL's order, originTransactionId always written: the root's is its own id.) `status` is
          // OK or KO (the same Monext page; module code compares `'OK'`): every operation recorded here was
          // accepted. It wrote the transaction's state, VALIDATED or REMITTED, which Payline does not.
          related.map((t) => ['associatedTransactions', [['transactionId', t.id], ['type', wireType(t)], ['date', longDate(t.created)], ['amount', String(t.amount)], ['status', 'OK'], ['originTransactionId', t.parent ?? t.id], ['currency', t.currency]]]),
        ]);
        out.push([
          'statusHistoryList',
          // (The WSDL's statusHistory, 4.77: no totalAmount, fees and originTransactionId required: a
          // helper's audit of the declarations, twenty-sixth pass.)
          tx.history.map((h) => ['statusHistory', [['transactionId', tx.id], ['date', longDate(h.date)], ['amount', String(tx.amount)], ['fees', '0'], ['status', h.status], ['originTransactionId', tx.parent ?? tx.id]]]),
        ]);
      }
      out.push(['contractNumber', tx.contractNumber]);
      return out;
    },
  };

  // ---- XML writing in the prefix styles the real service uses (reference §7.2) -----------------
  // A: wrapper unprefixed with default namespace impl, fields `obj:` (doReAuthorization and
  //    getTransactionDetails fixtures); B: `impl:` prefixes (doAuthorization/doCapture/doRefund/doReset
  //    fixtures); C: `ns2:` = impl with default namespace obj (error fixtures).
  function render(op, code, long, fields) {
    const style = code !== '00000' ? 'C' : op === 'doReAuthorization' || op === 'getTransactionDetails' ? 'A' : 'B';
    const [open, top, deep] = {
      A: [`<${op}Response xmlns="${IMPL}" xmlns:obj="${OBJ}">`, '', 'obj:'],
      B: [`<impl:${op}Response xmlns:impl="${IMPL}" xmlns:obj="${OBJ}">`, 'impl:', 'obj:'],
      C: [`<ns2:${op}Response xmlns="${OBJ}" xmlns:ns2="${IMPL}">`, 'ns2:', ''],
    }[style];
    const close = `</${style === 'A' ? '' : top}${op}Response>`;
    const write = (name, value, prefix) => {
      if (value === null || value === undefined) return '';
      if (Array.isArray(value) && value.length === 0) return '';
      if (Array.isArray(value)) return `<${prefix}${name}>${value.map(([n, v]) => write(n, v, deep)).join('')}</${prefix}${name}>`;
      return `<${prefix}${name}>${escapeXml(value)}</${prefix}${name}>`;
    };
    const [short, message] = RESULTS[code] ?? ['ERROR', long];
    const result = write('result', [['code', code], ['shortMessage', short], ['longMessage', long ?? message]], top);
    return (
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Header/><soapenv:Body>` +
      open + result + fields.map(([n, v]) => write(n, v, top)).join('') + close +
      `</soapenv:Body></soapenv:Envelope>`
    );
  }

  /** Handles one HTTP request whose path ends with /V4/services/DirectPaymentAPI or /V4/services/ExtendedAPI. */
  function handle(req, url) {
    const service = url.pathname.split('/').pop();
    const xml = (status, body, rec) => ({ status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body, record: rec });
    const who = basicCredentials(req.headers.authorization);
    if (!who || who[0] !== creds.merchantId || !sameText(who[1], creds.accessKey)) {
      // Community clients and remise read HTTP 401 as refused credentials (reference §1.3).
      return { status: 401, headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="Payline"' }, body: 'Unauthorized', record: { service, result: 'HTTP 401' } };
    }
    if (req.method !== 'POST') return xml(405, soapFault('Client', 'POST only'), { service, result: 'HTTP 405' });
    let op = (req.headers.soapaction ?? '').replaceAll('"', '').trim();
    let body;
    try {
      const root = parseXml(req.body);
      const soapBody = root.ns === SOAP && root.local === 'Envelope' ? root.children.find((c) => c.ns === SOAP && c.local === 'Body') : undefined;
      if (!soapBody) throw new Error('not a SOAP 1.1 Envelope with a Body');
      const wrapper = soapBody.children[0];
      if (!wrapper) throw new Error('empty SOAP Body');
      const name = wrapper.local.replace(/Request$/, '');
      if (wrapper.ns !== IMPL || !wrapper.local.endsWith('Request') || !(Object.hasOwn(SERVICES, service) && SERVICES[service].includes(name))) {
        throw new Error(`unexpected element (uri:"${wrapper.ns}", local:"${wrapper.local}") for ${service}`);
      }
      if (op && op !== name) throw new Error(`SOAPAction "${op}" does not match ${wrapper.local}`);
      op = name;
      body = toValue(wrapper, 0) ?? {};
    } catch (e) {
      // What a JAX-WS endpoint answers to a request it cannot unmarshal.
      return xml(500, soapFault('Client', `Unmarshalling Error: ${e.message}`), { service, operation: op || null, result: 'SOAP Fault' });
    }
    const rec = { service, operation: op, body: maskRecorded(body) };
    try {
      checkRequest(op, body);
      const fields = ops[op](body);
      return xml(200, render(op, '00000', null, fields), { ...rec, result: '00000' });
    } catch (e) {
      // Input no rule expected (an element holding elements where a value is read, `<amount><toString>`):
      // a Server fault, not a rejected fetch (an attack, nineteenth pass), and not a Client one: the rule
      // may have changed the state before it stopped (the review of the pass: an authorization stored,
      // then "Unmarshalling Error"), so the caller must read the outcome as unknown.
      if (!(e instanceof PaylineResult)) return xml(500, soapFault('Server', 'the request could not be processed: a value of an unexpected type'), { ...rec, result: 'SOAP Fault' });
      // Business refusals: HTTP 200 with a result code (reference §1.4); only `result`, as in the
      // Java SDK's error fixtures.
      return xml(200, render(op, e.code, e.message, []), { ...rec, result: e.code });
    }
  }

  const view = (tx) =>
    tx && {
      id: tx.id,
      kind: tx.kind,
      status: tx.status,
      amount: tx.amount,
      currency: tx.currency,
      // A capture or refund row carries no running totals of its own: 0, as its declaration says.
      captured: tx.captured ?? 0,
      refunded: tx.refunded ?? 0,
      contractNumber: tx.contractNumber,
      orderRef: tx.order?.ref ?? null,
      date: new Date(tx.created).toISOString(),
      parent: tx.parent,
    };

  const api = {
    credentials: { merchantId: creds.merchantId, accessKey: creds.accessKey },
    contracts,
    /**
     * Seeds an authorization (action 100) or an authorization + capture (101), by default now; give
     * `date` (a Date or ISO string in the past) to make an older one, `id` to choose its id.
     */
    createTransaction({ id, amount, currency = 'EUR', action = 100, contractNumber = '1234567', orderRef, date, ...rest } = {}) {
      refuseUnknown(rest, 'id, amount, currency, action, contractNumber, orderRef, date');
      if (id !== undefined && (typeof id !== 'string' || id === '' || id.length > 50 || txs.has(id))) throw new TypeError('createTransaction: id must be a new string of at most 50 characters');
      if (!Number.isSafeInteger(amount) || amount <= 0) throw new TypeError('createTransaction: amount must be a positive integer in minor units');
      const numeric = isoNumeric(currency);
      if (!numeric) throw new TypeError(`createTransaction: currency ${String(currency)}: give an ISO 4217 code, its letters ('EUR', 'KWD') or its number ('978')`);
      // A text, as the requests carry it (a number was stored as one, and no later request's text matched it).
      if (typeof contractNumber !== 'string' || !Object.hasOwn(contracts, contractNumber)) throw new TypeError(`createTransaction: contractNumber ${String(contractNumber)}: give one of the simulated contracts as a text (${Object.keys(contracts).map((c) => `'${c}'`).join(', ')})`);
      // An action doAuthorization takes (an unknown one had become an authorization + capture).
      if (actionOf(String(action)) === null) throw new TypeError(`createTransaction: action ${action}: give one of ${Object.keys(AUTHORIZATION_ACTIONS).join(', ')}`);
      const created = date === undefined ? ctx.now() : instantOf(date);
      // (An invalid date threw Intl's bare RangeError from `paris`: a helper's fuzz, twentieth pass.)
      if (!Number.isFinite(created)) throw new TypeError(`createTransaction: date ${String(date)}: give a Date or an ISO 8601 text`);
      const p = paris(created);
      const ref = orderRef ?? `ORDER-${ctx.seq()}`;
      const tx = newPayment({
        id,
        kind: actionOf(String(action))?.capture === false ? 'AUTHOR' : 'AUTHOR+CAP',
        amount,
        currency: numeric,
        action: String(action),
        mode: 'CPT',
        contractNumber,
        order: { ref, amount, currency: numeric, date: `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` },
        card: { number: '497010XXXXXX0055', type: 'CB', expirationDate: '1130' },
        created,
      });
      tick(ctx.now());
      return view(tx);
    },
    getTransaction: (id) => view(txs.get(id)),
    transactions: () => [...txs.values()].map(view),
  };

  return {
    handle,
    tick,
    api,
    reset() {
      txs = new Map();
      copyContracts();
    },
  };
}
