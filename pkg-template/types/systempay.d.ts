export type {
  SystempayOptions,
  SystempayHosts,
  SystempayWarning,
  SystempayHttpRequest,
  SystempayEnvelope,
  SystempayAnswer,
  SystempayWebServiceError,
  SystempayAuthorizationResponse,
  SystempayCaptureResponse,
  SystempayCardDetails,
  SystempayTransactionDetails,
  SystempayDetailedStatus,
  SystempayTransaction,
  SystempayPlanTransaction,
  SystempayOrderTransactions,
  SystempayPaymentForm,
  SystempaySdkTestAnswer,
  SystempayPlan,
  SystempaySignedFields,
  SystempayHashKeys,
  SystempayPayment,
} from '@raw';

/** Options of `new systempay.Client(...)`: the shop's credentials and host plus `fetch`, `timeoutMs` (default 45000), `maxResponseBytes`, `debug`. */
export type SystempayClientOptions = raw.SystempayOptions & TransportOptions;

/**
 * The posted fields of a browser return or an IPN: the named `kr-*` fields, or the form as a parser gives
 * it (`{ [name: string]: string }`); the core checks that the four `kr-*` fields are there.
 */
export type SystempayPostedFields = raw.SystempaySignedFields | Readonly<Record<string, string>>;

/** A web service `systempay.request` validates. */
export type SystempayService = keyof SystempayRequests;

/**
 * What a client method resolves with: the envelope's `answer`, plus `warnings`, which is
 * non-enumerable: a spread (`{ ...tx }`), `structuredClone` or `JSON.stringify` leaves it out (read
 * it from the result itself).
 */
export type SystempayResult<T> = T & { readonly warnings: readonly raw.SystempayWarning[] };

/** A Systempay REST V4 client for one shop (`new systempay.Client(options)`). Reads are retried; money-moving calls are never resent. */
export interface SystempayClient {
  /** Transaction/CancelOrRefund: cancels before capture, refunds after. Never resent. */
  cancelOrRefund(body: SystempayCancelOrRefundRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  cancelOrRefund(body: SystempayCancelOrRefundRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Transaction/Cancel (full cancellation before capture). Never resent. */
  cancel(body: SystempayCancelRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  cancel(body: SystempayCancelRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Transaction/Refund (full or partial, after capture). Never resent. */
  refund(body: SystempayRefundRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  refund(body: SystempayRefundRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Transaction/Update (lower amount, capture date, validation mode). Never resent. */
  update(body: SystempayUpdateRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  update(body: SystempayUpdateRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Transaction/Validate (manual validation). Never resent. */
  validate(body: SystempayValidateRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  validate(body: SystempayValidateRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Transaction/Duplicate (a new authorisation from an old transaction). Never resent. */
  duplicate(body: SystempayDuplicateRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  duplicate(body: SystempayDuplicateRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Transaction/Get; retried twice on network errors, timeouts, 408, 429 and 5xx. */
  getTransaction(body: SystempayGetRequest): Promise<SystempayResult<raw.SystempayTransaction>>;
  getTransaction(body: SystempayGetRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayTransaction>>;
  /** Order/Get (at most 30 transactions); retried like getTransaction. */
  getOrder(body: SystempayOrderGetRequest): Promise<SystempayResult<raw.SystempayOrderTransactions>>;
  getOrder(body: SystempayOrderGetRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayOrderTransactions>>;
  /** Charge/CreatePayment: a formToken for the browser form. Never resent. */
  createPayment(body: SystempayCreatePaymentRequest): Promise<SystempayResult<raw.SystempayPaymentForm>>;
  createPayment(body: SystempayCreatePaymentRequest, options?: CallOptions): Promise<SystempayResult<raw.SystempayPaymentForm>>;
  /** Any service: modelled ones are validated, others (`'Token/Get'`, …) sent as given and never resent. */
  call<S extends SystempayService>(service: S, body: SystempayRequests[S]): Promise<SystempayResult<raw.SystempayAnswer>>;
  call<S extends SystempayService>(service: S, body: SystempayRequests[S], options?: CallOptions): Promise<SystempayResult<raw.SystempayAnswer>>;
  // (A service remise models takes its typed body only: the overloads below are for the others.)
  call<S extends string>(service: S extends SystempayService ? never : S, body: Record<string, unknown>): Promise<SystempayResult<raw.SystempayAnswer>>;
  call<S extends string>(
    service: S extends SystempayService ? never : S,
    body: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SystempayResult<raw.SystempayAnswer>>;
}

/** Systempay / Lyra REST V4: requests, answers, signed answers (kr-hash) and a client. */
export declare const systempay: {
  /**
   * A validated `HttpRequest` to `{baseUrl}/api-payment/V4/{service}` (Basic auth). Throws
   * `VALIDATION` with every issue, or `UNSUPPORTED` for a service remise does not model.
   */
  request<S extends SystempayService>(
    service: S,
    body: SystempayRequests[S],
    options: raw.SystempayOptions & NoTransportOptions,
  ): raw.SystempayHttpRequest;
  /** SUCCESS → the envelope; ERROR → throws `GATEWAY_ERROR` (`gatewayCode`, `gatewayMessage`, `response`). */
  parseResponse(text: string, httpStatus?: number): raw.SystempayEnvelope;
  /** Lowercase hex HMAC-SHA-256 of `answer` after `\/` → `/`. */
  computeHash(answer: string, key: string): string;
  /**
   * Checks `kr-hash` with the key `kr-hash-key` names (constant time). `fields` may be the posted form
   * as read (`Object.fromEntries(new URLSearchParams(body))`, a framework's parsed body). A hash that
   * does not match under a key holding a control character (a trailing line feed) is `VALIDATION` at
   * `keys.password` / `keys.hmacKey`, not `false`. The key `kr-hash-key` names left out while the other
   * is given (an IPN handler's `{ password }` and a browser return posted to it): `false`. No key at all:
   * `VALIDATION`.
   */
  verifyHash(fields: SystempayPostedFields, keys: raw.SystempayHashKeys): boolean;
  /**
   * Verifies, then the parsed `kr-answer`; `SIGNATURE_INVALID` on mismatch (`VALIDATION` for a key with a
   * control character, as `verifyHash`; `SIGNATURE_INVALID` at `kr-hash-key` where `verifyHash` says `false`
   * for the key left out), `MALFORMED_RESPONSE` for an answer that is not a JSON object.
   * `fields`: as `verifyHash`.
   */
  parseAnswer(fields: SystempayPostedFields, keys: raw.SystempayHashKeys): raw.SystempayPayment;
  /** What CancelOrRefund will do; throws `OPERATION_NOT_ALLOWED` with the platform's `gatewayCode`. */
  planCancelOrRefund(
    transaction: raw.SystempayPlanTransaction,
    request: SystempayCancelOrRefundRequest,
  ): raw.SystempayPlan;
  /** REST API hosts of the Lyra white labels, for `baseUrl`. */
  readonly hosts: Readonly<raw.SystempayHosts>;
  /**
   * `new systempay.Client({ shopId, password, baseUrl?, fetch?, timeoutMs?, maxResponseBytes?, debug? })`;
   * throws `VALIDATION` when an option is wrong.
   */
  Client: { new (options: SystempayClientOptions): SystempayClient; readonly prototype: SystempayClient };
};
