// sogenactif.office.* and sogenactif.OfficeClient: thin dispatch to the wasm exports. The lead's
// namespace assembly spreads { office, OfficeClient } into `sogenactif` beside the batch part.
export default function sogenactifOffice(raw) {
  const office = {
    sealString: (fields) => raw.sogenactifOfficeSealString(fields),
    seal: (fields, secretKey) => raw.sogenactifOfficeSeal(fields, secretKey),
    request: (service, fields, options) => raw.sogenactifOfficeRequest(service, fields, options),
    parseResponse: (text, options) => raw.sogenactifOfficeParseResponse(text, options),
  };

  // Money-moving methods are sent once; getTransactionData (a read) is retried on transient failures.
  class OfficeClient {
    #inner;
    constructor(options) {
      this.#inner = new raw.SogenactifOfficeClient(options);
    }
    cancel(fields, callOptions) {
      return this.#inner.cancel(fields, callOptions);
    }
    refund(fields, callOptions) {
      return this.#inner.refund(fields, callOptions);
    }
    validate(fields, callOptions) {
      return this.#inner.validate(fields, callOptions);
    }
    duplicate(fields, callOptions) {
      return this.#inner.duplicate(fields, callOptions);
    }
    acceptChallenge(fields, callOptions) {
      return this.#inner.acceptChallenge(fields, callOptions);
    }
    refuseChallenge(fields, callOptions) {
      return this.#inner.refuseChallenge(fields, callOptions);
    }
    cardOrder(fields, callOptions) {
      return this.#inner.cardOrder(fields, callOptions);
    }
    walletOrder(fields, callOptions) {
      return this.#inner.walletOrder(fields, callOptions);
    }
    walletCreditHolder(fields, callOptions) {
      return this.#inner.walletCreditHolder(fields, callOptions);
    }
    getTransactionData(fields, callOptions) {
      return this.#inner.getTransactionData(fields, callOptions);
    }
  }
  return { office, OfficeClient };
}
