import type { WorkspaceIndex } from '../../core/index/workspace-index';
import type { KObject } from '../../core/model/objects';
import { entryValue } from '../../core/model/objects';
import type { FederatedCredential, ManagedIdentity } from '../../core/identity/graph';
import { serviceAccountSubject, TOKEN_EXCHANGE_AUDIENCE } from '../../core/identity/lookup';
import { WI } from '../../core/model/workload-identity';
import { getPath, knownStr } from '../../core/yaml/node';

/** A ServiceAccount defined in the workspace, as the tree needs it. */
export interface WorkspaceServiceAccount {
  namespace: string;
  name: string;
  file: string;
  /** Offset of the object's name (or first byte), to reveal it. */
  offset: number;
  clientId: string | null;
  object: KObject;
}

/** `orders/orders-api`, how the tree names a ServiceAccount. */
export function saLabel(sa: { namespace: string; name: string }): string {
  return `${sa.namespace}/${sa.name}`;
}

// Every identity node asks; one scan per index version keeps a subscription with hundreds of identities cheap.
const memo = new WeakMap<WorkspaceIndex, { version: number; list: WorkspaceServiceAccount[] }>();

export function workspaceServiceAccounts(index: WorkspaceIndex): WorkspaceServiceAccount[] {
  const hit = memo.get(index);
  if (hit && hit.version === index.version) return hit.list;
  const list = scan(index);
  memo.set(index, { version: index.version, list });
  return list;
}

function scan(index: WorkspaceIndex): WorkspaceServiceAccount[] {
  const out: WorkspaceServiceAccount[] = [];
  for (const o of index.ofKind('ServiceAccount')) {
    if (!o.name || o.namespace === null) continue;
    out.push({
      namespace: o.namespace, name: o.name, file: o.file,
      offset: (o.nameNode ?? o.root).start,
      clientId: entryValue(o.annotations, WI.clientId),
      object: o,
    });
  }
  return out.sort((a, b) => saLabel(a).localeCompare(saLabel(b)) || a.file.localeCompare(b.file));
}

/** Workspace ServiceAccounts whose client-id annotation names this identity (GUIDs compare case-insensitively). */
export function serviceAccountsUsing(index: WorkspaceIndex, clientId: string): WorkspaceServiceAccount[] {
  const want = clientId.toLowerCase();
  return workspaceServiceAccounts(index).filter((sa) => sa.clientId?.toLowerCase() === want);
}

/** The workspace ServiceAccount a federated credential's subject names, if any. */
export function serviceAccountForSubject(index: WorkspaceIndex, subject: string): WorkspaceServiceAccount | null {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
  if (!m) return null;
  return workspaceServiceAccounts(index).find((sa) => sa.namespace === m[1] && sa.name === m[2]) ?? null;
}

/**
 * Workspace ServiceAccounts that use the identity but have no credential for their subject with the
 * token-exchange audience (the issuer is the cluster's business; the lint rule judges it).
 */
export function serviceAccountsLackingCredential(index: WorkspaceIndex, identity: ManagedIdentity, fics: FederatedCredential[]): WorkspaceServiceAccount[] {
  return serviceAccountsUsing(index, identity.clientId).filter((sa) => {
    const subject = serviceAccountSubject(sa.namespace, sa.name);
    return !fics.some((f) => f.subject === subject && f.audiences.includes(TOKEN_EXCHANGE_AUDIENCE));
  });
}

/** A SecretProviderClass of the workspace (secrets-store CSI driver, Azure provider), as the tree names it. */
export interface WorkspaceProviderClass {
  namespace: string | null;
  name: string;
  file: string;
  offset: number;
}

/** `namespace/name` of a class (just the name when its namespace is unknown). */
export function classLabel(c: WorkspaceProviderClass): string {
  return c.namespace ? `${c.namespace}/${c.name}` : c.name;
}

/** Azure SecretProviderClasses of the workspace whose `clientID` is this identity's (case-insensitive). */
export function providerClassesUsing(index: WorkspaceIndex, clientId: string): WorkspaceProviderClass[] {
  const want = clientId.toLowerCase();
  const out: WorkspaceProviderClass[] = [];
  for (const o of index.ofKind('SecretProviderClass')) {
    if (!o.name || !(o.apiVersion ?? '').startsWith('secrets-store.csi.x-k8s.io/')) continue;
    if (knownStr(getPath(o.root, ['spec', 'provider'])) !== 'azure') continue;
    if (knownStr(getPath(o.root, ['spec', 'parameters', 'clientID']))?.trim().toLowerCase() !== want) continue;
    out.push({ namespace: o.namespace, name: o.name, file: o.file, offset: (o.nameNode ?? o.root).start });
  }
  return out.sort((a, b) => classLabel(a).localeCompare(classLabel(b)) || a.file.localeCompare(b.file));
}
