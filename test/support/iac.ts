import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadHclParser } from '../../src/core/iac/terraform/parser';
import { terraformReader } from '../../src/core/iac/terraform/reader';
import type { IacFile, IacReader } from '../../src/core/iac/types';

const ROOT = join(__dirname, '..', '..');

/** The Terraform reader as the bundles build it, from the WebAssembly files the npm packages ship. */
export async function loadTerraformReader(): Promise<IacReader> {
  const parse = await loadHclParser({
    runtime: readFileSync(join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')),
    grammar: readFileSync(join(ROOT, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm')),
  });
  return terraformReader(parse);
}

/** Every file under `dir` (paths relative to it, with `/`), for readers and the analyzer. */
export function readTree(dir: string, match: RegExp): IacFile[] {
  const out: IacFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (match.test(name)) out.push({ path: relative(dir, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}
