import { entry } from '../../model/objects';
import { isScalar } from '../../yaml/node';
import { WI, annotationMaps, describe, isGuid, pairSpan } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-tenant-id-format',
  title: 'Workload identity tenant-id is empty or not a GUID',
  defaultSeverity: 'error',
  category: 'workload-identity',
  fixable: false,
  docs: {
    why: 'The webhook copies `azure.workload.identity/tenant-id` into AZURE_TENANT_ID, overriding the cluster-wide default. Microsoft Entra expects the directory (tenant) id, a GUID; a domain name, an empty value or a typo makes every token request of the pod fail.',
    howToFix: 'Use the tenant id of the identity: `az account show --query tenantId -o tsv`, or remove the annotation to use the webhook\'s configured tenant. Placeholders such as `${AZURE_TENANT_ID}` are left alone.',
    severity: 'error: a tenant id that is not a GUID makes every token request of the pod fail while the manifest applies cleanly: it silently does not do what it says.',
    assumes: 'Needs the value to be known: placeholders (`${AZURE_TENANT_ID}`, `YOUR_TENANT_ID`, masked or all-zero GUIDs) are unknown and get only `placeholder-unreplaced`, if any; a value the parser reported as broken is unknown too. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const { map } of annotationMaps(o)) {
        const p = entry(map, WI.tenantId);
        if (!p) continue;
        const v = p.value;
        if (v && v.unknown) continue;
        const raw = isScalar(v) && v.value !== null ? String(v.value) : '';
        if (isGuid(raw)) continue;
        const what = raw.trim() === '' ? `Empty tenant id: azure.workload.identity/tenant-id of ${describe(o)} has no value` : raw !== raw.trim()
          ? `Tenant id with surrounding spaces: azure.workload.identity/tenant-id of ${describe(o)} is "${raw}"`
          : `Tenant id is not a GUID: azure.workload.identity/tenant-id of ${describe(o)} is "${raw}"`;
        const at = v && v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        ctx.report({ message: `${what}; it must be the directory (tenant) id, a GUID.`, ...at });
      }
    }
  },
});
