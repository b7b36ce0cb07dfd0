// remise/simulator: rules and fixes after the thirteenth pass's attack on the simulator (each test fails on
// the package before the fix): Payline refunds of a credit, generated ids that skip seeded ones, Payline
// contracts per simulator, Systempay capture and authorisation dates, Sips field formats and seals, and
// the `remise sim` command (its port, a port in use, a closed stdout). Expected codes come from the
// reference notes, as the simulator's tables cite them; seals are recomputed here with node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { systempay, payline, money, sogenactif } from 'remise';
import { createSimulator } from 'remise/simulator';
import { rejected, thrown } from './entries.mjs';
import { systempayAuth, systempayPoster } from './server.mjs';

const require = createRequire(import.meta.url);
const START = '2026-11-30T09:00:00Z'; // a Monday, 10:00 in Paris
const hmac = (key, text) => createHmac('sha256', key).update(text, 'utf8').digest('hex');
const CARD = { number: '4970100000325734', type: 'CB', expirationDate: '1230' };

test('payline: doRefund of a doCredit is refused (02302): a refund follows a debit of the buyer', async () => {
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const order = (ref, amount) => ({ ref, amount, currency: 'EUR', date: '2026-11-30T10:00:00+01:00' });
  const credit = await pl.doCredit({ payment: { amount: 5000, currency: 'EUR', action: 422, mode: 'CPT', contractNumber: '1234567' }, card: CARD, order: order('CR1', 5000) });
  const debit = await pl.doDebit({ payment: { amount: 700, currency: 'EUR', action: 204, mode: 'CPT', contractNumber: '1234567' }, card: CARD, order: order('DB1', 700), authorization: { number: 'A1', date: '2026-11-30T10:00:00+01:00' } });
  sim.advance({ days: 1 }); // both remitted
  assert.equal(sim.payline.getTransaction(credit.transaction.id).status, 'REMITTED');
  const refund = { payment: { amount: 5000, currency: 'EUR', action: 421, mode: 'CPT' } };
  const e = await rejected(pl.doRefund({ transactionID: credit.transaction.id, ...refund }));
  assert.equal(e.gatewayCode, '02302');
  assert.equal(sim.payline.getTransaction(credit.transaction.id).refunded, 0);
  assert.equal(sim.payline.transactions().filter((t) => t.kind === 'REFUND').length, 0);
  // A doDebit debited the buyer: it is refunded as before.
  const r = await pl.doRefund({ transactionID: debit.transaction.id, payment: { ...refund.payment, amount: 700 } });
  assert.equal(r.result.code, '00000');
});

test('generated ids skip the ids given to createTransaction (Systempay uuids, refunds, createPayment; Payline ids); otherwise unchanged', async () => {
  // Seed 1's first generated uuid and Payline id, as a fresh simulator makes them.
  const fresh = createSimulator({ now: START });
  const firstUuid = fresh.systempay.createTransaction({ amount: 10 }).uuid;
  assert.equal(firstUuid, '3c6ef358715e8e1e7af6fe1956d7c511');

  const sim = createSimulator({ now: START });
  const mine = sim.systempay.createTransaction({ uuid: firstUuid, amount: 3000 });
  const other = sim.systempay.createTransaction({ amount: 50 });
  assert.notEqual(other.uuid, mine.uuid);
  assert.equal(sim.systempay.transactions().length, 2);
  assert.equal(sim.systempay.getTransaction(firstUuid).amount, 3000);

  // Charge/CreatePayment: its transaction (the form token's first 32 characters) gets a new uuid.
  const sim2 = createSimulator({ now: START });
  sim2.systempay.createTransaction({ uuid: firstUuid, amount: 3000 });
  const sp2 = new systempay.Client({ ...sim2.systempay.credentials, fetch: sim2.fetch });
  const form = await sp2.createPayment({ amount: 990, currency: 'EUR', orderId: 'FORM1' });
  assert.notEqual(form.formToken.slice(0, 32), firstUuid);
  assert.equal(sim2.systempay.getTransaction(firstUuid).amount, 3000);
  assert.equal(sim2.systempay.transactions().length, 2);

  // A refund's new CREDIT: the uuid a twin simulator gives it is taken by a seeded transaction here.
  const twin = createSimulator({ now: START });
  const paid = twin.systempay.createTransaction({ amount: 3000 });
  twin.advance({ days: 1 });
  const twinSp = new systempay.Client({ ...twin.systempay.credentials, fetch: twin.fetch });
  const taken = (await twinSp.refund({ uuid: paid.uuid, amount: 100, currency: 'EUR' })).uuid;
  const sim3 = createSimulator({ now: START });
  assert.equal(sim3.systempay.createTransaction({ amount: 3000 }).uuid, paid.uuid);
  sim3.systempay.createTransaction({ uuid: taken, amount: 4242 });
  sim3.advance({ days: 1 });
  const sp3 = new systempay.Client({ ...sim3.systempay.credentials, fetch: sim3.fetch });
  const credit = await sp3.refund({ uuid: paid.uuid, amount: 100, currency: 'EUR' });
  assert.notEqual(credit.uuid, taken);
  assert.equal(sim3.systempay.getTransaction(taken).amount, 4242);
  assert.equal(sim3.systempay.getTransaction(credit.uuid).operationType, 'CREDIT');

  // Payline: the id the generator makes next is taken by a seeded one.
  const plFresh = createSimulator({ now: START });
  const generated = plFresh.payline.createTransaction({ amount: 20 }).id;
  const s = createSimulator({ now: START });
  const a = s.payline.createTransaction({ id: generated, amount: 1000 });
  const b = s.payline.createTransaction({ amount: 20 });
  assert.notEqual(b.id, a.id);
  assert.equal(s.payline.transactions().length, 2);
  assert.equal(s.payline.getTransaction(generated).amount, 1000);
  // Its capture (an operation with a generated id) does not replace anything either.
  const pl = new payline.Client({ ...s.payline.credentials, fetch: s.fetch });
  const cap = await pl.doCapture({ transactionID: b.id, payment: { amount: 20, currency: 'EUR', action: 201, mode: 'CPT' } });
  assert.equal(new Set(s.payline.transactions().map((t) => t.id)).size, 3);
  assert.equal(s.payline.getTransaction(cap.transaction.id).kind, 'CAPTURE');
});

test('payline: every simulator, and every reset, has its own contracts', () => {
  const a = createSimulator({ now: START });
  const b = createSimulator({ now: START });
  a.payline.contracts['1234567'].reauthorization = false;
  a.payline.contracts['999'] = { reauthorization: true };
  assert.deepEqual(b.payline.contracts['1234567'], { reauthorization: true });
  assert.equal(Object.hasOwn(b.payline.contracts, '999'), false);
  assert.deepEqual(createSimulator().payline.contracts['1234567'], { reauthorization: true });
  a.reset();
  assert.deepEqual(a.payline.contracts, { 1234567: { reauthorization: true }, 7654321: { reauthorization: false } });
  // Given contracts are copied too: the caller's object is not changed through the simulator.
  const mine = { 42: { reauthorization: true } };
  const c = createSimulator({ payline: { contracts: mine } });
  c.payline.contracts['42'].reauthorization = false;
  assert.equal(mine[42].reauthorization, true);
  c.reset();
  assert.equal(c.payline.contracts['42'].reauthorization, true);
});

test('systempay: validated after its capture date, a payment is captured at the next 00:05 run, not dated back', async () => {
  const sim = createSimulator({ now: START });
  const sp = new systempay.Client({ ...sim.systempay.credentials, fetch: sim.fetch });
  const dates = (uuid) => {
    const d = sim.systempay.getTransaction(uuid).transactionDetails.cardDetails;
    return { status: sim.systempay.getTransaction(uuid).detailedStatus, authorised: d.authorizationResponse.authorizationDate, captured: d.captureResponse.captureDate };
  };
  // Capture date 30 November; validated on 3 December at 09:00 UTC: captured at the 00:05 run of 4 December
  // (systempay.md §4: "capture of the previous day's transactions runs at 00:05"), not dated 1 December.
  // The run is at 00:05 in Paris (the twenty-fourth pass; it was 00:05 UTC): 23:05 UTC on 3 December in
  // winter (UTC+1).
  const late = sim.systempay.createTransaction({ amount: 3000, manualValidation: true });
  sim.advance({ days: 3 });
  assert.equal(dates(late.uuid).status, 'AUTHORISED_TO_VALIDATE');
  assert.equal((await sp.validate({ uuid: late.uuid })).detailedStatus, 'AUTHORISED');
  sim.advance({ minutes: 1 });
  assert.deepEqual(dates(late.uuid), { status: 'AUTHORISED', authorised: '2026-11-30T09:00:00+00:00', captured: null });
  const early = await rejected(sp.refund({ uuid: late.uuid, amount: 100, currency: 'EUR' }));
  assert.equal(early.gatewayCode, 'PSP_076');
  sim.advance({ hours: 14, minutes: 3 }); // 3 December 23:04 UTC: a minute before the run
  assert.equal(dates(late.uuid).status, 'AUTHORISED');
  sim.advance({ minutes: 1 }); // 4 December 00:05 in Paris
  assert.deepEqual(dates(late.uuid), { status: 'CAPTURED', authorised: '2026-11-30T09:00:00+00:00', captured: '2026-12-03T23:05:00+00:00' });

  // Turning manual validation off with Transaction/Update validates it too.
  const sim2 = createSimulator({ now: START });
  const sp2 = new systempay.Client({ ...sim2.systempay.credentials, fetch: sim2.fetch });
  const off = sim2.systempay.createTransaction({ amount: 3000, manualValidation: true });
  sim2.advance({ days: 2 });
  await sp2.update({ uuid: off.uuid, cardUpdate: { manualValidation: 'NO' } });
  sim2.advance({ hours: 1 });
  assert.equal(sim2.systempay.getTransaction(off.uuid).transactionDetails.cardDetails.captureResponse.captureDate, null);
  sim2.advance({ days: 1 });
  assert.equal(sim2.systempay.getTransaction(off.uuid).transactionDetails.cardDetails.captureResponse.captureDate, '2026-12-02T23:05:00+00:00'); // 3 December 00:05 in Paris
});

