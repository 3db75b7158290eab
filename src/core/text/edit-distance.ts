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

// Three rows for the swap-aware distance, reused across calls: the identity rules ask for one per key of every object.
let rowsSize = 0;
let twoBack = new Int32Array(0);
let oneBack = new Int32Array(0);
let current = new Int32Array(0);

/** Optimal-string-alignment distance (a swap of neighbours counts once), giving up above `max`. */
export function osaDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (n + 1 > rowsSize) {
    rowsSize = Math.max(n + 1, 2 * rowsSize);
    twoBack = new Int32Array(rowsSize);
    oneBack = new Int32Array(rowsSize);
    current = new Int32Array(rowsSize);
  }
  let pp = twoBack;
  let prev = oneBack;
  let cur = current;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    // The minimum over columns 1..n only, as before: an empty `b` gives up at once.
    let best = Infinity;
    const ai = a.charCodeAt(i - 1);
    const ai2 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j] + 1;
      const left = cur[j - 1] + 1;
      if (left < d) d = left;
      const diag = prev[j - 1] + (ai === bj ? 0 : 1);
      if (diag < d) d = diag;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai2 === bj) {
        const swap = pp[j - 2] + 1;
        if (swap < d) d = swap;
      }
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    const t = pp;
    pp = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}
