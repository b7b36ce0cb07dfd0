// systempay.*: one crossing per call; `Client` sends through the JS transport (transport.js).
import { LONE_SURROGATE, RemiseError, asText, controlInSecret, emptyAnswer, guarded, hintAt, invoke, invokeAnswer, issuesOf, notTextHint, joined, statelessOptions, wellFormed, withIssue, withIssues } from './core.js';
import { bindMethods, callOptions, defineMethods, openClient, scrubbing, send } from './transport.js';
import { didYouMean } from '../cli/suggest.mjs';

const METHODS = {
  cancelOrRefund: 'Transaction/CancelOrRefund',
  cancel: 'Transaction/Cancel',
  refund: 'Transaction/Refund',
  update: 'Transaction/Update',
  validate: 'Transaction/Validate',
  duplicate: 'Transaction/Duplicate',
  getTransaction: 'Transaction/Get',
  getOrder: 'Order/Get',
  createPayment: 'Charge/CreatePayment',
};

const G = 'systempay';
// Valid options under which `unmodelled` asks the core for its list of modelled services.
const PROBE = { shopId: '00000000', password: 'testpassword_probe' };
/** The services the core models, as its refusal of an unknown one lists them ("use one of …"). */
const listedIn = (message) => /: use one of (.*), or client\.call\(/.exec(message)?.[1]?.split(', ') ?? [];

/**
 * The services where a body without `amount` moves the whole amount left (README: `{ uuid }` refunds
 * it all), so `amount: null` or `undefined` given (a database NULL, a misspelt property, `?? null`)
 * must not read as "left out": JSON drops `undefined` and the core's reader takes `null` as absent,
 * and a partial refund meant went out full (a helper's attack on the amounts, twenty-fourth pass).
 * In JS: the core never sees an `undefined`.
 */
const WHOLE_WHEN_LEFT_OUT = new Set(['Transaction/Refund', 'Transaction/CancelOrRefund']);

/**
 * A service name as the core reads it: a string, or what JSON writes of a `String` object or a `toJSON`
 * (`request(new String('Transaction/Refund'), …)` skipped the amount check: the review of the pass).
 */
function nameOf(service) {
  if (typeof service === 'string') return service;
  return guarded(() => {
    const text = JSON.stringify(service);
    return typeof text === 'string' && text.startsWith('"') ? JSON.parse(text) : undefined;
  }, undefined);
}

/**
 * `v`, the result of a `toJSON` call, as JSON serializes it: without asking its own `toJSON` again (an
 * object or array whose own toJSON would run a second time in the encoding is copied without it: the
 * differential fuzz of the pass found `{ toJSON: () => ({ toJSON: () => null }) }` read as no amount).
 */
function asked(v) {
  if (v === null || typeof v !== 'object' || typeof v.toJSON !== 'function') return v;
  if (Array.isArray(v)) return Array.prototype.slice.call(v);
  const copy = Object.create(null);
  for (const k of Object.keys(v)) if (k !== 'toJSON' || typeof v[k] !== 'function') copy[k] = v[k];
  return copy;
}

/**
 * The body of `service` as JSON will read it, and the issue of an `amount` given without a value, at
 * `at` (undefined when there is none). For the services above, the body's `toJSON` (an ORM row) is
 * called once and its own enumerable keys copied, each read once, the amount's own `toJSON` applied
 * (a value object): `null`, `undefined` or a function (`row.refundAmount` uncalled) there is refused,
 * and the copy is what is encoded, so no getter answers the check one thing and JSON another (the
 * review of the pass: a toJSON'd row or amount and a function went out as full refunds). `key` is the
 * body's index in the call's arguments, as JSON.stringify hands it to `toJSON`. What cannot be read
 * is left to the encoding, which names it.
 */
function withAmount(service, body, key, at) {
  const name = nameOf(service);
  if (!WHOLE_WHEN_LEFT_OUT.has(name) || body === null || typeof body !== 'object') return [body, undefined];
  let view = body;
  try {
    // The usual body, a plain object with `amount` a number (or left out), as it is: the copy below
    // cost 9 % of a CancelOrRefund request (bench/ab.mjs sp). A data property is read once by JSON too.
    if (typeof body.toJSON !== 'function') {
      const d = Object.getOwnPropertyDescriptor(body, 'amount');
      if (d === undefined || !d.enumerable) return [body, undefined];
      const t = typeof d.value;
      if ('value' in d && (t === 'number' || t === 'string' || t === 'boolean' || t === 'bigint' || t === 'symbol')) return [body, undefined];
    }
    const applied = typeof body.toJSON === 'function' && typeof body.getTime !== 'function';
    if (applied) view = body.toJSON(key);
    // A view that is not the body: what JSON makes of it without asking its own toJSON again.
    if (view === null || typeof view !== 'object' || Array.isArray(view) || !Object.prototype.propertyIsEnumerable.call(view, 'amount')) return [applied ? asked(view) : view, undefined];
    // (No prototype: a `__proto__` key stays a key, as JSON writes it.)
    const copy = Object.create(null);
    for (const k of Object.keys(view)) copy[k] = view[k];
    // The view's own toJSON is not called by JSON (the body's was): a function there is no value.
    if (typeof copy.toJSON === 'function') delete copy.toJSON;
    let amount = copy.amount;
    // A value object's toJSON, as JSON applies it, once (an invalid Date's is left to the encoding, which names it).
    if (amount !== null && (typeof amount === 'object' || typeof amount === 'function') && typeof amount.toJSON === 'function' && typeof amount.getTime !== 'function') {
      amount = asked(amount.toJSON('amount'));
      copy.amount = amount;
    }
    if (amount !== null && amount !== undefined && typeof amount !== 'function') return [copy, undefined];
    const what = typeof amount === 'function' ? 'a function (not called?)' : String(amount);
    const whole = name === 'Transaction/Refund' ? 'refund the whole amount left' : 'cancel or refund the whole amount';
    return [copy, { field: at, code: 'TYPE', message: `is ${what}: give the amount in the currency's minor units (e.g. 1050 for 10.50 EUR), or leave the key out to ${whole}` }];
  } catch {
    return [view, undefined];
  }
}

/**
 * `verifyHash`/`parseAnswer` with one path per posted field: the core names a rule's issue at the bare
 * `kr-answer`, a value JSON cannot carry (NaN) or a getter that threw at `fields.kr-answer`, and the
 * merge of both (core.js `withoutUnreadable`) listed the field twice, the second time as "is required"
 * though it was given (a helper's attack, twenty-first pass). Bare names, as the rules write them, and no
 * `REQUIRED` beside another issue of the same field.
 */
function bareFields(f) {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RemiseError) || e.code !== 'VALIDATION' || !Array.isArray(e.issues)) throw e;
    const named = e.issues.map((i) => (typeof i?.field === 'string' && i.field.startsWith('fields.') ? { ...i, field: i.field.slice('fields.'.length) } : i));
    const issues = named.filter((i) => i?.code !== 'REQUIRED' || !named.some((j) => j !== i && j?.field === i.field && j?.code !== 'REQUIRED'));
    if (issues.length === e.issues.length && issues.every((i, n) => i === e.issues[n])) throw e;
    throw withIssues(G, issues, e.cause);
  }
}

