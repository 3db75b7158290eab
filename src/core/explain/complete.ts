// Completion candidates computed from text and offset only, so the editor adapter stays thin.
import { builtInRoles } from '../knowledge/data';
import { rbacVerbs } from '../knowledge/rbac-terms';
import { documentKind, keyDocumentation, keyPosition, keySuggestions, siblingKeys } from './complete-keys';

export interface CompletionCandidate {
  label: string;
  /** Snippet syntax (${1:placeholder}). */
  insertText: string;
  kind: 'annotation' | 'label' | 'role' | 'verb';
  detail: string;
  documentation: string;
  /** Offsets of the text the candidate replaces. */
  replaceStart: number;
  replaceEnd: number;
  /** Order in the list when it differs from the label's (most likely first). */
  sortText?: string;
  /** Shown struck through: the key belongs to a retired project. */
  deprecated?: boolean;
}

const snippetEscape = (s: string): string => s.replace(/[$}\\]/g, '\\$&');

interface LineInfo {
  text: string;
  indent: number;
  key: string | null;
}

function lineInfo(text: string): LineInfo {
  const m = /^(\s*)(-\s+)?(?:(["']?)([^"'#:\s][^#:]*?)\3\s*:(?:\s|$))?/.exec(text)!;
  const indent = m[1].length + (m[2]?.length ?? 0);
  return { text, indent, key: m[4] ?? null };
}

/** The chain of YAML block keys enclosing a line, outermost first, found by indentation. */
export function yamlParentKeys(lines: string[], lineNo: number, col: number): string[] {
  const cur = lines[lineNo] ?? '';
  let indent = cur.trim() === '' ? col : lineInfo(cur).indent;
  const keys: string[] = [];
  for (let i = lineNo - 1; i >= 0 && indent > 0; i--) {
    const t = lines[i];
    if (!t.trim() || t.trimStart().startsWith('#')) continue;
    if (/^---/.test(t)) break;
    const info = lineInfo(t);
    if (info.indent < indent && info.key) {
      keys.unshift(info.key);
      indent = info.indent;
    } else if (info.indent < indent && /^\s*-\s*$/.test(t)) {
      indent = info.indent;
    }
  }
  return keys;
}

function quotedAround(line: string, col: number): { start: number; end: number } | null {
  for (const m of line.matchAll(/"([^"]*)"?|'([^']*)'?/g)) {
    const s = m.index! + 1;
    const len = (m[1] ?? m[2] ?? '').length;
    if (col >= s && col <= s + len) return { start: s, end: s + len };
  }
  return null;
}

export function completionsAt(fileText: string, offset: number, languageId: string): CompletionCandidate[] {
  try {
    const lineStart = fileText.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = fileText.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = fileText.length;
    const line = fileText.slice(lineStart, lineEnd).replace(/\r$/, '');
    const col = offset - lineStart;
    const before = line.slice(0, col);

    // Azure role names inside --role "…", role_definition_name = "…" or roleDefinitionName: "…".
    if (/(--role\s+["']|-RoleDefinitionName\s+["']|role_definition_name\s*=\s*"|roleDefinitionName["']?\s*[:=]\s*["'])[^"']*$/i.test(before)) {
      const q = quotedAround(line, col) ?? { start: col, end: col };
      return builtInRoles().map((r) => ({
        label: r.name, insertText: snippetEscape(r.name), kind: 'role' as const, detail: `Azure built-in role ${r.id}`,
        documentation: r.description, replaceStart: lineStart + q.start, replaceEnd: lineStart + q.end,
      }));
    }
    if (languageId !== 'yaml') return [];

    // Only the lines up to the cursor matter for the enclosing keys.
    // A window of 20k characters is plenty for metadata/annotations or rules/verbs and keeps big files cheap.
    const lines = fileText.slice(Math.max(0, lineStart - 20_000), lineEnd).split('\n').map((l) => l.replace(/\r$/, ''));
    const lineNo = lines.length - 1;
    const word = /[A-Za-z0-9._/-]*$/.exec(before)![0];
    const wordStart = offset - word.length;

    // RBAC verbs: `verbs: [get, |]` or a block list item under verbs.
    const flowVerbs = /\bverbs\s*:\s*\[[^\]]*$/.test(before);
    const parents = yamlParentKeys(lines, lineNo, col);
    const blockVerbs = /^\s*-\s*["']?[a-z*]*$/.test(before) && parents[parents.length - 1] === 'verbs';
    if (flowVerbs || blockVerbs) {
      return rbacVerbs.map((v) => ({
        label: v.term, insertText: v.term === '*' ? '"*"' : v.term, kind: 'verb' as const, detail: `RBAC verb · risk ${v.risk}`,
        documentation: v.why ? `${v.meaning} ${v.why}` : v.meaning, replaceStart: wordStart, replaceEnd: offset,
      }));
    }

    // Keys under metadata.annotations / metadata.labels (only while typing a key, not a value): those valid for the
    // object's kind and the mapping's place, not yet present, most likely first.
    if (/:\s/.test(before.trimStart()) || /^\s*-/.test(before)) return [];
    const kind = documentKind(fileText.slice(Math.max(0, lineStart - 20_000), Math.min(fileText.length, lineEnd + 20_000)), Math.min(lineStart, 20_000) + col);
    const at = keyPosition(kind, parents);
    if (!at) return [];
    const after = fileText.slice(lineEnd, Math.min(fileText.length, lineEnd + 20_000)).split('\n').slice(1).map((l) => l.replace(/\r$/, ''));
    const indent = line.length - line.trimStart().length;
    const present = siblingKeys([...lines, ...after], lineNo, line.trim() ? indent : col);
    return keySuggestions(at.position, at.kind, present).map((k, i) => ({
      label: k.key, insertText: `${k.key}: "\${1:${snippetEscape(k.placeholder)}}"`, kind: k.kind, detail: k.detail,
      documentation: keyDocumentation(k.key), replaceStart: wordStart, replaceEnd: offset, sortText: String(i).padStart(2, '0'), deprecated: k.deprecated,
    }));
  } catch {
    return [];
  }
}
