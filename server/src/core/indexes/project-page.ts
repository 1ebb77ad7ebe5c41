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
import { compareParsedVersions, formatVersion, isPrereleaseVersion, parseVersionUncached, type ParsedVersion } from '../pep440/version';
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
  /** At most MAX_FILES_PER_RELEASE of the release's files, in page order (see omittedFiles). */
  files: DistributionFile[];
  /** How many more files the page lists for this release (only when some were not kept). */
  omittedFiles?: number;
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

/** How many files (or tags) a page parser handles between two steps of a PageSteps. */
export const STEP_SIZE = 2000;

/**
 * A page parse in steps: each `next()` does a bounded share of the work (about STEP_SIZE files);
 * the last one returns the result. Core stays synchronous and timer-free: a caller that must keep
 * its event loop responsive (the language server reading a page of 100,000 files) yields between
 * steps; runSteps runs them all at once.
 */
export type PageSteps = Generator<void, PageParseResult, void>;

export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Versions of one page, each distinct text parsed once, in a cache of the page's own: a page with
 * 100,000 versions neither re-parses them while grouping and sorting nor evicts the shared memo
 * (which the open documents' versions live in).
 */
export class PageVersions {
  private readonly parsed = new Map<string, ParsedVersion | null>();

  get(text: string): ParsedVersion | null {
    let value = this.parsed.get(text);
    if (value === undefined) {
      value = parseVersionUncached(text);
      this.parsed.set(text, value);
    }
    return value;
  }

  isValid = (text: string): boolean => this.get(text) !== null;
}

/** Groups files into releases; `listedVersions` is the PEP 700 `versions` key when present. */
export function buildProjectPage(
  name: string,
  files: DistributionFile[],
  details: { format: 'json' | 'html'; apiVersion: string | null; projectStatus: string | null; listedVersions?: string[] },
  versions: PageVersions = new PageVersions(),
): ProjectPage {
  return runSteps(buildProjectPageSteps(name, files, details, versions));
}

/** buildProjectPage in steps (see PageSteps). */
export function* buildProjectPageSteps(
  name: string,
  files: DistributionFile[],
  details: { format: 'json' | 'html'; apiVersion: string | null; projectStatus: string | null; listedVersions?: string[] },
  versions: PageVersions,
): Generator<void, ProjectPage, void> {
  const byVersion = new Map<string, { version: string; parsed: ParsedVersion; files: DistributionFile[] }>();
  const entryFor = (version: string, parsed: ParsedVersion) => {
    const key = formatVersion(parsed);
    let entry = byVersion.get(key);
    if (!entry) byVersion.set(key, (entry = { version, parsed, files: [] }));
    return entry;
  };
  for (const [position, file] of files.entries()) {
    const parsed = file.version === null ? null : versions.get(file.version);
    if (parsed) entryFor(file.version!, parsed).files.push(file);
    if ((position + 1) % STEP_SIZE === 0) yield;
  }
  for (const version of details.listedVersions ?? []) {
    const parsed = versions.get(version);
    if (parsed) entryFor(version, parsed);
  }
  const entries = [...byVersion.values()].sort((a, b) => compareParsedVersions(a.parsed, b.parsed));
  yield;
  const releases: ProjectRelease[] = [];
  for (const [position, entry] of entries.entries()) {
    releases.push(toRelease(entry.version, entry.parsed, entry.files));
    if ((position + 1) % STEP_SIZE === 0) yield;
  }
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

/**
 * Files kept per release: a page may list thousands for one version (nightly builds), and nothing
 * needs them all. What the release says (yanked, requires-python, upload time) is computed from
 * every file; the kept ones are the first in page order, plus the file whose core metadata would be
 * fetched (the first wheel with metadata, else the first file with metadata).
 */
export const MAX_FILES_PER_RELEASE = 64;

function keptFiles(files: DistributionFile[]): DistributionFile[] {
  if (files.length <= MAX_FILES_PER_RELEASE) return files;
  const kept = files.slice(0, MAX_FILES_PER_RELEASE);
  const metadataFile = files.find((file) => file.kind === 'wheel' && file.coreMetadata !== false) ?? files.find((file) => file.coreMetadata !== false);
  if (metadataFile && !kept.includes(metadataFile)) kept[MAX_FILES_PER_RELEASE - 1] = metadataFile;
  return kept;
}

function toRelease(version: string, parsed: ParsedVersion, files: DistributionFile[]): ProjectRelease {
  const yanked = files.length > 0 && files.every((file) => file.yanked);
  let uploadTime: string | null = null;
  for (const file of files) if (file.uploadTime !== null && (uploadTime === null || file.uploadTime < uploadTime)) uploadTime = file.uploadTime;
  const release: ProjectRelease = {
    version,
    files: keptFiles(files),
    yanked,
    yankedReason: yanked ? (files.find((file) => file.yankedReason)?.yankedReason ?? null) : null,
    requiresPython: mostCommon(files.map((file) => file.requiresPython)),
    uploadTime,
    prerelease: isPrereleaseVersion(parsed),
  };
  if (release.files.length < files.length) release.omittedFiles = files.length - release.files.length;
  return release;
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
  versions?: PageVersions,
): DistributionFile {
  const { kind, version } = parseDistributionFilename(fields.filename, normalizedProject, versions?.isValid);
  // Spelled out rather than spread: one object shape for every file of a page.
  return {
    filename: fields.filename, url: fields.url, hashes: fields.hashes, kind, version, requiresPython: fields.requiresPython, yanked: fields.yanked,
    yankedReason: fields.yankedReason, coreMetadata: fields.coreMetadata, size: fields.size, uploadTime: fields.uploadTime,
  };
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
