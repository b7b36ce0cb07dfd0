//! Sips Office JSON (Sogenactif Office Server, REST/JSON): sealed requests for cashManagement,
//! checkout and diagnostic services, and decoding of the answers.
//!
//! - [`seal_string`] / [`seal`]: the seal input and its HMAC-SHA-256 (seal.rs, reference §4.2).
//! - [`request`]: validate → rules → seal → `HttpRequest` (validate.rs, rules.rs, encode.rs).
//! - [`parse_response`]: `responseCode`, response seal, errors (decode.rs).
//!
//! Service names are accepted bare (`cancel`) or with their family (`cashManagement/cancel`);
//! the family is implied by the name, so the bare form is the documented one.

mod decode;
mod encode;
pub mod model;
pub mod rules;
pub mod seal;
// Host only: in the wasm build its calls to `validate::spec` would keep that function out of line
// (one more caller at codegen time; +48 bytes gzip measured).
#[cfg(not(target_arch = "wasm32"))]
pub mod typegen;
pub mod validate;

pub use decode::{parse_response, parse_response_sealed};
pub use encode::request;
pub use model::{
    brand_base_url, call_options, hosts_json, hosts_of, BrandHosts, Environment, Family, Options,
    Service, TransactionState, BRANDS, DEFAULT_BRAND, HOSTS,
};
pub use seal::{seal, seal_string};
