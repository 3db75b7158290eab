import { rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, resourceItems, roleText, scopeText, span, verbItems } from './shared';

export default defineRule({
  id: 'rbac-token-create',
  title: 'Creating ServiceAccount tokens',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: '`create` on `serviceaccounts/token` (the TokenRequest API) issues tokens for ServiceAccounts, so the holder acts as them, including through any cloud identity federated with them.',
    howToFix: 'Remove the grant, or limit it to named ServiceAccounts with `resourceNames`.',
    example: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["serviceaccounts/token"]\n  verbs: ["create"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["serviceaccounts"]\n  verbs: ["get"]',
    },
    severity: 'warning: issuing tokens for ServiceAccounts acts as them, cloud identities included; a real risk a reviewer acts on.',
    assumes: 'Needs the apiGroups to be known to include the core group and a known `create` (or `*`) verb; `*/token` counts as serviceaccounts/token. Needs no namespace: a Role\'s message names its namespace, or \'unknown\'.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      for (const rule of role.rules) {
        if (!coversGroup(rule, [''])) continue;
        const verbs = verbItems(rule, ['create']).map((i) => i.value as string);
        if (!verbs.length) continue;
        const names = rule.resourceNames.values;
        const which = names.length ? `the ServiceAccount${names.length > 1 ? 's' : ''} ${joined(names)}` : 'every ServiceAccount';
        for (const item of resourceItems(rule, ['serviceaccounts/token'])) {
          ctx.report({
            message: `Subjects can request tokens for ${which} ${scopeText(role)}: ${roleText(role)} grants ${joined(verbs)} on serviceaccounts/token, so they can act as them, cloud identities included.`,
            ...span(item.node),
          });
        }
      }
    }
  },
});
