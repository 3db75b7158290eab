import type { IdentityGraph } from '../../core/identity/graph';
import { parseSnapshot, SnapshotError, type SnapshotInput } from '../../core/identity/snapshot';

export interface LoadedSnapshot {
  graph: IdentityGraph;
  warnings: string[];
}

/** Why a snapshot could not be loaded, worded for the tree's error node. */
export class SnapshotLoadError extends Error {}

/**
 * Where JSON.parse stopped, without its message: V8 quotes the text around the error, and a snapshot
 * may hold values nobody should find in a log or a tooltip.
 */
function jsonErrorAt(text: string, err: unknown): string {
  const at = /position (\d+)/.exec((err as Error).message ?? '');
  if (!at) return text.trim() === '' ? ' (the file is empty)' : '';
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return ` (line ${line}, column ${offset - before.lastIndexOf('\n')})`;
}

/** The snapshot files' texts (name as shown, content), parsed and merged in the given order. */
export function parseSnapshotTexts(files: { shown: string; text: string }[]): LoadedSnapshot {
  const inputs: SnapshotInput[] = [];
  for (const f of files) {
    const text = f.text.replace(/^\uFEFF/, '');
    try {
      inputs.push({ source: f.shown, value: JSON.parse(text) });
    } catch (err) {
      throw new SnapshotLoadError(`${f.shown} is not valid JSON${jsonErrorAt(text, err)}`);
    }
  }
  try {
    return parseSnapshot(inputs);
  } catch (err) {
    if (err instanceof SnapshotError) throw new SnapshotLoadError(`invalid snapshot ${err.message}`);
    throw err;
  }
}
