// The playground's data table: every gateway and every operation the page offers. Adding an
// operation is one entry in `operations`: its fields (the form is generated from them, the input
// object is built from their paths). Requests are answered by remise's simulator (remise/simulator),
// put for each send in one of the `states` below.
//
// Field: { path, label, type, value?, options?, hint?, currency? }
//   path      where the value goes in the input object ('transactionOptions.cardOptions.captureDelay',
//             'records[0].amount'); validation issues come back with the same path, so they are
//             shown next to the field
//   type      'text' | 'int' (sent as a number when it is one) | 'minor' (integer minor units, shown
//             as a decimal next to the field through money.fromMinor) | 'currency' | 'select' | 'bool'
//   currency  for 'minor': the path of the currency field the amount is in
//   value     the prefilled value (a working example)
// States: { label, seed(sim, input) } per gateway: the transaction the form names is created in that
// state in a fresh simulator, so what comes back is the simulator's answer to the request shown.

const UUID = 'a0b61d1e159748eaab876cfe342e8c08';
const MID = '011223344550000';
const TODAY = '20260115';

const payment = (p, amount = 1000) => [
  { path: `${p}.amount`, label: 'Amount (minor units)', type: 'minor', value: amount, currency: `${p}.currency` },
  { path: `${p}.currency`, label: 'Currency', type: 'currency', value: 'EUR' },
  { path: `${p}.action`, label: 'Action code', type: 'int', value: 421, hint: '421 refund, 101 authorization + capture' },
  { path: `${p}.mode`, label: 'Mode', type: 'select', options: ['CPT', 'DIF', 'NX', 'REC'], value: 'CPT' },
  { path: `${p}.contractNumber`, label: 'Contract number', type: 'text', value: '1234567' },
];

