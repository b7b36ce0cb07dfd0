// Self time per function of a V8 CPU profile (`node --cpu-prof`), the largest first:
//   node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [rows]
// Wasm functions carry their Rust names when the package's .wasm was optimised with `wasm-opt -g`
// (bench/RESULTS.md "Reading the run of 2026-12-05 12:34" gives the commands).
import { readFileSync } from 'node:fs';

const [file, rows = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const { functionName, url } = nodes.get(id).callFrame;
  // Rust symbols end in a hash (`::h0123…`): dropped so that builds compare.
  const name = (functionName || `(${url.split('/').pop() || 'anonymous'})`).replace(/::h[0-9a-f]{16}$/, '');
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(name, (self.get(name) ?? 0) + dt);
  total += dt;
});
console.log(`${(total / 1000).toFixed(1)} ms sampled`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
  console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${name.slice(0, 150)}`);
}
