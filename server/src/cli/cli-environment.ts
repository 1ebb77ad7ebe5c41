/**
 * The installed environment of each PATH a command checks, discovered like the editor does with
 * PATH as the workspace root: `--python` (an interpreter or an environment folder) first, then
 * `.venv`/`venv` in the root, then the activated `VIRTUAL_ENV`. `--no-env` skips it.
 */
import { statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { InstalledEnvironment } from '../core/context';
import { discoverEnvironment, loadEnvironmentSync } from '../env';
import { UsageError, type CliIo } from './io';

export const ENVIRONMENT_OPTIONS = {
  python: { type: 'string' },
  'no-env': { type: 'boolean' },
} as const;

export const ENVIRONMENT_HELP = `      --python PATH       Python environment to compare with: an interpreter or an environment
                          folder (default: .venv or venv in PATH, else $VIRTUAL_ENV)
      --no-env            do not read an installed environment
`;

export interface EnvironmentFlags {
  python?: string;
  'no-env'?: boolean;
}

/** The workspace root a PATH argument stands for: the folder itself, or a file's folder. */
function rootOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/** Environments per checked root, read once each. */
export class CliEnvironments {
  private readonly byRoot = new Map<string, InstalledEnvironment | null>();
  private readonly byPrefix = new Map<string, InstalledEnvironment>();
  private readonly roots: string[];

  constructor(
    paths: string[],
    private readonly flags: EnvironmentFlags,
    private readonly io: CliIo,
    private readonly cwd: string,
  ) {
    // Longest first, so a file is matched with the most specific root that contains it.
    this.roots = [...new Set(paths.map((path) => rootOf(resolve(cwd, path))))].sort((a, b) => b.length - a.length);
  }

  private discover(root: string): InstalledEnvironment | null {
    if (this.flags['no-env']) return null;
    const location = discoverEnvironment({
      workspaceRoot: root,
      pythonPath: this.flags.python ? resolve(this.cwd, this.flags.python) : null,
      explicitOrigin: 'cli',
      environmentVariables: this.io.env ?? process.env,
    });
    if (!location && this.flags.python) throw new UsageError(`--python ${this.flags.python}: no Python environment (site-packages) found there`);
    if (!location) return null;
    let environment = this.byPrefix.get(location.prefix);
    if (!environment) this.byPrefix.set(location.prefix, (environment = loadEnvironmentSync(location)));
    return environment;
  }

  /** The environment for a root (as given to the constructor). */
  forRoot(root: string): InstalledEnvironment | null {
    if (!this.byRoot.has(root)) this.byRoot.set(root, this.discover(root));
    return this.byRoot.get(root) ?? null;
  }

  /** The environment of the checked PATH a file was found under. */
  forFile(absolutePath: string): InstalledEnvironment | null {
    const root = this.roots.find((candidate) => absolutePath === candidate || absolutePath.startsWith(candidate.endsWith(sep) ? candidate : candidate + sep));
    return root === undefined ? null : this.forRoot(root);
  }

  /** Every environment read so far, each once, in discovery order. */
  found(): InstalledEnvironment[] {
    return [...new Set([...this.byRoot.values()].filter((environment): environment is InstalledEnvironment => environment !== null))];
  }
}
