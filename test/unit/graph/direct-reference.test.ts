/**
 * Direct references in the dependency tree: a package from a repository, a local path or an
 * archive URL is told apart from one of an index, whether the lockfile, the manifest or an
 * installed direct_url.json says where it comes from.
 */
import { describe, expect, it } from 'vitest';
import { dependencyTree, directReferenceOf, graphFromLock, reverseDependencyTree } from '../../../server/src/core/graph';
import { parseFixture } from './load-fixture';

describe('directReferenceOf', () => {
  it.each([
    // VCS URLs as pip, uv, Poetry, PDM and pylock write them
    ['git+https://github.com/org/repo@v1.0', false, { kind: 'vcs', vcs: 'git', url: 'https://github.com/org/repo@v1.0' }],
    ['hg+https://hg.example.com/repo', false, { kind: 'vcs', vcs: 'hg', url: 'https://hg.example.com/repo' }],
    ['https://github.com/org/repo?rev=v1#0123456789abcdef0123456789abcdef01234567', false, { kind: 'vcs', vcs: 'git', url: 'https://github.com/org/repo?rev=v1#0123456789abcdef0123456789abcdef01234567' }],
    ['https://git.example.com/org/repo.git', false, { kind: 'vcs', vcs: 'git', url: 'https://git.example.com/org/repo.git' }],
    ['https://gitlab.com/org/repo', false, { kind: 'vcs', vcs: 'git', url: 'https://gitlab.com/org/repo' }],
    ['git@github.com:org/repo.git', false, { kind: 'vcs', vcs: 'git', url: 'git@github.com:org/repo.git' }],
    // local paths
    ['../libs/core', false, { kind: 'path', url: '../libs/core' }],
    ['dist/pkg-1.0-py3-none-any.whl', false, { kind: 'path', url: 'dist/pkg-1.0-py3-none-any.whl' }],
    ['C:\\work\\pkg', false, { kind: 'path', url: 'C:\\work\\pkg' }],
    ['file:///home/me/pkg', true, { kind: 'path', url: 'file:///home/me/pkg' }],
    ['editable:../libs/core', false, { kind: 'path', url: '../libs/core', editable: true }],
    ['editable:file:///home/me/pkg', true, { kind: 'path', url: 'file:///home/me/pkg', editable: true }],
    ['virtual:.', false, { kind: 'path', url: '.' }],
    // archive URLs
    ['https://files.example.com/pkg-1.0.tar.gz', false, { kind: 'url', url: 'https://files.example.com/pkg-1.0.tar.gz' }],
    ['https://github.com/org/repo/archive/v1.0.zip', false, { kind: 'url', url: 'https://github.com/org/repo/archive/v1.0.zip' }],
    ['https://example.com/download/pkg', true, { kind: 'url', url: 'https://example.com/download/pkg' }],
  ] as const)('%s (direct: %s)', (source, direct, expected) => {
    expect(directReferenceOf(source, direct)).toEqual(expected);
  });

  it('an index URL in a lockfile is no direct reference', () => {
    for (const source of ['https://pypi.org/simple', 'https://download.pytorch.org/whl/cu124', 'https://pypi.internal.example.com/simple/', null, '']) {
      expect(directReferenceOf(source, false)).toBeUndefined();
    }
  });
});

describe('direct references in trees', () => {
  const graph = graphFromLock(parseFixture('tree-marks/uv.lock'), parseFixture('tree-marks/pyproject.toml'));

  it('forward roots: git (declared with a PEP 508 URL), an editable path (uv source), an archive URL; index packages unmarked', () => {
    const roots = dependencyTree(graph, { target: null }).roots;
    const kinds = roots.map((root) => `${root.name}: ${root.reference ? `${root.reference.vcs ?? root.reference.kind}${root.reference.editable ? ' (editable)' : ''}` : '-'}`);
    expect(kinds).toEqual(['pillow: -', 'money-utils: git', 'ledger-core: path (editable)', 'fastmath: url', 'tomli: -', 'pillow: -', 'pdoc: -', 'pytest: -']);
  });

  it('forward roots carry their own declaration, also when a package is declared twice', () => {
    const pillows = dependencyTree(graph, { target: null }).roots.filter((root) => root.name === 'pillow');
    expect(pillows.map((root) => root.declaredAt?.span?.start)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(pillows[0].declaredAt?.span?.start).not.toBe(pillows[1].declaredAt?.span?.start);
  });

  it('the reverse tree marks the package asked about', () => {
    expect(reverseDependencyTree(graph, 'money-utils', { target: null }).roots[0].reference).toMatchObject({ kind: 'vcs', vcs: 'git' });
  });
});
