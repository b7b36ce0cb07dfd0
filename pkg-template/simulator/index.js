// remise/simulator: an offline, stateful simulator of Systempay (REST V4), Payline (SOAP) and
// Sogenactif (Sips Office JSON and Office Batch files). `sim.fetch` answers like the gateways do, so
// remise's clients (and anyone's HTTP code) can run without network or credentials.
//
// Plain JavaScript, no dependency: the fetch path uses only WebCrypto, TextEncoder, Intl, Request and
// Response, so it runs in Node, Deno, Bun and workerd. `listen()` loads node:http lazily (Node only).
import { DAY_MS, HOUR_MS, MAX_TIME_MS, instantOf, keyName, maskRecorded, parseJson } from './util.js';
import { createSystempay } from './systempay.js';
import { createPayline } from './payline.js';
import { createSogenactif } from './sogenactif.js';

const MINUTE_MS = 60_000;
const NODE_HTTP = 'node:http';
/** Largest request body the HTTP server reads (gateway requests are a few KB); larger gets 413. */
const MAX_BODY_BYTES = 8 << 20;
// The longest request text whose body `sim.requests` keeps (in UTF-16 units); a longer one is recorded as
// `{ omitted: <its length> }`. `remise sim` kept 1 000 requests of 8 MiB, their parsed bodies up to 20
// times that, and ran out of heap (a helper's attack and the review of the pass, twenty-fourth pass).
const MAX_RECORDED_BODY = 16 << 10;
// How long `close()` lets requests already received finish before it cuts their connections.
const CLOSE_GRACE_MS = 1000;

/** Where a request goes, by path (the same on every host, so white-label hosts work too). */
function route(pathname) {
  if (pathname.startsWith('/api-payment/')) return 'systempay';
  // Payline's services sit under /V4/services on every host (the WSDLs' soap:address): a baseUrl of the
  // host alone was answered here and refused by Payline (a new user's walk, twenty-second pass).
  if (/^\/V4\/services\/(DirectPaymentAPI|ExtendedAPI)$/.test(pathname)) return 'payline';
  if (pathname.startsWith('/rs-services/')) return 'sogenactif';
  if (pathname.startsWith('/__simulator/')) return 'control';
  return null;
}

/** A deterministic 32-hex generator (xorshift128+), so runs with the same seed give the same ids. */
function hexSource(seed) {
  let a = BigInt(seed) | 1n;
  let b = 0x9e3779b97f4a7c15n ^ BigInt(seed);
  const mask = (1n << 64n) - 1n;
  const next = () => {
    let x = a;
    const y = b;
    a = y;
    x ^= (x << 23n) & mask;
    x ^= x >> 17n;
    x ^= y ^ (y >> 26n);
    b = x;
    return (x + y) & mask;
  };
  return () => next().toString(16).padStart(16, '0') + next().toString(16).padStart(16, '0');
}

/**
 * Creates a simulator.
 * @param {object} [options]
 * @param {Date|string|number} [options.now] start of the simulated clock (default: the current time).
 *   The clock stands still; only `advance()` moves it.
 * @param {object} [options.systempay] `{ shopId, password, hmacKey }` the simulated shop accepts.
 * @param {object} [options.payline] `{ merchantId, accessKey, contracts }`.
 * @param {object} [options.sogenactif] `{ merchantId, secretKey, keyVersion, sealTestAnswers }`: answers are
 *   sealed except on the Sips test hosts, unless `sealTestAnswers` is true.
 * @param {(entry) => void} [options.onRequest] called with each recorded request and its result.
 * @param {number} [options.seed] seed of the generated ids (default 1).
 * @param {number} [options.keepRequests] how many recorded requests `sim.requests` keeps (default: all; a body read from more than 16 KiB of text is kept as `{ omitted: <its length> }`).
 */
