import { azureDataJson, azureDataLine } from '../../core/explain/azure-source';
import type { Plane } from '../../core/knowledge/data';
import { operationsMatching, rolesGranting, type RoleGrant, type RolesGranting } from '../../core/knowledge/roles';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';

const TITLE: Record<Plane, string> = { control: 'Control plane (actions)', data: 'Data plane (dataActions)' };

function grantJson(l: RoleGrant[]) {
  return l.map((x) => ({ role: x.role.name, id: x.role.id, pattern: x.pattern, conditional: x.conditional, operationsGranted: x.role.grants }));
}

function json(g: RolesGranting, permission: string): Record<string, unknown> {
  const base = { permission: g.permission, known: !!g.operation, data: azureDataJson(), builtInRoles: g.total };
  if (permission.includes('*')) {
    return { ...base, known: false, pattern: true, matchesOperations: operationsMatching(permission).map((o) => ({ name: o.name, planes: o.planes })) };
  }
  if (!g.operation) return { ...base, planes: null, ifControlPlane: grantJson(g.control), ifDataPlane: grantJson(g.data) };
  return {
    ...base,
    planes: g.operation.planes,
    description: g.operation.description,
    ...Object.fromEntries(g.operation.planes.map((p) => [p, grantJson(g[p])])),
  };
}

function section(out: string[], title: string, l: RoleGrant[], total: number): void {
  out.push('', `${title}: ${l.length} of ${total} built-in roles${l.length ? ', narrowest first' : ''}`);
  if (!l.length) return;
  const w = Math.max(...l.map((x) => x.role.name.length));
  for (const x of l) out.push(`  ${x.role.name.padEnd(w)}  ${x.pattern}${x.conditional ? '  (restricted by a condition)' : ''}`);
}

function text(g: RolesGranting, permission: string): string {
  const out: string[] = [];
  if (permission.includes('*')) {
    const ops = operationsMatching(permission);
    out.push(`${permission.trim()} — a pattern, not an operation. It matches ${ops.length} catalogue operations:`);
    for (const o of ops.slice(0, 50)) out.push(`  ${o.name}  (${o.planes.join(', ')})`);
    if (ops.length > 50) out.push(`  … +${ops.length - 50} more (--format json lists all)`);
    out.push('', 'Ask who-grants about one of them to see the roles granting it.');
  } else if (g.operation) {
    const op = g.operation;
    const kind = op.planes.length === 2 ? 'action and data action' : op.planes[0] === 'data' ? 'data action' : 'control-plane action';
    out.push(`${op.name} — ${kind}: ${op.description}`);
    for (const p of op.planes) section(out, TITLE[p], g[p], g.total);
  } else {
    out.push(`${g.permission} — not in the operations catalogue, so its plane is unknown. What its name matches:`);
    section(out, 'If it is an action (actions)', g.control, g.total);
    section(out, 'If it is a data action (dataActions)', g.data, g.total);
  }
  out.push('', azureDataLine());
  return out.join('\n') + '\n';
}

/** `aks-iam who-grants <permission>`: built-in roles granting a permission, by plane, narrowest first. */
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
  const g = rolesGranting(permission);
  io.out(format === 'json' ? JSON.stringify(json(g, permission), null, 2) + '\n' : text(g, permission));
  return 0;
}
