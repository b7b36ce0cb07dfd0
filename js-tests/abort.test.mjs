// A client call's `signal` (its last argument, `{ signal }`): provoked on every client, counting
// on the server side what was sent. An aborted call rejects ABORTED; nothing is sent after the
// abort, a read is not tried again, and a money-moving call that had been sent says its outcome is
// unknown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { entries, rejected } from './entries.mjs';
import { startScenarios, reply } from './server.mjs';

const UUID = 'a0b61d1e159748eaab876cfe342e8c08';
const SP = { shopId: '69876357', password: 'testpassword_abort1' };
const PL = { merchantId: '111111111', accessKey: 'AbortTestAccessKey' };
const SG = { merchantId: '002001000000001', secretKey: '002001000000001_abortTestKey', keyVersion: 1 };

// One money-moving and one read call per client, each taking the call options as given.
const clientsOf = (R) => ({
  systempay: {
    make: (o) => new R.systempay.Client({ ...SP, ...o }),
    money: (c, opt) => c.refund({ uuid: UUID, amount: 500, currency: 'EUR' }, opt),
    read: (c, opt) => c.getTransaction({ uuid: UUID }, opt),
    status: 'getTransaction',
  },
  payline: {
    make: (o) => new R.payline.Client({ ...PL, ...o }),
    money: (c, opt) =>
      c.doRefund(
        {
          transactionID: '14340105742592',
          payment: { amount: 500, currency: 'EUR', action: 421, mode: 'CPT', contractNumber: '1234567' },
          sequenceNumber: 'refund-0001',
        },
        opt,
      ),
    read: (c, opt) => c.getTransactionDetails({ transactionId: '1434297987545643131272' }, opt),
    status: 'getTransactionDetails',
  },
  sogenactif: {
    make: (o) => new R.sogenactif.OfficeClient({ ...SG, ...o }),
    money: (c, opt) => c.cancel({ transactionReference: 'SIM20260101A1', operationAmount: 1000, currencyCode: 'EUR' }, opt),
    read: (c, opt) => c.getTransactionData({ transactionReference: 'SIM20260101A1' }, opt),
    status: 'getTransactionData',
  },
});

let srv;
let scenarios;
before(async () => {
  scenarios = await startScenarios('a');
  srv = scenarios.srv;
});
after(async () => {
  await srv.close();
});
const sent = (name) => scenarios.sent(name);
const route = (handler) => scenarios.route(handler);
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
// A server that never answers: the call can only end by its signal (the timeout is far away).
const silent = () => {};

