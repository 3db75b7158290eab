import * as vscode from 'vscode';
import { CATALOGUE_SECTIONS, explainCatalogue, explainCatalogueEntry, type CatalogueEntry } from '../../core/explain/catalogue';
import { closestTerms, explainTerm } from '../../core/explain/index';
import { operations } from '../../core/knowledge/data';
import { whoGrantsMarkdown } from '../../core/explain/who-grants';
import type { AnswerDocuments } from './document';
import { pick } from './pick';

type EntryItem = vscode.QuickPickItem & { entry?: CatalogueEntry };

let explainItems: EntryItem[] | undefined;

/** The catalogue as quick pick rows, a separator before each family. */
function items(): EntryItem[] {
  if (explainItems) return explainItems;
  const all = explainCatalogue();
  const out: EntryItem[] = [];
  for (const section of CATALOGUE_SECTIONS) {
    out.push({ label: section.title, kind: vscode.QuickPickItemKind.Separator });
    for (const e of all) if (e.kind === section.kind) out.push({ label: e.label, description: e.description, detail: e.detail, entry: e });
  }
  explainItems = out;
  return out;
}

/** AKS IAM: Explain a role or permission… — `term` skips the picker (for links and tests). */
export async function explainCommand(docs: AnswerDocuments, term?: string): Promise<vscode.Uri | undefined> {
  let title: string;
  let markdown: string | null;
  if (typeof term === 'string' && term.trim()) {
    const r = explainTerm(term);
    title = term.trim();
    markdown = r.found ? r.markdown : null;
  } else {
    const picked = await pick(items(), { title: 'AKS IAM: Explain a role or permission', placeholder: 'An Azure role or permission, a ClusterRole, an RBAC verb, an identity key…' });
    if (!picked) return undefined;
    title = picked.item?.entry?.label ?? picked.value.trim();
    if (!title) return undefined;
    markdown = picked.item?.entry ? explainCatalogueEntry(picked.item.entry) : (() => {
      const r = explainTerm(title);
      return r.found ? r.markdown : null;
    })();
  }
  if (markdown === null) {
    const close = closestTerms(title);
    void vscode.window.showWarningMessage(`AKS IAM does not know "${title}".${close.length ? ` Closest: ${close.join(', ')}.` : ''}`);
    return undefined;
  }
  return docs.show(`Explain ${title}`, markdown);
}

let permissionItems: vscode.QuickPickItem[] | undefined;

/** AKS IAM: Which roles grant a permission… — a permission from the catalogue or typed (a pattern with * too). */
export async function whoGrantsCommand(docs: AnswerDocuments, permission?: string): Promise<vscode.Uri | undefined> {
  let p = typeof permission === 'string' ? permission.trim() : '';
  if (!p) {
    permissionItems ??= [...operations()].sort((a, b) => a.name.localeCompare(b.name)).map((o) => ({ label: o.name, detail: o.description }));
    const picked = await pick(permissionItems, { title: 'AKS IAM: Which roles grant a permission', placeholder: 'A permission such as Microsoft.ContainerService/managedClusters/read, or a pattern with *' });
    if (!picked) return undefined;
    // A pattern or a name the catalogue lacks is answered as typed.
    p = picked.value.includes('*') || !picked.item ? picked.value.trim() : picked.item.label;
    if (!p) return undefined;
  }
  return docs.show(`Who grants ${p}`, whoGrantsMarkdown(p));
}
