import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { setIacReaders } from '../core/iac/registry';
import type { createIacReaders } from '../core/iac/readers';

let loading: Promise<string | null> | null = null;

/**
 * Loads the infrastructure-code parsers from the bundle next to this one (`iac-readers.js` and its `.wasm` files, shipped
 * Brotli-compressed as `.wasm.br`)
 * and registers them with the engine, once per process. Resolves to null, or to why they could not be loaded.
 */
export function loadIacReaders(dir: string = __dirname): Promise<string | null> {
  loading ??= (async () => {
    try {
      const bundle = createRequire(join(dir, 'iac-readers.js'))(join(dir, 'iac-readers.js')) as { createIacReaders: typeof createIacReaders };
      setIacReaders(await bundle.createIacReaders((file) => brotliDecompressSync(readFileSync(join(dir, `${file}.br`)))));
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  })();
  return loading;
}
