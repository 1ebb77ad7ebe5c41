/**
 * Reads what index selection needs from disk and the environment, into the plain
 * IndexEnvironment that core's buildIndexPlan takes, plus netrc entries for the registry's
 * IndexClient (`netrc` option). Missing files are normal and silently skipped.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseNetrc, type IndexEnvironment, type NetrcEntry } from '../../core/indexes';
import { readPipConfig } from './pip-config';
import { readTextFile, type ConfigLocations, type ReadText } from './read-text';
import { readUvConfig } from './uv-config';

export interface ReadIndexEnvironmentOptions {
  environment?: Record<string, string | undefined>;
  home?: string;
  platform?: NodeJS.Platform;
  /** Directory of the pyproject.toml (for a project-level uv.toml). */
  projectDirectory?: string;
  /** Virtual environment whose pip.conf applies (default $VIRTUAL_ENV). */
  virtualEnv?: string;
  readText?: ReadText;
}

export interface IndexEnvironmentReading {
  environment: IndexEnvironment;
  netrc: NetrcEntry[];
  /** Config files that were read, for logs. */
  files: string[];
  problems: string[];
}

export function readNetrc(locations: ConfigLocations): { entries: NetrcEntry[]; file: string | null } {
  const file = locations.environment.NETRC || join(locations.home, locations.platform === 'win32' ? '_netrc' : '.netrc');
  const text = locations.readText(file);
  return text === null ? { entries: [], file: null } : { entries: parseNetrc(text), file };
}

export function readIndexEnvironment(options: ReadIndexEnvironmentOptions = {}): IndexEnvironmentReading {
  const locations: ConfigLocations = {
    environment: options.environment ?? process.env,
    home: options.home ?? homedir(),
    platform: options.platform ?? process.platform,
    readText: options.readText ?? readTextFile,
  };
  const pip = readPipConfig(locations, options.virtualEnv);
  const uv = readUvConfig(locations, options.projectDirectory);
  const netrc = readNetrc(locations);
  return {
    environment: {
      variables: { ...locations.environment },
      pip: { indexUrl: pip.indexUrl, extraIndexUrls: pip.extraIndexUrls },
      uv: { indexes: uv.indexes, indexUrl: uv.indexUrl, extraIndexUrls: uv.extraIndexUrls, indexStrategy: uv.indexStrategy },
    },
    netrc: netrc.entries,
    files: [...pip.files, ...uv.files, ...(netrc.file ? [netrc.file] : [])],
    problems: uv.problems,
  };
}

export { readPipConfig, pipConfigFiles, type PipConfig } from './pip-config';
export { readUvConfig, uvConfigFiles, type UvConfig } from './uv-config';
export type { ReadText } from './read-text';
