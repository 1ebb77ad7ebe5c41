import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';
import { describeRequirement, parseFixture, slice } from './helpers';

describe('pyproject: Poetry', () => {
  const { text, file } = parseFixture('poetry-app.toml');
  const byName = (name: string) => file.requirements.filter((r) => r.name === name);

  it('reads dependencies, groups and legacy dev-dependencies in document order', () => {
    expect(file.requirements.map((r) => [r.group, r.name, r.constraint, r.specifier])).toEqual([
      ['main', 'requests', '^2.31', '>=2.31,<3.0'],
      ['main', 'click', '~8.1.3', '>=8.1.3,<8.2.0'],
      ['main', 'numpy', '>=1.24,<1.25', '>=1.24,<1.25'],
      ['main', 'numpy', '^1.26', '>=1.26,<2.0'],
      ['extra:fast', 'uvloop', '>=0.19', '>=0.19'], // listed in [tool.poetry.extras] fast
      ['main', 'internal-client', '^3.0', '>=3.0,<4.0'],
      ['main', 'legacy-tool', '', ''],
      ['main', 'shared-models', '', ''],
      ['main', 'psycopg', '^3.1', '>=3.1,<4.0'],
      ['main', 'pendulum', '3.0.0', '==3.0.0'],
      ['poetry-group:dev', 'pytest', '^8.0', '>=8.0,<9.0'],
      ['poetry-group:dev', 'black', '24.*', '==24.*'],
      ['poetry-group:docs', 'sphinx', '>=7 <8', '>=7,<8'],
      ['poetry-group:dev', 'coverage', '*', ''],
      ['build-system', 'poetry-core', '>=1.8', '>=1.8'],
    ]);
  });

  it('spans: whole = key/value pair, name = key, specifier = version string contents', () => {
    const [requests] = byName('requests');
    expect(slice(text, requests.spans.whole)).toBe('requests = "^2.31"');
    expect(slice(text, requests.spans.name)).toBe('requests');
    expect(slice(text, requests.spans.specifier)).toBe('^2.31');

    const [client] = byName('internal-client');
    expect(slice(text, client.spans.whole)).toBe('internal-client = { version = "^3.0", source = "corp" }');
    expect(slice(text, client.spans.specifier)).toBe('^3.0');
    expect(client.index).toBe('corp');
  });

  it('turns an array of constraints into one requirement per table, each with its own marker', () => {
    const numpy = byName('numpy');
    expect(numpy.map((r) => r.marker)).toEqual(['python_version < "3.12"', 'python_version >= "3.12"']);
    expect(slice(text, numpy[0].spans.whole)).toBe('{ version = ">=1.24,<1.25", python = "<3.12" }');
    expect(slice(text, numpy[1].spans.whole)).toBe('{ version = "^1.26", python = ">=3.12" }');
    expect(numpy.map((r) => slice(text, r.spans.name))).toEqual(['numpy', 'numpy']);
    expect(numpy.map((r) => slice(text, r.spans.specifier))).toEqual(['>=1.24,<1.25', '^1.26']);
  });

  it('reads platform, markers, extras, optional, git and path dependencies', () => {
    expect(describeRequirement(text, byName('uvloop')[0])).toMatchObject({ marker: 'sys_platform == "linux"' });
    expect(byName('uvloop')[0].optional).toBe(true);
    expect(byName('pendulum')[0].marker).toBe('implementation_name == "cpython"');
    expect(slice(text, byName('pendulum')[0].spans.marker)).toBe("implementation_name == 'cpython'");
    expect(byName('psycopg')[0].extras).toEqual(['binary', 'pool']);
    const [legacy] = byName('legacy-tool');
    expect(legacy.url).toBe('https://github.com/example/legacy-tool.git');
    expect(slice(text, legacy.spans.url)).toBe('https://github.com/example/legacy-tool.git');
    expect(legacy.spans.specifier).toBeUndefined();
    const [shared] = byName('shared-models');
    expect(shared.url).toBe('../shared-models');
    expect(shared.editable).toBe(true);
  });

  it('translates the python key to requires-python', () => {
    expect(file.requiresPython?.specifier).toBe('>=3.9,<4.0');
    expect(slice(text, file.requiresPython?.span)).toBe('^3.9');
    expect(byName('python')).toEqual([]);
  });

  it('declares sources with Poetry roles', () => {
    expect(file.indexes.map((i) => [i.tool, i.name, i.url, i.role])).toEqual([
      ['poetry', 'corp', 'https://pypi.corp.example/simple/', 'explicit'],
      ['poetry', 'mirror', 'https://mirror.example/simple/', 'secondary'], // legacy `secondary = true`: PyPI stays the default,
      ['poetry', 'PyPI', 'https://pypi.org/simple', 'primary'],
    ]);
    expect(slice(text, file.indexes[0].span)).toMatch(/^\[\[tool\.poetry\.source\]\]\nname = "corp"/);
  });

  it('reports an invalid constraint at the constraint string', () => {
    expect(file.errors.map((e) => [e.code, slice(text, e.span)])).toEqual([['invalid-poetry-constraint', '^^1.0']]);
    expect(file.errors[0].package).toBe('broken');
    expect(byName('broken')).toEqual([]);
  });

  it('prefers [project].requires-python over the python key, and maps legacy source flags', () => {
    const other = parsePyproject(
      [
        '[project]',
        'requires-python = ">=3.11"',
        '[tool.poetry.dependencies]',
        'python = "^3.8"',
        '[[tool.poetry.source]]',
        'name = "old"',
        'url = "https://old.example/simple"',
        'default = true',
        '[[tool.poetry.source]]',
        'name = "plain"',
        'url = "https://plain.example/simple"',
      ].join('\n'),
      'pyproject.toml',
    );
    expect(other.requiresPython?.specifier).toBe('>=3.11');
    expect(other.indexes.map((i) => i.role)).toEqual(['default', 'primary']);
  });

  it('merges python, platform and markers, parenthesizing unions', () => {
    const other = parsePyproject(
      '[tool.poetry.dependencies]\npkg = { version = "^1", python = "~2.7 || ^3.6", platform = "linux", markers = "implementation_name == \'cpython\'" }\n',
      'pyproject.toml',
    );
    expect(other.errors).toEqual([]);
    expect(other.requirements[0].marker).toBe(
      '((python_version >= "2.7" and python_version < "2.8") or (python_version >= "3.6" and python_version < "4.0")) and sys_platform == "linux" and implementation_name == "cpython"',
    );
  });

  it('reports wrong value types at the value', () => {
    const source = '[tool.poetry.dependencies]\nfoo = 1\nbar = { version = 2 }\nbaz = { version = "^1", extras = "x" }\n';
    const other = parsePyproject(source, 'pyproject.toml');
    expect(other.errors.map((e) => [e.code, slice(source, e.span)])).toEqual([
      ['invalid-poetry-constraint', '1'],
      ['invalid-poetry-constraint', '2'],
      ['invalid-requirement', '"x"'],
    ]);
    expect(other.requirements.map((r) => r.name)).toEqual(['bar', 'baz']);
  });
});

