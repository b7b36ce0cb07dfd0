'use strict';
// Node CommonJS: `require('remise')` (synchronous, no init call); the shared suite is ESM.
// Usage: node cjs.cjs <base URL>; prints the results as JSON.
const remise = require('remise');
const simulator = require('remise/simulator');

import('./smoke.mjs')
  .then(({ smoke }) => smoke(remise, { baseUrl: process.argv[2], simulator }))
  .then((results) => console.log(JSON.stringify(results)));
