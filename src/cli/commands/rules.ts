import { allRules } from '../../core/rules/registry';
import { parseArgs } from '../args';
import type { Io } from '../io';

export async function rulesCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: [] });
  if ((args.flags.get('format') ?? [])[0] === 'json') {
    io.out(JSON.stringify(allRules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, category: r.category, fixable: r.fixable, title: r.title })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...allRules.map((r) => r.id.length));
  for (const r of allRules) io.out(`${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(7)}  ${r.title}${r.fixable ? ' (fixable)' : ''}\n`);
  return 0;
}
