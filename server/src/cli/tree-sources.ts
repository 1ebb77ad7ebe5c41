/**
 * What `pipsight tree PATH` reads: the manifest (pyproject.toml or a pip-compile `.in`) and the
 * lockfile next to it, found the way the editor finds them (core/tree-sources).
 */
import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { detectKind } from '../core/detect';
import type { DependencyGraph } from '../core/graph';
import { isTreeSourceFile, lockGraphOf, treeSourcesOfFile, treeSourcesOfFolder, type TreeSources as CoreTreeSources } from '../core/tree-sources';
import type { FileSource } from '../core/file-source';
import { formatFileSize } from '../core/file-limits';
import { DiskFileSource } from '../env/disk-file-source';
import { describeNonRegularFile, describeOsError } from '../env/read-dependency-file';
import { UsageError } from './io';

export interface TreeSources extends CoreTreeSources {
  /** The workspace folder (environment discovery starts here). */
  root: string;
}

export function findTreeSources(given: string, cwd: string): TreeSources {
  if (given === '') throw new UsageError("'' is not a path (an empty argument was given)");
  const absolute = resolve(cwd, given);
  let isDirectory: boolean;
  try {
    const stat = statSync(absolute);
    isDirectory = stat.isDirectory();
    const notRegular = isDirectory ? null : describeNonRegularFile(stat);
    if (notRegular) throw new UsageError(`${given}: ${notRegular}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : describeOsError(error)}`);
  }
  const files = new ReportingFileSource(new DiskFileSource(), cwd);
  const found = isDirectory ? { root: absolute, ...treeSourcesOfFolder(absolute, files) } : treeSourcesOfGivenFile(given, absolute, files);
  // A manifest or lockfile that is there but could not be read (too large, unreadable) is not silently left out.
  if (files.problems.length > 0) throw new UsageError(files.problems.join('; '));
  return found;
}

function treeSourcesOfGivenFile(given: string, absolute: string, files: FileSource): TreeSources {
  if (!isTreeSourceFile(absolute, detectKind(absolute))) throw new UsageError(`${given}: not a manifest or lockfile`);
  return { root: dirname(absolute), ...(treeSourcesOfFile(absolute, files) ?? { manifest: null, lock: null }) };
}

/** Reads through the disk source and remembers the files that exist but could not be read. */
class ReportingFileSource implements FileSource {
  readonly problems: string[] = [];

  constructor(
    private readonly files: DiskFileSource,
    private readonly cwd: string,
  ) {}

  read(path: string): string | undefined {
    const loaded = this.files.load(path);
    const shown = relative(this.cwd, path) || path;
    if (loaded.status === 'too-large') this.problems.push(`${shown}: file too large to read (${formatFileSize(loaded.bytes)}; the limit is ${formatFileSize(loaded.limit)})`);
    if (loaded.status === 'unreadable') this.problems.push(`${shown}: cannot read file: ${loaded.reason}`);
    return loaded.status === 'read' ? loaded.text : undefined;
  }
}

/** The graph of the lock source; a usage error when there is no lockfile. */
export function lockGraph(sources: TreeSources, given: string): DependencyGraph {
  const graph = lockGraphOf(sources);
  if (!graph) throw new UsageError(`${given}: no lockfile found (poetry.lock, uv.lock, pdm.lock, pylock.toml or pip-compile output); try --source env`);
  return graph;
}
