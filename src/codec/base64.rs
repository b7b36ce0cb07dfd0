//! Standard base64 (RFC 4648 §4, with `=` padding), encoding only: the `Authorization: Basic`
//! header is the one thing remise encodes.
//!
//! Hand-written rather than the `base64` crate (issue 9, size): the crate's general-purpose engine
//! (a configurable alphabet, decoding, chunked and SIMD-friendly encoding) was about 3.5 KB of the
//! `.wasm` (its `internal_encode` alone 2.3 KB, plus its tables) for a header of a few dozen bytes;
//! this loop is a few hundred bytes. It is tested against the crate (a dev-dependency) and the
//! RFC 4648 §10 vectors.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The ASCII byte of the low six bits of `n`.
fn sextet(n: u32) -> u8 {
    // `n & 63` < 64 = ALPHABET.len(): the look-up never misses.
    ALPHABET.get((n & 63) as usize).copied().unwrap_or(b'=')
}

/// Appends the base64 text of `bytes` to `out` (ASCII: the caller makes its `String` once,
/// with one UTF-8 check, where a `push_str` per group checked each group).
///
/// Each group's four characters are appended at once from the stack (no heap buffer: the Basic
/// header holds a password): a `String::push` per character, a call each in the `.wasm` (built
/// at opt-level "z"), made this loop about 5 % of a `systempay.request`.
pub fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    for g in bytes.chunks(3) {
        let byte = |i: usize| u32::from(g.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        // A group of one byte gives two characters, of two bytes three: '=' pads the rest.
        out.extend_from_slice(&[
            sextet(n >> 18),
            sextet(n >> 12),
            if g.len() > 1 { sextet(n >> 6) } else { b'=' },
            if g.len() > 2 { sextet(n) } else { b'=' },
        ]);
    }
}

#[cfg(test)]
mod tests;
