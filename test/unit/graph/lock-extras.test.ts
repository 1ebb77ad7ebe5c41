/**
 * Lock edges keep the extras they ask for (`uvicorn[standard]`), and the graph follows them: the
 * extra switches on what the lock records for it (uv `[package.optional-dependencies]`, Poetry
 * optional dependencies, PDM's entry per extras combination).
 */
import { describe, expect, it } from 'vitest';
import { dependencyTree, graphFromLock, reverseDependencyTree, type TreeNode } from '../../../server/src/core/graph';
import { parsePdmLock } from '../../../server/src/core/formats/locks/pdm-lock';
import { parsePoetryLock } from '../../../server/src/core/formats/locks/poetry-lock';
import type { LockedPackage, ParsedFile } from '../../../server/src/core/model';
import { parseDocument } from '../../../server/src/core/parse';
import { TreeItemConverter } from '../../../server/src/lsp/tree-items';
import { fixtureText, LINUX_312, parseFixture, WINDOWS_39 } from './load-fixture';

const WINDOWS_312 = { ...WINDOWS_39, python_version: '3.12', python_full_version: '3.12.4' };

function outline(nodes: TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const extras = node.extras ? `[${node.extras.join(',')}]` : '';
    const flags = [node.repeated ? ' (*)' : '', ...(node.problems ?? []).map((problem) => ` !${problem.code}`)].join('');
    return [`${'  '.repeat(depth)}${node.name}${extras}==${node.version ?? 'MISSING'}${flags}`, ...outline(node.children, depth + 1)];
  });
}

function entries(file: ParsedFile, name: string): LockedPackage[] {
  return file.locked.filter((locked) => locked.name === name);
}

const LOCKS = [
  ['uv', 'extras-uv/uv.lock'],
  ['poetry', 'extras-poetry/poetry.lock'],
  ['pdm', 'extras-pdm/pdm.lock'],
  ['pylock', 'extras-pylock/pylock.toml'],
] as const;

describe('lock edges carry their extras', () => {
  it.each(LOCKS)('%s: every edge has an extras array', (_kind, path) => {
    const lock = parseFixture(path);
    expect(lock.errors).toEqual([]);
    const edges = lock.locked.flatMap((locked) => locked.dependencies);
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) expect(Array.isArray(edge.extras)).toBe(true);
  });

  it('uv.lock: `extra = [...]` on an edge, and `extras` in [package.metadata] requires-dist', () => {
    const [svc] = entries(parseFixture('extras-uv/uv.lock'), 'svc');
    expect(svc.dependencies.map((edge) => `${edge.name}[${edge.extras.join(',')}]`)).toEqual(['httpx[]', 'uvicorn[standard]']);
    expect(svc.metadata?.requiresDist.find((edge) => edge.name === 'uvicorn')?.extras).toEqual(['standard']);
  });

  it('poetry.lock: `extras = [...]` of a dependency table; [package.extras] kept; no doubled extra marker', () => {
    const lock = parseFixture('extras-poetry/poetry.lock');
    const [uvicorn] = entries(lock, 'uvicorn');
    expect(uvicorn.dependencies.find((edge) => edge.name === 'httptools')).toEqual({ name: 'httptools', specifier: '>=0.5.0', marker: 'extra == "standard"', extras: [] });
    expect(uvicorn.extraRequirements).toEqual({ standard: ['colorama', 'httptools', 'uvloop'] });
    expect(entries(lock, 'httpx')[0].extraRequirements).toEqual({ socks: ['socksio'] });
    const written = [
      '[[package]]', 'name = "app"', 'version = "1.0"', '', '[package.dependencies]',
      'uvicorn = {version = ">=0.30", extras = ["Standard", "standard", "HTTP_2"]}', '',
      '[metadata]', 'lock-version = "2.1"', 'python-versions = ">=3.10"', 'content-hash = "x"',
    ].join('\n');
    expect(parsePoetryLock(written, 'poetry.lock').locked[0].dependencies[0].extras).toEqual(['http-2', 'standard']);
  });

  it('pdm.lock: extras of a PEP 508 dependency, normalized and sorted; the entry of an extras combination', () => {
    const lock = parseFixture('extras-pdm/pdm.lock');
    const [plain, standard] = entries(lock, 'uvicorn');
    expect(plain.extras).toBeUndefined();
    expect(standard.extras).toEqual(['standard']);
    const written = '[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "app"\nversion = "1.0"\ndependencies = ["Uvicorn[Standard,b_x]>=0.30"]\n';
    expect(parsePdmLock(written, 'pdm.lock').locked[0].dependencies).toEqual([{ name: 'Uvicorn', specifier: '>=0.30', marker: null, extras: ['b-x', 'standard'] }]);
  });

  it('pylock.toml: PEP 751 dependencies name packages, never extras', () => {
    const lock = parseFixture('extras-pylock/pylock.toml');
    expect(entries(lock, 'uvicorn')[0].dependencies.map((edge) => edge.extras)).toEqual([[], [], [], []]);
  });
});

