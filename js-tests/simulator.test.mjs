// remise/simulator: the three clients driven through `sim.fetch` over the gateways' documented state
// transitions and error codes; 10 000 concurrent operations against `sim.listen()`; the CommonJS
// entry; the `remise sim` command. Expected codes and states come from the reference notes (cited
// in the simulator's tables), HMACs are recomputed here with node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { systempay, payline, sogenactif } from 'remise';
import { createSimulator } from 'remise/simulator';
import { rejected, thrown } from './entries.mjs';
import { SAMPLE_CSV } from './batch_sample.mjs';
import { systempayPoster } from './server.mjs';

const require = createRequire(import.meta.url);
const START = '2026-11-30T09:00:00Z'; // a Monday, 10:00 in Paris
const hmac = (key, text) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

function clients(sim, over = {}) {
  const sp = sim.systempay.credentials;
  const pl = sim.payline.credentials;
  const sg = sim.sogenactif.credentials;
  return {
    sp: new systempay.Client({ shopId: sp.shopId, password: sp.password, fetch: sim.fetch, ...over.systempay }),
    pl: new payline.Client({ merchantId: pl.merchantId, accessKey: pl.accessKey, fetch: sim.fetch, ...over.payline }),
    sg: new sogenactif.OfficeClient({ ...sg, fetch: sim.fetch, ...over.sogenactif }),
  };
}

test('entries: import and require give createSimulator; instances are independent', () => {
  const cjs = require('remise/simulator');
  assert.equal(typeof cjs.createSimulator, 'function');
  assert.match(require.resolve('remise/simulator'), /simulator\.cjs$/);
  const a = cjs.createSimulator({ now: START });
  const b = createSimulator({ now: START });
  a.systempay.createTransaction({ amount: 100 });
  assert.equal(a.systempay.transactions().length, 1);
  assert.equal(b.systempay.transactions().length, 0);
  assert.equal(a.now().toISOString(), '2026-11-30T09:00:00.000Z');
});

test('options: an onRequest that is no function, a now in epoch seconds: a TypeError at once (twenty-ninth pass)', async () => {
  // Both were taken: every call then failed as a network error ("onRequest is not a function"), or the
  // clock started in 1970 (the messages audit).
  assert.throws(() => createSimulator({ onRequest: 'log' }), { name: 'TypeError', message: "createSimulator: options.onRequest must be a function (entry) => void, got 'log'" });
  assert.throws(() => createSimulator({ onRequest: {} }), { name: 'TypeError', message: /must be a function \(entry\) => void, got object$/ });
  assert.throws(() => createSimulator({ now: 1796000000 }), { name: 'TypeError', message: /options\.now 1796000000 reads as a time in 1970 \(epoch milliseconds\): give milliseconds/ });
  // Milliseconds, a Date, a text, and a function for onRequest are taken.
  const seen = [];
  const sim = createSimulator({ now: 1796000000000, onRequest: (e) => seen.push(e.service) });
  assert.equal(sim.now().toISOString(), '2026-11-30T00:53:20.000Z'); // date -u -d @1796000000
  const client = new systempay.Client({ shopId: '69876357', password: 'testpassword_x', fetch: sim.fetch });
  await client.getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }).catch(() => {});
  assert.deepEqual(seen, ['Transaction/Get']);
  assert.ok(createSimulator({ now: new Date(0) }), 'a Date is taken as it is');
});

test('options: left out or an object; anything else is a TypeError that says so', () => {
  assert.equal(typeof createSimulator().fetch, 'function');
  for (const bad of [null, 'now', 5, 10n]) {
    assert.throws(() => createSimulator(bad), { name: 'TypeError', message: 'createSimulator: options must be an object (or left out)' });
  }
  // A Systempay shop id no client can use (systempay.Client takes 8 digits) is refused at once (the
  // review of the twentieth pass).
  for (const shopId of ['123', '123456789', 69876357, '6987635x']) {
    assert.throws(() => createSimulator({ systempay: { shopId } }), { name: 'TypeError', message: /^createSimulator: systempay\.shopId must be 8 digits as a string/ });
  }
  // By its length, never its text: a password given as the shop id (the two swapped) was quoted, its
  // first 20 characters (a helper's attack, twenty-fifth pass); systempay.Client quotes nothing.
  for (const [shopId, got] of [['prodpassword_Zq7RkW2mNp4', 'a string of 24 characters, not digits only'], ['123', '3 digits'], [69876357, 'number']]) {
    const e = (() => { try { createSimulator({ systempay: { shopId } }); } catch (err) { return err; } })();
    assert.ok(e instanceof TypeError && e.message.endsWith(`, got ${got}`), e?.message);
    assert.ok(!e.message.includes('Zq7R'), e.message);
  }
  assert.equal(createSimulator({ systempay: { shopId: '12345678' } }).systempay.credentials.shopId, '12345678');
  // A misspelt option is named, with what the part takes (a new user's walk, twentieth pass: ignored
  // without a word, its default used instead); keepRequests is a count.
  for (const [options, message] of [
    [{ passwrd: 'x' }, /^createSimulator: unknown option 'passwrd': the options are now, systempay, payline, sogenactif, onRequest, seed, keepRequests$/],
    [{ systempay: { passwrd: 'x' } }, /^createSimulator: unknown option 'systempay\.passwrd': options\.systempay takes shopId, password, hmacKey$/],
    [{ sogenactif: { sealTestAnswer: true } }, /unknown option 'sogenactif\.sealTestAnswer': options\.sogenactif takes merchantId, secretKey, keyVersion, sealTestAnswers$/],
    [{ payline: 'x' }, /^createSimulator: options\.payline must be an object/],
    [{ keepRequests: -1 }, /keepRequests must be a whole number/],
    [{ keepRequests: 1.5 }, /keepRequests must be a whole number/],
  ]) {
    assert.throws(() => createSimulator(options), { name: 'TypeError', message }, JSON.stringify(options));
  }
  assert.equal(createSimulator({ keepRequests: 0, sogenactif: { merchantId: undefined } }).requests.length, 0);
  // What meant "the defaults" still does (the review of the pass): null or undefined parts and values.
  for (const options of [[], { systempay: null }, { keepRequests: null }, { systempay: { shopId: undefined } }]) {
    assert.equal(createSimulator(options).systempay.credentials.shopId, '69876357', JSON.stringify(options));
  }
  // A key that does not read as an option name (a card number, a secret) is not quoted.
  const e = thrown(() => createSimulator({ systempay: { 4970100000325734: 1 } }));
  assert.equal(e.message, 'createSimulator: unknown option of 16 characters in options.systempay: options.systempay takes shopId, password, hmacKey');
});

test('systempay: AUTO cancels before capture, then PSP_105; REFUND_ONLY before capture is PSP_076', async () => {
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const { uuid, detailedStatus } = sim.systempay.createTransaction({ amount: 2500, currency: 'EUR' });
  assert.match(uuid, /^[0-9a-f]{32}$/);
  assert.equal(detailedStatus, 'AUTHORISED');
  let e = await rejected(sp.cancelOrRefund({ uuid, resolutionMode: 'REFUND_ONLY' }));
  assert.equal(e.gatewayCode, 'PSP_076');
  const cancelled = await sp.cancelOrRefund({ uuid });
  assert.equal(cancelled.uuid, uuid);
  assert.equal(cancelled.status, 'UNPAID');
  assert.equal(cancelled.detailedStatus, 'CANCELLED');
  e = await rejected(sp.cancelOrRefund({ uuid }));
  assert.equal(e.code, 'GATEWAY_ERROR');
  assert.equal(e.gatewayCode, 'PSP_105');
  e = await rejected(sp.getTransaction({ uuid: 'ffffffffffffffffffffffffffffffff' }));
  assert.equal(e.gatewayCode, 'PSP_010');
});

test('systempay: captured after its delay at the 00:05 run, refunded partially twice, bounded by what is left', async () => {
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const { uuid } = sim.systempay.createTransaction({ amount: 3000, currency: 'EUR', captureDelay: 1 });
  sim.advance({ days: 1, hours: 14 }); // 2026-12-01 23:00: capture date reached, the run is at 00:05
  assert.equal((await sp.getTransaction({ uuid })).detailedStatus, 'AUTHORISED');
  sim.advance({ hours: 1, minutes: 5 }); // 2026-12-02 00:05
  const captured = await sp.getTransaction({ uuid });
  assert.equal(captured.detailedStatus, 'CAPTURED');
  assert.equal(captured.status, 'PAID');
  let e = await rejected(sp.cancelOrRefund({ uuid, resolutionMode: 'CANCELLATION_ONLY' }));
  assert.equal(e.gatewayCode, 'PSP_075');
  e = await rejected(sp.cancel({ uuid }));
  assert.equal(e.gatewayCode, 'PSP_075');
  const r1 = await sp.cancelOrRefund({ uuid, amount: 1000, currency: 'EUR' });
  assert.equal(r1.operationType, 'CREDIT');
  assert.notEqual(r1.uuid, uuid);
  assert.equal(r1.amount, 1000);
  assert.equal(r1.transactionDetails.parentTransactionUuid, uuid);
  const r2 = await sp.refund({ uuid, amount: 1500, currency: 'EUR' });
  assert.equal(r2.amount, 1500);
  e = await rejected(sp.refund({ uuid, amount: 501, currency: 'EUR' }));
  assert.equal(e.gatewayCode, 'PSP_020');
  const parent = await sp.getTransaction({ uuid });
  assert.equal(parent.transactionDetails.cardDetails.captureResponse.refundAmount, 2500);
  const r3 = await sp.refund({ uuid }); // no amount: what is left
  assert.equal(r3.amount, 500);
  e = await rejected(sp.cancelOrRefund({ uuid, amount: 100, currency: 'EUR' }));
  assert.equal(e.gatewayCode, 'PSP_104');
  e = await rejected(sp.refund({ uuid, amount: 100, currency: 'USD' }));
  assert.equal(e.gatewayCode, 'INT_010');
});

