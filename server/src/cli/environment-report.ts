/**
 * The installed environments of `pipsight check`: JSON entries (schema 1, field `environments`)
 * and text lines. Every `pip check` problem of an environment is listed here, also those between
 * packages the checked files do not declare (which appear on no file line).
 */
import { relative } from 'node:path';
import type { InstalledEnvironment } from '../core/context';
import { installedCheckOf } from '../core/checks/installed-conflict-findings';
import type { Painter } from './color';

export interface JsonInstalledConflict {
  code: 'installed-conflict';
  severity: 'error';
  message: string;
  /** 'missing': the required package is not installed; 'conflict': its version is outside the specifier. */
  kind: 'missing' | 'conflict';
  /** Normalized name of the package whose Requires-Dist is not met, and its version. */
  package: string;
  version: string;
  /** The Requires-Dist as pip prints it, e.g. `numpy<2.0.0,>=1.17`. */
  requirement: string;
  /** Normalized name of the required package, and its installed version (null when missing). */
  dependency: string;
  installedVersion: string | null;
}

export interface JsonEnvironment {
  /** The environment folder (sys.prefix), relative to the current directory when inside it. */
  prefix: string;
  python: string | null;
  pythonVersion: string | null;
  /** How it was found: 'cli' (--python), 'venv' (.venv/venv in PATH), 'VIRTUAL_ENV'. */
  origin: string;
  sitePackages: string[];
  /** Number of installed distributions read. */
  distributions: number;
  conflicts: JsonInstalledConflict[];
  /** Distributions with a Requires-Dist that does not parse (`name version`); pip check skips them too. */
  unreadable: string[];
}

function displayPath(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  return relativePath === '' ? '.' : relativePath.startsWith('..') ? path : relativePath;
}

export function toJsonEnvironment(environment: InstalledEnvironment, cwd: string): JsonEnvironment {
  const check = installedCheckOf(environment);
  return {
    prefix: displayPath(environment.prefix, cwd),
    python: environment.pythonPath,
    pythonVersion: environment.markerEnvironment.python_full_version ?? null,
    origin: environment.origin,
    sitePackages: environment.sitePackages ?? [],
    distributions: environment.distributions.length,
    conflicts: check.conflicts.map((conflict) => ({
      code: 'installed-conflict',
      severity: 'error',
      message: conflict.message,
      kind: conflict.kind,
      package: conflict.requirer.normalizedName,
      version: conflict.requirer.version,
      requirement: conflict.requirement,
      dependency: conflict.dependency,
      installedVersion: conflict.installed?.version ?? null,
    })),
    unreadable: check.unreadable,
  };
}

/** `.venv: error[installed-conflict] …` per conflict, then one line describing the environment. */
export function environmentTextLines(environment: JsonEnvironment, paint: Painter): string[] {
  const lines = environment.conflicts.map((conflict) => `${paint.bold(environment.prefix)}: ${paint.severity('error', 'error[installed-conflict]')} ${conflict.message}`);
  for (const name of environment.unreadable) lines.push(`${paint.bold(environment.prefix)}: note: ${name} has a Requires-Dist that does not parse; pip check skips it too`);
  const version = environment.pythonVersion ? `Python ${environment.pythonVersion}, ` : '';
  const count = environment.conflicts.length;
  const verdict = count === 0 ? 'no installed conflicts' : `${count} installed conflict${count === 1 ? '' : 's'}`;
  lines.push(`Environment ${environment.prefix} (${version}${environment.distributions} packages, found by ${environment.origin}): ${verdict}.`);
  return lines;
}
