import { entry } from '../../model/objects';
import { describe, isGuid, serviceAccountOf, setAnnotation, span, WI } from '../helpers';
import { defineRule, type Fix } from '../types';
import { modeOf, podVolumes, providerClassFor } from './pod-refs';

export default defineRule({
  id: 'csi-pod-not-wired',
  title: 'Pod mounts a workload-identity SecretProviderClass but its ServiceAccount has no workload identity',
  defaultSeverity: 'warning',
  category: 'credentials',
  fixable: false,
  suggests: true,
  docs: {
    why: 'A SecretProviderClass in workload identity mode signs in with the token of the ServiceAccount of the pod that mounts it, exchanged for the class\'s `clientID`. That only works when the identity has a federated credential for this ServiceAccount, and the ServiceAccount is where that pairing is written down (`azure.workload.identity/client-id`, which the AKS guide sets). A ServiceAccount without it is usually one that was never set up: the mount fails and the pod stays in ContainerCreating.',
    howToFix: 'Annotate the pod\'s ServiceAccount with `azure.workload.identity/client-id` set to the class\'s `clientID`, and federate that identity with the ServiceAccount (`az identity federated-credential create … --subject system:serviceaccount:<ns>:<name>`). Suggestion only (quick-fix menu): it adds the annotation with the class\'s client id.',
    severity: 'warning: likely a mount failure; a reviewer acts on it.',
    assumes: 'Needs the class (same resolved namespace) and the ServiceAccount in the workspace; a kustomize patch, an unknown namespace or a templated ServiceAccount name is never reported. The pod label `azure.workload.identity/use` is not needed for the mount (the CSI driver requests the token itself); when the ServiceAccount has a client-id and the label is missing, `wi-use-label-missing` reports it.',
    example: { bad: 'kind: ServiceAccount\nmetadata:\n  name: app  # no client-id', good: 'kind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    azure.workload.identity/client-id: "<the class clientID>"' },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (o.partial) continue;
      for (const pod of o.podSpecs) {
        for (const v of podVolumes(pod)) {
          if (!v.providerClass?.name) continue;
          const pc = providerClassFor(ctx.index, pod, v.providerClass.name);
          if (!pc || modeOf(pc) !== 'workload-identity') continue;
          const sa = serviceAccountOf(ctx.index, pod);
          if (!sa || entry(sa.annotations, WI.clientId)) continue;
          const cid = (pc.value('clientID') ?? '').trim();
          const suggestions: Fix[] = [];
          if (ctx.file.objects.includes(sa) && isGuid(cid)) {
            const edit = setAnnotation(ctx.file.text, sa, WI.clientId, cid);
            if (edit) suggestions.push({ title: `Annotate ServiceAccount ${sa.name} with the class's client id ${cid}`, edits: [edit], isPreferred: true });
          }
          ctx.report({
            message: `Missing ${WI.clientId} on the ServiceAccount of a Key Vault mount: ${describe(sa)} has none, but ${describe(o)} runs as it and mounts SecretProviderClass ${pc.obj.name}, which signs in with workload identity${isGuid(cid) ? ` as client id ${cid}` : ''}; the identity needs a federated credential for this ServiceAccount, or the mount fails.`,
            ...span(v.providerClass.node),
            related: [{ file: pc.obj.file, ...span(pc.param('clientID')?.value ?? pc.obj.nameNode ?? pc.obj.root), message: `SecretProviderClass ${pc.obj.name}` }],
            suggestions,
          });
        }
      }
    }
  },
});