describe('the graph follows the extras of an edge', () => {
  const expectedLinux = [
    'uvicorn[standard]==0.30.0',
    '  click==8.1.7',
    '  h11==0.14.0',
    '  httptools==0.6.4',
    '  uvloop==0.21.0',
    'httpx==0.27.2',
    '  anyio==4.6.2',
  ];

  it.each([
    ['uv', 'extras-uv/uv.lock'],
    ['poetry', 'extras-poetry/poetry.lock'],
    ['pdm', 'extras-pdm/pdm.lock'],
  ] as const)('%s: uvicorn[standard] → its optional dependencies, per environment', (kind, path) => {
    const folder = path.slice(0, path.indexOf('/'));
    const graph = graphFromLock(parseFixture(path), parseFixture(`${folder}/pyproject.toml`));
    expect(outline(dependencyTree(graph, { target: LINUX_312 }).roots)).toEqual(expectedLinux);
    const windows = outline(dependencyTree(graph, { target: WINDOWS_312 }).roots);
    expect(windows.slice(0, 5)).toEqual(['uvicorn[standard]==0.30.0', '  click==8.1.7', kind === 'poetry' ? '  colorama==0.4.6' : '  h11==0.14.0', kind === 'poetry' ? '  h11==0.14.0' : '  colorama==0.4.6', '  httptools==0.6.4']);
    expect(windows).not.toContain('  uvloop==0.21.0');
    const why = reverseDependencyTree(graph, 'uvloop', { target: LINUX_312 }).roots[0].children;
    expect(why.map((child) => child.name)).toEqual(['uvicorn']);
    expect(why[0].marker).toContain('extra == "standard"');
    expect(why[0].children.map((child) => [child.declaration?.path, child.extras])).toEqual([[expect.stringMatching(/pyproject.toml$/), ['standard']]]);
  });

  it.each([
    ['uv', 'extras-uv'],
    ['poetry', 'extras-poetry'],
    ['pdm', 'extras-pdm'],
  ] as const)('%s: without the extra, none of its dependencies', (kind, folder) => {
    const manifestPath = `/graph/${folder}/pyproject.toml`;
    const manifest = parseDocument(manifestPath, fixtureText(`${folder}/pyproject.toml`).replace('uvicorn[standard]>=0.30', 'uvicorn>=0.30').replace(', extras = ["standard"]', ''))!;
    const lockPath = kind === 'uv' ? 'uv.lock' : kind === 'poetry' ? 'poetry.lock' : 'pdm.lock';
    const graph = graphFromLock(parseFixture(`${folder}/${lockPath}`), manifest);
    expect(outline(dependencyTree(graph, { target: null }).roots)).toEqual(['uvicorn==0.30.0', '  click==8.1.7', '  h11==0.14.0', 'httpx==0.27.2', '  anyio==4.6.2']);
  });

  it('pdm: an extras entry shares the node of its plain entry (one uvicorn, no self edge)', () => {
    const graph = graphFromLock(parseFixture('extras-pdm/pdm.lock'), parseFixture('extras-pdm/pyproject.toml'));
    expect(graph.byName.get('uvicorn')).toHaveLength(1);
    const uvicorn = graph.nodes[graph.byName.get('uvicorn')![0]];
    expect(uvicorn.edges.map((edge) => `${edge.name} ; ${edge.marker}`)).toEqual([
      'click ; null',
      'h11 ; null',
      'colorama ; extra == "standard" and sys_platform == "win32"',
      'httptools ; extra == "standard"',
      'uvloop ; extra == "standard" and (sys_platform != "cygwin" and sys_platform != "win32") and platform_python_implementation != "PyPy"',
    ]);
    // Without a manifest the roots are the packages nothing depends on: the extras entry is no extra root.
    expect(dependencyTree(graphFromLock(parseFixture('extras-pdm/pdm.lock')), { target: null }).roots.map((root) => root.name)).toEqual(['httpx', 'uvicorn']);
  });

  it('pylock: the root asks for the extra; PEP 751 edges lead to every locked dependency', () => {
    const graph = graphFromLock(parseFixture('extras-pylock/pylock.toml'), parseFixture('extras-pylock/pyproject.toml'));
    expect(outline(dependencyTree(graph, { target: LINUX_312 }).roots)).toEqual(expectedLinux);
  });

  it('the editor\'s tree items carry the extras (the view labels them `uvicorn[standard]`)', () => {
    const graph = graphFromLock(parseFixture('extras-pdm/pdm.lock'), parseFixture('extras-pdm/pyproject.toml'));
    const items = new TreeItemConverter(graph, (path) => fixtureText(path.replace('/graph/', ''))).convert(dependencyTree(graph, { target: LINUX_312 }).roots, true);
    expect(items.map((item) => [item.name, item.extras, item.children.length])).toEqual([['uvicorn', ['standard'], 4], ['httpx', undefined, 1]]);
  });

  it('uv without a manifest: the project asks for uvicorn[standard]', () => {
    const tree = dependencyTree(graphFromLock(parseFixture('extras-uv/uv.lock')), { target: LINUX_312 });
    expect(outline(tree.roots)).toEqual(['svc==0.1.0', ...expectedLinux.slice(5).map((line) => `  ${line}`), ...expectedLinux.slice(0, 5).map((line) => `  ${line}`)]);
  });
});
