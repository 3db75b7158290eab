import { addressLabel } from '../../iac/label';
import { defineRule } from '../types';
import { inFile, issuerCluster, lit, replaceLiteral, spanIn, SUBJECT } from './shared';

// Mistakes seen in real repositories, each with the one reading that makes it a ServiceAccount subject.
const REPAIRS: [RegExp, string][] = [
  [/^system:serviceaccounts:([^:]+):([^:]+)$/i, 'system:serviceaccount:$1:$2'],
  [/^system:serviceaccount:([^:]+):([^:]+)$/i, 'system:serviceaccount:$1:$2'],
  [/^serviceaccount:([^:]+):([^:]+)$/i, 'system:serviceaccount:$1:$2'],
  [/^system:serviceaccount:([^:/\s]+)\/([^:/\s]+)$/i, 'system:serviceaccount:$1:$2'],
];

export default defineRule({
  id: 'iac-fic-subject-format',
  title: 'Federated credential subject is not system:serviceaccount:<namespace>:<name>',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: true,
  docs: {
    why: 'A Kubernetes ServiceAccount token carries the subject `system:serviceaccount:<namespace>:<name>`, and Microsoft Entra compares it with the credential\'s subject exactly. Any other spelling (`serviceaccounts`, a `/` between namespace and name, a missing `system:` prefix) matches no pod, and sign-in fails with AADSTS70021.',
    howToFix: 'Write the subject as `system:serviceaccount:<namespace>:<name>`. The fix rewrites a plain string literal of the file when the intended namespace and name are clear from the text.',
    severity: 'error: the credential can never match a ServiceAccount token.',
    assumes: 'Checks credentials whose issuer is a cluster of the repository or whose subject mentions a service account (credentials for GitHub Actions and other issuers have other subjects). The subject must be literal in the repository (variables, tfvars, locals and loop values are followed); unknown subjects are not checked.',
    example: {
      bad: 'resource "azurerm_federated_identity_credential" "api" {\n  subject = "system:serviceaccounts:shop:api"\n}',
      good: 'resource "azurerm_federated_identity_credential" "api" {\n  subject = "system:serviceaccount:shop:api"\n}',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const fic of inFile(ctx.facts.federatedCredentials, ctx.file.path)) {
      const subject = lit(fic.subject);
      const at = spanIn(fic.subject, ctx.file.path);
      if (subject === null || !at || SUBJECT.test(subject)) continue;
      const forCluster = !!issuerCluster(fic.issuer, ctx.facts) || /serviceaccount/i.test(subject) || /^system:/i.test(subject);
      if (!forCluster) continue;
      const repair = REPAIRS.find(([re]) => re.test(subject));
      const fixed = repair ? subject.replace(repair[0], repair[1]) : null;
      const edit = fixed ? replaceLiteral(fic.subject, ctx.file.path, ctx.file.text, fixed) : null;
      ctx.report({
        message: `Federated credential subject is not a ServiceAccount subject: ${addressLabel(fic.address)} has "${subject}", but Kubernetes tokens carry system:serviceaccount:<namespace>:<name>. ${fixed ? `Write "${fixed}".` : 'Write the subject in that form.'}`,
        ...at,
        fixes: edit ? [{ title: `Change the subject to ${fixed}`, edits: [edit], isPreferred: true }] : undefined,
      });
    }
  },
});
