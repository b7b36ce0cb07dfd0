//! The one error type of remise.
//!
//! Every failure, whether bad input, a gateway refusal or a transport problem, is an [`Error`]
//! with a stable [`ErrorCode`]. The wasm layer turns it into a JS `RemiseError` with the same
//! properties (DESIGN.md §2). Messages say what happened and how to fix it, and never contain
//! a secret: build them from field names and public values only.

use serde::Serialize;
use std::fmt;

/// Stable error codes. Adding one is fine; renaming one is a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    Validation,
    UnknownCurrency,
    AmountFormat,
    AmountPrecision,
    AmountRange,
    OperationNotAllowed,
    GatewayError,
    HttpError,
    NetworkError,
    Timeout,
    MalformedResponse,
    SignatureInvalid,
    Unsupported,
}

impl ErrorCode {
    /// The code as JS sees it, e.g. `"AMOUNT_PRECISION"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "VALIDATION",
            ErrorCode::UnknownCurrency => "UNKNOWN_CURRENCY",
            ErrorCode::AmountFormat => "AMOUNT_FORMAT",
            ErrorCode::AmountPrecision => "AMOUNT_PRECISION",
            ErrorCode::AmountRange => "AMOUNT_RANGE",
            ErrorCode::OperationNotAllowed => "OPERATION_NOT_ALLOWED",
            ErrorCode::GatewayError => "GATEWAY_ERROR",
            ErrorCode::HttpError => "HTTP_ERROR",
            ErrorCode::NetworkError => "NETWORK_ERROR",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::MalformedResponse => "MALFORMED_RESPONSE",
            ErrorCode::SignatureInvalid => "SIGNATURE_INVALID",
            ErrorCode::Unsupported => "UNSUPPORTED",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The gateway an error concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gateway {
    Systempay,
    Payline,
    Sogenactif,
}

impl Gateway {
    pub fn as_str(self) -> &'static str {
        match self {
            Gateway::Systempay => "systempay",
            Gateway::Payline => "payline",
            Gateway::Sogenactif => "sogenactif",
        }
    }
}

/// What is known of a request that may have reached the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The request may or may not have been processed: query its status, do not resend it.
    Unknown,
}

/// Stable codes for the entries of [`Error::issues`]. An issue code says what is wrong with one
/// field; the error code of the whole error is [`ErrorCode::Validation`].
pub mod issue {
    /// A required field is missing (or null).
    pub const REQUIRED: &str = "REQUIRED";
    /// A field that the operation does not know (often a typo).
    pub const UNKNOWN_FIELD: &str = "UNKNOWN_FIELD";
    /// The value has the wrong JSON type (a number where a string is expected, …).
    pub const TYPE: &str = "TYPE";
    /// The value does not have the expected format (characters, pattern, date layout).
    pub const FORMAT: &str = "FORMAT";
    /// The value is longer than the gateway accepts.
    pub const TOO_LONG: &str = "TOO_LONG";
    /// A number outside the accepted range.
    pub const RANGE: &str = "RANGE";
    /// The value is not one of the accepted values.
    pub const ENUM: &str = "ENUM";
    /// Two fields that must go together, or must not, disagree.
    pub const CONFLICT: &str = "CONFLICT";
    /// The value is refused by a gateway rule (e.g. a field that must be null).
    pub const NOT_ALLOWED: &str = "NOT_ALLOWED";
    /// A character that cannot be written in this syntax (e.g. `;` in a CSV batch value).
    pub const FORBIDDEN_CHARACTER: &str = "FORBIDDEN_CHARACTER";
    /// Same strings as the error codes, for amount and currency problems inside a request.
    pub const UNKNOWN_CURRENCY: &str = "UNKNOWN_CURRENCY";
    pub const AMOUNT_FORMAT: &str = "AMOUNT_FORMAT";
    pub const AMOUNT_PRECISION: &str = "AMOUNT_PRECISION";
    pub const AMOUNT_RANGE: &str = "AMOUNT_RANGE";
}

/// One problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Path of the field: `transactionOptions.cardOptions.captureDelay`, `records[3].amount`.
    pub field: String,
    /// One of the constants of [`issue`].
    pub code: &'static str,
    /// What is wrong and what is accepted.
    pub message: String,
}

