// Under `exactOptionalPropertyTypes` (this folder's tsconfig), an optional property takes an explicit
// `undefined`, as the run time does (JSON drops it): a helper's audit of the declarations (eighteenth
// pass) found `baseUrl: process.env.X` and `{ signal: opts.signal }` refused by the compiler.
import { RemiseError, payline, sogenactif, systempay } from 'remise';

declare const env: Record<string, string | undefined>;
declare const opts: { signal?: AbortSignal | undefined };

const client = new systempay.Client({ shopId: '69876357', password: 'p', baseUrl: env.SYSTEMPAY_BASE_URL, timeoutMs: undefined, debug: undefined });
void client.getTransaction({ uuid: 'a0b61d1e159748eaab876cfe342e8c08' }, { signal: opts.signal });
void client.refund({ uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: 500, currency: 'EUR', comment: undefined });
new payline.Client({ merchantId: '1', accessKey: 'k', environment: undefined, baseUrl: env.PAYLINE_BASE_URL });
new sogenactif.OfficeClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: undefined });
sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1, date: undefined }, records: [] });
// A test double's error, from values that may be missing (the constructor drops an undefined one): a
// helper's check, twenty-fifth pass, found RemiseError's own optional properties left out of the rule.
declare const maybe: { code?: string | undefined; status?: number | undefined; retry?: boolean | undefined };
const double = new RemiseError({ code: 'GATEWAY_ERROR', message: 'refused', gatewayCode: maybe.code, httpStatus: maybe.status, retryable: maybe.retry, outcome: undefined });
const readBack: string | undefined = double.gatewayCode;
void readBack;
// Still refused: a wrong type, with or without undefined.
// @ts-expect-error timeoutMs is a number
new systempay.Client({ shopId: '69876357', password: 'p', timeoutMs: '5000' });
