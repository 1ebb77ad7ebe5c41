/**
 * "Did you mean" names for a package no configured index has: the alias table of famous confusions
 * first (`sklearn` → `scikit-learn`), then near names by edit distance among the popular names and
 * the names already seen on the indexes.
 */
import { normalizeName } from '../names';
import { PACKAGE_ALIASES, POPULAR_PACKAGES } from './popular-packages';

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMinimum = Math.min(rowMinimum, current[j]);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** Names compared without separators too, so `scikitlearn` finds `scikit-learn`. */
function compact(name: string): string {
  return name.replace(/-/g, '');
}

/**
 * Up to `limit` suggestions for `name`, best first. Distance allowed grows with the name's length
 * (1 up to 4 characters, 2 up to 8, then 3), so short names do not match everything.
 */
export function suggestPackageNames(name: string, seenNames: Iterable<string> = [], limit = 3): string[] {
  const wanted = normalizeName(name);
  const suggestions: string[] = [];
  const alias = PACKAGE_ALIASES.get(wanted);
  if (alias) suggestions.push(alias);
  const maximum = wanted.length <= 4 ? 1 : wanted.length <= 8 ? 2 : 3;
  const candidates = new Set<string>([...POPULAR_PACKAGES, ...[...seenNames].map(normalizeName)]);
  const scored: { candidate: string; distance: number; rank: number }[] = [];
  let rank = 0;
  for (const candidate of candidates) {
    rank++;
    if (candidate === wanted || suggestions.includes(candidate)) continue;
    const distance = Math.min(editDistance(wanted, candidate, maximum), editDistance(compact(wanted), compact(candidate), maximum));
    if (distance <= maximum) scored.push({ candidate, distance, rank });
  }
  // Nearer first; among equals, the more popular (earlier in the list) first.
  scored.sort((a, b) => a.distance - b.distance || a.rank - b.rank);
  for (const { candidate } of scored) suggestions.push(candidate);
  return suggestions.slice(0, limit);
}
