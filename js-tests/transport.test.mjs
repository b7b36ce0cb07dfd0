// The shared fetch transport, through its test seam (__transportProbe on the raw exports):
// timeouts, resets, retries of reads, never a resend of a money-moving call, injected fetch,
// masked debug events. Gateway clients use the same transport.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { raw, rejected, entries } from './entries.mjs';
import { startServer, reply } from './server.mjs';

const [, [, cjs]] = entries;
let srv;
before(async () => {
  srv = await startServer({
    '/ok': (req, body, res) => reply(res, 200, { echo: body }),
    '/hang': () => {},
    '/drop': (req, body, res) => res.socket.destroy(),
    '/flaky': (req, body, res, n) => (n === 1 ? reply(res, 503, 'busy', 'text/plain') : reply(res, 200, { n })),
    '/always503': (req, body, res) => reply(res, 503, 'busy', 'text/plain'),
    '/bad': (req, body, res) => reply(res, 400, { error: 'bad' }),
  });
});
after(() => srv.close());

const probe = (path, opts = {}, read = false, body = 'hello') => raw.__transportProbe(srv.url + path, body, opts, read);

test('posts the body and resolves the answer', async () => {
  const r = await probe('/ok');
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body), { echo: 'hello' });
  const seen = srv.requests.at(-1);
  assert.equal(seen.method, 'POST');
  assert.equal(seen.headers.authorization, 'Basic cHJvYmU6c2VjcmV0');
});

test('a timeout rejects TIMEOUT close to timeoutMs, with outcome unknown for money-moving calls', async () => {
  const t0 = Date.now();
  const e = await rejected(probe('/hang', { timeoutMs: 300 }));
  const elapsed = Date.now() - t0;
  assert.ok(e instanceof cjs.RemiseError);
  assert.equal(e.code, 'TIMEOUT');
  assert.equal(e.outcome, 'unknown');
  assert.equal(e.retryable, false);
  assert.match(e.message, /getTransaction/);
  assert.ok(elapsed >= 290 && elapsed < 2000, `elapsed ${elapsed}`);
  assert.equal(srv.count('/hang'), 1);
});

test('a reset after sending is never resent for a money-moving call', async () => {
  const e = await rejected(probe('/drop'));
  assert.equal(e.code, 'NETWORK_ERROR');
  assert.equal(e.outcome, 'unknown');
  assert.equal(e.retryable, false);
  assert.equal(srv.count('/drop'), 1);
});

test('a read is retried after a 503 and succeeds', async () => {
  const r = await probe('/flaky', {}, true);
  assert.equal(r.status, 200);
  assert.equal(srv.count('/flaky'), 2);
});

test('a read gives up after two retries and hands back the last answer', async () => {
  const r = await probe('/always503', {}, true);
  assert.equal(r.status, 503);
  assert.equal(srv.count('/always503'), 3);
});

test('a money-moving call is not retried on 503 and a 400 is handed back', async () => {
  const before503 = srv.count('/always503');
  const r = await probe('/always503', {}, false);
  assert.equal(r.status, 503);
  assert.equal(srv.count('/always503'), before503 + 1);
  assert.equal((await probe('/bad')).status, 400);
});

test('a refused connection is NETWORK_ERROR; reads are retryable', async () => {
  const closed = await startServer({});
  const url = closed.url;
  await closed.close();
  const e = await rejected(raw.__transportProbe(url + '/x', '', {}, true));
  assert.equal(e.code, 'NETWORK_ERROR');
  assert.equal(e.retryable, true);
  assert.equal(e.outcome, undefined);
});

test('an injected fetch is used, and debug events mask credentials and card numbers', async () => {
  const calls = [];
  const events = [];
  const fetch = async (request) => {
    calls.push({ url: request.url, method: request.method, body: await request.clone().text() });
    return new Response('{"ok":true}', { status: 200 });
  };
  const r = await raw.__transportProbe('http://remise.invalid/x', 'pan 4970100000000055', { fetch, debug: (ev) => events.push(ev) }, false);
  assert.equal(r.status, 200);
  assert.deepEqual(calls, [{ url: 'http://remise.invalid/x', method: 'POST', body: 'pan 4970100000000055' }]);
  assert.equal(events.length, 2);
  assert.equal(events[0].type, 'request');
  assert.equal(events[0].headers.Authorization, 'Basic ***');
  assert.equal(events[0].body, 'pan ************0055');
  assert.equal(events[1].type, 'response');
  assert.equal(events[1].status, 200);
  assert.ok(!JSON.stringify(events).includes('cHJvYmU6c2VjcmV0'));
});

test('bad transport options are a VALIDATION error listing each', async () => {
  const e = await rejected(probe('/ok', { fetch: 'no', timeoutMs: -5 }));
  assert.equal(e.code, 'VALIDATION');
  assert.deepEqual(e.issues.map((i) => i.field), ['fetch', 'timeoutMs']);
});
