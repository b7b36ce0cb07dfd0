// The `remise` command from the installed tarball (node_modules/.bin/remise), run as a child
// process: batch build (NDJSON, CSV, stdin, XML, --zip), invalid records, batch check, batch report.
// Expected files come from the published walletCredit sample and from `sogenactif.batch.build` /
// `archive` on the same records (a second path through the library: whole-array build against the
// command's streamed conversion); report counts from the response codes the test assigns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sogenactif } from 'remise';
import { SAMPLE_CSV, SAMPLE_HEADER as header } from './batch_sample.mjs';

const BIN = join(process.cwd(), 'node_modules', '.bin', 'remise');
const dir = mkdtempSync(join(tmpdir(), 'remise-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs `remise …args`; returns { status, stdout, stderr }. */
function remise(args, { input, env } = {}) {
  // A command that hangs fails its test (killed after 2 minutes) instead of stalling the run.
  const run = () => spawnSync(BIN, args, { input, encoding: 'utf8', cwd: dir, maxBuffer: 64 << 20, timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  let r = run();
  if (r.error?.code === 'ETIMEDOUT') {
    // One `batch report` hung in about one full run of this suite in ten and never alone
    // (pkg-template/cli/lines.mjs says what was tried; Node's exit-time deadlock, nodejs/node#54918,
    // is suspected). The same command runs once more: one that hangs again, or answers wrongly, still
    // fails its test; a single hang is written to the log so that it stays visible.
    process.stderr.write(`cli.test.mjs: 'remise ${args.join(' ')}' did not end within 120 s; running it once more\n`);
    r = run();
  }
  if (r.error) throw r.error;
  return r;
}
const path = (name) => join(dir, name);
const write = (name, text) => (writeFileSync(path(name), text), path(name));
const noStack = (text) => assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+/, 'no stack trace');

const HEADER_ARGS = ['--remitter-id', '023101122334455', '--sequence', '1', '--date', '2021-12-16+0100', '--time', '14:26:45+0100'];
const M = '023101122334456';
const sample = {
  method: 'walletCredit', recordSequence: 12, merchantId: M, transactionReference: 'SIM20220329092501', amount: 66,
  merchantWalletId: 'w01', paymentMeanId: 'paymentMeanId', currencyCode: 'EUR', customerEmail: 'customer@email.com',
  customerId: 'customerId', customerIpAddress: '128.0.0.1', orderChannel: 'INTERNET', orderId: 'orderId',
  returnContext: 'returnContext', transactionOrigin: 'origin',
  s10TransactionReference: { s10TransactionId: '101', s10TransactionIdDate: '20210329' },
  statementReference: 'statementReference', settlementArchivingReference: 'settlementArchivingReference',
  settlementMerchantSpecificData: 'settlementMerchantSpecificData',
};
// A mixed file: the sample, a cancel with what is known of the original, a value holding a comma
// and quotes (CSV quoting), a refund in JPY, a record without recordSequence (default: position).
const records = [
  sample,
  { method: 'cancel', recordSequence: 13, merchantId: M, transactionReference: 'ORDER1', amount: 500, currencyCode: 'EUR', original: { amount: 1000, status: 'TO_CAPTURE' } },
  { method: 'walletCredit', recordSequence: 14, merchantId: M, transactionReference: 'WCR2', amount: 300, merchantWalletId: 'W42', paymentMeanId: '1', currencyCode: 'EUR', orderId: 'A,B "x"' },
  { method: 'refund', recordSequence: 15, merchantId: M, transactionReference: 'ORDER2', operationAmount: 1250, currencyCode: 'JPY' },
  { method: 'walletCredit', merchantId: M, transactionReference: 'WCR3', amount: 7, merchantWalletId: 'W43', paymentMeanId: '2', currencyCode: '978' },
];
const ndjson = (list) => list.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** CSV with a header row; nested objects as `container.field` columns; RFC 4180 quoting. */
function toCsv(list) {
  const flat = list.map((r) => {
    const o = {};
    for (const [k, v] of Object.entries(r)) {
      if (v !== null && typeof v === 'object') for (const [s, w] of Object.entries(v)) o[`${k}.${s}`] = w;
      else o[k] = v;
    }
    return o;
  });
  const columns = [...new Set(flat.flatMap((o) => Object.keys(o)))];
  const cell = (v) => (v === undefined ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return [columns.join(','), ...flat.map((o) => columns.map((c) => cell(o[c])).join(','))].join('\r\n') + '\r\n';
}

// The inputs several tests read.
write('in.ndjson', ndjson(records));
write('in.csv', toCsv(records));

/** The entries of a ZIP's central directory: { name, size, data }. */
function readZip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory');
  const files = [];
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < buf.readUInt16LE(eocd + 10); n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    files.push({ name, method: buf.readUInt16LE(p + 10), data: buf.subarray(start, start + size).toString('utf8') });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

test('remise --help lists the batch command; every batch command has --help', () => {
  const top = remise(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /batch\s+build, check and report/);
  for (const cmd of ['build', 'check', 'report']) {
    const r = remise(['batch', cmd, '--help']);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, new RegExp(`^usage: remise batch ${cmd} `), cmd);
  }
  assert.equal(remise(['batch', '--help']).status, 0);
  // No command, or no batch command: a wrong command line, exit 2 with the help on stderr.
  for (const args of [[], ['batch']]) {
    const r = remise(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^usage: remise /);
  }
});

test('output paths that cannot be written are refused up front, in words; help by subcommand; no UTF-16 hint for an empty input', () => {
  // A helper's attack on the CLI, twenty-fifth pass: `-o new/` failed at the rename after the whole
  // conversion ("ENOTDIR …, rename '.new.….tmp' -> 'new/'"), a file used as a directory was Node's raw
  // "ENOTDIR …, lstat", and an empty input was told it looked like UTF-16.
  const input = write('paths.ndjson', ndjson(records.slice(0, 2)));
  const response = write('paths-resp.csv', toResponse(sogenactif.batch.build({ header, records: records.slice(0, 2) }), ['00', '00']));
  const before = readdirSync(dir).length;
  for (const [args, said] of [
    [['batch', 'build', input, '-o', path('new-dir/'), ...HEADER_ARGS], /-o \S*new-dir\/: names a directory, which does not exist; give the name of the file to write\n/],
    [['batch', 'build', input, '-o', join(input, 'x.csv'), ...HEADER_ARGS], /-o \S*paths\.ndjson\/x\.csv: a part of its path is a file, not a directory; give the name of a file in a directory\n/],
    [['batch', 'build', input, '-o', `${input}/sub/`, ...HEADER_ARGS], /-o \S*paths\.ndjson\/sub\/: a part of its path is a file, not a directory/],
    [['batch', 'check', input, '--errors', join(input, 'e.ndjson')], /--errors \S*paths\.ndjson\/e\.ndjson: a part of its path is a file/],
    [['batch', 'report', response, '--html', join(input, 'x.html')], /--html \S*paths\.ndjson\/x\.html: a part of its path is a file/],
    [['batch', 'check', input, '--errors', path('err-dir/')], /--errors \S*err-dir\/: names a directory, which does not exist/],
    [['batch', 'report', response, '--html', path('html-dir/')], /--html \S*html-dir\/: names a directory, which does not exist/],
    [['batch', 'build', input, '-o', path('x'.repeat(300)), ...HEADER_ARGS], /-o \S*x{20,}…: the name is too long for the file system; give a shorter one\n/],
  ]) {
    const r = remise(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, said);
    assert.doesNotMatch(r.stderr, /ENOTDIR|EISDIR|lstat|rename|\.tmp/);
    assert.equal(r.stdout, '');
  }
  assert.equal(readdirSync(dir).length, before, 'nothing written');
  // A backslash is a file name's character on this system, not a separator: written as any name is.
  const slashed = remise(['batch', 'build', input, '-o', path('out\\'), ...HEADER_ARGS]);
  assert.equal(slashed.status, 0, slashed.stderr);
  assert.ok(existsSync(path('out\\')));
  rmSync(path('out\\'));
  // `remise batch help build` is build's help, as `remise help batch build` is; an unknown one is exit 2.
  for (const cmd of ['build', 'check', 'report']) {
    const r = remise(['batch', 'help', cmd]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, remise(['batch', cmd, '--help']).stdout);
  }
  for (const args of [['batch', 'help', '--help'], ['batch', 'help', '-h'], ['help', 'batch', 'help']]) {
    const r = remise(args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /^usage: remise batch <command>/, args.join(' '));
  }
  const unknown = remise(['batch', 'help', 'nonsense']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^remise batch help: unknown command 'nonsense'/);
  // A mistyped command or option is answered with the one it was near (at most two edits, a swap of
  // two neighbours is one), and with nothing when none is near or two are as near.
  const near = [
    [['bach'], /^remise: unknown command 'bach'\. Did you mean 'batch'\?\n/],
    [['batch', 'biuld'], /^remise batch: unknown command 'biuld'\. Did you mean 'build'\?\n/],
    [['batch', 'help', 'reprot'], /^remise batch help: unknown command 'reprot'\. Did you mean 'report'\?\n/],
    [['batch', 'check', 'x.ndjson', '--max-isues', '3'], /^remise batch check: Unknown option '--max-isues'\. Did you mean '--max-issues'\?\n/],
    [['batch', 'report', 'x', '--MAX-REJECTION=2'], /^remise batch report: Unknown option '--MAX-REJECTION'\. Did you mean '--max-rejections'\?\n/],
    [['sim', '--prot', '0'], /^remise sim: Unknown option '--prot'\. Did you mean '--port'\?\n/],
    [['batch', 'zzz'], /^remise batch: unknown command 'zzz'\.\n\n/],
    [['batch', 'check', 'x', '--output', 'y'], /^remise batch check: Unknown option '--output'\.\n\n/],
    [['sim', '-x'], /^remise sim: Unknown option '-x'\.\n\n/],
  ];
  for (const [args, expected] of near) {
    const r = remise(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, expected, args.join(' '));
  }
  // The report usage line lists --max-rejections, which it takes; sim's help lists -h.
  assert.match(remise(['batch', 'report', '--frobnicate']).stderr, /\nusage: remise batch report [^\n]*--max-rejections N/);
  assert.match(remise(['sim', '--help']).stdout, /\n {2}-h, --help /);
  // An empty input: no record, and no word of UTF-16.
  for (const r of [remise(['batch', 'check', write('empty.ndjson', '')]), remise(['batch', 'check', '-'], { input: '' })]) {
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the input holds no record/);
    assert.doesNotMatch(r.stderr, /UTF-16|iconv/);
  }
});

test('build: the published walletCredit sample from one NDJSON line', () => {
  const input = write('sample.ndjson', JSON.stringify(sample) + '\n');
  const r = remise(['batch', 'build', input, '-o', path('sample.csv'), ...HEADER_ARGS]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(path('sample.csv'), 'utf8'), SAMPLE_CSV);
  assert.match(r.stderr, new RegExp(`wrote .*sample\\.csv \\(1 record, ${Buffer.byteLength(SAMPLE_CSV)} bytes\\)`));
});

test('build: NDJSON, CSV and stdin give the file sogenactif.batch.build gives', () => {
  const expected = sogenactif.batch.build({ header, records: structuredClone(records) });
  const fromNdjson = remise(['batch', 'build', write('in.ndjson', ndjson(records)), '-o', path('a.csv'), ...HEADER_ARGS]);
  assert.equal(fromNdjson.status, 0, fromNdjson.stderr);
  assert.equal(readFileSync(path('a.csv'), 'utf8'), expected);

  const csv = toCsv(records);
  assert.match(csv.split('\r\n')[0], /original\.amount/);
  assert.match(csv, /"A,B ""x"""/);
  const fromCsv = remise(['batch', 'build', write('in.csv', csv), '-o', path('b.csv'), ...HEADER_ARGS]);
  assert.equal(fromCsv.status, 0, fromCsv.stderr);
  assert.equal(readFileSync(path('b.csv'), 'utf8'), expected);

  // stdin, the format found from the first byte; then CSV on stdin with --input-format.
  const fromStdin = remise(['batch', 'build', '-', '-o', path('c.csv'), ...HEADER_ARGS], { input: ndjson(records) });
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  assert.equal(readFileSync(path('c.csv'), 'utf8'), expected);
  const csvStdin = remise(['batch', 'build', '-', '--input-format', 'csv', '-o', path('d.csv'), ...HEADER_ARGS], { input: csv });
  assert.equal(csvStdin.status, 0, csvStdin.stderr);
  assert.equal(readFileSync(path('d.csv'), 'utf8'), expected);
});

test('build --syntax xml gives the XML file of sogenactif.batch.build', () => {
  const xmlHeader = { ...header, date: '2021-12-16+01:00', time: '14:26:45+01:00' };
  const r = remise(['batch', 'build', path('in.ndjson'), '-o', path('a.xml'), '--syntax', 'xml', '--remitter-id', header.remitterId,
    '--sequence', '1', '--date', xmlHeader.date, '--time', xmlHeader.time]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(path('a.xml'), 'utf8'), sogenactif.batch.build({ syntax: 'xml', header: xmlHeader, records: structuredClone(records) }));
});

test('build of many records streams through several chunks', () => {
  // 15 000 records (about 2.5 MB of NDJSON: several 1 MiB chunks, lines cut at chunk edges).
  const many = Array.from({ length: 15000 }, (_, i) => ({
    method: 'walletCredit', merchantId: M, transactionReference: `WCR${i}`, amount: i + 1, merchantWalletId: `W${i}`,
    paymentMeanId: '1', currencyCode: 'EUR', returnContext: 'x'.repeat(i % 97),
  }));
  const r = remise(['batch', 'build', write('many.jsonl', ndjson(many)), '-o', path('many.csv'), ...HEADER_ARGS]);
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(path('many.csv'), 'utf8');
  assert.equal(text, sogenactif.batch.build({ header, records: many }));
  assert.ok(text.endsWith('END;15000\n'));
  assert.doesNotMatch(r.stderr, /\x1b|\r/, 'no control characters when stderr is not a terminal');
});

test('build: progress on stderr when it is a terminal (util-linux script gives it one), none with --no-progress', () => {
  const run = (extra) => {
    const command = [BIN, 'batch', 'build', path('in.ndjson'), '-o', path('tty.csv'), ...HEADER_ARGS, ...extra].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', cwd: dir });
    if (r.error) throw r.error;
    assert.equal(r.status, 0, r.stdout);
    return r.stdout; // the terminal's output: stdout and stderr of the command
  };
  const shown = run([]);
  assert.match(shown, /\r\x1b\[K5 records, [\d,]+\/s, 100%, ETA 0s/);
  assert.match(shown, /\r\x1b\[Kremise batch build: wrote /, 'the progress line is cleared before the summary');
  const quiet = run(['--no-progress']);
  assert.doesNotMatch(quiet, /\x1b|\r(?!\n)|\/s, /);
  assert.match(quiet, /^remise batch build: wrote /);
});

test('build --zip writes the archive: one OFBREQ entry, the same bytes as sogenactif.batch.archive', () => {
  const r = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_023101122334455_1.csv.zip'), '--zip', ...HEADER_ARGS]);
  assert.equal(r.status, 0, r.stderr);
  const zip = readFileSync(path('OFBREQ_023101122334455_1.csv.zip'));
  const expected = sogenactif.batch.build({ header, records: structuredClone(records) });
  const files = readZip(zip);
  assert.equal(files.length, 1);
  assert.equal(files[0].name, 'OFBREQ_023101122334455_1.csv');
  assert.equal(files[0].data, expected);
  assert.deepEqual(new Uint8Array(zip), sogenactif.batch.archive(expected, 'OFBREQ_023101122334455_1.csv'));
  const unzip = spawnSync('unzip', ['-l', path('OFBREQ_023101122334455_1.csv.zip')], { encoding: 'utf8' });
  if (!unzip.error) {
    assert.equal(unzip.status, 0, unzip.stderr);
    assert.match(unzip.stdout, /\sOFBREQ_023101122334455_1\.csv\n/);
    assert.match(unzip.stdout, /\n\s+\d+\s+1 file\n/);
  }
  // Default entry name when OUTPUT does not start with OFBREQ; a bad --entry is a usage error.
  assert.equal(remise(['batch', 'build', path('in.ndjson'), '-o', path('out.zip'), '--zip', ...HEADER_ARGS]).status, 0);
  assert.equal(readZip(readFileSync(path('out.zip')))[0].name, 'OFBREQ.csv');
  const bad = remise(['batch', 'build', path('in.ndjson'), '-o', path('bad.zip'), '--zip', '--entry', 'REQ.csv', ...HEADER_ARGS]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--entry 'REQ\.csv': must start with 'OFBREQ'/);
  assert.ok(!existsSync(path('bad.zip')));
});

test('build with invalid records: exit 1, no output, issues on stderr, every invalid record in --errors', () => {
  const lines = [
    JSON.stringify(records[0]),
    '',
    JSON.stringify({ method: 'cancel', merchantId: M, amount: 1.5, currencyCode: 'EURO', original: { amount: 1 } }), // line 3, index 1
    JSON.stringify(records[2]),
    '{"method": "walletCredit", ', // line 5, index 3: not JSON
    JSON.stringify({ method: 'walletCredit', merchantId: M, transactionReference: 'A;B', amount: 1, currencyCode: 'EUR' }), // line 6, index 4
    JSON.stringify(records[3]),
  ];
  const before = readdirSync(dir).length;
  const r = remise(['batch', 'build', write('bad.ndjson', lines.join('\n') + '\n'), '-o', path('bad.csv'), '--errors', path('bad.errors.ndjson'), ...HEADER_ARGS]);
  assert.equal(r.status, 1);
  noStack(r.stderr);
  assert.ok(!existsSync(path('bad.csv')), 'no output file');
  assert.equal(readdirSync(dir).length, before + 2, 'only the input and --errors were added: no temporary file left');
  assert.match(r.stderr, /VALIDATION: 3 of 6 records in .*bad\.ndjson are invalid \(7 issues\); nothing was written/);
  assert.match(r.stderr, /line 3: records\[1\]\.amount {2}TYPE/);
  assert.match(r.stderr, /line 5: records\[3\] {2}FORMAT {2}line 5 is not a JSON record/);
  assert.match(r.stderr, /issues per field and code:\n/);
  assert.match(r.stderr, /\n {2}transactionReference +FORBIDDEN_CHARACTER +1\n/);
  const errors = readFileSync(path('bad.errors.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(
    errors.map((e) => [e.line, e.index, e.issues.map((i) => `${i.field} ${i.code}`)]),
    [
      [3, 1, ['records[1].amount TYPE', 'records[1].currencyCode UNKNOWN_CURRENCY', 'records[1].transactionReference REQUIRED']],
      [5, 3, ['records[3] FORMAT']],
      [6, 4, ['records[4].transactionReference FORBIDDEN_CHARACTER', 'records[4].merchantWalletId REQUIRED', 'records[4].paymentMeanId REQUIRED']],
    ],
  );
  for (const e of errors) for (const i of e.issues) assert.equal(typeof i.message, 'string');
  // --max-issues limits the list, not the counts.
  const short = remise(['batch', 'check', path('bad.ndjson'), '--max-issues', '1']);
  // check never writes: its summary does not say "nothing was written".
  assert.match(short.stderr, /are invalid \(7 issues\)\n/);
  assert.equal(short.status, 1);
  assert.match(short.stderr, /… 6 more/);
});

test('build: every invalid record of a chunk is listed and counted, however many a 64 KiB read holds', () => {
  // 30 000 of Excel's empty formatted rows (`,,,,`, 6 bytes with CRLF): the core keeps 10 000 rejects
  // between two drains and counts the rest, and the command drained once per 64 KiB read: 28 167 listed.
  const N = 30000;
  const csv = 'method,merchantId,transactionReference,operationAmount,currencyCode\r\n' + ',,,,\r\n'.repeat(N);
  const r = remise(['batch', 'build', write('empties.csv', csv), '-o', path('empties.out'), '--errors', path('empties.err'), '--max-issues', '0', ...HEADER_ARGS]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`VALIDATION: ${N} of ${N} records in .*empties\\.csv are invalid`));
  const listed = readFileSync(path('empties.err'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).index);
  assert.equal(listed.length, N);
  assert.ok(listed.every((index, n) => index === n), 'each record once, in order');
  // The count per field and code counts each record's issue once.
  assert.match(r.stderr, new RegExp(`\\n {2}method +REQUIRED +${N}\\n`));
});

test('build: a withdrawn currency is named as such in the rejects, by its letters or its number', () => {
  // The converter's rejects are written by the core, as "an alpha-3 code in upper case" for SLL, which
  // it is: ISO 4217 replaced the old leone SLL (694) by SLE (925); the JS errors said so, the rejects not.
  const lines = ['SLL', '694'].map((currencyCode, i) => JSON.stringify({ ...records[0], recordSequence: 90 + i, currencyCode }));
  const r = remise(['batch', 'check', write('withdrawn.ndjson', lines.join('\n') + '\n'), '--errors', path('withdrawn.errors.ndjson')]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /line 1: records\[0\]\.currencyCode {2}UNKNOWN_CURRENCY {2}unknown currency 'SLL' for the sogenactif table: SLL was withdrawn from ISO 4217: give its successor, SLE,/);
  assert.match(r.stderr, /line 2: records\[1\]\.currencyCode {2}UNKNOWN_CURRENCY {2}unknown currency '694' for the sogenactif table: 694 \(SLL\) was withdrawn from ISO 4217: give its successor, 925 \(SLE\),/);
  const errors = readFileSync(path('withdrawn.errors.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(errors.map((e) => e.issues.map((i) => /was withdrawn/.test(i.message))), [[true], [true]]);
});

test('build: a CSV input with a wrong row and without a method column', () => {
  const csv = 'method,merchantId,transactionReference,amount,currencyCode\ncancel,' + M + ',R1,100,EUR\ncancel,' + M + ',R2,100\n';
  const r = remise(['batch', 'build', write('short.csv', csv), '-o', path('short.out'), '--errors', path('short.err'), ...HEADER_ARGS]);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(readFileSync(path('short.err'), 'utf8')), {
    line: 3, index: 1, issues: [{ field: 'records[1]', code: 'FORMAT', message: 'has 4 cells but the header row names 5 columns' }],
  });
  const noMethod = remise(['batch', 'check', write('nomethod.csv', 'merchantId,amount\n1,2\n')]);
  assert.equal(noMethod.status, 1);
  assert.match(noMethod.stderr, /VALIDATION \(input\): .*must name the columns of the records, 'method' among them/);
  noStack(noMethod.stderr);
});

test('build: a CSV quote left open at the end of the input is refused by its line, in the command and in the JS reader', async () => {
  // Without the refusal the open cell took the rest of the file in: `R2,100,"EUR\ncancel,…` read as
  // one record whose currency holds a line break and the next record's text.
  const csv = 'method,merchantId,transactionReference,amount,currencyCode\ncancel,' + M + ',R1,100,EUR\ncancel,' + M + ',R2,100,"EUR\ncancel,' + M + ',R3,100,EUR\n';
  const expected = { line: 3, index: 1, issues: [{ field: 'records[1]', code: 'FORMAT', message: 'has a quote left open at the end of the input: close it (a quote inside a quoted cell is written as two)' }] };
  const r = remise(['batch', 'build', write('open.csv', csv), '-o', path('open.out'), '--errors', path('open.err'), ...HEADER_ARGS]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(existsSync(path('open.out')), false, 'no output file');
  assert.deepEqual(JSON.parse(readFileSync(path('open.err'), 'utf8')), expected);
  // The command's JS reader (used when a package has no converter) refuses it the same way.
  const { JsConverter } = await import(pathToFileURL(join(process.cwd(), 'node_modules', 'remise', 'cli', 'engine.mjs')).href);
  const js = new JsConverter(sogenactif, { header: { remitterId: '023101122334455', sequence: 1, date: '2021-12-16+0100', time: '14:26:45+0100' }, input: 'csv' });
  js.push(Buffer.from(csv));
  assert.throws(() => js.finish(), (e) => e.code === 'VALIDATION');
  assert.deepEqual(js.takeRejects(), [expected]);
  // Closed, the same quote is read as before.
  const closed = remise(['batch', 'check', write('closed.csv', csv.replace('"EUR', '"EUR"'))]);
  assert.equal(closed.status, 0, closed.stderr);
});

test('build: a CSV input cut off in its last record (no line break after it) is refused, in the command, the API converter and the JS reader', async () => {
  // A helper's attack: `head -c -3` of a CSV made a complete file where the refund of 2500 became
  // 25 (0.25 EUR) and exit 0. RFC 4180 lets the last line break go; remise does not.
  const full = 'method,merchantId,currencyCode,transactionReference,operationAmount\nrefund,' + M + ',EUR,ORDER1,250\nrefund,' + M + ',EUR,ORDER12,2500\n';
  const cut = full.slice(0, -3);
  const expected = { line: 3, index: 1, issues: [{ field: 'records[1]', code: 'FORMAT', message: 'is the last line and has no line break after it: the input may have been cut off there; end the input with a line break' }] };
  const r = remise(['batch', 'build', '-', '-o', path('cut.out'), '--errors', path('cut.err'), ...HEADER_ARGS], { input: cut });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(existsSync(path('cut.out')), false, 'no output file');
  assert.deepEqual(JSON.parse(readFileSync(path('cut.err'), 'utf8')), expected);
  const header = { remitterId: '023101122334455', sequence: 1, date: '2021-12-16+0100', time: '14:26:45+0100' };
  const conv = sogenactif.batch.createConverter({ header, input: 'csv' });
  conv.push(Buffer.from(cut));
  assert.throws(() => conv.finish(), (e) => e.code === 'VALIDATION');
  assert.deepEqual(conv.takeRejects(), [expected]);
  const { JsConverter } = await import(pathToFileURL(join(process.cwd(), 'node_modules', 'remise', 'cli', 'engine.mjs')).href);
  const js = new JsConverter(sogenactif, { header, input: 'csv' });
  js.push(Buffer.from(cut));
  assert.throws(() => js.finish(), (e) => e.code === 'VALIDATION');
  assert.deepEqual(js.takeRejects(), [expected]);
  // With its last line break, the same file is built.
  const whole = remise(['batch', 'build', '-', '-o', path('whole.out'), ...HEADER_ARGS], { input: full });
  assert.equal(whole.status, 0, whole.stderr);
  assert.match(readFileSync(path('whole.out'), 'utf8'), /;ORDER12;2500;/);
});

test('check: exit 0 on valid records, 1 on invalid ones; the syntax matters', () => {
  const ok = remise(['batch', 'check', path('in.ndjson')]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /5 records, all valid/);
  // A ';' is refused in a CSV file and fine in an XML file.
  const semi = write('semi.ndjson', JSON.stringify({ ...records[2], orderId: 'A;B' }) + '\n');
  assert.equal(remise(['batch', 'check', semi]).status, 1);
  assert.equal(remise(['batch', 'check', semi, '--syntax', 'xml']).status, 0);
  const empty = remise(['batch', 'check', write('empty.ndjson', '\n\n')]);
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /records {2}RANGE {2}the input holds no record/);
  // A .json file holding one array, on one line or pretty-printed: the summary says to make NDJSON of it
  // (the fifteenth pass: only "must be an object" and "method is required" were shown). NDJSON gets no hint.
  for (const text of [JSON.stringify(records.slice(0, 2)), `\ufeff${JSON.stringify(records.slice(0, 2), null, 2)}`]) {
    const array = remise(['batch', 'check', write('array.json', text + '\n')]);
    assert.equal(array.status, 1);
    assert.match(array.stderr, /hint: .*array\.json starts with '\[', a JSON array: remise batch reads one record object per line \(NDJSON\)/);
    // On one line, its record is told "must be an object" alone (a `method` REQUIRED was listed beside
    // it: a known gap of the twenty-third pass).
    if (!text.includes('\n')) assert.match(array.stderr, /records\[0\] {2}TYPE {2}must be an object, got an array\n(?!.*method {2}REQUIRED)/s);
  }
  // From stdin or another extension too (sniffed as CSV there).
  const piped = remise(['batch', 'check', '-'], { input: JSON.stringify(records.slice(0, 2)) + '\n' });
  assert.equal(piped.status, 1);
  assert.match(piped.stderr, /hint: stdin starts with '\[', a JSON array/);
  assert.match(remise(['batch', 'check', write('array.txt', JSON.stringify(records.slice(0, 2)))]).stderr, /hint: .*array\.txt starts with '\['/);
  assert.doesNotMatch(remise(['batch', 'check', semi]).stderr, /hint:/);
});

test('usage and header errors: exit 2 / 1 with the reason, never a stack', () => {
  const missing = remise(['batch', 'build', path('in.ndjson'), '-o', path('x.csv'), '--sequence', '1']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--remitter-id is required/);
  const unknown = remise(['batch', 'build', path('in.ndjson'), '--frobnicate']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^remise batch build: Unknown option '--frobnicate'\.\n\nusage:/);
  // The usage line and where the options are, not twenty lines of them after the error (a new user's
  // trial, twenty-fourth pass).
  assert.match(unknown.stderr, /\nusage: remise batch build INPUT [^\n]*\n\(remise help batch build lists every option\)\n?$/);
  const noFile = remise(['batch', 'build', path('nope.ndjson'), '-o', path('x.csv'), ...HEADER_ARGS]);
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /^remise batch build: \S*nope\.ndjson: no such file \(ENOENT\): check the path\n?$/);
  const top = remise(['--help']);
  assert.match(top.stdout, /'remise help <command>'.*'remise --version'/s);
  const badHeader = remise(['batch', 'build', path('in.ndjson'), '-o', path('x.csv'), '--remitter-id', '12', '--sequence', '1']);
  assert.equal(badHeader.status, 1);
  assert.match(badHeader.stderr, /VALIDATION.*\n {2}header\.remitterId {2}\w+/);
  // The length found is said to be one: 'got 2' read as the value 2 (a known gap of the twenty-fourth pass).
  assert.match(badHeader.stderr, /header\.remitterId {2}FORMAT {2}must be exactly 15 digits, got 2 digits\n/);
  for (const r of [missing, unknown, noFile, badHeader]) noStack(r.stderr);
  assert.ok(!existsSync(path('x.csv')));
});

test('report given the records (NDJSON) instead of the response file says so in a hint', () => {
  // A new user's trial, twenty-fourth pass: only "expected 'FILE;response;office;<version>'" was said.
  const r = remise(['batch', 'report', write('records-as-response.ndjson', ndjson(records.slice(0, 2)))]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /MALFORMED_RESPONSE: line 1 of the Office Batch response: expected 'FILE;response;office;<version>'\nhint: the input holds records \(JSON, one per line\): report reads the response file the bank sends back/);
  assert.equal(r.stdout, '');
  // A response file gets none.
  const request = remise(['batch', 'build', write('sole-req.ndjson', ndjson(records.slice(0, 1))), '-o', path('sole-req.csv'), ...HEADER_ARGS]);
  assert.equal(request.status, 0, request.stderr);
  writeFileSync(path('sole-resp.csv'), toResponse(readFileSync(path('sole-req.csv'), 'utf8'), ['00']));
  const ok = remise(['batch', 'report', path('sole-resp.csv')]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.doesNotMatch(ok.stderr + ok.stdout, /hint/);
  assert.match(ok.stdout, /^1 record: 1 accepted, 0 rejected$/m);
});

test('report: empty lines before END are counted, not kept: the first one is named, whatever their number', () => {
  // A helper's attack: 100 MB of line breaks (a 2 MB zip) were kept one array entry each, and the
  // process died of a V8 fatal error. Line numbers written here by hand.
  const head = 'FILE;response;office;v19\nHEADER;023101122334455;2024-06-01+0200;12:00:00+0200;1\n';
  const rec = (n) => `CANCEL;${n};002001000000001;ORDER${n};100;978;;;;00;;`;
  for (const [name, text, line, what] of [
    ['gap.csv', `${head}${rec(1)}\n\n\n${rec(2)}\nEND;2\n`, 4, 'empty line before END'],
    ['gap-end.csv', `${head}${rec(1)}\n\nEND;1\n`, 4, 'empty line before END'],
    ['many.csv', `${head}${rec(1)}\n${'\n'.repeat(300_000)}${rec(2)}\nEND;2\n`, 4, 'empty line before END'],
    ['no-end.csv', `${head}${rec(1)}\n${'\n'.repeat(5)}`, 3, 'the END line is missing'],
  ]) {
    const r = remise(['batch', 'report', write(name, text)]);
    assert.equal(r.status, 1, `${name}: ${r.stderr}`);
    noStack(r.stderr);
    assert.match(r.stderr, new RegExp(`line ${line} of the Office Batch response: ${what}`), name);
  }
  // After END, empty lines are allowed.
  const ok = remise(['batch', 'report', write('after-end.csv', `${head}${rec(1)}\nEND;1\n\n\n`)]);
  assert.equal(ok.status, 0, ok.stderr);
});

test('a directory given as stdin is a file that cannot be read: exit 2, not data without a record', () => {
  for (const cmd of [['batch', 'check', '-'], ['batch', 'report', '-']]) {
    const r = spawnSync('sh', ['-c', `"${BIN}" ${cmd.join(' ')} < /`], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 2, `${cmd.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /stdin: EISDIR: it is a directory/);
  }
});

test('check: a field named differently in every record gives at most 200 count rows, never a stack', () => {
  // A helper's attack: 150 000 records, each with its own unknown key, overflowed the stack
  // (Math.max(...rows)) and printed a row per record.
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ method: 'refund', merchantId: '023101122334456', transactionReference: `R${i}`, operationAmount: 1, currencyCode: 'EUR', [`junk${i}`]: 1 }));
  const r = remise(['batch', 'check', write('junk.ndjson', lines.join('\n') + '\n')]);
  assert.equal(r.status, 1, r.stderr);
  noStack(r.stderr);
  const rows = r.stderr.split('issues per field and code:\n')[1].trim().split('\n');
  assert.equal(rows.length, 201, rows.slice(-3).join('\n'));
  assert.match(r.stderr, /\n {2}\(other fields\) +UNKNOWN_FIELD +200\n?/);
});

// ---- report

/** The response the documented (assumed) layout describes: each request line echoed, then responseCode, acquirerResponseCode, authorisationId. */
function toResponse(request, codes) {
  let i = 0;
  return request
    .split('\n')
    .map((line) => {
      if (line.startsWith('FILE;request;')) return line.replace('FILE;request;', 'FILE;response;');
      if (line === '' || line.startsWith('HEADER;') || line.startsWith('END;')) return line;
      const code = codes[i++];
      return `${line};${code};${code === '00' ? '00' : ''};${code === '00' ? `A${i}` : ''}`;
    })
    .join('\n');
}

// Sequences 12..15 and 5 (the record without recordSequence is the 5th). Codes chosen per record:
// walletCredit 12 → 00, cancel 13 → 24, walletCredit 14 → 05, refund 15 → 00, walletCredit 5 → 00.
const CODES = ['00', '24', '05', '00', '00'];

test('report: per-method counts and amounts, response codes with their meaning, --json schema', () => {
  const request = sogenactif.batch.build({ header, records: structuredClone(records) });
  const response = write('response.csv', toResponse(request, CODES));
  const text = remise(['batch', 'report', response]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /5 records: 3 accepted, 2 rejected/);
  assert.match(text.stdout, /\nwalletCredit +3 +2 +1 +0\.73 EUR +3\.00 EUR\n/); // 66 + 7 accepted, 300 rejected
  assert.match(text.stdout, /\ncancel +1 +0 +1 +0\.00 EUR +5\.00 EUR\n/);
  assert.match(text.stdout, /\nrefund +1 +1 +0 +1250 JPY +0 JPY\n/);
  assert.match(text.stdout, /\n00 +3 +success/);
  assert.match(text.stdout, /#13 cancel ORDER1 5\.00 EUR: 24 operation impossible/);
  assert.match(text.stdout, /what to do: read the transaction's status/);

  const r = remise(['batch', 'report', response, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  // Written in pieces (one per rejection: a million of them made one string too long for V8), it is
  // still what JSON.stringify(…, null, 2) writes.
  assert.equal(r.stdout, JSON.stringify(j, null, 2) + '\n');
  assert.equal(j.schema, 'remise.batch.report/1');
  assert.deepEqual(j.response, { file: 'response.csv', version: 'v19', remitterId: '023101122334455', date: '2021-12-16+0100', time: '14:26:45+0100', sequence: 1 });
  assert.deepEqual(j.totals, { records: 5, accepted: 3, rejected: 2, unknown: 0 });
  assert.deepEqual(j.methods, [
    { method: 'walletCredit', records: 3, accepted: 2, rejected: 1, amounts: [{ currency: 'EUR', records: 3, accepted: '0.73', rejected: '3.00', unknown: '0.00' }] },
    { method: 'cancel', records: 1, accepted: 0, rejected: 1, amounts: [{ currency: 'EUR', records: 1, accepted: '0.00', rejected: '5.00', unknown: '0.00' }] },
    { method: 'refund', records: 1, accepted: 1, rejected: 0, amounts: [{ currency: 'JPY', records: 1, accepted: '1250', rejected: '0', unknown: '0' }] },
  ]);
  assert.deepEqual(j.responseCodes.map((c) => [c.code, c.count, c.accepted, c.retryable, c.methods]), [
    ['00', 3, true, false, { walletCredit: 2, refund: 1 }],
    ['05', 1, false, false, { walletCredit: 1 }],
    ['24', 1, false, false, { cancel: 1 }],
  ]);
  assert.match(j.responseCodes[2].message, /^operation impossible/);
  assert.deepEqual(j.rejections.map((x) => [x.recordSequence, x.method, x.transactionReference, x.amount, x.currency, x.responseCode]), [
    [13, 'cancel', 'ORDER1', '5.00', 'EUR', '24'],
    [14, 'walletCredit', 'WCR2', '3.00', 'EUR', '05'],
  ]);
  for (const x of j.rejections) {
    assert.equal(typeof x.action, 'string');
    assert.equal(x.request, undefined);
  }
  assert.equal(j.join, undefined);

  // The same file from stdin, and zipped (a response may come back as an archive).
  const fromStdin = remise(['batch', 'report', '-', '--json'], { input: readFileSync(response) });
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  assert.deepEqual(JSON.parse(fromStdin.stdout), { ...j, response: { ...j.response, file: null } });
  // (`sogenactif.batch.archive` zips request files only: a stored entry written here.)
  writeFileSync(path('response.zip'), deflatedZip('OFBREP_response.csv', readFileSync(response), { stored: true }));
  const zipped = remise(['batch', 'report', path('response.zip'), '--json']);
  assert.equal(zipped.status, 0, zipped.stderr);
  assert.deepEqual(JSON.parse(zipped.stdout).totals, j.totals);
  const damaged = remise(['batch', 'report', write('damaged.zip', 'PK\x03\x04 not really')]);
  assert.equal(damaged.status, 2);
  assert.match(damaged.stderr, /RESPONSE .*damaged\.zip: not a ZIP archive/);
});

// The report reads currencies over the Sogenactif table, which takes HRK and BGN beside ISO's: a BGN
// refund read as "unknown currency" and its request as another file's (a review, seventeenth pass).
test('report: a BGN refund reads as BGN, and its request file matches', () => {
  const header = { remitterId: '023101122334455', sequence: 1, date: '2021-12-16+0100', time: '14:26:45+0100' };
  const bgn = [{ method: 'refund', recordSequence: 3, merchantId: M, transactionReference: 'ORDERB', operationAmount: 500, currencyCode: 'BGN' }];
  const request = sogenactif.batch.build({ header, records: structuredClone(bgn) });
  assert.match(request, /^REFUND;3;023101122334456;ORDERB;500;975;/m);
  write('bgn-resp.csv', toResponse(request, ['00']));
  write('bgn.ndjson', ndjson(bgn));
  const r = remise(['batch', 'report', path('bgn-resp.csv'), '--request', path('bgn.ndjson')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /5\.00 BGN/);
  assert.doesNotMatch(r.stdout, /unknown currency|WARNING/);
});

test('report --request joins response lines to request records by recordSequence', () => {
  const request = sogenactif.batch.build({ header, records: structuredClone(records) });
  // Drop the last response line (sequence 5): the join must notice it.
  const full = toResponse(request, CODES).split('\n');
  const cut = [...full.slice(0, 6), 'END;4', ''].join('\n');
  write('cut.csv', cut);
  // (in-noeol.csv: the CSV input without its last line break, which `build` refuses; read only for
  // the join, its last record still joins: a review of the sixteenth pass.)
  write('in-noeol.csv', toCsv(records).replace(/\r\n$/, ''));
  for (const [req, lines] of [['in.ndjson', { 13: 2, 14: 3 }], ['in.csv', { 13: 3, 14: 4 }], ['in-noeol.csv', { 13: 3, 14: 4 }], ['request.csv', { 13: 4, 14: 5 }]]) {
    if (req === 'request.csv') write(req, request);
    const r = remise(['batch', 'report', path('cut.csv'), '--request', path(req), '--json']);
    // A request record without its answer: not the whole answer to this request file, exit 1 (it was
    // 0, the line listed only: a helper's audit, eighteenth pass).
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.join, { request: req, records: 5, matched: 4, notInResponse: [5], notInRequest: [], mismatched: [], mismatchedCount: 0, unreadable: 0 }, req);
    assert.deepEqual(j.problems, ['no response line for recordSequence 5: the bank did not process them (or this is not its whole answer); check with your bank before sending them again'], req);
    assert.deepEqual(j.rejections.map((x) => [x.recordSequence, x.request.line]), [[13, lines[13]], [14, lines[14]]], req);
    if (req !== 'request.csv') assert.equal(j.rejections[0].request.record.original.status, 'TO_CAPTURE');
    assert.equal(r.stderr, '', req);
  }
  const text = remise(['batch', 'report', path('cut.csv'), '--request', path('in.ndjson')]);
  assert.match(text.stdout, /no response line for recordSequence 5: the bank did not process them/);
  assert.match(text.stdout, /#14 walletCredit WCR2 3\.00 EUR \(request line 3\): 05 authorisation refused/);
  // Lines that hold no record (not JSON, not UTF-8, no recordSequence) are counted and named on stderr.
  const broken = write('broken-request.ndjson', [JSON.stringify(records[0]), 'not json', '{"method":"cancel","recordSequence":"x"}', '\xff'].join('\n') + '\n');
  const b = remise(['batch', 'report', path('cut.csv'), '--request', broken, '--json']);
  assert.equal(b.status, 1, b.stderr);
  assert.equal(JSON.parse(b.stdout).join.unreadable, 3);
  assert.match(b.stderr, /3 lines of --request .*broken-request\.ndjson hold no record with a recordSequence \(line 2, 3, 4\): left out of the join/);
  const junk = remise(['batch', 'report', path('cut.csv'), '--request', write('junk.bin', Buffer.concat([Buffer.from('{ not json\n'), Buffer.from([0xff, 0xfe, 0x0a])]))]);
  assert.equal(junk.status, 1, junk.stderr);
  assert.match(junk.stderr, /2 lines of --request .*junk\.bin hold no record/);
});

test('report --request: unrequested lines, another method, another s10 id or a blanked field are not the answer; amounts that may have been done are apart', () => {
  // A helper's audit (eighteenth pass): each passed with exit 0, and "amounts rejected" summed the
  // refused with the pending.
  const request = sogenactif.batch.build({ header, records: structuredClone(records) });
  const lines = toResponse(request, CODES).split('\n');
  // An extra accepted refund the request never asked for (recordSequence 9), the END count raised.
  const extra = lines.map((l) => (l.startsWith('END;') ? 'END;6' : l));
  extra.splice(extra.findIndex((l) => l.startsWith('END;')), 0, `REFUND;9;${M};ORDER9;99999;978;;;;00;00;A9`);
  write('req.ndjson', ndjson(structuredClone(records)));
  const x = remise(['batch', 'report', write('extra.csv', extra.join('\n')), '--request', path('req.ndjson'), '--json']);
  assert.equal(x.status, 1, x.stdout + x.stderr);
  const xj = JSON.parse(x.stdout);
  assert.deepEqual(xj.join.notInRequest, [9]);
  assert.match(xj.problems.join('\n'), /response lines for recordSequence 9 answer no record of the request/);
  // Another method, another s10 id, a blanked reference and amount on the same recordSequence.
  const s10 = { method: 'cancel', recordSequence: 21, merchantId: M, s10TransactionReference: { s10TransactionId: '000101', s10TransactionIdDate: '20261201' }, amount: 700, currencyCode: 'EUR' };
  const ref = { method: 'cancel', recordSequence: 22, merchantId: M, transactionReference: 'ORDER3', amount: 700, currencyCode: 'EUR' };
  // s10 ids are numbered per day: another date is another transaction; a reference the record never
  // named is another order (both passed with NDJSON records: a helper's audit, twenty-second pass).
  const s10Date = { ...s10, recordSequence: 23, s10TransactionReference: { s10TransactionId: '000102', s10TransactionIdDate: '20261201' } };
  const s10Ref = { ...s10, recordSequence: 24, s10TransactionReference: { s10TransactionId: '000103', s10TransactionIdDate: '20261201' } };
  const req2 = sogenactif.batch.build({ header, records: [s10, ref, s10Date, s10Ref] });
  const answered = toResponse(req2, ['00', '00', '00', '00']).split('\n').map((l) => {
    const c = l.split(';');
    if (c[1] === '21') return l.replace(';000101;', ';999999;');
    if (c[1] === '22') return l.replace('CANCEL;', 'REFUND;').replace(';ORDER3;700;', ';;;');
    if (c[1] === '23') return l.replace(';000102;20261201;', ';000102;20261130;');
    if (c[1] === '24') return l.replace(`;${M};;700;`, `;${M};OTHERORDER;700;`);
    return l;
  });
  assert.equal(answered.filter((l) => /;(000102;20261130|OTHERORDER);/.test(l)).length, 2, answered.join('\n'));
  write('req2.ndjson', ndjson([s10, ref, s10Date, s10Ref]));
  const m = remise(['batch', 'report', write('answered.csv', answered.join('\n')), '--request', path('req2.ndjson'), '--json']);
  assert.equal(m.status, 1, m.stdout + m.stderr);
  const fields = JSON.parse(m.stdout).join.mismatched.map((y) => [y.recordSequence, y.field, y.response, y.request]);
  // Counted by response line (22 differs in three fields: one line), each field listed.
  assert.equal(JSON.parse(m.stdout).join.mismatchedCount, 4);
  assert.deepEqual(fields, [
    [21, 's10TransactionReference.s10TransactionId', '999999', '000101'],
    [22, 'method', 'refund', 'cancel'],
    [22, 'transactionReference', '(none)', 'ORDER3'],
    [22, 'amount', '(none)', '700'],
    [23, 's10TransactionReference.s10TransactionIdDate', '20261130', '20261201'],
    [24, 'transactionReference', 'OTHERORDER', '(none)'],
  ], JSON.stringify(fields));
  // 60 (pending) and 99 may have been done: apart in the amounts, in JSON and in the text.
  const pending = toResponse(request, ['00', '60', '05', '00', '99']);
  const u = remise(['batch', 'report', write('pending.csv', pending), '--json']);
  const eur = JSON.parse(u.stdout).methods.flatMap((y) => y.amounts.map((a) => [y.method, a.currency, a.rejected, a.unknown]));
  assert.deepEqual(eur.filter(([, c]) => c === 'EUR'), [['walletCredit', 'EUR', '3.07', '0.07'], ['cancel', 'EUR', '5.00', '5.00']], JSON.stringify(eur));
  assert.match(remise(['batch', 'report', path('pending.csv')]).stdout, /5\.00 EUR \(5\.00 may have been done\)/);
});

test('report: repeated lines, a request for other records or another file, and hostile text: WARNING, exit 1, terminal-safe output', () => {
  const request = sogenactif.batch.build({ header, records: structuredClone(records) });
  const lines = toResponse(request, CODES).split('\n');
  // The line of recordSequence 12 (accepted) given twice in place of 13's refusal: 5 lines, all read.
  const twelve = lines.find((l) => l.split(';')[1] === '12');
  const replayed = lines.map((l) => (l.split(';')[1] === '13' ? twelve : l)).join('\n');
  const r = remise(['batch', 'report', write('replayed.csv', replayed), '--json']);
  assert.equal(r.status, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.repeated, [{ recordSequence: 12, count: 2 }]);
  assert.match(j.problems[0], /repeats recordSequence 12 \(2 times\)/);
  const text = remise(['batch', 'report', path('replayed.csv')]);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /\nWARNING: the response repeats recordSequence 12 \(2 times\): the bank answers each request line once/);
  assert.match(remise(['batch', 'report', path('replayed.csv'), '--html', path('replayed.html')]).stdout, /WARNING/);
  assert.match(readFileSync(path('replayed.html'), 'utf8'), /<p class="warn problem">Warning: the response repeats recordSequence 12/);

  // Records of another file joined by recordSequence: the references differ.
  const others = structuredClone(records).map((x) => (x.transactionReference ? { ...x, transactionReference: `X${x.transactionReference}` } : x));
  write('others.ndjson', ndjson(others));
  const o = remise(['batch', 'report', write('ok.csv', lines.join('\n')), '--request', path('others.ndjson'), '--json']);
  assert.equal(o.status, 1, o.stderr);
  const oj = JSON.parse(o.stdout).join;
  assert.ok(oj.mismatchedCount >= 1);
  assert.deepEqual(oj.mismatched.find((m) => m.recordSequence === 13), { recordSequence: 13, field: 'transactionReference', response: 'ORDER1', request: 'XORDER1' });
  // The same record with another amount or currency is not this record's answer either, from
  // the records (named fields) and from the CSV request file (column by column).
  const shifted = lines.map((l) => (l.split(';')[1] === '13' ? l.replace(';500;978;', ';50000;840;') : l)).join('\n');
  assert.notEqual(shifted, lines.join('\n'));
  write('shifted.csv', shifted);
  write('request-file.csv', request);
  const fromRecords = remise(['batch', 'report', path('shifted.csv'), '--request', write('records.ndjson', ndjson(structuredClone(records))), '--json']);
  assert.equal(fromRecords.status, 1, fromRecords.stderr);
  assert.deepEqual(JSON.parse(fromRecords.stdout).join.mismatched, [
    { recordSequence: 13, field: 'amount', response: '50000', request: '500' },
    { recordSequence: 13, field: 'currencyCode', response: '840', request: 'EUR' },
  ]);
  const fromFile = remise(['batch', 'report', path('shifted.csv'), '--request', path('request-file.csv'), '--json']);
  assert.equal(fromFile.status, 1, fromFile.stderr);
  const column = request.split('\n').find((l) => l.split(';')[1] === '13').split(';').indexOf('500') + 1;
  assert.deepEqual(JSON.parse(fromFile.stdout).join.mismatched, [{ recordSequence: 13, field: `column ${column}`, response: '50000', request: '500' }]);
  // The same request file through a pipe (`<(cat …)`, `/dev/stdin` in a shell pipeline), which can
  // be read once: it was read twice, and the join came out empty.
  const piped = spawnSync('sh', ['-c', `cat request-file.csv | "${BIN}" batch report shifted.csv --request /dev/stdin --json`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(piped.status, 1, piped.stderr);
  assert.equal(JSON.parse(piped.stdout).join.matched, 5);
  assert.deepEqual(JSON.parse(piped.stdout).join.mismatched, JSON.parse(fromFile.stdout).join.mismatched);
  assert.match(remise(['batch', 'report', path('shifted.csv'), '--request', path('request-file.csv')]).stdout, /WARNING: 1 response line answers another record than the request line of the same recordSequence: #13 column \d+ '50000' \(request '500'\)/);
  // Numbers the bank pads (a recordSequence 0013, an amount 000000000500) are the same numbers.
  const padded = lines.map((l) => {
    const c = l.split(';');
    if (c[1] !== '13') return l;
    c[1] = '0013';
    c[column - 1] = '000000000500';
    return c.join(';');
  }).join('\n');
  const p = remise(['batch', 'report', write('padded.csv', padded), '--request', path('request-file.csv'), '--json']);
  assert.equal(p.status, 0, p.stdout);
  assert.deepEqual(JSON.parse(p.stdout).join.mismatched, []);
  // The same records: no warning, exit 0.
  write('same.ndjson', ndjson(structuredClone(records)));
  assert.equal(remise(['batch', 'report', path('ok.csv'), '--request', path('same.ndjson')]).status, 0);

  // A request file of another remitter or file sequence.
  const otherHeader = request.replace(/^HEADER;023101122334455;(.*);1$/m, 'HEADER;999999999999999;$1;77');
  assert.notEqual(otherHeader, request);
  const h = remise(['batch', 'report', path('ok.csv'), '--request', write('other-request.csv', otherHeader), '--json']);
  assert.equal(h.status, 1, h.stderr);
  assert.deepEqual(JSON.parse(h.stdout).join.header, { remitterId: '999999999999999', sequence: '77' });
  assert.equal(remise(['batch', 'report', path('ok.csv'), '--request', write('request.csv', request)]).status, 0);

  // A currency code the table does not know is not shown as if it were one ('EUR ' with a space).
  const odd = lines.map((l) => (l.split(';')[1] === '15' ? l : l.replace(';978;', ';978 ;'))).join('\n');
  const oddText = remise(['batch', 'report', write('odd.csv', odd)]);
  assert.match(oddText.stdout, /unknown currency "978 " \(minor units\)/);

  // Escape sequences in a file name reach stderr as '?', C1 controls in --json as \u escapes.
  const evil = write('r\x1b]0;OWNED\x07\x1b[2J\rX.csv', 'FILE;response;office;v19\nHEADER;x\n');
  const e = remise(['batch', 'report', evil, path('ok.csv')]);
  assert.equal(e.status, 2);
  assert.doesNotMatch(e.stderr, /[\x1b\x07\r]/);
  const c1 = lines.map((l) => l.replace('ORDER1', 'ORD\u009b2J\u202eER1')).join('\n');
  const cj = remise(['batch', 'report', write('c1.csv', c1), '--json']);
  assert.doesNotMatch(cj.stdout, /[\u0080-\u009f\u202e]/);
  assert.equal(JSON.parse(cj.stdout).rejections[0].transactionReference, 'ORD\u009b2J\u202eER1');
});

test('report reads a response in slices: same counts and the same errors, with the file\'s line numbers, as parseResponse on the whole file', () => {
  const sampleLine = SAMPLE_CSV.split('\n')[2]; // WALLETCREDIT;12;…
  const body = Array.from({ length: 2500 }, (_, i) => sampleLine.replace(/^WALLETCREDIT;12;/, `WALLETCREDIT;${i + 1};`) + (i % 5 === 4 ? ';05;;' : ';00;00;A'));
  const file = (lines, end = `END;${lines.length}`) => ['FILE;response;office;v19', SAMPLE_CSV.split('\n')[1], ...lines, end, ''].join('\n');
  const slices = { env: { REMISE_CLI_SLICE: '1000' } }; // three slices
  const r = remise(['batch', 'report', write('large.csv', file(body)), '--json'], slices);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.totals, { records: 2500, accepted: 2000, rejected: 500, unknown: 0 });
  assert.deepEqual(j.methods[0].amounts, [{ currency: 'EUR', records: 2500, accepted: '1320.00', rejected: '330.00', unknown: '0.00' }]);
  assert.equal(j.rejections.length, 500);
  assert.equal(j.rejections[499].recordSequence, 2500);
  // Broken files: the command's message is the one parseResponse gives for the whole file.
  const broken = [
    ['method', file(body.map((l, i) => (i === 2002 ? l.replace('WALLETCREDIT', 'WALLETCRDIT') : l)))],
    ['end count', file(body, 'END;2501')],
    ['no end', file(body, '')],
    ['after end', file(body) + 'x\n'],
    ['empty line', file(body.map((l, i) => (i === 1500 ? '' : l)))],
    ['header', file(body).replace('HEADER;', 'HEAD;')],
  ];
  for (const [what, text] of broken) {
    let expected;
    try {
      sogenactif.batch.parseResponse(text);
    } catch (e) {
      expected = e;
    }
    assert.ok(expected, `${what}: parseResponse refuses it`);
    assert.equal(expected.code, 'MALFORMED_RESPONSE', what);
    const b = remise(['batch', 'report', write('broken.csv', text)], slices);
    assert.equal(b.status, 1, what);
    // (The advice on a line of unknown type names what the command user can do: the CLI's words for it,
    // twenty-ninth pass.)
    const said = expected.message.replace("(parse with unknownLines: 'report' to list such lines and keep going)", "(give --unknown-lines report to list such lines and read the others; ask your bank what they are)");
    assert.equal(b.stderr, `remise batch report: MALFORMED_RESPONSE: ${said}\n`, what);
  }
});

test('report: wide lines are read in slices under the parser\'s bound of 4 million values', () => {
  // The review of the twentieth pass: 10 000 lines per slice of 400 extra columns each went over
  // parseResponse's bound, and the report stopped. Slices are now cut at a million columns too.
  const many = Array.from({ length: 10_000 }, (_, i) => ({ method: 'walletCredit', merchantId: M, transactionReference: `W${i}`, amount: 1, merchantWalletId: 'W', paymentMeanId: '1', currencyCode: 'EUR' }));
  const wide = toResponse(sogenactif.batch.build({ header, records: many }), many.map(() => '00'))
    .split('\n')
    .map((line) => (/^WALLETCREDIT;/.test(line) ? line + ';'.repeat(400) : line))
    .join('\n');
  // One call cannot read it whole…
  assert.throws(() => sogenactif.batch.parseResponse(wide), { code: 'MALFORMED_RESPONSE', message: /over 4000000 values/ });
  // …the command reads it all.
  const r = remise(['batch', 'report', write('wide.csv', wide), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.totals.records, 10_000);
  assert.equal(j.totals.accepted, 10_000);
});

test('report: long lines are read in slices under the parser\'s 64 MiB, and a directory is named', () => {
  // The CLI attack of the twentieth pass: 10 000 lines of up to 1 MiB made a slice over the parser's
  // 64 MiB cap (refused, the slice's size given as the file's) or over V8's longest string (a stack
  // printed, exit 70). Slices are cut at 16 Mi UTF-16 units too. 72 lines of 1 MB: a 72 MB file.
  const many = Array.from({ length: 72 }, (_, i) => ({ method: 'walletCredit', merchantId: M, transactionReference: `L${i}`, amount: 1, merchantWalletId: 'W', paymentMeanId: '1', currencyCode: 'EUR' }));
  const tail = ';' + 'x'.repeat(1_000_000);
  const long = toResponse(sogenactif.batch.build({ header, records: many }), many.map(() => '00'))
    .split('\n')
    .map((line) => (/^WALLETCREDIT;/.test(line) ? line + tail : line))
    .join('\n');
  assert.ok(Buffer.byteLength(long) > 64 * 1024 * 1024);
  const r = remise(['batch', 'report', write('long.csv', long), '--json']);
  assert.equal(r.status, 0, r.stderr.slice(0, 400));
  assert.equal(JSON.parse(r.stdout).totals.records, 72);
  rmSync(path('long.csv'));
  // A directory as INPUT: named, with what to give (it said "EISDIR: illegal operation on a
  // directory, read", no file).
  mkdirSync(path('a-dir'), { recursive: true });
  for (const command of ['report', 'check']) {
    const d = remise(['batch', command, path('a-dir')]);
    assert.equal(d.status, 2, d.stderr);
    assert.match(d.stderr, /a-dir: EISDIR: it is a directory: give a file/, command);
  }
});

test('report: every code of the core table has an action, and only those', async () => {
  // One walletCredit per code 00..99: the core names the codes it knows (parseResponse gives
  // "unknown response code" otherwise); the command's action table must know the same ones.
  const codes = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
  const many = codes.map((c, i) => ({ method: 'walletCredit', merchantId: M, transactionReference: `R${i}`, amount: 1, merchantWalletId: 'W', paymentMeanId: '1', currencyCode: 'EUR' }));
  write('codes.csv', toResponse(sogenactif.batch.build({ header, records: many }), codes));
  const j = JSON.parse(remise(['batch', 'report', path('codes.csv'), '--json']).stdout);
  assert.equal(j.responseCodes.length, 100);
  let known = 0;
  for (const c of j.responseCodes) {
    const coreKnows = !c.message.startsWith('unknown response code');
    assert.equal(!c.action.startsWith('unknown response code'), coreKnows, `code ${c.code}: ${c.message} / ${c.action}`);
    known += coreKnows ? 1 : 0;
  }
  const outsideTable = j.responseCodes.filter((c) => c.message.startsWith('unknown response code')).map((c) => c.code);
  assert.ok(known >= 20, `the core knows ${known} codes`);
  // 99 may come after the operation was done: not to be sent again blindly (nor 60, pending).
  assert.deepEqual(j.responseCodes.filter((c) => c.retryable).map((c) => c.code), ['90']);
  assert.match(j.responseCodes.find((c) => c.code === '99').action, /may have been done; check the transaction/);
  // 60 (pending), 62 (waiting for confirmation), 94 (the reference used already: maybe by an earlier
  // attempt that went through, twentieth pass), 99 (server problem), 01 (a partial success, documented
  // for panToToken only: something was done, twenty-third pass) and every code outside the table (it
  // may mean anything) are counted apart: the operation may have been done.
  const mayBeDone = [...outsideTable, '01', '60', '62', '94', '99'].sort();
  assert.equal(j.totals.unknown, mayBeDone.length);
  assert.ok(outsideTable.includes('07') && outsideTable.includes('88') && !outsideTable.includes('05'));
  assert.deepEqual(j.rejections.filter((x) => x.outcome === 'unknown').map((x) => x.responseCode).sort(), mayBeDone);
  // The same codes as the clients read as "may have been done" (transport::MAY_HAVE_HAD_EFFECTS):
  // an OfficeClient cancel answered each code, outcome unknown exactly for those.
  let answered = '00';
  const client = new sogenactif.OfficeClient({
    merchantId: '002001000000001', secretKey: 'k', keyVersion: 1,
    fetch: async () => new Response(JSON.stringify({ responseCode: answered }), { status: 200, headers: { 'content-type': 'application/json' } }),
  });
  const unknownByClient = [];
  for (const c of codes) {
    answered = c;
    try {
      await client.cancel({ transactionReference: 'R1', operationAmount: 1, currencyCode: 'EUR' });
    } catch (e) {
      if (e.outcome === 'unknown') unknownByClient.push(c);
    }
  }
  assert.deepEqual(j.rejections.filter((x) => x.outcome === 'unknown').map((x) => x.responseCode).sort(), unknownByClient);
  const text = remise(['batch', 'report', path('codes.csv')]).stdout;
  assert.match(text, new RegExp(`\\(${mayBeDone.length} of them may have been done: pending, a partial success, a reference used already, a server problem or a code remise does not know; check each transaction before sending it again\\)`));
});

test('report: a malformed response file is exit 1 with the MALFORMED_RESPONSE reason; --html writes one page', () => {
  const bad = remise(['batch', 'report', write('broken.csv', 'FILE;response;office;v19\nHEADER;x\n')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /MALFORMED_RESPONSE/);
  noStack(bad.stderr);
  const r = remise(['batch', 'report', path('response.csv'), '--html', path('report.html')]);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(path('report.html'), 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<svg [^>]*id="codes-chart"/);
  assert.equal((html.match(/<rect [^>]*data-code=/g) ?? []).length, 4, 'one bar segment per method and code: wc 00, wc 05, cancel 24, refund 00');
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'no script, no network');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  // A direction control in a reference (drawn reversed: "INV-\u202e8102-REDRO" shows as "INV-ORDER-2018")
  // is '?' in the page, as in the terminal.
  const text = readFileSync(path('response.csv'), 'utf8');
  assert.match(text, /;WCR2;/);
  write('bidi.csv', text.replace(';WCR2;', ';WCR\u202e2\u202c;'));
  const bidi = remise(['batch', 'report', path('bidi.csv'), '--html', path('bidi.html')]);
  assert.equal(bidi.status, 0, bidi.stderr);
  const page = readFileSync(path('bidi.html'), 'utf8');
  assert.match(page, /WCR\?2\?/);
  assert.doesNotMatch(page, /[\u202a-\u202e\u2066-\u2069]/);
});

test('report --html: the rejected rows are written in pieces (a page of millions passed V8\'s longest string), every row once', async () => {
  const n = 2500; // two and a half pieces of a thousand rows
  const many = Array.from({ length: n }, (_, i) => ({ ...sample, recordSequence: i + 1, transactionReference: `REJ${i + 1}`, s10TransactionReference: undefined }));
  const response = write('many-rejected.csv', toResponse(sogenactif.batch.build({ header, records: many }), Array(n).fill('05')));
  // To a file, and to a pipe (a device: written as it is, piece after piece).
  for (const target of [path('many.html'), '/dev/stdout']) {
    const r = target === '/dev/stdout'
      ? spawnSync('sh', ['-c', `"${BIN}" batch report many-rejected.csv --html /dev/stdout | cat`], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 })
      : remise(['batch', 'report', response, '--html', target]);
    assert.equal(r.status, 0, r.stderr);
    // (On a pipe the page comes first, then the text summary.)
    const page = target === '/dev/stdout' ? r.stdout.slice(0, r.stdout.indexOf('</html>\n') + 8) : readFileSync(target, 'utf8');
    const table = page.slice(page.indexOf('<table id="rejections">'));
    const body = table.slice(table.indexOf('<tbody>\n') + 8, table.indexOf('</tbody>'));
    const rows = body.split('\n').filter((l) => l !== '');
    assert.equal(rows.length, n);
    rows.forEach((row, i) => assert.match(row, new RegExp(`^<tr><td>${i + 1}</td><td>walletCredit</td><td>REJ${i + 1}</td><td>0\\.66 EUR</td><td><code>05</code> `)));
    assert.match(page, /<h2>Rejected records \(2500\)<\/h2>/);
    // In pieces: the page is never one string (the rows a thousand at a time), read from the module the
    // command renders with, on the report `--json` prints (the same object).
    if (target !== '/dev/stdout') {
      const { htmlPieces } = await import(pathToFileURL(join(process.cwd(), 'node_modules', 'remise', 'cli', 'report.mjs')).href);
      const report = JSON.parse(remise(['batch', 'report', response, '--json']).stdout);
      const pieces = [...htmlPieces(report)];
      assert.equal(pieces.join(''), page);
      const rowsPer = pieces.map((p) => (p.match(/<tr><td>\d+<\/td><td>walletCredit/g) ?? []).length);
      assert.deepEqual(rowsPer.filter((n) => n > 0), [1000, 1000, 500]);
    }
    assert.match(page, /<\/tbody><\/table>\n<p class="meta">Written by remise batch report \(schema [^)]+\)\.<\/p>\n<\/body>\n<\/html>\n$/);
  }
});

test('report on a response file the simulator produced from a built request: counts match', async () => {
  const { createSimulator } = await import('remise/simulator');
  const sim = createSimulator();
  const M = sim.sogenactif.credentials.merchantId;
  sim.sogenactif.createTransaction({ transactionReference: 'ORDER1', amount: 1000, currency: 'EUR' });
  const records = [
    { method: 'cancel', merchantId: M, transactionReference: 'ORDER1', amount: 500, currencyCode: 'EUR' },
    { method: 'cancel', merchantId: M, transactionReference: 'ORDER1', amount: 5000, currencyCode: 'EUR' },
    { method: 'cancel', merchantId: M, transactionReference: 'NOPE', amount: 100, currencyCode: 'EUR' },
    { method: 'walletCredit', merchantId: M, transactionReference: 'WCR9', amount: 300, merchantWalletId: 'W42', paymentMeanId: '1', currencyCode: 'EUR' },
  ];
  const input = write('sim.ndjson', records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const built = remise(['batch', 'build', input, '-o', path('sim-req.csv'), ...HEADER_ARGS, '--no-progress']);
  assert.equal(built.status, 0, built.stderr);
  const response = sim.sogenactif.processBatch(readFileSync(path('sim-req.csv'), 'utf8'));
  write('sim-resp.csv', response);
  const r = remise(['batch', 'report', path('sim-resp.csv'), '--request', path('sim-req.csv'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  // Independent expectation: the parsed response file, counted here.
  const parsed = sogenactif.batch.parseResponse(response);
  const accepted = parsed.records.filter((x) => x.accepted).length;
  assert.equal(parsed.records.length, 4);
  assert.equal(accepted, 2, 'the first cancel and the walletCredit are accepted');
  assert.equal(JSON.stringify(report).includes('"rejected":2'), true, r.stdout.slice(0, 400));
  assert.equal(JSON.stringify(report).includes('"accepted":2'), true);
});

test('files the command writes: a link is written through, a device or directory refused, INPUT and OUTPUT never used for --errors or --html', () => {
  const expected = sogenactif.batch.build({ header, records: structuredClone(records) });
  // OUTPUT a symbolic link: the file it points to gets the request file, the link stays a link.
  mkdirSync(path('real'), { recursive: true });
  write('real/target.csv', 'old');
  rmSync(path('link.csv'), { force: true });
  symlinkSync(join('real', 'target.csv'), path('link.csv'));
  const linked = remise(['batch', 'build', path('in.ndjson'), '-o', path('link.csv'), ...HEADER_ARGS]);
  assert.equal(linked.status, 0, linked.stderr);
  assert.ok(lstatSync(path('link.csv')).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(path('link.csv')), join('real', 'target.csv'));
  assert.equal(readFileSync(path('real/target.csv'), 'utf8'), expected);
  // A FIFO (as /dev/null is a device) and a directory are refused, never replaced by a file.
  const fifo = spawnSync('mkfifo', [path('pipe')]);
  const refused = [[path('real'), /is a directory/], ['', /give the name of the file to write/], ['-', /give the name of the file to write/], [path('missing/out.csv'), /the directory .*missing does not exist/]];
  if (fifo.status === 0) refused.push([path('pipe'), /is not a regular file/]);
  for (const [output, reason] of refused) {
    const r = remise(['batch', 'build', path('in.ndjson'), '-o', output, ...HEADER_ARGS]);
    assert.equal(r.status, 2, `${output}: ${r.stderr}`);
    assert.match(r.stderr, reason);
    noStack(r.stderr);
  }
  if (fifo.status === 0) assert.ok(!statSync(path('pipe')).isFile(), 'the FIFO is still a FIFO');
  // --errors naming INPUT (it was emptied before being read) or an existing OUTPUT (a failed run
  // overwrote it), and --html naming the response: refused, every file as it was.
  const input = write('victim.ndjson', ndjson(records));
  const before = readFileSync(input, 'utf8');
  write('prev.csv', expected);
  const bad = write('bad.ndjson', '{"method":"walletCredit"}\n');
  for (const [args, flag] of [
    [['batch', 'build', input, '-o', path('out-x.csv'), ...HEADER_ARGS, '--errors', input], '--errors'],
    [['batch', 'build', bad, '-o', path('prev.csv'), ...HEADER_ARGS, '--errors', path('prev.csv')], '--errors'],
    [['batch', 'check', input, '--errors', join(dir, '.', 'victim.ndjson')], '--errors'],
    [['batch', 'report', path('response.csv'), '--html', path('response.csv')], '--html'],
  ]) {
    const r = remise(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`${flag} .* is the same file as`));
  }
  assert.equal(readFileSync(input, 'utf8'), before);
  assert.equal(readFileSync(path('prev.csv'), 'utf8'), expected);
  // An option given twice is refused (parseArgs kept the last: `-o a -o b` wrote b).
  const twice = remise(['batch', 'build', path('in.ndjson'), '-o', path('twice-a.csv'), '-o', path('twice-b.csv'), ...HEADER_ARGS]);
  assert.equal(twice.status, 2, twice.stderr);
  assert.match(twice.stderr, /--output is given twice: give it once/);
  assert.ok(!existsSync(path('twice-a.csv')) && !existsSync(path('twice-b.csv')));
  // An OUTPUT that exists keeps its permissions (request files hold card numbers).
  write('private.csv', 'x');
  chmodSync(path('private.csv'), 0o600);
  const kept = remise(['batch', 'build', path('in.ndjson'), '-o', path('private.csv'), ...HEADER_ARGS]);
  assert.equal(kept.status, 0, kept.stderr);
  assert.equal(statSync(path('private.csv')).mode & 0o777, 0o600);
  assert.equal(readFileSync(path('private.csv'), 'utf8'), expected);
});

/** A one-entry ZIP of `data` deflated (or stored), with the CRC and size its directory announces (the true ones unless given). */
function deflatedZip(name, data, { size = data.length, crc, stored = false } = {}) {
  const packed = stored ? data : deflateRawSync(data);
  const sum = crc ?? crc32(data);
  const n = Buffer.from(name);
  const fields = (b, at) => {
    b.writeUInt16LE(20, at); b.writeUInt16LE(0, at + 2); b.writeUInt16LE(stored ? 0 : 8, at + 4); b.writeUInt32LE(0, at + 6);
    b.writeUInt32LE(sum, at + 10); b.writeUInt32LE(packed.length, at + 14); b.writeUInt32LE(size, at + 18);
    b.writeUInt16LE(n.length, at + 22); b.writeUInt16LE(0, at + 24);
  };
  const local = Buffer.alloc(30); local.writeUInt32LE(0x04034b50, 0); fields(local, 4);
  const central = Buffer.alloc(46); central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); fields(central, 6); central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22); end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12); end.writeUInt32LE(30 + n.length + packed.length, 16);
  return Buffer.concat([local, n, packed, central, n, end]);
}

function crc32(data) {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

test('report: a deflated response is read as it inflates, and only as announced; long lines, deep request records and control characters are handled', () => {
  const response = readFileSync(path('response.csv'));
  const want = JSON.parse(remise(['batch', 'report', path('response.csv'), '--json']).stdout).totals;
  const ok = remise(['batch', 'report', write('deflated.zip', deflatedZip('OFBREP.csv', response)), '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout).totals, want);
  // Inflating to more than the directory announces (a ZIP bomb announces little), or to bytes with
  // another CRC: refused as a damaged archive, exit 2.
  for (const [name, zip] of [
    ['bomb.zip', deflatedZip('OFBREP.csv', Buffer.concat([response, Buffer.alloc(4 << 20, 0x41)]), { size: response.length })],
    ['crc.zip', deflatedZip('OFBREP.csv', response, { crc: 1234 })],
  ]) {
    const r = remise(['batch', 'report', write(name, zip)]);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, /is damaged: it does not hold the \d+ bytes with the CRC-32 its directory announces/);
    noStack(r.stderr);
  }
  // One line of 3 MiB without a line break: refused at the 1 MiB line cap, not gathered.
  const long = remise(['batch', 'report', write('long.csv', Buffer.alloc(3 << 20, 0x41))]);
  assert.equal(long.status, 1, long.stderr);
  assert.match(long.stderr, /MALFORMED_RESPONSE: line 1 of the Office Batch response: the line is longer than 1048576 bytes/);
  // A request record nested 5 000 deep (JSON.parse reads it): shown cut, no stack overflow.
  const deep = write('deep.ndjson', `{"method":"walletCredit","recordSequence":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}\n`);
  const joined = remise(['batch', 'report', path('response.csv'), '--request', deep]);
  // (Exit 1: that one record is not the request this response answers, its lines unrequested.)
  assert.equal(joined.status, 1, joined.stderr);
  assert.match(joined.stdout, /WARNING: response lines for recordSequence 12, 13, 14, 15, 5 answer no record of the request/);
  noStack(joined.stderr);
  // Control characters of the response (an escape sequence that clears the terminal) are shown as '?'.
  const text = readFileSync(path('response.csv'), 'utf8').replace('ORDER1', 'ORD\x1b[2J\x07\rER1');
  const shown = remise(['batch', 'report', write('ansi.csv', text)]);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /#13 cancel ORD\?\[2J\?\?ER1 /);
  assert.doesNotMatch(shown.stdout, /[\x00-\x09\x0b-\x1f\x7f]/);
});

test('every command exits on its own: no handle left open, also after an error (10 runs each, without the bin\'s forced exit)', () => {
  // The bin leaves 2 s after a one-shot command resolved, which would hide a handle kept open
  // (a report on a broken file once did not exit). Here the command module runs alone: the
  // process must end by itself, promptly, every time.
  const mod = join(process.cwd(), 'node_modules', 'remise', 'cli', 'batch.mjs');
  const broken = write('broken-end.csv', 'FILE;response;office;v19\nHEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\nWALLETCREDIT;1;x\n');
  const cases = [
    ['report', broken],
    ['report', write('broken-head.csv', 'FILE;response;office;v19\nHEADER;x\n')],
    ['build', path('in.ndjson'), '-o', path('alone.csv'), ...HEADER_ARGS],
    ['check', write('alone-bad.ndjson', '{"method":"walletCredit"}\nnot json\n')],
  ];
  for (const args of cases) {
    for (let i = 0; i < 10; i++) {
      const script = `import(${JSON.stringify(pathToFileURL(mod).href)}).then(async (m) => { process.exitCode = await m.run(${JSON.stringify(args)}); })`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: dir, timeout: 20_000 });
      assert.equal(r.signal, null, `${args.slice(0, 1)} run ${i + 1} did not exit by itself: ${r.stderr}`);
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
    }
  }
});

// Twelfth pass: a helper's attack on the command's files and streams.
test('report never shows a card number or a CVV of a CSV request file, even when the bank masks its echo', async () => {
  const { createSimulator } = await import('remise/simulator');
  const sim = createSimulator();
  const M = sim.sogenactif.credentials.merchantId;
  const PAN = '4970100000000055';
  const order = { method: 'cardOrder', merchantId: M, transactionReference: 'CO1', amount: 100, currencyCode: 'EUR', cardNumber: PAN, cardExpiryDate: '203012', cardCSCValue: '987' };
  const built = remise(['batch', 'build', write('card.ndjson', ndjson([order])), '-o', path('card-req.csv'), ...HEADER_ARGS, '--no-progress']);
  assert.equal(built.status, 0, built.stderr);
  const response = sim.sogenactif.processBatch(readFileSync(path('card-req.csv'), 'utf8'));
  assert.ok(response.includes(`;${PAN};`), 'the simulator echoes the request line');
  // The bank's echo with the card number masked, then with the CVV blanked.
  for (const [name, text, hidden] of [
    ['masked', response.replace(`;${PAN};`, ';497010XXXXXX0055;'), PAN],
    ['blanked', response.replace(';987;', ';;'), '987'],
    // A CVV the bank changed rather than blanked is still a CVV: known by its column's field.
    ['changed', response.replace(';987;', ';000;'), '987'],
  ]) {
    const json = remise(['batch', 'report', write(`card-${name}.csv`, text), '--request', path('card-req.csv'), '--json', '--html', path(`card-${name}.html`)]);
    const textRun = remise(['batch', 'report', path(`card-${name}.csv`), '--request', path('card-req.csv')]);
    const shown = [json.stdout, json.stderr, textRun.stdout, textRun.stderr, readFileSync(path(`card-${name}.html`), 'utf8')].join('\n');
    assert.ok(!shown.includes(PAN), `${name}: the card number is not shown`);
    assert.doesNotMatch(shown, /'987'|"987"|>987</, `${name}: the CVV is not shown`);
    assert.ok(hidden === PAN || hidden === '987');
    const [m] = JSON.parse(json.stdout).join.mismatched;
    assert.match(m.field, /^column \d+$/, `${name}: the column is still named`);
  }
  // Other columns are shown whole: a merchant id differing in its first digit is readable.
  const other = response.replace(`;${M};`, `;9${M.slice(1)};`);
  const shown = JSON.parse(remise(['batch', 'report', write('card-other.csv', other), '--request', path('card-req.csv'), '--json']).stdout).join.mismatched;
  assert.deepEqual(shown.map((x) => [x.response, x.request]), [[`9${M.slice(1)}`, M]]);
});

test('report: a card number in the currency or reference column of a response line is masked in text, JSON and HTML', async () => {
  // The attack on the CLI, twenty-third pass: the currency label, the rejected line's transactionReference
  // and the join's mismatch quoted it whole, where the same value in the request record was masked.
  const PAN = '4970101122334406';
  const order = { method: 'cardOrder', merchantId: M, transactionReference: PAN, amount: 100, currencyCode: 'EUR', cardNumber: PAN, cardExpiryDate: '203012', cardCSCValue: '987' };
  const built = remise(['batch', 'build', write('swap.ndjson', ndjson([order])), '-o', path('swap-req.csv'), ...HEADER_ARGS, '--no-progress']);
  assert.equal(built.status, 0, built.stderr);
  const request = readFileSync(path('swap-req.csv'), 'utf8');
  const response = request.replace(/^FILE;request;/m, 'FILE;response;').replace(/^(CARDORDER;.*);978;(.*)$/m, `$1;${PAN};$2;05;;`);
  assert.notEqual(response, request.replace(/^FILE;request;/m, 'FILE;response;'), 'the currency column replaced');
  const json = remise(['batch', 'report', write('swap-resp.csv', response), '--request', path('swap.ndjson'), '--json', '--html', path('swap.html')]);
  const text = remise(['batch', 'report', path('swap-resp.csv'), '--request', path('swap.ndjson')]);
  const shown = [json.stdout, json.stderr, text.stdout, text.stderr, readFileSync(path('swap.html'), 'utf8')].join('\n');
  assert.ok(!shown.includes(PAN) && !shown.includes(PAN.slice(0, 12)), shown);
  const report = JSON.parse(json.stdout);
  assert.equal(report.rejections[0].transactionReference, '************4406');
  assert.match(report.rejections[0].currency, /^unknown currency "\*{12}4406"/);
  assert.equal(report.join.mismatched[0].response, '************4406');
  // A numeric reference and a merchant id that pass the Luhn check by chance, but start as no card
  // network's numbers do, stay readable: the caller checks those transactions (the review of the pass).
  const REF = '2026010112345678';
  const other = { ...order, merchantId: '023101122334450', transactionReference: REF };
  assert.ok(remise(['batch', 'build', write('ids.ndjson', ndjson([other])), '-o', path('ids-req.csv'), ...HEADER_ARGS, '--no-progress']).status === 0);
  const idsResponse = readFileSync(path('ids-req.csv'), 'utf8').replace(/^FILE;request;/m, 'FILE;response;').replace(/^(CARDORDER;.*)$/m, '$1;05;;');
  const ids = JSON.parse(remise(['batch', 'report', write('ids-resp.csv', idsResponse), '--json']).stdout);
  assert.deepEqual([ids.rejections[0].merchantId, ids.rejections[0].transactionReference], ['023101122334450', REF]);
});

test('--errors /dev/stdout read by `head`: the output ends quietly and the exit code is the verdict', () => {
  // The attack on the CLI, twenty-third pass: exit 2, "EPIPE: broken pipe", where a closed stdout alone ended quietly with 1.
  const many = Array.from({ length: 20_000 }, (_, i) => ({ method: 'walletCredit', merchantId: M, transactionReference: `T${i}`, amount: -1, merchantWalletId: 'W', paymentMeanId: '1', currencyCode: 'EUR' }));
  write('epipe.ndjson', ndjson(many));
  // A shell pipe (node's own 'pipe' is a socket, which /dev/stdout cannot open).
  const r = spawnSync('bash', ['-c', '"$0" batch check "$1" --errors /dev/stdout --no-progress 2>"$2" | head -c 100 >/dev/null; echo "${PIPESTATUS[0]}"', BIN, path('epipe.ndjson'), path('epipe.err')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const stderr = readFileSync(path('epipe.err'), 'utf8');
  assert.equal(r.stdout.trim(), '1', stderr);
  assert.doesNotMatch(stderr, /EPIPE/);
  assert.match(stderr, /20000 of 20000 records/);
});

test('a file that cannot be read is named in the error (report, check, build)', { skip: process.platform !== 'linux' && 'reads /proc/self/mem' }, () => {
  // The attack on the CLI, twenty-third pass: "EIO: i/o error, read" named neither file.
  for (const args of [['batch', 'report', path('swap-resp.csv'), '--request', '/proc/self/mem'], ['batch', 'report', '/proc/self/mem'], ['batch', 'check', '/proc/self/mem'], ['batch', 'build', '/proc/self/mem', '-o', path('mem.csv'), ...HEADER_ARGS]]) {
    const r = remise(args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /\/proc\/self\/mem: EIO/, r.stderr);
  }
});

test('a signal while OUTPUT is saved: either the old file and no word of it, or the new one, said', () => {
  // The attack on the CLI, twenty-third pass: a SIGINT during the final fsync exited 130 and said nothing
  // while the rename, on the thread pool, replaced OUTPUT all the same. Here the signal is sent from
  // inside that fsync (a preloaded patch of fs.fsyncSync), each run.
  const preload = write('signal-in-fsync.cjs', [
    "const fs = require('node:fs');",
    'const fsync = fs.fsyncSync;',
    'fs.fsyncSync = (fd) => {',
    '  fsync(fd);',
    "  process.kill(process.pid, 'SIGINT');",
    '  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);',
    '};',
    "require('node:module').syncBuiltinESMExports();",
  ].join('\n'));
  const expected = sogenactif.batch.build({ header, records: structuredClone(records) });
  for (let i = 0; i < 3; i++) {
    write('signal-out.csv', 'OLD\n');
    const r = spawnSync(process.execPath, ['-r', preload, BIN, 'batch', 'build', path('in.ndjson'), '-o', path('signal-out.csv'), '--no-progress', ...HEADER_ARGS], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const now = readFileSync(path('signal-out.csv'), 'utf8');
    if (r.status === 130) {
      if (now === 'OLD\n') assert.doesNotMatch(r.stderr, /written/, r.stderr);
      else {
        assert.equal(now, expected);
        assert.match(r.stderr, /interrupted \(SIGINT\); .*signal-out\.csv was written whole before the signal/, r.stderr);
      }
    } else {
      assert.equal(r.status, 0, r.stderr);
      assert.equal(now, expected);
      assert.match(r.stderr, /wrote .*signal-out\.csv/);
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.signal-out.csv.')), [], 'no temporary file left');
  }
});

test('input in UTF-16, with lines ended by CR alone or a byte order mark inside is named in a hint; `remise help batch` is the batch help', () => {
  // The attack on the CLI, twenty-third pass: "no record" and "an empty, repeated or non-UTF-8 column name"
  // did not say what to fix; `remise help batch` printed the top-level help.
  const C = 'method,merchantId,transactionReference,amount,merchantWalletId,paymentMeanId,currencyCode';
  const V = `walletCredit,${M},T1,5,W1,1,EUR`;
  const cr = remise(['batch', 'check', write('cr.csv', `${C}\r${V}\r`)]);
  assert.equal(cr.status, 1);
  assert.match(cr.stderr, /hint: the lines of .*cr\.csv end with a carriage return alone/);
  // UTF-16 LE with its byte order mark, as iconv -t UTF-16 and Windows' "Unicode" write it.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${C}\n${V}\n`, 'utf16le')]);
  writeFileSync(path('u16.csv'), utf16);
  const u = remise(['batch', 'check', path('u16.csv')]);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /hint: .*u16\.csv looks like UTF-16 text: save it as UTF-8/);
  // A good file gets neither.
  const ok = remise(['batch', 'check', write('lf.csv', `${C}\n${V}\n`)]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.doesNotMatch(ok.stderr, /hint/);
  // One stray NUL in a UTF-8 file is no UTF-16, and a CR that ends the file no CR-only line ends (the
  // review of the pass: both hints were given beside the record's own issue).
  // (A raw NUL byte in the line, where JSON.stringify would write the escape.)
  const nul = remise(['batch', 'check', write('nul.ndjson', `${ndjson(records.slice(0, 3))}${JSON.stringify({ ...records[3], transactionReference: 'A_B' }).replace('A_B', 'A\u0000B')}\n`)]);
  assert.equal(nul.status, 1);
  assert.doesNotMatch(nul.stderr, /UTF-16/);
  const lastCr = remise(['batch', 'check', write('last-cr.ndjson', `${JSON.stringify({ ...records[3], operationAmount: -5 })}\r`)]);
  assert.equal(lastCr.status, 1);
  assert.doesNotMatch(lastCr.stderr, /carriage return/);
  // A byte order mark that starts a later line (two exports joined with cat) is named too: its line
  // was told "not a JSON record (…column 1)" with nothing to see (a known gap, twenty-third pass).
  // The hint's command is run on the file: what it makes is valid.
  const joined = write('joined.ndjson', `${ndjson(records.slice(0, 2))}\uFEFF${ndjson(records.slice(2, 4)).replaceAll('\n', '\r\n')}`);
  const bom = remise(['batch', 'check', joined]);
  assert.equal(bom.status, 1);
  assert.match(bom.stderr, /line 3: records\[2\]  FORMAT/);
  // (The path quoted only when it needs it, twenty-ninth pass.)
  const sed = /e\.g\. (perl -pe '[^']+') '?[^' ]*joined\.ndjson'? > records\.clean/.exec(bom.stderr)?.[1];
  assert.ok(sed, bom.stderr);
  assert.match(bom.stderr, /hint: a line inside .*joined\.ndjson starts with a byte order mark/);
  const fixed = spawnSync('sh', ['-c', `${sed} "$1" > "$2"`, 'sh', joined, path('joined.clean')]);
  assert.equal(fixed.status, 0, String(fixed.stderr));
  assert.equal(remise(['batch', 'check', path('joined.clean'), '--input-format', 'ndjson']).status, 0);
  // One that starts the file is read as ever, with no hint.
  const first = remise(['batch', 'check', write('first-bom.ndjson', `\uFEFF${ndjson(records.slice(0, 2))}`)]);
  assert.equal(first.status, 0, first.stderr);
  assert.doesNotMatch(first.stderr, /hint/);
  const topic = remise(['help', 'batch']);
  assert.equal(topic.status, 0);
  assert.match(topic.stdout, /^usage: remise batch <command>/);
  assert.match(remise(['help', 'batch', 'build']).stdout, /^usage: remise batch build INPUT/);
  assert.equal(remise(['help', 'nope']).status, 2);
});

test('validation messages quoting a card number (CSV columns swapped) mask it on stderr and in --errors', () => {
  const PAN = '4970100000000055';
  const csv = `method,merchantId,transactionReference,amount,cardExpiryDate,currencyCode,cardNumber\ncredit,${M},CR1,100,203012,${PAN},EUR\n`;
  const r = remise(['batch', 'check', write('swapped.csv', csv), '--errors', path('swapped.err')]);
  assert.equal(r.status, 1, r.stderr);
  const errors = readFileSync(path('swapped.err'), 'utf8');
  assert.match(errors, /\*{12}0055/, 'the message still says which value, by its last four digits');
  assert.ok(!r.stderr.includes(PAN) && !r.stdout.includes(PAN) && !errors.includes(PAN));
  // Written in groups: masked all the same, the groups kept.
  const grouped = remise(['batch', 'check', write('grouped.csv', csv.replace(PAN, '4970 1000 0000 0055')), '--errors', path('grouped.err')]);
  const groupedErrors = readFileSync(path('grouped.err'), 'utf8');
  assert.match(groupedErrors, /\*{4} \*{4} \*{4} 0055/);
  assert.ok(!/4970.?1000.?0000/.test(grouped.stderr + groupedErrors));
  // After other groups of digits (a date): the card number is still found (a third attack).
  const dated = remise(['batch', 'check', write('dated.csv', csv.replace(PAN, '01 12 2026 4970 1000 0000 0055')), '--errors', path('dated.err')]);
  const datedErrors = readFileSync(path('dated.err'), 'utf8');
  assert.match(datedErrors, /01 12 2026 \*{4} \*{4} \*{4} 0055/);
  assert.ok(!/4970.?1000.?0000/.test(dated.stderr + datedErrors));
  // Numbers that are no card number (no Luhn digit) stay readable: a cancel of 50 000 000.00 EUR.
  const big = remise(['batch', 'check', write('big-cancel.ndjson', ndjson([{ method: 'cancel', merchantId: M, transactionReference: 'ORDER1', amount: 5000000000, currencyCode: 'EUR', original: { amount: 1000000000, status: 'TO_CAPTURE' } }]))]);
  assert.equal(big.status, 1);
  assert.match(big.stderr, /5000000000/);
});

test('a failing stderr or stdout: no temporary file left, the verdict kept, a full disk named', async () => {
  // stderr a pipe closed at once: `build` fails on an invalid record and must still remove its
  // temporary file (the crash on the closed stderr came before the removal).
  const many = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ ...sample, recordSequence: i + 1 }));
  many.push(JSON.stringify({ ...sample, recordSequence: 5000, amount: 'x' }));
  mkdirSync(path('closed-err'));
  const input = write('closed-err.ndjson', many.join('\n') + '\n');
  const out = join(path('closed-err'), 'w.csv');
  const closed = spawnSync('sh', ['-c', `"${BIN}" batch build "${input}" -o "${out}" ${HEADER_ARGS.join(' ')} 2>&1 | true`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(closed.status, 0, 'the shell pipeline itself');
  assert.deepEqual(readdirSync(path('closed-err')), [], 'no OUTPUT and no temporary file');
  // `report | head`: the report's verdict (1: a repeated recordSequence) is the exit code, not 0.
  // A response (the simulator's, to 3000 walletCredit records) with one line repeated.
  const { createSimulator } = await import('remise/simulator');
  const sim = createSimulator();
  const wallet = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ ...sample, merchantId: sim.sogenactif.credentials.merchantId, recordSequence: i + 1, transactionReference: `WCR${i}` }));
  assert.equal(remise(['batch', 'build', write('dup.ndjson', wallet.join('\n') + '\n'), '-o', path('dup-req.csv'), ...HEADER_ARGS]).status, 0);
  const lines = sim.sogenactif.processBatch(readFileSync(path('dup-req.csv'), 'utf8')).split('\n');
  const at = lines.findIndex((l) => l.startsWith('WALLETCREDIT;'));
  lines.splice(at + 1, 0, lines[at]);
  const end = lines.findIndex((l) => l.startsWith('END;'));
  lines[end] = `END;${end - 2}`;
  const dup = write('dup-resp.csv', lines.join('\n'));
  const alone = remise(['batch', 'report', dup, '--max-rejections', '3000']);
  assert.equal(alone.status, 1, 'the report alone says the file repeats a recordSequence');
  assert.match(alone.stdout, /repeats recordSequence/);
  const piped = spawnSync('bash', ['-c', `set -o pipefail; "${BIN}" batch report "${dup}" --max-rejections 3000 | head -n 2 >/dev/null`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(piped.status, 1, `the verdict through a closed pipe: ${piped.stderr}`);
  noStack(piped.stderr);
  // A slow reader gets the whole report (Node makes the pipe non-blocking: the exit cut it at 64 KiB).
  // 3000 cancels of transactions the simulator does not know: 3000 rejections listed.
  const cancels = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ method: 'cancel', merchantId: sim.sogenactif.credentials.merchantId, recordSequence: i + 1, transactionReference: `NOPE${i}`, amount: 100, currencyCode: 'EUR' }));
  assert.equal(remise(['batch', 'build', write('nope.ndjson', cancels.join('\n') + '\n'), '-o', path('nope-req.csv'), ...HEADER_ARGS]).status, 0);
  const refused = write('nope-resp.csv', sim.sogenactif.processBatch(readFileSync(path('nope-req.csv'), 'utf8')));
  const whole = Buffer.byteLength(remise(['batch', 'report', refused, '--json']).stdout);
  assert.ok(whole > 1 << 18, `a report of ${whole} bytes, more than a pipe holds`);
  const slow = spawnSync('sh', ['-c', `"${BIN}" batch report "${refused}" --json | (sleep 3; wc -c)`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(Number(slow.stdout.trim()), whole);
  // stdout on a full device: exit 2 and a message naming stdout, never 0 with a cut report.
  if (existsSync('/dev/full')) {
    const full = spawnSync('sh', ['-c', `"${BIN}" batch report "${dup}" --json > /dev/full`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(full.status, 2, full.stderr);
    assert.match(full.stderr, /stdout: ENOSPC/);
    noStack(full.stderr);
    const checked = spawnSync('sh', ['-c', `"${BIN}" batch check in.ndjson > /dev/full`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(checked.status, 2, `check's "all valid" line lost: ${checked.stderr}`);
  }
});

test('records given on stdin after blank lines in chunks of their own are still read as NDJSON', () => {
  const r = spawnSync('sh', ['-c', `(printf '\\357\\273'; sleep 0.2; printf '\\277'; sleep 0.2; echo; sleep 0.2; cat in.ndjson) | "${BIN}" batch build - -o stdin-late.csv ${HEADER_ARGS.join(' ')}`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const direct = remise(['batch', 'build', path('in.ndjson'), '-o', path('stdin-direct.csv'), ...HEADER_ARGS]);
  assert.equal(direct.status, 0, direct.stderr);
  assert.equal(readFileSync(path('stdin-late.csv'), 'utf8'), readFileSync(path('stdin-direct.csv'), 'utf8'));
});

test('--errors is emptied by every run, - is refused; an existing OUTPUT keeps its owner and mode; --html checked before reading', async () => {
  // Its own response file (a test run alone must not depend on files an earlier test wrote).
  const { createSimulator } = await import('remise/simulator');
  const sim = createSimulator();
  const cancels = [JSON.stringify({ method: 'cancel', merchantId: sim.sogenactif.credentials.merchantId, transactionReference: 'NOPE1', amount: 100, currencyCode: 'EUR' })];
  assert.equal(remise(['batch', 'build', write('own-req.ndjson', cancels.join('\n') + '\n'), '-o', path('own-req.csv'), ...HEADER_ARGS]).status, 0);
  write('own-resp.csv', sim.sogenactif.processBatch(readFileSync(path('own-req.csv'), 'utf8')));
  // The owner of a file can be given by root only (CI runs as root); another user checks the mode.
  const root = process.getuid?.() === 0;
  const other = root ? 65534 : process.getuid();
  const otherGroup = root ? 65534 : process.getgid();
  const bad = write('stale.ndjson', ndjson([{ ...sample, amount: 'x' }]));
  assert.equal(remise(['batch', 'check', bad, '--errors', path('stale.err')]).status, 1);
  assert.notEqual(readFileSync(path('stale.err'), 'utf8'), '');
  // A run that stops before reading (a header option the validator refuses) leaves no old rejects.
  const early = remise(['batch', 'build', bad, '-o', path('stale.csv'), ...HEADER_ARGS.slice(0, 4), '--date', 'bad', '--time', '14:26:45+0100', '--errors', path('stale.err')]);
  assert.equal(early.status, 1, early.stderr);
  assert.equal(readFileSync(path('stale.err'), 'utf8'), '');
  // A usage error (exit 2) touches no file.
  write('kept.err', 'OLD');
  for (const bad of [['--input-format', 'foo'], ['--syntax', 'foo'], ['--max-issues', 'x']]) {
    assert.equal(remise(['batch', 'check', path('in.ndjson'), '--errors', path('kept.err'), ...bad]).status, 2, bad.join(' '));
    assert.equal(readFileSync(path('kept.err'), 'utf8'), 'OLD', bad.join(' '));
  }
  const dash = remise(['batch', 'check', path('in.ndjson'), '--errors', '-']);
  assert.equal(dash.status, 2);
  assert.match(dash.stderr, /--errors '-'/);
  assert.ok(!existsSync(path('-')), "no file named '-'");
  // The owner of the file replaced (an upload account) and its mode are kept.
  const owned = write('owned.csv', 'old');
  chownSync(owned, other, otherGroup);
  chmodSync(owned, 0o640);
  assert.equal(remise(['batch', 'build', path('in.ndjson'), '-o', owned, ...HEADER_ARGS]).status, 0);
  const st = statSync(owned);
  assert.deepEqual([st.uid, st.gid, st.mode & 0o777], [other, otherGroup, 0o640]);
  // Set-ID bits too (a change of owner clears them: the mode is given after it).
  chmodSync(owned, 0o6750);
  assert.equal(remise(['batch', 'build', path('in.ndjson'), '-o', owned, ...HEADER_ARGS]).status, 0);
  assert.equal(statSync(owned).mode & 0o7777, 0o6750);
  // stdin redirected from a file is that file: /dev/stdin as OUTPUT would overwrite the input.
  const before = readFileSync(path('in.ndjson'), 'utf8');
  const self = spawnSync('sh', ['-c', `"${BIN}" batch build - -o /dev/stdin ${HEADER_ARGS.join(' ')} < in.ndjson`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(self.status, 2, self.stderr);
  assert.match(self.stderr, /is the same file as INPUT stdin/);
  assert.equal(readFileSync(path('in.ndjson'), 'utf8'), before);
  // --html: a device or a pipe is written as it is; a file keeps its owner and mode.
  assert.equal(remise(['batch', 'report', path('own-resp.csv'), '--html', '/dev/null']).status, 0);
  const piped = spawnSync('sh', ['-c', `"${BIN}" batch report own-resp.csv --html /dev/stdout | head -c 15`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(piped.stdout, '<!doctype html>');
  const page = write('owned.html', 'old');
  chownSync(page, other, otherGroup);
  chmodSync(page, 0o664);
  assert.equal(remise(['batch', 'report', path('own-resp.csv'), '--html', page]).status, 0);
  const pst = statSync(page);
  assert.deepEqual([pst.uid, pst.gid, pst.mode & 0o777], [other, otherGroup, 0o664]);
  assert.match(readFileSync(page, 'utf8'), /^<!doctype html>/);
  const html = remise(['batch', 'report', path('own-resp.csv'), '--html', path('nowhere/r.html')]);
  assert.equal(html.status, 2);
  assert.match(html.stderr, /--html .*the directory .* does not exist/);
});

test('report --request --json masks a card number written in a free-text field of a request record', async () => {
  // A helper's attack: a card number in a free-text field (returnContext, operationOrigin) was printed
  // whole in rejections[].request.
  const { createSimulator } = await import('remise/simulator');
  const sim = createSimulator();
  const record = { method: 'cancel', merchantId: sim.sogenactif.credentials.merchantId, recordSequence: 1, transactionReference: 'NOPE2', amount: 100, currencyCode: 'EUR', operationOrigin: '4970100000325734 ok' };
  assert.equal(remise(['batch', 'build', write('ctx-req.ndjson', JSON.stringify(record) + '\n'), '-o', path('ctx-req.csv'), ...HEADER_ARGS]).status, 0);
  write('ctx-resp.csv', sim.sogenactif.processBatch(readFileSync(path('ctx-req.csv'), 'utf8')));
  const r = remise(['batch', 'report', path('ctx-resp.csv'), '--request', path('ctx-req.ndjson'), '--json']);
  const j = JSON.parse(r.stdout);
  assert.equal(j.rejections.length, 1, r.stdout);
  assert.ok(!r.stdout.includes('4970100000325734'), r.stdout);
  assert.match(j.rejections[0].request.record.operationOrigin, /^[*\d]*\*{4,}[*\d]*5734 ok$/);
});

test('report --request reads records after blank lines as NDJSON, from a file or stdin; --html takes a long name', async () => {
  const { createSimulator } = await import('remise/simulator');
  const sim = createSimulator();
  const record = { method: 'cancel', merchantId: sim.sogenactif.credentials.merchantId, recordSequence: 1, transactionReference: 'NOPE1', amount: 100, currencyCode: 'EUR' };
  const records = '\n'.repeat(70) + JSON.stringify(record) + '\n';
  assert.equal(remise(['batch', 'build', write('blank-req.ndjson', records), '-o', path('blank-req.csv'), ...HEADER_ARGS]).status, 0);
  write('blank-resp.csv', sim.sogenactif.processBatch(readFileSync(path('blank-req.csv'), 'utf8')));
  for (const args of [[path('blank-req.ndjson')], ['-']]) {
    const r = remise(['batch', 'report', path('blank-resp.csv'), '--request', ...args, '--json'], { input: args[0] === '-' ? records : undefined });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).join.matched, 1, args[0]);
  }
  // A name of 250 characters (the temporary file's name is cut, not the page refused).
  const long = `${'h'.repeat(245)}.html`;
  const page = remise(['batch', 'report', path('blank-resp.csv'), '--html', path(long)]);
  assert.equal(page.status, 0, page.stderr);
  assert.match(readFileSync(path(long), 'utf8'), /^<!doctype html>/);
});

// ---- a helper's attack on the CLI, eighteenth pass

/**
 * `remise …args` as a child process left running: { child, done, out() } (done: { code, signal,
 * stdout, stderr }); killed after the test `t` whatever its outcome (a command that hangs on the
 * code before a fix must not hold the run).
 */
function started(t, args) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, out: () => stdout };
}
/** `promise`, or 'timeout' after `ms`. */
const within = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits (up to 10 s) until `check()` is true. */
async function until(check) {
  for (let i = 0; i < 200 && !check(); i++) await sleep(50);
  return check();
}

test('a FIFO as INPUT: no temporary file while it waits for a writer, a signal ends the run at once and leaves nothing', async (t) => {
  if (spawnSync('mkfifo', ['--help']).error) return t.skip('no mkfifo');
  const fifoDir = path('fifo');
  mkdirSync(fifoDir);
  const fifo = join(fifoDir, 'in.ndjson');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const left = () => readdirSync(fifoDir).filter((n) => n !== 'in.ndjson');
  // No writer yet: no temporary file (it was made first, then the read blocked the process, signals
  // included, for as long as no one wrote), and SIGTERM ends it.
  const idle = started(t, ['batch', 'build', fifo, '-o', join(fifoDir, 'out.csv'), ...HEADER_ARGS]);
  await sleep(700);
  assert.deepEqual(left(), [], 'nothing made while INPUT has no writer');
  idle.child.kill('SIGTERM');
  const idleEnd = await within(idle.done, 5000);
  if (idleEnd === 'timeout') idle.child.kill('SIGKILL');
  assert.notEqual(idleEnd, 'timeout', 'SIGTERM ended the run waiting for a writer');
  assert.ok(idleEnd.code === 143 || idleEnd.signal === 'SIGTERM', JSON.stringify(idleEnd));
  // A writer that sends records, invalid ones among them, then pauses: the temporary files are
  // there; SIGTERM removes them and exits 143, --errors left empty (never half-written).
  write('fifo-old.err', 'OLD');
  const many = Array.from({ length: 500 }, (_, i) => JSON.stringify({ ...sample, recordSequence: i + 1, amount: i % 2 ? 'x' : 66 }));
  const manyFile = write('fifo-many.ndjson', many.join('\n') + '\n');
  // The writer (a shell, so that no open of the FIFO blocks this process): the records, then it
  // keeps the FIFO open (`exec sleep`: the same process, killed after the test).
  const writer = spawn('sh', ['-c', `exec 3>"${fifo}"; cat "${manyFile}" >&3; exec sleep 60`], { stdio: 'ignore' });
  t.after(() => writer.kill('SIGKILL'));
  const run = started(t, ['batch', 'build', fifo, '-o', join(fifoDir, 'out.csv'), '--errors', path('fifo-old.err'), ...HEADER_ARGS]);
  assert.ok(await until(() => left().some((n) => n.endsWith('.tmp'))), 'the temporary file is made once INPUT is read');
  run.child.kill('SIGTERM');
  const end = await within(run.done, 5000);
  assert.notEqual(end, 'timeout', 'SIGTERM ended the run while the writer paused');
  assert.equal(end.code, 143, end.stderr);
  writer.kill('SIGKILL');
  assert.deepEqual(left(), [], 'no OUTPUT and no temporary file');
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.fifo-old.err')), [], 'no temporary --errors file');
  assert.equal(readFileSync(path('fifo-old.err'), 'utf8'), '', '--errors emptied, not half-written');
  // A FIFO read to its end gives the file a regular INPUT gives.
  const whole = started(t, ['batch', 'build', fifo, '-o', join(fifoDir, 'whole.csv'), ...HEADER_ARGS]);
  const wholeWriter = spawn('sh', ['-c', `cat "${path('in.ndjson')}" > "${fifo}"`], { stdio: 'ignore' });
  t.after(() => wholeWriter.kill('SIGKILL'));
  const wholeEnd = await within(whole.done, 20_000);
  assert.notEqual(wholeEnd, 'timeout');
  assert.equal(wholeEnd.code, 0, wholeEnd.stderr);
  assert.equal(readFileSync(join(fifoDir, 'whole.csv'), 'utf8'), sogenactif.batch.build({ header, records: structuredClone(records) }));
});

test('a terminal as INPUT: a signal ends the run while it waits for a line, and leaves nothing', (t) => {
  // A review of the eighteenth pass: a terminal (`/dev/pts/N`, `/dev/stdin` typed into) was read
  // through the thread pool, where a SIGTERM removed the temporary files but the process waited for
  // a line. A pseudo-terminal from python3's `pty`.
  if (spawnSync('python3', ['-c', 'import pty']).status !== 0) return t.skip('no python3 with pty');
  const ttyDir = path('tty');
  mkdirSync(ttyDir);
  const script = [
    'import json, os, pty, signal, subprocess, sys, time',
    'm, s = pty.openpty()',
    'argv = json.loads(sys.argv[1]); argv[argv.index("TTY")] = os.ttyname(s)',
    'p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)',
    'time.sleep(1)',
    'os.write(m, (sys.argv[2] + "\\n").encode())',
    'time.sleep(1.5)',
    'p.send_signal(signal.SIGTERM)',
    'try:',
    '    print(p.wait(5))',
    'except subprocess.TimeoutExpired:',
    '    p.kill(); print("hung")',
  ].join('\n');
  const argv = [process.execPath, BIN, 'batch', 'build', 'TTY', '-o', join(ttyDir, 'out.csv'), '--errors', join(ttyDir, 'err.ndjson'), '--no-progress', ...HEADER_ARGS];
  // One record typed, then nothing: the temporary files are made, the read waits for the next line.
  const r = spawnSync('python3', ['-c', script, JSON.stringify(argv), JSON.stringify(sample)], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.stdout.trim(), '143', r.stdout + r.stderr);
  assert.deepEqual(readdirSync(ttyDir).filter((n) => n !== 'err.ndjson'), [], 'no OUTPUT and no temporary file');
});

test('--zip: the entry is named with the extension of --syntax; an --entry saying the other syntax is refused', () => {
  const xml = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_7.csv.zip'), '--zip', '--syntax', 'xml', ...HEADER_ARGS]);
  assert.equal(xml.status, 0, xml.stderr);
  const [entry] = readZip(readFileSync(path('OFBREQ_7.csv.zip')));
  assert.equal(entry.name, 'OFBREQ_7.xml');
  assert.match(entry.data, /^<\?xml/);
  const bare = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_8.zip'), '--zip', ...HEADER_ARGS]);
  assert.equal(bare.status, 0, bare.stderr);
  assert.equal(readZip(readFileSync(path('OFBREQ_8.zip')))[0].name, 'OFBREQ_8.csv');
  const wrong = remise(['batch', 'build', path('in.ndjson'), '-o', path('entry-wrong.zip'), '--zip', '--entry', 'OFBREQ_A.xml', ...HEADER_ARGS]);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /--entry 'OFBREQ_A\.xml' ends in \.xml but the file is CSV .*OFBREQ_A\.csv.*--syntax xml/);
  assert.ok(!existsSync(path('entry-wrong.zip')));
  noStack(wrong.stderr);
});

test('a read-only OUTPUT, --errors or --html is refused, not replaced', () => {
  const ro = write('read-only.csv', 'KEEP');
  chmodSync(ro, 0o444);
  const r = remise(['batch', 'build', path('in.ndjson'), '-o', ro, ...HEADER_ARGS]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /-o .*read-only\.csv: the file is read-only: remove it or choose another OUTPUT/);
  assert.equal(readFileSync(ro, 'utf8'), 'KEEP');
  assert.equal(statSync(ro).mode & 0o777, 0o444);
  const roErrors = write('read-only.err', 'KEEP');
  chmodSync(roErrors, 0o444);
  const e = remise(['batch', 'check', path('in.ndjson'), '--errors', roErrors]);
  assert.equal(e.status, 2);
  assert.match(e.stderr, /--errors .*read-only/);
  assert.equal(readFileSync(roErrors, 'utf8'), 'KEEP');
  const roPage = write('read-only.html', 'KEEP');
  chmodSync(roPage, 0o444);
  const h = remise(['batch', 'report', write('read-only-resp.csv', 'not a response\n'), '--html', roPage]);
  assert.equal(h.status, 2, h.stderr);
  assert.match(h.stderr, /--html .*read-only/);
  assert.equal(readFileSync(roPage, 'utf8'), 'KEEP');
  noStack(r.stderr + e.stderr + h.stderr);
});

test('report --request: missing, a directory or unreadable is said before RESPONSE is read, naming --request', () => {
  // A response file that is malformed (exit 1 once read): the --request problem comes first.
  const bad = write('req-check-resp.csv', 'not a response\n');
  const missing = remise(['batch', 'report', bad, '--request', path('no-such-request.ndjson')]);
  assert.equal(missing.status, 2, missing.stderr);
  assert.match(missing.stderr, /^remise batch report: --request .*no-such-request\.ndjson: no such file \(ENOENT\): check the path\n?$/);
  const directory = remise(['batch', 'report', bad, '--request', dir]);
  assert.equal(directory.status, 2, directory.stderr);
  assert.match(directory.stderr, /--request .*: is a directory/);
  noStack(missing.stderr + directory.stderr);
});

test("a CSV INPUT separated by ';' or tabs is said to be so", () => {
  for (const [sep, said] of [[';', "';'"], ['\t', 'tabs']]) {
    const csv = write(`sep-${said.length}.csv`, ['method', 'merchantId', 'transactionReference'].join(sep) + '\r\n' + ['cancel', M, 'ORDER1'].join(sep) + '\r\n');
    const r = remise(['batch', 'check', csv]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`the columns are separated by ${said}: remise reads comma-separated CSV`));
  }
  // A comma-separated header without a method column keeps its message alone.
  const plain = remise(['batch', 'check', write('no-method.csv', 'merchantId,amount\r\nx,1\r\n')]);
  assert.equal(plain.status, 1);
  assert.match(plain.stderr, /'method' among them/);
  assert.doesNotMatch(plain.stderr, /separated by/);
});

test('--sequence takes 1 to 999999999 in decimal digits: anything else is a usage error naming it', () => {
  for (const bad of ['9999999999999999', '1.5', '4e2', ' 42', '0', '-1', '']) {
    const r = remise(['batch', 'build', path('in.ndjson'), '-o', path('seq.csv'), ...HEADER_ARGS.slice(0, 2), `--sequence=${bad}`]);
    assert.equal(r.status, 2, `'${bad}': ${r.stderr}`);
    assert.match(r.stderr, /--sequence must be a whole number from 1 to 999999999/, bad);
  }
  assert.ok(!existsSync(path('seq.csv')));
  assert.equal(remise(['batch', 'check', path('in.ndjson'), '--sequence', '042']).status, 0);
});

test('--date and --time come together, and an archive entry taken from OUTPUT is named as such', () => {
  // A helper's attack (twentieth pass): --date alone made a header of two clocks (the given date,
  // the machine's time and offset); and a bad entry name taken from OUTPUT was called --entry.
  for (const [given, missing] of [[['--date', '2024-01-05+0100'], 'date'], [['--time', '09:15:00+0100'], 'time']]) {
    const r = remise(['batch', 'build', path('in.ndjson'), '-o', path('clocks.csv'), ...HEADER_ARGS.slice(0, 4), ...given]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`--${missing} needs --${missing === 'date' ? 'time' : 'date'}: give both`));
  }
  assert.ok(!existsSync(path('clocks.csv')));
  // `check` takes the options as `build` does (the review of the pass).
  assert.equal(remise(['batch', 'check', path('in.ndjson'), '--date', '2024-01-05+0100']).status, 2);
  const z = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ 8.csv.zip'), '--zip', ...HEADER_ARGS]);
  assert.equal(z.status, 2, z.stderr);
  assert.match(z.stderr, /the archive's entry name 'OFBREQ 8\.csv' \(OUTPUT's name without \.zip; give --entry to name it otherwise\): must start with 'OFBREQ'/);
  assert.doesNotMatch(z.stderr, /--entry 'OFBREQ/);
});

test('--errors is never left half-written: a file size limit hit while writing it leaves it empty, no temporary file', () => {
  mkdirSync(path('fsize'));
  const many = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ ...sample, recordSequence: i + 1, amount: 'x' }));
  const input = write('fsize.ndjson', many.join('\n') + '\n');
  const errors = join(path('fsize'), 'e.ndjson');
  writeFileSync(errors, 'OLD');
  // ulimit -f: writes past 100 blocks fail with EFBIG, as on a full disk.
  const r = spawnSync('sh', ['-c', `ulimit -f 100 && "${BIN}" batch check "${input}" --errors "${errors}"`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--errors .*EFBIG/);
  assert.equal(readFileSync(errors, 'utf8'), '');
  assert.deepEqual(readdirSync(path('fsize')), ['e.ndjson']);
});

test('a directory without room for the temporary file: the message names -o and the directory', (t) => {
  // Root writes anywhere: the command runs as another user (nobody) from a copy of the package it
  // can read.
  const root = process.getuid?.() === 0;
  const place = mkdtempSync(join(tmpdir(), 'remise-cli-ro-'));
  t.after(() => {
    for (const d of ['ro', 'locked', 'xonly']) if (existsSync(join(place, d))) chmodSync(join(place, d), 0o755);
    rmSync(place, { recursive: true, force: true });
  });
  chmodSync(place, 0o755);
  let bin = BIN;
  if (root) {
    cpSync(join(process.cwd(), 'node_modules', 'remise'), join(place, 'remise'), { recursive: true, dereference: true });
    bin = join(place, 'remise', 'bin', 'remise.mjs');
  }
  const as = root ? { uid: 65534, gid: 65534 } : {};
  const probe = spawnSync(process.execPath, [bin, '--version'], { cwd: place, encoding: 'utf8', ...as });
  if (probe.status !== 0) return t.skip(`cannot run the command as another user: ${probe.stderr}`);
  writeFileSync(join(place, 'in.ndjson'), ndjson(records));
  chmodSync(join(place, 'in.ndjson'), 0o644);
  mkdirSync(join(place, 'ro'));
  chmodSync(join(place, 'ro'), 0o555);
  const r = spawnSync(process.execPath, [bin, 'batch', 'build', 'in.ndjson', '-o', 'ro/new.csv', ...HEADER_ARGS], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^remise batch build: -o ro\/new\.csv: the directory ro is not writable \(EACCES\)/);
  assert.doesNotMatch(r.stderr, /\.tmp/);
  // A directory this user may not search, on the way to INPUT, OUTPUT, --errors, --html or --request,
  // and an INPUT or --request it may not read: said in words with the option, not Node's raw "EACCES:
  // permission denied, stat 'locked/…'" (the attack on the CLI, twenty-fifth pass, and the reviews
  // after it). Mode 0: kept out as root's `nobody` and as a runner of its own files alike.
  mkdirSync(join(place, 'locked'), { mode: 0o000 });
  writeFileSync(join(place, 'secret.ndjson'), ndjson(records), { mode: 0o000 });
  writeFileSync(join(place, 'resp.csv'), toResponse(sogenactif.batch.build({ header, records: records.slice(0, 1) }), ['00']), { mode: 0o644 });
  const SEARCH = 'a directory on its path may not be searched by this user \\(EACCES\\); give a path this user can reach';
  for (const [args, said] of [
    [['batch', 'check', 'locked/in.ndjson'], `^remise batch check: locked/in\\.ndjson: ${SEARCH}`],
    [['batch', 'report', 'locked/resp.csv'], `^remise batch report: locked/resp\\.csv: ${SEARCH}`],
    [['batch', 'build', 'in.ndjson', '-o', 'locked/out.csv', ...HEADER_ARGS], `^remise batch build: -o locked/out\\.csv: ${SEARCH}`],
    [['batch', 'check', 'in.ndjson', '--errors', 'locked/e.ndjson'], `^remise batch check: --errors locked/e\\.ndjson: ${SEARCH}`],
    [['batch', 'report', 'resp.csv', '--html', 'locked/r.html'], `^remise batch report: --html locked/r\\.html: ${SEARCH}`],
    [['batch', 'report', 'resp.csv', '--request', 'locked/req.csv'], `^remise batch report: --request locked/req\\.csv: ${SEARCH}`],
    [['batch', 'check', 'secret.ndjson'], '^remise batch check: secret\\.ndjson: this user may not read it \\(EACCES\\); check its permissions'],
    [['batch', 'report', 'resp.csv', '--request', 'secret.ndjson'], '^remise batch report: --request secret\\.ndjson: this user may not read it \\(EACCES\\)'],
    [['batch', 'check', 'in.ndjson', '--errors', 'ro/e.ndjson'], '^remise batch check: --errors ro/e\\.ndjson: the directory ro is not writable by this user \\(EACCES\\); make it writable or choose another'],
    [['batch', 'report', 'resp.csv', '--html', 'ro/r.html'], '^remise batch report: --html ro/r\\.html: the directory ro is not writable by this user \\(EACCES\\)'],
  ]) {
    const denied = spawnSync(process.execPath, [bin, ...args], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
    assert.equal(denied.status, 2, `${args.join(' ')}: ${denied.stderr}`);
    assert.match(denied.stderr, new RegExp(said), args.join(' '));
    assert.doesNotMatch(denied.stderr, /permission denied, |usage:/, args.join(' '));
  }
  // A link that loops or leads through such a directory, and a directory this user may not read as
  // INPUT, said as what they are (they were "a symbolic link to a file that does not exist" and "may not
  // read it": the last review of the pass).
  symlinkSync('loop', join(place, 'loop'));
  symlinkSync('locked/f', join(place, 'lk'));
  mkdirSync(join(place, 'xonly'), { mode: 0o311 });
  for (const [args, said] of [
    [['batch', 'build', 'in.ndjson', '-o', 'loop', ...HEADER_ARGS], /^remise batch build: -o loop: its symbolic links loop; give the file itself\n$/],
    [['batch', 'build', 'in.ndjson', '-o', 'lk', ...HEADER_ARGS], new RegExp(`^remise batch build: -o lk: ${SEARCH}\n$`)],
    [['batch', 'check', 'xonly'], /^remise batch check: xonly: is a directory \(EACCES\); give a file\n$/],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, said, args.join(' '));
  }
  if (root) {
    // Another user's file: one writable by its owner only is not "read-only"; one in a sticky directory
    // (as /tmp) that anyone may write cannot be replaced: said so after the run, not as Node's "EPERM:
    // operation not permitted, rename '….tmp'" (the same review).
    writeFileSync(join(place, 'theirs.csv'), 'KEEP', { mode: 0o644 });
    mkdirSync(join(place, 'sticky'));
    chmodSync(join(place, 'sticky'), 0o1777);
    writeFileSync(join(place, 'sticky', 'out.csv'), 'KEEP');
    chmodSync(join(place, 'sticky', 'out.csv'), 0o666);
    for (const [args, said] of [
      [['batch', 'build', 'in.ndjson', '-o', 'theirs.csv', ...HEADER_ARGS], /^remise batch build: -o theirs\.csv: this user may not write the file \(it is another user's\): choose another OUTPUT/],
      [['batch', 'build', 'in.ndjson', '-o', 'sticky/out.csv', ...HEADER_ARGS], /^remise batch build: -o sticky\/out\.csv: this user may not replace the file there \(it is another user's, in a directory with the sticky bit, where only its owner may\): choose another OUTPUT\n$/],
      [['batch', 'check', 'in.ndjson', '--errors', 'sticky/out.csv'], /^remise batch check: --errors sticky\/out\.csv: this user may not replace the file there/],
    ]) {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, said, args.join(' '));
    }
    assert.equal(readFileSync(join(place, 'sticky', 'out.csv'), 'utf8'), 'KEEP');
    assert.deepEqual(readdirSync(join(place, 'sticky')), ['out.csv'], 'no temporary file left');
    // This user's own file it may not write is not "another user's" (the last review of the pass).
    writeFileSync(join(place, 'own.csv'), 'KEEP', { mode: 0o464 });
    chownSync(join(place, 'own.csv'), 65534, 65534);
    chmodSync(join(place, 'own.csv'), 0o464);
    const own = spawnSync(process.execPath, [bin, 'batch', 'build', 'in.ndjson', '-o', 'own.csv', ...HEADER_ARGS], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
    assert.equal(own.status, 2, own.stderr);
    assert.match(own.stderr, /-o own\.csv: this user may not write the file \(its permissions or attributes\)/);
    // A sticky directory this user may not write in: --errors is written in place there (no temporary
    // file), which the sticky bit does not stop: not refused (the same review).
    mkdirSync(join(place, 'sticky-ro'));
    chmodSync(join(place, 'sticky-ro'), 0o1755);
    writeFileSync(join(place, 'sticky-ro', 'e.ndjson'), 'OLD');
    chmodSync(join(place, 'sticky-ro', 'e.ndjson'), 0o666);
    const inPlace = spawnSync(process.execPath, [bin, 'batch', 'check', 'in.ndjson', '--errors', 'sticky-ro/e.ndjson'], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
    assert.equal(inPlace.status, 0, inPlace.stderr);
    assert.equal(readFileSync(join(place, 'sticky-ro', 'e.ndjson'), 'utf8'), '', 'emptied: no reject');
  }
  // An INPUT that cannot be reached still empties --errors first: no rejects of an earlier run are left
  // (README; the CLI differential fuzz of the pass found them left when INPUT's directory was locked).
  const old = join(place, 'old.errors.ndjson');
  writeFileSync(old, '{"line":1}\n');
  chmodSync(old, 0o666);
  const stale = spawnSync(process.execPath, [bin, 'batch', 'check', 'locked/in.ndjson', '--errors', 'old.errors.ndjson'], { cwd: place, encoding: 'utf8', timeout: 120_000, ...as });
  assert.equal(stale.status, 2, stale.stderr);
  assert.equal(readFileSync(old, 'utf8'), '', 'emptied');
});

test('remise sim: an option given twice, a --now that is no date, --bodies with credentials, a control character in a SOAPAction', async (t) => {
  // (`--port 0 --port 1` listened on port 1 until stopped.)
  const twice = await within(started(t, ['sim', '--port', '0', '--port', '0']).done, 10_000);
  assert.notEqual(twice, 'timeout', 'the command line refused');
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /--port is given twice/);
  // A port fetch blocks is refused after a look (remise's clients could not reach it: a new user's
  // trial, twenty-fourth pass), on one line, the port let go.
  // (10080, not the 6000 faults.test.mjs listens on to count connections: the files run at once.)
  const blocked = await within(started(t, ['sim', '--port', '10080', '--quiet']).done, 10_000);
  assert.notEqual(blocked, 'timeout');
  assert.equal(blocked.code, 1, blocked.stderr);
  assert.match(blocked.stderr, /^remise sim: port 10080 is one that fetch refuses to connect to .*give another --port/);
  assert.equal(blocked.stdout, '', 'no base URL printed');
  // Bound beyond the loopback: a warning on stderr (anyone reaching it can reset it and read the
  // credentials); the loopback gets none (a helper's attack, twenty-fourth pass).
  const open = started(t, ['sim', '--port', '0', '--host', '0.0.0.0', '--quiet']);
  const stderrOf = (child) => new Promise((resolve) => {
    let text = '';
    child.stderr.on('data', (c) => {
      text += c;
      if (text.includes('\n')) resolve(text);
    });
  });
  const warned = await within(stderrOf(open.child), 10_000);
  assert.match(warned, /^remise sim: warning: listening on 0\.0\.0\.0, not only this machine's loopback/);
  open.child.kill('SIGTERM');
  await within(open.done, 10_000);
  // An empty --host is named as the option (listen()'s "host must be…" was printed), and an IPv6 address
  // in brackets, as a URL writes it, is the address, not an unknown host name (the attack on the CLI,
  // twenty-fifth pass). Where this machine has no IPv6 loopback, the refusal says so, not "not known".
  const empty = await within(started(t, ['sim', '--port', '0', '--host', '']).done, 10_000);
  assert.equal(empty.code, 2, empty.stderr);
  assert.match(empty.stderr, /--host must be a host name or an address/);
  const v6 = started(t, ['sim', '--port', '0', '--host', '[::1]', '--quiet']);
  let ended;
  v6.done.then((r) => (ended = r));
  assert.ok(await until(() => v6.out().includes('\n') || ended !== undefined));
  if (ended === undefined) assert.match(v6.out(), /^http:\/\/\[::1\]:\d+\n/);
  else assert.match(ended.stderr, /^remise sim: cannot listen on \[::1\]:0: the address is not one of this machine/, ended.stderr);
  v6.child.kill('SIGTERM');
  await within(v6.done, 10_000);
  // Read as the simulator reads it: a day its month lacks is refused with the option's name (the
  // review of the twenty-first pass: it was named only by createSimulator), a date alone is Paris time.
  for (const bad of ['garbage', '2026-02-30']) {
    const now = await within(started(t, ['sim', '--port', '0', '--now', bad]).done, 10_000);
    assert.equal(now.code, 2);
    assert.match(now.stderr, /--now must be a date/);
  }
  const paris = started(t, ['sim', '--port', '0', '--quiet', '--now', '2026-11-30']);
  try {
    assert.ok(await until(() => paris.out().includes('\n')), 'the base URL');
    const at = paris.out().split('\n')[0];
    const clock = await (await fetch(`${at}/__simulator/reset`, { method: 'POST' })).json();
    assert.equal(clock.now, '2026-11-29T23:00:00.000Z'); // midnight in Paris, UTC+1 in November
  } finally {
    paris.child.kill();
  }
  const { createSimulator } = await import('remise/simulator');
  const { payline: p, sogenactif: g } = createSimulator();
  const sim = started(t, ['sim', '--port', '0', '--bodies']);
  try {
    assert.ok(await until(() => sim.out().includes('\n')), 'the base URL');
    const base = sim.out().split('\n')[0];
    const body = { merchantId: g.credentials.merchantId, keyVersion: 1, secretKey: 'SECRET-KEY-VALUE', hmac_key: 'HMAC-VALUE', accessKey: 'ACCESS-VALUE', apiKey: 'API-VALUE', authToken: 'TOKEN-VALUE', key: 'origin', transactionReference: 'REF123', seal: 'abc', interfaceVersion: 'CR_WS_2.55' };
    await (await fetch(`${base}/rs-services/v2/cashManagement/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
    // A SOAPAction holding a C1 CSI (0x9b) as the raw byte.
    const url = new URL(base);
    const auth = Buffer.from(`${p.credentials.merchantId}:${p.credentials.accessKey}`).toString('base64');
    const head = `POST /V4/services/DirectPaymentAPI HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Basic ${auth}\r\nSOAPAction: "doX\x9b31mRED"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
    await new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end(Buffer.from(head, 'latin1')));
      socket.on('data', () => {});
      socket.on('end', resolve);
      socket.on('error', reject);
    });
    assert.ok(await until(() => /DirectPaymentAPI/.test(sim.out())), sim.out());
  } finally {
    sim.child.kill('SIGTERM');
  }
  const { stdout } = await sim.done;
  for (const secret of ['SECRET-KEY-VALUE', 'HMAC-VALUE', 'ACCESS-VALUE', 'API-VALUE', 'TOKEN-VALUE']) assert.ok(!stdout.includes(secret), `${secret} logged: ${stdout}`);
  assert.match(stdout, /"keyVersion":1/);
  assert.match(stdout, /"transactionReference":"REF123"/);
  // `key` alone is Payline's privateData name (`{ key: 'origin', value }`), no secret: shown.
  assert.match(stdout, /"key":"origin"/);
  assert.ok(!stdout.includes('\x9b'), 'no C1 control in the log');
  assert.match(stdout, /doX\?31mRED/);
});

test('help and version written to a full device: exit 2, not 0', (t) => {
  if (!existsSync('/dev/full')) return t.skip('no /dev/full');
  for (const args of [['--help'], ['--version'], ['batch', '--help'], ['batch', 'build', '--help'], ['batch', 'report', '--help'], ['sim', '--help']]) {
    const r = spawnSync('sh', ['-c', `"${BIN}" ${args.join(' ')} > /dev/full`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /stdout: ENOSPC/, args.join(' '));
  }
  // A reader that closes the pipe is no failure.
  const closed = spawnSync('bash', ['-c', `set -o pipefail; "${BIN}" --help | head -c 0`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(closed.status, 0, closed.stderr);
});

test('--errors, --html and -o naming the file this command\'s stdout or stderr goes to: written in place or refused, never replaced', () => {
  // A helper's attack (twenty-first pass): `--errors /dev/stderr 2>> nightly.log` renamed the rejects
  // over the log; its earlier lines and the run's own summary were gone.
  const input = write('std.ndjson', `${JSON.stringify(sample)}\n${JSON.stringify({ ...sample, recordSequence: 2, amount: 'x' })}\n`);
  const sh = (command) => spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const log = write('nightly.log', 'night 1: ok\n');
  const built = sh(`"${BIN}" batch build "${input}" -o "${path('std.csv')}" ${HEADER_ARGS.join(' ')} --errors /dev/stderr 2>> "${log}"`);
  assert.equal(built.status, 1);
  const text = readFileSync(log, 'utf8');
  assert.ok(text.startsWith('night 1: ok\n'), text);
  assert.match(text, /^\{"line":2,"index":1,"issues":\[\{"field":"records\[1\]\.amount"/m); // the reject, as --errors writes it
  assert.match(text, /VALIDATION/); // and the run's own summary, in the same file
  assert.ok(!existsSync(path('std.csv')));
  // stdout to a file: check's verdict and the (empty) rejects both kept after what was there.
  const good = write('std-good.ndjson', `${JSON.stringify(sample)}\n`);
  const out = write('check.out', 'before\n');
  const checked = sh(`"${BIN}" batch check "${good}" --errors /dev/stdout >> "${out}"`);
  assert.equal(checked.status, 0, checked.stderr);
  assert.equal(readFileSync(out, 'utf8'), `before\n${good}: 1 record, valid\n`);
  // --html to the stderr file: the page follows the log's lines.
  const hlog = write('report.log', 'kept\n');
  const response = write('std-response.csv', toResponse(sogenactif.batch.build({ header, records: structuredClone(records) }), CODES));
  assert.equal(sh(`"${BIN}" batch report "${response}" --html /dev/stderr 2>> "${hlog}" >/dev/null`).status, 0);
  assert.match(readFileSync(hlog, 'utf8'), /^kept\n<!DOCTYPE html>/i);
  // The page to stdout's file, or a pipe, is all of stdout: the text report after it made the page end
  // in plain lines (the review of the pass).
  assert.equal(sh(`"${BIN}" batch report "${response}" --html /dev/stdout > "${path('page.html')}"`).status, 0);
  assert.match(readFileSync(path('page.html'), 'utf8'), /^<!DOCTYPE html>[\s\S]*<\/html>\n?$/i);
  const piped = sh(`"${BIN}" batch report "${response}" --html /dev/stdout | cat`);
  assert.match(piped.stdout, /^<!DOCTYPE html>[\s\S]*<\/html>\n?$/i);
  // stderr where stdout goes (a terminal both share, `2>&1`): `--html /dev/stderr` is stderr, and the
  // text report is still printed (the second review of the pass: it was dropped).
  const both = sh(`"${BIN}" batch report "${response}" --html /dev/stderr 2>&1 | cat`);
  assert.match(both.stdout, /<\/html>/i);
  assert.match(both.stdout, /walletCredit/);
  // OUTPUT is written to a file and renamed: the stderr file is refused, left as it was.
  const olog = write('o.log', 'kept\n');
  const o = sh(`"${BIN}" batch build "${good}" -o /dev/stderr ${HEADER_ARGS.join(' ')} 2>> "${olog}"`);
  assert.equal(o.status, 2);
  assert.match(readFileSync(olog, 'utf8'), /^kept\n.*-o \/dev\/stderr: is the file this command's stderr is written to/s);
});

test('check and build given an Office Batch file or a ZIP say what it is, not that its columns are separated by \';\'', () => {
  // A helper's attack (twenty-first pass): the file build had just written, checked before its upload,
  // was told to "export with ','"; a ZIP, that it had an empty or repeated column name.
  const good = write('kind.ndjson', `${JSON.stringify(sample)}\n`);
  const request = sogenactif.batch.build({ header, records: [structuredClone(sample)] });
  const cases = [
    [write('OFBREQ_k.csv', request), /is an Office Batch request file: build and check read records/],
    [write('OFBREP_k.csv', toResponse(request, ['00'])), /is an Office Batch response file: read it with remise batch report /],
    // After blank lines, and in XML (the review of the pass: neither was recognised).
    [write('OFBREQ_blank.csv', `\n\r\n${request}`), /is an Office Batch request file: build and check read records/],
    [write('OFBREQ_k.xml', sogenactif.batch.build({ syntax: 'xml', header, records: [structuredClone(sample)] })), /is an Office Batch request file: build and check read records/],
  ];
  assert.equal(remise(['batch', 'build', good, '-o', path('OFBREQ_k.csv.zip'), '--zip', ...HEADER_ARGS]).status, 0);
  cases.push([path('OFBREQ_k.csv.zip'), /is a ZIP archive \(what build --zip writes\): build and check read records/]);
  for (const [file, said] of cases) {
    for (const cmd of [['batch', 'check', file], ['batch', 'build', file, '-o', path('kind-out.csv'), ...HEADER_ARGS]]) {
      const r = remise(cmd);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, said, cmd.join(' '));
      assert.doesNotMatch(r.stderr, /separated by|export with/);
      noStack(r.stderr);
    }
  }
  // `report --request` given a response file (twice, or the two swapped) says so (ARCHITECTURE.md's known
  // gaps, twentieth pass: it was told to name a `method` column).
  const swapped = remise(['batch', 'report', path('OFBREP_k.csv'), '--request', path('OFBREP_k.csv')]);
  assert.equal(swapped.status, 2, swapped.stderr);
  assert.match(swapped.stderr, /--request .*OFBREP_k\.csv is an Office Batch response file \(it starts with FILE;response;\): give the request file it answers/);
  const sh = (command) => spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  // A JSON array after a blank first piece of stdin, with --input-format: still hinted (the second review).
  const array = sh(`(printf '\\n'; sleep 0.3; printf '[{"method":"refund"}]\\n') | "${BIN}" batch check - --input-format ndjson`);
  assert.match(array.stderr, /starts with '\[', a JSON array/);
  // From stdin in pieces (the first read 'FIL'), still recognised.
  const pieces = sh(`(printf FIL; sleep 0.3; printf '%s' "$(tail -c +4 "${path('OFBREQ_k.csv')}")") | "${BIN}" batch check -`);
  assert.match(pieces.stderr, /hint: stdin is an Office Batch request file/);
  // From stdin, the command to read a response file names '-'.
  assert.match(remise(['batch', 'check', '-'], { input: toResponse(request, ['00']) }).stderr, /hint: stdin is an Office Batch response file: read it with remise batch report -$/m);
});

test('build -o naming the other syntax\'s extension, or .zip without --zip, is refused before anything is read', () => {
  // A helper's attack (twenty-first pass): `-o OFBREQ_5.csv --syntax xml` wrote XML into a .csv file,
  // where --entry refused the same name.
  const cases = [
    [['-o', path('OFBREQ_5.csv'), '--syntax', 'xml'], /-o '.*OFBREQ_5\.csv' ends in \.csv but the file is XML \(--syntax xml\): name it .*OFBREQ_5\.xml, or give --syntax csv/],
    [['-o', path('OFBREQ_5.xml')], /-o '.*OFBREQ_5\.xml' ends in \.xml but the file is CSV \(--syntax csv, the default\): name it .*OFBREQ_5\.csv, or give --syntax xml/],
    [['-o', path('OFBREQ_5.zip')], /-o '.*OFBREQ_5\.zip' ends in \.zip but the file is not an archive: give --zip/],
  ];
  for (const [args, said] of cases) {
    const r = remise(['batch', 'build', path('in.ndjson'), ...args, ...HEADER_ARGS]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, said);
    assert.ok(!existsSync(args[1]));
  }
  // With --zip, OUTPUT ending in .csv or .xml would hold a ZIP (a new user's walk), and an entry ending
  // in .zip is the archive's own name.
  const zipped = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_10.csv'), '--zip', ...HEADER_ARGS]);
  assert.equal(zipped.status, 2, zipped.stderr);
  assert.match(zipped.stderr, /-o '.*OFBREQ_10\.csv' ends in \.csv but --zip writes a ZIP archive: name it .*OFBREQ_10\.csv\.zip/);
  const entryZip = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_11.csv.zip'), '--zip', '--entry', 'OFBREQ_11.csv.zip', ...HEADER_ARGS]);
  assert.equal(entryZip.status, 2, entryZip.stderr);
  assert.match(entryZip.stderr, /--entry 'OFBREQ_11\.csv\.zip' ends in \.zip: the entry is the request file inside the archive; name it OFBREQ_11\.csv/);
  // Of an XML file, the name to give is the .xml one (the CLI said .csv, then refused it: the review).
  const xmlEntry = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_12.xml.zip'), '--zip', '--syntax', 'xml', '--entry', 'OFBREQ_12.csv.zip', ...HEADER_ARGS]);
  assert.match(xmlEntry.stderr, /name it OFBREQ_12\.xml \(OUTPUT is the archive's own name\)/);
  // `-o /dev/stdout` on a pipe: refused as any pipe, not a raw ENOENT of `pipe:[…]`.
  const pipe = spawnSync('sh', ['-c', `"${BIN}" batch build "${path('in.ndjson')}" -o /dev/stdout ${HEADER_ARGS.join(' ')} | cat`], { cwd: dir, encoding: 'utf8' });
  assert.match(pipe.stderr, /-o \/dev\/stdout: is not a regular file \(a device, pipe or socket\)/);
  const ok = remise(['batch', 'build', path('in.ndjson'), '-o', path('OFBREQ_5.XML'), '--syntax', 'xml', ...HEADER_ARGS]);
  assert.equal(ok.status, 0, ok.stderr);
});

test('report: a REFUND record of unknown outcome (99) is sent to the back office, in its action and its message; a CANCEL keeps getTransactionData', () => {
  // README, "Sips Office": a refund does not show in getTransactionData (a review of the twenty-seventh pass:
  // the action said the back office, the record's message and its --json still getTransactionData).
  const file = write('resp99.csv', [
    'FILE;response;office;v19', 'HEADER;023101122334455;2026-11-30+0100;10:00:00+0100;3',
    'CANCEL;1;002001000000001;A1;300;978;;;;99;;', 'REFUND;2;002001000000001;A2;300;978;;;;99;;', 'END;2', '',
  ].join('\n'));
  const r = remise(['batch', 'report', file, '--json']);
  const rejections = JSON.parse(r.stdout).rejections;
  const [cancel, refund] = [rejections.find((x) => x.method === 'cancel'), rejections.find((x) => x.method === 'refund')];
  assert.equal(refund.outcome, 'unknown');
  for (const text of [refund.action, refund.responseMessage]) {
    assert.match(text, /Sogenactif back office/);
    assert.doesNotMatch(text, /check (?:the transaction \()?getTransactionData\)? before/);
  }
  assert.match(cancel.action, /getTransactionData/);
});

test('the twenty-ninth pass: file names safe on stdout and quoted in hints, an extension that contradicts the content, advice the command can follow, a masked difference in words', () => {
  // A helper's attack on the CLI. `check`'s verdict line printed INPUT's name raw on stdout (its escape
  // sequences reached the terminal), where the failure path filtered it.
  const C = 'method,merchantId,transactionReference,amount,merchantWalletId,paymentMeanId,currencyCode';
  const V = `walletCredit,${M},T1,5,W1,1,EUR`;
  const odd = write('recs\x1b[31mRED.csv', `${C}\n${V}\n`);
  const ok = remise(['batch', 'check', odd]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /: 1 record, valid\n$/);
  assert.doesNotMatch(ok.stdout, /\x1b/);
  // A hint's command, pasted, works on a name with a space (it was split in two).
  const spaced = write('my recs.csv', `${C}\r${V}\r`);
  const cr = remise(['batch', 'check', spaced]);
  assert.equal(cr.status, 1);
  const command = /e\.g\. (tr .+)$/m.exec(cr.stderr)?.[1];
  assert.ok(command?.includes(`'${spaced}'`), cr.stderr);
  const fixed = spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8' });
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.equal(remise(['batch', 'check', path('records.unix'), '--input-format', 'csv']).status, 0);
  // NDJSON named .csv, CSV named .json: the flag that reads them is named; with it they pass.
  const ndjsonAsCsv = write('ndjson-named.csv', ndjson(records.slice(0, 2)));
  const a = remise(['batch', 'check', ndjsonAsCsv]);
  assert.equal(a.status, 1);
  assert.match(a.stderr, /hint: .*ndjson-named\.csv holds JSON records \(it starts with '\{'\) though its name ends in \.csv: give --input-format ndjson/);
  assert.equal(remise(['batch', 'check', ndjsonAsCsv, '--input-format', 'ndjson']).status, 0);
  const csvAsJson = write('csv-named.json', `${C}\n${V}\n`);
  const b = remise(['batch', 'check', csvAsJson]);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /hint: .*csv-named\.json does not start with '\{' as a JSON record does though its name ends in \.json: if it is CSV with a header row, give --input-format csv/);
  assert.equal(remise(['batch', 'check', csvAsJson, '--input-format', 'csv']).status, 0);
  // A well-named file of the wrong content for no extension (the format sniffed): no such hint.
  assert.doesNotMatch(remise(['batch', 'check', write('noext', `${C}\n${V},extra\n`)]).stderr, /--input-format/);
  // A response line of a type remise does not read: the advice named a JS option the command lacks.
  const unknown = write('OFBRES_5.csv', `FILE;response;office;v19\nHEADER;023101122334455;2026-12-07+0000;22:14:32+0000;5\nCANCEL;1;${M};ORD1;500;978;;;;00;;\nCANCELX;2;${M};ORD2;500;978;;;;00;;\nEND;2\n`);
  const u = remise(['batch', 'report', unknown]);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /unknown method 'CANCELX'/);
  assert.match(u.stderr, /give --unknown-lines report to list such lines and read the others; ask your bank what they are/);
  assert.doesNotMatch(u.stderr, /parse with unknownLines/);
  // A card security code the bank's line changed: both sides are masked, so the difference is said in words.
  const cardOrder = { method: 'cardOrder', merchantId: M, transactionReference: 'CO1', amount: 700, currencyCode: 'EUR', cardNumber: '5555555555554444', cardExpiryDate: '202812', cardCSCValue: '123' };
  const built = remise(['batch', 'build', write('co.ndjson', ndjson([cardOrder])), '-o', path('OFBREQ_8.csv'), ...HEADER_ARGS]);
  assert.equal(built.status, 0, built.stderr);
  const [file, head, line] = readFileSync(path('OFBREQ_8.csv'), 'utf8').split('\n');
  assert.ok(line.includes(';123;'), line);
  write('OFBRES_8.csv', `${file.replace('request', 'response')}\n${head}\n${line.replace(';123;', ';999;')};05;;\nEND;1\n`);
  const m = remise(['batch', 'report', path('OFBRES_8.csv'), '--request', path('OFBREQ_8.csv')]);
  assert.equal(m.status, 1, m.stderr);
  assert.match(m.stdout, /#1 column \d+ differs \(card data, masked on both sides\)/);
  assert.doesNotMatch(m.stdout, /'\*\*\*' \(request '\*\*\*'\)|123|999/);
});

test('an option followed by another (an empty shell variable) is named with what to do, in one line', () => {
  // Node's three sentences ended in advice about dashes (the messages audit, twenty-ninth pass).
  const r = remise(['batch', 'build', write('amb.ndjson', ndjson(records.slice(0, 1))), '-o', path('amb.csv'), '--remitter-id', '--sequence', '42']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^remise batch build: --remitter-id has no value: the word after it is an option \(an empty shell variable\?\); give its value, or --remitter-id=VALUE for one that starts with a dash\n/);
  noStack(r.stderr);
  assert.equal(existsSync(path('amb.csv')), false);
  // A short option: its long form takes `=VALUE` (`-o=-x` is read as a file named '=-x').
  const short = remise(['batch', 'build', path('amb.ndjson'), '-o', '--zip', ...HEADER_ARGS]);
  assert.equal(short.status, 2);
  assert.match(short.stderr, /^remise batch build: -o \(--output\) has no value: .*, or --output=VALUE for one that starts with a dash\n/);
});

test('a week of batch files (twenty-ninth pass): refund advice in every part of the report, a record answered twice not to be resent, amounts without a currency said', () => {
  // A helper's walk: the code rows said getTransactionData for refunds, where a refund does not show (the
  // per-record list, cut at --max-rejections, said the back office); a record answered 90 and 00 was listed
  // as retryable, and resent it was refunded twice; a 99 line with no currency was left out of the amounts
  // without a word.
  const head = 'FILE;response;office;v19\nHEADER;023101122334455;2026-12-01+0100;10:00:00+0100;1\n';
  const refunds = write('OFBRES_r.csv', `${head}REFUND;1;${M};ORD1;400;978;;;;99;;\nREFUND;2;${M};ORD2;300;978;;;;24;;\nEND;2\n`);
  const j = JSON.parse(remise(['batch', 'report', refunds, '--json']).stdout);
  const row = j.responseCodes.find((c) => c.code === '99');
  assert.match(row.action, /check it in the Sogenactif back office/);
  assert.match(row.message, /check it in the Sogenactif back office/);
  assert.doesNotMatch(row.action + row.message, /check (?:the transaction \()?getTransactionData/);
  // Code 24 on a refund: what was refunded is read in the back office, and at most what is left refunded.
  assert.match(j.responseCodes.find((c) => c.code === '24').action, /^read what was refunded already in the Sogenactif back office .*refund at most what is left/);
  assert.match(j.rejections.find((x) => x.responseCode === '24').action, /^read what was refunded already in the Sogenactif back office/);
  const text = remise(['batch', 'report', refunds]).stdout;
  assert.doesNotMatch(text, /check (?:the transaction \()?getTransactionData/);
  const html = path('r.html');
  remise(['batch', 'report', refunds, '--html', html]);
  assert.doesNotMatch(readFileSync(html, 'utf8'), /check (?:the transaction \()?getTransactionData/);
  // A code given to a refund and to a cancel: both places named.
  const mixed = JSON.parse(remise(['batch', 'report', write('OFBRES_m.csv', `${head}REFUND;1;${M};ORD1;400;978;;;;99;;\nCANCEL;2;${M};ORD2;300;978;;;;99;;\nEND;2\n`), '--json']).stdout);
  assert.match(mixed.responseCodes[0].action, /check the transaction \(getTransactionData\)\) \(a refund does not show there: check the Sogenactif back office\)|check getTransactionData.*\(a refund does not show there: check the Sogenactif back office\)/);
  // Answered twice, 90 then 00: not retryable, outcome unknown.
  const twice = remise(['batch', 'report', write('OFBRES_t.csv', `${head}REFUND;1;${M};ORD1;250;978;;;;90;;\nREFUND;1;${M};ORD1;250;978;;;;00;;\nEND;2\n`), '--json']);
  assert.equal(twice.status, 1);
  const x = JSON.parse(twice.stdout).rejections[0];
  assert.equal(x.retryable, false);
  assert.equal(x.outcome, 'unknown');
  assert.match(x.action, /answered by more than one line of this file .*check the refund in the Sogenactif back office/);
  // …and its code's row says not to send it again either (the review of the round).
  const row90 = JSON.parse(twice.stdout).responseCodes.find((c) => c.code === '90');
  assert.equal(row90.retryable, false);
  assert.match(row90.action, /except for a recordSequence the file answers more than once/);
  // A row's meaning does not depend on which line came first (a refund's message is reworded).
  const meaning = (first, second) => JSON.parse(remise(['batch', 'report', write('OFBRES_o.csv', `${head}${first}\n${second}\nEND;2\n`), '--json']).stdout).responseCodes[0].message;
  const refundLine = `REFUND;1;${M};ORD1;400;978;;;;99;;`;
  const cancelLine = `CANCEL;2;${M};ORD2;300;978;;;;99;;`;
  assert.equal(meaning(refundLine, cancelLine), meaning(cancelLine.replace(';2;', ';1;'), refundLine.replace(';1;', ';2;')));
  // …nor on whether a record answered twice came first (its line's message says so; the row's does not).
  const three = (lines) => JSON.parse(remise(['batch', 'report', write('OFBRES_3.csv', `${head}${lines.join('\n')}\nEND;3\n`), '--json']).stdout).responseCodes.find((c) => c.code === '90').message;
  const r1 = `CANCEL;1;${M};ORD1;250;978;;;;90;;`;
  const r1b = `CANCEL;1;${M};ORD1;250;978;;;;00;;`;
  const r2 = `CANCEL;2;${M};ORD2;250;978;;;;90;;`;
  assert.equal(three([r1, r1b, r2]), three([r2, r1, r1b]));
  assert.doesNotMatch(three([r1, r1b, r2]), /answered by more than one line/);
  // A refund answered 60 (pending): its action names the back office too.
  const pending = JSON.parse(remise(['batch', 'report', write('OFBRES_p.csv', `${head}REFUND;1;${M};ORD1;400;978;;;;60;;\nEND;1\n`), '--json']).stdout);
  assert.match(pending.rejections[0].action, /^pending: check the transaction later before sending anything again: check it in the Sogenactif back office/);
  assert.match(pending.responseCodes[0].action, /Sogenactif back office/);
  // Amounts without a currency code: said, exit 1.
  const blank = remise(['batch', 'report', write('OFBRES_b.csv', `${head}REFUND;1;${M};ORD1;250;978;;;;00;;\nREFUND;2;${M};ORD3;300;;;;;00;;\nREFUND;3;${M};ORD4;400;;;;;99;;\nEND;3\n`)]);
  assert.equal(blank.status, 1);
  assert.match(blank.stdout, /WARNING: 2 lines hold an amount without a currency code, left out of the amounts below \(recordSequence 2, 3\): check them in the file/);
  assert.match(blank.stdout, /2\.50 EUR/);
});

test('report --unknown-lines report: lines of unknown type are left out and named by their file line, across slices; exit 1 with a WARNING', () => {
  // 25 000 record lines, read in slices of 10 000: three of a type no method has, at file lines
  // chosen here (line 1 is FILE, 2 HEADER, so record i is on line i + 3).
  const head = 'FILE;response;office;v19\nHEADER;023101122334455;2026-12-08+0100;02:00:00+0100;7\n';
  const odd = new Map([[0, 'CANCELX'], [12_344, 'BALANCE'], [24_999, '4970101122334455']]);
  const body = Array.from({ length: 25_000 }, (_, i) => (odd.has(i) ? `${odd.get(i)};${i + 1};x` : `CANCEL;${i + 1};${M};O${i};100;978;;;;${i % 10 === 0 ? '05' : '00'};;`));
  const file = write('OFBRES_unknown.csv', `${head}${body.join('\n')}\nEND;25000\n`);
  // The default stops at the first one, and says how to read past it with the command.
  const stopped = remise(['batch', 'report', file]);
  assert.equal(stopped.status, 1);
  assert.match(stopped.stderr, /line 3 of the Office Batch response: unknown method 'CANCELX'.*give --unknown-lines report/);
  const json = remise(['batch', 'report', file, '--unknown-lines', 'report', '--json']);
  assert.equal(json.status, 1, json.stderr);
  const r = JSON.parse(json.stdout);
  // The card-like type is masked to its last four digits.
  assert.deepEqual(r.unknownLines, { count: 3, lines: [{ line: 3, type: 'CANCELX' }, { line: 12_347, type: 'BALANCE' }, { line: 25_002, type: '************4455' }] });
  // Records 1 … 25 000 but the three: 24 997; refused (05) those with i % 10 === 0 but i = 0 (an odd line): 2 499.
  assert.deepEqual(r.totals, { records: 24_997, accepted: 24_997 - 2_499, rejected: 2_499, unknown: 0 });
  assert.equal(r.methods[0].amounts[0].rejected, (2_499).toFixed(2));
  assert.equal(r.methods[0].amounts[0].accepted, (24_997 - 2_499).toFixed(2));
  assert.match(r.problems[0], /^3 lines are of a type remise does not read, left out of the totals below \(line 3 'CANCELX', line 12347 'BALANCE', line 25002 '\*{12}4455'\): ask your bank/);
  const text = remise(['batch', 'report', file, '--unknown-lines', 'report']);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /WARNING: 3 lines are of a type remise does not read/);
  assert.doesNotMatch(text.stdout + json.stdout, /4970101122334455/);
  // 'error' is the default spelled out; anything else is a usage error.
  assert.equal(remise(['batch', 'report', file, '--unknown-lines', 'error']).stderr, stopped.stderr);
  const bad = remise(['batch', 'report', file, '--unknown-lines', 'skip']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--unknown-lines must be error or report, got 'skip'/);
  // A file without such lines reads as before (exit 0, no unknownLines key).
  const clean = remise(['batch', 'report', write('OFBRES_clean.csv', `${head}CANCEL;1;${M};O1;100;978;;;;00;;\nEND;1\n`), '--unknown-lines', 'report', '--json']);
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(JSON.parse(clean.stdout).unknownLines, undefined);
});

test('--layouts in build, check and report, --result-fields in report: a bank whose columns differ, from the command line', () => {
  // README "Correcting a layout": a refund with currency before amount and an empty column.
  const layouts = { refund: ['merchantId', 'transactionReference', 'currencyCode', 'operationAmount', null, 's10TransactionReference.s10TransactionId', 's10TransactionReference.s10TransactionIdDate'] };
  const lay = write('bank-layouts.json', JSON.stringify(layouts));
  const refunds = [
    { method: 'refund', merchantId: M, transactionReference: 'ORDER2', currencyCode: 'EUR', operationAmount: 750 },
    { method: 'refund', merchantId: M, transactionReference: 'ORDER3', currencyCode: 'EUR', operationAmount: 250 },
  ];
  const input = write('bank-refunds.ndjson', ndjson(refunds));
  const built = remise(['batch', 'build', input, '-o', path('OFBREQ_31.csv'), ...HEADER_ARGS, '--layouts', lay]);
  assert.equal(built.status, 0, built.stderr);
  const lines = readFileSync(path('OFBREQ_31.csv'), 'utf8').split('\n');
  // Written by hand from the layout: currency (978) before amount, then the empty and the two s10 columns.
  assert.deepEqual(lines.slice(2, 4), [`REFUND;1;${M};ORDER2;978;750;;;`, `REFUND;2;${M};ORDER3;978;250;;;`]);
  assert.equal(remise(['batch', 'check', input, '--layouts', lay]).status, 0);
  // The bank's answer: each line echoed, then its result columns in its own order (code last).
  const response = write('OFBRES_31.csv', [lines[0].replace('request', 'response'), lines[1], `${lines[2]};A1;00`, `${lines[3]};;05`, 'END;2', ''].join('\n'));
  const args = ['batch', 'report', response, '--json', '--layouts', lay, '--result-fields', 'authorisationId,responseCode'];
  const r = remise(args);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.methods[0].amounts, [{ currency: 'EUR', records: 2, accepted: '7.50', rejected: '2.50', unknown: '0.00' }]);
  assert.deepEqual(report.responseCodes.map((c) => [c.code, c.count]), [['00', 1], ['05', 1]]);
  // Joined with the request file, column by column, and with the records it was built from.
  for (const request of [path('OFBREQ_31.csv'), input]) {
    const j = JSON.parse(remise([...args, '--request', request]).stdout).join;
    assert.deepEqual([j.records, j.matched, j.mismatchedCount, j.notInResponse, j.notInRequest], [2, 2, 0, [], []], request);
  }
  // Without them the same file is read with remise's table: the authorisation id where the code should be.
  const plain = remise(['batch', 'report', response, '--json']);
  assert.equal(plain.status, 1);
  assert.match(plain.stderr, /line 3 of the Office Batch response: responseCode must be 2 digits, got 'A1'/);
  // A layout the library refuses: its words and paths, and what the path means on the command line.
  const bad = write('bad-layouts.json', JSON.stringify({ refund: ['merchantId', 'transactionRef'] }));
  for (const cmd of [['build', input, '-o', path('OFBREQ_32.csv'), ...HEADER_ARGS], ['check', input], ['report', response]]) {
    const e = remise(['batch', ...cmd, '--layouts', bad]);
    assert.equal(e.status, 1, cmd[0]);
    assert.match(e.stderr, /layouts\.refund\[1\]  ENUM  unknown field 'transactionRef'/, cmd[0]);
    assert.match(e.stderr, /hint: layouts\.METHOD\[i\] is name i \(counted from 0\) of the METHOD list in the --layouts file/, cmd[0]);
  }
  assert.equal(existsSync(path('OFBREQ_32.csv')), false);
  const fields = remise(['batch', 'report', response, '--result-fields', 'authorisationId']);
  assert.equal(fields.status, 1);
  assert.match(fields.stderr, /'responseCode' among them/);
  assert.match(fields.stderr, /hint: resultFields\[i\] is name i \(counted from 0\) of --result-fields/);
  // A file that is not one: exit 2, named.
  const notJson = remise(['batch', 'check', input, '--layouts', write('nope.json', '{refund')]);
  assert.equal(notJson.status, 2);
  assert.match(notJson.stderr, /--layouts .*nope\.json is not JSON \(.*\): give an object of column layouts per method/);
  assert.match(remise(['batch', 'check', input, '--layouts', path('missing.json')]).stderr, /--layouts .*missing\.json: no such file/);
  assert.match(remise(['batch', 'check', input, '--layouts', dir]).stderr, /--layouts .*: is a directory/);
  // The file read is never a file written.
  const same = remise(['batch', 'build', input, '-o', lay, ...HEADER_ARGS, '--layouts', lay]);
  assert.equal(same.status, 2);
  assert.deepEqual(JSON.parse(readFileSync(lay, 'utf8')), layouts);
});

test('report --unknown-lines report (the review of the thirtieth pass): a line of unknown type is never joined, END may leave it out, a grouped card number as its type is masked', () => {
  const head = 'FILE;response;office;v19\nHEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\n';
  const layouts = write('join-layouts.json', JSON.stringify({ refund: ['merchantId', 'transactionReference', 'currencyCode', 'operationAmount'] }));
  const request = write('OFBREQ_40.csv', `FILE;request;office;v19\nHEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\nREFUND;1;${M};R1;978;100\nREFUND;2;${M};R2;978;200\nEND;2\n`);
  // A bank's note after record 2, its second column 2 too; END counts the two records only.
  const response = write('OFBRES_40.csv', `${head}REFUND;1;${M};R1;978;100;00;;\nREFUND;2;${M};R2;978;200;00;;\nNOTE;2;bank comment\n4970 1012 3456 7893;3;x\nEND;2\n`);
  const r = remise(['batch', 'report', response, '--request', request, '--layouts', layouts, '--unknown-lines', 'report', '--json']);
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual([report.join.matched, report.join.mismatchedCount, report.join.mismatched], [2, 0, []]);
  assert.deepEqual(report.unknownLines, { count: 2, lines: [{ line: 5, type: 'NOTE' }, { line: 6, type: '**** **** **** 7893' }] });
  assert.equal(report.problems.length, 1, report.problems.join('\n'));
  assert.doesNotMatch(r.stdout, /4970/);
  // END counting every line reads too; another count is refused, naming both kinds of line.
  const all = write('OFBRES_41.csv', readFileSync(response, 'utf8').replace('END;2', 'END;4'));
  assert.equal(remise(['batch', 'report', all, '--layouts', layouts, '--unknown-lines', 'report']).status, 1);
  assert.match(remise(['batch', 'report', all, '--layouts', layouts, '--unknown-lines', 'report']).stdout, /WARNING: 2 lines are of a type remise does not read/);
  const wrong = remise(['batch', 'report', write('OFBRES_42.csv', readFileSync(response, 'utf8').replace('END;2', 'END;3')), '--layouts', layouts, '--unknown-lines', 'report']);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /line 7 .*END announces 3 records but the file holds 4 lines \(2 records and 2 of a type remise does not read\): the file is truncated or corrupt/);
  // A layouts file of null, and --layouts naming the stdin that '-' reads.
  const nul = remise(['batch', 'check', write('l-null.ndjson', ndjson([{ method: 'refund', merchantId: M, transactionReference: 'R1', currencyCode: 'EUR', operationAmount: 1 }])), '--layouts', write('null.json', 'null')]);
  assert.equal(nul.status, 2);
  assert.match(nul.stderr, /--layouts .*null\.json holds null: give an object of column layouts per method/);
  const both = remise(['batch', 'report', '-', '--layouts', '/dev/stdin'], { input: readFileSync(response, 'utf8') });
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--layouts \/dev\/stdin is stdin, which '-' reads too: give the layouts in a file/);
});

test('report --unknown-lines report: a type is shown as file text is (control characters as ?, JSON escapes), and a request record it may answer is said so', () => {
  const head = 'FILE;response;office;v19\nHEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\n';
  const response = write('OFBRES_50.csv', `${head}REFUND;1;${M};R1;100;978;;;;00;;\nX\x1b[31mRED\u202eEVIL;2;x\n${'Y'.repeat(45)};3\nEND;3\n`);
  const json = remise(['batch', 'report', response, '--unknown-lines', 'report', '--json']);
  assert.equal(json.status, 1, json.stderr);
  // The type as the file holds it (the first 40 characters, then …): JSON.parse gives the characters back.
  assert.deepEqual(JSON.parse(json.stdout).unknownLines.lines, [{ line: 4, type: 'X\x1b[31mRED\u202eEVIL' }, { line: 5, type: `${'Y'.repeat(40)}…` }]);
  assert.doesNotMatch(json.stdout, /\\u\{/);
  const text = remise(['batch', 'report', response, '--unknown-lines', 'report']);
  assert.match(text.stdout, /line 4 'X\?\[31mRED\?EVIL'/);
  // A request record whose answer may be one of those lines.
  const request = write('r50.ndjson', ndjson([1, 2].map((n) => ({ method: 'refund', recordSequence: n, merchantId: M, transactionReference: `R${n}`, operationAmount: 100, currencyCode: 'EUR' }))));
  const joined = remise(['batch', 'report', response, '--unknown-lines', 'report', '--request', request]);
  assert.match(joined.stdout, /no response line for recordSequence 2: the bank did not process them \(or this is not its whole answer, or answered them on the lines of unknown type above\)/);
});
