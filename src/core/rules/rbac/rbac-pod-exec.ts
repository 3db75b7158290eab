import { rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, resourceItems, resourceReached, roleText, scopeText, span, verbItems } from './shared';

const WHAT = new Map<string, string>([
  ['pods/exec', 'run commands in any pod'],
  ['pods/attach', 'attach to the processes of any pod'],
  ['pods/portforward', 'open connections into any pod'],
]);

export default defineRule({
  id: 'rbac-pod-exec',
  title: 'Exec, attach or port-forward into pods',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'Whoever can exec or attach into a pod runs code with its ServiceAccount token, mounted Secrets and workload identity credentials; port-forward reaches ports that NetworkPolicies were meant to close. `*/exec`, `*/attach` and `*/portforward` name that subresource of every resource, pods included.',
    howToFix: 'Grant these subresources only to people who debug the namespace, not to workloads, and prefer short-lived bindings.',
    example: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["pods", "pods/exec"]\n  verbs: ["get", "create"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get"]',
    },
    severity: 'warning: exec, attach and port-forward run code with or reach into another workload\'s identity; a real risk a reviewer acts on.',
    assumes: 'Needs the apiGroups to be known to include the core group and a known `create` (or `*`) verb; `*/exec`, `*/attach` and `*/portforward` count as the pod subresources. Needs no namespace: a Role\'s message names its namespace, or \'unknown\'.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      for (const rule of role.rules) {
        if (!coversGroup(rule, [''])) continue;
        const verbs = verbItems(rule, ['create']).map((i) => i.value as string);
        if (!verbs.length) continue;
        const targets = [...WHAT.keys()];
        for (const item of resourceItems(rule, targets)) {
          const written = item.value as string;
          const res = resourceReached(written, targets) as string;
          const how = written === res ? res : `${written}, which includes ${res}`;
          ctx.report({ message: `Subjects can ${WHAT.get(res)} ${scopeText(role)}: ${roleText(role)} grants ${joined(verbs)} on ${how}.`, ...span(item.node) });
        }
      }
    }
  },
});
