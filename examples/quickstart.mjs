// remise quickstart: run by `make demo` from a scratch folder where the packed tarball is installed.
import { money, RemiseError } from 'remise';

console.log('== money: exact amounts, never a float');
const cases = [
  ['300.50', 'EUR', 'iso'],
  ['1000', 'JPY', 'iso'],
  ['1.234', 'KWD', 'iso'],
  ['12.3', 'CNY', 'systempay'],
  ['12.3', 'CNY', 'iso'],
];
for (const [amount, code, table] of cases) {
  const c = money.currency(code, table);
  const minor = money.toMinor(amount, code, table);
  console.log(
    `  ${amount.padStart(7)} ${code} (${table.padEnd(9)}: ${c.numeric}, ${c.digits} digits) → ${String(minor).padStart(6)} minor units → '${money.fromMinor(minor, code, table)}'`,
  );
}
console.log(`  Systempay's table has ${money.currencies('systempay').length} currencies; ISO 4217 has ${money.currencies().length}.`);

console.log('\n== errors say what to fix');
try {
  money.toMinor('0.001', 'EUR');
} catch (e) {
  if (!(e instanceof RemiseError)) throw e;
  console.log(`  caught RemiseError code=${e.code} field=${e.field}`);
  console.log(`  message: ${e.message}`);
}
