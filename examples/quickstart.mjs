// remise quickstart: a back-office day on the three gateways, against remise's offline simulator
// (remise/simulator), so it runs with no network and no credentials.
//
//   make demo                    builds the package, installs it in examples/node_modules, runs this file
//   node examples/quickstart.mjs  runs it again after you edit it (files land in out/)
import { mkdir, writeFile } from 'node:fs/promises';
import { money, systempay, payline, sogenactif, RemiseError } from 'remise';
import { createSimulator } from 'remise/simulator';

const out = new URL('../out/', import.meta.url);
await mkdir(out, { recursive: true });
const say = (text = '') => console.log(text);
const table = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const [n, r] of rows.entries()) {
    say('  ' + r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());
    if (n === 0) say('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
};
const caught = (fn) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RemiseError) return e;
    throw e;
  }
  throw new Error('expected a RemiseError');
};
const refused = async (promise) => {
  try {
    await promise;
  } catch (e) {
    if (e instanceof RemiseError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

// One simulator for the whole day. Its clock stands still until we move it (sim.advance).
const sim = createSimulator({ now: '2026-11-30T08:00:00Z' }); // Monday 09:00 in Paris
const clock = () => sim.now().toLocaleString('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit' });
// The clients are the real ones; `fetch: sim.fetch` keeps every request inside this process.
const sp = new systempay.Client({ ...pick(sim.systempay.credentials, 'shopId', 'password'), fetch: sim.fetch });
const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
const office = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: sim.fetch });
function pick(o, ...keys) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

say('== 1. Amounts: exact, per currency and per gateway table (integers in minor units, never a float)');
const amounts = [
  ['300.50', 'EUR', 'iso'],
  ['1000', 'JPY', 'iso'],
  ['1.234', 'KWD', 'iso'],
  ['12.3', 'CNY', 'systempay'],
  ['12.30', 'CNY', 'iso'],
];
table([
  ['amount', 'currency', 'table', 'numeric', 'digits', 'minor units', 'back'],
  ...amounts.map(([a, c, t]) => {
    const cur = money.currency(c, t);
    const minor = money.toMinor(a, c, t);
    return [a, c, t, cur.numeric, cur.digits, minor, money.fromMinor(minor, c, t)];
  }),
]);
const tooPrecise = caught(() => money.toMinor('0.001', 'EUR'));
say(`  '0.001 EUR' → ${tooPrecise.code} (${tooPrecise.field}): ${tooPrecise.message}`);

say(`\n== 2. Systempay (${clock()}): three card payments came in overnight`);
const early = sim.systempay.createTransaction({ amount: 4990, currency: 'EUR', orderId: 'WEB-1001' });
const shipped = sim.systempay.createTransaction({ amount: 12000, currency: 'EUR', orderId: 'WEB-1002' });
const third = sim.systempay.createTransaction({ amount: 2500, currency: 'EUR', orderId: 'WEB-1003' });
for (const t of [early, shipped, third]) say(`  ${t.orderDetails.orderId} ${t.uuid} ${money.fromMinor(t.amount, t.currency, 'systempay')} ${t.currency} ${t.detailedStatus}`);

// WEB-1001: the customer cancels before the capture. AUTO (the default) decides: cancel, not refund.
let tx = await sp.getTransaction({ uuid: early.uuid });
let plan = systempay.planCancelOrRefund(tx, { uuid: early.uuid });
say(`  WEB-1001 cancelled by the customer: plan says ${plan.operation} (full: ${plan.full})`);
tx = await sp.cancelOrRefund({ uuid: early.uuid });
say(`    Transaction/CancelOrRefund (AUTO) → ${tx.status} / ${tx.detailedStatus}`);

// The night passes: the 00:05 capture run captures what is due.
sim.advance({ days: 1 });
say(`\n  ${clock()}: the capture run has passed`);
tx = await sp.getTransaction({ uuid: shipped.uuid });
say(`  WEB-1002 is ${tx.detailedStatus}; two items come back, refunded one at a time`);
for (const amount of ['30.00', '45.50']) {
  const minor = money.toMinor(amount, 'EUR', 'systempay');
  tx = await sp.getTransaction({ uuid: shipped.uuid });
  plan = systempay.planCancelOrRefund(tx, { uuid: shipped.uuid, amount: minor, currency: 'EUR' });
  const credit = await sp.cancelOrRefund({ uuid: shipped.uuid, amount: minor, currency: 'EUR' });
  say(`    refund ${amount} EUR: plan ${plan.operation}, ${money.fromMinor(plan.refundableAfter, 'EUR')} left afterwards → ${credit.operationType} ${credit.uuid}`);
}

