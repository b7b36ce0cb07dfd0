// Peer of `payline.request('doReAuthorization', …)` + `payline.parseResponse(…)`: npm `soap`
// (node-soap), the client created once from a local WSDL (payline-doReAuthorization.wsdl beside
// this file). Its HTTP client is replaced by one that answers at once with a recorded answer,
// so one call measures what remise does: build the envelope and headers (Basic auth), then
// parse the answer into an object. No socket is opened.
import soap from 'soap';
import { fileURLToPath } from 'node:url';

const WSDL = fileURLToPath(new URL('./payline-doReAuthorization.wsdl', import.meta.url));

/** A node-soap HttpClient stand-in: records the last request, answers `answer` with HTTP 200. */
class CannedHttp {
  constructor(answer) {
    this.answer = answer;
    this.last = null;
  }
  request(url, data, callback, headers) {
    this.last = { url, body: data, headers };
    callback(null, { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, data: this.answer }, this.answer);
  }
}

/** Returns `{ call(params) → Promise<answer object>, http }`. */
export async function createPaylineSoap(answer, { merchantId, accessKey }) {
  const http = new CannedHttp(answer);
  const client = await soap.createClientAsync(WSDL, { httpClient: http });
  client.setSecurity(new soap.BasicAuthSecurity(merchantId, accessKey));
  return {
    http,
    async call(params) {
      const [result] = await client.doReAuthorizationAsync(params);
      return result;
    },
  };
}

/** What a node-soap user passes: values as strings, the list wrapper written out, a formatted date. */
export function soapParams(p) {
  return {
    version: '34',
    transactionID: p.transactionID,
    payment: { amount: String(p.payment.amount), currency: '978', action: String(p.payment.action), mode: p.payment.mode, contractNumber: p.payment.contractNumber },
    order: { ref: p.order.ref, amount: String(p.order.amount), currency: '978', date: '15/12/2024 12:20' },
    privateDataList: { privateData: p.privateDataList },
    media: p.media,
  };
}
