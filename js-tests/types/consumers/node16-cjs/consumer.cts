// A CommonJS consumer under moduleResolution node16: `require` resolves the package's index.d.cts.
import remise = require('remise');

const { money, RemiseError, isRemiseError } = remise;
const rows: remise.Currency[] = money.currencies('systempay');
const cny: remise.Currency | undefined = rows.find((c) => c.code === 'CNY');
const minor: number = money.toMinor('12.3', 'CNY', 'systempay');

try {
  money.fromMinor(-1, 'EUR');
} catch (e: unknown) {
  if (e instanceof RemiseError) {
    const code: remise.RemiseErrorCode = e.code;
    console.log(code, e.httpStatus, e.gatewayCode);
  }
  if (isRemiseError(e)) console.log(e.message);
}

// @ts-expect-error amounts are decimal strings, never floats
money.toMinor(12.3, 'CNY');
console.log(cny?.digits, minor);

// The simulator entry from CommonJS (simulator.d.cts).
import simulator = require('remise/simulator');
const sim: simulator.Simulator = simulator.createSimulator({ seed: 2 });
sim.reset();
// @ts-expect-error keepRequests is a number
simulator.createSimulator({ keepRequests: 'all' });
