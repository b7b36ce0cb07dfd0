// The playground's data table: every gateway and every operation the page offers. Adding an
// operation is one entry in `operations`: its fields (the form is generated from them, the input
// object is built from their paths) and the answers the in-page stand-in server can give.
//
// Field: { path, label, type, value?, options?, hint?, currency? }
//   path      where the value goes in the input object ('transactionOptions.cardOptions.captureDelay',
//             'records[0].amount'); validation issues come back with the same path, so they are
//             shown next to the field
//   type      'text' | 'int' (sent as a number when it is one) | 'minor' (integer minor units, shown
//             as a decimal next to the field through money.fromMinor) | 'currency' | 'select' | 'bool'
//   currency  for 'minor': the path of the currency field the amount is in
//   value     the prefilled value (a working example)
// Answers: { label, status, body(input) → text } for HTTP gateways; { label, codes } for batch files.

const UUID = 'a0b61d1e159748eaab876cfe342e8c08';
const MID = '011223344550000';
const TODAY = '20260115';

/** Recorded Systempay REST V4 envelopes (shapes as in the Lyra REST V4 reference). */
const sp = {
  transaction: (input, extra = {}) =>
    JSON.stringify({
      webService: extra.webService,
      version: 'V4',
      applicationVersion: '5.30.0',
      status: 'SUCCESS',
      answer: {
        shopId: '69876357',
        uuid: extra.uuid ?? input.uuid ?? UUID,
        amount: input.amount ?? 3000,
        currency: input.currency ?? 'EUR',
        paymentMethodType: 'CARD',
        status: extra.status ?? 'PAID',
        detailedStatus: extra.detailedStatus ?? 'CAPTURED',
        operationType: extra.operationType ?? 'DEBIT',
        creationDate: '2026-11-22T09:12:44+00:00',
        errorCode: null,
        errorMessage: null,
        metadata: null,
        transactionDetails: { parentTransactionUuid: extra.parent ?? null, _type: 'V4/TransactionDetails' },
        _type: 'V4/Transaction',
      },
      serverDate: '2026-11-22T10:00:00+00:00',
      applicationProvider: 'SYSTEMPAY',
      mode: 'TEST',
      _type: 'V4/WebService/Response',
    }),
  error: (webService, errorCode, errorMessage) =>
    JSON.stringify({
      webService,
      version: 'V4',
      status: 'ERROR',
      answer: { errorCode, errorMessage, detailedErrorCode: null, detailedErrorMessage: null, _type: 'V4/WebService/WebServiceError' },
      serverDate: '2026-11-22T10:00:00+00:00',
      mode: 'TEST',
      _type: 'V4/WebService/Response',
    }),
};

/** A Payline SOAP 1.1 answer (impl as the default namespace, obj: for the types, as in the WSDL). */
const pl = (operation, code, short, long, inner = '') =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  `<${operation}Response xmlns="http://impl.ws.payline.experian.com" xmlns:obj="http://obj.ws.payline.experian.com">` +
  `<result><obj:code>${code}</obj:code><obj:shortMessage>${short}</obj:shortMessage><obj:longMessage>${long}</obj:longMessage></result>` +
  inner +
  `</${operation}Response></soapenv:Body></soapenv:Envelope>`;
const plTransaction = (id) =>
  `<transaction><obj:id>${id}</obj:id><obj:date>22/11/26 10:00</obj:date><obj:isDuplicated>0</obj:isDuplicated><obj:isPossibleFraud>0</obj:isPossibleFraud></transaction>`;

/** A Sips Office JSON answer (the test platform does not seal its answers). */
const office = (fields) => JSON.stringify({ operationDateTime: '2026-11-22T10:00:00+01:00', ...fields });

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
      { path: 'environment', label: 'Environment', type: 'select', options: ['test', 'simulation', 'production'], value: 'test' },
    ],
    table: 'sogenactif',
  },
];

