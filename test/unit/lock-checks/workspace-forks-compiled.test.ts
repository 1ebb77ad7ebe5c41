import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import { dependencyTree, reverseDependencyTree } from '../../../server/src/core/graph';
import type { Finding } from '../../../server/src/core/model';
import { lockGraphOf, treeSourcesOfFile } from '../../../server/src/core/tree-sources';
import { fixtureText, LINUX_312 } from '../graph/load-fixture';

const lockFindings = (findings: Finding[]) => findings.filter((finding) => finding.code.startsWith('lock-'));
const spanText = (text: string, finding: Finding) => text.slice(finding.span.start, finding.span.end);

/** The fixture folder's files served under /ws/. */
function served(folder: string, files: string[], overrides: Record<string, string> = {}): Record<string, string> {
  const map: Record<string, string> = {};
  for (const file of files) map[`/ws/${file}`] = fixtureText(`${folder}/${file}`);
  return Object.assign(map, overrides);
}

function analyse(files: Record<string, string>, path: string, context = {}) {
  const text = files[path];
  return { text, analysis: analyzeDocument(path, text, new MapFileSource(files), undefined, context)! };
}

const WORKSPACE = ['pyproject.toml', 'uv.lock', 'packages/core/pyproject.toml', 'packages/cli/pyproject.toml'];
const MEMBER = '/ws/packages/core/pyproject.toml';

describe('uv workspace members are compared with the root uv.lock', () => {
  it('finds the root lock two folders up and adds it to the dependencies; a member as locked has no findings', () => {
    const { analysis } = analyse(served('uv-workspace', WORKSPACE), MEMBER);
    expect(analysis.dependencies).toContain('/ws/uv.lock');
    expect(lockFindings(analysis.findings)).toEqual([]);
  });

  it('reports lock-mismatch, lock-missing and lock-stale against the member\'s [package.metadata]', () => {
    const edited = fixtureText('uv-workspace/packages/core/pyproject.toml')
      .replace('"httpx>=0.27"', '"httpx>=0.28"')
      .replace('"attrs>=24"', '"attrs>=23",\n    "rich>=13"');
    const { analysis, text } = analyse(served('uv-workspace', WORKSPACE, { [MEMBER]: edited }), MEMBER);
    expect(lockFindings(analysis.findings).map((finding) => [finding.code, spanText(text, finding)])).toEqual([
      ['lock-mismatch', 'httpx>=0.28'],
      ['lock-stale', 'attrs>=23'],
      ['lock-missing', 'rich>=13'],
    ]);
    const stale = analysis.findings.find((finding) => finding.code === 'lock-stale')!;
    expect(stale.related![0].path).toBe('/ws/uv.lock');
  });

  it('says so when the root globs include a member the lock does not have yet', () => {
    const { analysis, text } = analyse(served('uv-workspace', WORKSPACE), '/ws/packages/cli/pyproject.toml');
    const found = lockFindings(analysis.findings);
    expect(found.map((finding) => [finding.code, spanText(text, finding)])).toEqual([['lock-stale', '[project]']]);
    expect(found[0].message).toBe('uv.lock of the uv workspace does not lock atlas-cli yet; run `uv lock`');
    expect(analysis.dependencies).toEqual(expect.arrayContaining(['/ws/uv.lock', '/ws/pyproject.toml']));
  });

  it('ignores a parent uv.lock of another project', () => {
    const files = served('uv-workspace', ['packages/cli/pyproject.toml'], { '/ws/uv.lock': fixtureText('uv-ml/uv.lock') });
    const { analysis } = analyse(files, '/ws/packages/cli/pyproject.toml');
    expect(lockFindings(analysis.findings)).toEqual([]);
  });

  it('builds the member\'s tree from the root lock', () => {
    const files = new MapFileSource(served('uv-workspace', WORKSPACE));
    const sources = treeSourcesOfFile(MEMBER, files)!;
    expect(sources.lock?.path).toBe('/ws/uv.lock');
    const tree = dependencyTree(lockGraphOf(sources)!, { target: LINUX_312 });
    expect(tree.roots.map((root) => `${root.name}==${root.version} [${root.children.map((child) => child.name).join(',')}]`)).toEqual([
      'httpx==0.27.2 [anyio,idna]',
      'attrs==24.2.0 []',
    ]);
  });
});

