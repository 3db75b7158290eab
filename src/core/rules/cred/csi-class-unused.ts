import { describe, objectSpan } from '../helpers';
import { defineRule } from '../types';
import { isProviderClass, podSpecsIn, podVolumes } from './pod-refs';

export default defineRule({
  id: 'csi-class-unused',
  title: 'SecretProviderClass that no pod mounts',
  defaultSeverity: 'info',
  category: 'credentials',
  fixable: false,
  docs: {
    why: 'A SecretProviderClass does nothing until a pod mounts it through the secrets-store CSI driver. One that no pod names is left over from a rename or points at the wrong namespace (a pod can only mount a class of its own namespace).',
    howToFix: 'Mount it from the pod that needs the secrets (a `csi` volume with `driver: secrets-store.csi.k8s.io` and `volumeAttributes.secretProviderClass: <name>`), move it to the pod\'s namespace, or delete it.',
    severity: 'info: nothing breaks; worth knowing when cleaning up.',
    assumes: 'Only when the class\'s resolved namespace is known and the workspace has pod specs in that namespace (manifests kept in another repository are not judged), and no pod spec with a templated class name could be the one. Kustomize patches are never reported.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (!isProviderClass(o) || o.partial || !o.name || o.namespace === null) continue;
      const pods = podSpecsIn(ctx.index, o.namespace);
      if (pods.length === 0) continue;
      let used = false;
      for (const pod of pods) {
        for (const v of podVolumes(pod)) {
          if (v.providerClass && (v.providerClass.name === o.name || v.providerClass.node.unknown)) used = true;
        }
        if (used) break;
      }
      if (used) continue;
      ctx.report({ message: `Unused SecretProviderClass: no pod in the workspace mounts ${describe(o)}; a pod mounts a class of its own namespace through a csi volume of driver secrets-store.csi.k8s.io.`, ...objectSpan(o) });
    }
  },
});
