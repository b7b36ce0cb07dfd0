// A streaming writer of the one-entry stored ZIP that `sogenactif.batch.archive(fileText, name)`
// returns, byte for byte, for files written piece by piece (the archive function takes the whole
// text; the command line streams). Layout (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16), as in the core's
// archive.rs: local header with CRC and sizes, the data, one central directory header (made by
// Unix, rw-r--r--), the end record; version 1.0, method 0 (stored), 1980-01-01 00:00:00, no
// extra field, no ZIP64 (the data stays below 4 GiB).
import * as zlib from 'node:zlib';

/** The name rule of `archive`: `OFBREQ` then letters, digits, `.`, `_`, `-`, at most 100 characters. */
export const ENTRY_NAME = /^OFBREQ[A-Za-z0-9._-]{0,94}$/;
/** Largest data size a ZIP without ZIP64 can hold here (the core's limit: name and header included). */
export const MAX_DATA = 0xffffffff - 130;

const DOS_DATE = (1 << 5) | 1;

/** CRC-32 (IEEE), incremental: node:zlib's (Node ≥ 20.15) or a table when that is missing. */
export const crc32 = typeof zlib.crc32 === 'function' ? (data, crc = 0) => zlib.crc32(data, crc) : tableCrc32;

let table;
function tableCrc32(data, crc = 0) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function common(name, crc, size) {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(10, 0); // version needed 1.0
  b.writeUInt16LE(0, 2); // flags
  b.writeUInt16LE(0, 4); // stored
  b.writeUInt16LE(0, 6); // time 00:00:00
  b.writeUInt16LE(DOS_DATE, 8);
  b.writeUInt32LE(crc >>> 0, 10);
  b.writeUInt32LE(size, 14);
  b.writeUInt32LE(size, 18);
  b.writeUInt16LE(name.length, 22);
  b.writeUInt16LE(0, 24); // extra length
  return b;
}

/** Bytes before the data: the local file header and the name (write a placeholder first, then this). */
export function localHeader(name, crc, size) {
  const n = Buffer.from(name, 'latin1');
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common(n, crc, size), n]);
}

/** Bytes after the data: central directory header and end record. */
export function trailer(name, crc, size) {
  const n = Buffer.from(name, 'latin1');
  const central = Buffer.alloc(14);
  // after `common`: comment length, disk number, internal attributes (6 zero bytes), external attributes, offset
  central.writeUInt32LE((0o100644 << 16) >>> 0, 6);
  central.writeUInt32LE(0, 10);
  const madeBy = Buffer.alloc(2);
  madeBy.writeUInt16LE(0x0314, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + size, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02]), madeBy, common(n, crc, size), central, n, end]);
}
