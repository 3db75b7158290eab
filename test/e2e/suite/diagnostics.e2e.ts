// Diagnostics of the fixture workspace as VS Code holds them: the rule ids, severities and 0-based
// ranges below, and exactly what `aks-iam lint --format json` reports for the same folder (the
// harness runs the CLI when it bundles the suite), with the rule id linked to its docs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, DOCS, expectedText, ourDiagnostics, workspaceUri } from './helpers';

interface CliFinding { ruleId: string; severity: string; message: string; file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

const SEVERITY: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Information' };

const EXPECTED: Record<string, [string, string, [number, number, number, number]][]> = {
  'apps/api.yaml': [['wi-use-label-missing', 'Warning', [23, 6, 23, 29]]],
  'apps/workers.yaml': [['wi-use-label-missing', 'Warning', [23, 6, 23, 32]], ['wi-use-label-missing', 'Warning', [42, 6, 42, 32]]],
  'rbac/admin.yaml': [['rbac-cluster-admin-binding', 'Error', [8, 8, 8, 21]]],
};

describe('diagnostics', () => {
  before(activate);

  it('reports every file of the workspace scan without opening it, with exact ids and ranges', () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      assert.deepEqual(ourDiagnostics(workspaceUri(file)).map((d) => [d.code, d.severity, d.range]), want, file);
    }
  });

  it('shows exactly the findings of aks-iam lint --format json, messages included', () => {
    const cli = (JSON.parse(expectedText('cli-findings.json')) as { findings: CliFinding[] }).findings;
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...new Set(cli.map((f) => f.file))].sort(), 'the CLI and this suite disagree on which files have findings');
    for (const file of Object.keys(EXPECTED)) {
      const fromCli = cli.filter((f) => f.file === file).map((f) => ({
        code: f.ruleId, severity: SEVERITY[f.severity], range: [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], message: f.message,
      }));
      assert.deepEqual(ourDiagnostics(workspaceUri(file)), fromCli, file);
    }
  });

  it('names the concrete objects in its messages', () => {
    const [admin] = ourDiagnostics(workspaceUri('rbac/admin.yaml'));
    assert.match(admin.message, /^Grant of cluster-admin cluster-wide: ClusterRoleBinding deployer-admin grants it .* to ServiceAccount ci\/deployer;/);
    const [api] = ourDiagnostics(workspaceUri('apps/api.yaml'));
    assert.match(api.message, /^Missing label azure\.workload\.identity\/use: "true" on the pod template: Deployment api \(namespace shop\) runs as ServiceAccount api, /);
  });

  it('links each diagnostic code to its rule in the docs', () => {
    const [d] = vscode.languages.getDiagnostics(workspaceUri('rbac/admin.yaml')).filter((x) => x.source === 'aks-iam');
    assert.ok(d && typeof d.code === 'object', 'the code must carry a target link');
    assert.equal(d.code.value, 'rbac-cluster-admin-binding');
    assert.equal(d.code.target.toString(true), `${DOCS}#rbac-cluster-admin-binding`);
  });
});
