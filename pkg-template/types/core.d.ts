/** Stable error codes. Adding a code is fine; renaming one is a breaking change. */
export type RemiseErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_CURRENCY'
  | 'AMOUNT_FORMAT'
  | 'AMOUNT_PRECISION'
  | 'AMOUNT_RANGE'
  | 'OPERATION_NOT_ALLOWED'
  | 'GATEWAY_ERROR'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'MALFORMED_RESPONSE'
  | 'SIGNATURE_INVALID'
  | 'UNSUPPORTED'
  /** A client call stopped by its `signal` (with `outcome: 'unknown'` when it had been sent and moves money). */
  | 'ABORTED';

/** A gateway remise speaks to. */
export type GatewayName = 'systempay' | 'payline' | 'sogenactif';

/** One problem with one field of the input (every problem is reported at once). */
export interface ValidationIssue {
  /** Path of the field, e.g. `'records[3].amount'`. */
  field: string;
  /** Stable issue code: `REQUIRED`, `UNKNOWN_FIELD`, `TYPE`, `FORMAT`, `TOO_LONG`, `RANGE`, `ENUM`, `CONFLICT`, `NOT_ALLOWED`, `FORBIDDEN_CHARACTER`, or an amount/currency code. */
  code: string;
  /** What is wrong and what is accepted. */
  message: string;
}

/** An `HttpRequest` remise built and validated: send it as is. */
export interface HttpRequest {
  /** Always `'POST'`: every gateway operation remise builds is a POST. */
  method: 'POST';
  /** The full URL of the gateway endpoint. */
  url: string;
  /** Every header to send, including `Authorization` and `Content-Type`. */
  headers: Record<string, string>;
  /** The exact body to send (JSON or SOAP XML). */
  body: string;
}

/** Options every client accepts besides its credentials. */
export interface TransportOptions {
  /**
   * The `fetch` to send with (default `globalThis.fetch`); called with a `Request` whose string form is
   * its URL, and the whole init (`method`, `headers`, `body`, `redirect: 'manual'`, `signal`), so that a
   * fetch from npm (undici's, node-fetch) that reads its input as a URL sends the same request.
   */
  fetch?: (
    request: Request,
    init?: { method?: string; headers?: Record<string, string>; body?: string; redirect?: 'manual'; signal?: AbortSignal },
  ) => Promise<Response>;
  /**
   * Reject with `TIMEOUT` when sending, reading and decoding take longer than this (the fetch is also
   * aborted). Default 45000 ms for `systempay.Client`, 60000 for `payline.Client` and
   * `sogenactif.OfficeClient`; at most 300000 (Node's fetch gives up on a silent server after 5 minutes);
   * a read is tried up to three times.
   */
  timeoutMs?: number;
  /** Refuse answers larger than this many bytes (`MALFORMED_RESPONSE`) without reading them whole; default and maximum 4 MiB. */
  maxResponseBytes?: number;
  /** Receives every request and response, with credentials and card numbers masked. */
  debug?: (event: DebugEvent) => void;
}

/**
 * The client options a stateless `request` refuses (`VALIDATION`, `UNKNOWN_FIELD`): its options are
 * the gateway's own, without the transport's.
 */
export interface NoTransportOptions {
  fetch?: never;
  timeoutMs?: never;
  maxResponseBytes?: never;
  debug?: never;
}

/** A client method's own options, its last argument. */
export interface CallOptions {
  /**
   * Stops the call when it aborts: the promise rejects `ABORTED` at once, the fetch is aborted and
   * nothing more is sent (no retry of a read). A money-moving call aborted after it was sent has
   * `outcome: 'unknown'`: check its status before sending it again. The cause is `signal.reason`.
   */
  signal?: AbortSignal;
}

/** What `debug` receives. */
export interface DebugEvent {
  /** Whether this is the request about to be sent or the response received. */
  type: 'request' | 'response';
  /** The gateway the client talks to. */
  gateway: GatewayName;
  /** The request URL. */
  url: string;
  /**
   * The headers: on a request, those sent, `Authorization` masked (`Basic ***`); on a response, those
   * received (names in lower case), cookies and credentials by name as `***`, card numbers masked.
   */
  headers: Record<string, string>;
  /**
   * The body, with card numbers masked. Empty on a response whose body remise did not read whole: a
   * redirect, a read's 408, 429 or 5xx (sent again; a Payline read's 500 is read for its SOAP fault), an
   * answer larger than `maxResponseBytes`, cut, broken, or come after the timeout.
   */
  body: string;
  /** HTTP status, on responses. */
  status?: number;
}

/**
 * Everything remise throws or rejects with. `instanceof RemiseError` holds for errors thrown
 * through the same entry (ESM or CJS); {@link isRemiseError} works everywhere.
 */
export declare class RemiseError extends Error {
  /** Always `'RemiseError'`. */
  readonly name: 'RemiseError';
  /** Stable code saying what kind of problem this is. */
  readonly code: RemiseErrorCode;
  /** The gateway concerned, when there is one. */
  readonly gateway?: GatewayName;
  /** Path of the offending input, e.g. `'transactionOptions.cardOptions.captureDelay'`. */
  readonly field?: string;
  /** For `VALIDATION`: every problem at once. */
  readonly issues?: ValidationIssue[];
  /** The gateway's own code: `'PSP_105'`, `'02620'`, `'24'`. */
  readonly gatewayCode?: string;
  /** The gateway's own text. */
  readonly gatewayMessage?: string;
  /** The HTTP status, when one was involved. */
  readonly httpStatus?: number;
  /** True only when sending the same request again is safe and may succeed. */
  readonly retryable: boolean;
  /** `'unknown'` when a money-moving request may have reached the gateway: query its status, don't resend. */
  readonly outcome?: 'unknown';
  /** The decoded gateway answer, when there was one. */
  readonly response?: unknown;
  /**
   * The wait the gateway asked for in `Retry-After` (HTTP 429 or 503), in ms from when the answer
   * came. A read waits for one of at most a minute and at most `timeoutMs` before its next attempt; a
   * longer one ends the call.
   */
  readonly retryAfterMs?: number;
  /** What went wrong underneath: the exception a getter threw (`VALIDATION`), the abort reason (`ABORTED`). */
  readonly cause?: unknown;
  /**
   * remise builds its own errors; this is public for test doubles
   * (`mockRejectedValue(new RemiseError({ code: 'GATEWAY_ERROR', message: '…', gatewayCode: 'PSP_105' }))`).
   * Properties not given take their defaults (`retryable: false`; `issues: []` for `VALIDATION`).
   */
  constructor(
    props: { code: RemiseErrorCode; message: string } & { [K in Exclude<keyof RemiseError, 'name' | 'code' | 'message' | 'cause' | 'stack'>]?: RemiseError[K] | undefined },
    options?: { cause?: unknown },
  );
}

/** True for any remise error, even from another entry or realm (checks `name` and `code`). */
export declare function isRemiseError(value: unknown): value is RemiseError;
