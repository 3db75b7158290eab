// Settings take effect at once: a rule's severity, turning it off, excluding files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, ourDiagnostics, until, workspaceUri } from './helpers';

const config = () => vscode.workspace.getConfiguration('aksIam');
const adminSeverities = () => ourDiagnostics(workspaceUri('rbac/admin.yaml')).map((d) => `${d.code}:${d.severity}`);

/** Waits until the admin binding's diagnostics are `want` (the extension re-lints on the change event). */
const adminBecomes = (want: string[]) => until(`rbac/admin.yaml diagnostics ${JSON.stringify(want)}`, () => {
  const got = adminSeverities();
  return JSON.stringify(got) === JSON.stringify(want) ? got : undefined;
});

describe('settings', () => {
  before(activate);
  afterEach(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Global);
    await config().update('exclude', undefined, vscode.ConfigurationTarget.Global);
    await adminBecomes(['rbac-cluster-admin-binding:Error']);
  });

  it('aksIam.rules changes a rule\'s severity and turns it off', async () => {
    assert.deepEqual(adminSeverities(), ['rbac-cluster-admin-binding:Error']);
    await config().update('rules', { 'rbac-cluster-admin-binding': 'info' }, vscode.ConfigurationTarget.Global);
    await adminBecomes(['rbac-cluster-admin-binding:Information']);
    await config().update('rules', { 'rbac-cluster-admin-binding': 'off' }, vscode.ConfigurationTarget.Global);
    await adminBecomes([]);
    // Other rules are untouched.
    assert.deepEqual(ourDiagnostics(workspaceUri('apps/api.yaml')).map((d) => `${d.code}:${d.severity}`), ['wi-use-label-missing:Warning']);
  });

  it('aksIam.exclude drops the findings of excluded files', async () => {
    await config().update('exclude', ['**/rbac/**'], vscode.ConfigurationTarget.Global);
    await adminBecomes([]);
    assert.equal(ourDiagnostics(workspaceUri('apps/api.yaml')).length, 1);
  });
});