test('systempay: manual validation, expiry, waiting authorisation, update and duplicate', async () => {
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const manual = sim.systempay.createTransaction({ amount: 1200, manualValidation: true });
  assert.equal(manual.detailedStatus, 'AUTHORISED_TO_VALIDATE');
  assert.equal(manual.status, 'RUNNING');
  const validated = await sp.validate({ uuid: manual.uuid });
  assert.equal(validated.detailedStatus, 'AUTHORISED');
  assert.equal((await rejected(sp.validate({ uuid: manual.uuid }))).gatewayCode, 'PSP_011');

  const forgotten = sim.systempay.createTransaction({ amount: 800, manualValidation: true });
  const waiting = sim.systempay.createTransaction({ amount: 900, captureDelay: 10 });
  assert.equal(waiting.detailedStatus, 'WAITING_AUTHORISATION');
  const lowered = await sp.update({ uuid: waiting.uuid, cardUpdate: { amount: 700, currency: 'EUR' } });
  assert.equal(lowered.amount, 700);
  assert.equal((await rejected(sp.update({ uuid: waiting.uuid, cardUpdate: { amount: 701, currency: 'EUR' } }))).gatewayCode, 'PSP_020');
  assert.equal((await rejected(sp.update({ uuid: waiting.uuid, cardUpdate: { amount: 700, currency: 'EUR' } }))).gatewayCode, 'PSP_014');

  sim.advance({ days: 2 });
  assert.equal((await sp.getTransaction({ uuid: manual.uuid })).detailedStatus, 'CAPTURED');
  // Not validated, it waits for its authorisation to lapse (below), not for the capture run.
  assert.equal((await sp.getTransaction({ uuid: forgotten.uuid })).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  sim.advance({ days: 5 }); // day 7: the authorisation lapsed
  const expired = await sp.getTransaction({ uuid: forgotten.uuid });
  assert.equal(expired.detailedStatus, 'EXPIRED');
  assert.equal(expired.status, 'UNPAID');
  assert.equal((await rejected(sp.cancel({ uuid: forgotten.uuid }))).gatewayCode, 'PSP_011');
  const dup = await sp.duplicate({ uuid: forgotten.uuid, amount: 800, currency: 'EUR', orderId: 'RETRY-1' });
  assert.equal(dup.detailedStatus, 'AUTHORISED');
  assert.notEqual(dup.uuid, forgotten.uuid);
  assert.equal((await rejected(sp.duplicate({ uuid: waiting.uuid, amount: 100, currency: 'EUR' }))).gatewayCode, 'PSP_011');

  sim.advance({ days: 2 }); // day 9: the authorisation is asked the day before capture
  assert.equal((await sp.getTransaction({ uuid: waiting.uuid })).detailedStatus, 'AUTHORISED');
  sim.advance({ days: 2 });
  assert.equal((await sp.getTransaction({ uuid: waiting.uuid })).detailedStatus, 'CAPTURED');
});

test('systempay: an unvalidated transaction expires when its authorisation lapses, not at the capture run; a 7-day delay is authorised at once', async () => {
  // systempay.md §4: AUTHORISED_TO_VALIDATE "must be validated before authorization expiry, else
  // EXPIRED", and §2.5: un-validated manual transactions become EXPIRED "when the authorization
  // lapses" -- the capture date is not the deadline. WAITING_AUTHORISATION is for a "capture delay >
  // authorization validity" (§4), strictly greater. The validity itself is not in systempay.md: the
  // figure is the CB one, 7 days (payline.md §6 "An authorization is valid 7 days"), the simulator's
  // one constant for it (UNCERTAIN).
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const late = sim.systempay.createTransaction({ amount: 500, manualValidation: true }); // capture date: today
  const never = sim.systempay.createTransaction({ amount: 600, manualValidation: true });
  sim.advance({ days: 3 }); // three capture runs later, the authorisations still hold
  assert.equal((await sp.getTransaction({ uuid: late.uuid })).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  assert.equal((await sp.validate({ uuid: late.uuid })).detailedStatus, 'AUTHORISED');
  sim.advance({ days: 1 }); // the next 00:05 run captures it: its capture date is past (§2.5, §4)
  assert.equal((await sp.getTransaction({ uuid: late.uuid })).detailedStatus, 'CAPTURED');
  assert.equal((await sp.getTransaction({ uuid: never.uuid })).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  sim.advance({ days: 2, hours: 23 }); // 6 days 23 hours after the authorisation: still valid
  assert.equal((await sp.getTransaction({ uuid: never.uuid })).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  sim.advance({ hours: 1 }); // 7 days: it lapsed
  const lapsed = await sp.getTransaction({ uuid: never.uuid });
  assert.equal(lapsed.detailedStatus, 'EXPIRED');
  assert.equal(lapsed.status, 'UNPAID');
  assert.equal((await rejected(sp.validate({ uuid: never.uuid }))).gatewayCode, 'PSP_011');

  // A capture delay equal to the validity is authorised now; one day more waits for its authorisation.
  assert.equal(sim.systempay.createTransaction({ amount: 700, captureDelay: 7 }).detailedStatus, 'AUTHORISED');
  assert.equal(sim.systempay.createTransaction({ amount: 700, captureDelay: 7, manualValidation: true }).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  assert.equal(sim.systempay.createTransaction({ amount: 800, captureDelay: 8 }).detailedStatus, 'WAITING_AUTHORISATION');
  // With a long delay, the authorisation asked the day before capture is the one that lapses (§4).
  const far = sim.systempay.createTransaction({ amount: 900, captureDelay: 10, manualValidation: true });
  assert.equal(far.detailedStatus, 'WAITING_AUTHORISATION_TO_VALIDATE');
  sim.advance({ days: 9 }); // asked now, valid 7 days from now
  assert.equal((await sp.getTransaction({ uuid: far.uuid })).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  sim.advance({ days: 6 });
  assert.equal((await sp.getTransaction({ uuid: far.uuid })).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  sim.advance({ days: 1 });
  assert.equal((await sp.getTransaction({ uuid: far.uuid })).detailedStatus, 'EXPIRED');
});

test('systempay: a refund cancelled (or lowered) before its capture no longer counts in the parent refundAmount', async () => {
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const { uuid } = sim.systempay.createTransaction({ amount: 3000, currency: 'EUR' });
  sim.advance({ days: 1 }); // the 00:05 run: CAPTURED
  const refundAmount = async () => (await sp.getTransaction({ uuid })).transactionDetails.cardDetails.captureResponse.refundAmount;
  // systempay.md §2.1: a refund is a new CREDIT transaction, AUTHORISED until its own capture, and
  // §2.2/§4: an AUTHORISED transaction is cancelled (totally), by Transaction/Cancel or CancelOrRefund.
  const credit = await sp.refund({ uuid, amount: 1000, currency: 'EUR' });
  assert.equal(credit.operationType, 'CREDIT');
  assert.equal(credit.detailedStatus, 'AUTHORISED');
  assert.equal(await refundAmount(), 1000);
  assert.equal((await sp.cancelOrRefund({ uuid: credit.uuid })).detailedStatus, 'CANCELLED');
  // A cancelled refund is never paid: nothing counts as refunded (§2.1, "remaining = amount -
  // refundAmount"), and the whole amount can be refunded again.
  assert.equal(await refundAmount(), null);
  const whole = await sp.refund({ uuid, amount: 3000, currency: 'EUR' });
  assert.equal(whole.amount, 3000);
  assert.equal((await rejected(sp.refund({ uuid, amount: 1, currency: 'EUR' }))).gatewayCode, 'PSP_104');
  // Lowered before its capture (Transaction/Update, §2.4): only the new amount is refunded.
  assert.equal((await sp.update({ uuid: whole.uuid, cardUpdate: { amount: 2000, currency: 'EUR' } })).amount, 2000);
  assert.equal(await refundAmount(), 2000);
  assert.equal((await sp.refund({ uuid, amount: 1000, currency: 'EUR' })).amount, 1000);
  assert.equal(await refundAmount(), 3000);
  // Captured, a refund counts for good: Transaction/Cancel on it is PSP_075 (§4).
  sim.advance({ days: 1 });
  assert.equal((await rejected(sp.cancel({ uuid: whole.uuid }))).gatewayCode, 'PSP_075');
  assert.equal(await refundAmount(), 3000);
});

test('systempay: a captured refund (CREDIT) is neither cancelled nor refunded; every route answers the same code', async () => {
  // systempay.md §2.1/§2.3/§4: CancelOrRefund cancels the four AUTHORISED… statuses and refunds a CAPTURED
  // transaction; a refund is a new CREDIT transaction; PSP_075 "cancellation impossible, try a refund" is
  // the wrong-state code of a cancellation of a captured transaction, PSP_011 "incorrect transaction
  // status" the others. The reference says nothing of refunding a CREDIT: the simulator refunds only a
  // DEBIT (PSP_011 otherwise, UNCERTAIN), and decides a cancellation by status alone, so a captured CREDIT
  // gets PSP_075 from Transaction/Cancel and from CancelOrRefund CANCELLATION_ONLY alike.
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const { uuid } = sim.systempay.createTransaction({ amount: 3000, currency: 'EUR' });
  sim.advance({ days: 1 }); // the 00:05 run: CAPTURED
  const credit = await sp.refund({ uuid, amount: 1000, currency: 'EUR' });
  assert.equal(credit.operationType, 'CREDIT');
  sim.advance({ days: 1 }); // the refund's own capture
  assert.equal((await sp.getTransaction({ uuid: credit.uuid })).detailedStatus, 'CAPTURED');
  const code = async (p) => (await rejected(p)).gatewayCode;
  assert.equal(await code(sp.cancelOrRefund({ uuid: credit.uuid })), 'PSP_011');
  assert.equal(await code(sp.cancelOrRefund({ uuid: credit.uuid, resolutionMode: 'REFUND_ONLY', amount: 500, currency: 'EUR' })), 'PSP_011');
  assert.equal(await code(sp.refund({ uuid: credit.uuid, amount: 500, currency: 'EUR' })), 'PSP_011');
  assert.equal(await code(sp.cancelOrRefund({ uuid: credit.uuid, resolutionMode: 'CANCELLATION_ONLY' })), 'PSP_075');
  assert.equal(await code(sp.cancel({ uuid: credit.uuid })), 'PSP_075');
  assert.equal((await sp.getTransaction({ uuid: credit.uuid })).detailedStatus, 'CAPTURED');
  assert.equal((await sp.getTransaction({ uuid })).transactionDetails.cardDetails.captureResponse.refundAmount, 1000);
});

test('systempay: createPayment makes a transaction Order/Get finds; bad credentials are INT_905; white-label hosts', async () => {
  const sim = createSimulator({ now: START });
  const { sp } = clients(sim);
  const form = await sp.createPayment({ amount: 990, currency: 'EUR', orderId: 'myOrderId-475882', customer: { email: 'sample@example.com' } });
  assert.equal(typeof form.formToken, 'string');
  const order = await sp.getOrder({ orderId: 'myOrderId-475882' });
  assert.equal(order.transactions.length, 1);
  assert.equal(order.transactions[0].amount, 990);
  assert.equal(sim.requests.at(-1).service, 'Order/Get');
  assert.deepEqual(sim.requests.at(-1).body, { orderId: 'myOrderId-475882' });

  const wrong = new systempay.Client({ shopId: '69876357', password: 'testpassword_WRONG', fetch: sim.fetch });
  const e = await rejected(wrong.getTransaction({ uuid: order.transactions[0].uuid }));
  assert.equal(e.gatewayCode, 'INT_905');
  const { shopId, password } = sim.systempay.credentials;
  const payzen = new systempay.Client({ shopId, password, baseUrl: systempay.hosts.payzen, fetch: sim.fetch });
  assert.equal((await payzen.getTransaction({ uuid: order.transactions[0].uuid })).amount, 990);
  assert.equal(new URL(sim.requests.at(-1).path, 'https://x').pathname, '/api-payment/V4/Transaction/Get');
});

test('every gateway: the simulator credentials spread into a client as they are', async () => {
  const sim = createSimulator({ now: START });
  const { uuid } = sim.systempay.createTransaction({ amount: 1250, orderId: 'SPREAD-1' });
  // Systempay's credentials carry the HMAC key (readable, for parseAnswer) without passing it to
  // the client, which refuses unknown options.
  assert.equal(typeof sim.systempay.credentials.hmacKey, 'string');
  const sp = new systempay.Client({ ...sim.systempay.credentials, fetch: sim.fetch });
  assert.equal((await sp.getTransaction({ uuid })).amount, 1250);
  assert.doesNotThrow(() => new systempay.Client(sim.systempay.credentials));
  assert.doesNotThrow(() => new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch }));
  assert.doesNotThrow(() => new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: sim.fetch }));
});

test('payline: the simulator serves Payline under /V4/services only, as Payline does; another path is a 404 that says so', async () => {
  // A baseUrl of the host alone (as for Systempay and Sips) was answered 00000 here and refused by
  // Payline (a new user's walk, twenty-second pass).
  const sim = createSimulator({ now: START });
  const t = sim.payline.createTransaction({ amount: 1000, currency: 'EUR', action: 100, contractNumber: '1234567' });
  // (Under a prefix too: Payline has none, and the other gateways' routes are anchored as well.)
  for (const baseUrl of ['https://homologation.payline.com', 'https://homologation.payline.com/foo/bar', 'https://homologation.payline.com/V4', 'https://homologation.payline.com/foo/V4/services']) {
    const client = new payline.Client({ ...sim.payline.credentials, baseUrl, fetch: sim.fetch });
    const e = await rejected(client.getTransactionDetails({ transactionId: t.id }));
    assert.equal(e.httpStatus, 404, `${baseUrl}: ${e.code} ${e.message}`);
    const last = sim.requests.at(-1);
    assert.equal(last.status, 404, baseUrl);
    assert.equal(last.gateway, null, baseUrl);
  }
  const answer = await sim.fetch('https://homologation.payline.com/DirectPaymentAPI', { method: 'POST', body: '' });
  assert.equal(answer.status, 404);
  assert.match(await answer.text(), /Payline's services are under \/V4\/services/);
  const ok = new payline.Client({ ...sim.payline.credentials, baseUrl: 'https://homologation.payline.com/V4/services', fetch: sim.fetch });
  assert.equal((await ok.getTransactionDetails({ transactionId: t.id })).result.code, '00000');
});

test('systempay: CancelOrRefund with resolutionMode sent empty is AUTO (the seed); refunds are numbered after each other; a refund of 0 says why', async () => {
  // A helper's walk (twenty-second pass): '' was INT_902, every refund had sequenceNumber 2, and a refund
  // of 0 was "above the 3000 left to refund".
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const pending = sim.systempay.createTransaction({ amount: 3000, captureDelay: 3 });
  const cancelled = await post('Transaction/CancelOrRefund', { uuid: pending.uuid, resolutionMode: '' });
  assert.equal(cancelled.status, 'SUCCESS', JSON.stringify(cancelled));
  assert.equal(cancelled.answer.detailedStatus, 'CANCELLED');
  const paid = sim.systempay.createTransaction({ amount: 3000, orderId: 'SEQ-1' });
  sim.advance({ days: 1 });
  const sp = new systempay.Client({ ...sim.systempay.credentials, fetch: sim.fetch });
  const first = await sp.refund({ uuid: paid.uuid, amount: 1000, currency: 'EUR' });
  const second = await sp.refund({ uuid: paid.uuid, amount: 500, currency: 'EUR' });
  const order = await sp.getOrder({ orderId: 'SEQ-1' });
  const seq = (uuid) => order.transactions.find((t) => t.uuid === uuid).transactionDetails.sequenceNumber;
  assert.deepEqual([seq(paid.uuid), seq(first.uuid), seq(second.uuid)], [1, 2, 3]);
  const zero = await post('Transaction/Refund', { uuid: paid.uuid, amount: 0, currency: 'EUR' });
  assert.equal(zero.answer.errorCode, 'PSP_020');
  assert.match(zero.answer.detailedErrorMessage ?? zero.answer.errorMessage, /amount 0: a refund is of 1 minor unit at least/);
});

test('systempay: the IPN carries a kr-hash that parseAnswer and an independent HMAC both accept', async () => {
  const sim = createSimulator({ now: START });
  const { uuid } = sim.systempay.createTransaction({ amount: 4200, orderId: 'IPN-1' });
  const { password, hmacKey } = sim.systempay.credentials;
  const ipn = await sim.systempay.ipn(uuid);
  assert.equal(ipn['kr-hash-key'], 'password');
  assert.match(ipn['kr-answer'], /"V4\\\/Payment"/); // slashes escaped as the platform sends them
  assert.equal(ipn['kr-hash'], hmac(password, ipn['kr-answer'].replaceAll('\\/', '/')));
  const paid = systempay.parseAnswer(ipn, { password });
  assert.equal(paid.orderStatus, 'PAID');
  assert.equal(paid.transactions[0].uuid, uuid);
  const browser = await sim.systempay.ipn(uuid, { key: 'sha256_hmac' });
  assert.equal(systempay.parseAnswer(browser, { hmacKey }).orderDetails.orderId, 'IPN-1');
  const forged = { ...ipn, 'kr-answer': ipn['kr-answer'].replace('4200', '4201') };
  assert.equal((() => { try { systempay.parseAnswer(forged, { password }); } catch (e) { return e.code; } })(), 'SIGNATURE_INVALID');
});

const AUTH = (ref, amount = 5000, extra = {}) => ({
  payment: { amount, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' },
  card: { number: '4970100000325734', type: 'CB', expirationDate: '1227', cvx: '123' },
  order: { ref, amount, currency: 'EUR', date: '2026-11-30T10:00' },
  ...extra,
});

test('payline: authorise, capture, reset before remittance, refund after it, bounded by what was captured', async () => {
  const sim = createSimulator({ now: START });
  const { pl } = clients(sim);
  const auth = await pl.doAuthorization(AUTH('ORD-1'));
  // The same order reference again within 24 hours: 02001, not a second charge (payline.md §6).
  assert.equal((await rejected(pl.doAuthorization(AUTH('ORD-1')))).gatewayCode, '02001');
  assert.equal(auth.result.code, '00000');
  assert.match(auth.transaction.id, /^\d{22}$/);
  assert.equal(sim.requests.at(-1).body.card.number, '497010XXXXXX5734');
  assert.equal(sim.requests.at(-1).body.card.cvx, '***');
  const id = auth.transaction.id;
  const details = await pl.getTransactionDetails({ transactionId: id });
  assert.equal(details.payment.amount, '5000');
  assert.equal(details.order.ref, 'ORD-1');
  const refusedEarly = await rejected(pl.doRefund({ transactionID: id, payment: { amount: 100, currency: 'EUR', action: 421, mode: 'CPT' } }));
  assert.equal(refusedEarly.gatewayCode, '02618');
  const cap = await pl.doCapture({ transactionID: id, payment: { amount: 5000, currency: 'EUR', action: 201, mode: 'CPT' }, sequenceNumber: 'cap-1' });
  assert.equal(cap.result.code, '00000');
  // A second capture: 02617 (third-party); of an authorization captured at once (101), 02110 "The
  // amount is invalid", as homologation answers (payline.md §6).
  assert.equal((await rejected(pl.doCapture({ transactionID: id, payment: { amount: 5000, currency: 'EUR', action: 201, mode: 'CPT' } }))).gatewayCode, '02617');
  const immediate = (await pl.doAuthorization(AUTH('ORD-101', 900, { payment: { amount: 900, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' } }))).transaction.id;
  assert.equal((await rejected(pl.doCapture({ transactionID: immediate, payment: { amount: 900, currency: 'EUR', action: 201, mode: 'CPT' } }))).gatewayCode, '02110');

  const other = (await pl.doAuthorization(AUTH('ORD-2', 700))).transaction.id;
  const reset = await pl.doReset({ transactionID: other, comment: 'cancelled' });
  assert.equal(reset.result.code, '00000');
  assert.equal((await rejected(pl.doReset({ transactionID: other }))).gatewayCode, '02601');

  sim.advance({ days: 1 }); // remitted at midnight
  assert.equal(sim.payline.getTransaction(id).status, 'REMITTED');
  assert.equal((await rejected(pl.doReset({ transactionID: id }))).gatewayCode, '02603');
  const ref1 = await pl.doRefund({ transactionID: id, payment: { amount: 3000, currency: 'EUR', action: 421, mode: 'CPT' }, sequenceNumber: 'ref-1' });
  assert.equal(ref1.result.code, '00000');
  // The same refund (amount and sequenceNumber) again the same day: Payline's duplicate check (02001).
  assert.equal((await rejected(pl.doRefund({ transactionID: id, payment: { amount: 3000, currency: 'EUR', action: 421, mode: 'CPT' }, sequenceNumber: 'ref-1' }))).gatewayCode, '02001');
  assert.equal((await rejected(pl.doRefund({ transactionID: id, payment: { amount: 2001, currency: 'EUR', action: 421, mode: 'CPT' } }))).gatewayCode, '02613');
  // A resend of an accepted operation with its sequenceNumber is a duplicate (02001, outcome unknown)
  // before any other rule: a full refund's read as an over-refund (02613, "not done"), a capture's and
  // a reset's as "already captured/reset" (a helper's attack, twenty-first pass). Applied once.
  const rest = { transactionID: id, payment: { amount: 2000, currency: 'EUR', action: 421, mode: 'CPT' }, sequenceNumber: 'ref-2' };
  assert.equal((await pl.doRefund(rest)).result.code, '00000');
  const resent = await rejected(pl.doRefund(rest));
  assert.equal(resent.gatewayCode, '02001');
  assert.equal(resent.outcome, 'unknown');
  assert.equal(sim.payline.getTransaction(id).refunded, 5000);
  assert.equal((await rejected(pl.doCapture({ transactionID: id, payment: { amount: 5000, currency: 'EUR', action: 201, mode: 'CPT' }, sequenceNumber: 'cap-1' }))).gatewayCode, '02001');
  const third = (await pl.doAuthorization(AUTH('ORD-3', 700))).transaction.id;
  assert.equal((await pl.doReset({ transactionID: third, sequenceNumber: 'reset-1' })).result.code, '00000');
  assert.equal((await rejected(pl.doReset({ transactionID: third, sequenceNumber: 'reset-1' }))).gatewayCode, '02001');
  // A refused operation's number may be sent again: refused for its amount, then accepted.
  const fourth = (await pl.doAuthorization(AUTH('ORD-4', 700))).transaction.id;
  assert.equal((await rejected(pl.doCapture({ transactionID: fourth, payment: { amount: 900, currency: 'EUR', action: 201, mode: 'CPT' }, sequenceNumber: 'cap-4' }))).gatewayCode, '02610');
  assert.equal((await pl.doCapture({ transactionID: fourth, payment: { amount: 700, currency: 'EUR', action: 201, mode: 'CPT' }, sequenceNumber: 'cap-4' })).result.code, '00000');
  assert.equal((await rejected(pl.doCapture({ transactionID: '1434999999999999999999', payment: { amount: 1, currency: 'EUR', action: 201, mode: 'CPT' } }))).gatewayCode, '02301');
  const history = await pl.getTransactionDetails({ transactionId: id, transactionHistory: 'Y' });
  assert.deepEqual(history.associatedTransactionsList.map((t) => t.type), ['CAPTURE', 'REFUND', 'REFUND']);
  // OK or KO, as Payline writes an operation's status there (docs.monext.fr, "Object associatedTransactions";
  // the simulator wrote the transaction's state, VALIDATED or REMITTED).
  assert.deepEqual(history.associatedTransactionsList.map((t) => t.status), ['OK', 'OK', 'OK']);
  // Each list item has the WSDL's elements in its order (DirectPaymentAPI.wsdl 4.77, `associatedTransactions`
  // and `statusHistory`; remise adds `dateIso` after `date`): statusHistory had a `totalAmount` the WSDL has
  // not, and no `fees` or `originTransactionId` (a helper's audit of the declarations, twenty-sixth pass).
  for (const t of history.associatedTransactionsList) {
    assert.deepEqual(Object.keys(t), ['transactionId', 'type', 'date', 'dateIso', 'amount', 'status', 'originTransactionId', 'currency']);
  }
  for (const h of history.statusHistoryList) {
    assert.deepEqual(Object.keys(h), ['transactionId', 'date', 'dateIso', 'amount', 'fees', 'status', 'originTransactionId']);
  }
  // Every row of the simulator's view has the numbers its declaration promises (the CAPTURE and
  // REFUND rows had undefined).
  for (const row of sim.payline.transactions()) {
    assert.equal(typeof row.captured, 'number', `${row.kind} captured`);
    assert.equal(typeof row.refunded, 'number', `${row.kind} refunded`);
  }
  assert.equal(sim.payline.getTransaction(id).refunded, 5000);
  // createTransaction takes doAuthorization's actions only (999 had become an authorization + capture).
  assert.throws(() => sim.payline.createTransaction({ amount: 100, action: 999 }), { name: 'TypeError', message: /action 999/ });
  assert.equal(sim.payline.createTransaction({ amount: 100, action: 110 }).kind, 'AUTHOR');
  // An invalid date is named (a helper's fuzz, twentieth pass: Intl's bare "Invalid time value").
  for (const date of ['nope', new Date(NaN)]) {
    assert.throws(() => sim.payline.createTransaction({ amount: 100, date }), { name: 'TypeError', message: /^createTransaction: date .*: give a Date or an ISO 8601 text$/ });
  }
});

test('a time without an offset is Paris time on every host (now, createTransaction date)', () => {
  // Expected instants worked out by hand: Paris is UTC+2 on 1 July 2026, UTC+1 on 15 January.
  const script = `
    const { createSimulator } = require(${JSON.stringify(require.resolve('remise/simulator'))});
    const sim = createSimulator({ now: '2026-07-01T10:00' });
    const day = createSimulator({ now: '2026-07-01' });
    const tx = sim.payline.createTransaction({ amount: 100, date: '2026-01-15T10:00:30.5' });
    const bad = ['2026-02-30T10:00', '2026-13-01', '2026-01-01T24:01', '0000-01-01', '2026/03/01 10:00', '2026-01-01T10:00+24:00', '2026-01-01T24:00:00.0001', '0001-01-01T00:00+01:00', -62135596800001].map((now) => { try { createSimulator({ now }); return 'taken'; } catch (e) { return e.name; } });
    // Every ISO form reads the same on every host: a year or a month alone, a long fraction, a six-digit
    // year, 24:00 (the next day's 00:00), an offset with or without its colon.
    const forms = ['2026', '2026-07', '2026-07-01T10:00:00.1239999999', '+002026-07-01T10:00', '2026-06-30T24:00', '2026-07-01T10:00+0530', '2026-07-01t08:00z', '+275760-09-13T00:00Z', '2026-10-25T02:30', '2026-03-29T02:30']
      .map((now) => createSimulator({ now }).now().toISOString());
    console.log(JSON.stringify([sim.now().toISOString(), day.now().toISOString(), sim.payline.getTransaction(tx.id).date, bad, forms]));`;
  for (const TZ of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ } });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), [
      '2026-07-01T08:00:00.000Z', '2026-06-30T22:00:00.000Z', '2026-01-15T09:00:30.500Z', Array(9).fill('TypeError'),
      // Paris is UTC+1 on 1 January, UTC+2 in July; +05:30 is India's offset; the last instant a Date
      // holds; the repeated autumn hour read in winter time, the skipped spring one moved forward.
      ['2025-12-31T23:00:00.000Z', '2026-06-30T22:00:00.000Z', '2026-07-01T08:00:00.123Z', '2026-07-01T08:00:00.000Z', '2026-06-30T22:00:00.000Z', '2026-07-01T04:30:00.000Z', '2026-07-01T08:00:00.000Z', '+275760-09-13T00:00:00.000Z', '2026-10-25T01:30:00.000Z', '2026-03-29T01:30:00.000Z'],
    ], TZ);
  }
});

test('createTransaction refuses values its rules cannot read, before storing anything', () => {
  // A helper's attack (twenty-first pass): a NaN captureDelay threw "Invalid time value" after storing a
  // transaction every later list failed on; manualValidation 'NO' seeded one to validate; a numeric
  // contractNumber was stored and no request matched it (02303); a misspelt Sips status made every later
  // operation answer 24.
  const sim = createSimulator({ now: START });
  for (const bad of [{ captureDelay: NaN }, { captureDelay: 1.5 }, { captureDelay: '2' }, { manualValidation: 'NO' }, { orderId: 42 }]) {
    assert.throws(() => sim.systempay.createTransaction({ amount: 100, ...bad }), { name: 'TypeError', message: /^createTransaction: (captureDelay|manualValidation|orderId) must be/ }, JSON.stringify(bad));
  }
  assert.deepEqual(sim.systempay.transactions(), []);
  assert.throws(() => sim.payline.createTransaction({ amount: 100, contractNumber: 1234567 }), { name: 'TypeError', message: "createTransaction: contractNumber 1234567: give one of the simulated contracts as a text ('1234567', '7654321')" });
  assert.equal(sim.payline.createTransaction({ amount: 100, contractNumber: '1234567' }).contractNumber, '1234567');
  for (const status of ['CAPTUERD', 'captured', '', 42]) {
    assert.throws(() => sim.sogenactif.createTransaction({ transactionReference: 'SEED1', amount: 100, status }), { name: 'TypeError', message: /^createTransaction: status .*: give one of TO_CAPTURE, TO_VALIDATE/ });
  }
  assert.deepEqual(sim.sogenactif.transactions(), []);
  assert.equal(sim.sogenactif.createTransaction({ transactionReference: 'SEED1', amount: 100, status: 'CAPTURED' }).transactionStatus, 'CAPTURED');
  // captureMode and captureDay are checked the same way (a Sips refusal made a plain Error of them, and
  // captureDay '2' passed: the review of the pass); null is left out, as for the simulator's options.
  for (const bad of [{ captureMode: 'NOPE' }, { captureDay: NaN }, { captureDay: '2' }, { captureDay: 100 }]) {
    assert.throws(() => sim.sogenactif.createTransaction({ transactionReference: 'SEED2', amount: 100, ...bad }), { name: 'TypeError', message: /^createTransaction: capture(Mode|Day)/ }, JSON.stringify(bad));
  }
  const nulls = sim.sogenactif.createTransaction({ transactionReference: 'SEED3', amount: 100, status: null, captureMode: null, captureDay: null });
  assert.deepEqual([nulls.transactionStatus, nulls.captureMode, nulls.captureDay], ['TO_CAPTURE', 'AUTHOR_CAPTURE', 0]);
  const spNulls = sim.systempay.createTransaction({ amount: 100, captureDelay: null, manualValidation: null });
  assert.equal(spNulls.detailedStatus, 'AUTHORISED');
  // A misspelt field is refused, naming it, for the three seeds (a new user's walk: it was ignored and
  // the seed got the default); a Sips refusal is a TypeError too; an s10 key is named by its fields.
  assert.throws(() => sim.systempay.createTransaction({ amount: 100, captureDelai: 3 }), { name: 'TypeError', message: /^createTransaction: unknown field 'captureDelai': it takes uuid, amount/ });
  assert.throws(() => sim.payline.createTransaction({ amount: 100, contract: '1234567' }), { name: 'TypeError', message: /^createTransaction: unknown field 'contract': it takes id, amount/ });
  assert.throws(() => sim.sogenactif.createTransaction({ transactionReference: 'SEED9', amount: 100, statut: 'CAPTURED' }), { name: 'TypeError', message: /unknown field 'statut'/ });
  assert.throws(() => sim.sogenactif.createTransaction({ transactionReference: 'A-5', amount: 100 }), { name: 'TypeError' });
  // A misspelling holding digits is named too (the review: `s10TransactionID` was "of 16 characters").
  assert.throws(() => sim.sogenactif.createTransaction({ s10TransactionID: '000123', amount: 100 }), { name: 'TypeError', message: /unknown field 's10TransactionID'/ });
  sim.sogenactif.createTransaction({ s10TransactionId: 5, s10TransactionIdDate: '20261130', amount: 100 });
  assert.throws(() => sim.sogenactif.createTransaction({ s10TransactionId: 5, s10TransactionIdDate: '20261130', amount: 100 }), { name: 'TypeError', message: 'createTransaction: s10TransactionId 5 of 20261130 already used' });
  // `now: null` is the machine's clock, as for the other options (the second review of the pass).
  assert.ok(Math.abs(createSimulator({ now: null }).now().getTime() - Date.now()) < 60_000);
});

test('payline: doReAuthorization rules: 02620 currency, 02619 option, 11 months, 24 h duplicates', async () => {
  const sim = createSimulator({ now: START });
  const { pl } = clients(sim);
  const old = sim.payline.createTransaction({ amount: 1000, currency: 'EUR', orderRef: 'ORDER-0001', date: '2026-11-20T09:00:00Z' });
  assert.equal(old.status, 'EXPIRED'); // authorisations last 7 days
  const reauth = (over = {}) => ({
    transactionID: old.id,
    payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567', ...over.payment },
    order: { ref: 'ORDER-0001-R1', amount: 1000, currency: 'EUR', date: '2026-11-30T10:00', ...over.order },
  });
  assert.equal((await rejected(pl.doReAuthorization(reauth({ payment: { currency: 'USD' } })))).gatewayCode, '02620');
  const ok = await pl.doReAuthorization(reauth());
  assert.equal(ok.result.code, '00000');
  assert.notEqual(ok.transaction.id, old.id);
  // A re-authorisation can itself be re-authorised (a day later, or with another order ref).
  const again = await pl.doReAuthorization({ ...reauth({ order: { ref: 'ORDER-0001-R2' } }), transactionID: ok.transaction.id });
  assert.equal(again.result.code, '00000');
  const fresh = sim.payline.createTransaction({ amount: 500, orderRef: 'SAME-REF' });
  const dup = await rejected(pl.doReAuthorization({ ...reauth({ order: { ref: 'SAME-REF', amount: 500 }, payment: { amount: 500 } }), transactionID: fresh.id }));
  assert.equal(dup.gatewayCode, '02001');
  // Payline's duplicate answer (here the simulator's rule: the same order reference within 24 hours of
  // an accepted transaction) leaves the outcome unknown: a duplicate of an accepted or pending operation
  // sent again with another sequenceNumber would pass Payline's check.
  assert.equal(dup.outcome, 'unknown');
  const noOption = sim.payline.createTransaction({ amount: 500, contractNumber: '7654321', date: '2026-11-25T09:00:00Z' });
  const e = await rejected(pl.doReAuthorization({ ...reauth({ payment: { contractNumber: '7654321', amount: 500 } }), transactionID: noOption.id }));
  assert.equal(e.gatewayCode, '02619');
  assert.match(e.message, /re-?authori[sz]ation option/i);
  const ancient = sim.payline.createTransaction({ amount: 500, date: '2025-12-01T09:00:00Z' });
  assert.equal((await rejected(pl.doReAuthorization({ ...reauth(), transactionID: ancient.id }))).gatewayCode, '02302');
});

/** The result code of a Payline answer, whatever its prefix style. */
const paylineCode = (xml) => /<(?:\w+:)?code>(\d{5})<\/(?:\w+:)?code>/.exec(xml)?.[1];

test('payline: doAuthorization takes the reference\'s authorization actions: 108 verifies an account, 110–129 authorise or authorise and capture', async () => {
  // payline.md §4, payment action codes: "100 authorization only · 101 authorization + capture ·
  // 108 account verification · … · 110/111 first CoF (auth / auth+capture) · 120/121 auth without CVX ·
  // 122/123 CoF subsequent · 124/125 NX instalment · 126/127 split shipment · 128/129 other CoF (129 seen
  // in a getTransactionDetails fixture)"; that fixture (§7.4) has `transaction.type = AUTHOR+CAP` with
  // action 129. §8 (payline-php-sdk #54): a merchant sends 108 to doAuthorization. §4 payment.amount:
  // "WSDL nillable (account verification 108 uses null/0)".
  const sim = createSimulator({ now: START });
  const { pl } = clients(sim);
  const act = (ref, action, amount = 5000) => AUTH(ref, amount, { payment: { amount, currency: 'EUR', action, mode: 'CPT', contractNumber: '1234567' } });
  const capture = (transactionID, amount) => pl.doCapture({ transactionID, payment: { amount, currency: 'EUR', action: 201, mode: 'CPT' } });

  // 108: an account verification with amount 0 is accepted and moves no money.
  const verify = await pl.doAuthorization(act('VERIFY-1', 108, 0));
  assert.equal(verify.result.code, '00000');
  const vid = verify.transaction.id;
  assert.equal((await pl.getTransactionDetails({ transactionId: vid })).payment.action, '108');
  assert.equal(sim.payline.getTransaction(vid).captured, 0);
  // Nothing to capture: refused (the reference names no code; the simulator's RULE_CODES.accountVerification,
  // 02302 "Transaction is invalid", is marked UNCERTAIN there), and never remitted.
  assert.equal((await rejected(capture(vid, 1))).gatewayCode, '02302');
  // A verification charges nothing, so the same order's payment that follows it is not a duplicate
  // (the 24-hour rule of §6 is there so an order is not charged twice; UNCERTAIN in the simulator).
  assert.equal((await pl.doAuthorization(act('VERIFY-1', 101, 2500))).result.code, '00000');
  // Payment amount nil (the WSDL's nillable amount, §4): accepted for 108, still 02305 for an authorization.
  const send = async (params, edit) => {
    const req = payline.request('doAuthorization', params, sim.payline.credentials);
    const res = await sim.fetch(req.url, { method: 'POST', headers: req.headers, body: edit(req.body) });
    assert.equal(res.status, 200);
    return paylineCode(await res.text());
  };
  const nilAmount = (b) => {
    const first = '<obj:amount>0</obj:amount>'; // payment comes before order (WSDL order, §3.2)
    assert.ok(b.indexOf(first) < b.indexOf('<impl:order>'));
    return b.replace(first, '<obj:amount xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>');
  };
  assert.equal(await send(act('VERIFY-2', 108, 0), nilAmount), '00000');
  assert.equal(await send(act('AUTH-NIL', 100, 0), nilAmount), '02305');

  // 110–129 in pairs: the even code authorises (like 100, captured by doCapture), the odd one authorises
  // and captures (like 101: a doCapture after it is 02110, §6).
  for (const [auth, both] of [[110, 111], [120, 121], [122, 123], [124, 125], [126, 127], [128, 129]]) {
    const a = (await pl.doAuthorization(act(`A-${auth}`, auth, 1000))).transaction.id;
    const b = (await pl.doAuthorization(act(`A-${both}`, both, 1000))).transaction.id;
    assert.equal((await pl.getTransactionDetails({ transactionId: a })).transaction.type, 'AUTHOR', `${auth}`);
    assert.equal((await pl.getTransactionDetails({ transactionId: b })).transaction.type, 'AUTHOR+CAP', `${both}`);
    assert.equal(sim.payline.getTransaction(a).status, 'AUTHORIZED', `${auth}`);
    assert.equal(sim.payline.getTransaction(b).captured, 1000, `${both}`);
    assert.equal((await capture(a, 1000)).result.code, '00000', `${auth}`);
    assert.equal((await rejected(capture(b, 1000))).gatewayCode, '02110', `${both}`);
  }
  sim.advance({ days: 1 }); // the nightly remittance: captured ones are remitted, the verification is not
  assert.equal(sim.payline.getTransaction(vid).captured, 0);
  assert.notEqual(sim.payline.getTransaction(vid).status, 'REMITTED');
});

test('payline: the 11-month re-authorization window counts calendar months in Paris, a missing day clamped to the month\'s last', async () => {
  // payline.md §6 (Reauthorization, rule 3): "up to 11 months after creation"; §4 and §7: Payline's
  // dates are Paris wall-clock times. The reference is silent on a day the 11th month lacks (31 May →
  // April has 30 days): the simulator clamps to the month's last day, as remise's check does (UNCERTAIN).
  const reauth = (id, ref) => ({
    transactionID: id,
    payment: { amount: 1000, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' },
    order: { ref, amount: 1000, currency: 'EUR', date: '2027-04-30T11:00' },
  });
  // Created 31/05/2026 12:00 Paris: the window ends 30/04/2027 12:00 Paris (10:00 UTC), not 1 May.
  let sim = createSimulator({ now: '2027-04-30T09:00:00Z' }); // 11:00 in Paris
  let { pl } = clients(sim);
  const may = sim.payline.createTransaction({ amount: 1000, orderRef: 'MAY-31', date: '2026-05-31T10:00:00Z' });
  const original = await pl.getTransactionDetails({ transactionId: may.id });
  assert.equal(original.transaction.date, '31/05/2026 12:00:00');
  assert.equal((await pl.doReAuthorization(reauth(may.id, 'MAY-31-R1'))).result.code, '00000');
  sim.advance({ hours: 2 }); // 30/04/2027 13:00 in Paris: past the window
  assert.equal((await rejected(pl.doReAuthorization(reauth(may.id, 'MAY-31-R2')))).gatewayCode, '02302');
  // remise's own check agrees on both sides of the limit.
  payline.checkReAuthorization(original, reauth(may.id, 'MAY-31-R1'), '2027-04-30T09:00:00Z');
  assert.equal(thrown(() => payline.checkReAuthorization(original, reauth(may.id, 'MAY-31-R2'), '2027-04-30T11:00:00Z')).code, 'OPERATION_NOT_ALLOWED');

  // Created 31/03/2026 22:30 UTC, which is 01/04/2026 00:30 in Paris: the window ends 01/03/2027 00:30
  // Paris (28/02 23:30 UTC), on the Paris calendar; UTC's 31 March would have run to 3 March.
  sim = createSimulator({ now: '2027-02-28T22:00:00Z' }); // 28/02/2027 23:00 in Paris
  ({ pl } = clients(sim));
  const april = sim.payline.createTransaction({ amount: 1000, orderRef: 'APR-1', date: '2026-03-31T22:30:00Z' });
  const first = await pl.getTransactionDetails({ transactionId: april.id });
  assert.equal(first.transaction.date, '01/04/2026 00:30:00');
  assert.equal((await pl.doReAuthorization(reauth(april.id, 'APR-1-R1'))).result.code, '00000');
  sim.advance({ hours: 11 }); // 01/03/2027 10:00 in Paris
  assert.equal((await rejected(pl.doReAuthorization(reauth(april.id, 'APR-1-R2')))).gatewayCode, '02302');
  payline.checkReAuthorization(first, reauth(april.id, 'APR-1-R1'), '2027-02-28T22:00:00Z');
  assert.equal(thrown(() => payline.checkReAuthorization(first, reauth(april.id, 'APR-1-R2'), '2027-03-01T09:00:00Z')).code, 'OPERATION_NOT_ALLOWED');
});

test('payline: mode DIF is captured on its differedActionDate; DIF without one, CPT with one, or one past 6 days are refused', async () => {
  // payline.md §4 (payment): `differedActionDate` AN8 dd/mm/yy, "required iff mode = DIF, else must
  // be empty", "differedActionDate <= authorizationDate + 6"; "DIF + 100 + differedActionDate =
  // deferred capture". The reference names no return code for these refusals: the simulator's is
  // 02305 (Invalid field format), marked UNCERTAIN in its RULE_CODES.
  const sim = createSimulator({ now: START }); // Monday 30/11/26, 10:00 in Paris
  const { pl } = clients(sim);
  const DIF = (ref, differedActionDate, amount = 4000) =>
    AUTH(ref, amount, { payment: { amount, currency: 'EUR', action: 100, mode: 'DIF', contractNumber: '1234567', differedActionDate } });
  const id = (await pl.doAuthorization(DIF('DIF-1', '2026-12-03'))).transaction.id;
  assert.equal(sim.requests.at(-1).body.payment.differedActionDate, '03/12/26'); // as remise writes it
  sim.advance({ days: 2 }); // Wednesday 2 December: not yet
  assert.equal(sim.payline.getTransaction(id).status, 'AUTHORIZED');
  assert.equal(sim.payline.getTransaction(id).captured, 0);
  const early = { transactionID: id, payment: { amount: 1000, currency: 'EUR', action: 421, mode: 'CPT' } };
  assert.equal((await rejected(pl.doRefund(early))).gatewayCode, '02618');
  sim.advance({ days: 1 }); // Thursday 3 December, 10:00 in Paris
  // Captured at 00:00 in Paris on its date (UNCERTAIN hour), remitted with that night's remittance
  // (midnight in Paris): by 10:00 it is with the bank, and refundable.
  assert.equal(sim.payline.getTransaction(id).captured, 4000);
  assert.equal(sim.payline.getTransaction(id).status, 'REMITTED');
  assert.equal((await rejected(pl.doCapture({ transactionID: id, payment: { amount: 4000, currency: 'EUR', action: 201, mode: 'CPT' } }))).gatewayCode, '02617');
  assert.equal((await pl.doRefund(early)).result.code, '00000');
  // Dated today: captured no earlier than the authorization itself, so the next remittance (midnight
  // in Paris) is still ahead after a minute, and the authorization can still be cancelled (doReset).
  const today = (await pl.doAuthorization(DIF('DIF-0', '2026-12-03'))).transaction.id;
  sim.advance({ minutes: 1 });
  const row = sim.payline.getTransaction(today);
  assert.equal(row.status, 'VALIDATED');
  assert.ok(Date.parse(row.date) <= sim.now().getTime());
  assert.equal((await pl.doReset({ transactionID: today })).result.code, '00000');
  sim.advance({ days: 1 }); // Friday 4 December

  // The latest date allowed (authorisation date + 6), with the clock moved 8 days at once: captured on
  // its date, not expired after the 7 days of an authorisation (payline.md §6).
  const last = (await pl.doAuthorization(DIF('DIF-2', '2026-12-10'))).transaction.id; // authorised 04/12/26
  sim.advance({ days: 8 });
  assert.equal(sim.payline.getTransaction(last).captured, 4000);
  assert.notEqual(sim.payline.getTransaction(last).status, 'EXPIRED');
  // One day later than that is refused (remise's own checks have no clock, so this reaches the simulator).
  assert.equal((await rejected(pl.doAuthorization(DIF('DIF-3', '2026-12-19')))).gatewayCode, '02305'); // now 12/12/26

  // DIF without a date, CPT with one: remise refuses both before sending, so the requests are edited.
  const send = async (params, edit) => {
    const req = payline.request('doAuthorization', params, sim.payline.credentials);
    const res = await sim.fetch(req.url, { method: 'POST', headers: req.headers, body: edit(req.body) });
    assert.equal(res.status, 200);
    return paylineCode(await res.text());
  };
  const dateEl = /<obj:differedActionDate>[^<]*<\/obj:differedActionDate>/;
  assert.equal(await send(DIF('DIF-4', '2026-12-14'), (b) => { assert.match(b, dateEl); return b.replace(dateEl, ''); }), '02305');
  const withDate = (b) => b.replace('</obj:contractNumber>', '</obj:contractNumber><obj:differedActionDate>14/12/26</obj:differedActionDate>');
  assert.equal(await send(AUTH('CPT-1'), withDate), '02305');
  assert.equal(await send(DIF('DIF-5', '2026-12-14'), (b) => b.replace(dateEl, '<obj:differedActionDate>2026-12-14</obj:differedActionDate>')), '02305'); // not dd/mm/yy
  assert.equal(await send(DIF('DIF-6', '2026-12-14'), (b) => b), '00000');
});

test('payline: doCredit, doDebit, field formats, HTTP 401, a SOAP Fault naming the namespace', async () => {
  const sim = createSimulator({ now: START });
  const { pl } = clients(sim);
  const credit = await pl.doCredit({ payment: { amount: 1500, currency: 'EUR', action: 422, mode: 'CPT', contractNumber: '1234567' }, card: { number: '4970100000325734', type: 'CB', expirationDate: '1227' } });
  assert.equal(credit.result.code, '00000');
  const debit = await pl.doDebit({
    payment: { amount: 2000, currency: 'EUR', action: 204, mode: 'CPT', contractNumber: '1234567' },
    card: { number: '4970100000325734', type: 'CB', expirationDate: '1227' },
    order: { ref: 'PHONE-1', amount: 2000, currency: 'EUR', date: '2026-11-30T10:00' },
    authorization: { number: 'A55A', date: '2026-11-30T09:55:00+01:00' },
  });
  assert.equal(debit.result.code, '00000');
  const expired = await rejected(pl.doAuthorization({ ...AUTH('ORD-X'), card: { number: '4970100000325734', type: 'CB', expirationDate: '1025' } }));
  assert.equal(expired.gatewayCode, '01101');
  const unknownContract = await rejected(pl.doAuthorization(AUTH('ORD-Y', 100, { payment: { amount: 100, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '999' } })));
  assert.equal(unknownContract.gatewayCode, '02303');

  const wrong = new payline.Client({ merchantId: '111111111', accessKey: 'nope', fetch: sim.fetch });
  const e = await rejected(wrong.getTransactionDetails({ transactionId: credit.transaction.id }));
  assert.equal(e.code, 'HTTP_ERROR');
  assert.equal(e.httpStatus, 401);

  // A request whose fields sit in the wrong namespace (the "<code> outside impl" mistake of a
  // hand-written stand-in, the other way round): the service refuses it with a SOAP Fault.
  const req = payline.request('getTransactionDetails', { transactionId: credit.transaction.id }, sim.payline.credentials);
  const bad = req.body.replace(/impl:transactionId/g, 'obj:transactionId');
  const res = await sim.fetch(req.url, { method: 'POST', headers: req.headers, body: bad });
  assert.equal(res.status, 500);
  const fault = await rejected(Promise.resolve().then(async () => payline.parseResponse('getTransactionDetails', await res.text())));
  assert.equal(fault.code, 'GATEWAY_ERROR');
  assert.match(fault.gatewayMessage, /uri:"http:\/\/obj\.ws\.payline\.experian\.com", local:"transactionId"/);
});

test('sogenactif office (production host): sealed answers; cancel bounded by the amount; 24, 25, 94, 34 and 12', async () => {
  const sim = createSimulator({ now: START });
  // The production host, whose answers are sealed (the test platform's are not: the next test).
  const { sg } = clients(sim, { sogenactif: { environment: 'production' } });
  sim.sogenactif.createTransaction({ transactionReference: 'ORDER42', amount: 1000, currency: 'EUR' });
  const data = await sg.getTransactionData({ transactionReference: 'ORDER42' });
  assert.equal(data.transactionStatus, 'TO_CAPTURE');
  assert.equal(data.sealVerified, true);
  // Named as Worldline's Office SDK names them (GetTransactionDataResponse): the lookup's code, the
  // payment's authorisation result, the amount now and the first one.
  assert.deepEqual([data.getTransDataResponseCode, data.responseCode, data.currentAmount, data.originAmount], ['00', '00', 1000, 1000]);
  const c1 = await sg.cancel({ transactionReference: 'ORDER42', operationAmount: 400, currencyCode: 'EUR' });
  assert.equal(c1.newAmount, 600);
  // The answer as it came is the preflight's state: its currentAmount bounds the next cancel before
  // anything is sent (only `amount` was read, and the rule was off).
  const now = await sg.getTransactionData({ transactionReference: 'ORDER42' });
  assert.deepEqual([now.currentAmount, now.originAmount], [600, 1000]);
  const sentBefore = sim.requests.length;
  const preflight = await rejected(sg.cancel({ transactionReference: 'ORDER42', operationAmount: 700, currencyCode: 'EUR' }, { transaction: now }));
  assert.deepEqual([preflight.code, preflight.field], ['OPERATION_NOT_ALLOWED', 'operationAmount']);
  assert.equal(sim.requests.length, sentBefore, 'refused before sending');
  let e = await rejected(sg.cancel({ transactionReference: 'ORDER42', operationAmount: 700, currencyCode: 'EUR' }));
  assert.equal(e.gatewayCode, '24');
  const c2 = await sg.cancel({ transactionReference: 'ORDER42', operationAmount: 600, currencyCode: 'EUR' });
  assert.equal(c2.newStatus, 'CANCELLED');
  e = await rejected(sg.cancel({ transactionReference: 'ORDER42', operationAmount: 1, currencyCode: 'EUR' }));
  assert.equal(e.gatewayCode, '24');
  e = await rejected(sg.getTransactionData({ transactionReference: 'NOPE' }));
  assert.equal(e.gatewayCode, '25');

  const order = { transactionReference: 'CARD1', amount: 2599, currencyCode: 'EUR', cardNumber: '4111111111111111', cardExpiryDate: '202901', orderChannel: 'MOTO', captureMode: 'VALIDATION', captureDay: 2 };
  // Keys sorted by code point on both sides: one above U+FFFF (😀) after one in U+E000–U+FFFF (｡);
  // a UTF-16 sort puts them the other way and the simulator answered 34 (wrong seal).
  const emoji = await sg.cardOrder({ ...order, transactionReference: 'CARD0', customerContact: { '\uff61': 'a', '\u{1F600}': 'b' } });
  assert.equal(emoji.responseCode, '00');
  const placed = await sg.cardOrder(order);
  assert.equal(placed.responseCode, '00');
  assert.equal((await rejected(sg.cardOrder(order))).gatewayCode, '94');
  assert.equal((await sg.getTransactionData({ transactionReference: 'CARD1' })).transactionStatus, 'TO_VALIDATE');
  assert.equal((await sg.validate({ transactionReference: 'CARD1', operationAmount: 2599, currencyCode: 'EUR' })).newStatus, 'TO_CAPTURE');
  assert.equal((await rejected(sg.refund({ transactionReference: 'CARD1', operationAmount: 100, currencyCode: 'EUR' }))).gatewayCode, '24');
  sim.advance({ days: 1 });
  assert.equal((await sg.getTransactionData({ transactionReference: 'CARD1' })).transactionStatus, 'CAPTURED');
  await sg.refund({ transactionReference: 'CARD1', operationAmount: 2000, currencyCode: 'EUR' });
  assert.equal((await rejected(sg.refund({ transactionReference: 'CARD1', operationAmount: 600, currencyCode: 'EUR' }))).gatewayCode, '24');

  sim.sogenactif.createTransaction({ transactionReference: 'RISKY', amount: 300, status: 'TO_CHALLENGE' });
  assert.equal((await sg.acceptChallenge({ transactionReference: 'RISKY' })).newStatus, 'TO_CAPTURE');
  assert.equal((await rejected(sg.refuseChallenge({ transactionReference: 'RISKY' }))).gatewayCode, '24');

  // Another key: the simulator answers 34 (sealed with its own key), which the client refuses to trust.
  const wrongKey = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, secretKey: 'another_key', environment: 'production', fetch: sim.fetch });
  assert.equal((await rejected(wrongKey.getTransactionData({ transactionReference: 'RISKY' }))).code, 'SIGNATURE_INVALID');
  assert.equal(sim.requests.at(-1).result, '34');

  // A request without operationAmount, sealed by hand: 12 (check the request parameters).
  const { merchantId, secretKey, keyVersion } = sim.sogenactif.credentials;
  const fields = { currencyCode: '978', interfaceVersion: 'CR_WS_2.58', merchantId, transactionReference: 'RISKY' };
  const body = JSON.stringify({ ...fields, keyVersion, seal: hmac(secretKey, '978' + 'CR_WS_2.58' + merchantId + 'RISKY') });
  const res = await sim.fetch('https://office-server.sogenactif.com/rs-services/v2/cashManagement/cancel', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = await res.json();
  assert.equal(answer.responseCode, '12');
  const { seal, ...rest } = answer;
  assert.equal(seal, hmac(secretKey, Object.keys(rest).sort().map((k) => String(rest[k])).join('')));
});

test('sogenactif office: a malformed transactionReference is 30 in every service; a numeric currencyCode is the same currency later', async () => {
  // README "Testing your integration": 30 for a transactionReference other than 1-35 letters and digits;
  // `currencyCode` as 978 or '978' alike (the fifteenth pass, an attack: 25 for a cancel of a malformed
  // reference; a transaction ordered with 978 as a number could never be cancelled, 12).
  const sim = createSimulator({ now: START });
  const { merchantId, secretKey, keyVersion } = sim.sogenactif.credentials;
  const post = async (path, extra) => {
    const version = path.startsWith('checkout') ? 'IR_WS_2.55' : path.startsWith('diagnostic') ? 'DR_WS_2.58' : 'CR_WS_2.58';
    const fields = { interfaceVersion: version, merchantId, ...extra };
    // Top-level values in key order (all are flat here), keyVersion and seal aside.
    const seal = hmac(secretKey, Object.keys(fields).sort().map((k) => String(fields[k])).join(''));
    const res = await sim.fetch(`https://office-server.sogenactif.com/rs-services/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...fields, keyVersion, seal }) });
    return res.json();
  };
  for (const ref of ['bad ref!', 'x'.repeat(36), 'ORDER-1', 12345]) {
    assert.equal((await post('cashManagement/cancel', { transactionReference: ref, operationAmount: 100, currencyCode: '978' })).responseCode, '30', ref);
    assert.equal((await post('diagnostic/getTransactionData', { transactionReference: ref })).getTransDataResponseCode, '30', ref);
  }
  const order = await post('checkout/cardOrder', { transactionReference: 'NUM978', amount: 1000, currencyCode: 978, cardNumber: '4970100000000055', cardExpiryDate: '203012' });
  assert.equal(order.responseCode, '00');
  assert.equal((await post('diagnostic/getTransactionData', { transactionReference: 'NUM978' })).currencyCode, '978');
  for (const currencyCode of [978, '978']) {
    assert.equal((await post('cashManagement/cancel', { transactionReference: 'NUM978', operationAmount: 100, currencyCode })).responseCode, '00', String(currencyCode));
  }
});

test('sogenactif office: the test platform does not seal its answers; production does; sealTestAnswers seals them', async () => {
  // sogenactif.md §4.2: "Response seal: same algorithm over the response fields, excluding seal. ...
  // the test platform does not send a seal in responses". Test hosts: sogenactif.md §5.
  const sim = createSimulator({ now: START });
  sim.sogenactif.createTransaction({ transactionReference: 'SEAL1', amount: 1000 });
  const fields = { transactionReference: 'SEAL1' };
  const raw = async (s, baseUrl) => {
    const req = sogenactif.office.request('getTransactionData', fields, { ...s.sogenactif.credentials, baseUrl });
    return (await s.fetch(req.url, { method: req.method, headers: req.headers, body: req.body })).json();
  };
  for (const host of ['https://office-server-sogenactif.test.sips-services.com', 'https://office-server.test.sips-services.com', 'https://office-server-sherlocks.test.sips-services.com']) {
    const answer = await raw(sim, host);
    assert.equal(answer.responseCode, '00', host);
    assert.equal(Object.hasOwn(answer, 'seal'), false, host);
  }
  // Production hosts seal, with the merchant's key.
  const { secretKey } = sim.sogenactif.credentials;
  const sealed = await raw(sim, 'https://office-server.sogenactif.com');
  const { seal, ...rest } = sealed;
  assert.equal(seal, hmac(secretKey, Object.keys(rest).sort().map((k) => String(rest[k])).join('')));

  // remise's OfficeClient on the test platform (its default environment) takes an unsealed answer
  // as it is, saying so; in production it requires the seal and checks it.
  const { sg } = clients(sim);
  const onTest = await sg.getTransactionData(fields);
  assert.equal(onTest.transactionStatus, 'TO_CAPTURE');
  assert.equal(onTest.sealVerified, false);
  // The request seal is still checked on the test platform: another key is refused with 34 (§2.1).
  const wrongKey = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, secretKey: 'another_key', fetch: sim.fetch });
  assert.equal((await rejected(wrongKey.getTransactionData(fields))).gatewayCode, '34');
  const prod = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, environment: 'production', fetch: sim.fetch });
  assert.equal((await prod.getTransactionData(fields)).sealVerified, true);

  // sealTestAnswers: true seals the test hosts' answers too (to exercise seal checks there); it is
  // not a credential, so the credentials still spread into a client.
  const sealing = createSimulator({ now: START, sogenactif: { sealTestAnswers: true } });
  sealing.sogenactif.createTransaction({ transactionReference: 'SEAL1', amount: 1000 });
  assert.deepEqual(Object.keys(sealing.sogenactif.credentials).sort(), ['keyVersion', 'merchantId', 'secretKey']);
  const sealedTest = new sogenactif.OfficeClient({ ...sealing.sogenactif.credentials, fetch: sealing.fetch });
  assert.equal((await sealedTest.getTransactionData(fields)).sealVerified, true);
  assert.throws(() => createSimulator({ sogenactif: { sealTestAnswers: 'yes' } }), TypeError);
});

test('sogenactif: an s10 transaction is the pair s10TransactionId + s10TransactionIdDate; left out, the date is the server one', async () => {
  // sogenactif.md §1.6: merchants that kept the Sips 1.0 identification send `s10TransactionId` (N6)
  // + `s10TransactionIdDate` (YYYYMMDD); "the date is not needed in requests (the server applies its
  // own date)". An id under another date is another transaction: unknown, 25 (§2.1).
  const sim = createSimulator({ now: START }); // 30/11/2026 in Paris
  const { sg } = clients(sim);
  const created = sim.sogenactif.createTransaction({ s10TransactionId: '42', amount: 1000, captureDay: 5 });
  const pair = (s10TransactionIdDate) => ({ s10TransactionReference: { s10TransactionId: '000042', ...(s10TransactionIdDate && { s10TransactionIdDate }) } });
  assert.equal((await sg.getTransactionData(pair('20261130'))).currentAmount, 1000);
  assert.equal((await rejected(sg.getTransactionData(pair('20261129')))).gatewayCode, '25');
  assert.equal(created.s10TransactionId, '000042');
  assert.equal(created.s10TransactionIdDate, '20261130');
  assert.equal((await sg.getTransactionData(pair())).currentAmount, 1000); // today: 20261130
  sim.advance({ days: 1 }); // 01/12/2026: without its date, yesterday's transaction is not found
  assert.equal((await rejected(sg.getTransactionData(pair()))).gatewayCode, '25');
  assert.equal((await rejected(sg.cancel({ ...pair(), operationAmount: 100, currencyCode: 'EUR' }))).gatewayCode, '25');
  assert.equal((await sg.cancel({ ...pair('20261130'), operationAmount: 100, currencyCode: 'EUR' })).newAmount, 900);
  // The same id on another day is another transaction.
  const today = sim.sogenactif.createTransaction({ s10TransactionId: '000042', amount: 50 });
  assert.equal(today.s10TransactionIdDate, '20261201');
  assert.equal((await sg.getTransactionData(pair())).currentAmount, 50);
  assert.equal(sim.sogenactif.getTransaction('000042', '20261130').amount, 900);
  // Office Batch: the same pair, in the CANCEL line's s10 columns.
  const { merchantId } = sim.sogenactif.credentials;
  const records = [
    { method: 'cancel', merchantId, s10TransactionReference: { s10TransactionId: '000042', s10TransactionIdDate: '20261129' }, amount: 100, currencyCode: 'EUR' },
    { method: 'cancel', merchantId, s10TransactionReference: { s10TransactionId: '000042', s10TransactionIdDate: '20261130' }, amount: 100, currencyCode: 'EUR' },
    { method: 'cancel', merchantId, s10TransactionReference: { s10TransactionId: '000042', s10TransactionIdDate: '20261201' }, amount: 10, currencyCode: 'EUR' },
  ];
  const file = sogenactif.batch.build({ header: { remitterId: merchantId, date: '2026-12-01+0100', time: '10:00:00+0100', sequence: 1 }, records });
  // (remise's batch writer requires the date; a line without it is the processing day's.)
  const dateless = file.replace(';000042;20261201', ';000042;');
  assert.notEqual(dateless, file);
  assert.deepEqual(sogenactif.batch.parseResponse(sim.sogenactif.processBatch(dateless)).records.map((r) => r.responseCode), ['25', '00', '00']);
  assert.equal(sim.sogenactif.getTransaction('000042', '20261130').amount, 800);
  assert.equal(sim.sogenactif.getTransaction('000042', '20261201').amount, 40);
});

test('sogenactif batch: one response line per record, read by batch.parseResponse, with rejections', () => {
  const sim = createSimulator({ now: START });
  const { merchantId } = sim.sogenactif.credentials;
  sim.sogenactif.createTransaction({ transactionReference: 'ORDER1', amount: 1000 });
  sim.sogenactif.createTransaction({ transactionReference: 'ORDER7', amount: 1000, status: 'TO_CHALLENGE' });
  sim.sogenactif.createTransaction({ transactionReference: 'ORDER3', amount: 1000, captureMode: 'VALIDATION', captureDay: 3 });
  const records = [
    { method: 'cancel', merchantId, transactionReference: 'ORDER1', amount: 400, currencyCode: 'EUR' },
    { method: 'cancel', merchantId, transactionReference: 'ORDER1', amount: 700, currencyCode: 'EUR' }, // 600 left
    { method: 'acceptChallenge', merchantId, transactionReference: 'ORDER7' },
    { method: 'validate', merchantId, transactionReference: 'ORDER3', operationAmount: 1000, currencyCode: 'EUR' },
    { method: 'refund', merchantId, transactionReference: 'ORDER3', operationAmount: 100, currencyCode: 'EUR' }, // not captured yet
    { method: 'cardOrder', merchantId, transactionReference: 'CARD1', amount: 2599, currencyCode: 'EUR', cardNumber: '4111111111111111', cardExpiryDate: '202901' },
    { method: 'cardOrder', merchantId, transactionReference: 'CARD1', amount: 10, currencyCode: 'EUR', cardNumber: '4111111111111111', cardExpiryDate: '202901' },
    { method: 'walletCredit', merchantId, transactionReference: 'WCR1', amount: 300, currencyCode: 'EUR', merchantWalletId: 'W42', paymentMeanId: '1' },
    { method: 'refund', merchantId, transactionReference: 'GHOST', operationAmount: 1, currencyCode: 'EUR' },
  ];
  const file = sogenactif.batch.build({ header: { remitterId: merchantId, date: '2026-11-30+0100', time: '10:00:00+0100', sequence: 1 }, records });
  const response = sim.sogenactif.processBatch(file);
  const parsed = sogenactif.batch.parseResponse(response);
  assert.equal(parsed.records.length, records.length);
  assert.deepEqual(parsed.records.map((r) => r.recordSequence), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(parsed.records.map((r) => r.responseCode), ['00', '24', '00', '00', '24', '00', '94', '00', '25']);
  assert.equal(parsed.records[5].authorisationId.length, 6);
  assert.equal(sim.sogenactif.getTransaction('ORDER1').amount, 600);
  assert.equal(sim.requests.at(-1).result, '5 accepted, 4 rejected');
  assert.throws(() => sim.sogenactif.processBatch(file.replace('END;9', 'END;8')), /END says 8 records/);
});

test('sogenactif batch: token cards (panType), the s10 columns of the payment methods and duplicate\'s s10FromTransactionReference', () => {
  // remise writes the files (`sogenactif.batch.build`, its column dictionary) and the simulator reads
  // them with its own column table: one implementation checks the other. Columns: sogenactif.md §1.2/§1.4
  // (walletCredit's published sample: s10TransactionId and s10TransactionIdDate at columns 15 and 16),
  // §1.5 (cardOrder: cardNumber is "N19, or ANS128 when it is a token"), §1.6 (the s10 identification
  // mode: s10TransactionId N6 + s10TransactionIdDate YYYYMMDD in place of transactionReference; duplicate
  // names its source by fromTransactionReference or s10FromTransactionReference{s10FromTransactionId,
  // s10FromTransactionIdDate}).
  const sim = createSimulator({ now: START }); // 30/11/2026 in Paris
  const { merchantId } = sim.sogenactif.credentials;
  sim.sogenactif.createTransaction({ s10TransactionId: '000007', s10TransactionIdDate: '20261127', amount: 1000 });
  const s10 = (s10TransactionId) => ({ s10TransactionReference: { s10TransactionId, s10TransactionIdDate: '20261130' } });
  const token = { cardNumber: 'TOKEN123', panType: 'TOKEN_PAN' };
  const records = [
    { method: 'credit', merchantId, transactionReference: 'TOKCREDIT1', amount: 300, currencyCode: 'EUR', ...token },
    { method: 'cardOrder', merchantId, transactionReference: 'TOKORDER1', amount: 400, currencyCode: 'EUR', ...token },
    { method: 'credit', merchantId, ...s10('000101'), amount: 101, currencyCode: 'EUR', cardNumber: '4111111111111111', cardExpiryDate: '202901' },
    { method: 'cardOrder', merchantId, ...s10('000102'), amount: 102, currencyCode: 'EUR', cardNumber: '4111111111111111', cardExpiryDate: '202901' },
    { method: 'walletOrder', merchantId, ...s10('000103'), amount: 103, currencyCode: 'EUR', merchantWalletId: 'W42', paymentMeanId: '1' },
    { method: 'walletCredit', merchantId, ...s10('000104'), amount: 104, currencyCode: 'EUR', merchantWalletId: 'W42', paymentMeanId: '1' },
    { method: 'directDebitOrder', merchantId, ...s10('000105'), amount: 105, currencyCode: 'EUR', mandateId: 'MANDATE-1' },
    { method: 'duplicate', merchantId, transactionReference: 'DUP1', amount: 500, currencyCode: 'EUR', s10FromTransactionReference: { s10FromTransactionId: '000007', s10FromTransactionIdDate: '20261127' } },
    // The same source id under another day is another transaction, not there: 25 (§2.1).
    { method: 'duplicate', merchantId, transactionReference: 'DUP2', amount: 500, currencyCode: 'EUR', s10FromTransactionReference: { s10FromTransactionId: '000007', s10FromTransactionIdDate: '20261128' } },
  ];
  const file = sogenactif.batch.build({ header: { remitterId: merchantId, date: '2026-11-30+0100', time: '10:00:00+0100', sequence: 1 }, records });
  const parsed = sogenactif.batch.parseResponse(sim.sogenactif.processBatch(file));
  assert.deepEqual(parsed.records.map((r) => r.responseCode), ['00', '00', '00', '00', '00', '00', '00', '00', '25']);
  assert.equal(sim.sogenactif.getTransaction('TOKCREDIT1').kind, 'CREDIT');
  assert.equal(sim.sogenactif.getTransaction('TOKORDER1').amount, 400);
  for (const [id, amount] of [['000101', 101], ['000102', 102], ['000103', 103], ['000104', 104], ['000105', 105]]) {
    assert.equal(sim.sogenactif.getTransaction(id, '20261130')?.amount, amount, id);
  }
  assert.equal(sim.sogenactif.getTransaction('000101', '20261130').kind, 'CREDIT');
  assert.equal(sim.sogenactif.getTransaction('000104', '20261130').kind, 'CREDIT');
  assert.equal(sim.sogenactif.getTransaction('DUP1').amount, 500);
  assert.equal(sim.sogenactif.getTransaction('DUP2'), undefined);

  // The published walletCredit sample (§1.2) with its transactionReference left empty: the transaction is
  // the s10 pair of columns 15–16, 101 of 29/03/2021.
  const published = createSimulator({ now: START, sogenactif: { merchantId: '023101122334456' } });
  const line = SAMPLE_CSV.split('\n')[2];
  assert.equal(line.split(';')[3], 'SIM20220329092501');
  const answer = published.sogenactif.processBatch(SAMPLE_CSV.replace(';SIM20220329092501;', ';;'));
  assert.deepEqual(sogenactif.batch.parseResponse(answer).records.map((r) => r.responseCode), ['00']);
  assert.equal(published.sogenactif.getTransaction('000101', '20210329').amount, 66);
});

test('advance() and reset(): the clock moves only on demand; reset forgets everything', async () => {
  const sim = createSimulator({ now: START });
  sim.systempay.createTransaction({ amount: 100 });
  assert.equal(sim.advance({ days: 1, hours: 2 }).toISOString(), '2026-12-01T11:00:00.000Z');
  assert.throws(() => sim.advance({ days: -1 }), RangeError);
  sim.reset();
  assert.equal(sim.systempay.transactions().length, 0);
  assert.equal(sim.requests.length, 0);
  assert.equal(sim.now().toISOString(), '2026-11-30T09:00:00.000Z');
  // Same seed, same ids.
  const a = createSimulator({ now: START }).systempay.createTransaction({ amount: 1 }).uuid;
  const b = createSimulator({ now: START }).systempay.createTransaction({ amount: 1 }).uuid;
  assert.equal(a, b);
});

test('hostile requests get answers, never a rejection, a hang or a broken clock; card data stays out of sim.requests', async () => {
  const sim = createSimulator({ now: START });
  const basic = (user, password) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const sp = { authorization: basic(sim.systempay.credentials.shopId, sim.systempay.credentials.password), 'content-type': 'application/json' };
  const pl = { authorization: basic(sim.payline.credentials.merchantId, sim.payline.credentials.accessKey) };
  const deep = `{"value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const auth = payline.request('doAuthorization', AUTH('ORD-H'), sim.payline.credentials);
  const cases = [
    // A close tag without '>' sent the XML reader back to the start of the text, for ever.
    ['payline, a cut end tag', 'http://x/V4/services/DirectPaymentAPI', pl, '<r><a></aa', 500],
    ['payline, 40 000 elements', 'http://x/V4/services/DirectPaymentAPI', pl, `<r>${'<a/>'.repeat(40_000)}</r>`, 500],
    ['payline, nested 30 000 deep', 'http://x/V4/services/DirectPaymentAPI', pl, `${'<a>'.repeat(30_000)}${'</a>'.repeat(30_000)}`, 500],
    ['payline, a field given twice', auth.url, auth.headers, auth.body.replace('</obj:type>', '</obj:type><obj:type/>'), 500],
    ['payline, a character reference out of range', 'http://x/V4/services/DirectPaymentAPI', pl, '<r>&#x110000;</r>', 500],
    ['systempay, JSON nested 100 000 deep', 'http://x/api-payment/V4/Charge/SDKTest', sp, deep, 200],
    ['sogenactif, JSON nested 100 000 deep', 'http://x/rs-services/v2/checkout/cardOrder', {}, deep, 200],
    ['sogenactif, a family named like an Object method', 'http://x/rs-services/v2/toString/cardOrder', {}, '{}', 404],
  ];
  for (const [what, url, headers, body, status] of cases) {
    const res = await sim.fetch(url, { method: 'POST', headers, body });
    assert.equal(res.status, status, what);
  }
  const twice = await sim.fetch(auth.url, { method: 'POST', headers: auth.headers, body: auth.body.replace('</obj:type>', '</obj:type><obj:type/>') });
  assert.match(await twice.text(), /local:&quot;type&quot;\): it appears once here|local:"type"\): it appears once here/);
  // A contract number named like an Object method is unknown (02303), not accepted.
  const proto = await sim.fetch(auth.url, { method: 'POST', headers: auth.headers, body: auth.body.replace('<obj:contractNumber>1234567<', '<obj:contractNumber>toString<') });
  assert.match(await proto.text(), /<obj:code>02303<\/obj:code>|<code>02303<\/code>/);
  assert.throws(() => sim.sogenactif.processBatch('FILE;request;office;v19\nHEADER;x\ntoString;1\nEND;1\n'), /line 3: unknown method toString/);

  // handle(): plain data; headers and body may be left out; a URL that is not absolute is a 400.
  assert.equal((await sim.handle({ method: 'POST', url: 'http://x/api-payment/V4/Charge/SDKTest' })).status, 401);
  assert.equal((await sim.handle({ method: 'GET', url: '*' })).status, 400);
  await assert.rejects(sim.handle(null), { name: 'TypeError', message: 'handle: give a request { method, url, headers?, body? }' });
  // Header names in any case; a value that is not a text is named (it failed inside the gateway, unnamed).
  const sdk = { method: 'POST', url: 'http://x/api-payment/V4/Charge/SDKTest', body: '{"value":"x"}' };
  const spAuth = basic(sim.systempay.credentials.shopId, sim.systempay.credentials.password);
  assert.equal((await sim.handle({ ...sdk, headers: { Authorization: spAuth, 'Content-Type': 'application/json' } })).status, 200);
  await assert.rejects(sim.handle({ ...sdk, headers: { authorization: { value: spAuth } } }), { name: 'TypeError', message: "handle: header 'authorization' must be a text" });
  await assert.rejects(sim.handle({ ...sdk, headers: 'authorization: x' }), { name: 'TypeError', message: /^handle: headers must be an object/ });
  await assert.rejects(sim.handle({ ...sdk, body: { value: 'x' } }), { name: 'TypeError', message: 'handle: body must be a text (or left out)' });
  // A Headers, a Map, node:http's headers (an array joined, undefined left out): read (a new user's walk:
  // a Headers was ignored and the call answered 401).
  // A class of the caller's with a `forEach` of its own is read by its fields (the review of the pass).
  class Carried {
    constructor() {
      this.authorization = spAuth;
    }
    forEach() {}
  }
  for (const headers of [new Headers({ Authorization: spAuth }), new Map([['authorization', spAuth]]), { authorization: spAuth, 'x-twice': ['a', 'b'], 'x-none': undefined }, new Carried()]) {
    assert.equal((await sim.handle({ ...sdk, headers })).status, 200, headers.constructor.name);
  }
  // An aborted signal rejects, as fetch does.
  await assert.rejects(sim.fetch('http://x/nope', { signal: AbortSignal.abort() }), { name: 'AbortError' });

  // advance() refuses to move the clock past what a Date holds, and the clock stays where it was.
  const now = sim.now().getTime();
  assert.throws(() => sim.advance({ days: 1e9 }), { name: 'RangeError', message: /past the last date JavaScript can hold/ });
  assert.throws(() => sim.advance({ days: '1' }), RangeError);
  assert.throws(() => sim.advance(null), TypeError);
  assert.equal(sim.now().getTime(), now);
  const ctl = await sim.fetch('http://x/__simulator/advance', { method: 'POST', body: '{"days":1e12}' });
  assert.equal(ctl.status, 400);
  assert.equal((await sim.fetch('http://x/__simulator/advance', { method: 'POST', body: '{bad' })).status, 400);
  assert.equal(sim.now().getTime(), now);
  assert.equal((await sim.fetch('http://x/nope')).status, 404, 'the simulator still answers');
  assert.throws(() => createSimulator({ seed: 1.5 }), { name: 'TypeError', message: 'createSimulator: options.seed must be an integer' });

  // sim.requests keeps no card number or security code, parsed or not.
  const pan = '4970100000325734';
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: JSON.stringify({ amount: 100, currency: 'EUR', paymentForms: [{ pan, securityCode: '987', expiryMonth: 12, expiryYear: 2030 }] }) });
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: `{"pan":"${pan}","securityCode":"654",` });
  await sim.fetch('http://x/rs-services/v2/checkout/cardOrder', { method: 'POST', body: `{"cardNumber":"${pan}","cardCSCValue":"321"` });
  await sim.fetch('http://x/rs-services/v2/checkout/cardOrder', { method: 'POST', body: JSON.stringify({ cardNumber: '4970 1000 0032 5734', cardCSCValue: 321 }) });
  // A card number in groups in a body that did not parse or in a free-text field, and security codes
  // under other spellings (a helper's attack, 2026-12-06: each was kept whole).
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: '{"card":{"pan":"4970 1000 0032 5734","securityCode":"111"' });
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: JSON.stringify({ amount: 100, currency: 'EUR', metadata: { note: 'card 4970-1000-0032-5734' }, card: { CVV: '222', cvv2: '333', card_cvc: '444' } }) });
  await sim.fetch('http://x/rs-services/v2/checkout/cardOrder', { method: 'POST', body: JSON.stringify({ cardNumber: pan, cardCscValue: '555', CSC: '666' }) });
  // Codes named with `Value`/`Code` after them, Amex's `cid`, and one written `CSC 123` in free text
  // (the fifteenth pass: each was kept whole).
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: JSON.stringify({ amount: 100, currency: 'EUR', card: { cvvValue: '777', cid: '8888', cscCode: '919' }, metadata: { note: 'paid by card, CSC 929 given on the phone', other: 'card ok, CVV 939, thanks' } }) });
  // What must stay (the review of the pass): words ending in "cid", a customer's `cid`-suffixed field,
  // a password's number in a sentence.
  const words = { acid: '5', customerCid: 'CUST-42', note: 'acid: 5, placid=calm, lucid 2024 edition, Password 1234 reset' };
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: JSON.stringify({ amount: 100, currency: 'EUR', metadata: words }) });
  assert.deepEqual(sim.requests.at(-1).body.metadata, words);
  const kept = JSON.stringify(sim.requests);
  for (const secret of [pan, '987', '654', '321', '111', '222', '333', '444', '555', '666', '777', '8888', '919', '929', '939', '4970 1000', '4970-1000-0032']) assert.ok(!kept.includes(secret), `${secret} in sim.requests`);
  assert.ok(kept.includes('CSC *** given') && kept.includes('CVV ***, thanks'), 'the text around a code stays');
  assert.ok(kept.includes('497010XXXXXX5734'), 'the card number is kept masked');
  assert.ok(kept.includes('4970 10XX XXXX 5734') && kept.includes('4970-10XX-XXXX-5734'), 'grouped, with its grouping');
  // What must stay (a final attack: dates and IBANs in groups were masked, flags replaced) and a card
  // number followed by its expiry (kept whole for a while). Luhn computed here, by hand.
  const luhnOk = (d) => [...d].reverse().reduce((sum, c, i) => sum + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][+c] : +c), 0) % 10 === 0;
  const nineteen = Array.from({ length: 10 }, (_, k) => `497010000000000001${k}`).find(luhnOk);
  const grouped19 = nineteen.replace(/^(\d{4})(\d{4})(\d{4})(\d{4})(\d{3})$/, '$1 $2 $3 $4 $5');
  const text = `dates 2026-01-01 2026-12-31, iban FR76 3000 6000 0112 3456 7890 124, amount 1.000.000.000.000, ${pan}1228, card ${grouped19}, "hasCvv":true`;
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: text });
  await sim.fetch('http://x/api-payment/V4/Charge/CreatePayment', { method: 'POST', headers: sp, body: JSON.stringify({ amount: 100, currency: 'EUR', card: { hasCvv: true, forgotPassword: false } }) });
  const [textBody, parsedBody] = sim.requests.slice(-2).map((r) => r.body);
  assert.ok(!luhnOk('3000600001123456'), 'the IBAN case is not a card number by chance');
  for (const stays of ['2026-01-01 2026-12-31', 'FR76 3000 6000 0112 3456 7890 124', '1.000.000.000.000', '"hasCvv":true']) assert.ok(textBody.includes(stays), `${stays} in ${textBody}`);
  // The first 19 of the 20 digits are taken as a card number: 6 shown, 9 masked, the last 4 shown.
  assert.ok(textBody.includes('497010XXXXXXXXX41228') && !textBody.includes(pan), textBody);
  // First six and last four digits shown, the grouping kept.
  assert.ok(!textBody.includes(grouped19) && textBody.includes(`4970 10XX XXXX XXX${nineteen[15]} ${nineteen.slice(16)}`), textBody);
  assert.deepEqual(parsedBody.card, { hasCvv: true, forgotPassword: false });
});

