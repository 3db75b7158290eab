import { reachLabel, whoCan, type AccessPath, type Holder, type QuerySubject, type WhoCanAnswer } from '../../core/access/index';
import { pathLine, pathSteps, querySubjectLabel, subjectArgument, type Locator } from '../../core/access/describe';
import { last, parseArgs, UsageError } from '../args';
import type { Io } from '../io';
import { expandShortFlags, loadAccessInput } from './access-input';

export const WHO_CAN_USAGE = `Usage: aks-iam who-can <verb> <resource>[/<subresource>] [paths…] [options]
       aks-iam who-can <verb> <non-resource URL> [paths…] [options]

Lists every subject the manifests (files, or directories searched for *.yaml/*.yml; default: .) let do <verb> on
<resource> — ServiceAccounts, users, groups, and with --snapshot the Entra principals of role assignments through Azure
RBAC for Kubernetes — each with the path that grants it, cluster-wide first, then those that can gain it.
<resource> is a plural resource (secrets, pods/exec), with its group when it is not built in (widgets.example.com).

Options:
  -n, --namespace <ns>      the namespace of the request (default: any namespace, each answer saying where)
  --name <object>           the object's name: rules limited to resourceNames count only for their names
  --snapshot <file|dir>     identity data saved from the Azure CLI: role assignments and clusters
                            (default: the one the configuration names)
  --builtin                 count the bindings every cluster has (system:masters, controllers, …) like the workspace's
  --default-namespace <ns>  namespace of manifests that name none (default: the configuration's, else default)
  --no-config               ignore .aks-iam.yaml files (their exclude, namespace, placeholders and snapshot)
  --format text|json|markdown
`;

function subjectJson(s: QuerySubject): Record<string, unknown> {
  if (s.kind === 'Entra') return { kind: 'Entra', id: s.id, principalType: s.principalType, name: s.name };
  return s.kind === 'ServiceAccount' ? { kind: s.kind, namespace: s.namespace, name: s.name } : { kind: s.kind, name: s.name };
}

export function pathJson(p: AccessPath, loc: Locator): Record<string, unknown> {
  const steps = pathSteps(p, loc);
  const base = { source: p.source, reach: p.reach === 'cluster' ? 'cluster' : { namespace: p.reach.namespace }, onlyNames: p.onlyNames };
  if (p.source === 'azure') {
    const a = p.azure;
    return { ...base, roleAssignment: a.assignment.id, scope: a.assignment.scope, role: a.roleName, dataAction: a.dataAction, pattern: a.pattern, cluster: a.cluster, azureRbac: a.rbac, conditional: a.conditional };
  }
  const g = p.grant;
  const ref = (r: typeof g.binding) => ({ kind: r.kind, namespace: r.namespace, name: r.name, builtin: r.builtin });
  const rule = steps.steps.at(-1)?.at ?? null;
  return {
    ...base, binding: ref(g.binding), role: ref(g.role), ruleFrom: ref(g.ruleSource), rule: g.rule,
    at: rule ? { file: rule.file, line: rule.line } : null, via: subjectJson(g.via),
  };
}

export function whoCanJson(a: WhoCanAnswer, loc: Locator): Record<string, unknown> {
  const t = a.query.target;
  const request = t.kind === 'url'
    ? { verb: a.query.verb, nonResourceURL: t.url }
    : { verb: a.query.verb, resource: t.resource, subresource: t.subresource, apiGroup: t.group, namespaced: t.type?.namespaced ?? null, namespace: a.query.namespace, name: a.query.name };
  return {
    request,
    holders: a.holders.map((h) => ({ subject: subjectJson(h.subject), reach: h.reach, paths: h.paths.map((p) => pathJson(p, loc)) })),
    canGain: a.gainers.map((g) => ({ subject: subjectJson(g.subject), reach: g.reach === 'cluster' ? 'cluster' : g.reach, how: g.how, paths: g.paths.map((p) => pathJson(p, loc)) })),
    builtinHolders: a.builtinHolders.map(subjectJson),
    notes: a.notes,
  };
}

const SECTION: Record<Holder['reach'], string> = { cluster: 'Cluster-wide', namespace: 'In a namespace only', names: 'Only for some names' };

function question(a: WhoCanAnswer): string {
  const where = a.query.namespace ? ` in namespace ${a.query.namespace}` : '';
  const name = a.query.name ? ` named ${a.query.name}` : '';
  return `${a.query.verb} ${a.label}${name}${where}`;
}

