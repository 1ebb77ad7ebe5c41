/**
 * What `pipsight tree PATH` reads: the manifest (pyproject.toml or a pip-compile `.in`) and the
 * lockfile next to it, found the way the editor finds them (siblingLockfilePaths).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { siblingLockfilePaths } from '../core/checks/lock-sibling';
import { detectKind } from '../core/detect';
import { graphFromCompiledRequirements, graphFromLock, isLockfileKind, type DependencyGraph } from '../core/graph';
import type { ParsedFile } from '../core/model';
import { toSlashes } from '../core/paths';
import { parseDocument } from '../core/parse';
import { UsageError } from './io';

export interface TreeSources {
  /** The workspace folder (environment discovery starts here). */
  root: string;
  manifest: ParsedFile | null;
  lock: ParsedFile | null;
}

function readParsed(path: string, kind = detectKind(path)): ParsedFile | null {
  if (!kind || !existsSync(path)) return null;
  let text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseDocument(toSlashes(path), text, kind);
}

function firstExisting(paths: readonly string[]): string | null {
  return paths.find((path) => existsSync(path)) ?? null;
}

export function findTreeSources(given: string, cwd: string): TreeSources {
  const absolute = resolve(cwd, given);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new UsageError(`${given}: no such file or directory`);
  }
  const root = isDirectory ? absolute : dirname(absolute);
  let manifestPath: string | null = null;
  let lockPath: string | null = null;
  if (isDirectory) {
    manifestPath = firstExisting([join(root, 'pyproject.toml'), join(root, 'requirements.in')]);
    if (!manifestPath && existsSync(join(root, 'requirements.txt'))) lockPath = join(root, 'requirements.txt');
  } else {
    const kind = detectKind(absolute);
    if (kind === 'pyproject' || (kind === 'requirements' && absolute.endsWith('.in'))) manifestPath = absolute;
    else if (kind && isLockfileKind(kind)) lockPath = absolute;
    else if (kind === 'requirements') lockPath = absolute;
    else throw new UsageError(`${given}: not a manifest or lockfile`);
    if (lockPath) {
      const input = lockPath.endsWith('.txt') ? lockPath.replace(/\.txt$/, '.in') : join(root, 'pyproject.toml');
      if (existsSync(input)) manifestPath = input;
    }
  }
  const manifest = manifestPath ? readParsed(manifestPath) : null;
  if (!lockPath && manifest) lockPath = firstExisting(siblingLockfilePaths(manifest));
  const lock = lockPath ? readParsed(lockPath, lockPath.endsWith('.txt') ? 'requirements' : detectKind(lockPath)) : null;
  return { root, manifest, lock };
}

/** The graph of the lock source; a usage error when there is no lockfile. */
export function lockGraph(sources: TreeSources, given: string): DependencyGraph {
  if (!sources.lock) throw new UsageError(`${given}: no lockfile found (poetry.lock, uv.lock, pdm.lock, pylock.toml or pip-compile output); try --source env`);
  if (sources.lock.kind === 'requirements') return graphFromCompiledRequirements(sources.lock, sources.manifest);
  return graphFromLock(sources.lock, sources.manifest);
}
