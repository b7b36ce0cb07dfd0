// Assembles pkg/ from the wasm-bindgen outputs (target/bindgen/{web,node}) and pkg-template/:
// package.json with the crate's version, the entries, the bundled namespace API (esbuild, ESM
// and CJS), and index.d.ts / index.d.cts concatenated from pkg-template/types/*.d.ts.
// Usage: node scripts/build-pkg.mjs <version>
import { build } from 'esbuild';
import { chmod, cp, mkdir, readFile, readdir, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

const [version] = process.argv.slice(2);
// (A version that is no semver, `--help`, was written into package.json and named the tarball.)
if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version ?? '')) {
  console.error('usage: node scripts/build-pkg.mjs <version>   (the crate\'s, e.g. 0.1.0; `make pkg` passes it)');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const tpl = join(root, 'pkg-template');
const out = join(root, 'pkg');
const bindgen = join(root, 'target', 'bindgen');

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'web'), { recursive: true });
await mkdir(join(out, 'node'), { recursive: true });

// wasm-bindgen glue: web (ESM, initSync) and nodejs (CJS, renamed .cjs since the package is ESM).
for (const f of ['remise.js', 'remise.d.ts', 'remise_bg.wasm']) await cp(join(bindgen, 'web', f), join(out, 'web', f));
await cp(join(bindgen, 'node', 'remise.js'), join(out, 'node', 'remise.cjs'));
await cp(join(bindgen, 'node', 'remise.d.ts'), join(out, 'node', 'remise.d.cts'));
await cp(join(bindgen, 'node', 'remise_bg.wasm'), join(out, 'node', 'remise_bg.wasm'));

// wasm-bindgen (0.2.130, pinned) copies a string argument into wasm memory with a JS loop per character
// while the characters are ASCII, then `encodeInto` for the rest: about 0.5 us for a 256-character
// request and 2.5 us for a Payline answer of 1.3 KB, on every call. The glue is changed to write the
// whole string with one native `encodeInto` (0.13 us for the same 256 characters), same bytes and
// same allocation sizes; where a runtime lacks `encodeInto` the loop runs as before. The build fails
// if the generated code no longer has the expected shape (a wasm-bindgen upgrade must look again).
const ASCII_LOOP = `    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
`;
const ONE_ENCODE = `    // remise (scripts/build-pkg.mjs): one native encodeInto instead of a JS loop per ASCII character.
    const head = encodeHead(arg, mem, ptr, len);
    let offset = head.written;
    if (head.read !== len) {
        arg = arg.slice(head.read);
`;
const ENCODE_HEAD = `
// remise (scripts/build-pkg.mjs): the start of \`arg\` written at \`ptr\` (at most \`len\` bytes):
// { read, written } as encodeInto gives them. Up to 32 characters (an entry's name, short
// arguments) the ASCII loop is cheaper than the native call; it also serves where encodeInto is
// missing.
function encodeHead(arg, mem, ptr, len) {
    if (len > 32 && typeof TextEncoder.prototype.encodeInto === 'function') {
        return cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len));
    }
    let i = 0;
    for (; i < len; i++) {
        const code = arg.charCodeAt(i);
        if (code > 0x7F) break;
        mem[ptr + i] = code;
    }
    return { read: i, written: i };
}
`;

