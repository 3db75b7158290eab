import { addressLabel } from '../../iac/label';
import { defineRule } from '../types';
import { assignedRole, workloadIdentityOf } from './roles';
import { inFile, spanIn } from './shared';

const PRIVILEGED = new Set(['Owner', 'Contributor', 'User Access Administrator']);

export default defineRule({
  id: 'iac-role-privileged',
  title: 'Workload identity is given Owner, Contributor or User Access Administrator',
  defaultSeverity: 'warning',
  category: 'infrastructure-code',
  fixable: false,
  docs: {
    why: 'Any pod that can run as the federated ServiceAccount gets the identity\'s roles. Owner and Contributor manage every resource in the scope; Owner and User Access Administrator can grant themselves anything. A compromised pod then owns the subscription or resource group.',
    howToFix: 'Give the identity the narrowest built-in role for what the workload does (a data-plane role such as Storage Blob Data Contributor or Key Vault Secrets User) on the one resource it uses.',
    severity: 'warning: a real risk a reviewer should act on; some platform workloads (operators) need broad roles.',
    assumes: 'Needs the principal to be a reference to a user-assigned identity of the repository that has at least one federated credential there, and the role to be literal.',
    example: {
      bad: 'role_definition_name = "Contributor"\nprincipal_id         = azurerm_user_assigned_identity.app.principal_id',
      good: 'role_definition_name = "Storage Blob Data Contributor"\nprincipal_id         = azurerm_user_assigned_identity.app.principal_id',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const ra of inFile(ctx.facts.roleAssignments, ctx.file.path)) {
      const found = assignedRole(ra);
      if (!found || !PRIVILEGED.has(found.role.name)) continue;
      const wi = workloadIdentityOf(ra, ctx.facts);
      const at = spanIn(found.value, ctx.file.path);
      if (!wi || !at) continue;
      ctx.report({
        message: `Workload identity is given ${found.role.name}: ${addressLabel(ra.address)} assigns it to ${addressLabel(wi.address)}, which pods use through ${wi.fics} federated credential${wi.fics === 1 ? '' : 's'}. Give it the narrowest role on the one resource it needs.`,
        ...at,
      });
    }
  },
});
