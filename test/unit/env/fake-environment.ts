/** Writes fake Python environments (pyvenv.cfg + dist-info folders) into temporary folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeDistribution {
  name: string;
  version: string;
  requires?: string[];
  /** PEP 610 direct_url.json contents. */
  directUrl?: unknown;
  /** Folder name when not `<name>-<version>.dist-info`. */
  folder?: string;
}

export function metadataText(distribution: FakeDistribution): string {
  const requires = (distribution.requires ?? []).map((requirement) => `Requires-Dist: ${requirement}\n`).join('');
  return `Metadata-Version: 2.1\nName: ${distribution.name}\nVersion: ${distribution.version}\nSummary: test package\n${requires}\nA long description.\nRequires-Dist: not-a-header-line\n`;
}

export function writeDistribution(sitePackages: string, distribution: FakeDistribution): string {
  const folder = join(sitePackages, distribution.folder ?? `${distribution.name.replace(/-/g, '_')}-${distribution.version}.dist-info`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'METADATA'), metadataText(distribution));
  if (distribution.directUrl !== undefined) writeFileSync(join(folder, 'direct_url.json'), JSON.stringify(distribution.directUrl));
  return folder;
}

export interface FakeVenv {
  prefix: string;
  sitePackages: string;
}

/** A venv at `prefix` (POSIX layout `lib/python3.X/site-packages`, or Windows `Lib/site-packages`). */
export function writeVenv(prefix: string, distributions: FakeDistribution[], options: { version?: string; layout?: 'posix' | 'windows'; config?: string } = {}): FakeVenv {
  const version = options.version ?? '3.11.7';
  const minor = version.split('.').slice(0, 2).join('.');
  const sitePackages = options.layout === 'windows' ? join(prefix, 'Lib', 'site-packages') : join(prefix, 'lib', `python${minor}`, 'site-packages');
  mkdirSync(sitePackages, { recursive: true });
  const executableFolder = join(prefix, options.layout === 'windows' ? 'Scripts' : 'bin');
  mkdirSync(executableFolder, { recursive: true });
  writeFileSync(join(executableFolder, options.layout === 'windows' ? 'python.exe' : 'python3'), '');
  writeFileSync(join(prefix, 'pyvenv.cfg'), options.config ?? `home = /usr/bin\ninclude-system-site-packages = false\nversion = ${version}\n`);
  for (const distribution of distributions) writeDistribution(sitePackages, distribution);
  return { prefix, sitePackages };
}

export function temporaryFolder(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `pipsight-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
