// `make bench` (issue 9): remise from the packed tarball against the JS a user would otherwise
// write, side by side in one run, alternating rounds; writes the "Boundary and speed (issue 9)"
// section of bench/RESULTS.md and bench/ratios.svg. Not part of `make test`.
//
//   REMISE_SCRATCH=<folder where the tarball is installed> node --expose-gc bench/run.mjs
//   BENCH_QUICK=1 …   fewer rounds, 100 000 records instead of 1 000 000; writes target/bench/
//                     instead of bench/ (a smoke run of the harness, not a result)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { compare, fmtNs, fmtX, median } from './lib/harness.mjs';
import { coldStart, cpuProfile, phases } from './lib/coldstart.mjs';
import { ratiosSvg } from './lib/svg.mjs';
// The wrappers' own argument encoder (the source the package bundles; it imports nothing).
import { encode, unwrap } from '../pkg-template/api/core.js';
import {
  BATCH_HEADER, PAYLINE_ANSWER, PAYLINE_OPTIONS, PAYLINE_PARAMS, READ_CHUNK, SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS, walletCredit,
} from './lib/data.mjs';
import { cancelOrRefund } from './peers/systempay.mjs';
import { createPaylineSoap, soapParams } from './peers/payline-soap.mjs';
import { endLine, fileLine, headerLine, line } from './peers/walletcredit.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const SCRATCH = process.env.REMISE_SCRATCH;
if (!SCRATCH) throw new Error('REMISE_SCRATCH must name the folder where the remise tarball is installed (make bench sets it)');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = QUICK ? join(ROOT, 'target', 'bench') : join(ROOT, 'bench');
const RECORDS = Number(process.env.BENCH_RECORDS || (QUICK ? 100_000 : 1_000_000));
const MICRO = QUICK ? { rounds: 5, batchMs: 25 } : { rounds: 15, batchMs: 60 };
const BATCH_ROUNDS = Number(process.env.BENCH_BATCH_ROUNDS || (QUICK ? 1 : 2));
const COLD_RUNS = QUICK ? 9 : 30;
const started = Date.now();
const load0 = loadavg();
const log = (...a) => console.log(...a);

// ---- remise from the installed tarball: the ESM entry for the timed calls, the CJS one for the
// hostile-input row (with the raw glue's memory probe) ----
const requireScratch = createRequire(join(SCRATCH, 'package.json'));
const PKG_DIR = join(SCRATCH, 'node_modules', 'remise');
const pkg = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
const remise = await import(pathToFileURL(join(PKG_DIR, 'index.mjs')).href);
const remiseCjs = requireScratch('remise');
const raw = requireScratch(join(PKG_DIR, 'node', 'remise.cjs'));
const { money, systempay, payline, sogenactif } = remise;
log(`remise ${pkg.version} from ${pkg.name}@${pkg.version} tarball; node ${process.version}; ${QUICK ? 'QUICK' : 'full'} mode`);

const has = {
  converter: typeof sogenactif.batch.createConverter === 'function',
  transform: typeof sogenactif.batch.createTransform === 'function' || typeof sogenactif.batch.createWriteStream === 'function',
  // Present and working (a wrapper whose wasm export is missing counts as absent).
  addMany: (() => {
    try {
      const w = new sogenactif.BatchWriter({ header: BATCH_HEADER });
      w.header(); // a BatchWriter writes its header first
      return w.addMany([walletCredit(0)]).length > 0;
    } catch {
      return false;
    }
  })(),
  converterAddMany: typeof sogenactif.batch.createConverter === 'function',
  converterView: typeof sogenactif.batch.createConverter === 'function' && typeof sogenactif.batch.createConverter({ header: BATCH_HEADER }).pushView === 'function',
  cli: existsSync(join(PKG_DIR, 'bin', 'remise.mjs')),
  rawCall: typeof raw.call === 'function',
  memoryProbe: typeof raw.__memory === 'function',
};
const NA = 'not available in this build';

