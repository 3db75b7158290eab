// The first window of a workspace: findings of files nobody opened must reach the Problems panel whatever finishes
// first, the identity snapshot or the workspace scan. Here the snapshot loads into an empty index (the workspace has
// no manifest at start); manifests added afterwards must be analysed without being opened.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activate, ourDiagnostics, settled, until, workspaceUri } from '../suite/helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels:
        app: api
        azure.workload.identity/use: true
    spec:
      serviceAccountName: api
      containers:
        - name: api
          image: contoso.azurecr.io/api:1.0
`;

const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: deployer-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ci
`;

const codes = (file: string) => ourDiagnostics(workspaceUri(file)).map((d) => d.code);

describe('cold start', () => {
  after(() => rmSync(workspaceUri('later').fsPath, { recursive: true, force: true }));

  it('loads the snapshot into an empty index, then analyses manifests that arrive without opening them', async function () {
    this.timeout(60_000);
    const api = await activate();
    await until('the identity snapshot in the view', async () => {
      const tree = (await vscode.commands.executeCommand<{ label: string; description?: string }[]>('aksIam.azure.testDescribeTree', 1)) ?? [];
      return tree.some((n) => n.label === 'Identity snapshot' && n.description?.includes('.aks-iam')) ? true : undefined;
    }, 20_000);
    assert.equal(vscode.window.visibleTextEditors.length, 0, 'no editor is open');

    mkdirSync(workspaceUri('later').fsPath, { recursive: true });
    writeFileSync(workspaceUri('later/deployment.yaml').fsPath, DEPLOYMENT);
    writeFileSync(workspaceUri('later/binding.yaml').fsPath, BINDING);
    await until('findings of both new files', () => {
      const got = [codes('later/deployment.yaml'), codes('later/binding.yaml')];
      return got[0].includes('wi-use-label-value') && got[1].includes('rbac-cluster-admin-binding') ? got : undefined;
    }, 20_000);
    await settled(api);
  });

  it('re-indexing keeps every file analysed', async () => {
    const api = await activate();
    await vscode.commands.executeCommand('aksIam.rescanWorkspace');
    await settled(api);
    assert.ok(codes('later/deployment.yaml').includes('wi-use-label-value'));
    assert.deepEqual(codes('later/binding.yaml'), ['rbac-cluster-admin-binding']);
  });
});
