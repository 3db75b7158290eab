import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../src/core/rules/registry';
import { listCases, runCase } from '../support/fixtures';
import { renderRuleDocs } from '../../scripts/gen-rule-docs';

test('rule ids are unique kebab-case', () => {
  const ids = allRules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('every rule has a title and docs with a why and a how-to-fix', () => {
  for (const r of allRules) {
    assert.ok(r.title.length > 5, `${r.id}: title`);
    assert.ok(r.docs.why.length > 20, `${r.id}: docs.why`);
    assert.ok(r.docs.howToFix.length > 10, `${r.id}: docs.howToFix`);
  }
});

// suppression-unused is produced by the engine itself and tested in suppression.test.ts.
const ENGINE_RULES = new Set(['suppression-unused']);

test('every rule has a firing and a quiet fixture, a fixed fixture when fixable and a suggested one when it suggests', async () => {
  for (const r of allRules) {
    if (ENGINE_RULES.has(r.id)) continue;
    const cases = listCases(r.id);
    const results = await Promise.all(cases.map(async (c) => ({ c, findings: (await runCase(c)).findings })));
    assert.ok(results.some((x) => x.findings.length > 0), `${r.id}: no firing fixture under test/fixtures/rules/${r.id}/`);
    assert.ok(results.some((x) => x.findings.length === 0), `${r.id}: no quiet fixture under test/fixtures/rules/${r.id}/`);
    if (r.fixable) assert.ok(cases.some((c) => c.fixedPath), `${r.id}: fixable but no <case>.fixed.yaml (or .fixed.tf)`);
    if (r.suggests) assert.ok(cases.some((c) => c.suggestedPath), `${r.id}: suggests but no <case>.suggested.yaml`);
    // The metadata says which levels findings take: the default, or one the rule declares it also reports.
    for (const { findings } of results) {
      for (const f of findings) assert.ok(f.severity === r.defaultSeverity || r.alsoReports?.includes(f.severity), `${r.id}: a finding is ${f.severity}; declare it in alsoReports (and say when in docs.severity)`);
    }
    // The metadata says what the findings offer: no fix from a rule that declares none, no suggestion either.
    for (const { findings } of results) {
      for (const f of findings) {
        if (!r.fixable) assert.equal(f.fixes.length, 0, `${r.id}: offers a fix but is not declared fixable`);
        if (!r.suggests) assert.equal(f.suggestions.length, 0, `${r.id}: offers a suggestion but does not declare suggests`);
      }
    }
  }
});

test('docs/rules.md is generated from the rule metadata and up to date (npm run docs)', () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  assert.equal(onDisk, renderRuleDocs(), 'docs/rules.md is stale: run npm run docs');
});

/** Ids of ../shared/RULES.md by the issue that brings them; all must be registered once delivered. */
export const CATALOGUE_IDS = {
  engine: [
    'wi-use-label-missing', 'wi-use-label-misplaced', 'wi-use-label-value', 'wi-client-id-format', 'wi-tenant-id-format',
    'wi-token-expiration-range', 'wi-client-id-missing', 'wi-default-service-account', 'wi-annotation-misplaced',
    'wi-skip-containers-unknown', 'wi-proxy-sidecar-misuse', 'wi-env-override', 'wi-legacy-token-path', 'aadpi-deprecated',
    'irsa-role-arn-format', 'irsa-token-expiration', 'irsa-env-override', 'gke-gsa-format', 'identity-annotation-misplaced',
    'identity-annotation-typo', 'identity-multi-cloud', 'yaml-syntax', 'suppression-unused',
  ],
  rbacAndServiceAccounts: [
    'rbac-wildcard', 'rbac-secrets-read', 'rbac-escalation-verbs', 'rbac-pod-exec', 'rbac-create-workloads', 'rbac-nodes-proxy',
    'rbac-token-create', 'rbac-cluster-admin-binding', 'rbac-anonymous-subject', 'rbac-subject-invalid', 'rbac-roleref-invalid',
    'rbac-roleref-not-found', 'rbac-subject-not-found', 'rbac-default-sa-binding', 'rbac-deprecated-api', 'rbac-unused-role',
    'sa-not-found', 'sa-deprecated-field', 'sa-name-invalid', 'sa-automount-token',
  ],
};

test('every rule of the engine issue in the catalogue is registered', () => {
  const registered = new Set(allRules.map((r) => r.id));
  const missing = CATALOGUE_IDS.engine.filter((id) => !registered.has(id));
  assert.deepEqual(missing, []);
});

test('every rbac-* and sa-* rule of the catalogue is registered, with fixes where the catalogue lists them', () => {
  const registered = new Map(allRules.map((r) => [r.id, r]));
  assert.deepEqual(CATALOGUE_IDS.rbacAndServiceAccounts.filter((id) => !registered.has(id)), []);
  // The catalogue's fix column, now either a safe fix or a suggestion (the catalogue's "fixes vs suggestions").
  const remedied = ['rbac-subject-invalid', 'rbac-roleref-invalid', 'rbac-deprecated-api', 'rbac-subject-not-found', 'sa-not-found', 'sa-deprecated-field', 'sa-automount-token'];
  assert.deepEqual(remedied.filter((id) => !registered.get(id)?.fixable && !registered.get(id)?.suggests), []);
  // Creating objects and turning off token automounting guess intent: never fixes applied in bulk.
  assert.deepEqual(['rbac-subject-not-found', 'sa-not-found', 'sa-automount-token', 'wi-default-service-account', 'wi-env-override', 'irsa-env-override'].filter((id) => registered.get(id)?.fixable), []);
});
