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

/** A warning of `batch.parseResponse`: `REPEATED`, a line that repeats an earlier line's `recordSequence`. */
export interface BatchResponseWarning {
  readonly field: string;
  readonly code: 'REPEATED';
  readonly message: string;
}

/** Options of `batch.parseResponse` when the bank's layout differs from remise's assumption. */
export interface BatchResponseOptions {
  /** Per method, the echoed request fields from column 2 on (as in `BatchLayouts`). */
  layouts?: BatchLayouts;
  /** Names of the result columns after the echoed fields. */
  resultFields?: string[];
  /** `'report'`: list unknown line types (with their line numbers) instead of failing. */
  unknownLines?: 'error' | 'report';
}

/** Options of `batch.createConverter` / `createTransform`. */
export interface BatchConverterOptions extends BatchWriterOptions {
  /** Syntax of the bytes given to `push`: one record per NDJSON line, or CSV with a header row of field names (`method`, `original.amount`…). */
  input?: 'ndjson' | 'csv';
}

/**
 * The Node `stream.Transform` of `createTransform`, declared structurally (no dependency on
 * @types/node, so edge projects compile too): the members of Node's `NodeJS.ReadWriteStream`, so
 * that `pipeline(source, transform, destination)` and `.pipe()` type-check against @types/node
 * (js-tests/types/consumers/node-only). At run time it is a real `stream.Transform`.
 */
export interface BatchTransform {
  readable: boolean;
  writable: boolean;
  read(size?: number): any;
  setEncoding(encoding: any): this;
  pause(): this;
  resume(): this;
  isPaused(): boolean;
  pipe<T>(destination: T, options?: { end?: boolean | undefined }): T;
  unpipe(destination?: any): this;
  unshift(chunk: string | Uint8Array, encoding?: any): void;
  wrap(oldStream: any): this;
  [Symbol.asyncIterator](): AsyncIterableIterator<any>;
  write(chunk: unknown, callback?: (error?: Error | null) => void): boolean;
  write(chunk: unknown, encoding?: any, callback?: (error?: Error | null) => void): boolean;
  end(callback?: () => void): this;
  end(chunk: unknown, callback?: () => void): this;
  end(chunk: unknown, encoding?: any, callback?: () => void): this;
  /** Aborts the stream (with `error` when given): what a consumer that stops early calls. */
  destroy(error?: Error): this;
  readonly destroyed: boolean;
  /** Each invalid input record, as it is found; the stream fails with `VALIDATION` at its end. */
  on(event: 'reject', listener: (reject: BatchReject) => void): this;
  on(event: string | symbol, listener: (...args: any[]) => void): this;
  once(event: string | symbol, listener: (...args: any[]) => void): this;
  addListener(event: string | symbol, listener: (...args: any[]) => void): this;
  prependListener(event: string | symbol, listener: (...args: any[]) => void): this;
  prependOnceListener(event: string | symbol, listener: (...args: any[]) => void): this;
  removeListener(event: string | symbol, listener: (...args: any[]) => void): this;
  off(event: string | symbol, listener: (...args: any[]) => void): this;
  removeAllListeners(event?: string | symbol): this;
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
  listeners(event: string | symbol): ((...args: any[]) => void)[];
  rawListeners(event: string | symbol): ((...args: any[]) => void)[];
  emit(event: string | symbol, ...args: any[]): boolean;
  listenerCount(event: string | symbol, listener?: Function): number;
  eventNames(): (string | symbol)[];
}

/** One invalid input record. */
export interface BatchReject {
  /** 1-based input line where the record starts (`push`); absent for `addMany`. */
  line?: number;
  /** 0-based position among all records (its issues' paths are `records[<index>].…`). */
  index: number;
  issues: { field: string; code: string; message: string }[];
}

