/**
 * The local index server's data (test/index-server/data) covers what the demo and the UI tests
 * show: every package of the example projects (each manifest, requirements file and lockfile
 * under examples/) and every package named in the code blocks of README.md and
 * examples/README.md is on the index it comes from, and that index's newest release is at least
 * every version the examples lock or pin. A PyTorch local version (`2.6.0+cu124`) must be on the
 * CUDA / CPU index its lock entry names, build included.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directReferenceOf } from '../../../server/src/core/graph';
import type { ParsedFile } from '../../../server/src/core/model';
import { normalizeName } from '../../../server/src/core/names';
import { parseDocument } from '../../../server/src/core/parse';
import { compareVersions } from '../../../server/src/core/pep440';
import { loadFixtureProjects } from '../../index-server/fixture-data';

const ROOT = process.cwd();
const EXAMPLES = join(ROOT, 'examples');

/** index ('pypi', 'pytorch-cu124', 'pytorch-cpu', 'private') → normalized name → versions. */
const LOCAL_INDEX = new Map<string, Map<string, string[]>>();
for (const project of loadFixtureProjects()) {
  const names = LOCAL_INDEX.get(project.index) ?? new Map<string, string[]>();
  LOCAL_INDEX.set(project.index, names);
  names.set(normalizeName(project.name), project.releases.map((release) => release.version));
}

/** The local index that stands for an index URL of the examples (as `npm run demo` points them). */
function localIndexOf(url: string | null): string {
  if (!url || /(^|\/\/)pypi\.org\//.test(`${url}/`)) return 'pypi';
  if (/download\.pytorch\.org\/whl\/cu124\b/.test(url)) return 'pytorch-cu124';
  if (/download\.pytorch\.org\/whl\/cpu\b/.test(url)) return 'pytorch-cpu';
  if (/pypi\.internal\.example\.com/.test(url)) return 'private';
  return `unknown index ${url}`;
}

function newest(versions: readonly string[]): string {
  return [...versions].sort(compareVersions).at(-1)!;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Package names in the JSON and plain-text code blocks of a Markdown file (CLI output, JSON output). */
export function codeBlockPackageNames(markdown: string): string[] {
  const names = new Set<string>();
  const blocks = markdown.matchAll(/^```([\w-]*)\n([\s\S]*?)^```/gm);
  for (const [, language, body] of blocks) {
    if (language === 'json') {
      for (const match of body.matchAll(/"(?:name|package)":\s*"([A-Za-z0-9][A-Za-z0-9._-]*)"/g)) names.add(normalizeName(match[1]));
    } else if (language === '' || language === 'text') {
      for (const match of body.matchAll(/(?:^|[\s─])([A-Za-z0-9][A-Za-z0-9._-]*)==\d/gm)) names.add(normalizeName(match[1]));
      for (const match of body.matchAll(/\[requires: ([A-Za-z0-9][A-Za-z0-9._-]*)/g)) names.add(normalizeName(match[1]));
    }
  }
  return [...names].sort();
}

interface Need {
  where: string;
  name: string;
  /** The indexes it may come from (one of them must have it). */
  indexes: string[];
  /** A locked or pinned version the index must reach; `exact`: that very build must be there. */
  version?: string;
  exact?: boolean;
}

function needsOfFile(file: ParsedFile, where: string): Need[] {
  const needs: Need[] = [];
  const declared = new Map(file.indexes.filter((index) => index.name).map((index) => [index.name!, index.url]));
  for (const requirement of file.requirements) {
    if (requirement.url || requirement.normalizedName === '') continue; // git, path and URL references
    const indexes = requirement.index ? requirement.index.split(' | ').map((name) => localIndexOf(declared.get(name) ?? name)) : ['pypi'];
    const pinned = /^===?([^,*;]+)$/.exec(requirement.specifier)?.[1];
    for (const index of requirement.index ? indexes : ['pypi']) needs.push({ where, name: requirement.normalizedName, indexes: [index], ...(pinned ? { version: pinned } : {}) });
  }
  for (const locked of file.locked) {
    if (directReferenceOf(locked.source, false)) continue; // the project itself, git and path sources
    const index = localIndexOf(locked.source);
    needs.push({ where, name: locked.normalizedName, indexes: [index], version: locked.version, exact: locked.version.includes('+') });
  }
  return needs;
}

function problemsOf(need: Need): string[] {
  const found = need.indexes.map((index) => LOCAL_INDEX.get(index)?.get(need.name)).find((versions) => versions !== undefined);
  if (!found) return [`${need.where}: ${need.name} is on none of ${need.indexes.join(', ')}`];
  const problems: string[] = [];
  if (need.version && compareVersions(newest(found), need.version) < 0) problems.push(`${need.where}: ${need.name} ${need.version} is newer than the index's newest ${newest(found)} (${need.indexes.join(', ')})`);
  if (need.version && need.exact && !found.includes(need.version)) problems.push(`${need.where}: ${need.name} ${need.version} is not on ${need.indexes.join(', ')}`);
  return problems;
}

const exampleFiles = filesUnder(EXAMPLES);
const markdownFiles = [join(ROOT, 'README.md'), ...exampleFiles.filter((path) => path.endsWith('.md'))];

describe('the local index covers the examples and the README', () => {
  it('finds the example files and the README names (the check is not vacuous)', () => {
    const parsed = exampleFiles.filter((path) => parseDocument(path, readFileSync(path, 'utf8')) !== null).map((path) => relative(ROOT, path));
    expect(parsed).toEqual(expect.arrayContaining(['examples/uv-ml/uv.lock', 'examples/poetry-app/poetry.lock', 'examples/pip-compile/requirements/dev.txt']));
    expect(codeBlockPackageNames(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toEqual(expect.arrayContaining(['django', 'numpy', 'torch', 'torchvision']));
  });

  it('reads names from JSON and CLI-output code blocks, not from editor configurations', () => {
    const markdown = '```json\n{"name": "Flask", "package": "idna"}\n```\n```\nrequests==2.32.3\n├── urllib3==2.2.3 [requires: certifi]\n```\n```toml\nname = "toml"\n```\n';
    expect(codeBlockPackageNames(markdown)).toEqual(['certifi', 'flask', 'idna', 'requests', 'urllib3']);
  });

  it.each(exampleFiles.filter((path) => !path.endsWith('.md')).map((path) => relative(ROOT, path)))('%s: every package on its index, new enough', (path) => {
    const parsed = parseDocument(join(ROOT, path), readFileSync(join(ROOT, path), 'utf8'));
    if (!parsed) return;
    expect(needsOfFile(parsed, path).flatMap(problemsOf)).toEqual([]);
  });

  it.each(markdownFiles.map((path) => relative(ROOT, path)))('%s: every package of its code blocks is on the index', (path) => {
    const names = codeBlockPackageNames(readFileSync(join(ROOT, path), 'utf8'));
    expect(names.flatMap((name) => problemsOf({ where: path, name, indexes: ['pypi', 'pytorch-cu124', 'pytorch-cpu'] }))).toEqual([]);
  });

  it('a package a demo user types first: transformers', () => {
    expect(problemsOf({ where: 'demo', name: 'transformers', indexes: ['pypi'] })).toEqual([]);
  });
});