test('systempay: Transaction/Update of a waiting transaction\'s capture date moves its authorisation to the day before (never after the capture)', async () => {
  // A 10-day delay waits for its authorisation (due 9 December); its capture moved to 2 December 09:00:
  // authorised the day before (systempay.md §4, "authorization will be requested D-1 before capture").
  const sim3 = createSimulator({ now: START });
  const sp3 = new systempay.Client({ ...sim3.systempay.credentials, fetch: sim3.fetch });
  const waiting = sim3.systempay.createTransaction({ amount: 3000, captureDelay: 10 });
  const dates3 = (uuid) => {
    const t = sim3.systempay.getTransaction(uuid);
    const d = t.transactionDetails.cardDetails;
    return { status: t.detailedStatus, authorised: d.authorizationResponse.authorizationDate, captured: d.captureResponse.captureDate };
  };
  assert.equal(dates3(waiting.uuid).status, 'WAITING_AUTHORISATION');
  const up = await sp3.update({ uuid: waiting.uuid, cardUpdate: { expectedCaptureDate: '2026-12-02T09:00:00Z' } });
  assert.equal(up.detailedStatus, 'WAITING_AUTHORISATION');
  // Nothing authorised yet, so no authorisation shown (it showed a result '0' and this date, in the future).
  assert.deepEqual(Object.values(up.transactionDetails.cardDetails.authorizationResponse), [null, null, null, null, null, null, 'V4/PaymentMethod/Details/Cards/CardAuthorizationResponse']);
  sim3.advance({ days: 1 });
  assert.deepEqual(dates3(waiting.uuid), { status: 'AUTHORISED', authorised: '2026-12-01T09:00:00+00:00', captured: null });
  sim3.advance({ days: 2 });
  assert.deepEqual(dates3(waiting.uuid), { status: 'CAPTURED', authorised: '2026-12-01T09:00:00+00:00', captured: '2026-12-02T23:05:00+00:00' }); // 3 December 00:05 in Paris
  // Moved to less than a day ahead: authorised at once.
  const soon = sim3.systempay.createTransaction({ amount: 100, captureDelay: 30 });
  await sp3.update({ uuid: soon.uuid, cardUpdate: { expectedCaptureDate: '2026-12-03T18:00:00Z' } });
  assert.deepEqual(dates3(soon.uuid), { status: 'AUTHORISED', authorised: '2026-12-03T09:00:00+00:00', captured: null });
});

// ---- Sips (Sogenactif Office JSON): raw requests, since remise's client refuses these formats itself.
const sealText = (o, top = true) =>
  Object.keys(o)
    .sort()
    .filter((k) => !(top && ['keyVersion', 'sealAlgorithm', 'seal'].includes(k)))
    .map((k) => {
      const v = o[k];
      if (v === null || v === undefined) return '';
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? sealText(x, false) : String(x))).join('');
      if (typeof v === 'object') return sealText(v, false);
      return String(v);
    })
    .join('');

async function sips(sim, path, fields) {
  const { merchantId, secretKey } = sim.sogenactif.credentials;
  const f = { merchantId, keyVersion: 1, ...fields };
  f.seal = hmac(secretKey, sealText(f));
  const r = await sim.fetch(`https://office-server.sogenactif.com/rs-services/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
  const { seal, ...rest } = await r.json();
  // Every answer's seal is over exactly what it sends.
  assert.equal(seal, hmac(secretKey, sealText(rest)), `the seal of ${JSON.stringify(rest)}`);
  return rest;
}

test('sogenactif office: the attack\'s sequence (captureDay \'abc\', then getTransactionData): every answer\'s seal is over what it sends', async () => {
  const sim = createSimulator({ now: START });
  const card = { cardNumber: '4970100000325734', cardExpiryDate: '203012', orderChannel: 'MOTO' };
  // `sips` checks each answer's seal against its JSON (it was over "NaN" where the JSON had null).
  await sips(sim, 'checkout/cardOrder', { interfaceVersion: 'IR_WS_2.58', transactionReference: 'A1', amount: 1000, currencyCode: '978', captureDay: 'abc', ...card });
  const data = await sips(sim, 'diagnostic/getTransactionData', { interfaceVersion: 'DR_WS_2.58', transactionReference: 'A1' });
  // (The lookup's own code: the refused order made no transaction.)
  assert.equal(data.getTransDataResponseCode, '25');
});

test('sogenactif office: captureDay (0–99), captureMode (enumerated) and transactionReference (AN35) of a new transaction; bad ones are 30, every seal verifies', async () => {
  const sim = createSimulator({ now: START });
  const card = { cardNumber: '4970100000325734', cardExpiryDate: '203012', orderChannel: 'MOTO' };
  const order = (ref, extra) => ({ interfaceVersion: 'IR_WS_2.58', transactionReference: ref, amount: 1000, currencyCode: '978', ...extra });
  const bad = [
    { captureDay: 'abc' },
    { captureDay: -3 },
    { captureDay: 1000 },
    { captureDay: 100 },
    { captureDay: 1.5 },
    { captureMode: 'WHATEVER' },
    { captureMode: 'validation' },
  ];
  for (const [i, extra] of bad.entries()) {
    const ref = `BAD${i}`;
    assert.equal((await sips(sim, 'checkout/cardOrder', order(ref, { ...card, ...extra }))).responseCode, '30', JSON.stringify(extra));
    assert.equal((await sips(sim, 'checkout/walletOrder', order(`W${ref}`, { merchantWalletId: 'W1', paymentMeanId: '1', ...extra }))).responseCode, '30', JSON.stringify(extra));
    assert.equal((await sips(sim, 'diagnostic/getTransactionData', { interfaceVersion: 'DR_WS_2.58', transactionReference: ref })).getTransDataResponseCode, '25');
  }
  for (const ref of ['x'.repeat(36), 'x'.repeat(500), 'A-1', 'été']) {
    assert.equal((await sips(sim, 'checkout/cardOrder', order(ref, card))).responseCode, '30', ref);
  }
  assert.equal(sim.sogenactif.transactions().length, 0);
  // The bounds and every mode are taken; what getTransactionData answers is what was asked.
  const ok = await sips(sim, 'checkout/cardOrder', order('x'.repeat(35), { ...card, captureDay: 99, captureMode: 'VALIDATION' }));
  assert.equal(ok.responseCode, '00');
  for (const [i, mode] of ['AUTHOR_CAPTURE', 'IMMEDIATE'].entries()) {
    assert.equal((await sips(sim, 'checkout/cardOrder', order(`OK${i}`, { ...card, captureDay: 0, captureMode: mode }))).responseCode, '00');
  }
  const data = await sips(sim, 'diagnostic/getTransactionData', { interfaceVersion: 'DR_WS_2.58', transactionReference: 'x'.repeat(35) });
  assert.equal(data.captureDay, 99);
  assert.equal(data.captureMode, 'VALIDATION');
  // duplicate creates a transaction too.
  const dup = (ref, extra) => ({ interfaceVersion: 'CR_WS_2.58', transactionReference: ref, fromTransactionReference: 'OK0', amount: 500, currencyCode: '978', captureDay: 0, captureMode: 'AUTHOR_CAPTURE', ...extra });
  assert.equal((await sips(sim, 'cashManagement/duplicate', dup('DUP1', { captureDay: 'abc' }))).responseCode, '30');
  assert.equal((await sips(sim, 'cashManagement/duplicate', dup('DUP1', { captureMode: 'LATER' }))).responseCode, '30');
  assert.equal((await sips(sim, 'cashManagement/duplicate', dup('D'.repeat(36)))).responseCode, '30');
  assert.equal((await sips(sim, 'cashManagement/duplicate', dup('DUP1'))).responseCode, '00');
  // Seeding refuses them as well.
  assert.match(thrown(() => sim.sogenactif.createTransaction({ transactionReference: 'S1', amount: 100, captureMode: 'WHATEVER' })).message, /captureMode/);
  assert.match(thrown(() => sim.sogenactif.createTransaction({ transactionReference: 'S2', amount: 100, captureDay: 'abc' })).message, /captureDay/);

  // Office Batch: the same rules, 30 on the line.
  const { merchantId } = sim.sogenactif.credentials;
  const line = (ref, day, mode) => {
    const cols = Array(42).fill('');
    Object.assign(cols, { 0: 'CARDORDER', 1: '1', 2: merchantId, 3: ref, 4: '1000', 5: day, 6: mode, 10: '4970100000325734', 12: '978' });
    return cols.join(';');
  };
  const records = [line('BATCH1', 'abc', ''), line('BATCH2', '5', 'NOPE'), line('B-3', '', ''), line('BATCH4', '5', 'VALIDATION')];
  const text = ['FILE;request;office;2.0', `HEADER;${merchantId}`, ...records, `END;${records.length}`].join('\n') + '\n';
  const codes = sim.sogenactif.processBatch(text).trim().split('\n').slice(2, -1).map((l) => l.split(';').at(-3));
  assert.deepEqual(codes, ['30', '30', '30', '00']);
});

// ---- the `remise sim` command -----------------------------------------------------------------

const BIN = () => join(dirname(require.resolve('remise/package.json')), 'bin', 'remise.mjs');

/** Runs `remise <args>`; resolves { code, stdout, stderr } (code null when it still ran after 15 s). */
function remise(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN(), ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('remise sim --port takes decimal digits, 0–65535, only (a usage error otherwise)', async () => {
  for (const port of ['0x1F91', '1e3', '', ' 80', '65536', '1.0', '+80']) {
    const r = await remise(['sim', '--port', port]);
    assert.equal(r.code, 2, `--port '${port}'`);
    assert.match(r.stderr, /--port must be a number from 0 to 65535/);
  }
});

test('remise sim on a port in use: a one-line runtime error (exit 1), not a usage error', async () => {
  const busy = createServer();
  await new Promise((resolve) => busy.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = busy.address();
    const r = await remise(['sim', '--port', String(port)]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^remise sim: cannot listen on 127\\.0\\.0\\.1:${port}: .*already in use`));
    assert.doesNotMatch(r.stderr, /usage:/);
  } finally {
    busy.close();
  }
});

