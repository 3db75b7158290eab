// The Azure built-in roles and the provider operations catalogue (data/azure-roles.json, data/operations.json),
// loaded on first use. They are large (every role and every operation of the public cloud), so nothing reads
// them at activation: the CLI bundle inlines them behind a lazy module wrapper and the extension bundle
// requires the JSON files shipped in the VSIX (see esbuild.mjs).
import type { PermissionBlock, Plane } from './match';

/** Where a data file came from: repository, commit and date. */
export interface SourceRef {
  repository: string;
  commit: string;
  date: string;
}

export interface AzureRole {
  name: string;
  id: string;
  description: string;
  /** The docs section the role is listed under, when the docs index lists it. */
  category: string | null;
  /** The role definition's permission blocks, as published. */
  permissions: readonly PermissionBlock[];
  /** Each list over all blocks, for display. Matching goes through `permissions`. */
  actions: readonly string[];
  notActions: readonly string[];
  dataActions: readonly string[];
  notDataActions: readonly string[];
  /** Some block carries a condition (e.g. which roles it may assign). */
  conditional: boolean;
  /** How many catalogue operations the role grants, per plane (computed when the data was generated). */
  grants: { control: number; data: number };
}

export interface Operation {
  name: string;
  description: string;
  /** Usually one plane; a few names are published both as an action and as a data action. */
  planes: readonly Plane[];
}

export interface AzureDataInfo {
  source: SourceRef;
  roles: number;
  operations: number;
}

interface RolesJson {
  _meta: { source: SourceRef; roles: number; operations: number };
  roles: { name: string; id: string; description: string; category?: string; permissions: PermissionBlock[]; grants: [number, number] }[];
}
interface OperationsJson {
  _meta: { source: SourceRef; operations: number };
  providers: Record<string, [string, 'c' | 'd' | 'cd', string][]>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a require inside a function is what makes these lazy */
const loadRoles = (): RolesJson => require('../../../data/azure-roles.json') as RolesJson;
const loadOperations = (): OperationsJson => require('../../../data/operations.json') as OperationsJson;
/* eslint-enable @typescript-eslint/no-require-imports */

const PLANES: Record<string, readonly Plane[]> = { c: ['control'], d: ['data'], cd: ['control', 'data'] };

interface Roles {
  list: readonly AzureRole[];
  info: AzureDataInfo;
}
let roles: Roles | undefined;
function rolesData(): Roles {
  if (roles) return roles;
  const json = loadRoles();
  const union = (blocks: PermissionBlock[], k: 'actions' | 'notActions' | 'dataActions' | 'notDataActions') => blocks.flatMap((b) => b[k] ?? []);
  const list = json.roles.map((r): AzureRole => ({
    name: r.name,
    id: r.id,
    description: r.description,
    category: r.category ?? null,
    permissions: r.permissions,
    actions: union(r.permissions, 'actions'),
    notActions: union(r.permissions, 'notActions'),
    dataActions: union(r.permissions, 'dataActions'),
    notDataActions: union(r.permissions, 'notDataActions'),
    conditional: r.permissions.some((b) => !!b.condition),
    grants: { control: r.grants[0], data: r.grants[1] },
  }));
  roles = { list, info: { source: json._meta.source, roles: list.length, operations: json._meta.operations } };
  return roles;
}

/** Every built-in role of the public Azure cloud, sorted by name. */
export function builtInRoles(): readonly AzureRole[] {
  return rolesData().list;
}

/** Where the Azure data comes from and how much of it there is (for output footers). */
export function azureDataInfo(): AzureDataInfo {
  return rolesData().info;
}

interface ProviderOps {
  name: string;
  entries: OperationsJson['providers'][string];
  /** Built on the first lookup in this provider: most sessions only ever touch a handful of providers. */
  byName?: Map<string, Operation>;
  list?: readonly Operation[];
}
let providers: Map<string, ProviderOps> | undefined;
function providerMap(): Map<string, ProviderOps> {
  providers ??= new Map(Object.entries(loadOperations().providers).map(([name, entries]) => [name.toLowerCase(), { name, entries }]));
  return providers;
}

function providerOps(p: ProviderOps): readonly Operation[] {
  p.list ??= p.entries.map(([rest, plane, description]) => ({ name: `${p.name}/${rest}`, description, planes: PLANES[plane] }));
  return p.list;
}

/** The operations of one provider (case-insensitive name), or undefined when the catalogue has no such provider. */
export function operationsOfProvider(provider: string): readonly Operation[] | undefined {
  const p = providerMap().get(provider.toLowerCase());
  return p && providerOps(p);
}

let all: readonly Operation[] | undefined;
/** Every operation of the provider operations catalogue. */
export function operations(): readonly Operation[] {
  all ??= [...providerMap().values()].flatMap(providerOps);
  return all;
}

/** An operation by name (case-insensitive); undefined when the catalogue does not list it. */
export function findOperation(name: string): Operation | undefined {
  const n = name.trim().toLowerCase();
  const slash = n.indexOf('/');
  const p = slash > 0 ? providerMap().get(n.slice(0, slash)) : undefined;
  if (!p) return undefined;
  p.byName ??= new Map(providerOps(p).map((o) => [o.name.toLowerCase(), o]));
  return p.byName.get(n);
}
