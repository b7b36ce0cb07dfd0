// payline.*: one crossing per call; `Client` sends through the JS transport (transport.js).
import { RemiseError, asText, guarded, hintAt, invoke, invokeRequest, invokeText, issuesOf, joined, notTextHint, withIssue, withIssues, withMore } from './core.js';
import { bindMethods, callOptions, clientFault, defineMethods, notWellFormed, openClient, scrubbing, send, transientForRead, xmlAsRead } from './transport.js';

const G = 'payline';
// The client's methods: money-moving calls are sent once; getTransactionDetails (a read) is retried
// on network errors, 408, 429 and 5xx.
const OPERATIONS = ['doReAuthorization', 'doAuthorization', 'doCapture', 'doRefund', 'doReset', 'doCredit', 'doDebit', 'getTransactionDetails'];

// Valid options under which `request` checks the params again when the caller's options are refused.
const PLACEHOLDER = { merchantId: '1', accessKey: 'placeholder' };

/**
 * The issue of a `baseUrl` that holds a service remise adds itself (`…/V4/services/DirectPaymentAPI` sent
 * to `…/DirectPaymentAPI/DirectPaymentAPI`: a helper's attack, twenty-first pass), or undefined. In JS:
 * the same check in the core, as Systempay's `/api-payment`, measured +23 B of the .wasm.
 */
