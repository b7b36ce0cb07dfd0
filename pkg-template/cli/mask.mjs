// Card numbers masked in texts whose fields are not known: error messages and paths (every
// RemiseError, api/core.js) and what `remise batch report` quotes (cli/report.mjs). Plain JS, no
// wasm: one file, copied with the command and bundled into the API.

// Digits in groups apart by one separator: a space, a dash, a dot, a tab or a no-break space
// ('4970 1000 0000 0055', '4970.1000.0000.0055', '2026-12-05 4970…'; dots and no-break spaces since a
// review of the sixteenth pass).
// (U+E000 and U+E001 stand for the `\u{a0}` and `\u{202f}` the core writes for a no-break space in
// a quoted value, U+E002 for the `\t` it writes for a tab, while a text is masked: a number grouped by
// tabs was quoted whole, a fuzz of the twenty-first pass.)
const SEPARATORS = ' \\-.\\t\\u00a0\\u202f\\ue000\\ue001\\ue002';
const DIGIT_RUNS = new RegExp(`[0-9]+(?:[${SEPARATORS}][0-9]+)*`, 'g');
const SEPARATOR = new RegExp(`([${SEPARATORS}])`);
const isSeparator = (c) => c !== undefined && c.length === 1 && SEPARATOR.test(c);

// The names of a card's security code (`cvv2`, `CVC`, Payline `cvx`, `cid` Amex's), for field names
// and text (the simulator's log masking takes the same list).
export const CARD_CODES = 'cvx2?|cvv2?|cvc2?|csc|cvn|ccv|cvd';
// A security code written in free text: its name as a word (or `security code`, French `cryptogramme
// visuel` or `code de sécurité`), then separators, then 3 or 4 digits alone (`comment: 'CVV 123'`: kept
// in debug events and messages until the twenty-third pass). Separators: blanks, `:=#-_`, quotes (a
// backslash before one), a full-width colon, and blanks and quotes written as escapes, as JSON text,
// XML and remise's messages write them (`\n`, `\t`, `\u00a0`, `\u{a0}`, `&#13;`, `&quot;`: the reviews of
// the pass). The core masks
// `name=value` pairs of the answers it reads; this is the free text around them.
const CODE_NAME = `${CARD_CODES}|cid|security[\\s_-]?code|cryptogramme?(?:\\s+visuel)?|code\\s+de\\s+s[eé]curit[eé]`;
const CODE_SEPARATOR = `(?:[\\s:=#_\\-\uff1a]|\\\\?["']|\\\\[nrt]|\\\\u\\{?[0-9a-fA-F]{2,5}\\}?|&(?:quot|apos|#\\d{1,3}|#x[0-9a-fA-F]{1,2});)+`;
const CODE_IN_TEXT = new RegExp(`\\b((?:${CODE_NAME})${CODE_SEPARATOR})\\d{3,4}(?!\\d|[.,/-]\\d)`, 'gi');

/** `text` with the security codes written in it as free text replaced by `***`. */
export function maskCodes(text) {
  return String(text).replace(CODE_IN_TEXT, '$1***');
}

/** Whether the digits pass the Luhn check every card number passes (the simulator's check too). */
export function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * `value` masked to its last four digits when it is a card number by every sign a value alone gives: 13
 * to 19 digits, the Luhn check, and a card network's first digits (3 to 6, or Mastercard's 2221–2720).
 * For identifiers a report must show (a transactionReference, a merchant id): `maskDigits` masked one
 * numeric id in ten, those that pass the Luhn check by chance (the review of the twenty-third pass).
 */
export function maskCardLike(value) {
  const v = String(value);
  if (!/^\d{13,19}$/.test(v) || !luhn(v)) return v;
  const four = Number(v.slice(0, 4));
  return /^[3-6]/.test(v) || (four >= 2221 && four <= 2720) ? lastFour(v) : v;
}

/** `run` (digits and single separators) with every digit but the last four as `*`. */
function lastFour(run) {
  let keep = 4;
  let out = '';
  for (let i = run.length - 1; i >= 0; i--) {
    const c = run[i];
    if (isSeparator(c)) out = c + out;
    else if (keep > 0) {
      out = c + out;
      keep -= 1;
    } else out = '*' + out;
  }
  return out;
}

