// Peers of the Office Batch rows: what a developer would write in plain JS to turn walletCredit
// records into a request file, with NO validation (no length, format or character check; the
// currency is looked up in a 3-entry map). Each produces the same bytes as remise for the
// benchmark's records (checked by bench/run.mjs before timing counts).
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { stringify } from 'csv-stringify';

const NUMERIC = { EUR: '978', USD: '840', GBP: '826' };

export const fileLine = 'FILE;request;office;v19\n';
export const headerLine = (h) => `HEADER;${h.remitterId};${h.date};${h.time};${h.sequence}\n`;
export const endLine = (n) => `END;${n}\n`;

/** One walletCredit line: columns 1-19 of the data dictionary, template strings only. */
export const line = (r, seq) =>
  `WALLETCREDIT;${seq};${r.merchantId};${r.transactionReference};${r.amount};${r.merchantWalletId};${r.paymentMeanId};${NUMERIC[r.currencyCode]};${r.customerEmail};;;;${r.orderId};;;;;;;\n`;

/** NDJSON file → request file: readline, JSON.parse, template strings, fs.createWriteStream. */
export async function plainNdjson(input, output, header, highWaterMark) {
  const out = createWriteStream(output);
  out.write(fileLine + headerLine(header));
  const rl = createInterface({ input: createReadStream(input, { highWaterMark }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    if (text === '') continue;
    n++;
    if (!out.write(line(JSON.parse(text), n))) await once(out, 'drain');
  }
  out.end(endLine(n));
  await finished(out);
  return n;
}

/** NDJSON file → request file through npm csv-stringify (delimiter ';'), one array per row. */
export async function csvStringifyNdjson(input, output, header, highWaterMark) {
  const rl = createInterface({ input: createReadStream(input, { highWaterMark }), crlfDelay: Infinity });
  let n = 0;
  async function* rows() {
    yield ['FILE', 'request', 'office', 'v19'];
    yield ['HEADER', header.remitterId, header.date, header.time, String(header.sequence)];
    for await (const text of rl) {
      if (text === '') continue;
      n++;
      const r = JSON.parse(text);
      yield ['WALLETCREDIT', n, r.merchantId, r.transactionReference, r.amount, r.merchantWalletId, r.paymentMeanId, NUMERIC[r.currencyCode], r.customerEmail, '', '', '', r.orderId, '', '', '', '', '', '', ''];
    }
    yield ['END', n];
  }
  await pipeline(rows, stringify({ delimiter: ';' }), createWriteStream(output));
  return n;
}

/** The floor: read the whole input, write one prepared buffer (the expected output) at once. */
export async function floor(input, output, prepared) {
  const bytes = await readFile(input);
  await writeFile(output, prepared);
  return bytes.length;
}

/** JS objects → request file: template strings per record, one write per chunk of records. */
export async function plainObjects(chunks, output, header) {
  const out = createWriteStream(output);
  out.write(fileLine + headerLine(header));
  let n = 0;
  for (const chunk of chunks) {
    let text = '';
    for (const r of chunk) text += line(r, ++n);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end(endLine(n));
  await finished(out);
  return n;
}
