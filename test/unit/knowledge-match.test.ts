import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  builtInRoles, compileGrantTest, conditionScope, findOperation, findRole, grantsInPlane, matchesPattern, operations, planesOf, rolesGranting,
  type AzureRole, type PermissionBlock, type Plane,
} from '../../src/core/knowledge/index';

const EXEC = 'Microsoft.ContainerService/managedClusters/pods/exec/action';
const SECRETS = 'Microsoft.ContainerService/managedClusters/secrets/read';
const GET_SECRET = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';
const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';

const custom = (...permissions: PermissionBlock[]) => ({ permissions });
const role = (name: string): AzureRole => {
  const r = findRole(name);
  assert.ok(r, `built-in role ${name}`);
  return r;
};

// ---- The rule, case by case ------------------------------------------------------------------------------

test('* matches any run of characters, slashes included, and nothing else', () => {
  assert.ok(matchesPattern('*', 'Microsoft.Foo/bar/read'));
  assert.ok(matchesPattern('*/read', 'Microsoft.ContainerService/managedClusters/read'));
  assert.ok(matchesPattern('Microsoft.ContainerService/*/read', 'Microsoft.ContainerService/managedClusters/agentPools/read'));
  assert.ok(matchesPattern('Microsoft.ContainerService/managedClusters/*', EXEC));
  // Documented: Microsoft.CostManagement/exports/* covers exports/run/action.
  assert.ok(matchesPattern('Microsoft.CostManagement/exports/*', 'Microsoft.CostManagement/exports/run/action'));
  assert.ok(!matchesPattern('*/read', 'Microsoft.ContainerService/managedClusters/write'));
  assert.ok(!matchesPattern('Microsoft.ContainerService/managedClusters/pods/read', EXEC));
  // Dots and other regex characters in patterns are literal.
  assert.ok(!matchesPattern('Microsoft.ContainerService/managedClusters/apps/deployments/read', 'MicrosoftXContainerService/managedClusters/apps/deployments/read'));
});

test('/*/ also matches a single slash', () => {
  assert.ok(matchesPattern('Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'));
  assert.ok(matchesPattern('Microsoft.ManagedIdentity/userAssignedIdentities/*/read', 'Microsoft.ManagedIdentity/userAssignedIdentities/read'));
  assert.ok(matchesPattern('a/*/b', 'a/b'));
  assert.ok(matchesPattern('a/*/b', 'a/x/y/b'));
  assert.ok(matchesPattern('a/*/*/b', 'a/b'));
  assert.ok(!matchesPattern('a/*/b', 'ab'));
  assert.ok(!matchesPattern('a/*/b', 'a/xb'));
  // A star not between two slashes needs no slash around it: "a*b" is "a" + anything + "b".
  assert.ok(matchesPattern('a*b', 'ab'));
  assert.ok(!matchesPattern('a/*', 'a'));
});

test('matching ignores case', () => {
  assert.ok(matchesPattern('microsoft.containerservice/MANAGEDCLUSTERS/*', EXEC));
  assert.ok(grantsInPlane(role('reader'), 'MICROSOFT.CONTAINERSERVICE/managedclusters/READ', 'control'));
});

test('a not-pattern removes what an allow pattern of its block granted, in its own plane only', () => {
  const r = custom({ dataActions: ['Microsoft.ContainerService/managedClusters/*'], notDataActions: ['Microsoft.ContainerService/managedClusters/secrets/*'] });
  assert.equal(grantsInPlane(r, SECRETS, 'data'), null);
  assert.deepEqual(grantsInPlane(r, EXEC, 'data'), { plane: 'data', pattern: 'Microsoft.ContainerService/managedClusters/*', conditional: false });
  const c = custom({ actions: ['*'], notActions: ['Microsoft.Authorization/*/write'], notDataActions: ['*'] });
  assert.equal(grantsInPlane(c, 'Microsoft.Authorization/roleAssignments/write', 'control'), null);
  assert.equal(grantsInPlane(c, 'Microsoft.ContainerService/managedClusters/write', 'control')?.pattern, '*');
  // Another block is not subtracted from.
  const two = custom({ actions: ['Microsoft.Network/*'], notActions: ['Microsoft.Network/*/delete'] }, { actions: ['Microsoft.Network/vnets/delete'] });
  assert.equal(grantsInPlane(two, 'Microsoft.Network/vnets/delete', 'control')?.pattern, 'Microsoft.Network/vnets/delete');
  assert.equal(grantsInPlane(two, 'Microsoft.Network/nsgs/delete', 'control'), null);
});

