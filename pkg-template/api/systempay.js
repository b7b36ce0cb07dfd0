// systempay.*: thin dispatch to the wasm exports. `Client` is the wasm class itself.
//
// The named client methods are defined here, each as `call` with its service: `call` validates a
// modelled service exactly as the named method did (same checks, same retry rules), and one wasm
// export instead of ten keeps the .wasm smaller.
const METHODS = {
  cancelOrRefund: 'Transaction/CancelOrRefund',
  cancel: 'Transaction/Cancel',
  refund: 'Transaction/Refund',
  update: 'Transaction/Update',
  validate: 'Transaction/Validate',
  duplicate: 'Transaction/Duplicate',
  getTransaction: 'Transaction/Get',
  getOrder: 'Order/Get',
  createPayment: 'Charge/CreatePayment',
};

export default function systempay(raw) {
  const hosts = Object.freeze(raw.systempayHosts());
  const Client = raw.SystempayClient;
  for (const [name, service] of Object.entries(METHODS)) {
    Object.defineProperty(Client.prototype, name, {
      value: { [name](body) { return this.call(service, body); } }[name],
      writable: true,
      configurable: true,
    });
  }
  return {
    request: (service, body, options) => raw.systempayRequest(service, body, options),
    parseResponse: (text, httpStatus) => raw.systempayParseResponse(text, httpStatus),
    computeHash: (answer, key) => raw.systempayComputeHash(answer, key),
    verifyHash: (fields, keys) => raw.systempayVerifyHash(fields, keys),
    parseAnswer: (fields, keys) => raw.systempayParseAnswer(fields, keys),
    planCancelOrRefund: (transaction, request) => raw.systempayPlanCancelOrRefund(transaction, request),
    hosts,
    Client,
  };
}
