import { describe, span } from '../helpers';
import { defineRule } from '../types';
import { dnsSubdomainAdvice } from './dns-name';

export default defineRule({
  id: 'sa-name-invalid',
  title: 'ServiceAccount name that is not a DNS-1123 subdomain',
  defaultSeverity: 'error',
  category: 'service-account',
  fixable: false,
  docs: {
    why: 'ServiceAccount names, and the `serviceAccountName` of a pod, must be DNS-1123 subdomains: lower-case letters, digits, `-` and `.`. The API server rejects a ServiceAccount or a pod with a name such as `my_sa` or `MySA`, so the apply fails (or, for a controller, its pods are never created).',
    howToFix: 'Rename the ServiceAccount to lower case with `-` instead of `_` or spaces, and update every `serviceAccountName`, binding subject and federated credential subject that names it.',
    example: {
      bad: 'kind: ServiceAccount\nmetadata:\n  name: Orders_Reader',
      good: 'kind: ServiceAccount\nmetadata:\n  name: orders-reader',
    },
    severity: 'error: the API server rejects a ServiceAccount, or a pod, with such a name, so it is not applied (for a controller, its pods are never created).',
    assumes: 'Needs the name to be known: templates and placeholders (`KSA_NAME`, `PATCHED_BY_OVERLAY`, `${SA_NAME}`, `<sa-name>`) are unknown, and an ALL_CAPS name is always a placeholder since real names are lower case. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (o.kind === 'ServiceAccount' && o.name && o.nameNode) {
        const advice = dnsSubdomainAdvice(o.name);
        if (advice) {
          ctx.report({ message: `Invalid ServiceAccount name "${o.name}" (not a DNS-1123 subdomain): ${advice}.`, ...span(o.nameNode) });
        }
      }
      for (const pod of o.podSpecs) {
        const value = pod.serviceAccountPair?.value;
        // serviceAccountName is null when unknown, 'default' when empty or unset.
        if (!value || !pod.serviceAccountName || pod.serviceAccountName === 'default') continue;
        const advice = dnsSubdomainAdvice(pod.serviceAccountName);
        if (!advice) continue;
        ctx.report({
          message: `Invalid ServiceAccount name "${pod.serviceAccountName}" (not a DNS-1123 subdomain): ${describe(o)} runs as it, but ${advice.replace('the API server rejects it', 'the API server rejects the pod')}.`,
          ...span(value),
        });
      }
    }
  },
});
