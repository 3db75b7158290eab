// The map's expected files leave out the findings' wording: rule messages are the rules' own (their fixtures check
// them), and the map tests check separately that each broken link carries its finding's exact text.

/** Mermaid and JSON output with every finding message replaced by "…" (the rule id stays). */
export function withoutMessages(output: string): string {
  return output
    .replace(/(⚠ [a-z0-9-]+: )[^"]*("\|)/g, '$1…$2')
    .replace(/("message": )"(?:[^"\\]|\\.)*"/g, '$1"…"');
}
