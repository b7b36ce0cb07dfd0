// Peer of `systempay.request('Transaction/CancelOrRefund', body, options)`: what a developer
// would hand-write in plain JS with the same checks remise makes on this body (every issue at
// once, with its path): uuid = 32 lowercase hex, amount = safe non-negative integer, currency =
// alpha-3 code of the platform's table (required with amount), resolutionMode one of the
// documented values (default AUTO), comment a string, no unknown field; shopId digits and a
// password; then JSON.stringify and the Basic header. No network: it returns the request.

// The 34 alpha-3 codes of the Systempay table (the same list as remise's `systempay` table).
const CURRENCIES = new Set(
  'AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HRK HUF IDR INR JPY KHR KRW MXN MYR NOK NZD PHP PLN RON RUB SEK SGD THB TRY TWD USD XPF ZAR'.split(' '),
);
const RESOLUTION_MODES = new Set(['AUTO', 'CANCELLATION_ONLY', 'REFUND_ONLY']);
const KNOWN = new Set(['uuid', 'amount', 'currency', 'resolutionMode', 'comment']);
const UUID = /^[0-9a-f]{32}$/;
const DIGITS = /^[0-9]+$/;

export class ValidationError extends Error {
  constructor(issues) {
    super(`${issues.length} issue(s): ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.code = 'VALIDATION';
    this.issues = issues;
  }
}

export function cancelOrRefund(body, options) {
  const issues = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([{ field: '(input)', code: 'TYPE', message: 'must be an object' }]);
  }
  for (const k of Object.keys(body)) {
    if (!KNOWN.has(k)) issues.push({ field: k, code: 'UNKNOWN_FIELD', message: 'is not a field of Transaction/CancelOrRefund' });
  }
  const { uuid, amount, currency, resolutionMode, comment } = body;
  if (uuid === undefined) issues.push({ field: 'uuid', code: 'REQUIRED', message: 'is required' });
  else if (typeof uuid !== 'string' || !UUID.test(uuid)) {
    issues.push({ field: 'uuid', code: 'FORMAT', message: 'must be 32 lowercase hexadecimal characters' });
  }
  if (amount !== undefined && !(Number.isSafeInteger(amount) && amount >= 0)) {
    issues.push({ field: 'amount', code: 'TYPE', message: 'must be a safe non-negative integer (minor units)' });
  }
  if (currency !== undefined && !(typeof currency === 'string' && CURRENCIES.has(currency))) {
    issues.push({ field: 'currency', code: 'UNKNOWN_CURRENCY', message: 'must be an alpha-3 code of the systempay table' });
  }
  if (amount !== undefined && currency === undefined) issues.push({ field: 'currency', code: 'REQUIRED', message: 'is required when amount is given' });
  if (currency !== undefined && amount === undefined) issues.push({ field: 'amount', code: 'REQUIRED', message: 'is required when currency is given' });
  if (resolutionMode !== undefined && !RESOLUTION_MODES.has(resolutionMode)) {
    issues.push({ field: 'resolutionMode', code: 'ENUM', message: 'must be AUTO, CANCELLATION_ONLY or REFUND_ONLY' });
  }
  if (comment !== undefined && typeof comment !== 'string') issues.push({ field: 'comment', code: 'TYPE', message: 'must be a string' });
  const shopId = options && options.shopId;
  const password = options && options.password;
  if (typeof shopId !== 'string' || !DIGITS.test(shopId)) issues.push({ field: 'options.shopId', code: 'FORMAT', message: 'must be the digits of the shop id' });
  if (typeof password !== 'string' || password === '') issues.push({ field: 'options.password', code: 'REQUIRED', message: 'is required' });
  if (issues.length) throw new ValidationError(issues);
  const out = { uuid };
  if (amount !== undefined) {
    out.amount = amount;
    out.currency = currency;
  }
  out.resolutionMode = resolutionMode === undefined ? 'AUTO' : resolutionMode;
  if (comment !== undefined) out.comment = comment;
  return {
    method: 'POST',
    url: `${(options.baseUrl || 'https://api.systempay.fr').replace(/\/+$/, '')}/api-payment/V4/Transaction/CancelOrRefund`,
    headers: {
      Authorization: `Basic ${Buffer.from(`${shopId}:${password}`).toString('base64')}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify(out),
  };
}
