// The playground page: generated forms, live validation, the exact request, the simulator,
// the decoded answer and the currency converter. Everything runs on the web build of remise; requests
// are answered by remise's simulator (remise/simulator) in the page.
import * as remise from './remise/index.mjs';
import { createSimulator } from './remise/simulator.mjs';
import { gateways, operations, adapters, states, simulatorOptions } from './operations.js';

const { money, isRemiseError } = remise;
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) if (c != null) node.append(c);
  return node;
};

// ---------------------------------------------------------------- what this build holds

/**
 * True when the gateway's entry point is a function; false while its namespace throws UNSUPPORTED
 * (not in this build) or the part is missing (e.g. sogenactif.office before that part is merged).
 */
function available(gatewayId) {
  try {
    return typeof adapters[gatewayId].available(remise) === 'function';
  } catch (e) {
    if (e && (e.code === 'UNSUPPORTED' || e instanceof TypeError)) return false;
    throw e;
  }
}
const inBuild = Object.fromEntries(gateways.map((g) => [g.id, available(g.id)]));

function renderBuild() {
  const items = [['money', true], ...gateways.map((g) => [g.label, inBuild[g.id]])];
  $('build').replaceChildren(
    ...items.map(([name, ok]) =>
      el('li', { className: ok ? 'ok' : 'off', title: ok ? 'in this build' : 'not in this build yet (UNSUPPORTED)' }, name),
    ),
  );
}

// ---------------------------------------------------------------- paths and values

/** 'a.b[0].c' → ['a', 'b', 0, 'c'] */
const parsePath = (path) => path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

function setPath(target, path, value) {
  const keys = parsePath(path);
  let node = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) node[key] = value;
    else node = node[key] ??= typeof keys[i + 1] === 'number' ? [] : {};
  });
}

/** The value a field contributes, or undefined when it is left empty. */
/** The number typed digits are, when a JS number holds it exactly; else the text as typed. */
const exactNumber = (text) => (Number.isSafeInteger(Number(text)) ? Number(text) : text);

function fieldValue(field, input) {
  if (field.type === 'bool') return input.checked;
  const text = input.value.trim();
  if (text === '') return undefined;
  // Numbers go as numbers when they are whole and a number holds them exactly; anything else is sent as
  // typed, so remise says what is wrong (digits past 2^53 were rounded by Number(), and the error quoted a
  // value never typed: a helper's attack on the playground, twenty-sixth pass).
  return (field.type === 'int' || field.type === 'minor') && /^-?\d+$/.test(text) ? exactNumber(text) : text;
}

// ---------------------------------------------------------------- state

// values: what was typed, kept per operation (its fields) and per gateway (its credentials, shared by
// all its operations). sends: a counter tagging each send (a send's result is shown only while it is
// still the latest one: picking another gateway or operation abandons it); pending: the send in flight.
const state = { gateway: null, op: null, values: new Map(), sends: 0, pending: null, answer: null };
const key = (op) => `${op.gateway}:${op.id}`;
const credsKey = (gatewayId) => `${gatewayId}:credentials`;
const gatewayOf = (id) => gateways.find((g) => g.id === id);
const opsOf = (id) => operations.filter((o) => o.gateway === id);
const currentOp = () => operations.find((o) => o.gateway === state.gateway && o.id === state.op);

// ---------------------------------------------------------------- pickers

function radio(name, value, label, sub, checked, onPick) {
  const input = el('input', { type: 'radio', name, value, checked });
  input.addEventListener('change', () => input.checked && onPick(value));
  return el('label', { className: 'choice' }, input, el('span', { className: 'choice-text' }, el('strong', {}, label), sub ? el('small', {}, sub) : null));
}

function renderGateways() {
  $('gateways').replaceChildren(
    ...gateways.map((g) => {
      const choice = radio('gateway', g.id, g.label, inBuild[g.id] ? g.sub : `${g.sub} · not in this build`, g.id === state.gateway, pickGateway);
      choice.dataset.available = String(inBuild[g.id]);
      return choice;
    }),
  );
}

function renderOperations() {
  $('operations').replaceChildren(
    ...opsOf(state.gateway).map((o) => radio('operation', o.id, o.label, o.label === o.id ? null : o.id, o.id === state.op, pickOperation)),
  );
}

function pickGateway(id) {
  state.gateway = id;
  state.op = opsOf(id)[0].id;
  renderOperations();
  renderForm();
}

function pickOperation(id) {
  state.op = id;
  renderForm();
}

