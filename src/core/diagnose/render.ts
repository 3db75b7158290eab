/** The diagnosis as plain text (terminal) or Markdown (the editor), from the same lines. */
import type { Diagnosis, DiagnosisItem } from './diagnose';
import type { Location } from './sources';

const SDK_NAMES = { go: 'Go', python: 'Python', dotnet: '.NET', java: 'Java', js: 'JavaScript', 'azure-cli': 'Azure CLI' } as const;

function what(d: Diagnosis): string {
  const parts: string[] = [];
  if (d.code !== null) parts.push(`AADSTS${d.code}`);
  if (d.parsed.credential) parts.push(d.parsed.credential);
  if (d.parsed.sdk) parts.push(SDK_NAMES[d.parsed.sdk]);
  return parts.join(', ');
}

function facts(d: Diagnosis): [string, string][] {
  const p = d.parsed;
  const rows: [string, string | null][] = [
    ['issuer', p.assertion.issuer], ['subject', p.assertion.subject], ['audience', p.assertion.audience],
    ['client id', p.clientId], ['tenant', p.tenantId],
    ['network', p.network ? `${p.network.what}${p.network.host ? ` (${p.network.host})` : ''}` : null],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}

function consulted(d: Diagnosis): string {
  const c = d.consulted;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const from = c.origins.length ? ` (from ${c.origins.join(', ')})` : '';
  return `Read ${n(c.serviceAccounts, 'ServiceAccount', 'ServiceAccounts')}, ${n(c.identities, 'identity', 'identities')} with ${n(c.credentials, 'federated credential', 'federated credentials')}, ${n(c.clusters, 'cluster', 'clusters')}${from}.`;
}

/** Plain text for a terminal; `display` turns a location into `path:line:column` as the user should see it. */
export function renderText(d: Diagnosis, display: (l: Location) => string): string {
  const out: string[] = [];
  const w = what(d);
  out.push(w ? `${w}: ${d.headline}` : d.headline);
  const rows = facts(d);
  const width = Math.max(0, ...rows.map((r) => r[0].length));
  for (const [k, v] of rows) out.push(`  ${k.padEnd(width)}  ${v}`);
  out.push('');
  for (const item of d.items) out.push(...itemText(item, display));
  out.push('', consulted(d));
  for (const url of d.docs) out.push(`See ${url}`);
  return out.join('\n') + '\n';
}

function itemText(item: DiagnosisItem, display: (l: Location) => string): string[] {
  const lines = [`- ${item.at ? `${display(item.at)}: ` : ''}${item.text}`];
  if (item.fix) lines.push(`  fix: ${item.fix}`);
  if (item.command) lines.push(`  run: ${item.command}`);
  return lines;
}

/** Markdown for the editor; `link` gives a link target (a URI opening the file at the line) for a location. */
export function renderMarkdown(d: Diagnosis, display: (l: Location) => string, link: (l: Location) => string): string {
  const out: string[] = [];
  const w = what(d);
  out.push(`# ${w ? `${w}: ` : ''}${d.headline}`, '');
  const rows = facts(d);
  if (rows.length) {
    out.push('| | |', '|---|---|');
    for (const [k, v] of rows) out.push(`| ${k} | \`${v.replace(/\|/g, '\\|')}\` |`);
    out.push('');
  }
  const at = (l: Location) => `[${display(l)}](${link(l)})`;
  for (const item of d.items) {
    out.push(`- ${item.at ? `${at(item.at)}: ` : ''}${item.text}`);
    if (item.fix) out.push(`  - **Fix:** ${item.fix}`);
    if (item.command) out.push('', '  ```sh', `  ${item.command}`, '  ```');
  }
  out.push('', consulted(d), '');
  for (const url of d.docs) out.push(`- <${url}>`);
  return out.join('\n') + '\n';
}