// BENCH_REPORT=target/bench/results.json: no measurement, the report (RESULTS.md, ratios.svg) written again
// from the results a run saved (to change the report without measuring again).
const REPORT = process.env.BENCH_REPORT;
const saved = REPORT ? JSON.parse(readFileSync(REPORT, 'utf8')) : null;
const results = saved ? saved.results : { micro: {}, batch: {}, cold: null, hostile: null, breakdown: {} };
if (saved) Object.assign(has, saved.has);
if (!saved) {
// ---- checks before timing: each side produces what the other does ----
{
  const a = systempay.request('Transaction/CancelOrRefund', SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS);
  const b = cancelOrRefund(SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS);
  assert.equal(a.url, b.url);
  assert.deepEqual(JSON.parse(a.body), JSON.parse(b.body));
  assert.equal(a.headers.Authorization, b.headers.Authorization);
  const r = payline.parseResponse('doReAuthorization', PAYLINE_ANSWER);
  assert.equal(r.result.code, '00000');
  assert.equal(r.transaction.id, '1434297987545643131272');
  const req = payline.request('doReAuthorization', PAYLINE_PARAMS, PAYLINE_OPTIONS);
  assert.match(req.body, /<[a-z0-9]+:date>15\/12\/2024 12:20<\//);
  const text = sogenactif.batch.build({ header: BATCH_HEADER, records: Array.from({ length: 50 }, (_, i) => walletCredit(i)) });
  let plain = fileLine + headerLine(BATCH_HEADER);
  for (let i = 0; i < 50; i++) plain += line(walletCredit(i), i + 1);
  plain += endLine(50);
  assert.equal(text, plain, 'the plain-JS walletCredit writer must produce the bytes remise produces');
}


// ---- 1-3: calls measured in this process ----
const fxp = new XMLParser({ parseTagValue: false, removeNSPrefix: true });
{
  const parsed = fxp.parse(PAYLINE_ANSWER);
  const code = parsed.Envelope.Body.doReAuthorizationResponse.result.code;
  assert.equal(code, '00000', 'fast-xml-parser with parseTagValue:false keeps codes as strings');
}
const soapPeer = await createPaylineSoap(PAYLINE_ANSWER, PAYLINE_OPTIONS);
{
  const r = await soapPeer.call(soapParams(PAYLINE_PARAMS));
  assert.equal(r.result.code, '00000');
  assert.match(soapPeer.http.last.body, /doReAuthorizationRequest/);
}

log('\n[1/5] Systempay CancelOrRefund');
results.micro.systempay = await compare(
  [
    { label: 'remise systempay.request', fn: () => systempay.request('Transaction/CancelOrRefund', SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS) },
    { label: 'hand-written JS builder', fn: () => cancelOrRefund(SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS) },
  ],
  MICRO,
);
log('[2/5] Payline doReAuthorization build + parse, answer parse');
results.micro.payline = await compare(
  [
    {
      label: 'remise payline.request + parseResponse',
      fn: () => {
        payline.request('doReAuthorization', PAYLINE_PARAMS, PAYLINE_OPTIONS);
        return payline.parseResponse('doReAuthorization', PAYLINE_ANSWER);
      },
    },
    { label: 'node-soap client (created once)', fn: () => soapPeer.call(soapParams(PAYLINE_PARAMS)), async: true },
  ],
  MICRO,
);
results.micro.parse = await compare(
  [
    { label: 'remise payline.parseResponse', fn: () => payline.parseResponse('doReAuthorization', PAYLINE_ANSWER) },
    { label: 'fast-xml-parser (parseTagValue:false)', fn: () => fxp.parse(PAYLINE_ANSWER) },
  ],
  MICRO,
);

// Where a remise call's time goes: JS encode, the one crossing (core included), JS decode.
if (has.rawCall) {
  // `apart`: the index of a long text the wrapper sends on its own (invokeText of core.js).
  const split = async (op, args, apart) => {
    const names = args.map(() => '');
    const rest = args.slice();
    if (apart !== undefined) rest[apart] = null;
    const [text] = encode(rest, names, 'bench');
    const cross = apart === undefined ? () => raw.call(op, text, false) : () => raw.callText(op, text, args[apart], false);
    const out = cross();
    assert.ok(typeof out === 'string' && out.charCodeAt(0) !== 101, `${op}: ${String(out).slice(0, 200)}`);
    const r = await compare(
      [
        { label: 'encode (the wrappers\' encode: JSON.stringify, its replacer only when needed)', fn: () => encode(rest, names, 'bench') },
        { label: 'one crossing + core (raw.call)', fn: cross },
        { label: 'decode (the wrappers\' unwrap: JSON.parse of the answer)', fn: () => unwrap(out) },
      ],
      { rounds: MICRO.rounds, batchMs: MICRO.batchMs / 2 },
    );
    return { op, inBytes: text.length, outBytes: out.length, rows: r.rows.map((x) => ({ label: x.label, median: x.median })) };
  };
  results.breakdown.systempay = await split('systempay.request', ['Transaction/CancelOrRefund', SYSTEMPAY_BODY, SYSTEMPAY_OPTIONS]);
  results.breakdown.paylineRequest = await split('payline.request', ['doReAuthorization', PAYLINE_PARAMS, PAYLINE_OPTIONS]);
  results.breakdown.paylineParse = await split('payline.parseResponse', ['doReAuthorization', PAYLINE_ANSWER], 1);
  results.breakdown.toMinor = await split('money.toMinor', ['1', 'EUR']);
}

// ---- 4: 1M records, each contestant alone in a child process ----
log(`[3/5] ${RECORDS.toLocaleString('en')} walletCredit records (${BATCH_ROUNDS} round(s), child processes)`);
const tmp = mkdtempSync(join(tmpdir(), 'remise-bench-'));
try {
  const input = join(tmp, 'records.ndjson');
  {
    const out = createWriteStream(input);
    let chunk = '';
    for (let i = 0; i < RECORDS; i++) {
      chunk += JSON.stringify(walletCredit(i)) + '\n';
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await finished(out);
  }
  const child = (task, output, verify, reference = '') => {
    const p = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL('./lib/batch-child.mjs', import.meta.url)), task, input, output, String(RECORDS), reference], {
      env: { ...process.env, REMISE_SCRATCH: SCRATCH, BENCH_VERIFY: verify ? '1' : '0' },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (p.status !== 0) throw new Error(`batch task ${task} failed (${p.status}): ${p.stderr}`);
    rmSync(output, { force: true });
    return JSON.parse(p.stdout.trim().split('\n').pop());
  };
  // The reference output (the plain-JS writer's, equal to remise's: checked above on 50 records,
  // on every byte below) and the floor's prepared buffer.
  const reference = join(tmp, 'reference.csv');
  {
    const p = spawnSync(process.execPath, [fileURLToPath(new URL('./lib/batch-child.mjs', import.meta.url)), 'plain', input, reference, String(RECORDS)], {
      env: { ...process.env, BENCH_VERIFY: '1', REMISE_SCRATCH: SCRATCH },
      encoding: 'utf8',
    });
    if (p.status !== 0) throw new Error(`reference run failed: ${p.stderr}`);
    results.batch.referenceSha = JSON.parse(p.stdout).sha256;
  }
  const groups = {
    ndjson: [
      has.converter ? { task: 'remise-converter', label: 'remise converter (bytes → bytes)' } : null,
      has.converterView ? { task: 'remise-converter-view', label: 'remise converter read in place (pushView, readSync/writeSync)' } : null,
      has.cli ? { task: 'remise-cli', label: 'remise batch build (the command line, whole run)' } : null,
      has.transform ? { task: 'remise-transform', label: 'remise stream helper (pipeline)' } : null,
      { task: 'remise-add-ndjson', label: 'remise BatchWriter.add per record (readline + JSON.parse)' },
      { task: 'plain', label: 'plain JS (readline, JSON.parse, template strings, createWriteStream)' },
      { task: 'csv-stringify', label: 'csv-stringify (readline, JSON.parse)' },
      { task: 'floor', label: 'floor: read the input, write one prepared buffer' },
    ].filter(Boolean),
    objects: [
      has.addMany ? { task: 'objects-remise-addMany', label: 'remise BatchWriter.addMany (chunks of 1 000)' } : null,
      has.converterAddMany ? { task: 'objects-remise-converter-addMany', label: 'remise converter addMany (chunks of 1 000)' } : null,
      { task: 'objects-remise-add', label: 'remise BatchWriter.add per record' },
      { task: 'objects-plain', label: 'plain JS writer (template strings, no validation)' },
    ].filter(Boolean),
  };
  for (const [name, list] of Object.entries(groups)) {
    const samples = list.map(() => []);
    const walls = list.map(() => []);
    const rss = list.map(() => []);
    for (let r = 0; r < BATCH_ROUNDS; r++) {
      const order = list.map((_, i) => i);
      if (r % 2) order.reverse();
      for (const i of order) {
        const res = child(list[i].task, join(tmp, `out-${list[i].task}.csv`), r === 0, reference);
        if (r === 0) assert.equal(res.sha256, results.batch.referenceSha, `${list[i].task}: output differs from the reference file`);
        samples[i].push(res.ns);
        walls[i].push(res.wall);
        rss[i].push(res.maxRssKiB);
        log(`  round ${r + 1} ${list[i].task}: CPU ${fmtNs(res.ns)}, wall ${fmtNs(res.wall)}, peak RSS ${(res.maxRssKiB / 1024).toFixed(0)} MiB`);
      }
    }
    results.batch[name] = list.map((c, i) => ({
      ...c, samples: samples[i], median: median(samples[i]), walls: walls[i], wallMedian: median(walls[i]), rssMiB: median(rss[i]) / 1024,
    }));
  }
  const idle = [0, 1, 2].map(() => child('idle', join(tmp, 'idle'), false).maxRssKiB);
  results.batch.idleRssMiB = median(idle) / 1024;
  const readOnly = [0, 1, 2].map(() => child('read-only', join(tmp, 'read-only'), false).maxRssKiB);
  results.batch.readOnlyRssMiB = median(readOnly) / 1024;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---- 5: cold start ----
log(`[4/5] cold start (${COLD_RUNS} runs per command, alternating)`);
results.cold = coldStart(SCRATCH, COLD_RUNS);
results.coldPhases = phases(SCRATCH, QUICK ? 3 : 10);
results.coldProfile = cpuProfile(SCRATCH, QUICK ? 2 : 5);

// ---- 6: hostile input (the js-test asserts it; the bench reports it) ----
log('[5/5] hostile input');
{
  const R = remiseCjs;
  const cyclic = {};
  cyclic.self = cyclic;
  let deep = { v: 1 };
  for (let i = 0; i < 200; i++) deep = { d: deep };
  const hostile = [
    { get amount() { throw new Error('lazy getter'); } },
    new Proxy({}, { ownKeys() { throw new Error('trap'); } }),
    cyclic,
    deep,
    { amount: NaN },
    { amount: 10n },
  ];
  const memory = () => (has.memoryProbe ? raw.__memory().buffer.byteLength : NaN);
  let errors = 0;
  let runtimeErrors = 0;
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      const bad = hostile[i % hostile.length];
      for (const f of [() => R.sogenactif.office.sealString(bad), () => R.systempay.request('Transaction/CancelOrRefund', bad, {})]) {
        try {
          f();
        } catch (e) {
          if (R.isRemiseError(e)) errors++;
          else if (e instanceof WebAssembly.RuntimeError) runtimeErrors++;
        }
      }
    }
  };
  run(50); // 100 calls
  const before = memory();
  const t0 = process.hrtime.bigint();
  run(10_000); // 20 000 calls
  const ns = Number(process.hrtime.bigint() - t0) / 20_000;
  let toMinor;
  try {
    toMinor = R.money.toMinor('12.34', 'EUR');
  } catch (e) {
    toMinor = `${e.name}: ${e.message}`;
  }
  results.hostile = { calls: 20_000, remiseErrors: errors, runtimeErrors, toMinor, before, after: memory(), nsPerCall: ns };
}

}

