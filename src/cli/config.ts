import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem } from '../core/config/config';
import { ConfigResolver, type ConfigHost } from '../core/config/resolve';

/** The file system as the configuration resolver sees it: a folder holding `.git` is a repository root. */
export const fsConfigHost: ConfigHost = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8').replace(/^\ufeff/, '');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      // A configuration that exists but cannot be read must not be skipped quietly.
      if (code === 'EISDIR') return null;
      throw err;
    }
  },
  isRoot: (dir) => existsSync(path.join(dir, '.git')),
};

export function fsConfigResolver(): ConfigResolver {
  return new ConfigResolver(fsConfigHost);
}

/** A path relative to cwd with forward slashes when inside it, else as it is. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** `file:line:col: message`, 1-based. */
export function formatConfigProblem(p: ConfigProblem, cwd: string): string {
  return `${displayPath(cwd, p.file)}:${p.line + 1}:${p.character + 1}: ${p.message}`;
}
