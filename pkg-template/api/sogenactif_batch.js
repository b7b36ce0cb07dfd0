// sogenactif.batch.* and sogenactif.BatchWriter: thin dispatch to the wasm exports. The lead
// assembles the `sogenactif` namespace from this part (`batch`, `BatchWriter`) and the Office JSON
// part (`office`, `OfficeClient`).
export default function sogenactifBatch(raw) {
  /** Streaming writer of one Office Batch request file (constant memory). */
  class BatchWriter {
    #inner;
    constructor(options) {
      this.#inner = new raw.SogenactifBatchWriter(options);
    }
    /** The file's first lines; call once, first. */
    header() {
      return this.#inner.header();
    }
    /** Validates one record and returns its text. */
    add(record) {
      return this.#inner.add(record);
    }
    /** The file's last line(s); later calls throw OPERATION_NOT_ALLOWED. */
    finish() {
      return this.#inner.finish();
    }
    /** Records written so far. */
    get count() {
      return this.#inner.count;
    }
  }
  return {
    batch: {
      build: (input) => raw.sogenactifBatchBuild(input),
      parseResponse: (text) => raw.sogenactifBatchParseResponse(text),
      archive: (fileText, name) => raw.sogenactifBatchArchive(fileText, name),
    },
    BatchWriter,
  };
}