test('the HTTP server: a body over 8 MiB is a 413 and the server lives; two listen() at once start one server', async () => {
  const sim = createSimulator({ now: START });
  const both = await Promise.allSettled([sim.listen(0), sim.listen(0)]);
  assert.deepEqual(both.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  const base = both.find((r) => r.status === 'fulfilled').value;
  try {
    const big = await fetch(`${base}/api-payment/V4/Charge/SDKTest`, { method: 'POST', body: Buffer.alloc((8 << 20) + 1, 0x20) });
    assert.equal(big.status, 413);
    await big.text();
    assert.equal((await fetch(`${base}/nope`)).status, 404, 'the server still answers');
    // A port must be a port (text that is not one would be a pipe path to Node).
    await assert.rejects(createSimulator().listen('abc'), { name: 'RangeError', message: 'listen: port must be an integer from 0 to 65535' });
  } finally {
    await sim.close();
  }
});

test('10 000 concurrent operations across the three gateways against sim.listen(), every answer matched', { timeout: 600_000 }, async () => {
  const sim = createSimulator({ now: START, keepRequests: 0 });
  const base = await sim.listen(0);
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
  // At most 64 connections at a time (loopback, bounded); the 10 000 operations are all in flight at
  // once, so a request may wait its turn longer than the clients' default timeout: 5 minutes here (the most timeoutMs takes).
  let active = 0;
  const waiting = [];
  const limited = async (input, init) => {
    if (active >= 64) await new Promise((r) => waiting.push(r));
    active += 1;
    try {
      return await fetch(input, init);
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
  try {
    const timeoutMs = 300_000;
    const { sp, pl, sg } = clients(sim, {
      systempay: { baseUrl: base, fetch: limited, timeoutMs },
      payline: { baseUrl: `${base}/V4/services`, fetch: limited, timeoutMs },
      sogenactif: { baseUrl: base, fetch: limited, timeoutMs },
    });
    const ops = [];
    for (let i = 0; i < 10_000; i++) {
      const amount = 1000 + i;
      if (i % 3 === 0) {
        const { uuid } = sim.systempay.createTransaction({ amount, currency: 'EUR' });
        // Money-moving, alternating: cancel (AUTO) or read.
        ops.push(i % 2 ? sp.cancelOrRefund({ uuid }).then((t) => t.uuid === uuid && t.amount === amount && t.detailedStatus === 'CANCELLED') : sp.getTransaction({ uuid }).then((t) => t.uuid === uuid && t.amount === amount));
      } else if (i % 3 === 1) {
        const ref = `LOAD-${i}`;
        ops.push(
          pl.doAuthorization(AUTH(ref, amount)).then((a) =>
            pl.getTransactionDetails({ transactionId: a.transaction.id }).then((d) => d.order.ref === ref && d.payment.amount === String(amount)),
          ),
        );
      } else {
        const ref = `LOAD${i}`;
        sim.sogenactif.createTransaction({ transactionReference: ref, amount });
        ops.push(sg.cancel({ transactionReference: ref, operationAmount: (i % 100) + 1, currencyCode: 'EUR' }).then((a) => a.newAmount === amount - (i % 100) - 1 && a.sealVerified));
      }
    }
    const started = Date.now();
    const results = await Promise.all(ops);
    console.log(`10 000 operations (${sim.requests.length === 0 ? 'log off' : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(results.length, 10_000);
    assert.equal(results.filter((ok) => ok !== true).length, 0);
  } finally {
    await sim.close();
  }
});

/** Runs `remise <args>` from the installed package; resolves { code, stdout, stderr }. */
function remise(args, onLine) {
  const bin = join(dirname(require.resolve('remise/package.json')), 'bin', 'remise.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
      onLine?.(stdout, child);
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('remise (bin): --help lists sim; an unknown command fails with the help', async () => {
  const pkg = require('remise/package.json');
  assert.deepEqual(pkg.bin, { remise: './bin/remise.mjs' });
  const help = await remise(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /sim\s+serve the offline/);
  const bad = await remise(['nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown command 'nope'/);
  const badPort = await remise(['sim', '--port', 'x']);
  assert.equal(badPort.code, 2);
  assert.match(badPort.stderr, /--port must be a number/);
});

test('remise sim --port 0: serves the simulator and logs each request with its answer', async () => {
  let checked;
  const run = remise(['sim', '--port', '0', '--now', START], (out, child) => {
    if (checked || !out.includes('\n')) return;
    const base = out.split('\n')[0];
    checked = (async () => {
      const sp = new systempay.Client({ shopId: '69876357', password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M', baseUrl: base });
      const e = await rejected(sp.getTransaction({ uuid: '0123456789abcdef0123456789abcdef' }));
      assert.equal(e.gatewayCode, 'PSP_010');
      const adv = await (await fetch(`${base}/__simulator/advance`, { method: 'POST', body: '{"days":1}' })).json();
      assert.equal(adv.now, '2026-12-01T09:00:00.000Z');
      await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
    })();
  });
  const { code, stdout } = await run;
  await checked;
  assert.equal(code, 0);
  assert.match(stdout, /^http:\/\/127\.0\.0\.1:\d+\n/);
  assert.match(stdout, /POST \/api-payment\/V4\/Transaction\/Get systempay Transaction\/Get → 200 PSP_010/);
});

test('an attack on the simulator (nineteenth pass): batch files all or nothing, list items bounded, odd input answered, card data masked, advance strict', async () => {
  const sim = createSimulator({ now: START });
  const basic = (user, password) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const M = sim.sogenactif.credentials.merchantId;

  // A file refused as a whole moves no money: the lines before the bad one were applied, then it threw.
  sim.sogenactif.createTransaction({ transactionReference: 'ORDER1', amount: 1000, status: 'CAPTURED' });
  const header = { remitterId: '023101122334455', sequence: 1 };
  const refundFile = sogenactif.batch.build({ header, records: [{ method: 'refund', merchantId: M, transactionReference: 'ORDER1', operationAmount: 600, currencyCode: 'EUR' }] });
  const withBogus = refundFile.replace(/END;1(\r?\n)$/, 'BOGUS;2$1END;2$1');
  assert.notEqual(withBogus, refundFile);
  assert.throws(() => sim.sogenactif.processBatch(withBogus), /unknown method BOGUS/);
  assert.equal(sim.sogenactif.getTransaction('ORDER1').refunded, 0);
  const answered = sogenactif.batch.parseResponse(sim.sogenactif.processBatch(refundFile));
  assert.deepEqual(answered.records.map((r) => r.responseCode), ['00']);
  assert.equal(sim.sogenactif.getTransaction('ORDER1').refunded, 600);

  // Payline list items: at most the WSDL's 100 (each repeat copied the list: 80 000 items held the
  // event loop 18 s), then a SOAP Fault.
  const auth = payline.request('doAuthorization', { ...AUTH('ORD-LIST'), privateDataList: [{ key: 'k', value: 'v' }] }, sim.payline.credentials);
  const item = /<obj:privateData>.*?<\/obj:privateData>/.exec(auth.body)[0];
  const withItems = (n) => auth.body.replace(item, item.repeat(n));
  const hundred = await sim.fetch(auth.url, { method: 'POST', headers: auth.headers, body: withItems(100) });
  assert.equal(hundred.status, 200);
  const many = await sim.fetch(auth.url, { method: 'POST', headers: auth.headers, body: withItems(20_000) });
  assert.equal(many.status, 500);
  assert.match(await many.text(), /more than 100/);

  // An object whose `toString` is no function, where a rule quotes a value: the gateway's bad input,
  // not a rejected fetch.
  const sp = { authorization: basic(sim.systempay.credentials.shopId, sim.systempay.credentials.password), 'content-type': 'application/json' };
  const spAnswer = await (await sim.fetch('http://x/api-payment/V4/Transaction/Get', { method: 'POST', headers: sp, body: '{"uuid":{"toString":1}}' })).json();
  assert.equal(spAnswer.answer.errorCode, 'INT_902');
  const sips = await (await sim.fetch('http://x/rs-services/v2/cashManagement/cancel', { method: 'POST', body: `{"merchantId":"${M}","keyVersion":{"toString":1}}` })).json();
  assert.equal(sips.responseCode, '34');
  const plOdd = await sim.fetch(auth.url, { method: 'POST', headers: auth.headers, body: auth.body.replace(/<obj:amount>(\d+)<\/obj:amount>/, '<obj:amount><obj:toString>$1</obj:toString></obj:amount>') });
  assert.equal(plOdd.status, 500);
  assert.match(await plOdd.text(), /Fault/);

  // Card data: in the URL, as a JSON number under any name, under more names of a security code.
  await sim.fetch('http://x/api-payment/V4/Token/4970100000000055', { method: 'POST', headers: sp, body: '{}' });
  await sim.fetch('http://x/api-payment/V4/Charge/SDKTest', { method: 'POST', headers: sp, body: '{"value":"x","cardNo":4970100000000055,"cvn":"123","cardVerificationValue":"456","passwd":"hunter2"}' });
  const log = JSON.stringify(sim.requests);
  for (const secret of ['4970100000000055', '"123"', '"456"', 'hunter2']) assert.ok(!log.includes(secret), `${secret} in sim.requests`);
  assert.ok(log.includes('497010XXXXXX0055'));

  // A Sips s10TransactionId is N6: anything else is a 30, as a malformed transactionReference is (it
  // was looked up, 25); a well-formed one of no transaction is still a 25.
  const cancelFile = sogenactif.batch.build({ header, records: [{ method: 'cancel', merchantId: M, s10TransactionReference: { s10TransactionId: '123456', s10TransactionIdDate: '20261130' }, amount: 100, currencyCode: 'EUR' }] });
  const s10 = (id) => sogenactif.batch.parseResponse(sim.sogenactif.processBatch(cancelFile.replace(';123456;', `;${id};`))).records[0].responseCode;
  assert.equal(s10('123456'), '25');
  assert.equal(s10('abc'), '30');
  assert.equal(s10('1234567'), '30');

  // advance: a key of another name, or a negative part, is refused and leaves the clock.
  const before = sim.now().getTime();
  assert.throws(() => sim.advance({ day: 1 }), /unknown key 'day'/);
  assert.throws(() => sim.advance({ days: 1, hours: -1 }), /non-negative/);
  assert.equal(sim.now().getTime(), before);
});
