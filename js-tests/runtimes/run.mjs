// The runtime matrix: runs smoke.mjs against the installed tarball in Node ESM, Node CJS, Deno,
// Bun, Cloudflare workerd and Vercel edge-runtime, with one 127.0.0.1 server answering every
// client, and prints one line per runtime. Exits 1 when any step fails in any runtime.
//
// Run from a folder where the packed tarball is installed (make test-runtimes does it); the dev
// tools (esbuild, edge-runtime, and the deno, bun and workerd binaries) are taken from
// REMISE_DEV_MODULES (the repository's node_modules).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, reply } from '../server.mjs';
import { fixtures } from './fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const devModules = process.env.REMISE_DEV_MODULES;
if (!devModules) throw new Error('REMISE_DEV_MODULES must name the folder holding esbuild and edge-runtime');
const devRequire = createRequire(join(devModules, 'noop.js'));
// The platform packages hold the binaries (the deno and workerd wrapper packages list optional
// dependencies for every platform, which a registry mirror may lack; see README).
const DENO = join(devModules, '@deno', 'linux-x64-glibc', 'deno');
const WORKERD = join(devModules, '@cloudflare', 'workerd-linux-64', 'bin', 'workerd');
const BUN = join(devModules, '.bin', 'bun');
const only = process.argv.slice(2);

/** Runs a command; resolves { code, stdout, stderr }; kills it after timeoutMs. */
function exec(cmd, args, { cwd = here, timeoutMs = 60_000, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: String(e) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? `signal ${signal}` : code, stdout, stderr });
    });
  });
}

/** The JSON results a harness printed as its last stdout line, or throws with its output. */
function results({ code, stdout, stderr }) {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(last);
    if (Array.isArray(parsed)) return parsed;
  } catch {}
  throw new Error(`exit ${code}: ${(stderr || stdout).trim().split('\n').slice(-6).join(' | ')}`);
}

async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

const firstLine = (s) => s.trim().split('\n')[0];

/**
 * Bundles entry with esbuild the way the platform's tooling does (wrangler, Vercel): through the
 * platform's export condition, with the .wasm import handed to the platform as a compiled module.
 * Returns the path of the .wasm file imported and the specifier it was imported with.
 */
async function bundle(entry, outfile, { conditions, format, wasm }) {
  const esbuild = devRequire('esbuild');
  const found = [];
  await esbuild.build({
    entryPoints: [join(here, entry)],
    outfile,
    bundle: true,
    format,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    target: 'es2022',
    logLevel: 'error',
    plugins: [
      {
        name: 'wasm-module',
        setup(build) {
          // (`?module`: Vercel's bundlers compile only a .wasm imported with that suffix, edge.mjs.)
          build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
            const path = join(args.resolveDir, args.path.replace(/\?module$/, ''));
            found.push({ path, specifier: args.path });
            // workerd: keep `import m from './remise_bg.wasm'` for workerd to compile (a wasm module).
            if (wasm === 'external') return { path: './remise_bg.wasm', external: true };
            // edge-runtime: the module compiled beforehand in the host realm (runEdge).
            return { path, namespace: 'wasm-global' };
          });
          build.onLoad({ filter: /.*/, namespace: 'wasm-global' }, () => ({
            contents: 'export default globalThis.__REMISE_WASM_MODULE__;',
            loader: 'js',
          }));
        },
      },
    ],
  });
  if (found.length !== 1) throw new Error(`expected one .wasm import in the bundle, found ${found.length}`);
  return found[0];
}

async function runWorkerd(baseUrl) {
  const dir = await mkdtemp(join(tmpdir(), 'remise-workerd-'));
  try {
    const { path: wasmPath } = await bundle('worker.mjs', join(dir, 'worker.js'), {
      conditions: ['workerd', 'worker', 'browser'],
      format: 'esm',
      wasm: 'external',
    });
    await copyFile(wasmPath, join(dir, 'remise_bg.wasm'));
    const port = await freePort();
    await writeFile(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The default outbound refuses loopback; the suite's server listens on 127.0.0.1.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "remise_bg.wasm", wasm = embed "remise_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  globalOutbound = (name = "loopback"),
);
`,
    );
    const child = spawn(WORKERD, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/?base=${encodeURIComponent(baseUrl)}`);
          const text = await res.text();
          if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)} ${log.slice(-500)}`);
          return JSON.parse(text);
        } catch (e) {
          if (e.message.startsWith('HTTP') || Date.now() > deadline || child.exitCode !== null) {
            throw new Error(`${e.message}; workerd: ${log.trim().split('\n').slice(-4).join(' | ')}`);
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runEdge(baseUrl) {
  const dir = await mkdtemp(join(tmpdir(), 'remise-edge-'));
  try {
    // Vercel hands the code a precompiled WebAssembly.Module for a `.wasm?module` import (a plain `.wasm`
    // has no loader there), compiled in the host realm as the edge sandbox of `vercel dev` and
    // `next start` does: the glue took only a module of its own realm ("Argument 0 must be a buffer
    // source", a helper's attack with the platforms' bundlers, twenty-eighth pass).
    const { path: wasmPath, specifier } = await bundle('edge.mjs', join(dir, 'edge.js'), {
      conditions: ['edge-light', 'worker', 'browser'],
      format: 'iife',
      wasm: 'global',
    });
    if (!specifier.endsWith('.wasm?module')) throw new Error(`the edge-light entry imports ${specifier}, which Vercel's bundlers do not compile (they take '.wasm?module')`);
    const { EdgeRuntime } = devRequire('edge-runtime');
    const hostModule = new WebAssembly.Module(await readFile(wasmPath));
    const runtime = new EdgeRuntime({
      extend: (context) => Object.assign(context, { __REMISE_WASM_MODULE__: hostModule }),
    });
    runtime.evaluate(await readFile(join(dir, 'edge.js'), 'utf8'));
    const res = await runtime.dispatchFetch(`http://localhost/?base=${encodeURIComponent(baseUrl)}`);
    await res.waitUntil();
    const text = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const version = async (cmd, args) => firstLine((await exec(cmd, args)).stdout) || '?';

