// Inputs shared by remise and its peers: the same request, answer and records for both sides.

export const SYSTEMPAY_BODY = { uuid: 'a0b61d1e159748eaab876cfe342e8c08', amount: 1000, currency: 'EUR' };
export const SYSTEMPAY_OPTIONS = { shopId: '73239078', password: 'testpassword_SoDWhIfCCXbxP5sdyyKKRn9BX2bbGGHsrg72Z0dMTKdcx' };

export const PAYLINE_OPTIONS = { merchantId: '111111111', accessKey: 'bench-access-key' };
/** doReAuthorization parameters (the reference request of the Payline fixtures). */
export const PAYLINE_PARAMS = {
  transactionID: '14340105742592',
  payment: { amount: 1000, currency: 'EUR', action: 101, mode: 'CPT', contractNumber: '1234567' },
  order: { ref: 'ORDER-0001-R1', amount: 1000, currency: 'EUR', date: '2024-12-15T12:20:00' },
  privateDataList: [{ key: 'k1', value: 'v1' }],
  media: 'Computer',
};

/** A doReAuthorization answer shaped like Payline's (result 00000, ids longer than 2^53). */
export const PAYLINE_ANSWER = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Header/>
  <soapenv:Body>
    <doReAuthorizationResponse xmlns="http://impl.ws.payline.experian.com" xmlns:obj="http://obj.ws.payline.experian.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <result><obj:code>00000</obj:code><obj:shortMessage>ACCEPTED</obj:shortMessage><obj:longMessage>Transaction approved</obj:longMessage></result>
      <transaction><obj:id>1434297987545643131272</obj:id><obj:date>07/12/23 13:21:01</obj:date><obj:isDuplicated>0</obj:isDuplicated><obj:isPossibleFraud>0</obj:isPossibleFraud></transaction>
      <card><obj:number>4XXXXXXXXXXXXXX7</obj:number><obj:type>CB</obj:type><obj:expirationDate>0420</obj:expirationDate></card>
      <extendedCard><obj:country>FRA</obj:country><obj:isCvd/><obj:bank>30002 - CREDIT LYONNAIS</obj:bank><obj:type>CB</obj:type><obj:network>CB</obj:network><obj:product>Visa +++</obj:product></extendedCard>
    </doReAuthorizationResponse>
  </soapenv:Body>
</soapenv:Envelope>
`;

/**
 * Bytes per read for every contestant of the NDJSON rows (streams' `highWaterMark`, the read buffer of the
 * synchronous ones): 1 MiB, as README advises for the converter. Node's default of 64 KiB costs a thread-pool
 * round trip per 64 KiB: the converter with `push` took 1.85 s of CPU at 64 KiB and 1.47 s at 1 MiB, the
 * plain readline script 3.10 s and 3.24 s (no gain: it is bound by its per-line work), so every reader gets
 * the same size.
 */
export const READ_CHUNK = 1 << 20;

/** The Office Batch header of every generated file (fixed date and time: same bytes each run). */
export const BATCH_HEADER = { remitterId: '023101122334455', date: '2024-01-05+0100', time: '09:15:00+0100', sequence: 1 };

/** walletCredit record number i (the record of examples/sogenactif_batch_writer.rs). */
export function walletCredit(i) {
  return {
    method: 'walletCredit',
    merchantId: '023101122334456',
    transactionReference: `REF${String(i).padStart(9, '0')}`,
    amount: 1000 + (i % 5000),
    merchantWalletId: `W${i % 977}`,
    paymentMeanId: '1',
    currencyCode: 'EUR',
    customerEmail: 'customer@example.com',
    orderId: `order-${i}`,
  };
}
