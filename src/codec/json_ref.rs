//! Caller input read from one JSON text without copying it (issue 9: "a fast core").
//!
//! [`parse`] turns the text into a [`Val`] tree whose strings borrow from the text (a string is
//! copied only when it holds an escape sequence), and [`ObjRef`] reads one object of it field by
//! field the way [`super::json::Obj`] reads a `serde_json::Value`: same issue codes, same paths,
//! same messages, unknown fields reported at the end. Paths are built only when an issue is
//! pushed.
//!
//! Why a tree and not `#[derive(Deserialize)]` structs: validation must report every issue at
//! once (a derived struct stops at the first field of the wrong type) and must name each unknown
//! field with a "did you mean" hint (a derived struct can only refuse them, or buffer them all
//! through `#[serde(flatten)]`). The tree is read by [`Reader`], written here (see why there).

use crate::codec::swar::same;
use crate::error::{issue, Issues};
use crate::money::MAX_SAFE_INTEGER;
use std::borrow::Cow;
use std::fmt;

/// A JSON value whose strings borrow from the parsed text. Numbers keep serde_json's three kinds
/// (a non-negative integer is always [`Val::U`], as in `serde_json::Value`). Objects keep their
/// fields in text order; a repeated key is held once, at its first place with its last value, as
/// in `serde_json::Value` (trees built by hand, such as the converter's CSV rows, may repeat a key).
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    Null,
    Bool(bool),
    U(u64),
    I(i64),
    F(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Val<'a>>),
    Obj(Vec<(Cow<'a, str>, Val<'a>)>),
}

/// Parses one JSON text of caller input (white space only after it, as `serde_json::from_str`);
/// a key written twice in one object is refused ([`REPEATED_KEY`]).
pub fn parse(text: &str) -> Result<Val<'_>, JsonError> {
    read(text, false)
}

/// [`parse`] for a gateway's answer: a `\u` escape of half a UTF-16 surrogate pair (which a `str`
/// cannot hold, and `JSON.parse` reads) becomes U+FFFD, as a stray byte of bad UTF-8 does
/// ("Transport"): one odd character in a free-text field must not make a payment's result
/// unreadable. Caller input stays strict (`parse`): there, such a string is named at its path. A
/// repeated key keeps its last value, as serde_json reads it.
pub fn parse_answer(text: &str) -> Result<Val<'_>, JsonError> {
    read(text, true)
}

/// [`value`] of [`parse_answer`].
pub fn answer_value(text: &str) -> Result<serde_json::Value, JsonError> {
    parse_answer(text).map(|v| v.to_value())
}

fn read(text: &str, answer: bool) -> Result<Val<'_>, JsonError> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        answer,
    };
    let v = r.value()?;
    r.blank();
    if r.at < r.bytes.len() {
        return Err(r.error("trailing characters"));
    }
    Ok(v)
}

/// The `serde_json::Value` of one JSON text, read through [`Val`] ([`Val::to_value`] builds the
/// `Value` `serde_json::from_str` would).
pub fn value(text: &str) -> Result<serde_json::Value, JsonError> {
    parse(text).map(|v| v.to_value())
}

/// A JSON syntax error: what is wrong (worded as serde_json words it) and where, as a 1-based line and a
/// column counted in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    what: &'static str,
    line: usize,
    column: usize,
}

impl JsonError {
    /// The column (bytes from the start of the line, 1-based) where the problem was found.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the text nests deeper than [`MAX_NESTING`].
    pub fn is_too_deep(&self) -> bool {
        self.what == TOO_DEEP
    }

