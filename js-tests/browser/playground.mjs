// Browser test of the playground (www/) with headless Debian chromium and playwright-core: loads
// the page, uses the currency converter, runs a Systempay CancelOrRefund and a Sogenactif batch
// through the UI, asserts what the page shows, and saves screenshots to out/.
//
// A gateway step is skipped with a printed note only while the page reports that gateway as not in
// this build (its namespace throws UNSUPPORTED); then it checks the page says so instead.
// Usage: node js-tests/browser/playground.mjs <assembled www folder>
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve-www.mjs';

const [folder = 'target/www'] = process.argv.slice(2);
const out = 'out';
await mkdir(out, { recursive: true });

const server = await serve(folder, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const done = [];
const skipped = [];
const started = Date.now();

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  const field = (path) => page.locator(`#form .field[data-path="${path}"]`);
  const input = (path) => field(path).locator('input, select');
  const text = (sel) => page.locator(sel).innerText();
  const shot = (name) => page.screenshot({ path: join(out, `playground-${name}.png`), fullPage: true });
  const pick = async (name, value) => {
    await page.locator(`input[name="${name}"][value="${value}"]`).check();
  };
  const available = async (gateway) =>
    (await page.locator(`#gateways .choice:has(input[value="${gateway}"])`).getAttribute('data-available')) === 'true';

  // ---- the page loads the web build and starts
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', 'the playground started');
  assert.match(await text('#build'), /money/);
  done.push('page');

  // ---- currency converter: decimal → minor over the Systempay table, errors, minor → decimal
  await page.locator('#conv-table').selectOption('systempay');
  await page.locator('#conv-currency').selectOption('CNY');
  await page.locator('#conv-decimal').fill('12.3');
  assert.equal(await page.locator('#conv-minor').inputValue(), '123', "12.3 CNY is 123 minor units at Systempay");
  assert.match(await text('#conv-info'), /1 fraction digit in the systempay table.*ISO 4217 says 2/);
  await page.locator('#conv-decimal').fill('12.34');
  assert.match(await text('#conv-info'), /AMOUNT_PRECISION/);
  assert.equal(await page.locator('#conv-decimal').getAttribute('aria-invalid'), '');
  await page.locator('#conv-table').selectOption('iso');
  await page.locator('#conv-currency').selectOption('KWD');
  await page.locator('#conv-minor').fill('1500');
  assert.equal(await page.locator('#conv-decimal').inputValue(), '1.500', '1500 fils is 1.500 KWD');
  await page.locator('#conv-decimal').fill('300.5');
  assert.equal(await page.locator('#conv-minor').inputValue(), '300500');
  // Minor units are digits: hex, exponents and binary were read by Number() (0x10 showed 0.016 KWD);
  // the other field is emptied while there is an error.
  for (const bad of ['0x10', '1e3', '0b11']) {
    await page.locator('#conv-minor').fill(bad);
    assert.match(await text('#conv-info'), /AMOUNT_FORMAT/, bad);
    assert.equal(await page.locator('#conv-decimal').inputValue(), '', bad);
  }
  await page.locator('#conv-minor').fill('1500');
  await page.locator('#conv-table').focus();
  await shot('converter');
  done.push('converter');

  // ---- keyboard: arrow keys move within the gateway list, Tab reaches the operations
  await pick('gateway', 'systempay');
  await page.locator('input[name="gateway"][value="systempay"]').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('input[name="gateway"]:checked').getAttribute('value'), 'payline');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('input[name="gateway"]:checked').getAttribute('value'), 'systempay');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'operation');
  done.push('keyboard');

  // ---- Systempay Transaction/CancelOrRefund
  await pick('gateway', 'systempay');
  if (!(await available('systempay'))) {
    assert.match(await text('#unsupported'), /Systempay is not in this build of remise yet/);
    assert.ok(await page.locator('#send').isDisabled());
    await shot('systempay-unsupported');
    skipped.push('systempay CancelOrRefund (systempay is UNSUPPORTED in this build)');
  } else {
    await pick('operation', 'Transaction/CancelOrRefund');
    // Live validation: a missing and a malformed uuid are shown next to the field.
    await input('uuid').fill('');
    await input('amount').fill('12.5');
    assert.match(await field('uuid').locator('.issue').innerText(), /REQUIRED/);
    assert.match(await field('amount').locator('.issue').innerText(), /TYPE|FORMAT/);
    assert.match(await text('#validity'), /2 problems/);
    // Nothing to copy while the form is invalid (the pane shows the last valid request).
    assert.ok(await page.locator('#copy').isDisabled());
    assert.ok(await page.locator('#copy-curl').isDisabled());
    await shot('systempay-issues');
    await input('uuid').fill('a0b61d1e159748eaab876cfe342e8c08');
    await input('amount').fill('1500');
    assert.equal(await text('#validity'), 'valid');
    assert.ok(!(await page.locator('#copy').isDisabled()));
    assert.match(await field('amount').locator('.hint').innerText(), /= 15\.00 EUR/);
    const request = await text('#request');
    assert.match(request, /^POST https:\/\/api\.systempay\.fr\/api-payment\/V4\/Transaction\/CancelOrRefund\n/);
    assert.match(request, /authorization: Basic /i);
    assert.match(request, /"uuid":"a0b61d1e159748eaab876cfe342e8c08"/);
    // Send (keyboard) to the simulator, the transaction captured there: AUTO refunds it.
    await page.locator('#answer').selectOption({ label: 'Captured, 30.00 EUR' });
    await input('comment').focus();
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('#answer-badge').textContent !== '');
    assert.equal(await text('#answer-badge'), 'decoded');
    assert.match(await text('#decoded'), /"operationType": "CREDIT"/);
    assert.match(await text('#exchange'), /POST https:\/\/api\.systempay\.fr\/api-payment\/V4\/Transaction\/CancelOrRefund/);
    await shot('systempay');
    assert.match(await text('#exchange'), /simulator → HTTP 200: SUCCESS/);
    // CANCELLATION_ONLY on the captured transaction: a RemiseError with the platform's code.
    await input('resolutionMode').selectOption('CANCELLATION_ONLY');
    await page.locator('#send').click();
    await page.waitForFunction(() => /PSP_075/.test(document.querySelector('#answer-badge').textContent));
    assert.match(await text('#decoded'), /"code": "GATEWAY_ERROR"/);
    done.push('systempay CancelOrRefund');
  }

  // ---- Payline: a transaction id the simulator cannot hold (26 emoji: 26 characters for remise, 52
  // UTF-16 units for the simulator's 50) is "not sent", and the previous answer is not left as its own.
  await pick('gateway', 'payline');
  if (await available('payline')) {
    await pick('operation', 'getTransactionDetails');
    await page.locator('#answer').selectOption({ label: 'Authorised, not captured, 30.00 EUR' });
    await page.locator('#send').click();
    await page.waitForFunction(() => document.querySelector('#answer-badge').textContent === 'decoded');
    await input('transactionId').fill('\u{1F600}'.repeat(26));
    assert.equal(await text('#validity'), 'valid');
    await page.locator('#send').click();
    await page.waitForFunction(() => document.querySelector('#answer-badge').textContent === 'not sent');
    assert.match(await text('#decoded'), /^Not sent: the simulator cannot hold this transaction \(/);
    assert.equal(await text('#exchange'), '');
    done.push('payline not sent');
  }

  // ---- Sogenactif Office Batch: one CANCEL record
  await pick('gateway', 'sogenactif-batch');
  if (!(await available('sogenactif-batch'))) {
    assert.match(await text('#unsupported'), /Sogenactif batch is not in this build of remise yet/);
    skipped.push('sogenactif batch (sogenactif is UNSUPPORTED in this build)');
  } else {
    await pick('operation', 'cancel');
    await input('records[0].amount').fill('5,00');
    assert.match(await field('records[0].amount').locator('.issue').innerText(), /\w+/);
    assert.match(await text('#validity'), /problem/);
    await input('records[0].amount').fill('500');
    assert.equal(await text('#validity'), 'valid');
    const file = await text('#request');
    assert.match(file, /^FILE;request;office;v19\nHEADER;011223344550000;\d{4}-\d\d-\d\d[+-]\d{4};\d\d:\d\d:\d\d[+-]\d{4};1\n/);
    assert.match(file, /\nCANCEL;1;011223344550000;ORDER1;500;978;BATCH;;\nEND;1\n?$/);
    await page.locator('#answer').selectOption({ label: 'To capture, 10.00 EUR' });
    await page.locator('#send').click();
    await page.waitForFunction(() => document.querySelector('#answer-badge').textContent !== '');
    const decoded = await text('#decoded');
    assert.match(decoded, /"responseCode": "00"/);
    assert.match(decoded, /"method": "cancel"/);
    // Cancelling 5.00 on a cancelled transaction: the simulator rejects the line with 24.
    await page.locator('#answer').selectOption({ label: 'Cancelled' });
    await page.locator('#send').click();
    await page.waitForFunction(() => /"responseCode": "24"/.test(document.querySelector('#decoded').textContent));
    await shot('sogenactif-batch');
    done.push('sogenactif batch');
  }

  assert.deepEqual(problems, [], 'no console errors');
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const version = browser.version();
  console.log(
    `browser chromium ${version}: ok ${done.length} steps (${done.join(', ')})` +
      (skipped.length ? `; skipped: ${skipped.join('; ')}` : '') +
      ` [${secs}s, screenshots in ${out}/]`,
  );
} catch (e) {
  console.log(`browser: FAIL ${e.message}${problems.length ? ` (page: ${problems.join(' | ')})` : ''}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
