import { armReader } from './arm/reader';
import { loadBicepParser } from './bicep/parser';
import { bicepReader } from './bicep/reader';
import { loadHclParser } from './terraform/parser';
import { terraformReader } from './terraform/reader';
import type { IacReader } from './types';

/** The WebAssembly files the readers need, shipped next to this bundle (`dist/`). */
export const IAC_WASM_FILES = ['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm', 'tree-sitter-bicep.wasm'] as const;

/**
 * Entry point of the separately bundled parsers (`dist/iac-readers.js`), loaded on first use so that activation and
 * CLI start-up do not pay for them. `load` returns the bytes of one of `IAC_WASM_FILES`.
 */
export async function createIacReaders(load: (file: (typeof IAC_WASM_FILES)[number]) => Uint8Array): Promise<IacReader[]> {
  const runtime = load('web-tree-sitter.wasm');
  const parse = await loadHclParser({ runtime, grammar: load('tree-sitter-terraform.wasm') });
  const bicep = await loadBicepParser({ runtime, grammar: load('tree-sitter-bicep.wasm') });
  return [terraformReader(parse), bicepReader(bicep), armReader];
}
