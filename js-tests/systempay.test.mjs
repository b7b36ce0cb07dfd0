// systempay.*: request/parseResponse/hash/plan through the package, and the Client against a
// 127.0.0.1 server that records each request and answers recorded V4 envelopes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createHmac } from 'node:crypto';
import { entries, thrown, rejected } from './entries.mjs';
import { startServer, reply } from './server.mjs';

const UUID = 'a0b61d1e159748eaab876cfe342e8c08';
// PayZen demo credentials published by Lyra; the Basic value is printed in the platform's
// authentication page (reference systempay.md §1.1).
const SHOP = '69876357';
const PASSWORD = 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M';
const BASIC = 'Basic Njk4NzYzNTc6dGVzdHBhc3N3b3JkX0RFTU9QUklWQVRFS0VZMjNHNDQ3NXpYWlEyVUE1eDdN';

const envelope = (webService, answer, status = 'SUCCESS') => ({
  webService,
  version: 'V4',
  applicationVersion: '5.30.0',
  status,
  answer,
  ticket: null,
  serverDate: '2026-11-22T10:00:00+00:00',
  applicationProvider: 'SYSTEMPAY',
  metadata: null,
  mode: 'TEST',
  serverUrl: 'https://api.systempay.fr',
  _type: 'V4/WebService/Response',
});
const transaction = (over = {}) => ({
  shopId: SHOP,
  uuid: UUID,
  amount: 3000,
  currency: 'EUR',
  paymentMethodType: 'CARD',
  status: 'PAID',
  detailedStatus: 'CAPTURED',
  operationType: 'DEBIT',
  creationDate: '2026-11-20T09:12:44+00:00',
  metadata: null,
  transactionDetails: { cardDetails: { captureResponse: { refundAmount: 1000, refundCurrency: 'EUR' } } },
  _type: 'V4/Transaction',
  ...over,
});
const CREDIT = transaction({ uuid: 'c97b7e6f3dbc4c239baf283654f34710', operationType: 'CREDIT', amount: 500 });
const CANCELLED = transaction({ status: 'UNPAID', detailedStatus: 'CANCELLED' });
const PSP_075 = envelope(
  'Transaction/CancelOrRefund',
  {
    errorCode: 'PSP_075',
    errorMessage: 'Cancellation impossible, try a refund',
    detailedErrorCode: null,
    detailedErrorMessage: null,
    _type: 'V4/WebService/WebServiceError',
  },
  'ERROR',
);

// One client call per method: [method, args, service, expected body, answer].
const CALLS = [
  ['cancelOrRefund', [{ uuid: UUID, currency: 'EUR', amount: 500 }], 'Transaction/CancelOrRefund',
    `{"uuid":"${UUID}","amount":500,"currency":"EUR","resolutionMode":"AUTO"}`, CREDIT],
  ['cancel', [{ uuid: UUID, comment: 'out of stock' }], 'Transaction/Cancel',
    `{"uuid":"${UUID}","comment":"out of stock"}`, CANCELLED],
  ['refund', [{ uuid: UUID, amount: 500, currency: 978 }], 'Transaction/Refund',
    `{"uuid":"${UUID}","amount":500,"currency":"EUR"}`, CREDIT],
  ['update', [{ uuid: UUID, cardUpdate: { amount: 800, currency: 'EUR' } }], 'Transaction/Update',
    `{"uuid":"${UUID}","cardUpdate":{"amount":800,"currency":"EUR"}}`, transaction({ amount: 800, detailedStatus: 'AUTHORISED' })],
  ['validate', [{ uuid: UUID }], 'Transaction/Validate', `{"uuid":"${UUID}"}`, transaction({ detailedStatus: 'AUTHORISED' })],
  ['duplicate', [{ uuid: UUID, amount: 990, currency: 'EUR', orderId: 'order-2' }], 'Transaction/Duplicate',
    `{"uuid":"${UUID}","amount":990,"currency":"EUR","orderId":"order-2"}`, transaction({ uuid: 'b'.repeat(32), amount: 990 })],
  ['getTransaction', [{ uuid: UUID }], 'Transaction/Get', `{"uuid":"${UUID}"}`, transaction()],
  ['getOrder', [{ orderId: 'order-1', operationType: 'DEBIT' }], 'Order/Get',
    '{"orderId":"order-1","operationType":"DEBIT"}', { transactions: [transaction()], _type: 'V4/OrderTransactions' }],
  ['createPayment', [{ amount: 990, currency: 'EUR', orderId: 'myOrderId-475882', customer: { email: 'sample@example.com' } }],
    'Charge/CreatePayment', '{"amount":990,"currency":"EUR","orderId":"myOrderId-475882","customer":{"email":"sample@example.com"}}',
    { formToken: 'DEMO-TOKEN-01', _type: 'V4/Charge/PaymentForm' }],
  ['call', ['Token/Get', { paymentMethodToken: 'f'.repeat(32) }], 'Token/Get',
    `{"paymentMethodToken":"${'f'.repeat(32)}"}`, { paymentMethodToken: 'f'.repeat(32), _type: 'V4/Token' }],
  ['call', ['Charge/SDKTest', { value: 'ping' }], 'Charge/SDKTest', '{"value":"ping"}', { value: 'ping', _type: 'V4/Charge/SDKTest' }],
];

let srv;
before(async () => {
  const handlers = {};
  for (const [, , service, , answer] of CALLS) {
    handlers[`/api-payment/V4/${service}`] = (req, body, res) => reply(res, 200, envelope(service, answer));
  }
  handlers['/hang/api-payment/V4/Transaction/Refund'] = () => {};
  handlers['/hang/api-payment/V4/Transaction/Get'] = () => {};
  handlers['/drop/api-payment/V4/Transaction/Refund'] = (req, body, res) => res.socket.destroy();
  handlers['/flaky/api-payment/V4/Transaction/Get'] = (req, body, res, n) =>
    n % 2 === 1 ? reply(res, 503, 'Service Unavailable', 'text/plain') : reply(res, 200, envelope('Transaction/Get', transaction()));
  handlers['/busy/api-payment/V4/Transaction/Refund'] = (req, body, res) => reply(res, 503, 'busy', 'text/plain');
  handlers['/error/api-payment/V4/Transaction/CancelOrRefund'] = (req, body, res) => reply(res, 200, PSP_075);
  // An empty 200 (a proxy that dropped the body), counted: a refund's is sent once.
  handlers['/empty/api-payment/V4/Transaction/Refund'] = (req, body, res) => reply(res, 200, '');
  handlers['/empty/api-payment/V4/Transaction/Get'] = (req, body, res) => reply(res, 200, '\r\n');
  handlers['/html/api-payment/V4/Transaction/Get'] = (req, body, res) => reply(res, 200, '<html>maintenance</html>', 'text/html');
  // 2^53 + 1 written in the answer: JSON.parse would give 2^53.
  const huge = (service) => (req, body, res) =>
    reply(res, 200, JSON.stringify(envelope(service, transaction())).replace('"amount":3000', '"amount":9007199254740993'), 'application/json');
  handlers['/huge/api-payment/V4/Transaction/Refund'] = huge('Transaction/Refund');
  handlers['/huge/api-payment/V4/Transaction/Get'] = huge('Transaction/Get');
  srv = await startServer(handlers);
});
after(() => srv.close());

