import { Language, Parser } from 'web-tree-sitter';

let runtime: Promise<void> | null = null;

/**
 * A parser for one grammar. tree-sitter's runtime is started once per process, whichever grammar asks first; the
 * Terraform and Bicep grammars both load into it.
 */
export async function treeSitterParser(wasm: { runtime: Uint8Array; grammar: Uint8Array }): Promise<Parser> {
  runtime ??= Parser.init({ wasmBinary: wasm.runtime });
  await runtime;
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm.grammar));
  return parser;
}
