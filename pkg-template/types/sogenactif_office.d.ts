/** A Sips Office JSON service: bare (`'cancel'`) or with its family (`'cashManagement/cancel'`). */
export type SogenactifOfficeService =
  | 'cancel'
  | 'refund'
  | 'validate'
  | 'duplicate'
  | 'acceptChallenge'
  | 'refuseChallenge'
  | 'walletCreditHolder'
  | 'cardOrder'
  | 'walletOrder'
  | 'getTransactionData'
  | 'cashManagement/cancel'
  | 'cashManagement/refund'
  | 'cashManagement/validate'
  | 'cashManagement/duplicate'
  | 'cashManagement/acceptChallenge'
  | 'cashManagement/refuseChallenge'
  | 'cashManagement/walletCreditHolder'
  | 'checkout/cardOrder'
  | 'checkout/walletOrder'
  | 'diagnostic/getTransactionData';

/** ISO 4217 currency: alpha-3 (`'EUR'`) or numeric (`978`, `'978'`); sent as the numeric string. */
export type SogenactifCurrency = string | number;

/** Transaction id of merchants that kept the Sips 1.0 identification. */
export interface SogenactifS10TransactionReference {
  /** 6 digits. */
  s10TransactionId: string;
  /** `YYYYMMDD`; optional, the server applies its own date when left out. */
  s10TransactionIdDate?: string;
}

/** duplicate: the transaction duplicated from, in s10 mode. */
export interface SogenactifS10FromTransactionReference {
  s10FromTransactionId: string;
  s10FromTransactionIdDate?: string;
}

/** A container sent as given (addresses, contacts, fraudData, …): strings, whole numbers, booleans, objects, arrays. */
export type SogenactifContainer = { [field: string]: SogenactifContainerValue };
export type SogenactifContainerValue =
  | string
  | number
  | boolean
  | null
  | SogenactifContainerValue[]
  | { [field: string]: SogenactifContainerValue };

/** Fields every Office service accepts. Identify the transaction with `transactionReference` OR `s10TransactionReference`. */
export interface SogenactifOfficeCommonFields {
  /** Up to 35 letters and digits (AN35). */
  transactionReference?: string;
  s10TransactionReference?: SogenactifS10TransactionReference;
  /** Defaults per family: `CR_WS_2.58`, `IR_WS_2.55`, `DR_WS_2.58`; must keep the family's prefix. */
  interfaceVersion?: string;
  sealAlgorithm?: 'HMAC-SHA-256';
  intermediateServiceProviderId?: string;
}

/** cancel / refund / validate: the operation's amount in minor units (N12). */
export interface SogenactifCancelFields extends SogenactifOfficeCommonFields {
  operationAmount: number;
  currencyCode: SogenactifCurrency;
  operationOrigin?: string;
  customerContact?: SogenactifContainer;
}

export interface SogenactifRefundFields extends SogenactifCancelFields {
  paymentMeanData?: SogenactifContainer;
  shoppingCartDetail?: SogenactifContainer;
}

export interface SogenactifSubMerchantFields {
  subMerchantId?: string;
  subMerchantShortName?: string;
  subMerchantCategoryCode?: string;
  subMerchantLegalId?: string;
  subMerchantAddress?: SogenactifContainer;
}

export interface SogenactifValidateFields extends SogenactifOfficeCommonFields, SogenactifSubMerchantFields {
  operationAmount: number;
  currencyCode: SogenactifCurrency;
  operationOrigin?: string;
}

export interface SogenactifRefuseChallengeFields extends SogenactifOfficeCommonFields {
  operationOrigin?: string;
  comment?: string;
}

export interface SogenactifAcceptChallengeFields extends SogenactifRefuseChallengeFields {
  /** e.g. `'Y'`. */
  validationIndicator?: string;
}

export type SogenactifGetTransactionDataFields = SogenactifOfficeCommonFields;

