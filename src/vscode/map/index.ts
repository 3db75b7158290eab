import * as vscode from 'vscode';
import { mapNamespaces, workloadsOf, type MapTarget } from '../../core/map/index';
import { IdentityMapPanel, type MapHost } from './map-panel';

export const SHOW_MAP_COMMAND = 'aksIam.showIdentityMap';

/** The hover's command link that opens the map of one ServiceAccount. */
export function serviceAccountMapLink(sa: { namespace: string; name: string }): string {
  const target: MapTarget = { kind: 'service-account', namespace: sa.namespace, name: sa.name };
  return `[Show identity map](command:${SHOW_MAP_COMMAND}?${encodeURIComponent(JSON.stringify([target]))} "Draw this ServiceAccount's workloads, cloud identity and bindings")`;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * What a command argument asks for: a map target (hover links, tests), or a node of the AKS IAM view (a managed
 * identity: the ServiceAccounts using its client-id; a cluster: the whole workspace; a workspace ServiceAccount).
 */
export function targetFromArgument(arg: unknown): MapTarget | null {
  if (!arg || typeof arg !== 'object') return null;
  const a = arg as Record<string, unknown>;
  switch (a.kind) {
    case 'workspace': return { kind: 'workspace' };
    case 'namespace': return str(a.namespace) ? { kind: 'namespace', namespace: a.namespace } : null;
    case 'service-account': return str(a.namespace) && str(a.name) ? { kind: 'service-account', namespace: a.namespace, name: a.name } : null;
    case 'identity': return str(a.clientId) ? { kind: 'identity', clientId: a.clientId } : null;
    case 'workload': return str(a.namespace) && str(a.name) && str(a.workloadKind) ? { kind: 'workload', namespace: a.namespace, workloadKind: a.workloadKind, name: a.name } : null;
  }
  const sa = a.serviceAccount as Record<string, unknown> | undefined;
  if (sa && str(sa.namespace) && str(sa.name)) return { kind: 'service-account', namespace: sa.namespace, name: sa.name };
  const identity = a.identity as Record<string, unknown> | undefined;
  if (identity && str(identity.clientId)) return { kind: 'identity', clientId: identity.clientId };
  if (a.cluster && typeof a.cluster === 'object') return { kind: 'workspace' };
  return null;
}

type Pick = vscode.QuickPickItem & { target: MapTarget };

async function pickTarget(host: MapHost): Promise<MapTarget | undefined> {
  await host.whenIdle();
  const index = host.analyzer().index;
  const items: Pick[] = [{ label: '$(globe) Whole workspace', description: 'every workload and ServiceAccount', target: { kind: 'workspace' } }];
  const namespaces = mapNamespaces(index);
  if (namespaces.length) items.push({ label: 'Namespaces', kind: vscode.QuickPickItemKind.Separator, target: { kind: 'workspace' } });
  for (const ns of namespaces) items.push({ label: `$(symbol-namespace) ${ns}`, description: 'namespace', target: { kind: 'namespace', namespace: ns } });
  const workloads = workloadsOf(index).filter((o) => o.namespace && o.name && o.kind);
  if (workloads.length) items.push({ label: 'Workloads', kind: vscode.QuickPickItemKind.Separator, target: { kind: 'workspace' } });
  const seen = new Set<string>();
  for (const o of workloads) {
    const key = `${o.kind}/${o.namespace}/${o.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ label: `$(symbol-class) ${o.kind} ${o.name}`, description: `in ${o.namespace}`, detail: vscode.workspace.asRelativePath(vscode.Uri.parse(o.file)), target: { kind: 'workload', namespace: o.namespace!, workloadKind: o.kind!, name: o.name! } });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'AKS IAM: Show identity map', placeHolder: 'Draw the map of the workspace, a namespace or a workload', matchOnDescription: true, matchOnDetail: true });
  return picked?.target;
}

/** Registers the identity map command: from the palette (with a quick pick), the ServiceAccount hover and the AKS IAM view. */
export function registerIdentityMap(host: MapHost): vscode.Disposable {
  const panel = new IdentityMapPanel(host);
  const command = vscode.commands.registerCommand(SHOW_MAP_COMMAND, async (arg?: unknown) => {
    const target = arg === undefined ? await pickTarget(host) : targetFromArgument(arg);
    if (!target) {
      if (arg !== undefined) host.log.warn(`identity map: cannot draw a map for ${JSON.stringify(arg)?.slice(0, 200)}`);
      return undefined;
    }
    await panel.show(target);
    // Tests read what is drawn; other callers ignore it.
    const map = panel.current;
    if (!map) return undefined;
    const label = (id: string) => map.nodes.find((n) => n.id === id)?.label;
    return {
      title: map.title,
      nodes: map.nodes.map((n) => n.label),
      broken: map.edges.filter((e) => e.problems.length).map((e) => `${label(e.from)} → ${label(e.to)}: ${e.problems.map((p) => p.ruleId).join(', ')}`),
    };
  });
  return vscode.Disposable.from(panel, command);
}
