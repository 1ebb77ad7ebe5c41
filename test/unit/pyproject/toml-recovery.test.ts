import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';
import { parseFixture, readFixture, slice } from './helpers';

describe('pyproject: invalid TOML', () => {
  it('reports each broken line and still reads the rest of the file', () => {
    const { text, file } = parseFixture('broken.toml');
    expect(file.errors.map((e) => e.code)).toEqual(['invalid-toml', 'invalid-toml']);
    expect(slice(text, file.errors[0].span)).toBe('=');
    expect(slice(text, file.errors[1].span)).toBe('"^5.0');
    expect(file.errors.map((e) => e.message)).toEqual([
      'Invalid TOML: unexpected `=`: a value expected',
      'Invalid TOML: string is never closed: `"` expected before the end of the line',
    ]);
    expect(file.requirements.map((r) => [r.group, r.name])).toEqual([
      ['main', 'requests'],
      ['main', 'flask'],
      ['main', 'django'],
      ['build-system', 'setuptools'],
    ]);
  });

  it('survives an unterminated multi-line string at the end of the file', () => {
    const source = '[project]\ndependencies = ["attrs"]\ndescription = """never closed\n\n';
    const file = parsePyproject(source, 'pyproject.toml');
    expect(file.errors.length).toBeGreaterThan(0);
    expect(file.errors.every((e) => e.code === 'invalid-toml')).toBe(true);
    expect(file.requirements.map((r) => r.name)).toEqual(['attrs']);
  });

  it('gives the same spans for CRLF line endings', () => {
    for (const name of ['poetry-app.toml', 'broken.toml']) {
      const text = readFixture(name).replace(/\n/g, '\r\n');
      const file = parsePyproject(text, 'pyproject.toml');
      const lf = parseFixture(name);
      const view = (source: string, parsed: typeof file) => [
        parsed.requirements.map((r) => [slice(source, r.spans.name), slice(source, r.spans.specifier), r.specifier, r.marker]),
        parsed.errors.map((e) => [e.code, slice(source, e.span)]),
      ];
      expect(view(text, file)).toEqual(view(lf.text, lf.file));
    }
  });

  it('returns an empty model for an empty file', () => {
    const file = parsePyproject('', 'pyproject.toml');
    expect(file).toMatchObject({ requirements: [], indexes: [], errors: [], requiresPython: null });
  });
});

describe('pyproject: string spans', () => {
  it('maps spans through escapes, literal and multi-line strings', () => {
    const source = [
      '[project]',
      'dependencies = [',
      '  "requests \\u003e= 2.0",',
      "  'literal>=1',",
      '  """multi>=2""",',
      "  '''",
      "ml-literal>=3''',",
      '  "tab\\t>=1",',
      ']',
    ].join('\n');
    const file = parsePyproject(source, 'pyproject.toml');
    expect(file.errors).toEqual([]);
    expect(file.requirements.map((r) => [r.name, r.specifier, slice(source, r.spans.name), slice(source, r.spans.specifier), slice(source, r.spans.whole)])).toEqual([
      ['requests', '>=2.0', 'requests', '\\u003e= 2.0', 'requests \\u003e= 2.0'],
      ['literal', '>=1', 'literal', '>=1', 'literal>=1'],
      ['multi', '>=2', 'multi', '>=2', 'multi>=2'],
      ['ml-literal', '>=3', 'ml-literal', '>=3', 'ml-literal>=3'],
      ['tab', '>=1', 'tab', '>=1', 'tab\\t>=1'],
    ]);
  });

  it('reports requirement errors at their exact place in the file', () => {
    const source = '[project]\ndependencies = ["ok>=1", "bad>=>2", 7]\nrequires-python = ">=3.8,<4,foo"\n';
    const file = parsePyproject(source, 'pyproject.toml');
    expect(file.errors.map((e) => [e.code, slice(source, e.span)])).toEqual([
      ['invalid-requirement', '>=>'],
      ['invalid-requirement', '7'],
      ['invalid-specifier', 'foo'],
    ]);
    expect(file.requirements.map((r) => r.name)).toEqual(['ok']);
    expect(file.requiresPython).toBeNull();
  });

  it('reports a non-array dependencies value and ignores unknown tables', () => {
    const source = '[project]\ndependencies = "requests"\n[tool.black]\nline-length = 100\n[tool.unknown.deep]\nx = [1, 2]\n';
    const file = parsePyproject(source, 'pyproject.toml');
    expect(file.errors.map((e) => [e.code, slice(source, e.span)])).toEqual([['invalid-requirement', '"requests"']]);
  });

  it('parses dotted keys and quoted keys', () => {
    const source = '[tool]\npoetry.dependencies."my.pkg" = "^1.0"\nuv.dev-dependencies = ["pytest"]\n';
    const file = parsePyproject(source, 'pyproject.toml');
    expect(file.errors).toEqual([]);
    expect(file.requirements.map((r) => [r.group, r.name, r.normalizedName, slice(source, r.spans.name)])).toEqual([
      ['main', 'my.pkg', 'my-pkg', 'my.pkg'],
      ['uv-dev', 'pytest', 'pytest', 'pytest'],
    ]);
  });
});
