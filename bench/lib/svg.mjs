// bench/ratios.svg: one bar per compared pair, on a log scale centred on 1× (same speed), green
// when the row meets its target, red when not; the whisker spans the per-round ratios and the
// black tick marks the target. Plain SVG text, no dependency, no network.

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** items: [{ label, median, min, max, target, met }] where ratio = peer time / remise time. */
export function ratiosSvg(items, title) {
  const W = 960;
  const left = 390;
  const right = 30;
  const rowH = 30;
  const top = 58;
  const H = top + items.length * rowH + 46;
  // 0.01× … 100× at least, wider when a ratio needs it.
  const vals = items.flatMap((it) => [it.min, it.max, it.median]).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.min(-2, Math.floor(Math.log10(Math.min(...vals, 1))));
  const hi = Math.max(2, Math.ceil(Math.log10(Math.max(...vals, 1))));
  const x = (v) => left + ((Math.min(Math.max(Math.log10(v), lo), hi) - lo) / (hi - lo)) * (W - left - right);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`,
    `<text x="${W / 2}" y="40" text-anchor="middle" fill="#555">peer time ÷ remise time, same run (right of 1×: remise faster); whisker = per-round range; tick = target</text>`,
  ];
  for (let e = lo; e <= hi; e++) {
    const v = 10 ** e;
    const gx = x(v);
    parts.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${H - 40}" stroke="${e === 0 ? '#333' : '#ddd'}" stroke-width="${e === 0 ? 1.5 : 1}"/>`);
    parts.push(`<text x="${gx}" y="${H - 24}" text-anchor="middle" fill="#555">${v >= 1 ? v : v.toFixed(-e)}×</text>`);
  }
  items.forEach((it, i) => {
    const y = top + i * rowH;
    const cy = y + rowH / 2;
    const x1 = x(1);
    const xm = x(it.median);
    const color = it.met === null ? '#888' : it.met ? '#2e8b57' : '#c0392b';
    parts.push(`<text x="${left - 8}" y="${cy + 4}" text-anchor="end">${esc(it.label)}</text>`);
    parts.push(`<rect x="${Math.min(x1, xm)}" y="${y + 7}" width="${Math.max(Math.abs(xm - x1), 1)}" height="${rowH - 14}" fill="${color}" opacity="0.85"/>`);
    if (Number.isFinite(it.min) && Number.isFinite(it.max)) {
      parts.push(`<line x1="${x(it.min)}" y1="${cy}" x2="${x(it.max)}" y2="${cy}" stroke="#222" stroke-width="1"/>`);
    }
    if (Number.isFinite(it.target)) {
      const tx = x(it.target);
      parts.push(`<line x1="${tx}" y1="${y + 3}" x2="${tx}" y2="${y + rowH - 3}" stroke="#000" stroke-width="2.5"/>`);
    }
    // The value is written right of the bar and its whisker, or right of 1× for a bar going left
    // (the row labels are on the left).
    const right = xm >= x1;
    const ends = [xm, Number.isFinite(it.max) ? x(it.max) : xm, Number.isFinite(it.target) ? x(it.target) + 2 : xm];
    const tx = right ? Math.max(...ends) + 6 : x1 + 6;
    parts.push(`<text x="${tx}" y="${cy + 4}" text-anchor="start" font-weight="600">${esc(fmt(it.median))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function fmt(v) {
  return v >= 10 ? `${v.toFixed(0)}×` : `${v.toPrecision(2)}×`;
}
