// Type-checks sogenactif.office and sogenactif.OfficeClient as a user writes them (tsc --strict).
import { sogenactif, isRemiseError } from 'remise';
import type {
  HttpRequest,
  SogenactifCancelFields,
  SogenactifOfficeAnswer,
  SogenactifOfficeClient,
  SogenactifOfficeOptions,
  SogenactifOfficeService,
  SogenactifOrderFields,
  SogenactifSubMerchantFields,
} from 'remise';

const options: SogenactifOfficeOptions = { merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'production' };
const cancel: SogenactifCancelFields = { transactionReference: 'ORDER42', operationAmount: 1000, currencyCode: 'EUR' };
const req: HttpRequest = sogenactif.office.request('cancel', cancel, options);
const req2: HttpRequest = sogenactif.office.request('diagnostic/getTransactionData', { s10TransactionReference: { s10TransactionId: '000123' } }, options);
const text: string = sogenactif.office.sealString({ a: 1 }) + sogenactif.office.seal({ a: 1 }, 'k');
const answer: SogenactifOfficeAnswer = sogenactif.office.parseResponse('{"responseCode":"00"}', { secretKey: 'k' });
const ok: boolean = answer.accepted && answer.sealVerified;

// @ts-expect-error amounts are integers in minor units, not strings
sogenactif.office.request('cancel', { transactionReference: 'A', operationAmount: '10.00', currencyCode: 'EUR' }, options);
// @ts-expect-error unknown services are rejected
sogenactif.office.request('capture', cancel, options);
// @ts-expect-error cardOrder needs a card number
sogenactif.office.request('cardOrder', { transactionReference: 'A', amount: 1, currencyCode: 978, orderChannel: 'INTERNET' }, options);

// @ts-expect-error duplicate requires merchantTransactionDateTime and the shop it copies from
sogenactif.office.request('duplicate', { transactionReference: 'A', amount: 1, currencyCode: 'EUR', orderChannel: 'INTERNET', captureDay: 0, captureMode: 'AUTHOR_CAPTURE', returnContext: 'x' }, options);
// @ts-expect-error a field outside the service's table (what the validator reads) is refused here too
sogenactif.office.request('refund', { transactionReference: 'A', operationAmount: 1, currencyCode: 'EUR', cardNumber: '4111111111111111' }, options);
// @ts-expect-error captureMode is a closed union
const mode: SogenactifOrderFields['captureMode'] = 'LATER';
const service: SogenactifOfficeService = 'checkout/walletOrder';
const sub: SogenactifSubMerchantFields = { subMerchantId: 'S1', subMerchantAddress: { city: 'Paris' } };

const client: SogenactifOfficeClient = new sogenactif.OfficeClient({ ...options, timeoutMs: 5000, debug: (e) => console.log(e.type) });
async function run(): Promise<void> {
  try {
    const a: SogenactifOfficeAnswer = await client.cancel(cancel, { transaction: { transactionStatus: 'TO_CAPTURE', amount: 1000 }, signal: new AbortController().signal });
    // The currency in each form the runtime compares ('978', 'EUR', 978).
    for (const currencyCode of ['978', 'EUR', 978]) await client.cancel(cancel, { transaction: { amount: 1000, currencyCode } });
    const status = (await client.getTransactionData({ transactionReference: 'ORDER42' })).transactionStatus;
    // What tells whether a lost cancel went through is typed (it was `unknown`: a helper's audit).
    const data = await client.getTransactionData({ transactionReference: 'ORDER42' });
    const left: number | undefined = data.currentAmount;
    const first: number | string | undefined = data.originAmount;
    const stat: string | undefined = data.transactionStatus;
    // The lookup's own code, and the looked-up payment's authorisation result beside it.
    const found: string | undefined = data.getTransDataResponseCode;
    const authorisation: string | undefined = data.responseCode;
    // What remise adds, on this answer too (an Omit over the index signature had made them unknown).
    const checked: boolean = data.sealVerified && data.accepted;
    const meaning: string = data.responseMessage;
    console.log(left, first, stat, found, authorisation, data.currencyCode?.length, checked, meaning);
    // A cancel's answer: what is left, typed.
    const after = await client.cancel(cancel);
    const rest: number | undefined = after.newAmount;
    const now: string | undefined = after.newStatus;
    console.log(rest, now);
    // The answer as it came is the next call's transaction state.
    await client.cancel(cancel, { transaction: data });
    console.log(a.responseCode, status);
  } catch (e) {
    if (isRemiseError(e) && e.code === 'GATEWAY_ERROR') console.log(e.gatewayCode, e.response);
  }
  // @ts-expect-error the client has no capture method
  client.capture(cancel);
}
console.log(req.url, req2.body, text, ok, run, mode, service, sub);

// A service held in a variable of the service type.
declare const someService: SogenactifOfficeService;
const req3: HttpRequest = sogenactif.office.request(someService, cancel, options);
// @ts-expect-error a stateless request takes the gateway's options, not a client's transport options
sogenactif.office.request('cancel', cancel, { ...options, timeoutMs: 10 });
const officeProto: SogenactifOfficeClient = sogenactif.OfficeClient.prototype;
console.log(req3, officeProto);