/** Containers accepted by the order-creating services (duplicate, cardOrder, walletOrder). */
export interface SogenactifOrderContainers {
  billingAddress?: SogenactifContainer;
  billingContact?: SogenactifContainer;
  customerAddress?: SogenactifContainer;
  customerContact?: SogenactifContainer;
  customerData?: SogenactifContainer;
  deliveryAddress?: SogenactifContainer;
  deliveryContact?: SogenactifContainer;
  deliveryData?: SogenactifContainer;
  fraudData?: SogenactifContainer;
  holderAddress?: SogenactifContainer;
  holderContact?: SogenactifContainer;
  authenticationData?: SogenactifContainer;
  orderContext?: SogenactifContainer;
  travelContext?: SogenactifContainer;
}

export type SogenactifCaptureMode = 'AUTHOR_CAPTURE' | 'IMMEDIATE' | 'VALIDATION';
export type SogenactifPaymentPattern = 'ONE_SHOT' | 'RECURRING_1' | 'RECURRING_N' | 'INSTALMENT';

export interface SogenactifOrderFields extends SogenactifOfficeCommonFields, SogenactifOrderContainers {
  /** Minor units (N12). */
  amount: number;
  currencyCode: SogenactifCurrency;
  /** e.g. `'INTERNET'`, `'MOTO'`. */
  orderChannel: string;
  /** 0 to 99 days. */
  captureDay?: number;
  captureMode?: SogenactifCaptureMode;
  customerEmail?: string;
  customerId?: string;
  customerIpAddress?: string;
  merchantTransactionDateTime?: string;
  orderId?: string;
  returnContext?: string;
  statementReference?: string;
  transactionOrigin?: string;
}

export interface SogenactifDuplicateFields extends SogenactifOrderFields, SogenactifSubMerchantFields {
  captureDay: number;
  captureMode: SogenactifCaptureMode;
  /** The shop of the original transaction (N15). */
  fromMerchantId: string;
  fromTransactionReference?: string;
  s10FromTransactionReference?: SogenactifS10FromTransactionReference;
  /** ISO 8601 with offset, e.g. `'2026-01-02T10:15:00+01:00'`. */
  merchantTransactionDateTime: string;
  returnContext: string;
  paymentMeanData?: SogenactifContainer;
  shoppingCartDetail?: SogenactifContainer;
}

export interface SogenactifCardOrderFields extends SogenactifOrderFields, SogenactifSubMerchantFields {
  /** 10–19 digits, or a token with `panType: 'TOKEN_PAN'`. */
  cardNumber: string;
  /** `YYYYMM`. */
  cardExpiryDate?: string;
  cardCSCValue?: string;
  cardEffectiveDate?: string;
  cardSeqNumber?: string;
  customerLanguage?: string;
  invoiceReference?: string;
  panType?: 'PAN' | 'TOKEN_PAN';
  paymentMeanBrand?: string;
  paymentPattern?: SogenactifPaymentPattern;
  holderData?: SogenactifContainer;
  paymentMeanData?: SogenactifContainer;
  shoppingCartDetail?: SogenactifContainer;
  riskManagementCustomDataList?: SogenactifContainerValue[];
}

export interface SogenactifWalletOrderFields extends SogenactifOrderFields {
  merchantWalletId: string;
  paymentMeanId: string;
  cardCSCValue?: string;
  customerLanguage?: string;
  invoiceReference?: string;
  paymentPattern?: SogenactifPaymentPattern;
}

export interface SogenactifWalletCreditHolderFields extends SogenactifOfficeCommonFields {
  amount: number;
  currencyCode: SogenactifCurrency;
  merchantWalletId: string;
  paymentMeanId: string;
  customerEmail?: string;
  customerId?: string;
  customerIpAddress?: string;
  orderChannel?: string;
  orderId?: string;
  returnContext?: string;
  transactionOrigin?: string;
  statementReference?: string;
  settlementArchivingReference?: string;
  settlementMerchantSpecificData?: string;
  customerContact?: SogenactifContainer;
}

