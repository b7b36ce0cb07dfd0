// README.md's JavaScript examples, run as a reader copies them: every ```js block, against the installed
// tarball, each in its own node process (a `require` block as CommonJS). The expectations come from the
// README's own comments, never from this file:
//   - a line of bare expressions, or a console.log, whose comment starts with values states them:
//     `money.toMinor('300.50', 'EUR'); // 30050`, `a; b; c; // 600, true, true`, `console.log(x); // { … }`
//     (a console.log comment states its first arguments; prose after the values is left alone);
//   - `expr; /* 'PSP_075' */` states the value of `expr`;
//   - a comment-only line `// → value` under `const name = …` states the value of `name`;
//   - any other comment after a console.log is what it prints, a whole line (`…` at its end: a prefix).
// Each stated value must be reached and equal (JSON-equal for objects). A block that uses names it does
// not define (`uuid`, `records`, a client reaching a gateway) has a `<!-- readme-test: setup NAME … -->`
// line above it: SETUPS below defines those names, and points `fetch` at remise's simulator, so that
// nothing leaves the process. `<!-- readme-test: skip REASON -->` leaves a block out. The remise names a
// block uses without importing them (`sogenactif.…` in a block that continues another) are imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// REMISE_REPO is set by `make test-js`, which runs from a scratch folder; in the repository, its root.
const repo = process.env.REMISE_REPO ?? fileURLToPath(new URL('..', import.meta.url));
const README = join(repo, 'README.md');

/** What a setup gives a block: code before it (its names), code after it, or a driver that imports it. */
const SETUPS = {
  // The Workers handler is an ES module with a default export: the driver imports it and posts one amount.
  worker: {
    driver: `import worker from './block.mjs';
const answer = await worker.fetch(new Request('https://worker.example/', { method: 'POST', body: JSON.stringify({ amount: '300.50', currency: 'EUR' }) }));
if (answer.status !== 200) throw new Error('the worker answered HTTP ' + answer.status + ': ' + await answer.text());
const body = await answer.json();
if (!Number.isSafeInteger(body.minor)) throw new Error('the worker answered ' + JSON.stringify(body));`,
  },
  // The shop the example names, with a password of the test platform's form; a 30.00 EUR payment
  // captured at the night's capture run.
  systempay: {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
const __sim = __createSimulator({ now: '2026-11-30T09:00:00Z', systempay: { shopId: '73239078', password: 'testpassword_README' } });
process.env.SYSTEMPAY_PASSWORD = 'testpassword_README';
globalThis.fetch = __sim.fetch;
const { uuid } = __sim.systempay.createTransaction({ amount: 3000, currency: 'EUR', captureDelay: 0 });
__sim.advance({ days: 1 });`,
  },
  // The simulator's merchant is the example's (111111111); the authorisation the example captures.
  payline: {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
const __sim = __createSimulator();
process.env.PAYLINE_ACCESS_KEY = __sim.payline.credentials.accessKey;
globalThis.fetch = __sim.fetch;
__sim.payline.createTransaction({ id: '14340105742592', amount: 1000, currency: 'EUR', action: 100, contractNumber: '1234567', orderRef: 'ORDER-0001' });`,
  },
  batch: {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
import { sogenactif as __sogenactif } from 'remise';
const records = [{ method: 'walletCredit', merchantId: '023101122334456', transactionReference: 'WCR2', amount: 300, merchantWalletId: 'W42', paymentMeanId: '1', currencyCode: 'EUR' }];
const responseText = __createSimulator().sogenactif.processBatch(__sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 3 }, records }));`,
  },
  convert: {
    before: `import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sogenactif as __sogenactif } from 'remise';
const header = { remitterId: '023101122334455', sequence: 1 };
const records = Array.from({ length: 5 }, (_, i) => ({ method: 'walletCredit', merchantId: '023101122334456', transactionReference: 'WCR' + i, amount: 300 + i, merchantWalletId: 'W42', paymentMeanId: '1', currencyCode: 'EUR' }));
fs.writeFileSync('records.ndjson', records.map((r) => JSON.stringify(r)).join('\\n') + '\\n');
const out = fs.createWriteStream('OFBREQ_push.csv');
const writer = new __sogenactif.BatchWriter({ header: { remitterId: '023101122334455', sequence: 2 } });
fs.writeFileSync('OFBREQ_2.csv', writer.header());`,
    after: `await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));`,
  },
  layouts: {
    before: `const header = { remitterId: '023101122334455', sequence: 1 };
