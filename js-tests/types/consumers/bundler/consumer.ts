// A consumer under moduleResolution bundler (Vite, esbuild, webpack, wrangler): resolves index.d.ts.
import * as remise from 'remise';
import type { Currency, RemiseErrorCode } from 'remise';

const eur: Currency = remise.money.currency('978');
const all: number = remise.money.currencies().length;
const minor: number = remise.money.toMinor('300.50', eur.code);

function describe(e: unknown): string {
  if (e instanceof remise.RemiseError) {
    const code: RemiseErrorCode = e.code;
    return `${code}: ${e.message}${e.field ? ` (${e.field})` : ''}`;
  }
  return remise.isRemiseError(e) ? e.code : String(e);
}

// @ts-expect-error the error codes are a closed union
const wrong: RemiseErrorCode = 'OOPS';
console.log(all, minor, describe(null), wrong);
