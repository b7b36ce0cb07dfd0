// Type-checks the systempay API as a user writes it (tsc --strict); `@ts-expect-error` lines prove
// wrong shapes are rejected.
import { systempay, isRemiseError } from 'remise';
import type {
  SystempayTransaction,
  SystempayPlan,
  SystempayEnvelope,
  SystempayHttpRequest,
  SystempayOrderTransactions,
  SystempayPaymentForm,
  SystempayPayment,
  SystempayWarning,
  SystempayCancelOrRefundRequest,
  SystempayManualValidation,
  SystempayRequests,
  SystempayWebServiceError,
  SystempayAuthorizationResponse,
} from 'remise';

const options = { shopId: '73239078', password: 'testpassword_x', baseUrl: systempay.hosts.payzen };
const req: SystempayHttpRequest = systempay.request('Transaction/CancelOrRefund', {
  uuid: 'a0b61d1e159748eaab876cfe342e8c08',
  amount: 1000,
  currency: 'EUR',
  resolutionMode: 'REFUND_ONLY',
  transactionOptions: { cardOptions: { manualValidation: null, captureDelay: 3, mid: null } },
}, options);
const warnings: readonly SystempayWarning[] = req.warnings;
const url: string = req.url;
const auth: string | undefined = req.headers['Authorization'];

// @ts-expect-error resolutionMode is a closed union
systempay.request('Transaction/CancelOrRefund', { uuid: 'x', resolutionMode: 'CANCEL' }, options);
// @ts-expect-error uuid is required
systempay.request('Transaction/Get', {}, options);
// @ts-expect-error Duplicate needs amount and currency
systempay.request('Transaction/Duplicate', { uuid: 'x' }, options);
// @ts-expect-error a key outside the service's table (what the validator reads) is refused here too
systempay.request('Transaction/Cancel', { uuid: 'x', amout: 100 }, options);
// @ts-expect-error manualValidation is 'YES', 'NO' or null
const mv: SystempayManualValidation = 'MAYBE';
const sdk: SystempayRequests['Charge/SDKTest'] = { value: 'ping' };
// @ts-expect-error mid can only be null
systempay.request('Transaction/Refund', { uuid: 'x', transactionOptions: { cardOptions: { mid: '123' } } }, options);

const env: SystempayEnvelope = systempay.parseResponse('{}', 200);
const status: 'SUCCESS' = env.status;

const body: SystempayCancelOrRefundRequest = { uuid: 'a0b61d1e159748eaab876cfe342e8c08' };
const client = new systempay.Client({ ...options, timeoutMs: 45_000, debug: (e) => console.log(e.type, e.url) });
// The fetch wrapper README recommends (the signal passed on) type-checks, as does the one-argument form.
declare function myFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
new systempay.Client({ ...options, fetch: (input, init) => myFetch(input, init) });
new systempay.Client({ ...options, fetch: (input) => myFetch(input) });

