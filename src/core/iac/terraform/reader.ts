import { emptyFacts, type IacFacts, type IacFile, type IacReader } from '../types';
import { collectFacts } from './facts';
import type { HclFile } from './hcl';
import type { HclParse } from './parser';
import { buildProgram } from './program';

export function isTerraformPath(path: string): boolean {
  return /\.(tf|tfvars)$/i.test(path);
}

/** The Terraform reader over an initialised parser: `.tf` files grouped into modules, `.tfvars` for root modules. */
export function terraformReader(parse: HclParse): IacReader {
  // Parsing dominates a read (evaluation is a few ms): an edit of one file re-parses that file only.
  let cache = new Map<string, HclFile & { text: string }>();
  return {
    language: 'terraform',
    handles: (path) => isTerraformPath(path),
    read(files: readonly IacFile[]): IacFacts {
      const parsed: HclFile[] = [];
      const problems: IacFacts['problems'] = [];
      const next = new Map<string, HclFile & { text: string }>();
      for (const f of files) {
        if (!isTerraformPath(f.path)) continue;
        try {
          const old = cache.get(f.path);
          const h = old && old.text === f.text ? old : { ...parse(f.path, f.text), text: f.text };
          next.set(f.path, h);
          parsed.push(h);
          // One problem per file: an error usually cascades into several nodes.
          for (const e of h.errors.slice(0, 1)) problems.push({ message: 'Terraform syntax error: this part is not read', span: { file: f.path, ...e } });
        } catch (err) {
          problems.push({ message: `Terraform file not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: f.path, start: 0, end: 0 } });
        }
      }
      cache = next;
      try {
        const facts = collectFacts(buildProgram(parsed));
        facts.problems.unshift(...problems);
        return facts;
      } catch (err) {
        const facts = emptyFacts();
        facts.problems.push(...problems, { message: `Terraform configuration not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: files[0]?.path ?? '', start: 0, end: 0 } });
        return facts;
      }
    },
  };
}
