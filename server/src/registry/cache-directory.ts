/** The CLI's default cache directory: `$XDG_CACHE_HOME/pipsight`, else `~/.cache/pipsight` (on Windows `%LOCALAPPDATA%\pipsight\cache`). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDirectory(environment: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (environment.XDG_CACHE_HOME) return join(environment.XDG_CACHE_HOME, 'pipsight');
  if (platform === 'win32' && environment.LOCALAPPDATA) return join(environment.LOCALAPPDATA, 'pipsight', 'cache');
  return join(home, '.cache', 'pipsight');
}
