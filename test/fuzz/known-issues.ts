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
];
