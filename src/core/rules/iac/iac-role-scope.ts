import { addressLabel } from '../../iac/label';
import { defineRule } from '../types';
import { assignedRole, scopeType } from './roles';
import { inFile, spanIn } from './shared';

function applies(op: string, type: string): boolean {
  const o = op.toLowerCase();
  const t = type.toLowerCase();
  if (o === '*' || o.startsWith('*/')) return true;
  // `Microsoft.Storage/*` or `Microsoft.Storage/storageAccounts/*/read` apply to everything under the prefix.
  const star = o.indexOf('*');
  const prefix = star >= 0 ? o.slice(0, star) : o;
  return prefix.startsWith(`${t}/`) || (star >= 0 && t.startsWith(prefix.replace(/\/$/, '')));
}

export default defineRule({
  id: 'iac-role-scope',
  title: 'Data-plane role assigned at a scope where it grants nothing',
  defaultSeverity: 'warning',
  category: 'infrastructure-code',
  fixable: false,
  docs: {
    why: 'A data-plane role (Storage Blob Data Reader, Key Vault Secrets User, Azure Service Bus Data Receiver…) grants data actions of one resource type. Assigned on a resource of another type, it grants nothing there, and the workload still gets 403 from the service it meant to use.',
    howToFix: 'Scope the assignment to the resource the role is for (the storage account or container, the key vault…), or a resource group holding it.',
    severity: 'warning: the assignment is useless and the intended access is missing; a reviewer should pick the right scope.',
    assumes: 'Needs a built-in role (literal name or GUID) with data actions and a scope that is one resource of a known type: a reference to a resource of the repository (`azurerm_key_vault.kv.id`) or a literal resource id. Subscriptions, resource groups and unknown scopes are not checked.',
    example: {
      bad: 'scope                = azurerm_key_vault.kv.id\nrole_definition_name = "Storage Blob Data Reader"',
      good: 'scope                = azurerm_storage_account.data.id\nrole_definition_name = "Storage Blob Data Reader"',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const ra of inFile(ctx.facts.roleAssignments, ctx.file.path)) {
      const found = assignedRole(ra);
      const type = scopeType(ra.scope);
      const at = spanIn(ra.scope, ctx.file.path);
      if (!found || !type || !at) continue;
      const { role } = found;
      if (role.dataActions.length === 0) continue;
      if (role.dataActions.some((op) => applies(op, type)) || role.actions.some((op) => applies(op, type) && !/\/read$/i.test(op))) continue;
      const targets = [...new Set(role.dataActions.map((op) => op.split('/').slice(0, 2).join('/')))].slice(0, 3).join(', ');
      ctx.report({
        message: `Data-plane role is scoped where it grants nothing: ${addressLabel(ra.address)} gives ${role.name}, whose data actions are for ${targets}, on a ${type} resource. Scope it to the resource the role is for.`,
        ...at,
      });
    }
  },
});
