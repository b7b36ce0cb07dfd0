// Run by leak.test.mjs with --expose-gc: N calls per client through an injected fetch, then RSS and
// wasm memory after GC at two checkpoints. Prints one JSON line.
import { systempay, payline, sogenactif } from 'remise';

const N = Number(process.argv[2] || 100000);
const UUID = 'a0b61d1e159748eaab876cfe342e8c08';
const sp = JSON.stringify({ webService: 'Transaction/Get', version: 'V4', status: 'SUCCESS', answer: { uuid: UUID, amount: 1000, currency: 'EUR', _type: 'V4/Transaction' }, mode: 'TEST', serverDate: '2026-11-29T10:00:00+00:00' });
const fetchSp = async () => new Response(sp, { status: 200 });
const fetchBad = async () => ({ status: 200 }); // not a Response: the error path too
const clients = [
  ['systempay', new systempay.Client({ shopId: '69876357', password: 'testpassword_x', fetch: fetchSp }), (c) => c.getTransaction({ uuid: UUID })],
  ['payline', new payline.Client({ merchantId: '1', accessKey: 'k', fetch: fetchBad }), (c) => c.getTransactionDetails({ transactionId: '1' }).catch(() => {})],
  ['sogenactif', new sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, fetch: fetchBad }), (c) => c.cancel({ transactionReference: 'R1', operationAmount: 1, currencyCode: 'EUR' }).catch(() => {})],
];
// After GC, and after a turn of the event loop so that pending finalizers have run.
const mib = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().rss / 1048576;
};
const out = {};
for (const [name, client, call] of clients) {
  const run = async (n) => {
    for (let i = 0; i < n; i += 100) await Promise.all(Array.from({ length: 100 }, () => call(client)));
  };
  await run(N / 5);
  const rss1 = await mib();
  await run(N);
  const rss2 = await mib();
  out[name] = { rssGrowthMiB: +(rss2 - rss1).toFixed(2) };
}
console.log(JSON.stringify(out));
