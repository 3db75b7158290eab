import { rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, resourceItems, roleText, scopeText, span, verbItems } from './shared';

export default defineRule({
  id: 'rbac-secrets-read',
  title: 'Read access to Secrets',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'Secrets hold credentials, including ServiceAccount tokens of other workloads. `list` and `watch` return the full content of every Secret in scope, not only their names, so a role that "only lists" Secrets reads them all.',
    howToFix: 'Mount the Secrets the workload needs instead of reading them through the API, or limit `get` to named Secrets with `resourceNames`.',
    example: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get", "list"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["orders-db"]\n  verbs: ["get"]',
    },
    severity: 'warning: reading Secrets reads credentials, often more than the workload needs; a real risk a reviewer acts on. Not an error: many controllers need it.',
    assumes: 'resourceNames limit every verb, list and watch included (the API server allows those only with a `metadata.name` field selector naming a listed Secret), so such a rule is reported for the named Secrets only. Needs the rule\'s apiGroups to be known to include the core group (a templated list is not judged); a templated verb or resource is skipped. Needs no namespace: a Role\'s message names its namespace, or \'unknown\'.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      for (const rule of role.rules) {
        if (!coversGroup(rule, [''])) continue;
        const verbs = verbItems(rule, ['get', 'list', 'watch']).map((i) => i.value as string);
        if (!verbs.length) continue;
        const names = rule.resourceNames.values;
        const bulk = verbs.some((v) => v === 'list' || v === 'watch' || v === '*');
        for (const item of resourceItems(rule, ['secrets'])) {
          // resourceNames limit list and watch too: the API server allows them only with a metadata.name field selector
          // naming one of those Secrets.
          const what = names.length
            ? `read the Secret${names.length > 1 ? 's' : ''} ${joined(names)} ${scopeText(role)}`
            : `read every Secret ${scopeText(role)}`;
          const note = bulk && !names.length ? '; list and watch return the full content of every Secret, not just names' : '';
          ctx.report({ message: `Subjects can ${what}: ${roleText(role)} grants ${joined(verbs)} on secrets${note}.`, ...span(item.node) });
        }
      }
    }
  },
});
