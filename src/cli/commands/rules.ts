import { allRules, docsUrl } from '../../core/rules/registry';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';
import type { Rule } from '../../core/rules/types';

/** "warning", or "warning/error" for a rule whose findings may take another level. */
export function severityText(r: Pick<Rule, 'defaultSeverity' | 'alsoReports'>): string {
  return [r.defaultSeverity, ...(r.alsoReports ?? [])].join('/');
}

export async function rulesCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: ['help'] });
  if (args.flags.has('help')) {
    io.out('Usage: aks-iam rules [--format text|json|markdown]\n\nLists every rule: id, default severity, title and what it offers (fix, suggestions).\n');
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be text, json or markdown, not "${format}"`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (format === 'json') {
    io.out(JSON.stringify(allRules.map((r) => ({
      id: r.id, defaultSeverity: r.defaultSeverity, alsoReports: r.alsoReports ?? [], category: r.category, fixable: r.fixable, suggests: !!r.suggests, title: r.title,
      needsCloud: !!r.needsCloud, why: r.docs.why, howToFix: r.docs.howToFix, docs: docsUrl(r.id),
    })), null, 2) + '\n');
    return 0;
  }
  if (format === 'markdown') {
    io.out(rulesMarkdown());
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

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A page for a documentation site: a table of every rule, then each rule's why and how to fix. */
export function rulesMarkdown(): string {
  let out = '# aks-iam rules\n\n| Rule | Severity | Category | Offers | Title |\n|---|---|---|---|---|\n';
  for (const r of allRules) {
    const offers = [r.fixable ? 'fix' : '', r.suggests ? 'suggestions' : ''].filter(Boolean).join(', ');
    out += `| [\`${r.id}\`](#${r.id}) | ${severityText(r)} | ${r.category} | ${offers} | ${cell(r.title)} |\n`;
  }
  for (const r of allRules) {
    out += `\n## ${r.id}\n\n**${r.title}** (${severityText(r)}${r.needsCloud ? '; needs Azure identity data' : ''})\n\n`;
    out += `**Why:** ${r.docs.why}\n\n**How to fix:** ${r.docs.howToFix}\n`;
  }
  return out;
}
