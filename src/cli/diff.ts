// A unified diff (as `diff -u` prints it) of a file before and after fixes, for `lint --fix-dry-run`.

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

/**
 * Line operations from a longest common subsequence. Fixes change a few lines of a file, so the unchanged head and
 * tail are peeled off first and the table covers only the middle.
 */
function lineOps(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      ops.push({ kind: ' ', line: am[i++] });
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: am[i++] });
    else ops.push({ kind: '+', line: bm[j++] });
  }
  for (const line of a.slice(a.length - tail)) ops.push({ kind: ' ', line });
  return ops;
}

const show = (line: string): string => (line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`);

/** The unified diff of `before` → `after` under the name `name`, with three lines of context; '' when equal. */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = lineOps(splitLines(before), splitLines(after));
  const absolute = /^(?:[\\/]|[A-Za-z]:)/.test(name);
  let out = absolute ? `--- ${name}\n+++ ${name}\n` : `--- a/${name}\n+++ b/${name}\n`;
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k].kind === ' ') k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are closer than two contexts apart.
    for (let quiet = 0; end < ops.length && quiet <= 2 * context; end++) quiet = ops[end].kind === ' ' ? quiet + 1 : 0;
    end = Math.min(ops.length, end);
    while (end > k && ops[end - 1].kind === ' ' && end - 1 >= k) {
      let trailing = 0;
      for (let t = end - 1; t >= 0 && ops[t].kind === ' '; t--) trailing++;
      if (trailing <= context) break;
      end--;
    }
    let aLine = 1;
    let bLine = 1;
    for (let t = 0; t < start; t++) {
      if (ops[t].kind !== '+') aLine++;
      if (ops[t].kind !== '-') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${aCount ? aLine : aLine - 1},${aCount} +${bCount ? bLine : bLine - 1},${bCount} @@\n`;
    for (const o of hunk) out += o.kind + show(o.line);
    k = end;
  }
  return out;
}
