// A tiny static server for the playground, on 127.0.0.1 only.
// Usage: node scripts/serve-www.mjs <folder> [port]   (PORT env or 8080 by default; 0 picks a free one)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves `folder` on 127.0.0.1:`port`; resolves { url, close }. */
export async function serve(folder, port = 0) {
  const base = resolve(folder);
  const server = createServer(async (req, res) => {
    // A path that is no percent-encoding (`/%E0%A4%A`) is a 400: the URIError ended the server (a helper's
    // attack on the playground, twenty-sixth pass).
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return res.writeHead(403).end('forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [folder = 'target/www', port = process.env.PORT ?? '8080'] = process.argv.slice(2);
  const { url } = await serve(folder, Number(port));
  console.log(`remise playground: ${url}  (Ctrl+C to stop)`);
}
