import { describe, expect, it } from 'vitest';
import { describeRequirement, lineAt, parseFixture, slice } from './helpers';

describe('pyproject: PEP 621, build-system and PEP 735 dependency groups', () => {
  const { text, file } = parseFixture('pep621-groups.toml');

  it('reads requirements in document order with their groups', () => {
    expect(file.kind).toBe('pyproject');
    expect(file.requirements.map((r) => [r.group, r.name, r.specifier])).toEqual([
      ['build-system', 'hatchling', '>=1.21'],
      ['build-system', 'hatch-vcs', ''],
      ['main', 'httpx', '>=0.27,<1'],
      ['main', 'pydantic', '>=2.6'],
      ['main', 'tzdata', ''],
      ['extra:cli', 'rich', '>=13'],
      ['extra:cli', 'typer', '>=0.12'],
      ['extra:plots', 'matplotlib', '>=3.8'],
      ['group:test', 'pytest', '>=8'],
      ['group:test', 'pytest-cov', ''],
      ['group:typing', 'mypy', '==1.10.0'],
      ['group:lint', 'ruff', '>=0.5'],
      ['group:docs', 'mkdocs-material', ''],
    ]);
  });

  it('maps spans of PEP 508 strings into the string contents', () => {
    const httpx = file.requirements.find((r) => r.name === 'httpx')!;
    expect(slice(text, httpx.spans.whole)).toBe('httpx[http2]>=0.27,<1');
    expect(slice(text, httpx.spans.name)).toBe('httpx');
    expect(slice(text, httpx.spans.extras)).toContain('http2');
    expect(slice(text, httpx.spans.specifier)).toBe('>=0.27,<1');
    expect(httpx.extras).toEqual(['http2']);

    const pydantic = file.requirements.find((r) => r.name === 'pydantic')!;
    expect(slice(text, pydantic.spans.whole)).toBe('pydantic>=2.6');

    const tzdata = file.requirements.find((r) => r.name === 'tzdata')!;
    expect(tzdata.marker).toBe('sys_platform == "win32"');
    expect(slice(text, tzdata.spans.marker)).toBe("sys_platform == 'win32'");
    expect(describeRequirement(text, tzdata)).toMatchObject({ specifierText: undefined, url: null, index: null });
  });

  it('reads requires-python with the span of the string contents', () => {
    expect(file.requiresPython?.specifier).toBe('>=3.9');
    expect(slice(text, file.requiresPython?.span)).toBe('>=3.9');
  });

  it('does not copy included requirements into the including group', () => {
    expect(file.requirements.filter((r) => r.group === 'group:dev')).toEqual([]);
  });

  it('reports an unknown include-group at the include value', () => {
    const unknown = file.errors.filter((e) => e.code === 'unknown-include-group');
    expect(unknown).toHaveLength(1);
    expect(slice(text, unknown[0].span)).toBe('missing-group');
    expect(unknown[0].severity).toBe('error');
  });

  it('reports one include cycle, at the include that closes it', () => {
    const cycles = file.errors.filter((e) => e.code === 'include-cycle');
    expect(cycles).toHaveLength(1);
    expect(slice(text, cycles[0].span)).toBe('test');
    expect(lineAt(text, cycles[0].span.start)).toMatch(/^lint = /);
    expect(cycles[0].message).toContain('test → typing → lint → test');
  });

  it('reports nothing else', () => {
    expect(file.errors.map((e) => e.code).sort()).toEqual(['include-cycle', 'unknown-include-group']);
  });
});