// ---- report ----
const meta = saved ? saved.meta : { started, load0, load1: loadavg(), elapsed: (Date.now() - started) / 1000, cpu: cpus()[0] ? cpus()[0].model : 'unknown', cores: availableParallelism(), mem: totalmem(), node: process.version };
const { load1, elapsed } = meta;
const mi = (s) => s.rows;
const sp = results.micro.systempay;
const pl = results.micro.payline;
const ps = results.micro.parse;
const byTask = (name, task) => results.batch[name].find((c) => c.task === task);
const pairRatio = (name, num, den) => {
  const a = byTask(name, num);
  const b = byTask(name, den);
  if (!a || !b) return null;
  const perRound = a.samples.map((s, r) => s / b.samples[r]);
  const wall = median(a.walls.map((s, r) => s / b.walls[r]));
  return { median: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound), wall };
};
const verdict = (met) => (met === null ? '—' : met ? '**met**' : '**missed**');
const chart = [];
const table = [];
// ratio: peer time ÷ remise time; goal: the least ratio the target asks (NaN: no target).
const push = (measure, remiseCell, peerCell, ratio, target, goal, chartLabel) => {
  const met = Number.isFinite(goal) && ratio ? ratio.median >= goal : null;
  const cell = ratio ? `${fmtX(ratio.median)} (rounds ${fmtX(ratio.min)}–${fmtX(ratio.max)}; wall ${fmtX(ratio.wall)})` : '—';
  table.push(`| ${measure} | ${remiseCell} | ${peerCell} | ${cell} | ${target} | ${verdict(met)} |`);
  if (ratio && chartLabel) chart.push({ ...ratio, label: chartLabel, target: goal, met });
};

