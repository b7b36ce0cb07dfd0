// The runtime smoke suite: the same checks in every runtime (Node ESM and CJS, Deno, Bun, workerd,
// edge-runtime). It uses only what every runtime has (no node: modules), takes the loaded package
// and the base URL of the 127.0.0.1 server started by run.mjs, and returns one result per step:
// { step, status: 'ok' | 'skip' | 'fail', note }.
//
// A gateway step is skipped (with the note printed by run.mjs) only while that gateway's namespace
// throws UNSUPPORTED on access, i.e. while this build of remise does not include it; once it does,
// the step runs for real and any error fails it.
import { fixtures } from './fixtures.mjs';

function check(cond, what) {
  if (!cond) throw new Error(`expected ${what}`);
}

function eq(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** The error `fn` throws or rejects with; fails when it does not. */
async function caught(fn) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a RemiseError, nothing was thrown');
}

/**
 * Null when `get()` (a namespace member) is a function; else why the steps that need it are skipped:
 * reading it throws UNSUPPORTED (the gateway is not in this build), or the part it belongs to is
 * absent (`sogenactif.office` while only the batch part is built).
 */
function available(get) {
  try {
    return typeof get() === 'function' ? null : 'absent from this build';
  } catch (e) {
    if (e && e.code === 'UNSUPPORTED') return 'UNSUPPORTED in this build';
    if (e instanceof TypeError) return 'absent from this build';
    throw e;
  }
}

const basic = (user, password) => 'Basic ' + btoa(`${user}:${password}`);
const header = (headers, name) => {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
};

