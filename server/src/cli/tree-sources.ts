/**
 * What `pipsight tree PATH` reads: the manifest (pyproject.toml or a pip-compile `.in`) and the
 * lockfile next to it, found the way the editor finds them (core/tree-sources).
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { detectKind } from '../core/detect';
import type { DependencyGraph } from '../core/graph';
import { isTreeSourceFile, lockGraphOf, treeSourcesOfFile, treeSourcesOfFolder, type TreeSources as CoreTreeSources } from '../core/tree-sources';
import { DiskFileSource } from '../env/disk-file-source';
import { UsageError } from './io';

export interface TreeSources extends CoreTreeSources {
  /** The workspace folder (environment discovery starts here). */
  root: string;
}

export function findTreeSources(given: string, cwd: string): TreeSources {
  const absolute = resolve(cwd, given);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new UsageError(`${given}: no such file or directory`);
  }
  const files = new DiskFileSource();
  if (isDirectory) return { root: absolute, ...treeSourcesOfFolder(absolute, files) };
  if (!isTreeSourceFile(absolute, detectKind(absolute))) throw new UsageError(`${given}: not a manifest or lockfile`);
  return { root: dirname(absolute), ...(treeSourcesOfFile(absolute, files) ?? { manifest: null, lock: null }) };
}

/** The graph of the lock source; a usage error when there is no lockfile. */
export function lockGraph(sources: TreeSources, given: string): DependencyGraph {
  const graph = lockGraphOf(sources);
  if (!graph) throw new UsageError(`${given}: no lockfile found (poetry.lock, uv.lock, pdm.lock, pylock.toml or pip-compile output); try --source env`);
  return graph;
}
