/**
 * The versions locked for a manifest, from its lock as the lock checks and the CLI find it
 * (core/checks/lock-sibling.ts findLockOf: the lockfile beside it, a uv workspace's root lock, a
 * requirements.txt compiled from it), read through the server's FileSource, so unsaved edits of an
 * open lockfile count.
 */
import { siblingLockfilePaths } from '../core/checks/lock-sibling';
import { detectKind } from '../core/detect';
import type { FileSource } from '../core/file-source';
import { siblingLockedVersions, type ManifestLockedVersions } from '../core/insights/locked-versions';
import type { FileKind, ParsedFile } from '../core/model';

export type LockedVersions = ManifestLockedVersions;

export class LockedVersionReader {
  constructor(private readonly files: FileSource) {}

  /** The kinds of the lockfiles beside `file` (for the index tool detection). */
  siblingKinds(file: ParsedFile): FileKind[] {
    if (file.kind !== 'pyproject') return [];
    return siblingLockfilePaths(file)
      .filter((path) => this.files.read(path) !== undefined)
      .map((path) => detectKind(path))
      .filter((kind): kind is FileKind => kind !== null);
  }

  lockedFor(file: ParsedFile): LockedVersions | null {
    return siblingLockedVersions(file, this.files);
  }
}
