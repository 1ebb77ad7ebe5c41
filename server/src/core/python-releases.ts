/**
 * The CPython feature releases a requires-python range is described against, with the month
 * their support ends (python.org's release status page: security fixes until the end of that
 * month), and what a range means in words (pure: today's date is passed in).
 */
import { lowestPython } from './insights/build-insight';
import { compareVersions, parseSpecifierAlternatives, specifierSetContains, type Specifier, type SpecifierSet } from './pep440';

export interface CPythonRelease {
  /** The feature release, `3.12`. */
  version: string;
  /** `YYYY-MM`: the last month it gets (security) fixes. */
  endOfLife: string;
}

/** Currently supported (or recently ended) CPython releases, oldest first. */
export const CPYTHON_RELEASES: readonly CPythonRelease[] = [
  { version: '3.9', endOfLife: '2025-10' },
  { version: '3.10', endOfLife: '2026-10' },
  { version: '3.11', endOfLife: '2027-10' },
  { version: '3.12', endOfLife: '2028-10' },
  { version: '3.13', endOfLife: '2029-10' },
  { version: '3.14', endOfLife: '2030-10' },
];

/** `today`: `YYYY-MM-DD` (or longer ISO text). A release is past its end of life after its last month. */
export function isEndOfLife(release: CPythonRelease, today: string): boolean {
  return today.slice(0, 7) > release.endOfLife;
}

/** Whether a range admits every patch release of a feature release, some of them, or none. */
export type Admission = 'all' | 'some' | 'none';

export interface ReleaseAdmission {
  release: CPythonRelease;
  admits: Admission;
  endOfLife: boolean;
}

/** Each release of CPYTHON_RELEASES, and whether `specifier` (PEP 440, alternatives joined by ' || ') admits it; null when invalid. */
export function admittedReleases(specifier: string, today: string): ReleaseAdmission[] | null {
  const alternatives = parseSpecifierAlternatives(specifier);
  if (!alternatives) return null;
  return CPYTHON_RELEASES.map((release) => ({ release, admits: admission(alternatives, release.version), endOfLife: isEndOfLife(release, today) }));
}

function admission(alternatives: readonly SpecifierSet[], feature: string): Admission {
  const holds = (version: string) => alternatives.length === 0 || alternatives.some((set) => specifierSetContains(set, version, { prereleases: false }));
  // The first and a late patch release, and every patch release the range names.
  const named = alternatives.flatMap((set) => set.specifiers.map((specifier) => specifier.version.replace(/\.\*$/, ''))).filter((version) => version.startsWith(`${feature}.`));
  const bounds = [`${feature}.0`, `${feature}.99`];
  const admitted = [...bounds, ...named].filter(holds);
  if (admitted.length === 0) return 'none';
  return bounds.every(holds) ? 'all' : 'some';
}

const LOWER_BOUNDS: ReadonlySet<Specifier['operator']> = new Set<Specifier['operator']>(['>=', '>', '~=', '==', '===']);

/** The lowest Python a range allows (what resolvers target), e.g. '3.11' for `>=3.11,<4.0`; null when unbounded below or invalid. */
export function lowestAllowedPython(specifier: string): string | null {
  const alternatives = parseSpecifierAlternatives(specifier);
  if (!alternatives || alternatives.length === 0) return null;
  if (!alternatives.every((set) => set.specifiers.some((one) => LOWER_BOUNDS.has(one.operator)))) return null;
  const lowest = alternatives.map((set) => lowestPython(set.text)).filter((version): version is string => version !== null);
  return lowest.sort(compareVersions)[0] ?? null;
}

/**
 * The range in words: `>=3.11,<4.0` → "Python 3.11 or newer, below 4.0", `==3.11.*` → "Python 3.11.x"; alternatives are joined
 * by "; or "; '' → "any Python". Null when the range is invalid.
 */
export function describePythonRange(specifier: string): string | null {
  const alternatives = parseSpecifierAlternatives(specifier);
  if (!alternatives) return null;
  if (alternatives.every((set) => set.specifiers.length === 0)) return 'any Python';
  return alternatives.map((set) => `Python ${phrases(set.specifiers).join(', ')}`).join('; or ');
}

/** Lower bounds first, then exact versions, upper bounds and exclusions. */
const PHRASE_ORDER: Record<Specifier['operator'], number> = { '>=': 0, '>': 0, '~=': 0, '==': 1, '===': 1, '<': 2, '<=': 2, '!=': 3 };

function phrases(specifiers: readonly Specifier[]): string[] {
  const ordered = [...specifiers].sort((a, b) => PHRASE_ORDER[a.operator] - PHRASE_ORDER[b.operator]);
  return ordered.flatMap((specifier) => phrase(specifier));
}

function phrase({ operator, version }: Specifier): string[] {
  const wildcard = version.endsWith('.*') ? version.slice(0, -2) : null;
  switch (operator) {
    case '>=':
      return [`${version} or newer`];
    case '>':
      return [`newer than ${version}`];
    case '<':
      return [`below ${version}`];
    case '<=':
      return [`${version} or older`];
    case '~=':
      return [`${version} or newer`, `below ${compatibleUpperBound(version)}`];
    case '==':
      return [wildcard !== null ? `${wildcard}.x` : `exactly ${version}`];
    case '!=':
      return [wildcard !== null ? `not ${wildcard}.x` : `not ${version}`];
    case '===':
      return [`exactly ${version}`];
  }
}

/** `~=3.10` → `4`, `~=3.10.2` → `3.11` (PEP 440 compatible release: the prefix without the last part, its last part plus one). */
function compatibleUpperBound(version: string): string {
  const release = /^(?:\d+!)?(\d+(?:\.\d+)*)/.exec(version)?.[1] ?? version;
  const parts = release.split('.').map(Number);
  const prefix = parts.slice(0, Math.max(1, parts.length - 1));
  prefix[prefix.length - 1] += 1;
  return prefix.join('.');
}
