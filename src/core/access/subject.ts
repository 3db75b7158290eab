import type { Subject } from './types';

export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** A stable key for maps and sorting. */
export function subjectKey(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount\u0000${s.namespace}\u0000${s.name}` : `${s.kind}\u0000\u0000${s.name}`;
}

/** "ServiceAccount shop/orders", "User alice", "Group devs". */
export function subjectLabel(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

/** The user name a ServiceAccount authenticates as maps back to the ServiceAccount. */
export function canonicalSubject(s: Subject): Subject {
  if (s.kind !== 'User') return s;
  const m = SA_USER.exec(s.name);
  return m ? { kind: 'ServiceAccount', namespace: m[1], name: m[2] } : s;
}

/**
 * Every binding subject whose grants apply to `s`: itself, its user name, and the groups the API server
 * puts it in (ServiceAccounts: system:serviceaccounts, system:serviceaccounts:<ns>, system:authenticated).
 */
export function identitiesOf(subject: Subject): Subject[] {
  const s = canonicalSubject(subject);
  if (s.kind === 'ServiceAccount') {
    return [
      s,
      { kind: 'User', name: `system:serviceaccount:${s.namespace}:${s.name}` },
      { kind: 'Group', name: ALL_SERVICE_ACCOUNTS },
      { kind: 'Group', name: `${ALL_SERVICE_ACCOUNTS}:${s.namespace}` },
      { kind: 'Group', name: AUTHENTICATED },
    ];
  }
  if (s.kind === 'User') {
    return s.name === ANONYMOUS ? [s, { kind: 'Group', name: UNAUTHENTICATED }] : [s, { kind: 'Group', name: AUTHENTICATED }];
  }
  return [s];
}

export function compareSubjects(a: Subject, b: Subject): number {
  const order = { ServiceAccount: 0, User: 1, Group: 2 };
  if (a.kind !== b.kind) return order[a.kind] - order[b.kind];
  const an = a.kind === 'ServiceAccount' ? a.namespace : '';
  const bn = b.kind === 'ServiceAccount' ? b.namespace : '';
  return an.localeCompare(bn) || a.name.localeCompare(b.name);
}
