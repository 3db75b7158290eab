import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTexts } from '../../src/core/analyze';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const snippets: Record<string, { prefix: string; body: string[]; description: string }> =
  JSON.parse(readFileSync(join(root, 'snippets', 'kubernetes-identity.code-snippets'), 'utf8'));

/** Expands a snippet as accepting every default would: first choice, default text, mirrors follow their tab stop. */
function expand(body: string[]): string {
  const values = new Map<string, string>();
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) {
    text = text
      .replace(/\$\{(\d+)\|([^|}]*?)(?:,[^|}]*)*\|\}/g, (_, n, first) => (values.set(n, first), first))
      .replace(/\$\{(\d+):((?:[^{}$]|\$\d+)*)\}/g, (_, n, def) => {
        const v = def.replace(/\$(\d+)/g, (_m: string, k: string) => values.get(k) ?? '');
        values.set(n, v);
        return v;
      });
  }
  return text.replace(/\$\{(\d+)\}/g, (_, n) => values.get(n) ?? '').replace(/\$0/g, '');
}

const expected: Record<string, { kinds: string[]; findings: string[] }> = {
  'k8s-sa': { kinds: ['ServiceAccount'], findings: [] },
  'k8s-sa-wi': { kinds: ['ServiceAccount'], findings: [] },
  'k8s-deploy-wi': { kinds: ['Deployment'], findings: [] },
  'k8s-sa-irsa': { kinds: ['ServiceAccount'], findings: [] },
  'k8s-sa-gke': { kinds: ['ServiceAccount'], findings: [] },
  'k8s-role': { kinds: ['Role'], findings: [] },
  'k8s-clusterrole': { kinds: ['ClusterRole'], findings: [] },
  'k8s-rolebinding': { kinds: ['RoleBinding'], findings: [] },
  'k8s-clusterrolebinding': { kinds: ['ClusterRoleBinding'], findings: [] },
  'k8s-wi-bundle': { kinds: ['ServiceAccount', 'Deployment', 'RoleBinding'], findings: [] },
};

test('the snippets file is contributed for YAML and every snippet has a k8s- prefix and a description', () => {
  assert.ok(pkg.contributes.snippets.some((s: { language: string; path: string }) => s.language === 'yaml' && s.path === './snippets/kubernetes-identity.code-snippets'));
  assert.deepEqual(Object.values(snippets).map((s) => s.prefix).sort(), Object.keys(expected).sort());
  for (const s of Object.values(snippets)) assert.ok(s.description.length > 20, s.prefix);
});

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet ${s.prefix} (${name}) expands to valid manifests of the expected kinds`, () => {
    const text = expand(s.body);
    assert.doesNotMatch(text, /\$\{|\$\d/, 'every placeholder is expanded');
    const findings = analyzeTexts([{ path: `${s.prefix}.yaml`, text }]);
    const kinds = [...text.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(kinds, expected[s.prefix].kinds);
    const serious = findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}: ${f.message}`);
    assert.deepEqual(serious, expected[s.prefix].findings, text);
  });
}

test('a snippet accepted with its defaults leaves its placeholder ids reported (info), so --fail-on info stops them in CI', () => {
  const wi = analyzeTexts([{ path: 'sa.yaml', text: expand(snippets[Object.keys(snippets).find((k) => snippets[k].prefix === 'k8s-sa-wi')!].body) }]);
  const left = wi.filter((f) => f.ruleId === 'placeholder-unreplaced');
  assert.equal(left.length, 1);
  assert.equal(left[0].severity, 'info');
  assert.match(left[0].message, /00000000-0000-0000-0000-000000000000/);
  // The same text in the editor before the id is typed over: never an error about the GUID's format.
  assert.deepEqual(wi.filter((f) => f.ruleId === 'wi-client-id-format'), []);
});
