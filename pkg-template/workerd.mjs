// Entry for Cloudflare Workers (workerd): the runtime forbids compiling wasm from bytes at request time,
// so the .wasm is imported as a compiled module (wrangler hands a `.wasm` import over as one).
import * as raw from './web/remise.js';
import wasmModule from './web/remise_bg.wasm';
import { build } from './api.mjs';

raw.initSync({ module: wasmModule });

export const { money, systempay, payline, sogenactif, RemiseError, isRemiseError } = build(raw);
