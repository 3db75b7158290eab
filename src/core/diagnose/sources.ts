/**
 * What the diagnosis compares a failed sign-in with, gathered into one shape from the three places that know it:
 * the workspace's manifests (ServiceAccounts and their client-id annotation), infrastructure code (identities,
 * federated credentials, clusters, Terraform ServiceAccounts) and the identity graph (a snapshot or live Azure).
 * A value not written literally is null, never guessed.
 */
import type { IdentityGraph } from '../identity/graph';
import type { IacFacts, IacSpan, IacValue } from '../iac/types';
import type { WorkspaceIndex } from '../index/workspace-index';
import { entry, entryValue } from '../model/objects';
import { WI } from '../model/workload-identity';
import { LineIndex } from '../text/line-index';

/** A place to open: 0-based line and character of a workspace file. */
export interface Location {
  file: string;
  line: number;
  character: number;
}

export type Origin = 'manifest' | 'code' | 'snapshot' | 'azure';

export interface KnownServiceAccount {
  namespace: string;
  name: string;
  /** The client-id annotation's literal value; null when absent or not literal. */
  clientId: string | null;
  /** The identity the annotation refers to in infrastructure code (Terraform `…client_id`), when it does. */
  identityKey: string | null;
  at: Location | null;
  clientIdAt: Location | null;
  origin: Origin;
}

export interface Field {
  /** The literal value; null when unknown or a reference. */
  value: string | null;
  /** A reference to this cluster's OIDC issuer (its `key`): right by construction unless the issuer is off. */
  issuerOf: string | null;
  at: Location | null;
}

export interface KnownCredential {
  name: string | null;
  identity: KnownIdentity;
  issuer: Field;
  subject: Field;
  /** Null when the list itself is unknown. */
  audiences: Field[] | null;
  at: Location | null;
  origin: Origin;
}

export interface KnownIdentity {
  /** Code address or Azure id: unique among the sources. */
  key: string;
  name: string | null;
  clientId: string | null;
  resourceGroup: string | null;
  at: Location | null;
  origin: Origin;
  credentials: KnownCredential[];
  /** The credentials were not loaded (Azure could not list them): absence proves nothing. */
  credentialsUnknown: boolean;
}

export interface KnownCluster {
  key: string;
  name: string | null;
  issuerUrl: string | null;
  oidcIssuerEnabled: boolean | null;
  workloadIdentityEnabled: boolean | null;
  at: Location | null;
  origin: Origin;
}

/** A workload whose ServiceAccount has a client-id but whose pods lack the label the webhook acts on. */
export interface UnlabelledWorkload {
  kind: string;
  namespace: string;
  name: string;
  serviceAccount: string;
  at: Location | null;
}

export interface DiagnoseSources {
  serviceAccounts: KnownServiceAccount[];
  identities: KnownIdentity[];
  clusters: KnownCluster[];
  unlabelledWorkloads: UnlabelledWorkload[];
}

export interface SourceInputs {
  index?: WorkspaceIndex | null;
  graph?: IdentityGraph | null;
  iac?: IacFacts | null;
  /** The text of an infrastructure file, to turn its offsets into lines. */
  textOf?: (file: string) => string | undefined;
}

export function gatherSources(inputs: SourceInputs): DiagnoseSources {
  const out: DiagnoseSources = { serviceAccounts: [], identities: [], clusters: [], unlabelledWorkloads: [] };
  if (inputs.index) fromManifests(inputs.index, out);
  if (inputs.iac) fromCode(inputs.iac, inputs.textOf ?? (() => undefined), out);
  if (inputs.graph) fromGraph(inputs.graph, out);
  return out;
}

function fromManifests(index: WorkspaceIndex, out: DiagnoseSources): void {
  for (const o of index.ofKind('ServiceAccount')) {
    if (!o.name || !o.namespace) continue;
    const lines = index.getFile(o.file)?.lines;
    const loc = (offset: number | undefined): Location | null => {
      if (offset === undefined || !lines) return null;
      const p = lines.positionAt(offset);
      return { file: o.file, line: p.line, character: p.character };
    };
    const pair = entry(o.annotations, WI.clientId);
    out.serviceAccounts.push({
      namespace: o.namespace,
      name: o.name,
      clientId: entryValue(o.annotations, WI.clientId)?.trim().toLowerCase() || null,
      identityKey: null,
      at: loc(o.nameNode?.start ?? o.kindNode?.start),
      clientIdAt: loc(pair?.value?.start),
      origin: 'manifest',
    });
  }
  const annotated = new Set(out.serviceAccounts.filter((s) => s.clientId).map((s) => `${s.namespace}/${s.name}`));
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet']) {
    for (const o of index.ofKind(kind)) {
      if (!o.name || !o.namespace) continue;
      for (const p of o.podSpecs) {
        if (!p.serviceAccountName || !annotated.has(`${o.namespace}/${p.serviceAccountName}`)) continue;
        if (entryValue(p.labels, WI.use) === 'true') continue;
        const at = o.nameNode ? index.getFile(o.file)?.lines.positionAt(o.nameNode.start) : undefined;
        out.unlabelledWorkloads.push({ kind, namespace: o.namespace, name: o.name, serviceAccount: p.serviceAccountName, at: at ? { file: o.file, ...at } : null });
      }
    }
  }
}

