// Two rows of the table, reused across calls: "did you mean" searches compare one name with every role name of
// the workspace, and a pair of arrays per comparison showed in profiles.
let size = 0;
let rowA = new Int32Array(0);
let rowB = new Int32Array(0);

/**
 * Levenshtein distance with a cut-off, answering exactly as `editDistance` of `src/core/explain/distance.ts`:
 * max + 1 when the lengths differ by more than max or a whole row of the table exceeds max, else the distance.
 */
export function levenshteinWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (n + 1 > size) {
    size = Math.max(n + 1, 2 * size);
    rowA = new Int32Array(size);
    rowB = new Int32Array(size);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      let v = prev[j] + 1;
      const left = cur[j - 1] + 1;
      if (left < v) v = left;
      const diag = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      if (diag < v) v = diag;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}
