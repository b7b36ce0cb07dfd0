// payline.*: one crossing per call; `Client` sends through the JS transport (transport.js).
import { invoke, invokeText } from './core.js';
import { bindMethods, openClient, send } from './transport.js';

const G = 'payline';

export default function payline(raw) {
  /**
   * A Payline client: validates, sends, decodes. Methods resolve with the decoded answer when its
   * result code is accepted and reject GATEWAY_ERROR (with gatewayCode) otherwise. Money-moving
   * calls are never resent; getTransactionDetails is retried as a read.
   */
  class Client {
    #core;
    #settings;
    constructor(options) {
      const { core, settings } = openClient(raw, G, options);
      this.#core = core;
      this.#settings = settings;
      bindMethods(this, Client.prototype);
    }
    #run(op, params) {
      return send(this.#core, this.#settings, G, op, [params], [''], false);
    }
    /** Re-authorizes an authorization (see payline.checkReAuthorization for the rules). */
    async doReAuthorization(params) {
      return this.#run('doReAuthorization', params);
    }
    /** Authorizes (and captures, with action 101) a card payment. */
    async doAuthorization(params) {
      return this.#run('doAuthorization', params);
    }
    /** Captures an authorization. Give a sequenceNumber to prevent duplicates. */
    async doCapture(params) {
      return this.#run('doCapture', params);
    }
    /** Refunds a remitted transaction. Give a sequenceNumber to prevent duplicates. */
    async doRefund(params) {
      return this.#run('doRefund', params);
    }
    /** Cancels a transaction not yet remitted. Give a sequenceNumber to prevent duplicates. */
    async doReset(params) {
      return this.#run('doReset', params);
    }
    /** Credits a card without an original transaction. */
    async doCredit(params) {
      return this.#run('doCredit', params);
    }
    /** Debits a card with an authorization obtained outside Payline. */
    async doDebit(params) {
      return this.#run('doDebit', params);
    }
    /** Reads a transaction (retried on network errors, 408, 429 and 5xx). */
    async getTransactionDetails(params) {
      return this.#run('getTransactionDetails', params);
    }
  }
  return {
    request: (operation, params, options) =>
      invoke(raw, 'payline.request', [operation, params, options], ['operation', '', 'options'], G),
    parseResponse: (operation, xml, httpStatus) =>
      invokeText(raw, 'payline.parseResponse', [operation, xml, httpStatus], ['operation', 'xml', 'httpStatus'], G, 1),
    describeResult: (code) => invoke(raw, 'payline.describeResult', [code], ['code'], G),
    checkReAuthorization: (original, params, now) =>
      invoke(
        raw,
        'payline.checkReAuthorization',
        [original, params, now === undefined || now === null ? new Date() : now],
        ['original', '', 'now'],
        G,
      ),
    Client,
  };
}