// ---------------------------------------------------------------- the generated form

const CURRENCIES = money.currencies('iso').map((c) => c.code);

function control(field, id, value) {
  if (field.type === 'select') {
    return el('select', { id }, ...field.options.map((o) => el('option', { value: o, selected: o === value }, o === '' ? '(not sent)' : o)));
  }
  if (field.type === 'bool') return el('input', { id, type: 'checkbox', checked: Boolean(value) });
  const input = el('input', { id, value: value ?? '', spellcheck: false });
  if (field.type === 'int' || field.type === 'minor') input.inputMode = 'numeric';
  if (field.type === 'currency') input.setAttribute('list', 'currency-codes');
  return input;
}

function fieldRow(field, scope, saved) {
  const id = `f-${scope}-${field.path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const value = saved.has(`${scope}:${field.path}`) ? saved.get(`${scope}:${field.path}`) : field.value;
  const input = control(field, id, value);
  input.dataset.scope = scope;
  input.dataset.path = field.path;
  input.setAttribute('aria-describedby', `${id}-hint ${id}-issue`);
  const row = el(
    'div',
    { className: 'field' },
    el('label', { htmlFor: id }, field.label, ' ', el('code', {}, field.path)),
    input,
    el('div', { className: 'hint', id: `${id}-hint` }, field.hint ?? ''),
    el('div', { className: 'issue', id: `${id}-issue`, role: 'status' }),
  );
  row.dataset.scope = scope;
  row.dataset.path = field.path;
  return row;
}

function renderForm() {
  const g = gatewayOf(state.gateway);
  const op = currentOp();
  const saved = state.values.get(key(op)) ?? new Map();
  const savedCreds = state.values.get(credsKey(g.id)) ?? new Map();
  // A send still in flight belongs to the form left: its result is dropped.
  state.sends += 1;
  state.pending = null;
  $('op-doc').textContent = op.doc;
  $('creds-box').hidden = g.credentials.length === 0;
  $('creds').replaceChildren(...g.credentials.map((f) => fieldRow(f, 'creds', savedCreds)));
  $('fields').replaceChildren(...op.fields.map((f) => fieldRow(f, 'input', saved)));
  $('answer').replaceChildren(...states[state.gateway].map((a, i) => el('option', { value: String(i) }, a.label)));
  $('download').hidden = state.gateway !== 'sogenactif-batch';
  $('copy-curl').hidden = state.gateway === 'sogenactif-batch';
  $('pretty').parentElement.hidden = state.gateway === 'sogenactif-batch';
  showRequest('');
  showCopyStatus('');
  for (const button of [$('copy'), $('copy-curl')]) {
    clearTimeout(button.copiedTimer);
    if (button.dataset.label) button.textContent = button.dataset.label;
  }
  const off = !inBuild[state.gateway];
  $('unsupported').hidden = !off;
  $('unsupported').textContent = off
    ? `${g.label} is not in this build of remise yet: remise.${g.namespace} throws UNSUPPORTED. The form below is ready for it; the converter works with every gateway's currency table.`
    : '';
  showDecoded(null);
  update();
}

/** Reads the form: the operation's input object and the credentials. */
function readForm() {
  const op = currentOp();
  const g = gatewayOf(state.gateway);
  const input = {};
  const creds = {};
  const saved = new Map();
  const savedCreds = new Map();
  for (const node of document.querySelectorAll('#form [data-path]:is(input, select)')) {
    const scope = node.dataset.scope;
    const fields = scope === 'creds' ? g.credentials : op.fields;
    const field = fields.find((f) => f.path === node.dataset.path);
    (scope === 'creds' ? savedCreds : saved).set(`${scope}:${field.path}`, field.type === 'bool' ? node.checked : node.value);
    const value = fieldValue(field, node);
    if (value !== undefined) setPath(scope === 'creds' ? creds : input, field.path, value);
  }
  state.values.set(key(op), saved);
  if (g.credentials.length) state.values.set(credsKey(g.id), savedCreds);
  return { input, creds };
}

// ---------------------------------------------------------------- live validation and preview

function rowFor(path) {
  const candidates = [path, path.replace(/^(options|credentials)\./, '')];
  for (const p of candidates) {
    const row = document.querySelector(`#form .field[data-path="${CSS.escape(p)}"]`);
    if (row) return row;
  }
  return null;
}

