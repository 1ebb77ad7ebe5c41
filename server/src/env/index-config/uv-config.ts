/**
 * uv.toml, read as uv reads it (uv docs, "Configuration files"): the project's uv.toml (beside
 * pyproject.toml; `[tool.uv]` of pyproject.toml itself is read by the pyproject parser), then the
 * user file ($XDG_CONFIG_HOME/uv/uv.toml or ~/.config/uv/uv.toml; Windows %APPDATA%\uv\uv.toml),
 * then system files ($XDG_CONFIG_DIRS/uv/uv.toml, /etc/uv/uv.toml). UV_CONFIG_FILE replaces them
 * all; UV_NO_CONFIG turns them off. Indexes of earlier files come first; scalar keys take the
 * first file's value. Keys: `[[index]]` (name, url, default, explicit), index-url,
 * extra-index-url, index-strategy.
 */
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { UvConfigIndex } from '../../core/indexes';
import type { ConfigLocations } from './read-text';

export interface UvConfig {
  indexes: UvConfigIndex[];
  indexUrl: string | null;
  extraIndexUrls: string[];
  indexStrategy: string | null;
  files: string[];
  problems: string[];
}

export function uvConfigFiles(locations: ConfigLocations, projectDirectory?: string): string[] {
  const { environment, home, platform } = locations;
  if (environment.UV_NO_CONFIG && environment.UV_NO_CONFIG !== '0' && environment.UV_NO_CONFIG !== 'false') return [];
  if (environment.UV_CONFIG_FILE) return [environment.UV_CONFIG_FILE];
  const files: string[] = [];
  if (projectDirectory) files.push(join(projectDirectory, 'uv.toml'));
  if (platform === 'win32') {
    if (environment.APPDATA) files.push(join(environment.APPDATA, 'uv', 'uv.toml'));
    files.push(join(environment.ProgramData ?? 'C:\\ProgramData', 'uv', 'uv.toml'));
  } else {
    files.push(join(environment.XDG_CONFIG_HOME || join(home, '.config'), 'uv', 'uv.toml'));
    for (const directory of (environment.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean)) files.push(join(directory, 'uv', 'uv.toml'));
    files.push('/etc/uv/uv.toml');
  }
  return files;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

export function readUvConfig(locations: ConfigLocations, projectDirectory?: string): UvConfig {
  const config: UvConfig = { indexes: [], indexUrl: null, extraIndexUrls: [], indexStrategy: null, files: [], problems: [] };
  for (const file of uvConfigFiles(locations, projectDirectory)) {
    const source = locations.readText(file);
    if (source === null) continue;
    let data: Record<string, unknown>;
    try {
      data = parseToml(source) as Record<string, unknown>;
    } catch (error) {
      config.problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    config.files.push(file);
    for (const entry of Array.isArray(data.index) ? data.index : []) {
      const url = text((entry as Record<string, unknown>)?.url);
      if (!url) continue;
      const table = entry as Record<string, unknown>;
      config.indexes.push({ name: text(table.name), url, default: table.default === true, explicit: table.explicit === true });
    }
    config.indexUrl ??= text(data['index-url']);
    if (Array.isArray(data['extra-index-url'])) config.extraIndexUrls.push(...data['extra-index-url'].filter((url): url is string => typeof url === 'string'));
    config.indexStrategy ??= text(data['index-strategy']);
  }
  return config;
}