// The imports that wasm-bindgen's glue runs while a wasm frame is on the stack turn a string of the
// core into a JS string (a constructor's framed error, the message of the glue's own throw) with
// `TextDecoder.prototype.decode`, `%TypedArray%.prototype.subarray` and the memory's `buffer` getter,
// looked up when they run: a caller that patched one of them later (a polyfill, a test spy) would run
// JS inside the frame, and an exception there would leave the shadow stack pointer moved for good
// (ARCHITECTURE.md "Boundary", a helper's attack of the eleventh pass). These imports read the
// string with the same built-ins taken when the glue loads. Strings returned by exports are read
// after the call returns, with no wasm frame, as wasm-bindgen writes them.
const IN_FRAME = [
  ['throw new Error(getStringFromWasm0(arg0, arg1));', 'throw new Error(remiseStringInFrame(arg0, arg1));'],
  ['const ret = getStringFromWasm0(arg0, arg1);', 'const ret = remiseStringInFrame(arg0, arg1);'],
];
const IN_FRAME_READER = `
// remise (scripts/build-pkg.mjs): a string of the core read inside a wasm frame, with built-ins taken
// at load (a prototype patched later never runs here).
const remiseApply = Reflect.apply;
const remiseDecode = TextDecoder.prototype.decode;
const remiseBuffer = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer').get;
const RemiseBytes = Uint8Array;
const remiseDecoder = new TextDecoder('utf-8', { __proto__: null, ignoreBOM: true });
function remiseStringInFrame(ptr, len) {
    return remiseApply(remiseDecode, remiseDecoder, [new RemiseBytes(remiseApply(remiseBuffer, wasm.memory, []), ptr >>> 0, len >>> 0)]);
}
`;
// A wasm instance is renewed when one of its exports throws. No export is entered with a wasm frame
// on the stack and none throws by design (errors come back as text; a constructor's error is thrown
// by the glue after the export returned), so an exception out of one unwound wasm frames half-way:
// V8's stack-overflow RangeError at a wasm function's entry, when a caller calls remise a few frames
// from the JS stack limit (the fifteenth pass, an attack on the runtimes), or a trap. The shadow stack
// pointer then stays moved, and the allocator may be stopped in the middle of rewriting its lists:
// every later call failed with "memory access out of bounds". The guard retires the instance, and the
// next call makes a fresh one of the same module. Objects of the old instance are of an older generation
// (`remiseGeneration()`): their finalizers do nothing (their pointers mean nothing in the new memory),
// and api/ refuses or rebuilds them (ARCHITECTURE.md "Boundary").
const RENEW = `
// remise (scripts/build-pkg.mjs): an export that throws retires its instance; the next call makes a
// fresh one first (not in the catch: a stack overflow leaves no stack to make it with).
let remiseGen = 0;
let remiseRetired = false;
function remiseGeneration() {
    return remiseGen;
}
// (Also what a test calls to retire the instance as an interrupted call does.)
function remiseRetire() {
    remiseGen++;
    remiseRetired = true;
}
// Each wrapper knows its instance: one of a retired or replaced instance runs in the current one (the
// glue reads \`malloc\` and \`realloc\` together before the first renews: the old realloc then ran on a new
// pointer), except \`__wbindgen_free\`, whose pointer belongs to the memory that is gone (the glue's own
// cleanup after an interrupted call): nothing to free. (The review of the pass.)
function remiseGuard(exports, instance) {
    const guarded = {};
    for (const name of Object.keys(exports)) {
        const f = exports[name];
        guarded[name] = typeof f !== 'function' ? f : function (...args) {
            if (remiseRetired || instance !== wasmInstance) {
                if (name === '__wbindgen_free') return undefined;
                if (remiseRetired) remiseRenew();
                return wasm[name](...args);
            }
            try {
                return f(...args);
            } catch (e) {
                // (Written out, not a call of remiseRetire: at the stack's limit a call would throw
                // before retiring anything.)
                remiseGen++;
                remiseRetired = true;
                throw e;
            }
        };
    }
    return guarded;
}
// (Retired until the new instance has started: a renewal cut short is made again at the next call.)
function remiseRenew() {
    const instance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
    wasmInstance = instance;
    wasm = remiseGuard(instance.exports, instance);
    cachedUint8ArrayMemory0 = null;
    instance.exports.__wbindgen_start();
    remiseRetired = false;
}
`;
const RENEWED = [
  // The web glue (its instance is made by initSync or the default init), then the nodejs one.
  ['    wasm = instance.exports;', '    wasm = remiseGuard(instance.exports, instance);'],
  ['let wasm = wasmInstance.exports;', 'let wasm = remiseGuard(wasmInstance.exports, wasmInstance);'],
];

