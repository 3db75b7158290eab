import { emptyFacts, mergeFacts, type IacFacts, type IacFile, type IacReader } from '../types';
import type { BExpr, BicepFile } from './ast';
import { bicepFacts, type ParamValues } from './facts';
import type { BicepParse } from './parser';

export function isBicepPath(path: string): boolean {
  return /\.(bicep|bicepparam)$/i.test(path);
}

/** `dir/x/../main.bicep` → `dir/main.bicep`, with either separator kept as the path has it. */
function resolveRelative(from: string, rel: string): string {
  const sep = from.includes('\\') && !from.includes('/') ? '\\' : '/';
  const parts = from.split(/[\\/]/).slice(0, -1);
  for (const p of rel.split(/[\\/]/)) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join(sep);
}

/**
 * The Bicep reader over an initialised parser: each `.bicep` file on its own, with the `param` values of the
 * `.bicepparam` files whose `using` names it (values all those files agree on; a param they disagree on is unknown).
 */
export function bicepReader(parse: BicepParse): IacReader {
  return {
    language: 'bicep',
    handles: (path) => isBicepPath(path),
    read(files: readonly IacFile[]): IacFacts {
      const parsed: BicepFile[] = [];
      const problems: IacFacts['problems'] = [];
      for (const f of files) {
        if (!isBicepPath(f.path)) continue;
        try {
          parsed.push(parse(f.path, f.text));
        } catch (err) {
          problems.push({ message: `Bicep file not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: f.path, start: 0, end: 0 } });
        }
      }
      const params = new Map<string, ParamValues>();
      for (const p of parsed) {
        if (!/\.bicepparam$/i.test(p.path)) continue;
        const using = p.statements.find((s) => s.k === 'using');
        if (!using || using.k !== 'using') continue;
        const target = resolveRelative(p.path, using.path);
        const pv = params.get(target) ?? { values: new Map<string, { expr: BExpr; file: string } | null>() };
        params.set(target, pv);
        for (const s of p.statements) {
          if (s.k !== 'param' || !s.value) continue;
          const had = pv.values.get(s.name);
          const text = (e: BExpr) => JSON.stringify(e, (k, v: unknown) => (k === 'start' || k === 'end' ? undefined : v));
          pv.values.set(s.name, had === undefined ? { expr: s.value, file: p.path } : had && text(had.expr) === text(s.value) ? had : null);
        }
      }
      const parts: IacFacts[] = [];
      for (const p of parsed) {
        if (/\.bicepparam$/i.test(p.path)) continue;
        try {
          parts.push(bicepFacts(p, params.get(p.path) ?? null));
        } catch (err) {
          const f = emptyFacts();
          f.problems.push({ message: `Bicep file not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: p.path, start: 0, end: 0 } });
          parts.push(f);
        }
      }
      const facts = mergeFacts(parts);
      facts.problems.unshift(...problems);
      return facts;
    },
  };
}
