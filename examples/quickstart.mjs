// remise quickstart: run by `make demo` from a scratch folder where the packed tarball is installed.
import { money, systempay, sogenactif, RemiseError } from 'remise';

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

// ---- Sogenactif Sips Office JSON: sealed requests, sealed answers, a client call (self-contained)
async function sogenactifOfficeDemo() {
  const { sogenactif, RemiseError } = await import('remise');
  const { createHmac } = await import('node:crypto');
  const http = await import('node:http');
  console.log('\n== sogenactif.office: Sips Office JSON with an HMAC-SHA-256 seal');
  // The public Sips simulation credentials; Sogenactif gives each merchant its own.
  const opts = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };
  const cancel = { transactionReference: 'ORDER42', operationAmount: 1000, currencyCode: 'EUR' };

  const req = sogenactif.office.request('cancel', cancel, opts);
  console.log(`  ${req.method} ${req.url}`);
  console.log(`  body: ${req.body}`);
  console.log(`  seal input: '${sogenactif.office.sealString(JSON.parse(req.body))}'`);

  try {
    sogenactif.office.request('cancel', { ...cancel, operationAmount: 10.5, currencyCode: 'EURO' }, opts);
  } catch (e) {
    if (!(e instanceof RemiseError)) throw e;
    console.log(`  caught ${e.code}: ${e.issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
  }

  // A stand-in for the Office server on 127.0.0.1: it checks the request seal and answers sealed.
  const sealOf = (fields) => sogenactif.office.seal(fields, opts.secretKey);
  const server = http.createServer((rq, rs) => {
    let body = '';
    rq.on('data', (c) => (body += c));
    rq.on('end', () => {
      const fields = JSON.parse(body);
      const own = createHmac('sha256', opts.secretKey).update(sogenactif.office.sealString(fields)).digest('hex');
      const answer = own === fields.seal
        ? { responseCode: '00', newAmount: fields.operationAmount, newStatus: 'TO_CAPTURE' }
        : { responseCode: '34' };
      rs.writeHead(200, { 'content-type': 'application/json' });
      rs.end(JSON.stringify({ ...answer, seal: sealOf(answer) }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const client = new sogenactif.OfficeClient({ ...opts, baseUrl: `http://127.0.0.1:${server.address().port}` });
    const answer = await client.cancel(cancel);
    console.log(`  client.cancel → responseCode ${answer.responseCode} (${answer.responseMessage}), sealVerified ${answer.sealVerified}`);
    try {
      await client.cancel(cancel, { transaction: { transactionStatus: 'CANCELLED' } });
    } catch (e) {
      console.log(`  preflight: ${e.code} gatewayCode=${e.gatewayCode}: ${e.message}`);
    }
  } finally {
    server.close();
  }
}

