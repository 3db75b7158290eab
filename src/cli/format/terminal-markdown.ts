// The hover Markdown of `explain`, for a terminal: bold as bold, code spans dimmed, links as text and address,
// tables aligned. Piped output and `--format markdown` keep the Markdown itself.

const BOLD = ['\x1b[1m', '\x1b[22m'];
const DIM = ['\x1b[2m', '\x1b[22m'];

/** Inline Markdown of one line: `**bold**`, `` `code` ``, `[text](url)`, and `\|` inside tables. */
function inline(text: string, styled: boolean): string {
  const [b0, b1] = styled ? BOLD : ['', ''];
  const [d0, d1] = styled ? DIM : ['', ''];
  return text
    .replace(/`([^`]+)`/g, (_m, code: string) => `${d0}${code}${d1}`)
    .replace(/\*\*([^*]+)\*\*/g, (_m, s: string) => `${b0}${s}${b1}`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} <${url}>`))
    .replace(/\\\|/g, '|');
}

/** Visible width: escape sequences take no room. */
function width(s: string): number {
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

function table(rows: string[], styled: boolean): string[] {
  const body = rows.filter((r) => !/^\s*\|?\s*:?-{3,}/.test(r));
  const grid = body.map((r, i) => cells(r).map((c) => inline(i === 0 && !/\*\*/.test(c) ? `**${c}**` : c, styled)));
  const cols = Math.max(...grid.map((r) => r.length));
  const w = Array.from({ length: cols }, (_, c) => Math.max(...grid.map((r) => width(r[c] ?? ''))));
  return grid.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(w[i] - width(c)))).join('  ').trimEnd());
}

/** Renders explain's Markdown for a terminal; `styled` false gives the same layout without escape sequences. */
export function renderMarkdownForTerminal(markdown: string, styled = true): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*\|/.test(lines[i])) {
      const rows: string[] = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      i--;
      out.push(...table(rows, styled));
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) out.push(inline(`**${heading[1].replace(/\*\*/g, '')}**`, styled));
    else out.push(inline(lines[i].replace(/^(\s*)[-*] /, '$1• '), styled));
  }
  return out.join('\n');
}
