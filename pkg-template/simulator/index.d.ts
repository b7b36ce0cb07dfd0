// remise/simulator: an offline, stateful simulator of Systempay, Payline and Sogenactif.

/** A request as the simulator received it (secrets redacted). */
export interface SimulatorRequest {
  /** Simulated time of the request (ISO 8601). */
  at: string;
  gateway: 'systempay' | 'payline' | 'sogenactif' | null;
  method: string;
  path: string;
  /** `Transaction/CancelOrRefund`, `DirectPaymentAPI`, `cashManagement/cancel`, `batch`, … */
  service?: string;
  /** Payline operation (`doCapture`, …). */
  operation?: string | null;
  /** Parsed body: JSON, the SOAP request as an object, or a batch summary. Card numbers are masked. One read from more than 16 KiB of text is `{ omitted: <its length> }`. */
  body?: unknown;
  /** What the gateway answered: `SUCCESS`, `PSP_075`, `00000`, `02620`, `00`, `24`, `HTTP 401`, … */
  result?: string;
  /** HTTP status of the answer. */
  status?: number;
}

export interface SimulatorOptions {
  /**
   * Start of the simulated clock (default: now). The clock stands still; `advance()` moves it. A text
   * without an offset (`'2026-03-01T10:00'`, `'2026-03-01'`) is Paris time, on every host.
   */
  now?: Date | string | number | null;
  /** The simulated shop (default: Lyra's public PayZen demo shop 69876357). */
  systempay?: { shopId?: string; password?: string; hmacKey?: string };
  /** The simulated merchant (default: Payline's documented example 111111111) and its contracts. */
  payline?: { merchantId?: string; accessKey?: string; contracts?: Record<string, { reauthorization: boolean }> };
  /**
   * The simulated merchant (default: the public Sips simulation merchant 002001000000001, key version 1).
   * Answers are sealed with `secretKey`, except on the Sips test hosts (`*.test.sips-services.com`),
   * whose platform does not seal them; `sealTestAnswers: true` seals those too (default false).
   */
  sogenactif?: { merchantId?: string; secretKey?: string; keyVersion?: number; sealTestAnswers?: boolean };
  /** Called with each request the simulator records. */
  onRequest?: (entry: SimulatorRequest) => void;
  /** Seed of the generated ids (default 1): the same seed gives the same uuids. */
  seed?: number;
  /** How many recorded requests `requests` keeps, the oldest dropped first (default: all). */
  keepRequests?: number;
}

/** A Systempay transaction as `Transaction/Get` answers it (`V4/Transaction`). */
export interface SimulatedSystempayTransaction {
  shopId: string;
  uuid: string;
  amount: number;
  currency: string;
  status: 'PAID' | 'RUNNING' | 'UNPAID';
  detailedStatus: string;
  operationType: 'DEBIT' | 'CREDIT';
  creationDate: string;
  /** The order id given to `createTransaction` (or `null`), as Transaction/Get answers it. */
  orderDetails: { orderId: string | null; _type: 'V4/OrderDetails' } & Record<string, unknown>;
  transactionDetails: {
    parentTransactionUuid: string | null;
    cardDetails: {
      expectedCaptureDate: string;
      captureResponse: { refundAmount: number | null; refundCurrency: string | null; captureDate: string | null; captureFileNumber: string | null; _type: string };
    } & Record<string, unknown>;
  } & Record<string, unknown>;
  [field: string]: unknown;
}

export interface SimulatedPaylineTransaction {
  id: string;
  /** The simulator's own kind (on the wire a REAUTHOR is `REAUTHO` or `REAUTH+CAP`); a RESET row is a doReset. */
  kind: 'AUTHOR' | 'AUTHOR+CAP' | 'REAUTHOR' | 'CAPTURE' | 'REFUND' | 'RESET' | 'CREDIT' | 'DEBIT';
  status: 'AUTHORIZED' | 'VALIDATED' | 'REMITTED' | 'RESET' | 'EXPIRED';
  amount: number;
  /** ISO 4217 numeric code. */
  currency: string;
  /** Captured and refunded so far (0 on a CAPTURE or REFUND row itself). */
  captured: number;
  refunded: number;
  contractNumber: string | null;
  orderRef: string | null;
  date: string;
  parent: string | null;
}

export interface SimulatedSipsTransaction {
  transactionReference: string | null;
  /** With `s10TransactionIdDate`, the Sips 1.0 identification (six digits, `YYYYMMDD`). */
  s10TransactionId: string | null;
  s10TransactionIdDate: string | null;
  kind: 'DEBIT' | 'CREDIT';
  transactionStatus: string;
  amount: number;
  originAmount: number;
  refunded: number;
  currencyCode: string;
  captureMode: string;
  captureDay: number;
}

