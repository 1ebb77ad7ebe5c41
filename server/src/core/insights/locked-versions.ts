/**
 * The versions a lockfile locks, by normalized name (pure): what "pin to the locked version" and
 * `pipsight outdated` show. A compiled requirements file (pip-compile output beside a `.in`) locks
 * with its `==` pins. When a name is locked at several versions (uv forks), the first one wins.
 */
import type { FileSource } from '../file-source';
import type { FileKind, ParsedFile } from '../model';
import { parseLockfile, siblingLockfilePaths } from '../checks/lock-sibling';

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
export function siblingLockedVersions(manifest: ParsedFile, files: FileSource): { path: string; kind: FileKind; versions: Map<string, string> } | null {
  for (const path of siblingLockfilePaths(manifest)) {
    const text = files.read(path);
    if (text === undefined) continue;
    const lock = parseLockfile(path, text);
    if (lock) return { path, kind: lock.kind, versions: lockedVersionsOf(lock) };
  }
  return null;
}
