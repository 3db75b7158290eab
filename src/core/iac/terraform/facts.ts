import { emptyFacts, type IacFacts, type IacUnknown, type IacValue } from '../types';
import type { Block } from './hcl';
import { evaluate, ModuleInstance, type Instance } from './evaluate';
import { attrSpan, base, firstBlock, flag, list, map, optionalValue, span, toValue, value } from './fact-values';
import { readHelmRelease } from './helm';
import type { Program } from './program';

const MAX_MODULE_INSTANCES = 2000;

/** Every identity fact of every root module and the local modules they call. */
export function collectFacts(program: Program): IacFacts {
  const facts = emptyFacts();
  const queue = program.roots.map((r) => new ModuleInstance(program, r, '', null, false, 0));
  const rootOf = new Map<ModuleInstance, ModuleInstance>(queue.map((m) => [m, m]));
  // A module block can hand its module other provider configurations; then inheriting the root's default is a guess.
  const passesProviders = [...program.modules.values()].some((m) => [...m.modules.values()].some((b) => b.body.attributes.has('providers')));
  for (let n = 0; n < queue.length && n < MAX_MODULE_INSTANCES; n++) {
    const mod = queue[n];
    const ctx: ReadContext = { root: rootOf.get(mod)!, inherits: !passesProviders };
    for (const [key, block] of mod.src.resources) {
      const type = block.labels[0];
      if (!READERS[type]) continue;
      for (const inst of mod.instancesOf('resource', key, block, 0)) READERS[type](facts, block, inst, ctx);
    }
    for (const [key, block] of mod.src.dataSources) if (block.labels[0] === 'azurerm_kubernetes_cluster') dataCluster(facts, key, block, mod);
    for (const name of mod.src.modules.keys()) {
      const child = mod.child(name, 0);
      if (!child) continue;
      for (const m of child.mods) rootOf.set(m, ctx.root);
      queue.push(...child.mods);
    }
  }
  return facts;
}

interface ReadContext {
  /** The root module the instance is called from: where provider configurations live. */
  root: ModuleInstance;
  /** Modules take the root's default provider configurations (no module block passes others). */
  inherits: boolean;
}

/** The cluster a kubernetes provider resource is created in, when the provider's `host` refers to a cluster of the repository. */
function providerCluster(block: Block, inst: Instance, ctx: ReadContext): IacValue | undefined {
  const p = block.body.attributes.get('provider')?.expr;
  const key = !p ? 'kubernetes' : p.t === 'attr' && p.of.t === 'var' ? `${p.of.name}.${p.name}` : p.t === 'var' ? p.name : null;
  if (!key) return undefined;
  const mod = inst.scope.mod;
  const own = mod.src.providers.get(key);
  const from = own ? mod : ctx.inherits && !key.includes('.') ? ctx.root : null;
  const host = from?.src.providers.get(key)?.body.attributes.get('host');
  if (!from || !host) return undefined;
  const v = evaluate(host.expr, { mod: from });
  return v.k === 'ref' && v.attribute === 'apiServerHost' ? toValue(v, attrSpan(host)) : undefined;
}

/** A cluster another configuration declares, read by a data source: its name and resource group as written, flags unknown. */
function dataCluster(facts: IacFacts, key: string, block: Block, mod: ModuleInstance): void {
  if (block.body.attributes.has('count') || block.body.attributes.has('for_each')) return;
  const inst: Instance = { address: `${mod.prefix}data.${key}`, scope: { mod }, repeatedUnknown: false };
  const b = base(block, inst);
  const elsewhere: IacUnknown = { kind: 'unknown', why: 'the cluster is declared elsewhere (read by a data source)', span: b.headerSpan };
  facts.clusters.push({
    ...b, type: 'cluster', dataSource: true, name: value(block.body, 'name', inst, b.headerSpan), resourceGroup: value(block.body, 'resource_group_name', inst, b.headerSpan),
    oidcIssuerEnabled: elsewhere, workloadIdentityEnabled: elsewhere, identityType: elsewhere, identityIds: elsewhere,
  });
}

type Reader = (facts: IacFacts, block: Block, inst: Instance, ctx: ReadContext) => void;

