// A small namespace-aware XML reader for the SOAP requests the Payline simulator receives. Hand-written
// (about 100 lines) rather than a dependency so the simulator stays one small dependency-free file that
// runs in every runtime; it reads elements, attributes, text, entities and CDATA, resolves prefixes to
// namespace URIs, and refuses DOCTYPE (no entity expansion) and anything malformed.

const ENTITIES = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function unescape(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!(n > 0 && n <= 0x10ffff)) throw new Error(`bad character reference ${m.slice(0, 16)}`);
      return String.fromCodePoint(n);
    }
    if (!(e in ENTITIES)) throw new Error(`unknown entity ${m}`);
    return ENTITIES[e];
  });
}

// Sticky (`y`): matched at `lastIndex` in the document itself. Matching a slice of the rest of the
// document per tag copied it each time, which made a request of many elements quadratic.
const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
/** Deepest nesting read (SOAP requests are a few levels deep); deeper is refused, not recursed into. */
const MAX_DEPTH = 64;

/** Parses `xml` into `{ ns, local, name, attrs, children, text }` (the root element). Throws on bad XML. */
export function parseXml(xml) {
  let i = 0;
  const stack = [];
  let root = null;
  // Prefix → URI, without Object.prototype (a prefix named `toString` is undeclared, not a function).
  const scopes = [Object.assign(Object.create(null), { xml: 'http://www.w3.org/XML/1998/namespace' })];
  const resolve = (prefix, scope) => (prefix === null ? scope[''] ?? '' : scope[prefix]);
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim() !== '') {
      if (!stack.length) throw new Error('text outside the root element');
      stack.at(-1).text += unescape(text);
    } else if (stack.length) stack.at(-1).text += text;
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw new Error('unterminated processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0 || !stack.length) throw new Error('bad CDATA section');
      stack.at(-1).text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new Error('DOCTYPE is not allowed');
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      // (Without this check the parse restarted at offset 0 and never ended.)
      if (end < 0) throw new Error('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim();
      const el = stack.pop();
      scopes.pop();
      if (!el || el.name !== name) throw new Error(`unexpected </${name}>`);
      i = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const m = NAME.exec(xml);
      if (!m) throw new Error('bad element name');
      const name = m[0];
      let j = lt + 1 + name.length;
      const rawAttrs = [];
      for (;;) {
        while (/\s/.test(xml[j] ?? '')) j++;
        if (xml[j] === '>' || xml.startsWith('/>', j)) break;
        ATTRIBUTE.lastIndex = j;
        const a = ATTRIBUTE.exec(xml);
        if (!a) throw new Error(`bad attribute in <${name}>`);
        rawAttrs.push([a[1], unescape(a[3] ?? a[4])]);
        j += a[0].length;
      }
      const selfClosing = xml[j] === '/';
      i = j + (selfClosing ? 2 : 1);
      const scope = Object.create(scopes.at(-1));
      const attrs = {};
      for (const [k, v] of rawAttrs) {
        if (k === 'xmlns') scope[''] = v;
        else if (k.startsWith('xmlns:')) scope[k.slice(6)] = v;
      }
      for (const [k, v] of rawAttrs) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
        const c = k.indexOf(':');
        attrs[c < 0 ? k : `{${scope[k.slice(0, c)]}}${k.slice(c + 1)}`] = v;
      }
      const c = name.indexOf(':');
      const prefix = c < 0 ? null : name.slice(0, c);
      const ns = resolve(prefix, scope);
      if (ns === undefined) throw new Error(`undeclared prefix ${prefix}`);
      const el = { name, ns, local: c < 0 ? name : name.slice(c + 1), attrs, children: [], text: '' };
      if (stack.length) stack.at(-1).children.push(el);
      else if (root) throw new Error('two root elements');
      else root = el;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new Error(`elements nested deeper than ${MAX_DEPTH}`);
        stack.push(el);
        scopes.push(scope);
      }
    }
  }
  if (stack.length || !root) throw new Error('unterminated document');
  return root;
}

/** Escapes text for an XML element. */
export const escapeXml = (s) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);
