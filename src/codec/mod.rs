//! Shared readers and writers used by every gateway.
//!
//! - [`json`]: reads a caller's input object field by field, recording every issue with its path
//!   and flagging unknown fields (a typo in a refund call must not pass silently).
//! - [`json_ref`]: the same reading from one JSON text, strings borrowed from it (issue 9).
//! - [`datetime`]: yes/no checks of RFC 3339 date-times and calendar dates (hand-written for
//!   size; tested against the `time` crate).
//! - [`xml`]: checks that text can be written into XML 1.0 (quick-xml escapes; control
//!   characters it cannot escape are refused here).

pub mod datetime;
pub mod json;
pub mod json_ref;
pub mod xml;
