/** Suggestions for a mistyped command or option: the nearest candidates by Damerau-Levenshtein distance. */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      distance[i][j] = Math.min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance[i][j] = Math.min(distance[i][j], distance[i - 2][j - 2] + 1);
    }
  }
  return distance[rows - 1][columns - 1];
}

/** The candidates at distance <= maxDistance from `word`, nearest first (ties in the given order). */
export function nearest(word: string, candidates: readonly string[], maxDistance = 2): string[] {
  // Very long input (a pasted path) is not compared: no suggestion can be near it.
  if (word.length > 64) return [];
  return candidates
    .map((candidate, order) => ({ candidate, order, distance: editDistance(word, candidate) }))
    .filter((entry) => entry.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map((entry) => entry.candidate);
}

/** ` (did you mean 'x'?)`, ` (did you mean 'x' or 'y'?)`, or '' when nothing is near. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const close = nearest(word, candidates).slice(0, 2);
  if (close.length === 0) return '';
  return ` (did you mean ${close.map((candidate) => `'${candidate}'`).join(' or ')}?)`;
}
