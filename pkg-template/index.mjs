// ESM entry (Node, Deno, Bun, browsers): loads and instantiates the wasm itself, so no init call
// is needed. Node reads the file (it cannot fetch file: URLs); elsewhere the module is fetched.
import * as raw from './web/remise.js';
import { build } from './api.mjs';

const url = new URL('./web/remise_bg.wasm', import.meta.url);
let bytes;
let builtins;
const node = url.protocol === 'file:' && typeof process !== 'undefined' && process.versions && process.versions.node;
if (node && typeof process.getBuiltinModule === 'function') {
  // Node ≥ 20.16, Bun: a synchronous read, without importing node:fs/promises and a thread-pool
  // round trip (about 2 ms of the ESM cold start; ARCHITECTURE.md "Cold start").
  bytes = process.getBuiltinModule('node:fs').readFileSync(url);
} else if (node) {
  const { readFile } = await import('node:fs/promises');
  bytes = await readFile(url);
  // Node 20.0–20.15 (no process.getBuiltinModule): createTransform's modules, loaded now since it is
  // synchronous; nothing more on newer runtimes.
  const modules = { 'node:stream': await import('node:stream'), 'node:buffer': await import('node:buffer') };
  builtins = (name) => modules[name];
} else {
  const res = await fetch(url);
  // A bundle whose .wasm was not copied gets the server's 404 page here, which failed to compile as
  // "expected 4 bytes, fell off end" (a helper's attack with bundlers, twenty-eighth pass).
  if (!res.ok) throw new Error(`remise: its WebAssembly module ${url} answered HTTP ${res.status}: serve web/remise_bg.wasm at that address (copy it beside your bundle) or keep remise out of the bundle`);
  bytes = await res.arrayBuffer();
}
raw.initSync({ module: bytes });

export const { money, systempay, payline, sogenactif, RemiseError, isRemiseError } = build(raw, builtins);