function fromCode(facts: IacFacts, textOf: (file: string) => string | undefined, out: DiagnoseSources): void {
  const lineIndexes = new Map<string, LineIndex | null>();
  const loc = (span: IacSpan | undefined): Location | null => {
    if (!span) return null;
    let li = lineIndexes.get(span.file);
    if (li === undefined) {
      const text = textOf(span.file);
      li = text === undefined ? null : new LineIndex(text);
      lineIndexes.set(span.file, li);
    }
    if (!li) return null;
    const p = li.positionAt(span.start);
    return { file: span.file, line: p.line, character: p.character };
  };
  const lit = (v: IacValue | undefined): string | null => (v && v.kind === 'literal' ? v.value : null);
  // Quick fixes edit where the literal is written, so that is where a diagnosis points too.
  const field = (v: IacValue): Field => ({
    value: lit(v),
    issuerOf: v.kind === 'ref' && v.attribute === 'oidcIssuerUrl' ? v.target : null,
    at: loc(v.kind === 'literal' ? v.origin ?? v.span : v.span),
  });

  const identities = new Map<string, KnownIdentity>();
  for (const f of facts.identities) {
    const id: KnownIdentity = {
      key: f.address, name: lit(f.name), clientId: null, resourceGroup: lit(f.resourceGroup),
      at: loc(f.headerSpan), origin: 'code', credentials: [], credentialsUnknown: false,
    };
    identities.set(f.address, id);
    out.identities.push(id);
  }
  for (const f of facts.federatedCredentials) {
    const parent = f.parent.kind === 'ref' ? identities.get(f.parent.target) : undefined;
    if (!parent) continue;
    parent.credentials.push({
      name: lit(f.name),
      identity: parent,
      issuer: field(f.issuer),
      subject: field(f.subject),
      audiences: f.audiences.kind === 'list' ? f.audiences.items.map(field) : null,
      at: loc(f.headerSpan),
      origin: 'code',
    });
  }
  for (const c of facts.clusters) {
    const b = (v: IacValue<boolean>): boolean | null => (v.kind === 'literal' ? v.value : null);
    out.clusters.push({
      key: c.address, name: lit(c.name), issuerUrl: null, oidcIssuerEnabled: b(c.oidcIssuerEnabled),
      workloadIdentityEnabled: b(c.workloadIdentityEnabled), at: loc(c.headerSpan), origin: 'code',
    });
  }
  for (const s of facts.serviceAccounts) {
    const ns = lit(s.namespace);
    const name = lit(s.name);
    if (!ns || !name) continue;
    const ann = s.annotations.kind === 'map' ? s.annotations.entries.find((e) => e.key === WI.clientId) : undefined;
    out.serviceAccounts.push({
      namespace: ns, name,
      clientId: ann ? lit(ann.value)?.toLowerCase() ?? null : null,
      identityKey: ann && ann.value.kind === 'ref' && ann.value.attribute === 'clientId' ? ann.value.target : null,
      at: loc(s.name.span), clientIdAt: ann ? loc(ann.value.span) : null, origin: 'code',
    });
  }
}

function fromGraph(graph: IdentityGraph, out: DiagnoseSources): void {
  const origin: Origin = graph.source;
  for (const i of graph.identities) {
    const id: KnownIdentity = {
      key: i.id, name: i.name, clientId: i.clientId.toLowerCase(), resourceGroup: i.resourceGroup, at: null,
      origin, credentials: [], credentialsUnknown: i.federatedCredentials === null,
    };
    const plain = (value: string): Field => ({ value, issuerOf: null, at: null });
    for (const c of i.federatedCredentials ?? []) {
      id.credentials.push({ name: c.name, identity: id, issuer: plain(c.issuer), subject: plain(c.subject), audiences: c.audiences.map(plain), at: null, origin });
    }
    out.identities.push(id);
  }
  for (const c of graph.clusters) {
    out.clusters.push({
      key: c.id, name: c.name, issuerUrl: c.oidcIssuerUrl, oidcIssuerEnabled: c.oidcIssuerEnabled,
      workloadIdentityEnabled: c.workloadIdentityEnabled, at: null, origin,
    });
  }
}
