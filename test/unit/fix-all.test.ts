import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { fixAllInFile } from '../../src/core/fix/fix-all';
import { crossFileSignature } from '../../src/core/index/signature';
import { applyEdits } from '../../src/core/text/edits';

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: "0b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c11"\n';
const deploy = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name} # app label\n    spec:\n      serviceAccountName: api\n      containers:\n        - name: c\n          image: x\n`;

test('fix all applies every fixable finding, keeps comments, and a second run changes nothing', () => {
  const text = `${SA}---\n${deploy('one')}---\n${deploy('two')}`;
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  const before = a.analyzeFile('m.yaml').filter((f) => f.ruleId === 'wi-use-label-missing');
  assert.equal(before.length, 2);
  const r = fixAllInFile(a, 'm.yaml')!;
  assert.equal(r.remaining, 0);
  assert.ok(r.applied >= 2);
  assert.equal((r.text.match(/azure\.workload\.identity\/use: "true"/g) ?? []).length, 2);
  assert.ok(r.text.includes('app: one # app label') && r.text.includes('app: two # app label'));
  assert.equal(a.index.getFile('m.yaml')!.text, text, 'the analyzer keeps the unfixed text until the caller writes the result');
  a.setFile('m.yaml', r.text);
  assert.deepEqual(a.analyzeFile('m.yaml').filter((f) => f.fixes.length > 0), []);
  assert.equal(fixAllInFile(a, 'm.yaml')!.text, r.text, 'fix all twice equals fix all once');
});

test('fix all limited to one rule leaves the other rules\' findings', () => {
  const text = `${SA}---\n${deploy('one')}`.replace('name: api\n', 'name: api\n  namespace: Bad_NS\n');
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  const r = fixAllInFile(a, 'm.yaml', (f) => f.ruleId === 'no-such-rule')!;
  assert.equal(r.text, text);
  assert.equal(r.applied, 0);
  assert.equal(fixAllInFile(a, 'missing.yaml'), null);
});

test('the cross-file signature ignores edits other files cannot see', () => {
  const a = new Analyzer();
  const sig = (t: string) => crossFileSignature(a.setFile('d.yaml', t));
  const base = sig(deploy('one'));
  assert.equal(sig(deploy('one').replace('image: x', 'image: y')), base, 'a new image does not affect other files');
  assert.notEqual(sig(deploy('one').replace('serviceAccountName: api', 'serviceAccountName: web')), base);
  assert.notEqual(sig(deploy('one').replace('app: one # app label', 'app: one\n        azure.workload.identity/use: "true"')), base);
  const sa = sig(SA);
  assert.notEqual(sig(SA.replace('0b5e', '1b5e')), sa, 'any change to a ServiceAccount matters to its pods');
  assert.notEqual(sig(deploy('one').replace('image: x', 'image: x\n          envFrom: [{secretRef: {name: keys}}]')), base, 'the Secrets a pod reads matter to the Secret\'s findings');
});

// Found by fuzzing (test/fuzz): each input is minimal.
test('fix all creates no objects: seven pods on the default ServiceAccount each get the creation as a suggestion only', () => {
  const text = Array.from({ length: 7 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels:\n    azure.workload.identity/use: "true"\nspec:\n  containers: [{name: c, image: nginx}]\n`).join('---\n');
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  const once = fixAllInFile(a, 'm.yaml')!;
  assert.equal(once.applied, 0);
  assert.equal(once.text, text);
  const offered = a.analyzeFile('m.yaml').filter((f) => f.ruleId === 'wi-default-service-account');
  assert.deepEqual(offered.map((f) => [f.fixes.length, f.suggestions.map((s) => s.title)]), Array.from({ length: 7 }, (_, i) => [0, [`Create ServiceAccount p${i} and run the pod as it`]]));
});

test('fix all does not add a key twice when a typo rename and an insertion aim at the same map', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/usee: "true"\n    spec:\n      serviceAccountName: orders\n      containers: [{name: app, image: nginx}]\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    azure.workload.identity/client-id: 00000000-0000-4000-8000-000000000001\n';
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  const r = fixAllInFile(a, 'm.yaml')!;
  assert.equal((r.text.match(/azure\.workload\.identity\/use:/g) ?? []).length, 1, r.text);
  a.setFile('m.yaml', r.text);
  assert.deepEqual(a.index.getFile('m.yaml')!.parsed.errors, []);
  assert.deepEqual(a.analyzeFile('m.yaml').filter((f) => f.ruleId.startsWith('wi-') || f.ruleId === 'identity-annotation-typo').map((f) => f.ruleId), []);
});

test('sa-deprecated-field offers to copy serviceAccount only when it is a plain value', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: a\n  serviceAccount:\n  - x\n  containers: []\n';
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  const [f] = a.analyzeFile('m.yaml').filter((x) => x.ruleId === 'sa-deprecated-field');
  assert.deepEqual(f.suggestions.map((x) => x.title), ['Keep serviceAccountName (a) and remove serviceAccount']);
});

test('a workload named default is offered a ServiceAccount of another name (a suggestion), and fix all leaves it', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: default\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n    spec:\n      serviceAccountName: default\n      containers: [{name: c, image: nginx}]\n';
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  assert.equal(fixAllInFile(a, 'm.yaml')!.text, text);
  const [f] = a.analyzeFile('m.yaml').filter((x) => x.ruleId === 'wi-default-service-account');
  const suggested = applyEdits(text, f.suggestions[0].edits);
  assert.match(suggested, /serviceAccountName: default-deployment\n/);
  assert.equal((suggested.match(/^kind: ServiceAccount$/gm) ?? []).length, 1);
});

test('moving the use label off a ServiceAccount removes a labels map left empty; a comment in the map keeps it', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  labels:\n    azure.workload.identity/use: "true" # old webhook habit\n  annotations:\n    azure.workload.identity/client-id: 0b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c11\n';
  const deploy = '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      serviceAccountName: api\n      containers: [{name: api, image: x}]\n';
  const fixed = (text: string) => {
    const a = new Analyzer();
    a.setFile('m.yaml', text);
    const [f] = a.analyzeFile('m.yaml').filter((x) => x.ruleId === 'wi-use-label-misplaced');
    return applyEdits(text, f.fixes[0].edits);
  };
  assert.equal(fixed(sa + deploy), sa.replace('  labels:\n    azure.workload.identity/use: "true" # old webhook habit\n', '') + deploy.replace('        app: api\n', '        app: api\n        azure.workload.identity/use: "true"\n'));
  const commented = sa.replace('  labels:\n', '  labels:\n    # keep: the chart adds more labels here\n');
  assert.equal(fixed(commented + deploy).split('---')[0], commented.replace('    azure.workload.identity/use: "true" # old webhook habit\n', ''));
});
