//! Systempay / Lyra REST V4 (issue 3). model, validate, encode, decode, rules, hash.
