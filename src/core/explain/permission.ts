import { aksPermissionTables, findOperation, operations } from '../knowledge/data';
import { matchesPattern } from '../knowledge/match';
import { rolesGranting, type RoleGrant } from '../knowledge/roles';
import { code, text } from './markdown';

/** Rows of the AKS identity permission tables that name this permission (exactly or by wildcard). */
export function aksUsesOf(permission: string): { table: string; reason: string }[] {
  const out: { table: string; reason: string }[] = [];
  // The tables list role actions; a data action is never granted by them, even through a wildcard.
  if (findOperation(permission)?.plane === 'data') return out;
  for (const t of aksPermissionTables) {
    for (const row of t.rows) {
      if (row.permissions.some((p) => matchesPattern(p, permission))) out.push({ table: t.heading, reason: row.reason });
    }
  }
  return out;
}

export function permissionJson(permission: string): Record<string, unknown> {
  const op = findOperation(permission);
  const g = rolesGranting(permission);
  const list = (l: RoleGrant[]) => l.map((x) => ({ role: x.role.name, id: x.role.id, pattern: x.pattern }));
  const matched = permission.includes('*') ? operations.filter((o) => matchesPattern(permission, o.name)) : [];
  return {
    kind: 'permission',
    name: op?.name ?? permission,
    description: op?.description ?? null,
    plane: op?.plane ?? null,
    known: !!op,
    ...(permission.includes('*') ? { matchesOperations: matched.map((o) => ({ name: o.name, plane: o.plane })) } : {}),
    roles: { control: list(g.control), data: list(g.data) },
    aksIdentityUses: aksUsesOf(permission),
  };
}

export function explainPermission(permission: string): string {
  const op = findOperation(permission);
  const name = op?.name ?? permission.trim();
  const out: string[] = [];
  if (permission.includes('*')) {
    const matched = operations.filter((o) => matchesPattern(permission, o.name));
    const c = matched.filter((o) => o.plane === 'control').length;
    out.push(`**${code(name)}** — permission pattern`, '');
    out.push(`Matches ${matched.length} known operations (${c} control plane, ${matched.length - c} data plane). In \`actions\` it covers only the control-plane ones; in \`dataActions\` only the data-plane ones.`, '');
    for (const o of matched.slice(0, 10)) out.push(`- ${code(o.name)} (${o.plane})`);
    if (matched.length > 10) out.push(`- … +${matched.length - 10} more`);
    return out.join('\n');
  }
  if (op) {
    const planeText = op.plane === 'data' ? 'data action (data plane)' : 'action (control plane)';
    out.push(`**${code(op.name)}** — ${planeText}`, '', text(op.description), '');
    out.push(op.plane === 'data'
      ? 'Granted only through `dataActions` of a role; `actions` patterns such as `*` or `*/read` never grant it.'
      : 'Granted through `actions` of a role; `dataActions` never grant it.', '');
  } else {
    out.push(`**${code(name)}** — permission`, '', 'Not in the bundled operation list (Microsoft.ContainerService/managedClusters and Microsoft.ManagedIdentity); both planes were checked.', '');
  }
  const g = rolesGranting(permission);
  const roles = (title: string, l: RoleGrant[]): void => {
    if (!l.length && op) {
      out.push(`**${title}:** none of the bundled built-in roles`, '');
      return;
    }
    if (!l.length) return;
    out.push(`**${title}** (${l.length})`, '');
    for (const x of l) out.push(`- ${text(x.role.name)} — via ${code(x.pattern)}`);
    out.push('');
  };
  if (!op || op.plane === 'control') roles('Built-in roles granting it (actions)', g.control);
  if (!op || op.plane === 'data') roles('Built-in roles granting it (dataActions)', g.data);
  const uses = aksUsesOf(permission);
  if (uses.length) {
    out.push('**Used by AKS identities**', '');
    for (const u of uses.slice(0, 5)) out.push(`- ${text(u.table)}: ${text(u.reason)}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
