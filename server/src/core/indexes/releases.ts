/**
 * Questions asked of a project's releases (pure): the latest stable and pre-release, the newest
 * release satisfying a specifier, the newest supporting a Python range. Yanked releases are
 * skipped by every "newest" question (PEP 592: installers only pick them when pinned with ==/===),
 * and so are PEP 700 versions without files (listed, nothing to install).
 */
import { compareVersions, parseSpecifierSet, specifierSetContains, specifierSetsIntersect } from '../pep440';
import type { ProjectPage, ProjectRelease } from './project-page';

function newest(releases: ProjectRelease[], accept: (release: ProjectRelease) => boolean): ProjectRelease | null {
  for (let index = releases.length - 1; index >= 0; index--) {
    const release = releases[index];
    if (!release.yanked && release.files.length > 0 && accept(release)) return release;
  }
  return null;
}

export function latestStableRelease(project: ProjectPage): ProjectRelease | null {
  return newest(project.releases, (release) => !release.prerelease);
}

/** The newest pre-release, only when it is newer than the latest stable release. */
export function latestPrerelease(project: ProjectPage): ProjectRelease | null {
  const candidate = newest(project.releases, (release) => release.prerelease);
  const stable = latestStableRelease(project);
  if (!candidate || (stable && compareVersions(candidate.version, stable.version) <= 0)) return null;
  return candidate;
}

/**
 * The newest non-yanked release satisfying `specifier` (PEP 440 text, '' = anything). Pre-releases
 * count only when `prereleases` is true or the specifier mentions one. Null for an invalid specifier.
 */
export function newestSatisfying(project: ProjectPage, specifier: string, options: { prereleases?: boolean } = {}): ProjectRelease | null {
  const set = parseSpecifierSet(specifier).value;
  if (!set) return null;
  return newest(project.releases, (release) => specifierSetContains(set, release.version, { prereleases: options.prereleases }));
}

/**
 * Does the release's Requires-Python admit some Python of `pythonRange` (a project's
 * requires-python, e.g. '>=3.9')? A release without Requires-Python supports everything; an
 * unparseable Requires-Python is treated as unknown (true), as pip ignores it.
 */
export function releaseSupportsPython(release: ProjectRelease, pythonRange: string): boolean {
  if (!release.requiresPython) return true;
  const required = parseSpecifierSet(release.requiresPython).value;
  const range = parseSpecifierSet(pythonRange).value;
  if (!required || !range) return true;
  return specifierSetsIntersect(required, range);
}

/** The newest non-yanked stable release that supports the Python range. */
export function newestSupportingPython(project: ProjectPage, pythonRange: string, options: { specifier?: string } = {}): ProjectRelease | null {
  const set = parseSpecifierSet(options.specifier ?? '').value;
  if (!set) return null;
  return newest(project.releases, (release) => !release.prerelease && specifierSetContains(set, release.version) && releaseSupportsPython(release, pythonRange));
}

/**
 * The release with this version (PEP 440 equality, so '1.0' finds '1.0.0'), or null. A binary
 * search: releases are in ascending order, and a page may have 100,000 of them.
 */
export function findRelease(project: ProjectPage, version: string): ProjectRelease | null {
  const releases = project.releases;
  let low = 0;
  let high = releases.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compareVersions(releases[middle].version, version);
    if (order === 0) return releases[middle];
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return null;
}
