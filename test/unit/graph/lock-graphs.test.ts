import { describe, expect, it } from 'vitest';
import { dependencyTree, findPackage, graphFromCompiledRequirements, graphFromLock, type TreeNode } from '../../../server/src/core/graph';
import { LINUX_312, parseFixture, WINDOWS_39 } from './load-fixture';

/** `name==version` lines, indented two spaces per level, with flags. */
function outline(nodes: TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const flags = [node.repeated ? '(*)' : '', node.cycle ? '(cycle)' : '', node.truncated ? '(...)' : '', ...(node.problems ?? []).map((problem) => `!${problem.code}`)].filter(Boolean);
    const line = `${'  '.repeat(depth)}${node.name}${node.extras ? `[${node.extras.join(',')}]` : ''}==${node.version ?? 'MISSING'}${flags.length ? ` ${flags.join(' ')}` : ''}`;
    return [line, ...outline(node.children, depth + 1)];
  });
}

describe('uv.lock graph', () => {
  const lock = parseFixture('uv-ml/uv.lock');
  const manifest = parseFixture('uv-ml/pyproject.toml');
  const graph = graphFromLock(lock, manifest);

  it('keeps every locked version, local tags included, with its index', () => {
    expect(findPackage(graph, 'NumPy').map((node) => node.version)).toEqual(['1.26.4', '2.1.1']);
    expect(findPackage(graph, 'torch').map((node) => [node.version, node.source])).toEqual([['2.5.1+cu124', 'https://download.pytorch.org/whl/cu124']]);
  });

  it('follows the fork of numpy that the target Python selects', () => {
    const tree = dependencyTree(graph, { target: LINUX_312, groups: ['main'] });
    expect(outline(tree.roots)).toEqual([
      'torch==2.5.1+cu124',
      '  typing-extensions==4.12.2',
      'numpy==2.1.1',
      'accelerate==0.33.0',
      '  numpy==2.1.1',
      '  torch==2.5.1+cu124 (*)',
      'pillow==11.0.0 !lock-mismatch',
    ]);
    const old = dependencyTree(graph, { target: WINDOWS_39, groups: ['main'] });
    expect(old.roots.find((root) => root.name === 'accelerate')?.children[0].version).toBe('1.26.4');
  });

  it('shows both forks for "any environment", and the declaring group and extras on roots', () => {
    const tree = dependencyTree(graph, { target: null });
    expect(tree.roots.map((root) => `${root.name} ${root.group}`)).toEqual([
      'torch main', 'numpy main', 'numpy main', 'accelerate main', 'pillow main', 'matplotlib-lite extra:plots', 'pytest group:dev',
    ]);
    expect(tree.roots.find((root) => root.name === 'pytest')?.children.map((child) => child.name)).toEqual(['colorama']);
    expect(dependencyTree(graph, { target: LINUX_312, groups: ['group:dev'] }).roots[0].children).toEqual([]);
  });

  it('gives roots their declaration and nodes their lock entry', () => {
    const torch = dependencyTree(graph, { target: LINUX_312 }).roots[0];
    expect(torch.declaration).toBeUndefined();
    expect(torch.location?.path).toBe('/graph/uv-ml/uv.lock');
    expect(torch.specifier).toBe('==2.5.1');
    expect(torch.problems).toBeUndefined(); // ==2.5.1 matches the local version 2.5.1+cu124
  });

  it('without a manifest, starts from the project package with all extras and groups', () => {
    const tree = dependencyTree(graphFromLock(lock), { target: LINUX_312 });
    expect(tree.roots.map((root) => `${root.name}==${root.version}`)).toEqual(['vision-lab==0.3.0']);
    expect(tree.roots[0].children.map((child) => child.name)).toEqual(['accelerate', 'numpy', 'pillow', 'torch', 'matplotlib-lite', 'pytest']);
  });

  it('limits the depth', () => {
    const tree = dependencyTree(graph, { target: LINUX_312, depth: 0, groups: ['main'] });
    expect(tree.roots.every((root) => root.children.length === 0)).toBe(true);
    expect(tree.roots.find((root) => root.name === 'accelerate')?.truncated).toBe(true);
  });
});

