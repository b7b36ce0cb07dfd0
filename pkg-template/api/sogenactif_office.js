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
    // One wasm export serves every method: the number is the service's index in the Rust
    // `Service::ALL` (src/sogenactif/office/model.rs); keep both lists in the same order.
    cancel(fields, callOptions) {
      return this.#inner.call(0, fields, callOptions);
    }
    refund(fields, callOptions) {
      return this.#inner.call(1, fields, callOptions);
    }
    validate(fields, callOptions) {
      return this.#inner.call(2, fields, callOptions);
    }
    duplicate(fields, callOptions) {
      return this.#inner.call(3, fields, callOptions);
    }
    acceptChallenge(fields, callOptions) {
      return this.#inner.call(4, fields, callOptions);
    }
    refuseChallenge(fields, callOptions) {
      return this.#inner.call(5, fields, callOptions);
    }
    walletCreditHolder(fields, callOptions) {
      return this.#inner.call(6, fields, callOptions);
    }
    cardOrder(fields, callOptions) {
      return this.#inner.call(7, fields, callOptions);
    }
    walletOrder(fields, callOptions) {
      return this.#inner.call(8, fields, callOptions);
    }
    getTransactionData(fields, callOptions) {
      return this.#inner.call(9, fields, callOptions);
    }
  }
  return { office, OfficeClient };
}
