/**
 * Violations found by fuzzing whose cause is in a rule maintained separately: counted and reported by the fuzz run
 * instead of failing it, until the rule is fixed. Each names the rule, the property and a minimal input.
 */
export interface KnownIssue {
  id: string;
  property: string;
  /** Matched against the violation's detail (which starts with the rule id). */
  match: RegExp;
  minimalInput: string;
}

export const KNOWN: KnownIssue[] = [
  {
    // The fix copies serviceAccount's source into serviceAccountName also when it is a block list or map.
    id: 'sa-deprecated-field copies a block value',
    property: 'fixed text still parses',
    match: /^sa-deprecated-field "(Use serviceAccount's value|Move the serviceAccount value)/,
    minimalInput: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: a\n  serviceAccount:\n  - x\n  containers: []\n',
  },
  {
    // fixAllInFile stops after 5 passes, and fixes that all append a document at the end of the file (one new
    // ServiceAccount each) overlap, so only one of them lands per pass: with more than 5, a second run does more.
    id: 'fix all stops after 5 passes when more fixes append documents',
    property: 'fix all twice equals fix all once',
    match: /^once left [1-9]/,
    minimalInput: Array.from({ length: 7 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels:\n    azure.workload.identity/use: "true"\nspec:\n  containers: [{name: c, image: nginx}]\n`).join('---\n'),
  },
  {
    // Fix-all merges edits of different rules that do not overlap, but two of them can add the same key to one
    // map: identity-annotation-typo renames `azure.workload.identity/usee` to the real key while
    // wi-use-label-missing, wi-client-id-missing or wi-annotation-misplaced inserts the real key too. Each fix
    // alone is right.
    id: 'fix all: a typo rename and an insertion add the same key',
    property: 'fix all result still parses',
    match: /^Map keys must be unique/,
    minimalInput: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/usee: "true"\n    spec:\n      serviceAccountName: orders\n      containers: [{name: app, image: nginx}]\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    azure.workload.identity/client-id: 00000000-0000-4000-8000-000000000001\n',
  },
];
