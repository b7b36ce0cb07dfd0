//! Signed answers (`kr-answer` / `kr-hash`) of the browser return and the IPN.
//!
//! Reference systempay.md §1.3 (lyra/rest-php-sdk `Client::checkHash`, lyra/rest-api-server-java-sdk):
//! HMAC-SHA-256 over the raw `kr-answer` after every `\/` is replaced by `/`, lowercase hex; the
//! key is chosen by `kr-hash-key` (`sha256_hmac` → the Back Office HMAC-SHA-256 key, `password` →
//! the REST API password); `kr-hash-algorithm` must be `sha256_hmac`. The JSON is never
//! re-serialised before hashing, and the comparison is constant-time (`Mac::verify_slice`).

use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::printable;
use crate::transport::Secret;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The only algorithm the platform uses.
pub const ALGORITHM: &str = "sha256_hmac";

/// The keys an answer may be signed with; only the one `kr-hash-key` names is needed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// The Back Office "HMAC-SHA-256 key" (browser returns, `kr-hash-key=sha256_hmac`).
    pub hmac_key: Option<Secret>,
    /// The REST API password (IPN, `kr-hash-key=password`).
    pub password: Option<Secret>,
}

impl Keys {
    /// Reads `{ hmacKey?, password? }` from caller input (paths `keys.*`).
    pub fn read(v: &Value) -> Result<Keys> {
        let mut issues = Issues::new();
        let mut o = crate::codec::json::Obj::new(v, "keys", &mut issues);
        let hmac_key = o.str("hmacKey", &mut issues).map(Secret::new);
        let password = o.str("password", &mut issues).map(Secret::new);
        o.finish(&mut issues);
        issues.finish(Some(Gateway::Systempay))?;
        Ok(Keys { hmac_key, password })
    }
}

/// The posted fields of a signed answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedAnswer<'a> {
    pub answer: &'a str,
    pub hash: &'a str,
    pub hash_key: &'a str,
    pub algorithm: &'a str,
}

/// `\/` → `/` (some servers escape slashes in the posted JSON).
fn normalise(answer: &str) -> String {
    crate::codec::text::replace(answer, "\\/", "/").unwrap_or_else(|| answer.to_string())
}

fn mac(key: &Secret, answer: &str) -> HmacSha256 {
    raw_mac(key, &normalise(answer))
}

/// The HMAC of `text` as it is.
fn raw_mac(key: &Secret, text: &str) -> HmacSha256 {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail; keep the fallible path.
    let mut m = match HmacSha256::new_from_slice(key.expose().as_bytes()) {
        Ok(m) => m,
        Err(_) => HmacSha256::new(&Default::default()),
    };
    m.update(text.as_bytes());
    m
}

/// Lowercase hex HMAC-SHA-256 of `answer` (after `\/` → `/`) with `key`. The empty key is refused
/// (`VALIDATION` at `key`), as [`verify_hash`] refuses it: a hash under it is one anyone can compute,
/// so comparing with it would accept forged answers.
pub fn compute_hash(answer: &str, key: &Secret) -> Result<String> {
    if key.is_empty() {
        let mut issues = Issues::new();
        issues.push(
            "key",
            issue::REQUIRED,
            "is empty: give the HMAC-SHA-256 key (browser return) or the password (IPN) the answer was signed with",
        );
        issues.finish(Some(Gateway::Systempay))?;
    }
    Ok(crate::codec::text::hex_encode(
        &mac(key, answer).finalize().into_bytes(),
    ))
}

/// Reads the four `kr-*` fields from a posted form (an object of strings). Every missing or
/// non-string field is an issue; `kr-hash-algorithm` must be `sha256_hmac` and `kr-hash-key`
/// `sha256_hmac` or `password`.
pub fn read_fields<'a>(fields: &'a Value, issues: &mut Issues) -> Option<SignedAnswer<'a>> {
    let Some(map) = fields.as_object() else {
        issues.push(
            "(input)",
            issue::TYPE,
            "must be the object of posted fields ({ 'kr-answer', 'kr-hash', 'kr-hash-key', 'kr-hash-algorithm' })",
        );
        return None;
    };
    let mut get = |name: &'static str| -> Option<&'a str> {
        match map.get(name) {
            None | Some(Value::Null) => {
                issues.push(
                    name,
                    issue::REQUIRED,
                    "is required: pass every kr-* field exactly as posted",
                );
                None
            }
            Some(Value::String(s)) => Some(s.as_str()),
            Some(other) => {
                issues.push(
                    name,
                    issue::TYPE,
                    format!(
                        "must be the posted string, got {}",
                        crate::codec::json::type_name(other)
                    ),
                );
                None
            }
        }
    };
    let answer = get("kr-answer");
    let hash = get("kr-hash");
    let hash_key = get("kr-hash-key");
    let algorithm = get("kr-hash-algorithm");
    if let Some(a) = algorithm {
        if a != ALGORITHM {
            issues.push(
                "kr-hash-algorithm",
                issue::ENUM,
                format!(
                    "'{}' is not supported: the platform signs with sha256_hmac only",
                    printable(a)
                ),
            );
        }
    }
    if let Some(k) = hash_key {
        if k != "sha256_hmac" && k != "password" {
            issues.push(
                "kr-hash-key",
                issue::ENUM,
                format!(
                    "'{}' is not a key kind: expected 'sha256_hmac' (browser return) or 'password' (IPN)",
                    printable(k)
                ),
            );
        }
    }
    Some(SignedAnswer {
        answer: answer?,
        hash: hash?,
        hash_key: hash_key?,
        algorithm: algorithm?,
    })
}