function clearIssues() {
  for (const row of document.querySelectorAll('#form .field')) {
    row.classList.remove('bad');
    row.querySelector('.issue').textContent = '';
    row.querySelector('input, select').removeAttribute('aria-invalid');
  }
  $('other-issues').replaceChildren();
}

function showIssues(error) {
  const issues = error.issues && error.issues.length ? error.issues : [{ field: error.field, code: error.code, message: error.message }];
  const other = [];
  for (const issue of issues) {
    const row = issue.field ? rowFor(issue.field) : null;
    if (!row) {
      other.push(issue);
      continue;
    }
    row.classList.add('bad');
    row.querySelector('input, select').setAttribute('aria-invalid', 'true');
    // An issue inside the (closed by default) Credentials box would be hidden: the box is opened.
    if (row.closest('#creds-box')) $('creds-box').open = true;
    const box = row.querySelector('.issue');
    box.append(el('span', {}, el('b', {}, issue.code), ' ', issue.message));
  }
  $('other-issues').replaceChildren(
    ...other.map((i) => el('li', {}, el('b', {}, i.code), ' ', i.field ? el('code', {}, i.field) : null, ' ', i.message)),
  );
  return issues.length;
}

function updateMinorHints() {
  const op = currentOp();
  // The gateway's currency table, as the converter uses it (Systempay: CNY 1 fraction digit, KHR 0).
  const table = gatewayOf(state.gateway).table;
  for (const field of op.fields.filter((f) => f.type === 'minor')) {
    const row = rowFor(field.path);
    const amount = row.querySelector('input').value.trim();
    const currencyInput = field.currency ? rowFor(field.currency)?.querySelector('input, select') : null;
    const currency = currencyInput ? currencyInput.value.trim() : '';
    let hint = field.hint ?? '';
    if (/^\d+$/.test(amount) && currency) {
      try {
        // (The currency as the form sends it, as typed: '0978' was read as 978 here and refused there.)
        hint = `= ${money.fromMinor(exactNumber(amount), currency, table)} ${currency}`;
      } catch {}
    }
    row.querySelector('.hint').textContent = hint;
  }
}

function setBadge(node, text, kind) {
  node.textContent = text;
  node.className = `badge ${kind ?? ''}`;
}

/** Validates the form as it is and shows the request, or the issues next to their fields. */
function update() {
  updateMinorHints();
  clearIssues();
  const { input, creds } = readForm();
  const op = currentOp();
  state.preview = null;
  if (!inBuild[state.gateway]) {
    setBadge($('validity'), 'not in this build', 'off');
    showRequest(`remise.${gatewayOf(state.gateway).namespace} is not in this build (UNSUPPORTED).\nThe input that would be validated:\n\n${JSON.stringify(input, null, 2)}`);
    setButtons();
    return;
  }
  try {
    state.preview = adapters[state.gateway].preview(remise, op, input, creds);
    state.input = input;
    state.creds = creds;
    setBadge($('validity'), 'valid', 'ok');
    showRequest(formatPreview(state.preview, $('pretty').checked));
    $('request').classList.remove('stale');
    $('stale-note').hidden = true;
  } catch (e) {
    if (!isRemiseError(e)) throw e;
    const n = showIssues(e);
    setBadge($('validity'), n === 1 ? '1 problem' : `${n} problems`, 'bad');
    $('request').classList.add('stale');
    $('stale-note').hidden = false;
    $('stale-note').textContent = `Not valid yet: fix the ${n === 1 ? 'problem' : `${n} problems`} to see the request. Below: the last valid one.`;
    if (!$('request').textContent) showRequest(e.message);
  }
  setButtons();
}

/**
 * Copy, Copy as curl and Download .zip take the request shown only while it is the form's (not the last
 * valid one); Send also waits for the send in flight to settle.
 */
function setButtons() {
  const ready = Boolean(state.preview);
  $('send').disabled = !ready || state.pending !== null;
  for (const id of ['copy', 'copy-curl', 'download']) $(id).disabled = !ready;
}

