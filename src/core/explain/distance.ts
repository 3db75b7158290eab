import { levenshteinWithin } from '../text/edit-distance';

/** Levenshtein distance with a cut-off: returns max + 1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  return levenshteinWithin(a, b, max);
}
