// A loopback HTTP server for client tests: records every request and answers with the handler
// registered for its path. Handlers get (req, body, res, count) and may never answer or drop the
// socket to simulate timeouts and resets.
import http from 'node:http';

export async function startServer(handlers) {
  const requests = [];
  const counts = new Map();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const path = req.url;
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      requests.push({ method: req.method, path, headers: req.headers, body });
      const handler = handlers[path] ?? handlers['*'];
      if (!handler) {
        res.writeHead(404).end('no handler');
        return;
      }
      handler(req, body, res, n);
    });
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(resolve);
      }),
  };
}

/** Answers `status` with a JSON or text body. */
export function reply(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * A server whose first path segment names a scenario: `route(handler)` registers a fresh one and
 * returns `{ name, baseUrl }` for a client; `sent(name)` counts the requests that reached it; `srv` is
 * the server (its `url`, `requests`, `close`). Names are `prefix` then a number.
 */
export async function startScenarios(prefix) {
  const handlers = {};
  let seq = 0;
  const srv = await startServer({
    '*': (req, body, res, n) => {
      const h = handlers[req.url.split('/')[1]];
      if (h) h(req, body, res, n);
      else res.writeHead(404).end();
    },
  });
  return {
    srv,
    route(handler) {
      const name = `${prefix}${++seq}`;
      handlers[name] = handler;
      return { name, baseUrl: `${srv.url}/${name}` };
    },
    sent: (name) => srv.requests.filter((r) => r.path.startsWith(`/${name}/`) || r.path === `/${name}`).length,
  };
}

/**
 * A raw Systempay call to a simulator, as a caller in another language makes it: `post(service, body)`
 * resolves with the parsed envelope.
 */
export function systempayPoster(sim) {
  return async (service, body) => {
    const res = await sim.fetch(`https://api.systempay.fr/api-payment/V4/${service}`, {
      method: 'POST',
      headers: { authorization: systempayAuth(sim), 'content-type': 'application/json' },
      // (A text as it is: a body too large or malformed to be made from an object.)
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return res.json();
  };
}

/** The Basic authorization of a simulator's Systempay shop. */
export function systempayAuth(sim) {
  const { shopId, password } = sim.systempay.credentials;
  return `Basic ${Buffer.from(`${shopId}:${password}`).toString('base64')}`;
}
