import * as vscode from 'vscode';
import { clusterCheckMarkdown } from '../../core/explain/check-cluster';
import type { IdentityGraph } from '../../core/identity/graph';
import { checkClusterPermissions, isLookupError } from '../../core/permissions';
import { shellOf } from '../../core/text/shell';
import type { AnswerDocuments } from './document';
import { pick } from './pick';

/** The cluster id a command argument names: a tree node of the Azure view (it carries `cluster`), or a string. */
export function clusterRefOf(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  const c = (arg as { cluster?: { id?: unknown } } | null | undefined)?.cluster;
  return typeof c?.id === 'string' ? c.id : null;
}

/** The graph behind a tree node: a snapshot's, or what the live source has loaded. */
function graphOfNode(arg: unknown): IdentityGraph | null {
  const source = (arg as { env?: { source?: { graph?: unknown } } } | null | undefined)?.env?.source;
  const g = typeof source?.graph === 'function' ? (source.graph as () => unknown).call(source) : source?.graph;
  return g && typeof g === 'object' && Array.isArray((g as IdentityGraph).clusters) ? (g as IdentityGraph) : null;
}

/**
 * AKS IAM: Check a cluster's required permissions… — on the loaded snapshot or live Azure data; from the palette it
 * asks which cluster, from a cluster node of the Azure view it checks that one.
 */
export async function checkClusterCommand(docs: AnswerDocuments, currentGraph: () => IdentityGraph | null, arg?: unknown): Promise<vscode.Uri | undefined> {
  const graph = graphOfNode(arg) ?? currentGraph();
  if (!graph || !graph.clusters.length) {
    const load = 'Load identity snapshot…';
    const signIn = 'Sign in to Azure…';
    const answer = await vscode.window.showInformationMessage(
      graph ? 'The loaded identity data has no AKS cluster to check.' : 'Checking a cluster needs its identities and role assignments: load an identity snapshot or sign in to Azure first.',
      load, signIn,
    );
    if (answer === load) await vscode.commands.executeCommand('aksIam.azure.loadSnapshot');
    if (answer === signIn) await vscode.commands.executeCommand('aksIam.azure.signIn');
    return undefined;
  }
  let ref = clusterRefOf(arg);
  if (!ref) {
    const clusters = [...graph.clusters].sort((a, b) => a.name.localeCompare(b.name));
    const picked = await pick(clusters.map((c) => ({ label: c.name, description: c.resourceGroup, detail: c.id, id: c.id })), {
      title: 'AKS IAM: Check a cluster\'s required permissions', placeholder: 'The cluster whose control-plane and kubelet identities to check',
    });
    if (!picked?.item) return undefined;
    ref = picked.item.id;
  }
  const result = checkClusterPermissions(graph, ref);
  if (isLookupError(result)) {
    void vscode.window.showWarningMessage(`AKS IAM: ${result.message}`);
    return undefined;
  }
  const source = graph.source === 'snapshot' ? 'the identity snapshot' : 'Azure (signed in)';
  const shell = shellOf(vscode.env.shell);
  return docs.show(`Check cluster ${result.cluster.name}`, clusterCheckMarkdown(result, source, shell));
}
