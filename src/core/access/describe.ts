// Words for answers: subjects, grant paths and rules, shared by the CLI's text, JSON and Markdown and the editor's view.
import type { PolicyRule } from '../knowledge/data';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { IdentityGraph } from '../identity/graph';
import { reachLabel } from './authorize';
import { entraSubject } from './azure';
import type { AccessPath, QuerySubject } from './engine';
import { subjectLabel } from './subject';
import type { SourceRef } from './types';

/** Where a source line is, for links and `file:line`: path as the caller shows it, 1-based line. */
export interface Located {
  file: string;
  line: number;
  /** Offsets in the file, for an editor selection. */
  start: number;
  end: number;
}

export interface Locator {
  /** The path as shown (relative, forward slashes) — the CLI's choice; the editor keeps the URI path. */
  display(file: string): string;
  index: WorkspaceIndex;
}

export function locate(loc: Locator, file: string | null, start: number, end: number): Located | null {
  if (!file) return null;
  const f = loc.index.getFile(file);
  if (!f) return null;
  return { file: loc.display(file), line: f.lines.positionAt(start).line + 1, start, end };
}

export function querySubjectLabel(s: QuerySubject): string {
  if (s.kind !== 'Entra') return subjectLabel(s);
  const type = s.principalType ? ` ${s.principalType}` : '';
  return `Entra${type} ${s.id}${s.name ? ` (${s.name})` : ''}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A subject as typed: `system:serviceaccount:<ns>:<name>`, `serviceaccount:<ns>/<name>`, `user:<name>`, `group:<name>`,
 * or an Entra object id (the principal of role assignments); null when it is none of these.
 */
export function parseSubjectArgument(text: string, graph: IdentityGraph | null): QuerySubject | null {
  const t = text.trim();
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(t) ?? /^(?:serviceaccount|sa):([^/]+)\/(.+)$/i.exec(t);
  if (sa) return { kind: 'ServiceAccount', namespace: sa[1], name: sa[2] };
  const m = /^(user|group):(.+)$/i.exec(t);
  if (m) return { kind: m[1].toLowerCase() === 'user' ? 'User' : 'Group', name: m[2] };
  return GUID.test(t) ? entraSubject(graph, t) : null;
}

/** The command-line form of a subject, as `aks-iam access` takes it. */
export function subjectArgument(s: QuerySubject): string {
  if (s.kind === 'Entra') return s.id;
  if (s.kind === 'ServiceAccount') return `system:serviceaccount:${s.namespace}:${s.name}`;
  return `${s.kind === 'User' ? 'user' : 'group'}:${s.name}`;
}

function objectLabel(r: SourceRef): string {
  const name = r.namespace ? `${r.namespace}/${r.name}` : r.name;
  return `${r.kind} ${name}${r.builtin ? ' (built-in)' : ''}`;
}

/** `get, list on secrets`, `* on *.*`, `get on /healthz`. */
export function ruleSummary(rule: PolicyRule): string {
  const verbs = rule.verbs.join(', ');
  if (rule.nonResourceURLs?.length) return `${verbs} on ${rule.nonResourceURLs.join(', ')}`;
  const groups = rule.apiGroups ?? [];
  const what = (rule.resources ?? []).flatMap((r) => (groups.length ? groups : ['?']).map((g) => (g === '' ? r : `${r}.${g}`)));
  const names = rule.resourceNames?.length ? ` named ${rule.resourceNames.join(', ')}` : '';
  return `${verbs} on ${[...new Set(what)].join(', ')}${names}`;
}

export interface PathSteps {
  /** The chain, each step a label and where it is written (null for built-ins and Azure objects). */
  steps: { label: string; at: Located | null }[];
  /** What grants it: the rule or the data action. */
  grants: string;
  reach: string;
  /** Extra words: the group the subject is a member of, the Azure RBAC state, a name limit. */
  notes: string[];
}

/** A path as steps: RoleBinding → Role → rule at its line, or role assignment → role → data action at its scope. */
export function pathSteps(p: AccessPath, loc: Locator): PathSteps {
  const notes: string[] = [];
  if (p.onlyNames) notes.push(`only for names ${p.onlyNames.join(', ')}`);
  if (p.source === 'azure') {
    const a = p.azure;
    if (a.rbac === 'unknown') notes.push(`cluster ${a.cluster} is not in the identity data, so whether it has Azure RBAC for Kubernetes enabled is unknown`);
    if (a.conditional) notes.push('the role grants it under a condition');
    return {
      steps: [
        { label: `role assignment at ${a.assignment.scope}`, at: null },
        { label: `Azure role ${a.roleName}`, at: null },
      ],
      grants: `data action ${a.pattern}${a.pattern === a.dataAction ? '' : ` (covers ${a.dataAction})`}`,
      reach: `${reachLabel(a.reach)} of cluster ${a.cluster}`,
      notes,
    };
  }
  const g = p.grant;
  const steps = [
    { label: objectLabel(g.binding), at: g.binding.nameRange ? locate(loc, g.binding.file, g.binding.nameRange.start, g.binding.nameRange.end) : locate(loc, g.binding.file, g.binding.start, g.binding.start) },
    { label: objectLabel(g.role), at: g.role.nameRange ? locate(loc, g.role.file, g.role.nameRange.start, g.role.nameRange.end) : locate(loc, g.role.file, g.role.start, g.role.start) },
  ];
  if (g.ruleSource.name !== g.role.name || g.ruleSource.kind !== g.role.kind) steps.push({ label: `aggregated ${objectLabel(g.ruleSource)}`, at: null });
  const rule = g.ruleRange ? locate(loc, g.ruleSource.file, g.ruleRange.start, g.ruleRange.end) : null;
  // A built-in role's rules have no line to point to; the role names them.
  if (rule) steps.push({ label: 'rule', at: rule });
  return { steps, grants: ruleSummary(g.rule), reach: reachLabel(p.reach), notes };
}

/** One line: `RoleBinding shop/x → Role shop/x → rule roles.yaml:12: get on secrets, in namespace shop`. */
export function pathLine(p: AccessPath, loc: Locator, subject?: QuerySubject): string {
  const s = pathSteps(p, loc);
  const chain = s.steps.map((x) => (x.label === 'rule' ? (x.at ? `rule ${x.at.file}:${x.at.line}` : 'rule') : x.label));
  const notes = [...s.notes];
  if (p.source === 'kubernetes' && subject && subject.kind !== 'Entra' && viaDiffers(p, subject)) notes.unshift(`as ${subjectLabel(p.grant.via)}`);
  return `${chain.join(' → ')}: ${s.grants}, ${s.reach}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

function viaDiffers(p: AccessPath & { source: 'kubernetes' }, subject: QuerySubject): boolean {
  const v = p.grant.via;
  if (subject.kind === 'Entra') return false;
  if (v.kind !== subject.kind) return true;
  return v.kind === 'ServiceAccount' && subject.kind === 'ServiceAccount' ? v.namespace !== subject.namespace || v.name !== subject.name : v.name !== subject.name;
}
