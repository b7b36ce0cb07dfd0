// sogenactif.batch.* and sogenactif.BatchWriter: one crossing per call. The header's default
// date and time come from this JS clock (the core has none).
import { invoke, invokeBytes, encode, unwrap, construct } from './core.js';

const G = 'sogenactif';
const pad = (n) => String(n).padStart(2, '0');

/** `{ date: 'YYYY-MM-DD+hhmm', time: 'hh:mm:ss+hhmm' }` in local time. */
function clock() {
  const now = new Date();
  const east = -now.getTimezoneOffset();
  const off = `${east < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(east) / 60))}${pad(Math.abs(east) % 60)}`;
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}${off}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${off}`,
  };
}

export default function sogenactifBatch(raw) {
  /** Streaming writer of one Office Batch request file (constant memory). */
  class BatchWriter {
    #inner;
    constructor(options) {
      const [text, sp] = encode([options, clock()], ['options', 'clock'], G);
      this.#inner = construct(raw.CoreBatchWriter, text, sp);
    }
    /** The file's first lines; call once, first. */
    header() {
      return unwrap(this.#inner.header());
    }
    /** Validates one record and returns its text. */
    add(record) {
      const [text, sp] = encode([record], ['record'], G);
      return unwrap(this.#inner.add(text, sp));
    }
    /** The file's last line(s); later calls throw OPERATION_NOT_ALLOWED. */
    finish() {
      return unwrap(this.#inner.finish());
    }
    /** Records written so far. */
    get count() {
      return this.#inner.count();
    }
  }
  return {
    batch: {
      build: (input) => invoke(raw, 'sogenactif.batch.build', [input, clock()], ['input', 'clock'], G),
      parseResponse: (text) => invoke(raw, 'sogenactif.batch.parseResponse', [text], ['text'], G),
      archive: (fileText, name) => invokeBytes(raw, 'sogenactif.batch.archive', [fileText, name], ['fileText', 'name'], G),
    },
    BatchWriter,
  };
}
