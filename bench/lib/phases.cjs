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
  out['compile alone: read .wasm'] = ms(t0, t1);
  out['compile alone: new WebAssembly.Module'] = ms(t1, t2);
  void mod;
} else {
  // Time the glue's own steps by wrapping what it calls (readFileSync of the .wasm, the
  // WebAssembly.Module and WebAssembly.Instance constructors); restored right after.
  const fs = require('node:fs');
  const spent = { read: 0n, compile: 0n, instantiate: 0n };
  const wrap = (fn, key) =>
    new Proxy(fn, {
      apply(target, self, args) {
        const a = now();
        try { return Reflect.apply(target, self, args); } finally { if (String(args[0]).endsWith('.wasm')) spent[key] += now() - a; }
      },
      construct(target, args) {
        const a = now();
        try { return Reflect.construct(target, args); } finally { spent[key] += now() - a; }
      },
    });
  const saved = [fs.readFileSync, WebAssembly.Module, WebAssembly.Instance];
  fs.readFileSync = wrap(saved[0], 'read');
  WebAssembly.Module = wrap(saved[1], 'compile');
  WebAssembly.Instance = wrap(saved[2], 'instantiate');
  const t0 = now();
  const raw = require(join(dir, 'node', 'remise.cjs'));
  const t1 = now();
  [fs.readFileSync, WebAssembly.Module, WebAssembly.Instance] = saved;
  out['↳ read .wasm'] = Number(spent.read) / 1e6;
  out['↳ compile (new WebAssembly.Module)'] = Number(spent.compile) / 1e6;
  out['↳ instantiate (new WebAssembly.Instance)'] = Number(spent.instantiate) / 1e6;
  out['↳ glue JS (load, run, __wbindgen_start)'] = ms(t0, t1) - Number(spent.read + spent.compile + spent.instantiate) / 1e6;
  const { build } = require(join(dir, 'api.cjs'));
  const t2 = now();
  const api = build(raw);
  const t3 = now();
  api.money.toMinor('1', 'EUR');
  const t4 = now();
  out['glue require (total)'] = ms(t0, t1);
  out['api.cjs require'] = ms(t1, t2);
  out['build(raw): namespaces'] = ms(t2, t3);
  out['first money.toMinor'] = ms(t3, t4);
  out['total in JS'] = ms(t0, t4);
}
const order = Object.keys(out).sort((a, b) => (a === 'glue require (total)' ? -1 : b === 'glue require (total)' ? 1 : 0));
process.stdout.write(JSON.stringify(Object.fromEntries(order.map((k) => [k, out[k]]))));
