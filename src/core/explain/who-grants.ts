// `aks-iam who-grants` as Markdown, for the command palette's "Which roles grant a permission…": the same
// answer as the CLI's text (roles per plane, narrowest first), as tables a Markdown preview shows.
import type { Plane } from '../knowledge/data';
import { operationsMatching, rolesGranting, type RoleGrant } from '../knowledge/roles';
import { azureDataFooter, thousands } from './azure-source';
import { code, text } from './markdown';

const TITLE: Record<Plane, string> = { control: 'Control plane (actions)', data: 'Data plane (dataActions)' };

function section(out: string[], title: string, grants: RoleGrant[], total: number): void {
  out.push('', `## ${title}`, '', `${grants.length} of ${thousands(total)} built-in roles${grants.length ? ', narrowest first' : ''}.`);
  if (!grants.length) return;
  out.push('', '| Role | Granted by | Operations it grants |', '| --- | --- | --- |');
  for (const g of grants) {
    const cond = g.conditional ? ' (restricted by a condition)' : '';
    out.push(`| ${text(g.role.name.trim())} | ${code(g.pattern)}${cond} | ${thousands(g.role.grants.control + g.role.grants.data)} |`);
  }
}

/** The built-in roles granting `permission`, by plane, narrowest first; a pattern lists the operations it matches. */
export function whoGrantsMarkdown(permission: string): string {
  const p = permission.trim();
  const out: string[] = [`# Which roles grant ${code(p)}`];
  if (p.includes('*')) {
    const ops = operationsMatching(p);
    out.push('', `A pattern, not an operation: it matches ${thousands(ops.length)} catalogue operations. Ask about one of them to see the roles granting it.`);
    if (ops.length) out.push('', ...ops.slice(0, 100).map((o) => `- ${code(o.name)} (${o.planes.join(', ')})`));
    if (ops.length > 100) out.push(`- … +${thousands(ops.length - 100)} more`);
  } else {
    const g = rolesGranting(p);
    if (g.operation) {
      const op = g.operation;
      const kind = op.planes.length === 2 ? 'action and data action' : op.planes[0] === 'data' ? 'data action' : 'control-plane action';
      out.push('', `**${kind}**: ${text(op.description)}`);
      for (const plane of op.planes) section(out, TITLE[plane], g[plane], g.total);
    } else {
      out.push('', 'Not in the operations catalogue, so its plane is unknown. What its name matches:');
      section(out, 'If it is an action (actions)', g.control, g.total);
      section(out, 'If it is a data action (dataActions)', g.data, g.total);
    }
  }
  out.push('', azureDataFooter());
  return out.join('\n') + '\n';
}
