// Regenerates the Azure and identity knowledge in data/*.json from the inputs vendored in data/sources/
// (each with its provenance: repository, commit, date). Nothing outside the repository is read, and the same
// inputs give byte-identical output. The generated files are committed: they are what ships.
// Run: npm run data   (the Kubernetes objects have their own generator, gen-k8s-data.ts)
//      node --import tsx scripts/gen-data.ts --out <dir>   writes the files elsewhere (the tests compare them)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compileGrantTest, matchesPattern } from '../src/core/knowledge/match';

const repo = resolve(import.meta.dirname, '..');
const sources = join(repo, 'data', 'sources');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(repo, 'data');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const read = (path: string): Any => JSON.parse(readFileSync(join(sources, path), 'utf8'));
const write = (name: string, value: unknown, indent = 1): number => {
  const text = JSON.stringify(value, null, indent) + '\n';
  writeFileSync(join(outDir, name), text);
  return Buffer.byteLength(text);
};
/** Markdown links from doc cells become their text: the links are relative to the docs site. */
const unlink = (s: string): string => s.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
const dateOnly = (d: string | null | undefined): string => (d ? String(d).slice(0, 10) : 'unknown');
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

mkdirSync(outDir, { recursive: true });
const sizes: Record<string, number> = {};

// ---- Vendored dump of az role definition list / az provider operation show -------------------------------
const azure = read('azure-builtin-roles/source.json');

/**
 * One upstream folder, checked against the git tree hash recorded for the named commit: the vendored copy
 * is exactly that folder, file for file and byte for byte.
 */
function vendoredFolder(folder: string): Record<string, string> {
  const f = azure.folders[folder];
  const files = JSON.parse(gunzipSync(readFileSync(join(sources, 'azure-builtin-roles', f.archive))).toString('utf8')) as Record<string, string>;
  const sha1 = (b: Buffer): Buffer => createHash('sha1').update(b).digest();
  const entries = Object.keys(files).sort(byCodeUnit).map((name) => {
    const body = Buffer.from(files[name], 'utf8');
    const blob = sha1(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]));
    return Buffer.concat([Buffer.from(`100644 ${name}\0`), blob]);
  });
  const content = Buffer.concat(entries);
  const tree = sha1(Buffer.concat([Buffer.from(`tree ${content.length}\0`), content])).toString('hex');
  if (tree !== f.tree) throw new Error(`data/sources/azure-builtin-roles/${f.archive}: tree ${tree}, expected ${f.tree} of ${azure.repository}@${azure.commit}`);
  return files;
}

const source = { repository: azure.repository, commit: azure.commit, date: dateOnly(azure.date) };

// ---- Provider operations: the plane of every operation --------------------------------------------------
type PlaneCode = 'c' | 'd' | 'cd';
interface Op { name: string; control: boolean; data: boolean; description: string }
const ops = new Map<string, Op>();
{
  const files = vendoredFolder('azure-provider-operations');
  const walk = (node: Any): void => {
    for (const o of (node.operations ?? []) as Any[]) {
      const name = String(o.name);
      const key = name.toLowerCase();
      const description = String(o.description ?? '').trim() || String(o.displayName ?? '').trim();
      const op = ops.get(key) ?? { name, control: false, data: false, description };
      // A few names are published twice, once as an action and once as a data action (for example
      // Microsoft.KeyVault/vaults/keys/read): such an operation belongs to both planes.
      if (o.isDataAction) op.data = true;
      else op.control = true;
      if (!op.description) op.description = description;
      ops.set(key, op);
    }
    for (const rt of (node.resourceTypes ?? []) as Any[]) walk(rt);
  };
  for (const name of Object.keys(files).sort(byCodeUnit)) walk(JSON.parse(files[name]));
}
const providers: Record<string, [string, PlaneCode, string][]> = {};
{
  const providerName = new Map<string, string>();
  for (const op of [...ops.values()].sort((a, b) => byCodeUnit(a.name, b.name))) {
    const slash = op.name.indexOf('/');
    if (slash <= 0) throw new Error(`operation without a provider: ${op.name}`);
    const p = op.name.slice(0, slash);
    const key = providerName.get(p.toLowerCase()) ?? p;
    providerName.set(p.toLowerCase(), key);
    (providers[key] ??= []).push([op.name.slice(slash + 1), op.control && op.data ? 'cd' : op.data ? 'd' : 'c', op.description]);
  }
}
const operationCount = ops.size;
const dataCount = [...ops.values()].filter((o) => o.data).length;
sizes['operations.json'] = write('operations.json', {
  _meta: {
    description: 'Every resource provider operation of the public Azure cloud, grouped by provider: [name after "<provider>/", plane, description]. Plane "c" = an action (control plane, granted only by actions), "d" = a data action (isDataAction, granted only by dataActions), "cd" = published as both.',
    source,
    input: 'azure-provider-operations/<provider>.json (az provider operation show)',
    operations: operationCount,
    dataActions: dataCount,
    providers: Object.keys(providers).length,
  },
  providers,
}, 0);

