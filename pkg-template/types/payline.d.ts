export type {
  PaylineEnvironment,
  PaylineOptions,
  PaylineResult,
  PaylineTransaction,
  PaylineResponse,
  PaylineResultCode,
  PaylineOriginalTransaction,
  PaylineWarning,
  PaylineReAuthorizationCheck,
} from '@raw';

/** Options of `new payline.Client(...)`: credentials plus `fetch`, `timeoutMs` (default 60000), `maxResponseBytes`, `debug`. */
export type PaylineClientOptions = raw.PaylineOptions & TransportOptions;

/** A Payline client. Every method validates, sends, decodes; it resolves when the result code is accepted. */
export interface PaylineClient {
  /** Re-authorizes an authorization (same currency and contract, within 11 months; see `checkReAuthorization`). */
  doReAuthorization(params: PaylineDoReAuthorizationParams): Promise<raw.PaylineResponse>;
  doReAuthorization(params: PaylineDoReAuthorizationParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Authorizes a card payment (action 100), or authorizes and captures it (101). */
  doAuthorization(params: PaylineDoAuthorizationParams): Promise<raw.PaylineResponse>;
  doAuthorization(params: PaylineDoAuthorizationParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Captures an authorization. Give a `sequenceNumber`: Payline uses it to avoid a duplicated transaction. */
  doCapture(params: PaylineDoCaptureParams): Promise<raw.PaylineResponse>;
  doCapture(params: PaylineDoCaptureParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Refunds a remitted transaction. Give a `sequenceNumber`: Payline uses it to avoid a duplicated transaction. */
  doRefund(params: PaylineDoRefundParams): Promise<raw.PaylineResponse>;
  doRefund(params: PaylineDoRefundParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Cancels a transaction not yet remitted. Give a `sequenceNumber`: Payline uses it to avoid a duplicated transaction. */
  doReset(params: PaylineDoResetParams): Promise<raw.PaylineResponse>;
  doReset(params: PaylineDoResetParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Credits a card without an original transaction. */
  doCredit(params: PaylineDoCreditParams): Promise<raw.PaylineResponse>;
  doCredit(params: PaylineDoCreditParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Debits a card with an authorization obtained outside Payline. */
  doDebit(params: PaylineDoDebitParams): Promise<raw.PaylineResponse>;
  doDebit(params: PaylineDoDebitParams, options?: CallOptions): Promise<raw.PaylineResponse>;
  /** Reads a transaction; retried twice on network errors, timeouts, 408, 429 and 5xx. */
  getTransactionDetails(params: PaylineGetTransactionDetailsParams): Promise<raw.PaylineResponse>;
  getTransactionDetails(params: PaylineGetTransactionDetailsParams, options?: CallOptions): Promise<raw.PaylineResponse>;
}

/** Payline (Monext) SOAP web services: DirectPaymentAPI and getTransactionDetails. */
export declare const payline: {
  /**
   * A validated SOAP 1.1 request: `SOAPAction: "op"`, HTTP Basic `merchantId:accessKey`, the right service
   * URL for `environment` (`'homologation'` by default) or `baseUrl`. Throws `VALIDATION` with every issue.
   */
  request<Op extends PaylineOperation>(operation: Op, params: PaylineParams[Op], options: raw.PaylineOptions & NoTransportOptions): HttpRequest;
  /**
   * Decodes Payline's answer (`httpStatus` defaults to 200). Returns it even when the code is not accepted
   * (`result.accepted`); throws `GATEWAY_ERROR` for a SOAP Fault, `MALFORMED_RESPONSE` for a body that is not
   * the expected SOAP answer and for an acceptance under any status but 200 (not trusted), `HTTP_ERROR` for
   * HTTP 401 (credentials refused) and for a body that is no SOAP answer under another status than 2xx
   * (`retryable` as the client's table says for `operation`).
   */
  parseResponse(operation: PaylineOperation, xml: string, httpStatus?: number): raw.PaylineResponse;
  /** `{ code, status, message, accepted }` from Payline's return-code table. */
  describeResult(code: string): raw.PaylineResultCode;
  /**
   * Payline's re-authorization rules, before sending: throws `OPERATION_NOT_ALLOWED` (`gatewayCode` `'02620'`
   * for another currency; also another contract number or more than 11 months); returns the warnings.
   * `original` is what you know of the original authorization, or its decoded `getTransactionDetails` answer.
   */
  checkReAuthorization(
    original: raw.PaylineOriginalTransaction | raw.PaylineResponse,
    params: PaylineDoReAuthorizationParams | Omit<PaylineDoReAuthorizationParams, 'order'> & { order?: Partial<PaylineOrder> },
    now?: Date | string,
  ): raw.PaylineReAuthorizationCheck;
  /** `new payline.Client({ merchantId, accessKey, environment?, baseUrl?, fetch?, timeoutMs?, debug? })`. */
  Client: { new (options: PaylineClientOptions): PaylineClient; readonly prototype: PaylineClient };
};
