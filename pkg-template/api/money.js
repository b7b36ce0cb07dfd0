// money.*: one crossing per call (core.js invoke).
import { invoke, issuesBeside, issuesOf, joined, withIssues } from './core.js';

export default function money(raw) {
  /**
   * One call; when the core refused the table alone, the call is made again under the default table so
   * that a value JSON cannot carry (NaN, ±Infinity, a BigInt) is named too, first, as README says: the
   * core reads the table before the amount, and `toMinor(NaN, 'EUR', 'zz')` said only `table` (a
   * helper's attack, twenty-first pass).
   */
  const call = (op, args, names) => {
    try {
      return invoke(raw, op, args, names);
    } catch (e) {
      const table = names.indexOf('table');
      const more = issuesBeside(e, 'table', () => invoke(raw, op, args.map((a, i) => (i === table ? undefined : a)), names));
      if (more.length > 0) throw withIssues(undefined, joined(more, issuesOf(e)), e.cause);
      // The table's issues after the others when `invoke`'s merge listed both (a lone surrogate in the
      // table beside a NaN amount: the NaN first, as README says; a helper's fuzz, twenty-third pass).
      const list = issuesOf(e);
      const atTable = (i) => i !== null && typeof i === 'object' && i.field === 'table';
      if (list.length > 1 && atTable(list[0]) && !list.every(atTable)) throw withIssues(undefined, joined(list.filter((i) => !atTable(i)), list.filter(atTable)), e.cause);
      throw e;
    }
  };
  return {
    currency: (code, table) => call('money.currency', [code, table], ['currency', 'table']),
    currencies: (table) => invoke(raw, 'money.currencies', [table], ['table']),
    toMinor: (amount, currency, table) => call('money.toMinor', [amount, currency, table], ['amount', 'currency', 'table']),
    fromMinor: (minor, currency, table) => call('money.fromMinor', [minor, currency, table], ['minor', 'currency', 'table']),
  };
}
