// Child of leak.test.mjs (run with --expose-gc): N clients each send half a request body to
// `sim.listen()` and reset the connection; prints how many of those sockets are still reachable
// once collected (a FinalizationRegistry counts the ones let go).
import http from 'node:http';
import { createSimulator } from 'remise/simulator';

const N = Number(process.argv[2] || 300);
let accepted = 0;
let released = 0;
const registry = new FinalizationRegistry(() => released++);
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, socket, ...rest) {
  if (event === 'connection') {
    accepted++;
    registry.register(socket, 0);
  }
  return emit.call(this, event, socket, ...rest);
};
const sim = createSimulator({ keepRequests: 10 });
const base = await sim.listen(0);
const halfUpload = () =>
  new Promise((resolve) => {
    const r = http.request(`${base}/api-payment/V4/Transaction/Get`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': '100' } });
    r.on('error', () => resolve());
    r.write('{"uu');
    setTimeout(() => {
      r.destroy();
      resolve();
    }, 5);
  });
for (let i = 0; i < N; i += 50) await Promise.all(Array.from({ length: Math.min(50, N - i) }, halfUpload));
for (let i = 0; i < 10; i++) {
  await new Promise((r) => setTimeout(r, 100));
  globalThis.gc();
}
const retained = accepted - released;
await sim.close();
console.log(JSON.stringify({ accepted, retained }));
