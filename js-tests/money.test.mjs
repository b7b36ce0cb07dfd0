import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entries, thrown } from './entries.mjs';

for (const [entry, R] of entries) {
  const { money, RemiseError, isRemiseError } = R;
  test(`${entry}: values JSON cannot carry are VALIDATION; objects are read as their JSON form (README "Money")`, () => {
    for (const [f, field] of [
      [() => money.toMinor(NaN, 'EUR'), 'amount'],
      [() => money.toMinor(12n, 'EUR'), 'amount'],
      [() => money.toMinor('1\uD800', 'EUR'), 'amount'],
      [() => money.fromMinor(Infinity, 'EUR'), 'minor'],
      [() => money.currency('\uD800UR'), 'currency'],
    ]) {
      const e = thrown(f);
      assert.equal(e.code, 'VALIDATION');
      assert.equal(e.field, field);
    }
    // With a table that is none too, the value JSON cannot carry is named first, then the table (a
    // helper's attack, twenty-first pass: only `table` was said). An amount that is merely wrong keeps
    // its own code: the table's refusal alone.
    const tableIssue = ['table', 'ENUM'];
    for (const [f, first] of [
      [() => money.toMinor(NaN, 'EUR', 'zz'), ['amount', 'TYPE']],
      [() => money.toMinor(1n, 'EUR', 'zz'), ['amount', 'TYPE']],
      [() => money.fromMinor(Infinity, 'EUR', 'zz'), ['minor', 'TYPE']],
      [() => money.currency(NaN, 'zz'), ['currency', 'TYPE']],
    ]) {
      const e = thrown(f);
      assert.deepEqual([e.code, e.field, e.issues.map((i) => [i.field, i.code])], ['VALIDATION', first[0], [first, tableIssue]]);
    }
    assert.deepEqual(thrown(() => money.toMinor('x', 'EUR', 'zz')).issues.map((i) => [i.field, i.code]), [tableIssue]);
    // A boxed string, and a decimal library's value (its toJSON gives the exact string).
    assert.equal(money.toMinor(new String('1.50'), 'EUR'), 150);
    assert.equal(money.toMinor({ toJSON: () => '0.30' }, 'EUR'), 30);
    assert.equal(thrown(() => money.toMinor({ value: '1.50' }, 'EUR')).code, 'AMOUNT_FORMAT');
    // A function given as an argument (a table forgotten to be called) is named, not left out: the ISO
    // table read 12.3 CNY as 1230 where Systempay's reads 123 (a helper's fuzz, twenty-sixth pass); one
    // whose toJSON throws is named at its argument, not '(input)'.
    const tableFor = (gateway) => (gateway === 'systempay' ? 'systempay' : 'iso');
    assert.equal(money.toMinor('12.3', 'CNY', tableFor('systempay')), 123);
    const boom = Object.assign(() => 'EUR', { toJSON() { throw new Error('boom'); } });
    for (const [f, field] of [
      [() => money.toMinor('12.3', 'CNY', tableFor), 'table'],
      [() => money.fromMinor(123, 'CNY', tableFor), 'table'],
      [() => money.toMinor('12.3', () => 'EUR'), 'currency'],
      [() => money.toMinor(() => '1.00', 'EUR'), 'amount'],
      [() => money.toMinor('1.00', boom), 'currency'],
      [() => money.toMinor('1.00', 'EUR', boom), 'table'],
    ]) {
      const e = thrown(f);
      assert.deepEqual([e.code, e.field, e.issues[0].code], ['VALIDATION', field, 'TYPE'], String(f));
    }
    assert.match(thrown(() => money.toMinor('12.3', 'CNY', tableFor)).message, /^table: is a function \(not called\?\): pass the value it gives$/);
    // A float's noise is quoted whole in the precision error, not masked as a card number (its digits
    // across the dot pass the Luhn check: one such amount in nine was masked).
    for (const amount of ['19.990000000000002', String(0.1 + 0.2)]) {
      const e = thrown(() => money.toMinor(amount, 'EUR'));
      assert.equal(e.code, 'AMOUNT_PRECISION');
      assert.ok(e.message.includes(`'${amount}'`), e.message);
    }
    // A card number before a dot is still masked, whatever its network (Mir, Troy, UATP), and one cut by a
    // dot mostly is (the review of the pass found those three and the cut one shown whole).
    // (And after a dot, or cut by one: the second review of the pass found those shown by a looser rule.)
    for (const card of ['4970100000325734.00', '2200123456789019.00', '9792123456789018.00', '112233445566773.00', '4970.100000325734', '0.2200123456789019', '12.112233445566773', '2200123.456789019', '9792.123456789018', '112.233445566773']) {
      const digits = card.replace('.', '');
      assert.ok(!thrown(() => money.toMinor(card, 'EUR')).message.replace('.', '').includes(digits), card);
    }
  });

  test(`${entry}: toMinor on real cases`, () => {
    assert.equal(money.toMinor('300.50', 'EUR'), 30050);
    assert.equal(money.toMinor('1000', 'JPY'), 1000);
    assert.equal(money.toMinor('1.234', 'KWD'), 1234);
    assert.equal(money.toMinor('1.500', 'EUR'), 150);
    // CNY: the Systempay platform documents 1 fraction digit, ISO says 2.
    assert.equal(money.toMinor('12.3', 'CNY', 'systempay'), 123);
    assert.equal(money.toMinor('12.3', 'CNY'), 1230);
    assert.equal(money.toMinor('12.3', 'CNY', 'payline'), 1230);
    assert.equal(money.toMinor('100', 'KHR', 'systempay'), 100);
    assert.equal(money.toMinor('100', 'KHR', 'sogenactif'), 10000);
    assert.equal(money.toMinor('5', 978), 500);
    assert.equal(money.toMinor('90071992547409.91', 'EUR'), Number.MAX_SAFE_INTEGER);
  });

  test(`${entry}: fromMinor on real cases`, () => {
    assert.equal(money.fromMinor(30050, 'EUR'), '300.50');
    assert.equal(money.fromMinor(1000, 'JPY'), '1000');
    assert.equal(money.fromMinor(1, 'KWD'), '0.001');
    assert.equal(money.fromMinor(123, 'CNY', 'systempay'), '12.3');
    assert.equal(money.fromMinor(Number.MAX_SAFE_INTEGER, 'EUR'), '90071992547409.91');
  });

  test(`${entry}: currency and currencies`, () => {
    assert.deepEqual(money.currency('EUR'), { code: 'EUR', numeric: 978, digits: 2, name: 'Euro' });
    assert.deepEqual(money.currency(978), money.currency('978'));
    assert.equal(money.currency('036', 'payline').code, 'AUD');
    assert.equal(money.currency('CNY', 'systempay').digits, 1);
    assert.equal(money.currency('CNY', 'iso').digits, 2);
    assert.equal(money.currencies('systempay').length, 34);
    assert.equal(money.currencies().length, 165);
    assert.equal(money.currencies('sogenactif').length, 165);
    const codes = money.currencies().map((c) => c.code);
    assert.deepEqual(codes, [...codes].sort());
  });

  const bad = [
    ['-1', 'EUR', 'AMOUNT_FORMAT'],
    ['1e3', 'EUR', 'AMOUNT_FORMAT'],
    ['1,50', 'EUR', 'AMOUNT_FORMAT'],
    [' 1', 'EUR', 'AMOUNT_FORMAT'],
    ['', 'EUR', 'AMOUNT_FORMAT'],
    ['１２', 'EUR', 'AMOUNT_FORMAT'],
    ['0.001', 'EUR', 'AMOUNT_PRECISION'],
    ['99999999999999999', 'EUR', 'AMOUNT_RANGE'],
    ['1.00', 'ABC', 'UNKNOWN_CURRENCY'],
    ['1.00', 'KWD', 'UNKNOWN_CURRENCY', 'systempay'],
    [12, 'EUR', 'AMOUNT_FORMAT'],
    [null, 'EUR', 'AMOUNT_FORMAT'],
    ['1', null, 'UNKNOWN_CURRENCY'],
  ];
  for (const [amount, currency, code, table] of bad) {
    test(`${entry}: toMinor(${JSON.stringify(amount)}, ${JSON.stringify(currency)}) → ${code}`, () => {
      const e = thrown(() => money.toMinor(amount, currency, table));
      assert.ok(e instanceof RemiseError, 'instanceof RemiseError');
      assert.ok(e instanceof Error, 'instanceof Error');
      assert.ok(isRemiseError(e));
      assert.equal(e.name, 'RemiseError');
      assert.equal(e.code, code);
      assert.equal(e.field, code === 'UNKNOWN_CURRENCY' ? 'currency' : 'amount');
      assert.equal(e.retryable, false);
      assert.match(e.message, /use|round|give|pass|largest/, e.message);
    });
  }

  test(`${entry}: an unknown currency's message says what to change`, () => {
    // An ISO code the gateway's table lacks is valid as written: change the currency.
    const bhd = thrown(() => money.toMinor('1.000', 'BHD', 'systempay'));
    assert.equal(bhd.code, 'UNKNOWN_CURRENCY');
    assert.match(bhd.message, /^unknown currency 'BHD' for the systempay table: use another currency: this ISO 4217 code is not in remise's table for this gateway \(money\.currencies\(table\)/);
    assert.ok(money.currencies('systempay').every((c) => c.code !== 'BHD'));
    assert.equal(money.toMinor('1.000', 'BHD'), 1000); // the ISO table has it, 3 digits
    // A code that is no currency at all: another spelling.
    assert.match(thrown(() => money.toMinor('1', 'XYZ', 'systempay')).message, /give an ISO 4217 alpha-3 code in upper case/);
    // A number that is no numeric code is named as the same string would be, not as a wrong type.
    for (const n of [1000, 978.5, -978]) {
      const e = thrown(() => money.currency(n));
      assert.equal(e.code, 'UNKNOWN_CURRENCY', String(n));
      assert.match(e.message, new RegExp(`^unknown currency '${String(n).replace('.', '\\.')}' for the iso table`), e.message);
    }
    assert.equal(money.currency(978).code, 'EUR');
    // A withdrawn code is named as such, with the code that replaced it (ISO 4217 amendments: the
    // Netherlands Antillean guilder by the Caribbean guilder XCG, the old leone SLL by SLE; a helper's
    // attack, twenty-fourth pass: both were told to be "an alpha-3 code in upper case").
    assert.equal(thrown(() => money.toMinor('1.00', 'ANG')).message, "unknown currency 'ANG' for the iso table: ANG was withdrawn from ISO 4217: give its successor, XCG, if the gateway's table has it");
    assert.match(thrown(() => money.toMinor('1', 'SLL', 'systempay')).message, /'SLL' for the systempay table: SLL was withdrawn from ISO 4217: give its successor, SLE/);
    // By its ISO 4217 number too, as a number or a string (the Croatian kuna was 191, the euro is 978;
    // the old bolívar 937, the sovereign one 928: ISO 4217 list three); a live code's number is still read.
    for (const n of [191, '191']) assert.equal(thrown(() => money.toMinor('1.00', n)).message, "unknown currency '191' for the iso table: 191 (HRK) was withdrawn from ISO 4217: give its successor, 978 (EUR), if the gateway's table has it");
    assert.match(thrown(() => money.toMinor('1', '937', 'systempay')).message, /'937' for the systempay table: 937 \(VEF\) was withdrawn from ISO 4217: give its successor, 928 \(VES\)/);
    assert.equal(money.toMinor('1.00', '532'), 100);
    assert.match(thrown(() => money.toMinor('1', '999')).message, /give an ISO 4217 alpha-3 code in upper case/);
    // Beside other issues, in each issue and in the message.
    const both = thrown(() => R.systempay.request('Transaction/Refund', { uuid: 'x', amount: 5, currency: 'SLL' }, { shopId: '69876357', password: 'testpassword_x' }));
    assert.match(both.issues.find((i) => i.field === 'currency').message, /SLL was withdrawn/);
    assert.match(both.message, /currency: unknown currency 'SLL' for the systempay table: SLL was withdrawn/);
  });

  test(`${entry}: fromMinor refuses what is not a safe integer`, () => {
    assert.equal(thrown(() => money.fromMinor(-1, 'EUR')).code, 'AMOUNT_RANGE');
    assert.equal(thrown(() => money.fromMinor(2 ** 53, 'EUR')).code, 'AMOUNT_RANGE');
    assert.equal(thrown(() => money.fromMinor(1.5, 'EUR')).code, 'AMOUNT_FORMAT');
    assert.equal(thrown(() => money.fromMinor('100', 'EUR')).code, 'AMOUNT_FORMAT');
    assert.equal(thrown(() => money.currencies('ISO')).code, 'VALIDATION');
    assert.equal(thrown(() => money.currencies('ISO')).field, 'table');
  });
}