// WEB-1003 is captured too; someone asks for a cancellation only. remise refuses before sending,
// with the code the platform gives; the simulator (which applies the platform's rules on its own) agrees.
tx = await sp.getTransaction({ uuid: third.uuid });
const before = caught(() => systempay.planCancelOrRefund(tx, { uuid: third.uuid, resolutionMode: 'CANCELLATION_ONLY' }));
say(`  WEB-1003 CANCELLATION_ONLY on a captured payment: refused before sending, ${before.code} gatewayCode=${before.gatewayCode}`);
const platform = await refused(sp.cancelOrRefund({ uuid: third.uuid, resolutionMode: 'CANCELLATION_ONLY' }));
say(`    (sent anyway, the platform answers HTTP 200 with status ERROR: ${platform.gatewayCode} "${platform.gatewayMessage}")`);

// The IPN the platform posts for WEB-1002: verify kr-hash with the password before trusting it.
const ipn = await sim.systempay.ipn(shipped.uuid);
await writeFile(new URL('ipn-WEB-1002.json', out), JSON.stringify(ipn, null, 2) + '\n');
const payment = systempay.parseAnswer(ipn, { password: sim.systempay.credentials.password });
say(`  IPN for WEB-1002 verified (kr-hash-key ${ipn['kr-hash-key']}): orderStatus ${payment.orderStatus}, ` +
  `${payment.transactions[0].transactionDetails.cardDetails.captureResponse.refundAmount} refunded (out/ipn-WEB-1002.json)`);
const forged = caught(() => systempay.parseAnswer({ ...ipn, 'kr-answer': ipn['kr-answer'].replace('12000', '1200') }, { password: sim.systempay.credentials.password }));
say(`  the same IPN with one amount changed: ${forged.code}`);

say(`\n== 3. Payline (${clock()}): an authorisation from last week, re-authorised`);
const original = sim.payline.createTransaction({ amount: 8900, currency: 'EUR', orderRef: 'SHOP-77', date: '2026-11-24T10:00:00Z' });
let details = await pl.getTransactionDetails({ transactionId: original.id });
say(`  ${original.id}: ${details.transaction.type} of ${details.payment.amount} (currency ${details.payment.currency}) on ${details.transaction.date}, now ${original.status}`);
const reauth = {
  transactionID: original.id,
  payment: { amount: 8900, currency: 'EUR', action: 100, mode: 'CPT', contractNumber: '1234567' },
  order: { ref: 'SHOP-77-R1', amount: 8900, currency: 'EUR', date: sim.now() },
};
const inUsd = caught(() => payline.checkReAuthorization(details, { ...reauth, payment: { ...reauth.payment, currency: 'USD' } }, sim.now()));
say(`  in USD instead: refused before sending, ${inUsd.code} gatewayCode=${inUsd.gatewayCode} (${payline.describeResult('02620').message})`);
const check = payline.checkReAuthorization(details, reauth, sim.now());
say(`  rules checked (${check.warnings.length} warning${check.warnings.length === 1 ? '' : 's'}); sending doReAuthorization`);
const renewed = await pl.doReAuthorization(reauth);
say(`    → ${renewed.result.code} ${renewed.result.longMessage}, new transaction ${renewed.transaction.id}`);
const captured = await pl.doCapture({ transactionID: renewed.transaction.id, payment: { amount: 8900, currency: 'EUR', action: 201, mode: 'CPT' }, sequenceNumber: 'capture-SHOP-77' });
say(`    doCapture → ${captured.result.code}, transaction ${captured.transaction.id} at ${captured.transaction.dateIso}`);
const notYet = await refused(pl.doRefund({ transactionID: renewed.transaction.id, payment: { amount: 1500, currency: 'EUR', action: 421, mode: 'CPT' } }));
say(`  a refund before the remittance: ${notYet.gatewayCode} ${notYet.gatewayMessage}`);
sim.advance({ days: 1 });
const refund = await pl.doRefund({ transactionID: renewed.transaction.id, payment: { amount: 1500, currency: 'EUR', action: 421, mode: 'CPT' }, sequenceNumber: 'refund-SHOP-77-1' });
say(`  ${clock()}, after the remittance: doRefund 15.00 EUR → ${refund.result.code}, transaction ${refund.transaction.id}`);
details = await pl.getTransactionDetails({ transactionId: renewed.transaction.id, transactionHistory: 'Y' });
say(`  history: ${details.associatedTransactionsList.map((t) => `${t.type} ${t.amount} ${t.status}`).join(', ')}`);

