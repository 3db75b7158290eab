import type { IdentityGraph } from '../identity/graph';
import type { MapNode, MapSource } from './types';

/** A fact read from infrastructure code carries where it is written; one from Azure only its resource id. */
interface Sourced {
  id: string;
  source?: unknown;
}

function isSpan(v: unknown): v is { file: string; start: number; end: number } {
  const s = v as { file?: unknown; start?: unknown; end?: unknown } | null;
  return !!s && typeof s === 'object' && typeof s.file === 'string' && typeof s.start === 'number' && typeof s.end === 'number';
}

/** The infrastructure-code line of a graph object when it has one, else its Azure resource id. */
export function azureSource(o: Sourced): MapSource {
  return isSpan(o.source) ? { type: 'iac', file: o.source.file, start: o.source.start, end: o.source.end } : { type: 'azure', id: o.id };
}

const PROVIDER = /\/providers\/([^/]+)\/(.+)$/i;

/**
 * A role assignment's scope as a node: the resource's name with its type below it ("kv-orders", "Microsoft.KeyVault/vaults"),
 * a resource group, a subscription (by name when the graph knows it), or a management group.
 */
export function scopeNode(scope: string, graph: IdentityGraph): MapNode {
  const id = `scope:${scope.toLowerCase()}`;
  const base = { id, kind: 'scope' as const, source: { type: 'azure' as const, id: scope }, missing: false };
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(scope);
  if (mg) return { ...base, label: mg[1], detail: 'management group' };
  const provider = PROVIDER.exec(scope);
  if (provider) {
    // Nested resources alternate type and name: vaults/kv/secrets/s → type vaults/secrets, name s.
    const parts = provider[2].split('/');
    const types = parts.filter((_, i) => i % 2 === 0);
    return { ...base, label: parts[parts.length - 1] ?? scope, detail: `${provider[1]}/${types.join('/')}` };
  }
  const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(scope);
  if (rg) return { ...base, label: rg[1], detail: 'resource group' };
  const sub = /^\/subscriptions\/([^/]+)$/i.exec(scope);
  if (sub) {
    const known = graph.subscriptions.find((s) => s.id.toLowerCase() === sub[1].toLowerCase());
    return { ...base, label: known?.name ?? sub[1], detail: 'subscription' };
  }
  return { ...base, label: scope, detail: 'scope' };
}
