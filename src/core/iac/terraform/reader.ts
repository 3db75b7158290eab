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
  return {
    language: 'terraform',
    handles: (path) => isTerraformPath(path),
    read(files: readonly IacFile[]): IacFacts {
      const parsed: HclFile[] = [];
      const problems: IacFacts['problems'] = [];
      for (const f of files) {
        if (!isTerraformPath(f.path)) continue;
        try {
          const h = parse(f.path, f.text);
          parsed.push(h);
          // One problem per file: an error usually cascades into several nodes.
          for (const e of h.errors.slice(0, 1)) problems.push({ message: 'Terraform syntax error: this part is not read', span: { file: f.path, ...e } });
        } catch (err) {
          problems.push({ message: `Terraform file not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: f.path, start: 0, end: 0 } });
        }
      }
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
