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
  general: 'General',
};

export function renderRuleDocs(): string {
  let out = '# aks-iam rules\n\n<!-- Generated from the rule metadata by `npm run docs`. Do not edit by hand. -->\n\n';
  out += 'Change a rule\'s severity with the setting `aksIam.rules` (editor) or `--rule <id>=off|info|warning|error` (CLI). ';
  out += 'Suppress one finding with `# aks-iam-disable-next-line <id>` on the line above, the rest of a document with `# aks-iam-disable <id>`, or a whole object with the annotation `aks-iam.io/ignore: "<id>,<id>"`.\n\n';
  out += '| Rule | Default | Fixable | Title |\n|---|---|---|---|\n';
  for (const r of allRules) out += `| [${r.id}](#${r.id}) | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${r.title.replace(/\|/g, '\\|')} |\n`;
  for (const cat of Object.keys(CATEGORY_TITLES) as Category[]) {
    const rules = allRules.filter((r) => r.category === cat);
    if (rules.length === 0) continue;
    out += `\n## ${CATEGORY_TITLES[cat]}\n`;
    for (const r of rules) {
      out += `\n### ${r.id}\n\n**${r.title}** — default severity: ${r.defaultSeverity}${r.fixable ? ' · quick fix available' : ''}${r.needsCloud ? ' · needs Azure identity data (signed in, or `--snapshot`)' : ''}\n\n`;
      out += `**Why:** ${r.docs.why}\n\n**How to fix:** ${r.docs.howToFix}\n`;
      if (r.docs.example) {
        out += `\nWrong:\n\n\`\`\`yaml\n${r.docs.example.bad}\n\`\`\`\n\nRight:\n\n\`\`\`yaml\n${r.docs.example.good}\n\`\`\`\n`;
      }
    }
  }
  return out;
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRuleDocs());
  console.log(`docs/rules.md: ${allRules.length} rules`);
}
