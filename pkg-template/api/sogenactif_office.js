// sogenactif.office.* and sogenactif.OfficeClient: one crossing per call; the client sends through
// the JS transport (transport.js).
import { RemiseError, asText, controlInSecret, guarded, hintAt, invoke, invokeAnswer, invokeRequest, notTextHint, withIssue, withIssues, withMore } from './core.js';
import { bindMethods, callOptions, defineMethods, openClient, scrubbing, send } from './transport.js';
import { didYouMean } from '../cli/suggest.mjs';
import { maybeRefundAdvice, refundAdvice } from '../cli/codes.mjs';

// The decoder's advice on a 408 or 5xx (src/sogenactif/office/decode.rs), for a reader that does not
// know the call; a client replaces it with its own (`clientAdvice`).
const GENERIC_5XX_ADVICE = ': the platform did not process the request normally: for a money-moving operation check getTransactionData before sending it again';

const G = 'sogenactif';
// The client's methods, one per Office service.
const SERVICES = ['cancel', 'refund', 'validate', 'duplicate', 'acceptChallenge', 'refuseChallenge', 'walletCreditHolder', 'cardOrder', 'walletOrder', 'getTransactionData'];

// Valid options under which `request` checks the fields again when the caller's options are refused.
const PLACEHOLDER = { merchantId: '002001000000001', secretKey: 'placeholder', keyVersion: 1 };

/**
 * A secret key holding a control character (an environment variable's trailing line feed): every
 * answer's seal was told "altered in transit", a refund's outcome unknown, where the other gateways'
 * keys are refused up front (a helper's attack, twenty-fourth pass). In JS: the core's check measured
 * +117 B of the .wasm.
 */
const controlInKey = (key, field) => controlInSecret(key, field, 'copy the secret key again from the Sogenactif portal');
// The `transactionStatus` words Sips writes (reference sogenactif.md, "transactionStatus", from the data
// dictionary's transactionstatus.html; the list is not confirmed whole). Used only to name a near miss:
// a status remise does not know is still taken as it is.
const STATUSES = ['TO_VALIDATE', 'TO_CAPTURE', 'CAPTURED', 'CANCELLED', 'REFUSED', 'EXPIRED', 'TO_CHALLENGE', 'TO_AUTHORIZE', 'TO_CREDIT', 'CREDITED', 'PENDING', 'REFUSED_ANTICIPATED'];

/**
 * The issue of a `transaction.transactionStatus` that is a status Sips writes, mistyped or in another
 * case (`CANCELED`, `cancelled` read back from a database): the preflight compares the exact word, so it
 * was skipped without a word and the cancel of a cancelled transaction sent (a helper's audit of the
 * messages, twenty-sixth pass). Undefined for a status it knows or is near none.
 */
function statusNear(options, at) {
  // (A String object is read as its text, as the core reads it: a review of the pass.)
  const status = guarded(() => {
    const t = options !== null && typeof options === 'object' ? options.transaction : undefined;
    const s = t !== null && typeof t === 'object' ? t.transactionStatus : undefined;
    return s instanceof String ? String(s) : s;
  }, undefined);
  if (typeof status !== 'string' || STATUSES.includes(status)) return undefined;
  // Only a word nearest to one the rules compare: the list is not confirmed whole, and a status it spells
  // otherwise (`TO_AUTHORISE`) must not refuse a call no rule reads it for. Spaces around it (a CHAR(n)
  // column) are a near miss too.
  const near = didYouMean(status.trim(), STATUSES);
  if (!RULED.some((word) => near === ` Did you mean '${word}'?`)) return undefined;
  return { field: `${at}transaction.transactionStatus`, code: 'ENUM', message: `is not a status Sips writes:${near} (pass the getTransactionData answer as it came)` };
}
// The statuses the seed's rules compare (src/sogenactif/office/rules.rs).
const RULED = ['CANCELLED', 'TO_CHALLENGE'];

// (Own and enumerable, as JSON reads it: an inherited key is the core's "is required".)
const keyOf = (options) => guarded(() => (options !== null && typeof options === 'object' && Object.prototype.propertyIsEnumerable.call(options, 'secretKey') ? options.secretKey : undefined), undefined);

