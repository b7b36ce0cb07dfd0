// The request field interfaces (SogenactifCancelFields, …, SogenactifOfficeService) are generated from the
// validator's tables into sogenactif_office_fields.d.ts (`cargo run --example gen_office_types`).

/** A container sent as given (addresses, contacts, fraudData, …): strings, whole numbers, booleans, objects, arrays. */
export type SogenactifContainer = { [field: string]: SogenactifContainerValue };
export type SogenactifContainerValue =
  | string
  | number
  | boolean
  | null
  | SogenactifContainerValue[]
  | { [field: string]: SogenactifContainerValue };

/** What remise knows of the transaction, to check the seed's rules before sending. */
export interface SogenactifTransactionState {
  /** Sips `transactionStatus`, e.g. `'TO_CAPTURE'`, `'CANCELLED'`, `'TO_CHALLENGE'`. */
  transactionStatus?: string;
  /**
   * The transaction's amount now, in minor units, as getTransactionData answers it (a cancel, refund or
   * validate may not exceed it). Read before `amount`.
   */
  currentAmount?: number;
  /** The same, under the name of a state written by hand (read when `currentAmount` is absent). */
  amount?: number;
  /**
   * Its reference: when given (a non-empty string; another type is a `VALIDATION` `TYPE` issue), it must
   * be the request's `transactionReference` (else `OPERATION_NOT_ALLOWED`); a request by
   * `s10TransactionReference` is not compared.
   */
  transactionReference?: string;
  /**
   * Its currency, three digits as getTransactionData answers it (`'978'`), or `'EUR'`, `978`: when given,
   * the request's `currencyCode` must be the same currency (else `OPERATION_NOT_ALLOWED`; a code of no
   * currency differs; another type is a `VALIDATION` `TYPE` issue).
   */
  currencyCode?: string | number;
  /** Other fields (e.g. a whole getTransactionData answer) are ignored. */
  [field: string]: unknown;
}

/** Credentials and target of Office requests. */
export interface SogenactifOfficeOptions {
  /** Shop id (N15) from Sogenactif. */
  merchantId: string;
  /** The secret key of `keyVersion` (Sogenactif portal). Never logged. */
  secretKey: string;
  keyVersion: number | string;
  /** `'test'` (default) or `'production'`. */
  environment?: 'test' | 'production';
  /** The Sips 2.0 white label whose hosts `environment` picks (default `'sogenactif'`); see `office.hosts`. */
  brand?: SogenactifOfficeBrand;
  /** Overrides the environment's host (https, or http for 127.0.0.1 / localhost). */
  baseUrl?: string;
  /** Preflight data: refuse with `OPERATION_NOT_ALLOWED` what the seed's rules forbid. */
  transaction?: SogenactifTransactionState;
}

/** What remise adds to every decoded Office answer. */
export interface SogenactifOfficeAnswerAdded {
  /** Meaning of the call's code (`responseCode`, or `getTransDataResponseCode` for getTransactionData). */
  responseMessage: string;
  accepted: boolean;
  /** True when the answer carried a seal that was checked with the secret key. */
  sealVerified: boolean;
}

/** A decoded Office answer: the gateway's fields plus what remise adds. */
export interface SogenactifOfficeAnswer extends SogenactifOfficeAnswerAdded {
  /**
   * Sips responseCode, `'00'` when accepted (other codes throw `GATEWAY_ERROR`). In a
   * `getTransactionData` answer it is the looked-up payment's authorisation result, and the call's own
   * code is `getTransDataResponseCode` (`SogenactifTransactionData`; the stateless `parseResponse`, not
   * told the service, reads that one first, and an answer holding it alone has no `responseCode`).
   */
  responseCode: string;
  /** A cancel's, refund's or validate's: the transaction's status after it (`'CANCELLED'`, `'TO_CAPTURE'`, …). */
  newStatus?: string;
  /** A cancel's, refund's or validate's: the transaction's amount after it, in minor units. */
  newAmount?: number;
  [field: string]: unknown;
}

/**
 * A `getTransactionData` answer: the transaction's status and amount, what tells whether a cancel or
 * validate whose answer was lost went through (a refund shows in neither: check it in the back office).
 * The declared fields are the ones remise itself reads (`options.transaction` takes this answer as it is);
 * the others are there as the gateway wrote them (reference: sogenactif.md §3; the full list of the
 * diagnostic service's fields is not confirmed there).
 */
