import { addressLabel } from '../../iac/label';
import { findRole } from '../../knowledge/roles';
import { defineRule } from '../types';
import { closestRoleGuid, closestRoleName } from './roles';
import { inFile, lit, replaceLiteral, spanIn } from './shared';

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export default defineRule({
  id: 'iac-role-unknown',
  title: 'Role assignment names a built-in role that does not exist',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: false,
  suggests: true,
  docs: {
    why: 'A misspelt role name or role definition GUID fails the deployment (`role_definition_name` is looked up by name; a wrong GUID is "RoleDefinitionDoesNotExist"), so the workload never gets its access.',
    howToFix: 'Use the built-in role\'s exact name or GUID; the suggestion replaces a literal of the file with the closest built-in role.',
    severity: 'error: the assignment cannot be created.',
    assumes: 'Reports only names and GUIDs that are close to a built-in role (a few characters off): anything else may be a custom role defined outside the repository. Values that are not literal are not checked.',
    example: { bad: 'role_definition_name = "Storage Blob Data Reder"', good: 'role_definition_name = "Storage Blob Data Reader"' },
  },
  check() {},
  checkIac(ctx) {
    for (const ra of inFile(ctx.facts.roleAssignments, ctx.file.path)) {
      const name = lit(ra.roleName);
      const nameAt = ra.roleName ? spanIn(ra.roleName, ctx.file.path) : null;
      if (name !== null && nameAt && !findRole(name)) {
        const near = closestRoleName(name);
        if (near) {
          const edit = replaceLiteral(ra.roleName!, ctx.file.path, ctx.file.text, near);
          ctx.report({
            message: `Role assignment names a role that does not exist: ${addressLabel(ra.address)} has "${name}", which is no built-in role. Did you mean "${near}"?`,
            ...nameAt,
            suggestions: edit ? [{ title: `Change the role to ${near}`, edits: [edit], isPreferred: true }] : undefined,
          });
        }
      }
      const id = lit(ra.roleDefinitionId);
      const idAt = ra.roleDefinitionId ? spanIn(ra.roleDefinitionId, ctx.file.path) : null;
      const guid = id === null ? null : GUID.exec(id)?.[1] ?? null;
      if (guid && idAt && !findRole(guid)) {
        const near = closestRoleGuid(guid);
        if (near) {
          const edit = replaceLiteral(ra.roleDefinitionId!, ctx.file.path, ctx.file.text, id!.replace(GUID, near.id));
          ctx.report({
            message: `Role assignment names a role definition that does not exist: ${addressLabel(ra.address)} has ${guid}, which is no built-in role. Did you mean ${near.id} (${near.name})?`,
            ...idAt,
            suggestions: edit ? [{ title: `Change the role to ${near.name}`, edits: [edit], isPreferred: true }] : undefined,
          });
        }
      }
    }
  },
});
