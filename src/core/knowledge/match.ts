// Azure RBAC permission matching: which operations an actions/dataActions pattern covers.
//
// The rule, as Microsoft documents and applies it:
// - `*` stands for any run of characters, slashes included. "A wildcard (*) extends a permission to everything
//   that matches the action string you provide": `Microsoft.CostManagement/exports/*` covers
//   `Microsoft.CostManagement/exports/run/action`, and `Microsoft.Network/*/read` grants "read actions for all
//   resource types in the Microsoft.Network resource provider", nested ones included.
//   Sources: Microsoft Learn, "Azure custom roles" § Wildcard permissions
//   (https://learn.microsoft.com/azure/role-based-access-control/custom-roles#wildcard-permissions) and
//   "Understand Azure role definitions" § Actions
//   (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions); MicrosoftDocs/azure-docs,
//   articles/role-based-access-control/custom-roles.md and role-definitions.md.
// - `/*/` also matches a single `/`: `a/*/b` covers `a/b`. Built-in roles rely on it. Managed Identity Operator
//   ("Read and Assign User Assigned Identity"; AKS requires it on the kubelet identity) lists only
//   `Microsoft.ManagedIdentity/userAssignedIdentities/*/read` and `…/*/assign/action`, and the published operations
//   it exists for are `…/userAssignedIdentities/read` and `…/userAssignedIdentities/assign/action`; Key Vault Reader
//   ("Read metadata of key vaults") reads `Microsoft.KeyVault/vaults/read` only through `Microsoft.KeyVault/vaults/*/read`.
// - Comparison ignores case (operation names are published in mixed case: `…/Read`, `…/read`).
// - notActions / notDataActions subtract from actions / dataActions of the same permission block; they are not
//   deny rules. A block with a condition grants only what its condition allows.
// - actions only ever grant control-plane operations and dataActions only data actions (isDataAction in the
//   provider operations catalogue), so `*` in actions never reaches data ("Understand Azure role definitions",
//   § Control and data actions).

export type Plane = 'control' | 'data';

/** One entry of a role definition's `permissions` (empty lists may be left out). */
export interface PermissionBlock {
  actions?: readonly string[];
  notActions?: readonly string[];
  dataActions?: readonly string[];
  notDataActions?: readonly string[];
  /** An ABAC condition the block ships with (for built-in roles: which roles may be assigned, …). */
  condition?: string | null;
  conditionVersion?: string | null;
}

const SPECIAL = /[.+?^${}()|[\]\\]/g;

/** The regular-expression source (no anchors) of one permission pattern. */
export function patternSource(pattern: string): string {
  const p = pattern.trim();
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c !== '*') {
      out += c.replace(SPECIAL, '\\$&');
    } else if (p[i - 1] === '/' && p[i + 1] === '/') {
      // "/*/": the slash before is already in `out`; what follows is either nothing or anything ending in "/".
      out += '(?:.*/)?';
      i++;
    } else {
      out += '.*';
    }
  }
  return out;
}

