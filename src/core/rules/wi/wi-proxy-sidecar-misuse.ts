import { entry } from '../../model/objects';
import { removePairPruning } from '../../yaml/edit';
import { isScalar } from '../../yaml/node';
import { WI, describe, pairSpan } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-proxy-sidecar-misuse',
  title: 'Workload identity proxy sidecar annotations that do not do what they say',
  defaultSeverity: 'warning',
  alsoReports: ['error'],
  category: 'workload-identity',
  fixable: true,
  docs: {
    why: 'The webhook injects the proxy sidecar when `azure.workload.identity/inject-proxy-sidecar` is present, whatever its value, so `"false"` still injects it. It rejects pods with `hostNetwork: true` that ask for the proxy, and `proxy-sidecar-port` must be a port number (1–65535).',
    howToFix: 'Remove the annotation instead of setting it to "false"; do not combine the proxy with hostNetwork; use a valid port such as "8000".',
    severity: 'warning when `inject-proxy-sidecar: "false"` still injects the proxy (presence alone counts: the annotation does the opposite of what it says, but the pod works); error when the webhook rejects the pod (with `hostNetwork: true`) or the port is not 1..65535.',
    assumes: 'Needs the annotation values to be known: a templated or placeholder value is not judged. Needs no namespace. The fix removes an annotation whose value is "false", which is what that value asks for.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        const ann = pod.annotations;
        if (!ann) continue;
        const inject = entry(ann, WI.injectProxySidecar);
        const iv = inject?.value;
        if (inject && !iv?.unknown) {
          const raw = isScalar(iv) && iv.value !== null ? String(iv.value) : '';
          if (raw.toLowerCase() === 'false') {
            ctx.report({
              message: `Proxy sidecar injected despite "false": the webhook injects it whenever ${describe(o)} has the inject-proxy-sidecar annotation, whatever its value. Remove the annotation to go without the proxy.`,
              ...pairSpan(inject),
              fixes: [{ title: 'Remove the inject-proxy-sidecar annotation', edits: [removePairPruning(ctx.file.text, ann, inject, pod.templateMeta, 'annotations')], isPreferred: true }],
            });
          } else if (pod.hostNetwork) {
            ctx.report({ message: `Proxy sidecar on a host-network pod: ${describe(o)} asks for the workload identity proxy sidecar with hostNetwork: true, and the webhook rejects such pods.`, ...pairSpan(inject), severity: 'error' });
          }
        }
        const port = entry(ann, WI.proxySidecarPort);
        const pv = port?.value;
        if (port && !pv?.unknown) {
          const raw = isScalar(pv) && pv.value !== null ? String(pv.value).trim() : '';
          const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
          if (!(n >= 1 && n <= 65535)) {
            const at = pv && pv.end > pv.start ? { start: pv.start, end: pv.end } : pairSpan(port);
            ctx.report({ message: `Invalid proxy-sidecar-port ${raw ? `"${raw}"` : '(empty)'}: the annotation on ${describe(o)} must be a port number from 1 to 65535.`, ...at, severity: 'error' });
          }
        }
      }
    }
  },
});
