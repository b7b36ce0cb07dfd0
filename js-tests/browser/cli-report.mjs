// Browser test of the HTML page of `remise batch report --html`, in headless Debian chromium with
// playwright-core: the command (pkg/bin/remise.mjs, run as a child process) writes the page for a
// response file whose codes this script assigns; the page must show the chart (one bar segment per
// method and code, widths in proportion to the counts) and tables holding the counts computed here.
// Files and a screenshot go to out/cli-report/.
// Usage: node js-tests/browser/cli-report.mjs   (after `make pkg`)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(new URL('../..', import.meta.url).pathname);
const out = join(root, 'out', 'cli-report');
await mkdir(out, { recursive: true });
const { sogenactif } = await import(pathToFileURL(join(root, 'pkg', 'index.mjs')).href);

// 24 records over four methods; codes assigned by position so the expected counts are known.
const M = '023101122334456';
const header = { remitterId: '023101122334455', date: '2026-11-29+0100', time: '22:30:00+0100', sequence: 7 };
const plan = [
  ...Array.from({ length: 10 }, (_, i) => ['walletCredit', i < 7 ? '00' : i < 9 ? '05' : '90']),
  ...Array.from({ length: 6 }, (_, i) => ['cancel', i < 3 ? '00' : i < 5 ? '24' : '25']),
  ...Array.from({ length: 5 }, (_, i) => ['refund', i < 4 ? '00' : '51']),
  ...Array.from({ length: 3 }, () => ['validate', '00']),
];
const records = plan.map(([method], i) => {
  const base = { method, merchantId: M, transactionReference: `ORDER${1000 + i}`, currencyCode: 'EUR' };
  if (method === 'walletCredit') return { ...base, amount: 1000 + i, merchantWalletId: `W${i}`, paymentMeanId: '1' };
  if (method === 'cancel') return { ...base, amount: 500 };
  return { ...base, operationAmount: 250 };
});
const request = sogenactif.batch.build({ header, records });
let n = 0;
const response = request
  .split('\n')
  .map((line) => {
    if (line.startsWith('FILE;request;')) return line.replace('FILE;request;', 'FILE;response;');
    if (line === '' || line.startsWith('HEADER;') || line.startsWith('END;')) return line;
    const code = plan[n++][1];
    return `${line};${code};${code === '00' ? '00' : ''};${code === '00' ? `A${n}` : ''}`;
  })
  .join('\n');
await writeFile(join(out, 'records.ndjson'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
await writeFile(join(out, 'response.csv'), response);
const page = join(out, 'report.html');
execFileSync(process.execPath, [join(root, 'pkg', 'bin', 'remise.mjs'), 'batch', 'report', join(out, 'response.csv'), '--request', join(out, 'records.ndjson'), '--html', page], { stdio: ['ignore', 'ignore', 'inherit'] });

// Expected, from the plan: per method [records, accepted, rejected]; per method and code, a count.
const expected = {};
const cells = {};
for (const [method, code] of plan) {
  expected[method] ??= [0, 0, 0];
  expected[method][0] += 1;
  expected[method][code === '00' ? 1 : 2] += 1;
  cells[`${method} ${code}`] = (cells[`${method} ${code}`] ?? 0) + 1;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const requests = [];
try {
  const tab = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  tab.on('request', (r) => requests.push(r.url()));
  await tab.goto(pathToFileURL(page).href);

  // The chart: one segment per (method, code), drawn with a width in proportion to its count.
  const segments = await tab.$$eval('#codes-chart rect[data-code]', (rects) =>
    rects.map((r) => ({ method: r.dataset.method, code: r.dataset.code, count: Number(r.dataset.count), width: r.getBoundingClientRect().width })),
  );
  assert.deepEqual(Object.fromEntries(segments.map((s) => [`${s.method} ${s.code}`, s.count])), cells);
  const perUnit = segments[0].width / segments[0].count;
  assert.ok(perUnit > 10, `a record is ${perUnit}px wide`);
  for (const s of segments) assert.ok(Math.abs(s.width - s.count * perUnit) < 1, `${s.method} ${s.code}: ${s.width}px for ${s.count}`);
  assert.ok(await tab.locator('#codes-chart').isVisible());

  // The tables hold the counts.
  const rows = await tab.$$eval('#methods tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r[0], r.slice(1, 4).map(Number)])), expected);
  // Accepted walletCredit amounts: records 0..6, 1000 + i minor units each.
  const sum = plan.reduce((a, [m, c], i) => (m === 'walletCredit' && c === '00' ? a + 1000 + i : a), 0);
  assert.equal(rows.find((r) => r[0] === 'walletCredit')[4], `${Math.floor(sum / 100)}.${String(sum % 100).padStart(2, '0')} EUR`);
  assert.equal(await tab.locator('#total-records').textContent(), String(plan.length));
  assert.equal(await tab.locator('#total-rejected').textContent(), String(plan.filter(([, c]) => c !== '00').length));
  const codes = await tab.$$eval('#codes tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent, Number(tr.cells[1].textContent)]));
  assert.deepEqual(codes, [['00', 17], ['05', 2], ['24', 2], ['25', 1], ['51', 1], ['90', 1]]);
  const rejected = await tab.$$eval('#rejections tbody tr', (trs) => trs.map((tr) => [Number(tr.cells[0].textContent), Number(tr.cells[6].textContent)]));
  // recordSequence = position + 1; the NDJSON request has one record per line, so line = sequence.
  assert.deepEqual(rejected, plan.flatMap(([, c], i) => (c === '00' ? [] : [[i + 1, i + 1]])));
  assert.equal(await tab.locator('#join-matched').textContent(), String(plan.length));

  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the page loads nothing from the network');
  await tab.screenshot({ path: join(out, 'report.png'), fullPage: true });
  console.log(`cli report page: ${segments.length} chart segments, ${rows.length} methods, ${rejected.length} rejected records checked; screenshot ${join('out', 'cli-report', 'report.png')}`);
} finally {
  await browser.close();
}
