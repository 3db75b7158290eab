// What the Azure tree shows under a cluster's identities; pure, so the tree only maps it to TreeItems.
import { armParts } from './scope';
import { groupResults, worstStatus, type RequirementGroup } from './group';
import type { AksIdentityKind } from './requirements';
import type { ClusterPermissions, PermissionStatus } from './types';

export interface RequirementNode {
  label: string;
  description: string;
  /** The documented reason, then each permission with its state. */
  tooltip: string;
  status: PermissionStatus;
  /** Present on missing requirements: the "Copy fix command" action copies it. */
  fixCommand?: string;
  /** The fix command's argument list, for the editor to quote for the terminal's shell. */
  fixArgs?: string[];
}

export interface RequiredPermissionsNode {
  identity: AksIdentityKind;
  label: 'Required permissions';
  description: string;
  status: PermissionStatus;
  children: RequirementNode[];
}

const MARK: Record<PermissionStatus, string> = { granted: '✓', missing: '✗', assumed: '~', unknown: '?' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `resource group network-rg`, or the scope's own name for a resource. */
function scopeLabel(scope: string): string {
  const p = armParts(scope);
  if (/\/resourceGroups\/[^/]+$/i.test(scope)) return `resource group ${p.resourceGroup}`;
  if (/^\/subscriptions\/[^/]+$/i.test(scope)) return `subscription ${p.subscriptionId}`;
  if (scope.trim() === '/') return 'the root scope';
  return p.name;
}

function describe(g: RequirementGroup): string {
  const total = g.rows.length;
  switch (g.status) {
    case 'missing': {
      const n = g.rows.filter((r) => r.status === 'missing').length;
      return `${n} of ${plural(total, 'permission')} missing${g.suggestedRole ? ` · assign ${g.suggestedRole}` : ''}`;
    }
    case 'unknown':
      return 'cannot tell from the snapshot';
    case 'assumed':
      return `${plural(total, 'permission')} AKS grants itself`;
    case 'granted': {
      const by = [...new Set(g.rows.map((r) => `${r.grantedBy?.roleName} on ${scopeLabel(r.grantedBy?.scope ?? '')}`))];
      return `granted by ${by.join(', ')}`;
    }
  }
}

function tooltip(g: RequirementGroup): string {
  const reasons = [...new Set(g.rows.map((r) => r.requirement.reason))];
  let lines = g.rows.map((r) => {
    const how = r.grantedBy ? ` — ${r.grantedBy.roleName} at ${r.grantedBy.scope}` : r.note && r.status !== 'assumed' ? ` — ${r.note}` : '';
    return `${MARK[r.status]} ${r.requirement.permission}${how}`;
  });
  // The node resource group has dozens of rows; a tooltip that tall hides the point.
  const LIMIT = 8;
  if (lines.length > LIMIT + 1) lines = [...lines.slice(0, LIMIT), `… and ${lines.length - LIMIT} more`];
  const note = g.status === 'assumed' ? g.rows.find((r) => r.note)?.note : undefined;
  const why = g.status === 'assumed' ? `${note ?? 'Granted by AKS'}.` : reasons.join('\n');
  const parts = [why, lines.join('\n'), `Scope: ${g.scope}`];
  if (g.fixCommand) parts.push(`Fix: ${g.fixCommand}`);
  return parts.join('\n\n');
}

/** One "Required permissions" node per identity that has applicable requirements, one child per requirement. */
export function requiredPermissionNodes(result: ClusterPermissions): RequiredPermissionsNode[] {
  const groups = groupResults(result);
  const out: RequiredPermissionsNode[] = [];
  for (const identity of ['controlPlane', 'kubelet'] as const) {
    const mine = groups.filter((g) => g.identity === identity);
    if (!mine.length) continue;
    const rows = result.results.filter((r) => r.identity === identity);
    const missing = rows.filter((r) => r.status === 'missing').length;
    const unknown = rows.filter((r) => r.status === 'unknown').length;
    out.push({
      identity,
      label: 'Required permissions',
      description: missing ? `${missing} missing` : unknown ? `${unknown} unknown` : 'all granted',
      status: worstStatus(rows.map((r) => r.status)),
      children: mine.map((g) => ({
        label: g.title,
        description: describe(g),
        tooltip: tooltip(g),
        status: g.status,
        ...(g.fixCommand ? { fixCommand: g.fixCommand, fixArgs: g.fixArgs } : {}),
      })),
    });
  }
  return out;
}

/** For the cluster's description: "2 missing permissions", "1 permission unknown" or "required permissions granted". */
export function clusterPermissionSummary(result: ClusterPermissions): string {
  if (result.missing) return `${plural(result.missing, 'missing permission')}`;
  const unknown = result.results.filter((r) => r.status === 'unknown').length;
  if (unknown) return `${plural(unknown, 'permission')} unknown`;
  return 'required permissions granted';
}
