// remise quickstart: run by `make demo` from a scratch folder where the packed tarball is installed.
import { money, RemiseError } from 'remise';

console.log('== money: exact amounts, never a float');
const cases = [
  ['300.50', 'EUR', 'iso'],
  ['1000', 'JPY', 'iso'],
  ['1.234', 'KWD', 'iso'],
  ['12.3', 'CNY', 'systempay'],
  ['12.3', 'CNY', 'iso'],
];
for (const [amount, code, table] of cases) {
  const c = money.currency(code, table);
  const minor = money.toMinor(amount, code, table);
  console.log(
    `  ${amount.padStart(7)} ${code} (${table.padEnd(9)}: ${c.numeric}, ${c.digits} digits) → ${String(minor).padStart(6)} minor units → '${money.fromMinor(minor, code, table)}'`,
  );
}
console.log(`  Systempay's table has ${money.currencies('systempay').length} currencies; ISO 4217 has ${money.currencies().length}.`);

console.log('\n== errors say what to fix');
try {
  money.toMinor('0.001', 'EUR');
} catch (e) {
  if (!(e instanceof RemiseError)) throw e;
  console.log(`  caught RemiseError code=${e.code} field=${e.field}`);
  console.log(`  message: ${e.message}`);
}

// ---- Sogenactif Office Batch: one request file with all 11 batch methods, zipped, and its response.
import { sogenactif } from 'remise';

function sogenactifBatchDemo() {
  console.log('\n== sogenactif: an Office Batch file with all 11 methods');
  const merchantId = '011223344550000';
  const records = [
    { method: 'credit', merchantId, transactionReference: 'CRED1', amount: 1500, currencyCode: 'EUR',
      cardNumber: '4000000000000002', cardExpiryDate: '202812' },
    { method: 'acceptChallenge', merchantId, transactionReference: 'ORDER7', original: { status: 'TO_CHALLENGE' } },
    { method: 'cancel', merchantId, transactionReference: 'ORDER1', amount: 500, currencyCode: 'EUR',
      original: { amount: 1000, status: 'TO_CAPTURE' } },
    { method: 'cardOrder', merchantId, transactionReference: 'CARD1', amount: 2599, currencyCode: 'EUR',
      captureMode: 'AUTHOR_CAPTURE', captureDay: 0, cardNumber: '4111111111111111', cardExpiryDate: '202901' },
    { method: 'directDebitOrder', merchantId, transactionReference: 'SDD1', amount: 4200, currencyCode: 'EUR',
      mandateId: 'MANDATE42' },
    { method: 'duplicate', merchantId, transactionReference: 'DUP1', fromTransactionReference: 'ORDER1',
      amount: 1999, currencyCode: 'EUR' },
    { method: 'refund', merchantId, transactionReference: 'ORDER2', operationAmount: 750, currencyCode: 'EUR' },
    { method: 'refuseChallenge', merchantId,
      s10TransactionReference: { s10TransactionId: '000123', s10TransactionIdDate: '20240105' } },
    { method: 'validate', merchantId, transactionReference: 'ORDER3', operationAmount: 1000, currencyCode: 978 },
    { method: 'walletCredit', merchantId, transactionReference: 'WCR1', amount: 300, currencyCode: 'EUR',
      merchantWalletId: 'W42', paymentMeanId: '1' },
    { method: 'walletOrder', merchantId, transactionReference: 'WOR1', amount: 4500, currencyCode: 'EUR',
      merchantWalletId: 'W42', paymentMeanId: '2' },
  ];
  const header = { remitterId: '011223344550000', date: '2024-01-05+0100', time: '09:15:00+0100', sequence: 7 };
  const file = sogenactif.batch.build({ header, records });
  for (const line of file.trimEnd().split('\n')) console.log(`  ${line.length > 100 ? line.slice(0, 97) + '...' : line}`);
  const zip = sogenactif.batch.archive(file, 'OFBREQ_011223344550000_7.csv');
  console.log(`  zipped: ${zip.length} bytes, entry OFBREQ_011223344550000_7.csv`);

  // The same file, streamed record by record (constant memory), as XML this time.
  const writer = new sogenactif.BatchWriter({ syntax: 'xml', header });
  let xml = writer.header();
  for (const r of records) xml += writer.add(r);
  xml += writer.finish();
  console.log(`  XML: ${writer.count} records, ${xml.length} characters`);

  // A response file (layout assumed: each request line echoed, then responseCode, …).
  const response = file
    .replace('FILE;request;', 'FILE;response;')
    .split('\n')
    .map((l, i) => (i > 1 && l && !l.startsWith('END;') ? `${l};${l.startsWith('CANCEL;') ? '24' : '00'}` : l))
    .join('\n');
  for (const r of sogenactif.batch.parseResponse(response).records.slice(0, 3)) {
    console.log(`  response #${r.recordSequence} ${r.method}: ${r.responseCode} (${r.responseMessage})`);
  }

  try {
    sogenactif.batch.build({ header, records: [{ method: 'cancel', merchantId, transactionReference: 'ORDER1',
      amount: 1500, currencyCode: 'EUR', original: { amount: 1000 } }] });
  } catch (e) {
    if (!(e instanceof RemiseError)) throw e;
    console.log(`  refused before sending: ${e.code} ${e.issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
  }
}
sogenactifBatchDemo();
