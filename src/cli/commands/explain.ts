import { explainTerm } from '../../core/explain/index';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';
import { renderMarkdownForTerminal } from '../format/terminal-markdown';

/**
 * `aks-iam explain <term> [--format text|markdown|json]`: a role, permission, ClusterRole, RBAC verb or identity key.
 * Text is rendered for a terminal (bold, dimmed code, aligned tables) and stays Markdown when piped.
 */
export async function explainCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: ['help'] });
  if (args.flags.has('help')) {
    io.out('Usage: aks-iam explain <term> [--format text|markdown|json]\n\nTerm: an Azure role name or GUID, a permission (Microsoft.ContainerService/...), a default ClusterRole,\nan RBAC verb or resource, or an identity annotation/label key.\n');
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be text, markdown or json, not "${format}"`);
  const term = args.positionals.join(' ').trim();
  if (!term) throw new UsageError('missing <term>');
  const r = explainTerm(term);
  if (!r.found) {
    io.err(`aks-iam explain: unknown term "${term}"${r.suggestions.length ? `. Closest known terms:\n${r.suggestions.map((s) => `  ${s}\n`).join('')}` : '\n'}`);
    return 1;
  }
  if (format === 'json') io.out(JSON.stringify(r.json, null, 2) + '\n');
  else if (format === 'text' && io.isTTY) io.out(renderMarkdownForTerminal(r.markdown) + '\n');
  else io.out(r.markdown + '\n');
  return 0;
}