describe('pyproject: Poetry 2 [tool.poetry.dependencies] enriching [project] dependencies', () => {
  const text = [
    '[project]',
    'name = "app"',
    'dependencies = ["numpy>=1.26", "torch>=2.5", "local-lib", "httpx>=0.27"]',
    '[project.optional-dependencies]',
    'gpu = ["cupy>=13"]',
    '[tool.poetry.dependencies]',
    'numpy = { source = "internal" }',
    'torch = { version = "<2.7", source = "pytorch" }',
    'local-lib = { path = "libs/local", develop = true }',
    'cupy = { source = "nvidia", optional = true }',
    'rich = "^13.7"',
    '[[tool.poetry.source]]',
    'name = "internal"',
    'url = "https://pypi.example.org/simple"',
  ].join('\n');
  const file = parsePyproject(text, '/project/pyproject.toml');

  it('adds no second requirement: the [project] one gets the source, location and a narrowed range', () => {
    expect(file.requirements.map((r) => [r.group, r.name, r.specifier, r.index, r.url, slice(text, r.spans.whole)])).toEqual([
      ['main', 'numpy', '>=1.26', 'internal', null, 'numpy>=1.26'],
      ['main', 'torch', '>=2.5,<2.7', 'pytorch', null, 'torch>=2.5'],
      ['main', 'local-lib', '', null, 'libs/local', 'local-lib'],
      ['main', 'httpx', '>=0.27', null, null, 'httpx>=0.27'],
      ['extra:gpu', 'cupy', '>=13', 'nvidia', null, 'cupy>=13'],
      ['main', 'rich', '>=13.7,<14.0', null, null, 'rich = "^13.7"'],
    ]);
    expect(file.requirements.find((r) => r.name === 'local-lib')?.editable).toBe(true);
  });

  it('reports no duplicate-requirement for an enriched declaration', () => {
    const analysis = analyzeDocument('/project/pyproject.toml', text, new MapFileSource({}))!;
    expect(analysis.findings.filter((finding) => finding.code === 'duplicate-requirement')).toEqual([]);
  });
});
