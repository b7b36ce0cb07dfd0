//! `money.*`: currency tables and exact amounts.

use super::{js, js_type, out, throw, JsResult};
use crate::error::{Error, ErrorCode};
use crate::money::{self, Table, MAX_SAFE_INTEGER};
use serde::Serialize;
use serde_json::{Map, Value};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// A currency row of one of remise's tables.
#[derive(Serialize, Tsify)]
pub struct Currency {
    /// ISO 4217 alpha-3 code, e.g. `'EUR'`.
    pub code: String,
    /// ISO 4217 numeric code, e.g. `978`.
    pub numeric: u16,
    /// Fraction digits in this table (Systempay: CNY 1, KHR 0, as the platform documents).
    pub digits: u8,
    /// English name.
    pub name: String,
}

/// Which currency table to use: ISO 4217 (default), or a gateway's own.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // exists for its TypeScript declaration
pub enum CurrencyTable {
    Iso,
    Systempay,
    Payline,
    Sogenactif,
}

/// A row as JS sees it (`Currency` above is its TypeScript declaration).
fn dto(c: &money::Currency) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), Value::String(c.code.to_string()));
    m.insert("numeric".into(), Value::from(c.numeric));
    m.insert("digits".into(), Value::from(c.digits));
    m.insert("name".into(), Value::String(c.name.to_string()));
    Value::Object(m)
}

/// Reads the optional `table` argument.
pub(crate) fn table_arg(table: &JsValue) -> Result<Table, Error> {
    if table.is_undefined() || table.is_null() {
        return Ok(Table::Iso);
    }
    match table.as_string() {
        Some(name) => Table::parse(&name),
        None => Err(Error::new(
            ErrorCode::Validation,
            format!(
                "table must be one of 'iso', 'systempay', 'payline', 'sogenactif', got {}",
                js_type(table)
            ),
        )
        .with_field("table")),
    }
}

/// Reads a currency argument given as an alpha code (`'EUR'`) or a numeric code (`978`, `'978'`).
pub(crate) fn currency_arg(code: &JsValue) -> Result<String, Error> {
    if let Some(s) = code.as_string() {
        return Ok(s);
    }
    if let Some(n) = code.as_f64() {
        if n.fract() == 0.0 && (0.0..1000.0).contains(&n) {
            return Ok(format!("{}", n as u16));
        }
    }
    Err(Error::new(
        ErrorCode::UnknownCurrency,
        format!(
            "currency is {}: give it as an ISO 4217 alpha-3 string like 'EUR' or a numeric code like 978",
            js_type(code)
        ),
    )
    .with_field("currency"))
}

/// The currency `code` (alpha `'EUR'` or numeric `978` / `'978'`) in `table` (default `'iso'`).
/// Throws `UNKNOWN_CURRENCY` when the table does not hold it.
#[wasm_bindgen(js_name = moneyCurrency, unchecked_return_type = "Currency")]
pub fn money_currency(
    #[wasm_bindgen(unchecked_param_type = "string | number")] code: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CurrencyTable")] table: JsValue,
) -> JsResult<JsValue> {
    let table = js(table_arg(&table))?;
    let code = js(currency_arg(&code))?;
    let c = js(money::currency(&code, table))?;
    out(&dto(c))
}

/// Every row of `table` (default `'iso'`), sorted by alpha code.
#[wasm_bindgen(js_name = moneyCurrencies, unchecked_return_type = "Currency[]")]
pub fn money_currencies(
    #[wasm_bindgen(unchecked_param_type = "CurrencyTable")] table: JsValue,
) -> JsResult<JsValue> {
    let table = js(table_arg(&table))?;
    let rows: Vec<Value> = table.rows().iter().map(dto).collect();
    out(&Value::Array(rows))
}

/// Exact decimal string → integer minor units: `toMinor('300.50', 'EUR')` → `30050`.
/// Accepts only `^[0-9]+(\.[0-9]+)?$`; throws `AMOUNT_FORMAT`, `AMOUNT_PRECISION`,
/// `AMOUNT_RANGE` or `UNKNOWN_CURRENCY`.
#[wasm_bindgen(js_name = moneyToMinor)]
pub fn money_to_minor(
    #[wasm_bindgen(unchecked_param_type = "string")] amount: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] currency: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CurrencyTable")] table: JsValue,
) -> JsResult<f64> {
    let table = js(table_arg(&table))?;
    let code = js(currency_arg(&currency))?;
    let Some(amount) = amount.as_string() else {
        return Err(throw(
            Error::new(
                ErrorCode::AmountFormat,
                format!(
                    "amount must be a decimal string like '300.50', got {}: pass amounts as strings so no precision is lost",
                    js_type(&amount)
                ),
            )
            .with_field("amount"),
        ));
    };
    let minor = js(money::to_minor(&amount, &code, table))?;
    // Exact: minor ≤ 2^53 − 1 (checked by the parser).
    Ok(minor as f64)
}

/// Integer minor units → exact decimal string: `fromMinor(30050, 'EUR')` → `'300.50'`.
/// `minor` must be a non-negative safe integer.
#[wasm_bindgen(js_name = moneyFromMinor)]
pub fn money_from_minor(
    #[wasm_bindgen(unchecked_param_type = "number")] minor: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] currency: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CurrencyTable")] table: JsValue,
) -> JsResult<String> {
    let table = js(table_arg(&table))?;
    let code = js(currency_arg(&currency))?;
    let minor = js(minor_arg(&minor))?;
    js(money::from_minor(minor, &code, table))
}

/// A non-negative safe integer given as a JS number.
pub(crate) fn minor_arg(v: &JsValue) -> Result<u64, Error> {
    let Some(n) = v.as_f64() else {
        return Err(Error::new(
            ErrorCode::AmountFormat,
            format!(
                "minor must be a whole number of minor units like 30050, got {}",
                js_type(v)
            ),
        )
        .with_field("minor"));
    };
    if !n.is_finite() || n.fract() != 0.0 {
        return Err(Error::new(
            ErrorCode::AmountFormat,
            "minor must be a whole number of minor units like 30050 (no fractions)",
        )
        .with_field("minor"));
    }
    if n < 0.0 || n > MAX_SAFE_INTEGER as f64 {
        return Err(Error::new(
            ErrorCode::AmountRange,
            format!("minor must be between 0 and Number.MAX_SAFE_INTEGER ({MAX_SAFE_INTEGER})"),
        )
        .with_field("minor"));
    }
    // Exact: integral and within 0..=2^53 − 1.
    Ok(n as u64)
}