/**
 * Card numbers in a text whose fields are not known (a message quoting a card number put in the
 * currency column of a swapped CSV) masked to their last four digits: 13 to 19 digits, in groups or
 * not, that pass the Luhn check. The check keeps the amounts, sequences and most merchant ids a
 * message quotes readable (masking every run of 10 digits or more hid them: a second attack). In a
 * run of groups, every span of whole groups holding 13 to 19 digits that passes the check is covered
 * (a line number, a date or other groups before a card number: the whole run fails, the card number
 * alone passes; a span that passes by chance and overlaps it joins it), and each stretch of covered
 * groups keeps its last four digits. Spans are bounded by 19 digits: the work is linear in the text.
 */
export function maskDigits(text) {
  // (Codes first: the swap below hid `\t` and `\u{a0}` after a code's name, the review of the pass.)
  const escaped = maskCodes(String(text)).replaceAll('\\u{a0}', '\ue000').replaceAll('\\u{202f}', '\ue001').replaceAll('\\t', '\ue002');
  return masked(escaped).replaceAll('\ue000', '\\u{a0}').replaceAll('\ue001', '\\u{202f}').replaceAll('\ue002', '\\t');
}

function masked(text) {
  return text.replace(DIGIT_RUNS, (run, at, whole) => {
    // A value cut by a message (`…` after its first 40 characters) may end inside a card number,
    // whose start then fails the Luhn check: more than 6 digits cut so (a card number's first six may
    // show) are masked whole, the `…` right after them or after one separator (reviews of the
    // sixteenth pass saw 15, then 11 of 16 digits shown).
    const next = whole[at + run.length];
    const cut = next === '\u2026' || (isSeparator(next) && whole[at + run.length + 1] === '\u2026');
    if (cut && run.replace(/[^0-9]/g, '').length > 6) return run.replace(/[0-9]/g, '*');
    const parts = run.split(SEPARATOR); // groups at even indexes, separators between
    // A float's noise (one dot, 15 to 17 significant digits, the fraction ending in five 0s or 9s or more
    // and at most two other digits: `19.990000000000002`, what an AMOUNT_PRECISION error quotes) is no card
    // number written in groups: only its whole part is masked, as any run. The Luhn check across the dot
    // hid one such float in nine (a helper's differential fuzz, twenty-sixth pass); any other decimal is
    // masked as before (the review of the pass found Mir and UATP numbers after a dot shown by a looser rule).
    if (parts.length === 3 && parts[1] === '.' && floatNoise(parts[0], parts[2])) {
      const whole = parts[0];
      return whole.length >= 13 && whole.length <= 19 && luhn(whole) ? `${lastFour(whole)}.${parts[2]}` : run;
    }
    const covered = new Array(parts.length).fill(false);
    let any = false;
    for (let i = 0; i < parts.length; i += 2) {
      let digits = '';
      for (let j = i; j < parts.length && digits.length + parts[j].length <= 19; j += 2) {
        digits += parts[j];
        if (digits.length >= 13 && luhn(digits)) {
          for (let k = i; k <= j; k += 2) covered[k] = true;
          any = true;
        }
      }
    }
    if (!any) return run;
    const out = parts.slice();
    for (let i = 0; i < parts.length; i += 2) {
      if (!covered[i]) continue;
      let j = i;
      while (j + 2 < parts.length && covered[j + 2]) j += 2;
      const masked = lastFour(parts.slice(i, j + 1).join('')).split(SEPARATOR);
      for (let k = 0; k < masked.length; k++) out[i + k] = masked[k];
      i = j;
    }
    return out.join('');
  });
}

/** Whether `whole.fraction` reads as a double's shortest text with its binary noise (`0.30000000000000004`). */
function floatNoise(whole, fraction) {
  const significant = (whole + fraction).replace(/^0+/, '').length;
  return significant >= 15 && significant <= 17 && /(?:0{5,}|9{5,})[0-9]{0,2}$/.test(fraction);
}

/** `issues` (`[{ field, code, message }]`) with card numbers masked in their paths and messages, in place. */
export function maskIssues(issues) {
  if (Array.isArray(issues)) {
    for (const i of issues) {
      i.field = maskDigits(i.field);
      i.message = maskDigits(i.message);
    }
  }
  return issues;
}
