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

/** `isValid`: the version check to use (a page passes its own cache); default: the shared one. */
export function parseDistributionFilename(filename: string, normalizedProject: string, isValid: (version: string) => boolean = isValidVersion): ParsedFilename {
  const lower = filename.toLowerCase();
  const validOrNull = (version: string | undefined | null): string | null => (version && isValid(version) ? version : null);
  if (lower.endsWith('.whl')) return { kind: 'wheel', version: validOrNull(wheelVersion(filename.slice(0, -4), normalizedProject)) };
  if (lower.endsWith('.egg')) return { kind: 'egg', version: validOrNull(eggVersion(filename.slice(0, -4), normalizedProject)) };
  const suffix = SDIST_SUFFIXES.find((candidate) => lower.endsWith(candidate));
  if (suffix) return { kind: 'sdist', version: validOrNull(sdistVersion(filename.slice(0, -suffix.length), normalizedProject)) };
  return { kind: 'other', version: null };
}

function wheelVersion(stem: string, normalizedProject: string): string | null {
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  if (normalizeName(parts[0]) !== normalizedProject) return null;
  return parts[1];
}

function eggVersion(stem: string, normalizedProject: string): string | null {
  const parts = stem.split('-');
  if (parts.length < 2 || normalizeName(parts[0]) !== normalizedProject) return null;
  return parts[1];
}

function isNameSeparator(char: string): boolean {
  return char === '-' || char === '_' || char === '.';
}

/**
 * The version after the `-` at which the prefix, normalized, is the project's name. The prefix is
 * normalized as it grows (one pass), and the scan stops once it is longer than the name: a
 * filename full of dashes costs its length, not its length squared.
 */
function sdistVersion(stem: string, normalizedProject: string): string | null {
  let normalized = '';
  // The prefix only grows: each of its lengths needs comparing once.
  let comparedLength = -1;
  for (let index = 0; index < stem.length && normalized.length <= normalizedProject.length; index++) {
    const char = stem[index];
    if (char === '-' && index > 0 && normalized.length !== comparedLength) {
      comparedLength = normalized.length;
      if (normalized === normalizedProject) return stem.slice(index + 1);
    }
    if (!isNameSeparator(char)) normalized += char.toLowerCase();
    else if (!normalized.endsWith('-')) normalized += '-';
  }
  return null;
}
