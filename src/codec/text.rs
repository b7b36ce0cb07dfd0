//! Texts by hand for size (issue 9), each tested against the standard library function (or the
//! crate: `hex`) it replaces, which brought more code into the `.wasm` than these uses need:
//!
//! - [`find`], [`split_once`], [`replace`]: substring search for the Payline reader's `?>`, `-->`
//!   and `]]>`, the client's redaction of its own secrets, Systempay's `\/` unescaping and two
//!   serde_json messages. Over `memchr` (already linked for the readers) rather than
//!   `str::find(&str)`, `str::replace` or `split_once(&str)`: those bring core's Two-Way searcher,
//!   about 3.3 KB of `.wasm` for these few uses, and `memchr::memmem` is larger still. The needles
//!   are a few bytes long (a secret: tens) and the texts at most one capped answer, so looking for
//!   the first byte with `memchr` and comparing the rest is as fast as either.
//! - [`parse_uint`]: every unsigned integer read from text, in one function.
//! - [`hex_encode`], [`hex_decode`]: the hex of the HMAC seals and hashes.
//! - [`join`]: the lists of accepted values in messages.
//! - [`chars`]: `str::chars().count()`, whose eight-bytes-at-a-time counter is 878 bytes of
//!   `.wasm` for texts that are a few hundred bytes at most (nineteenth pass).

/// The number of characters of `s`, as `s.chars().count()`: its bytes that do not continue a
/// UTF-8 sequence (continuation bytes are `0b10xx_xxxx`).
pub fn chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Byte offset of the first `needle` in `hay` (`Some(0)` for an empty needle), as `str::find`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    find_bytes(hay.as_bytes(), needle.as_bytes())
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, hay.get(from..)?) {
        let at = from + i;
        if hay.get(at + 1..)?.starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `hay.split_once(needle)`: the text before the first `needle` and the text after it.
pub fn split_once<'a>(hay: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(hay, needle)?;
    Some((hay.get(..at)?, hay.get(at + needle.len()..)?))
}

/// `hay.replace(needle, with)` for a non-empty `needle`; `None` when `needle` does not occur
/// (nothing is allocated then), so callers can keep the text they have.
pub fn replace(hay: &str, needle: &str, with: &str) -> Option<String> {
    if needle.is_empty() {
        return None;
    }
    let mut at = find(hay, needle)?;
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    loop {
        out.push_str(rest.get(..at)?);
        out.push_str(with);
        rest = rest.get(at + needle.len()..)?;
        match find(rest, needle) {
            Some(i) => at = i,
            None => break,
        }
    }
    out.push_str(rest);
    Some(out)
}

/// `s.parse::<u64>()` (`radix` 10) or `u64::from_str_radix(s, radix)`, as an `Option`: an optional
/// `+`, then at least one digit of `radix`, `None` on anything else or on overflow. One function for
/// every unsigned width (callers narrow with `try_from`) instead of core's `parse` and
/// `from_ascii_radix` for each of `u8`, `u16`, `u32` and `u64` (1.7 KB of `.wasm`; issue 9, size).
pub fn parse_uint(s: &str, radix: u32) -> Option<u64> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    // By byte: a digit of any radix is ASCII, and a byte of a multi-byte character is none
    // (what `char::to_digit` answers, without its call per character at opt-level "z").
    for &b in digits.as_bytes() {
        let d = digit(b, radix)?;
        n = n.checked_mul(u64::from(radix))?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// The value of `b` as a digit of `radix` (2 to 36): `char::from(b).to_digit(radix)`, without
/// core's `to_digit`, whose panic on a radix above 36 (its message and the call) is kept in the
/// `.wasm` for every caller (issue 9, size).
pub fn digit(b: u8, radix: u32) -> Option<u32> {
    let d = match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'z' => b - b'a' + 10,
        b'A'..=b'Z' => b - b'A' + 10,
        _ => return None,
    };
    Some(u32::from(d)).filter(|d| *d < radix)
}

/// [`parse_uint`] in base 10.
pub fn parse_u64(s: &str) -> Option<u64> {
    parse_uint(s, 10)
}

/// Lowercase hex of `bytes` (`hex::encode`, the HMAC seals and hashes).
pub fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0xf] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

/// The bytes of a hex text, digits in either case (`hex::decode`); `None` for an odd length or
/// a character that is not a hex digit.
pub fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let pairs = text.as_bytes().chunks(2);
    let mut out = Vec::with_capacity(text.len() / 2);
    for pair in pairs {
        let [hi, lo] = pair else { return None };
        let digit = |b: &u8| digit(*b, 16);
        out.push(u8::try_from(digit(hi)? * 16 + digit(lo)?).ok()?);
    }
    Some(out)
}

/// `items.join(sep)` for the lists of accepted values in error messages: a loop of `push_str`
/// instead of alloc's `join_generic_copy` (1 KB of `.wasm`, specialised for every separator
/// length; issue 9, size).
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

#[cfg(test)]
mod tests;