export interface SogenactifTransactionData extends SogenactifOfficeAnswerAdded {
  /**
   * The lookup's own result: `'00'` (another code throws `GATEWAY_ERROR`: `'25'`, a transaction Sips does not
   * know). An answer without it is read by its `responseCode`, as before.
   */
  getTransDataResponseCode?: string;
  /** The looked-up payment's authorisation result (`'05'`: refused), not the call's (unless the answer has no `getTransDataResponseCode`). */
  responseCode?: string;
  /** `'TO_CAPTURE'`, `'CAPTURED'`, `'CANCELLED'`, `'TO_VALIDATE'`, `'TO_CHALLENGE'`, `'REFUSED'`, … */
  transactionStatus?: string;
  /** The transaction's amount now, in minor units (a number, as Sips writes JSON amounts); a cancel lowers it. */
  currentAmount?: number;
  /**
   * Its amount when it was made, in minor units: a number as Sips writes JSON amounts, though Worldline's PHP
   * SDK types this one (and `remainingAmount`) as text, so it may come as a string.
   */
  originAmount?: number | string;
  /** Three digits as Sips writes it: `'978'`. */
  currencyCode?: string;
  transactionReference?: string;
  authorisationId?: string;
  [field: string]: unknown;
}

/** The Sips 2.0 white labels (Sogenactif, Mercanet, Sherlock's, Worldline Sips). */
export type SogenactifOfficeBrand = 'mercanet' | 'sherlocks' | 'sogenactif' | 'worldline';

/** The fields of any Office service (see `request`'s overloads for which goes with which). */
export type SogenactifOfficeFields =
  | SogenactifCancelFields
  | SogenactifRefundFields
  | SogenactifValidateFields
  | SogenactifDuplicateFields
  | SogenactifAcceptChallengeFields
  | SogenactifRefuseChallengeFields
  | SogenactifWalletCreditHolderFields
  | SogenactifCardOrderFields
  | SogenactifWalletOrderFields
  | SogenactifGetTransactionDataFields;

export interface SogenactifOfficeApi {
  /** Office JSON hosts of every Sips 2.0 white label, by brand (sources in ARCHITECTURE.md). */
  readonly hosts: Readonly<Record<SogenactifOfficeBrand, { readonly production: string; readonly test: string }>>;
  /** The seal input: values of all fields sorted by name, nested objects in place, lists in order. */
  sealString(fields: Record<string, unknown>): string;
  /** Lowercase hex HMAC-SHA-256 of `sealString(fields)` with `secretKey`. */
  seal(fields: Record<string, unknown>, secretKey: string): string;
  /** Validated, sealed request (`merchantId`, `keyVersion`, `interfaceVersion`, `seal` added). Throws `VALIDATION` / `OPERATION_NOT_ALLOWED`. */
  request<S extends SogenactifOfficeService>(
    service: S,
    fields: SogenactifOfficeFieldsByService[S],
    options: SogenactifOfficeOptions & NoTransportOptions,
  ): HttpRequest;
  /**
   * Decodes an answer body: adds `responseMessage`, `accepted`, `sealVerified`; checks the seal when
   * the answer has one and `secretKey` is given (`SIGNATURE_INVALID`); non-`00` → `GATEWAY_ERROR`;
   * `httpStatus` (default 200): the answer's HTTP status, non-200 → `HTTP_ERROR`.
   */
  parseResponse(text: string, options?: { secretKey?: string; httpStatus?: number }): SogenactifOfficeAnswer;
}

/** Per-call options of the client's methods: `signal`, and the transaction for the preflight rules. */
export interface SogenactifOfficeCallOptions extends CallOptions {
  transaction?: SogenactifTransactionState;
}

export interface SogenactifOfficeClientOptions extends Omit<SogenactifOfficeOptions, 'transaction'>, TransportOptions {}

/** One method per Office service; each resolves with the decoded answer or rejects with a RemiseError. Only getTransactionData is retried. */
export interface SogenactifOfficeClient {
  cancel(fields: SogenactifCancelFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  refund(fields: SogenactifRefundFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  validate(fields: SogenactifValidateFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  duplicate(fields: SogenactifDuplicateFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  acceptChallenge(fields: SogenactifAcceptChallengeFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  refuseChallenge(fields: SogenactifRefuseChallengeFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  cardOrder(fields: SogenactifCardOrderFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  walletOrder(fields: SogenactifWalletOrderFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  walletCreditHolder(fields: SogenactifWalletCreditHolderFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
  getTransactionData(fields: SogenactifGetTransactionDataFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifTransactionData>;
}

export interface SogenactifOfficeClientConstructor {
  new (options: SogenactifOfficeClientOptions): SogenactifOfficeClient;
  readonly prototype: SogenactifOfficeClient;
}

/** The Office part of the `sogenactif` namespace (the batch part is declared beside it). */
export interface Sogenactif {
  office: SogenactifOfficeApi;
  OfficeClient: SogenactifOfficeClientConstructor;
}
