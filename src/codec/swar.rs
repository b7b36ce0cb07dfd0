//! Byte tests eight at a time on a `u64` ("SWAR"), and short-text equality. The hot loops of the
//! answer writer (`json_out`) and of the batch converter (`sogenactif::batch::fast`) use them: the
//! release profile optimises for size (opt-level "z"), which leaves byte loops, closures and
//! `==` on `&str` (a call to `str::eq`, then a byte-at-a-time `memcmp`) as calls per byte.
//!
//! Each `lanes_*` function returns the high bit of the byte lanes that may match: non-zero
//! exactly when one lane does, and the lowest flagged lane is always a real match (a borrow can
//! flag lanes above a real one, never below it), so `trailing_zeros() / 8` is its position.

const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every lane; `w & HIGH` flags the bytes ≥ 0x80.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Lanes of `x` that are zero.
#[inline(always)]
fn zero_lanes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Lanes of `w` equal to `byte`.
#[inline(always)]
pub fn lanes_eq(w: u64, byte: u8) -> u64 {
    zero_lanes(w ^ (ONES * u64::from(byte)))
}

/// Lanes of `w` below 0x20 (the ASCII control characters but DEL).
#[inline(always)]
pub fn lanes_control(w: u64) -> u64 {
    w.wrapping_sub(ONES * 0x20) & !w & HIGH
}

/// Lanes of `w` that a JSON string cannot hold as they are: `"`, `\` and the controls below 0x20.
#[inline(always)]
pub fn lanes_json_special(w: u64) -> u64 {
    lanes_control(w) | lanes_eq(w, b'"') | lanes_eq(w, b'\\')
}

/// The first byte at or after `from` that a JSON string cannot hold as it is (`"`, `\`, a
/// control), eight at a time; `bytes.len()` when there is none. One scan for the JSON reader and
/// the argument splitter: a short key or value is one step, not one per byte.
pub fn json_special(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(w) = bytes.get(i..i + 8).and_then(word) {
        let hit = lanes_json_special(w);
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes
        .get(i)
        .is_some_and(|&b| b >= 0x20 && b != b'"' && b != b'\\')
    {
        i += 1;
    }
    i
}

/// The 8 bytes of `chunk` (which must be 8 long) as one word, first byte lowest.
#[inline(always)]
pub fn word(chunk: &[u8]) -> Option<u64> {
    <[u8; 8]>::try_from(chunk).ok().map(u64::from_le_bytes)
}

/// `a == b` for short texts (field and method names): the length first, inline, then eight bytes
/// at a time. Where one match runs per key of every record, `str::eq` at opt-level "z" was about
/// a seventh of the converter's time in wasm.
#[inline(always)]
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && same_bytes(a.as_bytes(), b.as_bytes())
}

fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i..i + 8), b.get(i..i + 8)) {
        if word(x) != word(y) {
            return false;
        }
        i += 8;
    }
    while let (Some(x), Some(y)) = (a.get(i), b.get(i)) {
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests;