/** What remise knows of the transaction, to check the seed's rules before sending. */
export interface SogenactifTransactionState {
  /** Sips `transactionStatus`, e.g. `'TO_CAPTURE'`, `'CANCELLED'`, `'TO_CHALLENGE'`. */
  transactionStatus?: string;
  /** The transaction's amount in minor units (a cancel may not exceed it). */
  amount?: number;
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

/** A decoded Office answer: the gateway's fields plus what remise adds. */
export interface SogenactifOfficeAnswer {
  /** Sips responseCode, `'00'` when accepted (other codes throw `GATEWAY_ERROR`). */
  responseCode: string;
  /** Meaning of `responseCode`. */
  responseMessage: string;
  accepted: boolean;
  /** True when the answer carried a seal that was checked with the secret key. */
  sealVerified: boolean;
  [field: string]: unknown;
}

/** The Sips 2.0 white labels (Sogenactif, Mercanet, Sherlock's, Worldline Sips). */
export type SogenactifOfficeBrand = 'mercanet' | 'sherlocks' | 'sogenactif' | 'worldline';

export interface SogenactifOfficeApi {
  /** Office JSON hosts of every Sips 2.0 white label, by brand (sources in ARCHITECTURE.md). */
  readonly hosts: Readonly<Record<SogenactifOfficeBrand, { readonly production: string; readonly test: string }>>;
  /** The seal input: values of all fields sorted by name, nested objects in place, lists in order. */
  sealString(fields: Record<string, unknown>): string;
  /** Lowercase hex HMAC-SHA-256 of `sealString(fields)` with `secretKey`. */
  seal(fields: Record<string, unknown>, secretKey: string): string;
  /** Validated, sealed request (`merchantId`, `keyVersion`, `interfaceVersion`, `seal` added). Throws `VALIDATION` / `OPERATION_NOT_ALLOWED`. */
  request(service: 'cancel' | 'cashManagement/cancel', fields: SogenactifCancelFields, options: SogenactifOfficeOptions): HttpRequest;
  request(service: 'refund' | 'cashManagement/refund', fields: SogenactifRefundFields, options: SogenactifOfficeOptions): HttpRequest;
  request(service: 'validate' | 'cashManagement/validate', fields: SogenactifValidateFields, options: SogenactifOfficeOptions): HttpRequest;
  request(service: 'duplicate' | 'cashManagement/duplicate', fields: SogenactifDuplicateFields, options: SogenactifOfficeOptions): HttpRequest;
  request(
    service: 'acceptChallenge' | 'cashManagement/acceptChallenge',
    fields: SogenactifAcceptChallengeFields,
    options: SogenactifOfficeOptions,
  ): HttpRequest;
  request(
    service: 'refuseChallenge' | 'cashManagement/refuseChallenge',
    fields: SogenactifRefuseChallengeFields,
    options: SogenactifOfficeOptions,
  ): HttpRequest;
  request(
    service: 'walletCreditHolder' | 'cashManagement/walletCreditHolder',
    fields: SogenactifWalletCreditHolderFields,
    options: SogenactifOfficeOptions,
  ): HttpRequest;
  request(service: 'cardOrder' | 'checkout/cardOrder', fields: SogenactifCardOrderFields, options: SogenactifOfficeOptions): HttpRequest;
  request(service: 'walletOrder' | 'checkout/walletOrder', fields: SogenactifWalletOrderFields, options: SogenactifOfficeOptions): HttpRequest;
  request(
    service: 'getTransactionData' | 'diagnostic/getTransactionData',
    fields: SogenactifGetTransactionDataFields,
    options: SogenactifOfficeOptions,
  ): HttpRequest;
  /**
   * Decodes an answer body: adds `responseMessage`, `accepted`, `sealVerified`; checks the seal when
   * the answer has one and `secretKey` is given (`SIGNATURE_INVALID`); non-`00` → `GATEWAY_ERROR`.
   */
  parseResponse(text: string, options?: { secretKey?: string }): SogenactifOfficeAnswer;
}

/** Per-call options of the client's methods. */
export interface SogenactifOfficeCallOptions {
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
  getTransactionData(fields: SogenactifGetTransactionDataFields, options?: SogenactifOfficeCallOptions): Promise<SogenactifOfficeAnswer>;
}

export interface SogenactifOfficeClientConstructor {
  new (options: SogenactifOfficeClientOptions): SogenactifOfficeClient;
}

/** The Office part of the `sogenactif` namespace (the batch part is declared beside it). */
export interface Sogenactif {
  office: SogenactifOfficeApi;
  OfficeClient: SogenactifOfficeClientConstructor;
}
