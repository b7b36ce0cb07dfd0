// Assembles the public namespaces from the raw wasm exports. Bundled by esbuild into api.mjs
// (ESM) and api.cjs (CommonJS); each package entry calls build() with its own wasm instance.
import { RemiseError, isRemiseError } from './core.js';
import money from './money.js';
import sogenactifOffice from './sogenactif_office.js';
import systempay from './systempay.js';
import sogenactifBatch from './sogenactif_batch.js';
import payline from './payline.js';

export function build(raw) {
  return {
    money: money(raw),
    systempay: systempay(raw),
    payline: payline(raw),
    sogenactif: { ...sogenactifBatch(raw), ...sogenactifOffice(raw) },
    RemiseError,
    isRemiseError,
  };
}