/// The remise error. See DESIGN.md §2 for the meaning of each property.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<Gateway>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    pub retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The decoded gateway answer, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<serde_json::Value>,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            gateway: None,
            field: None,
            issues: Vec::new(),
            gateway_code: None,
            gateway_message: None,
            http_status: None,
            retryable: false,
            outcome: None,
            response: None,
        }
    }

    /// A `VALIDATION` error about one argument (`table`, `httpStatus`, `options`…) with its one
    /// issue (message `"{field}: {what}"`): `issues` is never empty for `VALIDATION` (README,
    /// "Errors").
    pub fn argument(field: &str, code: &'static str, what: &str) -> Self {
        Error::validation(
            None,
            vec![Issue {
                field: field.to_string(),
                code,
                message: what.to_string(),
            }],
        )
    }

    /// A `VALIDATION` error carrying every issue; its message lists them all.
    /// `field` is set to the first issue's path.
    pub fn validation(gateway: Option<Gateway>, issues: Vec<Issue>) -> Self {
        let total = issues.len();
        Error::validation_of(gateway, issues, total)
    }

    /// [`Error::validation`] of the first `issues` of `total` (the rest counted: [`MAX_LISTED`]).
    fn validation_of(gateway: Option<Gateway>, issues: Vec<Issue>, total: usize) -> Self {
        let message = match issues.as_slice() {
            [] => "invalid input".to_string(),
            [one] => format!("{}: {}", one.field, one.message),
            many => {
                // Pushed by hand: `Vec<String>::join` is a second copy of `join` (size).
                let mut out = if total > many.len() {
                    format!(
                        "{total} problems (the first {} are listed in issues): ",
                        many.len()
                    )
                } else {
                    format!("{total} problems: ")
                };
                for (n, i) in many.iter().enumerate() {
                    if n > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&i.field);
                    out.push_str(": ");
                    out.push_str(&i.message);
                }
                out
            }
        };
        let field = issues.first().map(|i| i.field.clone());
        Error {
            gateway,
            field,
            issues,
            ..Error::new(ErrorCode::Validation, message)
        }
    }

    pub fn with_gateway(mut self, gateway: Gateway) -> Self {
        self.gateway = Some(gateway);
        self
    }

    /// Sets the gateway unless the error already names one.
    pub fn with_gateway_if_none(mut self, gateway: Gateway) -> Self {
        if self.gateway.is_none() {
            self.gateway = Some(gateway);
        }
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_gateway_code(mut self, code: impl Into<String>) -> Self {
        self.gateway_code = Some(code.into());
        self
    }

    pub fn with_gateway_message(mut self, message: impl Into<String>) -> Self {
        self.gateway_message = Some(message.into());
        self
    }

    pub fn with_http_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }

    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    pub fn with_outcome_unknown(mut self) -> Self {
        self.outcome = Some(Outcome::Unknown);
        self.retryable = false;
        self
    }

    pub fn with_response(mut self, response: serde_json::Value) -> Self {
        self.response = Some(response);
        self
    }

    /// Prefixes the field path (and every issue path) with `prefix`, e.g. `records[3]`.
    pub fn nest(mut self, prefix: &str) -> Self {
        let join = |p: &str| {
            // `(input)` names a whole text given at the root: under a prefix, the prefix is it.
            if p.is_empty() || p == "(input)" {
                prefix.to_string()
            } else if p.starts_with('[') {
                format!("{prefix}{p}")
            } else {
                format!("{prefix}.{p}")
            }
        };
        let old = self.field.take();
        self.field = old.as_deref().map(join);
        // A message that starts with the field names the new one (`text: it contains …`).
        if let (Some(old), Some(new)) = (old, &self.field) {
            if let Some(rest) = self
                .message
                .strip_prefix(old.as_str())
                .and_then(|r| r.strip_prefix(": "))
            {
                self.message = format!("{new}: {rest}");
            }
        }
        for i in &mut self.issues {
            i.field = join(&i.field);
        }
        self
    }
}

