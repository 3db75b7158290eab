import type { IacCluster, IacFacts, IacFederatedCredential, IacIdentity, IacSpan, IacValue } from '../../iac/types';
import type { WorkspaceIndex } from '../../index/workspace-index';
import { levenshteinWithin } from '../../text/edit-distance';
import type { Related } from '../types';

/** The literal string, or null for refs and unknowns (no finding may depend on those). */
export function lit(v: IacValue | undefined): string | null {
  return v && v.kind === 'literal' ? v.value : null;
}

/** Where a value is reported in `file`: at its use when that is in the file, else nowhere (null). */
export function spanIn(v: { span: IacSpan }, file: string): { start: number; end: number } | null {
  return v.span.file === file ? { start: v.span.start, end: Math.max(v.span.end, v.span.start + 1) } : null;
}

export function related(span: IacSpan, message: string): Related {
  return { file: span.file, start: span.start, end: Math.max(span.end, span.start) , message };
}

export const SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

export function parseSubject(s: string): { namespace: string; name: string } | null {
  const m = SUBJECT.exec(s);
  return m ? { namespace: m[1], name: m[2] } : null;
}

/** A ServiceAccount the workspace defines, from a manifest or from Terraform's kubernetes provider. */
export interface WorkspaceSa {
  namespace: string;
  name: string;
  span: IacSpan;
}

/**
 * Every ServiceAccount of the workspace with a known namespace and name, and whether some have an unknown one
 * (then "the workspace does not define it" could be wrong, and rules stay quiet).
 */
export function workspaceServiceAccounts(index: WorkspaceIndex, facts: IacFacts): { known: WorkspaceSa[]; unknownNames: boolean; unknownNamespaceOf: Set<string> } {
  const known: WorkspaceSa[] = [];
  let unknownNames = false;
  const unknownNamespaceOf = new Set<string>();
  for (const o of index.ofKind('ServiceAccount')) {
    if (o.partial) continue;
    if (!o.name) {
      unknownNames = true;
      continue;
    }
    if (!o.namespace) {
      unknownNamespaceOf.add(o.name);
      continue;
    }
    const n = o.nameNode;
    known.push({ namespace: o.namespace, name: o.name, span: { file: o.file, start: n ? n.start : o.root.start, end: n ? n.end : o.root.start + 1 } });
  }
  for (const sa of facts.serviceAccounts) {
    const name = lit(sa.name);
    const ns = lit(sa.namespace);
    if (name === null) unknownNames = true;
    else if (ns === null) unknownNamespaceOf.add(name);
    else known.push({ namespace: ns, name, span: sa.name.span });
  }
  return { known, unknownNames, unknownNamespaceOf };
}

export type SubjectMatch =
  | { kind: 'found'; sa: WorkspaceSa }
  | { kind: 'case'; sa: WorkspaceSa }
  | { kind: 'namespace'; sa: WorkspaceSa }
  | { kind: 'near'; sa: WorkspaceSa }
  | { kind: 'none' }
  | { kind: 'unknown' };

/** How a subject's namespace/name relates to the workspace's ServiceAccounts. */
export function matchSubject(sub: { namespace: string; name: string }, sas: ReturnType<typeof workspaceServiceAccounts>): SubjectMatch {
  const exact = sas.known.find((s) => s.namespace === sub.namespace && s.name === sub.name);
  if (exact) return { kind: 'found', sa: exact };
  if (sas.unknownNames || sas.unknownNamespaceOf.has(sub.name)) return { kind: 'unknown' };
  const lower = (s: WorkspaceSa) => s.namespace.toLowerCase() === sub.namespace.toLowerCase() && s.name.toLowerCase() === sub.name.toLowerCase();
  const cased = sas.known.find(lower);
  if (cased) return { kind: 'case', sa: cased };
  const otherNs = sas.known.filter((s) => s.name === sub.name);
  if (otherNs.length === 1) return { kind: 'namespace', sa: otherNs[0] };
  const inNs = sas.known.filter((s) => s.namespace === sub.namespace);
  let best: WorkspaceSa | null = null;
  let bestD = 3;
  for (const s of inNs) {
    const d = levenshteinWithin(s.name, sub.name, 2);
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  if (best) return { kind: 'near', sa: best };
  return { kind: 'none' };
}

/** The identity a credential belongs to (its parent is a reference to the identity's id), when the repository says. */
export function parentIdentity(fic: IacFederatedCredential, facts: IacFacts): IacIdentity | null {
  const p = fic.parent;
  if (p.kind !== 'ref' || p.attribute !== 'id') return null;
  return facts.identities.find((i) => i.address === p.target) ?? null;
}

/** The cluster whose issuer output a value refers to. */
export function issuerCluster(v: IacValue, facts: IacFacts): IacCluster | null {
  if (v.kind !== 'ref' || v.attribute !== 'oidcIssuerUrl') return null;
  return facts.clusters.find((c) => c.address === v.target) ?? null;
}

/**
 * The credentials of an identity, and whether that list is complete: a credential whose parent is unknown or whose
 * count is unknown could belong to it.
 */
export function credentialsOf(identity: IacIdentity, facts: IacFacts): { fics: IacFederatedCredential[]; complete: boolean } {
  const fics: IacFederatedCredential[] = [];
  let complete = true;
  for (const f of facts.federatedCredentials) {
    const parent = f.parent;
    if (parent.kind === 'ref' && parent.attribute === 'id') {
      if (parent.target === identity.address) {
        fics.push(f);
        if (f.repeatedUnknown) complete = false;
      }
    } else if (parent.kind === 'unknown') complete = false;
  }
  return { fics, complete };
}

/** Facts whose values sit in this file (rules report only on their own file). */
export function inFile<T extends { span: IacSpan }>(items: readonly T[], file: string): T[] {
  return items.filter((i) => i.span.file === file);
}

/** HCL / Bicep string quoting of a plain value (no interpolation). */
function quote(value: string, quoteChar: string): string {
  if (quoteChar === "'") return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

/**
 * An edit that rewrites the string literal a value came from, when that literal is in `file` and is a plain quoted
 * string spelling exactly the value (no interpolation, no escapes): only then is the edit surely the one meant.
 */
export function replaceLiteral(v: IacValue, file: string, text: string, value: string): { start: number; end: number; newText: string } | null {
  if (v.kind !== 'literal' || v.implicit) return null;
  const at = v.origin ?? v.span;
  if (at.file !== file) return null;
  const raw = text.slice(at.start, at.end);
  const q = raw[0];
  if ((q !== '"' && q !== "'") || raw[raw.length - 1] !== q || raw.length < 2) return null;
  const inner = raw.slice(1, -1);
  if (inner !== v.value || /[\\$%]/.test(inner)) return null;
  return { start: at.start, end: at.end, newText: quote(value, q) };
}
