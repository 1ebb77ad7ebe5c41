/**
 * The local index server's data: one compact JSON description per project in ./data (our own
 * writing, modeled on real pypi.org and download.pytorch.org responses), expanded into PEP 691
 * JSON, PEP 503 HTML, PEP 658 metadata files and PyPI JSON API responses.
 *
 * A release's `files` entries are wheel tags (`py3-none-any`, `cp311-cp311-linux_x86_64`),
 * `sdist`, or full filenames. Hashes are the sha256 of the filename (the files are not served).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixtureRelease {
  version: string;
  requiresPython?: string | null;
  uploadTime?: string | null;
  files: string[];
  /** true or a reason: every file of the release is yanked (PEP 592). */
  yanked?: boolean | string;
  requiresDist?: string[];
}

export interface FixtureProject {
  name: string;
  /** 'pypi', 'pytorch-cu124' or 'private'. */
  index: string;
  summary?: string;
  projectUrls?: Record<string, string>;
  releases: FixtureRelease[];
}

export interface FixtureFile {
  filename: string;
  release: FixtureRelease;
  sha256: string;
}

export const DATA_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'data');

export function loadFixtureProjects(directory = DATA_DIRECTORY): FixtureProject[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as FixtureProject);
}

export function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function filesOf(project: FixtureProject): FixtureFile[] {
  const wheelName = normalize(project.name).replace(/-/g, '_');
  return project.releases.flatMap((release) =>
    release.files.map((entry) => {
      const filename = entry === 'sdist' ? `${wheelName}-${release.version}.tar.gz` : entry.includes('.') && /\.(whl|tar\.gz|zip)$/.test(entry) ? entry : `${wheelName}-${release.version}-${entry}.whl`;
      return { filename, release, sha256: createHash('sha256').update(filename).digest('hex') };
    }),
  );
}

export function metadataText(project: FixtureProject, release: FixtureRelease): string {
  const lines = ['Metadata-Version: 2.1', `Name: ${project.name}`, `Version: ${release.version}`];
  if (project.summary) lines.push(`Summary: ${project.summary}`);
  for (const [label, url] of Object.entries(project.projectUrls ?? {})) lines.push(`Project-URL: ${label}, ${url}`);
  if (release.requiresPython) lines.push(`Requires-Python: ${release.requiresPython}`);
  const extras = new Set<string>();
  for (const requirement of release.requiresDist ?? []) {
    const extra = /extra == "([^"]+)"/.exec(requirement);
    if (extra) extras.add(extra[1]);
  }
  for (const extra of extras) lines.push(`Provides-Extra: ${extra}`);
  for (const requirement of release.requiresDist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  lines.push('Description-Content-Type: text/markdown', '', `# ${project.name}`, '', project.summary ?? '', '');
  return lines.join('\n');
}

function yankedValue(release: FixtureRelease): boolean | string {
  return release.yanked ?? false;
}

/** PEP 691 JSON (api-version 1.1, PEP 700 keys). `fileBase` is the absolute URL of the files folder. */
export function simpleJson(project: FixtureProject, fileBase: string): string {
  const files = filesOf(project).map((file) => ({
    filename: file.filename,
    url: fileBase + encodeURIComponent(file.filename),
    hashes: { sha256: file.sha256 },
    'requires-python': file.release.requiresPython ?? null,
    'core-metadata': { sha256: createHash('sha256').update(metadataText(project, file.release)).digest('hex') },
    'data-dist-info-metadata': { sha256: createHash('sha256').update(metadataText(project, file.release)).digest('hex') },
    size: 1000 + file.filename.length,
    'upload-time': file.release.uploadTime ?? undefined,
    yanked: yankedValue(file.release),
  }));
  return JSON.stringify({ meta: { 'api-version': '1.1', '_last-serial': 1 }, name: normalize(project.name), files, versions: project.releases.map((release) => release.version) });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** PEP 503 HTML with relative file links (`fileBase` relative to the page), as legacy indexes serve it. */
export function simpleHtml(project: FixtureProject, fileBase: string): string {
  const anchors = filesOf(project).map((file) => {
    const attributes = [`href="${fileBase}${encodeURIComponent(file.filename)}#sha256=${file.sha256}"`];
    if (file.release.requiresPython) attributes.push(`data-requires-python="${escapeHtml(file.release.requiresPython)}"`);
    const yanked = yankedValue(file.release);
    if (yanked !== false) attributes.push(yanked === true ? 'data-yanked' : `data-yanked="${escapeHtml(yanked)}"`);
    const metadataHash = createHash('sha256').update(metadataText(project, file.release)).digest('hex');
    attributes.push(`data-dist-info-metadata="sha256=${metadataHash}"`, `data-core-metadata="sha256=${metadataHash}"`);
    return `    <a ${attributes.join(' ')}>${escapeHtml(file.filename)}</a><br />`;
  });
  return [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    '    <meta name="pypi:repository-version" content="1.1">',
    `    <title>Links for ${escapeHtml(normalize(project.name))}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${escapeHtml(normalize(project.name))}</h1>`,
    ...anchors,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/** PyPI JSON API (`/pypi/<name>/json`), trimmed to the keys clients read. */
export function pypiJson(project: FixtureProject, fileBase: string): string {
  const latest = [...project.releases].reverse().find((release) => !release.yanked && !/[a-z]/i.test(release.version)) ?? project.releases.at(-1);
  const releases: Record<string, unknown[]> = {};
  for (const release of project.releases) releases[release.version] = [];
  for (const file of filesOf(project)) {
    releases[file.release.version].push({
      filename: file.filename,
      url: fileBase + encodeURIComponent(file.filename),
      digests: { sha256: file.sha256 },
      requires_python: file.release.requiresPython ?? null,
      upload_time_iso_8601: file.release.uploadTime ?? null,
      yanked: file.release.yanked !== undefined && file.release.yanked !== false,
      yanked_reason: typeof file.release.yanked === 'string' ? file.release.yanked : null,
    });
  }
  return JSON.stringify({
    info: {
      name: project.name,
      version: latest?.version ?? null,
      summary: project.summary ?? null,
      home_page: project.projectUrls?.Homepage ?? '',
      project_urls: project.projectUrls ?? null,
      requires_python: latest?.requiresPython ?? null,
      requires_dist: latest?.requiresDist ?? null,
      yanked: false,
    },
    releases,
    urls: latest ? releases[latest.version] : [],
  });
}

export function rootHtml(projects: FixtureProject[]): string {
  const anchors = projects.map((project) => `    <a href="${normalize(project.name)}/">${escapeHtml(project.name)}</a>`);
  return ['<!DOCTYPE html>', '<html>', '  <body>', ...anchors, '  </body>', '</html>', ''].join('\n');
}
