// payline.*: one crossing per call; `Client` sends through the JS transport (transport.js).
import { invoke, invokeText } from './core.js';
import { bindMethods, callOptions, openClient, send } from './transport.js';

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
    // `options.signal` (an AbortSignal) stops the call: ABORTED. The methods' `options = undefined`
    // keeps their `length` at 1: an optional argument is not counted, as in the platform's own APIs.
    #run(op, params, options) {
      return send(this.#core, this.#settings, G, op, [params], [''], false, callOptions(G, options, false));
    }
    /** Re-authorizes an authorization (see payline.checkReAuthorization for the rules). */
    async doReAuthorization(params, options = undefined) {
      return this.#run('doReAuthorization', params, options);
    }
    /** Authorizes (and captures, with action 101) a card payment. */
    async doAuthorization(params, options = undefined) {
      return this.#run('doAuthorization', params, options);
    }
    /** Captures an authorization. Give a sequenceNumber to prevent duplicates. */
    async doCapture(params, options = undefined) {
      return this.#run('doCapture', params, options);
    }
    /** Refunds a remitted transaction. Give a sequenceNumber to prevent duplicates. */
    async doRefund(params, options = undefined) {
      return this.#run('doRefund', params, options);
    }
    /** Cancels a transaction not yet remitted. Give a sequenceNumber to prevent duplicates. */
    async doReset(params, options = undefined) {
      return this.#run('doReset', params, options);
    }
    /** Credits a card without an original transaction. */
    async doCredit(params, options = undefined) {
      return this.#run('doCredit', params, options);
    }
    /** Debits a card with an authorization obtained outside Payline. */
    async doDebit(params, options = undefined) {
      return this.#run('doDebit', params, options);
    }
    /** Reads a transaction (retried on network errors, 408, 429 and 5xx). */
    async getTransactionDetails(params, options = undefined) {
      return this.#run('getTransactionDetails', params, options);
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
