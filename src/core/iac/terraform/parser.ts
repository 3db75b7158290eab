import { treeSitterParser } from '../tree-sitter';
import { readHcl, type HclFile } from './hcl';

export type HclParse = (path: string, text: string) => HclFile;

/** The WebAssembly modules the parser needs, as bytes: the tree-sitter runtime and the Terraform grammar. */
export interface HclWasm {
  runtime: Uint8Array;
  grammar: Uint8Array;
}

let ready: Promise<HclParse> | null = null;

/**
 * Starts tree-sitter once per process (about 30 ms) and returns a synchronous parse function. The callers hand
 * over the bytes, so this module reads no files and works the same from the extension, the CLI and tests.
 */
export function loadHclParser(wasm: HclWasm): Promise<HclParse> {
  ready ??= (async () => {
    const parser = await treeSitterParser(wasm);
    return (path: string, text: string): HclFile => {
      const tree = parser.parse(text);
      if (!tree) return { path, body: { attributes: new Map(), blocks: [] }, errors: [{ start: 0, end: 0 }] };
      try {
        return readHcl(path, text, tree.rootNode);
      } finally {
        tree.delete();
      }
    };
  })();
  ready.catch(() => { ready = null; });
  return ready;
}
