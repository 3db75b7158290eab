import { allRules } from '../../core/rules/registry';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';

export async function rulesCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: [] });
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (format === 'json') {
    io.out(JSON.stringify(allRules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, category: r.category, fixable: r.fixable, title: r.title })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...allRules.map((r) => r.id.length));
  for (const r of allRules) io.out(`${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(7)}  ${r.title}${r.fixable ? ' (fixable)' : ''}\n`);
  return 0;
}
