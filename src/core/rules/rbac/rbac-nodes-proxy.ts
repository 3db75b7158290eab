import { rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, resourceItems, roleText, span } from './shared';

export default defineRule({
  id: 'rbac-nodes-proxy',
  title: 'Access to the kubelet API through nodes/proxy',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: '`nodes/proxy` reaches the kubelet API of every node, which can run commands in any pod on the node; those calls bypass admission control and the audit records of pods/exec. `*/proxy` names the proxy subresource of every resource, nodes included.',
    howToFix: 'Remove `nodes/proxy`; monitoring agents can read metrics through `nodes/metrics` or `nodes/stats`.',
    example: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["nodes/proxy"]\n  verbs: ["get"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["nodes/metrics"]\n  verbs: ["get"]',
    },
    severity: 'warning: the kubelet API runs commands in any pod of the node outside admission and audit; a real risk, though monitoring agents sometimes hold it.',
    assumes: 'Needs the apiGroups to be known to include the core group; `*/proxy` counts as nodes/proxy. Needs no namespace.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      for (const rule of role.rules) {
        if (!coversGroup(rule, ['']) || !rule.verbs.values.length) continue;
        for (const item of resourceItems(rule, ['nodes/proxy'])) {
          const how = item.value === 'nodes/proxy' ? 'nodes/proxy' : `${item.value}, which includes nodes/proxy`;
          ctx.report({
            message: `Kubelet API access through nodes/proxy: ${roleText(role)} grants ${joined(rule.verbs.values)} on ${how}, and the kubelet API can run commands in any pod of a node, outside admission control and pod audit.`,
            ...span(item.node),
          });
        }
      }
    }
  },
});
