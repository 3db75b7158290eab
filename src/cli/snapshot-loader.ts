import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { IdentityGraph } from '../core/identity/graph';
import { parseSnapshot, SnapshotError, type SnapshotInput } from '../core/identity/snapshot';
import { InputError } from './files';

/** Shown paths: relative to cwd when inside it, like the lint output. */
function shown(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
}

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (err as Error).message;
}

/**
 * Reads `--snapshot <file|dir>`: one JSON file, or every *.json directly in a directory (sorted), and
 * merges them. Any unreadable or invalid file is an InputError naming it (the CLI exits 2).
 */
export async function loadSnapshotFiles(given: string, cwd: string, warn: (msg: string) => void = (m) => process.stderr.write(`aks-iam: ${m}\n`)): Promise<IdentityGraph> {
  const abs = path.resolve(cwd, given);
  let files: string[];
  try {
    const st = await fs.stat(abs);
    if (st.isDirectory()) {
      const names = (await fs.readdir(abs)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
      if (names.length === 0) throw new InputError(`snapshot ${given}: the directory has no *.json files`);
      files = names.map((n) => path.join(abs, n));
    } else files = [abs];
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read snapshot ${given}: ${why(err)}`);
  }
  const inputs: SnapshotInput[] = [];
  for (const f of files) {
    const name = shown(cwd, f);
    let text: string;
    try {
      text = await fs.readFile(f, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read snapshot ${name}: ${why(err)}`);
    }
    try {
      inputs.push({ source: name, value: JSON.parse(text.replace(/^\uFEFF/, '')) });
    } catch (err) {
      throw new InputError(`snapshot ${name} is not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    const { graph, warnings } = parseSnapshot(inputs);
    for (const w of warnings) warn(`snapshot: ${w}`);
    return graph;
  } catch (err) {
    if (err instanceof SnapshotError) throw new InputError(`invalid snapshot ${err.message}`);
    throw err;
  }
}
