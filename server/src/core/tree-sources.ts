/**
 * Which files a dependency tree is built from, found the same way by `pipsight tree PATH` and by
 * the editor's `pipsight/dependencyTree` request: the manifest (pyproject.toml or a pip-compile
 * `.in`) and its lock, found as the lock checks find it (findLockOf). Files are read through a
 * FileSource (the editor's open documents win over the disk); a file that cannot be read does not exist.
 *
 *   folder          → pyproject.toml, else requirements.in; no manifest but requirements.txt → that as the lock
 *   pyproject.toml  → itself + the first of poetry.lock, uv.lock, pdm.lock, pylock.toml; else the
 *                     uv.lock of its uv workspace; else a requirements.txt compiled from it (the
 *                     roots are then the groups compiled in)
 *   name.in         → itself + name.txt
 *   a lockfile      → itself + pyproject.toml beside it
 *   name.txt        → itself as pip-compile output + name.in beside it
 */
import { compiledPart } from './checks/lock-compiled';
import { findLockOf, parseLockfile } from './checks/lock-sibling';
import { detectKind } from './detect';
import { readWithoutByteOrderMark, type FileSource } from './file-source';
import { graphFromCompiledRequirements, graphFromLock, type DependencyGraph } from './graph';
import { isLockfileKind, type FileKind, type ParsedFile } from './model';
import { basename, dirname, toSlashes } from './paths';
import { withLocalProjectNamesOf } from './local-project-names';
import { parseDocument } from './parse';
import { trimTrailing } from './trim';

export interface TreeSources {
  manifest: ParsedFile | null;
  /** The lockfile, or a pip-compile output (kind 'requirements'). */
  lock: ParsedFile | null;
}

function readManifest(files: FileSource, path: string): ParsedFile | null {
  const text = readWithoutByteOrderMark(files, path);
  const parsed = text === undefined ? null : parseDocument(path, text, detectKind(path));
  // Local project requirements (`-e .`) by their project's name, as the checks see them.
  return parsed && withLocalProjectNamesOf(parsed, files).file;
}

function readLock(files: FileSource, path: string): ParsedFile | null {
  const text = readWithoutByteOrderMark(files, path);
  // parseLockfile memoizes by text (lockfiles are large) and reads `.txt` as pip-compile output.
  const lock = text === undefined ? null : parseLockfile(path, text);
  return lock && withLocalProjectNamesOf(lock, files).file;
}

function withSiblingLock(files: FileSource, manifest: ParsedFile | null, lock: ParsedFile | null): TreeSources {
  if (lock || !manifest) return { manifest, lock };
  const { found } = findLockOf(manifest, files);
  if (!found) return { manifest, lock: null };
  return { manifest: found.compiled ? compiledPart(manifest, found.compiled) : manifest, lock: found.lock };
}

/** The sources of the project in `folder`. */
export function treeSourcesOfFolder(folder: string, files: FileSource): TreeSources {
  const root = trimTrailing(toSlashes(folder), '/') || '/';
  const manifest = readManifest(files, `${root}/pyproject.toml`) ?? readManifest(files, `${root}/requirements.in`);
  const lock = manifest ? null : readLock(files, `${root}/requirements.txt`);
  return withSiblingLock(files, manifest, lock);
}

/** Whether a file of this kind and name can be the start of a tree (a manifest or a lockfile). */
export function isTreeSourceFile(path: string, kind: FileKind | null = detectKind(path)): boolean {
  return kind === 'pyproject' || kind === 'requirements' || isLockfileKind(kind);
}

/** The sources for a manifest or lockfile; null when the file is neither (or cannot be read). */
export function treeSourcesOfFile(path: string, files: FileSource, kind: FileKind | null = detectKind(path)): TreeSources | null {
  const file = toSlashes(path);
  if (!isTreeSourceFile(file, kind)) return null;
  const folder = dirname(file);
  if (kind === 'pyproject' || (kind === 'requirements' && file.endsWith('.in'))) {
    const manifest = readManifest(files, file);
    return manifest ? withSiblingLock(files, manifest, null) : null;
  }
  const lock = readLock(files, file);
  if (!lock) return null;
  const name = basename(file);
  const manifestPath = name.endsWith('.txt') ? `${folder}/${name.slice(0, -'.txt'.length)}.in` : `${folder}/pyproject.toml`;
  return { manifest: readManifest(files, manifestPath), lock };
}

/** The graph of the lock source (pip-compile output or a lockfile); null when there is no lock. */
export function lockGraphOf(sources: TreeSources): DependencyGraph | null {
  if (!sources.lock) return null;
  if (sources.lock.kind === 'requirements') return graphFromCompiledRequirements(sources.lock, sources.manifest);
  return graphFromLock(sources.lock, sources.manifest);
}
