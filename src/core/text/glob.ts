/**
 * Glob patterns as VS Code settings write them (`**`, `*`, `?`, `{a,b}`, `[abc]`), matched against
 * forward-slash paths relative to the workspace folder. A pattern without a slash matches a name at any depth.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (!g.includes('/')) g = `**/${g}`;
  if (g.startsWith('./')) g = g.slice(2);
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        const atStart = i === 0 || g[i - 1] === '/';
        i += slashAfter ? 2 : 1;
        // `**/` matches zero or more whole directories; a trailing `**` matches the rest.
        re += atStart && slashAfter ? '(?:[^/]*/)*' : '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  // A pattern naming a folder also excludes what is inside it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

const compiled = new Map<string, RegExp>();

export function matchesAnyGlob(relPath: string, globs: readonly string[]): boolean {
  const p = relPath.replace(/\\/g, '/');
  return globs.some((g) => {
    if (g.trim() === '') return false;
    let re = compiled.get(g);
    if (!re) compiled.set(g, (re = globToRegExp(g)));
    return re.test(p);
  });
}
