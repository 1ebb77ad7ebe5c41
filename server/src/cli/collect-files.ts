/**
 * Turns the PATH arguments of `check` / `deps` into the list of files to analyse. A file argument
 * is taken as is; a directory is walked recursively for supported files (detectKind), skipping
 * version-control folders, virtual environments, caches and build output.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { detectKind } from '../core/detect';
import type { FileKind } from '../core/model';
import { UsageError } from './io';

export interface TargetFile {
  /** Path shown in output: as given by the user, or relative to cwd for files found by walking. */
  displayPath: string;
  absolutePath: string;
  kind: FileKind;
}

/** Folder names never walked into. */
const SKIPPED_DIRECTORY_NAMES = new Set([
  '.git', '.hg', '.svn', '.jj',
  'node_modules', '.venv', 'venv', '.env', '__pypackages__', 'site-packages',
  '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.pytype', '.hypothesis',
  '.eggs', 'dist', 'build', '.idea', '.vscode-test',
]);

function isSkippedDirectory(name: string, absolutePath: string): boolean {
  if (SKIPPED_DIRECTORY_NAMES.has(name) || name.endsWith('.egg-info')) return true;
  // A virtual environment under any name (env/, .py311/ ...) has a pyvenv.cfg at its root.
  return existsSync(join(absolutePath, 'pyvenv.cfg'));
}

/**
 * @param forcedKind  kind given with --kind: applies to file arguments (a walk still uses detectKind).
 */
export function collectTargetFiles(paths: string[], cwd: string, forcedKind: FileKind | null): TargetFile[] {
  const targets: TargetFile[] = [];
  const seen = new Set<string>();
  const add = (target: TargetFile) => {
    if (seen.has(target.absolutePath)) return;
    seen.add(target.absolutePath);
    targets.push(target);
  };
  for (const given of paths) {
    const absolutePath = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolutePath);
    } catch {
      throw new UsageError(`${given}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      for (const found of walkDirectory(absolutePath)) {
        const displayPath = relative(cwd, found) || found;
        const kind = detectKind(displayPath);
        if (kind) add({ displayPath, absolutePath: found, kind });
      }
      continue;
    }
    const kind = forcedKind ?? detectKind(absolutePath);
    if (!kind) {
      throw new UsageError(`${given}: not a supported dependency file (use --kind to choose a parser)`);
    }
    add({ displayPath: given, absolutePath, kind });
  }
  return targets;
}

/** Files under `root` in a stable order (sorted names, files before sub-folders), symlink loops guarded. */
function walkDirectory(root: string): string[] {
  const files: string[] = [];
  const visitedRealPaths = new Set<string>();
  const visit = (directory: string) => {
    let real: string;
    try {
      real = realpathSync(directory);
    } catch {
      return;
    }
    if (visitedRealPaths.has(real)) return;
    visitedRealPaths.add(real);
    let names: string[];
    try {
      names = readdirSync(directory).sort();
    } catch {
      return;
    }
    const subdirectories: string[] = [];
    for (const name of names) {
      const entryPath = join(directory, name);
      let stat;
      try {
        stat = statSync(entryPath); // follows symlinks; broken links are skipped
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (!isSkippedDirectory(name, entryPath)) subdirectories.push(entryPath);
      } else if (stat.isFile()) {
        files.push(entryPath);
      }
    }
    for (const subdirectory of subdirectories) visit(subdirectory);
  };
  visit(root);
  return files;
}
