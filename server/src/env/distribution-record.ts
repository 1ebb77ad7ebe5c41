/**
 * One installed distribution from the texts of its metadata folder. Pure: the scanners read the
 * files and call `distributionFromTexts`. A folder with unusable metadata (no Name or no Version)
 * gives null and is skipped, as pip skips it.
 */
import type { InstalledDistribution } from '../core/context';
import { parseCoreMetadata } from '../core/indexes/metadata';
import { normalizeName } from '../core/names';
import { requiresDistFromRequiresTxt } from './egg-info';

export type MetadataFolderKind = 'dist-info' | 'egg-info-folder' | 'egg-info-file';

/** What a scanner found in site-packages: a `.dist-info` or `.egg-info` entry. */
export interface MetadataEntry {
  kind: MetadataFolderKind;
  /** The `.dist-info` / `.egg-info` path. */
  path: string;
}

/** Files to read for an entry, relative to it ('' is the entry itself, for an egg-info file). */
export function metadataFileOf(entry: MetadataEntry): string {
  if (entry.kind === 'dist-info') return `${entry.path}/METADATA`;
  if (entry.kind === 'egg-info-folder') return `${entry.path}/PKG-INFO`;
  return entry.path;
}

export function sideFilesOf(entry: MetadataEntry): { directUrl: string | null; requiresTxt: string | null } {
  return {
    directUrl: entry.kind === 'dist-info' ? `${entry.path}/direct_url.json` : null,
    requiresTxt: entry.kind === 'egg-info-folder' ? `${entry.path}/requires.txt` : null,
  };
}

export function classifyEntry(name: string, isDirectory: boolean): MetadataFolderKind | null {
  if (name.endsWith('.dist-info')) return isDirectory ? 'dist-info' : null;
  if (name.endsWith('.egg-info')) return isDirectory ? 'egg-info-folder' : 'egg-info-file';
  return null;
}

/** PEP 610 direct_url.json: `{ "url": ..., "dir_info": { "editable": true } }`. Garbage gives undefined. */
export function parseDirectUrl(text: string | undefined): InstalledDistribution['directUrl'] {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as { url?: unknown; dir_info?: { editable?: unknown } };
    if (typeof record.url !== 'string') return undefined;
    const editable = typeof record.dir_info === 'object' && record.dir_info !== null && record.dir_info.editable === true;
    return { url: record.url, editable };
  } catch {
    return undefined;
  }
}

export function distributionFromTexts(
  entry: MetadataEntry,
  metadataHeader: string | undefined,
  directUrlText: string | undefined,
  requiresTxtText: string | undefined,
): InstalledDistribution | null {
  if (metadataHeader === undefined) return null;
  const metadata = parseCoreMetadata(metadataHeader);
  if (!metadata.name || !metadata.version) return null;
  let requiresDist = metadata.requiresDist;
  if (requiresDist.length === 0 && requiresTxtText !== undefined) requiresDist = requiresDistFromRequiresTxt(requiresTxtText);
  const distribution: InstalledDistribution = {
    name: metadata.name,
    normalizedName: normalizeName(metadata.name),
    version: metadata.version,
    requiresDist,
    path: entry.path,
    metadataPath: metadataFileOf(entry),
  };
  const directUrl = parseDirectUrl(directUrlText);
  if (directUrl) distribution.directUrl = directUrl;
  return distribution;
}
