import type { AksCluster, ClusterIdentity, IdentityGraph } from '../../core/identity/graph';
import { commandLine, type Shell } from '../../core/text/shell';
import { checkClusterPermissions, findCluster, groupResults, isLookupError, resolveRegistries, type ClusterLookupError, type ClusterPermissions, type PermissionStatus, type RequirementGroup } from '../../core/permissions';
import { last, parseArgs, UsageError } from '../args';
import { LIVE_BOOLEAN_FLAGS, liveOptionsUsage, LIVE_VALUE_FLAGS, liveSettings } from '../azure-options';
import { EXIT_CODES_LIVE } from '../azure-messages';
import { cloudHooks } from '../cloud-hooks';
import { InputError } from '../files';
import type { Io } from '../io';

export const CHECK_CLUSTER_USAGE = `Usage: aks-iam check-cluster <cluster name, resource-group/name or id> --subscription <id> [options]
       aks-iam check-cluster <cluster name, resource-group/name or id> --snapshot <file|dir> [options]

Checks the documented permissions of an AKS cluster's control-plane and kubelet identities that apply to
it (custom subnet, route table, NSG, private DNS zone, kubelet identity outside the node resource group,
pulls from attached registries) against the role assignments read from Azure or from a snapshot.

A registry counts as attached when the kubelet identity has a role assignment on it, or when --acr names it.

Options:
  --subscription <id>     read the cluster, identities, role assignments and custom roles of this subscription
                          from Azure (repeatable; signs in with DefaultAzureCredential: az login, environment
                          variables, workload identity, managed identity); a cluster's id names its own
  --snapshot <file|dir>   identity data saved from the Azure CLI (az aks show, az role assignment list --all,
                          az identity list, az acr list, az network vnet list, az role definition list)
${liveOptionsUsage(22)}
  --acr <name|id>         a registry the cluster pulls from (repeatable)
  --format text|json      output format (default: text)
  --shell bash|powershell quoting of the printed fix commands (default: powershell on Windows, else bash;
                          zsh and sh read the bash form)
  --all                   list each permission AKS grants in the node resource group

Read from Azure, the cluster's subnets (their route table and network security group) and the container
registries of its subscription (--acr by name, and whether a registry uses ABAC repository permissions)
are read too; one the credential may not read is named on stderr and left out of the check.

Exit codes: 0 nothing required is missing, 1 something is missing, 2 usage or input error,
${EXIT_CODES_LIVE}.
`;