// The options each part takes (index.d.ts `SimulatorOptions`): a misspelt one (`passwrd`,
// `sealTestAnswer`) was ignored without a word, and the default used in its place (a new user's walk
// through README, twentieth pass).
const OPTION_KEYS = {
  '': ['now', 'systempay', 'payline', 'sogenactif', 'onRequest', 'seed', 'keepRequests'],
  systempay: ['shopId', 'password', 'hmacKey'],
  payline: ['merchantId', 'accessKey', 'contracts'],
  sogenactif: ['merchantId', 'secretKey', 'keyVersion', 'sealTestAnswers'],
};

function checkKeys(options) {
  for (const [part, keys] of Object.entries(OPTION_KEYS)) {
    const o = part === '' ? options : options[part];
    // (Left out, undefined or null: the defaults, as before. The root is checked by the caller.)
    if (o === undefined || o === null) continue;
    if (part !== '' && (typeof o !== 'object' || Array.isArray(o))) throw new TypeError(`createSimulator: options.${part} must be an object (or left out)`);
    const unknown = Object.keys(o).find((k) => !keys.includes(k));
    if (unknown !== undefined) {
      const quoted = keyName(unknown, part === '' ? '' : `${part}.`);
      const named = quoted.startsWith("'") || part === '' ? quoted : `${quoted} in options.${part}`;
      throw new TypeError(`createSimulator: unknown option ${named}: ${part === '' ? 'the options are' : `options.${part} takes`} ${keys.join(', ')}`);
    }
  }
}

/**
 * `handle`'s headers as the gateways read them: names in lower case, values texts (a number written as
 * its digits). Anything else is a TypeError naming the header (it failed inside a gateway, unnamed).
 */
function headersOf(headers) {
  if (headers == null) return {};
  if (typeof headers !== 'object' || Array.isArray(headers)) throw new TypeError('handle: headers must be an object of texts { name: value }, a Headers or a Map (or left out)');
  // A Headers or a Map (what a fetch-style server holds): its entries, as `forEach` gives them (they
  // were not own properties, so they were ignored and the call answered 401: a new user's walk).
  // (A Map or a Headers only: a class of the caller's with a `forEach` of its own is read by its fields;
  // the review of the pass.)
  const entries = [];
  const collection = headers instanceof Map || (typeof Headers === 'function' && headers instanceof Headers);
  try {
    if (collection) headers.forEach((value, name) => entries.push([String(name), value]));
    else entries.push(...Object.entries(headers));
  } catch (e) {
    throw new TypeError('handle: the headers could not be read (a getter or Proxy threw)', { cause: e });
  }
  const out = {};
  for (const [name, value] of entries) {
    // node:http's IncomingHttpHeaders: a header sent twice is an array (joined as fetch joins it), one
    // left out is undefined.
    if (value === undefined) continue;
    const text = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(', ') : value;
    if (typeof text !== 'string' && typeof text !== 'number') throw new TypeError(`handle: header '${name.slice(0, 60)}' must be a text`);
    // A name given twice in different cases is joined, as Headers joins it (the last one was kept).
    const key = name.toLowerCase();
    out[key] = Object.hasOwn(out, key) ? `${out[key]}, ${text}` : String(text);
  }
  return out;
}

/** A part's options without those given as undefined, which take their defaults (`shopId?: string`). */
function given(part) {
  return part == null ? {} : Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined));
}

