import type { FileEntry, WorkspaceIndex } from '../index/workspace-index';
import type { IdentityGraph } from '../identity/graph';
import type { IacFacts } from '../iac/types';
import type { TextEdit } from '../text/types';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type Category =
  | 'workload-identity'
  | 'aad-pod-identity'
  | 'rbac'
  | 'service-account'
  | 'other-clouds'
  | 'credentials'
  | 'infrastructure-code'
  | 'general';

export interface RuleDocs {
  /** Why it matters, in a sentence or two. */
  why: string;
  /** How to fix it, in a sentence or two. */
  howToFix: string;
  /** A short wrong manifest and its corrected form, shown in the generated docs. */
  example?: { bad: string; good: string };
  /** Why the default severity is what it is, against the definition in the rules reference. */
  severity?: string;
  /**
   * What the rule assumes about namespaces and placeholders: which values it needs to know, and what it does
   * when they are unknown (Helm release namespace, kustomize, placeholders).
   */
  assumes?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  defaultSeverity: Severity;
  category: Category;
  /**
   * Offers a *fix*: an edit that is safe without knowing the author's intent, applied by `--fix`, fix-all and
   * fix-on-save.
   */
  fixable: boolean;
  /** Other levels single findings may take (e.g. warning, and error in the worst case); `docs.severity` says when. */
  alsoReports?: Severity[];
  /** Offers *suggestions*: edits that guess intent (create an object, pick a kind or a namespace), quick-fix menu only. */
  suggests?: boolean;
  docs: RuleDocs;
  /** Needs cloud identity data (Azure or a snapshot); silent without it. */
  needsCloud?: boolean;
}

export interface Fix {
  title: string;
  /** Edits of the finding's own file, in UTF-16 offsets. */
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Offsets in the text after the edits to select in the editor (a placeholder to overwrite). */
  selection?: { start: number; end: number };
}

export interface Related {
  file: string;
  start: number;
  end: number;
  message: string;
}

export interface Report {
  message: string;
  start: number;
  end: number;
  /** Overrides the rule's default for this finding (rules with two levels, e.g. warning/error). */
  severity?: Severity;
  related?: Related[];
  /** Safe edits: applied in bulk (`--fix`, fix-all). */
  fixes?: Fix[];
  /** Edits that guess intent: offered one at a time in the quick-fix menu, never applied in bulk. */
  suggestions?: Fix[];
}

export interface AnalyzerSettings {
  defaultNamespace: string;
  /** Per-rule severity overrides. */
  rules: Record<string, SeveritySetting>;
  cloud: IdentityGraph | null;
  /** Identity facts read from the workspace's infrastructure code (Terraform, Bicep, ARM); null when none was read. */
  iac?: IacFacts | null;
}

export interface RuleContext {
  file: FileEntry;
  index: WorkspaceIndex;
  settings: AnalyzerSettings;
  report(r: Report): void;
}

/** The context of a rule's check of one infrastructure-code file (`.tf`, `.bicep`, ARM `.json`). */
export interface IacRuleContext {
  file: { path: string; text: string };
  facts: IacFacts;
  index: WorkspaceIndex;
  settings: AnalyzerSettings;
  report(r: Report): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
  /** Checks one infrastructure-code file; reports only on that file (facts of other files are read freely). */
  checkIac?(ctx: IacRuleContext): void;
}

/** Declares a rule: metadata as data plus its check. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
