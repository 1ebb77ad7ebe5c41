/** The CLI's default cache directory: `$XDG_CACHE_HOME/pipsight`, else `~/.cache/pipsight` (on Windows `%LOCALAPPDATA%\pipsight\cache`). */
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export function defaultCacheDirectory(environment: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (environment.XDG_CACHE_HOME) return join(environment.XDG_CACHE_HOME, 'pipsight');
  if (platform === 'win32' && environment.LOCALAPPDATA) return join(environment.LOCALAPPDATA, 'pipsight', 'cache');
  return join(home, '.cache', 'pipsight');
}

/**
 * Creates the cache folder (and its missing parents) one level at a time and checks that a folder
 * can be made inside it, the way the disk cache will: null when it can, else why not, e.g.
 * `cannot create /proc/x: no such file or directory (ENOENT)`. Node's recursive mkdir never
 * returns for some paths (under /proc it retries forever), so a folder that fails here is not
 * handed to the cache at all.
 */
export function cacheDirectoryProblem(directory: string): string | null {
  const missing: string[] = [];
  let existing = resolve(directory);
  for (;;) {
    try {
      if (!statSync(existing).isDirectory()) return `${existing} is not a folder`;
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot use ${existing}: ${reasonOf(error)}`;
      const parent = dirname(existing);
      if (parent === existing) return `cannot use ${directory}: no such file or directory`;
      missing.unshift(existing);
      existing = parent;
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot create ${folder}: ${reasonOf(error)}`;
    }
  }
  const probe = join(resolve(directory), `.pipsight-probe-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
  } catch (error) {
    return `cannot write in ${resolve(directory)}: ${reasonOf(error)}`;
  }
  return null;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') : String(error);
  return code ? `${message} (${code})` : message;
}
