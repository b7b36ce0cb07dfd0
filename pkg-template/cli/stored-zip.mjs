// The one-entry stored ZIP of a request file, in plain JS over Uint8Array (every runtime the package
// supports): the CRC-32, the name rule and the bytes around the data. One copy for the package's
// `sogenactif.batch.archive` (api/zip.js, bundled) and the command line's streaming writer
// (cli/zip.mjs). Layout (PKWARE APPNOTE 4.3.7 local file header, 4.3.12 central directory header,
// 4.3.16 end record): version 1.0, method 0 (stored), dated 1980-01-01 00:00:00, made by Unix with
// rw-r--r--, no extra field, no ZIP64; the crate's archive.rs writes the same bytes.

/** The name rule of `archive`: `OFBREQ` then letters, digits, `.`, `_`, `-`, at most 100 characters. */
export const ENTRY_NAME = /^OFBREQ[A-Za-z0-9._-]{0,94}$/;
/**
 * Whether an entry name contradicts the file it holds (`syntax`: 'csv' or 'xml'): ending in the other
 * syntax's extension, or in `.zip` (the archive's own name). `{ tail, named }`, the ending found (lower
 * case) and the name to give instead, or null. One rule for `archive` and the command line's `--entry`
 * and OUTPUT (a helper's attack, twenty-first pass); the crate's archive.rs has its own copy.
 */
export function nameMismatch(name, syntax) {
  const other = syntax === 'xml' ? '.csv' : '.xml';
  const tail = name.slice(-4).toLowerCase();
  if (name.length <= 4 || (tail !== other && tail !== '.zip')) return null;
  // (`….csv.zip` of an XML file: its stem's own extension replaced too.)
  const stem = name.slice(0, -4);
  return { tail, named: `${tail === '.zip' && /\.(?:csv|xml)$/i.test(stem) ? stem.slice(0, -4) : stem}.${syntax}` };
}

/** Largest data size a ZIP without ZIP64 can hold here (name and headers included). */
export const MAX_DATA = 0xffffffff - 130;

const DOS_DATE = (1 << 5) | 1;

let table;
/** CRC-32 (IEEE 802.3, reflected 0xEDB88320), incremental: `crc` is the CRC of what came before. */
export function crc32(data, crc = 0) {
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

/** The fields the local and central headers share, from "version needed" to "extra length". */
function common(v, at, name, crc, size) {
  v.setUint16(at, 10, true); // version needed 1.0
  v.setUint16(at + 2, 0, true); // flags
  v.setUint16(at + 4, 0, true); // stored
  v.setUint16(at + 6, 0, true); // time 00:00:00
  v.setUint16(at + 8, DOS_DATE, true);
  v.setUint32(at + 10, crc >>> 0, true);
  v.setUint32(at + 14, size, true);
  v.setUint32(at + 18, size, true);
  v.setUint16(at + 22, name.length, true);
  v.setUint16(at + 24, 0, true); // extra field length
}

/** Bytes before the data: the local file header and the name (an ASCII entry name). */
export function zipHead(entry, crc, size) {
  const name = new TextEncoder().encode(entry);
  const out = new Uint8Array(30 + name.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x04034b50, true);
  common(v, 4, name, crc, size);
  out.set(name, 30);
  return out;
}

/** Bytes after the data: the central directory header and the end record. */
export function zipTail(entry, crc, size) {
  const name = new TextEncoder().encode(entry);
  const central = 30 + name.length + size; // offset of the central directory
  const out = new Uint8Array(46 + name.length + 22);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 0x0314, true); // made by Unix, version 2.0
  common(v, 6, name, crc, size);
  // comment length, disk number start and internal attributes stay 0
  v.setUint32(38, (0o100644 << 16) >>> 0, true); // external attributes: rw-r--r--
  v.setUint32(42, 0, true); // offset of the local header
  out.set(name, 46);
  const end = 46 + name.length;
  v.setUint32(end, 0x06054b50, true);
  v.setUint16(end + 8, 1, true); // entries on this disk
  v.setUint16(end + 10, 1, true); // entries
  v.setUint32(end + 12, 46 + name.length, true); // central directory size
  v.setUint32(end + 16, central, true); // central directory offset
  return out;
}
