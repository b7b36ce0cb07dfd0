// Issue 10 row 3: a client call must not leak (the timeout closure of earlier versions leaked
// ~1.5 KB per call). 100 000 calls per client after a warm-up of 20 000; RSS after GC must stay
// within a few MiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('RSS stays flat over 100 000 calls per client', () => {
  const child = fileURLToPath(new URL('./leak-child.mjs', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', child, '100000'], { encoding: 'utf8', timeout: 900_000 });
  const result = JSON.parse(out.trim().split('\n').at(-1));
  for (const [name, { rssGrowthMiB }] of Object.entries(result)) {
    assert.ok(rssGrowthMiB < 8, `${name}: RSS grew ${rssGrowthMiB} MiB over 100 000 calls`);
  }
});

test('sim.listen() lets go of a connection reset while it sent its body', () => {
  // (Each one was kept until close(), about 5 KB: a long-running `remise sim` grew with every client
  // killed mid-request; a helper's soak, twenty-sixth pass. Before the fix 290 of 300 stayed.)
  const child = fileURLToPath(new URL('./leak-sim-child.mjs', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', child, '300'], { encoding: 'utf8', timeout: 120_000 });
  const { accepted, retained } = JSON.parse(out.trim().split('\n').at(-1));
  assert.ok(accepted >= 250, `${accepted} connections reached the server`);
  assert.ok(retained < accepted / 3, `${retained} of ${accepted} reset connections still held`);
});
