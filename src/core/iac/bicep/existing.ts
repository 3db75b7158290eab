/**
 * `resource identity '…/userAssignedIdentities@…' existing = { name: identityName }` in a module is, most of the time,
 * the identity its caller declares: credentials and role assignments made through it belong to that identity. It
 * is taken to be that identity only when nothing else is possible: its name is a literal, exactly one identity of the
 * same deployment declares that name, and no `scope:` on the way points at another resource group.
 */
import type { IacFacts, IacIdentity } from '../types';
import { identityOrigin } from './facts';

/** Rewrites references to such `existing` identities to the declared one and drops the `existing` facts. */
export function joinExistingIdentities(facts: IacFacts): IacFacts {
  const nameOf = (i: IacIdentity) => (i.name.kind === 'literal' ? i.name.value.toLowerCase() : null);
  const declared = new Map<string, IacIdentity[]>();
  for (const i of facts.identities) {
    const origin = identityOrigin(i);
    const name = nameOf(i);
    if (!origin || origin.existing || origin.scoped || i.repeatedUnknown || name === null) continue;
    declared.set(name, [...(declared.get(name) ?? []), i]);
  }
  const alias = new Map<string, string>();
  for (const i of facts.identities) {
    const origin = identityOrigin(i);
    const name = nameOf(i);
    if (!origin?.existing || origin.scoped || i.repeatedUnknown || name === null) continue;
    const same = declared.get(name) ?? [];
    if (same.length === 1) alias.set(i.address, same[0].address);
  }
  if (!alias.size) return facts;
  retarget(facts, alias);
  return { ...facts, identities: facts.identities.filter((i) => !alias.has(i.address)) };
}

/** Every reference (`{ kind: 'ref', target }`) anywhere in the facts, pointed at the declared identity instead. */
function retarget(node: unknown, alias: ReadonlyMap<string, string>): void {
  if (Array.isArray(node)) {
    for (const x of node) retarget(x, alias);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.kind === 'ref' && typeof o.target === 'string') {
    const to = alias.get(o.target);
    if (to) o.target = to;
    return;
  }
  for (const v of Object.values(o)) if (v && typeof v === 'object') retarget(v, alias);
}
