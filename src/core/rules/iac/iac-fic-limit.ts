import { addressLabel } from '../../iac/label';
import { defineRule } from '../types';
import { credentialsOf, inFile, related } from './shared';

// Azure accepts at most 20 federated identity credentials per managed identity.
const LIMIT = 20;

export default defineRule({
  id: 'iac-fic-limit',
  title: 'Managed identity has more than 20 federated credentials',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: false,
  docs: {
    why: 'Azure allows at most 20 federated identity credentials on one user-assigned managed identity; the deployment of the 21st fails, often only when a new namespace or cluster is added to a `for_each`.',
    howToFix: 'Split the workloads over several identities (one per application or per cluster), or share one ServiceAccount name across fewer namespaces.',
    severity: 'error: the deployment fails.',
    assumes: 'Counts the credentials whose parent is a reference to the identity, each `count`/`for_each` instance once; credentials repeated over an unknown collection are not counted.',
  },
  check() {},
  checkIac(ctx) {
    for (const identity of inFile(ctx.facts.identities, ctx.file.path)) {
      const fics = credentialsOf(identity, ctx.facts).fics.filter((f) => !f.repeatedUnknown);
      if (fics.length <= LIMIT) continue;
      ctx.report({
        message: `Managed identity has more than ${LIMIT} federated credentials: ${addressLabel(identity.address)} has ${fics.length}, and Azure rejects the 21st. Split the workloads over more identities.`,
        start: identity.headerSpan.start, end: identity.headerSpan.end,
        related: [related(fics[LIMIT].headerSpan, `credential ${LIMIT + 1}: ${fics[LIMIT].address}`)],
      });
    }
  },
});
