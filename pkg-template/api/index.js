// Assembles the public namespaces from the raw wasm exports. Bundled by esbuild into api.mjs
// (ESM) and api.cjs (CommonJS); each package entry calls build() with its own wasm instance.
import { RemiseError, isRemiseError } from './core.js';
import money from './money.js';
import sogenactifOffice from './sogenactif_office.js';
import systempay from './systempay.js';
import sogenactifBatch from './sogenactif_batch.js';
import payline from './payline.js';

/** `builtins`: `(name) => module` for node:stream and node:buffer where `process.getBuiltinModule` is missing. */
export function build(raw, builtins) {
  return {
    money: money(raw),
    systempay: systempay(raw),
    payline: payline(raw),
    sogenactif: { ...sogenactifBatch(raw, builtins), ...sogenactifOffice(raw) },
    RemiseError,
    isRemiseError,
  };
}
