// README, Safety, "After `outcome: 'unknown'`: did it go through?": each gateway's recipe, followed as written
// against the simulator with the answer of a money call lost after the gateway processed it, and lost before
// it reached the gateway. The recipe must conclude "went through" in the first case and "not done" in the
// second; the gateway's own count (`sim.requests`, and the transaction's state) must show the operation made
// exactly once either way. Expectations come from README's words, not from remise's code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systempay, payline, sogenactif, isRemiseError } from 'remise';
import { createSimulator } from 'remise/simulator';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const START = '2026-11-30T09:00:00Z';
// The two ways a money call's answer is lost: after the gateway processed it, or before it got there.
const lossy = (sim, after) => {
  let armed = true;
  return async (input, init) => {
    if (!armed) return sim.fetch(input, init);
    armed = false;
    if (after) await sim.fetch(input, init);
    throw new TypeError('fetch failed');
  };
};
const unknown = async (promise) => {
  const e = await promise.then(() => null, (x) => x);
  assert.ok(isRemiseError(e) && e.outcome === 'unknown', `outcome unknown: ${e?.message ?? 'resolved'}`);
  return e;
};
const sent = (sim, gateway, what) => sim.requests.filter((r) => r.gateway === gateway && (r.service ?? r.operation ?? r.path).includes(what)).length;

for (const after of [true, false]) {
  const when = after ? 'after the gateway processed it' : 'before it reached the gateway';

  test(`Systempay: a partial refund whose answer is lost ${when} is found by refundAmount, and made once`, async () => {
    const sim = createSimulator({ now: START });
    const { uuid } = sim.systempay.createTransaction({ amount: 3000, captureDelay: 0 });
    sim.advance({ days: 1 });
    const client = new systempay.Client({ ...sim.systempay.credentials, fetch: lossy(sim, after) });
    const refunded = (tx) => tx.transactionDetails.cardDetails.captureResponse.refundAmount ?? 0;
    // The lossy fetch loses the first call only: read before sending through the simulator itself.
    const reader = new systempay.Client({ ...sim.systempay.credentials, fetch: sim.fetch });
    const before = refunded(await reader.getTransaction({ uuid }));
    await unknown(client.refund({ uuid, amount: 1000, currency: 'EUR' }));
    const went = refunded(await client.getTransaction({ uuid })) - before === 1000;
    assert.equal(went, after);
    if (!went) await client.refund({ uuid, amount: 1000, currency: 'EUR' });
    assert.equal(refunded(await client.getTransaction({ uuid })), 1000, 'refunded once');
    assert.equal(sim.systempay.transactions().filter((t) => t.operationType === 'CREDIT').length, 1);
  });

  test(`Payline: a capture whose answer is lost ${when} is found by a new associated transaction, and made once`, async () => {
    const sim = createSimulator({ now: START });
    const { id } = sim.payline.createTransaction({ amount: 1000, action: 100 });
    const client = new payline.Client({ ...sim.payline.credentials, fetch: lossy(sim, after) });
    const reader = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
    const list = async (c) => (await c.getTransactionDetails({ transactionId: id, transactionHistory: 'Y' })).associatedTransactionsList ?? [];
    const known = new Set((await list(reader)).map((t) => t.transactionId));
    const capture = { transactionID: id, payment: { amount: 1000, currency: 'EUR', action: 201, mode: 'CPT' }, sequenceNumber: 'cap-1' };
    await unknown(client.doCapture(capture));
    const went = (await list(client)).some((t) => !known.has(t.transactionId) && t.type === 'CAPTURE' && t.status === 'OK' && t.amount === '1000');
    assert.equal(went, after);
    // Sent again with the same sequenceNumber, as README says: a duplicate when the first went through.
    const again = await client.doCapture(capture).then((a) => a.result.code, (e) => e.gatewayCode);
    assert.equal(again, after ? '02001' : '00000');
    assert.equal((await list(client)).filter((t) => t.type === 'CAPTURE').length, 1, 'captured once');
  });

  test(`Sips: a partial cancel whose answer is lost ${when} is found by currentAmount, and made once`, async () => {
    const sim = createSimulator({ now: START });
    sim.sogenactif.createTransaction({ transactionReference: 'ORDER7', amount: 1000 });
    const client = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: lossy(sim, after) });
    const reader = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: sim.fetch });
    const before = (await reader.getTransactionData({ transactionReference: 'ORDER7' })).currentAmount;
    await unknown(client.cancel({ transactionReference: 'ORDER7', operationAmount: 400, currencyCode: 'EUR' }));
    const now = (await client.getTransactionData({ transactionReference: 'ORDER7' })).currentAmount;
    const went = before - now === 400;
    assert.equal(went, after);
    if (!went) await client.cancel({ transactionReference: 'ORDER7', operationAmount: 400, currencyCode: 'EUR' });
    assert.equal((await client.getTransactionData({ transactionReference: 'ORDER7' })).currentAmount, 600, 'cancelled once');
    assert.equal(sent(sim, 'sogenactif', 'cancel'), 1, 'the gateway received one cancel');
  });
}

test('Sips: a refund of unknown outcome sends the operator to the back office, not to getTransactionData', async () => {
  const sim = createSimulator({ now: START });
  sim.sogenactif.createTransaction({ transactionReference: 'PAID1', amount: 1000, status: 'CAPTURED' });
  const client = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: lossy(sim, true) });
  const e = await unknown(client.refund({ transactionReference: 'PAID1', operationAmount: 100, currencyCode: 'EUR' }));
  assert.match(e.message, /check it in the Sogenactif back office before sending it again \(a refund does not show in getTransactionData\)/);
  assert.doesNotMatch(e.message, /check its status with getTransactionData/);
  // Other services keep the query.
  const c = await unknown(new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: lossy(sim, true) }).cancel({ transactionReference: 'PAID1', operationAmount: 100, currencyCode: 'EUR' }));
  assert.match(c.message, /check its status with getTransactionData before sending it again/);
});

test('Sips: every text of a refund answered 99 (temporary server problem) names the back office; the stateless reader and `remise batch report` too', async () => {
  // A review of the pass: `gatewayMessage` and the answer's `responseMessage`, what a JSON logger writes,
  // still said to check getTransactionData.
  const answer99 = async () => new Response('{"responseCode":"99"}', { status: 200, headers: { 'content-type': 'application/json' } });
  const sim = createSimulator({ now: START });
  const client = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: answer99 });
  const e = await unknown(client.refund({ transactionReference: 'PAID1', operationAmount: 100, currencyCode: 'EUR' }));
  for (const text of [e.message, e.gatewayMessage, e.response.responseMessage, JSON.stringify(e)]) {
    assert.match(text, /Sogenactif back office/);
    assert.doesNotMatch(text, /check getTransactionData before sending it again/);
  }
  // The stateless reader is not told the service: its advice names both.
  const stateless = await Promise.resolve().then(() => sogenactif.office.parseResponse('{"responseCode":"99"}')).then(() => null, (x) => x);
  assert.match(stateless.message, /check getTransactionData before sending it again \(a refund does not show there: check the Sogenactif back office\)/);
  // The command's advice per rejected record knows its method.
  const { actionFor } = await import(pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('remise')), 'cli', 'codes.mjs')).href);
  assert.match(actionFor('99', 'REFUND').action, /Sogenactif back office/);
  assert.match(actionFor('99', 'CANCEL').action, /check the transaction \(getTransactionData\)/);
});
