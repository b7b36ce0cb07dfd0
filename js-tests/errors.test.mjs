import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { entries, thrown, rejected } from './entries.mjs';

const [[, esm], [, cjs]] = entries;

test('each entry throws its own RemiseError class', () => {
  const a = thrown(() => esm.money.toMinor('x', 'EUR'));
  const b = thrown(() => cjs.money.toMinor('x', 'EUR'));
  assert.ok(a instanceof esm.RemiseError && !(a instanceof cjs.RemiseError));
  assert.ok(b instanceof cjs.RemiseError && !(b instanceof esm.RemiseError));
  assert.ok(esm.isRemiseError(b) && cjs.isRemiseError(a));
});

test('isRemiseError works across realms and rejects look-alikes', () => {
  const foreign = vm.runInNewContext('Object.assign(new Error("m"), { name: "RemiseError", code: "TIMEOUT" })');
  assert.ok(!(foreign instanceof Error));
  assert.ok(esm.isRemiseError(foreign));
  assert.ok(!esm.isRemiseError(new Error('x')));
  assert.ok(!esm.isRemiseError({ name: 'RemiseError' }));
  assert.ok(!esm.isRemiseError(null));
  assert.ok(!esm.isRemiseError('RemiseError'));
});

test('the error carries every documented property and a stack', () => {
  const e = thrown(() => esm.money.toMinor('0.001', 'EUR'));
  assert.equal(e.name, 'RemiseError');
  assert.equal(e.code, 'AMOUNT_PRECISION');
  assert.equal(e.field, 'amount');
  assert.equal(e.retryable, false);
  assert.equal(e.outcome, undefined);
  assert.equal(typeof e.stack, 'string');
  assert.ok(String(e).startsWith('RemiseError: '));
});

for (const [entry, m] of entries) {
  test(`${entry}: the instance keeps working after 1 000 thrown errors`, () => {
    for (let i = 0; i < 1000; i++) {
      const e = thrown(() => m.money.toMinor(i % 2 ? `-${i}` : { amount: i }, i % 3 ? 'EUR' : 'NOPE'));
      assert.ok(e instanceof m.RemiseError);
    }
    assert.equal(m.money.toMinor('300.50', 'EUR'), 30050);
    assert.equal(m.money.fromMinor(30050, 'EUR'), '300.50');
  });
}

test('every VALIDATION error lists its problem in issues, at its field', () => {
  // Errors about a whole argument (a table name, an HTTP status, missing options, a clock) once
  // came with `issues: []`, so a UI that shows `e.issues` showed nothing.
  const { money, payline } = esm;
  const cases = [
    [() => money.currencies('bogus'), 'table', 'ENUM'],
    [() => money.toMinor('1', 'EUR', 5), 'table', 'TYPE'],
    [() => money.fromMinor(1, 'EUR', 5), 'table', 'TYPE'],
    [() => payline.request('doReset', { transactionID: '1' }, undefined), 'options', 'REQUIRED'],
    [() => payline.parseResponse('doCapture', '<x/>', 5), 'httpStatus', 'RANGE'],
    [() => payline.checkReAuthorization({}, {}, 5), 'now', 'TYPE'],
  ];
  for (const [call, field, code] of cases) {
    const e = thrown(call);
    assert.equal(e.code, 'VALIDATION', String(call));
    assert.equal(e.field, field, String(call));
    assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [[field, code]], String(call));
    assert.ok(e.issues[0].message.length > 10 && e.message.includes(e.issues[0].message), String(call));
  }
});

test('a whole input that cannot be read is named (input), as every reader names it', async () => {
  // A helper's attack (2026-12-06): a BigInt or Symbol body was named '' (": is a BigInt…"), one whose
  // toJSON threw had no field; a null body was already '(input)'.
  const { systempay } = esm;
  const options = { shopId: '73239078', password: 'testpassword_x' };
  const client = new systempay.Client({ ...options, fetch: async () => { throw new Error('not sent'); } });
  for (const body of [5n, Symbol('x'), { uuid: 'a'.repeat(32), toJSON() { throw new Error('boom'); } }, null]) {
    for (const e of [thrown(() => systempay.request('Transaction/Get', body, options)), await rejected(client.getTransaction(body))]) {
      assert.equal(e.code, 'VALIDATION');
      assert.equal(e.field, '(input)');
      assert.deepEqual(e.issues.map((i) => i.field), ['(input)']);
      assert.equal(e.message, `(input): ${e.issues[0].message}`);
    }
  }
});

test('a Promise where a value is expected (a forgotten await) is named at its path: "await it first"', async () => {
  // JSON writes a Promise `{}`: a Systempay body read as empty ("uuid: is required"), a Sips call's
  // preflight data as none, so the check was off and the cancel sent (a new user's walk, twenty-second pass).
  for (const { systempay, sogenactif, money } of [esm, cjs]) {
    let sent = 0;
    const fetch = async () => {
      sent += 1;
      throw new Error('sent');
    };
    const sp = new systempay.Client({ shopId: '69876357', password: 'testpassword_x', fetch });
    const office = new sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, fetch });
    const cancel = { transactionReference: 'ORDER42', operationAmount: 100, currencyCode: 'EUR' };
    const cases = [
      [await rejected(sp.refund((async () => ({ uuid: 'a'.repeat(32), amount: 100 }))())), '(input)'],
      [await rejected(office.cancel(cancel, { transaction: Promise.resolve({ transactionStatus: 'CANCELLED' }) })), 'callOptions.transaction'],
      [thrown(() => sogenactif.office.request('cancel', cancel, { merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, transaction: Promise.resolve({}) })), 'options.transaction'],
      [thrown(() => money.toMinor(Promise.resolve('1.00'), 'EUR')), 'amount'],
    ];
    for (const [e, field] of cases) {
      assert.equal(e.code, 'VALIDATION', field);
      assert.deepEqual(e.issues.map((i) => [i.field, i.code, i.message]), [[field, 'TYPE', 'is a Promise: await it first']]);
    }
    // A Promise of another realm, a thenable without own keys, and a Promise given as the client's
    // options (the review of the pass: sent, or "shopId is required").
    const foreign = vm.runInNewContext('Promise.resolve({ transactionStatus: "CANCELLED" })');
    const thenable = Object.create({ then(resolve) { resolve({}); } });
    for (const transaction of [foreign, thenable]) {
      const e = await rejected(office.cancel(cancel, { transaction }));
      assert.deepEqual(e.issues.map((i) => [i.field, i.message]), [['callOptions.transaction', 'is a Promise: await it first']]);
    }
    // A Promise as a Systempay call's options: its signal dropped, the refund sent (the review of the pass).
    const aborted = Promise.resolve({ signal: AbortSignal.abort() });
    const asOptions = await rejected(sp.refund({ uuid: 'a'.repeat(32), amount: 100 }, aborted));
    assert.deepEqual(asOptions.issues.map((i) => [i.field, i.message]), [['callOptions', 'is a Promise: await it first']]);
    const options = thrown(() => new systempay.Client(Promise.resolve({ shopId: '69876357', password: 'testpassword_x' })));
    assert.deepEqual(options.issues.map((i) => [i.field, i.code, i.message]), [['options', 'TYPE', 'is a Promise: await it first']]);
    assert.equal(sent, 0, 'nothing sent');
    // A Map is still "not plain data".
    assert.match(thrown(() => money.toMinor(new Map(), 'EUR')).message, /is not plain data/);
  }
});