// Bidi controls (U+202A–U+202E, U+2066–U+2069, U+061C) and zero-width characters (U+200B–U+200F, U+2060,
// U+FEFF): invisible, or reordering what is around them, so the request on screen could read otherwise
// than the bytes sent. The request pane shows each as a marker; Copy copies the bytes as they are.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Writes the request pane: text, with every invisible character as a visible ⟨U+XXXX⟩ marker. */
function showRequest(text) {
  const parts = [];
  let last = 0;
  let count = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const code = `U+${m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    parts.push(el('span', { className: 'invisible', title: `${code}: an invisible character, sent as it is` }, `⟨${code}⟩`));
    last = m.index + m[0].length;
    count += 1;
  }
  if (last < text.length) parts.push(text.slice(last));
  $('request').replaceChildren(...parts);
  $('invisible-note').hidden = count === 0;
  $('invisible-note').textContent = count
    ? `The request holds ${count === 1 ? 'an invisible character' : `${count} invisible characters`} (bidi control or zero-width), shown as ⟨U+…⟩; Copy copies ${count === 1 ? 'it' : 'them'} as sent.`
    : '';
}

/** Indents a JSON or XML body for reading (display only: what is sent and copied is the exact body). */
function indent(body) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {}
  if (!body.startsWith('<')) return body;
  let depth = 0;
  return body
    .replace(/>\s*</g, '>\n<')
    .split('\n')
    .map((line) => {
      if (/^<\//.test(line)) depth = Math.max(depth - 1, 0);
      const out = '  '.repeat(depth) + line;
      if (/^<[^!?/][^>]*[^/]>$/.test(line) || /^<[^!?/]>$/.test(line)) depth += 1;
      return out;
    })
    .join('\n');
}

function formatPreview(preview, pretty = false) {
  if (preview.kind === 'file') return preview.text;
  const r = preview.request;
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `${r.method} ${r.url}\n${headers}\n\n${pretty ? indent(r.body) : r.body}`;
}

function curl(preview) {
  if (preview.kind === 'file') return preview.text;
  const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const r = preview.request;
  return [`curl -X ${r.method} ${q(r.url)}`, ...Object.entries(r.headers).map(([k, v]) => `  -H ${q(`${k}: ${v}`)}`), `  --data-binary ${q(r.body)}`].join(' \\\n');
}

// ---------------------------------------------------------------- sending to the simulator

/**
 * Writes the answer pane: the decoded answer, the RemiseError, or (value null, no error) the empty
 * state. `badge`: [text, kind] instead of the default one. `signature`: the form the answer is to
 * (formSignature() when it was sent); while the form differs, the answer is shown as stale.
 */
function showDecoded(value, error, badge, signature) {
  const box = $('decoded');
  $('exchange').replaceChildren();
  state.answer = null;
  if (value === null && !error) {
    box.replaceChildren(el('span', { className: 'muted' }, 'Send the request to see what the simulator answers and what remise decodes from it.'));
    setAnswerBadge('', '');
    return;
  }
  state.answer = { signature };
  if (error) {
    const props = ['code', 'message', 'gateway', 'field', 'gatewayCode', 'gatewayMessage', 'httpStatus', 'retryable', 'outcome'];
    const shown = Object.fromEntries(props.filter((p) => error[p] !== undefined).map((p) => [p, error[p]]));
    if (error.response !== undefined) shown.response = error.response;
    box.textContent = `RemiseError ${JSON.stringify(shown, null, 2)}`;
    setAnswerBadge(...(badge ?? [error.gatewayCode ? `${error.code} ${error.gatewayCode}` : error.code, 'bad']));
    return;
  }
  box.textContent = JSON.stringify(value, null, 2);
  setAnswerBadge(...(badge ?? ['decoded', 'ok']));
}

/** The answer's badge; kept so that the answer, stale after an edit, is shown current again with the values sent. */
function setAnswerBadge(text, kind) {
  state.answerBadge = [text, kind];
  setBadge($('answer-badge'), text, kind);
  showAnswerStale(false);
}

function showAnswerStale(stale) {
  $('decoded').classList.toggle('stale', stale);
  $('exchange').classList.toggle('stale', stale);
  $('answer-stale-note').hidden = !stale;
  $('answer-stale-note').textContent = stale ? 'The form changed since this answer: send again for the answer to the request shown. Below: the answer to the earlier form.' : '';
  if (stale) setBadge($('answer-badge'), `${state.answerBadge[0]} · stale`, 'stale');
}

/** The form's values (fields, credentials and the simulator state), to tell which form an answer is to. */
const formSignature = () =>
  JSON.stringify([state.gateway, state.op, ...[...document.querySelectorAll('#form :is(input, select)')].map((n) => (n.type === 'checkbox' ? n.checked : n.value))]);

/** After an edit: the answer shown is marked stale while the form is not the one it answers. */
function checkAnswerStale() {
  if (!state.answer) return;
  const stale = formSignature() !== state.answer.signature;
  if (stale) showAnswerStale(true);
  else setAnswerBadge(...state.answerBadge);
}

function logExchange(items) {
  $('exchange').replaceChildren(...items.map(([who, what]) => el('li', {}, el('b', {}, who), ' ', what)));
}

async function send() {
  if (state.pending !== null) return;
  update();
  if (!state.preview) return;
  // This send's tag: its result is shown only while no other form was picked since (and a send never
  // starts while another is in flight: Send stays disabled until it settles).
  const id = ++state.sends;
  const current = () => id === state.sends;
  const signature = formSignature();
  const op = currentOp();
  const { preview, input, creds } = state;
  const choice = states[state.gateway][Number($('answer').value) || 0];
  const adapter = adapters[state.gateway];
  // A fresh simulator for each send, accepting the form's credentials, with the named transaction
  // in the chosen state.
  let sim;
  try {
    sim = createSimulator(simulatorOptions(state.gateway, input, creds));
    choice.seed(sim, input);
  } catch (e) {
    // The simulator refused to hold the form's transaction (its own limits, not remise's rules): said
    // in the answer pane, whose previous answer is cleared rather than left as if it answered this one.
    showDecoded(null);
    $('decoded').replaceChildren(el('span', { className: 'err' }, `Not sent: the simulator cannot hold this transaction (${e && e.message ? e.message : String(e)}).`));
    setAnswerBadge('not sent', 'bad');
    state.answer = { signature };
    return;
  }
  state.pending = id;
  setButtons();
  try {
    if (!adapter.send) {
      // Office Batch: no HTTP. The simulator plays Sogenactif and returns the response file.
      const file = sim.sogenactif.processBatch(preview.text);
      const parsed = remise.sogenactif.batch.parseResponse(file);
      // A file whose lines were rejected is not shown as fully accepted.
      const rejected = parsed.records.filter((r) => !r.accepted).length;
      showDecoded(parsed, null, rejected ? [`decoded · ${rejected} line${rejected === 1 ? '' : 's'} rejected`, 'warn'] : null, signature);
      logExchange([
        ['you →', `request file, ${preview.text.split('\n').filter(Boolean).length} lines (uploaded as an OFBREQ zip)`],
        ['simulator →', `response file: ${file.split('\n').filter(Boolean).length} lines, ${sim.requests.at(-1).result}`],
        ['remise →', 'sogenactif.batch.parseResponse(file)'],
      ]);
      $('decoded').prepend(el('span', { className: 'file' }, file), el('span', { className: 'sep' }, '\n// decoded by remise:\n'));
      checkAnswerStale();
      return;
    }
    const exchange = [];
    const fetch = async (request, init) => {
      const url = request instanceof Request ? request.url : String(request);
      const response = await sim.fetch(request, init);
      const seen = sim.requests.at(-1);
      exchange.push(['client →', `${seen.method} ${url}`]);
      exchange.push(['simulator →', `HTTP ${seen.status}: ${seen.result} (${choice.label.toLowerCase()})`]);
      return response;
    };
    let answer = null;
    let error = null;
    try {
      answer = await adapter.send(remise, op, input, creds, fetch);
    } catch (e) {
      if (!isRemiseError(e)) throw e;
      error = e;
    }
    // Another gateway or operation was picked meanwhile: this answer is not the form's.
    if (!current()) return;
    showDecoded(answer, error, null, signature);
    logExchange(exchange);
    // Edited while the send was in flight: the answer is to the form as it was sent.
    checkAnswerStale();
  } finally {
    if (state.pending === id) {
      state.pending = null;
      setButtons();
    }
  }
}

// ---------------------------------------------------------------- currency converter

function renderCurrencies() {
  const table = $('conv-table').value;
  const previous = $('conv-currency').value || 'EUR';
  const rows = money.currencies(table);
  $('conv-currency').replaceChildren(
    ...rows.map((c) => el('option', { value: c.code, selected: c.code === previous }, `${c.code} · ${c.name}`)),
  );
  if (!rows.some((c) => c.code === previous)) $('conv-currency').value = rows[0].code;
}

function convert(from) {
  const table = $('conv-table').value;
  const code = $('conv-currency').value;
  const c = money.currency(code, table);
  const iso = (() => {
    try {
      return money.currency(code, 'iso');
    } catch {
      return null;
    }
  })();
  const info = [`${c.code} ${c.numeric} · ${c.digits} fraction digit${c.digits === 1 ? '' : 's'} in the ${table} table`];
  if (iso && iso.digits !== c.digits) info.push(`(ISO 4217 says ${iso.digits}: remise follows the gateway)`);
  const decimal = $('conv-decimal');
  const minor = $('conv-minor');
  let problem = null;
  try {
    if (from === 'minor') {
      // Minor units are digits: anything else ('0x10', '1e3', '1.5') goes to remise as the string it
      // is, which it refuses, instead of through Number(), which read hex and exponents.
      const text = minor.value.trim();
      decimal.value = money.fromMinor(/^\d+$/.test(text) ? exactNumber(text) : text, code, table);
    } else {
      minor.value = String(money.toMinor(decimal.value.trim(), code, table));
    }
  } catch (e) {
    if (!isRemiseError(e)) throw e;
    problem = e;
    // The other field no longer matches this one: emptied rather than left with the last value.
    (from === 'minor' ? decimal : minor).value = '';
  }
  decimal.toggleAttribute('aria-invalid', Boolean(problem && from !== 'minor'));
  minor.toggleAttribute('aria-invalid', Boolean(problem && from === 'minor'));
  $('conv-info').replaceChildren(
    problem ? el('span', { className: 'err' }, el('b', {}, problem.code), ' ', problem.message) : el('span', {}, info.join(' ')),
  );
}

// ---------------------------------------------------------------- wiring

function showCopyStatus(message) {
  $('copy-status').hidden = !message;
  $('copy-status').textContent = message;
}

function copy(text, button) {
  const done = () => {
    showCopyStatus('');
    const old = button.dataset.label ?? button.textContent;
    button.dataset.label = old;
    button.textContent = 'Copied';
    clearTimeout(button.copiedTimer);
    button.copiedTimer = setTimeout(() => (button.textContent = old), 1200);
  };
  // Without navigator.clipboard (a page on plain http other than localhost) or when the browser refuses
  // (permission, no focus), the failure is said rather than silent.
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== 'function') {
    showCopyStatus('Not copied: this page has no clipboard access (browsers give it on https:// and localhost only).');
    return;
  }
  let writing;
  try {
    writing = Promise.resolve(navigator.clipboard.writeText(text));
  } catch (e) {
    writing = Promise.reject(e);
  }
  writing.then(done, (e) => showCopyStatus(`Not copied: the browser refused clipboard access (${(e && (e.name || e.message)) || String(e)}).`));
}

function init() {
  renderBuild();
  fetch(new URL('./remise/package.json', import.meta.url))
    .then((r) => r.json())
    .then((p) => ($('version').textContent = p.version))
    .catch(() => {});
  document.body.append(el('datalist', { id: 'currency-codes' }, ...CURRENCIES.map((c) => el('option', { value: c }))));
  const first = gateways.find((g) => inBuild[g.id]) ?? gateways[0];
  state.gateway = first.id;
  state.op = opsOf(first.id)[0].id;
  renderGateways();
  renderOperations();
  renderForm();

  const edited = () => {
    update();
    checkAnswerStale();
  };
  $('form').addEventListener('input', edited);
  $('form').addEventListener('change', edited);
  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !$('send').disabled) {
      e.preventDefault();
      send();
    }
  });
  $('pretty').addEventListener('change', update);
  $('copy').addEventListener('click', (e) => state.preview && copy(formatPreview(state.preview), e.currentTarget));
  $('copy-curl').addEventListener('click', (e) => state.preview && copy(curl(state.preview), e.currentTarget));
  $('download').addEventListener('click', () => {
    if (!state.preview || state.preview.kind !== 'file') return;
    const zip = remise.sogenactif.batch.archive(state.preview.text);
    const a = el('a', { href: URL.createObjectURL(new Blob([zip], { type: 'application/zip' })), download: 'OFBREQ.zip' });
    a.click();
    URL.revokeObjectURL(a.href);
  });

  $('conv-table').addEventListener('change', () => {
    renderCurrencies();
    convert('decimal');
  });
  $('conv-currency').addEventListener('change', () => convert('decimal'));
  $('conv-decimal').addEventListener('input', () => convert('decimal'));
  $('conv-minor').addEventListener('input', () => convert('minor'));
  renderCurrencies();
  convert('decimal');
  document.body.dataset.ready = 'true';
}

try {
  init();
} catch (e) {
  document.body.dataset.ready = 'error';
  document.body.prepend(el('p', { className: 'notice' }, `The playground failed to start: ${e && e.message}`));
  throw e;
}
