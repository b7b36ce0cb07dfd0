// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP requires, incremental: `crc` is the
// CRC of what came before. One copy for the package's `sogenactif.batch.archive` (api/zip.js,
// bundled) and the command line's streaming ZIP writer (cli/zip.mjs, where node:zlib's is missing).
// Plain JS over Uint8Array: it runs in every runtime the package supports.

let table;

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
