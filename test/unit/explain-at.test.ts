import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { completionsAt, explainAt } from '../../src/core/explain/index';

/** explainAt with the cursor at the first `|` of `marked`; returns the explained text and the header line. */
function at(languageId: string, marked: string): { span: string; head: string } | null {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const r = explainAt(text, offset, languageId);
  return r ? { span: text.slice(r.start, r.end), head: r.markdown.split('\n')[0] } : null;
}

test('YAML: annotation and label keys, RBAC verbs and resources, ClusterRole in roleRef', () => {
  assert.deepEqual(at('yaml', 'metadata:\n  annotations:\n    azure.workload.identity/cl|ient-id: "x"\n'), {
    span: 'azure.workload.identity/client-id', head: '**`azure.workload.identity/client-id`** — Azure Workload Identity annotation',
  });
  assert.deepEqual(at('yaml', 'spec:\n  template:\n    metadata:\n      labels:\n        "azure.workload.identity/u|se": "true"\n'), {
    span: 'azure.workload.identity/use', head: '**`azure.workload.identity/use`** — Azure Workload Identity label',
  });
  const rules = 'rules:\n- apiGroups: [""]\n  resources: ["pods/ex|ec", "secrets"]\n  verbs: ["get", "escalate"]\n';
  assert.deepEqual(at('yaml', rules), { span: 'pods/exec', head: '**`pods/exec`** — Kubernetes RBAC resource · risk: **high**' });
  assert.deepEqual(at('yaml', rules.replace('|', '').replace('escalate', 'esc|alate')), { span: 'escalate', head: '**`escalate`** — Kubernetes RBAC verb · risk: **high**' });
  assert.deepEqual(at('yaml', 'rules:\n- resources:\n  - secrets\n  verbs:\n  - li|st\n'), { span: 'list', head: '**`list`** — Kubernetes RBAC verb · risk: **low**' });
  assert.deepEqual(at('yaml', 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ed|it\n'), { span: 'edit', head: '**edit** — Kubernetes default ClusterRole, built-in (Kubernetes master)' });
});

test('YAML: common words outside their context are not explained', () => {
  assert.equal(at('yaml', 'metadata:\n  name: ed|it\n'), null);
  assert.equal(at('yaml', 'metadata:\n  labels:\n    mode: g|et\n'), null);
  assert.equal(at('yaml', 'apiVersion: v1\nkind: Po|d\n'), null);
});

test('YAML: a plain value with spaces is a role name; a trailing comment is ignored', () => {
  assert.deepEqual(at('yaml', 'roleDefinitionName: Azure Kubernetes Ser|vice RBAC Reader # read only\n'), {
    span: 'Azure Kubernetes Service RBAC Reader', head: '**Azure Kubernetes Service RBAC Reader** — Azure built-in role',
  });
});

test('Bicep: a role GUID inside a roleDefinitions resource ID', () => {
  const bicep = "var id = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b1ff04bb-8a4e-|4dc4-8eb5-8693973ce19b')\n";
  assert.deepEqual(at('bicep', bicep), { span: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', head: '**Azure Kubernetes Service RBAC Cluster Admin** — Azure built-in role' });
  assert.deepEqual(at('bicep', "roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db|'\n")?.head, '**Azure Kubernetes Service RBAC Reader** — Azure built-in role');
});

test('Terraform: role_definition_name and a permission in a custom role', () => {
  const tf = 'resource "azurerm_role_assignment" "aks" {\n  role_definition_name = "Azure Kubernetes Service RBAC Wri|ter"\n}\n';
  assert.deepEqual(at('terraform', tf), { span: 'Azure Kubernetes Service RBAC Writer', head: '**Azure Kubernetes Service RBAC Writer** — Azure built-in role' });
  const perm = '  data_actions = ["Microsoft.ContainerService/managedClusters/secrets/re|ad"]\n';
  assert.deepEqual(at('terraform', perm)?.head, '**`Microsoft.ContainerService/managedClusters/secrets/read`** — data action (data plane)');
});

test('JSON: a GUID inside an ARM expression, RBAC verbs under "verbs"', () => {
  const arm = '{ "roleDefinitionId": "[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'a7ffa36f-339b-4b5c-8bdf-e2c18|8b2c0eb\')]" }\n';
  assert.deepEqual(at('json', arm), { span: 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', head: '**Azure Kubernetes Service RBAC Writer** — Azure built-in role' });
  assert.deepEqual(at('json', '{"rules": [{"resources": ["secrets"], "verbs": ["get", "wat|ch"]}]}')?.head, '**`watch`** — Kubernetes RBAC verb · risk: **low**');
  assert.deepEqual(at('json', '{"rules": [{"resources": ["secr|ets"], "verbs": ["get"]}]}')?.head, '**`secrets`** — Kubernetes RBAC resource · risk: **high**');
  assert.equal(at('json', '{"mode": "wat|ch"}'), null);
});

test('shell: az role assignment create --role, quoted or bare; kubectl --clusterrole=', () => {
  assert.deepEqual(at('shellscript', 'az role assignment create --assignee "$ID" --role "Azure Kubernetes Service RBAC Ad|min" --scope "$AKS"\n'), {
    span: 'Azure Kubernetes Service RBAC Admin', head: '**Azure Kubernetes Service RBAC Admin** — Azure built-in role',
  });
  assert.deepEqual(at('shellscript', 'az role assignment create --role Rea|der --assignee x\n'), { span: 'Reader', head: '**Reader** — Azure built-in role' });
  assert.deepEqual(at('shellscript', 'kubectl create rolebinding dev --clusterrole=vi|ew --user=bob\n'), { span: 'view', head: '**view** — Kubernetes default ClusterRole, built-in (Kubernetes master)' });
  assert.equal(at('shellscript', 'echo "hel|lo world"\n'), null);
});

test('explainAt never throws on odd input', () => {
  assert.equal(explainAt('', 0, 'yaml'), null);
  assert.equal(explainAt('abc', 99, 'yaml'), null);
  assert.equal(explainAt('abc', -1, 'yaml'), null);
  assert.equal(explainAt('"unterminated\r\n\t', 3, 'json'), null);
  assert.equal(explainAt('a: "b" \'c\n', 8, 'yaml'), null);
});

test('explainAt and completionsAt never throw and return spans inside the text (property)', () => {
  const piece = fc.constantFrom('verbs: [', '"', "'", '\n', '  - ', 'metadata:\n  annotations:\n    ', 'azure.workload.identity/use', '--role "', 'Reader', 'escalate', 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', ': ', '#', '\r\n', 'roleRef:\n  name: edit');
  fc.assert(fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 12 }), fc.nat(), fc.constantFrom('yaml', 'json', 'bicep', 'shellscript'), (parts, n, lang) => {
    const text = parts.join('');
    const offset = text.length ? n % (text.length + 1) : 0;
    const r = explainAt(text, offset, lang);
    if (r) assert.ok(r.start >= 0 && r.start <= offset && offset <= r.end && r.end <= text.length);
    for (const c of completionsAt(text, offset, lang)) assert.ok(c.replaceStart <= c.replaceEnd && c.replaceEnd <= text.length);
  }), { numRuns: 500 });
});

/** completionsAt with the cursor at `|`: labels and the text each candidate replaces. */
function complete(languageId: string, marked: string): { labels: string[]; replaced: string[]; inserts: string[] } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const r = completionsAt(text, offset, languageId);
  return { labels: r.map((c) => c.label), replaced: [...new Set(r.map((c) => text.slice(c.replaceStart, c.replaceEnd)))], inserts: r.map((c) => c.insertText) };
}

test('completion: identity annotation keys with value placeholders under metadata.annotations', () => {
  const c = complete('yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.wo|\n');
  assert.ok(c.labels.includes('azure.workload.identity/client-id'));
  assert.ok(c.labels.includes('eks.amazonaws.com/role-arn'));
  assert.ok(!c.labels.some((l) => l.includes('<')));
  assert.ok(c.inserts.includes('azure.workload.identity/client-id: "${1:00000000-0000-0000-0000-000000000000}"'));
  assert.deepEqual(c.replaced, ['azure.wo']);
});

test('completion: the use label with "true" under a pod template\'s labels, nothing under other keys or in values', () => {
  const c = complete('yaml', 'kind: Deployment\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n        |\n');
  assert.deepEqual(c.labels, ['azure.workload.identity/use', 'aadpodidbinding']);
  assert.deepEqual(c.inserts, ['azure.workload.identity/use: "${1:true}"', 'aadpodidbinding: "${1:binding-selector}"']);
  assert.deepEqual(complete('yaml', 'spec:\n  containers:\n  - name: |\n').labels, []);
  assert.deepEqual(complete('yaml', 'metadata:\n  annotations:\n    foo: |\n').labels, []);
});

test('completion: role names inside --role "…" and role_definition_name = "…"', () => {
  const sh = complete('shellscript', 'az role assignment create --role "Azure Kub|" --assignee x');
  assert.ok(sh.labels.includes('Azure Kubernetes Service RBAC Reader'));
  assert.equal(sh.labels.length, 928);
  assert.deepEqual(sh.replaced, ['Azure Kub']);
  assert.ok(complete('terraform', '  role_definition_name = "|"').labels.includes('Owner'));
  assert.ok(complete('powershell', 'New-AzRoleAssignment -ObjectId $id -RoleDefinitionName \'AcrP|\'').labels.includes('AcrPull'));
  assert.deepEqual(complete('shellscript', 'az group create --name "|"').labels, []);
});

test('completion: RBAC verbs in flow and block lists under verbs', () => {
  const flow = complete('yaml', 'rules:\n- apiGroups: [""]\n  verbs: ["get", |]\n');
  assert.ok(flow.labels.includes('escalate') && flow.labels.includes('watch'));
  const block = complete('yaml', 'rules:\n- apiGroups: [""]\n  verbs:\n  - get\n  - li|\n');
  assert.ok(block.labels.includes('list'));
  assert.deepEqual(block.replaced, ['li']);
  assert.deepEqual(complete('yaml', 'rules:\n- apiGroups: [""]\n  resources:\n  - |\n').labels, []);
});