const cache = new Map<string, RegExp>();
function compile(patterns: readonly string[]): RegExp {
  const key = patterns.join('\n');
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^(?:${patterns.map(patternSource).join('|')})$`, 'is');
    cache.set(key, re);
  }
  return re;
}

/** Whether `pattern` (an actions/dataActions entry, maybe with `*`) covers the operation `permission`. */
/** One pattern: most have no `*` and compare as lower-case text, the others as a (shared) expression. */
interface OnePattern {
  literal?: string;
  re?: RegExp;
}
const single = new Map<string, OnePattern>();
function patternOf(pattern: string): OnePattern {
  let m = single.get(pattern);
  if (!m) single.set(pattern, (m = pattern.includes('*') ? { re: compile([pattern]) } : { literal: pattern.trim().toLowerCase() }));
  return m;
}
/** `lower`: the operation in lower case, when the caller has it. */
function matchesOne(pattern: string, operation: string, lower?: string): boolean {
  const m = patternOf(pattern);
  return m.re ? m.re.test(operation) : m.literal === (lower ?? operation.toLowerCase());
}

export function matchesPattern(pattern: string, permission: string): boolean {
  return matchesOne(pattern, permission.trim());
}

/**
 * One list of a block, ready to test many operations. Patterns are bucketed by the provider they name literally
 * (`Microsoft.KeyVault/…`), so an operation is only compared with the patterns of its own provider and those
 * starting with a wildcard; each pattern's expression is compiled once and shared by every role listing it
 * (`Microsoft.Authorization/*` + `/read` is in hundreds).
 */
class PatternList {
  private readonly byProvider = new Map<string, Bucket>();
  private readonly anyProvider = new Bucket();
  constructor(patterns: readonly string[]) {
    patterns.forEach((p, i) => {
      const first = p.trim().split('/')[0];
      let b = this.anyProvider;
      if (!first.includes('*') && p.includes('/')) {
        const k = first.toLowerCase();
        const own = this.byProvider.get(k);
        if (own) b = own;
        else this.byProvider.set(k, (b = new Bucket()));
      }
      b.patterns.push(p);
      b.order.push(i);
    });
  }
  /** `provider`: the operation's text before its first `/`, lower-cased (computed once by the caller). */
  test(operation: string, provider: string): boolean {
    const own = this.byProvider.get(provider);
    return (!!own && own.test(operation)) || this.anyProvider.test(operation);
  }
  /** The first pattern in list order that matches. */
  find(operation: string, provider: string): string | undefined {
    // Each bucket is in list order: its first match is its earliest.
    const lower = operation.toLowerCase();
    const own = this.byProvider.get(provider)?.first(operation, lower, Infinity);
    const any = this.anyProvider.first(operation, lower, own ? own.i : Infinity);
    return (any ?? own)?.p;
  }
}

/** Patterns of one provider, as one expression shared with every other list holding the same patterns. */
class Bucket {
  readonly patterns: string[] = [];
  /** Each pattern's position in its list. */
  readonly order: number[] = [];
  private re: RegExp | undefined;
  test(operation: string): boolean {
    if (!this.patterns.length) return false;
    this.re ??= compile(this.patterns);
    return this.re.test(operation);
  }
  /** The earliest matching pattern listed before position `before`. */
  first(operation: string, lower: string, before: number): { p: string; i: number } | undefined {
    for (let k = 0; k < this.patterns.length && this.order[k] < before; k++) {
      if (matchesOne(this.patterns[k], operation, lower)) return { p: this.patterns[k], i: this.order[k] };
    }
    return undefined;
  }
}

const NONE = { test: (_operation: string, _provider: string) => false, find: (_operation: string, _provider: string): string | undefined => undefined } as const;
type Lists = { allow: PatternList | typeof NONE; deny: PatternList | typeof NONE };
const compiledBlocks = new WeakMap<PermissionBlock, { control?: Lists; data?: Lists }>();
function listOf(l: readonly string[] | undefined): PatternList | typeof NONE {
  return l && l.length ? new PatternList(l) : NONE;
}
function lists(block: PermissionBlock, plane: Plane): Lists {
  let c = compiledBlocks.get(block);
  if (!c) compiledBlocks.set(block, (c = {}));
  const hit = c[plane];
  if (hit) return hit;
  return (c[plane] = plane === 'control'
    ? { allow: listOf(block.actions), deny: listOf(block.notActions) }
    : { allow: listOf(block.dataActions), deny: listOf(block.notDataActions) });
}

const providerOf = (operation: string): string => {
  const slash = operation.indexOf('/');
  return slash < 0 ? '' : operation.slice(0, slash).toLowerCase();
};

/** The one decision: an allow pattern of the plane's list matches and no not-pattern of the same block does. */
function blockAllows(block: PermissionBlock, operation: string, provider: string, plane: Plane): boolean {
  const { allow, deny } = lists(block, plane);
  return allow.test(operation, provider) && !deny.test(operation, provider);
}

/** The allow pattern of `block` that grants `permission` in `plane`, or null (no match, or subtracted). */
export function blockGrant(block: PermissionBlock, permission: string, plane: Plane): string | null {
  // One question at a time (a hover): pattern by pattern, with expressions shared by all roles. Sweeps over many
  // operations use compileGrantTest's one-expression-per-provider path instead; both give the same answers.
  const op = permission.trim();
  const provider = providerOf(op);
  const { allow, deny } = lists(block, plane);
  const pattern = allow.find(op, provider);
  if (pattern === undefined || deny.find(op, provider) !== undefined) return null;
  return pattern;
}

export interface GrantMatch {
  plane: Plane;
  /** The allow pattern that grants the permission. */
  pattern: string;
  /** The granting block carries a condition, so the grant holds only as far as the condition allows. */
  conditional: boolean;
}

/**
 * For a required permission that is itself a pattern (`Microsoft.Network/privatednszones/*`): the allow pattern
 * of the block covering all of it (its `*` taken literally), unless a not-pattern covers part of it or it
 * covers a not-pattern.
 */
export function blockCoversPattern(block: PermissionBlock, required: string, plane: Plane): string | null {
  const r = required.trim();
  const provider = providerOf(r);
  const { allow, deny } = lists(block, plane);
  const pattern = allow.find(r, provider);
  if (pattern === undefined) return null;
  if (deny.test(r, provider)) return null;
  const denied = (plane === 'control' ? block.notActions : block.notDataActions) ?? [];
  if (denied.some((d) => matchesPattern(r, d))) return null;
  return pattern;
}

/** Anything carrying permission blocks: a built-in role, or a custom role read from Azure. */
export interface HasPermissions {
  permissions: readonly PermissionBlock[];
}

/**
 * The operations a block's condition restricts. Built-in conditions are written as
 * `((!(ActionMatches{'X'})) OR (…)) AND …`: they constrain only the actions named by ActionMatches (typically
 * roleAssignments/write and /delete) and leave the rest of the block alone. A condition with no ActionMatches
 * constrains the whole block. Empty for a block without a condition.
 */
export function conditionScope(block: PermissionBlock): readonly string[] | 'all' {
  if (!block.condition) return [];
  const named = [...block.condition.matchAll(/ActionMatches\{'([^']+)'\}/g)].map((m) => m[1]);
  return named.length ? named : 'all';
}

function restricts(block: PermissionBlock, operation: string): boolean {
  const scope = conditionScope(block);
  return scope === 'all' || scope.some((p) => matchesPattern(p, operation));
}

/**
 * Whether the role grants `permission` as an operation of `plane`. Grants a block's condition does not restrict
 * win, so a grant is reported as conditional only when nothing else grants it.
 */
export function grantsInPlane(role: HasPermissions, permission: string, plane: Plane): GrantMatch | null {
  let conditional: GrantMatch | null = null;
  for (const b of role.permissions) {
    const pattern = blockGrant(b, permission, plane);
    if (pattern === null) continue;
    if (!restricts(b, permission)) return { plane, pattern, conditional: false };
    conditional ??= { plane, pattern, conditional: true };
  }
  return conditional;
}

/** Yes/no for many operations against one role (the same decision as grantsInPlane, without naming the pattern). */
export function compileGrantTest(blocks: readonly PermissionBlock[]): (permission: string, plane: Plane) => boolean {
  return (permission, plane) => {
    const provider = providerOf(permission);
    for (const b of blocks) if (blockAllows(b, permission, provider, plane)) return true;
    return false;
  };
}
