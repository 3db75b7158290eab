import { emptyFacts, mergeFacts, type IacFacts, type IacFile, type IacReader } from './types';

/**
 * The readers loaded in this process. The parsers are WebAssembly modules loaded once, asynchronously, by the
 * editor or the CLI when the workspace has infrastructure code (`src/core/iac/readers.ts`); from then on every
 * read is synchronous.
 */
let loaded: readonly IacReader[] = [];

export function setIacReaders(readers: readonly IacReader[]): void {
  loaded = readers;
}

export function iacReaders(): readonly IacReader[] {
  return loaded;
}

/** The facts of all files, each reader reading the files it handles; never throws. */
export function readIacFacts(files: readonly IacFile[], readers: readonly IacReader[] = loaded): IacFacts {
  const parts: IacFacts[] = [];
  for (const r of readers) {
    const mine = files.filter((f) => r.handles(f.path, f.text));
    if (mine.length === 0) continue;
    try {
      parts.push(r.read(mine));
    } catch (err) {
      const f = emptyFacts();
      f.problems.push({ message: `${r.language} files not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: mine[0].path, start: 0, end: 0 } });
      parts.push(f);
    }
  }
  return mergeFacts(parts);
}
