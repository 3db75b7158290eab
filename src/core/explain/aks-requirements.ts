// Which documented AKS identity requirements a built-in role covers, for role hovers in Bicep,
// Terraform, ARM and az scripts that assign roles to a cluster's identities.
import { findRole } from '../knowledge/roles';
import { requirementPlane, roleGrants } from '../permissions/roles';
import { requirementTemplates, type AksIdentityKind, type RequirementKind } from '../permissions/requirements';
import { code, text } from './markdown';

export interface AksRequirementCoverage {
  identity: AksIdentityKind;
  kind: RequirementKind;
  /** Requirement title, e.g. "Subnet in another resource group". */
  requirement: string;
  /** The permission of the requirement the role grants. */
  permission: string;
  /** The requirement's permissions the role does not grant (empty when it covers the requirement fully). */
  notGranted: string[];
  reason: string;
}

/**
 * Documented requirements of the control-plane and kubelet identities that the role grants, one entry per
 * granted permission. The node resource group rows are left out: AKS grants those itself. Empty for a
 * role that covers none; null when the role is not a built-in role we know.
 */
export function aksRequirementsCoveredBy(roleNameOrGuid: string): AksRequirementCoverage[] | null {
  const role = findRole(roleNameOrGuid);
  if (!role) return null;
  const out: AksRequirementCoverage[] = [];
  for (const t of requirementTemplates) {
    if (t.kind === 'node-resource-group') continue;
    const granted = t.permissions.filter((p) => roleGrants(role, p.permission, requirementPlane(p.permission)) !== null);
    const notGranted = t.permissions.filter((p) => !granted.includes(p)).map((p) => p.permission);
    for (const p of granted) out.push({ identity: t.identity, kind: t.kind, requirement: t.title, permission: p.permission, notGranted, reason: p.reason });
  }
  return out;
}

const WHO: Record<AksIdentityKind, string> = { controlPlane: 'control-plane identity', kubelet: 'kubelet identity' };

/** A hover section for the role, or null when it covers no documented AKS identity requirement. */
export function aksRequirementsMarkdown(roleNameOrGuid: string): string | null {
  const list = aksRequirementsCoveredBy(roleNameOrGuid);
  if (!list || !list.length) return null;
  const lines = ['**AKS identity requirements this role covers**', ''];
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c.kind)) continue;
    seen.add(c.kind);
    const perms = list.filter((x) => x.kind === c.kind).map((x) => code(x.permission)).join(', ');
    const partial = c.notGranted.length ? ` — not ${c.notGranted.map(code).join(', ')}` : '';
    lines.push(`- ${WHO[c.identity]}: ${text(c.requirement)} (${perms})${partial}`);
  }
  return lines.join('\n');
}
