// Small Markdown helpers shared by the explain builders.
export const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';

/** Escapes characters that Markdown would read as emphasis or links in free text from the data. */
export const text = (s: string): string =>
  s
    .replace(/<br\s*\/?>/gi, ' ')
    .split('`')
    // Odd segments are inside backticks (code spans), where escapes would show literally.
    .map((part, i) => (i % 2 ? part : part.replace(/([*_[\]])/g, '\\$1')))
    .join('`');

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/\s+/g, '-');
}

/**
 * Lists permission strings; long lists are grouped by their prefix (all but the last two segments) so a
 * role with 80 data actions stays readable in a hover.
 */
export function permissionList(perms: readonly string[], max = 12): string[] {
  if (perms.length <= max) return perms.map((p) => `- ${code(p)}`);
  const groups = new Map<string, string[]>();
  for (const p of perms) {
    const parts = p.split('/');
    const prefix = parts.length > 3 ? parts.slice(0, -2).join('/') + '/' : '';
    const leaf = parts.length > 3 ? parts.slice(-2).join('/') : p;
    const list = groups.get(prefix) ?? [];
    list.push(leaf);
    groups.set(prefix, list);
  }
  const lines: string[] = [];
  for (const [prefix, leaves] of groups) {
    if (!prefix) {
      lines.push(...leaves.map((l) => `- ${code(l)}`));
      continue;
    }
    const shown = leaves.slice(0, 8).join(', ');
    const more = leaves.length > 8 ? `, … +${leaves.length - 8} more` : '';
    lines.push(`- ${code(prefix)} (${leaves.length}): ${shown}${more}`);
  }
  return lines;
}
