/**
 * `pyvenv.cfg`, written at the root of every virtual environment (venv, virtualenv, uv): `key = value`
 * lines. What we read from it: the Python version (`version` from venv, `version_info` from
 * virtualenv and uv, e.g. `3.11.7.final.0` or `3.13.0.candidate.1`), `home` (the folder of the base
 * interpreter), `include-system-site-packages` and `implementation`. Never throws.
 */
export interface PyvenvConfig {
  /** PEP 440 form of the interpreter's full version (`3.11.7`, `3.13.0rc1`), or null. */
  pythonFullVersion: string | null;
  /** Folder of the base interpreter's executable. */
  home: string | null;
  includeSystemSitePackages: boolean;
  /** `implementation` as written (`CPython`, `PyPy`), or null when absent. */
  implementation: string | null;
}

const RELEASE_LEVELS: Record<string, string> = { alpha: 'a', beta: 'b', candidate: 'rc', final: '' };

/** `3.11.7`, `3.11.7.final.0`, `3.13.0.candidate.1`, `3.12.0rc2` → PEP 440 form, else null. */
export function pythonVersionFromConfigValue(value: string): string | null {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(alpha|beta|candidate|final)\.(\d+)|((?:a|b|rc)\d+))?\+?$/.exec(value.trim());
  if (!match) return null;
  const [, major, minor, micro = '0', level, serial, suffix] = match;
  const release = `${major}.${minor}.${micro}`;
  if (suffix) return release + suffix;
  if (level && level !== 'final') return `${release}${RELEASE_LEVELS[level]}${serial}`;
  return release;
}

export function parsePyvenvConfig(text: string): PyvenvConfig {
  const values = new Map<string, string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    values.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim());
  }
  const versions = [values.get('version_info'), values.get('version')].filter((value) => value !== undefined);
  return {
    pythonFullVersion: versions.map(pythonVersionFromConfigValue).find((version) => version !== null) ?? null,
    home: values.get('home') || null,
    includeSystemSitePackages: (values.get('include-system-site-packages') ?? '').toLowerCase() === 'true',
    implementation: values.get('implementation') || null,
  };
}
