'use strict';
// CommonJS entry (Node require): wasm-bindgen's nodejs glue instantiates synchronously on load.
const raw = require('./node/remise.cjs');
const { build } = require('./api.cjs');

module.exports = build(raw);