    /// Whether caller input names a key twice in one object ([`parse`] refuses it).
    pub fn is_repeated_key(&self) -> bool {
        self.what == REPEATED_KEY
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

/// Arrays and objects nested this deep are refused (serde_json's limit: 127 levels read).
pub const MAX_NESTING: u32 = 128;
const TOO_DEEP: &str = "recursion limit exceeded";
/// What [`parse`] says of a key written twice in one object of caller input.
pub const REPEATED_KEY: &str = "a key written twice";
const BAD_NUMBER: &str = "invalid number";

/// The reader of [`parse`]. Written here rather than taken from serde_json: its deserializer,
/// its error positions and its float tables were about 13 KB of the `.wasm` (issue 9, size),
/// serde's visitor protocol stood between it and the tree, and a reader that only builds [`Val`]
/// does the same work in less code. It accepts exactly RFC 8259 JSON, as serde_json does
/// (checked against it by a differential test, `json_ref/tests.rs`), but for caller input
/// ([`parse`]) a key written twice in one object, which it refuses.
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: u32,
    /// A gateway's answer ([`parse_answer`]): half a surrogate pair is read as U+FFFD instead of
    /// refused, and a repeated key keeps its last value instead of being refused.
    answer: bool,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &'static str) -> JsonError {
        let at = self.at.min(self.bytes.len());
        let before = self.bytes.get(..at).unwrap_or_default();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |n| n + 1);
        let line = 1 + memchr::memchr_iter(b'\n', before).count();
        // At a byte, the column counts it; at the end, the line's length.
        let column = at - line_start + usize::from(at < self.bytes.len());
        JsonError { what, line, column }
    }

    // Inlined: at opt-level "z" each was a call per byte read (issue 9, speed).
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Val<'a>, JsonError> {
        self.blank();
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        match b {
            b'"' => {
                self.at += 1;
                self.string().map(Val::Str)
            }
            b'[' | b'{' => {
                self.depth += 1;
                if self.depth >= MAX_NESTING {
                    return Err(self.error(TOO_DEEP));
                }
                self.at += 1;
                let v = if b == b'[' {
                    self.array()
                } else {
                    self.object()
                };
                self.depth -= 1;
                v
            }
            b't' => self.word("true", Val::Bool(true)),
            b'f' => self.word("false", Val::Bool(false)),
            b'n' => self.word("null", Val::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &'static str, v: Val<'a>) -> Result<Val<'a>, JsonError> {
        for &w in word.as_bytes() {
            match self.peek() {
                Some(b) if b == w => self.at += 1,
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(v)
    }

    /// After `[`.
    fn array(&mut self) -> Result<Val<'a>, JsonError> {
        let mut items = Vec::new();
        self.blank();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Val::Arr(items));
        }
        if self.peek().is_none() {
            return Err(self.error("EOF while parsing a list"));
        }
        loop {
            items.push(self.value()?);
            if !self.next_item(b']', "expected `,` or `]`", "EOF while parsing a list")? {
                return Ok(Val::Arr(items));
            }
        }
    }

    /// After `{`. In an answer, a repeated key keeps its first place and takes the last value, as
    /// serde_json's `Value` (`preserve_order`) holds it; caller input refuses it. Keeping every repeat cost memory per repeat (34
    /// million repeats of one key on one NDJSON line ran the instance out of memory) and sent such
    /// batch records to the slow validator; found by a differential fuzz (2026-12-05).
    fn object(&mut self) -> Result<Val<'a>, JsonError> {
        let mut fields: Vec<(Cow<'a, str>, Val<'a>)> = Vec::with_capacity(8);
        let mut places = Places::default();
        self.blank();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Val::Obj(fields));
        }
        loop {
            let key_at = self.at;
            match self.peek() {
                Some(b'"') => self.at += 1,
                Some(_) => return Err(self.error("key must be a string")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            let key = self.string()?;
            self.blank();
            match self.peek() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.error("expected `:`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            let v = self.value()?;
            if let Some(slot) = places.find(&fields, &key).and_then(|i| fields.get_mut(i)) {
                // Caller input (an NDJSON record) names each field once: a second `amount` is a
                // mistake, never a correction. Answers keep serde_json's last value.
                if !self.answer {
                    self.at = key_at;
                    return Err(self.error(REPEATED_KEY));
                }
                slot.1 = v;
            } else {
                fields.push((key, v));
                places.pushed(&fields);
            }
            if !self.next_item(b'}', "expected `,` or `}`", "EOF while parsing an object")? {
                return Ok(Val::Obj(fields));
            }
        }
    }

    /// After an array's item or an object's field: `true` after a `,` (another must follow: a
    /// trailing comma is refused), `false` after the `close` that ends the container.
    fn next_item(
        &mut self,
        close: u8,
        expected: &'static str,
        eof: &'static str,
    ) -> Result<bool, JsonError> {
        self.blank();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.blank();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            Some(_) => Err(self.error(expected)),
            None => Err(self.error(eof)),
        }
    }

    /// The first byte at or after `from` that a string cannot hold as it is (`"`, `\`, a
    /// control), eight at a time; the text's length when there is none.
    fn special(&self, from: usize) -> usize {
        super::swar::json_special(self.bytes, from)
    }

    /// After the opening quote: the string, borrowed when it holds no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.at;
        let end = self.special(start);
        // Cut at ASCII bytes of a `str`: char boundaries.
        let run = |a: usize, b: usize| self.text.get(a..b).unwrap_or_default();
        if self.bytes.get(end) == Some(&b'"') {
            self.at = end + 1;
            return Ok(Cow::Borrowed(run(start, end)));
        }
        let mut s = String::with_capacity(end - start + 8);
        s.push_str(run(start, end));
        self.at = end;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(s));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    s.push(c);
                }
                Some(b) if b < 0x20 => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => {
                    let end = self.special(self.at);
                    s.push_str(run(self.at, end));
                    self.at = end;
                }
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if !(0xD800..0xE000).contains(&hi) {
                    return char::from_u32(hi).ok_or_else(|| self.error("invalid escape"));
                }
                // A surrogate pair, `\uD83D\uDE00`; a lone half cannot be held by a `str`.
                let pair = hi < 0xDC00 && self.bytes.get(self.at..self.at + 2) == Some(b"\\u");
                let back = self.at;
                let lo = if pair {
                    self.at += 2;
                    self.hex4()?
                } else {
                    0
                };
                if !(0xDC00..0xE000).contains(&lo) {
                    if !self.answer {
                        return Err(self.error("lone surrogate in hex escape"));
                    }
                    // The next escape, if any, is read on its own.
                    self.at = back;
                    return Ok('\u{fffd}');
                }
                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                    .ok_or_else(|| self.error("invalid escape"))?
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => super::text::digit(b, 16),
            };
            n = n * 16 + d.ok_or_else(|| self.error("invalid escape"))?;
            self.at += 1;
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let from = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - from
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer that fits as one (as
    /// serde_json reads it: a non-negative one unsigned), anything else as `f64`.
    #[inline(never)]
    fn number(&mut self) -> Result<Val<'a>, JsonError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let int_start = self.at;
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error(BAD_NUMBER)),
        }
        let int_end = self.at;
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error(BAD_NUMBER));
            }
            integer = false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            self.at += usize::from(matches!(self.peek(), Some(b'+' | b'-')));
            if self.digits() == 0 {
                return Err(self.error(BAD_NUMBER));
            }
            integer = false;
        }
        let digits = self.text.get(int_start..int_end).unwrap_or_default();
        if integer {
            match (negative, crate::codec::text::parse_u64(digits)) {
                (false, Some(n)) => return Ok(Val::U(n)),
                // -0 is the float -0.0, as serde_json reads it.
                (true, Some(n)) if n > 0 && n <= 1 << 63 => {
                    return Ok(Val::I(0i64.wrapping_sub_unsigned(n)))
                }
                _ => {}
            }
        }
        let f = to_f64(self.text.get(start..self.at).unwrap_or_default());
        if f.is_finite() {
            Ok(Val::F(f))
        } else {
            Err(self.error("number out of range"))
        }
    }
}

