// An ESM consumer under moduleResolution node16: `import` resolves the package's index.d.ts.
import { money, RemiseError, isRemiseError } from 'remise';
import type { Currency, CurrencyTable, RemiseErrorCode, ValidationIssue } from 'remise';

const table: CurrencyTable = 'sogenactif';
const usd: Currency = money.currency(840, table);
const minor: number = money.toMinor('19.99', usd.code, table);
const back: string = money.fromMinor(minor, 'USD');

try {
  money.toMinor('abc', 'EUR');
} catch (e) {
  if (e instanceof RemiseError) {
    const code: RemiseErrorCode = e.code;
    const issues: readonly ValidationIssue[] = e.issues ?? [];
    console.log(code, issues.length, e.retryable);
  } else if (isRemiseError(e)) {
    const field: string | undefined = e.field;
    console.log(field);
  }
}

// @ts-expect-error the table name is a closed union
money.currency('EUR', 'stripe');
// @ts-expect-error fromMinor takes a number of minor units
money.fromMinor('1999', 'USD');
console.log(back);
