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
      if (more.length === 0) throw e;
      throw withIssues(undefined, joined(more, issuesOf(e)), e.cause);
    }
  };
  return {
    currency: (code, table) => call('money.currency', [code, table], ['currency', 'table']),
    currencies: (table) => invoke(raw, 'money.currencies', [table], ['table']),
    toMinor: (amount, currency, table) => call('money.toMinor', [amount, currency, table], ['amount', 'currency', 'table']),
    fromMinor: (minor, currency, table) => call('money.fromMinor', [minor, currency, table], ['minor', 'currency', 'table']),
  };
}