export function createSimulator(options = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError('createSimulator: options must be an object (or left out)');
  checkKeys(options);
  if (options.keepRequests != null && options.keepRequests !== Infinity && !(Number.isSafeInteger(options.keepRequests) && options.keepRequests >= 0)) {
    throw new TypeError('createSimulator: options.keepRequests must be a whole number of requests, 0 or more (or left out: all)');
  }
  // (Checked here, as every other option: `onRequest: 'log'` made every call fail later as a network
  // error, and epoch seconds put the clock in 1970; the messages audit, twenty-ninth pass.)
  if (options.onRequest != null && typeof options.onRequest !== 'function') {
    throw new TypeError(`createSimulator: options.onRequest must be a function (entry) => void, got ${typeof options.onRequest === 'string' ? `'${options.onRequest.slice(0, 40)}'` : typeof options.onRequest}`);
  }
  if (typeof options.now === 'number' && options.now !== 0 && Math.abs(options.now) < 1e11) {
    throw new TypeError(`createSimulator: options.now ${options.now} reads as a time in 1970 (epoch milliseconds): give milliseconds (seconds × 1000, Date.now()) or a Date`);
  }
  const start = options.now == null ? Date.now() : instantOf(options.now);
  if (Number.isNaN(start)) throw new TypeError(`createSimulator: options.now ${typeof options.now === 'string' ? `'${options.now.slice(0, 40)}' ` : ''}is not a date: give a Date, epoch milliseconds or an ISO 8601 text such as '2026-11-30T09:00:00Z' (Paris time without an offset)`);
  let clock = start;
  let counter = 0;
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new TypeError('createSimulator: options.seed must be an integer');
  let hex32 = hexSource(seed);
  const requests = [];
  const keep = options.keepRequests ?? Infinity;
  // `size`: the length of the text the recorded body was read from (MAX_RECORDED_BODY).
  const record = (entry, size = 0) => {
    const e = { at: new Date(clock).toISOString(), ...entry };
    if (size > MAX_RECORDED_BODY && e.body !== undefined) e.body = { omitted: size };
    // A card number in the URL (`/Token/4970…`) is masked there too, as in bodies (an attack,
    // nineteenth pass: it was kept in `path` and `service`, and printed by `remise sim`).
    for (const k of ['path', 'service']) if (typeof e[k] === 'string') e[k] = maskRecorded(e[k]);
    requests.push(e);
    if (requests.length > keep) requests.shift();
    options.onRequest?.(e);
  };
  const ctx = { now: () => clock, seq: () => ++counter, hex32: () => hex32(), record };
  const gateways = {
    systempay: createSystempay(ctx, given(options.systempay)),
    payline: createPayline(ctx, given(options.payline)),
    sogenactif: createSogenactif(ctx, given(options.sogenactif)),
  };

  function advance(by = {}) {
    if (by === null || typeof by !== 'object' || Array.isArray(by)) throw new TypeError('advance: give { days, hours, minutes }');
    // A key of another name (`day`, `seconds`) moved nothing and said nothing (an attack, nineteenth pass).
    const unknown = Object.keys(by).find((k) => k !== 'days' && k !== 'hours' && k !== 'minutes');
    if (unknown !== undefined) throw new TypeError(`advance: unknown key '${unknown}': give { days, hours, minutes }`);
    const { days = 0, hours = 0, minutes = 0 } = by;
    const parts = [days, hours, minutes];
    // Each part non-negative, not only their sum ({ days: 1, hours: -1 } passed).
    const ms = parts.every((n) => typeof n === 'number' && n >= 0) ? days * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS : NaN;
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance: days, hours and minutes must be non-negative numbers');
    // Checked before the clock moves: past the last instant a Date holds, every later answer
    // (dates in it) would fail.
    if (clock + ms > MAX_TIME_MS) throw new RangeError('advance: that moves the clock past the last date JavaScript can hold (year 275760)');
    clock += ms;
    for (const g of Object.values(gateways)) g.tick(clock);
    return new Date(clock);
  }
  function reset() {
    for (const g of Object.values(gateways)) g.reset();
    requests.length = 0;
    clock = start;
    counter = 0;
    hex32 = hexSource(seed);
  }

  /** Control endpoints for tools in other languages (`remise sim`): advance the clock, reset. */
  function control(req, url) {
    const json = (status, body) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (req.method !== 'POST') return json(405, { error: 'POST only' });
    if (url.pathname === '/__simulator/advance') {
      const by = req.body.trim() === '' ? {} : parseJson(req.body);
      if (by === undefined) return json(400, { error: 'advance: the body must be JSON: { "days": 1, "hours": 0, "minutes": 0 }' });
      try {
        return json(200, { now: advance(by).toISOString() });
      } catch (e) {
        return json(400, { error: e.message });
      }
    }
    if (url.pathname === '/__simulator/reset') {
      reset();
      return json(200, { now: new Date(clock).toISOString() });
    }
    if (url.pathname === '/__simulator/batch') {
      try {
        return { status: 200, headers: { 'content-type': 'text/csv' }, body: gateways.sogenactif.api.processBatch(req.body) };
      } catch (e) {
        return json(400, { error: e.message });
      }
    }
    return json(404, { error: 'unknown control endpoint' });
  }

  /**
   * Answers one request `{ method, url, headers, body }` (headers with lower-case names, body text)
   * with `{ status, headers, body }`. Used by `fetch` and by the HTTP server.
   */
  async function handle(req) {
    if (req === null || typeof req !== 'object' || typeof req.url !== 'string') {
      throw new TypeError('handle: give a request { method, url, headers?, body? }');
    }
    let url;
    try {
      url = new URL(req.url);
    } catch {
      return { status: 400, headers: { 'content-type': 'text/plain' }, body: `remise simulator: not an absolute URL: ${String(req.url).slice(0, 200)}` };
    }
    req = { method: String(req.method ?? 'GET').toUpperCase(), url: req.url, headers: headersOf(req.headers), body: req.body ?? '' };
    if (typeof req.body !== 'string') throw new TypeError('handle: body must be a text (or left out)');
    const gateway = route(url.pathname);
    if (gateway === 'control') return control(req, url);
    if (gateway === null) {
      const payline = /\/(DirectPaymentAPI|ExtendedAPI)$/.test(url.pathname) ? ": Payline's services are under /V4/services (baseUrl 'https://homologation.payline.com/V4/services' or the simulator's origin + '/V4/services')" : '';
      const answer = { status: 404, headers: { 'content-type': 'text/plain' }, body: `remise simulator: no gateway serves ${url.pathname}${payline}` };
      record({ gateway: null, method: req.method, path: url.pathname, status: 404, result: 'HTTP 404' });
      return answer;
    }
    const withJson = { ...req, json: gateway === 'systempay' ? parseJson(req.body) : undefined };
    const answer = await gateways[gateway].handle(withJson, url);
    const { record: rec, ...response } = answer;
    record({ gateway, method: req.method, path: url.pathname, ...rec, status: response.status }, req.body.length);
    return response;
  }

  /** A fetch-compatible function: give it to any client as `fetch`. Nothing leaves the process. */
  async function fetch(input, init) {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // As fetch does: an already aborted signal rejects before anything is sent.
    if (request.signal?.aborted) throw request.signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
    const headers = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const answer = await handle({ method: request.method, url: request.url, headers, body });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }

  // The server `listen` started: `{ srv, busy, stopping }`, `busy` each connection with how many of its
  // requests are not answered yet (one per server: a close() under way touches its own only).
  let server = null;
  let starting = false;
  // The promise of a close() under way: a second call waits for it too.
  let closing = null;
  /** Node only: serves the simulator on 127.0.0.1 (port 0 = any free port); resolves to its base URL. */
  async function listen(port = 0, host = '127.0.0.1') {
    // (Set before the first await: two listen() calls at once started two servers, and close()
    // stopped one.)
    if (server || starting) throw new Error('listen: the simulator is already listening; close() it first');
    // A port as text (`process.env.PORT`) is read as a number; other text would be a pipe path to Node.
    if (typeof port === 'string' && /^[0-9]{1,5}$/.test(port)) port = Number(port);
    if (port === null) port = 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError('listen: port must be an integer from 0 to 65535');
    if (typeof host !== 'string' || host === '') throw new TypeError('listen: host must be a host name or an IP address');
    starting = true;
    try {
      return await startServer(port, host);
    } finally {
      starting = false;
    }
  }
  // The host as a URL writes it: an IPv6 address in brackets, an any-address as its loopback.
  const urlHost = (host) => (host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host);
  async function startServer(port, host) {
    // A computed specifier: bundlers for workers (wrangler, Vercel, esbuild) leave it alone, so the
    // simulator bundles for any runtime; only Node (listen) ever loads it. webpack turned it into a
    // context module that found nothing ("Cannot find module 'node:http'" from listen() in a webpack
    // bundle, a helper's attack with bundlers, twenty-eighth pass): its comment leaves it to Node.
    // Node's builtin loader first: CommonJS Jest's sandbox refuses a dynamic import() ("A dynamic import
    // callback was invoked without --experimental-vm-modules", a helper's attack with test frameworks,
    // twenty-eighth pass); Node before 20.16 has no such loader.
    const http = globalThis.process?.getBuiltinModule?.(NODE_HTTP) ?? (await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_HTTP));
    let boundPort = 0;
    const state = { srv: null, busy: new Map(), stopping: false };
    const srv = http.createServer((req, res) => {
      const socket = req.socket;
      state.busy.set(socket, (state.busy.get(socket) ?? 0) + 1);
      // (Only while the connection is known: a request reset mid-upload closes its response after the
      // socket's own 'close' removed it, and putting it back kept every such socket until close(), about
      // 5 KB each: a helper's soak, twenty-sixth pass.)
      res.once('close', () => {
        if (state.busy.has(socket)) state.busy.set(socket, Math.max(0, state.busy.get(socket) - 1));
      });
      // Answered with `connection: close` once close() began: the connection ends after it.
      const answer = (status, headers, body) => res.writeHead(status, state.stopping ? { ...headers, connection: 'close' } : headers).end(body);
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        // Past the cap the body is read and dropped: memory stays bounded, the answer is 413.
        if (size <= MAX_BODY_BYTES) chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) {
          answer(413, { 'content-type': 'text/plain' }, `remise simulator: request body over ${MAX_BODY_BYTES} bytes`);
          return;
        }
        const headers = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        // An origin-form target (`/path?query`) is appended to the base; anything else (`*`, an
        // absolute URL) is answered 400 by handle.
        // (The port as bound: `srv.address()` is null once close() began, and a request it lets finish
        // threw here.)
        const target = req.url.startsWith('/') ? `http://${urlHost(host)}:${boundPort}${req.url}` : req.url;
        handle({ method: req.method, url: target, headers, body: Buffer.concat(chunks).toString('utf8') })
          .then((a) => answer(a.status, a.headers, a.body))
          .catch((e) => answer(500, { 'content-type': 'text/plain' }, `remise simulator error: ${e.message}`));
      });
    });
    // Idle keep-alive sockets are closed by the client first (undici keeps them 4 s, or the server's
    // hint minus 1 s), so a request never races a server-side close and fails with ECONNRESET.
    srv.keepAliveTimeout = 65_000;
    srv.headersTimeout = 66_000;
    srv.on('connection', (s) => {
      if (!state.busy.has(s)) state.busy.set(s, 0);
      s.on('close', () => state.busy.delete(s));
    });
    await new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, resolve);
    });
    state.srv = srv;
    server = state;
    boundPort = srv.address().port;
    return `http://${urlHost(host)}:${boundPort}`;
  }
  /**
   * Stops the server started by `listen`: no new connection is taken, idle ones are closed, and
   * requests already received get their answers for up to a second before their connections are cut
   * (they were cut at once: an integration's last calls failed with ECONNRESET at a CI teardown, a
   * helper's attack, twenty-fourth pass).
   */
  function close() {
    if (closing) return closing;
    if (!server) return Promise.resolve();
    const state = server;
    server = null;
    state.stopping = true;
    closing = (async () => {
      const closed = new Promise((resolve) => state.srv.close(() => resolve()));
      // A connection with no request under way (kept alive, or one that has sent nothing yet) ends now;
      // one with a request is answered with `connection: close`, and cut after the grace period.
      for (const [s, n] of state.busy) if (n === 0) s.destroy();
      const cut = setTimeout(() => {
        for (const s of state.busy.keys()) s.destroy();
      }, CLOSE_GRACE_MS);
      await closed;
      clearTimeout(cut);
    })().finally(() => {
      closing = null;
    });
    return closing;
  }

  return {
    fetch,
    handle,
    listen,
    close,
    advance,
    reset,
    /** The simulated time. */
    now: () => new Date(clock),
    /** Every request received, in order: `{ at, gateway, method, path, service, operation?, body, result, status }`. */
    requests,
    systempay: gateways.systempay.api,
    payline: gateways.payline.api,
    sogenactif: gateways.sogenactif.api,
  };
}

