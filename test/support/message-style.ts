// What the Problems panel shows of a finding's message, shared by the style test of every rule message and the UI
// check that measures the panel in a real VS Code.

/**
 * Characters of a message and its rule id together that a Problems row shows in a 1,400 px wide window with the
 * default layout (Explorer open, panel below the editor): the row ends with `aks-iam(<rule id>) [Ln 24, Col 7]`, so
 * each character of the rule id takes one of the message's. Measured by `test/e2e/ui/problems-panel.ui.ts`: 96
 * characters of a wi-use-label-missing message (20-character id) show before the ellipsis; one is kept in reserve.
 */
export const ROW_CHARS = 115;

/** Characters of a message the Problems panel shows before it cuts the row of a finding of `ruleId`. */
export function visibleChars(ruleId: string): number {
  return ROW_CHARS - ruleId.length;
}

/** The part before the first `: ` or `; ` — the problem, in a message written problem first. */
export function headOf(message: string): string {
  const i = message.search(/[:;](\s|$)/);
  return i < 0 ? message : message.slice(0, i);
}
