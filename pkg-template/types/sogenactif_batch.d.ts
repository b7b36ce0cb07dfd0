export type {
  BatchMethod,
  BatchSyntax,
  BatchHeader,
  BatchOriginal,
  BatchResponse,
  BatchResponseHeader,
  BatchResponseRecord,
} from '@raw';
// BatchRecord (one type per method, a union on `method`) is generated from the dictionary table:
// sogenactif_batch_records.d.ts.

/**
 * Column layouts corrected for one file: per method, the fields from column 2 on (`null` = an
 * empty column, `'container.field'` for a nested field). Checked like the built-in table.
 */
export type BatchLayouts = { [method in raw.BatchMethod]?: (string | null)[] };

/** Input of `batch.build`. */
export interface BatchInput {
  syntax?: raw.BatchSyntax;
  version?: string | number;
  header: raw.BatchHeader;
  layouts?: BatchLayouts;
  records: BatchRecord[];
}

/** Options of `new BatchWriter(…)`. */
export interface BatchWriterOptions {
  syntax?: raw.BatchSyntax;
  version?: string | number;
  header: raw.BatchHeader;
  layouts?: BatchLayouts;
}

/** Office Batch request files (CSV or XML), their ZIP archive, and response files. */
export interface SogenactifBatchApi {
  /**
   * The whole request file as a string. Every record is validated; any problem throws one
   * `VALIDATION` RemiseError listing them all (`records[3].amount`, …). `header.date`/`time`
   * default to now (host clock, with its UTC offset).
   */
  build(input: BatchInput): string;
  /**
   * Parses a CSV response file: `{ header, records, trailer }`, each record with `responseCode`,
   * `responseMessage` and `accepted`. Throws `MALFORMED_RESPONSE` on a broken structure.
   */
  parseResponse(text: string): raw.BatchResponse;
  /** A ZIP archive (one stored entry) of the file, entry named `name` (must start with `OFBREQ`; default `OFBREQ.csv`/`OFBREQ.xml`). */
  archive(fileText: string, name?: string): Uint8Array;
}

/** Streaming writer of one request file: memory does not grow with the number of records. */
export interface SogenactifBatchWriter {
  /** The file's first lines; call once, first. */
  header(): string;
  /** Validates one record and returns its text; throws `VALIDATION` (paths `records[<n>].…`). */
  add(record: BatchRecord): string;
  /** The file's last line(s) (`END;<count>` or the XML closing tags). */
  finish(): string;
  /** Records written so far. */
  readonly count: number;
}

/** `new sogenactif.BatchWriter(options)`; throws `VALIDATION` when the options are wrong. */
export interface SogenactifBatchWriterConstructor {
  new (options: BatchWriterOptions): SogenactifBatchWriter;
}

/** The Office Batch part of the `sogenactif` namespace (the Office JSON part is declared beside it). */
export interface Sogenactif {
  batch: SogenactifBatchApi;
  BatchWriter: SogenactifBatchWriterConstructor;
}