const last = () => srv.requests.at(-1);

for (const [entry, { systempay, RemiseError, isRemiseError }] of entries) {
  const client = (over = {}) => new systempay.Client({ shopId: SHOP, password: PASSWORD, baseUrl: srv.url, ...over });

  test(`${entry}: request builds the documented HttpRequest, warnings non-enumerable`, () => {
    const r = systempay.request('Transaction/CancelOrRefund', { uuid: UUID }, { shopId: SHOP, password: PASSWORD });
    assert.deepEqual(r, {
      method: 'POST',
      url: 'https://api.systempay.fr/api-payment/V4/Transaction/CancelOrRefund',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: BASIC },
      body: `{"uuid":"${UUID}","resolutionMode":"AUTO"}`,
    });
    assert.deepEqual(r.warnings, []);
    assert.equal(Object.keys(r).includes('warnings'), false);
    const c = systempay.request(
      'Transaction/Refund',
      { uuid: UUID, transactionOptions: { cardOptions: { captureDelay: 400 } } },
      { shopId: SHOP, password: PASSWORD, baseUrl: systempay.hosts.payzen },
    );
    assert.equal(c.url, 'https://api.payzen.eu/api-payment/V4/Transaction/Refund');
    assert.equal(c.body, `{"uuid":"${UUID}","transactionOptions":{"cardOptions":{"captureDelay":365}}}`);
    assert.equal(c.warnings.length, 1);
    assert.equal(c.warnings[0].field, 'transactionOptions.cardOptions.captureDelay');
    assert.equal(c.warnings[0].code, 'CLAMPED');
  });

  test(`${entry}: every validation issue at once, with paths`, () => {
    const e = thrown(() =>
      systempay.request(
        'Transaction/CancelOrRefund',
        { uuid: 'A0B6', amout: 1, currency: 'EUR', transactionOptions: { cardOptions: { mid: '123', captureDelay: 1.5 } } },
        { shopId: SHOP, password: PASSWORD },
      ),
    );
    assert.ok(e instanceof RemiseError);
    assert.ok(isRemiseError(e));
    assert.equal(e.code, 'VALIDATION');
    assert.equal(e.gateway, 'systempay');
    assert.deepEqual(
      e.issues.map((i) => [i.field, i.code]),
      [
        ['uuid', 'FORMAT'],
        ['amount', 'REQUIRED'],
        ['transactionOptions.cardOptions.captureDelay', 'TYPE'],
        ['transactionOptions.cardOptions.mid', 'NOT_ALLOWED'],
        ['amout', 'UNKNOWN_FIELD'],
      ],
    );
    assert.equal(e.field, 'uuid');
    assert.ok(!e.message.includes(PASSWORD));
    const u = thrown(() => systempay.request('Transaction/Nope', {}, { shopId: SHOP, password: PASSWORD }));
    assert.equal(u.code, 'UNSUPPORTED');
    const o = thrown(() => systempay.request('Transaction/Get', { uuid: UUID }, { password: PASSWORD }));
    assert.deepEqual(o.issues.map((i) => i.field), ['options.shopId']);
  });

  test(`${entry}: a string cut inside an emoji is FORBIDDEN_CHARACTER at its field, and nothing is sent`, async () => {
    const half = '\u{1F600}'.slice(0, 1);
    const e = thrown(() =>
      systempay.request('Transaction/CancelOrRefund', { uuid: UUID, comment: `caf\u00e9 ${half}x` }, { shopId: SHOP, password: PASSWORD }),
    );
    assert.equal(e.code, 'VALIDATION');
    assert.equal(e.gateway, 'systempay');
    assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [['comment', 'FORBIDDEN_CHARACTER']]);
    assert.match(e.issues[0].message, /unpaired UTF-16 surrogate \(\\ud83d\)/);
    const n = srv.requests.length;
    const c = await rejected(client().refund({ uuid: UUID, comment: half }));
    assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['comment', 'FORBIDDEN_CHARACTER']]);
    // With the call's other issues, as the stateless request lists them (since the twenty-third pass:
    // `x` is no field of Transaction/Get).
    const u = await rejected(client().call('Transaction/Get', { uuid: UUID, x: [half] }));
    assert.deepEqual(u.issues.map((i) => [i.field, i.code]), [['x[0]', 'FORBIDDEN_CHARACTER'], ['x', 'UNKNOWN_FIELD']]);
    const us = thrown(() => systempay.request('Transaction/Get', { uuid: UUID, x: [half] }, { shopId: SHOP, password: PASSWORD }));
    assert.deepEqual(u.issues, us.issues);
    // An empty service name is refused as a blank one is (it was a TypeError: the fifteenth pass).
    for (const service of ['', ' ']) {
      const empty = await rejected(client().call(service, { uuid: UUID }));
      assert.ok(empty instanceof RemiseError, String(empty));
      assert.deepEqual(empty.issues.map((i) => [i.field, i.code]), [['service', 'FORMAT']]);
      assert.match(empty.message, /is not a web service name/);
    }
    assert.equal(srv.requests.length, n);
    // Paired, it is an ordinary character.
    const ok = systempay.request('Transaction/CancelOrRefund', { uuid: UUID, comment: '\u{1F600}' }, { shopId: SHOP, password: PASSWORD });
    assert.equal(JSON.parse(ok.body).comment, '\u{1F600}');
  });

  test(`${entry}: parseResponse`, () => {
    const env = envelope('Transaction/Get', transaction({ futureField: { x: 1 } }));
    assert.deepEqual(systempay.parseResponse(JSON.stringify(env)), env);
    const e = thrown(() =>
      systempay.parseResponse(
        '{"webService":"Charge/CreatePayment","version":"V4","status":"ERROR","answer":{"errorCode":"INT_010","errorMessage":"invalid currency","detailedErrorCode":null,"detailedErrorMessage":"Invalid input value [name=currency, value=TTT]","ticket":"null","_type":"V4/WebService/WebServiceError"},"_type":"V4/WebService/Response"}',
      ),
    );
    assert.ok(e instanceof RemiseError);
    assert.equal(e.code, 'GATEWAY_ERROR');
    assert.equal(e.gatewayCode, 'INT_010');
    assert.equal(e.gatewayMessage, 'invalid currency');
    assert.match(e.message, /name=currency, value=TTT/);
    assert.equal(e.response.answer.errorCode, 'INT_010');
    assert.equal(e.retryable, false);
    assert.equal(thrown(() => systempay.parseResponse('{"status":"SUC')).code, 'MALFORMED_RESPONSE');
    const h = thrown(() => systempay.parseResponse('oops', 502));
    assert.equal(h.code, 'HTTP_ERROR');
    assert.equal(h.httpStatus, 502);
    assert.equal(thrown(() => systempay.parseResponse(JSON.stringify(PSP_075), 401)).httpStatus, 401);
  });

  test(`${entry}: computeHash, verifyHash, parseAnswer`, () => {
    // printf %s "$ANSWER" | openssl dgst -sha256 -hmac 38453613e7f44dc58732bad3dca2bca3
    const answer =
      '{"shopId":"69876357","orderCycle":"CLOSED","orderStatus":"PAID","serverDate":"2026-11-22T10:00:00+00:00","orderDetails":{"orderTotalAmount":990,"orderCurrency":"EUR","mode":"TEST","orderId":"order-1"},"_type":"V4/Payment"}';
    const hash = '7549b42df9267d39082c71493ad7aa17470bf53cf28e2a7c09adac9a3b780a06';
    // same answer, password key: 4122bfd8…
    const ipnHash = '4122bfd8a00c80a50be0ddcf4df56ff3ba88f5145914a4a2ad636363e37702d1';
    const keys = { hmacKey: '38453613e7f44dc58732bad3dca2bca3', password: PASSWORD };
    assert.equal(systempay.computeHash(answer, keys.hmacKey), hash);
    // The empty key is refused, as verifyHash refuses it: anyone can compute a hash under it.
    const empty = thrown(() => systempay.computeHash(answer, ''));
    assert.deepEqual([empty.code, empty.field, empty.issues[0].code], ['VALIDATION', 'key', 'REQUIRED']);
    const browser = { 'kr-answer': answer.replaceAll('/', '\\/'), 'kr-hash': hash, 'kr-hash-key': 'sha256_hmac', 'kr-hash-algorithm': 'sha256_hmac', 'kr-answer-type': 'V4/Payment' };
    assert.equal(systempay.verifyHash(browser, keys), true);
    assert.equal(systempay.parseAnswer(browser, keys).orderDetails.orderTotalAmount, 990);
    const ipn = { ...browser, 'kr-answer': answer, 'kr-hash': ipnHash, 'kr-hash-key': 'password' };
    assert.equal(systempay.verifyHash(ipn, { password: PASSWORD }), true);
    assert.equal(systempay.verifyHash({ ...ipn, 'kr-hash-key': 'sha256_hmac' }, keys), false);
    const bad = thrown(() => systempay.parseAnswer({ ...browser, 'kr-hash': ipnHash }, keys));
    assert.equal(bad.code, 'SIGNATURE_INVALID');
    const alg = thrown(() => systempay.verifyHash({ ...browser, 'kr-hash-algorithm': 'sha1' }, keys));
    assert.equal(alg.code, 'VALIDATION');
    assert.equal(alg.field, 'kr-hash-algorithm');
    // (No key at all: the one kr-hash-key names is required. With the other key given, below.)
    const missing = thrown(() => systempay.verifyHash(browser, {}));
    assert.equal(missing.field, 'keys.hmacKey');
    // One path per posted field, whatever is wrong with it, and no "is required" for a field given (a
    // helper's attack, twenty-first pass: NaN gave `fields.kr-answer TYPE` and `kr-answer REQUIRED`).
    const getter = { ...browser };
    Object.defineProperty(getter, 'kr-hash', { enumerable: true, get() { throw new Error('no'); } });
    for (const [what, fields, expected] of [
      ['NaN', { ...browser, 'kr-answer': NaN }, [['kr-answer', 'TYPE']]],
      ['a number', { ...browser, 'kr-answer': 5 }, [['kr-answer', 'TYPE']]],
      ['Infinity and a BigInt', { ...browser, 'kr-hash': Infinity, 'kr-hash-key': 1n }, [['kr-hash', 'TYPE'], ['kr-hash-key', 'TYPE']]],
      ['a lone surrogate', { ...browser, 'kr-hash': '\ud800' }, [['kr-hash', 'FORBIDDEN_CHARACTER']]],
      ['a getter that throws', getter, [['kr-hash', 'TYPE']]],
      // Empty (a form parser that dropped it): named, not read as a forgery (a helper's attack,
      // twenty-fourth pass: "check that the key is the REST API password"); beside the others.
      ['an empty kr-hash', { ...browser, 'kr-hash': '' }, [['kr-hash', 'REQUIRED']]],
      ['an empty kr-hash and a bad algorithm', { ...browser, 'kr-hash': '', 'kr-hash-algorithm': 'sha1' }, [['kr-hash-algorithm', 'ENUM'], ['kr-hash', 'REQUIRED']]],
    ]) {
      for (const call of [() => systempay.verifyHash(fields, keys), () => systempay.parseAnswer(fields, keys)]) {
        const e = thrown(call);
        assert.equal(e.code, 'VALIDATION', what);
        assert.deepEqual(e.issues.map((i) => [i.field, i.code]), expected, what);
        assert.equal(e.field, expected[0][0], what);
      }
    }
    // The raw form body (bytes from express.raw(), the text, a URLSearchParams) is one issue that says
    // to parse it (bytes were four `REQUIRED` that blamed the platform's post: a helper's attack,
    // twenty-sixth pass), and the same body parsed as it says verifies.
    const form = new URLSearchParams(browser).toString();
    for (const [what, fields, fix] of [
      ['text', form, 'Object.fromEntries(new URLSearchParams(body))'],
      ['a Buffer', Buffer.from(form), 'Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body)))'],
      ['a Uint8Array', new TextEncoder().encode(form), 'Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body)))'],
      ['a URLSearchParams', new URLSearchParams(form), 'Object.fromEntries(it)'],
      // (What an edge runtime's handler holds: the review of the pass.)
      // (Its text: `Object.fromEntries(await request.formData())` is no object of strings to TypeScript.)
      ['a Request', new Request('http://localhost/ipn', { method: 'POST', body: form }), 'Object.fromEntries(new URLSearchParams(await request.text()))'],
      ['a body stream', new Response(form).body, 'Object.fromEntries(new URLSearchParams(await new Response(body).text()))'],
      ['a Blob', new Blob([form]), 'Object.fromEntries(new URLSearchParams(await blob.text()))'],
      ['a Response', new Response(form), 'Object.fromEntries(new URLSearchParams(await response.text()))'],
      ['a Node stream', Readable.from([form]), 'Object.fromEntries(new URLSearchParams(body))'],
    ]) {
      for (const call of [() => systempay.verifyHash(fields, keys), () => systempay.parseAnswer(fields, keys)]) {
        const e = thrown(call);
        assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [['(input)', 'TYPE']], what);
        assert.ok(e.message.endsWith(`: give ${fix}`), `${what}: ${e.message}`);
      }
    }
    // No body at all (Express 5's req.body without a body parser): said, with the parser to add.
    for (const call of [() => systempay.verifyHash(undefined, keys), () => systempay.parseAnswer(undefined, keys)]) {
      const e = thrown(call);
      assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [['(input)', 'TYPE']]);
      assert.match(e.message, /got undefined: was the form body read\? \(Express 5 leaves req\.body undefined without app\.use\(express\.urlencoded\(\)\)\)$/);
    }
    // The post names the key the handler did not give, the other being given (an IPN handler passes only
    // the password, as README says, and a browser return is posted to it): an answer that does not verify
    // under those keys, not "give hmacKey", which would let browser returns pass there (a helper's audit,
    // twenty-sixth pass). No key at all is still the caller's VALIDATION.
    assert.equal(systempay.verifyHash(browser, { password: PASSWORD }), false);
    assert.equal(systempay.verifyHash(ipn, { hmacKey: keys.hmacKey }), false);
    // (The post's key name as a String object, and the key left out as '' beside the other: the same.)
    assert.equal(systempay.verifyHash({ ...browser, 'kr-hash-key': new String('sha256_hmac') }, { password: PASSWORD }), false);
    assert.equal(systempay.verifyHash(browser, { password: PASSWORD, hmacKey: '' }), false);
    // A stateless call's own secret put in another field is written *** (as a client writes it), not
    // quoted (a helper's audit of the messages, twenty-sixth pass).
    const pasted = thrown(() => systempay.parseAnswer({ ...browser, 'kr-hash-key': keys.hmacKey }, keys));
    assert.ok(!pasted.message.includes(keys.hmacKey) && pasted.message.includes('***'), pasted.message);
    for (const password of [PASSWORD, { toJSON: () => PASSWORD }]) {
      const req = thrown(() => systempay.request('Transaction/Refund', { uuid: UUID, amount: 1, currency: PASSWORD }, { shopId: '69876357', password }));
      assert.ok(!req.message.includes(PASSWORD.slice(13, 30)) && req.message.includes('***'), req.message);
    }
    for (const [fields, only, said] of [[browser, { password: PASSWORD }, /^kr-hash-key is sha256_hmac: a browser return/], [ipn, { hmacKey: keys.hmacKey }, /^kr-hash-key is password: an IPN/]]) {
      const s = thrown(() => systempay.parseAnswer(fields, only));
      assert.deepEqual([s.code, s.field], ['SIGNATURE_INVALID', 'kr-hash-key']);
      assert.match(s.message, said);
    }
    assert.deepEqual(thrown(() => systempay.parseAnswer(browser, {})).issues.map((i) => [i.field, i.code]), [['keys.hmacKey', 'REQUIRED']]);
    const { 'kr-answer': _, ...noAnswer } = browser;
    assert.deepEqual(thrown(() => systempay.parseAnswer(noAnswer, { password: PASSWORD })).issues.map((i) => [i.field, i.code]), [['kr-answer', 'REQUIRED']]);
    const body = Buffer.from(form);
    assert.equal(systempay.verifyHash(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body))), keys), true);
  });

  test(`${entry}: planCancelOrRefund and hosts`, () => {
    assert.deepEqual(systempay.planCancelOrRefund(transaction(), { uuid: UUID, amount: 1500, currency: 'EUR' }), {
      operation: 'REFUND',
      amount: 1500,
      currency: 'EUR',
      full: false,
      refundableAfter: 500,
    });
    assert.equal(systempay.planCancelOrRefund(transaction({ detailedStatus: 'AUTHORISED' }), { uuid: UUID }).operation, 'CANCEL');
    const e = thrown(() => systempay.planCancelOrRefund(transaction(), { uuid: UUID, resolutionMode: 'CANCELLATION_ONLY' }));
    assert.equal(e.code, 'OPERATION_NOT_ALLOWED');
    assert.equal(e.gatewayCode, 'PSP_075');
    assert.equal(thrown(() => systempay.planCancelOrRefund(CANCELLED, { uuid: UUID })).gatewayCode, 'PSP_105');
    // A status the platform writes, mistyped or in another case: VALIDATION naming it, not a refusal
    // predicting PSP_011; a real status neither cancellable nor refundable keeps its refusal (a helper's
    // audit of the messages, twenty-sixth pass).
    for (const [status, near] of [['captured', 'CAPTURED'], ['CANCELED', 'CANCELLED'], ['AUTHORIZED', 'AUTHORISED']]) {
      const v = thrown(() => systempay.planCancelOrRefund(transaction({ detailedStatus: status }), { uuid: UUID }));
      assert.deepEqual([v.code, v.field, v.issues[0].code], ['VALIDATION', 'transaction.detailedStatus', 'ENUM'], status);
      assert.ok(v.message.includes(`Did you mean '${near}'?`), v.message);
    }
    assert.equal(thrown(() => systempay.planCancelOrRefund(transaction({ detailedStatus: 'REFUSED' }), { uuid: UUID })).code, 'OPERATION_NOT_ALLOWED');
    // A mistyped service is answered with the one it was near (client.call() sent the typo to a 404).
    for (const [typo, near] of [['Transaction/Refnd', 'Transaction/Refund'], ['transaction/get', 'Transaction/Get']]) {
      const u = thrown(() => systempay.request(typo, { uuid: UUID }, { shopId: '69876357', password: PASSWORD }));
      assert.equal(u.code, 'UNSUPPORTED');
      assert.ok(u.message.includes(`Did you mean '${near}'?`), u.message);
    }
    assert.doesNotMatch(thrown(() => systempay.request('Token/Get', { paymentMethodToken: 'x' }, { shopId: '69876357', password: PASSWORD })).message, /Did you mean/);
    assert.equal(systempay.hosts.systempay, 'https://api.systempay.fr');
    assert.ok(Object.isFrozen(systempay.hosts));
  });

  test(`${entry}: client.call() of a service near a modelled one names it`, async () => {
    // The platform's 404 (here the test server's: no handler) or the core's refusal of the name, with
    // the modelled service it was near; it said "check baseUrl and the service name" alone.
    const before = srv.requests.length;
    const notFound = await rejected(client().call('Transaction/Refnd', { uuid: UUID, amount: 100 }));
    assert.deepEqual([notFound.code, notFound.httpStatus], ['HTTP_ERROR', 404]);
    assert.ok(notFound.message.endsWith(" Did you mean 'Transaction/Refund'?"), notFound.message);
    assert.equal(srv.requests.length, before + 1, 'sent once, as given');
    const refused = await rejected(client().call('transaction/get', { uuid: UUID }));
    assert.deepEqual([refused.code, refused.field, refused.issues[0].code], ['VALIDATION', 'service', 'FORMAT']);
    assert.ok(refused.issues[0].message.endsWith(" Did you mean 'Transaction/Get'?"), refused.issues[0].message);
    assert.ok(refused.message.includes(refused.issues[0].message));
    assert.equal(srv.requests.length, before + 1, 'a name the core refuses is not sent');
    // A service remise does not model and near none is left as it was.
    const other = await rejected(client().call('Token/Gett', { paymentMethodToken: 'x' }));
    assert.equal(other.httpStatus, 404);
    assert.doesNotMatch(other.message, /Did you mean/);
  });

  test(`${entry}: each client method sends the right request and resolves the answer`, async () => {
    const c = client();
    for (const [method, args, service, body, answer] of CALLS) {
      const before = srv.count(`/api-payment/V4/${service}`);
      const got = await c[method](...args);
      assert.deepEqual(got, answer, method);
      assert.deepEqual(got.warnings, []);
      assert.equal(srv.count(`/api-payment/V4/${service}`), before + 1, method);
      const seen = last();
      assert.equal(seen.method, 'POST', method);
      assert.equal(seen.path, `/api-payment/V4/${service}`, method);
      assert.equal(seen.headers.authorization, BASIC, method);
      assert.match(seen.headers['content-type'], /^application\/json/, method);
      assert.equal(seen.headers.accept, 'application/json', method);
      assert.equal(seen.body, body, method);
    }
  });

  test(`${entry}: client validation rejects before sending`, async () => {
    const n = srv.requests.length;
    // (`{ uuid, amount }` without currency is accepted since issue 11: the platform applies the
    // transaction's currency.)
    const e = await rejected(client().refund({ uuid: UUID, amount: 10.5, currency: 'EUR' }));
    assert.equal(e.code, 'VALIDATION');
    assert.equal(e.field, 'amount');
    assert.equal(srv.requests.length, n);
    assert.throws(() => new systempay.Client({ shopId: SHOP }), (err) => err.code === 'VALIDATION' && err.field === 'options.password');
    assert.throws(() => new systempay.Client({ shopId: SHOP, password: PASSWORD, timeoutMs: -1 }), (err) => err.code === 'VALIDATION');
    // At most 5 minutes, which Node's fetch (undici's headersTimeout, 300 s) gives a silent server: a
    // longer one ended as a NETWORK_ERROR at 300 s, not the TIMEOUT asked for (a helper's attack on the
    // runtimes, twenty-fifth pass).
    assert.ok(new systempay.Client({ shopId: SHOP, password: PASSWORD, timeoutMs: 300_000 }));
    const long = thrown(() => new systempay.Client({ shopId: SHOP, password: PASSWORD, timeoutMs: 300_001 }));
    assert.deepEqual([long.code, long.field, long.issues[0].message], ['VALIDATION', 'options.timeoutMs', 'must be a whole number of milliseconds between 1 and 300000']);
    // A capture delay is days, not an amount (a helper's check against the notes, twenty-fifth pass:
    // "an amount is in minor units, 1050 for 10.50" was said of it).
    const delay = thrown(() => systempay.request('Transaction/CancelOrRefund', { uuid: UUID, amount: 500, currency: 'EUR', transactionOptions: { cardOptions: { captureDelay: 1.5 } } }, { shopId: SHOP, password: PASSWORD }));
    assert.equal(delay.message, 'transactionOptions.cardOptions.captureDelay: must be a non-negative whole number (a safe integer), got 1.5');
    assert.equal(delay.issues[0].message, 'must be a non-negative whole number (a safe integer), got 1.5');
  });

  test(`${entry}: an amount given as null or undefined is refused, never read as a full refund`, async () => {
    // A helper's attack on the amounts, twenty-fourth pass: `{ uuid, amount: row.refundAmount }` with
    // a NULL from the database, or a misspelt property, refunded the whole 3000 EUR, since a body
    // without amount refunds everything left.
    const n = srv.requests.length;
    const creds = { shopId: SHOP, password: PASSWORD };
    for (const amount of [null, undefined]) {
      for (const [service, method] of [['Transaction/Refund', 'refund'], ['Transaction/CancelOrRefund', 'cancelOrRefund']]) {
        const sync = thrown(() => systempay.request(service, { uuid: UUID, amount }, creds));
        assert.equal(sync.code, 'VALIDATION');
        assert.deepEqual(sync.issues.map((i) => [i.field, i.code]), [['amount', 'TYPE']]);
        assert.match(sync.issues[0].message, new RegExp(`^is ${amount}: give the amount in the currency's minor units .*or leave the key out`));
        // Every issue at once: a bad uuid and an unknown call option beside it.
        const sent = await rejected(client()[method]({ uuid: 'nope', amount }, { signal: undefined, retries: 2 }));
        assert.deepEqual(sent.issues.map((i) => i.field).sort(), ['amount', 'callOptions.retries', 'uuid']);
        const both = thrown(() => systempay.request(service, { uuid: 'nope', amount }, creds));
        assert.deepEqual(both.issues.map((i) => i.field).sort(), ['amount', 'uuid']);
      }
      const plan = thrown(() => systempay.planCancelOrRefund(transaction(), { uuid: UUID, amount }));
      assert.deepEqual(plan.issues.map((i) => [i.field, i.code]), [['request.amount', 'TYPE']]);
    }
    // Nor by what JSON writes as nothing (the review of the pass): a method left uncalled, a value
    // object whose toJSON gives null, an ORM row whose toJSON gives `amount: null`; each read once.
    class Row {
      constructor(amount) { this.uuid = UUID; this.amount = amount; }
      toJSON() { return { uuid: this.uuid, amount: null }; }
    }
    for (const [body, what] of [
      [{ uuid: UUID, amount() { return 500; } }, 'a function'],
      [{ uuid: UUID, amount: { toJSON: () => null } }, 'null'],
      [new Row(500), 'null'],
    ]) {
      const e = thrown(() => systempay.request('Transaction/Refund', body, creds));
      assert.deepEqual(e.issues.map((i) => [i.field, i.code]), [['amount', 'TYPE']], what);
      assert.match(e.issues[0].message, new RegExp(`^is ${what}`));
      assert.equal((await rejected(client().refund(body))).code, 'VALIDATION');
    }
    // A service named by a String object or a toJSON, as the core reads it (the review of the pass).
    for (const service of [new String('Transaction/Refund'), { toJSON: () => 'Transaction/CancelOrRefund' }]) {
      assert.deepEqual(thrown(() => systempay.request(service, { uuid: UUID, amount: null }, creds)).issues.map((i) => i.field), ['amount']);
    }
    let reads = 0;
    const once = { uuid: UUID, get amount() { reads += 1; return reads === 1 ? 500 : undefined; } };
    assert.equal(JSON.parse(systempay.request('Transaction/Refund', once, creds).body).amount, 500);
    assert.equal(reads, 1, 'the amount read once');
    // A value object's toJSON giving a number is that number.
    assert.equal(JSON.parse(systempay.request('Transaction/Refund', { uuid: UUID, amount: { toJSON: () => 700 } }, creds).body).amount, 700);
    // Each toJSON asked once, as JSON.stringify asks it (the differential fuzz of the pass: a toJSON's
    // result with a toJSON of its own was asked again, and a refusal became a full refund).
    const nested = thrown(() => systempay.request('Transaction/Refund', { uuid: UUID, amount: { toJSON: () => ({ toJSON: () => null }) } }, creds));
    assert.deepEqual(nested.issues.map((i) => [i.field, i.code]), [['amount', 'TYPE']]);
    assert.match(nested.issues[0].message, /got an object/);
    const view = { uuid: UUID, amount: 500, currency: 'EUR', toJSON() { return { uuid: UUID }; } };
    for (const body of [{ toJSON: () => view }, { toJSON: () => ({ uuid: UUID, toJSON: () => ({ uuid: UUID, amount: 9 }) }) }]) {
      const sent = systempay.request('Transaction/Refund', body, creds).body;
      assert.equal(sent, JSON.stringify(body).replace(/,"resolutionMode":"AUTO"/, ''), 'what JSON.stringify writes of it');
    }
    // Beside a currency, the core's own "required when currency is given", once.
    const cur = await rejected(client().refund({ uuid: UUID, amount: null, currency: 'EUR' }));
    assert.deepEqual(cur.issues.map((i) => [i.field, i.code]), [['amount', 'REQUIRED']]);
    assert.equal(srv.requests.length, n, 'nothing was sent');
    // The key left out still refunds what is left, and an update's optional amount is untouched.
    assert.equal(JSON.parse(systempay.request('Transaction/Refund', { uuid: UUID }, creds).body).amount, undefined);
    assert.equal(systempay.planCancelOrRefund(transaction(), { uuid: UUID }).amount, 2000);
    systempay.request('Transaction/Update', { uuid: UUID, cardUpdate: { amount: undefined, expectedCaptureDate: '2026-12-10T00:00:00+00:00' } }, creds);
  });

  test(`${entry}: gateway errors reject GATEWAY_ERROR with the answer`, async () => {
    const e = await rejected(client({ baseUrl: srv.url + '/error' }).cancelOrRefund({ uuid: UUID, resolutionMode: 'CANCELLATION_ONLY' }));
    assert.ok(e instanceof RemiseError);
    assert.equal(e.code, 'GATEWAY_ERROR');
    assert.equal(e.gatewayCode, 'PSP_075');
    assert.match(e.message, /refund/);
    assert.deepEqual(e.response, PSP_075);
    const m = await rejected(client({ baseUrl: srv.url + '/html' }).getTransaction({ uuid: UUID }));
    assert.equal(m.code, 'MALFORMED_RESPONSE');
  });

  test(`${entry}: an injected fetch is used`, async () => {
    const seen = [];
    const fetch = (req) => {
      seen.push(req.url);
      return globalThis.fetch(req);
    };
    const got = await client({ fetch }).getTransaction({ uuid: UUID });
    assert.equal(got.uuid, UUID);
    assert.deepEqual(seen, [`${srv.url}/api-payment/V4/Transaction/Get`]);
  });

  test(`${entry}: debug events mask the Authorization header`, async () => {
    const events = [];
    await client({ debug: (e) => events.push(e) }).getTransaction({ uuid: UUID });
    assert.deepEqual(events.map((e) => e.type), ['request', 'response']);
    assert.equal(events[0].gateway, 'systempay');
    const auth = Object.entries(events[0].headers).find(([k]) => k.toLowerCase() === 'authorization')[1];
    assert.equal(auth, 'Basic ***');
    assert.ok(!JSON.stringify(events).includes(BASIC.slice(6)));
  });

  test(`${entry}: a server that never answers gives TIMEOUT close to timeoutMs`, async () => {
    const t0 = Date.now();
    const e = await rejected(client({ baseUrl: srv.url + '/hang', timeoutMs: 300 }).refund({ uuid: UUID, amount: 500, currency: 'EUR' }));
    const elapsed = Date.now() - t0;
    assert.equal(e.code, 'TIMEOUT');
    assert.equal(e.outcome, 'unknown');
    assert.equal(e.retryable, false);
    assert.match(e.message, /getTransaction/);
    assert.ok(elapsed >= 290 && elapsed < 2000, `elapsed ${elapsed}`);
  });

  test(`${entry}: a dropped connection after a refund is received exactly once and rejects outcome unknown`, async () => {
    const path = '/drop/api-payment/V4/Transaction/Refund';
    const before = srv.count(path);
    const e = await rejected(client({ baseUrl: srv.url + '/drop' }).refund({ uuid: UUID, amount: 500, currency: 'EUR' }));
    assert.equal(e.code, 'NETWORK_ERROR');
    assert.equal(e.outcome, 'unknown');
    assert.equal(e.retryable, false);
    assert.match(e.message, /getTransaction/);
    // Give a stray resend time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(srv.count(path), before + 1);
    assert.equal(srv.requests.filter((r) => r.path === path).at(-1).body, `{"uuid":"${UUID}","amount":500,"currency":"EUR"}`);
  });

  test(`${entry}: a 503 on a refund is not resent and its outcome is unknown`, async () => {
    const path = '/busy/api-payment/V4/Transaction/Refund';
    const before = srv.count(path);
    const e = await rejected(client({ baseUrl: srv.url + '/busy' }).refund({ uuid: UUID }));
    assert.equal(e.code, 'HTTP_ERROR');
    assert.equal(e.httpStatus, 503);
    assert.equal(e.outcome, 'unknown');
    assert.equal(srv.count(path), before + 1);
  });

  test(`${entry}: an answer's integer above 2^53 is refused, never returned rounded; a refund is still sent once`, async () => {
    // A helper's attack: 9007199254740993 came back as …992, from a kr-hash verified over its digits too.
    const text = JSON.stringify(envelope('Transaction/Get', transaction())).replace('"amount":3000', '"amount":9007199254740993');
    const parsed = thrown(() => systempay.parseResponse(text));
    assert.deepEqual([parsed.code, parsed.field, parsed.outcome], ['MALFORMED_RESPONSE', 'answer.amount', undefined]);
    assert.match(parsed.message, /^the answer's answer\.amount is a number beyond ±\(2\^53 - 1\)/);
    // 2^53 - 1 itself is exact, and read.
    assert.equal(systempay.parseResponse(text.replace('9007199254740993', '9007199254740991')).answer.amount, 2 ** 53 - 1);
    const answer = '{"shopId":"69876357","orderDetails":{"orderTotalAmount":12345678901234567890,"orderCurrency":"EUR"},"transactions":[{"amount":1}],"_type":"V4/Payment"}';
    const signed = { 'kr-answer': answer, 'kr-hash': createHmac('sha256', PASSWORD).update(answer).digest('hex'), 'kr-hash-key': 'password', 'kr-hash-algorithm': 'sha256_hmac', 'kr-answer-type': 'V4/Payment' };
    assert.equal(systempay.verifyHash(signed, { password: PASSWORD }), true);
    const verified = thrown(() => systempay.parseAnswer(signed, { password: PASSWORD }));
    assert.deepEqual([verified.code, verified.field], ['MALFORMED_RESPONSE', 'orderDetails.orderTotalAmount']);
    const nested = { ...signed, 'kr-answer': answer.replace('12345678901234567890', '1').replace('"amount":1}', '"amount":-9007199254740993}') };
    nested['kr-hash'] = createHmac('sha256', PASSWORD).update(nested['kr-answer']).digest('hex');
    assert.equal(thrown(() => systempay.parseAnswer(nested, { password: PASSWORD })).field, 'transactions[0].amount');
    // A key that is no identifier reads one way; the answer itself is '(answer)'.
    const odd = text.replace('"futureField"', '"x"').replace('"amount":9007199254740993', '"a.b":{"":9007199254740993}');
    assert.equal(thrown(() => systempay.parseResponse(odd)).field, 'answer["a.b"][""]');
    const bare = { ...signed, 'kr-answer': '9007199254740993' };
    bare['kr-hash'] = createHmac('sha256', PASSWORD).update(bare['kr-answer']).digest('hex');
    const top = thrown(() => systempay.parseAnswer(bare, { password: PASSWORD }));
    assert.deepEqual([top.code, top.field], ['MALFORMED_RESPONSE', '(answer)']);
    assert.match(top.message, /^the answer is a number beyond ±\(2\^53 - 1\)/);
    // Through the client: a refund (sent once, outcome unknown) and a read (not retried: the same answer would come).
    const path = '/huge/api-payment/V4/Transaction/Refund';
    const before = srv.count(path);
    const e = await rejected(client({ baseUrl: srv.url + '/huge' }).refund({ uuid: UUID, amount: 500, currency: 'EUR' }));
    assert.deepEqual([e.code, e.field, e.outcome, e.retryable], ['MALFORMED_RESPONSE', 'amount', 'unknown', false]);
    assert.match(e.message, /query the transaction before sending again/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(srv.count(path), before + 1);
    const getPath = '/huge/api-payment/V4/Transaction/Get';
    const beforeGet = srv.count(getPath);
    const g = await rejected(client({ baseUrl: srv.url + '/huge' }).getTransaction({ uuid: UUID }));
    assert.deepEqual([g.code, g.field, g.outcome], ['MALFORMED_RESPONSE', 'amount', undefined]);
    assert.equal(srv.count(getPath), beforeGet + 1);
  });

  test(`${entry}: getTransaction succeeds after a 503`, async () => {
    const path = '/flaky/api-payment/V4/Transaction/Get';
    const before = srv.count(path);
    const got = await client({ baseUrl: srv.url + '/flaky' }).getTransaction({ uuid: UUID });
    assert.equal(got.detailedStatus, 'CAPTURED');
    assert.equal(srv.count(path), before + 2);
  });
}

// A decimal amount (or one in a string) is the usual mistake: the message says the unit.
for (const [entry, R] of entries) {
  test(`${entry}: an amount of 10.5 or '10.50' is refused with the unit it must be in`, () => {
    for (const amount of [10.5, '10.50']) {
      const e = thrown(() => R.systempay.request('Transaction/CancelOrRefund', { uuid: UUID, amount, currency: 'EUR' }, { shopId: SHOP, password: PASSWORD }));
      assert.deepEqual([e.code, e.issues[0].field, e.issues[0].code], ['VALIDATION', 'amount', 'TYPE']);
      assert.match(e.issues[0].message, /an amount is in minor units, 1050 for 10\.50\), got (10\.5|a string)$/);
    }
  });
}

