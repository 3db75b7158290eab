import type { FederatedCredential, RoleAssignment } from '../../core/identity/graph';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import type { Shell } from '../../core/text/shell';
import type { AzureError, Result } from '../../azure/errors';
import { errorView } from './error-model';
import { shortScope } from './scope-label';
import type { IdentitySource } from './sources';
import type { SourceKey } from './types';

/**
 * The identities tree without vscode: every node owns its children and loads them when asked (one
 * level at a time), and describes itself as an ItemView that the provider turns into a TreeItem.
 */

export interface ItemView {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: { id: string; color?: string };
  /** Space-separated words that menus match with `viewItem =~ /\bword\b/`. */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments?: unknown[] };
}

/** A row the source adds below its subscriptions (a tenant that needs its own sign-in). */
export interface SourceNotice {
  key: string;
  view: Omit<ItemView, 'collapsible'>;
}

export interface TreeEnv {
  source: IdentitySource;
  /** The current load's signal (aborted by refresh). */
  signal(): AbortSignal;
  workspace(): WorkspaceIndex | null;
  /** The integrated terminal's shell family, for commands shown in tooltips (default: bash/zsh). */
  shell?(): Shell;
  /** What tells a subscription apart when several tenants or accounts are listed (`Contoso · dev@contoso.com`). */
  origin?(subscriptionId: string): string | null;
  /** Rows to show after the subscriptions, read once they are listed. */
  notices?(): SourceNotice[];
}

/** One icon language for "all good" and "something is missing", wherever the tree says either. */
export const ICON = {
  ok: { id: 'pass', color: 'testing.iconPassed' },
  missing: { id: 'error', color: 'testing.iconFailed' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  unknown: { id: 'question', color: 'list.warningForeground' },
} as const;

export abstract class TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode | null, key: string) {
    this.id = parent ? `${parent.id}/${key}` : key;
  }

  abstract view(): ItemView;

  children(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}

/** A fixed node: messages, sign-in, flags. */
export class MessageNode extends TreeNode {
  constructor(parent: TreeNode | null, key: string, private readonly v: Omit<ItemView, 'collapsible'> & { collapsible?: ItemView['collapsible'] }, private readonly kids: TreeNode[] = []) {
    super(parent, key);
  }

  view(): ItemView {
    return { collapsible: this.kids.length ? 'expanded' : 'none', ...this.v };
  }

  override children(): Promise<TreeNode[]> {
    return Promise.resolve(this.kids);
  }
}

export class ErrorNode extends TreeNode {
  constructor(parent: TreeNode, readonly error: AzureError, readonly key: SourceKey, private readonly env: TreeEnv) {
    super(parent, `error:${key.level}`);
  }

  view(): ItemView {
    const e = errorView(this.error, this.key.level);
    return { label: e.label, description: e.description, tooltip: e.tooltip, icon: e.icon, contextValue: e.contextValue, collapsible: 'none', command: { ...e.action, arguments: [this] } };
  }

  /** Forgets the failed level so that the parent's next read asks Azure again. */
  retry(): void {
    this.env.source.invalidate(this.key);
  }
}

/** Children of a loaded level, or its error node, or a "none" node. */
export function listed<T>(parent: TreeNode, env: TreeEnv, key: SourceKey, r: Result<T[]>, make: (item: T) => TreeNode, none: string): TreeNode[] {
  if (!r.ok) return [new ErrorNode(parent, r.error, key, env)];
  if (r.value.length === 0) return [new MessageNode(parent, 'none', { label: none, contextValue: 'empty' })];
  return r.value.map(make);
}

export class RoleAssignmentNode extends TreeNode {
  constructor(parent: TreeNode, readonly assignment: RoleAssignment) {
    super(parent, `ra:${assignment.id.toLowerCase()}`);
  }

  view(): ItemView {
    const a = this.assignment;
    const guid = a.roleDefinitionId.split('/').pop() ?? a.roleDefinitionId;
    return {
      label: a.roleName ?? `Role ${guid}`,
      description: shortScope(a.scope),
      tooltip: [`${a.roleName ?? 'Role'} (${guid})`, `scope: ${a.scope}`, `assignment: ${a.id}`].join('\n'),
      icon: { id: 'shield' },
      contextValue: 'roleAssignment',
      collapsible: 'none',
    };
  }
}

/** The role assignments of one principal, read with the subscription's (one listing serves every principal). */
export async function roleAssignmentsOf(parent: TreeNode, env: TreeEnv, subscriptionId: string, principalId: string): Promise<TreeNode[]> {
  const key = { level: 'roleAssignments', subscriptionId } as const;
  const r = await env.source.roleAssignments(subscriptionId, env.signal());
  const mine: Result<RoleAssignment[]> = r.ok ? { ok: true, value: r.value.filter((a) => a.principalId.toLowerCase() === principalId.toLowerCase()) } : r;
  return listed(parent, env, key, mine, (a) => new RoleAssignmentNode(parent, a), 'No role assignments in this subscription');
}

/** Plain description of a subtree (expanding everything down to `depth`), for tests and diagnostics. */
export interface DescribedNode {
  label: string;
  description?: string;
  contextValue: string;
  icon?: string;
  children?: DescribedNode[];
}

export async function describeTree(nodes: TreeNode[], depth: number): Promise<DescribedNode[]> {
  const out: DescribedNode[] = [];
  for (const n of nodes) {
    const v = n.view();
    const d: DescribedNode = { label: v.label, contextValue: v.contextValue };
    if (v.description) d.description = v.description;
    if (v.icon) d.icon = v.icon.id;
    if (depth > 0 && v.collapsible !== 'none') d.children = await describeTree(await n.children(), depth - 1);
    out.push(d);
  }
  return out;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Federated credentials of an identity already at hand (a snapshot's, or a level the live source has read); null when not read yet. */
export function knownCredentials(env: TreeEnv, identity: { id: string; federatedCredentials: FederatedCredential[] | null }): FederatedCredential[] | null {
  return identity.federatedCredentials ?? env.source.peekCredentials(identity.id);
}
