// The command line's shared reading of arguments: `util.parseArgs`, strict, with two things it lacks,
// an option given twice refused and a mistyped name answered with the one it was probably meant to be.
import { parseArgs } from 'node:util';

/**
 * `util.parseArgs(config)`, strict, throwing `new Failure(message)` for an option given twice
 * (parseArgs keeps the last one: `-o a.csv … -o b.csv` wrote b.csv without a word, `--port 0 --port 1`
 * listened on 1) and adding "Did you mean '--x'?" to parseArgs' own error for an unknown option.
 */
export function parseStrict(config, Failure = Error) {
  let parsed;
  try {
    parsed = parseArgs({ ...config, strict: true, tokens: true });
  } catch (e) {
    if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // Node's own text goes on with advice about positionals that ends in an unbalanced quote
      // (`as in '-- "--foo"`): its first sentence is kept.
      const name = /'(--?[^'=]*)/.exec(e.message)?.[1];
      const longs = Object.keys(config.options ?? {}).map((o) => `--${o}`);
      e.message = `${e.message.replace(/\.? To specify a positional argument[\s\S]*$/, '').replace(/\.$/, '')}.${name?.startsWith('--') ? didYouMean(name, longs) : ''}`;
    }
    throw e;
  }
  const seen = new Set();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new Failure(`--${t.name} is given twice: give it once`);
    seen.add(t.name);
  }
  return parsed;
}

/**
 * " Did you mean 'x'?" for the one candidate nearest to `word` (case aside, at most two edits and
 * fewer than half its letters), or '' when none is near or two are equally near. An edit distance
 * (optimal string alignment: swapping two neighbours is one edit, `biuld` → `build`) is written here
 * rather than taken from npm: the package has no runtime dependency, and this is a dozen lines.
 */
export function didYouMean(word, candidates) {
  const w = String(word).toLowerCase().replace(/^-+/, '');
  if (w === '' || w.length > 64) return '';
  let best = [];
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase().replace(/^-+/, ''));
    if (d < bestDistance) [best, bestDistance] = [[c], d];
    else if (d === bestDistance) best.push(c);
  }
  return best.length === 1 && bestDistance <= 2 && bestDistance * 2 < Math.max(w.length, 2) ? ` Did you mean '${best[0]}'?` : '';
}

function distance(a, b) {
  // rows[i][j]: edits from a's first i letters to b's first j.
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
