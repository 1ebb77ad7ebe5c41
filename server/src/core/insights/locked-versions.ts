/**
 * The versions a lockfile locks, by normalized name (pure): what "pin to the locked version" and
 * `pipsight outdated` show. A compiled requirements file (pip-compile output beside a `.in`) locks
 * with its `==` pins. When a name is locked at several versions (uv forks), the first one wins.
 */
import type { FileSource } from '../file-source';
import type { FileKind, ParsedFile } from '../model';
import { findLockOf } from '../checks/lock-sibling';

/** A version a lock holds for a package, with the environments it is for (null: all of them). */
export interface LockedVersionEntry {
  version: string;
  marker: string | null;
}

/**
 * Every version locked per normalized name, with its marker (uv forks lock one version per set of
 * environments: `numpy 1.26.4` for `python_full_version < '3.10'`, `2.1.1` for the rest). Pins of a
 * compiled requirements file count too, with the marker of their line. For display (hover);
 * lockedVersionsOf stays the one-version answer the fixes use.
 */
export function allLockedVersionsOf(lock: ParsedFile): Map<string, LockedVersionEntry[]> {
  const versions = new Map<string, LockedVersionEntry[]>();
  const add = (name: string, entry: LockedVersionEntry) => {
    const list = versions.get(name);
    if (!list) versions.set(name, [entry]);
    else if (!list.some((known) => known.version === entry.version && known.marker === entry.marker)) list.push(entry);
  };
  for (const locked of lock.locked) add(locked.normalizedName, { version: locked.version, marker: locked.marker ?? null });
  for (const requirement of lock.requirements) {
    const pin = /^===?([^,;\s*]+)$/.exec(requirement.specifier);
    if (pin && requirement.group !== 'constraint') add(requirement.normalizedName, { version: pin[1], marker: requirement.marker });
  }
  return versions;
}

export function lockedVersionsOf(lock: ParsedFile): Map<string, string> {
  const versions = new Map<string, string>();
  for (const locked of lock.locked) if (!versions.has(locked.normalizedName)) versions.set(locked.normalizedName, locked.version);
  for (const requirement of lock.requirements) {
    const pin = /^===?([^,;\s*]+)$/.exec(requirement.specifier);
    if (pin && !versions.has(requirement.normalizedName)) versions.set(requirement.normalizedName, pin[1]);
  }
  return versions;
}

/** The lockfile beside a manifest (same rules as the lock checks) and its locked versions, or null. */
export interface ManifestLockedVersions {
  /** The lockfile's path. */
  path: string;
  kind: FileKind;
  /** Normalized name → version (the first entry of a name when several versions are locked). */
  versions: Map<string, string>;
  /** Normalized name → every locked version with its fork marker. */
  all: Map<string, LockedVersionEntry[]>;
}

/** The lock of a manifest (beside it, its uv workspace's, or its pip-compile output; as the lock checks find it) and its versions, or null. */
export function siblingLockedVersions(manifest: ParsedFile, files: FileSource): ManifestLockedVersions | null {
  const lock = findLockOf(manifest, files).found?.lock;
  return lock ? { path: lock.path, kind: lock.kind, versions: lockedVersionsOf(lock), all: allLockedVersionsOf(lock) } : null;
}
