// Assembles the playground in target/www: the static files of www/ and the package's web build
// (pkg/index.mjs, api.mjs, web/) and the simulator (pkg/simulator.mjs) under remise/. Run `make pkg` first (make www does).
// Usage: node scripts/build-www.mjs [pkg folder] [out folder]   (defaults: pkg, target/www)
import { cp, mkdir, rm, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [pkgDir = join(root, 'pkg'), out = join(root, 'target', 'www')] = process.argv.slice(2);
await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'remise'), { recursive: true });
for (const f of await readdir(join(root, 'www'))) await cp(join(root, 'www', f), join(out, f), { recursive: true });
for (const f of ['index.mjs', 'api.mjs', 'simulator.mjs', 'web', 'package.json']) await cp(join(pkgDir, f), join(out, 'remise', f), { recursive: true });
console.log(`playground assembled in ${out}`);
