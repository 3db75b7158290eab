import { isKnownClientId } from '../../identity/lookup';
import { entry } from '../../model/objects';
import { knownStr } from '../../yaml/node';
import { WI, describe, isGuid, span } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-unknown-client-id',
  title: 'Workload identity client-id matches no known managed identity',
  defaultSeverity: 'info',
  category: 'workload-identity',
  fixable: false,
  needsCloud: true,
  docs: {
    why: 'A client-id that belongs to no managed identity in the loaded subscriptions is often a typo, a deleted identity or one from another subscription; the pod then fails at token exchange.',
    howToFix: 'Check the value against `az identity list --query "[].{name:name, clientId:clientId}" -o table`. An app registration\'s client id is valid too but cannot be seen here; silence the rule for it with a suppression comment.',
    severity: 'info: the identity may live in a subscription or tenant that was not loaded; worth knowing, not an alarm.',
    assumes: 'Needs Azure identity data with at least one identity loaded, and a known client-id: placeholders and templates are not looked up. Needs no namespace.',
  },
  check(ctx) {
    const graph = ctx.settings.cloud;
    // Without any identity loaded every client-id would look unknown: say nothing instead.
    if (!graph || graph.identities.length === 0) return;
    for (const o of ctx.file.objects) {
      if (o.kind !== 'ServiceAccount' || !o.annotations) continue;
      const v = entry(o.annotations, WI.clientId)?.value;
      if (!v || v.unknown) continue;
      const clientId = knownStr(v);
      // Malformed values belong to wi-client-id-format.
      if (!clientId || !isGuid(clientId) || isKnownClientId(graph, clientId)) continue;
      const n = graph.identities.length;
      const subs = new Set(graph.identities.map((i) => i.subscriptionId).filter((s) => s)).size;
      ctx.report({
        message: `Unknown client-id ${clientId}: the one on ${describe(o)} matches none of the ${n} managed ${n === 1 ? 'identity' : 'identities'} loaded${subs ? ` from ${subs} ${subs === 1 ? 'subscription' : 'subscriptions'}` : ''}; check for a typo or a deleted identity (an app registration's client id cannot be checked here).`,
        ...span(v),
      });
    }
  },
});