test('a lone surrogate beside other problems: every issue at once, as for NaN', () => {
  // A helper's attack (twenty-second pass): the surrogate's issue alone came back; the too-long
  // sequenceNumber and the bad media were not listed (a NaN beside them already was).
  for (const { payline } of [esm, cjs]) {
    const params = {
      transactionID: '14340105742592', payment: { amount: 1000, currency: 'EUR', action: 201, mode: 'CPT' },
      sequenceNumber: 'x'.repeat(60), media: 'computer', miscData: 'caf\ud83d',
    };
    const e = thrown(() => payline.request('doCapture', params, { merchantId: '111111111', accessKey: 'k' }));
    assert.deepEqual(e.issues.map((i) => [i.field, i.code]).sort(), [['media', 'ENUM'], ['miscData', 'FORBIDDEN_CHARACTER'], ['sequenceNumber', 'TOO_LONG']]);
    assert.equal(e.issues[0].field, 'miscData', 'the unreadable value first');
  }
  // Beside a NaN in another argument, or a left-out top-level text: as before the fix (its first version
  // hid the surrogate behind the NaN, and named the text `null` at its own path: the review of the pass).
  const { systempay, payline } = esm;
  const tx = { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: NaN, currency: 'EUR', detailedStatus: 'CAPTURED', operationType: 'DEBIT' };
  const both = thrown(() => systempay.planCancelOrRefund(tx, { uuid: tx.uuid, amount: 1500, currency: 'EUR\ud800' }));
  assert.deepEqual(both.issues.map((i) => [i.field, i.code]), [['transaction.amount', 'TYPE'], ['request.currency', 'FORBIDDEN_CHARACTER']]);
  const operation = thrown(() => payline.request('doRe\ud800', { transactionID: '1' }, { merchantId: NaN, accessKey: 'k' }));
  assert.deepEqual(operation.issues.map((i) => [i.field, i.code]), [['operation', 'FORBIDDEN_CHARACTER']]);
});

test('a secret used as a client option name stays out of the error, letters only or not', () => {
  // README: "a secret pasted into shopId or used as an option name stays out of the error". Keys
  // of letters only passed the old test (up to 24 letters or '_').
  const { payline, systempay, sogenactif } = esm;
  const cases = [
    ['AFjuXHplQzvamffOwJLm', () => new payline.Client({ merchantId: '111111111', accessKey: 'k', AFjuXHplQzvamffOwJLm: 1 })],
    ['prodpassword_SECRETXYZ', () => new systempay.Client({ shopId: '69876357', password: 'p', prodpassword_SECRETXYZ: 1 })],
    ['afjuxhplqzvamffowjlm', () => new sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, afjuxhplqzvamffowjlm: 1 })],
    // 16 letters or fewer, but an upper-case first letter: no option name starts so.
    ['Xkqzjvbwmtlrpady', () => new systempay.Client({ shopId: '69876357', password: 'p', Xkqzjvbwmtlrpady: 1 })],
  ];
  for (const [secret, make] of cases) {
    const e = thrown(make);
    assert.equal(e.code, 'VALIDATION', secret);
    const seen = JSON.stringify({ message: e.message, field: e.field, issues: e.issues });
    assert.ok(!seen.includes(secret), `${secret}: ${seen}`);
    assert.match(seen, /unknown key of \d+ characters \(not shown/);
  }
  // A misspelt option is still named, with its suggestion, transport options included (the
  // gateway's reader never sees those), and a function under a misspelt key is not dropped: a
  // test's mock `fetch` would have been ignored for the global one.
  const typo = thrown(() => new systempay.Client({ shopId: '69876357', password: 'p', timeoutMS: 5 }));
  assert.match(typo.message, /timeoutMS/);
  const mock = async () => new Response('{}');
  const make = {
    systempay: (extra) => new systempay.Client({ shopId: '69876357', password: 'p', ...extra }),
    payline: (extra) => new payline.Client({ merchantId: '111111111', accessKey: 'k', ...extra }),
    office: (extra) => new sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, ...extra }),
  };
  for (const [gw, client] of Object.entries(make)) {
    for (const [extra, key, near] of [[{ Fetch: mock }, 'Fetch', 'fetch'], [{ TimeoutMs: 1 }, 'TimeoutMs', 'timeoutMs'], [{ fetsh: mock }, 'fetsh', undefined]]) {
      const e = thrown(() => client(extra));
      assert.equal(e.code, 'VALIDATION', `${gw} ${key}`);
      // Named with its hint where the gateway's reader knows the transport options (Systempay,
      // Payline); Sips's reader does not (size), so an upper-case key there is reported by length.
      const named = gw !== 'office' || !/^[A-Z]/.test(key);
      assert.ok(e.issues.some((i) => i.field === (named ? `options.${key}` : 'options') && i.code === 'UNKNOWN_FIELD'), `${gw} ${key}: ${JSON.stringify(e.issues)}`);
      if (near && named) assert.match(e.message, new RegExp(`did you mean '${near}'`), `${gw} ${key}`);
    }
    // `debug: true` / `fetch: true` were accepted as if a function had been given (no event, the global
    // fetch used), while `false` was refused (a new user's walk, twenty-second pass).
    for (const key of ['debug', 'fetch']) {
      // (And objects whose JSON is `true`: the review of the pass.)
      for (const v of [true, false, 1, 'yes', new Boolean(true), { toJSON: () => true }]) {
        const e = thrown(() => client({ [key]: v }));
        assert.equal(e.code, 'VALIDATION', `${gw} ${key}: ${v}`);
        assert.ok(e.issues.some((i) => i.field === `options.${key}` && /must be a function/.test(i.message)), `${gw} ${key}: ${v} ${JSON.stringify(e.issues)}`);
      }
    }
  }
});

