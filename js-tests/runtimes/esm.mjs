// Node ESM, Deno and Bun: `import 'remise'` resolved through the package's export conditions.
// Usage: <runtime> esm.mjs <base URL of the 127.0.0.1 server>; prints the results as JSON.
import * as remise from 'remise';
import * as simulator from 'remise/simulator';
import { smoke } from './smoke.mjs';

const baseUrl = globalThis.Deno ? globalThis.Deno.args[0] : process.argv[2];
console.log(JSON.stringify(await smoke(remise, { baseUrl, simulator })));
