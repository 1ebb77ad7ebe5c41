import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';
import { parsePyproject } from '../../../server/src/core/formats/pyproject';
import { capNestingDepth } from '../../../server/src/core/formats/pyproject/toml-depth';
import { slice } from './helpers';

const HEADER = '[tool.poetry]\nname = "x"\nversion = "1.0"\n\n';

describe('Poetry local versions in ranges', () => {
  it.each([
    ['torch', '>=2.1+cpu'],
    ['torch', '^1.0+local'],
    ['torch', '~1.0+x'],
  ])('reports %s = "%s" as local-version-in-range at the constraint', (name, constraint) => {
    const text = `${HEADER}[tool.poetry.dependencies]\n${name} = { version = "${constraint}", source = "pytorch" }\n`;
    const file = parsePyproject(text, '/p/pyproject.toml');
    const errors = file.errors.filter((e) => e.code === 'local-version-in-range');
    expect(errors).toHaveLength(1);
    expect(slice(text, errors[0].span)).toBe(constraint);
    expect(errors[0].package).toBe('torch');
    expect(file.errors.filter((e) => e.code === 'invalid-poetry-constraint')).toEqual([]);
    // No invalid PEP 440 specifier reaches the model.
    expect(file.requirements.some((r) => r.specifier.includes('+'))).toBe(false);
  });

  it('keeps an exact local version', () => {
    const file = parsePyproject(`${HEADER}[tool.poetry.dependencies]\ntorch = "2.1.0+cpu"\n`, '/p/pyproject.toml');
    expect(file.errors).toEqual([]);
    expect(file.requirements[0].specifier).toBe('==2.1.0+cpu');
  });
});

describe('Poetry extras', () => {
  const text = [
    HEADER,
    '[tool.poetry.dependencies]',
    'python = "^3.10"',
    'requests = "^2.31"',
    'torch = { version = "<2", optional = true }',
    'uvloop = { version = ">=0.19", optional = true }',
    '',
    '[tool.poetry.extras]',
    'legacy = ["torch"]',
    'fast = ["uvloop", "torch"]',
    '',
    '[tool.poetry.group.dev.dependencies]',
    'torch = ">=2"',
    '',
  ].join('\n');

  it('puts optional dependencies in the group of the first extra that lists them', () => {
    const file = parsePyproject(text, '/p/pyproject.toml');
    expect(file.requirements.map((r) => [r.name, r.group, r.optional ?? false])).toEqual([
      ['requests', 'main', false],
      ['torch', 'extra:legacy', true],
      ['uvloop', 'extra:fast', true],
      ['torch', 'poetry-group:dev', false],
    ]);
  });

  it('does not treat an extra as always installed in pair checks', () => {
    const findings = analyzeDocument('/p/pyproject.toml', text, new MapFileSource({}))!.findings;
    expect(findings.filter((f) => f.code === 'contradictory-requirements')).toEqual([]);
  });
});

describe('deeply nested TOML values', () => {
  it('parses a 10,000-deep array without a crash or an invalid-toml finding, ignoring the deep value', () => {
    const depth = 10_000;
    const text = `[project]\nname = "deep"\na = ${'['.repeat(depth)}${']'.repeat(depth)}\ndependencies = ["requests>=2"]\n`;
    const file = parsePyproject(text, '/p/pyproject.toml');
    expect(file.errors).toEqual([]);
    expect(file.requirements.map((r) => r.name)).toEqual(['requests']);
    expect(slice(text, file.requirements[0].spans.whole)).toBe('requests>=2');
  });

  it('keeps values up to the cap and empties deeper ones with the same length and lines', () => {
    const shallow = 'a = [[["x"]]]\n';
    expect(capNestingDepth(shallow, 3)).toBe(shallow);
    const deep = 'a = [[[ "x", # ]\n 1 ]]]\nb = "[[[["\n';
    const capped = capNestingDepth(deep, 2);
    // The third `[` opens the emptied value; the `]` inside the comment does not close it.
    expect(capped).toBe(`a = [[[${' '.repeat(9)}\n${' '.repeat(3)}]]]\nb = "[[[["\n`);
    expect(capped).toHaveLength(deep.length);
  });

  it('leaves an unclosed deep value unclosed, so the parser still reports it', () => {
    const text = `[project]\nname = "x"\na = ${'['.repeat(500)}\n`;
    const file = parsePyproject(text, '/p/pyproject.toml');
    expect(file.errors.map((e) => e.code)).toContain('invalid-toml');
    expect(file.errors.every((e) => !e.message.includes('call stack'))).toBe(true);
  });
});
