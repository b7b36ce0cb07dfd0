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
await sogenactifOfficeDemo();
