'use strict';
// CommonJS entry (Node require): wasm-bindgen's nodejs glue instantiates synchronously on load.
const raw = require('./node/remise.cjs');
const { build } = require('./api.cjs');

// (`require` for createTransform's node:stream on Node 20.0–20.15, without process.getBuiltinModule.)
module.exports = build(raw, require);
