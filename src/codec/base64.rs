//! Standard base64 (RFC 4648 §4, with `=` padding), encoding only: the `Authorization: Basic`
//! header is the one thing remise encodes.
//!
//! Hand-written rather than the `base64` crate (issue 9, size): the crate's general-purpose engine
//! (a configurable alphabet, decoding, chunked and SIMD-friendly encoding) was about 3.5 KB of the
//! `.wasm` (its `internal_encode` alone 2.3 KB, plus its tables) for a header of a few dozen bytes;
//! this loop is a few hundred bytes. It is tested against the crate (a dev-dependency) and the
//! RFC 4648 §10 vectors.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The character of the low six bits of `n`.
fn sextet(n: u32) -> char {
    // `n & 63` < 64 = ALPHABET.len(): the look-up never misses.
    char::from(ALPHABET.get((n & 63) as usize).copied().unwrap_or(b'='))
}

/// Appends the base64 text of `bytes` to `out`.
pub fn encode_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sextet(n >> 18));
        out.push(sextet(n >> 12));
        out.push(if chunk.len() > 1 { sextet(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(n) } else { '=' });
    }
}

#[cfg(test)]
mod tests;