const micro = (m) => ({ ...m.ratios[0], wall: m.wall.ratios[0].median });
{
  const r = micro(sp);
  push('Systempay `request(\'Transaction/CancelOrRefund\')` build + validate', fmtNs(sp.rows[0].median), `hand-written JS builder ${fmtNs(sp.rows[1].median)}`, r, '≥ 0.5×', 0.5, 'Systempay CancelOrRefund vs JS builder');
}
{
  const r = micro(pl);
  push('Payline doReAuthorization build + parse', fmtNs(pl.rows[0].median), `node-soap ${fmtNs(pl.rows[1].median)}`, r, '≥ 20×', 20, 'Payline build + parse vs node-soap');
}
{
  const r = micro(ps);
  push('Payline answer parse, exact', fmtNs(ps.rows[0].median), `fast-xml-parser ${fmtNs(ps.rows[1].median)}`, r, '≥ 3×', 3, 'Payline parse vs fast-xml-parser');
}
const M = `${(RECORDS / 1e6).toLocaleString('en')} M`;
if (has.converter) {
  const c = byTask('ndjson', 'remise-converter');
  const plainR = pairRatio('ndjson', 'plain', 'remise-converter');
  const csvR = pairRatio('ndjson', 'csv-stringify', 'remise-converter');
  const floorR = pairRatio('ndjson', 'floor', 'remise-converter');
  push(`${M} walletCredit NDJSON bytes → request file (converter)`, `${fmtNs(c.median)}, peak RSS ${c.rssMiB.toFixed(0)} MiB`, `plain JS ${fmtNs(byTask('ndjson', 'plain').median)}`, plainR, '≥ 2×', 2, 'NDJSON → file vs plain JS');
  push('', '', `csv-stringify ${fmtNs(byTask('ndjson', 'csv-stringify').median)}`, csvR, '≥ 10×', 10, 'NDJSON → file vs csv-stringify');
  push('', '', `one-buffer floor ${fmtNs(byTask('ndjson', 'floor').median)}`, floorR, '≥ 0.5× (≤ 2× its time)', 0.5, 'NDJSON → file vs one-buffer floor');
  table.push(`| | peak RSS ${c.rssMiB.toFixed(0)} MiB (node + remise idle: ${results.batch.idleRssMiB.toFixed(0)} MiB; the same reading the input with \`createReadStream\` at ${READ_CHUNK >> 20} MiB and nothing else: ${results.batch.readOnlyRssMiB.toFixed(0)} MiB) | | — | ≤ 64 MiB | ${verdict(c.rssMiB <= 64)} |`);
} else {
  table.push(`| ${M} walletCredit NDJSON bytes → request file (bytes-to-bytes path) | ${NA} (no \`sogenactif.batch.createConverter\`) | plain JS ${fmtNs(byTask('ndjson', 'plain').median)}; csv-stringify ${fmtNs(byTask('ndjson', 'csv-stringify').median)}; floor ${fmtNs(byTask('ndjson', 'floor').median)} | — | ≥ 2× plain, ≥ 10× csv-stringify, ≤ 2× floor, ≤ 64 MiB | not measured |`);
}
if (has.converterView) {
  const c = byTask('ndjson', 'remise-converter-view');
  const plainR = pairRatio('ndjson', 'plain', 'remise-converter-view');
  push(`${M} walletCredit NDJSON bytes → request file, converter read in place (\`pushView\`)`, `${fmtNs(c.median)}, peak RSS ${c.rssMiB.toFixed(0)} MiB`, `plain JS ${fmtNs(byTask('ndjson', 'plain').median)}`, plainR, '≥ 2×', 2, 'NDJSON → file (pushView) vs plain JS');
  table.push(`| | peak RSS ${c.rssMiB.toFixed(0)} MiB | | — | ≤ 64 MiB | ${verdict(c.rssMiB <= 64)} |`);
}
if (has.cli) {
  const c = byTask('ndjson', 'remise-cli');
  const plainR = pairRatio('ndjson', 'plain', 'remise-cli');
  push(`${M} walletCredit NDJSON → CSV request file with \`remise batch build\` (issue 13; whole command, remise's load included)`, `${fmtNs(c.median)}, peak RSS ${c.rssMiB.toFixed(0)} MiB`, `plain JS script (readline) ${fmtNs(byTask('ndjson', 'plain').median)}`, plainR, '≥ 1×', 1, 'remise batch build vs plain JS script');
  table.push(`| | peak RSS ${c.rssMiB.toFixed(0)} MiB (plain JS script: ${byTask('ndjson', 'plain').rssMiB.toFixed(0)} MiB) | | — | ≤ 64 MiB | ${verdict(c.rssMiB <= 64)} |`);
}
if (has.transform) {
  const t = byTask('ndjson', 'remise-transform');
  const r = pairRatio('ndjson', 'plain', 'remise-transform');
  push(`${M} records through the stream helper (\`pipeline\`)`, `${fmtNs(t.median)}, peak RSS ${t.rssMiB.toFixed(0)} MiB`, `plain JS ${fmtNs(byTask('ndjson', 'plain').median)}`, r, '(no target)', NaN, 'stream helper vs plain JS');
} else {
  table.push(`| ${M} records through the Node stream helper | ${NA} (no \`sogenactif.batch.createTransform\`) | | — | (no target) | not measured |`);
}
{
  const a = byTask('ndjson', 'remise-add-ndjson');
  const r = pairRatio('ndjson', 'plain', 'remise-add-ndjson');
  push(`${M} records from NDJSON, \`BatchWriter.add\` per record (readline + JSON.parse)`, `${fmtNs(a.median)}, peak RSS ${a.rssMiB.toFixed(0)} MiB`, `plain JS ${fmtNs(byTask('ndjson', 'plain').median)}`, r, '(no target; the issue measured 0.034×)', NaN, 'BatchWriter.add (NDJSON) vs plain JS');
}
if (has.addMany) {
  const a = byTask('objects', 'objects-remise-addMany');
  const r = pairRatio('objects', 'objects-plain', 'objects-remise-addMany');
  push(`${M} records from JS objects via \`addMany\``, fmtNs(a.median), `plain JS writer ${fmtNs(byTask('objects', 'objects-plain').median)}`, r, '≥ 0.5×', 0.5, 'addMany vs plain JS writer');
} else {
  table.push(`| ${M} records from JS objects via \`BatchWriter.addMany\` | ${NA} (\`BatchWriter.prototype.addMany\` missing or failing) | plain JS writer ${fmtNs(byTask('objects', 'objects-plain').median)} | — | ≥ 0.5× | not measured |`);
}
if (has.converterAddMany) {
  const a = byTask('objects', 'objects-remise-converter-addMany');
  const r = pairRatio('objects', 'objects-plain', 'objects-remise-converter-addMany');
  push(`${M} records from JS objects via the converter's \`addMany\` (\`createConverter({ header })\`)`, fmtNs(a.median), `plain JS writer ${fmtNs(byTask('objects', 'objects-plain').median)}`, r, '≥ 0.5×', 0.5, 'converter addMany vs plain JS writer');
}
{
  const a = byTask('objects', 'objects-remise-add');
  const r = pairRatio('objects', 'objects-plain', 'objects-remise-add');
  push(`${M} records from JS objects, \`BatchWriter.add\` per record`, fmtNs(a.median), `plain JS writer ${fmtNs(byTask('objects', 'objects-plain').median)}`, r, '(no target)', NaN, 'BatchWriter.add (objects) vs plain JS');
}
const msOf = (ns) => (ns / 1e6).toFixed(1);
for (const o of results.cold.over) {
  const bare = results.cold.rows[0];
  if (o.label.startsWith('bare ESM file')) {
    table.push(`| (baseline) bare ESM importing an empty module file, \`node --input-type=module -e "import './empty.mjs'"\`, over bare node: Node's ESM loader reading a file, no remise | wall +${msOf(o.wall.median)} ms (rounds ${msOf(o.wall.min)}…${msOf(o.wall.max)}); CPU +${msOf(o.cpu.median)} ms (rounds ${msOf(o.cpu.min)}…${msOf(o.cpu.max)}) | bare \`node -e ''\`: wall ${msOf(bare.wall)} ms, CPU ${msOf(bare.cpu)} ms | — | — | — |`);
    continue;
  }
  if (o.label.startsWith('bare ESM')) {
    table.push(`| (baseline) bare ESM \`node --input-type=module -e ''\` over bare node: Node's ESM loader, no remise | wall +${msOf(o.wall.median)} ms (rounds ${msOf(o.wall.min)}…${msOf(o.wall.max)}); CPU +${msOf(o.cpu.median)} ms (rounds ${msOf(o.cpu.min)}…${msOf(o.cpu.max)}) | bare \`node -e ''\`: wall ${msOf(bare.wall)} ms, CPU ${msOf(bare.cpu)} ms | — | — | — |`);
    continue;
  }
  const kind = o.label.startsWith('CJS') ? 'CJS `require`' : 'ESM `import`';
  table.push(`| cold start, ${kind} + \`money.toMinor('1','EUR')\` over bare node | wall +${msOf(o.wall.median)} ms (rounds ${msOf(o.wall.min)}…${msOf(o.wall.max)}); CPU +${msOf(o.cpu.median)} ms (rounds ${msOf(o.cpu.min)}…${msOf(o.cpu.max)}) | bare \`node -e ''\`: wall ${msOf(bare.wall)} ms, CPU ${msOf(bare.cpu)} ms | — | ≤ 15 ms | wall ${verdict(o.wall.median <= 15e6)}, CPU ${verdict(o.cpu.median <= 15e6)} |`);
}
{
  const h = results.hostile;
  const mem = has.memoryProbe ? `wasm memory ${h.before} → ${h.after} B` : 'wasm memory: no probe in this build';
  const ok = h.toMinor === 1234 && h.runtimeErrors === 0 && (!has.memoryProbe || h.before === h.after);
  table.push(`| 20 000 calls with throwing getters / Proxies / cycles / deep nesting / NaN / BigInt, then \`money.toMinor('12.34','EUR')\` | ${h.toMinor}; ${h.remiseErrors} RemiseErrors, ${h.runtimeErrors} RuntimeError; ${mem}; ${fmtNs(h.nsPerCall)} per hostile call | — | — | 1234, no RuntimeError, memory back to its size after the first 100 calls | ${verdict(ok)} |`);
}

