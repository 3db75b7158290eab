import { RBAC_GROUP, rolesIn, type RbacRule } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, roleText, scopeText, span, targetText, verbsText } from './shared';

function groupsText(groups: readonly string[]): string {
  if (groups.includes('*')) return 'every API group';
  if (groups.length === 1) return groups[0] === '' ? 'the core API group' : `API group ${groups[0]}`;
  return `API groups ${groups.map((g) => (g === '' ? 'core' : g)).join(', ')}`;
}

/**
 * Resources whose every-verb grant is a real risk, by API group: credentials, running code (pods and what creates
 * them), identities, RBAC itself, nodes, admission and API registration, certificates. `pods/*` and `nodes/*`: every
 * subresource.
 */
const SENSITIVE = new Map<string, string[]>([
  ['', ['secrets', 'pods', 'pods/*', 'serviceaccounts', 'serviceaccounts/token', 'nodes', 'nodes/*', 'replicationcontrollers', 'persistentvolumes', 'namespaces', 'users', 'groups']],
  ['apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets']],
  ['extensions', ['deployments', 'replicasets', 'daemonsets']],
  ['batch', ['jobs', 'cronjobs']],
  [RBAC_GROUP, ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings']],
  ['admissionregistration.k8s.io', ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings']],
  ['apiextensions.k8s.io', ['customresourcedefinitions']],
  ['apiregistration.k8s.io', ['apiservices']],
  ['certificates.k8s.io', ['certificatesigningrequests', 'certificatesigningrequests/approval', 'signers']],
  ['authentication.k8s.io', ['uids', 'userextras']],
]);
/** Subresources that run code, reach the kubelet or mint tokens, wherever `*\/<sub>` points them. */
const SENSITIVE_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy', 'token', 'ephemeralcontainers']);
/** API groups of Kubernetes itself (not custom resources): a read-only `*` there reaches what later versions add. */
const BUILT_IN_GROUPS = new Set([
  ...SENSITIVE.keys(), 'autoscaling', 'policy', 'networking.k8s.io', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'events.k8s.io', 'node.k8s.io', 'scheduling.k8s.io', 'flowcontrol.apiserver.k8s.io', 'resource.k8s.io', 'authorization.k8s.io',
  'storagemigration.k8s.io', 'internal.apiserver.k8s.io', 'metrics.k8s.io',
]);
const READ_VERBS = new Set(['get', 'list', 'watch']);

/**
 * A group of custom resources (an operator's CRDs) or of metrics: nothing in it runs code, holds credentials or
 * grants access, so `*` there is the operator's own business. Unknown to this rule, so never sensitive.
 */
function isCustomGroup(g: string): boolean {
  return g !== '' && g !== '*' && (g.endsWith('metrics.k8s.io') || (!BUILT_IN_GROUPS.has(g) && !g.endsWith('.k8s.io')));
}

/** Whether a resource item of a rule names something sensitive in one of the rule's (known) groups. */
function isSensitive(rule: RbacRule, resource: string): boolean {
  if (resource.startsWith('*/')) return coversGroup(rule, ['']) && SENSITIVE_SUBRESOURCES.has(resource.slice(2));
  const base = resource.includes('/') ? `${resource.slice(0, resource.indexOf('/'))}/*` : null;
  const groups = rule.apiGroups.values.includes('*') ? [...SENSITIVE.keys()] : rule.apiGroups.values;
  for (const g of groups) {
    const list = SENSITIVE.get(g);
    if (list && (list.includes(resource) || (base !== null && list.includes(base)))) return true;
  }
  return false;
}

export default defineRule({
  id: 'rbac-wildcard',
  title: 'Wildcard `*` in the verbs, resources or API groups of an RBAC rule',
  defaultSeverity: 'warning',
  alsoReports: ['info'],
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'A `*` grants every verb, resource or API group, including whatever later Kubernetes versions or CRDs add. Where it reaches Secrets, pods, workloads, identities, RBAC, nodes or admission, the holder ends up with far more than the workload needs; on an operator\'s own custom resources or on leases, `*` verbs are just the usual create, update, patch and delete.',
    howToFix: 'List the verbs, resources and API groups the workload actually uses.',
    example: {
      bad: 'rules:\n- apiGroups: ["apps"]\n  resources: ["*"]\n  verbs: ["*"]',
      good: 'rules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list", "patch"]',
    },
    severity: 'warning when the wildcard reaches something risky: `*` in apiGroups; `*` resources in the core group, apps, extensions, batch, RBAC, admission, apiextensions, apiregistration, certificates or authentication (Secrets, pods, workloads, roles, webhooks, CRDs…), or in any group together with a write verb; `*` verbs on a sensitive resource (Secrets, pods and their subresources, workloads, ServiceAccounts and tokens, roles and bindings, nodes, namespaces, persistent volumes, webhook configurations and admission policies, CRDs, API services, certificate signing requests, users and groups, or `*/exec`-style subresources that run code or mint tokens). info for a read-only `*` over a built-in group with nothing sensitive (e.g. networking.k8s.io): it reaches what later versions add; info too for `*` (verbs, resources or both, writes included) confined to custom resource groups or metrics APIs — an operator\'s own CRDs, which no reviewer would change. info also for `*` in apiGroups limited to a subresource that runs no code and holds no secret (`*/scale`, `*/finalizers`, `*/status`). No finding for `*` verbs on other resources (leases, events, an operator\'s own custom resources: for them `*` means the usual create, update, patch and delete) or a read-only `*` over a custom resource group.',
    assumes: 'Needs the apiGroups, resources and verbs of the rule to be known to judge risk: with a templated list the rule reports only a `*` it can see whose reach does not depend on it (`*` in apiGroups, `*` in both verbs and resources). Needs no namespace: a Role\'s message names its namespace, or \'unknown\'.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      const who = roleText(role);
      for (const rule of role.rules) {
        const verbStar = rule.verbs.items.find((i) => i.value === '*');
        const resourceStar = rule.resources.items.find((i) => i.value === '*');
        const groupStar = rule.apiGroups.items.find((i) => i.value === '*');
        const groups = rule.apiGroups.values;
        const sensitiveGroups = groups.filter((g) => SENSITIVE.has(g));
        if (verbStar && resourceStar) {
          // Every verb on every resource is one mistake: one finding, not one per `*`. Always a warning: writes of
          // every kind on everything the groups have and will have.
          const all = !!groupStar;
          const own = !all && !rule.apiGroups.unknown && groups.length > 0 && groups.every(isCustomGroup);
          const what = all
            ? `every verb on every resource of every API group, all that cluster-admin can do ${role.kind === 'Role' ? scopeText(role) : 'wherever it is bound'}`
            : `every verb on every resource of ${groupsText(groups)}${coversGroup(rule, ['']) ? ', Secrets included' : ''}${coversGroup(rule, [RBAC_GROUP]) ? ', escalate and bind on roles included' : ''}`;
          ctx.report({
            message: `Wildcard \`*\` in verbs and resources${all ? ' and apiGroups' : ''}: ${who} allows ${what}; list the ${all ? 'verbs, resources and API groups' : 'verbs and resources'} it needs.`,
            ...span(verbStar.node),
            // An operator's own custom resources: worth knowing, not a risk a reviewer would act on.
            ...(own ? { severity: 'info' as const } : {}),
          });
          continue;
        }
        if (verbStar && !rule.resources.unknown && !rule.apiGroups.unknown) {
          // Every verb on named resources is a risk only where the resource is: on leases or an operator's own custom
          // resources it means the usual create/update/patch/delete, and escalate, bind and impersonate act elsewhere.
          const risky = rule.resources.values.filter((r) => isSensitive(rule, r));
          if (risky.length) {
            ctx.report({
              message: `Wildcard \`*\` in verbs: ${who} allows every verb on ${joined(risky)} (delete, deletecollection and verbs added later included); list the verbs it needs.`,
              ...span(verbStar.node),
            });
          }
        }
        if (resourceStar && !groupStar && !rule.apiGroups.unknown) {
          const writes = !rule.verbs.unknown && rule.verbs.values.some((v) => !READ_VERBS.has(v));
          if (sensitiveGroups.length || writes) {
            const why = sensitiveGroups.length ? `${coversGroup(rule, ['']) ? 'Secrets, ' : ''}subresources and resources added later included` : 'writes to resources added later included';
            const own = !sensitiveGroups.length && groups.every(isCustomGroup);
            ctx.report({
              message: `Wildcard \`*\` in resources: ${who} allows ${verbsText(rule)} on every resource of ${groupsText(groups)}, ${why}; list the resources it needs.`,
              ...span(resourceStar.node),
              ...(own ? { severity: 'info' as const } : {}),
            });
          } else if (!rule.verbs.unknown && groups.some((g) => BUILT_IN_GROUPS.has(g))) {
            ctx.report({
              message: `Wildcard \`*\` in resources: ${who} allows ${verbsText(rule)} on every resource of ${groupsText(groups)}, read-only and nothing sensitive today, but it also reaches what later Kubernetes versions add to the group.`,
              ...span(resourceStar.node),
              severity: 'info',
            });
          }
        }
        if (groupStar) {
          // Only a harmless subresource of everything (`*/scale` for an autoscaler, `*/finalizers` for a GitOps tool):
          // worth knowing, nothing a reviewer would narrow.
          const subOnly = !rule.resources.unknown && rule.resources.values.length > 0
            && rule.resources.values.every((r) => r.startsWith('*/') && !SENSITIVE_SUBRESOURCES.has(r.slice(2)));
          ctx.report({
            message: `Wildcard \`*\` in apiGroups: ${who} allows ${verbsText(rule)} on ${targetText(rule)} in every API group, custom resources and groups added later included; name the groups it needs.`,
            ...span(groupStar.node),
            ...(subOnly ? { severity: 'info' as const } : {}),
          });
        }
      }
    }
  },
});
