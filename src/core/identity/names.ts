/**
 * What Azure and Kubernetes accept as ids and names. Values from snapshots, Resource Manager and manifests are
 * checked with these before they go into a command line or a request: quoting makes a hostile value harmless to
 * the shell, this keeps a value Azure would reject anyway from being offered as a fix at all.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** Resource group: 1–90 letters, digits, `_`, `(`, `)`, `-`, `.` (Unicode letters and digits too), not ending in `.`. */
export function isResourceGroupName(s: string): boolean {
  return /^[\p{L}\p{N}_().-]{1,90}$/u.test(s) && !s.endsWith('.');
}

/** User-assigned managed identity: 3–128 letters, digits, `-`, `_`, starting with a letter or digit. */
export function isManagedIdentityName(s: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(s);
}

/** Federated identity credential: 3–120 letters, digits, `-`, `_`, starting with a letter or digit. */
export function isFederatedCredentialName(s: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/.test(s);
}

// A resource's own name inside an id: the characters any resource type allows (types differ in which subset).
const RESOURCE_NAME = /^[\p{L}\p{N}_().~-]{1,260}$/u;
const PROVIDER_NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * An Azure Resource Manager scope: `/subscriptions/<guid>`, optionally `/resourceGroups/<name>`, optionally
 * `/providers/<Namespace>/<type>/<name>` with nested `<type>/<name>` pairs; or a management group.
 */
export function isArmResourceId(id: string): boolean {
  const parts = id.split('/');
  if (parts[0] !== '' || parts.length < 3) return false;
  let at = 1;
  if (/^providers$/i.test(parts[1]) && /^Microsoft\.Management$/i.test(parts[2] ?? '') && /^managementGroups$/i.test(parts[3] ?? '')) {
    return parts.length === 5 && /^[A-Za-z0-9_().-]{1,90}$/.test(parts[4]);
  }
  if (!/^subscriptions$/i.test(parts[at]) || !isGuid(parts[at + 1] ?? '')) return false;
  at += 2;
  if (at < parts.length && /^resourceGroups$/i.test(parts[at])) {
    if (!isResourceGroupName(parts[at + 1] ?? '')) return false;
    at += 2;
  }
  if (at === parts.length) return true;
  if (!/^providers$/i.test(parts[at]) || !PROVIDER_NAMESPACE.test(parts[at + 1] ?? '')) return false;
  at += 2;
  const rest = parts.slice(at);
  if (rest.length === 0 || rest.length % 2 !== 0) return false;
  for (let i = 0; i < rest.length; i += 2) {
    if (!RESOURCE_TYPE.test(rest[i]) || !RESOURCE_NAME.test(rest[i + 1])) return false;
  }
  return true;
}

/** A role's display name: printable, no quotes, no shell or escape characters (built-in and sane custom names). */
export function isRoleName(s: string): boolean {
  return /^[\p{L}\p{N} _().,:&/+-]{1,512}$/u.test(s) && s.trim() === s;
}

/** An OIDC issuer as Azure stores it: an https URL of plain characters. */
export function isIssuerUrl(s: string): boolean {
  return /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/.test(s);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes namespace (RFC 1123 label, at most 63 characters). */
export function isKubernetesNamespace(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** A Kubernetes object name such as a ServiceAccount's (RFC 1123 subdomain, at most 253 characters). */
export function isKubernetesName(s: string): boolean {
  return s.length <= 253 && s.split('.').every((l) => l.length <= 63 && DNS_LABEL.test(l));
}