/// The value of a JSON number's text (checked by [`Reader::number`]), correctly rounded (Clinger's
/// and Lemire's ideas, in the small): its first 19 significant digits as a `u64` and a decimal
/// exponent; times 10^n from a table of powers held in 128 bits ([`POW10_UP`], [`POW10_DOWN`]: 10^0
/// and 10^27 exactly, the others rounded), the top 64 bits of the product kept with a sticky bit,
/// then one rounding to 53 bits. When the bits dropped are within a unit of exactly half (a
/// halfway case, or one the power's 2^-127 error could turn), or when more than 19 digits were
/// given and the value of the first 19 and that plus one unit of the 19th round apart, a
/// big-integer comparison with the halfway point decides ([`exactly`]).
///
/// `floats_are_the_correctly_rounded_value` (tests) compares 180 000 numbers with `core`'s exact
/// parser, which would add about 10 KB of tables to the `.wasm` (serde_json's reader was 13 KB in
/// all). Money never comes this way: amounts are integers or strings.
fn to_f64(text: &str) -> f64 {
    let (negative, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (mantissa, exp) = crate::codec::text::split_once(text, "e")
        .or_else(|| crate::codec::text::split_once(text, "E"))
        .unwrap_or((text, "0"));
    let mut sig: u64 = 0;
    let mut kept = 0u32;
    let mut scale: i64 = 0;
    let mut fraction = false;
    let mut dropped = false;
    for b in mantissa.bytes() {
        if b == b'.' {
            fraction = true;
            continue;
        }
        let d = u64::from(b.wrapping_sub(b'0'));
        if kept < 19 && (sig > 0 || d > 0) {
            sig = sig * 10 + d;
            kept += 1;
            scale -= i64::from(fraction);
        } else if kept >= 19 {
            // A digit beyond the 19th: a power of ten more in the integer part; noted.
            scale += i64::from(!fraction);
            dropped |= d > 0;
        } else {
            scale -= i64::from(fraction); // a leading zero of the fraction
        }
    }
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, exp.strip_prefix('+').unwrap_or(exp)),
    };
    let exp_value = digits.bytes().fold(0i64, |n, b| {
        n.saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')))
    });
    let e = scale.saturating_add(exp_value * sign);
    let (mut magnitude, lower, ambiguous) = scaled(sig, e);
    // Within a hair of a halfway point, or more than 19 digits whose value (between sig and sig
    // + 1 units of the 19th digit) the two ends do not round alike: the exact comparison decides
    // between the lower candidate and the next `f64`.
    if ambiguous || (dropped && scaled(sig + 1, e).0 != magnitude) {
        let near = if ambiguous { lower } else { magnitude };
        magnitude = exactly(mantissa, exp_value * sign, near);
    }
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// sig × 10^e rounded to an `f64`, the `f64` below it, and whether it was within a hair of a
/// halfway point (see [`Fp::round`]).
fn scaled(sig: u64, e: i64) -> (f64, f64, bool) {
    // sig is below 10^19 (10^19 itself for the upper end): under 10^-325 the value rounds to 0,
    // from 10^309 it is infinite.
    if sig == 0 || e < -343 {
        (0.0, 0.0, false)
    } else if e > 308 {
        (f64::INFINITY, f64::INFINITY, false)
    } else {
        wide(sig, e as i32).round()
    }
}