export const gateways = [
  {
    id: 'systempay',
    label: 'Systempay',
    sub: 'Lyra REST V4',
    namespace: 'systempay',
    credentials: [
      { path: 'shopId', label: 'Shop id', type: 'text', value: '69876357' },
      { path: 'password', label: 'Password', type: 'text', value: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M' },
    ],
    table: 'systempay',
  },
  {
    id: 'payline',
    label: 'Payline',
    sub: 'Monext SOAP',
    namespace: 'payline',
    credentials: [
      { path: 'merchantId', label: 'Merchant id', type: 'text', value: '111111111' },
      { path: 'accessKey', label: 'Access key', type: 'text', value: 'AFju9XHplQzvamffO72L' },
      { path: 'environment', label: 'Environment', type: 'select', options: ['homologation', 'production'], value: 'homologation' },
    ],
    table: 'payline',
  },
  {
    id: 'sogenactif-batch',
    label: 'Sogenactif batch',
    sub: 'Office Batch files',
    namespace: 'sogenactif',
    credentials: [],
    table: 'sogenactif',
  },
  {
    id: 'sogenactif-office',
    label: 'Sogenactif office',
    sub: 'Sips Office JSON',
    namespace: 'sogenactif',
    credentials: [
      { path: 'merchantId', label: 'Merchant id', type: 'text', value: '002001000000001' },
      { path: 'secretKey', label: 'Secret key', type: 'text', value: '002001000000001_KEY1' },
      { path: 'keyVersion', label: 'Key version', type: 'int', value: 1 },
      { path: 'environment', label: 'Environment', type: 'select', options: ['test', 'production'], value: 'test' },
    ],
    table: 'sogenactif',
  },
];

const batchHeader = [
  { path: 'header.remitterId', label: 'Remitter id', type: 'text', value: MID, hint: '15 digits, given by Sogenactif' },
  { path: 'header.sequence', label: 'File sequence', type: 'int', value: 1 },
];

export const operations = [
  // ---- Systempay REST V4
  {
    gateway: 'systempay',
    id: 'Transaction/CancelOrRefund',
    label: 'Cancel or refund',
    doc: 'Cancels a transaction that is not captured yet, refunds one that is. Never resent automatically.',
    fields: [
      { path: 'uuid', label: 'Transaction uuid', type: 'text', value: UUID, hint: '32 hex characters' },
      { path: 'amount', label: 'Amount (minor units)', type: 'minor', value: 1500, currency: 'currency' },
      { path: 'currency', label: 'Currency', type: 'currency', value: 'EUR' },
      { path: 'resolutionMode', label: 'Resolution mode', type: 'select', options: ['', 'CANCELLATION_ONLY', 'REFUND_ONLY'], value: '' },
      { path: 'comment', label: 'Comment', type: 'text', value: 'customer request' },
    ],
  },
  {
    gateway: 'systempay',
    id: 'Transaction/Get',
    label: 'Get a transaction',
    doc: 'Reads one transaction. A read: retried on network errors, 408 and 5xx.',
    fields: [{ path: 'uuid', label: 'Transaction uuid', type: 'text', value: UUID, hint: '32 hex characters' }],
  },
  {
    gateway: 'systempay',
    id: 'Transaction/Refund',
    label: 'Refund',
    doc: 'Refunds a captured transaction, fully or partly. Never resent automatically.',
    fields: [
      { path: 'uuid', label: 'Transaction uuid', type: 'text', value: UUID },
      { path: 'amount', label: 'Amount (minor units)', type: 'minor', value: 2500, currency: 'currency' },
      { path: 'currency', label: 'Currency', type: 'currency', value: 'EUR' },
      { path: 'comment', label: 'Comment', type: 'text', value: '' },
    ],
  },
  {
    gateway: 'systempay',
    id: 'Transaction/Validate',
    label: 'Validate',
    doc: 'Validates a transaction created with manual validation.',
    fields: [{ path: 'uuid', label: 'Transaction uuid', type: 'text', value: UUID }],
  },

  // ---- Payline SOAP
  {
    gateway: 'payline',
    id: 'doRefund',
    label: 'doRefund',
    doc: 'Refunds a captured transaction. Never resent automatically.',
    fields: [
      { path: 'transactionID', label: 'Transaction id', type: 'text', value: '14340105742592' },
      ...payment('payment', 500),
      { path: 'comment', label: 'Comment', type: 'text', value: 'Customer returned item' },
      { path: 'sequenceNumber', label: 'Sequence number', type: 'text', value: 'refund-0001' },
    ],
  },
  {
    gateway: 'payline',
    id: 'doReset',
    label: 'doReset',
    doc: 'Cancels an authorisation that is not captured yet.',
    fields: [
      { path: 'transactionID', label: 'Transaction id', type: 'text', value: '14340105742592' },
      { path: 'amount', label: 'Amount (minor units)', type: 'minor', value: 300, currency: 'currency' },
      { path: 'currency', label: 'Currency', type: 'currency', value: 'EUR' },
      { path: 'comment', label: 'Comment', type: 'text', value: 'Order cancelled' },
    ],
  },
  {
    gateway: 'payline',
    id: 'getTransactionDetails',
    label: 'getTransactionDetails',
    doc: 'Reads a transaction and its history. A read: retried on transient failures.',
    fields: [
      { path: 'transactionId', label: 'Transaction id', type: 'text', value: '1434297987545643131272' },
      { path: 'transactionHistory', label: 'With history', type: 'select', options: ['', 'Y', 'N'], value: 'Y' },
    ],
  },

  // ---- Sogenactif Office Batch (one record per file here; the API takes any number)
  {
    gateway: 'sogenactif-batch',
    id: 'cancel',
    label: 'CANCEL',
    doc: 'Cancels (part of) a transaction not yet captured. One line of the Office Batch file.',
    fields: [
      ...batchHeader,
      { path: 'records[0].merchantId', label: 'Merchant id', type: 'text', value: MID },
      { path: 'records[0].transactionReference', label: 'Transaction reference', type: 'text', value: 'ORDER1' },
      { path: 'records[0].amount', label: 'Amount (minor units)', type: 'minor', value: 500, currency: 'records[0].currencyCode' },
      { path: 'records[0].currencyCode', label: 'Currency', type: 'currency', value: 'EUR' },
      { path: 'records[0].operationOrigin', label: 'Operation origin', type: 'text', value: 'BATCH' },
    ],
  },
  {
    gateway: 'sogenactif-batch',
    id: 'refund',
    label: 'REFUND',
    doc: 'Refunds (part of) a captured transaction. One line of the Office Batch file.',
    fields: [
      ...batchHeader,
      { path: 'records[0].merchantId', label: 'Merchant id', type: 'text', value: MID },
      { path: 'records[0].transactionReference', label: 'Transaction reference', type: 'text', value: 'ORDER2' },
      { path: 'records[0].operationAmount', label: 'Amount (minor units)', type: 'minor', value: 750, currency: 'records[0].currencyCode' },
      { path: 'records[0].currencyCode', label: 'Currency', type: 'currency', value: 'EUR' },
    ],
  },
  {
    gateway: 'sogenactif-batch',
    id: 'validate',
    label: 'VALIDATE',
    doc: 'Validates a transaction created with capture mode VALIDATION.',
    fields: [
      ...batchHeader,
      { path: 'records[0].merchantId', label: 'Merchant id', type: 'text', value: MID },
      { path: 'records[0].transactionReference', label: 'Transaction reference', type: 'text', value: 'ORDER3' },
      { path: 'records[0].operationAmount', label: 'Amount (minor units)', type: 'minor', value: 1000, currency: 'records[0].currencyCode' },
      { path: 'records[0].currencyCode', label: 'Currency', type: 'currency', value: 'EUR' },
    ],
  },

  // ---- Sogenactif Sips Office JSON
  {
    gateway: 'sogenactif-office',
    id: 'cancel',
    label: 'cancel',
    doc: 'Cancels (part of) a transaction not yet captured. Sealed with HMAC-SHA-256.',
    fields: [
      { path: 'transactionReference', label: 'Transaction reference', type: 'text', value: 'SIM20260101A1' },
      { path: 'operationAmount', label: 'Amount (minor units)', type: 'minor', value: 1000, currency: 'currencyCode' },
      { path: 'currencyCode', label: 'Currency', type: 'currency', value: 'EUR' },
      { path: 'operationOrigin', label: 'Operation origin', type: 'text', value: 'BACKOFFICE' },
    ],
  },
  {
    gateway: 'sogenactif-office',
    id: 'refund',
    label: 'refund',
    doc: 'Refunds (part of) a captured transaction.',
    fields: [
      { path: 's10TransactionReference.s10TransactionId', label: 's10 transaction id', type: 'text', value: '000123' },
      { path: 's10TransactionReference.s10TransactionIdDate', label: 's10 transaction date', type: 'text', value: TODAY, hint: 'YYYYMMDD' },
      { path: 'operationAmount', label: 'Amount (minor units)', type: 'minor', value: 250, currency: 'currencyCode' },
      { path: 'currencyCode', label: 'Currency', type: 'currency', value: 'EUR' },
    ],
  },
  {
    gateway: 'sogenactif-office',
    id: 'getTransactionData',
    label: 'getTransactionData',
    doc: 'Reads a transaction. A read: retried on transient failures.',
    fields: [
      { path: 's10TransactionReference.s10TransactionId', label: 's10 transaction id', type: 'text', value: '000123' },
      { path: 's10TransactionReference.s10TransactionIdDate', label: 's10 transaction date', type: 'text', value: TODAY, hint: 'YYYYMMDD' },
    ],
  },
];

const sipsRef = (i) => {
  const r = i.records?.[0] ?? i;
  if (r.transactionReference) return { transactionReference: r.transactionReference };
  // The pair id + date names an s10 transaction (without a date, the simulator's day).
  // (Values remise refuses anyway are not seeded as given: the seed would throw before remise says why.)
  const { s10TransactionId: id, s10TransactionIdDate: date } = r.s10TransactionReference ?? {};
  const s10TransactionId = /^\d{1,6}$/.test(id ?? '') ? id : '000000';
  return /^\d{8}$/.test(date ?? '') ? { s10TransactionId, s10TransactionIdDate: date } : { s10TransactionId };
};
const sipsState = (label, extra) => ({ label, seed: (sim, i) => sim.sogenactif.createTransaction({ ...sipsRef(i), amount: 1000, ...extra }) });

/** What the simulator knows of the transaction the form names, before the request is sent. */
export const states = {
  systempay: [
    {
      label: 'Captured, 30.00 EUR',
      seed: (sim, i) => {
        sim.systempay.createTransaction({ uuid: i.uuid, amount: 3000 });
        sim.advance({ days: 1 }); // the 00:05 capture run
      },
    },
    { label: 'Authorised, not captured yet', seed: (sim, i) => sim.systempay.createTransaction({ uuid: i.uuid, amount: 3000 }) },
    { label: 'Authorised, to validate', seed: (sim, i) => sim.systempay.createTransaction({ uuid: i.uuid, amount: 3000, manualValidation: true }) },
    {
      label: 'Expired (never validated)',
      seed: (sim, i) => {
        sim.systempay.createTransaction({ uuid: i.uuid, amount: 3000, manualValidation: true });
        // The simulator expires a transaction never validated when its authorisation lapses, 7 days
        // after it was asked (AUTHORISATION_VALIDITY_DAYS in remise/simulator's Systempay), not at the
        // next capture run.
        sim.advance({ days: 7 });
      },
    },
    { label: 'Unknown to the platform', seed: () => {} },
  ],
  payline: [
    {
      label: 'Captured and remitted, 30.00 EUR',
      seed: (sim, i) => {
        sim.payline.createTransaction({ id: i.transactionID ?? i.transactionId, amount: 3000, action: 101 });
        sim.advance({ days: 1 }); // remitted to the bank overnight
      },
    },
    { label: 'Authorised, not captured, 30.00 EUR', seed: (sim, i) => sim.payline.createTransaction({ id: i.transactionID ?? i.transactionId, amount: 3000, action: 100 }) },
    { label: 'Unknown to Payline', seed: () => {} },
  ],
  'sogenactif-batch': [],
  'sogenactif-office': [],
};
states['sogenactif-batch'] = states['sogenactif-office'] = [
  sipsState('To capture, 10.00 EUR', { status: 'TO_CAPTURE' }),
  sipsState('Captured, 10.00 EUR', { status: 'CAPTURED' }),
  sipsState('To validate, 10.00 EUR', { status: 'TO_VALIDATE', captureMode: 'VALIDATION' }),
  sipsState('Cancelled', { status: 'CANCELLED' }),
  { label: 'Unknown to Sogenactif', seed: () => {} },
];

/** The simulator's options: it accepts the credentials typed in the form. */
export function simulatorOptions(gateway, input, creds) {
  if (gateway === 'systempay') return { systempay: { shopId: creds.shopId, password: creds.password } };
  if (gateway === 'payline') return { payline: { merchantId: creds.merchantId, accessKey: creds.accessKey } };
  if (gateway === 'sogenactif-batch') return { sogenactif: { merchantId: input.records?.[0]?.merchantId } };
  return { sogenactif: { merchantId: creds.merchantId, secretKey: creds.secretKey, keyVersion: creds.keyVersion } };
}

/** Per gateway: how a request is previewed and how it is sent through a client to the simulator. */
export const adapters = {
  systempay: {
    available: (r) => r.systempay.request,
    preview: (r, op, input, creds) => ({ kind: 'http', request: r.systempay.request(op.id, input, creds) }),
    send: (r, op, input, creds, fetch) => new r.systempay.Client({ ...creds, fetch }).call(op.id, input),
  },
  payline: {
    available: (r) => r.payline.request,
    preview: (r, op, input, creds) => ({ kind: 'http', request: r.payline.request(op.id, input, creds) }),
    send: (r, op, input, creds, fetch) => new r.payline.Client({ ...creds, fetch })[op.id](input),
  },
  'sogenactif-batch': {
    available: (r) => r.sogenactif.batch.build,
    preview: (r, op, input) => ({ kind: 'file', text: r.sogenactif.batch.build({ ...input, records: [{ method: op.id, ...input.records?.[0] }] }) }),
    // No HTTP: the file is uploaded to Sogenactif's SFTP; the simulator returns the response file.
    send: null,
  },
  'sogenactif-office': {
    available: (r) => r.sogenactif.office.request,
    preview: (r, op, input, creds) => ({ kind: 'http', request: r.sogenactif.office.request(op.id, input, creds) }),
    send: (r, op, input, creds, fetch) => new r.sogenactif.OfficeClient({ ...creds, fetch })[op.id](input),
  },
};
