// Where the Azure answers come from, shown under every role and permission explanation: built-in roles
// change often, so a reader must see how old the data is.
import { azureDataInfo } from '../knowledge/data';

/** 22497 → "22,497", without Intl: its first use costs more than a whole hover. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** One line, e.g. "Azure data: 928 built-in roles, 22,497 operations, as of 2026-08-22 (easimon/azure-builtin-roles@db0b225)". */
export function azureDataLine(): string {
  const d = azureDataInfo();
  const n = thousands;
  return `Azure data: ${n(d.roles)} built-in roles, ${n(d.operations)} operations, as of ${d.source.date} (${d.source.repository}@${d.source.commit.slice(0, 7)})`;
}

/** The same as a Markdown footer. */
export function azureDataFooter(): string {
  return `_${azureDataLine()}_`;
}

export function azureDataJson(): Record<string, unknown> {
  const d = azureDataInfo();
  return { date: d.source.date, source: d.source, builtInRoles: d.roles, operations: d.operations };
}
