// Writes docs/rules.md from the rule metadata (npm run docs); a unit test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../src/core/rules/registry';
import type { Category } from '../src/core/rules/types';

const CATEGORY_TITLES: Record<Category, string> = {
  'workload-identity': 'Azure Workload Identity',
  'aad-pod-identity': 'aad-pod-identity (deprecated)',
  rbac: 'Kubernetes RBAC',
  'service-account': 'ServiceAccounts and pods',
  'other-clouds': 'AWS EKS (IRSA), GKE Workload Identity and shared identity checks',
  credentials: 'Static cloud credentials and the secrets-store CSI driver',
  'infrastructure-code': 'Identity declared in infrastructure code (Terraform, Bicep, ARM templates)',
  general: 'General',
};

export function renderRuleDocs(): string {
  let out = '# aks-iam rules\n\n<!-- Generated from the rule metadata by `npm run docs`. Do not edit by hand. -->\n\n';
  out += 'Change a rule\'s severity with the setting `aksIam.rules` (editor) or `--rule <id>=off|info|warning|error` (CLI). ';
  out += 'Suppress one finding with `# aks-iam-disable-next-line <id>` on the line above, the rest of a document with `# aks-iam-disable <id>`, or a whole object with the annotation `aks-iam.io/ignore: "<id>,<id>"`.\n\n';
  out += 'A **fix** is safe without knowing the author\'s intent: `aks-iam lint --fix` (for findings at or above `--fix-min`, default warning), *Fix all* and `source.fixAll.aksIam` apply it. ';
  out += 'A **suggestion** guesses intent (create an object, pick a kind or a namespace, remove a variable) and is offered only in the editor\'s quick-fix menu.\n\n';
  out += '**Namespaces.** Every rule reads one resolved namespace per object: a kustomize build\'s `namespace:` (following bases from overlays; a file included under two different namespaces is unknown); else `metadata.namespace`; else, in a Helm template, unknown (the release namespace); else the default (`aksIam.defaultNamespace`, `--namespace`). Kustomize patches are partial objects. A rule never reports a finding that depends on an unknown namespace, and no fix writes a guessed one.\n\n';
  out += '**Placeholders.** Values that stand for something the manifest does not say are unknown to every rule: Helm/Go and Jinja templates (`{{ … }}`, `{% … %}`), shell and envsubst variables (`${VAR}`, `${VAR:-x}`, `$VAR`, `$(VAR)`), `<angle-bracket>` placeholders, ALL_CAPS tokens with an underscore (`YOUR_CLIENT_ID`, `KSA_NAME`, `…@PROJECT_ID.iam…`), words such as `CHANGEME`, and masked or all-zero GUIDs. `placeholder-unreplaced` (info) is the only finding about them.\n\n';
  out += '| Rule | Default | Fix | Suggestion | Title |\n|---|---|---|---|---|\n';
  for (const r of allRules) out += `| [${r.id}](#${r.id}) | ${[r.defaultSeverity, ...(r.alsoReports ?? [])].join('/')} | ${r.fixable ? 'yes' : ''} | ${r.suggests ? 'yes' : ''} | ${r.title.replace(/\|/g, '\\|')} |\n`;
  for (const cat of Object.keys(CATEGORY_TITLES) as Category[]) {
    const rules = allRules.filter((r) => r.category === cat);
    if (rules.length === 0) continue;
    out += `\n## ${CATEGORY_TITLES[cat]}\n`;
    for (const r of rules) {
      const offers = [r.fixable ? 'fix (safe, applied in bulk)' : '', r.suggests ? 'suggestions (quick-fix menu only)' : ''].filter(Boolean).join(' and ');
      out += `\n### ${r.id}\n\n**${r.title}** — default severity: ${r.defaultSeverity}${r.alsoReports?.length ? ` (some findings: ${r.alsoReports.join(', ')})` : ''}${offers ? ` · offers ${offers}` : ''}${r.needsCloud ? ' · needs Azure identity data (signed in, or `--snapshot`)' : ''}\n\n`;
      out += `**Why:** ${r.docs.why}\n\n**How to fix:** ${r.docs.howToFix}\n`;
      if (r.docs.severity) out += `\n**Severity:** ${r.docs.severity}\n`;
      if (r.docs.assumes) out += `\n**Namespaces and placeholders:** ${r.docs.assumes}\n`;
      if (r.docs.example) {
        const lang = r.category === 'infrastructure-code' ? 'hcl' : 'yaml';
        out += `\nWrong:\n\n\`\`\`${lang}\n${r.docs.example.bad}\n\`\`\`\n\nRight:\n\n\`\`\`${lang}\n${r.docs.example.good}\n\`\`\`\n`;
      }
    }
  }
  return out;
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRuleDocs());
  console.log(`docs/rules.md: ${allRules.length} rules`);
}
