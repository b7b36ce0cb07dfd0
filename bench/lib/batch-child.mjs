// One contestant of the 1M-record rows, alone in its own process (so peak RSS is its own):
//   node bench/lib/batch-child.mjs <task> <input.ndjson> <output> <records>
// Loads remise from the scratch install named by REMISE_SCRATCH, times the task from its first
// read to the output stream's close, and prints one JSON line:
//   { ns, wall, maxRssKiB, records, sha256? }   (ns: CPU time, user + system, all threads;
//   wall: elapsed; sha256 of the output when BENCH_VERIFY=1)
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BATCH_HEADER, READ_CHUNK, walletCredit } from './data.mjs';
import { csvStringifyNdjson, floor, plainNdjson, plainObjects } from '../peers/walletcredit.mjs';

const [task, input, output, count, reference] = process.argv.slice(2);
const records = Number(count);
const CHUNK = 1000;
const remise = () => createRequire(join(process.env.REMISE_SCRATCH, 'package.json'))('remise');

/** Writes all of `bytes` to the file descriptor `fd`. */
function writeAll(fd, bytes) {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

// Writes and waits for 'drain' only when the stream asks (no promise per call otherwise).
const write = (out, bytes) => (out.write(bytes) ? undefined : once(out, 'drain'));

/** The records as JS objects, in chunks of CHUNK (made before the timer starts). */
function objectChunks() {
  const chunks = [];
  for (let i = 0; i < records; i += CHUNK) {
    const c = [];
    for (let j = i; j < Math.min(i + CHUNK, records); j++) c.push(walletCredit(j));
    chunks.push(c);
  }
  return chunks;
}

// Each task: prepare() runs before the timer, run(prepared) is timed.
const TASKS = {
  idle: { prepare: () => remise(), run: async () => 0 },
  // The memory floor of every contestant that reads with `createReadStream` (the converter with
  // `push`, the stream helper, the readline scripts): remise loaded, the input read in chunks of
  // READ_CHUNK and dropped. Each chunk is a new Buffer that V8 frees only at its next collection.
  'read-only': {
    prepare: () => remise(),
    async run() {
      let bytes = 0;
      for await (const chunk of createReadStream(input, { highWaterMark: READ_CHUNK })) bytes += chunk.length;
      return bytes;
    },
  },
  plain: { run: () => plainNdjson(input, output, BATCH_HEADER, READ_CHUNK) },
  'csv-stringify': { run: () => csvStringifyNdjson(input, output, BATCH_HEADER, READ_CHUNK) },
  floor: { prepare: () => readFile(reference), run: (prepared) => floor(input, output, prepared) },
  'remise-converter': {
    prepare: () => remise(),
    async run({ sogenactif }) {
      const conv = sogenactif.batch.createConverter({ header: BATCH_HEADER, input: 'ndjson' });
      const out = createWriteStream(output);
      for await (const chunk of createReadStream(input, { highWaterMark: READ_CHUNK })) {
        const bytes = conv.push(chunk);
        if (bytes.length) await write(out, bytes);
      }
      out.end(conv.finish());
      await finished(out);
    },
  },
  // The converter read in place (`pushView`): readSync into one buffer, writeSync of each view.
  'remise-converter-view': {
    prepare: () => remise(),
    async run({ sogenactif }) {
      const conv = sogenactif.batch.createConverter({ header: BATCH_HEADER, input: 'ndjson' });
      const fd = openSync(input, 'r');
      const out = openSync(output, 'w');
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
        writeAll(out, conv.pushView(buf.subarray(0, n)));
      }
      writeAll(out, conv.finishView());
      closeSync(fd);
      closeSync(out);
    },
  },
  // The command line (issue 13): the package's bin, in this process, on the same file. Timed from
  // before the bin is loaded (it loads remise itself), so it pays remise's load too.
  'remise-cli': {
    async run() {
      const bin = join(process.env.REMISE_SCRATCH, 'node_modules', 'remise', 'bin', 'remise.mjs');
      process.argv = [process.argv[0], bin, 'batch', 'build', input, '-o', output, '--remitter-id', BATCH_HEADER.remitterId,
        '--sequence', String(BATCH_HEADER.sequence), '--date', BATCH_HEADER.date, '--time', BATCH_HEADER.time, '--no-progress'];
      await import(pathToFileURL(bin).href);
      if (process.exitCode) throw new Error(`remise batch build exited with ${process.exitCode}`);
    },
  },
  'remise-transform': {
    prepare: () => remise(),
    run: ({ sogenactif }) =>
      pipeline(createReadStream(input, { highWaterMark: READ_CHUNK }), sogenactif.batch.createTransform({ header: BATCH_HEADER, input: 'ndjson' }), createWriteStream(output)),
  },
  'remise-add-ndjson': {
    prepare: () => remise(),
    async run({ sogenactif }) {
      const w = new sogenactif.BatchWriter({ header: BATCH_HEADER });
      const out = createWriteStream(output);
      await write(out, w.header());
      const rl = createInterface({ input: createReadStream(input, { highWaterMark: READ_CHUNK }), crlfDelay: Infinity });
      for await (const text of rl) if (text !== '') await write(out, w.add(JSON.parse(text)));
      out.end(w.finish());
      await finished(out);
    },
  },
  'objects-plain': { prepare: () => objectChunks(), run: (chunks) => plainObjects(chunks, output, BATCH_HEADER) },
  'objects-remise-addMany': {
    prepare: () => [remise(), objectChunks()],
    async run([{ sogenactif }, chunks]) {
      const w = new sogenactif.BatchWriter({ header: BATCH_HEADER });
      const out = createWriteStream(output);
      await write(out, w.header());
      for (const chunk of chunks) await write(out, w.addMany(chunk));
      out.end(w.finish());
      await finished(out);
    },
  },
  'objects-remise-converter-addMany': {
    prepare: () => [remise(), objectChunks()],
    async run([{ sogenactif }, chunks]) {
      const conv = sogenactif.batch.createConverter({ header: BATCH_HEADER });
      const out = createWriteStream(output);
      for (const chunk of chunks) await write(out, conv.addMany(chunk));
      out.end(conv.finish());
      await finished(out);
    },
  },
  'objects-remise-add': {
    prepare: () => [remise(), objectChunks()],
    async run([{ sogenactif }, chunks]) {
      const w = new sogenactif.BatchWriter({ header: BATCH_HEADER });
      const out = createWriteStream(output);
      await write(out, w.header());
      for (const chunk of chunks) {
        let text = '';
        for (const r of chunk) text += w.add(r);
        await write(out, text);
      }
      out.end(w.finish());
      await finished(out);
    },
  },
};

const t = TASKS[task];
if (!t) throw new Error(`unknown task ${task}`);
const prepared = t.prepare ? await t.prepare() : undefined;
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
await t.run(prepared);
const wall = Number(process.hrtime.bigint() - t0);
const c = process.cpuUsage(c0);
const result = { ns: (c.user + c.system) * 1000, wall, maxRssKiB: process.resourceUsage().maxRSS, records };
if (process.env.BENCH_VERIFY === '1' && task !== 'idle' && task !== 'read-only') {
  const h = createHash('sha256');
  for await (const c of createReadStream(output)) h.update(c);
  result.sha256 = h.digest('hex');
}
process.stdout.write(JSON.stringify(result) + '\n');
