// The contributed schema as the YAML extension (redhat.vscode-yaml, whose engine is yaml-language-server) uses it:
// a valid file has no problem, mistakes are flagged, keys and rule ids are completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configSchema, starterConfig } from '../../src/core/config/schema';

const SCHEMA_URI = 'file:///schemas/aks-iam.schema.json';

function service() {
  const ls = getLanguageService({
    schemaRequestService: async (uri: string) => {
      if (uri !== SCHEMA_URI) throw new Error(`unexpected schema request ${uri}`);
      return JSON.stringify(configSchema());
    },
    workspaceContext: { resolveRelativePath: (rel: string) => rel },
  });
  ls.configure({ validate: true, hover: true, completion: true, format: false, customTags: [], yamlVersion: '1.2', schemas: [{ uri: SCHEMA_URI, fileMatch: ['.aks-iam.yaml', '.aks-iam.yml'] }] });
  return ls;
}

const doc = (text: string, v = 1) => TextDocument.create('file:///repo/.aks-iam.yaml', 'yaml', v, text);

test('valid files have no problem, the starter file included (its schema comment aside)', async () => {
  const ls = service();
  const starter = starterConfig().replace(/^# yaml-language-server:.*\n/, '');
  assert.deepEqual((await ls.doValidation(doc(starter), false)).map((d) => d.message), []);
  const full = 'extends: ../base.yaml\nrules:\n  rbac-wildcard: error\nexclude: ["gen/**"]\nnamespace: shop\nplaceholders: ["^x$"]\nsnapshot: s.json\nignore:\n  - path: legacy/**\n    reason: old\n';
  assert.deepEqual((await ls.doValidation(doc(full, 2), false)).map((d) => d.message), []);
});

test('mistakes are flagged: unknown key, unknown rule, wrong severity, ignore without reason', async () => {
  const ls = service();
  const text = 'namespce: x\nrules:\n  rbac-wildcrd: error\n  rbac-wildcard: loud\nignore:\n  - path: x\n';
  const problems = await ls.doValidation(doc(text, 3), false);
  const lines = problems.map((d) => d.range.start.line).sort();
  assert.deepEqual([...new Set(lines)], [0, 2, 3, 5], problems.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));
});

test('rule ids are completed under rules:', async () => {
  const ls = service();
  const list = await ls.doComplete(doc('rules:\n  \n', 4), { line: 1, character: 2 }, false);
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('wi-client-id-format') && labels.includes('rbac-wildcard'), labels.slice(0, 10).join(', '));
});
