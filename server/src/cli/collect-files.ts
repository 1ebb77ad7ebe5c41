/**
 * Turns the PATH arguments of `check` / `deps` into the list of files to analyse. A file argument
 * is taken as is; a directory is walked recursively for supported files (detectKind), following
 * the project's ignore files like ripgrep and ruff (env/ignore-rules.ts) and never entering
 * version-control folders, virtual environments, installed packages, caches and setuptools' build output.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { detectKind } from '../core/detect';
import { IgnoreRules, isNeverSource } from '../env/ignore-rules';
import type { FileKind } from '../core/model';
import { describeNonRegularFile, describeOsError } from '../env/read-dependency-file';
import { UsageError } from './io';

export interface TargetFile {
  /** Path shown in output: as given by the user, or relative to cwd for files found by walking. */
  displayPath: string;
  absolutePath: string;
  kind: FileKind;
}

/**
 * @param forcedKind  kind given with --kind: applies to file arguments (a walk still uses detectKind).
 * @param warn  told about folders a walk could not read (a file argument that cannot be used is a UsageError).
 */
export function collectTargetFiles(paths: string[], cwd: string, forcedKind: FileKind | null, warn: (message: string) => void = () => undefined): TargetFile[] {
  const targets: TargetFile[] = [];
  const seen = new Set<string>();
  const add = (target: TargetFile) => {
    if (seen.has(target.absolutePath)) return;
    seen.add(target.absolutePath);
    targets.push(target);
  };
  for (const given of paths) {
    // resolve() would turn '' into the working directory.
    if (given === '') throw new UsageError("'' is not a path (an empty argument was given)");
    const absolutePath = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolutePath);
    } catch (error) {
      throw new UsageError(`${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : describeOsError(error)}`);
    }
    if (stat.isDirectory()) {
      for (const found of walkDirectory(absolutePath, cwd, warn)) {
        const displayPath = relative(cwd, found) || found;
        const kind = detectKind(displayPath);
        if (kind) add({ displayPath, absolutePath: found, kind });
      }
      continue;
    }
    // A FIFO would block the read forever, a device never end: only regular files are read.
    const notRegular = describeNonRegularFile(stat);
    if (notRegular) throw new UsageError(`${given}: ${notRegular}`);
    const kind = forcedKind ?? detectKind(absolutePath);
    if (!kind) {
      throw new UsageError(`${given}: not a supported dependency file (use --kind to choose a parser)`);
    }
    add({ displayPath: given, absolutePath, kind });
  }
  return targets;
}

/**
 * Files under `root` in a stable order (sorted names, files before sub-folders), leaving out what
 * the ignore files exclude and the folders that are never source. The walk never leaves `root`: a
 * symlinked folder whose real path is outside it (a link to `/`, to a home folder) is not entered,
 * and each real folder is visited once (symlink loops). Entries that are not regular files (a
 * FIFO named requirements.txt) are listed too: reading them is refused and reported per file.
 */
function walkDirectory(root: string, cwd: string, warn: (message: string) => void): string[] {
  const files: string[] = [];
  const visitedRealPaths = new Set<string>();
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
  } catch {
    return files;
  }
  /** The folder's real path when the walk may enter it: inside the root and not seen yet. */
  const enterable = (directory: string): string | null => {
    let real: string;
    try {
      real = realpathSync(directory);
    } catch {
      return null;
    }
    const inside = real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
    return inside && !visitedRealPaths.has(real) ? real : null;
  };
  const visit = (directory: string, rules: IgnoreRules) => {
    const real = enterable(directory);
    if (real === null) return;
    visitedRealPaths.add(real);
    let names: string[];
    try {
      names = readdirSync(directory).sort();
    } catch (error) {
      warn(`cannot read folder ${relative(cwd, directory) || directory}: ${describeOsError(error)}`);
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
        if (!isNeverSource(name, entryPath) && !rules.ignores(entryPath, true)) subdirectories.push(entryPath);
      } else if (!rules.ignores(entryPath, false)) {
        files.push(entryPath);
      }
    }
    for (const subdirectory of subdirectories) if (enterable(subdirectory) !== null) visit(subdirectory, rules.enter(subdirectory));
  };
  visit(root, IgnoreRules.forWalkRoot(root));
  return files;
}
