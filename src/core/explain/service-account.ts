import { buildAccessModel, type Grant } from '../access/index';
import type { IacFacts, IacSpan } from '../iac/types';
import { codeFederationOf, codeIdentities } from '../identity/code-identities';
import type { IdentityGraph } from '../identity/graph';
import { identityByClientId, serviceAccountSubject } from '../identity/lookup';
import type { WorkspaceIndex } from '../index/workspace-index';
import { entryValue, type KObject } from '../model/objects';
import { readBinding } from '../model/rbac';
import { podSpecsUsing } from '../index/pod-queries';
import { risksOf } from './clusterrole';
import { code } from './markdown';

export interface ServiceAccountAt {
  namespace: string;
  name: string;
  /** The name's range in the file. */
  start: number;
  end: number;
}

const within = (n: { start: number; end: number } | null | undefined, offset: number) => !!n && offset >= n.start && offset <= n.end;

/** The ServiceAccount named at `offset`: its definition, a pod's serviceAccountName, or a binding subject. */
export function serviceAccountAt(index: WorkspaceIndex, path: string, offset: number): ServiceAccountAt | null {
  const file = index.getFile(path);
  if (!file) return null;
  for (const o of file.objects) {
    if (offset < o.doc.start || offset > o.doc.end) continue;
    if (o.kind === 'ServiceAccount' && o.name && o.namespace !== null && within(o.nameNode, offset)) {
      return { namespace: o.namespace, name: o.name, start: o.nameNode!.start, end: o.nameNode!.end };
    }
    for (const p of o.podSpecs) {
      const v = p.serviceAccountPair?.value;
      if (v && within(v, offset) && p.serviceAccountName && o.namespace !== null) {
        return { namespace: o.namespace, name: p.serviceAccountName, start: v.start, end: v.end };
      }
    }
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      const b = readBinding(o);
      for (const s of b?.subjects ?? []) {
        const nameNode = s.name.node;
        if (s.kind.value !== 'ServiceAccount' || !s.name.value || !nameNode || !within(nameNode, offset)) continue;
        const ns = s.namespace.value ?? (o.kind === 'RoleBinding' ? o.namespace : null);
        if (ns) return { namespace: ns, name: s.name.value, start: nameNode.start, end: nameNode.end };
      }
    }
  }
  return null;
}

function describeObject(o: KObject): string {
  return `${o.kind} ${code(`${o.namespace ? `${o.namespace}/` : ''}${o.name ?? '?'}`)}`;
}

function ruleText(g: Grant): string {
  const r = g.rule;
  const verbs = r.verbs.join(', ');
  const what = r.nonResourceURLs?.length
    ? r.nonResourceURLs.join(', ')
    : (r.resources ?? []).map((res) => (r.apiGroups?.length && !r.apiGroups.includes('') ? `${res}.${r.apiGroups.join('|')}` : res)).join(', ');
  const names = r.resourceNames?.length ? ` named ${r.resourceNames.join(', ')}` : '';
  return `${code(verbs)} on ${code(what)}${names}`;
}

const MAX_GRANTS = 12;

/** The workspace's infrastructure code, and how to link to a place in it (Markdown, e.g. `[main.tf:12](…)`). */
export interface CodeContext {
  facts: IacFacts;
  link(span: IacSpan): string;
}

/**
 * Hover for a ServiceAccount: what the workspace's bindings let it do, the workloads that run as it, and its cloud
 * identity (with the Azure role assignments of that identity when a graph is loaded, and what infrastructure code
 * declares for it). `links` (Markdown, e.g. the editor's command links) go under the heading.
 */
