// A strict, small XML reader for the SVG the map renders: no library for XML is among the project's dependencies,
// and the test needs only what the SVG uses (elements, quoted attributes, text, comments, the five entities).

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  return text.replace(/&([^;\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & at ${at}`);
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    const num = /^#(x[0-9a-f]+|[0-9]+)$/i.exec(name);
    if (num) return String.fromCodePoint(num[1][0] === 'x' ? parseInt(num[1].slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity &${name}; at ${at}`);
  });
}

/** Parses one XML document; throws on anything not well-formed (unclosed or crossed tags, unquoted attributes, stray < or &). */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const NAME = /[A-Za-z_:][\w:.-]*/y;
  const readName = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) throw new Error(`name expected at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unclosed comment');
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) throw new Error('unclosed declaration');
      i = end + 2;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (xml[i++] !== '>') throw new Error(`> expected at ${i - 1}`);
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}> at ${i}`);
    } else if (xml[i] === '<') {
      i++;
      const el: XmlElement = { name: readName(), attributes: {}, children: [] };
      for (;;) {
        skipSpace();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const attr = readName();
        if (attr in el.attributes) throw new Error(`duplicate attribute ${attr} at ${i}`);
        skipSpace();
        if (xml[i++] !== '=') throw new Error(`= expected after ${attr} at ${i - 1}`);
        skipSpace();
        const q = xml[i++];
        if (q !== '"' && q !== "'") throw new Error(`quoted value expected for ${attr} at ${i - 1}`);
        const end = xml.indexOf(q, i);
        const raw = xml.slice(i, end);
        if (end < 0 || raw.includes('<')) throw new Error(`bad value of ${attr} at ${i}`);
        el.attributes[attr] = decode(raw, i);
        i = end + 1;
      }
      const selfClosing = xml.startsWith('/>', i);
      i += selfClosing ? 2 : 1;
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) throw new Error(`second root element <${el.name}>`);
      else root = el;
      if (!selfClosing) stack.push(el);
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (raw.includes('>')) throw new Error(`stray > at ${i}`);
      const text = decode(raw, i);
      if (stack.length) stack[stack.length - 1].children.push(text);
      else if (text.trim()) throw new Error(`text outside the root element at ${i}`);
      i += raw.length;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element below (and including) `el`, depth first. */
export function elements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap((c) => (typeof c === 'string' ? [] : elements(c)))];
}

/** The text content of an element. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
