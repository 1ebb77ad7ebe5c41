import { describe, expect, it } from 'vitest';
import { parsePoetryLock } from '../../../server/src/core/formats/locks/poetry-lock';
import { expectSpansCoverNames, lockedEntry, readFixture } from './read-fixture';

describe('parsePoetryLock', () => {
  const text = readFixture('poetry.lock');
  const file = parsePoetryLock(text, 'poetry.lock');

  it('reads packages, versions and groups, with no findings', () => {
    expect(file.kind).toBe('poetry-lock');
    expect(file.errors).toEqual([]);
    expect(file.locked.map((entry) => [entry.name, entry.version, entry.groups])).toEqual([
      ['certifi', '2024.8.30', ['main']],
      ['colorama', '0.4.6', ['main', 'dev']],
      ['Requests', '2.32.3', ['main']],
      ['pytest', '8.3.3', ['dev']],
      ['torch', '2.4.1+cu121', ['main']],
      ['internal-lib', '0.1.0', ['main']],
      ['local-helpers', '0.0.1', ['dev']],
    ]);
    expect(lockedEntry(file, 'Requests').normalizedName).toBe('requests');
    expectSpansCoverNames(text, file);
  });

  it('translates [metadata] python-versions to PEP 440', () => {
    expect(file.requiresPython?.specifier).toBe('>=3.10,<3.13');
    const span = file.requiresPython!.span;
    expect(text.slice(span.start, span.end)).toBe('^3.10,<3.13');
  });

  it('reads markers as a string or as a table per group', () => {
    expect(lockedEntry(file, 'certifi').marker).toBeNull();
    expect(lockedEntry(file, 'pytest').marker).toBe('python_version >= "3.9"');
    expect(lockedEntry(file, 'colorama').marker).toBe('platform_system == "Windows" or sys_platform == "win32"');
  });

  it('treats a group missing from the marker table as unconditional', () => {
    const lock = '[[package]]\nname = "a"\nversion = "1"\ngroups = ["main", "dev"]\nmarkers = {dev = "sys_platform == \\"win32\\""}\n\n[metadata]\nlock-version = "2.1"\n';
    expect(parsePoetryLock(lock, 'poetry.lock').locked[0].marker).toBeNull();
  });

  it('reads sources: null for PyPI, the URL for legacy and git, the path for directories', () => {
    expect(lockedEntry(file, 'certifi').source).toBeNull();
    expect(lockedEntry(file, 'torch').source).toBe('https://download.pytorch.org/whl/cu121');
    expect(lockedEntry(file, 'internal-lib').source).toBe('https://github.com/example/internal-lib.git');
    expect(lockedEntry(file, 'local-helpers').source).toBe('libs/helpers');
  });

  it('translates dependency constraints to PEP 440 and merges markers, python, platform and extras', () => {
    expect(lockedEntry(file, 'Requests').dependencies).toEqual([
      { name: 'certifi', specifier: '>=2017.4.17', marker: null, extras: [] },
      { name: 'charset-normalizer', specifier: '>=2,<4', marker: null, extras: [] },
      { name: 'PySocks', specifier: '>=1.5.6,!=1.5.7', marker: 'extra == "socks"', extras: [] },
      { name: 'urllib3', specifier: '>=2.0,<3.0', marker: 'python_version >= "3.8"', extras: ['socks'] },
    ]);
    expect(lockedEntry(file, 'pytest').dependencies).toEqual([
      { name: 'colorama', specifier: '', marker: 'sys_platform == "win32"', extras: [] },
      { name: 'exceptiongroup', specifier: '>=1.0.0rc8', marker: 'python_version < "3.11"', extras: [] },
      { name: 'numpy', specifier: '>=1.26,<1.27', marker: 'python_version < "3.12" and sys_platform == "linux"', extras: [] },
      { name: 'numpy', specifier: '>=2.0', marker: 'python_version >= "3.12"', extras: [] },
    ]);
  });

  it('maps the pre-1.5 `category` to groups', () => {
    const lock = '[[package]]\nname = "six"\nversion = "1.16.0"\ncategory = "dev"\n\n[metadata]\nlock-version = "1.1"\npython-versions = "*"\n';
    const parsed = parsePoetryLock(lock, 'poetry.lock');
    expect(parsed.locked[0].groups).toEqual(['dev']);
    expect(parsed.requiresPython?.specifier).toBe('');
    expect(parsed.errors).toEqual([]);
  });

  it('reports a missing [metadata], a newer lock-version and invalid constraints', () => {
    expect(parsePoetryLock('[[package]]\nname = "a"\nversion = "1"\n', 'poetry.lock').errors).toMatchObject([{ code: 'invalid-lockfile', severity: 'error' }]);
    const newer = '[metadata]\nlock-version = "3.0"\n';
    const newerErrors = parsePoetryLock(newer, 'poetry.lock').errors;
    expect(newerErrors).toMatchObject([{ code: 'invalid-lockfile', severity: 'warning' }]);
    expect(newer.slice(newerErrors[0].span.start, newerErrors[0].span.end)).toBe('3.0');
    const badConstraint = '[[package]]\nname = "a"\nversion = "1"\n\n[package.dependencies]\nb = "=>>1"\n\n[metadata]\nlock-version = "2.1"\n';
    const parsed = parsePoetryLock(badConstraint, 'poetry.lock');
    expect(parsed.locked[0].dependencies).toEqual([{ name: 'b', specifier: '', marker: null, extras: [] }]);
    expect(parsed.errors).toMatchObject([{ code: 'invalid-poetry-constraint', severity: 'warning', package: 'a' }]);
  });

  it('keeps the packages around a TOML error, reading an unclosed string to the end of its line', () => {
    const broken = text.replace('name = "pytest"', 'name = "pytest');
    const parsed = parsePoetryLock(broken, 'poetry.lock');
    expect(parsed.locked.map((entry) => entry.name)).toEqual(parsePoetryLock(text, 'poetry.lock').locked.map((entry) => entry.name));
    expect(parsed.errors.map((error) => error.code)).toEqual(['invalid-toml']);
  });
});