export function explainServiceAccount(index: WorkspaceIndex, sa: { namespace: string; name: string }, graph: IdentityGraph | null, links: string[] = [], iac: CodeContext | null = null): string {
  const out: string[] = [`### ServiceAccount ${code(`${sa.namespace}/${sa.name}`)}`];
  if (links.length) out.push(links.join(' · '));
  const defs = index.find('ServiceAccount', sa.namespace, sa.name);
  const def = defs[0] ?? null;
  if (!def) out.push('Not defined in this workspace.');

  // A workload with several pod specs is listed once.
  const users = [...new Set(podSpecsUsing(index, sa).map((p) => p.owner))].map(describeObject);
  out.push(users.length ? `**Runs:** ${users.slice(0, 8).join(', ')}${users.length > 8 ? ` and ${users.length - 8} more` : ''}` : '**Runs:** no workload of this workspace.');

  const grants = buildAccessModel(index).accessOf({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name });
  if (grants.length === 0) {
    out.push('**Kubernetes access:** no binding in this workspace grants it anything (the cluster may still have some).');
  } else {
    out.push('**Kubernetes access** (from the bindings in this workspace):');
    for (const g of grants.slice(0, MAX_GRANTS)) {
      const where = g.scope === 'cluster' ? 'in every namespace' : `in ${code(g.scope.namespace)}`;
      const via = g.via.kind === 'Group' ? ` as member of group ${code(g.via.name)}` : '';
      out.push(`- ${ruleText(g)} ${where} — ${g.role.kind} ${code(g.role.name)} via ${g.binding.kind} ${code(g.binding.name)}${via}`);
    }
    if (grants.length > MAX_GRANTS) out.push(`- … and ${grants.length - MAX_GRANTS} more rules`);
    const risks = risksOf(grants.map((g) => g.rule));
    if (risks.length) out.push(`**Risk:** ${risks.join('; ')}`);
  }

  if (def) out.push(...cloudIdentity(def, sa, graph));
  if (iac) out.push(...declaredInCode(iac, sa));
  return out.join('\n\n');
}

/** The identities infrastructure code declares for this ServiceAccount, each with a link to where it is written. */
function declaredInCode(iac: CodeContext, sa: { namespace: string; name: string }): string[] {
  const found = codeFederationOf(codeIdentities(iac.facts), iac.facts, sa.namespace, sa.name);
  if (found.length === 0) return [];
  const out: string[] = [];
  for (const { identity, credentials, annotation } of found) {
    const how = [
      credentials.length ? `federated for ${code(serviceAccountSubject(sa.namespace, sa.name))} by ${credentials.map((c) => `${code(c.name ?? c.address)} (${c.issuer}, ${iac.link(c.at)})`).join(', ')}` : '',
      annotation ? `its client id is this ServiceAccount's annotation (${iac.link(annotation)})` : '',
      credentials.length ? '' : `**no federated credential for ${code(serviceAccountSubject(sa.namespace, sa.name))} in the code**`,
    ].filter(Boolean).join('; ');
    out.push(`**Declared in infrastructure code:** managed identity ${code(identity.label)} (${iac.link(identity.at)}); ${how}.`);
    if (identity.roleAssignments.length) {
      out.push(['Azure role assignments in the code:', ...identity.roleAssignments.slice(0, MAX_GRANTS).map((a) => `- ${code(a.role)} on ${code(a.scope)} (${iac.link(a.at)})`)].join('\n'));
    }
  }
  return out;
}

function cloudIdentity(def: KObject, sa: { namespace: string; name: string }, graph: IdentityGraph | null): string[] {
  const out: string[] = [];
  const clientId = entryValue(def.annotations, 'azure.workload.identity/client-id');
  const roleArn = entryValue(def.annotations, 'eks.amazonaws.com/role-arn');
  const gsa = entryValue(def.annotations, 'iam.gke.io/gcp-service-account');
  if (clientId) {
    out.push(`**Azure workload identity:** client id ${code(clientId)} — pods labelled \`azure.workload.identity/use: "true"\` get a token for it.`);
    if (graph) {
      const id = identityByClientId(graph, clientId);
      if (!id) out.push(`No managed identity with this client id in the loaded ${graph.source === 'snapshot' ? 'snapshot' : 'subscriptions'}.`);
      else {
        const subject = serviceAccountSubject(sa.namespace, sa.name);
        const fics = (id.federatedCredentials ?? []).filter((f) => f.subject === subject);
        out.push(`Managed identity ${code(id.name)} (resource group ${code(id.resourceGroup)}); ${fics.length ? `federated for ${code(subject)} by ${fics.map((f) => code(f.name)).join(', ')}` : `**no federated credential for ${code(subject)}**`}.`);
        const assignments = graph.roleAssignments.filter((a) => a.principalId.toLowerCase() === id.principalId.toLowerCase());
        if (assignments.length === 0) out.push('Azure role assignments: none.');
        else out.push(['Azure role assignments:', ...assignments.slice(0, MAX_GRANTS).map((a) => `- ${code(a.roleName ?? a.roleDefinitionId)} on ${code(a.scope)}`)].join('\n'));
      }
    }
  }
  if (roleArn) out.push(`**EKS IRSA:** assumes IAM role ${code(roleArn)}.`);
  if (gsa) out.push(`**GKE Workload Identity:** impersonates ${code(gsa)}.`);
  return out;
}