test('a card number given in the wrong field is masked in the error, its message, field and issues', async () => {
  // A helper's attack: 4970100000325734 (it passes the Luhn check) typed as a Systempay uuid or
  // currency, a Sips currencyCode or a Payline key was quoted whole by VALIDATION errors.
  const PAN = '4970100000325734';
  const SP = { shopId: '69876357', password: 'testpassword_x' };
  const errors = [];
  for (const R of [esm, cjs]) {
    errors.push(thrown(() => R.systempay.request('Transaction/CancelOrRefund', { uuid: PAN, amount: 100, currency: 'EUR' }, SP)));
    errors.push(thrown(() => R.systempay.request('Transaction/Refund', { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: 100, currency: PAN }, SP)));
    errors.push(thrown(() => R.sogenactif.office.request('cancel', { transactionReference: 'A1', operationAmount: 100, currencyCode: PAN }, { merchantId: '002001000000001', secretKey: 'k', keyVersion: 1 })));
    errors.push(thrown(() => R.payline.request('doCapture', { transactionID: '1', payment: { amount: 1, currency: 'EUR', action: 201, mode: 'CPT' }, [PAN]: 'x' }, { merchantId: '1', accessKey: 'k' })));
    errors.push(await rejected(new R.systempay.Client(SP).getTransaction({ uuid: PAN })));
    // As a key whose value JS cannot read (a throwing getter, a cycle): named by the JS side, it was
    // shown whole while NaN under the same key was masked (a helper's fuzz, twentieth pass); and as
    // an unknown call option of a client (masked by the Sips client's core, not by the others').
    const boom = { get a() { throw new Error('x'); } };
    const cycle = {};
    cycle.o = cycle;
    errors.push(thrown(() => R.money.toMinor({ [PAN]: boom }, 'EUR')));
    errors.push(thrown(() => R.systempay.request('Transaction/Get', { uuid: 'a0b61d1e159748eaab876cfe342e8c08', [PAN]: boom }, SP)));
    errors.push(thrown(() => R.sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1 }, records: [{ method: 'cancel', [PAN]: cycle }] })));
    errors.push(await rejected(new R.systempay.Client({ ...SP, fetch: async () => new Response('{}') }).getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, { [PAN]: 1 })));
    errors.push(await rejected(new R.payline.Client({ merchantId: '1', accessKey: 'k', fetch: async () => new Response('') }).getTransactionDetails({ transactionId: '1' }, { [PAN]: 1 })));
  }
  for (const e of errors) {
    assert.equal(e.code, 'VALIDATION');
    const shown = JSON.stringify({ message: e.message, field: e.field, issues: e.issues });
    assert.ok(!shown.includes(PAN), shown);
    assert.ok(!shown.includes(PAN.slice(0, 12)), shown);
    assert.match(shown, /\*{12}5734/, 'the last four digits stay, to recognise it');
  }
  // As the key of a number JavaScript would round, in a stateless parseResponse's MALFORMED_RESPONSE
  // (the review of the twentieth pass: the client masked it, the stateless entry did not).
  for (const R of [esm, cjs]) {
    const answer = `{"webService":"Transaction/Get","version":"V4","status":"SUCCESS","answer":{"${PAN}":123456789012345678901},"_type":"V4/WebService/Response"}`;
    const e = thrown(() => R.systempay.parseResponse(answer, 200));
    assert.equal(e.code, 'MALFORMED_RESPONSE', e.message);
    const shown = JSON.stringify({ message: e.message, field: e.field });
    assert.ok(!shown.includes(PAN.slice(0, 12)), shown);
    assert.match(shown, /\*{12}5734/);
  }
  // A card number cut by a message's `…` (values are quoted to 40 characters) is masked whole.
  const cut = thrown(() => esm.systempay.request('Transaction/CancelOrRefund', { uuid: 'a'.repeat(25) + PAN, amount: 100, currency: 'EUR' }, SP));
  const cutShown = JSON.stringify({ message: cut.message, issues: cut.issues });
  assert.ok(!cutShown.includes(PAN.slice(0, 8)) && !cutShown.includes(PAN.slice(4, 12)), cutShown);
  assert.match(cutShown, /a{25}\*{15}…/);
  // Fewer digits left before the cut (11 of 16), or the cut right after a group's separator (a second
  // review): masked too.
  for (const uuid of ['a'.repeat(29) + PAN, 'a'.repeat(25) + '4970 1000 0032 5734', 'a'.repeat(25) + '4970-1000-0032-5734']) {
    const e = thrown(() => esm.systempay.request('Transaction/CancelOrRefund', { uuid, amount: 100, currency: 'EUR' }, SP));
    const shown = JSON.stringify({ message: e.message, issues: e.issues });
    assert.ok(!/[0-9]{4}[ -]?[0-9]{4}/.test(shown.replace('a0b61d1e159748eaab876cfe342e8c08', '')), shown);
  }
  // Grouped with dots or no-break spaces (a review of the pass): masked too.
  for (const grouped of ['4970.1000.0032.5734', '4970\u00a01000\u00a00032\u00a05734']) {
    const e = thrown(() => esm.systempay.request('Transaction/Refund', { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: 100, currency: grouped }, SP));
    const shown = JSON.stringify({ message: e.message, issues: e.issues });
    assert.ok(!shown.includes('4970') && !shown.includes('0032'), shown);
    assert.match(shown, /5734/);
  }
  // A number that is no card number (the Luhn check fails) is quoted as it is.
  const e = thrown(() => esm.systempay.request('Transaction/CancelOrRefund', { uuid: '4970100000325735', amount: 100, currency: 'EUR' }, SP));
  assert.match(JSON.stringify(e.issues), /4970100000325735/);
  // The converter's rejects too.
  const conv = esm.sogenactif.batch.createConverter({ header: { remitterId: '023101122334455', sequence: 1, date: '2021-12-16+0100', time: '14:26:45+0100' }, input: 'ndjson' });
  conv.push(new TextEncoder().encode(JSON.stringify({ method: 'refund', merchantId: '023101122334456', transactionReference: 'R1', operationAmount: 1, currencyCode: PAN }) + '\n'));
  const rejects = conv.takeRejects();
  assert.equal(rejects.length, 1);
  assert.ok(!JSON.stringify(rejects).includes(PAN), JSON.stringify(rejects));
});

