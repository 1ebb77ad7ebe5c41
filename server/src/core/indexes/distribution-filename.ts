/**
 * Project name and version from a distribution filename, the way installers read index pages.
 *
 * - Wheels (PEP 427 / binary distribution format): `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`.
 *   The name part never contains `-` (it is escaped to `_`), so splitting on `-` is exact. Local
 *   versions stay part of the version: `torch-2.5.1+cu124-cp311-cp311-linux_x86_64.whl` → `2.5.1+cu124`.
 * - Source distributions: `{name}-{version}.tar.gz` (also .zip, .tar.bz2, .tgz, .tar.xz, .tar). Old
 *   sdists kept dashes in the name (`django-debug-toolbar-1.0.tar.gz`), so the split point is the `-`
 *   after which the prefix, PEP 503 normalized, equals the project's normalized name.
 * - Eggs: `{name}-{version}(-py{X.Y}(-{platform})?)?.egg`.
 * Anything else (.exe, .msi, .rpm) is kept as 'other' without a version. A file whose name does not
 * belong to the project, or whose version is not PEP 440, gets version null (installers skip it).
 */
import { normalizeName } from '../names';
import { isValidVersion } from '../pep440';

export type DistributionKind = 'wheel' | 'sdist' | 'egg' | 'other';

export interface ParsedFilename {
  kind: DistributionKind;
  /** The version as written in the filename, or null when it cannot be derived or is not PEP 440. */
  version: string | null;
}

const SDIST_SUFFIXES = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tar.zst', '.tgz', '.tbz', '.txz', '.tar', '.zip'];

export function parseDistributionFilename(filename: string, normalizedProject: string): ParsedFilename {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl')) return { kind: 'wheel', version: wheelVersion(filename.slice(0, -4), normalizedProject) };
  if (lower.endsWith('.egg')) return { kind: 'egg', version: eggVersion(filename.slice(0, -4), normalizedProject) };
  const suffix = SDIST_SUFFIXES.find((candidate) => lower.endsWith(candidate));
  if (suffix) return { kind: 'sdist', version: sdistVersion(filename.slice(0, -suffix.length), normalizedProject) };
  return { kind: 'other', version: null };
}

function validOrNull(version: string | undefined): string | null {
  return version && isValidVersion(version) ? version : null;
}

function wheelVersion(stem: string, normalizedProject: string): string | null {
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  if (normalizeName(parts[0]) !== normalizedProject) return null;
  return validOrNull(parts[1]);
}

function eggVersion(stem: string, normalizedProject: string): string | null {
  const parts = stem.split('-');
  if (parts.length < 2 || normalizeName(parts[0]) !== normalizedProject) return null;
  return validOrNull(parts[1]);
}

function sdistVersion(stem: string, normalizedProject: string): string | null {
  for (let index = stem.indexOf('-'); index !== -1; index = stem.indexOf('-', index + 1)) {
    if (normalizeName(stem.slice(0, index)) === normalizedProject) return validOrNull(stem.slice(index + 1));
  }
  return null;
}
