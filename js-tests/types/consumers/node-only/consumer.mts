// A Node backend's consumer: no DOM lib (`lib: ["ES2022"]`), @types/node, skipLibCheck off. The
// package's declarations must not need the DOM (they once named `RequestInfo` and `BufferSource`
// through the web glue's init functions), and its Node stream helper must fit Node's own types.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { money, sogenactif, systempay } from 'remise';

const minor: number = money.toMinor('19.99', 'EUR');
console.log(minor);

const header = { remitterId: '023101122334455', sequence: 1 };
// README "3. A Node Transform with back-pressure", as written there.
await pipeline(
  createReadStream('requests.ndjson'),
  sogenactif.batch.createTransform({ header, input: 'ndjson' }),
  createWriteStream('OFBREQ.csv'),
);
const transform = sogenactif.batch.createTransform({ header });
createReadStream('requests.ndjson').pipe(transform).pipe(createWriteStream('OFBREQ.csv'));
transform.on('reject', (r) => console.log(r.index, r.issues.length));
if (!transform.destroyed) transform.destroy(new Error('stopped early'));

// Every client takes the transport options (TransportOptions), Systempay's too.
const client = new systempay.Client({ shopId: '12345678', password: 'testpassword_x', maxResponseBytes: 1 << 20 });
console.log(typeof client.getTransaction);