function summary(a: WhoCanAnswer): string {
  const n = a.holders.filter((h) => h.reach !== 'names').length;
  const parts = [`${n} subject${n === 1 ? '' : 's'} can`];
  const names = a.holders.length - n;
  if (names) parts.push(`${names} only for some names`);
  if (a.gainers.length) parts.push(`${a.gainers.length} can gain it`);
  return parts.join(', ');
}

function builtinLine(a: WhoCanAnswer): string | null {
  // Groups say most (system:masters, system:authenticated); the controllers' own accounts come last.
  const order = { Group: 0, User: 1, ServiceAccount: 2, Entra: 3 };
  const b = [...a.builtinHolders].sort((x, y) => order[x.kind] - order[y.kind]);
  if (!b.length) return null;
  const shown = b.slice(0, 3).map(querySubjectLabel).join(', ');
  return `Also every cluster's built-in bindings: ${shown}${b.length > 3 ? ` and ${b.length - 3} more` : ''} (--builtin lists them with their paths).`;
}

export function whoCanText(a: WhoCanAnswer, loc: Locator): string {
  const out = [`Who can ${question(a)}: ${summary(a)}.`];
  for (const reach of ['cluster', 'namespace', 'names'] as const) {
    const hs = a.holders.filter((h) => h.reach === reach);
    if (!hs.length) continue;
    out.push('', SECTION[reach]);
    for (const h of hs) {
      out.push(`  ${querySubjectLabel(h.subject)}`);
      for (const p of h.paths) out.push(`    ${pathLine(p, loc, h.subject)}`);
    }
  }
  if (a.gainers.length) {
    out.push('', 'Can gain it');
    for (const g of a.gainers) {
      out.push(`  ${querySubjectLabel(g.subject)}: ${g.how}, ${reachLabel(g.reach)}`);
      for (const p of g.paths) out.push(`    ${pathLine(p, loc, g.subject)}`);
    }
  }
  const extra = [builtinLine(a), ...a.notes].filter((x): x is string => !!x);
  if (extra.length) out.push('', ...extra);
  if (!a.holders.length && !a.gainers.length) out.push('', 'No binding of these manifests grants it.');
  return out.join('\n') + '\n';
}

export function whoCanMarkdown(a: WhoCanAnswer, loc: Locator): string {
  const out = [`## Who can \`${question(a)}\``, '', `${summary(a)}.`];
  // `*` in rules and data actions would start emphasis.
  const esc = (t: string) => t.replace(/([*_\\`])/g, '\\$1');
  const md = (p: AccessPath, s: QuerySubject) => `  - ${esc(pathLine(p, loc, s))}`;
  for (const reach of ['cluster', 'namespace', 'names'] as const) {
    const hs = a.holders.filter((h) => h.reach === reach);
    if (!hs.length) continue;
    out.push('', `### ${SECTION[reach]}`, '');
    for (const h of hs) out.push(`- **${querySubjectLabel(h.subject)}** (\`aks-iam access ${subjectArgument(h.subject)}\`)`, ...h.paths.map((p) => md(p, h.subject)));
  }
  if (a.gainers.length) {
    out.push('', '### Can gain it', '');
    for (const g of a.gainers) out.push(`- **${querySubjectLabel(g.subject)}**: ${g.how}, ${reachLabel(g.reach)}`, ...g.paths.map((p) => md(p, g.subject)));
  }
  const extra = [builtinLine(a), ...a.notes].filter((x): x is string => !!x);
  if (extra.length) out.push('', ...extra);
  return out.join('\n') + '\n';
}

/** `aks-iam who-can <verb> <resource>`: every subject that may do it, with the path that grants it. */
export async function whoCanCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(expandShortFlags(argv), { value: ['namespace', 'name', 'snapshot', 'format', 'default-namespace'], boolean: ['help', 'builtin', 'no-config'] });
  if (args.flags.has('help')) {
    io.out(WHO_CAN_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, not "${format}"`);
  const [verb, what, ...paths] = args.positionals;
  if (!verb || !what) throw new UsageError('expected <verb> and <resource> (for example: who-can get secrets -n shop)');
  if (!/^[a-z*]+$/i.test(verb)) throw new UsageError(`"${verb}" is not a verb (get, list, create, delete, bind, impersonate, …)`);
  const input = await loadAccessInput(paths, args, io);
  const target = input.engine.target(what);
  const answer = whoCan(input.engine, { verb: verb.toLowerCase(), target, namespace: last(args, 'namespace') ?? null, name: last(args, 'name') ?? null });
  if (format === 'json') io.out(JSON.stringify(whoCanJson(answer, input.locator), null, 2) + '\n');
  else if (format === 'markdown') io.out(whoCanMarkdown(answer, input.locator));
  else io.out(whoCanText(answer, input.locator));
  return 0;
}
