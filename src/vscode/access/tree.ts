import * as vscode from 'vscode';
import { reachLabel, TABLE_VERBS, type AccessPath, type AccessTable, type QuerySubject, type WhoCanAnswer } from '../../core/access/index';
import { pathSteps, querySubjectLabel, ruleSummary, type Locator } from '../../core/access/describe';
import type { AccessRow } from '../../core/access/access-table';

/** One row of the Access view: a label, a description, children, and where a click goes. */
export interface Node {
  label: string;
  description?: string;
  tooltip?: string;
  children?: Node[];
  /** A grant path's rule (or binding) in its file. */
  open?: { uri: string; start: number; end: number };
  /** Runs the access query for this subject. */
  subject?: QuerySubject;
  icon?: string;
}

function pathNode(p: AccessPath, loc: Locator): Node {
  const s = pathSteps(p, loc);
  const chain = s.steps.filter((x) => x.label !== 'rule').map((x) => x.label).join(' → ');
  const rule = s.steps.find((x) => x.label === 'rule')?.at ?? null;
  const target = rule ?? s.steps.find((x) => x.at)?.at ?? null;
  const where = target ? ` — ${target.file.replace(/^.*\//, '')}:${target.line}` : '';
  return {
    label: chain,
    description: `${s.grants}, ${s.reach}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}${where}`,
    tooltip: p.source === 'kubernetes' ? ruleSummary(p.grant.rule) : s.grants,
    open: target && p.source === 'kubernetes' ? { uri: p.grant.ruleRange ? p.grant.ruleSource.file! : p.grant.binding.file!, start: target.start, end: target.end } : undefined,
    icon: p.source === 'azure' ? 'azure' : 'key',
  };
}

const SECTIONS = [['cluster', 'Cluster-wide'], ['namespace', 'In a namespace only'], ['names', 'Only for some names']] as const;

export function whoCanNodes(a: WhoCanAnswer, loc: Locator): Node[] {
  const where = a.query.namespace ? ` in namespace ${a.query.namespace}` : '';
  const out: Node[] = [];
  for (const [reach, title] of SECTIONS) {
    const hs = a.holders.filter((h) => h.reach === reach);
    if (!hs.length) continue;
    out.push({
      label: title, description: `${hs.length}`, icon: 'folder',
      children: hs.map((h) => ({ label: querySubjectLabel(h.subject), subject: h.subject, icon: 'account', children: h.paths.map((p) => pathNode(p, loc)) })),
    });
  }
  if (a.gainers.length) {
    out.push({
      label: 'Can gain it', description: `${a.gainers.length}`, icon: 'warning',
      children: a.gainers.map((g) => ({ label: querySubjectLabel(g.subject), description: `${g.how}, ${reachLabel(g.reach)}`, subject: g.subject, icon: 'account', children: g.paths.map((p) => pathNode(p, loc)) })),
    });
  }
  for (const n of a.notes) out.push({ label: n, icon: 'info' });
  if (!out.length) out.push({ label: 'No binding of this workspace grants it.', icon: 'info' });
  return [{ label: `Who can ${a.query.verb} ${a.label}${a.query.name ? ` named ${a.query.name}` : ''}${where}`, icon: 'search', children: out }];
}

const MARK = { yes: '✔', names: '~', no: '✖' } as const;

function rowNode(r: AccessRow): Node {
  const [res, sub] = r.resource.split('/');
  const base = r.group === '*' ? `${res}.*` : r.group ? `${res}.${r.group}` : res;
  const allowed = TABLE_VERBS.filter((v) => r.cells[v] !== 'no').map((v) => (r.cells[v] === 'names' ? `${v}~` : v));
  return {
    label: sub ? `${base}/${sub}` : base,
    description: [...allowed, ...r.other].join(' '),
    tooltip: TABLE_VERBS.map((v) => `${v} ${MARK[r.cells[v]]}`).join('  ') + (r.other.length ? `  ${r.other.join(', ')}` : ''),
    icon: r.risk >= 5 ? 'warning' : 'symbol-field',
  };
}

export function accessNodes(t: AccessTable): Node[] {
  const sections: Node[] = t.sections.map((s) => ({
    label: s.reach === 'cluster' ? 'Cluster-wide' : `In namespace ${s.reach.namespace}`,
    icon: 'folder',
    children: [...s.rows.map(rowNode), ...s.urls.map((u): Node => ({ label: u.url, description: u.verbs.join(' '), icon: 'link' }))],
  }));
  if (!sections.length) sections.push({ label: 'No binding of this workspace names it or a group it is in.', icon: 'info' });
  return [{ label: `Access of ${querySubjectLabel(t.subject)}`, icon: 'account', children: sections }];
}

/** The Access view: the last answer, as a tree; grant paths open their rule's line. */
export class AccessTree implements vscode.TreeDataProvider<Node> {
  private nodes: Node[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  show(nodes: Node[]): void {
    this.nodes = nodes;
    this.changed.fire();
  }

  roots(): Node[] {
    return this.nodes;
  }

  getChildren(n?: Node): Node[] {
    return n ? (n.children ?? []) : this.nodes;
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const expanded = n.children?.length ? (n.icon === 'search' || n.icon === 'folder' || n.label.startsWith('Access of') ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, expanded);
    item.description = n.description;
    item.tooltip = n.tooltip ?? (n.description ? `${n.label}\n${n.description}` : n.label);
    if (n.icon) item.iconPath = new vscode.ThemeIcon(n.icon === 'azure' ? 'cloud' : n.icon);
    if (n.open) {
      item.command = { command: 'aksIam.access.open', title: 'Open rule', arguments: [n.open.uri, n.open.start, n.open.end] };
      item.contextValue = 'aksIam.grantPath';
    } else if (n.subject) item.contextValue = 'aksIam.accessSubject';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
