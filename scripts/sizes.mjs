// The raw and gzip size of every shipped file of pkg/, as a Markdown table. With --write FILE...,
// replaces the table between the `<!-- sizes:start -->` and `<!-- sizes:end -->` markers of each
// FILE (make readme-sizes does it for README.md and pkg/README.md after a build).
// Usage: node scripts/sizes.mjs [--write README.md ...]
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const pkg = join(root, 'pkg');
const MAIN = 'web/remise_bg.wasm';

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

const n = (x) => x.toLocaleString('en-US').replaceAll(',', '\u202f');
const rows = [];
let rawTotal = 0;
let gzTotal = 0;
for (const f of (await files(pkg)).sort()) {
  const name = relative(pkg, f);
  const bytes = await readFile(f);
  // The same measure as the gate in `make sizes`: the gzip command at -9.
  const gz = execFileSync('gzip', ['-9', '-c', f], { maxBuffer: 1 << 26 }).length;
  rawTotal += (await stat(f)).size;
  gzTotal += gz;
  rows.push(`| \`${name}\`${name === MAIN ? ' (main)' : ''} | ${n(bytes.length)} | ${n(gz)} |`);
}
const table = [
  '| file | raw bytes | gzip -9 bytes |',
  '|---|---:|---:|',
  ...rows,
  `| **total** | ${n(rawTotal)} | ${n(gzTotal)} |`,
].join('\n');

const args = process.argv.slice(2);
if (args[0] === '--write') {
  for (const file of args.slice(1)) {
    const text = await readFile(file, 'utf8');
    const re = /(<!-- sizes:start -->\n)[\s\S]*?(<!-- sizes:end -->)/;
    if (!re.test(text)) throw new Error(`${file} has no <!-- sizes:start --> / <!-- sizes:end --> markers`);
    await writeFile(file, text.replace(re, `$1${table}\n$2`));
    console.log(`sizes table written to ${file}`);
  }
} else {
  console.log(table);
}