test('remise sim with its stdout closed (| head -1) keeps serving and stops logging', async () => {
  const child = spawn(process.execPath, [BIN(), 'sim', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    // The first line (the base URL), then the reader goes away, as `head -1` does.
    const base = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    child.stdout.destroy();
    const sp = new systempay.Client({ shopId: '69876357', password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M', baseUrl: base });
    for (let i = 0; i < 5; i++) {
      const e = await rejected(sp.getTransaction({ uuid: '0123456789abcdef0123456789abcdef' }));
      assert.equal(e.gatewayCode, 'PSP_010');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(child.exitCode, null, `the server ended: ${stderr}`);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
  } finally {
    child.kill('SIGTERM');
  }
  const { code } = await exited;
  assert.equal(code, 0, stderr);
});

/** `remise sim` whose stdout the reader stops reading after the base URL; `requests` calls made then. */
async function pausedSim(requests) {
  const child = spawn(process.execPath, [BIN(), 'sim', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, stderr: '', chunks: [] };
  child.stderr.on('data', (c) => (run.stderr += c));
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const base = await new Promise((resolve, reject) => {
    const first = (c) => {
      run.chunks.push(c);
      const out = Buffer.concat(run.chunks).toString();
      if (out.includes('\n')) {
        child.stdout.off('data', first);
        // As a harness that took the base URL and paused the stream (readline's close pauses it too).
        child.stdout.pause();
        resolve(out.split('\n')[0]);
      }
    };
    child.stdout.on('data', first);
    child.once('exit', () => reject(new Error(`exited early: ${run.stderr}`)));
  });
  // One log line each (about 110 bytes): several times the 64 KiB backlog and what the pipe and this
  // reader hold.
  const sp = new systempay.Client({ shopId: '69876357', password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M', baseUrl: base });
  const uuid = '0123456789abcdef0123456789abcdef';
  for (let i = 0; i < requests; i += 50) await Promise.all(Array.from({ length: 50 }, () => rejected(sp.getTransaction({ uuid }))));
  return run;
}

/** Resolves the exit of `run` within `ms`, or null (the child then killed). */
async function exitWithin(run, ms) {
  const ended = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r(null), ms))]);
  if (ended === null) run.child.kill('SIGKILL');
  return ended;
}

// A reader that stops reading made the log grow in memory by each request's line without bound (a
// helper measured +63 MB over 60 000 requests), and SIGTERM did not end the process while the lines
// were unwritten (the seventeenth pass).
test('remise sim with its stdout not read: SIGTERM ends it (within 5 s), unread lines and all', async () => {
  const run = await pausedSim(3000);
  run.child.kill('SIGTERM');
  const ended = await exitWithin(run, 5000);
  assert.ok(ended, 'still running 5 s after SIGTERM while its stdout was not read');
  assert.equal(ended.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /EPIPE|Unhandled/);
});

test('remise sim with its stdout not read: lines past a 64 KiB backlog dropped, the drop said once', async () => {
  const run = await pausedSim(5000);
  run.child.stdout.on('data', (c) => run.chunks.push(c));
  run.child.stdout.resume();
  await new Promise((r) => setTimeout(r, 300));
  run.child.kill('SIGTERM');
  const ended = await exitWithin(run, 5000);
  assert.equal(ended?.code, 0, run.stderr);
  const out = Buffer.concat(run.chunks).toString();
  assert.equal(out.match(/stdout is not being read; log lines are dropped until it is/g)?.length, 1, out.slice(-300));
  const lines = out.split('\n').filter((l) => l.includes('Transaction/Get')).length;
  assert.ok(lines > 100 && lines < 4000, `${lines} log lines of 5000 kept (${out.length} bytes)`);
});

// ---- a helper's attack on the simulator, twenty-fourth pass

test('the nightly runs are Paris nights: Systempay captures at 00:05 in Paris (summer and winter), Payline remits and Sips captures at midnight in Paris', async () => {
  // Summer (UTC+2): paid on 1 July at 10:00 in Paris, captured at the 00:05 run of 2 July in Paris,
  // 22:05 UTC on 1 July (it was 00:05 UTC, 02:05 in Paris).
  const summer = createSimulator({ now: '2026-07-01T10:00:00+02:00' });
  const paid = summer.systempay.createTransaction({ amount: 1000 });
  const status = () => summer.systempay.getTransaction(paid.uuid);
  summer.advance({ hours: 14, minutes: 4 }); // 1 July 22:04 UTC (10:00 in Paris is 08:00 UTC)
  assert.equal(status().detailedStatus, 'AUTHORISED');
  summer.advance({ minutes: 1 });
  assert.equal(status().detailedStatus, 'CAPTURED');
  assert.equal(status().transactionDetails.cardDetails.captureResponse.captureDate, '2026-07-01T22:05:00+00:00');
  // Winter (UTC+1): paid at 00:30 in Paris on 1 December (23:30 UTC on 30 November), its capture date
  // is 1 December in Paris: still authorised at 01:30 in Paris (the UTC run at 00:05 UTC captured it),
  // captured at 00:05 in Paris on 2 December.
  const winter = createSimulator({ now: '2026-12-01T00:30:00+01:00' });
  const late = winter.systempay.createTransaction({ amount: 1000 });
  winter.advance({ hours: 1 });
  assert.equal(winter.systempay.getTransaction(late.uuid).detailedStatus, 'AUTHORISED');
  winter.advance({ hours: 22, minutes: 35 }); // 2 December 00:05 in Paris
  assert.equal(winter.systempay.getTransaction(late.uuid).transactionDetails.cardDetails.captureResponse.captureDate, '2026-12-01T23:05:00+00:00');

  // Payline: captured at 00:30 in Paris, not remitted at 01:00 in Paris (midnight UTC): doReset still
  // cancels it; remitted at the next midnight in Paris.
  const pl = createSimulator({ now: '2026-12-02T00:20:00+01:00' });
  const client = new payline.Client({ ...pl.payline.credentials, fetch: pl.fetch });
  const auth = await client.doAuthorization({
    payment: { amount: 900, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' },
    card: { number: '4970100000325734', type: 'CB', expirationDate: '1230', cvx: '123' },
    order: { ref: 'NIGHT-1', amount: 900, currency: 'EUR', date: '2026-12-02T00:20' },
  });
  pl.advance({ minutes: 10 });
  await client.doCapture({ transactionID: auth.transaction.id, payment: { amount: 900, currency: 'EUR', action: 201, mode: 'CPT' } });
  pl.advance({ minutes: 45 }); // 01:15 in Paris, 00:15 UTC
  assert.equal(pl.payline.getTransaction(auth.transaction.id).status, 'VALIDATED');
  pl.advance({ hours: 23 }); // 3 December 00:15 in Paris
  assert.equal(pl.payline.getTransaction(auth.transaction.id).status, 'REMITTED');

  // Sips: a transaction of 2 December 00:30 in Paris with captureDay 0 is captured at midnight in Paris
  // after its day, 3 December 00:00 in Paris (23:00 UTC on 2 December), not at 00:00 UTC on 2 December.
  const sg = createSimulator({ now: '2026-12-02T00:30:00+01:00' });
  const tx = sg.sogenactif.createTransaction({ transactionReference: 'NIGHT1', amount: 1000, captureDay: 0 });
  sg.advance({ hours: 1 }); // 01:30 in Paris: past midnight UTC
  assert.equal(sg.sogenactif.getTransaction(tx.transactionReference).transactionStatus, 'TO_CAPTURE');
  sg.advance({ hours: 22, minutes: 29 }); // 2 December 23:59 in Paris
  assert.equal(sg.sogenactif.getTransaction(tx.transactionReference).transactionStatus, 'TO_CAPTURE');
  sg.advance({ minutes: 1 });
  assert.equal(sg.sogenactif.getTransaction(tx.transactionReference).transactionStatus, 'CAPTURED');
});

test('systempay raw HTTP: a capture date without an offset is Paris time whatever the host zone; a duplicate of 0 is PSP_020', async () => {
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  // 5 December 12:00 in Paris is 11:00 UTC (UTC+1 in December), in every TZ the test runs under.
  const waiting = sim.systempay.createTransaction({ amount: 3000, captureDelay: 10 });
  const up = await post('Transaction/Update', { uuid: waiting.uuid, cardUpdate: { expectedCaptureDate: '2026-12-05T12:00:00' } });
  assert.equal(up.status, 'SUCCESS', JSON.stringify(up));
  assert.equal(up.answer.transactionDetails.cardDetails.expectedCaptureDate, '2026-12-05T11:00:00+00:00');
  const captured = sim.systempay.createTransaction({ amount: 3000 });
  sim.advance({ days: 1 });
  const zero = await post('Transaction/Duplicate', { uuid: captured.uuid, amount: 0, currency: 'EUR' });
  assert.deepEqual([zero.status, zero.answer.errorCode], ['ERROR', 'PSP_020']);
  const one = await post('Transaction/Duplicate', { uuid: captured.uuid, amount: 1, currency: 'EUR' });
  assert.equal(one.status, 'SUCCESS');
});

test('payline: an order reference re-authorized within 24 hours is a duplicate (02001), from doReAuthorization or doAuthorization', async () => {
  // The helper's case: one order captured three times (a re-authorization sent twice, then an
  // authorization of its reference). payline.md §5: duplicates are keyed on the order reference within 24 h.
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const original = sim.payline.createTransaction({ amount: 1000, orderRef: 'ORD-A', date: '2026-11-30T08:00:00Z' });
  const reauth = () => pl.doReAuthorization({
    transactionID: original.id,
    payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' },
    order: { ref: 'ORD-A-R1', amount: 1000, currency: 'EUR', date: '2026-11-30T10:00' },
  });
  const first = await reauth();
  assert.equal(first.result.code, '00000');
  // On the wire a re-authorization that captures (action 101) is `REAUTH+CAP`, in Monext's list of
  // transaction types (docs.monext.fr, "Object associatedTransactions"); the simulator wrote its own word,
  // REAUTHOR.
  const details = await pl.getTransactionDetails({ transactionId: first.transaction.id });
  assert.equal(details.transaction.type, 'REAUTH+CAP');
  sim.advance({ minutes: 1 });
  assert.equal((await rejected(reauth())).gatewayCode, '02001');
  const auth = await rejected(pl.doAuthorization({
    payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' },
    card: CARD,
    order: { ref: 'ORD-A-R1', amount: 1000, currency: 'EUR', date: '2026-11-30T10:01' },
  }));
  assert.equal(auth.gatewayCode, '02001');
  assert.equal(sim.payline.transactions().filter((t) => t.kind === 'REAUTHOR').length, 1);
  // A day later the reference is free again.
  sim.advance({ days: 1 });
  assert.equal((await reauth()).result.code, '00000');
});

// ---- a helper's attack on the simulator as a long-running server, twenty-fourth pass

test('sim.requests keeps no request body of more than 16 KiB of text (its length instead); the clock run skips settled transactions', async () => {
  // `remise sim` kept 1 000 requests of 8 MiB, their parsed bodies up to 20 times that, and died of a
  // heap out of memory (a helper's attack and the review of the pass). Ten bodies of 8 MiB: each kept as
  // its length; a small request after them whole; a batch file's header line the same way.
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const big = `{"uuid":"${'0'.repeat(32)}","comment":"${'x'.repeat((8 << 20) - 100)}"}`;
  for (let i = 0; i < 10; i++) await post('Transaction/Get', big);
  assert.equal(sim.requests.length, 10);
  for (const r of sim.requests) assert.deepEqual(r.body, { omitted: big.length });
  await post('Transaction/Get', { uuid: 'ab'.repeat(16) });
  assert.equal(sim.requests.at(-1).body.uuid, 'ab'.repeat(16));
  // 16 KiB is kept whole, one more character is not.
  const edge = (n) => JSON.stringify({ uuid: 'cd'.repeat(16), comment: 'y'.repeat(n) });
  const pad = 16384 - edge(0).length;
  for (const n of [pad, pad + 1]) await post('Transaction/Get', edge(n));
  assert.equal(sim.requests.at(-2).body.comment.length, pad);
  assert.deepEqual(sim.requests.at(-1).body, { omitted: 16385 });
  const header = `HEADER;${'9'.repeat(1 << 20)}`;
  await sim.fetch('http://sim/__simulator/batch', { method: 'POST', body: `FILE;request;office;v19\n${header}\nEND;0\n` }).then((r) => r.text());
  const batch = sim.requests.at(-1);
  assert.equal(batch.service, 'batch');
  assert.deepEqual(batch.body, { omitted: header.length });
  sim.reset();
  assert.equal(sim.requests.length, 0);
  // Settled transactions are left alone by the clock; a pending one is still captured at its run.
  const done = sim.systempay.createTransaction({ amount: 100 });
  sim.advance({ days: 1 });
  assert.equal(sim.systempay.getTransaction(done.uuid).detailedStatus, 'CAPTURED');
  const pending = sim.systempay.createTransaction({ amount: 100 });
  sim.advance({ days: 1 });
  assert.deepEqual([sim.systempay.getTransaction(done.uuid).detailedStatus, sim.systempay.getTransaction(pending.uuid).detailedStatus], ['CAPTURED', 'CAPTURED']);
});

test('sim.close() lets a request already received get its answer before cutting connections', async () => {
  // It destroyed every socket at once: a request whose body was on its way got nothing (a CI teardown's
  // ECONNRESET). Here the body's last bytes come after close() was called.
  const sim = createSimulator({ now: START });
  const base = await sim.listen(0);
  const { port } = new URL(base);
  const body = JSON.stringify({ uuid: '2'.repeat(32) });
  const socket = createConnection({ port, host: '127.0.0.1' });
  await new Promise((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (c) => (answer += c));
  const ended = new Promise((resolve) => socket.once('close', resolve));
  socket.write(`POST /api-payment/V4/Transaction/Get HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${systempayAuth(sim)}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closing = sim.close();
  socket.write(body.slice(5));
  await closing;
  await ended;
  assert.match(answer, /^HTTP\/1\.1 200 /);
  assert.match(answer, /PSP_010|"status":"ERROR"/, 'the gateway answered it (an unknown transaction)');
  // A connection that stays silent is cut after the grace period, and close() resolves.
  const sim2 = createSimulator({ now: START });
  const base2 = await sim2.listen(0);
  const idle = createConnection({ port: new URL(base2).port, host: '127.0.0.1' });
  await new Promise((resolve) => idle.once('connect', resolve));
  idle.write('POST /api-payment/V4/Transaction/Get HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n12');
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gone = new Promise((resolve) => idle.once('close', resolve));
  await sim2.close();
  await gone;
  // A connection that has sent nothing yet (a preconnect) is closed at once, not kept to the end of
  // the grace period; a second close() under way is the same wait (it resolved at once before).
  const sim3 = createSimulator({ now: START });
  const base3 = await sim3.listen(0);
  const pre = createConnection({ port: new URL(base3).port, host: '127.0.0.1' });
  await new Promise((resolve) => pre.once('connect', resolve));
  const preGone = new Promise((resolve) => pre.once('close', resolve));
  const first = sim3.close();
  assert.equal(sim3.close(), first);
  await first;
  await preGone;
  // Listening again right after is a new server of its own.
  const again = await sim3.listen(0);
  const res = await fetch(`${again}/api-payment/V4/Transaction/Get`, { method: 'POST', headers: { authorization: systempayAuth(sim3) }, body });
  assert.equal(res.status, 200);
  await res.text();
  await sim3.close();
});

// ---- a check of the simulator against the reference notes, twenty-fifth pass: rules remise enforces
// and the simulator did not (each test failed on the package before the fix)

test('systempay raw HTTP: a cardOptions.mid other than null is INT_902 on CancelOrRefund and Refund, nothing refunded or cancelled', async () => {
  // seeds/systempay-cancelorrefund.txt, mid: "This field cannot be used and must be null" (systempay.md
  // §2.1; §2.3 Refund has the same fields). The seed names no code: INT_902 is the simulator's choice.
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const captured = sim.systempay.createTransaction({ amount: 3000 });
  const authorised = sim.systempay.createTransaction({ amount: 2000, captureDelay: 3 });
  sim.advance({ days: 1 }); // the first is CAPTURED, the second still AUTHORISED
  const withMid = (mid) => ({ transactionOptions: { cardOptions: { mid } } });
  for (const [service, body] of [
    ['Transaction/CancelOrRefund', { uuid: captured.uuid, amount: 1000, currency: 'EUR', ...withMid('1234567') }],
    ['Transaction/Refund', { uuid: captured.uuid, amount: 1000, currency: 'EUR', ...withMid('1234567') }],
    ['Transaction/CancelOrRefund', { uuid: captured.uuid, ...withMid(1234567) }],
    ['Transaction/CancelOrRefund', { uuid: authorised.uuid, ...withMid('1234567') }],
  ]) {
    const answer = await post(service, body);
    assert.deepEqual([answer.status, answer.answer.errorCode], ['ERROR', 'INT_902'], `${service} ${JSON.stringify(body)}`);
    assert.match(answer.answer.detailedErrorMessage, /transactionOptions\.cardOptions\.mid/);
  }
  assert.equal(sim.systempay.transactions().filter((t) => t.operationType === 'CREDIT').length, 0);
  assert.equal(sim.systempay.getTransaction(captured.uuid).transactionDetails.cardDetails.captureResponse.refundAmount, null);
  assert.equal(sim.systempay.getTransaction(authorised.uuid).detailedStatus, 'AUTHORISED');
  // null, as remise writes it, is taken.
  const ok = await post('Transaction/CancelOrRefund', { uuid: captured.uuid, amount: 1000, currency: 'EUR', ...withMid(null) });
  assert.deepEqual([ok.status, ok.answer.operationType, ok.answer.amount], ['SUCCESS', 'CREDIT', 1000]);
});

test('systempay raw HTTP: an amount over 12 digits is INT_009 on Duplicate, CreatePayment, Update and Refund; 999 999 999 999 is taken', async () => {
  // README "Lengths": amount at most 999 999 999 999 minor units on every service (Lyra's field list),
  // remise's MAX_AMOUNT; the simulator took 1e12 and more. INT_009 is its code for an invalid amount.
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const captured = sim.systempay.createTransaction({ amount: 3000 });
  const pending = sim.systempay.createTransaction({ amount: 3000, captureDelay: 3 });
  sim.advance({ days: 1 });
  const count = () => sim.systempay.transactions().length;
  const before = count();
  for (const [service, body] of [
    ['Transaction/Duplicate', { uuid: captured.uuid, amount: 1e12, currency: 'EUR' }],
    ['Transaction/Duplicate', { uuid: captured.uuid, amount: '1000000000000', currency: 'EUR' }],
    ['Charge/CreatePayment', { amount: 1e12, currency: 'EUR', orderId: 'BIG-1' }],
    ['Charge/CreatePayment', { amount: '9999999999999', currency: 'EUR', orderId: 'BIG-2' }],
    ['Transaction/Update', { uuid: pending.uuid, cardUpdate: { amount: 1e12, currency: 'EUR' } }],
    ['Transaction/Refund', { uuid: captured.uuid, amount: 1e12, currency: 'EUR' }],
  ]) {
    const answer = await post(service, body);
    assert.deepEqual([answer.status, answer.answer.errorCode], ['ERROR', 'INT_009'], `${service} ${JSON.stringify(body)}`);
  }
  assert.equal(count(), before, 'no transaction created');
  assert.equal(sim.systempay.getTransaction(pending.uuid).amount, 3000);
  const post12 = await post('Charge/CreatePayment', { amount: 999_999_999_999, currency: 'EUR', orderId: 'BIG-3' });
  assert.equal(post12.status, 'SUCCESS');
  const dup = await post('Transaction/Duplicate', { uuid: captured.uuid, amount: 999_999_999_999, currency: 'EUR' });
  assert.deepEqual([dup.status, dup.answer.amount], ['SUCCESS', 999_999_999_999]);
});

test('systempay raw HTTP: an orderId not printable ASCII or over 64 characters is INT_902 on Order/Get, Duplicate, Update and CreatePayment, nothing changed', async () => {
  // systempay.md §2: orderId "Does not support UTF-8 characters" (Order/Get, Transaction/Update
  // playgrounds); 64 characters at most (README "Lengths", Lyra's field list). No code in the notes:
  // INT_902 is the simulator's choice.
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const captured = sim.systempay.createTransaction({ amount: 3000, orderId: 'ORDER-1' });
  const pending = sim.systempay.createTransaction({ amount: 3000, captureDelay: 3, orderId: 'ORDER-2' });
  sim.advance({ days: 1 });
  const before = sim.systempay.transactions().length;
  const refusals = [];
  for (const orderId of ['commande-é', 'ORDER\n1', 'O'.repeat(65), 'ロ'.repeat(10)]) {
    refusals.push(
      ['Order/Get', { orderId }],
      ['Transaction/Duplicate', { uuid: captured.uuid, amount: 100, currency: 'EUR', orderId }],
      ['Transaction/Update', { uuid: pending.uuid, orderId, cardUpdate: { amount: 2000, currency: 'EUR' } }],
      ['Charge/CreatePayment', { amount: 990, currency: 'EUR', orderId }],
    );
  }
  refusals.push(['Charge/CreatePayment', { amount: 990, currency: 'EUR', orderId: 42 }]);
  for (const [service, body] of refusals) {
    const answer = await post(service, body);
    assert.deepEqual([answer.status, answer.answer.errorCode], ['ERROR', 'INT_902'], `${service} ${JSON.stringify(body)}`);
    assert.match(answer.answer.detailedErrorMessage, /name=orderId/);
  }
  assert.equal(sim.systempay.transactions().length, before, 'no duplicate or payment created');
  // The Update lowered nothing either: its orderId is refused before any change.
  assert.deepEqual([sim.systempay.getTransaction(pending.uuid).amount, sim.systempay.getTransaction(pending.uuid).orderDetails.orderId], [3000, 'ORDER-2']);
  // 64 printable ASCII characters are taken.
  const long = `${'O'.repeat(60)} ~!#`;
  assert.equal(long.length, 64);
  assert.equal((await post('Order/Get', { orderId: long })).status, 'SUCCESS');
  const up = await post('Transaction/Update', { uuid: pending.uuid, orderId: long });
  assert.deepEqual([up.status, up.answer.orderDetails.orderId], ['SUCCESS', long]);
  // createTransaction seeds none that Order/Get could not look up.
  assert.match(thrown(() => sim.systempay.createTransaction({ amount: 100, orderId: 'commande-é' })).message, /printable ASCII/);
});

test('systempay raw HTTP: Transaction/Update\'s expectedCaptureDate must be a date-time: a date alone is INT_902, nothing changed', async () => {
  // systempay.md §2.4: cardUpdate.expectedCaptureDate is ISO 8601 (a date-time: remise refuses
  // '2026-12-01' as "not an ISO 8601 date-time"); the simulator read it as 00:00 that day.
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const tx = sim.systempay.createTransaction({ amount: 3000, captureDelay: 10 });
  const dates = () => sim.systempay.getTransaction(tx.uuid).transactionDetails.cardDetails.expectedCaptureDate;
  const was = dates();
  for (const date of ['2026-12-05', '2026-12', '2026', '2026-12-05T12']) {
    const answer = await post('Transaction/Update', { uuid: tx.uuid, cardUpdate: { amount: 2000, currency: 'EUR', expectedCaptureDate: date } });
    assert.deepEqual([answer.status, answer.answer.errorCode], ['ERROR', 'INT_902'], date);
    assert.match(answer.answer.detailedErrorMessage, /cardUpdate\.expectedCaptureDate/);
  }
  // The amount given beside it is not lowered (it was, before the date's refusal).
  assert.deepEqual([sim.systempay.getTransaction(tx.uuid).amount, dates()], [3000, was]);
  const ok = await post('Transaction/Update', { uuid: tx.uuid, cardUpdate: { expectedCaptureDate: '2026-12-05T12:00:00+01:00' } });
  assert.deepEqual([ok.status, ok.answer.transactionDetails.cardDetails.expectedCaptureDate], ['SUCCESS', '2026-12-05T11:00:00+00:00']);
});

/** Sends a Payline request written by remise, edited as a caller in another language might send it; its result code. */
async function paylineSent(sim, op, params, edit = (b) => b) {
  const req = payline.request(op, params, sim.payline.credentials);
  const body = edit(req.body);
  const res = await sim.fetch(req.url, { method: 'POST', headers: req.headers, body });
  assert.equal(res.status, 200);
  return /<(?:\w+:)?code>(\d{5})<\/(?:\w+:)?code>/.exec(await res.text())?.[1];
}
/** An edit that must change the body: the text `from` is there once. */
const swap = (from, to) => (b) => {
  assert.equal(b.split(from).length, 2, `${from} once in the request`);
  return b.replace(from, to);
};
const PRIVATE = (n) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
const ONE_MORE = swap('<impl:privateDataList>', '<impl:privateDataList><obj:privateData><obj:key>kx</obj:key><obj:value>vx</obj:value></obj:privateData>');

test('payline doReAuthorization: media (six values, case-sensitive), at most 99 privateData, action 100 or 101, version N2; nothing stored on a refusal', async () => {
  // payline.md §3.1 and the doReAuthorization seed: media one of Computer, Mobile, Tablet, TV, Console,
  // Undefined (refused: 02308 "invalid value for <field>", §5 3p, UNCERTAIN); §4: 02514 "Private data
  // number is limited to 99" (3p); §3.1: a re-authorization is sent with 100 or 101 (02321 "invalid value
  // for payment action", §5 3p); §2, §3.1: version N2 (02305, UNCERTAIN), left out = version 4 (§2).
  const sim = createSimulator({ now: START });
  const original = sim.payline.createTransaction({ amount: 1000, orderRef: 'ORD-R', date: '2026-11-20T09:00:00Z' });
  let n = 0;
  const reauth = (extra = {}, payment = {}) => ({
    transactionID: original.id,
    payment: { amount: 1000, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567', ...payment },
    order: { ref: `ORD-R-${++n}`, amount: 1000, currency: 'EUR', date: '2026-11-30T10:00' },
    ...extra,
  });
  const reauths = () => sim.payline.transactions().filter((t) => t.kind === 'REAUTHOR').length;
  const send = (params, edit) => paylineSent(sim, 'doReAuthorization', params, edit);
  for (const media of ['computer', 'COMPUTER', 'Phone', 'Computer ']) {
    assert.equal(await send(reauth({ media: 'Computer' }), swap('<impl:media>Computer</impl:media>', `<impl:media>${media}</impl:media>`)), '02308', media);
  }
  assert.equal(await send(reauth({ privateDataList: PRIVATE(99) }), ONE_MORE), '02514');
  for (const action of ['108', '110', '201', '202', '421', '422', '204']) {
    assert.equal(await send(reauth({}, { action: 100 }), swap('<obj:action>100</obj:action>', `<obj:action>${action}</obj:action>`)), '02321', action);
  }
  for (const version of ['100', '', '0', 'V4', '3a']) {
    assert.equal(await send(reauth(), swap('<impl:version>34</impl:version>', `<impl:version>${version}</impl:version>`)), '02305', `version '${version}'`);
  }
  assert.equal(reauths(), 0, 'nothing stored');
  // What the rules take: each media, 99 privateData, 100 and 101, version 1–99 or left out.
  for (const media of ['Computer', 'Mobile', 'Tablet', 'TV', 'Console', 'Undefined']) assert.equal(await send(reauth({ media })), '00000', media);
  assert.equal(await send(reauth({ privateDataList: PRIVATE(99) })), '00000');
  assert.equal(await send(reauth({}, { action: 101 })), '00000');
  assert.equal(await send(reauth(), swap('<impl:version>34</impl:version>', '<impl:version>4</impl:version>')), '00000');
  assert.equal(await send(reauth(), swap('<impl:version>34</impl:version>', '')), '00000');
  assert.equal(reauths(), 10);
});

test('payline: media, privateData and version are checked on every operation, and each operation takes its own payment action', async () => {
  // The same fields on every DirectPaymentAPI request (payline.md §3, WSDL 4.77), version on
  // getTransactionDetails too (§3.9); the action table's row of each operation (§4: 201 capture, 421
  // refund, 422 credit, 204 debit; remise sends these). Nothing changes on a refusal.
  const sim = createSimulator({ now: START });
  const auth = sim.payline.createTransaction({ amount: 1000 });
  const paid = sim.payline.createTransaction({ amount: 1000, action: 101, date: '2026-11-28T09:00:00Z' }); // remitted
  const count = () => sim.payline.transactions().length;
  const before = count();
  const pay = (action, amount = 1000) => ({ amount, currency: 'EUR', action, mode: 'CPT' });
  const order = (ref) => ({ ref, amount: 1000, currency: 'EUR', date: '2026-11-30T10:00' });
  const capture = (extra = {}) => ({ transactionID: auth.id, payment: pay(201), ...extra });
  const refund = (extra = {}) => ({ transactionID: paid.id, payment: pay(421, 100), ...extra });
  const credit = (extra = {}) => ({ payment: { ...pay(422), contractNumber: '1234567' }, card: CARD, order: order('CR-1'), ...extra });
  const media = (to) => swap('<impl:media>Computer</impl:media>', `<impl:media>${to}</impl:media>`);
  const action = (from, to) => swap(`<obj:action>${from}</obj:action>`, `<obj:action>${to}</obj:action>`);
  const version = swap('<impl:version>34</impl:version>', '<impl:version>100</impl:version>');
  for (const [op, params, edit, code] of [
    ['doCapture', capture({ media: 'Computer' }), media('Mobile phone'), '02308'],
    ['doCapture', capture({ privateDataList: PRIVATE(99) }), ONE_MORE, '02514'],
    ['doCapture', capture(), action(201, 421), '02321'],
    ['doCapture', capture(), action(201, 101), '02321'],
    ['doCapture', capture(), version, '02305'],
    ['doRefund', refund({ media: 'Computer' }), media('tv'), '02308'],
    ['doRefund', refund({ privateDataList: PRIVATE(99) }), ONE_MORE, '02514'],
    ['doRefund', refund(), action(421, 201), '02321'],
    ['doReset', { transactionID: auth.id, media: 'Computer' }, media('Console '), '02308'],
    ['doReset', { transactionID: auth.id, privateDataList: PRIVATE(99) }, ONE_MORE, '02514'],
    ['doCredit', credit(), action(422, 421), '02321'],
    ['doAuthorization', { payment: { ...pay(100), contractNumber: '1234567' }, card: CARD, order: order('AU-1'), media: 'Computer' }, media('Web'), '02308'],
    ['doAuthorization', { payment: { ...pay(100), contractNumber: '1234567' }, card: CARD, order: order('AU-1') }, action(100, 201), '02321'],
    ['doAuthorization', { payment: { ...pay(100), contractNumber: '1234567' }, card: CARD, order: order('AU-1') }, version, '02305'],
    ['doDebit', { payment: { ...pay(204), contractNumber: '1234567' }, card: CARD, order: order('DB-1'), authorization: { number: 'A1', date: '2026-11-30T10:00:00+01:00' } }, action(204, 101), '02321'],
    ['getTransactionDetails', { transactionId: auth.id }, version, '02305'],
  ]) {
    assert.equal(await paylineSent(sim, op, params, edit), code, `${op} → ${code}`);
  }
  assert.equal(count(), before, 'nothing stored');
  assert.deepEqual([sim.payline.getTransaction(auth.id).status, sim.payline.getTransaction(paid.id).refunded], ['AUTHORIZED', 0]);
  // The same requests as remise writes them are taken.
  assert.equal(await paylineSent(sim, 'doCapture', capture({ media: 'Computer', privateDataList: PRIVATE(99) })), '00000');
  assert.equal(await paylineSent(sim, 'doRefund', refund({ media: 'TV' })), '00000');
  // An empty media is none (a PHP SoapClient's way of leaving it out, payline.md §1).
  assert.equal(await paylineSent(sim, 'doCredit', credit({ media: 'Computer' }), media('')), '00000');
  assert.equal(await paylineSent(sim, 'getTransactionDetails', { transactionId: auth.id }), '00000');
});

test('payline and sogenactif createTransaction take every ISO 4217 code remise knows, by letters (KWD, TND, XOF…) or number', () => {
  // They knew 11 and 7 letter codes and told 'KWD' to "give the ISO numeric code". Each row of remise's
  // table (money.currencies(), src/money/iso.rs) is stored as its 3-digit number.
  const sim = createSimulator({ now: START });
  const rows = money.currencies();
  assert.ok(rows.length > 150);
  rows.forEach(({ code, numeric }, i) => {
    const number = String(numeric).padStart(3, '0');
    assert.equal(sim.payline.createTransaction({ amount: 100, currency: code }).currency, number, code);
    assert.equal(sim.sogenactif.createTransaction({ transactionReference: `CUR${i}`, amount: 100, currency: code }).currencyCode, number, code);
  });
  assert.equal(sim.payline.createTransaction({ amount: 100, currency: 'KWD' }).currency, '414');
  assert.equal(sim.payline.createTransaction({ amount: 100, currency: '414' }).currency, '414');
  // The kuna and the lev, withdrawn, are still in remise's Sips table (an old transaction may be
  // cancelled or refunded in them): the Sips simulator takes them by their letters as
  // sogenactif.OfficeClient sends them (a helper's differential, twenty-fifth pass); Payline's does not.
  for (const code of ['HRK', 'BGN']) {
    const number = String(money.currency(code, 'sogenactif').numeric);
    assert.equal(sim.sogenactif.createTransaction({ transactionReference: `OLD${code}`, amount: 100, currency: code }).currencyCode, number, code);
  }
  const count = [sim.payline.transactions().length, sim.sogenactif.transactions().length];
  for (const bad of ['XYZ', 'kwd', 'HRK', 'toString', '__proto__', 'EURO']) {
    assert.match(thrown(() => sim.payline.createTransaction({ amount: 100, currency: bad })).message, /give an ISO 4217 code/, String(bad));
    if (bad !== 'HRK') assert.match(thrown(() => sim.sogenactif.createTransaction({ transactionReference: 'BAD1', amount: 100, currency: bad })).message, /give an ISO 4217 code/, String(bad));
  }
  assert.deepEqual([sim.payline.transactions().length, sim.sogenactif.transactions().length], count);
});

// ---- a helper's attack on the simulator's fidelity, twenty-seventh pass --------------------------

test('payline: a card given by its token is taken (it was 02305 "Card Number : Bad format"); none of number, token or encryptedData is 02538', async () => {
  // payline.md §3.2: card has number?, token?, encryptedData?; §5: 02538 "fill either card.number or card.token".
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const order = { ref: 'TOK-1', amount: 1000, currency: 'EUR', date: '2026-11-30T10:00' };
  const byToken = await pl.doAuthorization({ payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' }, card: { token: '1111aaaa2222bbbb', type: 'CB', expirationDate: '1230' }, order });
  assert.equal(byToken.result.code, '00000');
  assert.equal(byToken.card.token, '1111aaaa2222bbbb');
  assert.equal(byToken.card.number, undefined);
  // A raw request without any of the three (remise refuses it before sending).
  const soap = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:impl="http://impl.ws.payline.experian.com" xmlns:obj="http://obj.ws.payline.experian.com"><soapenv:Body><impl:doAuthorizationRequest><impl:version>34</impl:version><impl:payment><obj:amount>1000</obj:amount><obj:currency>978</obj:currency><obj:action>101</obj:action><obj:mode>CPT</obj:mode><obj:contractNumber>1234567</obj:contractNumber></impl:payment><impl:card><obj:type>CB</obj:type><obj:expirationDate>1230</obj:expirationDate></impl:card><impl:order><obj:ref>TOK-2</obj:ref><obj:amount>1000</obj:amount><obj:currency>978</obj:currency><obj:date>30/11/2026 10:00</obj:date></impl:order></impl:doAuthorizationRequest></soapenv:Body></soapenv:Envelope>`;
  const { merchantId, accessKey } = sim.payline.credentials;
  const res = await sim.fetch('https://homologation.payline.com/V4/services/DirectPaymentAPI', { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'doAuthorization', authorization: `Basic ${Buffer.from(`${merchantId}:${accessKey}`).toString('base64')}` }, body: soap });
  assert.match(await res.text(), /<obj:code>02538<\/obj:code>|<code>02538<\/code>|02538/);
});

test('payline: doCapture of a re-authorization captured at once (action 101) is 02110, as of an authorization captured at once', async () => {
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const original = sim.payline.createTransaction({ amount: 1000, date: '2026-11-20T10:00:00Z' });
  const re = await pl.doReAuthorization({ transactionID: original.id, payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' }, order: { ref: 'R-101', amount: 1000, currency: 'EUR', date: '2026-11-30T10:00' } });
  const capture = await rejected(pl.doCapture({ transactionID: re.transaction.id, payment: { amount: 1000, currency: 'EUR', action: 201, mode: 'CPT' } }));
  assert.equal(capture.gatewayCode, '02110');
});

test('sogenactif office: acceptChallenge of a VALIDATION-mode transaction waits for validate; s10 answers name their transaction; an unknown merchant is answered unsealed', async () => {
  const sim = createSimulator({ now: START });
  const client = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, environment: 'production', fetch: sim.fetch });
  // "Once the challenge is validated, the transaction retakes its normal course" (sogenactif.md §3).
  sim.sogenactif.createTransaction({ transactionReference: 'CHAL1', amount: 1000, status: 'TO_CHALLENGE', captureMode: 'VALIDATION', captureDay: 5 });
  assert.equal((await client.acceptChallenge({ transactionReference: 'CHAL1' })).newStatus, 'TO_VALIDATE');
  assert.equal((await client.validate({ transactionReference: 'CHAL1', operationAmount: 1000, currencyCode: 'EUR' })).newStatus, 'TO_CAPTURE');
  sim.sogenactif.createTransaction({ transactionReference: 'CHAL2', amount: 1000, status: 'TO_CHALLENGE' });
  assert.equal((await client.acceptChallenge({ transactionReference: 'CHAL2' })).newStatus, 'TO_CAPTURE');
  // An s10 order at 23:30 in Paris: the answer names the date the server applied, which a later call needs.
  const late = createSimulator({ now: '2026-11-30T22:30:00Z' });
  const s10 = await sips(late, 'checkout/cardOrder', { interfaceVersion: 'IR_WS_2.58', s10TransactionReference: { s10TransactionId: '123' }, amount: 1000, currencyCode: '978', cardNumber: '4970100000325734', cardExpiryDate: '203012', orderChannel: 'MOTO' });
  assert.deepEqual([s10.responseCode, s10.s10TransactionReference, s10.transactionReference], ['00', { s10TransactionId: '000123', s10TransactionIdDate: '20261130' }, undefined]);
  const data = await sips(late, 'diagnostic/getTransactionData', { interfaceVersion: 'DR_WS_2.58', s10TransactionReference: { s10TransactionId: '000123' } });
  assert.deepEqual(data.s10TransactionReference, { s10TransactionId: '000123', s10TransactionIdDate: '20261130' });
  // The platform cannot seal for a merchant it does not know: in production remise reads that as SIGNATURE_INVALID.
  const stranger = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, merchantId: '011223344550000', environment: 'production', fetch: sim.fetch });
  assert.equal((await rejected(stranger.cancel({ transactionReference: 'CHAL2', operationAmount: 1, currencyCode: 'EUR' }))).code, 'SIGNATURE_INVALID');
});

test('systempay raw HTTP: Charge/CreatePayment with a customer.email that is no address is INT_015, the errors-reference example; a valid one is taken', async () => {
  const sim = createSimulator({ now: START });
  const post = systempayPoster(sim);
  const bad = await post('Charge/CreatePayment', { amount: 990, currency: 'EUR', orderId: 'ORD-E1', customer: { email: 'fake-email' } });
  assert.deepEqual([bad.status, bad.answer.errorCode, bad.answer.detailedErrorMessage], ['ERROR', 'INT_015', 'Invalid input value [name=customer.email, value=fake-email]']);
  assert.equal(sim.systempay.transactions().length, 0, 'nothing created');
  const ok = await post('Charge/CreatePayment', { amount: 990, currency: 'EUR', orderId: 'ORD-E2', customer: { email: 'sample@example.com' } });
  assert.equal(ok.status, 'SUCCESS');
});

test('payline: a doReset is listed among the transaction\'s operations (RESET, OK) beside the capture it undid; systempay: a payment cancelled while it waited shows no authorisation', async () => {
  // A review of the twenty-seventh pass: with every entry OK and no reset listed, a reset capture read as standing.
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const { id } = sim.payline.createTransaction({ amount: 1000, action: 100 });
  await pl.doCapture({ transactionID: id, payment: { amount: 1000, currency: 'EUR', action: 201, mode: 'CPT' } });
  assert.equal((await pl.doReset({ transactionID: id })).result.code, '00000');
  const history = await pl.getTransactionDetails({ transactionId: id, transactionHistory: 'Y' });
  assert.deepEqual(history.associatedTransactionsList.map((t) => [t.type, t.status, t.amount]), [['CAPTURE', 'OK', '1000'], ['RESET', 'OK', '1000']]);
  // Systempay: asked the day before its capture, never when cancelled before (it showed a result '0' and a
  // date nine days ahead).
  const sp = new systempay.Client({ ...sim.systempay.credentials, fetch: sim.fetch });
  const waiting = sim.systempay.createTransaction({ amount: 3000, captureDelay: 10 });
  await sp.cancel({ uuid: waiting.uuid });
  sim.advance({ days: 12 });
  const shown = sim.systempay.getTransaction(waiting.uuid).transactionDetails.cardDetails.authorizationResponse;
  assert.deepEqual([shown.authorizationResult, shown.authorizationNumber, shown.authorizationDate], [null, null, null]);
});

test('payline: a doReset row is never remitted; an orderRef two payments share is 02311, not the first one found', async () => {
  // A review of the twenty-seventh pass: the RESET row was VALIDATED, then REMITTED at midnight (money that
  // never moved), and a re-authorization sent with the original's order.ref was hidden behind the original.
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const { id } = sim.payline.createTransaction({ amount: 1000, action: 100, orderRef: 'SHARED-1' });
  await pl.doReset({ transactionID: id });
  sim.advance({ days: 2 });
  assert.deepEqual(sim.payline.transactions().filter((t) => t.kind === 'RESET').map((t) => t.status), ['RESET']);
  const other = sim.payline.createTransaction({ amount: 500, action: 100, orderRef: 'SHARED-2', date: '2026-11-20T10:00:00Z' });
  const re = await pl.doReAuthorization({ transactionID: other.id, payment: { amount: 500, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' }, order: { ref: 'SHARED-2', amount: 500, currency: 'EUR', date: '2026-12-02T10:00' } });
  assert.equal(re.result.code, '00000');
  assert.equal((await rejected(pl.getTransactionDetails({ orderRef: 'SHARED-2' }))).gatewayCode, '02311');
  // A reference of its own finds it.
  const own = await pl.doReAuthorization({ transactionID: other.id, payment: { amount: 500, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' }, order: { ref: 'SHARED-2-R2', amount: 500, currency: 'EUR', date: '2026-12-02T10:00' } });
  assert.equal((await pl.getTransactionDetails({ orderRef: 'SHARED-2-R2' })).transaction.id, own.transaction.id);
});

test('payline raw SOAP: a comment over AN255 or a sequenceNumber over AN50 is 02305, as remise refuses them before sending', async () => {
  const sim = createSimulator({ now: START });
  const { id } = sim.payline.createTransaction({ amount: 1000, action: 101, date: '2026-11-20T10:00:00Z' });
  const { merchantId, accessKey } = sim.payline.credentials;
  const refund = (extra) => `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:impl="http://impl.ws.payline.experian.com" xmlns:obj="http://obj.ws.payline.experian.com"><soapenv:Body><impl:doRefundRequest><impl:version>34</impl:version><impl:transactionID>${id}</impl:transactionID><impl:payment><obj:amount>100</obj:amount><obj:currency>978</obj:currency><obj:action>421</obj:action><obj:mode>CPT</obj:mode></impl:payment>${extra}</impl:doRefundRequest></soapenv:Body></soapenv:Envelope>`;
  const code = async (extra) => {
    const res = await sim.fetch('https://homologation.payline.com/V4/services/DirectPaymentAPI', { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'doRefund', authorization: `Basic ${Buffer.from(`${merchantId}:${accessKey}`).toString('base64')}` }, body: refund(extra) });
    const text = await res.text();
    return [/<(?:\w+:)?code>(\d{5})</.exec(text)?.[1], /<(?:\w+:)?longMessage>([^<]*)</.exec(text)?.[1]];
  };
  assert.deepEqual(await code(`<impl:comment>${'c'.repeat(256)}</impl:comment>`), ['02305', 'Invalid field format : Comment : Max length 255 characters']);
  assert.deepEqual(await code(`<impl:sequenceNumber>${'9'.repeat(51)}</impl:sequenceNumber>`), ['02305', 'Invalid field format : Sequence Number : Max length 50 characters']);
  // At the bounds the refund is taken (a captured payment remitted days ago).
  assert.equal((await code(`<impl:comment>${'c'.repeat(255)}</impl:comment><impl:sequenceNumber>${'9'.repeat(50)}</impl:sequenceNumber>`))[0], '00000');
});

// Payline's duplicate check as Monext documents it (https://docs.payline.com/display/DT/Duplicate+check):
// doAuthorization, doCapture and doRefund compare Paris day D and D-1, the order reference, the amount and
// the sequenceNumber of accepted transactions; nothing beyond D-1. The simulator keyed it on the order
// reference alone within 24 hours (a helper's reading of the page, twenty-eighth pass).
test('payline: the duplicate check compares day D and D-1, the amount and the sequenceNumber (doAuthorization, doCapture, doRefund)', async () => {
  const sim = createSimulator({ now: START }); // Monday 10:00 in Paris
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const pay = (amount, action) => ({ amount, currency: 'EUR', action, mode: 'CPT', contractNumber: '1234567' });
  const authorize = (ref, amount) => pl.doAuthorization({ payment: pay(amount, 101), card: CARD, order: { ref, amount, currency: 'EUR', date: '2026-11-30T10:00:00+01:00' } });
  const first = await authorize('ORD-D1', 3000);
  // Another amount for the same order is another transaction; the same amount is a duplicate, outcome unknown.
  assert.equal((await authorize('ORD-D1', 3200)).result.code, '00000');
  const dup = await rejected(authorize('ORD-D1', 3000));
  assert.equal(dup.gatewayCode, '02001');
  assert.equal(dup.outcome, 'unknown');
  // 30 hours later (Tuesday 16:00, day D-1 of the first): still a duplicate, though over 24 hours.
  sim.advance({ hours: 30 });
  assert.equal((await rejected(authorize('ORD-D1', 3000))).gatewayCode, '02001');
  // Wednesday 00:30: Monday is D-2, beyond what Payline checks.
  sim.advance({ hours: 8, minutes: 30 });
  const third = await authorize('ORD-D1', 3000);
  assert.equal(third.result.code, '00000');
  // One reset since does not count (the page checks ACCEPTED transactions): the same authorization again is taken.
  assert.equal((await pl.doReset({ transactionID: third.transaction.id })).result.code, '00000');
  assert.equal((await authorize('ORD-D1', 3000)).result.code, '00000');

  // Refunds of the first (captured at once, remitted since): two equal partial refunds the same day, the
  // second without a new sequenceNumber, are one refund and a duplicate (Monext's sequenceNumber page: "si
  // vous remboursez deux fois 5€, la banque considérera le deuxième remboursement comme doublon").
  const id = first.transaction.id;
  const refund = (amount, sequenceNumber) => pl.doRefund({ transactionID: id, payment: pay(amount, 421), ...(sequenceNumber ? { sequenceNumber } : {}) });
  assert.equal((await refund(500)).result.code, '00000');
  const again = await rejected(refund(500));
  assert.equal(again.gatewayCode, '02001');
  assert.equal(again.outcome, 'unknown');
  assert.equal(sim.payline.getTransaction(id).refunded, 500);
  // A new sequenceNumber lets the same refund through; another amount is another refund.
  assert.equal((await refund(500, 'r-2')).result.code, '00000');
  assert.equal((await refund(100)).result.code, '00000');
  // The same sequenceNumber with another amount is not the same refund (the page compares the amount too).
  assert.equal((await refund(50, 'r-2')).result.code, '00000');
  assert.equal(sim.payline.getTransaction(id).refunded, 1150);
  // Two days later the check no longer sees them: the same refund again is taken.
  sim.advance({ days: 2 });
  assert.equal((await refund(500)).result.code, '00000');
  assert.equal(sim.payline.getTransaction(id).refunded, 1650);
  // An operation reset since does not count (the page checks ACCEPTED transactions): a refund reset, then
  // sent again the same day, is taken.
  const undone = await refund(200);
  assert.equal((await pl.doReset({ transactionID: undone.transaction.id })).result.code, '00000');
  assert.equal((await refund(200)).result.code, '00000');
  assert.equal(sim.payline.getTransaction(id).refunded, 1850);

  // doCapture: the same capture again (same amount, no sequenceNumber) is 02001 before "already captured".
  const auth = await pl.doAuthorization({ payment: pay(800, 100), card: CARD, order: { ref: 'ORD-C1', amount: 800, currency: 'EUR', date: '2026-12-04T10:00:00+01:00' } });
  const capture = (amount) => pl.doCapture({ transactionID: auth.transaction.id, payment: pay(amount, 201) });
  assert.equal((await capture(800)).result.code, '00000');
  assert.equal((await rejected(capture(800))).gatewayCode, '02001');
  assert.equal((await rejected(capture(700))).gatewayCode, '02617');
  assert.equal(sim.payline.transactions().filter((t) => t.kind === 'CAPTURE').length, 1);
  // After the authorization's reset, the same capture is refused for what it is (02302), not a duplicate.
  assert.equal((await pl.doReset({ transactionID: auth.transaction.id })).result.code, '00000');
  const afterReset = await rejected(capture(800));
  assert.equal(afterReset.gatewayCode, '02302');
  // Resets of two refunds of other amounts may share a sequenceNumber; the same reset again is 02001.
  const r300 = await refund(300, 'r-a');
  const r400 = await refund(400, 'r-b');
  const reset = (r) => pl.doReset({ transactionID: r.transaction.id, sequenceNumber: 'z' });
  assert.equal((await reset(r300)).result.code, '00000');
  assert.equal((await reset(r400)).result.code, '00000');
  assert.equal((await rejected(reset(r300))).gatewayCode, '02001');
  assert.equal(sim.payline.getTransaction(id).refunded, 1850);
});

test('payline raw SOAP: doReAuthorization without order and doDebit without authorization.date are 02305, as the WSDL requires them and remise does', async () => {
  const sim = createSimulator({ now: START });
  const { id } = sim.payline.createTransaction({ amount: 1000, date: '2026-11-20T10:00:00Z' });
  const { merchantId, accessKey } = sim.payline.credentials;
  const NS = 'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:impl="http://impl.ws.payline.experian.com" xmlns:obj="http://obj.ws.payline.experian.com"';
  const payment = (amount, action) => `<impl:payment><obj:amount>${amount}</obj:amount><obj:currency>978</obj:currency><obj:action>${action}</obj:action><obj:mode>CPT</obj:mode><obj:contractNumber>1234567</obj:contractNumber></impl:payment>`;
  const order = (ref) => `<impl:order><obj:ref>${ref}</obj:ref><obj:amount>1000</obj:amount><obj:currency>978</obj:currency><obj:date>01/12/2026 10:00</obj:date></impl:order>`;
  const send = async (op, inner) => {
    const body = `<?xml version="1.0"?><soapenv:Envelope ${NS}><soapenv:Body><impl:${op}Request><impl:version>34</impl:version>${inner}</impl:${op}Request></soapenv:Body></soapenv:Envelope>`;
    const res = await sim.fetch('https://homologation.payline.com/V4/services/DirectPaymentAPI', { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: op, authorization: `Basic ${Buffer.from(`${merchantId}:${accessKey}`).toString('base64')}` }, body });
    const text = await res.text();
    return [/<(?:\w+:)?code>(\d{5})</.exec(text)?.[1], /<(?:\w+:)?longMessage>([^<]*)</.exec(text)?.[1]];
  };
  const reauth = (withOrder) => send('doReAuthorization', `<impl:transactionID>${id}</impl:transactionID>${payment(1000, 100)}${withOrder ? order('ORD-RE-2') : ''}`);
  assert.deepEqual(await reauth(false), ['02305', 'Invalid field format : Order : is mandatory']);
  assert.equal(sim.payline.transactions().length, 1);
  assert.equal((await reauth(true))[0], '00000');
  const card = '<impl:card><obj:number>4970100000325734</obj:number><obj:type>CB</obj:type><obj:expirationDate>1230</obj:expirationDate></impl:card>';
  const debit = (authorization) => send('doDebit', `${payment(700, 204)}${card}${order('ORD-DB-1')}<impl:authorization>${authorization}</impl:authorization>`);
  assert.deepEqual(await debit('<obj:number>A1</obj:number>'), ['02305', 'Invalid field format : authorizationDate is missing or empty : null']);
  assert.deepEqual(await debit('<obj:number>A1</obj:number><obj:date>2026-12-01</obj:date>'), ['02305', 'Invalid field format : Authorization Date : Must be in format dd/mm/yyyy HH24:MI']);
  assert.equal((await debit('<obj:number>A1</obj:number><obj:date>01/12/2026 09:00</obj:date>'))[0], '00000');
  // remise itself refuses both before sending.
  assert.equal(thrown(() => payline.request('doReAuthorization', { transactionID: id, payment: { amount: 1000, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' } }, sim.payline.credentials)).code, 'VALIDATION');
  assert.equal(thrown(() => payline.request('doDebit', { payment: { amount: 700, currency: 'EUR', action: 204, mode: 'CPT', contractNumber: '1234567' }, card: CARD, order: { ref: 'ORD-DB-2', amount: 700, currency: 'EUR', date: '2026-12-01T10:00' }, authorization: { number: 'A1' } }, sim.payline.credentials)).code, 'VALIDATION');
});

test('systempay raw: Transaction/Update with cardUpdate.amount and no currency is INT_902, as the playground marks currency required and remise does', async () => {
  const sim = createSimulator({ now: START });
  const tx = sim.systempay.createTransaction({ amount: 3000, manualValidation: true });
  const post = systempayPoster(sim);
  const answer = await post('Transaction/Update', { uuid: tx.uuid, cardUpdate: { amount: 2000 } });
  assert.equal(answer.status, 'ERROR');
  assert.equal(answer.answer.errorCode, 'INT_902');
  assert.equal(sim.systempay.getTransaction(tx.uuid).amount, 3000);
  assert.equal((await post('Transaction/Update', { uuid: tx.uuid, cardUpdate: { amount: 2000, currency: 'EUR' } })).status, 'SUCCESS');
  assert.equal(sim.systempay.getTransaction(tx.uuid).amount, 2000);
  assert.equal(thrown(() => systempay.request('Transaction/Update', { uuid: tx.uuid, cardUpdate: { amount: 2000 } }, sim.systempay.credentials)).code, 'VALIDATION');
});

// A helper's model-based attack on the simulator (twenty-eighth pass): three disagreements with README.
test('systempay: a captureDelay counts calendar days in Paris across a daylight-saving change (not 24-hour blocks)', async () => {
  const paris = (iso) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' });
  // [paid at, the capture date one calendar day later, the 00:05 run after it] in Paris.
  for (const [now, expected, captured] of [
    ['2026-10-24T22:30:00Z', '2026-10-26 00:30:00', '2026-10-27 00:05:00'], // Sun 25 Oct 00:30, a 25-hour day
    ['2027-03-27T22:30:00Z', '2027-03-28 23:30:00', '2027-03-29 00:05:00'], // Sat 27 Mar 23:30, before a 23-hour day
  ]) {
    const sim = createSimulator({ now });
    const t = sim.systempay.createTransaction({ amount: 1000, captureDelay: 1 });
    sim.advance({ days: 4 });
    const card = sim.systempay.getTransaction(t.uuid).transactionDetails.cardDetails;
    assert.equal(paris(card.expectedCaptureDate), expected);
    assert.equal(paris(card.captureResponse.captureDate), captured);
  }
  // A delay of 0 in the first 02:30 of October's repeated hour: the creation instant itself (read back
  // through the wall clock it became the second 02:30, an hour later: the review of the pass).
  const fold = createSimulator({ now: '2026-10-25T00:30:00Z' });
  const now = fold.systempay.createTransaction({ amount: 1000, captureDelay: 0 }).transactionDetails;
  assert.equal(Date.parse(now.cardDetails.expectedCaptureDate), Date.parse('2026-10-25T00:30:00Z'));
  // The authorisation lapses 7 calendar days after it was asked, as a delay of 7 counts: a payment to validate
  // with that delay, made a week before October's change, can still be validated on its capture day.
  const week = createSimulator({ now: '2026-10-18T10:00:00Z' }); // 12:00 in Paris
  const sp = new systempay.Client({ ...week.systempay.credentials, fetch: week.fetch });
  const tx = week.systempay.createTransaction({ amount: 1000, captureDelay: 7, manualValidation: true });
  assert.equal(paris(tx.transactionDetails.cardDetails.expectedCaptureDate), '2026-10-25 12:00:00');
  week.advance({ hours: 7 * 24 + 0.5 }); // 11:30 on 25 Oct in Paris
  assert.equal(week.systempay.getTransaction(tx.uuid).detailedStatus, 'AUTHORISED_TO_VALIDATE');
  assert.equal((await sp.call('Transaction/Validate', { uuid: tx.uuid })).detailedStatus, 'AUTHORISED');
});

test('sogenactif: a challenge accepted after its capture day is captured, or expires unvalidated, at the next midnight run', async () => {
  const sim = createSimulator({ now: '2026-11-30T10:00:00' }); // Paris
  const office = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: sim.fetch });
  sim.sogenactif.createTransaction({ transactionReference: 'CH1', amount: 1000, status: 'TO_CHALLENGE', captureDay: 0 });
  sim.sogenactif.createTransaction({ transactionReference: 'CH2', amount: 1000, status: 'TO_CHALLENGE', captureDay: 0, captureMode: 'VALIDATION' });
  sim.advance({ days: 2 }); // past both capture days
  assert.equal((await office.acceptChallenge({ transactionReference: 'CH1' })).newStatus, 'TO_CAPTURE');
  assert.equal((await office.acceptChallenge({ transactionReference: 'CH2' })).newStatus, 'TO_VALIDATE');
  sim.advance({ minutes: 1 });
  const status = async (ref) => (await office.getTransactionData({ transactionReference: ref })).transactionStatus;
  // A minute later: still waiting (it was captured, and expired before it could be validated).
  assert.deepEqual([await status('CH1'), await status('CH2')], ['TO_CAPTURE', 'TO_VALIDATE']);
  assert.equal((await office.validate({ transactionReference: 'CH2', operationAmount: 1000, currencyCode: 'EUR' })).newStatus, 'TO_CAPTURE');
  sim.advance({ hours: 14 }); // past midnight
  assert.deepEqual([await status('CH1'), await status('CH2')], ['CAPTURED', 'CAPTURED']);
});

test('payline: a payment reset before its remittance shows nothing captured (a doCapture or an action 101)', async () => {
  const sim = createSimulator({ now: START });
  const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
  const later = sim.payline.createTransaction({ amount: 1000, action: 100 });
  await pl.doCapture({ transactionID: later.id, payment: { amount: 1000, currency: 'EUR', action: 201, mode: 'CPT' } });
  const atOnce = sim.payline.createTransaction({ amount: 700, action: 101 });
  for (const { id } of [later, atOnce]) {
    assert.equal((await pl.doReset({ transactionID: id })).result.code, '00000');
  }
  sim.advance({ days: 2 });
  for (const { id } of [later, atOnce]) {
    const { status, captured, refunded } = sim.payline.getTransaction(id);
    assert.deepEqual({ status, captured, refunded }, { status: 'RESET', captured: 0, refunded: 0 });
  }
});

test('sim.listen() works where dynamic import() is refused, as in CommonJS Jest\'s sandbox (Node\'s builtin loader first)', async () => {
  // The CommonJS simulator run the way Jest runs a module: a vm.Script with no dynamic-import callback.
  // listen() failed there: "A dynamic import callback was invoked without --experimental-vm-modules"
  // (a helper's attack with test frameworks, twenty-eighth pass).
  const vm = await import('node:vm');
  const { readFileSync } = await import('node:fs');
  const file = require.resolve('remise/simulator');
  const wrapped = new vm.Script(`(function (module, exports, require) {${readFileSync(file, 'utf8')}\n})`, { filename: file });
  const module = { exports: {} };
  wrapped.runInThisContext()(module, module.exports, require);
  const sim = module.exports.createSimulator({ now: START });
  const url = await sim.listen();
  try {
    const sp = new systempay.Client({ ...sim.systempay.credentials, baseUrl: url });
    const tx = sim.systempay.createTransaction({ amount: 1000 });
    assert.equal((await sp.getTransaction({ uuid: tx.uuid })).uuid, tx.uuid);
  } finally {
    await sim.close();
  }
});