async function run(): Promise<void> {
  const tx: SystempayTransaction = await client.getTransaction({ uuid: body.uuid });
  const refunded: number | null | undefined = tx.transactionDetails?.cardDetails?.captureResponse?.refundAmount;
  const plan: SystempayPlan = systempay.planCancelOrRefund(tx, body);
  const op: 'CANCEL' | 'REFUND' = plan.operation;
  const done = await client.cancelOrRefund(body);
  const w: readonly SystempayWarning[] = done.warnings;
  const order: SystempayOrderTransactions = await client.getOrder({ orderId: 'o-1', operationType: 'CREDIT' });
  const form: SystempayPaymentForm = await client.createPayment({ amount: 990, currency: 978, customer: { email: 'a@b.fr' } });
  const token: string = form.formToken;
  await client.refund({ uuid: tx.uuid, amount: 100, currency: 'EUR' });
  await client.update({ uuid: tx.uuid, cardUpdate: { amount: 800, currency: 'EUR', expectedCaptureDate: '2026-12-01T00:00:00+00:00' } });
  await client.cancel({ uuid: tx.uuid });
  await client.validate({ uuid: tx.uuid });
  await client.duplicate({ uuid: tx.uuid, amount: 990, currency: 'EUR', metadata: { orderInfo1: 'x' } });
  await client.call('Token/Get', { paymentMethodToken: 'abc' });
  // A call's own options: an AbortSignal.
  await client.refund({ uuid: tx.uuid, amount: 100, currency: 'EUR' }, { signal: AbortSignal.timeout(5000) });
  await client.call('Token/Get', { paymentMethodToken: 'abc' }, { signal: new AbortController().signal });
  // Methods handed to map (which passes the index second) still type-check.
  const many: Promise<SystempayTransaction>[] = [{ uuid: tx.uuid }].map(client.getTransaction);
  console.log(many.length);
  // @ts-expect-error a modelled service takes its own body only (`uid` is no field of Transaction/Get)
  await client.call('Transaction/Get', { uid: tx.uuid });
  const service: string = 'Token/Get';
  await client.call(service, { paymentMethodToken: 'abc' });
  // The prototype is typed (test doubles: vi.spyOn(systempay.Client.prototype, 'refund')).
  const proto: typeof client = systempay.Client.prototype;
  console.log(proto);
  // @ts-expect-error the only call option is signal
  await client.getTransaction({ uuid: tx.uuid }, { timeoutMs: 10 });
  // @ts-expect-error getOrder needs orderId
  await client.getOrder({ operationType: 'DEBIT' });
  // @ts-expect-error amounts are integers in minor units, not strings
  await client.refund({ uuid: tx.uuid, amount: '1.00', currency: 'EUR' });
  console.log(refunded, op, w, order.transactions.length, token);
}

const answer: SystempayPayment = systempay.parseAnswer(
  { 'kr-answer': '{}', 'kr-hash': '00', 'kr-hash-key': 'sha256_hmac', 'kr-hash-algorithm': 'sha256_hmac' },
  { hmacKey: 'k' },
);
const ok: boolean = systempay.verifyHash(
  { 'kr-answer': '{}', 'kr-hash': '00', 'kr-hash-key': 'password', 'kr-hash-algorithm': 'sha256_hmac' },
  { password: 'p' },
);
const hex: string = systempay.computeHash('{}', 'k');
// README's idiom for a form body: the parsed form is a string record.
declare const posted: string;
const fromForm: SystempayPayment = systempay.parseAnswer(Object.fromEntries(new URLSearchParams(posted)), { password: 'p' });
const fromFormOk: boolean = systempay.verifyHash(Object.fromEntries(new URLSearchParams(posted)), { password: 'p' });
// An IPN's transactions are typed (each field optional): no cast to read the first one's uuid.
const firstUuid: string | undefined = fromForm.transactions?.[0]?.uuid;
const firstStatus: SystempayTransaction['detailedStatus'] | undefined = fromForm.transactions?.[0]?.detailedStatus;
// @ts-expect-error uuid is a string
const notNumber: number | undefined = fromForm.transactions?.[0]?.uuid;
console.log(firstUuid, firstStatus, notNumber);
console.log(fromForm.orderStatus, fromFormOk);
// An IPN's transaction goes to planCancelOrRefund as it is (its uuid, amount, currency and status are
// always there: Lyra's fixtures; a helper's audit of the declarations, eighteenth pass).
const ipnTx = fromForm.transactions?.[0];
if (ipnTx) console.log(systempay.planCancelOrRefund(ipnTx, { uuid: ipnTx.uuid, amount: 100 }).operation);
// @ts-expect-error the fields are strings
systempay.parseAnswer({ 'kr-answer': {}, 'kr-hash': '00' }, { password: 'p' });

run().catch((e: unknown) => {
  if (isRemiseError(e) && e.outcome === 'unknown') console.log('check with getTransaction');
});
console.log(warnings, url, auth, mv, sdk, status, answer.orderStatus, ok, hex);

