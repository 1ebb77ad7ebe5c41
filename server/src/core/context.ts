/**
 * What the analysis knows beyond the files themselves, gathered by the callers (the language
 * server, the CLI) and passed in: core never does I/O to find it.
 */
import type { MarkerEnvironment } from './pep508';

/** One installed distribution, from `site-packages/<name>-<version>.dist-info`. */
export interface InstalledDistribution {
  name: string;
  normalizedName: string;
  version: string;
  /** Requires-Dist lines of METADATA, verbatim (PEP 508 strings). */
  requiresDist: string[];
  /** From direct_url.json: the URL it was installed from, and whether it is editable. */
  directUrl?: { url: string; editable: boolean };
  /** The dist-info folder. */
  path: string;
  /** The metadata file (METADATA, PKG-INFO): where a finding's related information points. */
  metadataPath?: string;
}

/** An installed Python environment, read without running Python. */
export interface InstalledEnvironment {
  /** The interpreter (or null when only site-packages was found). */
  pythonPath: string | null;
  /** sys.prefix of the environment (the venv folder). */
  prefix: string;
  /** How it was found: 'python-extension' | 'setting' | 'venv' | 'VIRTUAL_ENV' | 'cli'. */
  origin: string;
  /** Marker values of this interpreter (python_version from pyvenv.cfg, sys_platform from the host...). */
  markerEnvironment: MarkerEnvironment;
  distributions: InstalledDistribution[];
  /** The site-packages folders read, in sys.path order (the first distribution of a name wins). */
  sitePackages?: string[];
}

export interface AnalysisContext {
  /** The workspace's installed environment, when one was found. */
  installed?: InstalledEnvironment | null;
  /** Environment markers are evaluated for (a setting, else the installed interpreter's). */
  targetEnvironment?: MarkerEnvironment | null;
  /**
   * The environment variables of the process that installs (the CLI's, the server's), for
   * `${VAR}` in requirements files: pip expands them in include paths and index URLs.
   */
  environmentVariables?: Readonly<Record<string, string | undefined>>;
}
