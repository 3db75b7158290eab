import { allRules } from '../../core/rules/registry';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';
import type { Rule } from '../../core/rules/types';

/** "warning", or "warning/error" for a rule whose findings may take another level. */
export function severityText(r: Pick<Rule, 'defaultSeverity' | 'alsoReports'>): string {
  return [r.defaultSeverity, ...(r.alsoReports ?? [])].join('/');
}

export async function rulesCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: [] });
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (format === 'json') {
    io.out(JSON.stringify(allRules.map((r) => ({
      id: r.id, defaultSeverity: r.defaultSeverity, alsoReports: r.alsoReports ?? [], category: r.category, fixable: r.fixable, suggests: !!r.suggests, title: r.title,
    })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...allRules.map((r) => r.id.length));
  const levels = allRules.map((r) => severityText(r));
  const lw = Math.max(...levels.map((l) => l.length));
  allRules.forEach((r, i) => {
    const offers = [r.fixable ? 'fix' : '', r.suggests ? 'suggestions' : ''].filter(Boolean).join(', ');
    io.out(`${r.id.padEnd(w)}  ${levels[i].padEnd(lw)}  ${r.title}${offers ? ` (${offers})` : ''}\n`);
  });
  return 0;
}
