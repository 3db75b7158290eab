import type { WorkspaceIndex } from '../index/workspace-index';
import { getPath, knownStr } from '../yaml/node';

/** A resource type the API server serves: its group ('' for core), plural name and whether it lives in namespaces. */
export interface ResourceType {
  group: string;
  resource: string;
  namespaced: boolean;
  /** Where it is known from: the built-in API, or a CustomResourceDefinition of the workspace. */
  origin: 'builtin' | 'workspace';
}

// The resources of a current Kubernetes API server (kubectl api-resources), by group; `!` marks cluster-scoped ones.
// users, groups and uids are what `impersonate` rules name (no objects are stored under them).
const BUILTIN: Record<string, string> = {
  '': 'bindings configmaps endpoints events limitranges persistentvolumeclaims pods podtemplates replicationcontrollers resourcequotas secrets serviceaccounts services !componentstatuses !namespaces !nodes !persistentvolumes !users !groups !uids',
  apps: 'controllerrevisions daemonsets deployments replicasets statefulsets',
  batch: 'cronjobs jobs',
  autoscaling: 'horizontalpodautoscalers',
  policy: 'poddisruptionbudgets',
  'networking.k8s.io': 'ingresses networkpolicies !ingressclasses !ipaddresses !servicecidrs',
  'discovery.k8s.io': 'endpointslices',
  'events.k8s.io': 'events',
  'coordination.k8s.io': 'leases',
  'rbac.authorization.k8s.io': 'rolebindings roles !clusterrolebindings !clusterroles',
  'authentication.k8s.io': '!tokenreviews !selfsubjectreviews',
  'authorization.k8s.io': 'localsubjectaccessreviews !selfsubjectaccessreviews !selfsubjectrulesreviews !subjectaccessreviews',
  'certificates.k8s.io': '!certificatesigningrequests !clustertrustbundles',
  'storage.k8s.io': 'csistoragecapacities !csidrivers !csinodes !storageclasses !volumeattachments',
  'scheduling.k8s.io': '!priorityclasses',
  'node.k8s.io': '!runtimeclasses',
  'admissionregistration.k8s.io': '!mutatingwebhookconfigurations !validatingwebhookconfigurations !validatingadmissionpolicies !validatingadmissionpolicybindings',
  'apiextensions.k8s.io': '!customresourcedefinitions',
  'apiregistration.k8s.io': '!apiservices',
  'flowcontrol.apiserver.k8s.io': '!flowschemas !prioritylevelconfigurations',
  'metrics.k8s.io': 'pods !nodes',
};

/** Subresources a request can name (`pods/exec`); who-can accepts others too, as the API server would reject them. */
export const KNOWN_SUBRESOURCES: Record<string, string[]> = {
  pods: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
  serviceaccounts: ['token'],
  nodes: ['proxy', 'status'],
  services: ['proxy', 'status'],
  deployments: ['scale', 'status'],
  statefulsets: ['scale', 'status'],
  replicasets: ['scale', 'status'],
  namespaces: ['finalize', 'status'],
  certificatesigningrequests: ['approval', 'status'],
};

// User-facing: a group a user may omit for a resource several groups serve is the one kubectl picks first.
const PREFERRED: Record<string, string> = { events: '', pods: '', nodes: '' };

export const builtinResources: readonly ResourceType[] = Object.entries(BUILTIN).flatMap(([group, list]) =>
  list.split(' ').map((r) => ({ group, resource: r.replace(/^!/, ''), namespaced: !r.startsWith('!'), origin: 'builtin' as const })),
);

/** Resource types a workspace defines with CustomResourceDefinitions (spec.group, spec.names.plural, spec.scope). */
export function workspaceResources(index: WorkspaceIndex): ResourceType[] {
  const out: ResourceType[] = [];
  for (const o of index.ofKind('CustomResourceDefinition')) {
    const group = knownStr(getPath(o.root, ['spec', 'group']));
    const plural = knownStr(getPath(o.root, ['spec', 'names', 'plural']));
    if (!group || !plural) continue;
    out.push({ group, resource: plural, namespaced: knownStr(getPath(o.root, ['spec', 'scope'])) !== 'Cluster', origin: 'workspace' });
  }
  return out;
}

/** What a who-can target names: a resource (with its group when known) or a non-resource URL. */
export type Target =
  | { kind: 'resource'; resource: string; subresource: string | null; type: ResourceType | null; group: string | null }
  | { kind: 'url'; url: string };

/**
 * Reads `pods`, `pods/exec`, `deployments.apps`, `deployments.apps/scale` or `/healthz`. The group comes from the
 * text (`<resource>.<group>`), else from the known resources; null when neither says (a resource no one defines).
 */
export function parseTarget(text: string, known: readonly ResourceType[]): Target {
  const t = text.trim();
  if (t.startsWith('/')) return { kind: 'url', url: t };
  const slash = t.indexOf('/');
  const head = (slash < 0 ? t : t.slice(0, slash)).toLowerCase();
  const subresource = slash < 0 ? null : t.slice(slash + 1).toLowerCase() || null;
  const dot = head.indexOf('.');
  if (dot > 0) {
    const resource = head.slice(0, dot);
    const group = head.slice(dot + 1);
    const type = known.find((k) => k.resource === resource && k.group === group) ?? null;
    return { kind: 'resource', resource, subresource, type, group };
  }
  const matches = known.filter((k) => k.resource === head);
  const pick = matches.find((k) => k.group === (PREFERRED[head] ?? k.group)) ?? matches[0] ?? null;
  return { kind: 'resource', resource: head, subresource, type: pick, group: pick ? pick.group : null };
}

/** `pods`, `deployments.apps`, `pods/exec` — how answers name a resource. */
export function targetLabel(t: Target): string {
  if (t.kind === 'url') return t.url;
  const base = t.group ? `${t.resource}.${t.group}` : t.resource;
  return t.subresource ? `${base}/${t.subresource}` : base;
}
