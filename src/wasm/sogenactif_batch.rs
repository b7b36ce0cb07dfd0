//! TypeScript declarations of `sogenactif.batch.*` (tsify). Declaration-only.
#![allow(dead_code)]

use serde::Serialize;
use tsify::Tsify;

/// The 11 Office Batch methods.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // exists for its TypeScript declaration
pub enum BatchMethod {
    Credit,
    AcceptChallenge,
    Cancel,
    CardOrder,
    DirectDebitOrder,
    Duplicate,
    Refund,
    RefuseChallenge,
    Validate,
    WalletCredit,
    WalletOrder,
}

/// File syntax: `'csv'` (default) or `'xml'`.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum BatchSyntax {
    Csv,
    Xml,
}

/// The file header: `remitterId`, the 15-digit remitter id given by Sogenactif; `sequence`, the file
/// sequence number (1 and up); `date` (`'2021-12-16+0100'`, or `+01:00`) and `time` (`'14:26:45+0100'`),
/// both or neither: then both default to now (host clock, with its UTC offset). One alone is refused
/// (`REQUIRED` for the other), so the type takes both or neither.
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ remitterId: string; sequence: number } & ({ date: string; time: string } | { date?: undefined; time?: undefined })"
)]
#[allow(dead_code)]
pub struct BatchHeader;

/// What you know of the transaction a record acts on; enables the preflight rules (never written).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct BatchOriginal {
    /// Original amount in minor units (a cancel, refund or validate may not exceed it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u32>,
    /// Sips transactionStatus, e.g. `'TO_CAPTURE'`, `'CANCELLED'`, `'TO_CHALLENGE'`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// One record: `method`, optional `recordSequence` (default: position in the file), `original`,
/// and the method's data-dictionary fields (`merchantId`, `amount`, `currencyCode`, containers such
/// as `s10TransactionReference: { s10TransactionId, s10TransactionIdDate }`).
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ method: BatchMethod; recordSequence?: number; original?: BatchOriginal; [field: string]: unknown }"
)]
#[allow(dead_code)]
pub struct BatchRecord;

/// Input of `batch.build`.
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ syntax?: BatchSyntax; version?: string | number; header: BatchHeader; records: BatchRecord[] }"
)]
#[allow(dead_code)]
pub struct BatchInput;

/// Options of `new BatchWriter(…)`.
#[derive(Serialize, Tsify)]
#[tsify(type = "{ syntax?: BatchSyntax; version?: string | number; header: BatchHeader }")]
#[allow(dead_code)]
pub struct BatchWriterOptions;

/// The FILE and HEADER lines of a response file.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct BatchResponseHeader {
    #[serde(rename = "type")]
    #[tsify(type = "'response'")]
    pub file_type: String,
    pub format: String,
    pub version: String,
    pub remitter_id: String,
    pub date: String,
    pub time: String,
    pub sequence: u32,
}

/// One response record: the echoed request fields, then the result. `retryable` (the same record may be
/// sent again in a later file: code 90) and `outcome: 'unknown'` (the operation may have been done: 01,
/// 60, 62, 94, 99, a code outside the table, or a record the file answers twice) are added by the JS
/// reader from `remise batch report`'s table (pkg-template/cli/codes.mjs).
#[derive(Serialize, Tsify)]
#[tsify(
    type = "{ method: BatchMethod; recordSequence: number; responseCode: string; responseMessage: string; accepted: boolean; retryable: boolean; outcome?: 'unknown'; acquirerResponseCode?: string; authorisationId?: string; extra?: string[]; [field: string]: unknown }"
)]
#[allow(dead_code)]
pub struct BatchResponseRecord;

/// A parsed response file.
#[derive(Serialize, Tsify)]
#[allow(dead_code)]
pub struct BatchResponse {
    pub header: BatchResponseHeader,
    #[tsify(type = "BatchResponseRecord[]")]
    pub records: Vec<()>,
    #[tsify(type = "{ count: number }")]
    pub trailer: (),
    /// Lines whose type is not one of the 11 methods, with `unknownLines: 'report'` only (without
    /// it such a line is an error).
    #[tsify(optional, type = "{ line: number; type: string }[]")]
    #[serde(rename = "unknownLines")]
    pub unknown_lines: (),
}
