// Regenerates data/*.json from the team's reference folder (../shared/reference, relative to the repo).
// The generated files are committed: they are what ships, and CI cannot rely on the reference folder.
// Run: npm run data
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const refDir = resolve(repo, process.env.AKS_IAM_REFERENCE_DIR ?? '../shared/reference');
const outDir = join(repo, 'data');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const read = (name: string): Any => JSON.parse(readFileSync(join(refDir, name), 'utf8'));
const write = (name: string, value: unknown): number => {
  const text = JSON.stringify(value, null, 1) + '\n';
  writeFileSync(join(outDir, name), text);
  return Buffer.byteLength(text);
};
/** Markdown links from doc cells become their text: the links are relative to the docs site. */
const unlink = (s: string): string => s.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
const dateOnly = (d: string | null | undefined): string => (d ? String(d).slice(0, 10) : 'unknown');

mkdirSync(outDir, { recursive: true });
const sizes: Record<string, number> = {};

// ---- Azure built-in roles -------------------------------------------------------------------------
{
  const src = read('azure-builtin-roles.json');
  const m = src._meta;
  const roles = (src.roles as Any[]).map((r) => {
    const perms = r.permissions as Any[];
    const cat = (k: string): string[] => perms.flatMap((p) => (p[k] ?? []) as string[]);
    return {
      name: r.roleName as string,
      id: r.id as string,
      description: r.description as string,
      category: (r.category ?? null) as string | null,
      actions: cat('actions'),
      notActions: cat('notActions'),
      dataActions: cat('dataActions'),
      notDataActions: cat('notDataActions'),
    };
  });
  roles.sort((a, b) => a.name.localeCompare(b.name));
  sizes['azure-roles.json'] = write('azure-roles.json', {
    _meta: {
      description: 'Azure built-in role definitions relevant to AKS and workload identity (trimmed: name, GUID, description, category, permission lists).',
      source: { repository: m.primarySource.repository, commit: m.primarySource.snapshotCommit, date: dateOnly(m.primarySource.snapshotCommitDate) },
      categorySource: { repository: m.categorySource.repository, path: m.categorySource.path, commit: m.categorySource.commit, date: m.categorySource.msDate },
    },
    roles,
  });
}

// ---- Provider operations (managedClusters + ManagedIdentity) --------------------------------------
{
  const src = read('aks-dataactions.json');
  const cs = src.provider;
  const mi = (src.relatedProviders as Any[]).find((p) => p.provider === 'Microsoft.ManagedIdentity');
  const seen = new Set<string>();
  const operations: { name: string; description: string; plane: 'control' | 'data' }[] = [];
  const take = (ops: Any[], keep: (name: string) => boolean): void => {
    for (const o of ops) {
      if (!keep(o.name) || seen.has(o.name)) continue;
      seen.add(o.name);
      operations.push({ name: o.name, description: String(o.description ?? o.displayName ?? '').trim(), plane: o.isDataAction ? 'data' : 'control' });
    }
  };
  take(cs.operations, (n) => n.startsWith('Microsoft.ContainerService/managedClusters/') || n === 'Microsoft.ContainerService/managedClusters');
  take(mi.operations, () => true);
  operations.sort((a, b) => a.name.localeCompare(b.name));
  sizes['operations.json'] = write('operations.json', {
    _meta: {
      description: 'Resource provider operations: Microsoft.ContainerService/managedClusters/* and Microsoft.ManagedIdentity/*. plane "data" = a data action (dataActions/notDataActions), "control" = an action.',
      source: { repository: cs.provenance.repository, commit: cs.provenance.snapshotCommit, date: dateOnly(cs.provenance.lastChangedDate) },
      sources: [cs.provenance, mi.provenance].map((p: Any) => ({ repository: p.repository, path: p.path, commit: p.lastChangedCommit, date: dateOnly(p.lastChangedDate) })),
    },
    operations,
  });
}

// ---- Kubernetes default ClusterRoles ---------------------------------------------------------------
{
  const src = read('k8s-default-clusterroles.json');
  const eff = src.effectiveRulesAfterAggregation;
  const clusterRoles = (src.clusterRoles as Any[]).map((c) => {
    const name = c.metadata.name as string;
    const aggregatesFrom = ((c.aggregationRule?.clusterRoleSelectors ?? []) as Any[]).flatMap((s) => Object.keys(s.matchLabels ?? {}));
    const labels = c.metadata.labels ?? {};
    const aggregatesInto = Object.keys(labels)
      .filter((k) => k.startsWith('rbac.authorization.k8s.io/aggregate-to-') && labels[k] === 'true')
      .map((k) => k.slice('rbac.authorization.k8s.io/aggregate-to-'.length));
    return {
      name,
      rules: (c.rules ?? []) as Any[],
      aggregatesFrom,
      aggregatesInto,
      effectiveRules: (Array.isArray(eff[name]) ? eff[name] : (c.rules ?? [])) as Any[],
    };
  });
  const fg = src.featureGatedAdditions;
  const featureGated: Record<string, Any[]> = {};
  for (const [k, v] of Object.entries(fg)) if (Array.isArray(v)) featureGated[k] = v;
  sizes['k8s-clusterroles.json'] = write('k8s-clusterroles.json', {
    _meta: {
      description: 'Kubernetes default ClusterRoles. rules are verbatim; effectiveRules are derived by concatenating the rules aggregated into the role (not an upstream artifact).',
      source: { repository: src._meta.source.repository, path: src._meta.source.path, commit: src._meta.source.commit, date: 'unknown' },
      kubernetesVersion: src._meta.kubernetesVersion?.inferredRange ?? null,
      featureGatedSource: { repository: fg.source.repository, path: fg.source.path, commit: fg.source.commit },
    },
    clusterRoles,
    featureGatedAdditions: featureGated,
  });
}

// ---- Permissions of AKS identities -----------------------------------------------------------------
{
  const src = read('aks-identity-permissions.json');
  const p = src._meta.primarySource;
  const tables = Object.entries(src.permissionTables as Record<string, Any>).map(([id, t]) => ({
    id,
    heading: t.sectionHeading as string,
    intro: unlink((t.intro ?? '') as string),
    rows: (t.rows as Any[]).map((r) => ({ permissions: r.permissions as string[], reason: unlink(r.reason as string) })),
  }));
  const ms = src.managedIdentitiesSummary;
  const lc = src.legacyConceptsIdentity;
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
  });
}

// ---- Identity annotation / label keys ----------------------------------------------------------------
{
  const src = read('workload-identity-spec.json');
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
