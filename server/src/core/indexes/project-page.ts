/**
 * The one shape a project page of any index becomes (PEP 691 JSON and PEP 503 HTML alike), and the
 * grouping of its files into releases.
 *
 * Rules worth knowing:
 * - A release is yanked (PEP 592) only when every one of its files is yanked; its reason is the
 *   first non-empty reason among them.
 * - PEP 700 `versions` may list versions whose files were all deleted: they become releases without files.
 * - `requires-python` of a release: the value carried by most of its files (files rarely disagree).
 * - `uploadTime` of a release: its earliest file upload time (PEP 700), when the index gives one.
 */
import { normalizeName } from '../names';
import { compareVersions, isPrerelease, normalizeVersion } from '../pep440';
import { parseDistributionFilename, type DistributionKind } from './distribution-filename';

export interface DistributionFile {
  filename: string;
  /** Absolute URL (relative links resolved against the page URL), without the hash fragment. */
  url: string;
  /** Hashes from PEP 691 `hashes` or the PEP 503 URL fragment (`#sha256=...`). */
  hashes: Record<string, string>;
  kind: DistributionKind;
  /** Version derived from the filename; null when the file does not belong to the project. */
  version: string | null;
  requiresPython: string | null;
  yanked: boolean;
  /** PEP 592 reason; null when not yanked or when no reason was given. */
  yankedReason: string | null;
  /** PEP 658/714: the core metadata is served at `url + '.metadata'`; false when not available. */
  coreMetadata: false | { hashes: Record<string, string> };
  size: number | null;
  /** ISO 8601 upload time (PEP 700), null when unknown. */
  uploadTime: string | null;
}

export interface ProjectRelease {
  /** The version as the index spells it (e.g. '2.5.1+cu124'). */
  version: string;
  files: DistributionFile[];
  yanked: boolean;
  yankedReason: string | null;
  requiresPython: string | null;
  uploadTime: string | null;
  prerelease: boolean;
}

export interface ProjectPage {
  name: string;
  normalizedName: string;
  /** Releases in ascending PEP 440 order. */
  releases: ProjectRelease[];
  /** Same order as `releases`. */
  versions: string[];
  /** Where the data came from: 'json' (PEP 691) or 'html' (PEP 503). */
  format: 'json' | 'html';
  /** PEP 629 / 691 api-version, e.g. '1.1', when the page declares one. */
  apiVersion: string | null;
  /** PEP 792 project status ('active', 'archived', 'quarantined', 'deprecated'), when given. */
  projectStatus: string | null;
}

export interface PageParseResult {
  /** null when the text is not a project page at all (the error says why). */
  value: ProjectPage | null;
  error: string | null;
}

/** Groups files into releases; `listedVersions` is the PEP 700 `versions` key when present. */
export function buildProjectPage(
  name: string,
  files: DistributionFile[],
  details: { format: 'json' | 'html'; apiVersion: string | null; projectStatus: string | null; listedVersions?: string[] },
): ProjectPage {
  const byVersion = new Map<string, { version: string; files: DistributionFile[] }>();
  const entryFor = (version: string) => {
    const key = normalizeVersion(version) ?? version;
    let entry = byVersion.get(key);
    if (!entry) byVersion.set(key, (entry = { version, files: [] }));
    return entry;
  };
  for (const file of files) if (file.version !== null) entryFor(file.version).files.push(file);
  for (const version of details.listedVersions ?? []) if (normalizeVersion(version) !== null) entryFor(version);
  const releases = [...byVersion.values()].map(({ version, files: releaseFiles }) => toRelease(version, releaseFiles));
  releases.sort((a, b) => compareVersions(a.version, b.version));
  return {
    name,
    normalizedName: normalizeName(name),
    releases,
    versions: releases.map((release) => release.version),
    format: details.format,
    apiVersion: details.apiVersion,
    projectStatus: details.projectStatus,
  };
}

function toRelease(version: string, files: DistributionFile[]): ProjectRelease {
  const yanked = files.length > 0 && files.every((file) => file.yanked);
  const uploadTimes = files.map((file) => file.uploadTime).filter((time): time is string => time !== null).sort();
  return {
    version,
    files,
    yanked,
    yankedReason: yanked ? (files.find((file) => file.yankedReason)?.yankedReason ?? null) : null,
    requiresPython: mostCommon(files.map((file) => file.requiresPython)),
    uploadTime: uploadTimes[0] ?? null,
    prerelease: isPrerelease(version),
  };
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

/** A file record from already-extracted fields; derives kind and version from the filename. */
export function makeDistributionFile(
  normalizedProject: string,
  fields: Omit<DistributionFile, 'kind' | 'version'>,
): DistributionFile {
  const { kind, version } = parseDistributionFilename(fields.filename, normalizedProject);
  return { ...fields, kind, version };
}

/** Splits `https://host/f.whl#sha256=abc` into the URL without fragment and its hash (PEP 503). */
export function splitHashFragment(url: string): { url: string; hashes: Record<string, string> } {
  const hashIndex = url.indexOf('#');
  if (hashIndex === -1) return { url, hashes: {} };
  const fragment = url.slice(hashIndex + 1);
  const match = /^([a-z0-9]+)=([0-9a-f]+)$/i.exec(fragment);
  return { url: url.slice(0, hashIndex), hashes: match ? { [match[1].toLowerCase()]: match[2].toLowerCase() } : {} };
}

/** Resolves a link against the page URL; null when it is not a valid URL. */
export function resolveLink(link: string, baseUrl: string): string | null {
  try {
    return new URL(link, baseUrl).href;
  } catch {
    return null;
  }
}

/** The filename of a link: the last path segment, percent-decoded. */
export function filenameFromUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