// Lyra's sample project lists its hosts with `/api-payment/` (lyra/flask-embedded-form-examples): given
// as baseUrl, every call went to …/api-payment/api-payment/V4/… (a helper's attack, nineteenth pass).
// And the platform's lengths (support.lyra.com article 19077577785362: amount n..12, customer.email
// 150, customer.reference 63), found by the same attack: 13-digit amounts were sent.
for (const [entry, R] of entries) {
  test(`${entry}: a baseUrl holding the path remise adds is refused, for every gateway that adds one`, async () => {
    const sp = thrown(() => new R.systempay.Client({ shopId: SHOP, password: PASSWORD, baseUrl: 'https://api.systempay.fr/api-payment/' }));
    assert.deepEqual([sp.code, sp.field], ['VALIDATION', 'options.baseUrl']);
    assert.match(sp.message, /holds \/api-payment, the path remise adds itself/);
    const sips = thrown(() => new R.sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, baseUrl: 'https://office-server.sogenactif.com/rs-services/v2' }));
    assert.deepEqual([sips.code, sips.field], ['VALIDATION', 'options.baseUrl']);
    // A proxy's own prefix is fine; so is Payline's, whose path is part of its base URL.
    assert.ok(new R.systempay.Client({ shopId: SHOP, password: PASSWORD, baseUrl: 'https://proxy.example/lyra' }));
    assert.ok(new R.payline.Client({ merchantId: '1', accessKey: 'k', baseUrl: 'https://homologation.payline.com/V4/services' }));
  });

  test(`${entry}: amounts of more than 12 digits, and e-mails and references past Lyra's lengths, are refused before sending`, () => {
    const opts = { shopId: SHOP, password: PASSWORD };
    const body = (amount) => ({ uuid: UUID, amount, currency: 'EUR' });
    const sent = JSON.parse(R.systempay.request('Transaction/Refund', body(999_999_999_999), opts).body);
    assert.equal(sent.amount, 999999999999);
    const e = thrown(() => R.systempay.request('Transaction/Refund', body(1_000_000_000_000), opts));
    assert.deepEqual([e.code, e.field, e.issues[0].code], ['VALIDATION', 'amount', 'RANGE']);
    const pay = (customer) => ({ amount: 990, currency: 'EUR', customer });
    const long = thrown(() => R.systempay.request('Charge/CreatePayment', pay({ email: `${'a'.repeat(140)}@example.fr`, reference: 'r'.repeat(64) }), opts));
    assert.deepEqual(long.issues.map((i) => [i.field, i.code]), [['customer.email', 'TOO_LONG'], ['customer.reference', 'TOO_LONG']]);
    assert.ok(R.systempay.request('Charge/CreatePayment', pay({ email: `${'a'.repeat(139)}@example.fr`, reference: 'r'.repeat(63) }), opts));
  });
}