function serviceInBaseUrl(options) {
  // As the core reads it: its JSON (a URL or a String object gives its text; a fuzz, twenty-first pass).
  const given = guarded(() => (options !== null && typeof options === 'object' ? options.baseUrl : undefined), undefined);
  const url = typeof given === 'string' || given === null || typeof given !== 'object' ? given : guarded(() => JSON.parse(JSON.stringify(given)), undefined);
  if (typeof url !== 'string') return undefined;
  // The path's last segment, as fetch resolves it (dot segments, backslashes) and without trailing
  // slashes or `;params`: a proxy's prefix named like a service (`https://egress.example/ExtendedAPI/
  // payline/V4/services`) is the caller's own path, `…/DirectPaymentAPI//` or `/a/..` is not (the second
  // review of the pass).
  const path = guarded(() => new URL(url).pathname, '');
  const service = /\/(DirectPaymentAPI|ExtendedAPI)(?:;[^/]*)?\/*$/i.exec(path)?.[1];
  if (service === undefined) return undefined;
  return { field: 'options.baseUrl', code: 'FORMAT', message: `holds /${service}, the path remise adds itself: give only what comes before it, e.g. https://homologation.payline.com/V4/services` };
}

/** `f()` with the baseUrl issue above joined to its VALIDATION error, or alone. */
function withBaseUrlIssue(options, f) {
  const bad = serviceInBaseUrl(options);
  let out;
  try {
    out = f();
  } catch (e) {
    if (bad && e instanceof RemiseError && e.code === 'VALIDATION' && Array.isArray(e.issues)) throw withMore(G, e, [bad]);
    throw e;
  }
  if (bad) throw withIssues(G, [bad]);
  return out;
}

/**
 * Payline's text fields that hold a date in a layout of their own (`Kind::FreeText` in
 * src/payline/model.rs, in the bodies of these operations), by operation. A `Date` given there went as
 * its JSON, UTC ISO 8601 text, another day than the one meant under Paris midnight and another text on
 * every server time zone (a helper's attack, thirtieth pass): refused in JS, where a Date is still one
 * (the core sees its text). The fields whose layout remise writes (`order.date`, …) take a Date.
 */
const TEXT_DATES = [['card', 'ownerBirthdayDate'], ['buyer', 'birthDate'], ['buyer', 'accountCreateDate'], ['buyer', 'shippingAdress', 'addressCreateDate'], ['buyer', 'billingAddress', 'addressCreateDate'], ['owner', 'issueCardDate']];
const WITH_TEXT_DATES = new Set(['doAuthorization', 'doCredit', 'doDebit']);

/** The TYPE issues of a `Date` (or a date library's object) given in one of those fields (none for another operation). */
function textDates(operation, params) {
  if (!WITH_TEXT_DATES.has(operation) || params === null || typeof params !== 'object') return [];
  const out = [];
  for (const path of TEXT_DATES) {
    const isDate = guarded(() => {
      let v = params;
      for (const k of path) {
        if (v === null || typeof v !== 'object') return false;
        v = v[k];
      }
      // (Duck-typed, as the boundary's replacer: `instanceof` fails across realms.)
      if (v === null || typeof v !== 'object') return false;
      if (typeof v.getTime === 'function' && typeof v.toISOString === 'function') return true;
      // A date library's value (dayjs, moment, Luxon): its JSON is ISO 8601 date-time text too (the review
      // of the thirtieth pass).
      const json = typeof v.toJSON === 'function' ? v.toJSON() : undefined;
      return typeof json === 'string' && /^[+-]?\d{4,6}-\d\d-\d\dT/.test(json);
    }, false);
    if (isDate) {
      out.push({ field: path.join('.'), code: 'TYPE', message: 'is a date object, which this text field does not take (sent as its JSON, ISO 8601 text, in UTC for a Date, it could name another day): give the text in the layout Payline documents for it' });
    }
  }
  return out;
}

export default function payline(raw) {
  /**
   * A Payline client: validates, sends, decodes. Methods resolve with the decoded answer when its
   * result code is accepted and reject GATEWAY_ERROR (with gatewayCode) otherwise. Money-moving
   * calls are never resent; getTransactionDetails is retried as a read.
   */
  class Client {
    #core;
    #settings;
    constructor(options) {
      const { core, settings } = withBaseUrlIssue(options, () => openClient(raw, G, options));
      this.#core = core;
      this.#settings = settings;
      bindMethods(this, Client.prototype);
    }
    // One method per operation (`defineMethods`); `options.signal` (an AbortSignal) stops the
    // call: ABORTED. Their docs are the declarations' (types/payline.d.ts).
    #run(op, params, options) {
      const o = callOptions(G, options, false);
      const dates = textDates(op, params);
      if (dates.length) o[2] = joined(dates, o[2]);
      return send(this.#core, this.#settings, G, op, [params], [''], false, o);
    }
    static {
      defineMethods(this, OPERATIONS, 1, (client, op, params, options) => client.#run(op, params, options));
    }
  }
  return {
    request: (operation, params, options) =>
      scrubbing(options, () => withBaseUrlIssue(options, () => withIssue(G, textDates(operation, params), () => invokeRequest(raw, 'payline.request', [operation, params, options], ['operation', '', 'options'], G, PLACEHOLDER)))),
    parseResponse: (operation, xml, httpStatus) => {
      // (Line ends as XML reads them; a 200 answer holding a character XML does not allow is the refusal
      // of no answer, said; under another status it goes as it came, as the client sends it: transport.js.)
      // (The status as the core reads it, through JSON: `new Number(200)` or a toJSON giving 200 is 200;
      // a 200 so given let an answer holding `&#x1;` through, a helper's differential run.)
      const [text, problem] = xmlAsRead(asText(xml));
      const status = problem === undefined ? undefined : guarded(() => JSON.parse(JSON.stringify([httpStatus]))[0], undefined);
      const notXml = httpStatus === undefined || httpStatus === null || status === 200 ? problem : undefined;
      try {
        return invokeText(raw, 'payline.parseResponse', [operation, problem === undefined ? text : notXml === undefined ? xml : '', httpStatus], ['operation', 'xml', 'httpStatus'], G, 1);
      } catch (e) {
        if (e instanceof RemiseError) notWellFormed(e, notXml);
        // The XML given first (as the other readers take their text), or not as text (the messages
        // audit, twenty-ninth pass).
        const order = guarded(() => typeof operation === 'string' && operation.trimStart().startsWith('<'), false) ? "payline.parseResponse takes (operation, xml): the operation first, e.g. parseResponse('doCapture', xml)" : undefined;
        hintAt(hintAt(e, 'operation', order), 'xml', order ?? notTextHint(xml, 'XML answer', 'as the third argument'));
        // A read's refusal or fault under 408, 429 or 5xx is transient, as the client retries it without
        // reading it, a `Client` fault under 500 aside (transport.js reads that one): it said
        // `retryable: false` where the client sends the read again (a helper's attack, twenty-first
        // pass; the declarations promise the client's table).
        // (The status the core read, on the error: the argument may be an object with a toJSON whose
        // valueOf throws, compared here: a fuzz, twenty-first pass.)
        // The same two rules as the client's (transport.js `transientForRead`, `clientFault`).
        if (operation === 'getTransactionDetails' && e instanceof RemiseError && e.code === 'GATEWAY_ERROR' && transientForRead(e.httpStatus) && !(e.httpStatus === 500 && clientFault(e))) {
          e.retryable = true;
        }
        throw e;
      }
    },
    describeResult: (code) => invoke(raw, 'payline.describeResult', [code], ['code'], G),
    checkReAuthorization: (original, params, now) => {
      const call = () => invoke(raw, 'payline.checkReAuthorization', [original, params, now === undefined || now === null ? new Date() : now], ['original', '', 'now'], G);
      // The text fields the rules compare, given as something else, named as `request` names them: they
      // were read as "not given" (a warning to send the original's), and a wrong contract number given as a
      // number was not compared (a helper's audit of the messages, twenty-sixth pass).
      const wrong = [];
      for (const path of ['transactionID', 'payment.contractNumber', 'order.ref']) {
        // (As JSON gives it to the core, which `request` reads: a String object or a toJSON giving text is
        // that text, as `request` takes it; the review of the pass.)
        const v = guarded(() => {
          const at = path.split('.').reduce((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), params);
          return at !== null && typeof at === 'object' ? JSON.parse(JSON.stringify(at) ?? 'null') : at;
        }, undefined);
        if (v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'function' && typeof v !== 'symbol') {
          wrong.push({ field: path, code: 'TYPE', message: `must be a string, got ${Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`}` });
        }
      }
      if (wrong.length === 0) return call();
      try {
        call();
      } catch (e) {
        if (e instanceof RemiseError && e.code === 'VALIDATION') throw withMore(G, e, wrong.filter((w) => !issuesOf(e).some((i) => i?.field === w.field)));
      }
      throw withIssues(G, wrong);
    },
    Client,
  };
}
