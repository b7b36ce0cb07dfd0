// Same-run comparison with alternating rounds (a hand-rolled loop on process.hrtime.bigint).
//
// Why not tinybench or mitata: both run one task to completion, then the next, so a machine
// whose speed drifts during the run (these shared machines drift 2x between runs) favours
// whichever task ran in the quiet moment. Here every round times one batch of each contestant,
// in an order that alternates from round to round (A B C, then C B A, …), and the result is the
// median over rounds of each contestant's time per call and of each per-round ratio: a ratio is
// taken between two batches run seconds apart, so drift cancels out of it.
//
// Two clocks per batch: wall (hrtime) and CPU (process.cpuUsage, user + system, all threads of
// the process). The tables use CPU time: on a machine shared by several jobs (load average above
// the core count) wall time mostly measures the wait for a core, CPU time the work done.

const now = () => process.hrtime.bigint();
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** { wall, cpu } ns per call of `iters` calls of fn (sync, or async when `isAsync`). */
async function batch(fn, iters, isAsync) {
  gc();
  const c0 = process.cpuUsage();
  const t0 = now();
  if (isAsync) for (let i = 0; i < iters; i++) await fn();
  else for (let i = 0; i < iters; i++) fn();
  const wall = Number(now() - t0) / iters;
  const c = process.cpuUsage(c0);
  return { wall, cpu: ((c.user + c.system) * 1000) / iters };
}

/** Iterations that make one batch last about `ms` (after a warm-up of about the same length). */
async function calibrate(fn, isAsync, ms) {
  let iters = 1;
  for (;;) {
    const ns = (await batch(fn, iters, isAsync)).wall * iters;
    if (ns >= ms * 1e6 || iters >= 1 << 24) return Math.max(1, Math.round((iters * ms * 1e6) / Math.max(ns, 1)));
    iters *= ns < (ms * 1e6) / 16 ? 8 : 2;
  }
}

/**
 * contestants: [{ label, fn, async? }] (the first is remise). Returns, for CPU time,
 * { rows: [{ label, samples, median }], ratios: [{ label, perRound, median, min, max }], wall: same for wall time }
 * where a ratio is other's time / first's time in the same round (> 1: the first is faster).
 */
export async function compare(contestants, { rounds = 15, batchMs = 60 } = {}) {
  const iters = [];
  for (const c of contestants) iters.push(await calibrate(c.fn, !!c.async, batchMs));
  const samples = contestants.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = contestants.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) samples[i].push(await batch(contestants[i].fn, iters[i], !!contestants[i].async));
  }
  const labels = contestants.map((c) => c.label);
  return {
    ...summarize(labels, samples.map((s) => s.map((x) => x.cpu))),
    wall: summarize(labels, samples.map((s) => s.map((x) => x.wall))),
  };
}

/** Same summary from samples gathered elsewhere (e.g. child processes), round by round. */
export function summarize(labels, samples) {
  const rows = labels.map((label, i) => ({ label, samples: samples[i], median: median(samples[i]) }));
  const ratios = labels.slice(1).map((label, j) => {
    const perRound = samples[j + 1].map((s, r) => s / samples[0][r]);
    return { label, perRound, median: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound) };
  });
  return { rows, ratios };
}

/** Human time: 1.23 µs, 45.6 ms, 2.34 s. */
export function fmtNs(ns) {
  if (!Number.isFinite(ns)) return 'n/a';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

/** A ratio as '3.1×' (two significant digits below 10). */
export function fmtX(x) {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toPrecision(2)}×`;
}
