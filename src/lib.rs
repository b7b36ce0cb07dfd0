//! remise: back-office operations for French payment gateways, as a sans-IO Rust core compiled
//! to WebAssembly. See DESIGN.md (shared) and ARCHITECTURE.md for the layout.
#![forbid(unsafe_code)]

pub mod api;
pub mod codec;
pub mod error;
pub mod money;
pub mod payline;
pub mod sogenactif;
pub mod systempay;
pub mod transport;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use error::{Error, ErrorCode, Gateway, Issue, Issues, Result};
