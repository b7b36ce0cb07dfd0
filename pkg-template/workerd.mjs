// Entry for Cloudflare Workers (workerd) and Vercel Edge (edge-light): these runtimes forbid
// compiling wasm from bytes at request time, so the .wasm is imported as a compiled module.
import * as raw from './web/remise.js';
import wasmModule from './web/remise_bg.wasm';
import { build } from './api.mjs';

raw.initSync({ module: wasmModule });

export const { money, systempay, payline, sogenactif, RemiseError, isRemiseError } = build(raw);
