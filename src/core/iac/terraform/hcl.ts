import type { Node } from 'web-tree-sitter';

/**
 * HCL native syntax as a small tree of our own, read from the tree-sitter CST. Only this file knows the grammar's
 * node names; the evaluator sees blocks, attributes and expressions with UTF-16 offsets into the file's text.
 * Anything it does not model becomes `unsupported` with the reason, never an exception.
 */

export interface Loc {
  start: number;
  end: number;
}

export type Expr = Loc &
  (
    | { t: 'lit'; value: string | number | boolean | null; file: string }
    | { t: 'tmpl'; parts: (string | Expr)[] }
    | { t: 'var'; name: string }
    | { t: 'attr'; of: Expr; name: string }
    | { t: 'idx'; of: Expr; key: Expr }
    | { t: 'splat'; of: Expr }
    | { t: 'tuple'; items: Expr[] }
    | { t: 'object'; entries: { key: Expr; value: Expr }[] }
    | { t: 'call'; name: string; args: Expr[]; expand: boolean }
    | { t: 'cond'; test: Expr; yes: Expr; no: Expr }
    | { t: 'binop'; op: string; left: Expr; right: Expr }
    | { t: 'unop'; op: string; of: Expr }
    | { t: 'for'; tuple: boolean; keyVar: string | null; valueVar: string; coll: Expr; key: Expr | null; value: Expr; cond: Expr | null; group: boolean }
    | { t: 'unsupported'; why: string }
  );

export interface Attribute extends Loc {
  name: string;
  nameLoc: Loc;
  expr: Expr;
  file: string;
}

export interface Block extends Loc {
  type: string;
  labels: string[];
  /** From the block type to the opening brace: where block-level findings point. */
  header: Loc;
  body: Body;
  file: string;
}

