// The shipped declarations describe what runs: every function, class and method that index.d.ts /
// index.d.cts declare exists in the entry it types, and everything the entry has is declared. Read
// with the TypeScript compiler's own API (the same checker `tsc` uses), compared with the surface
// walked at run time (entries.mjs `surfaceOf`). A declared method the class lacks compiles in the
// user's code and throws "is not a function" in production.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { entries, surfaceNames, surfaceOf } from './entries.mjs';

// typescript is linked beside the installed package by `make test-js`.
const local = createRequire(join(process.cwd(), 'package.json'));
const ts = local('typescript');

/**
 * The callable names a declaration file exports (functions, classes with their methods, the
 * methods of what `createConverter` returns), named as `surfaceOf` names them, and the names of
 * the non-callable members of those classes and objects (properties, getters).
 */
function declared(file) {
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const typeOf = (symbol) => checker.getTypeOfSymbolAtLocation(symbol, source);
  const callable = (type) => type.getCallSignatures().length > 0;
  const calls = [];
  const properties = [];
  // A symbol-keyed member (TypeScript names it `__@dispose@117`) as `[Symbol.dispose]`.
  const memberName = (p) => (p.name.startsWith('__@') ? `[Symbol.${p.name.slice(3).replace(/@\d+$/, '')}]` : p.name);
  const members = (instance, at) => {
    for (const p of instance.getProperties()) (callable(typeOf(p)) ? calls : properties).push(`${at}#${memberName(p)}`);
  };
  const walk = (type, at) => {
    const constructors = type.getConstructSignatures();
    if (constructors.length > 0) {
      calls.push(at);
      members(constructors[0].getReturnType(), at);
    } else if (callable(type)) {
      calls.push(at);
      const made = type.getCallSignatures()[0].getReturnType();
      if (at === 'sogenactif.batch.createConverter') members(made, `${at}()`);
      if (at === 'createSimulator') walk(made, `${at}()`);
    } else if (type.flags & ts.TypeFlags.Object && !checker.isArrayType(type)) {
      for (const p of type.getProperties()) walk(typeOf(p), `${at}.${p.name}`);
    }
  };
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source))) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (symbol.flags & ts.SymbolFlags.Value) walk(typeOf(symbol), exported.name);
  }
  return { calls: calls.sort(), properties };
}

const TYPES = { import: 'index.d.ts', require: 'index.d.cts' };
const packageDir = local.resolve('remise').replace(/[^/\\]+$/, '');

for (const [name, R] of entries) {
  test(`${name}: ${TYPES[name]} declares what the entry has, and nothing it lacks`, () => {
    const file = join(packageDir, TYPES[name]);
    const { calls, properties } = declared(file);
    const runtime = surfaceOf(R);
    assert.ok(calls.length > 60, `only ${calls.length} declared functions and methods: is ${file} read?`);
    // The declarations impose no lib on their consumers (a `/// <reference lib>` did, with
    // `[Symbol.dispose]`: an error on TypeScript before 5.2, found by a regression hunt).
    assert.doesNotMatch(readFileSync(file, 'utf8'), /reference lib=/);
    // Declared callable → present at run time.
    assert.deepEqual(calls.filter((n) => !runtime.includes(n)), [], 'declared but missing at run time');
    // Present at run time → declared (a getter such as `count` as a property).
    assert.deepEqual(runtime.filter((n) => !calls.includes(n) && !properties.includes(n)), [], 'present but not declared');
  });
}

for (const [name, types] of [['import', 'simulator.d.ts'], ['require', 'simulator.d.cts']]) {
  test(`${name}: remise/simulator's ${types} declares what a simulator has, and nothing it lacks`, async () => {
    const { createSimulator } = name === 'import' ? await import('remise/simulator') : local('remise/simulator');
    const { calls, properties } = declared(join(packageDir, types));
    const runtime = ['createSimulator', ...surfaceNames(createSimulator(), 'createSimulator()').names].sort();
    assert.ok(calls.length > 15, `only ${calls.length} declared functions: is ${types} read?`);
    assert.deepEqual(calls.filter((n) => !runtime.includes(n)), [], 'declared but missing at run time');
    assert.deepEqual(runtime.filter((n) => !calls.includes(n) && !properties.includes(n)), [], 'present but not declared');
  });
}

test("a mistake in office.request's fields is reported on the field, not as 'never'", () => {
  // A helper's audit of the declarations (eighteenth pass): ten overloads and a catch-all made every
  // mistake read "Argument of type '\"cancel\"' is not assignable to parameter of type 'never'".
  // One signature over SogenactifOfficeFieldsByService names the field, as systempay.request does.
  // Beside the installed package (the scratch folder of `make test-js`), so that 'remise' resolves.
  const dir = mkdtempSync(join(process.cwd(), '.decl-'));
  const file = join(dir, 'typo.ts');
  writeFileSync(
    file,
    `import { sogenactif } from 'remise';\n` +
      `const options = { merchantId: '011223344550000', secretKey: 'k', keyVersion: 1 };\n` +
      `sogenactif.office.request('cancel', { transactionReference: 'A', operationAmmount: 1000, currencyCode: 'EUR' }, options);\n` +
      `const service: 'refund' | 'cashManagement/refund' = 'refund';\n` +
      `sogenactif.office.request(service, { transactionReference: 'A', operationAmount: 1000, currencyCode: 'EUR' }, options);\n`,
  );
  try {
    const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
    const messages = ts.getPreEmitDiagnostics(program).map((d) => [d.start === undefined ? -1 : d.file.getLineAndCharacterOfPosition(d.start).line, ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
    assert.equal(messages.length, 1, JSON.stringify(messages));
    const [[line, text]] = messages;
    assert.equal(line, 2, text);
    assert.match(text, /operationAmmount/);
    assert.doesNotMatch(text, /never/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
