// The packed tarball holds only what users need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

test('the tarball holds the entries, glue, wasm, types and the remise command, and nothing else', () => {
  const tarball = process.env.REMISE_TARBALL;
  assert.ok(tarball, 'REMISE_TARBALL is set by make test-js');
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.deepEqual(files, [
    'package/README.md',
    'package/api.cjs',
    'package/api.mjs',
    'package/bin/remise.mjs',
    'package/cli/args.mjs',
    'package/cli/batch.mjs',
    'package/cli/codes.mjs',
    'package/cli/engine.mjs',
    'package/cli/lines.mjs',
    'package/cli/mask.mjs',
    'package/cli/output.mjs',
    'package/cli/report.mjs',
    'package/cli/sim.mjs',
    'package/cli/stored-zip.mjs',
    'package/cli/suggest.mjs',
    'package/cli/summaries.mjs',
    'package/cli/zip.mjs',
    'package/edge.mjs',
    'package/index.cjs',
    'package/index.d.cts',
    'package/index.d.ts',
    'package/index.mjs',
    'package/node/remise.cjs',
    'package/node/remise.d.cts',
    'package/node/remise_bg.wasm',
    'package/package.json',
    'package/simulator.cjs',
    'package/simulator.d.cts',
    'package/simulator.d.ts',
    'package/simulator.mjs',
    'package/web/remise.d.ts',
    'package/web/remise.js',
    'package/web/remise_bg.wasm',
    'package/workerd.mjs',
  ]);
  for (const f of files) assert.doesNotMatch(f, /\.rs$|node_modules|test/);
});

