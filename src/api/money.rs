//! `money.*`: currency tables and exact amounts.

use super::{unknown, Args, Out};
use crate::codec::json::type_name;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{self, Table, MAX_SAFE_INTEGER};
use serde_json::{Map, Value};
use std::borrow::Cow;

#[inline(never)] // one function per family: the first call compiles only its own (ARCHITECTURE "Cold start")
pub(super) fn call(name: &str, a: &Args) -> Result<Out> {
    match name {
        "currency" => {
            let table = table_arg(a, 1)?;
            let code = currency_arg(a, 0)?;
            Ok(dto(money::currency(&code, table)?).into())
        }
        "currencies" => {
            let table = table_arg(a, 0)?;
            Ok(Value::Array(table.rows().iter().map(dto).collect()).into())
        }
        "toMinor" => {
            let table = table_arg(a, 2)?;
            let code = currency_arg(a, 1)?;
            let amount = match a.text(0, "amount") {
                Ok(s) => s,
                Err(_) => {
                    let other = a.value(0, "amount")?;
                    return Err(Error::new(
                        ErrorCode::AmountFormat,
                        format!(
                            "amount must be a decimal string like '300.50', got {}: pass amounts as strings so no precision is lost",
                            type_name(&other)
                        ),
                    )
                    .with_field("amount"));
                }
            };
            let minor = money::to_minor(&amount, &code, table)?;
            Ok(Out::written(24, &[], |s| {
                crate::codec::json_out::u64(s, minor)
            }))
        }
        "fromMinor" => {
            let table = table_arg(a, 2)?;
            let code = currency_arg(a, 1)?;
            let minor = minor_arg(&a.value(0, "minor")?)?;
            Ok(Value::String(money::from_minor(minor, &code, table)?).into())
        }
        _ => Err(unknown(name)),
    }
}

/// A row as JS sees it.
fn dto(c: &money::Currency) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), Value::String(c.code().to_string()));
    m.insert("numeric".into(), Value::from(c.numeric));
    m.insert("digits".into(), Value::from(c.digits));
    m.insert("name".into(), Value::String(c.name().to_string()));
    Value::Object(m)
}

/// The optional `table` argument.
fn table_arg(a: &Args, i: usize) -> Result<Table> {
    if a.is_null(i) {
        return Ok(Table::Iso);
    }
    match a.value(i, "table")? {
        Value::Null => Ok(Table::Iso),
        Value::String(name) => Table::parse(&name),
        other => Err(Error::argument(
            "table",
            crate::error::issue::TYPE,
            &format!(
                "must be one of 'iso', 'systempay', 'payline', 'sogenactif', got {}",
                type_name(&other)
            ),
        )),
    }
}

/// A currency given as an alpha code (`'EUR'`) or a numeric code (`978`, `'978'`).
fn currency_arg<'a>(a: &Args<'a>, i: usize) -> Result<Cow<'a, str>> {
    if let Ok(s) = a.text(i, "currency") {
        return Ok(s);
    }
    let v = a.value(i, "currency")?;
    match &v {
        Value::String(s) => return Ok(Cow::Owned(s.clone())),
        // Any number is looked up as its text: 978 is found, 1000 or 978.5 is named as an
        // unknown currency (as the string '1000' is), not as a value of the wrong type.
        Value::Number(n) => return Ok(Cow::Owned(crate::codec::json_out::number_text(n))),
        _ => {}
    }
    Err(Error::new(
        ErrorCode::UnknownCurrency,
        format!(
            "currency is {}: give it as an ISO 4217 alpha-3 string like 'EUR' or a numeric code like 978",
            type_name(&v)
        ),
    )
    .with_field("currency"))
}

/// A non-negative safe integer given as a JS number.
fn minor_arg(v: &Value) -> Result<u64> {
    let Value::Number(n) = v else {
        return Err(Error::new(
            ErrorCode::AmountFormat,
            format!(
                "minor must be a whole number of minor units like 30050, got {}",
                type_name(v)
            ),
        )
        .with_field("minor"));
    };
    if let Some(u) = n.as_u64() {
        if u <= MAX_SAFE_INTEGER {
            return Ok(u);
        }
    } else if n.as_i64().is_some() {
        // A negative whole number: out of range below.
    } else if n.as_f64().is_some_and(|f| f.fract() != 0.0) {
        return Err(Error::new(
            ErrorCode::AmountFormat,
            "minor must be a whole number of minor units like 30050 (no fractions)",
        )
        .with_field("minor"));
    }
    Err(Error::new(
        ErrorCode::AmountRange,
        format!("minor must be between 0 and Number.MAX_SAFE_INTEGER ({MAX_SAFE_INTEGER})"),
    )
    .with_field("minor"))
}