/// The key `kr-hash-key` names, or an issue when the caller did not give it.
fn pick_key<'k>(kind: &str, keys: &'k Keys, issues: &mut Issues) -> Option<&'k Secret> {
    let (key, field, what) = match kind {
        "sha256_hmac" => (
            keys.hmac_key.as_ref(),
            "keys.hmacKey",
            "kr-hash-key is sha256_hmac (a browser return): give the Back Office HMAC-SHA-256 key as hmacKey",
        ),
        "password" => (
            keys.password.as_ref(),
            "keys.password",
            "kr-hash-key is password (an IPN): give the REST API password as password",
        ),
        _ => return None,
    };
    match key {
        Some(k) if !k.is_empty() => Some(k),
        _ => {
            issues.push(field, issue::REQUIRED, what);
            None
        }
    }
}

/// Whether `kr-hash` is the HMAC of `kr-answer` under the key `kr-hash-key` names. Constant-time.
/// Missing fields, a missing key, an unknown key kind or another algorithm → `VALIDATION`.
pub fn verify_hash(fields: &Value, keys: &Keys) -> Result<bool> {
    let mut issues = Issues::new();
    let signed = read_fields(fields, &mut issues);
    let key = signed
        .as_ref()
        .and_then(|s| pick_key(s.hash_key, keys, &mut issues));
    issues.finish(Some(Gateway::Systempay))?;
    let (Some(signed), Some(key)) = (signed, key) else {
        return Err(Error::validation(Some(Gateway::Systempay), Vec::new()));
    };
    Ok(verify(&signed, key))
}

fn verify(signed: &SignedAnswer<'_>, key: &Secret) -> bool {
    // Either case; a wrong length fails `verify_slice`.
    let Some(expected) = crate::codec::text::hex_decode(signed.hash) else {
        return false;
    };
    mac(key, signed.answer).verify_slice(&expected).is_ok()
        // A text holding `\/` may also have been signed as it is, as Lyra's PHP SDK allows by
        // checking again with the text changed: either form needs the key.
        || (crate::codec::text::find(signed.answer, "\\/").is_some()
            && raw_mac(key, signed.answer)
                .verify_slice(&expected)
                .is_ok())
}

/// Verifies, then parses `kr-answer`. A mismatch is `SIGNATURE_INVALID`; an answer that is not
/// JSON is `MALFORMED_RESPONSE`.
pub fn parse_answer(fields: &Value, keys: &Keys) -> Result<Value> {
    if let Some(answer) = fields.get("kr-answer").and_then(Value::as_str) {
        crate::codec::check_size(
            answer,
            crate::codec::MAX_ANSWER_BYTES,
            Gateway::Systempay,
            "kr-answer",
            crate::codec::ANSWER_TOO_LARGE_HINT,
        )
        .map_err(|e| e.with_field("kr-answer"))?;
    }
    if !verify_hash(fields, keys)? {
        let kind = fields
            .get("kr-hash-key")
            .and_then(Value::as_str)
            .unwrap_or("");
        let which = if kind == "password" {
            "the REST API password of the same mode (test or production)"
        } else {
            "the HMAC-SHA-256 key of the same mode (test or production)"
        };
        return Err(Error::new(
            ErrorCode::SignatureInvalid,
            format!(
                "kr-hash does not match kr-answer: check that the key is {which}, and pass kr-answer exactly as posted (not re-serialised)"
            ),
        )
        .with_gateway(Gateway::Systempay)
        .with_field("kr-hash"));
    }
    let answer = fields
        .get("kr-answer")
        .and_then(Value::as_str)
        .unwrap_or("");
    crate::codec::json_ref::answer_value(answer).map_err(|e| {
        Error::new(
            ErrorCode::MalformedResponse,
            format!("kr-answer is signed but is not JSON ({e})"),
        )
        .with_gateway(Gateway::Systempay)
        .with_field("kr-answer")
    })
}
