import { clip, summary } from './layout';
import type { IdentityMap } from './types';

/**
 * Mermaid's entity codes for characters that would end a quoted label or be read as markup; `#` first, since the
 * codes themselves use it.
 */
export function escapeMermaid(s: string): string {
  return s.replace(/[#"<>&]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' })[c]!).replace(/[\r\n]+/g, ' ');
}

const BROKEN = '#d1242f';

/**
 * The map as a Mermaid flowchart (left to right) for a README or a pull request comment: one node per object with its
 * detail on a second line, broken links dashed and red with what the finding says, missing objects in red boxes.
 */
export function renderMermaid(map: IdentityMap): string {
  const ids = new Map(map.nodes.map((n, i) => [n.id, `n${i}`]));
  const out = ['flowchart LR', `  %% Identity map of ${escapeMermaid(map.title)} (aks-iam)`];
  for (const n of map.nodes) {
    const text = n.detail ? `${escapeMermaid(n.label)}<br/>${escapeMermaid(n.detail)}` : escapeMermaid(n.label);
    out.push(`  ${ids.get(n.id)}["${text}"]:::${n.kind.replace(/-/g, '_')}`);
  }
  const brokenLinks: number[] = [];
  let link = 0;
  for (const e of map.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    if (e.problems.length) {
      const text = e.problems.map((p) => `⚠ ${p.ruleId}: ${clip(summary(p.message), 90)}`).join('<br/>');
      out.push(`  ${from} -.->|"${escapeMermaid(text).replace(/#lt;br\/#gt;/g, '<br/>')}"| ${to}`);
      brokenLinks.push(link);
    } else {
      out.push(`  ${from} -->|"${escapeMermaid(e.label)}"| ${to}`);
    }
    link++;
  }
  const missing = map.nodes.filter((n) => n.missing).map((n) => ids.get(n.id));
  out.push(
    '  classDef workload fill:#ddf4ff,stroke:#0969da',
    '  classDef service_account fill:#fbefff,stroke:#8250df',
    '  classDef managed_identity fill:#dafbe1,stroke:#1a7f37',
    '  classDef federated_credential fill:#fff8c5,stroke:#9a6700',
    '  classDef role_assignment fill:#fff1e5,stroke:#bc4c00',
    '  classDef scope fill:#fff1e5,stroke:#bc4c00',
    '  classDef binding fill:#f6f8fa,stroke:#59636e',
    '  classDef role fill:#f6f8fa,stroke:#59636e',
    `  classDef missing fill:#ffebe9,stroke:${BROKEN},color:${BROKEN},stroke-dasharray:5 3`,
  );
  if (missing.length) out.push(`  class ${missing.join(',')} missing`);
  if (brokenLinks.length) out.push(`  linkStyle ${brokenLinks.join(',')} stroke:${BROKEN},color:${BROKEN},stroke-width:2px`);
  return out.join('\n') + '\n';
}
