/**
 * The versions locked for a manifest, from the lockfile beside it, by the same rules as the lock
 * checks and the CLI (core/insights/locked-versions.ts): read through the server's FileSource,
 * so unsaved edits of an open lockfile count.
 */
import { siblingLockfilePaths } from '../core/checks/lock-sibling';
import { detectKind } from '../core/detect';
import type { FileSource } from '../core/file-source';
import { siblingLockedVersions } from '../core/insights/locked-versions';
import type { FileKind, ParsedFile } from '../core/model';

export interface LockedVersions {
  /** The lockfile's path. */
  path: string;
  kind: FileKind;
  /** Normalized name → version (the first entry of a name when several versions are locked). */
  versions: Map<string, string>;
}

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