impl Error {
    /// The properties of the JS `RemiseError`, built by hand (no serializer instantiation in the
    /// wasm build); the same shape as the derived `Serialize`, which tests compare it with.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        let s = |v: &str| Value::String(v.to_string());
        let mut m = Map::new();
        m.insert("code".into(), s(self.code.as_str()));
        m.insert("message".into(), s(&self.message));
        if let Some(g) = self.gateway {
            m.insert("gateway".into(), s(g.as_str()));
        }
        if let Some(f) = &self.field {
            m.insert("field".into(), s(f));
        }
        if !self.issues.is_empty() {
            let mut list = Vec::with_capacity(self.issues.len());
            for i in &self.issues {
                let mut o = Map::new();
                o.insert("field".into(), s(&i.field));
                o.insert("code".into(), s(i.code));
                o.insert("message".into(), s(&i.message));
                list.push(Value::Object(o));
            }
            m.insert("issues".into(), Value::Array(list));
        }
        if let Some(c) = &self.gateway_code {
            m.insert("gatewayCode".into(), s(c));
        }
        if let Some(c) = &self.gateway_message {
            m.insert("gatewayMessage".into(), s(c));
        }
        if let Some(h) = self.http_status {
            m.insert("httpStatus".into(), Value::from(h));
        }
        m.insert("retryable".into(), Value::Bool(self.retryable));
        if let Some(Outcome::Unknown) = self.outcome {
            m.insert("outcome".into(), s("unknown"));
        }
        if let Some(r) = &self.response {
            // The gateway's answer as the error carries it, with the card data and secrets a gateway
            // may echo redacted by field name as in debug events: errors get logged whole.
            let mut r = r.clone();
            crate::transport::redact_value(&mut r);
            m.insert("response".into(), r);
        }
        Value::Object(m)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Issues an error lists; past them, issues are counted (the message says how many). 1.3 M batch
/// records of `null` made 2.6 M issues, filled the 4 GiB memory and trapped (the fifteenth pass); the
/// converter keeps as many per file (`batch::convert::MAX_ISSUES`).
pub const MAX_LISTED: usize = 1000;

/// Collects every issue of one input, so validation reports all of them at once (the first
/// [`MAX_LISTED`] listed, the rest counted).
#[derive(Debug, Default)]
pub struct Issues {
    list: Vec<Issue>,
    more: usize,
}

impl Issues {
    pub fn new() -> Self {
        Issues::default()
    }

    pub fn push(
        &mut self,
        field: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.add(Issue {
            field: field.into(),
            code,
            message: message.into(),
        });
    }

    fn add(&mut self, issue: Issue) {
        if self.list.len() < MAX_LISTED {
            self.list.push(issue);
        } else {
            self.more += 1;
        }
    }

    /// Records an [`Error`] raised while checking `field` (e.g. by the money parser) as an issue.
    /// A `VALIDATION` error contributes each of its own issues.
    pub fn push_error(&mut self, field: &str, err: Error) {
        if err.code == ErrorCode::Validation && !err.issues.is_empty() {
            for i in err.nest(field).issues {
                self.add(i);
            }
            return;
        }
        let code = match err.code {
            ErrorCode::UnknownCurrency => issue::UNKNOWN_CURRENCY,
            ErrorCode::AmountFormat => issue::AMOUNT_FORMAT,
            ErrorCode::AmountPrecision => issue::AMOUNT_PRECISION,
            ErrorCode::AmountRange => issue::AMOUNT_RANGE,
            ErrorCode::OperationNotAllowed => issue::NOT_ALLOWED,
            _ => issue::FORMAT,
        };
        self.push(field, code, err.message);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Issues pushed, listed or counted.
    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }

    pub fn as_slice(&self) -> &[Issue] {
        &self.list
    }

    pub fn into_vec(self) -> Vec<Issue> {
        self.list
    }

    /// `Ok(())` when nothing was pushed, else one `VALIDATION` error with every issue (or the first
    /// [`MAX_LISTED`], its message giving the count).
    pub fn finish(self, gateway: Option<Gateway>) -> Result<()> {
        if self.list.is_empty() {
            return Ok(());
        }
        let total = self.len();
        Err(Error::validation_of(gateway, self.list, total))
    }
}

#[cfg(test)]
mod tests;
