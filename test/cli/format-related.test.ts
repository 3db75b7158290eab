// Related locations in the machine-readable reports: a Terraform credential whose subject names the wrong namespace
// points at the ServiceAccount it is meant for, and the ServiceAccount points back at the credential's subject.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeTexts } from '../../src/core/analyze';
import { formatJson } from '../../src/cli/format/json';
import { formatSarif } from '../../src/cli/format/sarif';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.js');

const TF = `resource "azurerm_user_assigned_identity" "web" {
  name                = "id-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
}

resource "azurerm_federated_identity_credential" "web" {
  name                = "fic-web"
  resource_group_name = "rg-web"
  parent_id           = azurerm_user_assigned_identity.web.id
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/22222222-2222-2222-2222-222222222222/"
  subject             = "system:serviceaccount:frontend:web"
  audience            = ["api://AzureADTokenExchange"]
}
`;
const SA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: web
  annotations:
    azure.workload.identity/client-id: "0f8fad5b-d9cb-469f-a165-70867728950e"
`;

const ON_TF = 'Federated credential subject names no ServiceAccount of the workspace: azurerm_federated_identity_credential.web has subject system:serviceaccount:frontend:web; ServiceAccount web is in namespace web, not frontend. Change it to system:serviceaccount:web:web.';
const ON_SA = "No federated credential names this ServiceAccount: azurerm_federated_identity_credential.web has subject system:serviceaccount:frontend:web, which names namespace frontend instead of web. Change the credential's subject to system:serviceaccount:web:web.";
// The subject's value on line 12 of the .tf file, the ServiceAccount's name on line 4 of the manifest (0-based below).
const SUBJECT = { start: { line: 11, character: 24 }, end: { line: 11, character: 60 } };
const NAME = { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } };

function lint(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workspace = () => tempWorkspace({ 'infra/identity.tf': TF, 'k8s apps/web.yaml': SA }, 'aks-iam-related-');

before(assertBuilt);

test('json: each finding lists the places it points at as related, 0-based like the finding itself', () => {
  const r = lint(workspace(), '--format', 'json');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout).findings, [
    {
      ruleId: 'iac-fic-subject-not-found', severity: 'error', message: ON_TF, file: 'infra/identity.tf', range: SUBJECT, fixable: false,
      related: [{ file: 'k8s apps/web.yaml', range: NAME, message: 'ServiceAccount web' }],
    },
    {
      ruleId: 'iac-fic-subject-not-found', severity: 'error', message: ON_SA, file: 'k8s apps/web.yaml', range: NAME, fixable: false,
      related: [{ file: 'infra/identity.tf', range: SUBJECT, message: 'subject of azurerm_federated_identity_credential.web' }],
    },
  ]);
});

test('json: a finding without related locations has no related field', () => {
  const dir = tempWorkspace({ 'sa.yaml': SA.replace('"0f8fad5b-d9cb-469f-a165-70867728950e"', 'not-a-guid') }, 'aks-iam-related-');
  const [finding] = JSON.parse(lint(dir, '--format', 'json').stdout).findings;
  assert.equal(finding.ruleId, 'wi-client-id-format');
  assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'message', 'file', 'range', 'fixable']);
});

test('sarif: relatedLocations with ids, 1-based regions and URIs relative to %SRCROOT% like the result, linked from the message', () => {
  const r = lint(workspace(), '--format', 'sarif', '--fail-on', 'none');
  assert.equal(r.code, 0);
  const results = JSON.parse(r.stdout).runs[0].results as Record<string, unknown>[];
  const tf = { physicalLocation: { artifactLocation: { uri: 'infra/identity.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 25, endLine: 12, endColumn: 61 } } };
  const sa = { physicalLocation: { artifactLocation: { uri: 'k8s%20apps/web.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 12 } } };
  assert.deepEqual(results.map(({ partialFingerprints: _, ruleIndex: __, ...rest }) => rest), [
    {
      ruleId: 'iac-fic-subject-not-found', level: 'error',
      message: { text: `${ON_TF} See [ServiceAccount web](1).` },
      locations: [tf],
      relatedLocations: [{ id: 1, ...sa, message: { text: 'ServiceAccount web' } }],
    },
    {
      ruleId: 'iac-fic-subject-not-found', level: 'error',
      message: { text: `${ON_SA} See [subject of azurerm_federated_identity_credential.web](1).` },
      locations: [sa],
      relatedLocations: [{ id: 1, ...tf, message: { text: 'subject of azurerm_federated_identity_credential.web' } }],
    },
  ]);
});

test('sarif: a related file outside the working directory gets a file: URI, as the result\'s own location does', () => {
  const dir = workspace();
  const r = lint(join(dir, 'k8s apps'), '--format', 'sarif', '--fail-on', 'none', '.', '../infra');
  const results = JSON.parse(r.stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: unknown } }[]; relatedLocations: { physicalLocation: { artifactLocation: unknown } }[] }[];
  const outside = { uri: pathToFileURL(join(dir, 'infra', 'identity.tf')).href };
  assert.deepEqual(results.map((x) => [x.locations[0].physicalLocation.artifactLocation, x.relatedLocations[0].physicalLocation.artifactLocation]), [
    [outside, { uri: 'web.yaml', uriBaseId: '%SRCROOT%' }],
    [{ uri: 'web.yaml', uriBaseId: '%SRCROOT%' }, outside],
  ]);
});

test('sarif: brackets and backslashes in a related message are escaped in the link text only', () => {
  const [f] = analyzeTexts([{ path: '/repo/sa.yaml', text: SA.replace('"0f8fad5b-d9cb-469f-a165-70867728950e"', 'not-a-guid') }]);
  const related = { file: '/repo/tf/main.tf', start: 0, end: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'credential 21: azurerm_federated_identity_credential.batch["batch-21"] in C:\\tf', display: 'tf/main.tf' };
  const shown = { ...f, message: 'Too many [credentials].', display: 'sa.yaml', related: [related] };
  const result = JSON.parse(formatSarif([shown])).runs[0].results[0];
  assert.equal(result.message.text, 'Too many [credentials]. See [credential 21: azurerm_federated_identity_credential.batch\\["batch-21"\\] in C:\\\\tf](1).');
  assert.equal(result.relatedLocations[0].message.text, 'credential 21: azurerm_federated_identity_credential.batch["batch-21"] in C:\\tf');
  assert.deepEqual(JSON.parse(formatJson([shown], 1, 1)).findings[0].related, [
    { file: 'tf/main.tf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'credential 21: azurerm_federated_identity_credential.batch["batch-21"] in C:\\tf' },
  ]);
});
