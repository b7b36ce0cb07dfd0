// A streaming writer of the one-entry stored ZIP that `sogenactif.batch.archive(fileText, name)`
// returns, byte for byte, for files written piece by piece (the archive function takes the whole
// text; the command line streams): the CRC is computed as the pieces go, and the bytes around the data
// come from stored-zip.mjs, as the package's.
import * as zlib from 'node:zlib';
import { crc32 as tableCrc32, zipHead, zipTail } from './stored-zip.mjs';

export { ENTRY_NAME, MAX_DATA, nameMismatch } from './stored-zip.mjs';

/** CRC-32 (IEEE), incremental: node:zlib's (Node ≥ 20.15) or the package's own when that is missing. */
export const crc32 = typeof zlib.crc32 === 'function' ? (data, crc = 0) => zlib.crc32(data, crc) : tableCrc32;

/** Bytes before the data: the local file header and the name (write a placeholder first, then this). */
export const localHeader = (name, crc, size) => Buffer.from(zipHead(name, crc, size));

/** Bytes after the data: central directory header and end record. */
export const trailer = (name, crc, size) => Buffer.from(zipTail(name, crc, size));

/** A broken or unsupported archive: its message is shown with the file's name. */
function zipError(message) {
  const e = new Error(message);
  e.zip = true;
  return e;
}

/**
 * The file inside a one-entry ZIP archive (a response file may come zipped as the request went), a
 * chunk of at most `chunk` bytes at a time, stored or deflated. Deflated data is inflated as it is
 * read, and must give exactly the size the directory announces, with its CRC-32: an archive that
 * inflates to more (a ZIP bomb of one long line did: 600 KB to 600 MB, read whole) is refused once
 * past that size. Throws (`e.zip`) with a reason when the archive holds not exactly one file or
 * uses what this reader does not (ZIP64, encryption, another method).
 */
export async function* unzipOne(bytes, chunk = 1 << 20) {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) throw zipError('not a ZIP archive: no end of central directory record');
  const entries = buf.readUInt16LE(eocd + 10);
  const central = buf.readUInt32LE(eocd + 16);
  if (entries !== 1) throw zipError(`the ZIP archive holds ${entries} files: give the one response file`);
  if (central + 46 > buf.length || buf.readUInt32LE(central) !== 0x02014b50) throw zipError('the ZIP archive is damaged (central directory)');
  const flags = buf.readUInt16LE(central + 8);
  const method = buf.readUInt16LE(central + 10);
  const crc = buf.readUInt32LE(central + 16);
  const size = buf.readUInt32LE(central + 20);
  const unpacked = buf.readUInt32LE(central + 24);
  const nameLength = buf.readUInt16LE(central + 28);
  const local = buf.readUInt32LE(central + 42);
  // Shown in messages: cut, and made terminal-safe where it is written (batch.mjs `say`).
  const name = buf.toString('utf8', central + 46, central + 46 + Math.min(nameLength, 200)).replace(/[\x00-\x1f\x7f]/g, '?');
  if (flags & 1) throw zipError(`${name} in the ZIP archive is encrypted`);
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw zipError('the ZIP archive is damaged (local header)');
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const raw = buf.subarray(start, start + size);
  if (raw.length !== size) throw zipError('the ZIP archive is cut short');
  if (method !== 0 && method !== 8) {
    throw zipError(`${name} in the ZIP archive uses compression method ${method}; only stored and deflated files are read`);
  }
  let got = 0;
  let sum = 0;
  const damaged = () => zipError(`${name} in the ZIP archive is damaged: it does not hold the ${unpacked} bytes with the CRC-32 its directory announces`);
  if (method === 0) {
    if (size !== unpacked) throw damaged();
    for (let i = 0; i < raw.length; i += chunk) {
      const piece = raw.subarray(i, i + chunk);
      sum = crc32(piece, sum);
      yield piece;
    }
  } else {
    const inflate = zlib.createInflateRaw({ chunkSize: Math.min(chunk, 1 << 16) });
    inflate.end(raw);
    try {
      for await (const piece of inflate) {
        got += piece.length;
        if (got > unpacked) throw damaged();
        sum = crc32(piece, sum);
        yield piece;
      }
    } catch (e) {
      if (e?.zip) throw e;
      throw zipError(`${name} in the ZIP archive cannot be inflated (${e?.message ?? e})`);
    } finally {
      inflate.destroy();
    }
    if (got !== unpacked) throw damaged();
  }
  if (sum >>> 0 !== crc >>> 0) throw damaged();
}
