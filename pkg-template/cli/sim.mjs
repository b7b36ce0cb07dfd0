// `remise sim`: the offline gateway simulator as an HTTP server on 127.0.0.1, logging each request
// and the answer it gave, so that an integration written in any language can be tested against it.
import { SUMMARIES } from './summaries.mjs';
import { parseStrict } from './args.mjs';
import { createSimulator } from '../simulator.mjs';
import { writeOut } from './output.mjs';
import { jsonSafe, terminalSafe } from './report.mjs';

export const summary = SUMMARIES.sim;
export const usage = `usage: remise sim [--port N] [--host 127.0.0.1] [--now ISO-DATE] [--bodies] [--quiet]

  --port N      port to listen on (default 8787; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1)
  --now DATE    start of the simulated clock (default: now), Paris time when it has no offset;
                only POST /__simulator/advance moves it
  --bodies      also print each request's parsed body (card numbers masked)
  --quiet       print only the base URL
  -h, --help    print this help

Point a client at the printed base URL:
  Systempay   baseUrl = <base>                   (POST <base>/api-payment/V4/<Service>)
  Payline     baseUrl = <base>/V4/services       (POST <base>/V4/services/DirectPaymentAPI)
  Sogenactif  baseUrl = <base>                   (POST <base>/rs-services/v2/<family>/<service>)
Control: POST <base>/__simulator/advance {"days":1,"hours":0}, POST <base>/__simulator/reset,
         POST <base>/__simulator/batch (an Office Batch request file → its response file).`;

