import { describe, expect, it } from 'vitest';
import { parsePdmLock } from '../../../server/src/core/formats/locks/pdm-lock';
import { expectSpansCoverNames, lockedEntry, readFixture } from './read-fixture';

describe('parsePdmLock', () => {
  const text = readFixture('pdm.lock');
  const file = parsePdmLock(text, 'pdm.lock');

  it('reads packages, groups, markers and requires-python', () => {
    expect(file.kind).toBe('pdm-lock');
    expect(file.locked.map((entry) => [entry.name, entry.version, entry.groups])).toEqual([
      ['anyio', '4.6.2', ['default']],
      ['torch', '2.5.1+cu124', ['default']],
      ['httpx', '0.27.2', ['default']],
      ['toolbox', '0.2.0', ['test']],
      ['demo-plugin', '0.1.0', ['test']],
    ]);
    expect(lockedEntry(file, 'torch').marker).toBe('sys_platform == "linux"');
    expect(lockedEntry(file, 'anyio').marker).toBeNull();
    expect(file.requiresPython?.specifier).toBe('>=3.9');
    expect(text.slice(file.requiresPython!.span.start, file.requiresPython!.span.end)).toBe('>=3.9');
    expectSpansCoverNames(text, file);
  });

  it('parses dependency strings as PEP 508 requirements', () => {
    expect(lockedEntry(file, 'anyio').dependencies).toEqual([
      { name: 'exceptiongroup', specifier: '>=1.0.2', marker: 'python_version < "3.11"', extras: [] },
      { name: 'idna', specifier: '>=2.8', marker: null, extras: [] },
      { name: 'typing-extensions', specifier: '>=4.1', marker: 'python_version < "3.11"', extras: [] },
    ]);
    expect(lockedEntry(file, 'httpx').dependencies).toEqual([
      { name: 'anyio', specifier: '', marker: null, extras: [] },
      { name: 'httpcore', specifier: '==1.*', marker: null, extras: ['asyncio'] },
    ]);
  });

  it('reports a dependency that is not PEP 508 on its package', () => {
    expect(file.errors).toHaveLength(1);
    expect(file.errors[0]).toMatchObject({ code: 'invalid-requirement', severity: 'warning', package: 'demo-plugin' });
    expect(text.slice(file.errors[0].span.start, file.errors[0].span.end)).toBe('demo-plugin');
  });

  it('reads git, editable path and file-URL sources (null for PyPI files)', () => {
    expect(lockedEntry(file, 'toolbox').source).toBe('https://github.com/example/toolbox.git');
    expect(lockedEntry(file, 'demo-plugin').source).toBe('editable:./plugins/demo');
    expect(lockedEntry(file, 'torch').source).toBe('https://download.pytorch.org/whl/cu124');
    expect(lockedEntry(file, 'httpx').source).toBeNull();
    expect(lockedEntry(file, 'anyio').source).toBeNull();
  });

  it('reads the older layout: packages first, files in [metadata.files]', () => {
    const older = [
      '[[package]]',
      'name = "torch"',
      'version = "1.12.0+cu116"',
      'requires_python = ">=3.7.0"',
      'summary = "Tensors"',
      '',
      '[metadata]',
      'lock_version = "4.1"',
      'content_hash = "sha256:00"',
      '',
      '[metadata.files]',
      '"torch 1.12.0+cu116" = [',
      '    {url = "https://download.pytorch.org/whl/cu116/torch-1.12.0%2Bcu116-cp310-cp310-linux_x86_64.whl", hash = "sha256:aa"},',
      ']',
      '',
    ].join('\n');
    const parsed = parsePdmLock(older, 'pdm.lock');
    expect(parsed.errors).toEqual([]);
    expect(parsed.locked).toMatchObject([{ name: 'torch', version: '1.12.0+cu116', source: 'https://download.pytorch.org/whl/cu116' }]);
  });

  it('reports a missing [metadata] and a newer lock_version', () => {
    expect(parsePdmLock('[[package]]\nname = "a"\nversion = "1"\n', 'pdm.lock').errors).toMatchObject([{ code: 'invalid-lockfile', severity: 'error' }]);
    expect(parsePdmLock('[metadata]\nlock_version = "5.0"\n', 'pdm.lock').errors).toMatchObject([{ code: 'invalid-lockfile', severity: 'warning' }]);
  });
});