const records = [{ method: 'refund', merchantId: '023101122334456', transactionReference: 'ORDER2', operationAmount: 750, currencyCode: 'EUR' }];
const layouts = { refund: ['merchantId', 'transactionReference', 'currencyCode', 'operationAmount', null, 's10TransactionReference.s10TransactionId', 's10TransactionReference.s10TransactionIdDate'] };
const text = ['FILE;response;office;v19', 'HEADER;023101122334455;2026-12-01+0100;17:00:00+0100;1', 'REFUND;1;023101122334456;ORDER2;978;750;;;;00;', 'NEWMETHOD;2;023101122334456', 'END;2', ''].join('\\n');`,
  },
  office: {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
const __sim = __createSimulator();
const { merchantId, secretKey, keyVersion } = __sim.sogenactif.credentials;
process.env.SIPS_SECRET_KEY = secretKey;
globalThis.fetch = __sim.fetch;
__sim.sogenactif.createTransaction({ transactionReference: 'ORDER42', amount: 1000, status: 'TO_CAPTURE' });`,
  },
  'systempay-captured': {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
import { systempay as __systempay } from 'remise';
const __sim = __createSimulator({ now: '2026-11-30T09:00:00Z' }); // (a fixed clock: between 00:00 and 00:05 UTC the night's capture run had not come a day later)
const client = new __systempay.Client({ ...__sim.systempay.credentials, fetch: __sim.fetch });
const { uuid } = __sim.systempay.createTransaction({ amount: 3000, currency: 'EUR', captureDelay: 0 });
__sim.advance({ days: 1 });`,
  },
  'payline-currency': {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
import { payline as __payline } from 'remise';
const __sim = __createSimulator();
const client = new __payline.Client({ ...__sim.payline.credentials, fetch: __sim.fetch });
const __original = __sim.payline.createTransaction({ amount: 1000, currency: 'EUR', action: 100, contractNumber: '1234567', orderRef: 'ORDER-0001', date: new Date(__sim.now().getTime() - 3 * 86_400_000) });
const params = {
  transactionID: __original.id,
  payment: { amount: 1000, currency: 'USD', action: 101, mode: 'CPT', contractNumber: '1234567' },
  order: { ref: 'ORDER-0001-R1', amount: 1000, currency: 'USD', date: __sim.now() },
};`,
  },
  'office-client': {
    before: `import { createSimulator as __createSimulator } from 'remise/simulator';
import { sogenactif as __sogenactif } from 'remise';
const __sim = __createSimulator();
// The README's line reads a sealed answer, as production sends (the test platform does not seal).
const office = new __sogenactif.OfficeClient({ ...__sim.sogenactif.credentials, environment: 'production', fetch: __sim.fetch });
__sim.sogenactif.createTransaction({ transactionReference: 'ORDER42', amount: 1000, status: 'TO_CAPTURE' });`,
  },
};

const MARKER = /^<!-- readme-test: (setup|skip) (.*?) -->$/;

/** The ```js blocks of the README: { line (of the fence), code, setup?, skip? }. */
function blocks(text) {
  const lines = text.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const marker = MARKER.exec(lines[i - 1] ?? '');
    if (fence[1] === 'js') {
      const block = { line: i + 1, code: lines.slice(i + 1, end).join('\n') };
      if (marker?.[1] === 'setup') block.setup = marker[2].split(' ')[0];
      if (marker?.[1] === 'skip') block.skip = marker[2];
      found.push(block);
    } else if (marker) {
      throw new Error(`README.md:${i}: a readme-test marker above a \`\`\`${fence[1]} block (only \`\`\`js blocks run)`);
    }
    i = end;
  }
  for (const [n, line] of lines.entries()) {
    if (line.startsWith('<!-- readme-test:') && !(MARKER.test(line) && lines[n + 1] === '```js')) {
      throw new Error(`README.md:${n + 1}: '${line}' must be one line right above a \`\`\`js block`);
    }
  }
  return found;
}

/** `line` split at its `//` comment (outside strings): { code, comment? }. */
function splitComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') return { code: line.slice(0, i), comment: line.slice(i + 2).trim() };
  }
  return { code: line };
}