/** The glue's finalizers and registrations, with the generation of each object. */
function generational(text, f) {
  const registries = /new FinalizationRegistry\(ptr => wasm\.(__wbg_\w+_free)\(ptr(?: >>> 0)?, 1\)\)/g;
  const registrations = /(\w+Finalization)\.register\(this, this\.__wbg_ptr, this\)/g;
  const n = [...text.matchAll(registries)].length;
  if (n !== 3 || [...text.matchAll(registrations)].length !== n) throw new Error(`${f}: the glue's finalizers are not the shape build-pkg.mjs patches (wasm-bindgen changed?)`);
  return text
    .replace(registries, 'new FinalizationRegistry(held => held[1] === remiseGen && wasm.$1(held[0] >>> 0, 1))')
    .replace(registrations, '$1.register(this, [this.__wbg_ptr, remiseGen], this)');
}

// The web glue's initSync compiles what is not `instanceof WebAssembly.Module`: a module compiled in
// another realm, as the edge sandbox of `vercel dev` and `next start` hands a `.wasm?module` import
// over (edge.mjs), was given to `new WebAssembly.Module` and failed ("Argument 0 must be a buffer
// source": a helper's attack with the platforms' own bundlers, twenty-eighth pass). The check goes by
// the object's tag, which holds across realms.
const MODULE_CHECK = ['if (!(module instanceof WebAssembly.Module)) {', "if (Object.prototype.toString.call(module) !== '[object WebAssembly.Module]') {"];

// Both changes to both glues, in one pass over each file.
for (const f of [join(out, 'web', 'remise.js'), join(out, 'node', 'remise.cjs')]) {
  let text = await readFile(f, 'utf8');
  if (f.endsWith('.js')) {
    if (text.split(MODULE_CHECK[0]).length !== 2) throw new Error(`${f}: initSync's module check is not the shape build-pkg.mjs patches (wasm-bindgen changed?)`);
    text = text.replace(MODULE_CHECK[0], MODULE_CHECK[1]);
  }
  if (text.split(ASCII_LOOP).length !== 2 || !text.includes('function passStringToWasm0(')) {
    throw new Error(`${f}: passStringToWasm0 is not the shape build-pkg.mjs patches (wasm-bindgen changed?)`);
  }
  text = text.replace(ASCII_LOOP, ONE_ENCODE).replace('function passStringToWasm0(', ENCODE_HEAD.trimStart() + '\nfunction passStringToWasm0(');
  for (const [from, to] of IN_FRAME) {
    if (text.split(from).length !== 2) throw new Error(`${f}: the import \`${from}\` is not the shape build-pkg.mjs patches (wasm-bindgen changed?)`);
    text = text.replace(from, to);
  }
  if (!text.includes('function getStringFromWasm0(')) throw new Error(`${f}: no getStringFromWasm0 (wasm-bindgen changed?)`);
  const renewed = RENEWED.filter(([from]) => text.split(from).length === 2);
  if (renewed.length !== 1) throw new Error(`${f}: the glue does not set \`wasm\` as build-pkg.mjs patches it (wasm-bindgen changed?)`);
  text = generational(text.replace(renewed[0][0], renewed[0][1]), f);
  // The generation, beside the glue's exports.
  text += f.endsWith('.cjs') ? '\nexports.remiseGeneration = remiseGeneration;\nexports.remiseRetire = remiseRetire;\n' : '\nexport { remiseGeneration, remiseRetire };\n';
  await writeFile(f, text.replace('function getStringFromWasm0(', RENEW.trimStart() + IN_FRAME_READER.trimStart() + '\nfunction getStringFromWasm0('));
}

