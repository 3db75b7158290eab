/**
 * Hover latency: explainAt on role names, role GUIDs and permissions, as the hover provider calls it.
 * - cold: a fresh process, the first hover on a role and then on a permission (loads the knowledge data);
 * - warm: a process that has hovered before, then one hover on each of many terms not hovered yet.
 * The engine is bundled with the production options, like run.ts. `--root <dir>` measures another checkout
 * (e.g. the commit before a change) with the same terms, so before/after are comparable.
 *
 * Usage: node --import tsx bench/hover.ts [--root <dir>] [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { quantile, round } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const root = resolve(opt('root') ?? join(HERE, '..'));
const runs = Number(opt('runs') ?? 5);
const scratch = join(HERE, 'corpus');
mkdirSync(scratch, { recursive: true });

// Terms every version of the data knows: AKS-related built-in roles, their GUIDs, managedClusters operations.
const ROLES = [
  'Azure Kubernetes Service RBAC Reader', 'Azure Kubernetes Service RBAC Writer', 'Azure Kubernetes Service RBAC Admin',
  'Azure Kubernetes Service RBAC Cluster Admin', 'Azure Kubernetes Service Cluster User Role', 'Azure Kubernetes Service Cluster Admin Role',
  'AcrPull', 'AcrPush', 'Managed Identity Operator', 'Managed Identity Contributor', 'Network Contributor', 'Private DNS Zone Contributor',
  'Virtual Machine Contributor', 'Reader', 'Contributor', 'Owner', 'User Access Administrator', 'Key Vault Secrets User', 'Key Vault Administrator',
  'Storage Blob Data Reader', 'Monitoring Reader', 'Log Analytics Reader',
];
const GUIDS = ['7f6c6a51-bcf8-42ba-9220-52d62157d7db', 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', '3498e952-d568-435e-9b2c-8d77e338d7f7', '7f951dda-4ed3-4680-a7ca-43fe172d538d'];
const RESOURCES = ['pods', 'secrets', 'configmaps', 'services', 'deployments', 'namespaces', 'serviceaccounts', 'nodes', 'events', 'endpoints', 'persistentvolumeclaims', 'limitranges'];
const PERMISSIONS = RESOURCES.flatMap((r) => ['read', 'write', 'delete'].map((v) => `Microsoft.ContainerService/managedClusters/${r === 'deployments' ? 'apps/deployments' : r}/${v}`))
  .concat(['Microsoft.ContainerService/managedClusters/pods/exec/action', 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
    'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action', 'Microsoft.ContainerService/managedClusters/runCommand/action',
    'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write', 'Microsoft.Authorization/roleAssignments/write']);

// Versions whose hover provider preloads the Azure data after activation: also measure a first hover after that.
const preloads = readFileSync(join(root, 'src', 'core', 'knowledge', 'roles.ts'), 'utf8').includes('export function preloadAzureKnowledge');

// Like the extension bundle: the large data files (where a version has them) are read with require() at run time.
const bundle = join(scratch, 'hover-engine.cjs');
async function main(): Promise<void> {
await esbuild.build({
  stdin: { contents: `export { explainAt } from './src/core/explain/index';${preloads ? "\nexport { preloadAzureKnowledge } from './src/core/knowledge/roles';" : ''}`, resolveDir: root, loader: 'ts' },
  outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'error',
  plugins: [{
    name: 'shipped-azure-data',
    setup(build) {
      build.onResolve({ filter: /[\\/]data[\\/](azure-roles|operations)\.json$/ }, (args) => ({ path: join(root, 'data', args.path.split(/[\\/]/).pop()!), external: true }));
    },
  }],
});

// The child: loads the bundle, hovers, prints timings as JSON.
const child = `
const { explainAt, preloadAzureKnowledge } = require(${JSON.stringify(bundle)});
const [roles, guids, perms, mode] = JSON.parse(process.argv[1]);
const hover = (term) => { const text = 'x: "' + term + '"\\n'; const t = process.hrtime.bigint(); const r = explainAt(text, 5, 'yaml'); const ms = Number(process.hrtime.bigint() - t) / 1e6; if (!r) throw new Error('no hover for ' + term); return ms; };
if (mode === 'preloaded') {
  const t = process.hrtime.bigint();
  // As hover-provider.ts does it, 3 s after activation.
  preloadAzureKnowledge();
  explainAt('role: "Managed Identity Operator"\\n', 8, 'yaml');
  explainAt('action: "Microsoft.ContainerService/managedClusters/read"\\n', 10, 'yaml');
  explainAt('dataAction: "Microsoft.ContainerService/managedClusters/namespaces/read"\\n', 14, 'yaml');
  const preloadMs = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ preloadMs, role: hover(roles[0]), permission: hover(perms[0]) }));
  process.exit(0);
}
const coldRole = hover(roles[0]);
const coldPermission = hover(perms[0]);
const warm = { role: [], guid: [], permission: [] };
for (const t of roles.slice(1)) warm.role.push(hover(t));
for (const t of guids) warm.guid.push(hover(t));
for (const t of perms.slice(1)) warm.permission.push(hover(t));
const repeat = [];
for (let i = 0; i < 5; i++) for (const t of [...roles, ...perms]) repeat.push(hover(t));
console.log(JSON.stringify({ coldRole, coldPermission, warm, repeat }));
`;

interface Sample { coldRole: number; coldPermission: number; warm: { role: number[]; guid: number[]; permission: number[] }; repeat: number[] }
const samples: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['-e', child, JSON.stringify([ROLES, GUIDS, PERMISSIONS])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  samples.push(JSON.parse(r.stdout) as Sample);
}
const preloaded: { preloadMs: number; role: number; permission: number }[] = [];
for (let i = 0; preloads && i < runs; i++) {
  const r = spawnSync(process.execPath, ['-e', child, JSON.stringify([ROLES, GUIDS, PERMISSIONS, 'preloaded'])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  preloaded.push(JSON.parse(r.stdout));
}
const med = (xs: number[]) => round(quantile([...xs].sort((a, b) => a - b), 0.5), 2);
const p95 = (xs: number[]) => round(quantile([...xs].sort((a, b) => a - b), 0.95), 2);
const all = (f: (s: Sample) => number[]) => samples.flatMap(f);
const result = {
  root,
  runs,
  coldFirstRoleHoverMs: med(samples.map((s) => s.coldRole)),
  coldFirstPermissionHoverMs: med(samples.map((s) => s.coldPermission)),
  // The editor preloads the data when idle after activation (hover-provider.ts): what that costs, and the first
  // role and permission hovers after it.
  ...(preloads ? {
    preloadMs: med(preloaded.map((p) => p.preloadMs)),
    firstRoleHoverAfterPreloadMs: med(preloaded.map((p) => p.role)),
    firstPermissionHoverAfterPreloadMs: med(preloaded.map((p) => p.permission)),
  } : {}),
  warmRoleHoverMs: { median: med(all((s) => s.warm.role)), p95: p95(all((s) => s.warm.role)) },
  warmGuidHoverMs: { median: med(all((s) => s.warm.guid)), p95: p95(all((s) => s.warm.guid)) },
  warmPermissionHoverMs: { median: med(all((s) => s.warm.permission)), p95: p95(all((s) => s.warm.permission)) },
  repeatedHoverMs: { median: med(all((s) => s.repeat)), p95: p95(all((s) => s.repeat)) },
};
console.log(JSON.stringify(result, null, 2));
writeFileSync(join(scratch, `hover-${root === resolve(HERE, '..') ? 'current' : 'other'}.json`), JSON.stringify(result, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
