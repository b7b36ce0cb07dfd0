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
function fieldValue(field, input) {
  if (field.type === 'bool') return input.checked;
  const text = input.value.trim();
  if (text === '') return undefined;
  // Numbers go as numbers when they are whole; anything else is sent as typed, so remise says what is wrong.
  if ((field.type === 'int' || field.type === 'minor') && /^-?\d+$/.test(text)) return Number(text);
  return text;
}

// ---------------------------------------------------------------- state

const state = { gateway: null, op: null, values: new Map(), result: null };
const key = (op) => `${op.gateway}:${op.id}`;
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
  $('op-doc').textContent = op.doc;
  $('creds-box').hidden = g.credentials.length === 0;
  $('creds').replaceChildren(...g.credentials.map((f) => fieldRow(f, 'creds', saved)));
  $('fields').replaceChildren(...op.fields.map((f) => fieldRow(f, 'input', saved)));
  $('answer').replaceChildren(...states[state.gateway].map((a, i) => el('option', { value: String(i) }, a.label)));
  $('download').hidden = state.gateway !== 'sogenactif-batch';
  $('copy-curl').hidden = state.gateway === 'sogenactif-batch';
  $('pretty').parentElement.hidden = state.gateway === 'sogenactif-batch';
  $('request').textContent = '';
  const off = !inBuild[state.gateway];
  $('unsupported').hidden = !off;
  $('unsupported').textContent = off
    ? `${g.label} is not in this build of remise yet: remise.${g.namespace} throws UNSUPPORTED. The form below is ready for it; the converter works with every gateway's currency table.`
    : '';
  $('send').disabled = off;
  state.result = null;
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
  for (const node of document.querySelectorAll('#form [data-path]:is(input, select)')) {
    const scope = node.dataset.scope;
    const fields = scope === 'creds' ? g.credentials : op.fields;
    const field = fields.find((f) => f.path === node.dataset.path);
    saved.set(`${scope}:${field.path}`, field.type === 'bool' ? node.checked : node.value);
    const value = fieldValue(field, node);
    if (value !== undefined) setPath(scope === 'creds' ? creds : input, field.path, value);
  }
  state.values.set(key(op), saved);
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
  for (const field of op.fields.filter((f) => f.type === 'minor')) {
    const row = rowFor(field.path);
    const amount = row.querySelector('input').value.trim();
    const currencyInput = field.currency ? rowFor(field.currency)?.querySelector('input, select') : null;
    const currency = currencyInput ? currencyInput.value.trim() : '';
    let hint = field.hint ?? '';
    if (/^\d+$/.test(amount) && currency) {
      try {
        hint = `= ${money.fromMinor(Number(amount), /^\d+$/.test(currency) ? Number(currency) : currency)} ${currency}`;
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
    $('request').textContent = `remise.${gatewayOf(state.gateway).namespace} is not in this build (UNSUPPORTED).\nThe input that would be validated:\n\n${JSON.stringify(input, null, 2)}`;
    return;
  }
  try {
    state.preview = adapters[state.gateway].preview(remise, op, input, creds);
    state.input = input;
    state.creds = creds;
    setBadge($('validity'), 'valid', 'ok');
    $('request').textContent = formatPreview(state.preview, $('pretty').checked);
    $('request').classList.remove('stale');
    $('stale-note').hidden = true;
  } catch (e) {
    if (!isRemiseError(e)) throw e;
    const n = showIssues(e);
    setBadge($('validity'), n === 1 ? '1 problem' : `${n} problems`, 'bad');
    $('request').classList.add('stale');
    $('stale-note').hidden = false;
    $('stale-note').textContent = `Not valid yet: fix the ${n === 1 ? 'problem' : `${n} problems`} to see the request. Below: the last valid one.`;
    if (!$('request').textContent) $('request').textContent = e.message;
  }
  // Copy and Copy as curl copy the request shown only while it is the form's (not the last valid one).
  $('send').disabled = !state.preview;
  $('copy').disabled = !state.preview;
  $('copy-curl').disabled = !state.preview;
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

function showDecoded(value, error) {
  const box = $('decoded');
  $('exchange').replaceChildren();
  if (value === null && !error) {
    box.replaceChildren(el('span', { className: 'muted' }, 'Send the request to see what the simulator answers and what remise decodes from it.'));
    setBadge($('answer-badge'), '', '');
    return;
  }
  if (error) {
    const props = ['code', 'message', 'gateway', 'field', 'gatewayCode', 'gatewayMessage', 'httpStatus', 'retryable', 'outcome'];
    const shown = Object.fromEntries(props.filter((p) => error[p] !== undefined).map((p) => [p, error[p]]));
    if (error.response !== undefined) shown.response = error.response;
    box.textContent = `RemiseError ${JSON.stringify(shown, null, 2)}`;
    setBadge($('answer-badge'), error.gatewayCode ? `${error.code} ${error.gatewayCode}` : error.code, 'bad');
    return;
  }
  box.textContent = JSON.stringify(value, null, 2);
  setBadge($('answer-badge'), 'decoded', 'ok');
}

function logExchange(items) {
  $('exchange').replaceChildren(...items.map(([who, what]) => el('li', {}, el('b', {}, who), ' ', what)));
}

async function send() {
  update();
  if (!state.preview) return;
  const op = currentOp();
  const choice = states[state.gateway][Number($('answer').value) || 0];
  const adapter = adapters[state.gateway];
  // A fresh simulator for each send, accepting the form's credentials, with the named transaction
  // in the chosen state.
  let sim;
  try {
    sim = createSimulator(simulatorOptions(state.gateway, state.input, state.creds));
    choice.seed(sim, state.input);
  } catch (e) {
    // The simulator refused to hold the form's transaction (its own limits, not remise's rules): said
    // in the answer pane, whose previous answer is cleared rather than left as if it answered this one.
    showDecoded(null);
    $('decoded').replaceChildren(el('span', { className: 'err' }, `Not sent: the simulator cannot hold this transaction (${e && e.message ? e.message : String(e)}).`));
    setBadge($('answer-badge'), 'not sent', 'bad');
    return;
  }
  $('send').disabled = true;
  try {
    if (!adapter.send) {
      // Office Batch: no HTTP. The simulator plays Sogenactif and returns the response file.
      const file = sim.sogenactif.processBatch(state.preview.text);
      const parsed = remise.sogenactif.batch.parseResponse(file);
      showDecoded(parsed);
      logExchange([
        ['you →', `request file, ${state.preview.text.split('\n').filter(Boolean).length} lines (uploaded as an OFBREQ zip)`],
        ['simulator →', `response file: ${file.split('\n').filter(Boolean).length} lines, ${sim.requests.at(-1).result}`],
        ['remise →', 'sogenactif.batch.parseResponse(file)'],
      ]);
      $('decoded').prepend(el('span', { className: 'file' }, file), el('span', { className: 'sep' }, '\n// decoded by remise:\n'));
      return;
    }
    const exchange = [];
    const fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const response = await sim.fetch(input, init);
      const seen = sim.requests.at(-1);
      exchange.push(['client →', `${seen.method} ${url}`]);
      exchange.push(['simulator →', `HTTP ${seen.status}: ${seen.result} (${choice.label.toLowerCase()})`]);
      return response;
    };
    try {
      const answer = await adapter.send(remise, op, state.input, state.creds, fetch);
      showDecoded(answer);
    } catch (e) {
      if (!isRemiseError(e)) throw e;
      showDecoded(null, e);
    }
    logExchange(exchange);
  } finally {
    $('send').disabled = !state.preview;
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
      decimal.value = money.fromMinor(/^\d+$/.test(text) ? Number(text) : text, code, table);
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

function copy(text, button) {
  navigator.clipboard?.writeText(text).then(
    () => {
      const old = button.textContent;
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = old), 1200);
    },
    () => {},
  );
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

  $('form').addEventListener('input', update);
  $('form').addEventListener('change', update);
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
