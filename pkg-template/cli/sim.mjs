// `remise sim`: the offline gateway simulator as an HTTP server on 127.0.0.1, logging each request
// and the answer it gave, so that an integration written in any language can be tested against it.
import { parseArgs } from 'node:util';
import { createSimulator } from '../simulator.mjs';

export const summary = 'serve the offline Systempay / Payline / Sogenactif simulator on 127.0.0.1';
export const usage = `usage: remise sim [--port N] [--host 127.0.0.1] [--now ISO-DATE] [--bodies] [--quiet]

  --port N      port to listen on (default 8787; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1)
  --now DATE    start of the simulated clock (default: now); only POST /__simulator/advance moves it
  --bodies      also print each request's parsed body (card numbers masked)
  --quiet       print only the base URL

Point a client at the printed base URL:
  Systempay   baseUrl = <base>                   (POST <base>/api-payment/V4/<Service>)
  Payline     baseUrl = <base>/V4/services       (POST <base>/V4/services/DirectPaymentAPI)
  Sogenactif  baseUrl = <base>                   (POST <base>/rs-services/v2/<family>/<service>)
Control: POST <base>/__simulator/advance {"days":1,"hours":0}, POST <base>/__simulator/reset,
         POST <base>/__simulator/batch (an Office Batch request file → its response file).`;

export async function run(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      now: { type: 'string' },
      bodies: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got '${values.port}'`);
  const log = (e) => {
    if (values.quiet) return;
    const what = [e.gateway ?? '-', e.operation ?? e.service ?? ''].filter(Boolean).join(' ');
    console.log(`${e.at} ${e.method} ${e.path} ${what} → ${e.status ?? ''} ${e.result ?? ''}`.replace(/\s+/g, ' ').trim());
    if (values.bodies && e.body !== undefined) console.log(`  ${JSON.stringify(e.body)}`);
  };
  const sim = createSimulator({ now: values.now, onRequest: log, keepRequests: 1000 });
  const base = await sim.listen(port, values.host);
  console.log(base);
  if (!values.quiet) {
    const { systempay: s, payline: p, sogenactif: g } = sim;
    console.log(`remise simulator listening on ${base} (simulated clock ${sim.now().toISOString()})`);
    console.log(`  systempay  shopId ${s.credentials.shopId}, password ${s.credentials.password}, HMAC key ${s.credentials.hmacKey}`);
    console.log(`  payline    merchantId ${p.credentials.merchantId}, accessKey ${p.credentials.accessKey}, baseUrl ${base}/V4/services`);
    console.log(`             contracts ${Object.entries(p.contracts).map(([n, c]) => `${n}${c.reauthorization ? ' (re-authorization)' : ''}`).join(', ')}`);
    console.log(`  sogenactif merchantId ${g.credentials.merchantId}, secretKey ${g.credentials.secretKey}, keyVersion ${g.credentials.keyVersion}`);
    console.log('  (public test credentials; Ctrl+C stops)');
  }
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
