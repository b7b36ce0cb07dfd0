// money.*: one crossing per call (core.js invoke).
import { invoke } from './core.js';

export default function money(raw) {
  return {
    currency: (code, table) => invoke(raw, 'money.currency', [code, table], ['currency', 'table']),
    currencies: (table) => invoke(raw, 'money.currencies', [table], ['table']),
    toMinor: (amount, currency, table) =>
      invoke(raw, 'money.toMinor', [amount, currency, table], ['amount', 'currency', 'table']),
    fromMinor: (minor, currency, table) =>
      invoke(raw, 'money.fromMinor', [minor, currency, table], ['minor', 'currency', 'table']),
  };
}