// A helper's attack (nineteenth pass): a value JSON cannot carry (NaN, a BigInt, …) hid every other
// issue of the call: the core's check of those runs first and stopped there. The call is made again
// without them, and every issue comes at once, the unreadable values' own first.
for (const [entry, R] of entries) {
  test(`${entry}: NaN or a BigInt in the input does not hide the input's other issues`, () => {
    const wc = (i, extra = {}) => ({ method: 'walletCredit', merchantId: '023101122334456', transactionReference: 'W' + i, amount: 100 + i, merchantWalletId: 'W42', paymentMeanId: '1', currencyCode: 'EUR', ...extra });
    const e = thrown(() => R.sogenactif.batch.build({ header: { remitterId: 'x', sequence: 1 }, records: [wc(0, { amount: NaN }), wc(1, { amount: -1, currencyCode: 'ZZZ' })] }));
    const fields = e.issues.map((i) => i.field);
    assert.equal(e.code, 'VALIDATION');
    assert.equal(fields[0], 'records[0].amount');
    assert.match(e.issues[0].message, /NaN/);
    for (const f of ['header.remitterId', 'records[1].amount', 'records[1].currencyCode']) assert.ok(fields.includes(f), `${f} in ${fields}`);
    // The NaN is not reported a second time as missing.
    assert.equal(fields.filter((f) => f === 'records[0].amount').length, 1);
    assert.match(e.message, new RegExp(`^${e.issues.length} problems: records\\[0\\]\\.amount: `));

    const sp = thrown(() => R.systempay.request('Transaction/Refund', { uuid: 'nope', amount: 10n, currency: 'EUR' }, { shopId: '73239078', password: 'testpassword_x' }));
    assert.deepEqual(sp.issues.map((i) => i.field), ['amount', 'uuid']);
    // Alone, as before.
    const alone = thrown(() => R.systempay.request('Transaction/Refund', { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: Infinity }, { shopId: '73239078', password: 'testpassword_x' }));
    assert.deepEqual(alone.issues.map((i) => i.field), ['amount']);
    // The merge only where the first error names every left-out value (the review of the pass): a
    // BigInt shopId beside a NaN amount read back as "options.shopId: is required"; a whole argument
    // left out as every field missing.
    const both = thrown(() => R.systempay.request('Transaction/Refund', { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: NaN, currency: 'EUR' }, { shopId: 73239078n, password: 'testpassword_x' }));
    assert.ok(!both.issues.some((i) => i.code === 'REQUIRED'), both.message);
    assert.equal(both.issues[0].field, 'amount');
    const whole = thrown(() => R.sogenactif.batch.build(5n));
    assert.deepEqual(whole.issues.map((i) => i.field), ['(input)']);
    assert.equal(R.money.toMinor('12.34', 'EUR'), 1234);
  });
}

test('a fuzz of every export (twenty-first pass): statuses read as the core reads them, secrets out of call options, issue lists capped and counted, arrays as options refused at once', async () => {
  const { payline, systempay } = entries[0][1];
  // A status given as an object with toJSON (the core reads 503) whose valueOf throws: a RemiseError.
  const fault = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>busy</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
  const odd = thrown(() => payline.parseResponse('getTransactionDetails', fault, { toJSON: () => 503, valueOf() { throw new Error('valueOf'); } }));
  assert.deepEqual([odd.name, odd.code, odd.retryable], ['RemiseError', 'GATEWAY_ERROR', true]);
  // The client's own secret as a call option's name is taken out (it was quoted whole).
  const PW = 'testpassword_SECRETpw9f8e7d6c5b';
  const fetch = async () => new Response('{}');
  const client = new systempay.Client({ shopId: '69876357', password: PW, fetch });
  const leaked = await rejected(client.getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, { [PW]: 1 }));
  assert.equal(leaked.code, 'VALIDATION');
  assert.ok(!JSON.stringify([leaked.message, leaked.field, leaked.issues]).includes(PW), leaked.message);
  // 2000 unknown call options: the first 1000 listed, all counted, as the core counts; a typed array as
  // options is one issue (2^24 elements made as many and crashed the process).
  const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`opt${i}`, 1]));
  const capped = await rejected(client.getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, many));
  assert.equal(capped.issues.length, 1000);
  assert.match(capped.message, /^2000 problems \(the first 1000 are listed in issues\): /);
  const typed = await rejected(client.getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, new Uint8Array(1 << 24)));
  assert.deepEqual(typed.issues.map((i) => [i.field, i.code]), [['callOptions', 'TYPE']]);
  assert.deepEqual(thrown(() => new systempay.Client(new Uint8Array(8))).issues.map((i) => [i.field, i.code]), [['options', 'TYPE']]);
  // A merge keeps the core's count: 1500 bad params (the core lists 1000) and a bad baseUrl are 1501.
  const params = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`junk${i}`, 1]));
  const merged = thrown(() => payline.request('doReset', { transactionID: '1', ...params }, { merchantId: '1', accessKey: 'k', baseUrl: 'https://x.test/V4/services/DirectPaymentAPI' }));
  assert.equal(merged.issues.length, 1000);
  assert.match(merged.message, /^1501 problems \(the first 1000 are listed in issues\): /);
  // The count of a second check's error comes along (the fourth review: 1500 bad params under bad options
  // read "1001 problems"), the Sips client refuses a typed array or String object as call options at once
  // (its core ran out of memory on 2^24 bytes), and a user's key that reads like a count is not one.
  const counted = thrown(() => payline.request('doReset', { transactionID: '1', ...params }, { accessKey: 'k' }));
  assert.match(counted.message, /^1501 problems \(the first 1000 are listed in issues\): options\.merchantId: /);
  const office = new entries[0][1].sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1, fetch });
  for (const bad of [new Uint8Array(1 << 24), new String('x'.repeat(1 << 20)), [1, 2]]) {
    const e = await rejected(office.cancel({ transactionReference: 'T1', currencyCode: 'EUR', operationAmount: 100 }, bad));
    assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [['callOptions', 'TYPE']]);
  }
  const spoof = thrown(() => payline.request('doReset', { transactionID: '1', ['9999 problems (the first 1 are listed']: 1 }, { merchantId: '1', accessKey: 'k', baseUrl: 'https://x.test/V4/services/DirectPaymentAPI' }));
  assert.match(spoof.message, /^2 problems: /);
  // A card number grouped by tabs, which the core quotes as `\t`: masked as one grouped by spaces.
  const tabbed = thrown(() => entries[0][1].money.toMinor('4970\t1000\t0000\t0055', 'EUR'));
  assert.ok(!/4970|1000\\t0000/.test(tabbed.message), tabbed.message);
  assert.match(tabbed.message, /\*\*\*\*\\t\*\*\*\*\\t\*\*\*\*\\t0055/);
  // A URL object as Payline's baseUrl is read as its text, as the core reads it (it passed the rule).
  assert.equal(thrown(() => new payline.Client({ merchantId: '1', accessKey: 'k', baseUrl: new URL('https://x.test/V4/services/DirectPaymentAPI') })).field, 'options.baseUrl');
});