export async function smoke(remise, { baseUrl, simulator }) {
  const { money, systempay, payline, sogenactif, RemiseError, isRemiseError } = remise;
  const sp = { shopId: fixtures.systempay.shopId, password: fixtures.systempay.password, baseUrl };
  const pl = { merchantId: fixtures.payline.merchantId, accessKey: fixtures.payline.accessKey, baseUrl };
  const so = { ...fixtures.sogenactif.office.options, baseUrl };
  const has = {
    systempay: available(() => systempay.request),
    payline: available(() => payline.request),
    sogenactif: available(() => sogenactif.batch.build),
    'sogenactif.office': available(() => sogenactif.office.request),
  };

  const steps = [
    ['money', null, () => {
      eq(money.toMinor('300.50', 'EUR'), 30050, "toMinor('300.50', 'EUR')");
      eq(money.toMinor('12.3', 'CNY', 'systempay'), 123, "toMinor('12.3', 'CNY', 'systempay')");
      eq(money.fromMinor(1000, 'JPY'), '1000', "fromMinor(1000, 'JPY')");
      eq(money.fromMinor(30050, 978), '300.50', 'fromMinor(30050, 978)');
      eq(money.currency('KWD').digits, 3, 'KWD digits');
      check(money.currencies('systempay').length === 34, 'the systempay table to hold 34 currencies');
    }],

    ['error', null, async () => {
      const e = await caught(() => money.toMinor('0.001', 'EUR'));
      check(e instanceof RemiseError, 'instanceof RemiseError');
      check(e instanceof Error, 'instanceof Error');
      check(isRemiseError(e), 'isRemiseError(e)');
      eq(e.name, 'RemiseError', 'name');
      eq(e.code, 'AMOUNT_PRECISION', 'code');
      eq(e.field, 'amount', 'field');
    }],

    ['systempay.request', 'systempay', () => {
      const r = systempay.request('Transaction/Get', { uuid: fixtures.systempay.uuid }, sp);
      eq(r.method, 'POST', 'method');
      eq(r.url, `${baseUrl}/api-payment/V4/Transaction/Get`, 'url');
      eq(header(r.headers, 'authorization'), basic(sp.shopId, sp.password), 'Authorization');
      eq(JSON.parse(r.body).uuid, fixtures.systempay.uuid, 'body.uuid');
    }],

    ['systempay.parseResponse', 'systempay', async () => {
      const env = systempay.parseResponse(fixtures.systempay.getEnvelope);
      eq(env.status, 'SUCCESS', 'status');
      eq(env.answer.uuid, fixtures.systempay.uuid, 'answer.uuid');
      eq(env.answer.amount, 3000, 'answer.amount');
      const e = await caught(() => systempay.parseResponse(fixtures.systempay.errorEnvelope));
      check(e instanceof RemiseError, 'the ERROR envelope to throw a RemiseError');
      eq(e.code, 'GATEWAY_ERROR', 'code');
      eq(e.gatewayCode, 'PSP_075', 'gatewayCode');
      // An IPN handler that passes the runtime's own Request or body stream is told how to read the form
      // (known by its tag in every runtime: the twenty-sixth pass).
      for (const [given, fix] of [[new Request('http://localhost/ipn', { method: 'POST', body: 'kr-hash=x' }), 'new URLSearchParams(await request.text())'], [new Response('kr-hash=x').body, 'new Response(body).text()']]) {
        const raw = await caught(() => systempay.verifyHash(given, { password: sp.password }));
        eq(raw.field, '(input)', 'a raw IPN body: field');
        check(String(raw.message).includes(fix), `a raw IPN body's message to name ${fix}`);
      }
    }],

    ['payline.request', 'payline', () => {
      const r = payline.request('getTransactionDetails', { transactionId: fixtures.payline.transactionId }, pl);
      eq(r.method, 'POST', 'method');
      eq(r.url, `${baseUrl}/ExtendedAPI`, 'url');
      eq(header(r.headers, 'soapaction'), '"getTransactionDetails"', 'SOAPAction');
      eq(header(r.headers, 'authorization'), basic(pl.merchantId, pl.accessKey), 'Authorization');
      check(r.body.includes(`>${fixtures.payline.transactionId}</`), 'the transactionId in the SOAP body');
    }],

    ['payline.parseResponse', 'payline', async () => {
      const res = payline.parseResponse('getTransactionDetails', fixtures.payline.detailsResponse);
      eq(res.result.code, '00000', 'result.code');
      eq(res.result.accepted, true, 'result.accepted');
      eq(res.transaction.id, fixtures.payline.transactionId, 'transaction.id');
      const e = await caught(() => payline.parseResponse('getTransactionDetails', '<soapenv:Envelope'));
      check(e instanceof RemiseError, 'broken XML to throw a RemiseError');
      eq(e.code, 'MALFORMED_RESPONSE', 'code');
    }],

    ['sogenactif.batch.build', 'sogenactif', () => {
      const text = sogenactif.batch.build(fixtures.sogenactif.batchInput);
      eq(text, fixtures.sogenactif.batchFile, 'the batch file');
    }],

    ['sogenactif.batch.parseResponse', 'sogenactif', async () => {
      const res = sogenactif.batch.parseResponse(fixtures.sogenactif.batchResponse);
      eq(res.records.length, 1, 'records.length');
      eq(res.records[0].method, 'cancel', 'records[0].method');
      eq(res.records[0].responseCode, '00', 'records[0].responseCode');
      const e = await caught(() =>
        sogenactif.batch.build({ header: fixtures.sogenactif.batchInput.header, records: [{ method: 'cancel' }] }),
      );
      check(e instanceof RemiseError, 'a record without its fields to throw a RemiseError');
      eq(e.code, 'VALIDATION', 'code');
      check(e.issues.length >= 2, 'every missing field reported at once');
    }],

    ['sogenactif.office.request', 'sogenactif.office', () => {
      const { fields, path } = fixtures.sogenactif.office;
      const r = sogenactif.office.request('getTransactionData', fields, so);
      eq(r.method, 'POST', 'method');
      eq(r.url, `${baseUrl}${path}`, 'url');
      const body = JSON.parse(r.body);
      eq(body.merchantId, so.merchantId, 'body.merchantId');
      eq(body.keyVersion, so.keyVersion, 'body.keyVersion');
      check(/^[0-9a-f]{64}$/.test(body.seal), 'a lowercase hex HMAC-SHA-256 seal');
      eq(body.s10TransactionReference.s10TransactionId, fields.s10TransactionReference.s10TransactionId, 's10TransactionId');
    }],

    ['systempay.Client', 'systempay', async () => {
      const client = new systempay.Client(sp);
      const answer = await client.getTransaction({ uuid: fixtures.systempay.uuid });
      eq(answer.uuid, fixtures.systempay.uuid, 'answer.uuid over 127.0.0.1');
      const e = await caught(() => client.cancelOrRefund({ uuid: fixtures.systempay.refusedUuid }));
      check(e instanceof RemiseError, 'the refused CancelOrRefund to reject with a RemiseError');
      eq(e.gatewayCode, 'PSP_075', 'gatewayCode');
    }],

    // A money-moving call whose kept-alive connection the server drops once it has read the request is
    // sent once: Deno's fetch sent it again on a new connection (an attack counted 2 of 2), until the
    // transport gave Deno's money calls a connection of their own. The server counts per path; the tag
    // keeps each runtime's count apart.
    // The same through an injected fetch: the runtime's own passed explicitly, and README's wrapper
    // (Deno sent those twice: the connection of its own went only to the default fetch, a helper's
    // attack on the runtimes, eighteenth pass).
    ['money call over a dropped connection sent once', 'systempay', async () => {
      const own = globalThis.fetch;
      for (const [how, injected] of [['default fetch', undefined], ['fetch: globalThis.fetch', own], ['fetch: (input, init) => fetch(input, init)', (input, init) => own(input, init)]]) {
        const tag = `drop-${Math.random().toString(36).slice(2, 10)}`;
        const client = new systempay.Client({ ...sp, baseUrl: `${baseUrl}/${tag}`, fetch: injected });
        await client.getTransaction({ uuid: fixtures.systempay.uuid }); // leaves a kept-alive connection
        await new Promise((r) => setTimeout(r, 100));
        const e = await caught(() => client.refund({ uuid: fixtures.systempay.uuid, amount: 500, currency: 'EUR' }));
        eq(e.code, 'NETWORK_ERROR', `${how}: code`);
        eq(e.outcome, 'unknown', `${how}: outcome`);
        await new Promise((r) => setTimeout(r, 200)); // a resend would have arrived by now
        const received = await (await fetch(`${baseUrl}/__count/${tag}`)).json();
        eq(received, 1, `${how}: refunds the server received`);
      }
    }],

    // Deno without the net permission for a host (run.mjs allows 127.0.0.1 only): nothing was sent, no
    // outcome, a read not retried (it read as "may have reached": a helper's attack, eighteenth pass).
    ['a host the runtime refuses (Deno): nothing sent', 'systempay', async () => {
      if (typeof globalThis.Deno !== 'object' || globalThis.Deno === null) return;
      const client = new systempay.Client({ ...sp, baseUrl: 'https://192.0.2.1:8443' });
      const e = await caught(() => client.refund({ uuid: fixtures.systempay.uuid, amount: 500, currency: 'EUR' }));
      eq(e.code, 'NETWORK_ERROR', 'code');
      eq(e.outcome, undefined, 'outcome');
      eq(e.retryable, false, 'retryable');
      check(/refused the network access/.test(e.message), `the message says why: ${e.message}`);
      // And what to do: the host to allow, not "pass a fetch function" (a new user's walk on Deno,
      // twenty-fifth pass: Deno's own text was cut at 40 characters and the advice did not apply).
      check(/Deno's permissions refused the network access to 192\.0\.2\.1:8443: run it with --allow-net=192\.0\.2\.1:8443 /.test(e.message), `the message says what to allow: ${e.message}`);
      check(!/pass a fetch function/.test(e.message), `no advice that does not apply: ${e.message}`);
    }],

    // A port the Fetch standard blocks, refused by Deno's own fetch in its own words ("Fetch failed:
    // Requests to port 6000 are blocked"): nothing was sent, as under Node (it read as "may have reached",
    // a read sent three times: a helper's attack on the runtimes, twenty-ninth pass).
    ['a port the runtime blocks (Deno): nothing sent', 'systempay', async () => {
      if (typeof globalThis.Deno !== 'object' || globalThis.Deno === null) return;
      const client = new systempay.Client({ ...sp, baseUrl: 'http://127.0.0.1:6000' });
      const e = await caught(() => client.refund({ uuid: fixtures.systempay.uuid, amount: 500, currency: 'EUR' }));
      eq(e.code, 'NETWORK_ERROR', 'code');
      eq(e.outcome, undefined, 'outcome');
      eq(e.retryable, false, 'retryable');
      check(/^nothing was sent for Transaction\/Refund: port 6000, which fetch refuses/.test(e.message), `the message says so: ${e.message}`);
    }],

    ['payline.Client', 'payline', async () => {
      const client = new payline.Client(pl);
      const res = await client.getTransactionDetails({ transactionId: fixtures.payline.transactionId });
      eq(res.transaction.id, fixtures.payline.transactionId, 'transaction.id over 127.0.0.1');
    }],

    ['sogenactif.OfficeClient', 'sogenactif.office', async () => {
      const client = new sogenactif.OfficeClient(so);
      const res = await client.getTransactionData(fixtures.sogenactif.office.fields);
      eq(res.responseCode, '00', 'responseCode over 127.0.0.1');
      eq(res.transactionStatus, 'CAPTURED', 'transactionStatus');
    }],

    // remise/simulator: sim.fetch answers the clients inside the runtime (no server, no node: module).
    ['simulator (systempay)', 'systempay', async () => {
      check(simulator && typeof simulator.createSimulator === 'function', "remise/simulator's createSimulator");
      const sim = simulator.createSimulator({ now: '2026-11-30T09:00:00Z' });
      const { shopId, password } = sim.systempay.credentials;
      const client = new systempay.Client({ shopId, password, fetch: sim.fetch });
      const { uuid } = sim.systempay.createTransaction({ amount: 3000, currency: 'EUR' });
      eq((await client.cancelOrRefund({ uuid })).detailedStatus, 'CANCELLED', 'AUTO before capture');
      eq((await caught(() => client.cancelOrRefund({ uuid }))).gatewayCode, 'PSP_105', 'cancelled twice');
      const ipn = await sim.systempay.ipn(uuid);
      eq(systempay.parseAnswer(ipn, { password }).orderStatus, 'UNPAID', 'IPN verified with the password');
    }],

    ['simulator (payline)', 'payline', async () => {
      check(simulator && typeof simulator.createSimulator === 'function', "remise/simulator's createSimulator");
      const sim = simulator.createSimulator({ now: '2026-11-30T09:00:00Z' });
      const client = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
      const { id } = sim.payline.createTransaction({ amount: 1000, currency: 'EUR', date: '2026-11-25T09:00:00Z' });
      const details = await client.getTransactionDetails({ transactionId: id });
      eq(details.payment.amount, '1000', 'payment.amount');
      const order = { ref: 'R-1', amount: 1000, currency: 'EUR', date: '2026-11-30T10:00' };
      const e = await caught(() => client.doReAuthorization({ transactionID: id, payment: { amount: 1000, currency: 'USD', action: 100, mode: 'CPT', contractNumber: '1234567' }, order }));
      eq(e.gatewayCode, '02620', 'another currency');
      eq((await client.doReAuthorization({ transactionID: id, payment: { amount: 1000, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' }, order })).result.code, '00000', 'doReAuthorization');
    }],

    ['simulator (sogenactif)', 'sogenactif.office', async () => {
      check(simulator && typeof simulator.createSimulator === 'function', "remise/simulator's createSimulator");
      const sim = simulator.createSimulator({ now: '2026-11-30T09:00:00Z' });
      // The production host: the simulator seals its answers there (not on the test platform's, which
      // does not seal), and remise requires and checks the seal.
      const client = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, environment: 'production', fetch: sim.fetch });
      sim.sogenactif.createTransaction({ transactionReference: 'ORDER1', amount: 1000 });
      const answer = await client.cancel({ transactionReference: 'ORDER1', operationAmount: 400, currencyCode: 'EUR' });
      eq(answer.newAmount, 600, 'newAmount');
      eq(answer.sealVerified, true, 'sealVerified');
      const { merchantId } = sim.sogenactif.credentials;
      const file = sogenactif.batch.build({
        header: { remitterId: merchantId, date: '2026-11-30+0100', time: '10:00:00+0100', sequence: 1 },
        records: [{ method: 'cancel', merchantId, transactionReference: 'ORDER1', amount: 700, currencyCode: 'EUR' }],
      });
      eq(sogenactif.batch.parseResponse(sim.sogenactif.processBatch(file)).records[0].responseCode, '24', 'cancelling more than what is left');
    }],
  ];

  const results = [];
  for (const [step, gateway, run] of steps) {
    if (gateway && has[gateway]) {
      results.push({ step, gateway, status: 'skip', note: `${gateway} ${has[gateway]}` });
      continue;
    }
    try {
      await run();
      results.push({ step, status: 'ok' });
    } catch (e) {
      results.push({ step, status: 'fail', note: `${e && e.code ? e.code + ': ' : ''}${e && e.message ? e.message : String(e)}` });
    }
  }
  return results;
}
