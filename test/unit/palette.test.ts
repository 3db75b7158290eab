// The command palette's explain, who-grants and check-cluster answers, without the editor: the list the explain
// picker shows and the Markdown each command opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_SECTIONS, explainCatalogue, explainCatalogueEntry, oneLine } from '../../src/core/explain/catalogue';
import { clusterCheckMarkdown } from '../../src/core/explain/check-cluster';
import { whoGrantsMarkdown } from '../../src/core/explain/who-grants';
import { parseSnapshot } from '../../src/core/identity/snapshot';
import { builtInRoles, clusterRoles, operations } from '../../src/core/knowledge/data';
import { checkClusterPermissions, isLookupError } from '../../src/core/permissions';

test('the explain picker lists every role, ClusterRole, identity key, variable, verb, resource and permission, by family', () => {
  const all = explainCatalogue();
  const kinds = [...new Set(all.map((e) => e.kind))];
  assert.deepEqual(kinds, CATALOGUE_SECTIONS.map((s) => s.kind), 'grouped in section order');
  const count = (k: string) => all.filter((e) => e.kind === k).length;
  assert.equal(count('azure-role'), builtInRoles().length);
  assert.equal(count('permission'), operations().length);
  assert.equal(count('clusterrole'), clusterRoles.length);
  assert.equal(count('identity-key'), 16, 'the keys without a <placeholder>');
  assert.deepEqual(all.filter((e) => e.kind === 'rbac-verb').map((e) => e.label).slice(0, 4), ['get', 'list', 'watch', 'create']);
  const reader = all.find((e) => e.label === 'Reader')!;
  assert.deepEqual(reader, { label: 'Reader', term: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', kind: 'azure-role', description: 'Azure role · General', detail: 'View all resources, but does not allow you to make any changes.' });
  const perm = all.find((e) => e.label === 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action')!;
  assert.deepEqual([perm.description, perm.detail], ['Azure action', 'List the clusterUser credential of a managed cluster']);
  // A published role name with a trailing space is listed trimmed and still found (by its GUID).
  for (const e of all.filter((x) => x.kind === 'azure-role')) assert.equal(e.label, e.label.trim());
  for (const e of all) assert.ok(!e.detail.includes('\n') && e.detail.length <= 120, e.label);
});

test('every entry of the explain picker opens an explanation (none is a dead row)', () => {
  const all = explainCatalogue();
  const dead = all.filter((e) => e.kind !== 'permission' && explainCatalogueEntry(e) === null).map((e) => e.label);
  assert.deepEqual(dead, []);
  // Permissions of every provider, not only Microsoft.*: one per provider.
  const seen = new Set<string>();
  for (const e of all.filter((x) => x.kind === 'permission')) {
    const provider = e.term.split('/')[0].toLowerCase();
    if (seen.has(provider)) continue;
    seen.add(provider);
    assert.ok(explainCatalogueEntry(e)?.startsWith(`**\`${e.term}\`**`), e.term);
  }
  assert.ok(seen.size > 200, `${seen.size} providers`);
});

test('oneLine: the first sentence, cut with an ellipsis', () => {
  assert.equal(oneLine('Lets you read.  And more.'), 'Lets you read.');
  assert.equal(oneLine('a\nb c'), 'a b c');
  assert.equal(oneLine('x'.repeat(200), 10), 'xxxxxxxxx…');
});

test('who grants: roles per plane, narrowest first, as a Markdown table with the data\'s date', () => {
  const md = whoGrantsMarkdown(' Microsoft.ContainerService/managedClusters/listClusterUserCredential/action ');
  const lines = md.split('\n');
  assert.deepEqual(lines.slice(0, 12), [
    '# Which roles grant `Microsoft.ContainerService/managedClusters/listClusterUserCredential/action`',
    '',
    '**control-plane action**: List the clusterUser credential of a managed cluster',
    '',
    '## Control plane (actions)',
    '',
    '6 of 928 built-in roles, narrowest first.',
    '',
    '| Role | Granted by | Operations it grants |',
    '| --- | --- | --- |',
    '| Azure Kubernetes Service Cluster User Role | `Microsoft.ContainerService/managedClusters/listClusterUserCredential/action` | 2 |',
    '| Azure Kubernetes Service Contributor Role | `Microsoft.ContainerService/managedClusters/*` | 137 |',
  ]);
  assert.match(lines[lines.length - 2], /^_Azure data: 928 built-in roles, 22,497 operations, as of \d{4}-\d\d-\d\d /);
  const pattern = whoGrantsMarkdown('Microsoft.ContainerService/managedClusters/*').split('\n');
  assert.equal(pattern[2], 'A pattern, not an operation: it matches 454 catalogue operations. Ask about one of them to see the roles granting it.');
  assert.equal(pattern.filter((l) => l.startsWith('- `')).length, 100);
  assert.equal(pattern.find((l) => l.startsWith('- …')), '- … +354 more');
  const unknown = whoGrantsMarkdown('Microsoft.Foo/bar/read').split('\n');
  assert.deepEqual(unknown.filter((l) => l.startsWith('## ')), ['## If it is an action (actions)', '## If it is a data action (dataActions)']);
});

test('check cluster: each identity\'s requirements, the missing one with why and the fix command', () => {
  const dir = join(__dirname, '..', 'fixtures', 'permissions', 'custom-vnet-missing');
  const graph = parseSnapshot(readdirSync(dir).map((f) => ({ source: f, value: JSON.parse(readFileSync(join(dir, f), 'utf8')) }))).graph;
  const r = checkClusterPermissions(graph, 'payments-aks');
  assert.ok(!isLookupError(r));
  const SUB = '/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  const SUBNET = `${SUB}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/payments-vnet/subnets/aks-nodes`;
  assert.equal(clusterCheckMarkdown(r, 'the identity snapshot'), [
    '# Required permissions of cluster payments-aks',
    '',
    'Resource group `payments-rg`, node resource group `MC_payments-rg_payments-aks_westeurope`. From the identity snapshot.',
    '',
    '**1 missing permission**.',
    '',
    '## Control-plane identity: SystemAssigned (object id `3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01`)',
    '',
    '### ✗ Subnet payments-vnet/aks-nodes (resource group network-rg)',
    '',
    `Scope: \`${SUBNET}\``,
    '',
    '| Permission | Status | How |',
    '| --- | --- | --- |',
    `| \`Microsoft.Network/virtualNetworks/subnets/read\` | ✓ granted | Reader at \`${SUB}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/payments-vnet\` |`,
    '| `Microsoft.Network/virtualNetworks/subnets/join/action` | ✗ missing | no role assignment of the identity grants it here |',
    '',
    'Why: Required if using a subnet in another resource group such as a custom VNET.',
    '',
    'Fix (Network Contributor, bash / zsh):',
    '',
    '```sh',
    `az role assignment create --assignee-object-id 3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01 --assignee-principal-type ServicePrincipal --role 'Network Contributor' --scope ${SUBNET}`,
    '```',
    '',
    '### ~ Node resource group MC\\_payments-rg\\_payments-aks\\_westeurope (AKS grants these)',
    '',
    `Scope: \`${SUB}/resourceGroups/MC_payments-rg_payments-aks_westeurope\``,
    '',
    '43 permissions assumed: AKS gives its control-plane identity Contributor on the node resource group.',
    '',
    '## Kubelet identity: payments-aks-agentpool (object id `8d2e4f61-0a3b-4c5d-9e7f-1a2b3c4d5e02`)',
    '',
    'No requirement applies (no attached registry found).',
    '',
  ].join('\n'));
  assert.match(clusterCheckMarkdown(r, 'x', 'powershell'), /```powershell\naz role assignment create .* --role 'Network Contributor' /);
});