test("remise's rewording of the core's short messages touches its own words only, in the issues and where the message quotes them", () => {
  // A helper's differential fuzz against the session's first package, twenty-fifth pass.
  const { money, payline, systempay, sogenactif } = esm;
  const PL = { merchantId: '111111111', accessKey: 'AFju9XHplQzvamffO72L' };
  // Payline's order amounts named otherwise than `…amount` (taxes, a detail's price, the delivery
  // charge: minor units, N12) keep the amount words; a quantity (a count) goes without them.
  const order = { ref: 'R1', amount: 1000, currency: 978, date: '2024-12-15T12:00:00Z', taxes: 1.5, deliveryCharge: 2.5, details: [{ ref: 'a', price: 10.5, quantity: 1.5 }] };
  const e = thrown(() => payline.request('doReAuthorization', { transactionID: '14340105742592', payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' }, order }, PL));
  const said = Object.fromEntries(e.issues.map((i) => [i.field, i.message]));
  for (const [field, got] of [['order.taxes', '1.5'], ['order.deliveryCharge', '2.5'], ['order.details[0].price', '10.5']]) {
    assert.equal(said[field], `must be a non-negative whole number (a safe integer; an amount is in minor units, 1050 for 10.50), got ${got}`, field);
  }
  assert.equal(said['order.details[0].quantity'], 'must be a non-negative whole number (a safe integer), got 1.5');
  // A gateway's own words are quoted as it wrote them, in the message as in gatewayMessage, even when
  // they read like remise's.
  const words = "unknown currency '191' for the iso table: give an ISO 4217 alpha-3 code in upper case like 'EUR' or a numeric code like 978";
  const g = thrown(() => systempay.parseResponse(JSON.stringify({ webService: 'Transaction/Get', version: 'V4', status: 'ERROR', answer: { errorCode: 'INT_009', errorMessage: words, _type: 'V4/WebService/WebServiceError' }, _type: 'V4/WebService/Response' })));
  assert.equal(g.code, 'GATEWAY_ERROR');
  assert.ok(g.message.includes(words) && !g.message.includes('was withdrawn'), g.message);
  // A field name of the caller's that holds such a text stays as written, in the message too; the
  // issue it copies is reworded where it stands.
  const key = 'x; records[0].merchantId: must be exactly 15 digits, got 5';
  const record = { method: 'walletCredit', recordSequence: 1, merchantId: '12345', transactionReference: 'T1', amount: 100, currencyCode: 'EUR', merchantWalletId: 'w', paymentMeanId: '1', [key]: 1 };
  const b = thrown(() => sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1 }, records: [record] }));
  assert.equal(b.issues[0].message, 'must be exactly 15 digits, got 5 digits');
  assert.ok(b.issues.some((i) => i.field === `records[0].${key}`), JSON.stringify(b.issues));
  assert.ok(b.message.includes(`records[0].merchantId: must be exactly 15 digits, got 5 digits; `), b.message);
  assert.ok(b.message.includes(`records[0].${key}: `), b.message);
  // The caller's key first, followed by another part: the message is the core's parts, reworded where
  // they are the issues' own (the review of the pass: the key's copy was reworded, the real one not).
  const first = "x; records[0].merchantId: must be exactly 15 digits, got 5; y";
  const f = thrown(() => sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1, [first]: 1 }, records: [{ ...record, [key]: undefined, merchantId: '12345' }] }));
  assert.deepEqual(f.issues.map((i) => i.field), [`header.${first}`, 'records[0].merchantId']);
  assert.equal(f.message, `2 problems: header.${first}: ${f.issues[0].message}; records[0].merchantId: must be exactly 15 digits, got 5 digits`);
  // Past 1 000 issues (a header that says how many are listed), and the converter's (the first alone).
  const many = Array.from({ length: 1001 }, (_, n) => ({ ...record, [key]: undefined, recordSequence: n + 1, merchantId: '023101122334456', currencyCode: 'LTL' }));
  const m = thrown(() => sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1 }, records: many }));
  assert.match(m.message, /^1001 problems \(the first 1000 are listed in issues\): records\[0\]\.currencyCode: unknown currency 'LTL' for the sogenactif table: LTL was withdrawn from ISO 4217: give its successor, EUR, /);
  assert.doesNotMatch(m.message, /alpha-3 code in upper case/);
  const conv = sogenactif.batch.createConverter({ header: { remitterId: '023101122334455', sequence: 1 } });
  conv.push(new TextEncoder().encode(many.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  const c = thrown(() => conv.finish());
  assert.match(c.message, /^1001 problems in 1001 of 1001 records \(the first 1000 are listed in issues\): records\[0\]\.currencyCode: unknown currency 'LTL' for the sogenactif table: LTL was withdrawn/);
  // And money's own error still names a withdrawn code, by letters or number.
  assert.match(thrown(() => money.toMinor('1', 191)).message, /191 \(HRK\) was withdrawn/);
});

