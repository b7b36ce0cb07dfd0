// The two ways users load remise: ESM import and CommonJS require, both from the installed tarball.
import * as esm from 'remise';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cjs = require('remise');

/** [name, module] for each entry; suites loop over both. */
export const entries = [
  ['import', esm],
  ['require', cjs],
];

/** The raw wasm-bindgen exports behind the CJS entry (test seams such as __transportProbe). */
export const raw = require(join(dirname(require.resolve('remise')), 'node', 'remise.cjs'));

/** Calls fn and returns what it threw (fails the test when it does not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** Awaits p and returns its rejection (fails when it resolves). */
export async function rejected(p) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