const md = [];
md.push('<!-- issue9:start (written by `make bench`: bench/run.mjs; do not edit by hand) -->');
md.push('## Boundary and speed (issue 9)');
md.push('');
md.push('Command (from the repository root): `make bench` (builds the packed tarball with `make pack`, installs it in a scratch');
md.push('folder as `make test-js` does, then runs `node --expose-gc bench/run.mjs`). `BENCH_QUICK=1 make bench` is a smoke run');
md.push('(fewer rounds, 100 000 records) that writes to `target/bench/` instead.');
md.push('');
md.push(`Run of ${new Date(meta.started).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${elapsed.toFixed(0)} s: remise ${pkg.version} (packed tarball), node ${meta.node}, ` +
  `${meta.cores} cores (\`nproc\`), ${meta.cpu}, ${(meta.mem / 2 ** 30).toFixed(0)} GiB; load average ${meta.load0[0].toFixed(1)} at the start, ` +
  `${load1[0].toFixed(1)} at the end (the machine is shared: ratios, taken within a round, are the figures to read).`);
md.push('');
md.push('Method: every row is measured side by side in one run, in alternating rounds (A B, then B A, …); a time is the median over');
md.push('rounds, a ratio the median of the per-round ratios (peer time ÷ remise time: above 1× remise is faster), with the range over');
md.push('rounds and the same ratio on wall-clock time. Clock: CPU time (user + system, all threads: `process.cpuUsage()`, and bash\'s');
md.push('`time` for whole processes), because on this shared machine (load average far above the core count) wall time mostly measures');
md.push(`the wait for a core. Calls (rows 1–3): ${MICRO.rounds} rounds, each one batch of ≈${MICRO.batchMs} ms per contestant, GC before each batch.`);
md.push(`${M} records: each contestant alone in a child process, timed from its first read to the output's close (records made as JS`);
md.push('objects are made before the timer), peak RSS = `process.resourceUsage().maxRSS` of that process, ' + `${BATCH_ROUNDS} round(s); every output`);
md.push('is checked byte for byte (SHA-256) against the reference file in round 1. Cold start: whole `node` processes, ' + `${COLD_RUNS} runs per command, the order rotating every run.`);
md.push('');
md.push('| measure | remise | peer, same run | ratio (peer time ÷ remise time) | target | |');
md.push('|---|---|---|---|---|---|');
md.push(...table);
md.push('');
md.push('![ratios](ratios.svg)');
md.push('');
md.push('Peers (`bench/peers/`): a hand-written CancelOrRefund builder with the checks remise makes on that body (uuid, safe-integer amount,');
md.push('currency of the 34-code table, resolutionMode, unknown fields, shop id and password) then `JSON.stringify` and the Basic header;');
md.push('npm `soap` (node-soap) with a local WSDL of doReAuthorization (`payline-doReAuthorization.wsdl`), its client created once, its HTTP');
md.push('client replaced by one that answers the recorded envelope at once (so build + parse only, no socket), given values already');
md.push('formatted (numeric currency, `dd/mm/yyyy HH:MM` date): remise does those conversions itself; npm `fast-xml-parser` with');
md.push('`parseTagValue: false` and `removeNSPrefix: true`, parser created once; plain-JS walletCredit writers (`walletcredit.mjs`,');
md.push('no validation) and npm `csv-stringify`, producing the same bytes as remise.');
md.push('');
if (has.rawCall) {
  md.push('### Where a call\'s time goes (same run)');
  md.push('');
  md.push('The public call is: encode the arguments (`encode` of pkg-template/api/core.js: JSON.stringify, its replacer only for values JSON cannot carry), one crossing (`raw.call`: copy the text in, the core');
  md.push('validates and builds, copy the answer out; `raw.callText` for parseResponse, whose answer crosses on its own, unescaped), decode (`unwrap` of core.js: JSON.parse; the body of a request follows its JSON head as it is). Each part timed alone, alternating:');
  md.push('');
  md.push('| call | in / out bytes | encode | crossing + core | decode |');
  md.push('|---|---|---|---|---|');
  for (const b of Object.values(results.breakdown)) {
    md.push(`| \`${b.op}\` | ${b.inBytes} / ${b.outBytes} | ${b.rows.map((r) => fmtNs(r.median)).join(' | ')} |`);
  }
  md.push('');
}
md.push('### Cold start: where the time goes');
md.push('');
md.push('Wall time of each phase in fresh processes (`bench/lib/phases.cjs`), median and minimum over the runs (the minimum is the');
md.push('closest to an idle machine):');
md.push('');
md.push('| phase | median ms | min ms |');
md.push('|---|---:|---:|');
for (const [k, v] of Object.entries(results.coldPhases)) md.push(`| ${k} | ${v.median.toFixed(2)} | ${v.min.toFixed(2)} |`);
md.push('');
md.push(`\`node --cpu-prof\` of the CJS command (${results.coldProfile.runs} runs merged, sampling every 100 µs; self time per run, ${results.coldProfile.totalMs.toFixed(1)} ms sampled in all):`);
md.push('');
md.push('| function | self ms |');
md.push('|---|---:|');
for (const t of results.coldProfile.top) md.push(`| \`${t.fn.replace(/\|/g, '\\|')}\` | ${t.ms.toFixed(2)} |`);
md.push('');
md.push('<!-- issue9:end -->');

mkdirSync(OUT_DIR, { recursive: true });
const resultsFile = join(OUT_DIR, 'RESULTS.md');
const section = md.join('\n');
let prev = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmarks\n';
const re = /<!-- issue9:start[\s\S]*?<!-- issue9:end -->/;
prev = re.test(prev) ? prev.replace(re, section) : `${prev.trimEnd()}\n\n${section}\n`;
writeFileSync(resultsFile, prev);
writeFileSync(join(OUT_DIR, 'ratios.svg'), ratiosSvg(chart, `remise ${pkg.version} vs the JS you would write (node ${meta.node}, ${M} records)`));
mkdirSync(join(ROOT, 'target', 'bench'), { recursive: true });
if (!saved) writeFileSync(join(ROOT, 'target', 'bench', 'results.json'), JSON.stringify({ pkg: pkg.version, meta, has, results }, null, 1));
log(`\n${table.join('\n')}\n\nwrote ${resultsFile} and ratios.svg (${elapsed.toFixed(0)} s)`);