test('more values JSON cannot carry than the core names (100): the rest counted, the other issues still found', () => {
  // The review of the twenty-fifth pass: 101 NaN made "100 problems" with 100 issues, the count of the
  // 101st and the body's other issues (a wrong currency, an unknown field) gone; 99 made "101 problems".
  const body = { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: 100, currency: 'XXX', bogus: 1, metadata: {} };
  for (let i = 0; i < 101; i++) body.metadata[`k${i}`] = Number.NaN;
  const e = thrown(() => esm.systempay.request('Transaction/CancelOrRefund', body, { shopId: '69876357', password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M' }));
  assert.equal(e.code, 'VALIDATION');
  // 100 NaN listed, the 101st counted; `currency`, `bogus` and `metadata` (not a CancelOrRefund field).
  assert.equal(e.issues.filter((i) => i.message.startsWith('is NaN')).length, 100);
  assert.deepEqual(e.issues.filter((i) => !i.message.startsWith('is NaN')).map((i) => [i.field, i.code]).sort(), [['bogus', 'UNKNOWN_FIELD'], ['currency', 'UNKNOWN_CURRENCY'], ['metadata', 'UNKNOWN_FIELD']]);
  assert.match(e.message, /^104 problems \(the first 103 are listed in issues\): metadata\.k0: is NaN/);
});

test("a message of several issues names them at the issues' own paths, nested under their argument", () => {
  // The review of the twenty-fifth pass: several lone surrogates in one argument gave "2 problems:
  // shopId: …; password: …" for `options.shopId` and `options.password`, and "[0].orderId" for the
  // records of an addMany (the core nests the paths of its issues, not of a message of more than one).
  const { systempay, payline, sogenactif } = esm;
  const partsOf = (e) => `${e.issues.length} problems: ${e.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`;
  const sp = thrown(() => systempay.request('Transaction/Get', { uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, { shopId: '\uD800', password: 'x\uDC00yyyyyy' }));
  assert.deepEqual(sp.issues.map((i) => i.field), ['options.shopId', 'options.password']);
  assert.equal(sp.message, partsOf(sp));
  const pl = thrown(() => payline.request('doCapture', { transactionID: '\uD800', payment: { amount: 1, currency: '\uDC00' } }, { merchantId: '1', accessKey: 'k' }));
  assert.equal(pl.message, partsOf(pl));
  const rec = { method: 'cancel', merchantId: '011223344550000', transactionReference: 'A', amount: 1, currencyCode: 'EUR', original: { amount: 1, status: 'TO_CAPTURE' } };
  const w = new sogenactif.BatchWriter({ header: { remitterId: '023101122334455', sequence: 1 } });
  w.header();
  w.add(rec);
  const one = thrown(() => w.add({ ...rec, orderId: '\uD800', transactionReference: '\uDC00x' }));
  assert.deepEqual(one.issues.map((i) => i.field), ['records[1].transactionReference', 'records[1].orderId']);
  assert.equal(one.message, partsOf(one));
  const many = thrown(() => w.addMany([{ ...rec, orderId: '\uD800' }, { ...rec, orderId: '\uD801' }]));
  assert.deepEqual(many.issues.map((i) => i.field), ['records[1].orderId', 'records[2].orderId']);
  assert.equal(many.message, partsOf(many));
});

test('past the limits the messages keep the issues\' own paths and count each left-out value once', () => {
  // A review of the twenty-fifth pass: 1 001 lone surrogates in an addMany gave "1001 problems (the
  // first 1000 …): [0].orderId: …" for `records[1].orderId`; 101 NaN amounts made the 101st "is
  // required" beside its count.
  const { sogenactif } = esm;
  const H = { remitterId: '023101122334455', sequence: 1 };
  const rec = { method: 'cancel', merchantId: '011223344550000', transactionReference: 'A', amount: 1, currencyCode: 'EUR', original: { amount: 1, status: 'TO_CAPTURE' } };
  const w = new sogenactif.BatchWriter({ header: H });
  w.header();
  w.add(rec);
  const e = thrown(() => w.addMany(Array.from({ length: 1001 }, () => ({ ...rec, orderId: '\uD800' }))));
  assert.equal(e.issues.length, 1000);
  assert.equal(e.issues[0].field, 'records[1].orderId');
  assert.ok(e.message.startsWith(`1001 problems (the first 1000 are listed in issues): records[1].orderId: ${e.issues[0].message}; records[2].orderId: `), e.message.slice(0, 200));
  // Past 100 left-out values the others' paths are not known: a `REQUIRED` the call without them finds is
  // listed (it may be a field really missing: the header's remitterId, a record's amount or reference,
  // each of which the reviews of the pass found lost once), and the 101st value is counted as well: the
  // total is at most one too many per unnamed value, never too few.
  const nan = thrown(() => sogenactif.batch.build({ header: H, records: Array.from({ length: 101 }, () => ({ ...rec, amount: Number.NaN })) }));
  assert.equal(nan.issues.filter((i) => i.message.startsWith('is NaN')).length, 100);
  assert.deepEqual(nan.issues.filter((i) => i.code === 'REQUIRED').map((i) => i.field), ['records[100].amount']);
  assert.equal(nan.message.split(': ')[0], '102 problems (the first 101 are listed in issues)');
  const records = Array.from({ length: 102 }, () => ({ ...rec, amount: Number.NaN }));
  records[5] = { ...rec, amount: undefined };
  records[7] = { ...rec, amount: Number.NaN, transactionReference: undefined };
  const both = thrown(() => sogenactif.batch.build({ header: { sequence: 1 }, records }));
  assert.deepEqual(both.issues.filter((i) => i.code === 'REQUIRED').map((i) => i.field).sort(), ['header.remitterId', 'records[101].amount', 'records[5].amount', 'records[7].transactionReference']);
  // 101 NaN (100 listed, 1 counted) + the 101st's REQUIRED + records[5].amount, records[7]'s reference,
  // the header's remitterId.
  assert.equal(both.message.split(': ')[0], '105 problems (the first 104 are listed in issues)');
  // Left-out values at optional fields beside a missing required one: none hidden, none too few.
  const optional = Array.from({ length: 101 }, () => ({ ...rec, original: { ...rec.original, amount: Number.NaN } }));
  const o = thrown(() => sogenactif.batch.build({ header: { sequence: 1 }, records: optional }));
  assert.deepEqual(o.issues.filter((i) => i.code === 'REQUIRED').map((i) => i.field), ['header.remitterId']);
  assert.equal(o.message.split(': ')[0], '102 problems (the first 101 are listed in issues)');
});

test('the messages audit, twenty-ninth pass: what was given in place of the text, arguments in another order, the nearest name, a cycle where it closes', async () => {
  for (const R of [esm, cjs]) {
    const SP = { shopId: '69876357', password: 'testpassword_x' };
    const xml = '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>';
    const hinted = (fn, field, hint) => {
      const e = thrown(fn);
      assert.equal(e.code, 'VALIDATION', e.message);
      const i = e.issues.find((x) => x.field === field);
      assert.ok(i, `${field}: ${JSON.stringify(e.issues)}`);
      assert.match(i.message, hint);
      assert.ok(e.message.includes(`${field}: ${i.message}`), e.message);
      return e;
    };
    // A fetch Response, bytes, a parsed answer: told what to give.
    const res = new Response('{"status":"SUCCESS","answer":{}}');
    hinted(() => R.systempay.parseResponse(res), 'text', /must be a string, got an object: give the body's text: await response\.text\(\), and response\.status as the second argument$/);
    // Each reader's own place for the status (one advice for all four was wrong for three: the review).
    hinted(() => R.payline.parseResponse('doCapture', res), 'xml', /await response\.text\(\), and response\.status as the third argument$/);
    hinted(() => R.sogenactif.office.parseResponse(res), 'text', /await response\.text\(\), and response\.status as options\.httpStatus$/);
    hinted(() => R.sogenactif.batch.parseResponse(res), 'text', /give the body's text: await response\.text\(\)$/);
    hinted(() => R.systempay.parseResponse(new Response('x').body), 'text', /read the stream whole first: await new Response\(stream\)\.text\(\)$/);
    hinted(() => R.systempay.parseResponse(new Blob(['x'])), 'text', /read it first: await blob\.text\(\)$/);
    hinted(() => R.systempay.parseResponse({ status: 'SUCCESS', answer: {} }), 'text', /not the object parsed from it/);
    hinted(() => R.payline.parseResponse('doCapture', new TextEncoder().encode(xml)), 'xml', /decode the bytes first: new TextDecoder\(\)\.decode\(bytes\)$/);
    hinted(() => R.sogenactif.office.parseResponse({ responseCode: '00' }), 'text', /not the object parsed from it/);
    hinted(() => R.sogenactif.batch.parseResponse(Buffer.from('FILE;response;office;v19\n')), 'text', /decode the bytes first: .*\(a ZIP is unzipped first\)/);
    // The order of another reader's arguments.
    hinted(() => R.payline.parseResponse(xml), 'xml', /payline\.parseResponse takes \(operation, xml\): the operation first/);
    hinted(() => R.payline.parseResponse(xml, 'doCapture'), 'operation', /payline\.parseResponse takes \(operation, xml\)/);
    hinted(() => R.systempay.parseResponse('Transaction/Get', '{"status":"SUCCESS"}'), 'httpStatus', /systempay\.parseResponse takes \(text, httpStatus\?\): the answer's text first, and no service name/);
    hinted(() => R.sogenactif.office.parseResponse('cancel', '{"responseCode":"00"}'), 'options', /sogenactif\.office\.parseResponse takes \(text, \{ secretKey\? \}\)/);
    // The answer as text is read as ever.
    assert.equal(R.systempay.parseResponse('{"status":"SUCCESS","answer":{"a":1}}').answer.a, 1);
    // The nearest listed name, as a Systempay service gets one.
    const near = [
      [() => R.payline.request('doCaptur', {}, { merchantId: '1', accessKey: 'x' }), 'operation', 'doCapture'],
      [() => R.payline.parseResponse('DoCapture', xml), 'operation', 'doCapture'],
      [() => R.sogenactif.office.request('refunds', {}, { merchantId: '1', secretKey: 'x', keyVersion: 1 }), 'service', 'refund'],
      [() => R.sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1 }, records: [{ method: 'cancell' }] }), 'records[0].method', 'cancel'],
      [() => R.systempay.request('Transaction/CancelOrRefund', { uuid: 'a0b61d1e159748eaab876cfe342e8c08', resolutionMode: 'AUOT' }, SP), 'resolutionMode', 'AUTO'],
    ];
    for (const [fn, field, name] of near) hinted(fn, field, new RegExp(`: Did you mean '${name}'\\? Otherwise use one of `));
    // Nothing near: the list alone.
    const far = thrown(() => R.payline.request('somethingElse', {}, { merchantId: '1', accessKey: 'x' }));
    assert.doesNotMatch(far.message, /Did you mean/);
    assert.match(far.message, /: use one of doReAuthorization/);
    // parseResponse's envelope given to the planner: told to give its answer.
    const tx = { uuid: 'a0b61d1e159748eaab876cfe342e8c08', detailedStatus: 'CAPTURED', status: 'PAID', amount: 100, currency: 'EUR' };
    hinted(() => R.systempay.planCancelOrRefund({ webService: 'Transaction/Get', status: 'SUCCESS', answer: tx }, { uuid: tx.uuid }), 'transaction.detailedStatus', /this is parseResponse's envelope: give its answer/);
    assert.equal(R.systempay.planCancelOrRefund(tx, { uuid: tx.uuid }).operation, 'REFUND');
    // A chargeback (captured, UNPAID) is not refunded: PSP_083.
    const cb = thrown(() => R.systempay.planCancelOrRefund({ ...tx, status: 'UNPAID' }, { uuid: tx.uuid }));
    assert.equal(cb.code, 'OPERATION_NOT_ALLOWED');
    assert.equal(cb.gatewayCode, 'PSP_083');
    assert.equal(cb.field, 'transaction.status');
    // A client's service given as a number: "got a number".
    const client = new R.systempay.Client({ ...SP, fetch: async () => new Response('{}') });
    assert.match((await rejected(client.call(5, {}))).message, /got a number$/);
    // A new payline.Client without options: said once, as the other clients say it.
    const pl = thrown(() => new R.payline.Client());
    assert.deepEqual(pl.issues.filter((i) => i.field === 'options').map((i) => i.message), ['must be an object, got null']);
  }
});

test('the messages audit, twenty-ninth pass: createTransform fed text or bytes without input, a Sips 5xx advised once, a timeout told once to try again', async () => {
  const { Readable, Writable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const header = { remitterId: '023101122334455', sequence: 1, date: '2026-11-30+0100', time: '10:00:00+0100' };
  const record = { method: 'cancel', merchantId: '023101122334456', transactionReference: 'O1', amount: 500, currencyCode: 'EUR' };
  const line = JSON.stringify(record) + '\n';
  for (const [chunk, what] of [[Buffer.from(line), 'bytes'], [line, 'text']]) {
    const rejects = [];
    const t = esm.sogenactif.batch.createTransform({ header });
    t.on('reject', (r) => rejects.push(r));
    const e = await pipeline(Readable.from([chunk], { objectMode: true }), t, new Writable({ write(c, enc, cb) { cb(); } })).then(() => null, (x) => x);
    assert.ok(e, what);
    assert.equal(e.code, 'VALIDATION');
    assert.equal(e.field, 'records[0]');
    assert.equal(e.message, `records[0] is ${what}, not a record object: give createTransform input: 'ndjson' or input: 'csv' to read a file's text or bytes (without input it takes record objects)`);
    assert.equal(rejects.length, 0, 'no record told it lacks a method');
  }
  // An ArrayBuffer chunk, and BatchWriter.add given a file's text or bytes: said the same way.
  const ab = await pipeline(Readable.from([new TextEncoder().encode(line).buffer], { objectMode: true }), esm.sogenactif.batch.createTransform({ header }), new Writable({ write(c, enc, cb) { cb(); } })).then(() => null, (x) => x);
  assert.match(ab?.message ?? '', /^records\[0\] is bytes, not a record object/);
  for (const [given, what] of [[Buffer.from(line), 'bytes'], [line, 'text']]) {
    const w = new esm.sogenactif.BatchWriter({ header });
    w.header();
    const e = thrown(() => w.add(given));
    assert.equal(e.field, 'records[0]');
    assert.equal(e.message, `records[0] is ${what}, not a record object: add takes one record object; a file's text or bytes go to sogenactif.batch.createConverter({ header }).push`);
    assert.match(w.add(record), /^CANCEL;1;/, 'the writer goes on with a record');
  }
  // The same objects go through.
  const out = [];
  await pipeline(Readable.from([record], { objectMode: true }), esm.sogenactif.batch.createTransform({ header }), new Writable({ write(c, enc, cb) { out.push(c); cb(); } }));
  assert.match(Buffer.concat(out).toString(), /^FILE;request;office;/);
  // A Sips money-moving call under 500: its own service's advice, once.
  const SG = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };
  for (const [m, advice] of [['cancel', 'check its status with getTransactionData before sending it again'], ['refund', 'check it in the Sogenactif back office before sending it again']]) {
    const c = new esm.sogenactif.OfficeClient({ ...SG, fetch: async () => new Response('oops', { status: 500 }) });
    const e = await rejected(c[m]({ transactionReference: 'X1', operationAmount: 100, currencyCode: 'EUR' }));
    assert.equal(e.outcome, 'unknown');
    assert.equal(e.message, `sogenactif answered HTTP 500; the ${m} request may have reached sogenactif: ${advice}${m === 'refund' ? ' (a refund does not show in getTransactionData)' : ''}`);
  }
  // The stateless reader keeps its advice for any money-moving call.
  assert.match(thrown(() => esm.sogenactif.office.parseResponse('oops', { httpStatus: 500 })).message, /for a money-moving operation check getTransactionData/);
  // A read that timed out three times: "try again later" once.
  const sp = new esm.systempay.Client({ shopId: '69876357', password: 'testpassword_x', fetch: () => new Promise(() => {}), timeoutMs: 30 });
  const t = await rejected(sp.getTransaction({ uuid: 'a'.repeat(32) }));
  assert.equal(t.code, 'TIMEOUT');
  assert.equal(t.message.split('try again later').length - 1, 1, t.message);
  assert.match(t.message, /\(the read was sent 3 times, remise's retries included\)$/);
});

test('the review on the runtimes, twenty-ninth pass: a Promise, a Node stream or request given to a reader; a cycle back to a client\'s options; Deno\'s reason quoted', async () => {
  const { Readable } = await import('node:stream');
  const { createServer, request } = await import('node:http');
  for (const R of [esm, cjs]) {
    // A Promise keeps its own issue alone ("await it first", not also "not the object parsed from it").
    const p = thrown(() => R.systempay.parseResponse(Promise.resolve('{}')));
    assert.equal(p.issues.find((i) => i.field === 'text')?.message, 'is a Promise: await it first');
    // A Node stream: told to read it whole, not walked ("text.end: is NaN").
    const s = thrown(() => R.sogenactif.batch.parseResponse(Readable.from(['x'])));
    assert.deepEqual(s.issues.map((i) => [i.field, i.message]), [['text', "must be a string, got an object: read the stream whole first: await text(stream) (from 'node:stream/consumers')"]]);
    // A cycle back to a client's options is named where it closes, as the stateless call names it.
    const opts = { shopId: '69876357', password: 'testpassword_x' };
    opts.self = opts;
    const c = thrown(() => new R.systempay.Client(opts));
    assert.equal(c.field, 'options.self');
    assert.match(c.message, /^options\.self: refers back to options \(a cycle\)/);
  }
  // An http.IncomingMessage (a cycle through its socket when walked).
  const srv = createServer((req, res) => res.end('{"status":"SUCCESS"}'));
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const incoming = await new Promise((resolve, reject) => request(`http://127.0.0.1:${srv.address().port}/`, resolve).on('error', reject).end());
  const m = thrown(() => esm.systempay.parseResponse(incoming, incoming.statusCode));
  assert.deepEqual(m.issues.map((i) => i.field), ['text']);
  assert.match(m.message, /read the stream whole first/);
  incoming.resume();
  srv.close();
  // Deno's network errors end with their reason, which is what is quoted (the first 40 characters of
  // "error sending request for url (…)" were, for every fault).
  const denoLike = async () => {
    throw new TypeError('fetch failed', { cause: new Error('error sending request for url (http://127.0.0.1:59999/): client error (Connect): tcp connect error: Connection refused (os error 111)') });
  };
  const e = await rejected(new esm.systempay.Client({ shopId: '69876357', password: 'testpassword_x', fetch: denoLike }).getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }));
  assert.equal(e.code, 'NETWORK_ERROR');
  assert.match(e.message, /^network error \(Connection refused \(os error 111\)\) for Transaction\/Get/);
});