export default function systempay(raw) {
  // Read from the core on first use, not at load: the first call into the wasm compiles code
  // (V8 compiles wasm lazily), which a program that never reads `hosts` should not pay for.
  let hosts;

  /** A Systempay REST V4 client for one shop. Every method resolves with the envelope's `answer`. */
  class Client {
    #core;
    #settings;
    constructor(options) {
      const { core, settings } = openClient(raw, G, options);
      this.#core = core;
      this.#settings = settings;
      bindMethods(this, Client.prototype);
    }
    /**
     * Any service: modelled ones are validated; reads are retried; money-moving calls never resent.
     * `options.signal` (an AbortSignal) stops the call: ABORTED.
     */
    async call(service, body, options = undefined) {
      return this.#send(service, body, options);
    }
    // The methods below and `call` send through here: on an object that is no client, each rejects
    // with the same TypeError as the other clients' ("Receiver must be an instance of class Client").
    #send(service, body, options) {
      const o = callOptions(G, options, false);
      // ('': the core's empty entry name gives the client's settings, src/wasm/mod.rs; it was sent
      // on with them as its request, a TypeError: the fifteenth pass, an attack. Refused as ' ' is.)
      const issue = typeof service !== 'string'
        ? { field: 'service', code: 'TYPE', message: `must be a string like 'Transaction/Get', got ${service === null ? 'null' : service === undefined ? 'undefined' : /^[aeiou]/.test(typeof service) ? `an ${typeof service}` : `a ${typeof service}`}` }
        : service === '' ? { field: 'service', code: 'FORMAT', message: "'' is not a web service name: use the path after /api-payment/V4/, e.g. 'Token/Get'" }
        // A lone surrogate, as README says, in the words the core's reader says it of one in a body
        // (`codec::json`; the service name reaches the core as text, where it was U+FFFD: "not a web
        // service name", a helper's fuzz, twenty-third pass).
        : !wellFormed(service) ? { field: 'service', code: 'FORBIDDEN_CHARACTER', message: `it contains an unpaired UTF-16 surrogate (\\u${LONE_SURROGATE.exec(service)[0].charCodeAt(0).toString(16)}), which is not a character: fix the text where it was cut or decoded (e.g. an emoji split in half)` } : undefined;
      // With the call options' issues, all at once.
      if (issue) throw withIssues(G, [issue, ...o[2]], o[3]);
      // An amount given as null or undefined: with the core's issues and the call options', before
      // anything is sent.
      const [read, blank] = withAmount(service, body, '0', 'amount');
      if (blank !== undefined) o[2] = joined([blank], o[2]);
      return send(this.#core, this.#settings, G, service, [read], [''], true, o).catch((e) => {
        throw unmodelled(e, service);
      });
    }
    static {
      defineMethods(this, Object.keys(METHODS), 1, (client, name, body, options) => client.#send(METHODS[name], body, options));
    }
  }

  /**
   * After a hash that did not match: the key `kr-hash-key` names holds a control character (an
   * environment variable's trailing line feed), which the client's options refuse, so the answer
   * was no forgery: VALIDATION at that key, never echoing it (a helper's attack, nineteenth pass:
   * every IPN read as forged, without a hint). In JS: the core's check cost 90 B of the .wasm.
   */
  function controlInKey(fields, keys) {
    const name = guarded(() => {
      const kind = fields['kr-hash-key'];
      return kind === 'password' ? 'password' : kind === 'sha256_hmac' ? 'hmacKey' : undefined;
    }, undefined);
    // (A text key only: a String object here is refused by the core before any hash is compared.)
    const key = name === undefined ? undefined : guarded(() => keys[name], undefined);
    const issue = typeof key === 'string' ? controlInSecret(key, `keys.${name}`, 'copy the key again from the Back Office') : undefined;
    if (issue !== undefined) throw withIssues(G, [issue]);
  }

  /**
   * An empty `kr-hash` (a form parser that dropped the value, a proxy that cut it) read as a forgery
   * ("check the key"): named as what to fix instead (a helper's attack, twenty-fourth pass).
   */
  function emptyHash(fields) {
    const hash = guarded(() => (fields !== null && typeof fields === 'object' ? fields['kr-hash'] : undefined), undefined);
    if (hash !== '' && !(hash instanceof String && hash.length === 0)) return undefined;
    return { field: 'kr-hash', code: 'REQUIRED', message: "is empty: pass the kr-hash the platform posted, as it came (a form or body parser that dropped its value?)" };
  }

  /**
   * The refusal of a raw form body given for the object of posted fields: bytes (`express.raw()`) were
   * read as an object without the kr-* keys, four `REQUIRED` that blamed the platform's post, and a
   * `URLSearchParams` got two issues at two paths, neither naming the fix (a helper's attack, twenty-sixth
   * pass); a string had the right issue without the fix. Undefined for anything else.
   */
  function rawForm(fields) {
    // Nothing at all: Express 5 leaves `req.body` undefined when no body parser ran (it was "must be the
    // object of posted fields" alone: a helper's IPN handlers, thirtieth pass).
    if (fields === undefined) {
      return withIssues(G, [{ field: '(input)', code: 'TYPE', message: "must be the object of posted fields ({ 'kr-answer', 'kr-hash', 'kr-hash-key', 'kr-hash-algorithm' }), got undefined: was the form body read? (Express 5 leaves req.body undefined without app.use(express.urlencoded()))" }]);
    }
    // (By their tags, as other realms' and runtimes' are: reading Node's `Request` or `FormData` global
    // loads its fetch implementation. A fetch `Request`, its body stream and a Blob came with the review of
    // the pass: an edge runtime's handler passes those.)
    const kind = guarded(() => {
      if (typeof fields === 'string' || fields instanceof String) return ['the form body as text', 'new URLSearchParams(body)'];
      if (ArrayBuffer.isView(fields) || fields instanceof ArrayBuffer) return ['the form body as bytes', 'new URLSearchParams(new TextDecoder().decode(body))'];
      const tag = fields !== null && typeof fields === 'object' ? fields[Symbol.toStringTag] : undefined;
      if (tag === 'URLSearchParams' || tag === 'FormData') return [`a ${tag}`, 'it'];
      // (Its text, not formData(): `Object.fromEntries` of a FormData is no object of strings to TypeScript,
      // a helper's IPN handlers, thirtieth pass.)
      if (tag === 'Request') return ['a Request', 'new URLSearchParams(await request.text())'];
      if (tag === 'ReadableStream') return ['the body as a stream', 'new URLSearchParams(await new Response(body).text())'];
      if (tag === 'Blob' || tag === 'File') return [`a ${tag}`, 'new URLSearchParams(await blob.text())'];
      // (Its text, not formData(): that throws for a Response whose type is not a form's: the walk of the pass.)
      if (tag === 'Response') return ['a Response', 'new URLSearchParams(await response.text())'];
      // Node's request (an Express `req`) or another Node stream: no tag, but `pipe` and `on`.
      if (fields !== null && typeof fields === 'object' && typeof fields.pipe === 'function' && typeof fields.on === 'function') {
        return ['a Node request or stream (read its body first: express.urlencoded() gives req.body)', 'new URLSearchParams(body)'];
      }
      return undefined;
    }, undefined);
    if (kind === undefined) return undefined;
    const fix = `Object.fromEntries(${kind[1]})`;
    return withIssues(G, [{ field: '(input)', code: 'TYPE', message: `must be the object of posted fields ({ 'kr-answer', 'kr-hash', 'kr-hash-key', 'kr-hash-algorithm' }), not ${kind[0]}: give ${fix}` }]);
  }

  /**
   * `call()`, where the post names the key the handler chose not to give (only `password` at the IPN URL,
   * as README says, and a browser return posted there; or the other way round) counted as an answer that
   * does not verify under the keys given: `false` from verifyHash, SIGNATURE_INVALID from parseAnswer. It
   * was `REQUIRED` at that key, "give … as hmacKey", the advice that lets browser returns pass at the IPN
   * URL (a helper's audit against stripe-node, twenty-sixth pass). Other issues stay VALIDATION.
   */
  function keyNotGiven(fields, keys, call, parse) {
    // (A String object is the name it holds, as the core reads it: the review of the pass.)
    const kind = guarded(() => {
      const k = fields !== null && typeof fields === 'object' ? fields['kr-hash-key'] : undefined;
      return k instanceof String ? String(k) : k;
    }, undefined);
    const given = (name) => guarded(() => {
      const k = keys !== null && typeof keys === 'object' ? keys[name] : undefined;
      return (typeof k === 'string' || k instanceof String) && k.length > 0;
    }, false);
    const [missing, has] = kind === 'sha256_hmac' ? ['hmacKey', 'password'] : kind === 'password' ? ['password', 'hmacKey'] : [];
    if (missing === undefined || given(missing) || !given(has)) return call();
    try {
      return call();
    } catch (e) {
      if (!(e instanceof RemiseError) || e.code !== 'VALIDATION') throw e;
      const rest = issuesOf(e).filter((i) => !(i?.field === `keys.${missing}` && i?.code === 'REQUIRED'));
      if (rest.length > 0) throw rest.length === issuesOf(e).length ? e : withIssues(G, rest, e.cause);
    }
    if (!parse) return false;
    const what = missing === 'hmacKey'
      ? 'sha256_hmac: a browser return, signed with the HMAC-SHA-256 key, and only the password (which signs IPNs) was given: at the IPN URL refuse it; where browser returns arrive, pass hmacKey too'
      : 'password: an IPN, signed with the REST API password, and only hmacKey (which signs browser returns) was given: at the browser-return URL refuse it; where IPNs arrive, pass password too';
    throw new RemiseError({ code: 'SIGNATURE_INVALID', gateway: G, field: 'kr-hash-key', message: `kr-hash-key is ${what}` });
  }

  /**
   * The core's "does not validate the service": with the modelled service `service` was near (a typo, a
   * case: `Transaction/Refnd`, `transaction/get`) named first. It offered only `client.call()`, which
   * sends the typo unchecked to a 404 (a helper's audit of the messages, twenty-sixth pass).
   */
  function serviceNear(e, service) {
    if (!(e instanceof RemiseError) || e.code !== 'UNSUPPORTED' || e.field !== 'service' || typeof service !== 'string') return e;
    const near = didYouMean(service, listedIn(e.message));
    if (near === '') return e;
    e.message = e.message.replace(': use one of', `:${near} Otherwise use one of`);
    return e;
  }

  /**
   * `client.call()` of a service near a modelled one (`Transaction/Refnd`, `transaction/get`): the
   * platform's HTTP 404, or the core's refusal of the name, with the name it was near. It went to the
   * 404 with "check baseUrl and the service name" alone (a helper's audit of the messages, twenty-sixth
   * pass). Nothing else changes: a service remise does not model is still sent as given. The modelled
   * services are the core's list, asked on this error path by a stateless request of the name (a modelled
   * one is validated there, not refused, and gets no suggestion).
   */
  function unmodelled(e, service) {
    if (!(e instanceof RemiseError)) return e;
    const notFound = e.code === 'HTTP_ERROR' && e.httpStatus === 404;
    const named = (i) => i?.field === 'service' && i?.code === 'FORMAT';
    const refused = e.code === 'VALIDATION' && issuesOf(e).some(named);
    if (!notFound && !refused) return e;
    let listed = [];
    try {
      invoke(raw, 'systempay.request', [service, {}, PROBE], ['service', '', 'options'], G);
    } catch (x) {
      if (x instanceof RemiseError && x.code === 'UNSUPPORTED') listed = listedIn(x.message);
    }
    const near = didYouMean(service, listed);
    if (near === '') return e;
    if (notFound) {
      e.message += near;
      return e;
    }
    return withIssues(G, issuesOf(e).map((i) => (named(i) ? { ...i, message: `${i.message}.${near}` } : i)), e.cause);
  }

  /**
   * The core's "a transaction in status X can be neither cancelled nor refunded" for an X that is a
   * status the platform writes mistyped or in another case (`captured` read back from a database,
   * `CANCELED`): a VALIDATION naming the status it was near, not a refusal predicting the platform's code
   * for a state the transaction is not in (a helper's audit of the messages, twenty-sixth pass). A status
   * near none of them (EXPIRED, REFUSED) keeps the refusal.
   */
  function statusNear(e, transaction) {
    if (!(e instanceof RemiseError) || e.code !== 'OPERATION_NOT_ALLOWED' || e.field !== 'transaction.detailedStatus') return e;
    const status = guarded(() => transaction.detailedStatus, undefined);
    const listed = /cancellation needs (.*), a refund needs CAPTURED/.exec(e.message)?.[1]?.split(', ');
    if (typeof status !== 'string' || listed === undefined) return e;
    const near = didYouMean(status, [...listed, 'CAPTURED', 'CANCELLED']);
    if (near === '') return e;
    return withIssues(G, [{ field: 'transaction.detailedStatus', code: 'ENUM', message: `is not a status the platform writes:${near} (pass the Transaction/Get answer as it came)` }]);
  }

  return {
    request(service, body, options) {
      const [read, blank] = withAmount(service, body, '1', 'amount');
      try {
        return scrubbing(options, () => withIssue(G, blank, () => invoke(raw, 'systempay.request', [service, read, statelessOptions(options)], ['service', '', 'options'], G, true)));
      } catch (e) {
        throw serviceNear(e, service);
      }
    },
    parseResponse(text, httpStatus) {
      try {
        return invokeAnswer(raw, 'systempay.parseResponse', [asText(text), httpStatus], ['text', 'httpStatus'], G, 0);
      } catch (e) {
        // (A service name first, as `request` takes one: the answer was read as the status.)
        const order = typeof text === 'string' && /^[A-Z][A-Za-z]*\/[A-Z][A-Za-z]*$/.test(text) && typeof httpStatus === 'string' ? "systempay.parseResponse takes (text, httpStatus?): the answer's text first, and no service name" : undefined;
        if (e?.code === 'MALFORMED_RESPONSE') e.message = emptyAnswer(e.message, text);
        throw hintAt(hintAt(e, 'text', notTextHint(text, 'answer', 'as the second argument')), 'httpStatus', order);
      }
    },
    computeHash: (answer, key) => invoke(raw, 'systempay.computeHash', [answer, key], ['answer', 'key'], G),
    // (The key's control character is looked for inside the call `withIssue` makes: an empty kr-hash
    // beside it hid it, the differential fuzz of the pass.)
    verifyHash(fields, keys) {
      const form = rawForm(fields);
      if (form) throw form;
      return scrubbing(keys, () => withIssue(G, emptyHash(fields), () => {
        const ok = keyNotGiven(fields, keys, () => bareFields(() => invoke(raw, 'systempay.verifyHash', [fields, keys], ['fields', 'keys'], G)), false);
        if (ok === false) controlInKey(fields, keys);
        return ok;
      }));
    },
    parseAnswer(fields, keys) {
      const form = rawForm(fields);
      if (form) throw form;
      const answer = scrubbing(keys, () => withIssue(G, emptyHash(fields), () => {
        try {
          return keyNotGiven(fields, keys, () => bareFields(() => invokeAnswer(raw, 'systempay.parseAnswer', [fields, keys], ['fields', 'keys'], G)), true);
        } catch (e) {
          if (e instanceof RemiseError && e.code === 'SIGNATURE_INVALID') controlInKey(fields, keys);
          throw e;
        }
      }));
      // A signed `null` or `[1]` was returned as the payment (a helper's attack, nineteenth pass;
      // Sips refuses the same). In JS: the same check in the core cost 90 B of the .wasm.
      if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
        throw new RemiseError({ code: 'MALFORMED_RESPONSE', gateway: G, field: 'kr-answer', message: 'kr-answer is signed JSON but not an object: expected a V4 Payment' });
      }
      return answer;
    },
    planCancelOrRefund(transaction, request) {
      const [read, blank] = withAmount('Transaction/CancelOrRefund', request, '1', 'request.amount');
      try {
        return withIssue(G, blank, () => invoke(raw, 'systempay.planCancelOrRefund', [transaction, read], ['transaction', 'request'], G));
      } catch (e) {
        // parseResponse's envelope given for its answer (the V4/Transaction): told "detailedStatus is
        // required" and no more (the messages audit, twenty-ninth pass).
        const envelope = guarded(() => transaction !== null && typeof transaction === 'object' && typeof transaction.status === 'string' && transaction.answer !== null && typeof transaction.answer === 'object', false);
        throw statusNear(hintAt(e, 'transaction.detailedStatus', envelope ? "this is parseResponse's envelope: give its answer, the V4/Transaction (parseResponse(text).answer; a client resolves with the answer)" : undefined), transaction);
      }
    },
    get hosts() {
      if (hosts === undefined) hosts = Object.freeze(invoke(raw, 'systempay.hosts', [], []));
      return hosts;
    },
    Client,
  };
}
