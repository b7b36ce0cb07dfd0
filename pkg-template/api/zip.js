// `sogenactif.batch.archive(fileText, name?)`: the ZIP archive of a request file (WLSIPS.808: a
// request file travels inside a ZIP archive named `OFBREQ…`), one stored entry. Layout (PKWARE
// APPNOTE 4.3.7 local file header, 4.3.12 central directory header, 4.3.16 end record): version 1.0,
// method 0 (stored), dated 1980-01-01 00:00:00, made by Unix with rw-r--r--, no extra field, no ZIP64.
//
// Written in JS for the `.wasm`'s size (issue 9: the core's entry cost about 1 KB gzip). The Rust
// crate keeps its own (`sogenactif::batch::archive`, for native users); both are checked byte for
// byte against tests/fixtures/sogenactif/archive/OFBREQ_all_methods.zip, which the zip crate reads
// back (tests/sogenactif_batch.rs) and `unzip -t` checks (js-tests). The command line's streaming
// writer (cli/zip.mjs) is compared with this function too (js-tests/cli.test.mjs).
import { RemiseError, guarded } from './core.js';
import { crc32 } from '../cli/crc32.mjs';

const G = 'sogenactif';
/** Prefix every request file and archive name must start with [confirmed, reference §1.2]. */
const PREFIX = 'OFBREQ';
const DOS_DATE = (1 << 5) | 1;

// The core's words for a type (`Array.isArray` throws on a revoked Proxy: an object then).
const kind = (v) => (v === null || v === undefined ? 'null' : guarded(() => Array.isArray(v), false) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function failure(issues) {
  const message = issues.length === 1 ? `${issues[0].field}: ${issues[0].message}` : `${issues.length} problems: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`;
  return new RemiseError({ code: 'VALIDATION', message, gateway: G, field: issues[0].field, issues });
}

/** The ZIP bytes of `fileText` as one entry named `name` (default `OFBREQ.xml` or `OFBREQ.csv`). */
export function archive(fileText, name) {
  if (typeof fileText !== 'string') throw failure([{ field: 'fileText', code: 'TYPE', message: `must be a string, got ${kind(fileText)}` }]);
  if (name !== undefined && name !== null && typeof name !== 'string') throw failure([{ field: 'name', code: 'TYPE', message: `must be a string, got ${kind(name)}` }]);
  const entry = name ?? (fileText.replace(/^\uFEFF+/, '').startsWith('<?xml') ? 'OFBREQ.xml' : 'OFBREQ.csv');
  const data = new TextEncoder().encode(fileText);
  const issues = [];
  if (!entry.startsWith(PREFIX)) {
    issues.push({ field: 'name', code: 'FORMAT', message: `must start with '${PREFIX}', the prefix Sogenactif expects for request files, e.g. 'OFBREQ_20211216_1.csv'` });
  } else if (!/^[A-Za-z0-9._-]{0,100}$/.test(entry)) {
    issues.push({ field: 'name', code: 'FORMAT', message: "must hold only letters, digits, '.', '_' and '-' (at most 100 characters)" });
  }
  // Without ZIP64 every size and offset is a 32-bit number: header (30 bytes), name and data below 4 GiB.
  if (fileText === '') issues.push({ field: 'fileText', code: 'REQUIRED', message: 'is empty: give the text returned by batch.build or BatchWriter' });
  else if (data.length + 130 > 0xffffffff) {
    issues.push({ field: 'fileText', code: 'TOO_LONG', message: 'is 4 GiB or more, beyond a ZIP archive without ZIP64: split the records over several files' });
  }
  if (issues.length) throw failure(issues);

  const n = new TextEncoder().encode(entry);
  const crc = crc32(data);
  const out = new Uint8Array(30 + n.length + data.length + 46 + n.length + 22);
  const v = new DataView(out.buffer);
  // The fields the local and central headers share, from "version needed" to "extra length".
  const common = (at) => {
    v.setUint16(at, 10, true); // version needed 1.0
    v.setUint16(at + 2, 0, true); // flags
    v.setUint16(at + 4, 0, true); // stored
    v.setUint16(at + 6, 0, true); // time 00:00:00
    v.setUint16(at + 8, DOS_DATE, true);
    v.setUint32(at + 10, crc, true);
    v.setUint32(at + 14, data.length, true);
    v.setUint32(at + 18, data.length, true);
    v.setUint16(at + 22, n.length, true);
    v.setUint16(at + 24, 0, true); // extra field length
  };
  v.setUint32(0, 0x04034b50, true);
  common(4);
  out.set(n, 30);
  out.set(data, 30 + n.length);
  const central = 30 + n.length + data.length;
  v.setUint32(central, 0x02014b50, true);
  v.setUint16(central + 4, 0x0314, true); // made by Unix, version 2.0
  common(central + 6);
  // comment length, disk number start and internal attributes stay 0
  v.setUint32(central + 38, (0o100644 << 16) >>> 0, true); // external attributes: rw-r--r--
  v.setUint32(central + 42, 0, true); // offset of the local header
  out.set(n, central + 46);
  const end = central + 46 + n.length;
  v.setUint32(end, 0x06054b50, true);
  v.setUint16(end + 8, 1, true); // entries on this disk
  v.setUint16(end + 10, 1, true); // entries
  v.setUint32(end + 12, 46 + n.length, true); // central directory size
  v.setUint32(end + 16, central, true); // central directory offset
  return out;
}
