// Two builds of the package in one Node process, alternating: the A/B used to decide a change
// (ARCHITECTURE.md "Size", bench/RESULTS.md readings). Not part of `make bench` (which compares
// remise with its peers): it compares remise with itself.
//
//   node bench/ab.mjs <package dir A> <package dir B> [op…]
//
// Each dir is a built `pkg/` (or an installed `remise`); ops: parse, plreq, sp, convert (pushView),
// push, cmany (the converter's addMany), transform (createTransform in object mode), addmany, add,
// client (a Systempay client's getTransaction answered at once by an injected fetch: the JS transport),
// clientsig (the same with `{ signal }` of one long-lived AbortController) (default: all). Prints, per op, the median CPU time of each build over the rounds and B's time ÷ A's.
// Rounds alternate the order (A B, then B A) so that drift on a shared machine hits both alike.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { PAYLINE_ANSWER, PAYLINE_PARAMS, PAYLINE_OPTIONS, SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS, BATCH_HEADER, walletCredit } from './lib/data.mjs';

const [dirA, dirB, ...only] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node bench/ab.mjs <package dir A> <package dir B> [parse|plreq|sp|convert|push|cmany|transform|addmany|add…]');
  process.exit(2);
}
const builds = await Promise.all([dirA, dirB].map((d) => import(pathToFileURL(resolve(d, 'index.mjs')).href)));

// 200 000 walletCredit records as NDJSON, cut into 64 KiB chunks (pushView: no buffer per chunk).
const records = new TextEncoder().encode(Array.from({ length: 200_000 }, (_, i) => JSON.stringify(walletCredit(i))).join('\n') + '\n');
const convert = (m) => {
  const conv = m.sogenactif.batch.createConverter({ header: BATCH_HEADER, input: 'ndjson' });
  let n = 0;
  for (let i = 0; i < records.length; i += 1 << 16) n += conv.pushView(records.subarray(i, Math.min(i + (1 << 16), records.length))).length;
  return n + conv.finishView().length;
};
// The same with `push` / `finish` (a new buffer per chunk), 1 MiB chunks as a file stream reads.
const convertPush = (m) => {
  const conv = m.sogenactif.batch.createConverter({ header: BATCH_HEADER, input: 'ndjson' });
  let n = 0;
  for (let i = 0; i < records.length; i += 1 << 20) n += conv.push(records.subarray(i, Math.min(i + (1 << 20), records.length))).length;
  return n + conv.finish().length;
};
// The same records as JS objects in arrays of 1 000, for `BatchWriter.addMany`.
const objects = Array.from({ length: 200 }, (_, c) => Array.from({ length: 1000 }, (_, i) => walletCredit(c * 1000 + i)));
const addMany = (m) => {
  const w = new m.sogenactif.BatchWriter({ header: BATCH_HEADER });
  let n = w.header().length;
  for (const chunk of objects) n += w.addMany(chunk).length;
  return n + w.finish().length;
};
// One record per call, `BatchWriter.add` (the simple path).
const addOne = (m) => {
  const w = new m.sogenactif.BatchWriter({ header: BATCH_HEADER });
  let n = w.header().length;
  for (let i = 0; i < 20_000; i++) n += w.add(objects[Math.floor(i / 1000)][i % 1000]).length;
  return n + w.finish().length;
};
// The converter's `addMany` (`createConverter({ header })`), same arrays.
const convertMany = (m) => {
  const conv = m.sogenactif.batch.createConverter({ header: BATCH_HEADER });
  let n = 0;
  for (const chunk of objects) n += conv.addMany(chunk).length;
  return n + conv.finish().length;
};
// The same records through `createTransform` in object mode (a `pipeline`, asynchronous).
const transform = async (m) => {
  const { Readable, Writable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  let n = 0;
  const sink = new Writable({ write: (c, _e, done) => ((n += c.length), done()) });
  await pipeline(Readable.from(objects.slice(0, 100).flat()), m.sogenactif.batch.createTransform({ header: BATCH_HEADER }), sink);
  return n;
};
// A client call through the whole transport (prepare, fetch, read, settle), the answer given at
// once; one client per build, made on first use.
const ANSWER = JSON.stringify({ webService: 'Transaction/Get', version: 'V4', status: 'SUCCESS', answer: { _type: 'V4/Transaction', uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: 500, currency: 'EUR' }, serverDate: '2026-12-06T07:00:00+00:00', mode: 'TEST', _type: 'V4/WebService/Response' });
const clients = new Map();
const clientCall = (m) => {
  if (!clients.has(m)) clients.set(m, new m.systempay.Client({ ...SYSTEMPAY_OPTIONS, fetch: async () => new Response(ANSWER, { status: 200 }) }));
  return clients.get(m).getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' });
};
const controller = new AbortController();
const clientSignal = (m) => {
  if (!clients.has(m)) clientCall(m);
  return clients.get(m).getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, { signal: controller.signal });
};
const ops = {
  parse: { calls: 20_000, rounds: 21, run: (m) => m.payline.parseResponse('doReAuthorization', PAYLINE_ANSWER, 200) },
  plreq: { calls: 20_000, rounds: 21, run: (m) => m.payline.request('doReAuthorization', PAYLINE_PARAMS, PAYLINE_OPTIONS) },
  sp: { calls: 20_000, rounds: 21, run: (m) => m.systempay.request('Transaction/CancelOrRefund', SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS) },
  convert: { calls: 1, rounds: 7, run: convert },
  push: { calls: 1, rounds: 7, run: convertPush },
  cmany: { calls: 1, rounds: 7, run: convertMany },
  transform: { calls: 1, rounds: 7, run: transform },
  addmany: { calls: 1, rounds: 7, run: addMany },
  add: { calls: 1, rounds: 7, run: addOne },
  client: { calls: 5_000, rounds: 21, run: clientCall },
  clientsig: { calls: 5_000, rounds: 21, run: clientSignal },
};
const chosen = only.length ? only : Object.keys(ops);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const name of chosen) {
  const op = ops[name];
  if (!op) throw new Error(`unknown op ${name}`);
  // Both builds must give the same result before their times mean anything.
  const [a, b] = await Promise.all(builds.map(async (m) => JSON.stringify(await op.run(m))));
  if (a !== b) console.log(`${name}: the two builds give different results`);
  const times = [[], []];
  for (let r = 0; r < op.rounds; r++) {
    for (const k of r % 2 ? [1, 0] : [0, 1]) {
      const t = process.cpuUsage();
      for (let j = 0; j < op.calls; j++) {
        const r = op.run(builds[k]);
        if (r instanceof Promise) await r;
      }
      const u = process.cpuUsage(t);
      times[k].push((u.user + u.system) / op.calls);
    }
  }
  const [ma, mb] = times.map(median);
  const unit = op.calls > 1 ? 'µs' : 'ms';
  const show = (us) => (op.calls > 1 ? us.toFixed(2) : (us / 1000).toFixed(0));
  console.log(`${name}: A ${show(ma)} ${unit}, B ${show(mb)} ${unit}, B/A ${(mb / ma).toFixed(3)}`);
}
