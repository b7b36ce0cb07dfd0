//! The Sips Office JSON seal (reference sogenactif.md §4.2).
//!
//! seal = lowercase hex HMAC-SHA-256, key = the merchant's secret key (UTF-8), over the seal
//! string: the values only (no names, no separators) of every field, sorted by field name, with
//! `keyVersion`, `sealAlgorithm` and `seal` left out at the top level, nulls skipped, nested
//! objects expanded recursively in place (their own fields sorted too) and lists taken in the
//! order given (each element expanded the same way).
//!
//! Sources: worldline/sips-sdk-php `src/Common/Seal/JsonSealCalculator.php` and its test
//! (`paymentMeanBrandList ["VISA","MASTERCARD"]` → `VISAMASTERCARD`, list order kept);
//! worldline/sips-sdk-java `SealCalculatorTest.java` (nested containers expanded in place).
//! The Java SDK sorts list elements instead; the reference marks the list rule [uncertain] and
//! says to keep the given order — see [`LIST_ORDER_KEPT`].

use crate::codec::json::{join, type_name};
use crate::error::{issue, Error, Gateway, Issues, Result};
use crate::transport::Secret;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;
use std::cmp::Ordering;

/// Top-level fields that never enter the seal string.
pub const EXCLUDED: [&str; 3] = ["keyVersion", "sealAlgorithm", "seal"];

/// Lists are concatenated in the order given (PHP SDK) rather than sorted (Java SDK).
/// [uncertain] — flip here if Sogenactif says otherwise.
pub const LIST_ORDER_KEPT: bool = true;

/// How field names are sorted: by Unicode code point (byte order of UTF-8), as PHP `ksort` and
/// Python `sorted` do. The Java SDK compares case-insensitively; the two only differ when two
/// names differ first by an upper-case letter against a lower-case one, which no Office request
/// field pair does; among answers, a cardOrder / walletOrder answer holding `authorMessageReference`
/// beside `authorisationId` or `authorisationTypeLabel` does (the one such pair among the PHP Office
/// SDK's message classes: a helper's check, twenty-seventh pass). No public source says which rule the
/// platform uses. [uncertain] — change this one function if needed.
pub fn field_order(a: &str, b: &str) -> Ordering {
    a.cmp(b)
}

/// The seal input of `fields` (a JSON object), as [`seal`] signs it.
///
/// Numbers must be integers (a float has no single text form and money never is one); booleans
/// are written `true` / `false`.
pub fn seal_string(fields: &Value) -> Result<String> {
    let mut issues = Issues::new();
    let mut out = String::new();
    match fields {
        Value::Object(map) => write_object(map, "", true, &mut out, &mut issues),
        other => issues.push(
            "fields",
            issue::TYPE,
            format!("must be an object, got {}", type_name(other)),
        ),
    }
    issues.finish(Some(Gateway::Sogenactif))?;
    Ok(out)
}

/// The keys of `map` in [`field_order`], whatever map type serde_json was built with (its
/// `preserve_order` feature may be switched on by another crate).
///
/// Written by hand (binary-search insertion) rather than with `slice::sort_by`: each `sort_by`
/// instantiation costs about 4 KB of wasm, and Sips objects have tens of keys, not thousands.
pub fn sorted_keys(map: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = Vec::with_capacity(map.len());
    for key in map.keys() {
        let at = keys.partition_point(|k| field_order(k, key) != Ordering::Greater);
        keys.insert(at, key);
    }
    keys
}

fn write_object(
    map: &Map<String, Value>,
    path: &str,
    top: bool,
    out: &mut String,
    issues: &mut Issues,
) {
    for key in sorted_keys(map) {
        if top && EXCLUDED.contains(&key.as_str()) {
            continue;
        }
        if let Some(v) = map.get(key) {
            write_value(v, &join(path, key), out, issues);
        }
    }
}

fn write_value(v: &Value, path: &str, out: &mut String, issues: &mut Issues) {
    match v {
        Value::Null => {}
        Value::String(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else {
                issues.push(
                    path,
                    issue::TYPE,
                    format!(
                        "{} is not a whole number: Sips fields are integers or strings",
                        crate::codec::json_out::number_text(n)
                    ),
                );
            }
        }
        Value::Object(map) => write_object(map, path, false, out, issues),
        Value::Array(items) if LIST_ORDER_KEPT => {
            for (i, item) in items.iter().enumerate() {
                write_value(item, &format!("{path}[{i}]"), out, issues);
            }
        }
        Value::Array(items) => {
            let mut rendered: Vec<String> = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let mut one = String::new();
                write_value(item, &format!("{path}[{i}]"), &mut one, issues);
                rendered.push(one);
            }
            rendered.sort();
            for r in rendered {
                out.push_str(&r);
            }
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn refuse_key(why: &str) -> Error {
    let mut issues = Issues::new();
    issues.push("secretKey", issue::REQUIRED, why);
    Error::validation(Some(Gateway::Sogenactif), issues.into_vec())
}

/// An empty secret key is refused (`VALIDATION` on `secretKey`): it is always a configuration mistake.
pub fn check_key(key: &Secret) -> Result<()> {
    if key.is_empty() {
        return Err(refuse_key(
            "is empty: give the secret key from the Sogenactif portal",
        ));
    }
    Ok(())
}

fn mac(key: &Secret) -> Result<HmacSha256> {
    check_key(key)?;
    // HMAC accepts keys of any length; the error arm is unreachable in practice but is not a panic.
    HmacSha256::new_from_slice(key.expose().as_bytes())
        .map_err(|_| refuse_key("cannot be used as an HMAC key"))
}

/// Lowercase hex HMAC-SHA-256 of `data` with `key`.
pub fn hmac_hex(data: &str, key: &Secret) -> Result<String> {
    let mut m = mac(key)?;
    m.update(data.as_bytes());
    Ok(crate::codec::text::hex_encode(&m.finalize().into_bytes()))
}

/// The seal of `fields` with `secret_key`: lowercase hex HMAC-SHA-256 of [`seal_string`].
pub fn seal(fields: &Value, secret_key: &Secret) -> Result<String> {
    hmac_hex(&seal_string(fields)?, secret_key)
}

/// Whether `given` (hex, any case) is the seal of `fields`, compared in constant time by
/// `hmac`'s `verify_slice`.
pub fn verify(fields: &Value, given: &str, secret_key: &Secret) -> Result<bool> {
    let data = seal_string(fields)?;
    let Some(bytes) = crate::codec::text::hex_decode(given) else {
        return Ok(false);
    };
    let mut m = mac(secret_key)?;
    m.update(data.as_bytes());
    Ok(m.verify_slice(&bytes).is_ok())
}

#[cfg(test)]
mod tests;
