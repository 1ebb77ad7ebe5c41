/**
 * pip configuration files, read the way pip reads them (pip docs, "Configuration"): global files
 * (each $XDG_CONFIG_DIRS entry's pip/pip.conf, /etc/pip.conf; Windows C:\ProgramData\pip\pip.ini),
 * then user files (~/.pip/pip.conf legacy, $XDG_CONFIG_HOME/pip/pip.conf or ~/.config/pip/pip.conf;
 * Windows %APPDATA%\pip\pip.ini), then the site file ($VIRTUAL_ENV/pip.conf), then PIP_CONFIG_FILE.
 * Later files win key by key; within a file `[install]` overrides `[global]`. PIP_CONFIG_FILE=os.devnull
 * turns config files off. Keys: index-url (or index_url), extra-index-url (whitespace-separated).
 */
import { join } from 'node:path';
import { parse as parseIni } from 'ini';
import type { ConfigLocations } from './read-text';

export interface PipConfig {
  indexUrl: string | null;
  extraIndexUrls: string[];
  /** Files that were found and read, in order. */
  files: string[];
}

export function pipConfigFiles(locations: ConfigLocations, virtualEnv?: string): string[] {
  const { environment, home, platform } = locations;
  const explicit = environment.PIP_CONFIG_FILE;
  if (explicit === '/dev/null' || explicit === 'nul') return [];
  const files: string[] = [];
  if (platform === 'win32') {
    files.push(join(environment.ProgramData ?? 'C:\\ProgramData', 'pip', 'pip.ini'));
    files.push(join(home, 'pip', 'pip.ini'));
    if (environment.APPDATA) files.push(join(environment.APPDATA, 'pip', 'pip.ini'));
  } else {
    for (const directory of (environment.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean)) files.push(join(directory, 'pip', 'pip.conf'));
    files.push('/etc/pip.conf');
    files.push(join(home, '.pip', 'pip.conf'));
    files.push(join(environment.XDG_CONFIG_HOME || join(home, '.config'), 'pip', 'pip.conf'));
  }
  const venv = virtualEnv ?? environment.VIRTUAL_ENV;
  if (venv) files.push(join(venv, platform === 'win32' ? 'pip.ini' : 'pip.conf'));
  if (explicit) files.push(explicit);
  return files;
}

type Section = Record<string, unknown>;

function value(section: Section | undefined, key: string): string | undefined {
  const found = section?.[key] ?? section?.[key.replace(/-/g, '_')];
  return typeof found === 'string' ? found : undefined;
}

export function readPipConfig(locations: ConfigLocations, virtualEnv?: string): PipConfig {
  const config: PipConfig = { indexUrl: null, extraIndexUrls: [], files: [] };
  for (const file of pipConfigFiles(locations, virtualEnv)) {
    const text = locations.readText(file);
    if (text === null) continue;
    config.files.push(file);
    const parsed = parseIni(text) as Record<string, Section>;
    for (const sectionName of ['global', 'install']) {
      const section = parsed[sectionName];
      const indexUrl = value(section, 'index-url');
      const extras = value(section, 'extra-index-url');
      if (indexUrl) config.indexUrl = indexUrl.trim();
      if (extras !== undefined) config.extraIndexUrls = extras.split(/\s+/).filter(Boolean);
    }
  }
  return config;
}