export async function run(argv) {
  // (An option given twice is refused, as by `remise batch`: cli/args.mjs.)
  const { values } = parseStrict({
    args: argv,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      now: { type: 'string' },
      bodies: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    // Exit 2 when the help could not be written (`--help > /dev/full` exited 0).
    process.stdout.on('error', () => {});
    try {
      writeOut(usage + '\n');
    } catch (e) {
      console.error(`remise sim: stdout: ${e?.message ?? e}`);
      return 2;
    }
    return 0;
  }
  // A reader that went away (`remise sim | head -1`): the write fails with EPIPE, in `say` or, for what
  // the stream buffered, later as an 'error' event that would end the process. The server keeps
  // serving; the log stops.
  process.stdout.on('error', () => {
    stdoutClosed = true;
  });
  // Decimal digits only (Number() took '0x1F91', '1e3' and '' as ports).
  const port = /^[0-9]{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new Error(`--port must be a number from 0 to 65535 (decimal digits), got '${values.port}'`);
  // An IPv6 address as a URL writes it, `[::1]`, is the address (it was "the host name is not known");
  // an empty one is named as the option's (it was listen()'s own "host must be…": the attack on the
  // CLI, twenty-fifth pass).
  values.host = values.host.replace(/^\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\]$/, '$1');
  if (values.host.trim() === '') throw new Error(`--host must be a host name or an address, such as 127.0.0.1 or ::1, got '${values.host}'`);
  let probing = false;
  const log = (e) => {
    if (values.quiet || probing) return;
    const what = [e.gateway ?? '-', e.operation ?? e.service ?? ''].filter(Boolean).join(' ');
    say(`${e.at} ${e.method} ${e.path} ${what} → ${e.status ?? ''} ${e.result ?? ''}`.replace(/\s+/g, ' ').trim());
    // (JSON escapes C0 controls, not C1 or direction ones: those as \u escapes, still JSON.)
    if (values.bodies && e.body !== undefined) say(`  ${jsonSafe(JSON.stringify(e.body))}`);
  };
  let sim;
  try {
    sim = createSimulator({ now: values.now, onRequest: log, keepRequests: 1000 });
  } catch (e) {
    // Said with the option's name ("createSimulator: options.now is not a date" named none); read as the
    // simulator reads it (a date without an offset is Paris time: the review of the twenty-first pass
    // found `new Date` here taking what the simulator refused).
    if (/options\.now/.test(e?.message)) throw new Error(`--now must be a date and time in ISO 8601 form, such as 2026-11-30T09:00:00Z or 2026-11-30 (Paris time without an offset), got '${values.now}'`);
    throw e;
  }
  let base;
  try {
    base = await sim.listen(port, values.host);
  } catch (e) {
    // The port taken, not allowed, an address not on this machine: not a wrong command line (exit 1,
    // one line, no usage text).
    if (typeof e?.code === 'string' && e.syscall) {
      const why = LISTEN_ERRORS[e.code] ?? e.message;
      // (An address given in brackets is shown as given: `[[::1]]` was printed.)
      const host = values.host.includes(':') && !values.host.startsWith('[') ? `[${values.host}]` : values.host;
      console.error(`remise sim: cannot listen on ${host}:${port}: ${why} (${e.code})`);
      return 1;
    }
    throw e;
  }
  // A port the Fetch standard blocks (6000, 10080…) is one this runtime's fetch, remise's clients and
  // browsers refuse to connect to: listening there served curl only, and every client call failed as a
  // network error (a new user's trial, twenty-fourth pass). Asked of fetch itself, by one request to
  // the simulator (not logged), rather than from a list that changes with the standard.
  probing = true;
  const blocked = await blockedByFetch(base);
  probing = false;
  if (blocked) {
    await sim.close();
    console.error(`remise sim: port ${port} is one that fetch refuses to connect to (a port the Fetch standard blocks, as browsers do): remise's clients could not reach the simulator there; give another --port, e.g. 8787`);
    return 1;
  }
  // Bound beyond this machine (0.0.0.0, ::, an external address): anyone who can reach it may reset it,
  // move its clock and read the credentials the banner prints (said on stderr; a helper's attack,
  // twenty-fourth pass).
  if (!LOOPBACK.test(values.host)) {
    console.error(`remise sim: warning: listening on ${values.host}, not only this machine's loopback: anyone who can reach the port can reset the simulator, move its clock and see its test credentials`);
  }
  say(base);
  if (!values.quiet) {
    const { systempay: s, payline: p, sogenactif: g } = sim;
    say(`remise simulator listening on ${base} (simulated clock ${sim.now().toISOString()})`);
    say(`  systempay  shopId ${s.credentials.shopId}, password ${s.credentials.password}, HMAC key ${s.credentials.hmacKey}`);
    say(`  payline    merchantId ${p.credentials.merchantId}, accessKey ${p.credentials.accessKey}, baseUrl ${base}/V4/services`);
    say(`             contracts ${Object.entries(p.contracts).map(([n, c]) => `${n}${c.reauthorization ? ' (re-authorization)' : ''}`).join(', ')}`);
    say(`  sogenactif merchantId ${g.credentials.merchantId}, secretKey ${g.credentials.secretKey}, keyVersion ${g.credentials.keyVersion}`);
    say('  (public test credentials; Ctrl+C stops)');
  }
  await new Promise((resolve) => {
    // One signal ends the wait; the other's listener goes too (it would swallow that signal
    // during the second the log may take to drain).
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
  // Log lines a reader never took (a paused pipe) would hold the process open after the signal: it
  // leaves once they are written, or after a second.
  if (process.stdout.writableLength > 0) setTimeout(() => process.exit(0), 1000).unref();
  return 0;
}

const LISTEN_ERRORS = {
  EADDRINUSE: 'the address is already in use; stop what uses it or give another --port',
  EACCES: 'permission denied; give a port from 1024 up',
  EADDRNOTAVAIL: 'the address is not one of this machine; give another --host',
  ENOTFOUND: 'the host name is not known; give another --host',
};

let stdoutClosed = false;
// What stdout may hold unwritten: a reader that stops reading (a paused pipe, a test harness that
// read the first line) made it grow by every request's line, without bound (a helper measured
// +63 MB over 60 000 requests). Past it, lines are dropped, said once, until the reader catches up.
const LOG_BACKLOG = 64 * 1024;
let dropping = false;

/**
 * One log line on stdout, as `remise batch` writes its result (output.mjs); a closed pipe stops the
 * log; lines a slow reader leaves behind past LOG_BACKLOG are dropped.
 */
function say(text) {
  if (stdoutClosed) return;
  // What a request sent (its path, a SOAPAction, a service name) with its control and direction
  // characters as '?', as `remise batch` prints file names and content: a C1 CSI in a SOAPAction
  // reached the terminal raw (a helper's attack on the CLI, eighteenth pass).
  const line = terminalSafe(text);
  if (process.stdout.writableLength > LOG_BACKLOG) {
    if (!dropping) process.stdout.write('remise sim: stdout is not being read; log lines are dropped until it is\n');
    dropping = true;
    return;
  }
  dropping = false;
  try {
    stdoutClosed = !writeOut(line + '\n');
  } catch {
    // stdout otherwise unwritable: the log stops, the server goes on.
    stdoutClosed = true;
  }
}

/** Host names and addresses of this machine's loopback only (IPv4 127/8, ::1, localhost). */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/i;

/** Whether this runtime's fetch refuses `base`'s port (undici's "bad port", before any connection). */
async function blockedByFetch(base) {
  if (typeof fetch !== 'function') return false;
  try {
    const res = await fetch(`${base}/__simulator/port-check`);
    await res.body?.cancel();
    return false;
  } catch (e) {
    return e?.cause?.message === 'bad port';
  }
}
