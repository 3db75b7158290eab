import { aksPermissionTables, azureDataInfo, findOperation, type Operation, type Plane } from '../knowledge/data';
import { matchesPattern } from '../knowledge/match';
import { operationsMatching, rolesGranting, type RoleGrant } from '../knowledge/roles';
import { azureDataFooter, azureDataJson, thousands } from './azure-source';
import { code, text } from './markdown';

/** Rows of the AKS identity permission tables that name this permission (exactly or by wildcard). */
export function aksUsesOf(permission: string): { table: string; reason: string }[] {
  const out: { table: string; reason: string }[] = [];
  // The tables list role actions; a data action is never granted by them, even through a wildcard.
  const planes = findOperation(permission)?.planes;
  if (planes && !planes.includes('control')) return out;
  for (const t of aksPermissionTables) {
    for (const row of t.rows) {
      if (row.permissions.some((p) => matchesPattern(p, permission))) out.push({ table: t.heading, reason: row.reason });
    }
  }
  return out;
}

const PLANE_TEXT: Record<Plane, string> = { control: 'action (control plane)', data: 'data action (data plane)' };
const planeText = (op: Operation): string => op.planes.map((p) => PLANE_TEXT[p]).join(' and ');

export function permissionJson(permission: string): Record<string, unknown> {
  const g = rolesGranting(permission);
  const op = g.operation;
  const list = (l: RoleGrant[]) => l.map((x) => ({ role: x.role.name, id: x.role.id, pattern: x.pattern, ...(x.conditional ? { conditional: true } : {}) }));
  const pattern = permission.includes('*');
  const matched = pattern ? operationsMatching(permission) : [];
  return {
    kind: 'permission',
    name: g.permission,
    description: op?.description ?? null,
    planes: op?.planes ?? null,
    known: !!op,
    ...(pattern ? { matchesOperations: matched.map((o) => ({ name: o.name, planes: o.planes })) } : {}),
    roles: op ? Object.fromEntries(op.planes.map((p) => [p, list(g[p])])) : { ifControlPlane: list(g.control), ifDataPlane: list(g.data) },
    builtInRoles: g.total,
    aksIdentityUses: aksUsesOf(permission),
    data: azureDataJson(),
  };
}

/** A pattern: the catalogue operations it covers, per plane. */
function explainPattern(permission: string): string {
  const matched = operationsMatching(permission);
  const c = matched.filter((o) => o.planes.includes('control')).length;
  const d = matched.filter((o) => o.planes.includes('data')).length;
  const out = [`**${code(permission.trim())}** — permission pattern`, ''];
  out.push(`Matches ${matched.length} catalogue operations (${c} control plane, ${d} data plane). In \`actions\` it covers only the control-plane ones; in \`dataActions\` only the data-plane ones.`, '');
  for (const o of matched.slice(0, 10)) out.push(`- ${code(o.name)} (${o.planes.join(', ')})`);
  if (matched.length > 10) out.push(`- … +${matched.length - 10} more`);
  out.push('', azureDataFooter());
  return out.join('\n');
}

export function explainPermission(permission: string): string {
  if (permission.includes('*')) return explainPattern(permission);
  const g = rolesGranting(permission);
  const op = g.operation;
  const out: string[] = [];
  const roles = (title: string, l: RoleGrant[]): void => {
    out.push(`**${title}:** ${l.length} of ${g.total} built-in roles${l.length ? ', narrowest first' : ''}`, '');
    for (const x of l.slice(0, 12)) out.push(`- ${text(x.role.name)} — via ${code(x.pattern)}${x.conditional ? ' (restricted by a condition)' : ''}`);
    if (l.length > 12) out.push(`- … +${l.length - 12} more (aks-iam who-grants lists all)`);
    if (l.length) out.push('');
  };
  if (op) {
    out.push(`**${code(op.name)}** — ${planeText(op)}`, '', text(op.description), '');
    if (op.planes.length === 1) {
      out.push(op.planes[0] === 'data'
        ? 'Granted only through `dataActions` of a role; `actions` patterns such as `*` or `*/read` never grant it.'
        : 'Granted through `actions` of a role; `dataActions` never grant it.', '');
    } else {
      out.push('Published both as an action and as a data action: `actions` grant the one, `dataActions` the other.', '');
    }
    if (op.planes.includes('control')) roles('Granted by actions', g.control);
    if (op.planes.includes('data')) roles('Granted by dataActions', g.data);
  } else {
    out.push(`**${code(g.permission)}** — permission`, '', `Not in the operations catalogue (${thousands(azureDataInfo().operations)} operations); its plane is unknown.`, '');
    roles('If it is an action, granted by actions', g.control);
    roles('If it is a data action, granted by dataActions', g.data);
  }
  const uses = aksUsesOf(permission);
  if (uses.length) {
    out.push('**Used by AKS identities**', '');
    for (const u of uses.slice(0, 5)) out.push(`- ${text(u.table)}: ${text(u.reason)}`);
    out.push('');
  }
  out.push(azureDataFooter());
  return out.join('\n');
}