// A helper's attack on the signatures (nineteenth pass): a signed kr-answer that is JSON but no object
// was returned as the payment; a password read with its trailing line feed made every IPN read as forged.
for (const [entry, R] of entries) {
  test(`${entry}: parseAnswer refuses a signed answer that is not an object; a key with a line feed is named, not read as a forgery`, () => {
    const signed = (answer, key = PASSWORD) => ({
      'kr-answer': answer,
      'kr-hash': createHmac('sha256', key).update(answer, 'utf8').digest('hex'),
      'kr-hash-key': 'password',
      'kr-hash-algorithm': 'sha256_hmac',
    });
    for (const answer of ['null', '[1]', '"x"', '12']) {
      const e = thrown(() => R.systempay.parseAnswer(signed(answer), { password: PASSWORD }));
      assert.deepEqual([e.code, e.field], ['MALFORMED_RESPONSE', 'kr-answer'], answer);
    }
    const ok = signed('{"orderStatus":"PAID"}');
    assert.equal(R.systempay.parseAnswer(ok, { password: PASSWORD }).orderStatus, 'PAID');
    assert.equal(R.systempay.verifyHash(ok, { password: PASSWORD }), true);
    for (const check of [(f, k) => R.systempay.verifyHash(f, k), (f, k) => R.systempay.parseAnswer(f, k)]) {
      const e = thrown(() => check(ok, { password: `${PASSWORD}\n` }));
      assert.deepEqual([e.code, e.field, e.issues[0].code], ['VALIDATION', 'keys.password', 'FORMAT']);
      assert.ok(!e.message.includes(PASSWORD), 'the key is never echoed');
      // Beside an empty kr-hash, both (the empty hash hid the key's issue: the differential fuzz of the
      // twenty-fourth pass).
      const both = thrown(() => check({ ...ok, 'kr-hash': '' }, { password: `${PASSWORD}\n` }));
      assert.deepEqual(both.issues.map((i) => [i.field, i.code]), [['keys.password', 'FORMAT'], ['kr-hash', 'REQUIRED']]);
    }
    // Another key, plainly wrong: still a mismatch (false, SIGNATURE_INVALID), not a VALIDATION.
    assert.equal(R.systempay.verifyHash(ok, { password: 'testpassword_other' }), false);
    assert.equal(thrown(() => R.systempay.parseAnswer(ok, { password: 'testpassword_other' })).code, 'SIGNATURE_INVALID');
  });
}

