// The injection grammar tokenised by the same TextMate engine VS Code uses (vscode-textmate + Oniguruma), over a
// bare stand-in for source.yaml so that only our patterns assign scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as onig from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contribution = pkg.contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo?.includes('source.yaml'));
const injection = readFileSync(join(root, contribution.path), 'utf8');

async function tokenizer(): Promise<(line: string) => { text: string; scopes: string[] }[]> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'source.yaml') return tm.parseRawGrammar(JSON.stringify({ scopeName: 'source.yaml', patterns: [{ match: '#.*$', name: 'comment.line.number-sign.yaml' }] }), 'yaml.json');
      if (scope === contribution.scopeName) return tm.parseRawGrammar(injection, 'injection.json');
      return null;
    },
    getInjections: (scope) => (scope === 'source.yaml' ? [contribution.scopeName] : undefined),
  });
  const grammar = (await registry.loadGrammar('source.yaml'))!;
  return (line) => {
    const r = grammar.tokenizeLine(line, tm.INITIAL);
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  };
}

const scopeOf = (tokens: { text: string; scopes: string[] }[], text: string) => tokens.find((t) => t.text === text)?.scopes.at(-1);

test('identity keys of Azure, EKS and GKE are highlighted as keys, quoted or not, in block and flow maps', async () => {
  const tok = await tokenizer();
  assert.equal(scopeOf(tok('    azure.workload.identity/client-id: "x"'), 'azure.workload.identity/client-id'), 'keyword.other.identity-key.aks-iam');
  assert.equal(scopeOf(tok('        "azure.workload.identity/use": "true"'), 'azure.workload.identity/use'), 'keyword.other.identity-key.aks-iam');
  assert.equal(scopeOf(tok('    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/x'), 'eks.amazonaws.com/role-arn'), 'keyword.other.identity-key.aks-iam');
  assert.equal(scopeOf(tok('  annotations: {iam.gke.io/gcp-service-account: a@b.iam.gserviceaccount.com}'), 'iam.gke.io/gcp-service-account'), 'keyword.other.identity-key.aks-iam');
  assert.equal(scopeOf(tok('  - azure.workload.identity/use: "true"'), 'azure.workload.identity/use'), 'keyword.other.identity-key.aks-iam');
});

test('identity keys inside values and comments are not highlighted', async () => {
  const tok = await tokenizer();
  assert.equal(scopeOf(tok('    note: see azure.workload.identity/client-id docs'), 'azure.workload.identity/client-id'), undefined);
  assert.deepEqual(tok('    # azure.workload.identity/client-id: old').map((t) => t.scopes.at(-1)), ['source.yaml', 'comment.line.number-sign.yaml']);
  assert.equal(tok('    xazure.workload.identity/use: "true"').some((t) => t.scopes.includes('keyword.other.identity-key.aks-iam')), false);
});

test('identity and access kinds are highlighted as types; other kinds are not', async () => {
  const tok = await tokenizer();
  for (const kind of ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']) {
    assert.equal(scopeOf(tok(`kind: ${kind}`), kind), 'entity.name.type.kind.identity.aks-iam', kind);
  }
  assert.equal(scopeOf(tok('kind: "ClusterRole" # comment'), 'ClusterRole'), 'entity.name.type.kind.identity.aks-iam');
  assert.equal(scopeOf(tok('kind: Deployment'), 'Deployment'), undefined);
  assert.equal(scopeOf(tok('kind: RoleBindingList'), 'RoleBindingList'), undefined);
});