/** The bulk converter of one request file. */
export interface SogenactifBatchConverter {
  /**
   * Complete NDJSON lines / CSV rows of `chunk` → their request-file bytes (the header before the first).
   * A chunk refused as a whole (not bytes, a CSV header row without `method`, a CSV record over 1 MiB) throws
   * `VALIDATION` and fails the converter, as a refused `addMany` does.
   */
  push(chunk: Uint8Array | string): Uint8Array;
  /**
   * `push` without a new buffer per chunk: a view of the converter's output inside the wasm memory,
   * valid only until the next call into remise (on any object). Write it synchronously (`fs.writeSync`)
   * or copy it: a view kept past that call goes stale without an error (empty, or other bytes).
   * Keeps memory flat over millions of records (what `remise batch build` uses).
   */
  pushView(chunk: Uint8Array | string): Uint8Array;
  /** `finish` as a view (see `pushView`). */
  finishView(): Uint8Array;
  /**
   * Records as objects, one crossing for all → their bytes. Invalid ones become rejects. Throws
   * `OPERATION_NOT_ALLOWED` on a converter that was given bytes (`push`, `pushView`). An argument
   * that cannot be read at all (a throwing getter, NaN, a BigInt, half a surrogate pair, no array)
   * makes the call throw `VALIDATION`, and fails the converter: later calls throw
   * `OPERATION_NOT_ALLOWED` and `finish` throws that error (no file without those records).
   */
  addMany(records: BatchRecord[]): Uint8Array;
  /** The rest and the trailer; throws `VALIDATION` (first issues and counts) when any record was invalid. */
  finish(): Uint8Array;
  /** Invalid records since the last call. */
  takeRejects(): BatchReject[];
  /** Records read so far (valid and invalid). */
  readonly count: number;
  /** Invalid records so far. */
  readonly rejected: number;
  /**
   * Gives the converter's wasm memory back now instead of when it is collected (a view from
   * `pushView` must not be read after it); later calls throw `OPERATION_NOT_ALLOWED`, `count` and `rejected` keep
   * their last values. Calling it twice is fine.
   */
  free(): void;
}

/** Office Batch request files (CSV or XML), their ZIP archive, and response files. */
export interface SogenactifBatchApi {
  /**
   * The whole request file as a string. Every record is validated; any problem throws one
   * `VALIDATION` RemiseError listing them all (`records[3].amount`, …). `header.date` and `time`
   * come together, or neither: both then default to now (host clock, with its UTC offset).
   */
  build(input: BatchInput): string;
  /**
   * Parses a CSV response file: `{ header, records, trailer }`, each record with `responseCode`,
   * `responseMessage`, `accepted`, `retryable` (send it again in a later file: code 90 only) and, when
   * the operation may have been done, `outcome: 'unknown'` (01, 60, 62, 94, 99, a code outside the table,
   * a record answered twice): check it before sending anything again (a refund in the back office, not
   * getTransactionData). Throws `MALFORMED_RESPONSE` on a broken structure. Its non-enumerable
   * `warnings` name each line that repeats a `recordSequence` (`REPEATED`: not the file the bank sent for
   * one request).
   */
  parseResponse(text: string, options?: BatchResponseOptions): raw.BatchResponse & { readonly warnings: readonly BatchResponseWarning[] };
  /**
   * The bulk path: NDJSON or CSV bytes (`input`) or arrays of records in, request-file bytes out,
   * memory bounded by the chunk (README "Large files: bytes to bytes, `addMany`, streams").
   */
  createConverter(options: BatchConverterOptions): SogenactifBatchConverter;
  /**
   * A Node `stream.Transform` over a converter: records (object mode) or, with `input`, NDJSON/CSV
   * bytes in; request-file bytes out, with back-pressure. Emits `'reject'` per invalid record and
   * fails with the `VALIDATION` error at the end when any record was invalid. Node (and Bun, Deno)
   * only: elsewhere it throws `UNSUPPORTED`.
   */
  createTransform(options: BatchConverterOptions): BatchTransform;
  /** A ZIP archive (one stored entry) of the file, entry named `name` (must start with `OFBREQ`; default `OFBREQ.csv`/`OFBREQ.xml`). */
  archive(fileText: string, name?: string): Uint8Array;
}

/** Streaming writer of one request file: memory does not grow with the number of records. */
export interface SogenactifBatchWriter {
  /** The file's first lines; call once, first. */
  header(): string;
  /** Validates one record and returns its text; throws `VALIDATION` (paths `records[<n>].…`). */
  add(record: BatchRecord): string;
  /** Validates many records in one crossing and returns their text as UTF-8 bytes; all or nothing (`VALIDATION` lists every issue). */
  addMany(records: BatchRecord[]): Uint8Array;
  /** The file's last line(s) (`END;<count>` or the XML closing tags). */
  finish(): string;
  /** Records written so far. */
  readonly count: number;
  /**
   * Gives the writer's wasm memory back now instead of when it is collected; later calls throw
   * `OPERATION_NOT_ALLOWED`, `count` keeps its last value. Calling it twice is fine.
   */
  free(): void;
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
