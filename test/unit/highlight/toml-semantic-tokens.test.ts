import { describe, expect, it } from 'vitest';
import { tomlSemanticSpans, type SemanticSpan } from '../../../server/src/core/highlight/toml-semantic-tokens';

const PYPROJECT = [
  '# A project',
  '[project]',
  'name = "demo"',
  'version = "1.0"',
  `dependencies = ["Requests[socks,security]>=2.8,<3; python_version >= '3.8' and sys_platform != 'win32'", "pkg @ https://example.com/pkg.whl"]`,
  '',
  '[project.optional-dependencies]',
  'gpu = ["torch~=2.5"]',
  '',
  '[dependency-groups]',
  'dev = [{ include-group = "test" }, "pytest>=8"]',
  '',
  '[build-system]',
  'requires = ["setuptools>=68"]',
  '',
  '[[tool.demo.items]]',
  'when = 1979-05-27T07:32:00Z',
  'enabled = true',
  'ratio = 0.5',
  'count = 3',
  'notes = """',
  'two lines"""',
  '',
].join('\n');

/** `type[.modifier] text` for each span. */
function view(text: string, spans: SemanticSpan[]): string[] {
  return spans.map((span) => `${span.type}${span.modifiers?.length ? `.${span.modifiers.join('.')}` : ''} ${text.slice(span.start, span.end)}`);
}

function expectSortedWithoutOverlap(spans: SemanticSpan[]): void {
  for (let index = 1; index < spans.length; index++) expect(spans[index].start).toBeGreaterThanOrEqual(spans[index - 1].end);
  for (const span of spans) expect(span.end).toBeGreaterThan(span.start);
}

describe('tomlSemanticSpans', () => {
  it('gives tables, keys, values, comments and the parts of every requirement their token types', () => {
    const spans = tomlSemanticSpans(PYPROJECT, 'pyproject');
    expectSortedWithoutOverlap(spans);
    const tokens = view(PYPROJECT, spans);
    expect(tokens.slice(0, 8)).toEqual(['comment # A project', 'namespace.declaration project', 'property name', 'operator =', 'string "demo"', 'property version', 'operator =', 'string "1.0"']);
    // PEP 508: name, extras, specifier (operator + version), marker (variables, operators, values).
    const dependencies = tokens.slice(tokens.indexOf('property dependencies'), tokens.indexOf('namespace.declaration project', 2));
    expect(dependencies).toEqual([
      'property dependencies',
      'operator =',
      'string "',
      'type Requests',
      'string [',
      'enumMember socks',
      'string ,',
      'enumMember security',
      'string ]',
      'operator >=',
      'number 2.8',
      'string ,',
      'operator <',
      'number 3',
      'string ; ',
      'variable.readonly python_version',
      'string  ',
      'operator >=',
      "string  '3.8' ",
      'keyword and',
      'string  ',
      'variable.readonly sys_platform',
      'string  ',
      'operator !=',
      `string  'win32'"`,
      'string "',
      'type pkg',
      'string  ',
      'operator @',
      'string  https://example.com/pkg.whl"',
    ]);
    // optional-dependencies, dependency-groups, build-system requires.
    expect(tokens).toEqual(expect.arrayContaining(['type torch', 'operator ~=', 'number 2.5', 'type pytest', 'number 8', 'type setuptools', 'number 68']));
    expect(tokens).toEqual(expect.arrayContaining(['property include-group', 'string "test"']));
    // Headers of arrays of tables, dates, booleans, numbers, multi-line strings.
    expect(tokens.slice(-18)).toEqual([
      'namespace.declaration tool',
      'namespace.declaration demo',
      'namespace.declaration items',
      'property when',
      'operator =',
      'number 1979-05-27T07:32:00Z',
      'property enabled',
      'operator =',
      'keyword true',
      'property ratio',
      'operator =',
      'number 0.5',
      'property count',
      'operator =',
      'number 3',
      'property notes',
      'operator =',
      'string """\ntwo lines"""',
    ]);
  });

  it('highlights Poetry declarations: the key is the package, then the constraint, markers and extras', () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'numpy = "^1.26 || ~2.0"',
      `torch = { version = ">=2", markers = "platform_machine == 'x86_64'", extras = ["cuda"] }`,
      '',
    ].join('\n');
    const tokens = view(text, tomlSemanticSpans(text, 'pyproject'));
    expect(tokens).toEqual(expect.arrayContaining(['type numpy', 'operator ^', 'number 1.26', 'operator ||', 'operator ~', 'number 2.0']));
    expect(tokens.slice(tokens.indexOf('type torch'))).toEqual([
      'type torch', 'operator =', 'property version', 'operator =', 'string "', 'operator >=', 'number 2', 'string "',
      'property markers', 'operator =', 'string "', 'variable.readonly platform_machine', 'string  ', 'operator ==', `string  'x86_64'"`,
      'property extras', 'operator =', 'string "', 'enumMember cuda', 'string "',
    ]);
  });

  it('highlights lockfiles as TOML', () => {
    const text = 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0"\nwheels = [{ url = "https://x/a.whl", size = 12 }]\n';
    expect(view(text, tomlSemanticSpans(text, 'uv-lock'))).toEqual([
      'property version', 'operator =', 'number 1',
      'namespace.declaration package',
      'property name', 'operator =', 'string "a"',
      'property version', 'operator =', 'string "1.0"',
      'property wheels', 'operator =', 'property url', 'operator =', 'string "https://x/a.whl"', 'property size', 'operator =', 'number 12',
    ]);
  });

  it('still tokenizes broken TOML, before and after the mistake', () => {
    const broken = PYPROJECT.replace(`"pkg @ https://example.com/pkg.whl"]`, `"pkg @ https://example.com/pkg.whl"`).replace('version = "1.0"', 'version "1.0');
    const spans = tomlSemanticSpans(broken, 'pyproject');
    expectSortedWithoutOverlap(spans);
    const tokens = view(broken, spans);
    expect(tokens).toEqual(expect.arrayContaining(['property version', 'string "1.0', 'type Requests', 'namespace.declaration build-system', 'type setuptools', 'number 3']));
    for (const text of ['[', '"', '"""', 'a = [', 'a = {', '[[x', 'x = """\n[y]\n', '\u0000', 'a = [[[[[']) {
      expect(() => tomlSemanticSpans(text, 'pyproject')).not.toThrow();
      expect(() => tomlSemanticSpans(text, 'uv-lock')).not.toThrow();
    }
  });
});
