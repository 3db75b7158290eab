import * as vscode from 'vscode';
import { AccessEngine, accessTable, KNOWN_SUBRESOURCES, whoCan, type QuerySubject } from '../../core/access/index';
import { parseSubjectArgument, querySubjectLabel, subjectArgument, type Locator } from '../../core/access/describe';
import type { IdentityGraph } from '../../core/identity/graph';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import { pick } from '../palette/pick';
import { accessNodes, AccessTree, whoCanNodes, type Node } from './tree';

export const WHO_CAN_COMMAND = 'aksIam.whoCan';
export const SHOW_ACCESS_COMMAND = 'aksIam.showAccess';
const VIEW = 'aksIam.access';

export interface AccessDeps {
  index(): WorkspaceIndex;
  graph(): IdentityGraph | null;
  whenIdle(): Promise<void>;
}

const VERBS: [string, string][] = [
  ['get', 'read one object'], ['list', 'read every object (Secrets: their contents)'], ['watch', 'follow changes'], ['create', 'make new objects'],
  ['update', 'replace objects'], ['patch', 'change fields'], ['delete', 'remove one object'], ['deletecollection', 'remove every object'],
  ['bind', 'bind a role (RBAC)'], ['escalate', 'write a role with more than one holds (RBAC)'], ['impersonate', 'act as a user, group or ServiceAccount'], ['use', 'use a policy'],
];

/** `[All it can do](command:…)` for the ServiceAccount hover: runs the access query for that ServiceAccount. */
export function serviceAccountAccessLink(sa: { namespace: string; name: string }): string {
  const args = encodeURIComponent(JSON.stringify([`system:serviceaccount:${sa.namespace}:${sa.name}`]));
  return `[All it can do](command:${SHOW_ACCESS_COMMAND}?${args} "Show the access of ${sa.namespace}/${sa.name}")`;
}

/** Every rendered row, for the end-to-end tests: labels and descriptions, depth-first. */
function flatten(nodes: Node[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...flatten(n.children ?? [], depth + 1)]);
}

function locator(index: WorkspaceIndex): Locator {
  return { index, display: (f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f), false) };
}

async function askWhoCan(engine: AccessEngine, index: WorkspaceIndex): Promise<{ verb: string; resource: string; namespace: string | null } | undefined> {
  const verb = await pick(VERBS.map(([label, detail]) => ({ label, detail })), { title: 'Who can… (1/3): verb', placeholder: 'get, list, create, delete, bind, impersonate…' });
  const verbText = verb?.item?.label ?? verb?.value.trim();
  if (!verbText) return undefined;
  const resources = engine.knownResources();
  const items = resources.flatMap((r) => {
    const name = r.group ? `${r.resource}.${r.group}` : r.resource;
    const detail = `${r.origin === 'workspace' ? 'CustomResourceDefinition of this workspace' : 'built-in'}, ${r.namespaced ? 'namespaced' : 'cluster-scoped'}`;
    const subs = r.origin === 'builtin' && r.group !== 'metrics.k8s.io' ? (KNOWN_SUBRESOURCES[r.resource] ?? []) : [];
    return [{ label: name, detail }, ...subs.map((s) => ({ label: `${name}/${s}`, detail: 'subresource' }))];
  });
  // Workspace resources first, then the ones asked about most.
  const first = ['secrets', 'pods', 'pods/exec', 'configmaps', 'serviceaccounts/token', 'deployments.apps', 'roles.rbac.authorization.k8s.io', 'clusterroles.rbac.authorization.k8s.io'];
  items.sort((a, b) => rank(a.label) - rank(b.label));
  function rank(l: string): number {
    const i = first.indexOf(l);
    const ws = resources.some((r) => r.origin === 'workspace' && l.startsWith(`${r.resource}.${r.group}`));
    return ws ? -1 : i >= 0 ? i : first.length;
  }
  items.push({ label: '/healthz', detail: 'non-resource URL' }, { label: '/metrics', detail: 'non-resource URL' });
  const res = await pick(items, { title: `Who can ${verbText}… (2/3): resource`, placeholder: 'secrets, pods/exec, deployments.apps, a CRD plural, or a URL like /healthz', matchOnDetail: false });
  const resource = res?.item?.label ?? res?.value.trim();
  if (!resource) return undefined;
  const namespaces = new Set<string>();
  for (const f of index.files()) for (const o of f.objects) if (o.namespace) namespaces.add(o.namespace);
  const nsItems = [{ label: 'any namespace', detail: 'each holder with where it holds it' }, ...[...namespaces].sort().map((n) => ({ label: n, detail: 'namespace of this workspace' }))];
  const ns = await pick(nsItems, { title: `Who can ${verbText} ${resource}… (3/3): namespace`, placeholder: 'a namespace, or any' });
  if (!ns) return undefined;
  const nsText = ns.item?.label ?? ns.value.trim();
  return { verb: verbText, resource, namespace: !nsText || nsText === 'any namespace' ? null : nsText };
}

/** `AKS IAM: Who can…` and the access query, answered in the Access view of the AKS IAM side bar. */
export function registerAccess(deps: AccessDeps): vscode.Disposable {
  const tree = new AccessTree();
  const view = vscode.window.createTreeView(VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const engine = () => new AccessEngine(deps.index(), { graph: deps.graph() });
  // What the view now shows, for the end-to-end tests: its rows, and the click command of each grant path's row.
  const present = async (nodes: Node[]): Promise<{ rows: string[]; clicks: unknown[][] }> => {
    tree.show(nodes);
    await vscode.commands.executeCommand(`${VIEW}.focus`);
    const clicks: unknown[][] = [];
    const walk = (ns: Node[]) => ns.forEach((n) => {
      const c = tree.getTreeItem(n).command;
      if (c) clicks.push([c.command, ...(c.arguments ?? [])]);
      walk(n.children ?? []);
    });
    walk(nodes);
    return { rows: flatten(nodes), clicks };
  };
  return vscode.Disposable.from(
    tree,
    view,
    vscode.commands.registerCommand(WHO_CAN_COMMAND, async (verb?: string, resource?: string, namespace?: string | null) => {
      await deps.whenIdle();
      const index = deps.index();
      const e = engine();
      const asked = verb && resource ? { verb, resource, namespace: namespace ?? null } : await askWhoCan(e, index);
      if (!asked) return undefined;
      const answer = whoCan(e, { verb: asked.verb.toLowerCase(), target: e.target(asked.resource), namespace: asked.namespace, name: null });
      return present(whoCanNodes(answer, locator(index)));
    }),
    vscode.commands.registerCommand(SHOW_ACCESS_COMMAND, async (subject?: string) => {
      await deps.whenIdle();
      const e = engine();
      let who: QuerySubject | null = subject ? parseSubjectArgument(subject, deps.graph()) : null;
      if (!who) {
        const picked = await pick(e.candidates().map((s) => ({ label: querySubjectLabel(s), detail: subjectArgument(s), subject: s })), { title: 'Access of…', placeholder: 'a ServiceAccount, user, group or Entra principal' });
        who = picked?.item?.subject ?? (picked?.value ? parseSubjectArgument(picked.value, deps.graph()) : null);
      }
      if (!who) return undefined;
      return present(accessNodes(accessTable(e, who)));
    }),
    vscode.commands.registerCommand('aksIam.access.open', async (uri: string, start: number, end: number) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(doc, { preview: true });
      editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
}
