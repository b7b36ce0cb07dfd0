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

/**
 * The functions reachable from `o`, named from `at`: `money.toMinor`, a class (`systempay.Client`)
 * with its methods and getters (`systempay.Client#refund`), and the same inside plain objects
 * (arrays are data, not walked).
 */
export function surfaceNames(o, at = '') {
  const names = [];
  const members = (proto, name) => {
    for (const m of Object.getOwnPropertyNames(proto)) if (m !== 'constructor') names.push(`${name}#${m}`);
  };
  const walk = (obj, prefix) => {
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const name = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'function') {
        names.push(name);
        if (/^class\b/.test(Function.prototype.toString.call(v))) members(v.prototype, name);
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v, name);
    }
  };
  walk(o, at);
  return { names, members };
}

/**
 * The public surface of an entry: its functions, classes and methods, and the methods of the
 * converter `createConverter` returns (`sogenactif.batch.createConverter()#push`).
 */
export function surfaceOf(R) {
  const { names, members } = surfaceNames(R);
  members(Object.getPrototypeOf(R.sogenactif.batch.createConverter({ header: { remitterId: '023101122334455', sequence: 1 } })), 'sogenactif.batch.createConverter()');
  return names.sort();
}