describe('poetry.lock graphs', () => {
  it('turns Poetry constraints into edges and flags an edge its target violates', () => {
    const graph = graphFromLock(parseFixture('poetry1/poetry.lock'), parseFixture('poetry1/pyproject.toml'));
    const tree = dependencyTree(graph, { target: LINUX_312 });
    expect(outline(tree.roots)).toEqual([
      'requests==2.32.3',
      '  certifi==2024.8.30',
      '  idna==4.0 !lock-conflict',
      'numpy==1.26.4 !lock-mismatch',
      'rich==MISSING !lock-missing',
      'pytest==8.3.3',
    ]);
    const idna = tree.roots[0].children[1];
    expect(idna.specifier).toBe('>=2.5,<4');
    expect(idna.problems?.[0].message).toBe('requests 2.32.3 requires idna>=2.5,<4, but idna 4.0 is locked');
  });

  it('evaluates Poetry markers for the target', () => {
    const graph = graphFromLock(parseFixture('poetry1/poetry.lock'), parseFixture('poetry1/pyproject.toml'));
    const pytestOn = (target: Record<string, string>) => dependencyTree(graph, { target, groups: ['poetry-group:dev'] }).roots[0].children.map((child) => child.name);
    expect(pytestOn(LINUX_312)).toEqual([]);
    expect(pytestOn({ ...WINDOWS_39, python_version: '3.10', python_full_version: '3.10.11' })).toEqual(['colorama', 'tomli']);
  });

  it('follows an optional dependency only when its extra is requested (lock 2.1 package markers)', () => {
    const graph = graphFromLock(parseFixture('poetry2/poetry.lock'), parseFixture('poetry2/pyproject.toml'));
    const tree = dependencyTree(graph, { target: LINUX_312 });
    expect(tree.roots.map((root) => `${root.name}==${root.version} ${root.group}`)).toEqual([
      'httpx==0.27.2 main', 'anyio==4.6.2 main', 'uvloop==0.21.0 extra:fast', 'pytest==8.3.3 poetry-group:dev',
    ]);
    expect(outline(tree.roots[0].children)).toEqual(['anyio==4.6.2', '  idna==3.10', '  sniffio==1.3.1', 'idna==3.10', 'sniffio==1.3.1']);
  });
});

describe('pdm.lock, pylock.toml and pip-compile graphs', () => {
  it('reads PEP 508 dependencies of pdm.lock', () => {
    const graph = graphFromLock(parseFixture('pdm/pdm.lock'), parseFixture('pdm/pyproject.toml'));
    expect(outline(dependencyTree(graph, { target: LINUX_312 }).roots)).toEqual([
      'fastapi==0.115.0',
      '  pydantic==2.9.2',
      '    annotated-types==0.7.0',
      '  starlette==0.40.0 !lock-conflict',
      'pydantic==2.9.2 (*)',
      'ruff==MISSING !lock-missing',
    ]);
  });

  it('resolves pylock.toml edges by name and version, and drops roots whose marker is false', () => {
    const graph = graphFromLock(parseFixture('pylock/pylock.toml'), parseFixture('pylock/pyproject.toml'));
    expect(outline(dependencyTree(graph, { target: LINUX_312 }).roots)).toEqual(['cattrs==24.1.2', '  attrs==24.2.0']);
    expect(outline(dependencyTree(graph, { target: WINDOWS_39 }).roots)).toEqual(['cattrs==24.1.2', '  attrs==24.2.0', 'pywin32==308']);
    expect(outline(dependencyTree(graphFromLock(parseFixture('pylock/pylock.toml')), { target: null }).roots)).toEqual(['cattrs==24.1.2', '  attrs==24.2.0', 'pywin32==308']);
  });

  it('turns `# via` annotations into edges, with the .in file or the annotations as roots', () => {
    const compiled = parseFixture('pip-compile/requirements.txt');
    const expected = [
      'flask==2.3.3',
      '  blinker==1.8.2',
      '  click==8.1.7',
      '  itsdangerous==2.2.0',
      '  jinja2==3.1.4',
      '    markupsafe==3.0.2',
      '  werkzeug==3.0.6',
      '    markupsafe==3.0.2',
      'requests==2.32.3',
      '  certifi==2024.8.30',
      '  charset-normalizer==3.4.0',
      '  idna==3.10',
      '  urllib3==2.2.3',
    ];
    expect(outline(dependencyTree(graphFromCompiledRequirements(compiled), { target: null }).roots)).toEqual(expected);
    const withInput = dependencyTree(graphFromCompiledRequirements(compiled, parseFixture('pip-compile/requirements.in')), { target: null });
    expect(withInput.roots.map((root) => `${root.name}==${root.version}${root.problems ? ` !${root.problems[0].code}` : ''}`)).toEqual(['requests==2.32.3', 'flask==2.3.3 !lock-mismatch']);
  });
});