/**
 * IPN / browser-return form fields, as the platform posts them. A type, not an interface, so that it is
 * a `Record<string, string>` (`new URLSearchParams(await sim.systempay.ipn(uuid))` posts it to a handler).
 */
export type SimulatedIpn = {
  'kr-hash': string;
  'kr-hash-algorithm': 'sha256_hmac';
  'kr-hash-key': 'password' | 'sha256_hmac';
  'kr-answer-type': 'V4/Payment';
  'kr-answer': string;
};

export interface Simulator {
  /** A fetch-compatible function: pass it to any client as `fetch`. No network, no port. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * The simulator without `Request`/`Response`: one request as plain data (header names in any
   * case, values texts, the body as text) in, the answer as plain data out. For a server or mock layer of your own.
   */
  handle(request: {
    method: string;
    url: string;
    /** Names in any case; node:http's `req.headers` (arrays joined), a `Headers` or a `Map` too. */
    headers?: Record<string, string | number | readonly string[] | undefined> | Map<string, string | number> | { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null } | null;
    body?: string | null;
  }): Promise<{ status: number; headers: Record<string, string>; body: string }>;
  /** Node (Deno with `--allow-net=127.0.0.1` and Bun too, untested by the suite): an HTTP server on 127.0.0.1 (port 0 = any free port); resolves to its base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server started by `listen`. */
  close(): Promise<void>;
  /** Moves the simulated clock forward; captures, expiries and remittances due by then happen. */
  advance(by: { days?: number; hours?: number; minutes?: number }): Date;
  /** Forgets every transaction and request; the clock goes back to its start. */
  reset(): void;
  /** The simulated time. */
  now(): Date;
  /** Every request received, in order. */
  readonly requests: SimulatorRequest[];
  readonly systempay: {
    readonly credentials: { shopId: string; password: string; hmacKey: string };
    createTransaction(t: { uuid?: string; amount: number; currency?: string; captureDelay?: number | null; manualValidation?: boolean | null; orderId?: string | null; metadata?: Record<string, string> | null }): SimulatedSystempayTransaction;
    getTransaction(uuid: string): SimulatedSystempayTransaction | undefined;
    transactions(): SimulatedSystempayTransaction[];
    /** The IPN the platform would post for the transaction (kr-hash with the password, or the HMAC key). */
    ipn(uuid: string, options?: { key?: 'password' | 'sha256_hmac' }): Promise<SimulatedIpn>;
  };
  readonly payline: {
    readonly credentials: { merchantId: string; accessKey: string };
    readonly contracts: Record<string, { reauthorization: boolean }>;
    createTransaction(t: { id?: string; amount: number; currency?: string | number; action?: 100 | 101 | 108 | 110 | 111 | 120 | 121 | 122 | 123 | 124 | 125 | 126 | 127 | 128 | 129; contractNumber?: string; orderRef?: string; /** Paris time when the text has no offset. */ date?: Date | string | number }): SimulatedPaylineTransaction;
    getTransaction(id: string): SimulatedPaylineTransaction | undefined;
    transactions(): SimulatedPaylineTransaction[];
  };
  readonly sogenactif: {
    readonly credentials: { merchantId: string; secretKey: string; keyVersion: number };
    /** The response file of an Office Batch request file (CSV), one response line per record. */
    processBatch(requestFile: string): string;
    /** A Sips transaction; `s10TransactionIdDate` (`YYYYMMDD`) defaults to the simulated day in Paris. */
    createTransaction(t: { transactionReference?: string; s10TransactionId?: string; s10TransactionIdDate?: string; amount: number; currency?: string | number; status?: 'TO_CAPTURE' | 'TO_VALIDATE' | 'TO_CHALLENGE' | 'TO_CREDIT' | 'CAPTURED' | 'CREDITED' | 'CANCELLED' | 'REFUSED' | 'EXPIRED' | null; captureMode?: 'AUTHOR_CAPTURE' | 'IMMEDIATE' | 'VALIDATION' | null; captureDay?: number | null }): SimulatedSipsTransaction;
    /** By `transactionReference`, or by `s10TransactionId` and its date (without it: the latest with that id). */
    getTransaction(transactionReference: string, s10TransactionIdDate?: string): SimulatedSipsTransaction | undefined;
    transactions(): SimulatedSipsTransaction[];
  };
}

/** Creates an independent simulator (its own clock and state). */
export declare function createSimulator(options?: SimulatorOptions): Simulator;