// wasm-bindgen declares `[Symbol.dispose]()` on exported classes; TypeScript knows that symbol only
// with the `esnext.disposable` lib (TS 5.2+), so a consumer on `lib: ["ES2022"]` without skipLibCheck
// would fail on our types. Referencing the lib from the glue's .d.ts makes them self-contained.
// The web glue's init declarations (`InitInput`, `initSync`, the default `init`) name DOM types
// (`RequestInfo`, `BufferSource`, `WebAssembly`), which a Node project on `lib: ["ES2022"]` does
// not have: `tsc` then fails inside our package. The glue is internal (index.mjs initialises it;
// package.json exports neither file), so its declarations end before them.
{
  const f = join(out, 'web', 'remise.d.ts');
  const text = await readFile(f, 'utf8');
  const cut = text.indexOf('\nexport type InitInput');
  if (cut < 0) throw new Error(`${f}: no InitInput declaration to cut (wasm-bindgen changed?)`);
  await writeFile(f, text.slice(0, cut + 1));
}
for (const f of [join(out, 'web', 'remise.d.ts'), join(out, 'node', 'remise.d.cts')]) {
  const text = await readFile(f, 'utf8');
  if (text.includes('Symbol.dispose')) await writeFile(f, '/// <reference lib="esnext.disposable" />\n' + text);
}

for (const f of ['index.mjs', 'index.cjs', 'workerd.mjs', 'edge.mjs']) await cp(join(tpl, f), join(out, f));
await cp(join(root, 'README.md'), join(out, 'README.md'));