const batchHeader = [
  { path: 'header.remitterId', label: 'Remitter id', type: 'text', value: MID, hint: '15 digits, given by Sogenactif' },
  { path: 'header.sequence', label: 'File sequence', type: 'int', value: 1 },
];
const batchAnswers = [
  { label: '00: accepted', codes: ['00', '00'] },
  { label: '05: refused by the acquirer', codes: ['05', '05'] },
  { label: '24: operation not allowed', codes: ['24', ''] },
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
    answers: [
      {
        label: 'Refunded (new CREDIT transaction)',
        body: (i) =>
          sp.transaction(i, {
            webService: 'Transaction/CancelOrRefund',
            uuid: 'b1c72e2f26a859fbbc987d0f453f9d19',
            status: 'ACCEPTED',
            detailedStatus: 'ACCEPTED',
            operationType: 'CREDIT',
            parent: i.uuid,
          }),
      },
      {
        label: 'Cancelled (not captured yet)',
        body: (i) => sp.transaction(i, { webService: 'Transaction/CancelOrRefund', status: 'UNPAID', detailedStatus: 'CANCELLED' }),
      },
      { label: 'PSP_075 refused', body: () => sp.error('Transaction/CancelOrRefund', 'PSP_075', 'Cancellation impossible, try a refund') },
    ],
  },
  {
    gateway: 'systempay',
    id: 'Transaction/Get',
    label: 'Get a transaction',
    doc: 'Reads one transaction. A read: retried on network errors, 408 and 5xx.',
    fields: [{ path: 'uuid', label: 'Transaction uuid', type: 'text', value: UUID, hint: '32 hex characters' }],
    answers: [
      { label: 'Captured transaction', body: (i) => sp.transaction(i, { webService: 'Transaction/Get' }) },
      { label: 'PSP_010 unknown transaction', body: () => sp.error('Transaction/Get', 'PSP_010', 'Transaction not found') },
    ],
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
    answers: [
      {
        label: 'Refund accepted',
        body: (i) =>
          sp.transaction(i, { webService: 'Transaction/Refund', status: 'ACCEPTED', detailedStatus: 'ACCEPTED', operationType: 'CREDIT', parent: i.uuid }),
      },
      { label: 'PSP_099 too many attempts', body: () => sp.error('Transaction/Refund', 'PSP_099', 'Too many attempts') },
    ],
  },
  {
    gateway: 'systempay',
    id: 'Transaction/Validate',
    label: 'Validate',
    doc: 'Validates a transaction created with manual validation.',
    fields: [{ path: 'uuid', label: 'Transaction uuid', type: 'text', value: UUID }],
    answers: [
      { label: 'Validated', body: (i) => sp.transaction(i, { webService: 'Transaction/Validate', status: 'AUTHORISED', detailedStatus: 'AUTHORISED' }) },
    ],
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
    answers: [
      { label: '00000 accepted', body: () => pl('doRefund', '00000', 'ACCEPTED', 'Transaction approved', plTransaction('PPL231143555582253')) },
      { label: '02308 invalid value', body: () => pl('doRefund', '02308', 'INVALID', 'Invalid value for payment.amount') },
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
    answers: [{ label: '00000 accepted', body: () => pl('doReset', '00000', 'ACCEPTED', 'Transaction approved', plTransaction('PPL231143555582254')) }],
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
    answers: [
      {
        label: '00000 accepted',
        body: () =>
          pl(
            'getTransactionDetails',
            '00000',
            'ACCEPTED',
            'Transaction approved',
            plTransaction('1434297987545643131272') +
              '<payment><obj:amount>1000</obj:amount><obj:currency>978</obj:currency><obj:action>101</obj:action><obj:mode>CPT</obj:mode><obj:contractNumber>1234567</obj:contractNumber></payment>',
          ),
      },
      { label: '02301 transaction not found', body: () => pl('getTransactionDetails', '02301', 'INVALID', 'Transaction ID is invalid') },
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
    answers: batchAnswers,
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
    answers: batchAnswers,
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
    answers: batchAnswers,
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
    answers: [
      { label: '00 accepted', body: (i) => office({ responseCode: '00', newStatus: 'CANCELLED', newAmount: 0, transactionReference: i.transactionReference }) },
      { label: '24 not allowed', body: () => office({ responseCode: '24' }) },
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
    answers: [{ label: '00 accepted', body: () => office({ responseCode: '00', acquirerResponseCode: '00', newStatus: 'CREDITED' }) }],
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
    answers: [
      { label: '00 found', body: () => office({ responseCode: '00', transactionStatus: 'CAPTURED', amount: 1000, currencyCode: '978' }) },
    ],
  },
];

/** Per gateway: how a request is previewed and how it is sent through a client to the stand-in. */
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
    // No HTTP: the file is uploaded to Sogenactif's SFTP; the stand-in answers with a response file.
    send: null,
  },
  'sogenactif-office': {
    available: (r) => r.sogenactif.office.request,
    preview: (r, op, input, creds) => ({ kind: 'http', request: r.sogenactif.office.request(op.id, input, creds) }),
    send: (r, op, input, creds, fetch) => new r.sogenactif.OfficeClient({ ...creds, fetch })[op.id](input),
  },
};
