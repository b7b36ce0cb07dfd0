//! Systempay / Lyra REST V4 (issue 3): Transaction/CancelOrRefund and the Transaction, Order and
//! Charge family; signed answers (kr-hash).
//!
//! - [`request`]: validate a body (every issue at once, with its JSON path), then build the
//!   `HttpRequest` (`model` → `validate` → `encode`). Warnings (e.g. `captureDelay` above 365,
//!   sent as 365) come back in [`Prepared::warnings`].
//! - [`parse_response`]: the V4 envelope (`decode`), with the error-code table of `codes`.
//! - [`plan_cancel_or_refund`]: what CancelOrRefund will do (`rules`).
//! - [`compute_hash`], [`verify_hash`], [`parse_answer`]: `kr-hash` (`hash`).

pub mod codes;
pub mod decode;
pub mod encode;
pub mod hash;
pub mod model;
pub mod rules;
pub mod schema;
pub mod typegen;
pub mod validate;

pub use codes::{describe, error_codes, ErrorInfo, ERROR_CODES};
pub use decode::parse_response;
pub use encode::{
    request, request_json, request_text, request_unchecked, request_unchecked_text, url,
};
pub use hash::{compute_hash, parse_answer, verify_hash, Keys};
pub use model::{call_kind, Options, Plan, Prepared, Service, Warning, DEFAULT_BASE_URL, HOSTS};
pub use rules::plan_cancel_or_refund;
