// Type-checks remise/simulator as a user writes it (tsc --strict): sim.fetch plugs into every client.
import { systempay, payline, sogenactif } from 'remise';
import { createSimulator } from 'remise/simulator';
import type { Simulator, SimulatorRequest, SimulatedIpn } from 'remise/simulator';

const sim: Simulator = createSimulator({ now: '2026-11-30T09:00:00Z', payline: { contracts: { C1: { reauthorization: true } } } });
const sp = new systempay.Client({ shopId: sim.systempay.credentials.shopId, password: sim.systempay.credentials.password, fetch: sim.fetch });
const pl = new payline.Client({ ...sim.payline.credentials, fetch: sim.fetch });
const office = new sogenactif.OfficeClient({ ...sim.sogenactif.credentials, fetch: sim.fetch });
const uuid: string = sim.systempay.createTransaction({ amount: 3000, currency: 'EUR', captureDelay: 2 }).uuid;
// (orderDetails as Transaction/Get answers it: `unknown` before, though the quick start reads it.)
const orderId: string | null = sim.systempay.createTransaction({ amount: 100, orderId: 'WEB-1' }).orderDetails.orderId;
const id: string = sim.payline.createTransaction({ amount: 1000, action: 101, date: new Date() }).id;
const status: string = sim.sogenactif.createTransaction({ transactionReference: 'A1', amount: 10 }).transactionStatus;
const s10Date: string | null = sim.sogenactif.createTransaction({ s10TransactionId: '000042', s10TransactionIdDate: '20261130', amount: 10 }).s10TransactionIdDate;
const sealing: Simulator = createSimulator({ sogenactif: { sealTestAnswers: true } });
const byPair = sim.sogenactif.getTransaction('000042', '20261130');
const when: Date = sim.advance({ days: 1, hours: 2 });
const file: string = sim.sogenactif.processBatch('FILE;request;office;v19\n');
const last: SimulatorRequest | undefined = sim.requests.at(-1);
const ipn: Promise<SimulatedIpn> = sim.systempay.ipn(uuid, { key: 'sha256_hmac' });
// Posted to one's own handler as a form (an interface was no Record<string, string>: thirtieth pass).
const posted: Promise<URLSearchParams> = ipn.then((fields) => new URLSearchParams(fields));
const base: Promise<string> = sim.listen(0);
// node:http's headers (arrays, undefined), a Headers, a Map; null as left out (a new user's walk).
declare const incoming: Record<string, string | string[] | undefined>;
const handled = [sim.handle({ method: 'POST', url: 'http://x/', headers: incoming }), sim.handle({ method: 'GET', url: 'http://x/', headers: new Map([['a', 'b']]) })];
const nulls = [createSimulator({ now: null }), sim.systempay.createTransaction({ amount: 1, captureDelay: null, manualValidation: null }), sim.sogenactif.createTransaction({ transactionReference: 'A2', amount: 1, status: null, captureMode: null, captureDay: null })];
void [sp, pl, office, id, status, s10Date, sealing, byPair, when, file, last, ipn, posted, base, handled, nulls];

// @ts-expect-error amounts are integers in minor units
sim.systempay.createTransaction({ amount: '30.00' });
// @ts-expect-error the clock only moves forward by a duration
sim.advance(86_400_000);
// @ts-expect-error the IPN is signed with the password or the HMAC key
sim.systempay.ipn(uuid, { key: 'other' });
// @ts-expect-error a Sips status the simulator knows
sim.sogenactif.createTransaction({ transactionReference: 'A3', amount: 1, status: 'CAPTUERD' });
// @ts-expect-error sealTestAnswers is a boolean
createSimulator({ sogenactif: { sealTestAnswers: 'yes' } });

console.log(orderId);
