/**
 * A plain, read-only view of a YAML node with its source offsets. Everything outside core/yaml works
 * on these, so the yaml package's node API stays behind one door.
 */
export type YNode = YMap | YSeq | YScalar | YAlias;

interface YBase {
  /** Offset where the node's value starts. */
  start: number;
  /** Offset just past the node's value (comments after it excluded). */
  end: number;
  /** True when the value is a template or placeholder and so cannot be judged. */
  unknown: boolean;
}

export interface YPair {
  key: string | null;
  keyNode: YScalar | null;
  value: YNode | null;
  /** Key start to value end. */
  start: number;
  end: number;
}

export interface YMap extends YBase {
  kind: 'map';
  flow: boolean;
  pairs: YPair[];
}

export interface YSeq extends YBase {
  kind: 'seq';
  flow: boolean;
  items: YNode[];
}

export interface YScalar extends YBase {
  kind: 'scalar';
  /** The parsed value: string, number, boolean, null or bigint. */
  value: unknown;
  /** The source text of the scalar, quotes included. */
  source: string;
  quoted: boolean;
}

export interface YAlias extends YBase {
  kind: 'alias';
  /** Aliases are not dereferenced: alias bombs cost nothing and values behind them stay unknown. */
  name: string;
}

export function isMap(n: YNode | null | undefined): n is YMap {
  return !!n && n.kind === 'map';
}
export function isSeq(n: YNode | null | undefined): n is YSeq {
  return !!n && n.kind === 'seq';
}
export function isScalar(n: YNode | null | undefined): n is YScalar {
  return !!n && n.kind === 'scalar';
}

export function pairOf(map: YNode | null | undefined, key: string): YPair | undefined {
  if (!isMap(map)) return undefined;
  // The last occurrence wins, as in Kubernetes' decoder.
  for (let i = map.pairs.length - 1; i >= 0; i--) if (map.pairs[i].key === key) return map.pairs[i];
  return undefined;
}

export function get(map: YNode | null | undefined, key: string): YNode | null {
  return pairOf(map, key)?.value ?? null;
}

export function getPath(node: YNode | null | undefined, path: readonly (string | number)[]): YNode | null {
  let cur: YNode | null | undefined = node;
  for (const step of path) {
    if (typeof step === 'number') cur = isSeq(cur) ? cur.items[step] ?? null : null;
    else cur = get(cur, step);
    if (!cur) return null;
  }
  return cur ?? null;
}

/** A scalar's value as a string (numbers and booleans as written in YAML), else null. */
export function str(n: YNode | null | undefined): string | null {
  if (!isScalar(n) || n.value === null || n.value === undefined) return null;
  return typeof n.value === 'string' ? n.value : String(n.value);
}

/** The string value when known; null for unknown (template/placeholder), missing or non-scalar. */
export function knownStr(n: YNode | null | undefined): string | null {
  return n && !n.unknown ? str(n) : null;
}