/// The correctly rounded value of a number whose rounding [`scaled`] does not settle: `near` or
/// the next `f64` up, whichever the exact decimal value is closer to (ties to an even last bit),
/// by comparing it with the halfway point between them in big integers. At
/// most 800 digits are kept, with a last `1` standing for any non-zero digit after them: a
/// halfway point has at most 767 significant digits, so the comparison comes out the same.
#[inline(never)] // a rare path, kept out of the reader's loop
fn exactly(mantissa: &str, exp: i64, near: f64) -> f64 {
    // The digits without the point or leading zeros, and the power of ten they are scaled by.
    let mut digits: Vec<u8> = Vec::with_capacity(mantissa.len().min(801));
    let mut scale = exp;
    let mut fraction = false;
    let mut rest_nonzero = false;
    for b in mantissa.bytes() {
        if b == b'.' {
            fraction = true;
        } else if digits.len() < 800 {
            if !(digits.is_empty() && b == b'0') {
                digits.push(b - b'0');
            }
            scale -= i64::from(fraction);
        } else {
            rest_nonzero |= b != b'0';
            scale += i64::from(!fraction);
        }
    }
    if rest_nonzero {
        digits.push(1);
        scale -= 1;
    }
    // `near` = m × 2^q; the halfway point above it is (2m + 1) × 2^(q - 1).
    let bits = near.to_bits();
    let (frac, biased) = (bits & ((1 << 52) - 1), (bits >> 52) as i64);
    let (m, q) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    // digits × 10^scale against (2m + 1) × 2^(q - 1), both sides as integers times powers of two.
    let mut left = Big(Vec::with_capacity(digits.len() / 9 + 40));
    for &d in &digits {
        left.mul_add(10, u32::from(d));
    }
    let mut right = Big(vec![(2 * m + 1) as u32, ((2 * m + 1) >> 32) as u32]);
    let (mut two_left, mut two_right) = (0i64, q - 1);
    let (fives, by) = if scale >= 0 {
        two_left += scale;
        (&mut left, scale)
    } else {
        two_right -= scale;
        (&mut right, -scale)
    };
    for _ in 0..by {
        fives.mul_add(5, 0);
    }
    if two_left > two_right {
        left.shl((two_left - two_right) as u32);
    } else {
        right.shl((two_right - two_left) as u32);
    }
    let up = f64::from_bits(bits + 1);
    match left.cmp(&right) {
        std::cmp::Ordering::Greater => up,
        std::cmp::Ordering::Less => near,
        std::cmp::Ordering::Equal if m & 1 == 1 => up,
        std::cmp::Ordering::Equal => near,
    }
}

/// A non-negative integer in 32-bit limbs, least significant first: just what [`exactly`]
/// needs (written here: a bignum crate for one comparison on a rare path would weigh more; one
/// multiplication by a small factor at a time keeps the code small, the numbers are short).
struct Big(Vec<u32>);

