import type { AksIdentityKind, RequirementKind } from './requirements';
import type { ClusterPermissions, PermissionResult, PermissionStatus } from './types';

/** The rows of one requirement on one resource for one identity (e.g. both subnet permissions). */
export interface RequirementGroup {
  identity: AksIdentityKind;
  id: RequirementKind;
  title: string;
  scope: string;
  status: PermissionStatus;
  rows: PermissionResult[];
  suggestedRole?: string;
  fixCommand?: string;
  fixArgs?: string[];
}

const RANK: Record<PermissionStatus, number> = { granted: 0, assumed: 1, unknown: 2, missing: 3 };

/** The status that matters most for a set of rows: any missing, else any unknown, else any assumed, else granted. */
export function worstStatus(statuses: PermissionStatus[]): PermissionStatus {
  return statuses.reduce<PermissionStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'granted');
}

/** Results grouped by identity, requirement and scope, in result order. */
export function groupResults(result: ClusterPermissions): RequirementGroup[] {
  const groups = new Map<string, RequirementGroup>();
  for (const r of result.results) {
    const k = `${r.identity}|${r.requirement.id}|${r.requirement.scope.toLowerCase()}`;
    let g = groups.get(k);
    if (!g) {
      g = { identity: r.identity, id: r.requirement.id, title: r.requirement.title, scope: r.requirement.scope, status: 'granted', rows: [] };
      groups.set(k, g);
    }
    g.rows.push(r);
    g.status = worstStatus([g.status, r.status]);
    g.suggestedRole ??= r.suggestedRole;
    g.fixCommand ??= r.fixCommand;
    g.fixArgs ??= r.fixArgs;
  }
  return [...groups.values()];
}
