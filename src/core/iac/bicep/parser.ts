import { treeSitterParser } from '../tree-sitter';
import type { Node } from 'web-tree-sitter';
import type { BExpr, BicepFile, BProp, BResource, BStatement, Loc } from './ast';

export type BicepParse = (path: string, text: string) => BicepFile;

/** The WebAssembly modules the parser needs, as bytes: the tree-sitter runtime and the Bicep grammar. */
export interface BicepWasm {
  runtime: Uint8Array;
  grammar: Uint8Array;
}

let ready: Promise<BicepParse> | null = null;

/**
 * Starts tree-sitter with the Bicep grammar once per process and returns a synchronous parse function. Callers hand
 * over the bytes, so this module reads no files and runs the same in the extension, the CLI and tests.
 */
export function loadBicepParser(wasm: BicepWasm): Promise<BicepParse> {
  ready ??= (async () => {
    const parser = await treeSitterParser(wasm);
    return (path: string, text: string): BicepFile => {
      // A .bicepparam's `param x = v` is the grammar's `var x = v` (same offsets: "param" is "var" and two spaces).
      const source = /\.bicepparam$/i.test(path) ? text.replace(/^([ \t]*)param(?=[ \t])/gm, '$1var  ') : text;
      const tree = parser.parse(source);
      if (!tree) return { path, statements: [], errors: [{ start: 0, end: 0 }] };
      try {
        const file = readFile(path, tree.rootNode);
        if (source !== text) for (const s of file.statements) if (s.k === 'var') Object.assign(s, { k: 'param' });
        return file;
      } finally {
        tree.delete();
      }
    };
  })();
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

const loc = (n: Node): Loc => ({ start: n.startIndex, end: n.endIndex });

function errorsIn(n: Node, out: Loc[]): void {
  if (out.length >= 20 || (!n.hasError && !n.isMissing)) return;
  if (n.isError || n.isMissing) {
    out.push({ start: n.startIndex, end: Math.max(n.endIndex, n.startIndex + 1) });
    return;
  }
  for (const c of n.children) if (c) errorsIn(c, out);
}

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

function readFile(path: string, root: Node): BicepFile {
  const statements: BStatement[] = [];
  const errors: Loc[] = [];
  errorsIn(root, errors);
  for (const c of named(root)) {
    if (c.hasError) continue;
    const s = readStatement(c);
    if (s) statements.push(s);
  }
  return { path, statements, errors };
}

function readStatement(n: Node): BStatement | null {
  const kids = named(n);
  const id = kids.find((k) => k.type === 'identifier');
  switch (n.type) {
    case 'parameter_declaration': {
      if (!id) return null;
      const eq = n.children.findIndex((c) => c?.type === '=');
      const valueNode = eq >= 0 ? n.children.slice(eq + 1).find((c) => c?.isNamed) : undefined;
      return { k: 'param', name: id.text, nameLoc: loc(id), value: valueNode ? readExpr(valueNode) : null, ...loc(n) };
    }
    case 'variable_declaration': {
      const value = kids[kids.length - 1];
      if (!id || value === id) return null;
      return { k: 'var', name: id.text, nameLoc: loc(id), value: readExpr(value), ...loc(n) };
    }
    case 'resource_declaration': {
      const decl = readResource(n);
      return decl ? { k: 'resource', decl, ...loc(n) } : null;
    }
    case 'module_declaration': {
      if (!id) return null;
      const decl = readResource(n);
      return { k: 'module', name: id.text, path: decl?.type ?? '', decl, ...loc(n) };
    }
    case 'output_declaration': {
      const value = kids[kids.length - 1];
      if (!id || !value || value === id) return null;
      return { k: 'output', name: id.text, value: readExpr(value), ...loc(n) };
    }
    case 'using_statement': {
      const s = kids.find((k) => k.type === 'string');
      const e = s ? readExpr(s) : null;
      return e && e.k === 'string' && e.parts.length <= 1 && typeof (e.parts[0] ?? '') === 'string' ? { k: 'using', path: (e.parts[0] as string | undefined) ?? '', ...loc(n) } : null;
    }
    default:
      return null;
  }
}

function readResource(n: Node): BResource | null {
  const kids = named(n);
  const id = kids.find((k) => k.type === 'identifier');
  const type = kids.find((k) => k.type === 'string');
  const body = kids[kids.length - 1];
  if (!id || !type || !body || body === type) return null;
  const t = readExpr(type);
  const typeText = t.k === 'string' && t.parts.every((p) => typeof p === 'string') ? t.parts.join('') : '';
  return {
    name: id.text, type: typeText, typeLoc: loc(type), existing: n.children.some((c) => c?.type === 'existing'),
    body: readExpr(body), header: { start: n.startIndex, end: type.endIndex }, ...loc(n),
  };
}

function unquote(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|.)/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    return ({ n: '\n', r: '\r', t: '\t', $: '$' } as Record<string, string>)[e] ?? e;
  });
}

