import { entry } from '../../model/objects';
import { isScalar } from '../../yaml/node';
import { WI, annotationMaps, describe, isGuid, pairSpan } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-client-id-format',
  title: 'Workload identity client-id is empty or not a GUID',
  defaultSeverity: 'error',
  category: 'workload-identity',
  fixable: false,
  docs: {
    why: 'The webhook copies `azure.workload.identity/client-id` into AZURE_CLIENT_ID; Microsoft Entra only accepts the application (client) id, a GUID. An empty value injects nothing, and anything else fails at token exchange with AADSTS700016 or similar.',
    howToFix: 'Use the client id of the user-assigned managed identity or app registration: `az identity show -n <name> -g <group> --query clientId -o tsv`. Placeholders such as `${USER_ASSIGNED_CLIENT_ID}` are left alone.',
    severity: 'error: anything but a GUID makes every token request of the pod fail at Microsoft Entra (AADSTS700016 or similar) while the manifest applies cleanly: it silently does not do what it says.',
    assumes: 'Needs the value to be known: placeholders (`${USER_ASSIGNED_CLIENT_ID}`, `<client-id>`, `YOUR_CLIENT_ID`, `CLIENT_ID`, a value that only names the id such as `your-client-id`, `xxxxxxxx-…` masked GUIDs, the all-zero GUID) are unknown and get only `placeholder-unreplaced`, if any; a value the parser reported as broken is unknown too. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const { map } of annotationMaps(o)) {
        const p = entry(map, WI.clientId);
        if (!p) continue;
        const v = p.value;
        if (v && v.unknown) continue;
        const raw = isScalar(v) && v.value !== null ? String(v.value) : '';
        if (isGuid(raw.trim()) && raw === raw.trim()) continue;
        const what = raw.trim() === '' ? `Empty client-id: azure.workload.identity/client-id of ${describe(o)} has no value` : raw !== raw.trim()
          ? `Client-id with surrounding spaces: azure.workload.identity/client-id of ${describe(o)} is "${raw}"`
          : `Client-id is not a GUID: azure.workload.identity/client-id of ${describe(o)} is "${raw}"`;
        const at = v && v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        ctx.report({ message: `${what}; it must be the client id (a GUID) of a managed identity or app registration.`, ...at });
      }
    }
  },
});
