import { resolveTerm, type TermFilter } from './term';

export interface ExplainedAt {
  markdown: string;
  start: number;
  end: number;
}

const TOKEN = /[A-Za-z0-9._/*:<>@-]/;
const GUIDISH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What the lines above the cursor say about the context (RBAC rule lists, roleRef, --clusterrole). */
function contextFilter(text: string, lineStart: number, lineText: string, col: number): TermFilter {
  const before = text.slice(Math.max(0, lineStart - 600), lineStart) + lineText.slice(0, col);
  const keys = [...before.matchAll(/["']?\b(verbs|resources|resourceNames|apiGroups|nonResourceURLs|name|kind|roleRef|subjects|metadata|rules)\b["']?\s*[:=]/g)];
  const lastKey = keys.length ? keys[keys.length - 1][1] : '';
  const rbac = lastKey === 'verbs' || lastKey === 'resources';
  const recent = before.split('\n').slice(-4).join('\n');
  const clusterRoles = /clusterrole/i.test(lineText) || /roleRef|role_ref|\bkind\s*:\s*["']?ClusterRole\b/.test(recent);
  return { rbac, clusterRoles };
}

function tryAt(term: string, start: number, filter: TermFilter): ExplainedAt | null {
  const r = resolveTerm(term, filter);
  return r ? { markdown: r.markdown, start, end: start + term.length } : null;
}

/**
 * Finds the knowledge-base term under `offset` in YAML, JSON, Bicep, Terraform or shell text: a quoted
 * string, a YAML plain value (role names have spaces), a GUID inside a resource ID, or a bare token.
 * Returns null when nothing known is there; never throws.
 */
export function explainAt(fileText: string, offset: number, _languageId: string): ExplainedAt | null {
  try {
    if (offset < 0 || offset > fileText.length) return null;
    const lineStart = fileText.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = fileText.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = fileText.length;
    const line = fileText.slice(lineStart, lineEnd).replace(/\r$/, '');
    const col = offset - lineStart;
    if (col > line.length) return null;
    const filter = contextFilter(fileText, lineStart, line, col);

    // 1. Quoted string around the cursor.
    for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) {
      const s = m.index! + 1;
      const content = m[1] ?? m[2] ?? '';
      if (col < s - 1 || col > s + content.length) continue;
      const hit = tryAt(content.trim(), lineStart + s + (content.length - content.trimStart().length), filter);
      if (hit) return hit;
      for (const g of content.matchAll(GUIDISH)) {
        if (col >= s + g.index! && col <= s + g.index! + g[0].length) {
          const h = tryAt(g[0], lineStart + s + g.index!, filter);
          if (h) return h;
        }
      }
      break;
    }

    // 2. YAML plain scalar value after "key:" or "- " (role names contain spaces).
    const kv = /^(\s*(?:-\s+)?(?:[^\s#:][^#:]*?:\s+|-\s+))([^"'#{}[\]][^#]*?)\s*(?:\s#.*)?$/.exec(line);
    if (kv) {
      const s = kv[1].length;
      const value = kv[2];
      if (col >= s && col <= s + value.length) {
        const hit = tryAt(value, lineStart + s, filter);
        if (hit) return hit;
      }
    }

    // 3. The token under the cursor.
    let a = col;
    let b = col;
    while (a > 0 && TOKEN.test(line[a - 1])) a--;
    while (b < line.length && TOKEN.test(line[b])) b++;
    let token = line.slice(a, b);
    // A trailing colon is YAML/JSON key syntax; a leading "--x=" or "key=" is shell/HCL syntax.
    while (token.endsWith(':')) token = token.slice(0, -1);
    // The cursor on the stripped colon is not on the term.
    if (!token || col > a + token.length) return null;
    const hit = tryAt(token, lineStart + a, filter);
    if (hit) return hit;
    for (const g of token.matchAll(GUIDISH)) {
      if (col >= a + g.index! && col <= a + g.index! + g[0].length) return tryAt(g[0], lineStart + a + g.index!, filter);
    }
    return null;
  } catch {
    return null;
  }
}