say(`\n== 4. Sogenactif (${clock()}): the Office Batch file of the day, all 11 methods`);
const merchantId = sim.sogenactif.credentials.merchantId;
// Transactions the cash-management records act on.
sim.sogenactif.createTransaction({ transactionReference: 'ORDER1', amount: 1000 });
sim.sogenactif.createTransaction({ transactionReference: 'ORDER2', amount: 2000, status: 'CAPTURED' });
sim.sogenactif.createTransaction({ transactionReference: 'ORDER3', amount: 1000, captureMode: 'VALIDATION', captureDay: 5 });
sim.sogenactif.createTransaction({ transactionReference: 'ORDER7', amount: 5000, status: 'TO_CHALLENGE' });
// Yesterday's, named the Sips 1.0 way: its s10TransactionId with its date.
sim.sogenactif.createTransaction({ s10TransactionId: '000123', s10TransactionIdDate: '20261201', amount: 700, status: 'TO_CHALLENGE' });
const records = [
  { method: 'credit', merchantId, transactionReference: 'CRED1', amount: 1500, currencyCode: 'EUR', cardNumber: '4000000000000002', cardExpiryDate: '202812' },
  { method: 'acceptChallenge', merchantId, transactionReference: 'ORDER7' },
  { method: 'cancel', merchantId, transactionReference: 'ORDER1', amount: 500, currencyCode: 'EUR' },
  { method: 'cardOrder', merchantId, transactionReference: 'CARD1', amount: 2599, currencyCode: 'EUR', captureMode: 'AUTHOR_CAPTURE', captureDay: 0, cardNumber: '4111111111111111', cardExpiryDate: '202901' },
  { method: 'directDebitOrder', merchantId, transactionReference: 'SDD1', amount: 4200, currencyCode: 'EUR', mandateId: 'MANDATE42' },
  { method: 'duplicate', merchantId, transactionReference: 'DUP1', fromTransactionReference: 'ORDER2', amount: 1999, currencyCode: 'EUR' },
  { method: 'refund', merchantId, transactionReference: 'ORDER2', operationAmount: 750, currencyCode: 'EUR' },
  { method: 'refuseChallenge', merchantId, s10TransactionReference: { s10TransactionId: '000123', s10TransactionIdDate: '20261201' } },
  { method: 'validate', merchantId, transactionReference: 'ORDER3', operationAmount: 1000, currencyCode: 978 },
  { method: 'walletCredit', merchantId, transactionReference: 'WCR1', amount: 300, currencyCode: 'EUR', merchantWalletId: 'W42', paymentMeanId: '1' },
  { method: 'walletOrder', merchantId, transactionReference: 'WOR1', amount: 4500, currencyCode: 'EUR', merchantWalletId: 'W42', paymentMeanId: '2' },
  // ORDER1 has 500 left after the cancel above: cancelling 800 more breaks the rule, and the gateway
  // rejects that line (remise would refuse it before writing the file when told `original`).
  { method: 'cancel', merchantId, transactionReference: 'ORDER1', amount: 800, currencyCode: 'EUR' },
];
const header = { remitterId: merchantId, date: '2026-12-01+0100', time: '17:00:00+0100', sequence: 1 };
const name = `OFBREQ_${merchantId}_1.csv`;
const file = sogenactif.batch.build({ header, records });
await writeFile(new URL(name, out), file);
await writeFile(new URL(name.replace('.csv', '.zip'), out), sogenactif.batch.archive(file, name));
say(`  out/${name} (${records.length} records) and its zip for the SFTP drop`);
const early1 = caught(() => sogenactif.batch.build({ header, records: [{ ...records.at(-1), original: { amount: 500 } }] }));
say(`  with original: { amount: 500 } remise refuses that last record before writing: ${early1.issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
const responseText = sim.sogenactif.processBatch(file);
const responseName = name.replace('OFBREQ', 'OFBREP');
await writeFile(new URL(responseName, out), responseText);
const response = sogenactif.batch.parseResponse(responseText);
say(`  the gateway's response file: out/${responseName}`);
table([
  ['#', 'method', 'reference', 'code', 'meaning'],
  ...response.records.map((r) => [r.recordSequence, r.method, r.transactionReference ?? `s10 ${r.s10TransactionReference?.s10TransactionId}`, r.responseCode, r.responseMessage]),
]);
const accepted = response.records.filter((r) => r.accepted).length;
say(`  ${accepted} accepted, ${response.records.length - accepted} rejected`);

say('\n  Sips Office JSON, the same day: sealed request; the test platform answers unsealed (production seals)');
const data = await office.getTransactionData({ transactionReference: 'ORDER1' });
say(`  getTransactionData ORDER1 → ${data.transactionStatus}, ${money.fromMinor(data.currentAmount, 'EUR')} EUR left (seal verified: ${data.sealVerified})`);
const tooMuch = await refused(office.cancel({ transactionReference: 'ORDER1', operationAmount: 600, currencyCode: 'EUR' }));
say(`  cancel 6.00 EUR more → ${tooMuch.code} responseCode ${tooMuch.gatewayCode} (${tooMuch.gatewayMessage})`);

await writeFile(new URL('requests.json', out), JSON.stringify(sim.requests, null, 2) + '\n');
say(`\n== What each gateway received: ${sim.requests.length} requests in out/requests.json (secrets left out, card numbers masked)`);
const counts = {};
for (const r of sim.requests) counts[r.gateway] = (counts[r.gateway] ?? 0) + 1;
say('  ' + Object.entries(counts).map(([g, n]) => `${g} ${n}`).join(', '));