export interface Body {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

export interface HclFile {
  path: string;
  body: Body;
  /** Syntax errors (ERROR and MISSING nodes), at most a few per file. */
  errors: Loc[];
}

const MAX_ERRORS = 20;

export function readHcl(path: string, text: string, root: Node): HclFile {
  const errors: Loc[] = [];
  collectErrors(root, errors);
  const bodyNode = root.namedChildren.find((c) => c?.type === 'body');
  return { path, body: bodyNode ? readBody(bodyNode, path, text) : emptyBody(), errors };
}

function emptyBody(): Body {
  return { attributes: new Map(), blocks: [] };
}

function collectErrors(n: Node, out: Loc[]): void {
  if (out.length >= MAX_ERRORS || !n.hasError && !n.isMissing) return;
  if (n.isError || n.isMissing) {
    out.push({ start: n.startIndex, end: Math.max(n.endIndex, n.startIndex + 1) });
    return;
  }
  for (const c of n.children) if (c) collectErrors(c, out);
}

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

function readBody(n: Node, file: string, text: string): Body {
  const body = emptyBody();
  for (const c of named(n)) {
    if (c.type === 'attribute') {
      const [id, ex] = named(c);
      if (!id || !ex) continue;
      // A repeated attribute is an error for Terraform; the first one is what a reader of the file sees first.
      if (!body.attributes.has(id.text)) {
        body.attributes.set(id.text, { name: id.text, nameLoc: loc(id), expr: readExpr(ex, file, text), start: c.startIndex, end: c.endIndex, file });
      }
    } else if (c.type === 'block') {
      const parts = named(c);
      const id = parts[0];
      if (!id) continue;
      const labels: string[] = [];
      for (const p of parts.slice(1)) {
        if (p.type === 'string_lit') labels.push(decodeString(p.namedChildren.find((x) => x?.type === 'template_literal')?.text ?? ''));
        else if (p.type === 'identifier') labels.push(p.text);
      }
      const open = c.children.find((x) => x?.type === 'block_start');
      const inner = parts.find((p) => p.type === 'body');
      body.blocks.push({
        type: id.text, labels, file, start: c.startIndex, end: c.endIndex,
        header: { start: c.startIndex, end: open ? open.endIndex : id.endIndex },
        body: inner ? readBody(inner, file, text) : emptyBody(),
      });
    }
  }
  return body;
}

function loc(n: Node): Loc {
  return { start: n.startIndex, end: n.endIndex };
}

function unsupported(n: Node, why: string): Expr {
  return { t: 'unsupported', why, ...loc(n) };
}

/** An `expression` node: a primary followed by postfix get_attr / index / splat nodes, or a parenthesised expression. */
export function readExpr(n: Node, file: string, text: string): Expr {
  if (n.hasError) return unsupported(n, 'syntax error');
  if (n.type !== 'expression') return readPrimary(n, file, text);
  return readChain(named(n), n, file, text);
}

/** A primary followed by postfix get_attr / index / splat nodes (operands of operations are flattened this way too). */
function readChain(kids: Node[], at: Node, file: string, text: string): Expr {
  if (kids.length === 0) return unsupported(at, 'empty expression');
  let e = readPrimary(kids[0], file, text);
  for (const k of kids.slice(1)) {
    const end = k.endIndex;
    if (k.type === 'get_attr') {
      const id = named(k)[0];
      e = { t: 'attr', of: e, name: id?.text ?? '', start: e.start, end };
    } else if (k.type === 'index') {
      const ix = named(k)[0];
      if (ix?.type === 'new_index') {
        const inner = named(ix)[0];
        e = { t: 'idx', of: e, key: inner ? readExpr(inner, file, text) : unsupported(ix, 'empty index'), start: e.start, end };
      } else if (ix?.type === 'legacy_index') {
        const num = Number(ix.text.replace(/^\./, ''));
        e = { t: 'idx', of: e, key: { t: 'lit', value: num, file, ...loc(ix) }, start: e.start, end };
      } else return unsupported(at, 'index');
    } else if (k.type === 'splat') {
      e = { t: 'splat', of: e, start: e.start, end };
    } else return unsupported(at, k.type);
  }
  return e;
}

function readPrimary(n: Node, file: string, text: string): Expr {
  const kids = named(n);
  switch (n.type) {
    case 'expression':
      return readExpr(n, file, text);
    case 'literal_value': {
      const v = kids[0];
      if (!v) return unsupported(n, 'literal');
      if (v.type === 'numeric_lit') return { t: 'lit', value: Number(v.text), file, ...loc(n) };
      if (v.type === 'bool_lit') return { t: 'lit', value: v.text === 'true', file, ...loc(n) };
      if (v.type === 'null_lit') return { t: 'lit', value: null, file, ...loc(n) };
      if (v.type === 'string_lit') return readTemplateParts(v, file, text);
      return unsupported(n, v.type);
    }
    case 'template_expr': {
      const t = kids[0];
      if (!t) return unsupported(n, 'template');
      if (t.type === 'heredoc_template') return readHeredoc(t, file, text);
      return readTemplateParts(t, file, text);
    }
    case 'variable_expr':
      return { t: 'var', name: n.text, ...loc(n) };
    case 'collection_value': {
      const c = kids[0];
      if (c?.type === 'tuple') return { t: 'tuple', items: named(c).filter((x) => x.type === 'expression').map((x) => readExpr(x, file, text)), ...loc(n) };
      if (c?.type === 'object') {
        const entries: { key: Expr; value: Expr }[] = [];
        for (const el of named(c)) {
          if (el.type !== 'object_elem') continue;
          const k = el.childForFieldName('key');
          const v = el.childForFieldName('val');
          if (!k || !v) continue;
          let key = readExpr(k, file, text);
          // A bare name as key is its own text (`{ namespace = "x" }`), not a variable.
          if (key.t === 'var') key = { t: 'lit', value: key.name, file, start: key.start, end: key.end };
          entries.push({ key, value: readExpr(v, file, text) });
        }
        return { t: 'object', entries, ...loc(n) };
      }
      return unsupported(n, 'collection');
    }
    case 'function_call': {
      const id = kids[0];
      const args = kids.find((k) => k.type === 'function_arguments');
      const list = args ? named(args).filter((x) => x.type === 'expression').map((x) => readExpr(x, file, text)) : [];
      const expand = !!args && named(args).some((x) => x.type === 'ellipsis');
      return { t: 'call', name: id?.text ?? '', args: list, expand, ...loc(n) };
    }
    case 'conditional': {
      const [a, b, c] = kids;
      if (!a || !b || !c) return unsupported(n, 'conditional');
      return { t: 'cond', test: readExpr(a, file, text), yes: readExpr(b, file, text), no: readExpr(c, file, text), ...loc(n) };
    }
    case 'operation': {
      const op = kids[0];
      if (!op) return unsupported(n, 'operation');
      // Operands arrive flattened (`var.a == "x"` is variable_expr, get_attr, "==", literal_value): split at the operator.
      const children = op.children.filter((c): c is Node => !!c && c.type !== 'comment');
      const at = children.findIndex((c) => !c.isNamed);
      if (at < 0) return unsupported(n, 'operation');
      const symbol = children[at].text;
      if (op.type === 'binary_operation') {
        const left = children.slice(0, at);
        const right = children.slice(at + 1);
        if (!left.length || !right.length) return unsupported(n, 'operation');
        return { t: 'binop', op: symbol, left: readChain(left, op, file, text), right: readChain(right, op, file, text), ...loc(n) };
      }
      const operand = children.slice(at + 1);
      return operand.length ? { t: 'unop', op: symbol, of: readChain(operand, op, file, text), ...loc(n) } : unsupported(n, 'operation');
    }
    case 'for_expr':
      return readFor(n, file, text);
    default:
      return unsupported(n, n.type);
  }
}

function readFor(n: Node, file: string, text: string): Expr {
  const inner = named(n)[0];
  if (!inner) return unsupported(n, 'for expression');
  const parts = named(inner);
  const intro = parts.find((p) => p.type === 'for_intro');
  if (!intro) return unsupported(n, 'for expression');
  const ids = named(intro).filter((p) => p.type === 'identifier').map((p) => p.text);
  const collNode = named(intro).find((p) => p.type === 'expression');
  const exprs = parts.filter((p) => p.type === 'expression');
  const condNode = parts.find((p) => p.type === 'for_cond');
  const condExpr = condNode ? named(condNode)[0] : undefined;
  if (!collNode || ids.length === 0) return unsupported(n, 'for expression');
  const tuple = inner.type === 'for_tuple_expr';
  if (tuple ? exprs.length !== 1 : exprs.length !== 2) return unsupported(n, 'for expression');
  return {
    t: 'for', tuple, keyVar: ids.length > 1 ? ids[0] : null, valueVar: ids[ids.length - 1], coll: readExpr(collNode, file, text),
    key: tuple ? null : readExpr(exprs[0], file, text), value: readExpr(exprs[exprs.length - 1], file, text),
    cond: condExpr ? readExpr(condExpr, file, text) : null, group: parts.some((p) => p.type === 'ellipsis'), ...loc(n),
  };
}

/** A quoted string or template: literal pieces decoded, interpolations as expressions; directives are not modelled. */
function readTemplateParts(n: Node, file: string, text: string): Expr {
  const parts: (string | Expr)[] = [];
  for (const c of named(n)) {
    if (c.type === 'template_literal') parts.push(decodeString(c.text));
    else if (c.type === 'template_interpolation') {
      const e = named(c).find((x) => x.type === 'expression');
      parts.push(e ? readExpr(e, file, text) : unsupported(c, 'empty interpolation'));
    } else if (c.type === 'template_directive') return unsupported(n, 'template directive (%{ })');
  }
  if (parts.every((p) => typeof p === 'string')) return { t: 'lit', value: parts.join(''), file, ...loc(n) };
  return { t: 'tmpl', parts, ...loc(n) };
}

/** Heredocs: the raw lines between the opening and closing marker, `<<-` removing the common indentation. */
function readHeredoc(n: Node, file: string, text: string): Expr {
  const kids = named(n);
  if (kids.some((k) => k.type === 'template_interpolation' || k.type === 'template_directive')) return unsupported(n, 'heredoc with interpolation');
  const ids = kids.filter((k) => k.type === 'heredoc_identifier');
  if (ids.length < 2) return unsupported(n, 'heredoc');
  const from = text.indexOf('\n', ids[0].endIndex);
  if (from < 0) return unsupported(n, 'heredoc');
  const closeLine = text.lastIndexOf('\n', ids[ids.length - 1].startIndex);
  let lines = text.slice(from + 1, Math.max(from + 1, closeLine + 1)).split('\n');
  lines.pop();
  lines = lines.map((l) => l.replace(/\r$/, ''));
  if (kids.some((k) => k.type === 'heredoc_start' && k.text === '<<-')) {
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
    if (Number.isFinite(indent)) lines = lines.map((l) => l.slice(indent));
  }
  return { t: 'lit', value: lines.map((l) => l + '\n').join('').replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), file, ...loc(n) };
}

/** HCL string escapes, and `$${`/`%%{` for literal `${`/`%{`. */
export function decodeString(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/gs, (m, esc: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    if (!esc) return m;
    if (esc[0] === 'u' || esc[0] === 'U') {
      const cp = parseInt(esc.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[esc] ?? m;
  });
}
