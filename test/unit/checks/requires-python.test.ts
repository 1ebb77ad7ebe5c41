import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { MapFileSource } from '../../../server/src/core/file-source';

function codes(path: string, text: string, others: Record<string, string> = {}, code?: string) {
  const result = analyzeDocument(path, text, new MapFileSource({ [path]: text, ...others }))!;
  return { result, findings: result.findings.filter((f) => !code || f.code === code) };
}

const poetry = (python: string, rest: string) => `[tool.poetry]\nname = "x"\nversion = "1.0"\n\n[tool.poetry.dependencies]\npython = "${python}"\n${rest}`;

describe('Poetry requires-python with || alternatives', () => {
  it('does not flag futures when one alternative still admits Python 2.7', () => {
    const text = poetry('~2.7 || ^3.6', 'futures = "^3.3"\n');
    expect(codes('/p/pyproject.toml', text, {}, 'python2-backport').findings).toEqual([]);
  });

  it('flags futures when no alternative admits Python before 3.2', () => {
    const text = poetry('~3.8 || ^3.12', 'futures = "^3.3"\n');
    expect(codes('/p/pyproject.toml', text, {}, 'python2-backport').findings.map((f) => f.package)).toEqual(['futures']);
  });

  it('narrows environments to those matching any alternative (no contradiction in 3.9–3.11 only)', () => {
    const text = poetry(
      '~3.8 || ^3.12',
      'numpy = ">=2"\n\n[tool.poetry.group.dev.dependencies]\nnumpy = { version = "<2", python = ">=3.9,<3.12" }\n',
    );
    expect(codes('/p/pyproject.toml', text, {}, 'contradictory-requirements').findings).toEqual([]);
    // The same requirement in a Python the alternatives admit (3.12) is still a contradiction.
    const meeting = text.replace('python = ">=3.9,<3.12"', 'python = ">=3.12"');
    expect(codes('/p/pyproject.toml', meeting, {}, 'contradictory-requirements').findings).toHaveLength(2);
  });
});

describe('python2-backport takes requires-python from the nearest pyproject.toml', () => {
  const pyproject = '[project]\nname = "x"\nrequires-python = ">=3.9"\n';

  it('flags futures in a requirements file beside a pyproject that requires Python >=3.9', () => {
    const { result, findings } = codes('/repo/requirements.txt', 'futures==3.4.0\n', { '/repo/pyproject.toml': pyproject }, 'python2-backport');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('requires-python >=3.9 in pyproject.toml');
    expect(result.dependencies).toContain('/repo/pyproject.toml');
  });

  it('finds it in a parent folder', () => {
    const { findings } = codes('/repo/requirements/base.in', 'enum34\n', { '/repo/pyproject.toml': pyproject }, 'python2-backport');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('requires-python >=3.9 in ../pyproject.toml')]);
  });

  it('does not flag without any pyproject (Python 2 may still be a target)', () => {
    const { result, findings } = codes('/repo/requirements.txt', 'futures==3.4.0\n', {}, 'python2-backport');
    expect(findings).toEqual([]);
    // Creating a pyproject.toml would change the answer: the places looked at are dependencies.
    expect(result.dependencies).toContain('/repo/pyproject.toml');
  });

  it('does not flag when the nearest pyproject has no requires-python', () => {
    const others = { '/repo/app/pyproject.toml': '[project]\nname = "app"\n', '/repo/pyproject.toml': pyproject };
    expect(codes('/repo/app/requirements.txt', 'futures\n', others, 'python2-backport').findings).toEqual([]);
  });

  it('gives a workspace member pyproject without requires-python the one above it', () => {
    const member = '[project]\nname = "member"\ndependencies = ["typing"]\n';
    const { findings } = codes('/repo/packages/member/pyproject.toml', member, { '/repo/pyproject.toml': pyproject }, 'python2-backport');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('in ../../pyproject.toml')]);
    expect(codes('/solo/pyproject.toml', member, {}, 'python2-backport').findings).toEqual([]);
  });

  it('looks at most five folders up', () => {
    const deep = '/repo/a/b/c/d/e/requirements.txt';
    expect(codes(deep, 'futures\n', { '/repo/pyproject.toml': pyproject }, 'python2-backport').findings).toEqual([]);
    expect(codes('/repo/a/b/c/d/requirements.txt', 'futures\n', { '/repo/pyproject.toml': pyproject }, 'python2-backport').findings).toHaveLength(1);
  });
});
