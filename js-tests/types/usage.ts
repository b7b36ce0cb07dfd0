// Type-checks the public API as a user writes it (tsc --strict). Each gateway adds its own file
// beside this one; the `// @ts-expect-error` lines prove wrong types are rejected.
import { money, RemiseError, isRemiseError } from 'remise';
import type { Currency, CurrencyTable, RemiseErrorCode, ValidationIssue } from 'remise';

const table: CurrencyTable = 'systempay';
const eur: Currency = money.currency('EUR');
const n: number = eur.numeric + eur.digits;
const minor: number = money.toMinor('300.50', 'EUR', table);
const text: string = money.fromMinor(minor, 978);
const all: Currency[] = money.currencies('payline');

// @ts-expect-error amounts are strings, never numbers
money.toMinor(300.5, 'EUR');
// @ts-expect-error unknown table names are rejected
money.currencies('visa');

try {
  money.toMinor('1e3', 'EUR');
} catch (e) {
  if (e instanceof RemiseError) {
    const code: RemiseErrorCode = e.code;
    const issues: ValidationIssue[] | undefined = e.issues;
    const retry: boolean = e.retryable;
    console.log(code, issues, retry, e.field, e.outcome, e.httpStatus);
  }
  if (isRemiseError(e)) {
    // @ts-expect-error codes are a closed union
    const wrong: 'NOT_A_CODE' = e.code;
    console.log(wrong);
  }
}
console.log(n, text, all.length);
