// "Did you mean …?" for the command line's mistyped names and the API's (a Systempay service): plain JS,
// no import, so that the API bundles it for every runtime.

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
