/**
 * Finds the Python environment of a workspace without running Python. In order:
 *   1. an explicit interpreter or environment folder (`pipsight.pythonPath`, `pipsight check --python`),
 *   2. the interpreter chosen in the ms-python Python extension (the client passes its path),
 *   3. `.venv` or `venv` in the workspace root,
 *   4. the activated virtual environment (`VIRTUAL_ENV`).
 * An explicit path that is not an environment gives null rather than falling through: the user
 * asked for that one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parsePyvenvConfig, type PyvenvConfig } from './pyvenv-config';
import { pythonExecutableOfPrefix, pythonVersionOfPrefix, sitePackagesOfPrefix } from './site-packages-layout';

export type EnvironmentOrigin = 'setting' | 'cli' | 'python-extension' | 'venv' | 'VIRTUAL_ENV';

/** Where an environment is, before its packages are read. */
export interface EnvironmentLocation {
  /** sys.prefix: the environment folder. */
  prefix: string;
  /** The interpreter, when one was found (not resolved through symlinks: a venv's python links to its base). */
  pythonPath: string | null;
  origin: EnvironmentOrigin;
  /** PEP 440 full version ('3.11.7'), or null when nothing says it. */
  pythonFullVersion: string | null;
  /** From pyvenv.cfg `implementation` ('CPython', 'PyPy'), else null (CPython assumed). */
  implementation: string | null;
  /** site-packages folders in sys.path order: the environment's, then the base's when pyvenv.cfg includes them. */
  sitePackages: string[];
}

export interface DiscoveryOptions {
  /** Workspace root (the CLI: the PATH it checks, or its folder for a file). */
  workspaceRoot?: string | null;
  /** An explicit python executable or environment folder; origin 'setting' unless `explicitOrigin` says 'cli'. */
  pythonPath?: string | null;
  explicitOrigin?: 'setting' | 'cli';
  /** The interpreter selected in the ms-python extension. */
  selectedInterpreter?: string | null;
  /** Environment variables (VIRTUAL_ENV); pass {} to ignore the process's. */
  environmentVariables?: Record<string, string | undefined>;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readPyvenvConfig(prefix: string): PyvenvConfig | null {
  try {
    return parsePyvenvConfig(readFileSync(join(prefix, 'pyvenv.cfg'), 'utf8'));
  } catch {
    return null;
  }
}

/** The prefix of an interpreter path: `<prefix>/bin/python3`, `<prefix>\Scripts\python.exe`, `<prefix>\python.exe`. */
function prefixOfInterpreter(pythonPath: string): string {
  const folder = dirname(pythonPath);
  return /^(bin|scripts)$/i.test(basename(folder)) ? dirname(folder) : folder;
}

/** The base installation a venv was made from: pyvenv.cfg `home` is its executable's folder. */
function basePrefixOf(config: PyvenvConfig): string | null {
  if (!config.home) return null;
  return /^(bin|scripts)$/i.test(basename(config.home)) ? dirname(config.home) : config.home;
}

/**
 * The environment of a python executable or an environment folder, or null when no site-packages
 * can be found there.
 */
export function locateEnvironment(pythonPathOrFolder: string, origin: EnvironmentOrigin): EnvironmentLocation | null {
  const given = resolve(pythonPathOrFolder);
  const prefix = isDirectory(given) ? given : prefixOfInterpreter(given);
  const config = readPyvenvConfig(prefix);
  const pythonFullVersion = config?.pythonFullVersion ?? pythonVersionOfPrefix(prefix);
  const sitePackages = sitePackagesOfPrefix(prefix, pythonFullVersion);
  if (sitePackages.length === 0) return null;
  const basePrefix = config?.includeSystemSitePackages ? basePrefixOf(config) : null;
  if (basePrefix) {
    for (const folder of sitePackagesOfPrefix(basePrefix, pythonFullVersion)) if (!sitePackages.includes(folder)) sitePackages.push(folder);
  }
  return {
    prefix,
    pythonPath: isDirectory(given) ? pythonExecutableOfPrefix(prefix) : given,
    origin,
    pythonFullVersion,
    implementation: config?.implementation ?? null,
    sitePackages,
  };
}

/** The workspace's environment by the order above, or null when there is none. */
export function discoverEnvironment(options: DiscoveryOptions): EnvironmentLocation | null {
  if (options.pythonPath) return locateEnvironment(options.pythonPath, options.explicitOrigin ?? 'setting');
  if (options.selectedInterpreter) {
    const selected = locateEnvironment(options.selectedInterpreter, 'python-extension');
    if (selected) return selected;
  }
  if (options.workspaceRoot) {
    for (const name of ['.venv', 'venv']) {
      const folder = join(options.workspaceRoot, name);
      if (!existsSync(join(folder, 'pyvenv.cfg'))) continue;
      const found = locateEnvironment(folder, 'venv');
      if (found) return found;
    }
  }
  const activated = (options.environmentVariables ?? process.env).VIRTUAL_ENV;
  return activated ? locateEnvironment(activated, 'VIRTUAL_ENV') : null;
}
