export type { Currency, CurrencyTable } from '@raw';

/** Currency tables and exact amounts: decimal strings ↔ integer minor units, never through a float. */
export declare const money: {
  /**
   * The currency `code` (alpha `'EUR'` or numeric `978` / `'978'`) in `table` (default `'iso'`).
   * Throws `UNKNOWN_CURRENCY` when the table does not hold it.
   */
  currency(code: string | number, table?: raw.CurrencyTable): raw.Currency;
  /** Every row of `table` (default `'iso'`), sorted by alpha code. */
  currencies(table?: raw.CurrencyTable): raw.Currency[];
  /**
   * Exact decimal string → integer minor units: `toMinor('300.50', 'EUR')` → `30050`,
   * `toMinor('12.3', 'CNY', 'systempay')` → `123`. Accepts only `^[0-9]+(\.[0-9]+)?$`, given as a string,
   * a `String` object or a decimal library's value whose `toJSON()` gives that string (decimal.js, big.js).
   * Throws `AMOUNT_FORMAT`, `AMOUNT_PRECISION`, `AMOUNT_RANGE` or `UNKNOWN_CURRENCY`; `VALIDATION` for a
   * value JSON cannot carry (NaN, ±Infinity, a BigInt, a string with a lone surrogate), as every call does.
   */
  toMinor(amount: string | String | { toJSON(): string }, currency: string | number, table?: raw.CurrencyTable): number;
  /**
   * Integer minor units → exact decimal string: `fromMinor(30050, 'EUR')` → `'300.50'`. Throws
   * `AMOUNT_FORMAT` (not a whole number), `AMOUNT_RANGE` (negative or above `Number.MAX_SAFE_INTEGER`),
   * `UNKNOWN_CURRENCY`, or `VALIDATION` for a value JSON cannot carry.
   */
  fromMinor(minor: number, currency: string | number, table?: raw.CurrencyTable): string;
};
