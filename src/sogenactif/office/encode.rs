//! Builds the sealed Office JSON request.

use super::model::{Options, Service};
use super::{rules, seal, validate};
use crate::error::{Gateway, Issues, Result};
use crate::transport::HttpRequest;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// A validated, sealed `POST <base>/rs-services/v2/<family>/<service>` request.
///
/// `service` is `cancel` or `cashManagement/cancel` (both accepted). `fields` are the service's
/// Sips fields without `merchantId`, `keyVersion` and `seal`, which come from `opts`;
/// `interfaceVersion` is optional and defaults per family (model::INTERFACE_VERSIONS).
///
/// Errors: `VALIDATION` with every issue of `service`, `fields` and `opts` at once; then
/// `OPERATION_NOT_ALLOWED` when `opts.transaction` shows that a rule of the seed refuses it.
pub fn request(service: &str, fields: &Value, opts: &Options) -> Result<HttpRequest> {
    let service = Service::parse(service)?;
    let mut issues = Issues::new();
    opts.check(&mut issues);
    let checked = validate::check(service, fields, &mut issues);
    issues.finish(Some(Gateway::Sogenactif))?;

    if let Some(tx) = &opts.transaction {
        rules::check(service, &checked.fields, tx)?;
    }

    let interface_version = checked
        .interface_version
        .unwrap_or_else(|| service.family().default_interface_version().to_string());
    let mut body: Map<String, Value> = checked.fields;
    body.insert(
        "interfaceVersion".to_string(),
        Value::String(interface_version),
    );
    body.insert(
        "merchantId".to_string(),
        Value::String(opts.merchant_id.clone()),
    );
    body.insert(
        "keyVersion".to_string(),
        Value::Number(Number::from(opts.key_version)),
    );
    let body = Value::Object(body);
    let seal = seal::seal(&body, &opts.secret_key)?;
    let mut body = match body {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    body.insert("seal".to_string(), Value::String(seal));

    // Keys are written in the seal's order at every depth, whatever order the caller gave
    // (serde_json keeps insertion order: its `preserve_order` feature is on), so bodies are
    // reproducible.
    let text = crate::codec::json::to_text(&in_seal_order(&Value::Object(body)));
    let url = format!("{}/rs-services/v2/{}", opts.base_url(), service.path());
    Ok(HttpRequest::post(
        url,
        vec![
            ("Content-Type", Cow::Borrowed("application/json")),
            ("Accept", Cow::Borrowed("application/json")),
        ],
        text,
    ))
}

/// `v` with the keys of every object, at every depth, in the seal's order.
fn in_seal_order(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for key in seal::sorted_keys(m) {
                if let Some(x) = m.get(key) {
                    out.insert(key.clone(), in_seal_order(x));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(in_seal_order).collect()),
        other => other.clone(),
    }
}
