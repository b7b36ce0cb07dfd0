// Systempay (Lyra REST API V4) simulator. Written from the project's reference notes on the platform
// (Systempay/Lyra documentation pages and Lyra's SDKs), independently of remise's own validators,
// so that each checks the other. Every rule that is uncertain sits in one table below with its source.
import { DAY_MS, addParisDays, basicCredentials, hmacSha256Hex, instantOf, isObject, isoUtc, maskRecorded, parisTimeOn, refuseUnknown, sameText } from './util.js';

// Default credentials: Lyra's published PayZen demo shop (lyra/rest-php-examples www/keys.php).
export const SYSTEMPAY_DEFAULTS = {
  shopId: '69876357',
  password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M',
  hmacKey: '38453613e7f44dc58732bad3dca2bca3',
};

// HTTP status of the INT_905 (bad credentials) envelope. UNCERTAIN: Lyra's SDK test asserts only
// status ERROR + INT_905; Lyra's SDKs read JSON bodies of HTTP 200 and 401, so 401 is taken here.
const BAD_CREDENTIALS_HTTP = 401;

// The 34 currencies Systempay's REST playground lists (reference systempay.md §6.1, the seed's table;
// remise's `systempay` table). Anything else is INT_010: the white labels' extra ones (KWD, TND, XOF…)
// are not Systempay's.
const CURRENCIES = new Set(
  ('AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HRK HUF IDR INR JPY KHR KRW MXN MYR NOK NZD PHP PLN ' +
    'RON RUB SEK SGD THB TRY TWD USD XPF ZAR').split(' '),
);

// Error codes and messages (reference systempay.md §5, errors_psp / errors-reference pages).
const ERRORS = {
  INT_009: 'invalid amount', // meaning UNCERTAIN (brief), used for a non-integer or negative amount
  INT_010: 'invalid currency',
  INT_015: 'invalid customer email', // the errors-reference page's own example (reference §3.1)
  INT_016: 'invalid customer reference',
  INT_902: 'web-service input data validation error',
  INT_905: 'invalid login or private key',
  PSP_002: 'invalid attribute',
  PSP_010: 'transaction not found',
  PSP_011: 'incorrect transaction status',
  PSP_013: 'date too far from current date',
  PSP_014: 'no change', // Transaction/Update with nothing to change (UNCERTAIN, §2.4)
  PSP_015: 'too many results',
  PSP_020: 'invalid amount', // amount above what is left to refund, or a partial cancel (UNCERTAIN which code)
  PSP_075: 'cancellation impossible, try a refund',
  PSP_076: 'refund not yet available, try to cancel',
  PSP_104: 'transaction has already been paid in full', // the doc's wording for "nothing left to refund"
  PSP_105: 'transaction already cancelled',
};

// Statuses (reference §4, status_reference). detailedStatus → status.
const STATUS_OF = {
  AUTHORISED: 'PAID',
  CAPTURED: 'PAID',
  AUTHORISED_TO_VALIDATE: 'RUNNING',
  WAITING_AUTHORISATION: 'RUNNING',
  WAITING_AUTHORISATION_TO_VALIDATE: 'RUNNING',
  CANCELLED: 'UNPAID',
  EXPIRED: 'UNPAID',
  REFUSED: 'UNPAID',
};
// Operations allowed per detailedStatus (reference §4 table, from the playground pages).
const CANCELLABLE = new Set(['AUTHORISED', 'AUTHORISED_TO_VALIDATE', 'WAITING_AUTHORISATION', 'WAITING_AUTHORISATION_TO_VALIDATE']);
const VALIDATABLE = { AUTHORISED_TO_VALIDATE: 'AUTHORISED', WAITING_AUTHORISATION_TO_VALIDATE: 'WAITING_AUTHORISATION' };
const DUPLICABLE = new Set(['CAPTURED', 'EXPIRED', 'CANCELLED', 'REFUSED']);
const RESOLUTION_MODES = new Set(['AUTO', 'CANCELLATION_ONLY', 'REFUND_ONLY']); // AUTO default: seed document
const ORDER_GET_MAX = 30; // Order/Get answers at most 30 transactions, else PSP_015 (§2.8)
// Amounts have 12 digits at most on every service (Lyra's REST field list, support.lyra.com article
// 19077577785362, as README "Lengths" cites it; remise's MAX_AMOUNT): a larger one is INT_009.
const MAX_AMOUNT = 999_999_999_999;
// orderId: "Does not support UTF-8 characters" (systempay.md §2, Order/Get and Transaction/Update
// playgrounds), at most 64 characters (the same field list; §2 says 64 is common on the platform):
// printable ASCII, as remise sends it. Another is INT_902 (the simulator's choice: the notes name no code).
const ORDER_ID = /^[\x20-\x7e]{0,64}$/;
// cardUpdate.expectedCaptureDate: a date and a time (hours and minutes at least), an offset optional
// (none: Paris time, as every date the simulator reads); `instantOf` then checks each part's range.
const DATE_TIME = /^([+-]\d{6}|\d{4})-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;
const MAX_CAPTURE_DELAY = 365; // hosted-form vads_capture_delay is clamped to 365 (UNCERTAIN for REST)
// How long an authorisation holds, in days. Two rules hang on it (reference systempay.md): a capture
// delay beyond it ("capture delay > authorization validity", strictly, §4) waits in WAITING_AUTHORISATION
// and is authorised the day before capture; an unvalidated transaction (AUTHORISED_TO_VALIDATE) expires
// when its authorisation lapses (§2.5, §4), whatever its capture date. UNCERTAIN: systempay.md gives no
// figure (it depends on the card network); 7 days is the CB one, as Monext documents it (payline.md §6,
// Reauthorization page: "An authorization is valid 7 days").
const AUTHORISATION_VALIDITY_DAYS = 7;
// "capture of the previous day's transactions runs at 00:05" (lyra.com kb/cancel_refund.html): Paris
// time, the platform's (UNCERTAIN: the page names no zone; it was UTC here until the twenty-fourth pass).
const CAPTURE_RUN = [0, 5];

