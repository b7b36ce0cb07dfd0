// money.*: thin dispatch to the wasm exports.
export default function money(raw) {
  return {
    currency: (code, table) => raw.moneyCurrency(code, table),
    currencies: (table) => raw.moneyCurrencies(table),
    toMinor: (amount, currency, table) => raw.moneyToMinor(amount, currency, table),
    fromMinor: (minor, currency, table) => raw.moneyFromMinor(minor, currency, table),
  };
}
