// Vercel edge-runtime: bundled by run.mjs with the `edge-light` condition (edge.mjs), the
// `.wasm?module` import answered with a WebAssembly.Module compiled in the host realm (as Vercel's
// bundlers give a precompiled module). GET /?base=<URL> runs the suite.
import * as remise from 'remise';
import * as simulator from 'remise/simulator';
import { smoke } from './smoke.mjs';

addEventListener('fetch', (event) => {
  const baseUrl = new URL(event.request.url).searchParams.get('base');
  event.respondWith(smoke(remise, { baseUrl, simulator }).then((results) => Response.json(results)));
});
