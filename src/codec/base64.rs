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

/// Appends the base64 text of `bytes` to `out`.
///
/// Each group's four characters are appended at once from the stack (no heap buffer: the Basic
/// header holds a password): a `String::push` per character, a call each in the `.wasm` (built
/// at opt-level "z"), made this loop about 5 % of a `systempay.request`.
pub fn encode_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    let groups = bytes.chunks_exact(3);
    let tail = groups.remainder();
    for g in groups {
        if let [a, b, c] = g {
            let n = (u32::from(*a) << 16) | (u32::from(*b) << 8) | u32::from(*c);
            push4(
                out,
                [sextet(n >> 18), sextet(n >> 12), sextet(n >> 6), sextet(n)],
            );
        }
    }
    match tail {
        [a] => {
            let n = u32::from(*a) << 16;
            push4(out, [sextet(n >> 18), sextet(n >> 12), b'=', b'=']);
        }
        [a, b] => {
            let n = (u32::from(*a) << 16) | (u32::from(*b) << 8);
            push4(
                out,
                [sextet(n >> 18), sextet(n >> 12), sextet(n >> 6), b'='],
            );
        }
        _ => {}
    }
}

/// Appends four base64 characters (ALPHABET bytes or '=': always ASCII).
fn push4(out: &mut String, quad: [u8; 4]) {
    out.push_str(std::str::from_utf8(&quad).unwrap_or_default());
}

#[cfg(test)]
mod tests;
