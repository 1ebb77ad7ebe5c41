import { describe, expect, it } from 'vitest';
import { parsePylock } from '../../../server/src/core/formats/locks/pylock';
import { expectSpansCoverNames, lockedEntry, readFixture } from './read-fixture';

describe('parsePylock', () => {
  const text = readFixture('pylock.toml');
  const file = parsePylock(text, 'pylock.toml');

  it('reads packages and requires-python, with no findings', () => {
    expect(file.kind).toBe('pylock');
    expect(file.errors).toEqual([]);
    expect(file.locked.map((entry) => `${entry.name}@${entry.version}`)).toEqual([
      'attrs@24.2.0',
      'cattrs@24.1.2',
      'torch@2.5.1+cu124',
      'toolbox@',
      'my-project@',
      'offline-archive@1.0',
    ]);
    expect(file.requiresPython?.specifier).toBe('>=3.11');
    expectSpansCoverNames(text, file);
  });

  it('turns index, vcs, directory and archive into a source', () => {
    expect(lockedEntry(file, 'attrs').source).toBe('https://pypi.org/simple');
    expect(lockedEntry(file, 'torch').source).toBe('https://download.pytorch.org/whl/cu124');
    expect(lockedEntry(file, 'toolbox').source).toBe('https://github.com/example/toolbox.git');
    expect(lockedEntry(file, 'my-project').source).toBe('editable:.');
    expect(lockedEntry(file, 'offline-archive').source).toBe('vendor/offline_archive-1.0.tar.gz');
  });

  it('reads markers and dependency edges', () => {
    expect(lockedEntry(file, 'torch').marker).toBe("'gpu' in extras");
    expect(lockedEntry(file, 'attrs').marker).toBeNull();
    expect(lockedEntry(file, 'cattrs').dependencies).toEqual([{ name: 'attrs', specifier: '', marker: null, extras: [] }]);
  });

  it('finds the names of packages written as an inline array', () => {
    const inline = 'lock-version = "1.0"\ncreated-by = "x"\npackages = [\n  { name = "a", directory = { path = "a" } },\n  { name = "b", directory = { path = "b", editable = true } },\n]\n';
    const parsed = parsePylock(inline, 'pylock.toml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.locked.map((entry) => entry.source)).toEqual(['a', 'editable:b']);
    expectSpansCoverNames(inline, parsed);
  });

  it('reports each violation of PEP 751 as invalid-lockfile and still returns the named packages', () => {
    const invalid = readFixture('invalid-pylock.toml');
    const parsed = parsePylock(invalid, 'pylock.toml');
    expect(parsed.locked.map((entry) => entry.name)).toEqual(['both-sources', 'archive-without-hashes', 'nowhere']);
    const findings = parsed.errors.map((error) => [error.severity, error.message, invalid.slice(error.span.start, error.span.end)]);
    expect(findings).toEqual([
      ['error', 'a `packages` entry has no string `name`', '[[packages]]'],
      ['error', 'lock-version "2.0" is not supported: only lock-version 1.x (PEP 751) can be read', '2.0'],
      ['error', 'pylock.toml must have a string `created-by` (the tool that wrote it)', ''],
      ['error', '`extras` must be an array of strings', 'gpu'],
      ['error', 'package both-sources: `vcs`, `wheels` are mutually exclusive', 'both-sources'],
      ['error', 'package both-sources: `vcs.commit-id` is required', 'both-sources'],
      ['error', 'package archive-without-hashes: `archive.hashes` is required', 'archive-without-hashes'],
      ['warning', 'package nowhere: names no source (one of `vcs`, `directory`, `archive`, `sdist`, `wheels`)', 'nowhere'],
    ]);
    expect(parsed.errors.every((error) => error.code === 'invalid-lockfile')).toBe(true);
    expect(parsed.errors[4].package).toBe('both-sources');
  });

  it('warns about a newer minor lock-version and rejects a missing one', () => {
    expect(parsePylock('lock-version = "1.1"\ncreated-by = "x"\npackages = []\n', 'pylock.toml').errors).toMatchObject([{ code: 'invalid-lockfile', severity: 'warning' }]);
    expect(parsePylock('created-by = "x"\npackages = []\n', 'pylock.toml').errors).toMatchObject([{ code: 'invalid-lockfile', severity: 'error' }]);
  });

  it('reports invalid TOML without lockfile findings that a partial parse would make up', () => {
    const parsed = parsePylock('lock-version = "1.0"\ncreated-by = \n', 'pylock.toml');
    expect(parsed.errors.map((error) => error.code)).toEqual(['invalid-toml']);
    expect(parsed.locked).toEqual([]);
  });
});