// The platform's answers carry null where a value is absent (tests/fixtures/systempay/responses/
// transaction_get_captured.json, in the platform's published shape): the declarations must accept it
// as it is, and the modelled nested objects their `_type`.
const captured: SystempayEnvelope = {
  "webService": "Transaction/Get",
  "version": "V4",
  "applicationVersion": "5.30.0",
  "status": "SUCCESS",
  "answer": {
    "shopId": "73239078",
    "uuid": "a0b61d1e159748eaab876cfe342e8c08",
    "amount": 3000,
    "currency": "EUR",
    "paymentMethodType": "CARD",
    "paymentMethodToken": null,
    "status": "PAID",
    "detailedStatus": "CAPTURED",
    "operationType": "DEBIT",
    "effectiveStrongAuthentication": "DISABLED",
    "creationDate": "2026-11-20T09:12:44+00:00",
    "errorCode": null,
    "errorMessage": null,
    "detailedErrorCode": null,
    "detailedErrorMessage": null,
    "metadata": null,
    "transactionDetails": {
      "liabilityShift": "NO",
      "effectiveAmount": 3000,
      "effectiveCurrency": "EUR",
      "creationContext": "CHARGE",
      "cardDetails": {
        "paymentSource": "EC",
        "manualValidation": "NO",
        "expectedCaptureDate": "2026-11-21T00:05:00+00:00",
        "effectiveBrand": "CB",
        "pan": "497010XXXXXX0055",
        "captureResponse": {
          "refundAmount": 1000,
          "captureDate": "2026-11-21T00:05:00+00:00",
          "captureFileNumber": "5",
          "refundCurrency": "EUR",
          "_type": "V4/CaptureResponse"
        },
        "_type": "V4/CardDetails"
      },
      "parentTransactionUuid": null,
      "mid": "1234567",
      "sequenceNumber": 1,
      "_type": "V4/TransactionDetails"
    },
    "_type": "V4/Transaction"
  },
  "ticket": null,
  "serverDate": "2026-11-22T10:00:00+00:00",
  "applicationProvider": "SYSTEMPAY",
  "metadata": null,
  "mode": "TEST",
  "serverUrl": "https://api.systempay.fr",
  "_type": "V4/WebService/Response"
};
const capturedTx = captured.answer as SystempayTransaction;
const fileNumber: string | null | undefined = capturedTx.transactionDetails?.cardDetails?.captureResponse?.captureFileNumber;
const parent: string | null | undefined = capturedTx.transactionDetails?.parentTransactionUuid;
const refusal: SystempayWebServiceError = {
  errorCode: 'PSP_105', errorMessage: 'transaction not found', detailedErrorCode: null, detailedErrorMessage: null,
  ticket: null, shopId: '73239078', _type: 'V4/WebService/WebServiceError',
};
console.log(fileNumber, parent, refusal);

// The answer types stay closed: a misspelt field is an error, not `unknown`.
// @ts-expect-error detailedStaus is not a field of SystempayTransaction
console.log(capturedTx.detailedStaus);
// planCancelOrRefund reads operationType (a captured CREDIT is not refunded).
const refundPlan: SystempayPlan = systempay.planCancelOrRefund(
  { detailedStatus: 'CAPTURED', amount: 500, currency: 'EUR', operationType: 'CREDIT' },
  { uuid: 'a0b61d1e159748eaab876cfe342e8c08' },
);
console.log(refundPlan);
// …and `status` (a captured UNPAID one, a chargeback, is not refunded: twenty-ninth pass).
const chargebackPlan: SystempayPlan = systempay.planCancelOrRefund(
  { detailedStatus: 'CAPTURED', status: 'UNPAID', amount: 500, currency: 'EUR' },
  { uuid: 'a0b61d1e159748eaab876cfe342e8c08' },
);
console.log(chargebackPlan);
// An authorisation not made yet (WAITING_AUTHORISATION) has its fields null, as the platform writes them.
const waiting: SystempayAuthorizationResponse = { amount: null, currency: null, authorizationDate: null, authorizationNumber: null, authorizationResult: null, authorizationMode: null };
console.log(waiting);

// @ts-expect-error a stateless request takes the gateway's options, not a client's transport options
systempay.request('Transaction/Get', { uuid: 'x' }, { ...options, timeoutMs: 10 });
