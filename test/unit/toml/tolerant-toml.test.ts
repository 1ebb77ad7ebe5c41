import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTOML } from 'toml-eslint-parser';
import { describe, expect, it } from 'vitest';
import { parseTolerantToml } from '../../../server/src/core/formats/toml/tolerant-toml';
import type { TomlValue } from '../../../server/src/core/formats/pyproject/toml-document';

function plain(value: TomlValue): unknown {
  if (value.type === 'table') return Object.fromEntries([...value.entries].map(([key, entry]) => [key, plain(entry.value)]));
  if (value.type === 'array') return value.items.map(plain);
  return value.value;
}

function errorsOf(text: string) {
  return parseTolerantToml(text).errors.map((error) => ({
    message: error.message,
    at: text.slice(error.span.start, error.span.end),
    related: error.related?.map((related) => text.slice(related.span.start, related.span.end)),
  }));
}

describe('parseTolerantToml', () => {
  it('reads valid TOML like a strict parser', () => {
    const text = [
      '# comment',
      'title = "x" # trailing',
      'a.b.c = 1',
      "lit = 'C:\\path'",
      'esc = "tab\\there \\u00e9"',
      'ml = """',
      'line one \\',
      '  joined"""',
      "raw = '''two\nlines'''",
      'nums = [0x1F, 0o17, 0b11, 1_000, -2, +3.5, 1e3, inf, -inf]',
      'dates = [1979-05-27T07:32:00Z, 1979-05-27 07:32:00, 1979-05-27, 07:32:00]',
      'inline = { x = 1, "y z" = [true, false], nested = { k = "v" } }',
      '[table.sub]',
      'key = "value"',
      '[[arr]]',
      'n = 1',
      '[[arr]]',
      'n = 2',
      '[arr.sub]',
      'm = 3',
      '',
    ].join('\n');
    const { root, errors } = parseTolerantToml(text);
    expect(errors).toEqual([]);
    const value = plain(root) as Record<string, unknown>;
    expect(value).toMatchObject({
      title: 'x',
      a: { b: { c: 1 } },
      lit: 'C:\\path',
      esc: 'tab\there é',
      ml: 'line one joined',
      raw: 'two\nlines',
      nums: [31, 15, 3, 1000, -2, 3.5, 1000, Infinity, -Infinity],
      dates: ['1979-05-27T07:32:00Z', '1979-05-27 07:32:00', '1979-05-27', '07:32:00'],
      inline: { x: 1, 'y z': [true, false], nested: { k: 'v' } },
      table: { sub: { key: 'value' } },
      arr: [{ n: 1 }, { n: 2, sub: { m: 3 } }],
    });
    expect(() => parseTOML(text)).not.toThrow();
  });

  it('reports an array left open once, where it opened, related to where parsing gave up, and reads the rest', () => {
    const text = '[project]\nname = "x"\ndependencies = [\n  "a",\n  "b",\n\n[dependency-groups]\ndev = ["x", { include-group = "y" }]\ny = ["z"]\n';
    expect(errorsOf(text)).toEqual([
      {
        message: 'array `dependencies`, opened on line 3, is never closed: `]` expected before line 7',
        at: 'dependencies = [',
        related: ['dependencies = [', '[dependency-groups]'],
      },
    ]);
    expect(plain(parseTolerantToml(text).root)).toEqual({
      project: { name: 'x', dependencies: ['a', 'b'] },
      'dependency-groups': { dev: ['x', { 'include-group': 'y' }], y: ['z'] },
    });
  });

  it('ends an array left open before a key/value line or the end of the file', () => {
    expect(errorsOf('[project]\ndependencies = [\n  "a",\nrequires-python = ">=3.9"\n')[0].message).toBe(
      'array `dependencies`, opened on line 2, is never closed: `]` expected before line 4',
    );
    expect(plain(parseTolerantToml('[project]\ndependencies = [\n  "a",\nrequires-python = ">=3.9"\n').root)).toEqual({ project: { dependencies: ['a'], 'requires-python': '>=3.9' } });
    expect(errorsOf('a = [\n 1,\n 2,\n')[0].message).toBe('array `a`, opened on line 1, is never closed: `]` expected before the end of the file');
  });

  it('tells nested arrays on their own line from table headers', () => {
    expect(errorsOf('x = [\n  ["a"],\n  ["b"]\n]\n')).toEqual([]);
    expect(errorsOf('x = [\n  [1],\n  [true]\n]\n')).toEqual([]);
  });

  it('names each other mistake once, at its place', () => {
    expect(errorsOf('a = { b = 1\nc = 2\n')).toEqual([
      { message: 'inline table `a`, opened on line 1, is never closed: `}` expected at the end of the line', at: 'a = {', related: ['a = {', '1'] },
    ]);
    expect(errorsOf('a = "abc\nb = 1\n')).toEqual([{ message: 'string is never closed: `"` expected before the end of the line', at: '"abc', related: undefined }]);
    expect(errorsOf('a = """abc\nb = 1\n[t]\nc = 2\n')).toEqual([
      { message: 'multi-line string, opened on line 1, is never closed: `"""` expected before line 3', at: '"""', related: ['"""', '[t]'] },
    ]);
    expect(errorsOf("a = '''abc\n")[0].message).toBe("multi-line string, opened on line 1, is never closed: `'''` expected before the end of the file");
    expect(errorsOf('a "x"\nb = 1\n')).toEqual([{ message: '`=` expected after the key `a`, found `"x"`', at: 'a', related: undefined }]);
    expect(errorsOf('name\n')).toEqual([{ message: '`=` expected after the key `name`, found the end of the line', at: 'name', related: undefined }]);
    expect(errorsOf('a = 1\na = 2\n')).toEqual([{ message: 'key `a` is defined twice; first defined on line 1', at: 'a', related: ['a'] }]);
    expect(errorsOf('[x]\na=1\n[x]\nb=2\n')).toEqual([{ message: 'table `[x]` is defined twice; first defined on line 1', at: 'x', related: ['x'] }]);
    expect(errorsOf('a = hello world\n')).toEqual([{ message: '`hello world` is not a value: text must be quoted ("hello world")', at: 'hello world', related: undefined }]);
    expect(errorsOf('d = [requests>=2, "numpy"]\n').map((error) => error.at)).toEqual(['requests>=2']);
    expect(errorsOf('a = 12abc\n')[0].message).toBe('`12abc` is not a valid number or date');
    expect(errorsOf('a =\n')).toEqual([{ message: '`a` has no value', at: '=', related: undefined }]);
    expect(errorsOf('x = [\n  "a"\n  "b",\n]\n')).toEqual([{ message: '`,` expected between the items of `x`', at: '"b"', related: undefined }]);
    expect(errorsOf('a = "bad \\q escape"\n')[0]).toMatchObject({ at: '\\q' });
    expect(errorsOf('[tool.uv\nx = 1\n')[0].message).toBe('table header `[tool.uv` is not closed: `]` expected');
  });

  it('recovers a lost opening bracket, brace or quote with one error', () => {
    const cases: [string, string, string, unknown][] = [
      ['a = [\n  name = "x", email = "y" },\n  { name = "z" },\n]\n', '`{` expected: this inline table has no opening brace', 'name = "x", email = "y" },', { a: [{ name: 'x', email: 'y' }, { name: 'z' }] }],
      ['deps =\n  "a",\n  "b",\n]\nnext = 1\n', '`[` expected after `deps =`: the array on the next lines has no opening bracket', '=', { deps: ['a', 'b'], next: 1 }],
      ['[package]]\nname = "a"\n[[package]]\nname = "b"\n', 'table header `[package]]` has one `[` too few: `[[` expected', '[package]]', { package: [{ name: 'a' }, { name: 'b' }] }],
      ['select = [\n  "F",\n  I",\n  "E",\n]\n', '`I"` has no opening `"`', 'I"', { select: ['F', 'I', 'E'] }],
    ];
    for (const [text, message, at, value] of cases) {
      expect(errorsOf(text)).toEqual([{ message, at, related: undefined }]);
      expect(plain(parseTolerantToml(text).root)).toEqual(value);
    }
  });

  it('ends an inline table left open at its array\'s `]`, and an array left open at its inline table\'s next key', () => {
    const inline = 'x = [{ extra = "rocm" }, { extra = "xpu" ]\ny = 1\n';
    expect(errorsOf(inline)).toEqual([{ message: 'inline table, opened on line 1, is never closed: `}` expected before `]`', at: '{', related: ['{', ']'] }]);
    expect(plain(parseTolerantToml(inline).root)).toEqual({ x: [{ extra: 'rocm' }, { extra: 'xpu' }], y: 1 });
    const array = 'torch = { extras = [ "a" , version = "^2" }\nz = 1\n';
    expect(errorsOf(array)).toEqual([
      { message: 'array `extras`, opened on line 1, is never closed: `]` expected before `version =`', at: 'extras = [', related: ['extras = [', 'version ='] },
    ]);
    expect(plain(parseTolerantToml(array).root)).toEqual({ torch: { extras: ['a'], version: '^2' }, z: 1 });
    expect(plain(parseTolerantToml('w = [\n  { url = "u", t = "2025 },\n  { url = "v" },\n]\n').root)).toEqual({ w: [{ url: 'u', t: '2025' }, { url: 'v' }] });
  });

  it('keeps the unclosed string read to the end of its line, without the comma that separates items', () => {
    expect(plain(parseTolerantToml('d = [\n  "a>=1,\n  "b",\n]\n').root)).toEqual({ d: ['a>=1', 'b'] });
  });

  it('never throws and keeps spans inside the text on any prefix of a real file', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'toml-syntax', 'uv.lock'), 'utf8');
    for (let end = 0; end <= text.length; end += 7) {
      const prefix = text.slice(0, end);
      const { errors } = parseTolerantToml(prefix);
      for (const error of errors) {
        expect(error.span.start).toBeGreaterThanOrEqual(0);
        expect(error.span.end).toBeLessThanOrEqual(prefix.length);
        expect(error.span.start).toBeLessThanOrEqual(error.span.end);
      }
    }
  });

  it('reports the tokens it reads, in order and without overlap', () => {
    const text = '[a] # c\nk = "v"\n[[b]]\n"q".x = 1.5\n';
    const tokens: string[] = [];
    let last = 0;
    parseTolerantToml(text, (kind, start, end) => {
      expect(start).toBeGreaterThanOrEqual(last);
      last = end;
      tokens.push(`${kind}:${text.slice(start, end)}`);
    });
    expect(tokens).toEqual(['table-key:a', 'comment:# c', 'key:k', 'equals:=', 'string:"v"', 'array-table-key:b', 'key:"q"', 'key:x', 'equals:=', 'float:1.5']);
  });
});