for (const [entry, { systempay }] of entries) {
  const client = (over = {}) => new systempay.Client({ shopId: SHOP, password: PASSWORD, baseUrl: srv.url, ...over });
  test(`${entry}: an empty answer is said to be empty, not quoted (stateless and client); a refund's is sent once, of unknown outcome`, async () => {
    // The thirtieth pass: the core's JSON reader quoted nothing ("…column 0): ;").
    for (const text of ['', '   ', '\r\n', '\n'.repeat(5000), '\ufeff', '\ufeff\r\n']) {
      const e = thrown(() => systempay.parseResponse(text));
      assert.equal(e.code, 'MALFORMED_RESPONSE', JSON.stringify(text));
      assert.equal(e.message, 'the answer is empty (no JSON envelope in it)', JSON.stringify(text));
      // Under another 2xx than 200 (the review of the pass: "…the V4 envelope: " quoted nothing too).
      assert.equal(thrown(() => systempay.parseResponse(text, 201)).message, 'the answer is HTTP 201, not the 200 with the V4 envelope, and it is empty', JSON.stringify(text));
    }
    assert.match(thrown(() => systempay.parseResponse(' x', 201)).message, /^the answer is HTTP 201, not the 200 with the V4 envelope: /);
    // Anything else keeps the reader's words.
    assert.match(thrown(() => systempay.parseResponse(' x')).message, /^the answer is not JSON \(/);
    assert.match(thrown(() => systempay.parseResponse('{')).message, /^the answer is not JSON \(EOF while parsing an object/);
    const before = srv.count('/empty/api-payment/V4/Transaction/Refund');
    const refund = await rejected(client({ baseUrl: `${srv.url}/empty` }).refund({ uuid: UUID, amount: 100, currency: 'EUR' }));
    assert.deepEqual([refund.code, refund.outcome, refund.retryable], ['MALFORMED_RESPONSE', 'unknown', false]);
    assert.match(refund.message, /^the answer is empty \(no JSON envelope in it\); the Transaction\/Refund request may have reached systempay: check its status with getTransaction/);
    assert.equal(srv.count('/empty/api-payment/V4/Transaction/Refund') - before, 1);
    const read = await rejected(client({ baseUrl: `${srv.url}/empty` }).getTransaction({ uuid: UUID }));
    assert.equal(read.code, 'MALFORMED_RESPONSE');
    assert.match(read.message, /^the answer is empty \(no JSON envelope in it\)/);
  });
}
