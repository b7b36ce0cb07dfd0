'use strict';
// Cold-start phases of the CommonJS entry, in a fresh process (run from the scratch folder where
// the tarball is installed). Prints one JSON object of milliseconds.
//   load:    require of the wasm-bindgen glue (read + compile + instantiate the .wasm), require of
//            api.cjs, build(raw) (the namespaces, with any table computed at load), first call.
//   compile: the same .wasm read and compiled alone (new WebAssembly.Module), no instantiation.
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const ms = (a, b) => Number(b - a) / 1e6;
const now = () => process.hrtime.bigint();
const dir = dirname(require.resolve('remise/package.json', { paths: [process.cwd()] }));
const out = {};
if (process.argv[2] === 'compile') {
  const t0 = now();
  const bytes = readFileSync(join(dir, 'node', 'remise_bg.wasm'));
  const t1 = now();
  const mod = new WebAssembly.Module(bytes);
  const t2 = now();
  out['read .wasm'] = ms(t0, t1);
  out['compile .wasm (new WebAssembly.Module)'] = ms(t1, t2);
  void mod;
} else {
  const t0 = now();
  const raw = require(join(dir, 'node', 'remise.cjs'));
  const t1 = now();
  const { build } = require(join(dir, 'api.cjs'));
  const t2 = now();
  const api = build(raw);
  const t3 = now();
  api.money.toMinor('1', 'EUR');
  const t4 = now();
  out['glue require (read + compile + instantiate)'] = ms(t0, t1);
  out['api.cjs require'] = ms(t1, t2);
  out['build(raw): namespaces'] = ms(t2, t3);
  out['first money.toMinor'] = ms(t3, t4);
  out['total in JS'] = ms(t0, t4);
}
process.stdout.write(JSON.stringify(out));
