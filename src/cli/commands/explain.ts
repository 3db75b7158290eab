import { explainTerm } from '../../core/explain/index';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';

/** `aks-iam explain <term> [--format json]`: a role, permission, ClusterRole, RBAC verb or identity key. */
export async function explainCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: ['help'] });
  if (args.flags.has('help')) {
    io.out('Usage: aks-iam explain <term> [--format text|json]\n\nTerm: an Azure role name or GUID, a permission (Microsoft.ContainerService/...), a default ClusterRole,\nan RBAC verb or resource, or an identity annotation/label key.\n');
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const term = args.positionals.join(' ').trim();
  if (!term) throw new UsageError('missing <term>');
  const r = explainTerm(term);
  if (!r.found) {
    io.err(`aks-iam explain: unknown term "${term}"${r.suggestions.length ? `. Closest known terms:\n${r.suggestions.map((s) => `  ${s}\n`).join('')}` : '\n'}`);
    return 1;
  }
  io.out(format === 'json' ? JSON.stringify(r.json, null, 2) + '\n' : r.markdown + '\n');
  return 0;
}
