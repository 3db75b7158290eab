import { entry } from '../../model/objects';
import { appendDocument, ensurePath, renderDocument, setPairValue } from '../../yaml/edit';
import type { TextEdit } from '../../text/types';
import { isUseLabelOptOut } from '../../model/workload-identity';
import { WI, describe, pairSpan } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-default-service-account',
  title: 'Workload identity on the `default` ServiceAccount',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: false,
  suggests: true,
  docs: {
    why: 'Every pod of a namespace that names no ServiceAccount runs as `default`. Giving `default` a client-id, or running a workload-identity pod as `default`, hands the Azure identity to every such pod, and a federated credential for `default` is rarely what was meant.',
    howToFix: 'Create a dedicated ServiceAccount for the workload, annotate it with the client-id and point the pod\'s `serviceAccountName` at it. Suggestion only (quick-fix menu): it creates an object and renames the pod\'s ServiceAccount.',
    severity: 'warning: every pod of the namespace shares the identity of the default ServiceAccount; a reviewer would act on it.',
    assumes: 'Needs the pod\'s ServiceAccount name: a kustomize patch without serviceAccountName leaves the target\'s as it is (unknown), so it is never reported; namespaces are not needed.',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      if (o.kind === 'ServiceAccount' && o.name === 'default' && o.annotations) {
        const p = entry(o.annotations, WI.clientId);
        if (p) ctx.report({ message: `Workload identity client-id on a default ServiceAccount: the one of namespace ${o.namespace ?? 'unknown'} has it, so every pod of the namespace that names no ServiceAccount can use that identity. Put it on a dedicated ServiceAccount.`, ...pairSpan(p) });
        continue;
      }
      for (const pod of o.podSpecs) {
        const use = pod.labels ? entry(pod.labels, WI.use) : undefined;
        if (!use || isUseLabelOptOut(use.value) || pod.serviceAccountName !== 'default' || !o.name) continue;
        // A workload itself named `default` would get a ServiceAccount named `default` again.
        const name = o.name === 'default' ? `default-${(o.kind ?? 'workload').toLowerCase()}` : o.name;
        const edits: TextEdit[] = [];
        const set = pod.serviceAccountPair ? setPairValue(text, pod.serviceAccountPair, name) : ensurePath(text, pod.spec, ['serviceAccountName'], name);
        if (set) {
          edits.push(set);
          const metadata: Record<string, string> = { name };
          if (o.namespace !== null && o.metadata && entry(o.metadata, 'namespace')) metadata.namespace = o.namespace;
          edits.push(appendDocument(text, renderDocument({ apiVersion: 'v1', kind: 'ServiceAccount', metadata })));
        }
        ctx.report({
          message: `Workload identity through the default ServiceAccount: ${describe(o)} runs as it, and every pod of the namespace shares it; give the workload a dedicated ServiceAccount.`,
          ...(pod.serviceAccountPair ? pairSpan(pod.serviceAccountPair) : pairSpan(use)),
          suggestions: edits.length ? [{ title: `Create ServiceAccount ${name} and run the pod as it`, edits, isPreferred: true }] : [],
        });
      }
    }
  },
});
