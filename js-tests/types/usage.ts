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

// A String object and a decimal library's value (its toJSON gives the decimal string) are amounts too.
const fromObject: number = money.toMinor(new String('2.50'), 'EUR') + money.toMinor({ toJSON: () => '1.50' }, 'EUR');
// A test double of an error (the constructor is public), its cause and Retry-After typed.
const double = new RemiseError({ code: 'GATEWAY_ERROR', message: 'refused', gatewayCode: 'PSP_105' }, { cause: new Error('x') });
const waited: number | undefined = double.retryAfterMs;
const why: unknown = double.cause;
// @ts-expect-error a test double needs a code of the union
new RemiseError({ code: 'NOPE', message: 'x' });
console.log(fromObject, waited, why);
