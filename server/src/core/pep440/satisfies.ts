/**
 * "Does this locked/installed version satisfy that specifier?" as the graph and the lock checks
 * ask it: pre-releases allowed (a lock may pin one), local versions as PEP 440 says (`==2.5.1`
 * matches `2.5.1+cu124`), Poetry unions (`>=1,<2 || >=3`) satisfied by any alternative.
 */
import { memoizeString } from '../memo';
import type { SpecifierSet } from './index';
import { specifierSetContains } from './specifier-match';
import { parseSpecifierSet } from './specifier-parse';

/**
 * The PEP 440 sets of a specifier text whose alternatives are joined by ' || ' (Poetry unions,
 * Poetry `python` keys); one set for plain PEP 440. Null when any alternative is invalid. Memoized:
 * the result is shared and must not be mutated.
 */
export const parseSpecifierAlternatives: (specifier: string) => SpecifierSet[] | null = memoizeString((specifier: string): SpecifierSet[] | null => {
  const alternatives: SpecifierSet[] = [];
  for (const part of specifier.split(' || ')) {
    const parsed = parseSpecifierSet(part.trim()).value;
    if (!parsed) return null;
    alternatives.push(parsed);
  }
  return alternatives;
});

/**
 * True when `version` satisfies `specifier`. Unknown facts never count as a violation: an empty
 * or invalid specifier, or an empty version (a dynamic local package), gives true.
 */
export function versionSatisfies(specifier: string, version: string): boolean {
  if (specifier === '' || version === '') return true;
  const alternatives = parseSpecifierAlternatives(specifier);
  if (!alternatives) return true;
  return alternatives.some((set) => specifierSetContains(set, version, { prereleases: true }));
}
