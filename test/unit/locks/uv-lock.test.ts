import { describe, expect, it } from 'vitest';
import { parseUvLock } from '../../../server/src/core/formats/locks/uv-lock';
import { expectSpansCoverNames, lockedEntry, readFixture } from './read-fixture';

describe('parseUvLock', () => {
  const text = readFixture('uv.lock');
  const file = parseUvLock(text, 'project/uv.lock');

  it('reads every package, with no findings', () => {
    expect(file.kind).toBe('uv-lock');
    expect(file.path).toBe('project/uv.lock');
    expect(file.errors).toEqual([]);
    expect(file.locked.map((entry) => `${entry.name}@${entry.version}`)).toEqual([
      'demo-app@0.3.0',
      'matplotlib-lite@3.9.0',
      'numpy@2.1.3',
      'fonttools-mini@4.50.0',
      'pytest@8.3.4',
      'colorama@0.4.6',
      'torch@2.5.1',
      'torch@2.5.1+cu124',
      'nvidia-cublas-cu12@12.4.5.8',
      'typing-extensions@4.12.2',
      'workspace-tools@',
    ]);
  });

  it('reads requires-python with the span of its value', () => {
    expect(file.requiresPython?.specifier).toBe('>=3.10, <3.13');
    const span = file.requiresPython!.span;
    expect(text.slice(span.start, span.end)).toBe('>=3.10, <3.13');
  });

  it('turns each kind of source into a string', () => {
    expect(lockedEntry(file, 'torch', '2.5.1+cu124').source).toBe('https://download.pytorch.org/whl/cu124');
    expect(lockedEntry(file, 'torch', '2.5.1').source).toBe('https://pypi.org/simple');
    expect(lockedEntry(file, 'demo-app').source).toBe('editable:.');
    expect(lockedEntry(file, 'workspace-tools').source).toBe('virtual:packages/tools');
    expect(lockedEntry(file, 'colorama').source).toBe('vendor/colorama-0.4.6-py2.py3-none-any.whl');
    expect(lockedEntry(file, 'fonttools-mini').source).toBe(
      'https://github.com/example/fonttools-mini?rev=v4.50.0#0123456789abcdef0123456789abcdef01234567',
    );
  });

  it('takes specifiers from [package.metadata] and scopes extras and dev groups with markers', () => {
    expect(lockedEntry(file, 'demo-app').dependencies).toEqual([
      { name: 'numpy', specifier: '>=1.26,<3', marker: null, extras: [] },
      { name: 'torch', specifier: '>=2.5', marker: "sys_platform != 'linux'", extras: [] },
      { name: 'torch', specifier: '>=2.5', marker: "sys_platform == 'linux'", extras: [] },
      { name: 'matplotlib-lite', specifier: '>=3.8', marker: 'extra == "plots"', extras: ['fonts'] },
      { name: 'pytest', specifier: '~=8.3', marker: '"test" in dependency_groups', extras: [] },
    ]);
  });

  it('leaves the specifier empty unless the lock gives one, and ands markers of optional edges', () => {
    expect(lockedEntry(file, 'matplotlib-lite').dependencies).toEqual([
      { name: 'numpy', specifier: '', marker: null, extras: [] },
      { name: 'fonttools-mini', specifier: '', marker: `extra == "fonts" and python_full_version >= '3.11'`, extras: [] },
    ]);
    expect(lockedEntry(file, 'torch', '2.5.1+cu124').dependencies.map((edge) => edge.name)).toEqual(['nvidia-cublas-cu12', 'typing-extensions']);
  });

  it('records the version an edge names in dependencyVersions, not as an invented ==specifier', () => {
    const text = [
      'version = 1',
      '[[package]]',
      'name = "lib"',
      'version = "1.0"',
      'source = { registry = "https://pypi.org/simple" }',
      'dependencies = [{ name = "torch", version = "2.5.1+cu124", source = { registry = "https://download.pytorch.org/whl/cu124" } }]',
    ].join('\n');
    const [lib] = parseUvLock(text, 'uv.lock').locked;
    expect(lib.dependencies).toEqual([{ name: 'torch', specifier: '', marker: null, extras: [] }]);
    expect(lib.dependencyVersions).toEqual(['2.5.1+cu124']);
  });

  it('gives every package the span of its name and a normalized name', () => {
    expectSpansCoverNames(text, file);
    expect(lockedEntry(file, 'typing-extensions').normalizedName).toBe('typing-extensions');
  });

  it('reads the packages around a TOML error and reports invalid-toml where it is', () => {
    const broken = readFixture('broken-uv.lock');
    const result = parseUvLock(broken, 'uv.lock');
    expect(result.locked.map((entry) => entry.name)).toEqual(['first', 'second', 'third', 'fourth']);
    expect(result.locked[1].dependencies).toEqual([{ name: 'first', specifier: '', marker: null, extras: [] }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].code).toBe('invalid-toml');
    const errorLine = broken.slice(0, result.errors[0].span.start).split('\n').length;
    expect(broken.split('\n')[errorLine - 1]).toContain('3.0.0');
    expectSpansCoverNames(broken, result);
  });

  it('reports a missing or newer lock version', () => {
    expect(parseUvLock('requires-python = ">=3.9"\n', 'uv.lock').errors.map((error) => [error.code, error.severity])).toEqual([['invalid-lockfile', 'error']]);
    const newer = parseUvLock('version = 2\n', 'uv.lock');
    expect(newer.errors.map((error) => [error.code, error.severity])).toEqual([['invalid-lockfile', 'warning']]);
    expect('version = 2\n'.slice(newer.errors[0].span.start, newer.errors[0].span.end)).toBe('2');
  });

  it('reports an entry without a name and a package key that is not an array', () => {
    const noName = parseUvLock('version = 1\n\n[[package]]\nversion = "1.0"\n', 'uv.lock');
    expect(noName.locked).toEqual([]);
    expect(noName.errors).toMatchObject([{ code: 'invalid-lockfile', span: { start: 13, end: 24 } }]);
    expect(parseUvLock('version = 1\npackage = "x"\n', 'uv.lock').errors).toMatchObject([{ code: 'invalid-lockfile' }]);
  });
});
