// `aks-iam check-cluster` as Markdown, for the command palette and the Azure view's cluster nodes: each identity's
// documented requirements, what grants them or the command that would.
import type { ClusterIdentity } from '../identity/graph';
import { groupResults, type ClusterPermissions, type PermissionStatus, type RequirementGroup } from '../permissions';
import { commandLine, SHELL_LABEL, type Shell } from '../text/shell';
import { code, text } from './markdown';

const MARK: Record<PermissionStatus, string> = { granted: '✓ granted', missing: '✗ missing', assumed: '~ assumed', unknown: '? unknown' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function identityHeading(kind: 'controlPlane' | 'kubelet', ci: ClusterIdentity | null, principal: string | null): string {
  const title = kind === 'controlPlane' ? 'Control-plane identity' : 'Kubelet identity';
  if (!ci) return `## ${title}: none known`;
  const what = ci.resourceId ? ci.resourceId.split('/').pop()! : ci.type;
  return `## ${title}: ${text(what)} (object id ${code(principal ?? 'unknown')})`;
}

function groupLines(g: RequirementGroup, shell: Shell): string[] {
  const out = ['', `### ${MARK[g.status].split(' ')[0]} ${text(g.title)}`, '', `Scope: ${code(g.scope)}`];
  if (g.status === 'assumed') {
    out.push('', `${plural(g.rows.length, 'permission')} assumed: ${text(g.rows.find((r) => r.note)?.note ?? 'granted by AKS')}.`);
    return out;
  }
  out.push('', '| Permission | Status | How |', '| --- | --- | --- |');
  for (const r of g.rows) {
    const how = r.grantedBy ? `${text(r.grantedBy.roleName)} at ${code(r.grantedBy.scope)}` : text(r.note ?? (r.status === 'missing' ? 'no role assignment of the identity grants it here' : ''));
    out.push(`| ${code(r.requirement.permission)} | ${MARK[r.status]} | ${how} |`);
  }
  if (g.status === 'missing' || g.status === 'unknown') {
    for (const reason of new Set(g.rows.map((r) => r.requirement.reason))) out.push('', `Why: ${text(reason)}`);
  }
  if (g.fixArgs) out.push('', `Fix (${text(g.suggestedRole ?? 'role')}, ${SHELL_LABEL[shell]}):`, '', '```' + (shell === 'powershell' ? 'powershell' : 'sh'), commandLine(g.fixArgs, shell), '```');
  return out;
}

/** The check of one cluster's identities as a Markdown document; `source` says where the data came from. */
export function clusterCheckMarkdown(r: ClusterPermissions, source: string, shell: Shell = 'posix'): string {
  const c = r.cluster;
  const unknown = r.results.filter((x) => x.status === 'unknown').length;
  const tail = r.missing ? `**${plural(r.missing, 'missing permission')}**` : 'No required permission is missing';
  const out = [
    `# Required permissions of cluster ${text(c.name)}`,
    '',
    `Resource group ${code(c.resourceGroup)}, node resource group ${code(c.nodeResourceGroup ?? 'unknown')}. From ${text(source)}.`,
    '',
    unknown ? `${tail}; ${plural(unknown, 'permission')} could not be checked.` : `${tail}.`,
  ];
  const groups = groupResults(r);
  for (const kind of ['controlPlane', 'kubelet'] as const) {
    const ci = kind === 'controlPlane' ? c.controlPlaneIdentity : c.kubeletIdentity;
    const principal = r.results.find((x) => x.identity === kind)?.principalId ?? ci?.principalId ?? null;
    out.push('', identityHeading(kind, ci, principal));
    const mine = groups.filter((g) => g.identity === kind);
    if (!mine.length) out.push('', kind === 'kubelet' && ci ? 'No requirement applies (no attached registry found).' : 'No requirement applies.');
    for (const g of mine) out.push(...groupLines(g, shell));
  }
  return out.join('\n') + '\n';
}