// Payline (Monext) SOAP: build, check and send back-office operations. Self-contained: the client
// talks to a local stand-in server so the demo needs no credentials.
async function paylineSection() {
  const { payline, RemiseError } = await import('remise');
  const http = await import('node:http');
  console.log('\n== payline: SOAP requests in WSDL order, decoded answers, re-authorization rules');

  const options = { merchantId: '111111111', accessKey: 'AFju9XHplQzvamffO72L' }; // Payline's documented example
  const reauth = {
    transactionID: '14340105742592',
    payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' },
    order: { ref: 'ORDER-0001-R1', amount: 1000, currency: 'EUR', date: new Date('2024-12-15T11:20:00Z') },
  };
  const req = payline.request('doReAuthorization', reauth, options);
  console.log(`  ${req.method} ${req.url}`);
  console.log(`  SOAPAction: ${req.headers.SOAPAction}`);
  console.log(`  order date (a Date, written in Paris time): ${req.body.match(/<obj:date>([^<]*)/)[1]}`);

  // Before sending: Payline's re-authorization rules.
  const original = { date: '2024-12-15T10:00:00+01:00', currency: 'EUR', contractNumber: '1234567', orderRef: 'ORDER-0001' };
  try {
    payline.checkReAuthorization(original, { ...reauth, payment: { ...reauth.payment, currency: 'USD' } }, '2025-01-10T09:00:00Z');
  } catch (e) {
    if (!(e instanceof RemiseError)) throw e;
    console.log(`  another currency: ${e.code} gatewayCode=${e.gatewayCode} (not sent)`);
  }
  const check = payline.checkReAuthorization(original, { ...reauth, order: { ...reauth.order, ref: 'ORDER-0001' } }, '2024-12-15T18:00:00+01:00');
  console.log(`  same order ref 8 h later: ${check.warnings.map((w) => w.code).join(', ')}`);
  console.log(`  02619 means: ${payline.describeResult('02619').message}`);

  // The client against a local stand-in that answers like Payline.
  const answer = (op, code, text) =>
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
    `<ns2:${op}Response xmlns="http://obj.ws.payline.experian.com" xmlns:ns2="http://impl.ws.payline.experian.com">` +
    `<ns2:result><code>${code}</code><longMessage>${text}</longMessage></ns2:result>` +
    `<ns2:transaction><id>1434297987545643131272</id><date>15/12/24 12:21:01</date></ns2:transaction>` +
    `</ns2:${op}Response></soapenv:Body></soapenv:Envelope>`;
  const server = http.createServer((rq, rs) => {
    const op = rq.headers.soapaction.replaceAll('"', '');
    rq.resume().on('end', () => {
      rs.writeHead(200, { 'content-type': 'text/xml' });
      rs.end(op === 'doReAuthorization'
        ? answer(op, '02620', 'Currency must be the same as the original authorization')
        : answer(op, '00000', 'Transaction approved'));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = new payline.Client({ ...options, baseUrl: `http://127.0.0.1:${server.address().port}/V4/services` });
    // sequenceNumber on doCapture/doRefund/doReset: Payline documents it as preventing duplicates.
    const captured = await client.doCapture({
      transactionID: '14340105742592',
      payment: { amount: 1000, currency: 'EUR', action: 201, mode: 'CPT' },
      sequenceNumber: 'capture-ORDER-0001',
    });
    console.log(`  doCapture → ${captured.result.code}, transaction ${captured.transaction.id} at ${captured.transaction.dateIso}`);
    try {
      await client.doReAuthorization(reauth);
    } catch (e) {
      if (!(e instanceof RemiseError)) throw e;
      console.log(`  doReAuthorization refused → ${e.code} gatewayCode=${e.gatewayCode}: ${e.gatewayMessage}`);
    }
  } finally {
    server.close();
  }
}

// ---- Systempay: a local stand-in for https://api.systempay.fr answering recorded V4 envelopes.
async function systempayDemo() {
  const http = await import('node:http');
  const uuid = 'a0b61d1e159748eaab876cfe342e8c08';
  const tx = {
    shopId: '69876357', uuid, amount: 3000, currency: 'EUR', status: 'PAID', detailedStatus: 'CAPTURED',
    operationType: 'DEBIT', transactionDetails: { cardDetails: { captureResponse: { refundAmount: 1000 } } },
    _type: 'V4/Transaction',
  };
  const answers = {
    'Transaction/Get': { status: 'SUCCESS', answer: tx },
    'Transaction/CancelOrRefund': {
      status: 'SUCCESS',
      answer: { ...tx, uuid: 'c97b7e6f3dbc4c239baf283654f34710', amount: 1500, operationType: 'CREDIT' },
    },
    'Transaction/Cancel': {
      status: 'ERROR',
      answer: { errorCode: 'PSP_011', errorMessage: 'Incorrect transaction status', detailedErrorCode: null, detailedErrorMessage: null },
    },
  };
  const server = http.createServer((req, res) => {
    req.resume().on('end', () => {
      const service = req.url.replace('/api-payment/V4/', '');
      const env = { webService: service, version: 'V4', mode: 'TEST', serverDate: new Date().toISOString(), _type: 'V4/WebService/Response', ...answers[service] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(env));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  try {
    console.log('\n== systempay: plan, then cancel or refund (against a local stand-in server)');
    const client = new systempay.Client({
      shopId: '69876357',
      password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M', // Lyra's public demo password
      baseUrl,
    });
    const t = await client.getTransaction({ uuid });
    console.log(`  Transaction/Get: ${t.detailedStatus}, ${money.fromMinor(t.amount, t.currency, 'systempay')} ${t.currency}`);
    const plan = systempay.planCancelOrRefund(t, { uuid, amount: 1500, currency: 'EUR' });
    console.log(`  plan: ${plan.operation} ${plan.amount} (full: ${plan.full}), ${plan.refundableAfter} refundable afterwards`);
    const refund = await client.cancelOrRefund({ uuid, amount: 1500, currency: 'EUR' });
    console.log(`  Transaction/CancelOrRefund → a ${refund.operationType} transaction ${refund.uuid}`);
    try {
      systempay.planCancelOrRefund(t, { uuid, resolutionMode: 'CANCELLATION_ONLY' });
    } catch (e) {
      console.log(`  refused before sending: ${e.code} ${e.gatewayCode}: ${e.message}`);
    }
    try {
      await client.cancel({ uuid });
    } catch (e) {
      console.log(`  the platform said no (HTTP 200!): ${e.code} ${e.gatewayCode}`);
    }
    const r = systempay.request('Transaction/Refund', { uuid, transactionOptions: { cardOptions: { captureDelay: 400 } } }, { shopId: '69876357', password: 'x' });
    console.log(`  warning: ${r.warnings[0].message}`);
    try {
      systempay.request('Transaction/Refund', { uuid: 'ABC', amout: 100 }, { shopId: '69876357', password: 'x' });
    } catch (e) {
      console.log(`  every problem at once: ${e.issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
    }
    const answer = '{"orderStatus":"PAID","_type":"V4\\/Payment"}';
    const hash = systempay.computeHash(answer, 'my-hmac-key');
    const paid = systempay.parseAnswer(
      { 'kr-answer': answer, 'kr-hash': hash, 'kr-hash-key': 'sha256_hmac', 'kr-hash-algorithm': 'sha256_hmac' },
      { hmacKey: 'my-hmac-key' },
    );
    console.log(`  signed browser return verified: orderStatus ${paid.orderStatus}`);
  } finally {
    server.close();
  }
}


// ---- Sogenactif Office Batch: one request file with all 11 batch methods, zipped, and its response.

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

await systempayDemo();
await paylineSection();
sogenactifBatchDemo();
await sogenactifOfficeDemo();