class SystempayError extends Error {
  constructor(code, detail) {
    super(ERRORS[code] ?? code);
    this.errorCode = code;
    this.detail = detail ?? null;
  }
}
const fail = (code, detail) => {
  throw new SystempayError(code, detail);
};
// (White space as remise's check reads it, Rust's `char::is_whitespace`: JS `\s` also holds U+FEFF, which
// remise sends; a review of the pass.)
const NOT_IN_EMAIL = '@\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EMAIL = new RegExp(`^[^${NOT_IN_EMAIL}]+@[^${NOT_IN_EMAIL}.][^${NOT_IN_EMAIL}]*\\.[^${NOT_IN_EMAIL}]*[^${NOT_IN_EMAIL}.]$`);
const isEmail = (v) => typeof v === 'string' && EMAIL.test(v) && !/[\u0000-\u001f\u007f-\u009f]/.test(v);
const invalid = (name, value) => `Invalid input value [name=${name}, value=${value === undefined ? 'null' : String(value)}]`;

export function createSystempay(ctx, config = {}) {
  const creds = { ...SYSTEMPAY_DEFAULTS, ...config };
  // A shop id is 8 digits, as systempay.Client requires (the review of the twentieth pass: a simulator
  // of shop '123' started, and no client could talk to it).
  if (typeof creds.shopId !== 'string' || !/^[0-9]{8}$/.test(creds.shopId)) {
    // Its length, not its text: a password given as the shop id was quoted (its first 20 characters,
    // 7 past `prodpassword_`), where systempay.Client quotes nothing (a helper's attack, twenty-fifth pass).
    const got = typeof creds.shopId !== 'string' ? typeof creds.shopId : /^[0-9]*$/.test(creds.shopId) ? `${creds.shopId.length} digits` : `a string of ${creds.shopId.length} characters, not digits only`;
    throw new TypeError(`createSimulator: systempay.shopId must be 8 digits as a string (the Back Office's 'User', e.g. '69876357'), got ${got}`);
  }
  let txs = new Map(); // uuid → transaction state

  /** A generated uuid not in use: one given to createTransaction is skipped, never replaced. */
  function newUuid() {
    let uuid;
    do uuid = ctx.hex32();
    while (txs.has(uuid));
    return uuid;
  }

  // ---- state ------------------------------------------------------------------------------------
  function newTransaction({ uuid, amount, currency, captureDelay = 0, manualValidation = false, orderId = null, metadata = null, operationType = 'DEBIT', parent = null }) {
    const now = ctx.now();
    const delay = Math.min(Math.max(0, captureDelay), MAX_CAPTURE_DELAY);
    // Calendar days in Paris (addParisDays), as every date rule here.
    const expectedCapture = addParisDays(now, delay);
    const waiting = delay > AUTHORISATION_VALIDITY_DAYS;
    const detailed = (waiting ? 'WAITING_AUTHORISATION' : 'AUTHORISED') + (manualValidation ? '_TO_VALIDATE' : '');
    const tx = {
      uuid: uuid ?? newUuid(),
      amount,
      currency,
      detailedStatus: detailed,
      operationType,
      created: now,
      expectedCapture,
      authoriseAt: waiting ? addParisDays(expectedCapture, -1) : now,
      // Whether its authorisation was asked: not while it waits, nor ever when it was cancelled before.
      authorised: !waiting,
      manualValidation,
      // When a transaction to validate was validated (null otherwise): it is captured at the first capture
      // run after it (captureRunAt).
      validatedAt: null,
      orderId,
      metadata,
      parent,
      refunded: 0,
      captureDate: null,
      authorizationNumber: String(ctx.seq() % 1_000_000).padStart(6, '0'),
      sequenceNumber: 1,
    };
    txs.set(tx.uuid, tx);
    return tx;
  }

  /** The first capture run (00:05 in Paris) strictly after `ms`. */
  const runAfter = (ms) => {
    const today = parisTimeOn(ms, 0, ...CAPTURE_RUN);
    return today > ms ? today : parisTimeOn(ms, 1, ...CAPTURE_RUN);
  };
  /**
   * When the capture run picks this transaction up: 00:05 in Paris the day after its capture date ("capture
   * of the previous day's transactions runs at 00:05", reference systempay.md §4, kb/cancel_refund.html),
   * and never before the first run after its validation: a transaction validated after its capture date
   * is captured at the next run, not dated back to a run it was not capturable at.
   */
  const captureRunAt = (tx) => {
    // Kept on the transaction while its dates stay (Paris times through Intl cost 20 to 40 µs, and
    // each advance asks it of every pending transaction: 200 000 of them took seconds, a helper's
    // attack, twenty-fourth pass).
    if (tx.runAt !== undefined && tx.runFor === tx.expectedCapture && tx.runAfter === tx.validatedAt) return tx.runAt;
    const scheduled = parisTimeOn(tx.expectedCapture, 1, ...CAPTURE_RUN);
    tx.runAt = tx.validatedAt === null ? scheduled : Math.max(scheduled, runAfter(tx.validatedAt));
    tx.runFor = tx.expectedCapture;
    tx.runAfter = tx.validatedAt;
    return tx.runAt;
  };
  /** Marks a transaction to validate as validated now (Transaction/Validate, or Update turning manual validation off). */
  function validated(tx) {
    tx.detailedStatus = tx.detailedStatus.replace('_TO_VALIDATE', '');
    tx.manualValidation = false;
    tx.validatedAt = ctx.now();
  }

  /** When the authorisation of a transaction lapses (asked at `authoriseAt`). */
  // Calendar days, as the capture delay it is compared with (counted in hours, a payment with a delay of 7
  // expired an hour before its capture date in October's week: the review of the pass).
  const lapsesAt = (tx) => addParisDays(tx.authoriseAt, AUTHORISATION_VALIDITY_DAYS);

  function tick(now) {
    for (const tx of txs.values()) {
      // Only a transaction waiting, to validate or authorised changes with the clock (a captured,
      // cancelled or refused one is skipped before any date is worked out).
      const status = tx.detailedStatus;
      if (!status.startsWith('AUTHORISED') && !status.startsWith('WAITING_AUTHORISATION')) continue;
      if (tx.detailedStatus.startsWith('WAITING_AUTHORISATION') && now >= tx.authoriseAt) {
        tx.detailedStatus = tx.detailedStatus.replace('WAITING_AUTHORISATION', 'AUTHORISED');
        tx.authorised = true;
      }
      if (tx.detailedStatus === 'AUTHORISED_TO_VALIDATE' && now >= lapsesAt(tx)) {
        // Never validated: it expires when the authorisation lapses (§2.5, kb/validation_mode.html),
        // not at its capture date's run, which only captures what was validated by then.
        expire(tx);
        continue;
      }
      if (now < captureRunAt(tx)) continue;
      if (tx.detailedStatus === 'AUTHORISED') {
        tx.detailedStatus = 'CAPTURED';
        tx.captureDate = captureRunAt(tx);
      }
    }
  }

  /**
   * What a refund (CREDIT) counts in its parent's refunded amount: its amount until it is cancelled or
   * expires before its capture, then nothing (it is never paid: reference §2.1, remaining = amount -
   * refundAmount). Called before a CREDIT's amount or status changes.
   */
  function uncount(tx, amount = tx.amount) {
    if (tx.operationType !== 'CREDIT' || tx.parent === null) return;
    const parent = txs.get(tx.parent);
    if (parent) parent.refunded -= amount;
  }
  function expire(tx) {
    uncount(tx);
    tx.detailedStatus = 'EXPIRED';
  }

  function view(tx, type = 'V4/Transaction') {
    const captured = tx.captureDate !== null;
    // (Not asked yet, or never: cancelled while it waited; a review of the pass.)
    const waitingAuthorisation = tx.authorised === false;
    return {
      shopId: creds.shopId,
      uuid: tx.uuid,
      amount: tx.amount,
      currency: tx.currency,
      paymentMethodType: 'CARD',
      paymentMethodToken: null,
      status: STATUS_OF[tx.detailedStatus] ?? 'RUNNING',
      detailedStatus: tx.detailedStatus,
      operationType: tx.operationType,
      effectiveStrongAuthentication: 'DISABLED',
      creationDate: isoUtc(tx.created),
      errorCode: null,
      errorMessage: null,
      detailedErrorCode: null,
      detailedErrorMessage: null,
      metadata: tx.metadata,
      orderDetails: { orderId: tx.orderId, _type: 'V4/OrderDetails' }, // placement of orderId UNCERTAIN
      transactionDetails: {
        liabilityShift: 'NO',
        effectiveAmount: tx.amount,
        effectiveCurrency: tx.currency,
        creationContext: tx.operationType === 'CREDIT' ? 'REFUND' : 'CHARGE',
        cardDetails: {
          paymentSource: 'EC',
          manualValidation: tx.manualValidation ? 'YES' : 'NO',
          expectedCaptureDate: isoUtc(tx.expectedCapture),
          effectiveBrand: 'CB',
          pan: '497010XXXXXX0055',
          expiryMonth: 11,
          expiryYear: 2030,
          country: 'FR',
          legacyTransId: tx.authorizationNumber,
          // Nothing authorised while WAITING_AUTHORISATION (asked the day before the capture, §4): it
          // showed a result '0', a number and a date in the future (a helper's attack on the simulator,
          // twenty-seventh pass; the notes have no example of this status, so the nulls are inferred).
          authorizationResponse: {
            amount: waitingAuthorisation ? null : tx.amount,
            currency: waitingAuthorisation ? null : tx.currency,
            authorizationDate: waitingAuthorisation ? null : isoUtc(tx.authoriseAt),
            authorizationNumber: waitingAuthorisation ? null : tx.authorizationNumber,
            authorizationResult: waitingAuthorisation ? null : '0',
            authorizationMode: waitingAuthorisation ? null : 'FULL',
            _type: 'V4/PaymentMethod/Details/Cards/CardAuthorizationResponse',
          },
          captureResponse: {
            refundAmount: tx.operationType === 'DEBIT' && tx.refunded > 0 ? tx.refunded : null,
            refundCurrency: tx.operationType === 'DEBIT' && tx.refunded > 0 ? tx.currency : null,
            captureDate: captured ? isoUtc(tx.captureDate) : null,
            // A string, as in the platform's published Transaction/Get example.
            captureFileNumber: captured ? String(Math.floor(tx.captureDate / DAY_MS) % 100_000) : null,
            _type: 'V4/PaymentMethod/Details/Cards/CardCaptureResponse',
          },
          _type: 'V4/PaymentMethod/Details/CardDetails',
        },
        parentTransactionUuid: tx.parent,
        mid: '1234567',
        sequenceNumber: tx.sequenceNumber,
        _type: 'V4/TransactionDetails',
      },
      _type: type,
    };
  }

  // ---- input checks (INT_*) ---------------------------------------------------------------------
  function uuidOf(body) {
    const { uuid } = body;
    if (typeof uuid !== 'string' || uuid === '') fail('INT_902', invalid('uuid', uuid));
    const tx = txs.get(uuid);
    if (!tx) fail('PSP_010', `transaction ${uuid} not found`);
    return tx;
  }
  function amountOf(body, name, required) {
    const v = body[name.split('.').pop()];
    if (v === undefined || v === null) {
      if (required) fail('INT_902', invalid(name, v));
      return undefined;
    }
    // The doc's own CreatePayment example sends "990" as a string; the server takes it (§2).
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    // Past 12 digits too (it took 1e12 and more: a check against the notes, twenty-fifth pass).
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_AMOUNT) fail('INT_009', invalid(name, v));
    return n;
  }
  function currencyOf(body, name, required) {
    const v = body[name.split('.').pop()];
    if (v === undefined || v === null) {
      if (required) fail('INT_902', invalid(name, v));
      return undefined;
    }
    if (typeof v !== 'string' || !CURRENCIES.has(v)) fail('INT_010', invalid(name, v));
    return v;
  }
  /**
   * `transactionOptions.cardOptions` (CancelOrRefund, Refund, CreatePayment) or `cardDuplicate`. With
   * `noMid`, a `mid` other than null is INT_902: "This field cannot be used and must be null"
   * (seeds/systempay-cancelorrefund.txt; systempay.md §2.1, §2.3 the same fields on Refund). It was
   * ignored (a check against the notes, twenty-fifth pass); the code is the simulator's choice, the
   * seed names none.
   */
  function cardOptions(opts, name, { noMid = false } = {}) {
    if (opts === undefined || opts === null) return {};
    if (!isObject(opts)) fail('INT_902', invalid(name, JSON.stringify(opts)));
    if (noMid && opts.mid !== undefined && opts.mid !== null) fail('INT_902', invalid(`${name}.mid`, typeof opts.mid === 'object' ? JSON.stringify(opts.mid) : opts.mid));
    const out = {};
    if (opts.captureDelay !== undefined && opts.captureDelay !== null) {
      if (!Number.isSafeInteger(opts.captureDelay) || opts.captureDelay < 0) fail('INT_902', invalid(`${name}.captureDelay`, opts.captureDelay));
      out.captureDelay = opts.captureDelay;
    }
    if (opts.manualValidation !== undefined && opts.manualValidation !== null) {
      if (opts.manualValidation !== 'YES' && opts.manualValidation !== 'NO') fail('INT_902', invalid(`${name}.manualValidation`, opts.manualValidation));
      out.manualValidation = opts.manualValidation === 'YES';
    }
    return out;
  }
  function sameCurrency(tx, currency, name = 'currency') {
    if (currency !== undefined && currency !== tx.currency) fail('INT_010', invalid(name, currency));
  }
  /** `orderId` (ORDER_ID), undefined when left out or null; Order/Get requires it. */
  function orderIdOf(body, required) {
    const v = body.orderId;
    if ((v === undefined || v === null) && !required) return undefined;
    if (typeof v !== 'string' || !ORDER_ID.test(v) || (required && v === '')) fail('INT_902', invalid('orderId', typeof v === 'object' ? JSON.stringify(v) : v));
    return v;
  }

  // ---- operations -------------------------------------------------------------------------------
  /** PSP_011 for a transaction that is not a captured payment (DEBIT): one message for both routes. */
  function notRefundable(tx) {
    const what = tx.detailedStatus === 'CAPTURED' ? ` (${tx.operationType}): only a DEBIT is refunded` : '';
    fail('PSP_011', `transaction ${tx.uuid} is ${tx.detailedStatus}${what}`);
  }
  function cancel(tx) {
    // A refund cancelled before its capture gives its amount back to what is left to refund.
    uncount(tx);
    tx.detailedStatus = 'CANCELLED';
    return view(tx);
  }
  function refund(tx, amount, options) {
    const left = tx.amount - tx.refunded;
    if (left <= 0) fail('PSP_104', `transaction ${tx.uuid} is fully refunded`);
    const value = amount ?? left; // no amount: what is left (UNCERTAIN)
    // (0 was told "above what is left": a helper's walk, twenty-second pass.)
    if (value === 0 || value > left) fail('PSP_020', value === 0 ? 'amount 0: a refund is of 1 minor unit at least' : `amount ${value} is above the ${left} left to refund`);
    tx.refunded += value;
    // Numbered after the payment's other operations (each refund had 2): Lyra's plugin sorts an order's
    // transactions by sequenceNumber (reference systempay.md §2.8; the platform's own numbering UNCERTAIN).
    const after = Math.max(tx.sequenceNumber, ...[...txs.values()].filter((t) => t.parent === tx.uuid).map((t) => t.sequenceNumber));
    const credit = newTransaction({
      amount: value,
      currency: tx.currency,
      captureDelay: options.captureDelay ?? 0,
      manualValidation: options.manualValidation ?? false,
      orderId: tx.orderId,
      operationType: 'CREDIT',
      parent: tx.uuid,
    });
    credit.sequenceNumber = after + 1;
    return view(credit);
  }

  const services = {
    'Charge/SDKTest': (body) => ({ value: body.value ?? null, _type: 'V4/Charge/SDKTest' }),

    'Charge/CreatePayment': (body) => {
      const amount = amountOf(body, 'amount', true);
      const currency = currencyOf(body, 'currency', true);
      const orderId = orderIdOf(body, false);
      const opts = cardOptions(body.transactionOptions?.cardOptions, 'transactionOptions.cardOptions');
      if (body.formAction === 'CUSTOMER_WALLET' && !body.customer?.reference) fail('INT_016', invalid('customer.reference', undefined));
      // An address that is none: INT_015, the errors-reference page's example (`fake-email`); it was taken,
      // so Lyra's own retry without the field could not be tried (a helper's attack on the simulator,
      // twenty-seventh pass). The shape remise checks before sending: one @, a dot in the domain, no space.
      const email = body.customer?.email;
      if (email !== undefined && email !== null && !isEmail(email)) fail('INT_015', invalid('customer.email', email));
      // The buyer pays at once with a test card: the transaction exists from now on (Order/Get by orderId).
      const tx = newTransaction({ amount, currency, ...opts, orderId: orderId ?? null, metadata: body.metadata ?? null });
      return { formToken: `${tx.uuid}${'0'.repeat(8)}SIMULATED`, _type: 'V4/Charge/PaymentForm' };
    },

    'Transaction/Get': (body) => view(uuidOf(body)),

    'Order/Get': (body) => {
      orderIdOf(body, true);
      const type = body.operationType;
      if (type !== undefined && type !== null && !['DEBIT', 'CREDIT', 'VERIFICATION'].includes(type)) fail('INT_902', invalid('operationType', type));
      const found = [...txs.values()].filter((t) => t.orderId === body.orderId && (!type || t.operationType === type));
      if (found.length > ORDER_GET_MAX) fail('PSP_015', `${found.length} transactions for order ${body.orderId}`);
      return { transactions: found.map((t) => view(t)), _type: 'V4/OrderTransactions' };
    },

    'Transaction/CancelOrRefund': (body) => {
      const tx = uuidOf(body);
      // Sent empty, AUTO (seeds/systempay-cancelorrefund.txt: "If the field is sent empty, the default
      // value will be AUTO"; it was INT_902 here: a helper's walk, twenty-second pass).
      const mode = body.resolutionMode === undefined || body.resolutionMode === null || body.resolutionMode === '' ? 'AUTO' : body.resolutionMode;
      if (!RESOLUTION_MODES.has(mode)) fail('INT_902', invalid('resolutionMode', mode));
      const amount = amountOf(body, 'amount', false);
      const currency = currencyOf(body, 'currency', false);
      sameCurrency(tx, currency);
      const opts = cardOptions(body.transactionOptions?.cardOptions, 'transactionOptions.cardOptions', { noMid: true });
      if (tx.detailedStatus === 'CANCELLED') fail('PSP_105', `transaction ${tx.uuid} is already cancelled`);
      if (CANCELLABLE.has(tx.detailedStatus)) {
        if (mode === 'REFUND_ONLY') fail('PSP_076', `transaction ${tx.uuid} is ${tx.detailedStatus}, not captured yet`);
        // Partial cancellation is not possible here: Transaction/Update lowers the amount (§2.1).
        if (amount !== undefined && amount !== tx.amount) fail('PSP_020', `a cancellation is always total (${tx.amount}); use Transaction/Update to lower the amount`);
        return cancel(tx);
      }
      // A cancellation is decided by status alone, as Transaction/Cancel decides it: captured → PSP_075,
      // a CREDIT too (§4). A refund needs a captured DEBIT, as Transaction/Refund: a captured refund
      // (CREDIT) is not refunded again, PSP_011 (UNCERTAIN: systempay.md says nothing of refunding a CREDIT).
      if (tx.detailedStatus === 'CAPTURED' && mode === 'CANCELLATION_ONLY') fail('PSP_075', `transaction ${tx.uuid} is captured`);
      if (tx.detailedStatus === 'CAPTURED' && tx.operationType === 'DEBIT') return refund(tx, amount, opts);
      notRefundable(tx);
    },

    'Transaction/Cancel': (body) => {
      const tx = uuidOf(body);
      if (tx.detailedStatus === 'CANCELLED') fail('PSP_105', `transaction ${tx.uuid} is already cancelled`);
      if (tx.detailedStatus === 'CAPTURED') fail('PSP_075', `transaction ${tx.uuid} is captured`);
      if (!CANCELLABLE.has(tx.detailedStatus)) fail('PSP_011', `transaction ${tx.uuid} is ${tx.detailedStatus}`);
      return cancel(tx);
    },

    'Transaction/Refund': (body) => {
      const tx = uuidOf(body);
      const amount = amountOf(body, 'amount', false);
      sameCurrency(tx, currencyOf(body, 'currency', false));
      const opts = cardOptions(body.transactionOptions?.cardOptions, 'transactionOptions.cardOptions', { noMid: true });
      if (CANCELLABLE.has(tx.detailedStatus)) fail('PSP_076', `transaction ${tx.uuid} is ${tx.detailedStatus}, not captured yet`);
      if (tx.detailedStatus !== 'CAPTURED' || tx.operationType !== 'DEBIT') notRefundable(tx);
      return refund(tx, amount, opts);
    },

    'Transaction/Update': (body) => {
      const tx = uuidOf(body);
      if (!CANCELLABLE.has(tx.detailedStatus)) fail('PSP_011', `transaction ${tx.uuid} is ${tx.detailedStatus}`);
      const up = body.cardUpdate ?? {};
      if (!isObject(up)) fail('INT_902', invalid('cardUpdate', JSON.stringify(up)));
      // Every field is read, and every refusal made, before anything changes (a bad date after a lower
      // amount left the amount lowered behind an INT_902: a check against the notes, twenty-fifth pass).
      const amount = amountOf(up, 'cardUpdate.amount', false);
      // `currency` is required beside `amount` (the Transaction/Update playground and the CONECS page mark
      // both "required", as remise's request does; taken only with an amount, as the CONECS example sends a
      // uuid alone: a helper's reading, twenty-eighth pass).
      sameCurrency(tx, currencyOf(up, 'cardUpdate.currency', amount !== undefined), 'cardUpdate.currency');
      const orderId = orderIdOf(body, false);
      // Downward only (§2.4).
      if (amount !== undefined && amount !== tx.amount && (amount > tx.amount || amount === 0)) fail('PSP_020', `the amount can only be lowered (now ${tx.amount})`);
      let when;
      if (up.expectedCaptureDate !== undefined && up.expectedCaptureDate !== null) {
        // An ISO 8601 date-time (§2.4): a date with no time ('2026-12-01') is INT_902, as remise refuses
        // it (it was read as 00:00 that day: a check against the notes, twenty-fifth pass). Read as the
        // simulator reads every date, one without an offset as Paris time (`Date.parse` took it in the
        // host's zone: a test's outcome changed with CI's TZ, a helper's attack, twenty-fourth pass).
        const text = up.expectedCaptureDate;
        when = typeof text === 'string' && DATE_TIME.test(text) ? instantOf(text) : NaN;
        if (Number.isNaN(when)) fail('INT_902', invalid('cardUpdate.expectedCaptureDate', text));
        if (when < ctx.now()) fail('PSP_013', `expectedCaptureDate ${text} is in the past`);
      }
      const manual = up.manualValidation ?? undefined;
      if (manual !== undefined) {
        if (manual !== 'YES' && manual !== 'NO') fail('INT_902', invalid('cardUpdate.manualValidation', manual));
        if (manual === 'YES' && !tx.manualValidation) fail('PSP_002', 'manual validation cannot be turned back on (§2.4: manual → automatic only)');
      }
      const changes = {
        amount: amount !== undefined && amount !== tx.amount,
        date: when !== undefined && when !== tx.expectedCapture,
        validate: manual === 'NO' && tx.manualValidation,
        orderId: orderId !== undefined && orderId !== tx.orderId,
      };
      if (!Object.values(changes).includes(true)) fail('PSP_014', 'nothing to change');
      if (changes.amount) {
        uncount(tx, tx.amount - amount); // a refund lowered before its capture refunds only its new amount
        tx.amount = amount;
      }
      if (changes.date) {
        tx.expectedCapture = when;
        // A transaction waiting for its authorisation is authorised the day before its capture
        // ("authorization will be requested D-1 before capture", reference systempay.md §4): moved with
        // the new date, so it is never authorised after its capture; at once when that day is past.
        if (tx.detailedStatus.startsWith('WAITING_AUTHORISATION')) {
          tx.authoriseAt = Math.max(ctx.now(), addParisDays(when, -1));
          if (tx.authoriseAt === ctx.now()) {
            tx.detailedStatus = tx.detailedStatus.replace('WAITING_AUTHORISATION', 'AUTHORISED');
            tx.authorised = true;
          }
        }
      }
      if (changes.validate) validated(tx);
      if (changes.orderId) tx.orderId = orderId;
      return view(tx);
    },

    'Transaction/Validate': (body) => {
      const tx = uuidOf(body);
      if (!Object.hasOwn(VALIDATABLE, tx.detailedStatus)) fail('PSP_011', `transaction ${tx.uuid} is ${tx.detailedStatus}; only AUTHORISED_TO_VALIDATE and WAITING_AUTHORISATION_TO_VALIDATE can be validated`);
      validated(tx); // to VALIDATABLE[detailedStatus]
      return view(tx);
    },

    'Transaction/Duplicate': (body) => {
      const amount = amountOf(body, 'amount', true);
      const currency = currencyOf(body, 'currency', true);
      const tx = uuidOf(body);
      // A duplicate of 0 moves nothing: PSP_020, as a refund or an update of 0 (the core refuses it before
      // sending, src/systempay/validate.rs `not_zero`; a raw HTTP caller got an AUTHORISED 0: a helper's
      // attack, twenty-fourth pass). UNCERTAIN: the platform's own code for it.
      if (amount === 0) fail('PSP_020', 'amount 0: a duplicate is of 1 minor unit at least');
      const orderId = orderIdOf(body, false);
      const opts = cardOptions(body.cardDuplicate, 'cardDuplicate');
      if (!DUPLICABLE.has(tx.detailedStatus)) fail('PSP_011', `transaction ${tx.uuid} is ${tx.detailedStatus}; Duplicate needs CAPTURED, EXPIRED, CANCELLED or REFUSED`);
      const dup = newTransaction({ amount, currency, ...opts, orderId: orderId ?? tx.orderId, metadata: body.metadata ?? null });
      dup.parent = tx.uuid;
      return view(dup);
    },
  };

  // ---- HTTP -------------------------------------------------------------------------------------
  function envelope(origin, webService, status, answer) {
    return {
      webService,
      version: 'V4',
      applicationVersion: 'remise-simulator',
      status,
      answer,
      ticket: null,
      serverDate: isoUtc(ctx.now()),
      applicationProvider: 'SYSTEMPAY',
      metadata: null,
      mode: 'TEST',
      serverUrl: origin,
      _type: 'V4/WebService/Response',
    };
  }
  function errorAnswer(e) {
    return {
      errorCode: e.errorCode,
      errorMessage: e.message,
      detailedErrorCode: null,
      detailedErrorMessage: e.detail,
      ticket: null,
      shopId: creds.shopId,
      _type: 'V4/WebService/WebServiceError',
    };
  }

  /** Handles one HTTP request whose path starts with /api-payment/. */
  function handle(req, url) {
    const service = url.pathname.replace(/\/+/g, '/').replace(/^\/api-payment\/V4\//, '');
    const json = (status, body, record) => ({ status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body), record });
    if (!Object.hasOwn(services, service)) {
      return json(404, { error: `unknown web service ${service}` }, { service, result: 'HTTP 404' });
    }
    const parsed = req.json;
    const record = { service, body: maskRecorded(parsed ?? req.body) };
    const who = basicCredentials(req.headers.authorization);
    if (!who || who[0] !== creds.shopId || !sameText(who[1], creds.password)) {
      const e = new SystempayError('INT_905', null);
      return json(BAD_CREDENTIALS_HTTP, envelope(url.origin, service, 'ERROR', errorAnswer(e)), { ...record, result: 'INT_905' });
    }
    if (req.method !== 'POST') return json(405, { error: 'POST only' }, { ...record, result: 'HTTP 405' });
    try {
      if (!isObject(parsed)) fail('INT_902', 'the body must be a JSON object');
      const answer = services[service](parsed);
      return json(200, envelope(url.origin, service, 'SUCCESS', answer), { ...record, result: 'SUCCESS' });
    } catch (caught) {
      // Input no rule expected (an object whose `toString` is no function, where a message quotes a
      // value) is the platform's bad input, not a rejected fetch (an attack, nineteenth pass).
      const e = caught instanceof SystempayError ? caught : new SystempayError('INT_902', null);
      // Business errors come back with HTTP 200 (reference §0).
      return json(200, envelope(url.origin, service, 'ERROR', errorAnswer(e)), { ...record, result: e.errorCode });
    }
  }

  // ---- public helpers ---------------------------------------------------------------------------
  const api = {
    // `hmacKey` is readable (`const { password, hmacKey } = …`, parseAnswer) but not enumerable,
    // so that `new systempay.Client({ ...sim.systempay.credentials, fetch })` passes only what the
    // client takes (it refuses unknown options), as the Payline and Office credentials do.
    credentials: Object.defineProperty({ shopId: creds.shopId, password: creds.password }, 'hmacKey', { value: creds.hmacKey, enumerable: false }),
    /**
     * Seeds a transaction as if a buyer had just paid: AUTHORISED (or _TO_VALIDATE / WAITING_*); its
     * uuid is generated unless given. It is captured at the 00:05 run after its capture delay.
     */
    createTransaction({ uuid, amount, currency = 'EUR', captureDelay: delay, manualValidation: manual, orderId = null, metadata = null, ...rest } = {}) {
      refuseUnknown(rest, 'uuid, amount, currency, captureDelay, manualValidation, orderId, metadata');
      // null as left out, as the simulator's other options.
      const captureDelay = delay ?? 0;
      const manualValidation = manual ?? false;
      if (uuid !== undefined && (!/^[0-9a-f]{32}$/.test(uuid) || txs.has(uuid))) throw new TypeError('createTransaction: uuid must be 32 lowercase hex characters, not used yet');
      if (!Number.isSafeInteger(amount) || amount <= 0) throw new TypeError('createTransaction: amount must be a positive integer in minor units');
      if (!CURRENCIES.has(currency)) throw new TypeError(`createTransaction: currency ${currency} is not in the platform's table`);
      // Checked before anything is stored (a helper's attack, twenty-first pass: a NaN delay threw
      // "Invalid time value" after storing a transaction every later list then failed on, and 'NO', the
      // platform's word, was taken as true).
      if (typeof captureDelay !== 'number' || !Number.isInteger(captureDelay) || captureDelay < 0) throw new TypeError('createTransaction: captureDelay must be a whole number of days, 0 or more');
      if (typeof manualValidation !== 'boolean') throw new TypeError('createTransaction: manualValidation must be true or false');
      // (As Order/Get reads one: a seeded orderId it refuses could never be looked up.)
      if (orderId !== null && (typeof orderId !== 'string' || !ORDER_ID.test(orderId))) throw new TypeError('createTransaction: orderId must be a text of at most 64 printable ASCII characters (or null)');
      return view(newTransaction({ uuid, amount, currency, captureDelay, manualValidation, orderId, metadata }));
    },
    /** The transaction as Transaction/Get would answer it, or undefined. */
    getTransaction(uuid) {
      const tx = txs.get(uuid);
      return tx && view(tx);
    },
    /** Every transaction, in creation order. */
    transactions() {
      return [...txs.values()].map((t) => view(t));
    },
    /**
     * The form fields of the IPN the platform would post for the transaction `uuid` (kr-answer a
     * V4/Payment; kr-hash with the password, kr-hash-key `password`; or with the HMAC key when
     * `{ key: 'sha256_hmac' }`, as for a browser return). Slashes in kr-answer are escaped (`\/`)
     * as the platform's PHP-style JSON does; the hash is over the unescaped text (reference §1.3).
     */
    async ipn(uuid, { key = 'password' } = {}) {
      const tx = txs.get(uuid);
      if (!tx) throw new Error(`ipn: no transaction ${uuid}`);
      if (key !== 'password' && key !== 'sha256_hmac') throw new TypeError("ipn: key is 'password' or 'sha256_hmac'");
      const t = view(tx, 'V4/PaymentTransaction');
      const paid = t.status === 'PAID';
      const payment = {
        shopId: creds.shopId,
        orderCycle: t.status === 'RUNNING' ? 'OPEN' : 'CLOSED',
        orderStatus: t.status,
        serverDate: isoUtc(ctx.now()),
        orderDetails: { orderTotalAmount: tx.amount, orderEffectiveAmount: paid ? tx.amount : 0, orderCurrency: tx.currency, mode: 'TEST', orderId: tx.orderId, _type: 'V4/OrderDetails' },
        customer: { reference: null, email: null, _type: 'V4/Customer/Customer' },
        transactions: [t],
        _type: 'V4/Payment',
      };
      const answer = JSON.stringify(payment);
      const hash = await hmacSha256Hex(key === 'password' ? creds.password : creds.hmacKey, answer);
      return {
        'kr-hash': hash,
        'kr-hash-algorithm': 'sha256_hmac',
        'kr-hash-key': key,
        'kr-answer-type': 'V4/Payment',
        'kr-answer': answer.replaceAll('/', '\\/'),
      };
    },
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