const MARK: Record<PermissionStatus, string> = { granted: '✓', missing: '✗', assumed: '~', unknown: '?' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function identityLine(kind: 'controlPlane' | 'kubelet', ci: ClusterIdentity | null, principal: string | null): string {
  const title = kind === 'controlPlane' ? 'Control-plane identity' : 'Kubelet identity';
  if (!ci) return `${title}: none in the snapshot`;
  const what = ci.resourceId ? ci.resourceId.split('/').pop() : ci.type;
  return `${title} (${what}, object id ${principal ?? 'unknown'})`;
}

function groupLines(g: RequirementGroup, all: boolean, shell: Shell): string[] {
  if (g.status === 'assumed' && !all) {
    return [`  ~ ${g.title}: ${plural(g.rows.length, 'permission')} assumed (${g.rows.find((r) => r.note)?.note ?? 'granted by AKS'}; --all lists them)`];
  }
  const out = [`  ${MARK[g.status]} ${g.title}`, `      scope: ${g.scope}`];
  const w = Math.max(...g.rows.map((r) => r.requirement.permission.length));
  for (const r of g.rows) {
    const how = r.grantedBy ? `granted by ${r.grantedBy.roleName} at ${r.grantedBy.scope}` : r.status === 'missing' ? `missing${r.note ? ` (${r.note})` : ''}` : r.status === 'assumed' ? 'assumed' : `unknown: ${r.note}`;
    out.push(`      ${MARK[r.status]} ${r.requirement.permission.padEnd(w)}  ${how}`);
  }
  if (g.status === 'missing' || g.status === 'unknown') {
    for (const reason of new Set(g.rows.map((r) => r.requirement.reason))) out.push(`      why: ${reason}`);
  }
  if (g.fixArgs) out.push(`      fix (${g.suggestedRole}): ${commandLine(g.fixArgs, shell)}`);
  else if (g.suggestedRole && g.status === 'missing') out.push(`      fix (${g.suggestedRole}): no command, the scope is not a valid Azure resource id: ${JSON.stringify(g.scope)}`);
  return out;
}

const SHELLS: Record<string, Shell> = { bash: 'posix', zsh: 'posix', sh: 'posix', posix: 'posix', powershell: 'powershell', pwsh: 'powershell' };

function formatText(r: ClusterPermissions, all: boolean, shell: Shell): string {
  const c: AksCluster = r.cluster;
  const lines = [`Cluster ${c.name} (resource group ${c.resourceGroup}, node resource group ${c.nodeResourceGroup ?? 'unknown'})`];
  const groups = groupResults(r);
  for (const kind of ['controlPlane', 'kubelet'] as const) {
    const mine = groups.filter((g) => g.identity === kind);
    const ci = kind === 'controlPlane' ? c.controlPlaneIdentity : c.kubeletIdentity;
    const principal = r.results.find((x) => x.identity === kind)?.principalId ?? ci?.principalId ?? null;
    lines.push('', identityLine(kind, ci, principal));
    if (!mine.length) {
      lines.push(kind === 'kubelet' && ci ? '  no requirement applies (no attached registry found; name one with --acr)' : '  no requirement applies');
      continue;
    }
    for (const g of mine) lines.push(...groupLines(g, all, shell));
  }
  const unknown = r.results.filter((x) => x.status === 'unknown').length;
  const tail = r.missing ? plural(r.missing, 'missing permission') : 'No required permission is missing';
  lines.push('', unknown ? `${tail}; ${plural(unknown, 'permission')} could not be checked` : tail);
  return lines.join('\n') + '\n';
}

function formatJson(r: ClusterPermissions): string {
  const c = r.cluster;
  const json = {
    cluster: { id: c.id, name: c.name, resourceGroup: c.resourceGroup, nodeResourceGroup: c.nodeResourceGroup },
    missing: r.missing,
    unknown: r.results.filter((x) => x.status === 'unknown').length,
    results: r.results,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** The lookup errors speak of "the snapshot"; read from Azure, they name the subscriptions that were read. */
function liveLookupMessage(e: ClusterLookupError, graph: IdentityGraph, ref: string, acr: string[]): string {
  const subs = graph.subscriptions.map((s) => s.id).join(', ');
  const where = `subscription${graph.subscriptions.length === 1 ? '' : 's'} ${subs}`;
  if (e.error === 'cluster-not-found') {
    const known = graph.clusters.map((c) => c.name);
    return `no cluster ${/^\/subscriptions\//i.test(ref.trim()) ? 'with id' : 'named'} ${ref} in ${where} (${known.length ? `it has ${known.join(', ')}` : 'it has no clusters'})`;
  }
  if (e.error === 'registry-not-found') {
    const missing = acr.find((a) => 'error' in resolveRegistries(graph, [a])) ?? acr.join(', ');
    return `no container registry named ${missing} in ${where}; pass its resource id for a registry elsewhere`;
  }
  return e.message;
}

/** `aks-iam check-cluster`: required permissions of a cluster's identities, from Azure or a snapshot. */
export async function checkClusterCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format', 'snapshot', 'acr', 'shell', ...LIVE_VALUE_FLAGS], boolean: ['help', 'all', ...LIVE_BOOLEAN_FLAGS] });
  if (args.flags.has('help')) {
    io.out(CHECK_CLUSTER_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const shellName = last(args, 'shell') ?? (process.platform === 'win32' ? 'powershell' : 'bash');
  const shell = SHELLS[shellName.toLowerCase()];
  if (!shell) throw new UsageError(`--shell must be bash or powershell, not "${shellName}"`);
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? `expected one cluster, got ${args.positionals.length}: ${args.positionals.join(' ')}` : 'missing <cluster name or id>');
  const snapshot = last(args, 'snapshot');
  const live = liveSettings(args);
  const ref = args.positionals[0];
  // A cluster's resource id names its subscription: no --subscription needed.
  const ownSub = /^\/subscriptions\/([^/]+)\//i.exec(ref.trim())?.[1];
  if (snapshot && live.subscriptions.length) throw new UsageError('--snapshot and --subscription exclude each other: read the cluster from a snapshot or from Azure');
  if (!snapshot && !live.subscriptions.length && ownSub) live.subscriptions.push(ownSub);
  if (!snapshot && !live.subscriptions.length) throw new UsageError('--subscription <id> (read from Azure) or --snapshot <file|dir> (saved az aks show and az role assignment list --all output) is required');
  const graph = snapshot
    ? await cloudHooks.loadSnapshot(snapshot, io.cwd, (m) => io.err(`aks-iam: ${m}\n`))
    : await import('../azure-live').then(({ readAzure, readSurroundings }) => readAzure(live, io, {
      federatedCredentials: false,
      more: (g, loader, warn) => {
        const c = findCluster(g, ref);
        return readSurroundings(g, 'error' in c ? [] : [c], loader, warn);
      },
    }));
  const result = checkClusterPermissions(graph, args.positionals[0], { registries: args.flags.get('acr') ?? [] });
  if (isLookupError(result)) throw new InputError(snapshot ? result.message : liveLookupMessage(result, graph, ref, args.flags.get('acr') ?? []));
  io.out(format === 'json' ? formatJson(result) : formatText(result, args.flags.has('all'), shell));
  return result.missing ? 1 : 0;
}
