// Cold start: wall time of `node -e …` child processes that load remise, over a bare `node -e ''`,
// alternating the commands round by round; then where the time goes, phase by phase, in fresh
// processes (phases.cjs) and in a V8 CPU profile (`node --cpu-prof`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './harness.mjs';

export const COMMANDS = [
  { label: "bare `node -e ''`", args: ['-e', ''] },
  // Node's own ESM loader, without remise: what part of the ESM row is not remise's.
  { label: "bare ESM `node --input-type=module -e ''`", args: ['--input-type=module', '-e', ''], bare: true },
  // Node's ESM loader reading one module file (an empty one, written by coldStart): what importing any
  // file costs in Node over evaluating text (about 3 ms of CPU on Node 20: the loader's file path).
  { label: "bare ESM file `node --input-type=module -e \"import './empty.mjs'\"`", args: ['--input-type=module', '-e', "import './empty.mjs'"], bare: true },
  { label: "CJS `node -e \"require('remise').money.toMinor('1','EUR')\"`", args: ['-e', "require('remise').money.toMinor('1','EUR')"] },
  {
    label: 'ESM `node --input-type=module -e "import { money } from \'remise\'; money.toMinor(\'1\',\'EUR\')"`',
    args: ['--input-type=module', '-e', "import { money } from 'remise'; money.toMinor('1','EUR')"],
  },
];

// The children run without NODE_EXTRA_CA_CERTS: when it is set (as on the build machines, for
// their proxy), every node process parses that bundle at startup (about 100 ms, bare node 45 ms
// → 150 ms) and its variance drowns the difference measured here. It is the machine's setting,
// not remise's cost: bare node and the remise commands pay it alike.
export const CHILD_ENV = { ...process.env };
delete CHILD_ENV.NODE_EXTRA_CA_CERTS;

// bash's `time` keyword gives the child's wall time and its CPU time (user + sys, from wait4's
// rusage, all threads) without adding code to the measured command. CPU time is the steadier
// figure on a loaded machine: wall time there mostly measures the wait for a core.
function timed(args, cwd) {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null', 'bash', process.execPath, ...args], { cwd, encoding: 'utf8', env: CHILD_ENV });
  const m = /([0-9.]+) ([0-9.]+) ([0-9.]+)\s*$/.exec(r.stderr || '');
  if (r.status !== 0 || !m) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return { wall: Number(m[1]) * 1e9, cpu: (Number(m[2]) + Number(m[3])) * 1e9 };
}

const spread = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/**
 * { runs, rows: [{ label, wall, cpu }], over: [{ label, wall: {median,min,max}, cpu: {…} }] } in ns;
 * `over` is the per-round difference to the bare node run of the same round.
 */
export function coldStart(scratch, runs) {
  writeFileSync(join(scratch, 'empty.mjs'), '');
  const samples = COMMANDS.map(() => []);
  for (const c of COMMANDS) timed(c.args, scratch); // disk cache warm
  for (let r = 0; r < runs; r++) {
    const k = r % COMMANDS.length;
    const order = COMMANDS.map((_, i) => (i + k) % COMMANDS.length);
    for (const i of order) samples[i].push(timed(COMMANDS[i].args, scratch));
  }
  const rows = COMMANDS.map((c, i) => ({
    label: c.label,
    wall: median(samples[i].map((s) => s.wall)),
    cpu: median(samples[i].map((s) => s.cpu)),
  }));
  const over = COMMANDS.slice(1).map((c, j) => ({
    label: c.label,
    wall: spread(samples[j + 1].map((s, r) => s.wall - samples[0][r].wall)),
    cpu: spread(samples[j + 1].map((s, r) => s.cpu - samples[0][r].cpu)),
  }));
  return { runs, rows, over };
}

/** Median and minimum of each phase (ms, wall) over `runs` fresh processes running phases.cjs. */
export function phases(scratch, runs) {
  const script = fileURLToPath(new URL('./phases.cjs', import.meta.url));
  const all = [];
  for (let r = 0; r < runs; r++) {
    for (const mode of ['load', 'compile']) {
      const p = spawnSync(process.execPath, [script, mode], { cwd: scratch, encoding: 'utf8', env: CHILD_ENV });
      if (p.status !== 0) throw new Error(`phases.cjs ${mode} failed: ${p.stderr}`);
      all.push(JSON.parse(p.stdout));
    }
  }
  const keys = [...new Set(all.flatMap((o) => Object.keys(o)))];
  return Object.fromEntries(
    keys.map((k) => {
      const xs = all.filter((o) => k in o).map((o) => o[k]);
      return [k, { median: median(xs), min: Math.min(...xs) }];
    }),
  );
}

/**
 * Self time by bucket in `node --cpu-prof` profiles of the CJS cold start (runs merged): the
 * remise files, node's own module loader, GC, and the rest. Returns the top functions too.
 */
export function cpuProfile(scratch, runs) {
  const dir = mkdtempSync(join(tmpdir(), 'remise-cpuprof-'));
  try {
    for (let r = 0; r < runs; r++) {
      const p = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, ...COMMANDS.find((c) => !c.bare && c !== COMMANDS[0]).args], { cwd: scratch, env: CHILD_ENV });
      if (p.status !== 0) throw new Error(`cpu-prof run failed: ${p.stderr}`);
    }
    const self = new Map();
    let total = 0;
    for (const f of readdirSync(dir)) {
      const prof = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const byId = new Map(prof.nodes.map((n) => [n.id, n]));
      // timeDeltas[i] is the time before sample i: attribute it to that sample's node.
      prof.samples.forEach((id, i) => {
        const n = byId.get(id);
        const dt = prof.timeDeltas[i] || 0;
        const cf = n.callFrame;
        const file = cf.url ? cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '') : '';
        const key = `${cf.functionName || '(anonymous)'} ${file}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
        self.set(key, (self.get(key) || 0) + dt);
        total += dt;
      });
    }
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, us]) => ({ fn: k, ms: us / 1000 / runs }));
    return { runs, totalMs: total / 1000 / runs, top };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
