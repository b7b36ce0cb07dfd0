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

  // ---- the page loads the web build and starts (the server lives through a path that is no
  // percent-encoding: its URIError ended it, a helper's attack of the twenty-sixth pass)
  assert.equal((await fetch(new URL('/%E0%A4%A', server.url))).status, 400);
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
    // Digits a JS number cannot hold are sent as typed (the error quoted 9007199254740992, rounded by
    // Number()); a currency remise refuses has no converted hint ('0978' was read as 978 there only).
    await input('amount').fill('9007199254740993');
    assert.doesNotMatch(await field('amount').locator('.issue').innerText(), /9007199254740992/);
    await input('amount').fill('12345');
    await input('currency').fill('0978');
    assert.doesNotMatch(await field('amount').locator('.hint').innerText(), /123\.45/);
    assert.match(await field('currency').locator('.issue').innerText(), /UNKNOWN_CURRENCY/);
    await input('currency').fill('EUR');
    await input('amount').fill('1500');
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

  // ---- Systempay: the playground's own behaviour (amount hints, credentials, simulator states, stale
  // sends, copy failures, invisible characters)
  await pick('gateway', 'systempay');
  if (await available('systempay')) {
    const badge = () => text('#answer-badge');
    const sendAndWait = async () => {
      await page.evaluate(() => document.querySelector('#answer-badge').replaceChildren());
      await page.locator('#send').click();
      await page.waitForFunction(() => document.querySelector('#answer-badge').textContent !== '');
    };
    // The amount hint follows the gateway's table, as the converter does: Systempay gives CNY 1 fraction
    // digit and KHR 0 (ISO: 2 and 2).
    await pick('operation', 'Transaction/Refund');
    await input('currency').fill('CNY');
    await input('amount').fill('150');
    assert.match(await field('amount').locator('.hint').innerText(), /^= 15\.0 CNY$/, 'CNY hint on the Systempay table');
    await input('currency').fill('KHR');
    assert.match(await field('amount').locator('.hint').innerText(), /^= 150 KHR$/, 'KHR hint on the Systempay table');
    await input('currency').fill('EUR');
    assert.match(await field('amount').locator('.hint').innerText(), /^= 1\.50 EUR$/);

    // Credentials belong to the gateway: a shop id typed on one operation is the one of the others.
    await pick('operation', 'Transaction/CancelOrRefund');
    await page.locator('#creds-box').evaluate((d) => (d.open = true));
    await input('shopId').fill('12345678');
    await pick('operation', 'Transaction/Get');
    assert.equal(await input('shopId').inputValue(), '12345678', 'the shop id is kept across the operations of a gateway');
    assert.match(await text('#request'), /authorization: Basic MTIzNDU2Nzg6/i, 'the request carries the kept shop id');
    // An issue in a credential field is not left inside the closed Credentials box: the box opens
    // (here: the shop id emptied, the box closed, then another operation of the gateway picked).
    await input('shopId').fill('');
    await page.locator('#creds-box').evaluate((d) => (d.open = false));
    await pick('operation', 'Transaction/Validate');
    await pick('operation', 'Transaction/Get');
    assert.match(await field('shopId').locator('.issue').textContent(), /REQUIRED/);
    assert.equal(await page.locator('#creds-box').evaluate((d) => d.open), true, 'the Credentials box opens on an issue in it');
    assert.ok(await field('shopId').locator('.issue').isVisible(), 'the credential issue is visible');
    await input('shopId').fill('69876357');

    // "Expired (never validated)": Get shows it expired, Validate is refused.
    await page.locator('#answer').selectOption({ label: 'Expired (never validated)' });
    await sendAndWait();
    assert.equal(await badge(), 'decoded');
    assert.match(await text('#decoded'), /"detailedStatus": "EXPIRED"/, 'the transaction never validated is expired');
    await pick('operation', 'Transaction/Validate');
    await page.locator('#answer').selectOption({ label: 'Expired (never validated)' });
    await sendAndWait();
    assert.match(await badge(), /PSP_011/, 'an expired transaction cannot be validated');
    await page.locator('#answer').selectOption({ label: 'Authorised, to validate' });
    await sendAndWait();
    assert.equal(await badge(), 'decoded', 'one still to validate is validated');

    // Stale sends. After a send, an edit marks the answer stale (no green badge over an answer to
    // another request); the same values again make it current.
    await pick('operation', 'Transaction/CancelOrRefund');
    await input('resolutionMode').selectOption('');
    await page.locator('#answer').selectOption({ label: 'Captured, 30.00 EUR' });
    await sendAndWait();
    assert.equal(await badge(), 'decoded', 'the refund is decoded');
    assert.equal(await page.locator('#answer-badge').getAttribute('class'), 'badge ok');
    await input('comment').fill('changed');
    assert.ok(await page.locator('#decoded').evaluate((n) => n.classList.contains('stale')), 'the answer is marked stale after an edit');
    assert.doesNotMatch(await page.locator('#answer-badge').getAttribute('class'), /\bok\b/, 'no green badge over a stale answer');
    assert.match(await text('#answer-stale-note'), /form changed/);
    await shot('systempay-stale-answer');
    await input('comment').fill('customer request');
    assert.ok(!(await page.locator('#decoded').evaluate((n) => n.classList.contains('stale'))), 'current again with the values sent');
    assert.equal(await page.locator('#answer-badge').getAttribute('class'), 'badge ok');
    // A send held in flight (the simulator's read of the request body waits for the test).
    const hold = () =>
      page.evaluate(() => {
        const text = Request.prototype.text;
        const waiting = [];
        window.__held = () => waiting.length;
        window.__release = () => {
          Request.prototype.text = text;
          for (const go of waiting.splice(0)) go();
        };
        Request.prototype.text = function () {
          return new Promise((go) => waiting.push(go)).then(() => text.call(this));
        };
      });
    const release = () => page.evaluate(() => window.__release());
    await hold();
    try {
      // (A cancellation is of the whole amount.)
      await input('amount').fill('3000');
      await page.locator('#answer').selectOption({ label: 'Authorised, not captured yet' });
      await page.locator('#send').click();
      await page.waitForFunction(() => window.__held() === 1);
      assert.ok(await page.locator('#send').isDisabled(), 'Send is disabled while a send is in flight');
      // An edit during the send leaves Send disabled; the answer, when it comes, is stale.
      await input('comment').fill('edited while sending');
      assert.ok(await page.locator('#send').isDisabled(), 'an edit during a send does not re-enable Send');
      await release();
      await page.waitForFunction(() => /"detailedStatus": "CANCELLED"/.test(document.querySelector('#decoded').textContent));
      assert.ok(!(await page.locator('#send').isDisabled()), 'Send is enabled once the send settled');
      assert.ok(await page.locator('#decoded').evaluate((n) => n.classList.contains('stale')), 'the answer to the values before the edit is stale');
      // Switching operation during a send: the old send's answer is dropped.
      await hold();
      await page.locator('#send').click();
      await page.waitForFunction(() => window.__held() === 1);
      await pick('operation', 'Transaction/Get');
      assert.ok(!(await page.locator('#send').isDisabled()), 'the new form can be sent');
      await release();
      await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
      assert.equal(await badge(), '', "the old send's answer is not shown under the new form");
      assert.match(await text('#decoded'), /^Send the request to see/);
      assert.equal(await text('#exchange'), '');
    } finally {
      await release().catch(() => {});
    }

    // Copy failures are said: a refused clipboard, then no clipboard (plain http).
    await pick('operation', 'Transaction/CancelOrRefund');
    await page.evaluate(() =>
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } }),
    );
    await page.locator('#copy').click();
    await page.waitForFunction(() => document.querySelector('#copy-status')?.textContent, null, { timeout: 5000 }).catch(() => {});
    assert.ok(await page.locator('#copy-status').isVisible(), 'a failed copy is said');
    assert.match(await text('#copy-status'), /not copied.*NotAllowedError/i, 'a refused clipboard is said');
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined }));
    await page.locator('#copy-curl').click();
    assert.match(await text('#copy-status'), /not copied.*no clipboard/i, 'a page without clipboard says so');

    // Bidi controls and zero-width characters are shown as markers; Copy keeps the exact bytes.
    await page.evaluate(() =>
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (t) => ((window.__copied = t), Promise.resolve()) } }),
    );
    await input('comment').fill('refund \u202Efor order\u202C 42\u200B');
    assert.equal(await text('#validity'), 'valid');
    const shown = await text('#request');
    assert.match(shown, /"comment":"refund ⟨U\+202E⟩for order⟨U\+202C⟩ 42⟨U\+200B⟩"/, 'invisible characters are shown as markers');
    assert.doesNotMatch(shown, /[\u202A-\u202E\u200B]/, 'none is left invisible on screen');
    assert.equal(await page.locator('#request .invisible').count(), 3);
    assert.ok(await page.locator('#invisible-note').isVisible());
    assert.match(await text('#invisible-note'), /3 invisible characters/);
    await shot('systempay-invisible');
    await page.locator('#copy').click();
    await page.waitForFunction(() => window.__copied !== undefined);
    const copied = await page.evaluate(() => window.__copied);
    assert.ok(copied.includes('"comment":"refund \u202Efor order\u202C 42\u200B"'), 'Copy copies the exact bytes');
    assert.ok(!copied.includes('⟨'));
    assert.equal(await text('#copy-status'), '', 'a successful copy clears the failure message');
    await input('comment').fill('customer request');
    assert.ok(await page.locator('#invisible-note').isHidden());
    done.push('systempay playground');
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
    // Nothing to download while the form is invalid, as nothing to copy.
    assert.ok(await page.locator('#copy').isDisabled());
    assert.ok(await page.locator('#download').isDisabled(), 'Download .zip is disabled while the form is invalid');
    await input('records[0].amount').fill('500');
    assert.ok(!(await page.locator('#download').isDisabled()));
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
    assert.equal(await text('#answer-badge'), 'decoded');
    assert.equal(await page.locator('#answer-badge').getAttribute('class'), 'badge ok');
    // Cancelling 5.00 on a cancelled transaction: the simulator rejects the line with 24.
    await page.locator('#answer').selectOption({ label: 'Cancelled' });
    await page.locator('#send').click();
    await page.waitForFunction(() => /"responseCode": "24"/.test(document.querySelector('#decoded').textContent));
    // A file with a rejected line is not shown as fully accepted.
    assert.equal(await text('#answer-badge'), 'decoded · 1 line rejected', 'the badge counts the rejected lines');
    assert.equal(await page.locator('#answer-badge').getAttribute('class'), 'badge warn');
    await shot('sogenactif-batch');
    done.push('sogenactif batch');
    // The Office form offers only the environments remise takes ('simulation' was offered and refused,
    // ENUM: a helper's attack of the twenty-sixth pass).
    await pick('gateway', 'sogenactif-office');
    assert.deepEqual(await page.locator('#creds [data-path="environment"] option').evaluateAll((os) => os.map((o) => o.value)), ['test', 'production']);
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