const runtimes = [
  { name: 'node-esm', version: async () => process.version, run: async (b) => results(await exec(process.execPath, ['esm.mjs', b])) },
  { name: 'node-cjs', version: async () => process.version, run: async (b) => results(await exec(process.execPath, ['cjs.cjs', b])) },
  {
    name: 'deno',
    version: async () => (await version(DENO, ['--version'])).split(' ').slice(0, 2).join(' '),
    run: async (b) =>
      results(
        await exec(DENO, ['run', '--quiet', '--no-lock', '--allow-read', '--allow-env', '--allow-net=127.0.0.1', 'esm.mjs', b], {
          env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
        }),
      ),
  },
  { name: 'bun', version: async () => 'bun ' + (await version(BUN, ['--version'])), run: async (b) => results(await exec(BUN, ['esm.mjs', b])) },
  { name: 'workerd', version: () => version(WORKERD, ['--version']), run: runWorkerd },
  {
    name: 'edge-runtime',
    version: async () => 'edge-runtime ' + devRequire('edge-runtime/package.json').version,
    run: runEdge,
  },
];

const { systempay, payline } = fixtures;
const basic = (u, p) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');
const authorized = (req, res, user, password) => {
  if (req.headers.authorization === basic(user, password)) return true;
  reply(res, 401, 'wrong credentials', 'text/plain');
  return false;
};
const server = await startServer({
  '/api-payment/V4/Transaction/Get': (req, body, res) => {
    if (!authorized(req, res, systempay.shopId, systempay.password)) return;
    if (JSON.parse(body).uuid !== systempay.uuid) return reply(res, 400, 'unexpected uuid', 'text/plain');
    reply(res, 200, systempay.getEnvelope);
  },
  '/api-payment/V4/Transaction/CancelOrRefund': (req, body, res) => {
    if (!authorized(req, res, systempay.shopId, systempay.password)) return;
    reply(res, 200, systempay.errorEnvelope);
  },
  [fixtures.sogenactif.office.path]: (req, body, res) => {
    const sent = JSON.parse(body);
    if (sent.merchantId !== fixtures.sogenactif.office.options.merchantId || !/^[0-9a-f]{64}$/.test(sent.seal)) {
      return reply(res, 400, 'unexpected Office request', 'text/plain');
    }
    reply(res, 200, fixtures.sogenactif.office.answer);
  },
  // The dropped-connection step (smoke.mjs): Transaction/Get under /drop-<tag>/ answers (its
  // connection stays open); any other call there is read whole, then its connection destroyed
  // unanswered. /__count/drop-<tag> says how many such calls arrived.
  '*': (req, body, res) => {
    const count = /^\/__count\/(drop-[a-z0-9]+)$/.exec(req.url);
    if (count) {
      const calls = server.requests.filter((r) => r.path.startsWith(`/${count[1]}/`) && !r.path.endsWith('/Transaction/Get'));
      return reply(res, 200, String(calls.length));
    }
    if (/^\/drop-[a-z0-9]+\/api-payment\/V4\/Transaction\/Get$/.test(req.url)) return reply(res, 200, systempay.getEnvelope);
    if (/^\/drop-[a-z0-9]+\//.test(req.url)) return req.socket.destroy();
    res.writeHead(404).end('no handler');
  },
  '/ExtendedAPI': (req, body, res) => {
    if (!authorized(req, res, payline.merchantId, payline.accessKey)) return;
    if (req.headers.soapaction !== '"getTransactionDetails"' || !body.includes(payline.transactionId)) {
      return reply(res, 400, 'unexpected SOAP request', 'text/plain');
    }
    reply(res, 200, payline.detailsResponse, 'text/xml; charset=utf-8');
  },
});

let failed = false;
try {
  for (const rt of runtimes) {
    if (only.length && !only.includes(rt.name)) continue;
    const started = Date.now();
    let line;
    try {
      const [v, rs] = await Promise.all([rt.version(), rt.run(server.url)]);
      const ok = rs.filter((r) => r.status === 'ok').map((r) => r.step);
      const skipped = rs.filter((r) => r.status === 'skip');
      const bad = rs.filter((r) => r.status === 'fail');
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (bad.length) {
        failed = true;
        line = `runtime ${rt.name} (${v}): FAIL ${bad.map((r) => `[${r.step}] ${r.note}`).join('; ')}`;
      } else {
        // Grouped by reason: "UNSUPPORTED in this build: systempay, payline".
        const reasons = new Map();
        for (const r of skipped) {
          const reason = r.note.slice(r.gateway.length + 1);
          reasons.set(reason, new Set([...(reasons.get(reason) ?? []), r.gateway]));
        }
        const skipNote = skipped.length
          ? `; skipped ${skipped.length} (${[...reasons].map(([why, gs]) => `${why}: ${[...gs].join(', ')}`).join('; ')})`
          : '';
        line = `runtime ${rt.name} (${v}): ok ${ok.length} steps (${ok.join(', ')})${skipNote} [${secs}s]`;
      }
    } catch (e) {
      failed = true;
      line = `runtime ${rt.name}: FAIL ${e.message}`;
    }
    console.log(line);
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
