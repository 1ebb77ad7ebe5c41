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
import { compareVersions, parseSpecifierAlternatives, parseSpecifierSet, specifierSetContains, type SpecifierSet } from '../pep440';
import { markersCanOverlap, parseMarker, type MarkerEnvironment } from '../pep508';
import type { AnsweringIndex, PackageInsight, ReleaseSummary } from './types';

export function toReleaseSummary(release: ProjectRelease): ReleaseSummary {
  return {
    version: release.version,
    uploadTime: release.uploadTime,
    requiresPython: release.requiresPython,
    yanked: release.yanked,
    yankedReason: release.yankedReason,
    prerelease: release.prerelease,
    withoutFiles: release.files.length === 0,
  };
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

/** The Pythons (candidate minor versions and the versions the range names) a requires-python range allows, lowest first. */
function allowedPythons(range: string): string[] | null {
  const set = parseSpecifierSet(range).value;
  if (!set) return null;
  const mentioned = set.specifiers.map((specifier) => specifier.version.replace(/\.\*$/, ''));
  const allowed = [...new Set([...PYTHON_CANDIDATES, ...mentioned])].filter((version) => specifierSetContains(set, version, { prereleases: false }));
  return allowed.sort(compareVersions);
}

/** The lowest Python a requires-python range allows (e.g. '3.9' for '>=3.9,<4'), null when none or invalid. */
export function lowestPython(range: string): string | null {
  return allowedPythons(range)?.[0] ?? null;
}

/** The platforms a marker is tried on (as in pep508's defaultEnvironments), for one Python version. */
const PLATFORMS: MarkerEnvironment[] = [
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64' },
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'aarch64' },
  { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', platform_machine: 'AMD64' },
  { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', platform_machine: 'arm64' },
  { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', platform_machine: 'x86_64' },
];

function environmentsFor(python: string): MarkerEnvironment[] {
  // The first and a late patch release, so `python_full_version >= "3.10.2"` holds on 3.10.
  return ['0', '99'].flatMap((patch) => PLATFORMS.map((platform) => ({
    ...platform,
    python_version: python,
    python_full_version: `${python}.${patch}`,
    implementation_name: 'cpython',
    implementation_version: `${python}.${patch}`,
    platform_python_implementation: 'CPython',
  })));
}

/**
 * The lowest Python a requirement is installed on: the lowest Python of the project's
 * requires-python range on which the requirement's marker can hold (on some platform, with some
 * extra). `django>=5 ; python_version >= "3.10"` in a `>=3.9` project → '3.10'. Null when the
 * project declares no (or an invalid) range, or when the marker holds on none of its Pythons
 * (the requirement is then never installed and no Python check applies).
 */
export function requirementLowestPython(requiresPython: string | null, marker: string | null): string | null {
  if (!requiresPython) return null;
  const allowed = allowedPythons(requiresPython);
  if (!allowed || !marker) return allowed?.[0] ?? null;
  const parsed = parseMarker(marker).value;
  if (!parsed) return allowed[0] ?? null;
  return allowed.find((python) => markersCanOverlap(parsed, null, environmentsFor(python))) ?? null;
}

export function releaseSupportsProjectPython(release: Pick<ProjectRelease, 'requiresPython'>, lowest: string | null): boolean {
  if (!release.requiresPython || lowest === null) return true;
  const required = parseSpecifierSet(release.requiresPython).value;
  return !required || specifierSetContains(required, lowest, { prereleases: true });
}

/** The newest installable release `accept`s: not yanked, and with files (PEP 700 may list versions without any). */
function newest(releases: ProjectRelease[], accept: (release: ProjectRelease) => boolean): ProjectRelease | null {
  for (let index = releases.length - 1; index >= 0; index--) {
    const release = releases[index];
    if (!release.yanked && release.files.length > 0 && accept(release)) return release;
  }
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
  const sets = parseSpecifierAlternatives(requirement.specifier);
  const latestStable = newest(releases, (release) => !release.prerelease);
  const prerelease = newest(releases, (release) => release.prerelease);
  const latestPrerelease = prerelease && (!latestStable || compareVersions(prerelease.version, latestStable.version) > 0) ? prerelease : null;
  // PEP 440: pre-releases count only when the specifier mentions one, or when nothing else matches.
  const newestSatisfying = sets ? (newest(releases, (release) => satisfies(sets, release.version)) ?? newest(releases, (release) => satisfies(sets, release.version, true))) : null;
  const lowest = requirementLowestPython(requiresPython, requirement.marker);
  const newestForPython = lowest ? newest(releases, (release) => !release.prerelease && releaseSupportsProjectPython(release, lowest)) : null;
  const pinVersion = exactPinVersion(requirement.specifier);
  const pinned = pinVersion ? findRelease(project, pinVersion) : null;
  const shown = latestStable ?? latestPrerelease;
  const merged = answer.answeredBy.length > 1 ? answer.versionIndex : undefined;
  const summarize = (release: ProjectRelease): ReleaseSummary => {
    const index = merged?.get(release.version);
    return index ? { ...toReleaseSummary(release), index } : toReleaseSummary(release);
  };
  return {
    normalizedName: requirement.normalizedName,
    status: 'found',
    answeredBy: (shown && answer.versionIndex?.get(shown.version)) ?? answer.answeredBy[0] ?? null,
    versions: [...releases].reverse().map(summarize),
    latestStable: latestStable && summarize(latestStable),
    latestPrerelease: latestPrerelease && summarize(latestPrerelease),
    newestSatisfying: newestSatisfying && summarize(newestSatisfying),
    newestForPython: newestForPython && summarize(newestForPython),
    pinned: pinned && summarize(pinned),
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
