import { accessTable, reachLabel, TABLE_VERBS, type AccessRow, type AccessTable, type Cell } from '../../core/access/index';
import { querySubjectLabel } from '../../core/access/describe';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';
import { expandShortFlags, loadAccessInput, parseSubject } from './access-input';

export const ACCESS_USAGE = `Usage: aks-iam access <subject> [paths…] [options]

The effective permissions the manifests (files, or directories searched for *.yaml/*.yml; default: .) give a subject,
as a table of resources × verbs: cluster-wide first, then each namespace where it holds something, riskiest rows and
namespaces first (every resource, Secrets, escalation verbs, then writes).
<subject>: system:serviceaccount:<namespace>:<name>, user:<name>, group:<name>, or an Entra object id (with --snapshot:
its role assignments through Azure RBAC for Kubernetes).

Options:
  -n, --namespace <ns>      show only this namespace (and the cluster-wide section)
  --snapshot <file|dir>     identity data saved from the Azure CLI: role assignments and clusters
                            (default: the one the configuration names)
  --builtin                 count the bindings every cluster has (system:authenticated, …) like the workspace's
  --default-namespace <ns>  namespace of manifests that name none (default: the configuration's, else default)
  --no-config               ignore .aks-iam.yaml files (their exclude, namespace, placeholders and snapshot)
  --format text|json
`;

const HEAD: Record<string, string> = { get: 'GET', list: 'LIST', watch: 'WATCH', create: 'CREATE', update: 'UPDATE', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELCOLL' };
const MARK: Record<Cell, string> = { yes: '✔', names: '~', no: '✖' };

/** `secrets`, `deployments.apps`, `deployments.apps/scale`, `*.*` (every resource of every group). */
export function rowLabel(r: AccessRow): string {
  const [res, sub] = r.resource.split('/');
  const base = r.group === '*' ? `${res}.*` : r.group ? `${res}.${r.group}` : res;
  return sub ? `${base}/${sub}` : base;
}

export function accessText(t: AccessTable): string {
  const out = [`Access of ${querySubjectLabel(t.subject)}${t.sections.length ? '' : ': nothing'}`];
  if (!t.sections.length) return `${out[0]} — no binding of these manifests names it or a group it is in.\n`;
  out.push(`${MARK.yes} allowed   ${MARK.names} only for some names   ${MARK.no} not allowed`);
  for (const s of t.sections) {
    out.push('', reachLabel(s.reach) === 'cluster-wide' ? 'Cluster-wide' : `In namespace ${(s.reach as { namespace: string }).namespace}`);
    if (s.rows.length) {
      const w = Math.max('RESOURCE'.length, ...s.rows.map((r) => rowLabel(r).length));
      const cols = TABLE_VERBS.map((v) => HEAD[v]);
      out.push(`  ${'RESOURCE'.padEnd(w)}  ${cols.join('  ')}  OTHER`);
      for (const r of s.rows) {
        const cells = TABLE_VERBS.map((v, i) => MARK[r.cells[v]].padEnd(cols[i].length));
        out.push(`  ${rowLabel(r).padEnd(w)}  ${cells.join('  ')}  ${r.other.join(', ')}`.trimEnd());
      }
    }
    if (s.urls.length) {
      const w = Math.max('NON-RESOURCE URL'.length, ...s.urls.map((u) => u.url.length));
      out.push(`  ${'NON-RESOURCE URL'.padEnd(w)}  VERBS`);
      for (const u of s.urls) out.push(`  ${u.url.padEnd(w)}  ${u.verbs.join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}

export function accessJson(t: AccessTable): Record<string, unknown> {
  const s = t.subject;
  const subject = s.kind === 'Entra' ? { kind: 'Entra', id: s.id, principalType: s.principalType, name: s.name } : s;
  return {
    subject,
    verbs: TABLE_VERBS,
    sections: t.sections.map((x) => ({
      reach: x.reach,
      rows: x.rows.map((r) => ({ apiGroup: r.group, resource: r.resource, ...r.cells, other: r.other, risk: r.risk })),
      nonResourceURLs: x.urls,
    })),
  };
}

/** `aks-iam access <subject>`: what the subject may do, rakkess-style, riskiest first. */
export async function accessCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(expandShortFlags(argv), { value: ['namespace', 'snapshot', 'format', 'default-namespace'], boolean: ['help', 'builtin', 'no-config'] });
  if (args.flags.has('help')) {
    io.out(ACCESS_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  const [who, ...paths] = args.positionals;
  if (!who) throw new UsageError('expected a <subject> (for example: access system:serviceaccount:shop:api)');
  const input = await loadAccessInput(paths, args, io);
  const subject = parseSubject(who, input.graph);
  const table = accessTable(input.engine, subject);
  const ns = last(args, 'namespace');
  if (ns) table.sections = table.sections.filter((s) => s.reach === 'cluster' || s.reach.namespace === ns);
  io.out(format === 'json' ? JSON.stringify(accessJson(table), null, 2) + '\n' : accessText(table));
  return 0;
}