export function readExpr(n: Node): BExpr {
  const at = loc(n);
  const other = (): BExpr => ({ k: 'other', text: n.text.slice(0, 200), ...at });
  if (n.hasError) return other();
  const kids = named(n);
  switch (n.type) {
    case 'string': {
      const parts: (string | BExpr)[] = [];
      // ''' strings are verbatim; ' strings have escapes and ${} interpolation.
      const verbatim = n.children[0]?.type === "'''";
      for (const c of kids) {
        if (c.type === 'string_content') parts.push(verbatim ? c.text : unquote(c.text));
        else if (c.type === 'escape_sequence') parts.push(unquote(c.text));
        else if (c.type === 'interpolation') {
          const inner = named(c)[0];
          parts.push(inner ? readExpr(inner) : other());
        }
      }
      // Adjacent text pieces are one piece.
      const merged: (string | BExpr)[] = [];
      for (const p of parts) {
        if (typeof p === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += p;
        else merged.push(p);
      }
      return { k: 'string', parts: merged, ...at };
    }
    case 'number':
      return { k: 'number', value: Number(n.text), ...at };
    case 'boolean':
      return { k: 'bool', value: n.text === 'true', ...at };
    case 'null':
      return { k: 'null', ...at };
    case 'identifier':
      return { k: 'ident', name: n.text, ...at };
    case 'parenthesized_expression':
      return kids[0] ? readExpr(kids[0]) : other();
    case 'member_expression': {
      const o = n.childForFieldName('object');
      const p = n.childForFieldName('property');
      // `a.?b` (safe access) reads the same for our purpose.
      return o && p ? { k: 'member', object: readExpr(o), property: p.text, ...at } : other();
    }
    case 'subscript_expression': {
      const o = n.childForFieldName('object');
      const i = n.childForFieldName('index');
      return o && i ? { k: 'index', object: readExpr(o), index: readExpr(i), ...at } : other();
    }
    case 'call_expression': {
      const f = n.childForFieldName('function');
      const a = n.childForFieldName('arguments');
      if (!f || !a) return other();
      return { k: 'call', callee: f.text, args: named(a).map(readExpr), ...at };
    }
    case 'object': {
      const props: BProp[] = [];
      for (const p of kids) {
        if (p.type === 'object_property') {
          const pk = named(p);
          const key = pk[0];
          const value = pk[pk.length - 1];
          if (value?.type === 'resource_declaration') {
            const decl = readResource(value);
            if (decl) props.push({ key: null, keyExpr: null, keyLoc: loc(value), value: { k: 'resource', decl, ...loc(value) }, ...loc(p) });
            continue;
          }
          if (!key || !value || key === value) continue;
          const keyExpr = key.type === 'identifier' ? null : readExpr(key);
          const keyText = key.type === 'identifier' ? key.text : keyExpr && keyExpr.k === 'string' && keyExpr.parts.every((x) => typeof x === 'string') ? keyExpr.parts.join('') : null;
          props.push({ key: keyText, keyExpr: keyText === null ? keyExpr : null, keyLoc: loc(key), value: readExpr(value), ...loc(p) });
        } else if (p.type === 'resource_declaration') {
          const decl = readResource(p);
          if (decl) props.push({ key: null, keyExpr: null, keyLoc: loc(p), value: { k: 'resource', decl, ...loc(p) }, ...loc(p) });
        }
      }
      return { k: 'object', props, ...at };
    }
    case 'array': {
      // The grammar reads a call that opens an array (`[ f('x') ]`) as a name and a parenthesised value: join them.
      const items: BExpr[] = [];
      for (let i = 0; i < kids.length; i++) {
        const next = kids[i + 1];
        if (kids[i].type === 'identifier' && next?.type === 'parenthesized_expression' && next.startIndex === kids[i].endIndex) {
          items.push({ k: 'call', callee: kids[i].text, args: named(next).map(readExpr), start: kids[i].startIndex, end: next.endIndex });
          i++;
        } else items.push(readExpr(kids[i]));
      }
      return { k: 'array', items, ...at };
    }
    case 'for_statement': {
      const params = kids.find((k) => k.type === 'for_loop_parameters');
      const item = params ? named(params).find((k) => k.type === 'loop_variable') : kids.find((k) => k.type === 'loop_variable' || k.type === 'identifier');
      const index = params ? named(params).find((k) => k.type === 'loop_enumerator') : undefined;
      // Nodes are new objects on each access: compare positions, not identity.
      const bodyAt = n.childForFieldName('body')?.startIndex;
      const body = kids.find((k) => k.startIndex === bodyAt);
      const rest = kids.filter((k) => k !== params && k !== item && k !== body);
      const source = rest[rest.length - 1];
      if (!item || !body || !source) return other();
      return { k: 'for', item: item.text, index: index?.text ?? null, source: readExpr(source), body: readExpr(body), ...at };
    }
    case 'if_statement': {
      const cond = kids[0];
      const body = kids[kids.length - 1];
      return cond && body && cond !== body ? { k: 'if', condition: readExpr(cond), body: readExpr(body), ...at } : other();
    }
    case 'ternary_expression': {
      const c = n.childForFieldName('condition');
      const t = n.childForFieldName('consequence');
      const e = n.childForFieldName('alternative');
      return c && t && e ? { k: 'ternary', condition: readExpr(c), then: readExpr(t), else: readExpr(e), ...at } : other();
    }
    default:
      return other();
  }
}
