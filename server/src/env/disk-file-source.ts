import { readFileSync, statSync } from 'node:fs';
import type { FileSource } from '../core/file-source';

/** Largest file we read from disk for analysis (a include that points at a huge file is reported, not read). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads files from disk. `overlay` (e.g. the editor's open documents) wins over the disk so
 * unsaved edits are seen by includes.
 */
export class DiskFileSource implements FileSource {
  constructor(private readonly overlay?: (path: string) => string | undefined) {}

  read(path: string): string | undefined {
    const open = this.overlay?.(path);
    if (open !== undefined) return open;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