export default function sogenactifOffice(raw) {
  // `hosts` is read from the core on first use, not at load (as systempay.hosts): the first call
  // into the wasm compiles code, which a program that never reads it should not pay for.
  let hosts;
  // A preflight refusal names the status it read as `transaction.transactionStatus`: the path of the
  // option it came in (`options.` for request, `callOptions.` for a client call), as validation names it.
  const named = (e, at) => {
    if (e instanceof RemiseError && e.code === 'OPERATION_NOT_ALLOWED' && typeof e.field === 'string' && e.field.startsWith('transaction.')) e.field = at + e.field;
    return e;
  };
  // A getTransactionData refusal read from `getTransDataResponseCode` named as that field: the core's
  // message says `responseCode`, which in that answer is the payment's (a review of the pass).
  const lookupNamed = (e) => {
    const r = e instanceof RemiseError && e.code === 'GATEWAY_ERROR' ? guarded(() => e.response, undefined) : undefined;
    if (r && typeof r === 'object' && r.getTransDataResponseCode === e.gatewayCode && r.responseCode !== e.gatewayCode) {
      e.message = e.message.replace(`: responseCode ${e.gatewayCode} `, `: getTransDataResponseCode ${e.gatewayCode} `);
    }
    return e;
  };
  // A refund of unknown outcome was told to check getTransactionData, where a refund does not show (README,
  // "Sips Office"): an operator following the message refunded twice (a new user's walk, twenty-seventh
  // pass). The back office is named instead.
  // In every text of the error a logger may write (`message`, `gatewayMessage`, the answer's
  // `responseMessage`: a review of the pass).
  // (One rewording with `remise batch report`'s, cli/codes.mjs.)
  const advised = (e, advice) => {
    if (!(e instanceof RemiseError)) return e;
    guarded(() => {
      for (const k of ['message', 'gatewayMessage']) if (typeof e[k] === 'string') e[k] = advice(e[k]);
      const r = e.response;
      if (r !== null && typeof r === 'object' && typeof r.responseMessage === 'string') r.responseMessage = advice(r.responseMessage);
    }, undefined);
    return e;
  };
  // A client's call of unknown outcome ends with the advice for its own service; the decoder's advice
  // for any money-moving call, written for the stateless reader, said it again before it (and "did not
  // process" beside "may have reached": the messages audit, twenty-ninth pass).
  const clientAdvice = (e) => advised(e, (text) => text.replace(GENERIC_5XX_ADVICE, ''));
  const unknownAdvised = (e, service) =>
    e instanceof RemiseError && e.outcome === 'unknown' ? (service === 'refund' ? advised(clientAdvice(e), refundAdvice) : clientAdvice(e)) : e;
  const office = {
    get hosts() {
      if (hosts === undefined) {
        // Frozen through: `productionByHost` reads it, and a brand's row changed by anyone turned the
        // production seal check off (a helper's attack, twenty-second pass).
        const table = invoke(raw, 'sogenactif.office.hosts', [], [], G);
        for (const brand of Object.values(table)) Object.freeze(brand);
        hosts = Object.freeze(table);
      }
      return hosts;
    },
    sealString: (fields) => invoke(raw, 'sogenactif.office.sealString', [fields], ['fields'], G),
    // (The call's own secret key out of its errors, as a client's: transport.js `scrubbing`.)
    seal: (fields, secretKey) =>
      scrubbing({ secretKey }, () => withIssue(G, controlInKey(secretKey, 'secretKey'), () => invoke(raw, 'sogenactif.office.seal', [fields, secretKey], ['fields', 'secretKey'], G))),
    request(service, fields, options) {
      try {
        return scrubbing(options, () => withIssue(G, controlInKey(keyOf(options), 'options.secretKey'), () => withIssue(G, statusNear(options, 'options.'), () =>
          invokeRequest(raw, 'sogenactif.office.request', [service, fields, options], ['service', '', 'options'], G, PLACEHOLDER))));
      } catch (e) {
        throw named(e, 'options.');
      }
    },
    parseResponse(text, options) {
      try {
        return scrubbing(options, () => withIssue(G, controlInKey(keyOf(options), 'options.secretKey'), () =>
          invokeAnswer(raw, 'sogenactif.office.parseResponse', [asText(text), options], ['text', 'options'], G, 0)));
      } catch (e) {
        // A service name first, as `request` takes one, or the answer not as text (the messages audit,
        // twenty-ninth pass).
        const order = typeof text === 'string' && /^[A-Za-z]{1,40}$/.test(text) && typeof options === 'string' ? "sogenactif.office.parseResponse takes (text, { secretKey? }): the answer's text first, and no service name" : undefined;
        hintAt(hintAt(e, 'text', notTextHint(text, 'answer', 'as options.httpStatus')), 'options', order);
        // (Not told the service: the advice names where a refund shows too.)
        throw advised(lookupNamed(e), maybeRefundAdvice);
      }
    },
  };

  /**
   * A production host given as `baseUrl` (however spelled: any case, a port, a trailing dot or
   * path) with `environment` absent or 'test' makes the client a production one, which refuses
   * unsealed answers (a helper's attack: `baseUrl: 'https://office-server.sogenactif.com'` with the
   * default environment took an unsealed acceptance). The hosts are the core's table
   * (`office.hosts`), plus Mercanet's older production host that its table names in a comment. A
   * URL holding a production host anywhere counts: requiring the seal fails closed. No test host
   * holds a production one.
   */
  function productionByHost(copy) {
    const env = copy.environment;
    if (!(env === undefined || env === null || env === 'test')) return;
    // The text the core will read: a URL object, a String or anything with a toJSON reaches it as
    // the JSON string it writes (a helper's attack: `new URL(productionHost)` went unseen).
    const json = guarded(() => JSON.stringify(copy.baseUrl), undefined);
    const url = guarded(() => (typeof json === 'string' ? JSON.parse(json) : undefined), undefined);
    if (typeof url !== 'string') return;
    const production = Object.values(office.hosts).map((h) => h.production.replace(/^https:\/\//, ''));
    // Worldline's older production host too (reference sogenactif.md §5: `office-server.sips-atos.com`,
    // in integrations a caller may copy from; a helper's attack, twenty-second pass).
    production.push('office-server.mercanet.bnpparibas.net', 'office-server.sips-atos.com');
    // The host as fetch will reach it (WHATWG URL: percent-decoding, full-width dots, ignored
    // characters such as a soft hyphen, IDNA), and the text itself, lower-cased: a production host
    // anywhere in it counts (a proxy path naming it), which fails closed.
    const host = guarded(() => new URL(url).hostname.replace(/\.$/, ''), '');
    const lower = url.toLowerCase();
    if (production.some((h) => h === host || lower.includes(h))) copy.environment = 'production';
  }

  // Money-moving methods are sent once; getTransactionData (a read) is retried on transient failures.
  class OfficeClient {
    #core;
    #settings;
    constructor(options) {
      // `transaction` describes one transaction: an option of each call, never of the client (where
      // the core's options reader, shared with office.request, took it and applied it to every call).
      // Issues found here, with the core's: a stray `transaction`, a secret key with a control character.
      const stray = [];
      const adjust = (copy) => {
        // (Undefined or null: no transaction, as JSON writes it.)
        if (Object.hasOwn(copy, 'transaction')) {
          const given = copy.transaction;
          delete copy.transaction;
          if (given !== undefined && given !== null) {
            stray.push({ field: 'options.transaction', code: 'UNKNOWN_FIELD', message: 'is an option of each call, not of the client: client.cancel(fields, { transaction })' });
          }
        }
        const control = controlInKey(copy.secretKey, 'options.secretKey');
        if (control) stray.push(control);
        productionByHost(copy);
      };
      let opened;
      try {
        opened = openClient(raw, G, options, adjust);
      } catch (e) {
        if (stray.length > 0 && e instanceof RemiseError && e.code === 'VALIDATION') throw withMore(G, e, stray);
        throw e;
      }
      const { core, settings } = opened;
      if (stray.length > 0) {
        core.free();
        throw withIssues(G, stray);
      }
      this.#core = core;
      this.#settings = settings;
      bindMethods(this, OfficeClient.prototype);
    }
    // One method per service (`defineMethods`); `options.signal` (an AbortSignal) stops the call
    // (ABORTED), the rest (`transaction`) is the core's.
    #run(service, fields, options) {
      const o = callOptions(G, options, true);
      const near = statusNear(o[1], 'callOptions.');
      if (near !== undefined) o[2].push(near);
      return send(this.#core, this.#settings, G, service, [fields, o[1]], ['', 'callOptions'], false, o).catch((e) => {
        throw unknownAdvised(lookupNamed(named(e, 'callOptions.')), service);
      });
    }
    static {
      defineMethods(this, SERVICES, 2, (client, service, fields, options) => client.#run(service, fields, options));
    }
  }
  return { office, OfficeClient };
}