// ---- Built-in role definitions ----------------------------------------------------------------------------
{
  const files = vendoredFolder('azure-roles');
  const categories = read('docs/role-categories.json');
  const nonEmpty = (a: Any): string[] | undefined => (Array.isArray(a) && a.length ? (a as string[]) : undefined);
  // Per plane, the catalogue operations of each provider, to count what a role grants.
  const all = [...ops.values()];
  const roles = Object.keys(files).sort(byCodeUnit).map((file) => {
    const r = JSON.parse(files[file]);
    if (r.roleType !== 'BuiltInRole') throw new Error(`${file}: roleType ${r.roleType}`);
    const permissions = (r.permissions as Any[]).map((p) => {
      const block: Record<string, unknown> = {};
      for (const k of ['actions', 'notActions', 'dataActions', 'notDataActions']) {
        const v = nonEmpty(p[k]);
        if (v) block[k] = v;
      }
      if (p.condition) {
        block.condition = p.condition;
        block.conditionVersion = p.conditionVersion ?? null;
      }
      return block;
    });
    // How many catalogue operations the role grants, per plane: "narrowest first" sorts by this.
    const test = compileGrantTest(permissions as Any);
    let control = 0;
    let data = 0;
    for (const o of all) {
      if (o.control && test(o.name, 'control')) control++;
      if (o.data && test(o.name, 'data')) data++;
    }
    const role: Record<string, unknown> = { name: r.roleName, id: r.name, description: String(r.description ?? '').trim() };
    const category = categories.categories[r.name];
    if (category) role.category = category;
    role.permissions = permissions;
    role.grants = [control, data];
    return role;
  });
  roles.sort((a, b) => byCodeUnit(String(a.name).toLowerCase(), String(b.name).toLowerCase()) || byCodeUnit(String(a.id), String(b.id)));
  const cs = categories._meta.source;
  sizes['azure-roles.json'] = write('azure-roles.json', {
    _meta: {
      description: 'Every built-in role definition of the public Azure cloud: name, GUID, description, docs category, permission blocks (actions, notActions, dataActions, notDataActions; empty lists left out) with the condition a block ships with, and grants = [control-plane, data-plane] number of catalogue operations the role grants.',
      source,
      input: 'azure-roles/<role name>.json (az role definition list)',
      roles: roles.length,
      operations: operationCount,
      categorySource: { repository: cs.repository, path: cs.path, commit: cs.commit, date: cs.msDate },
    },
    roles,
  }, 0);
}

// ---- Permissions of AKS identities -----------------------------------------------------------------------
{
  const src = read('docs/aks-identity-permissions.json');
  const p = src._meta.primarySource;
  const tables = Object.entries(src.permissionTables as Record<string, Any>).map(([id, t]) => ({
    id,
    heading: t.sectionHeading as string,
    intro: unlink((t.intro ?? '') as string),
    rows: (t.rows as Any[]).map((r) => ({ permissions: r.permissions as string[], reason: unlink(r.reason as string) })),
  }));
  const ms = src.managedIdentitiesSummary;
  const lc = src.legacyConceptsIdentity;
  // The plane of every permission the tables name, from the catalogue, so that checking a role against the
  // documented requirements (every role hover) does not need to load the whole catalogue. A pattern is a data
  // permission only when everything it covers is a data action.
  const planes: Record<string, 'control' | 'data'> = {};
  for (const name of [...new Set(tables.flatMap((t) => t.rows.flatMap((r) => r.permissions)))].sort(byCodeUnit)) {
    const exact = ops.get(name.toLowerCase());
    const covered = exact ? [exact] : [...ops.values()].filter((o) => matchesPattern(name, o.name));
    planes[name] = covered.length && covered.every((o) => !o.control) ? 'data' : 'control';
  }
  sizes['aks-identity-permissions.json'] = write('aks-identity-permissions.json', {
    _meta: {
      description: 'Azure permissions used by or required for AKS identities, the managed identities AKS creates, and the AKS RBAC role summaries.',
      source: { repository: p.repository, path: p.path, commit: p.snapshotCommit, date: dateOnly(p.lastChangedDate) },
      url: p.url,
    },
    tables,
    managedIdentities: (ms.rows as Any[]).map((r) => ({
      identity: r.identity, name: r.name, useCase: r.useCase, defaultPermissions: r.defaultPermissions, bringYourOwnIdentity: r.bringYourOwnIdentity,
    })),
    aksRbacRoles: (lc.aksRbacBuiltInRoles as Any[]).map((r) => ({ role: r.role as string, description: String(r.description).replace(/\s*<br>\s*/g, ' ') })),
    planes,
  });
}