test('a block with a condition grants conditionally, and an unconditional block wins', () => {
  const cond = { actions: ['Microsoft.Authorization/roleAssignments/write'], condition: '(x)', conditionVersion: '2.0' };
  assert.deepEqual(grantsInPlane(custom(cond), 'Microsoft.Authorization/roleAssignments/write', 'control'), { plane: 'control', pattern: 'Microsoft.Authorization/roleAssignments/write', conditional: true });
  assert.equal(grantsInPlane(custom(cond, { actions: ['*'] }), 'Microsoft.Authorization/roleAssignments/write', 'control')?.conditional, false);
  assert.equal(role('Key Vault Data Access Administrator').conditional, true);
  assert.equal(grantsInPlane(role('Key Vault Data Access Administrator'), 'Microsoft.Authorization/roleAssignments/write', 'control')?.conditional, true);
  // Its condition names roleAssignments/write and /delete with ActionMatches: the rest of the block is not restricted.
  assert.deepEqual(conditionScope(role('Key Vault Data Access Administrator').permissions[0]), ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete']);
  assert.equal(grantsInPlane(role('Key Vault Data Access Administrator'), 'Microsoft.KeyVault/vaults/read', 'control')?.conditional, false);
  // A condition without ActionMatches restricts its whole block.
  assert.equal(conditionScope(role('Oracle Database DbSystems Administrator').permissions[0]), 'all');
  assert.equal(grantsInPlane(role('Oracle Database DbSystems Administrator'), 'Microsoft.Network/virtualNetworks/read', 'control')?.conditional, true);
});

test('actions never grant data actions and dataActions never grant control-plane actions', () => {
  assert.deepEqual(planesOf(SECRETS), ['data']);
  assert.deepEqual(planesOf('Microsoft.ContainerService/managedClusters/read'), ['control']);
  assert.equal(grantsInPlane(role('Reader'), SECRETS, 'data'), null);
  assert.equal(grantsInPlane(role('Owner'), EXEC, 'data'), null);
  const dataOnly = custom({ dataActions: ['*'] });
  assert.equal(grantsInPlane(dataOnly, 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action', 'control'), null);
  assert.equal(grantsInPlane(dataOnly, SECRETS, 'data')?.pattern, '*');
});

// ---- The documented cases --------------------------------------------------------------------------------

test('Managed Identity Operator reads and assigns user-assigned identities', () => {
  const mio = role('Managed Identity Operator');
  assert.equal(grantsInPlane(mio, 'Microsoft.ManagedIdentity/userAssignedIdentities/read', 'control')?.pattern, 'Microsoft.ManagedIdentity/userAssignedIdentities/*/read');
  assert.equal(grantsInPlane(mio, 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', 'control')?.pattern, 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action');
  assert.equal(grantsInPlane(mio, 'Microsoft.ManagedIdentity/userAssignedIdentities/write', 'control'), null);
  assert.equal(grantsInPlane(mio, 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write', 'control'), null);
});

test('Key Vault Reader, Administrator and Secrets Officer read vault metadata; Key Vault Reader never reads secret values', () => {
  for (const name of ['Key Vault Reader', 'Key Vault Administrator', 'Key Vault Secrets Officer']) {
    assert.equal(grantsInPlane(role(name), 'Microsoft.KeyVault/vaults/read', 'control')?.pattern, 'Microsoft.KeyVault/vaults/*/read', name);
  }
  assert.equal(grantsInPlane(role('Key Vault Reader'), GET_SECRET, 'data'), null);
});

test('Reader never reads blobs; Contributor and Owner never read secret values', () => {
  assert.deepEqual(planesOf(BLOB_READ), ['data']);
  assert.deepEqual(planesOf(GET_SECRET), ['data']);
  assert.equal(grantsInPlane(role('Reader'), BLOB_READ, 'data'), null);
  assert.equal(grantsInPlane(role('Contributor'), GET_SECRET, 'data'), null);
  assert.equal(grantsInPlane(role('Owner'), GET_SECRET, 'data'), null);
  assert.ok(!rolesGranting(BLOB_READ).data.some((g) => ['Reader', 'Contributor', 'Owner'].includes(g.role.name)));
  assert.deepEqual(rolesGranting(GET_SECRET).data.map((g) => g.role.name), ['Key Vault Secrets User', 'Key Vault Certificate User', 'Key Vault Secrets Officer', 'Key Vault Administrator']);
  assert.deepEqual(rolesGranting(GET_SECRET).control, []);
});

test('exactly 28 built-in roles create role assignments, the conditional ones flagged, narrowest first', () => {
  const g = rolesGranting('Microsoft.Authorization/roleAssignments/write');
  assert.deepEqual(g.operation?.planes, ['control']);
  assert.equal(g.control.length, 28);
  assert.equal(g.total, builtInRoles().length);
  assert.deepEqual(g.control.filter((x) => !x.conditional).map((x) => [x.role.name, x.pattern]), [
    ['Role Based Access Control Administrator', 'Microsoft.Authorization/roleAssignments/write'],
    ['User Access Administrator', 'Microsoft.Authorization/*'],
    ['Owner', '*'],
  ]);
  const breadth = g.control.map((x) => x.role.grants.control + x.role.grants.data);
  assert.deepEqual(breadth, [...breadth].sort((a, b) => a - b));
});

test('exactly RBAC Writer, RBAC Admin and RBAC Cluster Admin grant pods/exec', () => {
  const r = rolesGranting(EXEC);
  assert.deepEqual(r.operation?.planes, ['data']);
  assert.deepEqual(r.control, []);
  assert.deepEqual(r.data.map((g) => [g.role.name, g.pattern]), [
    ['Azure Kubernetes Service RBAC Writer', 'Microsoft.ContainerService/managedClusters/pods/*'],
    ['Azure Kubernetes Service RBAC Admin', 'Microsoft.ContainerService/managedClusters/*'],
    ['Azure Kubernetes Service RBAC Cluster Admin', 'Microsoft.ContainerService/managedClusters/*'],
  ]);
});

test('an operation missing from the catalogue gets no plane: both lists answer "if it were"', () => {
  const r = rolesGranting('Microsoft.Foo/bars/read');
  assert.equal(r.operation, undefined);
  assert.ok(r.control.some((g) => g.role.name === 'Reader' && g.pattern === '*/read'));
  assert.ok(r.control.some((g) => g.role.name === 'Owner' && g.pattern === '*'));
  assert.deepEqual(r.data, []);
});

test('an operation published in both planes is granted by either list', () => {
  const keysRead = findOperation('microsoft.keyvault/vaults/keys/read');
  assert.deepEqual(keysRead?.planes, ['control', 'data']);
  const g = rolesGranting('Microsoft.KeyVault/vaults/keys/read');
  assert.ok(g.control.some((x) => x.role.name === 'Reader'));
  assert.ok(g.data.some((x) => x.role.name === 'Key Vault Crypto User'));
  assert.ok(!g.data.some((x) => x.role.name === 'Reader'));
});

test('RBAC Reader cannot read Secrets; RBAC Admin cannot write namespaces (notDataActions)', () => {
  assert.equal(grantsInPlane(role('Azure Kubernetes Service RBAC Reader'), SECRETS, 'data'), null);
  const admin = role('Azure Kubernetes Service RBAC Admin');
  assert.equal(grantsInPlane(admin, 'Microsoft.ContainerService/managedClusters/namespaces/write', 'data'), null);
  assert.ok(grantsInPlane(admin, SECRETS, 'data'));
});

test('findRole accepts names in any case, GUIDs and role definition IDs, and nothing else', () => {
  assert.equal(findRole('azure kubernetes service rbac cluster admin')?.id, 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b');
  assert.equal(findRole('7F6C6A51-BCF8-42BA-9220-52D62157D7DB')?.name, 'Azure Kubernetes Service RBAC Reader');
  assert.equal(findRole('3498e952-d568-435e-9b2c-8d77e338d7f7')?.name, 'Azure Kubernetes Service RBAC Admin');
  assert.equal(findRole('a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb')?.name, 'Azure Kubernetes Service RBAC Writer');
  assert.equal(findRole('/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8')?.name, 'Azure Kubernetes Service Cluster Admin Role');
  assert.equal(findRole('4abbcc35-e782-43d8-92c5-2d3f1bd2253f')?.name, 'Azure Kubernetes Service Cluster User Role');
  assert.equal(findRole('7f951dda-4ed3-4680-a7ca-43fe172d538d')?.name, 'AcrPull');
  assert.equal(findRole('00000000-0000-0000-0000-000000000000'), undefined);
  assert.equal(findRole('Kubernetes'), undefined);
});

// ---- Every (role, operation) pair against a reference written here --------------------------------------

/** Classic wildcard matching, `*` = any run of characters, by backtracking over two indexes (no regex). */
function globMatch(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === s[si]) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** Every spelling of the pattern with each "/*\/" either kept or collapsed to "/". */
function variants(p: string): string[] {
  const i = p.indexOf('/*/');
  if (i < 0) return [p];
  return variants(p.slice(i + 2)).flatMap((rest) => [p.slice(0, i + 2) + rest, p.slice(0, i) + rest]);
}

const refMatch = (pattern: string, op: string): boolean => variants(pattern.toLowerCase()).some((v) => globMatch(v, op));

test('for every built-in role and every catalogue operation, the matcher agrees with the reference', () => {
  const ops = operations().map((o) => ({ name: o.name, lower: o.name.toLowerCase(), planes: o.planes }));
  const sorted = [...ops].sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
  // A pattern can only match names starting with its text before the first `*`: look those up by binary search.
  const lowerBound = (prefix: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].lower < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const covered = (pattern: string, plane: Plane): Set<string> => {
    const p = pattern.toLowerCase();
    const prefix = p.split('*')[0];
    const out = new Set<string>();
    for (let i = lowerBound(prefix); i < sorted.length && sorted[i].lower.startsWith(prefix); i++) {
      const o = sorted[i];
      if (o.planes.includes(plane) && refMatch(p, o.lower)) out.add(o.lower);
    }
    return out;
  };
  let pairs = 0;
  let granted = 0;
  // For every 50th operation, the roles the reference says grant it, to check rolesGranting's shortlist too.
  const sampled = new Map(ops.filter((_, i) => i % 50 === 0).map((o) => [o.lower, { control: [] as string[], data: [] as string[] }]));
  for (const r of builtInRoles()) {
    const expected: Record<Plane, Set<string>> = { control: new Set(), data: new Set() };
    for (const b of r.permissions) {
      for (const [plane, allow, deny] of [['control', b.actions, b.notActions], ['data', b.dataActions, b.notDataActions]] as const) {
        const minus = new Set((deny ?? []).flatMap((p) => [...covered(p, plane)]));
        for (const p of allow ?? []) for (const o of covered(p, plane)) if (!minus.has(o)) expected[plane].add(o);
      }
    }
    const fast = compileGrantTest(r.permissions);
    const counts = { control: 0, data: 0 };
    for (const o of ops) {
      for (const plane of o.planes) {
        pairs++;
        const want = expected[plane].has(o.lower);
        if (fast(o.name, plane) !== want) assert.fail(`${r.name} × ${o.name} (${plane}): matcher ${!want}, reference ${want}`);
        if (!want) continue;
        granted++;
        counts[plane]++;
        sampled.get(o.lower)?.[plane].push(r.name);
        // The pattern-naming path takes the same decision.
        const g = grantsInPlane(r, o.name, plane);
        assert.ok(g && refMatch(g.pattern, o.lower), `${r.name} × ${o.name}: ${JSON.stringify(g)}`);
      }
    }
    assert.deepEqual(r.grants, counts, `${r.name}: generated operation counts`);
  }
  assert.ok(pairs > 20_000_000, `${pairs} pairs`);
  for (const [op, want] of sampled) {
    const g = rolesGranting(op);
    for (const plane of g.operation!.planes) assert.deepEqual(g[plane].map((x) => x.role.name).sort(), want[plane].sort(), `${op} (${plane})`);
  }
  assert.ok(granted > 100_000);
});
