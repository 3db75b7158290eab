// A Helm chart installed by Terraform (`helm_release`) whose ServiceAccount gets its workload-identity client id from
// a `set` of the release: the Terraform wiring of a chart to an identity, read as a ServiceAccount fact.
import type { IacFacts, IacSpan, IacValue } from '../types';
import type { Block } from './hcl';
import { evaluate, type Instance } from './evaluate';
import { attrSpan, base, span, toValue, value } from './fact-values';

const CLIENT_ID = 'azure.workload.identity/client-id';

/** A `--set` key as its path: dots separate, `\.` is a dot of the key itself. */
export function setKeyPath(key: string): string[] {
  return key.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
}

interface SetValue {
  value: IacValue;
  keySpan: IacSpan;
}

/** The release's `set` values by key, or null when some key is not literal (a `dynamic "set"`, a computed name). */
function setValues(block: Block, inst: Instance): Map<string, SetValue> | null {
  const out = new Map<string, SetValue>();
  const header = span(block.file, block.header.start, block.header.end);
  if (block.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'set')) return null;
  for (const s of block.body.blocks.filter((b) => b.type === 'set')) {
    const key = value(s.body, 'name', inst, header);
    const keyAttr = s.body.attributes.get('name');
    if (key.kind !== 'literal' || !keyAttr) return null;
    out.set(setKeyPath(key.value).join('\u0000'), { value: value(s.body, 'value', inst, header), keySpan: attrSpan(keyAttr) });
  }
  // helm provider 3.x: set = [{ name = "…", value = … }]
  const attr = block.body.attributes.get('set');
  if (attr) {
    const at = attrSpan(attr);
    const v = evaluate(attr.expr, inst.scope);
    if (v.k !== 'list') return null;
    for (const item of v.items) {
      const name = item.k === 'obj' ? item.entries.get('name') : undefined;
      if (item.k !== 'obj' || name?.k !== 'str') return null;
      const val = item.entries.get('value');
      out.set(setKeyPath(name.v).join('\u0000'), { value: val ? toValue(val, at) : { kind: 'unknown', why: 'set without a value', span: at }, keySpan: at });
    }
  }
  return out;
}

const SEP = '\u0000';
const ANNOTATION = ['serviceAccount', 'annotations', CLIENT_ID].join(SEP);

/**
 * Each ServiceAccount of the release given a client id by `set`: `serviceAccount.annotations.azure\.workload\.identity/client-id`,
 * or the same under a component (`repoServer.serviceAccount…`). It is in the release's namespace and named by the
 * matching `serviceAccount.name` (else by the chart: unknown). Charts that name these values otherwise are not read.
 */
export function readHelmRelease(facts: IacFacts, block: Block, inst: Instance): void {
  const sets = setValues(block, inst);
  if (!sets) return;
  const b = base(block, inst);
  const namespace: IacValue = block.body.attributes.has('namespace')
    ? value(block.body, 'namespace', inst, b.headerSpan)
    : { kind: 'literal', value: 'default', span: b.headerSpan, implicit: true };
  for (const [key, clientId] of sets) {
    if (key !== ANNOTATION && !key.endsWith(`${SEP}${ANNOTATION}`)) continue;
    const prefix = key.slice(0, key.length - ANNOTATION.length);
    const component = prefix ? prefix.split(SEP).filter(Boolean).join('.') : '';
    const create = sets.get(`${prefix}serviceAccount${SEP}create`)?.value;
    if (create?.kind === 'literal' && create.value === 'false') continue;
    const name: IacValue = sets.get(`${prefix}serviceAccount${SEP}name`)?.value
      ?? { kind: 'unknown', why: `the chart names the ServiceAccount (the release does not set ${component ? `${component}.` : ''}serviceAccount.name)`, span: b.headerSpan };
    facts.serviceAccounts.push({
      ...b, address: component ? `${b.address} (${component})` : b.address, type: 'serviceAccount', namespace, name,
      annotations: { kind: 'map', entries: [{ key: CLIENT_ID, keySpan: clientId.keySpan, value: clientId.value }], span: clientId.keySpan },
      labels: { kind: 'map', entries: [], span: b.headerSpan },
    });
  }
}