for (const [entry, R] of entries) {
  const CLIENTS = clientsOf(R);
  for (const gw of Object.keys(CLIENTS)) {
    const C = CLIENTS[gw];

    test(`${entry} ${gw}: a signal aborted before the call sends nothing`, async () => {
      for (const call of ['money', 'read']) {
        const r = route(silent);
        const controller = new AbortController();
        const reason = new Error('the caller gave up');
        controller.abort(reason);
        const e = await rejected(C[call](C.make({ baseUrl: r.baseUrl }), { signal: controller.signal }));
        assert.equal(e.code, 'ABORTED', `${call}: ${e.message}`);
        assert.ok(R.isRemiseError(e));
        assert.equal(e.gateway, gw);
        assert.equal(e.retryable, false);
        assert.equal(e.outcome, undefined, 'nothing was sent: the outcome is known');
        assert.equal(e.cause, reason);
        assert.match(e.message, /before anything was sent/);
        await wait(20);
        assert.equal(sent(r.name), 0, `${call}: nothing reaches the server`);
      }
    });

    test(`${entry} ${gw}: a money-moving call aborted while the gateway holds it is sent once, outcome unknown`, async () => {
      const r = route(silent);
      const controller = new AbortController();
      const client = C.make({ baseUrl: r.baseUrl, timeoutMs: 60_000 });
      const p = C.money(client, { signal: controller.signal });
      while (sent(r.name) === 0) await wait(5);
      controller.abort();
      const e = await rejected(p);
      assert.equal(e.code, 'ABORTED', e.message);
      assert.equal(e.outcome, 'unknown');
      assert.equal(e.retryable, false);
      assert.ok(e.cause instanceof Error && e.cause.name === 'AbortError', 'the cause is the signal reason');
      // The advice names the status read, as a TIMEOUT's does.
      assert.match(e.message, new RegExp(`may have reached ${gw}: check its status with ${C.status} before sending it again`));
      // "handed to fetch", not "sent": an abort right after the call may come before the bytes leave (a
      // new user's trial, twenty-fourth pass).
      assert.match(e.message, /was aborted by its signal after it was handed to fetch; /);
      await wait(100);
      assert.equal(sent(r.name), 1, 'never sent again');
    });

    test(`${entry} ${gw}: a read aborted while it waits to be tried again is not tried again, and ends at once`, async () => {
      const controller = new AbortController();
      let guard;
      const r = route((req, body, res) => {
        res.writeHead(503).end();
        // Abort during the pause before the second attempt (at least 125 ms after the 503 is read).
        // A timer of 100 ms from the abort expires before that pause could: the rejection must come
        // first (timers fire in the order they expire, however loaded the machine).
        setTimeout(() => {
          controller.abort();
          guard = wait(100).then(() => 'the pause ran out first');
        }, 20);
      });
      const p = rejected(C.read(C.make({ baseUrl: r.baseUrl }), { signal: controller.signal }));
      const first = await Promise.race([p.then(() => 'rejected'), (async () => {
        while (guard === undefined) await wait(1);
        return guard;
      })()]);
      assert.equal(first, 'rejected', 'ABORTED at the abort, not after the pause');
      const e = await p;
      assert.equal(e.code, 'ABORTED', e.message);
      assert.equal(e.outcome, undefined, 'a read has no effect to be unsure of');
      assert.equal(e.retryable, false);
      await wait(600);
      assert.equal(sent(r.name), 1, 'the retry is not sent after the abort');
    });

    test(`${entry} ${gw}: an abort from the debug callback, before fetch is called, sends nothing`, async () => {
      const r = route(silent);
      const controller = new AbortController();
      const client = C.make({ baseUrl: r.baseUrl, debug: (ev) => ev.type === 'request' && controller.abort() });
      const e = await rejected(C.money(client, { signal: controller.signal }));
      assert.equal(e.code, 'ABORTED', e.message);
      assert.equal(e.outcome, undefined);
      await wait(20);
      assert.equal(sent(r.name), 0);
    });

    test(`${entry} ${gw}: a fetch that ignores the signal cannot hold the call`, async () => {
      let calls = 0;
      const fetch = () => {
        calls++;
        return new Promise(() => {});
      };
      const client = C.make({ fetch, timeoutMs: 60_000 });
      const e = await rejected(C.money(client, { signal: AbortSignal.timeout(30) }));
      assert.equal(e.code, 'ABORTED', e.message);
      assert.equal(e.outcome, 'unknown');
      assert.equal(e.cause && e.cause.name, 'TimeoutError');
      assert.equal(calls, 1);
    });

    test(`${entry} ${gw}: one signal for many calls keeps no listener once they are settled`, async () => {
      const r = route((req, body, res) => res.writeHead(503).end());
      const controller = new AbortController();
      const client = C.make({ baseUrl: r.baseUrl });
      for (let i = 0; i < 20; i++) {
        const e = await rejected(C.money(client, { signal: controller.signal }));
        assert.equal(e.code, 'HTTP_ERROR');
      }
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
      // Aborting afterwards changes nothing and sends nothing.
      controller.abort();
      await wait(20);
      assert.equal(sent(r.name), 20);
    });

    test(`${entry} ${gw}: a call option that is not one is reported with the call's other issues, nothing sent`, async () => {
      const r = route(silent);
      const client = C.make({ baseUrl: r.baseUrl });
      let e = await rejected(C.money(client, { signal: 'stop' }));
      assert.equal(e.code, 'VALIDATION');
      assert.deepEqual(
        e.issues.map((i) => [i.field, i.code]),
        [['callOptions.signal', 'TYPE']],
      );
      assert.match(e.message, /AbortSignal/);
      // An array's keys are no call options either (a number is: `map`'s index, below).
      e = await rejected(C.money(client, ['x']));
      assert.equal(e.code, 'VALIDATION');
      assert.ok(e.issues.every((i) => i.field.startsWith('callOptions')), e.message);
      e = await rejected(C.money(client, { get signal() { throw new Error('getter'); } }));
      assert.equal(e.code, 'VALIDATION');
      assert.equal(e.field, 'callOptions');
      assert.equal(e.cause.message, 'getter');
      if (gw === 'sogenactif') {
        // The core's issues of the same options come with it.
        e = await rejected(C.money(client, { signal: {}, transaction: { amount: -1 } }));
        assert.deepEqual(
          e.issues.map((i) => i.field).sort(),
          ['callOptions.signal', 'callOptions.transaction.amount'],
        );
        assert.match(e.message, /^2 problems: /);
        // Validation comes before the preflight rules: a bad signal with a transaction the rules
        // refuse (CANCELLED) is VALIDATION, as a bad field would be.
        e = await rejected(C.money(client, { signal: 'stop', transaction: { transactionStatus: 'CANCELLED' } }));
        assert.equal(e.code, 'VALIDATION');
        assert.deepEqual(e.issues.map((i) => i.field), ['callOptions.signal']);
        e = await rejected(C.money(client, { transaction: { transactionStatus: 'CANCELLED' } }));
        assert.equal(e.code, 'OPERATION_NOT_ALLOWED', 'the same call with no bad option is refused by the rules');
      } else {
        e = await rejected(C.money(client, { signal: new AbortController().signal, sigal: 1 }));
        assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [['callOptions.sigal', 'UNKNOWN_FIELD']]);
      }
      await wait(20);
      assert.equal(sent(r.name), 0);
    });

    test(`${entry} ${gw}: a signal that is never aborted changes nothing`, async () => {
      const r = route(silent);
      const client = C.make({ baseUrl: r.baseUrl, timeoutMs: 50 });
      const e = await rejected(C.money(client, { signal: new AbortController().signal }));
      assert.equal(e.code, 'TIMEOUT');
      assert.equal(e.outcome, 'unknown');
      // TIMEOUT's advice names the same status read as ABORTED's (STATUS_METHOD in transport.js).
      assert.match(e.message, new RegExp(`check its status with ${C.status} before sending it again`));
    });
  }
}

