/**
 * A PackageInsight from a project page (pure): the release questions of core/indexes answered for
 * one requirement. registry/insights.ts fetches the page; this file decides what it means.
 *
 * "Supports the project's Python" follows uv: a release supports a project when its
 * Requires-Python admits the lowest Python the project's requires-python allows (a project that
 * says `>=3.9` must install on 3.9). A release without (or with an unreadable) Requires-Python
 * supports every Python.
 */
import { findRelease, type ProjectPage, type ProjectRelease } from '../indexes';
import type { Requirement } from '../model';
import { compareVersions, parseSpecifierSet, specifierSetContains, type SpecifierSet } from '../pep440';
import type { AnsweringIndex, PackageInsight, ReleaseSummary } from './types';

export function toReleaseSummary(release: ProjectRelease): ReleaseSummary {
  return { version: release.version, uploadTime: release.uploadTime, requiresPython: release.requiresPython, yanked: release.yanked, yankedReason: release.yankedReason };
}

/** The specifier sets of a requirement: one per Poetry `||` alternative; null when one is invalid. */
export function specifierAlternatives(specifier: string): SpecifierSet[] | null {
  const sets = specifier.split(' || ').map((part) => parseSpecifierSet(part.trim()).value);
  return sets.every((set): set is SpecifierSet => set !== null) ? sets : null;
}

export function satisfies(sets: SpecifierSet[], version: string, prereleases?: boolean): boolean {
  return sets.some((set) => specifierSetContains(set, version, { prereleases }));
}

/** The version an exact pin names (`==1.2`, `===1.2`, Poetry `1.2`), else null. */
export function exactPinVersion(specifier: string): string | null {
  const set = parseSpecifierSet(specifier).value;
  if (!set || set.specifiers.length !== 1) return null;
  const [only] = set.specifiers;
  if (only.operator === '===' || (only.operator === '==' && !only.version.endsWith('.*'))) return only.version;
  return null;
}

const PYTHON_CANDIDATES = ['2.7', ...Array.from({ length: 31 }, (_, minor) => `3.${minor}`)];

/** The lowest Python a requires-python range allows (e.g. '3.9' for '>=3.9,<4'), null when none or invalid. */
export function lowestPython(range: string): string | null {
  const set = parseSpecifierSet(range).value;
  if (!set) return null;
  const mentioned = set.specifiers.map((specifier) => specifier.version.replace(/\.\*$/, ''));
  const allowed = [...PYTHON_CANDIDATES, ...mentioned].filter((version) => specifierSetContains(set, version, { prereleases: false }));
  allowed.sort(compareVersions);
  return allowed[0] ?? null;
}

export function releaseSupportsProjectPython(release: Pick<ProjectRelease, 'requiresPython'>, lowest: string | null): boolean {
  if (!release.requiresPython || lowest === null) return true;
  const required = parseSpecifierSet(release.requiresPython).value;
  return !required || specifierSetContains(required, lowest, { prereleases: true });
}

function newest(releases: ProjectRelease[], accept: (release: ProjectRelease) => boolean): ProjectRelease | null {
  for (let index = releases.length - 1; index >= 0; index--) if (!releases[index].yanked && accept(releases[index])) return releases[index];
  return null;
}

export interface ProjectAnswer {
  project: ProjectPage;
  /** Indexes whose data is in `project`, in asking order. */
  answeredBy: AnsweringIndex[];
  /** Which index each version came from, when several were merged. */
  versionIndex?: ReadonlyMap<string, AnsweringIndex>;
  stale?: boolean;
}

/**
 * Everything the front ends show for `requirement`, from the page of its project.
 * `requiresPython`: the project's requires-python specifier, or null.
 */
export function insightFromProject(requirement: Requirement, answer: ProjectAnswer, requiresPython: string | null): PackageInsight {
  const { project } = answer;
  const releases = project.releases;
  const sets = specifierAlternatives(requirement.specifier);
  const latestStable = newest(releases, (release) => !release.prerelease);
  const prerelease = newest(releases, (release) => release.prerelease);
  const latestPrerelease = prerelease && (!latestStable || compareVersions(prerelease.version, latestStable.version) > 0) ? prerelease : null;
  // PEP 440: pre-releases count only when the specifier mentions one, or when nothing else matches.
  const newestSatisfying = sets ? (newest(releases, (release) => satisfies(sets, release.version)) ?? newest(releases, (release) => satisfies(sets, release.version, true))) : null;
  const lowest = requiresPython ? lowestPython(requiresPython) : null;
  const newestForPython = lowest ? newest(releases, (release) => !release.prerelease && releaseSupportsProjectPython(release, lowest)) : null;
  const pinVersion = exactPinVersion(requirement.specifier);
  const pinned = pinVersion ? findRelease(project, pinVersion) : null;
  const shown = latestStable ?? latestPrerelease;
  return {
    normalizedName: requirement.normalizedName,
    status: 'found',
    answeredBy: (shown && answer.versionIndex?.get(shown.version)) ?? answer.answeredBy[0] ?? null,
    versions: [...releases].reverse().map(toReleaseSummary),
    latestStable: latestStable && toReleaseSummary(latestStable),
    latestPrerelease: latestPrerelease && toReleaseSummary(latestPrerelease),
    newestSatisfying: newestSatisfying && toReleaseSummary(newestSatisfying),
    newestForPython: newestForPython && toReleaseSummary(newestForPython),
    pinned: pinned && toReleaseSummary(pinned),
    summary: null,
    links: [],
    suggestions: [],
    problem: null,
    failedIndexes: [],
    stale: answer.stale ?? false,
  };
}

/** An insight without data: not found, unavailable or skipped. */
export function emptyInsight(requirement: Requirement, status: Exclude<PackageInsight['status'], 'found'>, problem: string | null): PackageInsight {
  return {
    normalizedName: requirement.normalizedName,
    status,
    answeredBy: null,
    versions: [],
    latestStable: null,
    latestPrerelease: null,
    newestSatisfying: null,
    newestForPython: null,
    pinned: null,
    summary: null,
    links: [],
    suggestions: [],
    problem,
    failedIndexes: [],
    stale: false,
  };
}
