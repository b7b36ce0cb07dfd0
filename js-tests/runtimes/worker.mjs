// Cloudflare workerd: bundled by run.mjs with the `workerd` condition (as wrangler does), the
// .wasm left as a module import that workerd compiles. GET /?base=<URL> runs the suite.
import * as remise from 'remise';
import * as simulator from 'remise/simulator';
import { smoke } from './smoke.mjs';

export default {
  async fetch(request) {
    const baseUrl = new URL(request.url).searchParams.get('base');
    return Response.json(await smoke(remise, { baseUrl, simulator }));
  },
};
