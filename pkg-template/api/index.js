// Assembles the public namespaces from the raw wasm exports. Bundled by esbuild into api.mjs
// (ESM) and api.cjs (CommonJS); each package entry calls build() with its own wasm instance.
import { RemiseError, isRemiseError, installErrors } from './core.js';
import money from './money.js';
import payline from './payline.js';

const NOT_YET = (gateway) =>
  new Proxy(
    {},
    {
      get(_, key) {
        if (typeof key !== 'string' || key === 'then') return undefined;
        throw new RemiseError({
          code: 'UNSUPPORTED',
          gateway,
          message: `${gateway}.${key} is not available in this build of remise`,
        });
      },
    },
  );

export function build(raw) {
  installErrors(raw);
  return {
    money: money(raw),
    systempay: NOT_YET('systempay'),
    payline: payline(raw),
    sogenactif: NOT_YET('sogenactif'),
    RemiseError,
    isRemiseError,
  };
}
