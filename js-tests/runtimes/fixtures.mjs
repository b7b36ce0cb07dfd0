// Inputs and recorded gateway answers for the runtime smoke suite (and the 127.0.0.1 server that
// answers the clients). Credentials are the publicly documented test ones of the reference files
// (PayZen demo shop; the Payline documentation's example); nothing here is a real secret.
//
// Recorded answers are written by hand from the gateways' documented shapes:
// - Systempay envelopes as in the Lyra REST V4 docs (Transaction/Get, a PSP_075 refusal);
// - Payline getTransactionDetails as in the Payline WSDL (default-namespace impl, `obj:` types);
// - the Sogenactif Office Batch file of one CANCEL record, laid out as in the Office Batch
//   documentation (`FILE;request;office;v19`, `HEADER;remitterId;date;time;sequence`, one line per
//   record, `END;count`), and its response (each line echoed with responseCode;acquirerResponseCode;
//   authorisationId appended).

const MID = '011223344550000';

export const fixtures = {
  systempay: {
    shopId: '69876357',
    password: 'testpassword_DEMOPRIVATEKEY23G4475zXZQ2UA5x7M',
    uuid: 'a0b61d1e159748eaab876cfe342e8c08',
    refusedUuid: 'c97b7e6f3dbc4c239baf283654f34710',
    getEnvelope: JSON.stringify({
      webService: 'Transaction/Get',
      version: 'V4',
      status: 'SUCCESS',
      answer: {
        shopId: '69876357',
        uuid: 'a0b61d1e159748eaab876cfe342e8c08',
        amount: 3000,
        currency: 'EUR',
        paymentMethodType: 'CARD',
        status: 'PAID',
        detailedStatus: 'CAPTURED',
        operationType: 'DEBIT',
        creationDate: '2026-11-20T09:12:44+00:00',
        errorCode: null,
        errorMessage: null,
        metadata: null,
        _type: 'V4/Transaction',
      },
      serverDate: '2026-11-22T10:00:00+00:00',
      applicationProvider: 'SYSTEMPAY',
      mode: 'TEST',
      _type: 'V4/WebService/Response',
    }),
    errorEnvelope: JSON.stringify({
      webService: 'Transaction/CancelOrRefund',
      version: 'V4',
      status: 'ERROR',
      answer: {
        errorCode: 'PSP_075',
        errorMessage: 'Cancellation impossible, try a refund',
        detailedErrorCode: null,
        detailedErrorMessage: null,
        _type: 'V4/WebService/WebServiceError',
      },
      serverDate: '2026-11-22T10:00:00+00:00',
      applicationProvider: 'SYSTEMPAY',
      mode: 'TEST',
      _type: 'V4/WebService/Response',
    }),
  },
  payline: {
    merchantId: '111111111',
    accessKey: 'AFju9XHplQzvamffO72L',
    transactionId: '1434297987545643131272',
    detailsResponse:
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
      '<getTransactionDetailsResponse xmlns="http://impl.ws.payline.experian.com" xmlns:obj="http://obj.ws.payline.experian.com">' +
      '<result><obj:code>00000</obj:code><obj:shortMessage>ACCEPTED</obj:shortMessage><obj:longMessage>Transaction approved</obj:longMessage></result>' +
      '<transaction><obj:id>1434297987545643131272</obj:id><obj:date>07/12/2023 16:20:17</obj:date>' +
      '<obj:isDuplicated>0</obj:isDuplicated><obj:isPossibleFraud>0</obj:isPossibleFraud><obj:type>AUTHOR+CAP</obj:type></transaction>' +
      '<payment><obj:amount>1000</obj:amount><obj:currency>978</obj:currency><obj:action>101</obj:action><obj:mode>CPT</obj:mode><obj:contractNumber>1234567</obj:contractNumber></payment>' +
      '</getTransactionDetailsResponse></soapenv:Body></soapenv:Envelope>',
  },
  sogenactif: {
    batchInput: {
      header: { remitterId: MID, date: '2024-01-05+0100', time: '09:15:00+0100', sequence: 7 },
      records: [
        {
          method: 'cancel',
          merchantId: MID,
          transactionReference: 'ORDER1',
          amount: 500,
          currencyCode: 'EUR',
          operationOrigin: 'BATCH',
        },
      ],
    },
    batchFile:
      'FILE;request;office;v19\n' +
      `HEADER;${MID};2024-01-05+0100;09:15:00+0100;7\n` +
      `CANCEL;1;${MID};ORDER1;500;978;BATCH;;\n` +
      'END;1\n',
    batchResponse:
      'FILE;response;office;v19\n' +
      `HEADER;${MID};2024-01-05+0100;09:15:00+0100;7\n` +
      `CANCEL;1;${MID};ORDER1;500;978;BATCH;;;00;00;A00001\n` +
      'END;1\n',
    office: {
      // The Sips test merchant of the Office JSON reference examples (a public test account).
      options: { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 },
      path: '/rs-services/v2/diagnostic/getTransactionData',
      fields: { s10TransactionReference: { s10TransactionId: '000123', s10TransactionIdDate: '20260115' } },
      answer: JSON.stringify({ responseCode: '00', transactionStatus: 'CAPTURED', amount: 1000, currencyCode: '978' }),
    },
  },
};
