/**
 * PEP 691 JSON project pages (`application/vnd.pypi.simple.v1+json`), with the PEP 700 (`versions`,
 * `size`, `upload-time`), PEP 592 (`yanked`: true or a reason string) and PEP 658/714 keys
 * (`core-metadata`, older `dist-info-metadata`: true or a hashes object).
 * Never throws: text that is not a PEP 691 page gives `{ value: null, error }`.
 */
import {
  buildProjectPageSteps, makeDistributionFile, PageVersions, resolveLink, runSteps, STEP_SIZE, type DistributionFile, type PageParseResult, type PageSteps,
} from './project-page';
import { normalizeName } from '../names';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function hashesOf(value: unknown): Record<string, string> {
  const hashes: Record<string, string> = {};
  if (isObject(value)) for (const [name, digest] of Object.entries(value)) if (typeof digest === 'string') hashes[name.toLowerCase()] = digest;
  return hashes;
}

/** `pageUrl` is the final URL of the response (after redirects): relative file URLs resolve against it. */
export function parseSimpleJson(text: string, pageUrl: string, requestedName: string): PageParseResult {
  return runSteps(simpleJsonSteps(text, pageUrl, requestedName));
}

/**
 * parseSimpleJson in steps (see PageSteps): a caller may yield to its event loop between them.
 * Each distinct version is parsed once per page (PageVersions).
 */
export function* simpleJsonSteps(text: string, pageUrl: string, requestedName: string): PageSteps {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { value: null, error: `invalid JSON: ${(error as Error).message}` };
  }
  if (!isObject(data) || !Array.isArray(data.files)) return { value: null, error: 'not a PEP 691 project page (no "files" list)' };
  const meta = isObject(data.meta) ? data.meta : {};
  const apiVersion = stringOrNull(meta['api-version']);
  // PEP 691: a client must not try to read a major version it does not know.
  if (apiVersion && !apiVersion.startsWith('1.') && apiVersion !== '1') return { value: null, error: `unsupported api-version ${apiVersion}` };
  const name = stringOrNull(data.name) ?? requestedName;
  const normalizedProject = normalizeName(name);
  const versions = new PageVersions();
  const files: DistributionFile[] = [];
  for (const [position, entry] of (data.files as unknown[]).entries()) {
    const file = fileFromJson(entry, pageUrl, normalizedProject, versions);
    if (file) files.push(file);
    if ((position + 1) % STEP_SIZE === 0) yield;
  }
  const listedVersions = Array.isArray(data.versions) ? data.versions.filter((version): version is string => typeof version === 'string') : undefined;
  const status = isObject(data['project-status']) ? stringOrNull(data['project-status'].status) : null;
  const project = yield* buildProjectPageSteps(name, files, { format: 'json', apiVersion, projectStatus: status ?? stringOrNull(meta['project-status']), listedVersions }, versions);
  return { value: project, error: null };
}

function fileFromJson(entry: unknown, pageUrl: string, normalizedProject: string, versions: PageVersions): DistributionFile | null {
  if (!isObject(entry) || typeof entry.filename !== 'string' || typeof entry.url !== 'string') return null;
  const url = resolveLink(entry.url, pageUrl);
  if (!url) return null;
  const yanked = entry.yanked === true || (typeof entry.yanked === 'string');
  const metadata = entry['core-metadata'] ?? entry['dist-info-metadata'] ?? entry['data-dist-info-metadata'];
  return makeDistributionFile(normalizedProject, {
    filename: entry.filename,
    url: url.split('#', 1)[0],
    hashes: hashesOf(entry.hashes),
    requiresPython: stringOrNull(entry['requires-python']) || null,
    yanked,
    yankedReason: yanked && typeof entry.yanked === 'string' && entry.yanked ? entry.yanked : null,
    coreMetadata: metadata === true ? { hashes: {} } : isObject(metadata) ? { hashes: hashesOf(metadata) } : false,
    size: typeof entry.size === 'number' ? entry.size : null,
    uploadTime: stringOrNull(entry['upload-time']),
  }, versions);
}
