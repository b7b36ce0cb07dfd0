// Writing to stdout from the command line: one writer for `remise batch`'s result and `remise sim`'s
// log lines.
import { writeSync } from 'node:fs';

/**
 * Writes `text` to stdout now (writeSync), so that a result is out before the process ends; a full
 * pipe (Node makes stdout's pipe non-blocking, so a slow reader gives EAGAIN) leaves the rest to the
 * stream, and once the stream holds bytes what follows goes after them, in order. Returns false when
 * the reader has gone (EPIPE: `| head`); throws any other error.
 */
export function writeOut(text) {
  const bytes = Buffer.from(text);
  if (process.stdout.writableLength > 0) {
    process.stdout.write(bytes);
    return true;
  }
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done, bytes.length - done);
  } catch (e) {
    if (e?.code === 'EPIPE') return false;
    if (e?.code === 'EAGAIN') {
      process.stdout.write(bytes.subarray(done));
      return true;
    }
    throw e;
  }
  return true;
}
