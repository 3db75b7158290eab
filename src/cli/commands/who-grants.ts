import { findOperation } from '../../core/knowledge/data';
import { rolesGranting, type RoleGrant } from '../../core/knowledge/roles';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';

/** `aks-iam who-grants <permission>`: built-in roles granting a permission, by plane, with the pattern. */
export async function whoGrantsCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format'], boolean: ['help'] });
  if (args.flags.has('help')) {
    io.out('Usage: aks-iam who-grants <permission> [--format text|json]\n');
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (args.positionals.length !== 1) throw new UsageError('expected exactly one <permission>');
  const permission = args.positionals[0];
  const op = findOperation(permission);
  const g = rolesGranting(permission);
  if (format === 'json') {
    const list = (l: RoleGrant[]) => l.map((x) => ({ role: x.role.name, id: x.role.id, pattern: x.pattern }));
    io.out(JSON.stringify({ permission: op?.name ?? g.permission, plane: g.plane ?? null, description: op?.description ?? null, control: list(g.control), data: list(g.data) }, null, 2) + '\n');
    return 0;
  }
  const out: string[] = [];
  out.push(op ? `${op.name} — ${op.plane === 'data' ? 'data action' : 'control-plane action'}: ${op.description}` : `${g.permission} — not in the bundled operation list; checked both planes`);
  const section = (title: string, l: RoleGrant[]): void => {
    out.push('', `${title}:`);
    if (!l.length) {
      out.push('  (no built-in role)');
      return;
    }
    const w = Math.max(...l.map((x) => x.role.name.length));
    for (const x of l) out.push(`  ${x.role.name.padEnd(w)}  ${x.pattern}`);
  };
  if (g.plane !== 'data') section('Control plane (actions)', g.control);
  if (g.plane !== 'control') section('Data plane (dataActions)', g.data);
  io.out(out.join('\n') + '\n');
  return 0;
}
