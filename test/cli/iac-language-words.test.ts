import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const REPO = join(ROOT, 'test', 'fixtures', 'iac', 'repo');

before(assertBuilt);

// A Bicep finding speaks Bicep: the managed cluster's properties, and the file by its name, never Terraform's arguments
// or the absolute path the CLI read it from.
test('findings in Bicep name the cluster\'s properties and the file by its name', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--no-config', '--format', 'json', 'bicep'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string; message: string; related?: { message: string }[] }[];
  const disabled = findings.find((f) => f.ruleId === 'iac-fic-cluster-disabled' && f.file.endsWith('main.bicep'))!;
  assert.equal(disabled.message, 'Federated credential trusts a cluster with the OIDC issuer and workload identity turned off: main.bicep#reports::reportsFic uses the issuer of main.bicep#aksLegacy. Set oidcIssuerProfile.enabled and securityProfile.workloadIdentity.enabled to true on the cluster.');
  assert.deepEqual(disabled.related?.map((x) => x.message), ['main.bicep#aksLegacy does not set oidcIssuerProfile.enabled (default false)', 'main.bicep#aksLegacy does not set securityProfile.workloadIdentity.enabled (default false)']);
  const issuer = findings.find((f) => f.ruleId === 'iac-fic-issuer' && f.file.endsWith('main.bicep'))!;
  assert.match(issuer.message, /Add the "\/" or use the cluster's oidcIssuerProfile\.issuerURL\.$/);
  assert.ok(!r.stdout.includes(REPO), 'no message holds the absolute path');
});