impl Big {
    /// `self × by + add`.
    fn mul_add(&mut self, by: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(by) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self × 2^n`.
    fn shl(&mut self, n: u32) {
        for _ in 0..n / 16 {
            self.mul_add(1 << 16, 0);
        }
        self.mul_add(1 << (n % 16), 0);
    }

    fn cmp(&self, other: &Big) -> std::cmp::Ordering {
        let len = |b: &Big| b.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        let mut order = len(self).cmp(&len(other));
        let mut i = len(self);
        while order.is_eq() && i > 0 {
            i -= 1;
            order = self.0.get(i).cmp(&other.0.get(i));
        }
        order
    }
}

/// 10^(27 j) for j = 0 to 11 rounded to 128 bits (10^0 and 10^27 exactly): (`m`, `e`) for
/// `m × 2^e`. Computed with exact integers: `s = v.bit_length() - 128; m = (v + 2**(s-1)) >> s`
/// (`v << -s` for 10^0 and 10^27).
const POW10_UP: [(u128, i32); 12] = [
    (1 << 127, -127),                                 // 10^0
    (0xCECB_8F27_F420_0F3A_0000_0000_0000_0000, -38), // 10^27
    (0xA70C_3C40_A64E_6C51_9990_90B6_5F67_D924, 52),  // 10^54
    (0x86F0_AC99_B4E8_DAFD_69A0_28BB_3DED_71A4, 142), // 10^81
    (0xDA01_EE64_1A70_8DE9_E80E_6F48_20CC_9496, 231), // 10^108
    (0xB01A_E745_B101_E9E4_5EC0_5DCF_F72E_7F90, 321), // 10^135
    (0x8E41_ADE9_FBEB_C27D_1458_8F13_BE84_7307, 411), // 10^162
    (0xE5D3_EF28_2A24_2E81_8F16_68C8_A86D_A5FB, 500), // 10^189
    (0xB9A7_4A06_37CE_2EE1_6D95_3E2B_D717_3693, 590), // 10^216
    (0x95F8_3D0A_1FB6_9CD9_4ABD_AF10_1564_F98E, 680), // 10^243
    (0xF24A_01A7_3CF2_DCCF_BC63_3B39_673C_8CEC, 769), // 10^270
    (0xC3B8_3581_09E8_4F07_0A86_2F80_EC47_00C8, 859), // 10^297
];

/// 10^-(27 j) for j = 1 to 13 rounded to 128 bits: `m = round(2**t / 10**(27*j))` with `t` the
/// one that makes `m` 128 bits long, `e = -t`.
const POW10_DOWN: [(u128, i32); 13] = [
    (0x9E74_D1B7_91E0_7E48_775E_A264_CF55_347E, -217), // 10^-27
    (0xC428_D05A_A475_1E4C_AA97_E14C_3C26_B887, -307), // 10^-54
    (0xF2D5_6790_AB41_C2A2_FAE2_7299_423F_B9C3, -397), // 10^-81
    (0x964E_858C_91BA_2655_3A6A_07F8_D510_F870, -486), // 10^-108
    (0xBA12_1A46_50E4_DDEB_92F3_4D62_616C_E413, -576), // 10^-135
    (0xE658_29B3_046B_0AFA_0CB4_A5A3_112A_5113, -666), // 10^-162
    (0x8E93_8662_882A_F53E_547E_B47B_7282_EE9C, -755), // 10^-189
    (0xB080_392C_C434_9DEC_BD8D_794D_96AA_CFB4, -845), // 10^-216
    (0xDA7F_5BF5_9096_6848_AF39_A475_506A_899F, -935), // 10^-243
    (0x873E_4F75_E222_4E68_5A77_44A6_E804_A292, -1024), // 10^-270
    (0xA76C_5823_38ED_2621_AF2A_F2B8_0AF6_F24E, -1114), // 10^-297
    (0xCF42_894A_5DCE_35EA_5206_4CAC_8286_75B9, -1204), // 10^-324
    (0x8049_A4AC_0C58_11AE_205B_896D_777D_6279, -1293), // 10^-351
];

/// sig × 10^e for -343 ≤ e ≤ 308: sig × 5^r (exact, 2^r in the exponent) times a power of ten
/// of the tables, the top 64 bits of the 256-bit product and a sticky bit.
fn wide(sig: u64, e: i32) -> Fp {
    let n = e.unsigned_abs();
    let (r, table) = if e >= 0 {
        (n % 27, POW10_UP.get((n / 27) as usize))
    } else {
        let j = n.div_ceil(27);
        (27 * j - n, POW10_DOWN.get(j as usize - 1))
    };
    let (m, te) = table.copied().unwrap_or((1 << 127, -127));
    let small = u128::from(sig) * u128::from(5u64.pow(r));
    let z = small.leading_zeros();
    let (hi, lo) = mul_wide(small << z, m);
    let shift = if hi >> 127 == 1 { 64 } else { 63 };
    let sticky = hi & ((1u128 << shift) - 1) != 0 || lo != 0;
    Fp {
        f: (hi >> shift) as u64 | u64::from(sticky),
        e: r as i32 - z as i32 + te + 128 + shift,
    }
}

/// The 256-bit product of two 128-bit numbers, as (high, low) halves.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let half = |x: u128| (x >> 64, x & u128::from(u64::MAX));
    let ((a1, a0), (b1, b0)) = (half(a), half(b));
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mid = (p00 >> 64) + (p01 & u128::from(u64::MAX)) + (p10 & u128::from(u64::MAX));
    let lo = (p00 & u128::from(u64::MAX)) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// A positive number `f × 2^e` with `f` normalised (its top bit set): 64 bits, the lowest one
/// sticky (set when bits were dropped on the way), so that the last rounding is the only one.
#[derive(Clone, Copy)]
struct Fp {
    f: u64,
    e: i32,
}

impl Fp {
    /// Rounded to the nearest `f64` (ties to even; 0 below the smallest, infinity above the
    /// largest), the `f64` it was rounded from below, and whether the bits dropped were within
    /// one unit of exactly half: the power of ten may be off by a hair (2^-127), so then only
    /// [`exactly`] can tell which way the true value rounds.
    fn round(self) -> (f64, f64, bool) {
        // The value is in [2^(e+63), 2^(e+64)); an `f64` holds 53 bits from 2^-1022 (fewer below).
        let top = self.e + 63;
        if top > 1023 {
            return (f64::INFINITY, f64::INFINITY, false);
        }
        let drop = if top < -1022 { 11 + (-1022 - top) } else { 11 };
        if drop > 64 {
            return (0.0, 0.0, false);
        }
        let drop = drop as u32;
        let kept = self.f.checked_shr(drop).unwrap_or(0);
        let rest = self.f & 1u64.checked_shl(drop).unwrap_or(0).wrapping_sub(1);
        let half = 1u64 << (drop - 1);
        let up = rest > half || (rest == half && kept & 1 == 1);
        // kept × 2^(e + drop) is below 2^53 (or 2^53 after a carry): exact in an `f64`.
        let scale = pow2(self.e + drop as i32);
        (
            ((kept + u64::from(up)) as f64) * scale,
            (kept as f64) * scale,
            rest.abs_diff(half) <= 1,
        )
    }
}

/// 2^k as an `f64` (k within what an `f64` scale can be here: a subnormal in two steps).
fn pow2(k: i32) -> f64 {
    let bits = |k: i32| f64::from_bits(((k + 1023) as u64) << 52);
    if k < -1022 {
        bits(k + 64) * bits(-64)
    } else if k > 1023 {
        f64::INFINITY
    } else {
        bits(k)
    }
}

impl<'a> Val<'a> {
    /// Name of the value's type, for messages (the words of [`super::json::type_name`]).
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "a boolean",
            Val::U(_) | Val::I(_) | Val::F(_) => "a number",
            Val::Str(_) => "a string",
            Val::Arr(_) => "an array",
            Val::Obj(_) => "an object",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The field `key` of an object (the last one with that key), `None` otherwise.
    pub fn get(&self, key: &str) -> Option<&Val<'a>> {
        match self {
            Val::Obj(fields) => fields
                .iter()
                .rev()
                .find(|(k, _)| same(k, key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// A scalar as the `serde_json::Value` the shared field readers of `codec::fields` take
    /// (`currency`, `amount_n12`); an array or an object becomes an empty one, which is all those
    /// readers look at (its type). One small value per field read, instead of a second copy of
    /// each reader for this tree.
    pub fn scalar_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::U(n) => Value::from(*n),
            Val::I(n) => Value::from(*n),
            Val::F(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Val::Str(s) => Value::String(s.to_string()),
            Val::Arr(_) => Value::Array(Vec::new()),
            Val::Obj(_) => Value::Object(serde_json::Map::new()),
        }
    }

    /// The `serde_json::Value` of this tree, as `serde_json::from_str` would have read its text: a
    /// non-negative integer unsigned, a later duplicate key replacing the earlier one's value in
    /// its place.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Val::Arr(items) => Value::Array(items.iter().map(Val::to_value).collect()),
            Val::Obj(fields) => {
                let mut map = serde_json::Map::with_capacity(fields.len());
                for (k, v) in fields {
                    map.insert(k.to_string(), v.to_value());
                }
                Value::Object(map)
            }
            scalar => scalar.scalar_value(),
        }
    }

    /// A borrowed view of a `serde_json::Value` (for the entry points that receive one).
    pub fn from_value(v: &serde_json::Value) -> Val<'_> {
        use serde_json::Value;
        match v {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Val::U(u),
                (None, Some(i)) => Val::I(i),
                _ => Val::F(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Array(a) => Val::Arr(a.iter().map(Val::from_value).collect()),
            Value::Object(m) => Val::Obj(
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Val::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The number as serde_json prints it (`-1`, `1.5`), for messages.
    fn number_text(&self) -> String {
        match self {
            Val::U(n) => n.to_string(),
            // (Always negative: `U` holds the others. Written from the magnitude: one integer
            // `Display` less in the `.wasm`, nineteenth pass.)
            Val::I(n) => format!("-{}", n.unsigned_abs()),
            // serde_json's own text of the number (never `f64`'s `Display`, which would pull
            // core's float formatting into the `.wasm`: issue 9, size). The parser only
            // produces finite numbers, so `from_f64` always succeeds.
            Val::F(f) => serde_json::Number::from_f64(*f).map_or_else(
                || "a number".to_string(),
                |n| super::json_out::number_text(&n),
            ),
            other => other.type_name().to_string(),
        }
    }
}

/// Where each key of a list of fields first stands, for lists that hold each key once: found by
/// a scan up to [`Places::LINEAR`] fields, then through a map of positions made once, so that an
/// object of many distinct keys is still read in linear time. The JSON reader's objects and the
/// Payline answer's (`payline::decode`) use it. serde_json's map, already in the `.wasm`, serves
/// as the index: a map of our own would add code for a case only hostile input reaches. Boxed:
/// the map is several words wide and most lists never need it.
#[derive(Debug, Default)]
pub struct Places {
    index: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

impl Places {
    /// Fields up to this many are searched by a scan.
    const LINEAR: usize = 64;

    /// The position of `key` in `fields`.
    pub fn find<T>(&self, fields: &[(Cow<'_, str>, T)], key: &str) -> Option<usize> {
        match &self.index {
            None => fields.iter().position(|(k, _)| same(k, key)),
            Some(index) => index
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| usize::try_from(n).ok()),
        }
    }

    /// Notes the field just pushed (a key not there yet).
    pub fn pushed<T>(&mut self, fields: &[(Cow<'_, str>, T)]) {
        if fields.len() <= Self::LINEAR {
            return;
        }
        let index = self.index.get_or_insert_with(Box::default);
        // The first time, every field so far; then only the new one.
        for (n, (k, _)) in fields.iter().enumerate().skip(index.len()) {
            index.insert(k.to_string(), serde_json::Value::from(n));
        }
    }
}

/// Joins a parent path and a key (`""` + `uuid` → `uuid`).
fn join(path: &str, key: &str) -> String {
    let mut s = String::with_capacity(path.len() + key.len() + 1);
    if !path.is_empty() {
        s.push_str(path);
        s.push('.');
    }
    s.push_str(key);
    s
}

/// One input object being read (see [`super::json::Obj`], whose behaviour it copies). Each
/// accessor marks its key as known; [`ObjRef::finish`] reports every other key as
/// `UNKNOWN_FIELD`. Paths are built only when an issue is pushed.
#[derive(Debug)]
pub struct ObjRef<'v, 'a> {
    /// Borrowed for the root and `options` (no allocation), owned for nested objects.
    path: Cow<'static, str>,
    fields: Option<&'v [(Cow<'a, str>, Val<'a>)]>,
    /// The keys asked for, for unknown-field checks and "did you mean" hints: the first
    /// [`ASKED_INLINE`] inline (no allocation on the success path), the rest in `more`.
    asked: [&'static str; ASKED_INLINE],
    n_asked: usize,
    more: Vec<&'static str>,
    /// Bit `i` set: field `i` (of the first 64) was asked for.
    seen: u64,
    /// Set by [`ObjRef::mark_sensitive`] (see [`ObjRef::sensitive`]).
    sensitive: bool,
}

/// What [`ASKED`] keeps: each closed object's path and the keys asked of it.
#[cfg(test)]
pub type AskedLog = Vec<(String, Vec<&'static str>)>;

#[cfg(test)]
thread_local! {
    /// Test seam: while `Some`, the path of every object [`ObjRef::finish`] closes and the keys
    /// asked of it, so a test can compare what a validator reads with a schema table
    /// (`systempay::schema`). `None` (other tests): nothing is kept.
    pub static ASKED: std::cell::RefCell<Option<AskedLog>> =
        const { std::cell::RefCell::new(None) };
}

/// Keys an object remembers without allocating (every Systempay object asks fewer).
const ASKED_INLINE: usize = 8;

impl<'v, 'a> ObjRef<'v, 'a> {
    /// Reads `value` as an object at `path` (`""` for the root). A non-object is a `TYPE` issue,
    /// and every later accessor then returns `None`.
    pub fn new(value: &'v Val<'a>, path: &'static str, issues: &mut Issues) -> ObjRef<'v, 'a> {
        ObjRef::at_path(value, Cow::Borrowed(path), issues)
    }

    /// Reads `value` as an object at a computed `path` (a nested object or a list item).
    pub fn nested(value: &'v Val<'a>, path: String, issues: &mut Issues) -> ObjRef<'v, 'a> {
        ObjRef::at_path(value, Cow::Owned(path), issues)
    }

    /// The path of this object (`""` for the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    fn at_path(value: &'v Val<'a>, path: Cow<'static, str>, issues: &mut Issues) -> ObjRef<'v, 'a> {
        let fields = match value {
            Val::Obj(f) => Some(f.as_slice()),
            other => {
                let at = if path.is_empty() { "(input)" } else { &path };
                issues.push(
                    at,
                    issue::TYPE,
                    format!("must be an object, got {}", other.type_name()),
                );
                None
            }
        };
        ObjRef {
            path,
            fields,
            asked: [""; ASKED_INLINE],
            n_asked: 0,
            more: Vec::new(),
            seen: 0,
            sensitive: false,
        }
    }

    /// Client options and hash keys: values and unknown keys are never quoted in messages.
    fn sensitive(&self) -> bool {
        self.sensitive || super::json::sensitive_path(&self.path)
    }

    /// Marks this object as holding credentials (like client options at the root).
    pub fn mark_sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Marks `key` as known and returns its value (the last field with that key), in one pass.
    fn mark(&mut self, key: &'static str) -> Option<&'v Val<'a>> {
        if let Some(slot) = self.asked.get_mut(self.n_asked) {
            *slot = key;
            self.n_asked += 1;
        } else {
            self.more.push(key);
        }
        let mut found = None;
        for (i, (k, v)) in self.fields?.iter().enumerate() {
            // `same`: lengths first, inline (a call to `str::eq` per field at opt-level z).
            if same(k, key) {
                if i < 64 {
                    self.seen |= 1 << i;
                }
                found = Some(v);
            }
        }
        found
    }

    /// Every key asked for so far.
    fn known(&self) -> impl Iterator<Item = &&'static str> {
        self.asked.iter().take(self.n_asked).chain(self.more.iter())
    }

    /// The path of one of this object's fields (built on demand, for issues).
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn get(&self, key: &str) -> Option<&'v Val<'a>> {
        self.fields?
            .iter()
            .rev()
            .find(|(k, _)| same(k, key))
            .map(|(_, v)| v)
    }

    /// The raw value of `key`, `None` when absent or null. Marks the key as known.
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Val<'a>> {
        match self.mark(key) {
            None | Some(Val::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Whether `key` is present with a non-null value (does not mark it as known).
    pub fn has(&self, key: &str) -> bool {
        matches!(self.get(key), Some(v) if !v.is_null())
    }

    /// Whether `key` is present, even as null (does not mark it as known).
    pub fn present(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn missing(&self, key: &str, issues: &mut Issues) {
        issues.push(self.at(key), issue::REQUIRED, "is required");
    }

    /// A string field; a non-string is a `TYPE` issue.
    pub fn str(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'v str> {
        match self.raw(key)? {
            Val::Str(s) => Some(s.as_ref()),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be a string, got {}", other.type_name()),
                );
                None
            }
        }
    }

    /// A required string field (absent, null or empty is `REQUIRED`).
    pub fn req_str(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'v str> {
        let present = self.has(key);
        match self.str(key, issues) {
            Some("") => {
                self.missing(key, issues);
                None
            }
            Some(s) => Some(s),
            None => {
                if !present {
                    self.missing(key, issues);
                }
                None
            }
        }
    }

    /// A non-negative safe integer (`0..=2^53-1`); floats, negatives and strings are issues.
    pub fn uint(&mut self, key: &'static str, issues: &mut Issues) -> Option<u64> {
        let v = self.raw(key)?;
        read_uint(v, || self.at(key), issues)
    }

    /// A required non-negative safe integer.
    pub fn req_uint(&mut self, key: &'static str, issues: &mut Issues) -> Option<u64> {
        if !self.has(key) {
            self.mark(key);
            self.missing(key, issues);
            return None;
        }
        self.uint(key, issues)
    }

    /// A string that must be one of `allowed`.
    pub fn enumeration(
        &mut self,
        key: &'static str,
        allowed: &[&'static str],
        issues: &mut Issues,
    ) -> Option<&'static str> {
        let s = match self.raw(key)? {
            Val::Str(s) => s.as_ref(),
            other => {
                let message = super::json::not_a_string(other.type_name(), allowed);
                issues.push(self.at(key), issue::TYPE, message);
                return None;
            }
        };
        match allowed.iter().find(|a| **a == s) {
            Some(a) => Some(a),
            None => {
                issues.push(
                    self.at(key),
                    issue::ENUM,
                    super::json::not_accepted(s, allowed, self.sensitive()),
                );
                None
            }
        }
    }

    /// A nested object; a non-object is a `TYPE` issue.
    pub fn obj(&mut self, key: &'static str, issues: &mut Issues) -> Option<ObjRef<'v, 'a>> {
        let v = self.raw(key)?;
        match v {
            Val::Obj(_) => Some(ObjRef::nested(v, self.at(key), issues)),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be an object, got {}", other.type_name()),
                );
                None
            }
        }
    }

    /// An array field; a non-array is a `TYPE` issue.
    pub fn array(&mut self, key: &'static str, issues: &mut Issues) -> Option<&'v [Val<'a>]> {
        match self.raw(key)? {
            Val::Arr(a) => Some(a),
            other => {
                issues.push(
                    self.at(key),
                    issue::TYPE,
                    format!("must be an array, got {}", other.type_name()),
                );
                None
            }
        }
    }

    /// Reports every field no accessor asked for as `UNKNOWN_FIELD` (a repeated key is one field:
    /// the reader holds it once).
    pub fn finish(self, issues: &mut Issues) {
        #[cfg(test)]
        ASKED.with(|log| {
            if let Some(log) = log.borrow_mut().as_mut() {
                log.push((self.path.to_string(), self.known().copied().collect()));
            }
        });
        let Some(fields) = self.fields else { return };
        for (i, (key, _)) in fields.iter().enumerate() {
            let asked = if i < 64 {
                self.seen & (1 << i) != 0
            } else {
                self.known().any(|k| k == key)
            };
            if asked {
                continue;
            }
            let near = self.known().find(|k| k.eq_ignore_ascii_case(key)).copied();
            super::json::push_unknown(issues, &self.path, key, near, self.sensitive());
        }
    }
}

/// Reads a non-negative safe integer; `at` gives the path, called only for an issue. Same
/// messages as [`super::json::read_uint`].
pub fn read_uint(v: &Val<'_>, at: impl FnOnce() -> String, issues: &mut Issues) -> Option<u64> {
    match v {
        Val::U(u) if *u <= MAX_SAFE_INTEGER => Some(*u),
        Val::U(u) => {
            issues.push(
                at(),
                issue::RANGE,
                format!("{u} is above Number.MAX_SAFE_INTEGER and cannot be exact"),
            );
            None
        }
        Val::I(n) => {
            issues.push(
                at(),
                issue::RANGE,
                format!("must not be negative, got -{}", n.unsigned_abs()),
            );
            None
        }
        other => {
            let what = match other {
                Val::F(_) => other.number_text(),
                _ => other.type_name().to_string(),
            };
            issues.push(
                at(),
                issue::TYPE,
                format!("must be a non-negative whole number (a safe integer; an amount is in minor units, 1050 for 10.50), got {what}"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