// ---- Identity annotation / label keys ----------------------------------------------------------------------
{
  const src = read('docs/workload-identity-spec.json');
  const az = src.azureWorkloadIdentity;
  const aws = src.awsEksIrsa;
  const gke = src.gcpGkeWorkloadIdentity;
  // Doc cells carry Markdown reference links and backticks; keep their words only.
  const str = (v: unknown): string | null =>
    v === null || v === undefined ? null : String(v).replace(/\[([^\]]+)\]\[\d+\]/g, '$1').replace(/`/g, '');
  // One-line summaries (ours) for IRSA keys whose source has no descriptive comment.
  const irsaMeaning: Record<string, string> = {
    'eks.amazonaws.com/role-arn': 'The IAM role that pods using this ServiceAccount assume with a projected web identity token (injected as AWS_ROLE_ARN).',
    'eks.amazonaws.com/audience': 'Audience of the projected ServiceAccount token mounted for IRSA.',
    'eks.amazonaws.com/token-expiration': 'Lifetime in seconds of the projected ServiceAccount token mounted for IRSA.',
  };
  const keys: Any[] = [];
  for (const l of az.labels as Any[]) {
    keys.push({
      key: l.key, provider: 'azure-workload-identity', kind: 'label', appliesTo: ['Pod'], where: 'metadata.labels of the pod template',
      meaning: l.aksDocsDescription ?? l.description, allowedValues: ['true'], default: null,
      notes: ['The webhook selects pods with this label; a label on the Deployment metadata or the ServiceAccount alone does nothing.', 'The webhook runs on pod CREATE only, so pods must be recreated after changes.'],
    });
  }
  for (const a of az.annotations as Any[]) {
    const appliesTo = a.appliesTo as string[];
    const notes: string[] = [];
    if (a.effect) notes.push(a.effect);
    if (a.codeBehaviour) notes.push(a.codeBehaviour);
    if (a.precedence) notes.push(`Precedence: ${a.precedence}.`);
    if (a.enabledWhen) notes.push(`Enabled when the ${a.enabledWhen}.`);
    if (a.aksExample) notes.push(`AKS example: ${a.aksExample.key}: "${a.aksExample.value}" (audience ${a.aksExample.audience}).`);
    const allowed: string[] = [];
    if (typeof a.min === 'number' && typeof a.max === 'number') allowed.push(`${a.min}-${a.max}`);
    else if (/^"true"/.test(String(a.valueFormat))) allowed.push('true');
    else if (/boolean/.test(String(a.valueFormat))) allowed.push('true', 'false');
    keys.push({
      key: a.key, provider: 'azure-workload-identity', kind: 'annotation', appliesTo,
      where: appliesTo.map((t) => (t === 'Pod' ? 'metadata.annotations of the pod template' : `metadata.annotations of the ${t}`)).join('; '),
      meaning: a.description ?? a.serviceAccountDescription ?? a.podDescription ?? (String(a.key).endsWith('<suffix>') ? 'Asks the webhook to project a token for a custom token endpoint audience instead of api://AzureADTokenExchange (for example AKS identity bindings).' : ''),
      valueFormat: str(a.valueFormat), allowedValues: allowed, default: str(a.default), notes,
    });
  }
  for (const a of aws.annotations as Any[]) {
    const notes: string[] = [];
    if (a.validationRegex) notes.push(`Checked against \`${a.validationRegex}\`; ${a.validationBehaviour ?? 'see the webhook'}.`);
    for (const k of ['effect', 'minBehaviour', 'maxNote', 'precedence']) if (a[k]) notes.push(String(a[k]));
    keys.push({
      key: a.key, provider: 'eks-irsa', kind: 'annotation', appliesTo: a.appliesTo,
      where: (a.appliesTo as string[]).map((t) => (t === 'Pod' ? 'metadata.annotations of the pod template' : `metadata.annotations of the ${t}`)).join('; '),
      meaning: irsaMeaning[a.key] ?? a.codeComment ?? `IRSA setting: ${a.valueFormat}`, valueFormat: str(a.valueFormat),
      allowedValues: /ParseBool/.test(String(a.valueFormat)) ? ['true', 'false'] : [], default: str(a.default), notes,
    });
  }
  for (const a of gke.annotations as Any[]) {
    keys.push({
      key: a.key, provider: 'gke-workload-identity', kind: 'annotation', appliesTo: a.appliesTo, where: 'metadata.annotations of the ServiceAccount',
      meaning: 'Links the Kubernetes ServiceAccount to a Google IAM service account, which pods using it impersonate.', valueFormat: a.valueFormat,
      allowedValues: [], default: null, notes: [String(a.required), 'The IAM service account needs a roles/iam.workloadIdentityUser binding for serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA_NAME].'],
    });
  }
  for (const s of gke.relatedSettings as Any[]) {
    if (!s.key) continue;
    keys.push({
      key: s.key, provider: 'gke-workload-identity', kind: 'nodeSelector', appliesTo: ['Pod'], where: 'spec.nodeSelector of the pod template',
      meaning: `Node label used as a nodeSelector: ${s.purpose}.`, valueFormat: null, allowedValues: ['true'], default: null, notes: [],
    });
  }
  // aad-pod-identity (deprecated) keys, summarised from the Azure/aad-pod-identity API types and README.
  keys.push(
    {
      key: 'aadpodidbinding', provider: 'aad-pod-identity', kind: 'label', appliesTo: ['Pod'], where: 'metadata.labels of the pod template',
      meaning: 'Selects the AzureIdentityBinding whose spec.selector equals this value; NMI then serves tokens for that AzureIdentity to the pod.',
      valueFormat: 'the selector string of an AzureIdentityBinding', allowedValues: [], default: null,
      notes: ['aad-pod-identity is deprecated; migrate to Azure Workload Identity (ServiceAccount client-id annotation + pod label azure.workload.identity/use: "true").'],
    },
    {
      key: 'aadpodidentity.k8s.io/Behavior', provider: 'aad-pod-identity', kind: 'annotation', appliesTo: ['AzureIdentity'], where: 'metadata.annotations of the AzureIdentity',
      meaning: 'With the value "namespaced", the AzureIdentity only matches pods in its own namespace.', valueFormat: null, allowedValues: ['namespaced'], default: null,
      notes: ['aad-pod-identity is deprecated; Workload Identity scopes identities per ServiceAccount instead.'],
    },
  );
  sizes['identity-keys.json'] = write('identity-keys.json', {
    _meta: {
      description: 'Identity-related annotation and label keys: Azure Workload Identity, EKS IRSA, GKE Workload Identity and aad-pod-identity.',
      source: { repository: az.sources.constants.repository, commit: az.sources.constants.commit, date: dateOnly(az.sources.constants.lastChangedDate), tag: az.sources.constants.tag },
      sources: [
        { repository: az.sources.docs.repository, path: az.sources.docs.path, commit: az.sources.docs.commit },
        { repository: aws.source.repository, commit: aws.source.commit, date: dateOnly(aws.source.commitDate) },
        { repository: 'Azure/aad-pod-identity', path: 'pkg/apis/aadpodidentity/v1/types.go', commit: 'unknown' },
      ],
      gkeNote: gke.gap,
      tokenAudience: az.projectedTokenVolume?.audience ?? null,
    },
    keys,
  });
}

const total = Object.values(sizes).reduce((a, b) => a + b, 0);
for (const [k, v] of Object.entries(sizes)) console.log(`${k.padEnd(32)} ${(v / 1024).toFixed(1)} KB`);
console.log(`${'total'.padEnd(32)} ${(total / 1024).toFixed(1)} KB`);
