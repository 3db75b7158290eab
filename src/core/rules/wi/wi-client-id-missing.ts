import { entry } from '../../model/objects';
import { isUseLabelOptOut } from '../../model/workload-identity';
import { WI, describe, pairSpan, serviceAccountOf, setAnnotation } from '../helpers';
import { defineRule } from '../types';

const PLACEHOLDER = '<client-id>';

export default defineRule({
  id: 'wi-client-id-missing',
  title: 'Workload identity pod whose ServiceAccount has no client-id',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: false,
  suggests: true,
  docs: {
    why: 'The webhook takes AZURE_CLIENT_ID from the ServiceAccount\'s `azure.workload.identity/client-id`. Without it (and without the variable set in the container) the Azure SDKs in the pod do not know which identity to request a token for.',
    howToFix: 'Annotate the ServiceAccount with the client id of the managed identity: `azure.workload.identity/client-id: "<client-id>"` (pick one from the AKS IAM identities view, or `az identity show --query clientId`). Suggestion only (quick-fix menu): it inserts a placeholder client-id to overwrite.',
    severity: 'warning: the pod is mutated but has no identity to sign in as unless the code sets one; a reviewer would act on it.',
    assumes: 'Needs the pod\'s ServiceAccount, defined in the workspace in a known namespace; unknown namespaces and kustomize patches (which leave the ServiceAccount as the target has it) are never reported. A placeholder client-id counts as present, and so does a container that reads variables with `envFrom` (they may hold AZURE_CLIENT_ID).',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        const use = pod.labels ? entry(pod.labels, WI.use) : undefined;
        if (!use || isUseLabelOptOut(use.value)) continue;
        const sa = serviceAccountOf(ctx.index, pod);
        if (!sa || (sa.annotations && entry(sa.annotations, WI.clientId))) continue;
        // A container that reads a ConfigMap or Secret with envFrom may well get AZURE_CLIENT_ID from it.
        if (pod.containers.some((c) => c.envFrom || c.env.some((e) => e.name === 'AZURE_CLIENT_ID'))) continue;
        const here = ctx.file.objects.includes(sa);
        const edit = here ? setAnnotation(ctx.file.text, sa, WI.clientId, PLACEHOLDER) : null;
        ctx.report({
          message: `Missing azure.workload.identity/client-id on the ServiceAccount: ${describe(o)} uses workload identity, but its ServiceAccount ${sa.name} has no client-id and no container sets AZURE_CLIENT_ID, so the pod does not know which identity to use.`,
          ...pairSpan(use),
          suggestions: edit ? [{ title: `Add a client-id annotation to ServiceAccount ${sa.name}`, edits: [edit], isPreferred: true }] : [],
        });
      }
    }
  },
});