test('a Systempay read answered after an abort resolves nothing and sends no more', async () => {
  const [, R] = entries[0];
  const controller = new AbortController();
  let answer;
  const r = route((req, body, res) => {
    answer = () => reply(res, 200, { status: 'SUCCESS', answer: { uuid: UUID } });
  });
  const p = new R.systempay.Client({ ...SP, baseUrl: r.baseUrl }).getTransaction({ uuid: UUID }, { signal: controller.signal });
  while (sent(r.name) === 0) await wait(5);
  controller.abort();
  answer();
  const e = await rejected(p);
  assert.equal(e.code, 'ABORTED');
  assert.match(e.message, /before it was done \(a read: nothing to undo\)/);
  await wait(50);
  assert.equal(sent(r.name), 1);
});

// A second attack (a helper's sweep of abort times and option shapes).
for (const [entry, R] of entries) {
  const CLIENTS = clientsOf(R);
  test(`${entry}: an abort while a read's attempt ends, before its pause, is ABORTED and nothing is retried`, async () => {
    for (const gw of Object.keys(CLIENTS)) {
      const C = CLIENTS[gw];
      for (let depth = 0; depth < 12; depth++) {
        const controller = new AbortController();
        let calls = 0;
        let guard;
        const fetch = async () => {
          calls++;
          let p = Promise.resolve();
          for (let i = 0; i < depth; i++) p = p.then(() => {});
          p.then(() => {
            controller.abort();
            // Expires before the shortest pause (125 ms) that started after this could.
            guard = wait(100).then(() => 'the pause ran out first');
          });
          return new Response('', { status: 503 });
        };
        const p = rejected(C.read(C.make({ fetch }), { signal: controller.signal }));
        const first = await Promise.race([p.then(() => 'rejected'), (async () => {
          while (guard === undefined) await wait(1);
          return guard;
        })()]);
        assert.equal(first, 'rejected', `${gw} depth ${depth}: ABORTED at the abort, not after the pause`);
        const e = await p;
        assert.equal(e.code, 'ABORTED', `${gw} depth ${depth}: ${e.code} ${e.message}`);
        assert.equal(e.retryable, false);
        await wait(300);
        assert.equal(calls, 1, `${gw} depth ${depth}: no retry`);
      }
    }
  });

  test(`${entry}: the signal is read as fetch reads it (an AbortController as the options); the signal alone is refused`, async () => {
    for (const gw of Object.keys(CLIENTS)) {
      const C = CLIENTS[gw];
      const r = route(silent);
      const controller = new AbortController();
      controller.abort();
      const e = await rejected(C.money(C.make({ baseUrl: r.baseUrl }), controller));
      assert.equal(e.code, 'ABORTED', `${gw}: ${e.message}`);
      const inherited = Object.create({ signal: controller.signal });
      assert.equal((await rejected(C.money(C.make({ baseUrl: r.baseUrl }), inherited))).code, 'ABORTED');
      const alone = await rejected(C.money(C.make({ baseUrl: r.baseUrl }), controller.signal));
      assert.equal(alone.code, 'VALIDATION');
      assert.deepEqual(alone.issues.map((i) => i.field), ['callOptions']);
      assert.match(alone.message, /pass it as \{ signal \}/);
      await wait(20);
      assert.equal(sent(r.name), 0);
    }
  });

  test(`${entry}: call options' issues come with the fields' (the Sips client's core stops at the options; Systempay's service)`, async () => {
    const r = route(silent);
    const office = CLIENTS.sogenactif.make({ baseUrl: r.baseUrl });
    let e = await rejected(office.cancel({ operationAmount: 1000, currencyCode: 'EUR', transactionReference: 'a b' }, { foo: 1, signal: 'x' }));
    assert.equal(e.code, 'VALIDATION');
    const fields = e.issues.map((i) => i.field);
    assert.ok(fields.includes('transactionReference'), fields.join());
    assert.ok(fields.includes('callOptions.foo') && fields.includes('callOptions.signal'), fields.join());
    e = await rejected(office.cancel({ operationAmount: 1000, currencyCode: 'EUR', transactionReference: 'a b' }, { transaction: { amount: -1 } }));
    assert.deepEqual(e.issues.map((i) => i.field).sort(), ['callOptions.transaction.amount', 'transactionReference']);
    const sp = CLIENTS.systempay.make({ baseUrl: r.baseUrl });
    e = await rejected(sp.call(42, {}, { signal: 'x' }));
    assert.deepEqual(e.issues.map((i) => i.field), ['service', 'callOptions.signal']);
    // Options whose getter throws: one issue among the body's, the exception kept as the cause.
    e = await rejected(sp.refund({ uuid: 'x', amount: 500, currency: 'EUR' }, { get signal() { throw new Error('getter'); } }));
    assert.deepEqual(e.issues.map((i) => i.field), ['uuid', 'callOptions']);
    assert.equal(e.cause?.message, 'getter');
    e = await rejected(office.cancel({ operationAmount: 1000, currencyCode: 'EUR', transactionReference: 'a b' }, { get signal() { throw new Error('getter'); } }));
    assert.deepEqual(e.issues.map((i) => i.field), ['transactionReference', 'callOptions']);
    assert.equal(e.cause?.message, 'getter');
    await wait(20);
    assert.equal(sent(r.name), 0);
  });

  test(`${entry}: many calls in flight on one signal: one listener, no leak warning, each rejected once`, async () => {
    const warnings = [];
    const onWarning = (w) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const r = route(silent);
      const controller = new AbortController();
      const client = CLIENTS.systempay.make({ baseUrl: r.baseUrl, timeoutMs: 60_000 });
      const calls = Array.from({ length: 30 }, () => rejected(CLIENTS.systempay.money(client, { signal: controller.signal })));
      while (sent(r.name) < 30) await wait(5);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
      controller.abort();
      const errors = await Promise.all(calls);
      assert.deepEqual([...new Set(errors.map((e) => `${e.code} ${e.outcome}`))], ['ABORTED unknown']);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
      await wait(20);
      assert.equal(sent(r.name), 30);
      assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  test(`${entry}: an answer a fetch gives after the call was aborted still reaches debug (the record of what the gateway did), and nothing more is sent`, async () => {
    const events = [];
    let answer;
    let calls = 0;
    const fetch = () => {
      calls++;
      return new Promise((resolve) => (answer = () => resolve(new Response('{}', { status: 200 }))));
    };
    const controller = new AbortController();
    const client = CLIENTS.systempay.make({ fetch, debug: (ev) => events.push(ev.type) });
    const p = CLIENTS.systempay.money(client, { signal: controller.signal });
    while (answer === undefined) await wait(1);
    controller.abort();
    assert.equal((await rejected(p)).code, 'ABORTED');
    answer();
    await wait(20);
    assert.deepEqual(events, ['request', 'response']);
    assert.equal(calls, 1);
  });

  test(`${entry}: after TIMEOUT or ABORTED, an answer that goes on is read no further than 64 KiB, nor longer than timeoutMs, then cancelled`, async () => {
    // A fetch that ignores the abort (a one-argument wrapper, a mock, a proxy layer) and answers with a
    // body that never ends. Counted: the bytes the client pulled, and whether it cancelled the body.
    // It used to read on to maxResponseBytes (4 MiB) per call and kept the process alive meanwhile.
    const dripping = (chunk, every) => {
      const seen = { pulled: 0, cancelled: false };
      const fetch = async () =>
        new Response(
          new ReadableStream({
            async pull(c) {
              await wait(every);
              seen.pulled += chunk;
              c.enqueue(new Uint8Array(chunk).fill(0x20));
            },
            cancel() {
              seen.cancelled = true;
            },
          }, { highWaterMark: 0 }),
          { status: 200 },
        );
      return { fetch, seen };
    };
    for (const how of ['timeout', 'abort']) {
      // Fast: 16 KiB every 2 ms, so the late cap comes first.
      const fast = dripping(16 << 10, 2);
      const controller = new AbortController();
      const client = CLIENTS.systempay.make({ fetch: fast.fetch, timeoutMs: how === 'timeout' ? 60 : 60_000 });
      const p = CLIENTS.systempay.money(client, { signal: controller.signal });
      if (how === 'abort') {
        await wait(60);
        controller.abort();
      }
      assert.equal((await rejected(p)).code, how === 'timeout' ? 'TIMEOUT' : 'ABORTED');
      await wait(400);
      assert.equal(fast.seen.cancelled, true, `${how}: the body is cancelled`);
      const after = fast.seen.pulled;
      assert.ok(after <= (64 << 10) + 3 * (16 << 10) + 60 / 2 * (16 << 10), `${how}: ${after} bytes pulled`);
      await wait(100);
      assert.equal(fast.seen.pulled, after, `${how}: nothing pulled once cancelled`);
    }
    // Slow: one byte every 10 ms, so the late deadline (timeoutMs after the call's end) comes first.
    const slow = dripping(1, 10);
    const client = CLIENTS.systempay.make({ fetch: slow.fetch, timeoutMs: 50 });
    assert.equal((await rejected(CLIENTS.systempay.money(client))).code, 'TIMEOUT');
    await wait(200);
    assert.equal(slow.seen.cancelled, true, 'the slow body is cancelled at the late deadline');
    const pulled = slow.seen.pulled;
    await wait(60);
    assert.equal(slow.seen.pulled, pulled, 'nothing pulled once cancelled');
  });

  test(`${entry}: the late bounds hold for hand-made answers: a reader without cancel, a text() of 180 000 UTF-8 bytes`, async () => {
    // A reader with no `cancel` (or one that returns no promise): cancelled from the late deadline's
    // timer, it threw there, uncaught, and the process exited on a TypeError.
    const uncaught = [];
    const onUncaught = (e) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      for (const cancel of [undefined, () => undefined, () => { throw new Error('cancel refused'); }]) {
        let reads = 0;
        const reader = { read: () => new Promise((r) => setTimeout(() => r({ done: false, value: new Uint8Array(10) }, reads++), 20)) };
        if (cancel) reader.cancel = cancel;
        const fetch = async () => {
          await wait(80);
          return { status: 200, headers: new Headers(), body: { getReader: () => reader } };
        };
        const client = CLIENTS.systempay.make({ fetch, timeoutMs: 50 });
        assert.equal((await rejected(CLIENTS.systempay.money(client))).code, 'TIMEOUT');
        await wait(200);
        const after = reads;
        await wait(60);
        assert.ok(reads - after <= 1, `no more reads once the late deadline passed (${reads - after})`);
      }
      assert.deepEqual(uncaught.map(String), []);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    // A body given by text() only cannot be cancelled; past 64 KiB of UTF-8 (60 000 '€' are 180 000
    // bytes in 60 000 UTF-16 units) it no longer reaches debug: its status does, with an empty body (the
    // record of an answer not read whole, twenty-first pass).
    const events = [];
    const big = async () => {
      await wait(80);
      return { status: 200, headers: new Headers(), body: undefined, text: async () => `{"a":"${'\u20ac'.repeat(60000)}"}` };
    };
    const client = CLIENTS.systempay.make({ fetch: big, timeoutMs: 50, debug: (ev) => events.push([ev.type, ev.status, ev.body]) });
    assert.equal((await rejected(CLIENTS.systempay.money(client))).code, 'TIMEOUT');
    await wait(100);
    assert.deepEqual(events.map(([type, status, body]) => (type === 'request' ? type : [type, status, body])), ['request', ['response', 200, '']]);
  });

  test(`${entry}: a method handed to map gets the index as its second argument: no options, as before`, async () => {
    const r = route((req, body, res) => res.writeHead(503).end());
    for (const gw of ['systempay', 'payline']) {
      const C = CLIENTS[gw];
      const client = C.make({ baseUrl: r.baseUrl });
      const method = gw === 'systempay' ? client.getTransaction : client.getTransactionDetails;
      const body = gw === 'systempay' ? { uuid: UUID } : { transactionId: '1434297987545643131272' };
      const errors = await Promise.all([body, body].map(method).map(rejected));
      assert.deepEqual(errors.map((e) => e.code), ['HTTP_ERROR', 'HTTP_ERROR'], gw);
    }
    // The Sips client read its call options in the core, which refuses what is no object, as before.
    const office = CLIENTS.sogenactif.make({ baseUrl: r.baseUrl });
    for (const bad of [7, new Date(0), []]) {
      const e = await rejected(office.cancel({ transactionReference: 'SIM20260101A1', operationAmount: 1000, currencyCode: 'EUR' }, bad));
      assert.equal(e.code, 'VALIDATION', String(bad));
      assert.equal(e.field, 'callOptions');
    }
    assert.equal(office.cancel.length, 2);
  });
}
