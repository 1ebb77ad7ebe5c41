import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/core/parse';
import { pythonDeclarationAt } from '../../server/src/core/python-declarations';
import { admittedReleases, CPYTHON_RELEASES, describePythonRange, isEndOfLife, lowestAllowedPython } from '../../server/src/core/python-releases';

describe('requires-python in words', () => {
  it.each([
    ['>=3.11,<4.0', 'Python 3.11 or newer, below 4.0'],
    ['<4,>=3.9', 'Python 3.9 or newer, below 4'],
    ['>=3.10', 'Python 3.10 or newer'],
    ['>3.9,<=3.12', 'Python newer than 3.9, 3.12 or older'],
    ['~=3.10', 'Python 3.10 or newer, below 4'],
    ['~=3.10.2', 'Python 3.10.2 or newer, below 3.11'],
    ['==3.11.*', 'Python 3.11.x'],
    ['==3.12.1', 'Python exactly 3.12.1'],
    ['>=3.8,!=3.9.*', 'Python 3.8 or newer, not 3.9.x'],
    ['>=2.7,<3.0 || >=3.6,<4.0', 'Python 2.7 or newer, below 3.0; or Python 3.6 or newer, below 4.0'],
    ['', 'any Python'],
  ])('%s → %s', (specifier, words) => {
    expect(describePythonRange(specifier)).toBe(words);
  });

  it('is null for an invalid range', () => {
    expect(describePythonRange('>=three')).toBeNull();
  });
});

describe('the lowest Python a range allows', () => {
  it.each([
    ['>=3.11,<4.0', '3.11'],
    ['>=3.8.1,<4', '3.8.1'],
    ['~=3.10', '3.10'],
    ['>3.9', '3.10'],
    ['>=2.7,<3.0 || >=3.6,<4.0', '2.7'],
    ['<3.12', null],
    ['', null],
    ['>=x', null],
  ])('%s → %s', (specifier, lowest) => {
    expect(lowestAllowedPython(specifier)).toBe(lowest);
  });
});

describe('CPython releases admitted', () => {
  it('covers 3.9 to 3.14 with their end of life', () => {
    expect(CPYTHON_RELEASES.map((release) => `${release.version} ${release.endOfLife}`)).toEqual(['3.9 2025-10', '3.10 2026-10', '3.11 2027-10', '3.12 2028-10', '3.13 2029-10', '3.14 2030-10']);
  });

  it('marks a release past its end of life only after its last month', () => {
    const [python39] = CPYTHON_RELEASES;
    expect(isEndOfLife(python39, '2025-10-31')).toBe(false);
    expect(isEndOfLife(python39, '2025-11-01')).toBe(true);
  });

  it('tells all, some or none of a release’s patch releases, by the day given', () => {
    const admitted = (specifier: string, today: string) => admittedReleases(specifier, today)!.map(({ release, admits, endOfLife }) => `${release.version}:${admits}${endOfLife ? ':eol' : ''}`);
    expect(admitted('>=3.10.2,<3.13', '2026-01-15')).toEqual(['3.9:none:eol', '3.10:some', '3.11:all', '3.12:all', '3.13:none', '3.14:none']);
    expect(admitted('>=3.10.2,<3.13', '2027-11-01')).toEqual(['3.9:none:eol', '3.10:some:eol', '3.11:all:eol', '3.12:all', '3.13:none', '3.14:none']);
    expect(admitted('!=3.11.*,>=3.10', '2024-01-01')).toEqual(['3.9:none', '3.10:all', '3.11:none', '3.12:all', '3.13:all', '3.14:all']);
    expect(admitted('', '2024-01-01').every((entry) => entry.endsWith(':all'))).toBe(true);
    expect(admittedReleases('>=three', '2024-01-01')).toBeNull();
  });
});

describe('the Python declaration under the cursor', () => {
  it('finds [project] requires-python and Poetry python, each on its own line', () => {
    const text = ['[project]', 'name = "x"', 'requires-python = ">=3.12"', '', '[tool.poetry.dependencies]', 'python = "~3.12"', 'requests = "^2"', ''].join('\n');
    const file = parseDocument('/p/pyproject.toml', text, 'pyproject')!;
    const project = pythonDeclarationAt(file, text, text.indexOf('requires-python') + 2);
    expect(project).toMatchObject({ key: 'requires-python', written: '>=3.12', specifier: '>=3.12', poetry: false });
    expect(text.slice(project!.span.start, project!.span.end)).toBe('>=3.12');
    expect(pythonDeclarationAt(file, text, text.indexOf('\npython = ') + 2)).toMatchObject({ key: 'python', written: '~3.12', specifier: '>=3.12,<3.13', poetry: true });
    expect(pythonDeclarationAt(file, text, text.indexOf('requests') + 1)).toBeNull();
  });

  it('reads poetry.lock python-versions as a Poetry constraint', () => {
    const text = ['[metadata]', 'lock-version = "2.1"', 'python-versions = "^3.11"', 'content-hash = "0"', ''].join('\n');
    const file = parseDocument('/p/poetry.lock', text, 'poetry-lock')!;
    expect(pythonDeclarationAt(file, text, text.indexOf('python-versions'))).toMatchObject({ key: 'python-versions', written: '^3.11', specifier: '>=3.11,<4.0', poetry: true });
  });
});
