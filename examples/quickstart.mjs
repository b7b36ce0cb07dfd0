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

await paylineSection();

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