const pkg = JSON.parse(await readFile(join(tpl, 'package.json'), 'utf8'));
pkg.version = version;
await writeFile(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

for (const [format, file] of [['esm', 'api.mjs'], ['cjs', 'api.cjs']]) {
  await build({
    entryPoints: [join(tpl, 'api', 'index.js')],
    bundle: true,
    format,
    platform: 'neutral',
    target: 'es2022',
    outfile: join(out, file),
    logLevel: 'warning',
    legalComments: 'none',
  });
}

// The ESM entry as one module: the entry, the glue (web/remise.js) and api.mjs bundled, so Node's ESM
// loader resolves, reads and links one file instead of three (about 1.5 ms of the ESM cold start;
// ARCHITECTURE.md "Cold start"). workerd.mjs and edge.mjs keep importing the separate files. The glue's
// own default `new URL('remise_bg.wasm', import.meta.url)` is never used (the entry passes the bytes),
// but bundlers resolve every `new URL(…, import.meta.url)` at build time: relative to the package root
// it named no file, and webpack (Next.js's too) stopped on "Can't resolve 'remise_bg.wasm'" (a helper's
// attack with bundlers, twenty-eighth pass). It names the file the entry reads.
await build({
  entryPoints: [join(out, 'index.mjs')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['node:*'],
  outfile: join(out, 'index.mjs'),
  allowOverwrite: true,
  banner: { js: '// remise, ESM entry: pkg-template/index.mjs with web/remise.js and api.mjs bundled in (scripts/build-pkg.mjs).' },
  logLevel: 'warning',
  legalComments: 'none',
});
{
  const f = join(out, 'index.mjs');
  const text = await readFile(f, 'utf8');
  const fallback = 'new URL("remise_bg.wasm", import.meta.url)';
  if (text.split(fallback).length !== 2) throw new Error(`${f}: the glue's default URL is not the shape build-pkg.mjs patches (wasm-bindgen or esbuild changed?)`);
  await writeFile(f, text.replace(fallback, 'new URL("./web/remise_bg.wasm", import.meta.url)'));
}

// The simulator (remise/simulator): plain JS, no wasm, its own entry (ESM and CJS) and types; the
// `remise` command (bin/) and its subcommands (cli/). node:* modules stay imports (listen() and the
// command load node:http / node:util lazily; the fetch path uses none).
for (const [format, file] of [['esm', 'simulator.mjs'], ['cjs', 'simulator.cjs']]) {
  await build({
    entryPoints: [join(tpl, 'simulator', 'index.js')],
    bundle: true,
    format,
    platform: 'neutral',
    target: 'es2022',
    external: ['node:*'],
    outfile: join(out, file),
    logLevel: 'warning',
    legalComments: 'none',
  });
}
await cp(join(tpl, 'simulator', 'index.d.ts'), join(out, 'simulator.d.ts'));
await cp(join(tpl, 'simulator', 'index.d.ts'), join(out, 'simulator.d.cts'));
await cp(join(tpl, 'bin'), join(out, 'bin'), { recursive: true });
await cp(join(tpl, 'cli'), join(out, 'cli'), { recursive: true });
await chmod(join(out, 'bin', 'remise.mjs'), 0o755);

// Types: core first, then every fragment in name order. '@raw' stands for the glue's .d.ts.
const fragments = (await readdir(join(tpl, 'types'))).filter((f) => f.endsWith('.d.ts')).sort((a, b) =>
  a === 'core.d.ts' ? -1 : b === 'core.d.ts' ? 1 : a.localeCompare(b),
);
let body = '';
for (const f of fragments) body += `// ---- ${f}\n` + (await readFile(join(tpl, 'types', f), 'utf8')) + '\n';
// (The batch writer and converter have `[Symbol.dispose]` at run time; the declarations name `free()`
// only: declaring the symbol needs the `esnext.disposable` lib, which a reference here would impose on
// every consumer: an error on TypeScript before 5.2, `DisposableStack` typed in programs whose lib lacks it.)
const header = (glue) =>
  `// remise ${version}: public API. Interfaces of gateway data are generated from the Rust types.\n` +
  `import type * as raw from '${glue}';\n\n`;
await writeFile(join(out, 'index.d.ts'), header('./web/remise.js') + body.replaceAll("'@raw'", "'./web/remise.js'"));
await writeFile(join(out, 'index.d.cts'), header('./node/remise.cjs') + body.replaceAll("'@raw'", "'./node/remise.cjs'"));

// Optional properties take an explicit `undefined` as the run time does (JSON drops it): `?: T |
// undefined` in every shipped declaration, so that a project under `exactOptionalPropertyTypes`
// compiles `baseUrl: process.env.X` or `{ signal: opts.signal }` (a helper's audit of the
// declarations, eighteenth pass). Done on the syntax tree of TypeScript's own parser (property
// signatures and class properties, RemiseError's `gatewayCode?` and the rest, which its constructor's
// `Partial<…>` takes: a helper's check, twenty-fifth pass; not parameters), so a function type is
// wrapped, `(() => void) | undefined`.
{
  const ts = (await import('typescript')).default;
  for (const f of ['index.d.ts', 'index.d.cts', 'simulator.d.ts', 'simulator.d.cts', join('web', 'remise.d.ts'), join('node', 'remise.d.cts')]) {
    const file = join(out, f);
    const text = await readFile(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const edits = [];
    const takesUndefined = (t) => t.kind === ts.SyntaxKind.UndefinedKeyword || t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword || (ts.isUnionTypeNode(t) && t.types.some(takesUndefined));
    const visit = (node) => {
      if ((ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) && node.questionToken && node.type && !takesUndefined(node.type)) {
        const t = node.type;
        const wrap = ts.isFunctionTypeNode(t) || ts.isConstructorTypeNode(t) || ts.isConditionalTypeNode(t);
        if (wrap) edits.push([t.getStart(source), '(']);
        edits.push([t.end, wrap ? ') | undefined' : ' | undefined']);
      }
      // Not inside a callback's type: its parameters are what remise passes (the injected fetch's init
      // must stay assignable to the DOM's RequestInit, whose `body` takes no undefined).
      if (!ts.isFunctionTypeNode(node)) ts.forEachChild(node, visit);
    };
    visit(source);
    let edited = text;
    for (const [at, insert] of edits.sort((a, b) => b[0] - a[0])) edited = edited.slice(0, at) + insert + edited.slice(at);
    await writeFile(file, edited);
  }
}
console.log(`pkg/ assembled (remise ${version})`);
