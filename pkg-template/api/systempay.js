// systempay.*: thin dispatch to the wasm exports. `Client` is the wasm class itself.
export default function systempay(raw) {
  const hosts = Object.freeze(raw.systempayHosts());
  return {
    request: (service, body, options) => raw.systempayRequest(service, body, options),
    parseResponse: (text, httpStatus) => raw.systempayParseResponse(text, httpStatus),
    computeHash: (answer, key) => raw.systempayComputeHash(answer, key),
    verifyHash: (fields, keys) => raw.systempayVerifyHash(fields, keys),
    parseAnswer: (fields, keys) => raw.systempayParseAnswer(fields, keys),
    planCancelOrRefund: (transaction, request) => raw.systempayPlanCancelOrRefund(transaction, request),
    hosts,
    Client: raw.SystempayClient,
  };
}
