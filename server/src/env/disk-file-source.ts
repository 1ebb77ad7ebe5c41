import { detectKind } from '../core/detect';
import type { FileLoad, FileSource } from '../core/file-source';
import { readDependencyFile } from './read-dependency-file';

/**
 * Reads files from disk (regular files only, within the size limit of their kind, decoded the way
 * their tool decodes them: read-dependency-file.ts). `overlay` (e.g. the editor's open documents)
 * wins over the disk so unsaved edits are seen by includes.
 */
export class DiskFileSource implements FileSource {
  constructor(private readonly overlay?: (path: string) => string | undefined) {}

  read(path: string): string | undefined {
    const loaded = this.load(path);
    return loaded.status === 'read' ? loaded.text : undefined;
  }

  load(path: string): FileLoad {
    const open = this.overlay?.(path);
    if (open !== undefined) return { status: 'read', text: open, decodingProblems: [] };
    return readDependencyFile(path, detectKind(path));
  }
}