const serviceAccount: Reader = (facts, block, inst, ctx) => {
  const b = base(block, inst);
  const cluster = providerCluster(block, inst, ctx);
  const meta = firstBlock(block.body, 'metadata');
  if (!meta) {
    const u: IacValue = { kind: 'unknown', why: 'no metadata block', span: b.headerSpan };
    facts.serviceAccounts.push({ ...b, type: 'serviceAccount', namespace: u, name: u, annotations: u, labels: u, ...(cluster ? { cluster } : {}) });
    return;
  }
  const ns = meta.body.attributes.has('namespace')
    ? value(meta.body, 'namespace', inst, b.headerSpan)
    : { kind: 'literal' as const, value: 'default', span: span(meta.file, meta.header.start, meta.header.end), implicit: true };
  facts.serviceAccounts.push({
    ...b, type: 'serviceAccount', namespace: ns, name: value(meta.body, 'name', inst, b.headerSpan),
    annotations: map(meta.body, 'annotations', inst, b.headerSpan), labels: map(meta.body, 'labels', inst, b.headerSpan),
    ...(cluster ? { cluster } : {}),
  });
};

const READERS: Record<string, Reader> = {
  azurerm_user_assigned_identity: (facts, block, inst) => {
    const b = base(block, inst);
    facts.identities.push({
      ...b, type: 'identity', name: value(block.body, 'name', inst, b.headerSpan),
      resourceGroup: value(block.body, 'resource_group_name', inst, b.headerSpan), location: value(block.body, 'location', inst, b.headerSpan),
    });
  },
  azurerm_federated_identity_credential: (facts, block, inst) => {
    const b = base(block, inst);
    // azurerm 4.x renamed parent_id to user_assigned_identity_id.
    const parentAttr = block.body.attributes.has('user_assigned_identity_id') ? 'user_assigned_identity_id' : 'parent_id';
    facts.federatedCredentials.push({
      ...b, type: 'federatedCredential', name: value(block.body, 'name', inst, b.headerSpan), parent: value(block.body, parentAttr, inst, b.headerSpan),
      issuer: value(block.body, 'issuer', inst, b.headerSpan), subject: value(block.body, 'subject', inst, b.headerSpan),
      audiences: list(block.body, 'audience', inst, b.headerSpan),
    });
  },
  azurerm_role_assignment: (facts, block, inst) => {
    const b = base(block, inst);
    const fact: IacFacts['roleAssignments'][number] = {
      ...b, type: 'roleAssignment', scope: value(block.body, 'scope', inst, b.headerSpan), principal: value(block.body, 'principal_id', inst, b.headerSpan),
    };
    const name = optionalValue(block.body, 'role_definition_name', inst);
    const id = optionalValue(block.body, 'role_definition_id', inst);
    const type = optionalValue(block.body, 'principal_type', inst);
    if (name) fact.roleName = name;
    if (id) fact.roleDefinitionId = id;
    if (type) fact.principalType = type;
    facts.roleAssignments.push(fact);
  },
  azurerm_kubernetes_cluster: (facts, block, inst) => {
    const b = base(block, inst);
    const identity = firstBlock(block.body, 'identity');
    const dynamicIdentity = block.body.blocks.some((x) => x.type === 'dynamic' && x.labels[0] === 'identity');
    const kubelet = firstBlock(block.body, 'kubelet_identity');
    const noIdentity: IacValue = { kind: 'unknown', why: dynamicIdentity ? 'identity is a dynamic block' : 'no identity block', span: b.headerSpan };
    const fact: IacFacts['clusters'][number] = {
      ...b, type: 'cluster', name: value(block.body, 'name', inst, b.headerSpan), resourceGroup: value(block.body, 'resource_group_name', inst, b.headerSpan),
      oidcIssuerEnabled: flag(block.body, 'oidc_issuer_enabled', inst, b.headerSpan),
      workloadIdentityEnabled: flag(block.body, 'workload_identity_enabled', inst, b.headerSpan),
      identityType: identity ? value(identity.body, 'type', inst, b.headerSpan) : noIdentity,
      identityIds: identity ? list(identity.body, 'identity_ids', inst, b.headerSpan) : noIdentity,
    };
    if (kubelet) fact.kubeletIdentityId = value(kubelet.body, 'user_assigned_identity_id', inst, b.headerSpan);
    facts.clusters.push(fact);
  },
  kubernetes_service_account: serviceAccount,
  helm_release: readHelmRelease,
  kubernetes_service_account_v1: serviceAccount,
};
