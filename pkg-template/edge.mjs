// Entry for Vercel Edge (edge-light: Vercel Functions on the edge runtime, Next.js edge routes and
// middleware). The runtime forbids compiling wasm from bytes, and Vercel's bundlers hand over a compiled
// module only for an import with the `?module` suffix (https://vercel.com/docs/functions/wasm); a plain
// `.wasm` import has no loader there. That module may come from another realm than this code (the
// edge sandbox of `vercel dev` and `next start`): the glue's check is realm-agnostic for it
// (scripts/build-pkg.mjs).
import * as raw from './web/remise.js';
import wasmModule from './web/remise_bg.wasm?module';
import { build } from './api.mjs';

raw.initSync({ module: wasmModule });

export const { money, systempay, payline, sogenactif, RemiseError, isRemiseError } = build(raw);