describe('uv.lock requires-python and forks', () => {
  const UV = ['pyproject.toml', 'uv.lock'];

  it('reports lock-stale on requires-python when the pyproject allows other Pythons than the lock', () => {
    const edited = fixtureText('uv-ml/pyproject.toml').replace('requires-python = ">=3.9"', 'requires-python = ">=3.10"');
    const { analysis, text } = analyse(served('uv-ml', UV, { '/ws/pyproject.toml': edited }), '/ws/pyproject.toml');
    const stale = analysis.findings.filter((finding) => finding.code === 'lock-stale');
    expect(stale.map((finding) => [spanText(text, finding), finding.message])).toEqual([
      ['>=3.10', 'uv.lock is out of date: it was locked for requires-python >=3.9, the pyproject now says >=3.10; run `uv lock`'],
    ]);
  });

  it('takes an equivalent requires-python as the same', () => {
    const edited = fixtureText('uv-ml/pyproject.toml').replace('requires-python = ">=3.9"', 'requires-python = ">= 3.9.0"');
    const { analysis } = analyse(served('uv-ml', UV, { '/ws/pyproject.toml': edited }), '/ws/pyproject.toml');
    expect(analysis.findings.filter((finding) => finding.code === 'lock-stale' && finding.message.includes('requires-python'))).toEqual([]);
  });

  it('requires every forked version whose marker overlaps the declaration to satisfy it', () => {
    const edited = fixtureText('uv-ml/pyproject.toml').replace('"numpy>=1.26"', '"numpy>=2"');
    const { analysis, text } = analyse(served('uv-ml', UV, { '/ws/pyproject.toml': edited }), '/ws/pyproject.toml');
    const mismatches = analysis.findings.filter((finding) => finding.code === 'lock-mismatch' && finding.package === 'numpy');
    expect(mismatches.map((finding) => [spanText(text, finding), finding.message])).toEqual([
      ['numpy>=2', "numpy>=2 is declared, but uv.lock locks numpy 1.26.4 for python_full_version < '3.10'"],
    ]);
    expect(mismatches[0].related).toHaveLength(1);
  });

  it('accepts a declaration whose marker keeps it out of the older fork, and follows the target environment', () => {
    const marked = fixtureText('uv-ml/pyproject.toml').replace('"numpy>=1.26"', '"numpy>=2; python_version >= \'3.10\'"');
    const { analysis } = analyse(served('uv-ml', UV, { '/ws/pyproject.toml': marked }), '/ws/pyproject.toml');
    expect(analysis.findings.filter((finding) => finding.code === 'lock-mismatch' && finding.package === 'numpy')).toEqual([]);
    const unmarked = fixtureText('uv-ml/pyproject.toml').replace('"numpy>=1.26"', '"numpy>=2"');
    const onLinux312 = analyse(served('uv-ml', UV, { '/ws/pyproject.toml': unmarked }), '/ws/pyproject.toml', { targetEnvironment: LINUX_312 }).analysis;
    expect(onLinux312.findings.filter((finding) => finding.code === 'lock-mismatch' && finding.package === 'numpy')).toEqual([]);
  });
});

describe('a requirements.txt compiled from pyproject.toml is its lock', () => {
  const FILES = ['pyproject.toml', 'requirements.txt'];

  it('compares the groups compiled in, not extras or dependency groups left out', () => {
    const { analysis, text } = analyse(served('pip-compile-pyproject', FILES), '/ws/pyproject.toml');
    expect(analysis.dependencies).toContain('/ws/requirements.txt');
    expect(lockFindings(analysis.findings).map((finding) => [finding.code, spanText(text, finding)])).toEqual([['lock-mismatch', 'rich>=14']]);
  });

  it('compiles extras named on the header command line', () => {
    const compiled = fixtureText('pip-compile-pyproject/requirements.txt').replace('pip-compile --output-file', 'pip-compile --extra=docs --output-file');
    const { analysis, text } = analyse(served('pip-compile-pyproject', FILES, { '/ws/requirements.txt': compiled }), '/ws/pyproject.toml');
    expect(lockFindings(analysis.findings).map((finding) => [finding.code, spanText(text, finding)])).toContainEqual(['lock-missing', 'sphinx>=8']);
  });

  it('leaves a requirements.txt that was not compiled from the pyproject alone', () => {
    const plain = 'requests==2.0.0\nrich==13.9.4\n';
    const { analysis } = analyse(served('pip-compile-pyproject', ['pyproject.toml'], { '/ws/requirements.txt': plain }), '/ws/pyproject.toml');
    expect(lockFindings(analysis.findings)).toEqual([]);
  });

  it('builds the tree from it, keeping the markers of compiled lines', () => {
    const sources = treeSourcesOfFile('/ws/pyproject.toml', new MapFileSource(served('pip-compile-pyproject', FILES)))!;
    const graph = lockGraphOf(sources)!;
    expect(graph.kind).toBe('pip-compile');
    expect(graph.roots.map((root) => root.name)).toEqual(['requests', 'torch', 'rich']);
    const torch = graph.nodes.find((node) => node.name === 'torch')!;
    expect(torch.marker).toBe('sys_platform == "linux"');
    expect(torch.edges.map((edge) => [edge.name, edge.marker])).toEqual([['typing-extensions', 'sys_platform == "linux"']]);
    const windows = { ...LINUX_312, sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt' };
    expect(reverseDependencyTree(graph, 'typing-extensions', { target: windows }).roots).toEqual([]);
    expect(reverseDependencyTree(graph, 'typing-extensions', { target: LINUX_312 }).roots).toHaveLength(1);
  });
});