/** A JS literal's value, or undefined when `text` is not one (prose such as `a string: …`). */
function literal(text) {
  if (!/^(['"{[]|-?\d|true\b|false\b|null\b)/.test(text)) return undefined;
  try {
    return { value: new Function(`return (${text});`)() };
  } catch {
    return undefined;
  }
}

/**
 * The values a comment starts with, as source text: `30050`, `'1000'`, `600, true, true`,
 * `{ code: 'KWD', … }`. They end at the first item that is not a value, or at ` (` / ` —` (prose).
 */
function statedValues(comment) {
  const values = [];
  let rest = comment;
  outer: while (rest) {
    // The shortest prefix that is a literal and ends where an item can end.
    for (let end = 1; end <= rest.length; end++) {
      const after = rest.slice(end);
      if (!(after === '' || after.startsWith(',') || after.startsWith(' (') || after.startsWith(' —'))) continue;
      if (literal(rest.slice(0, end).trim()) === undefined) continue;
      values.push(rest.slice(0, end).trim());
      if (!after.startsWith(',')) break outer;
      rest = after.slice(1).trim();
      continue outer;
    }
    break;
  }
  return values;
}

/** Bare expression statements `a; b;` (no declaration, assignment or keyword), or null. */
function bareExpressions(code) {
  const text = code.trim();
  if (!text.endsWith(';')) return null;
  const parts = text.slice(0, -1).split(';').map((s) => s.trim());
  const statement = /^(const|let|var|import|export|for|if|else|try|catch|return|throw|await|[{}])\b|^[{}]/;
  if (parts.some((p) => !p || statement.test(p) || /(^|[^=!<>])=(?![=>])/.test(p))) return null;
  return parts;
}

/** The block made runnable and checkable: { source, expectations: [{ line, kind, stated }] }. */
function instrument(code) {
  const expectations = [];
  const expect = (line, kind, stated) => expectations.push({ line, kind, stated }) - 1;
  const lines = code.split('\n');
  const out = [];
  for (const [i, original] of lines.entries()) {
    // `expr; /* value */`, anywhere on the line.
    const line = original.replace(/([\w$.?]+); \/\* (.+?) \*\//g, (whole, expr, comment) => {
      const stated = statedValues(comment);
      if (stated.length !== 1) return whole;
      return `__readme.value(${expect(i + 1, 'value', stated)}, [${stated}], ${expr});`;
    });
    const { code: statement, comment } = splitComment(line);
    if (comment === undefined) {
      out.push(line);
      continue;
    }
    if (statement.trim() === '') {
      // `// → value` under `const name = …`.
      const decl = /^\s*(?:const|let|var)\s+([\w$]+)\s*=/.exec(lines[i - 1] ?? '');
      const stated = comment.startsWith('→ ') ? statedValues(comment.slice(2)) : [];
      out.push(decl && stated.length === 1 ? `__readme.value(${expect(i + 1, 'value', stated)}, [${stated}], ${decl[1]});` : line);
      continue;
    }
    const stated = statedValues(comment);
    const log = /^(\s*)console\.log\((.*)\);\s*$/.exec(statement);
    const exprs = bareExpressions(statement);
    if (stated.length && log) {
      out.push(`${log[1]}console.log(...__readme.value(${expect(i + 1, 'value', stated)}, [${stated}], ${log[2]}));`);
    } else if (stated.length && exprs) {
      if (exprs.length !== stated.length) throw new Error(`README block line ${i + 1}: ${exprs.length} expressions, ${stated.length} stated values`);
      out.push(`__readme.value(${expect(i + 1, 'value', stated)}, [${stated}], ${exprs.join(', ')});`);
    } else {
      if (!stated.length && /\bconsole\.log\(/.test(statement)) expect(i + 1, 'printed', comment);
      out.push(line);
    }
  }
  return { source: out.join('\n'), expectations };
}

// Loaded by every block (CommonJS, so that both kinds of block can load it): records each stated value
// against the actual one and writes them out when the process ends.
const HELPER = `const { isDeepStrictEqual, inspect } = require('node:util');
const { writeFileSync } = require('node:fs');
const results = {};
const plain = (v) => (v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v);
module.exports = {
  value(id, stated, ...actual) {
    const ok = stated.every((v, k) => isDeepStrictEqual(plain(actual[k]), v));
    if (!results[id] || !ok) results[id] = { ok, actual: actual.slice(0, stated.length).map((v) => inspect(v, { depth: 4 })) };
    return actual;
  },
};
process.on('exit', () => writeFileSync(process.env.README_TEST_RESULTS, JSON.stringify(results)));
`;

const REMISE_NAMES = ['money', 'systempay', 'payline', 'sogenactif', 'RemiseError', 'isRemiseError'];

/** The block's file(s) in `dir`; returns the file node runs. */
function writeBlock(dir, block, source) {
  writeFileSync(join(dir, 'readme-helper.cjs'), HELPER);
  const setup = SETUPS[block.setup] ?? {};
  if (/\brequire\(/.test(block.code) && !/^import\b/m.test(block.code)) {
    writeFileSync(join(dir, 'block.cjs'), `const __readme = require('./readme-helper.cjs');\n${source}\n`);
    return 'block.cjs';
  }
  // The remise names the block uses without importing them: a reader continuing an earlier block has them.
  const imported = new Set([...block.code.matchAll(/^import\s*\{([^}]*)\}\s*from\s*'remise'/gm)].flatMap((m) => m[1].split(',').map((s) => s.trim().split(/\s+as\s+/).pop())));
  const missing = REMISE_NAMES.filter((n) => !imported.has(n) && new RegExp(`(^|[^\\w.$])${n}\\b`).test(block.code.replace(/\/\/.*$/gm, '')));
  const head = [`import __readme from './readme-helper.cjs';`];
  if (missing.length) head.push(`import { ${missing.join(', ')} } from 'remise';`);
  writeFileSync(join(dir, 'block.mjs'), [...head, setup.before ?? '', source, setup.after ?? ''].join('\n'));
  if (!setup.driver) return 'block.mjs';
  writeFileSync(join(dir, 'driver.mjs'), setup.driver);
  return 'driver.mjs';
}

function run(dir, file) {
  // Without the test runner's NODE_TEST_CONTEXT, a block that calls node:test reports as a program does.
  const env = { ...process.env, README_TEST_RESULTS: join(dir, 'results.json') };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { cwd: dir, env, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
    );
  });
}

const text = readFileSync(README, 'utf8');
const all = blocks(text);
// Block folders sit in the scratch folder, where `remise` is installed.
const root = mkdtempSync(join(process.cwd(), '.readme-test-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

test('README: every ```js block runs or says why not, and names a setup this file has', () => {
  assert.ok(all.length >= 10, `only ${all.length} js blocks found in README.md`);
  for (const b of all) {
    if (b.skip !== undefined) assert.ok(b.skip.trim().length > 0, `README.md:${b.line}: a skip gives its reason`);
    if (b.setup !== undefined) assert.ok(b.setup in SETUPS, `README.md:${b.line}: unknown setup '${b.setup}'`);
  }
  const used = new Set(all.map((b) => b.setup));
  for (const name of Object.keys(SETUPS)) assert.ok(used.has(name), `setup '${name}' is named by no README block`);
  // The statements are recognised: the Quick start states at least its three values and one printed line.
  const quick = instrument(all[0].code).expectations;
  assert.ok(quick.filter((e) => e.kind === 'value').length >= 3 && quick.some((e) => e.kind === 'printed'), JSON.stringify(quick));
});

for (const [n, block] of all.entries()) {
  const first = block.code.split('\n').find((l) => l.trim() && !l.startsWith('//') && !l.startsWith('import')) ?? '';
  const name = `README.md:${block.line} ${first.trim().slice(0, 60)}`;
  test(name, { skip: block.skip }, async () => {
    const { source, expectations } = instrument(block.code);
    const dir = join(root, String(n));
    mkdirSync(dir);
    const r = await run(dir, writeBlock(dir, block, source));
    assert.equal(r.status, 0, `the block failed:\n${r.stderr}\n${r.stdout}`);
    const results = existsSync(join(dir, 'results.json')) ? JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) : {};
    const printed = r.stdout.split('\n');
    const wrong = [];
    for (const [id, e] of expectations.entries()) {
      const where = `README.md:${block.line + e.line}`;
      if (e.kind === 'value') {
        if (!results[id]) wrong.push(`${where}: the line stating ${e.stated.join(', ')} was not reached`);
        else if (!results[id].ok) wrong.push(`${where}: README states ${e.stated.join(', ')}, the code gives ${results[id].actual.join(', ')}`);
      } else {
        const prefix = e.stated.endsWith('…') ? e.stated.slice(0, -1) : null;
        if (!printed.some((l) => (prefix === null ? l === e.stated : l.startsWith(prefix)))) {
          wrong.push(`${where}: README says it prints '${e.stated}'; the block printed:\n${r.stdout}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
}
