/**
 * Files that exist but cannot be read. The OS refusal is simulated (opening a path whose name has
 * `locked` in it fails with EACCES), so the test behaves the same when run as root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCapture } from './run-cli-helper';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const refuse = (path: unknown) => {
    if (String(path).includes('locked')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES', errno: -13, syscall: 'open' });
  };
  return {
    ...actual,
    openSync: ((path: Parameters<typeof actual.openSync>[0], ...rest: unknown[]) => {
      refuse(path);
      return (actual.openSync as (...args: unknown[]) => number)(path, ...rest);
    }) as typeof actual.openSync,
    readFileSync: ((path: Parameters<typeof actual.readFileSync>[0], ...rest: unknown[]) => {
      refuse(path);
      return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
    }) as typeof actual.readFileSync,
  };
});

let root: string;

function write(relativePath: string, text: string): void {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pipsight-cli-unreadable-'));
  write('requirements.txt', 'flask\nnumpy>=2\nnumpy<2\n');
  write('locked/requirements-dev.txt', 'pytest\n');
  write('services/requirements.txt', '-r ../locked-base.txt\nrequests\n');
  write('locked-base.txt', 'attrs\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface CheckedFile {
  path: string;
  diagnostics: { code: string; message: string; range: { start: { line: number; character: number } } }[];
}

describe('files that cannot be read', () => {
  it('reports an unreadable file of a walk on that file, with the reason, and checks the others', async () => {
    const result = await runCapture(['check', '--no-env', '--format', 'json'], { cwd: root });
    const files = (JSON.parse(result.stdout) as { files: CheckedFile[] }).files;
    expect(files.map((file) => [file.path, file.diagnostics.map((d) => d.code)])).toEqual([
      ['requirements.txt', ['contradictory-requirements', 'contradictory-requirements']],
      ['locked/requirements-dev.txt', ['file-unreadable']],
      ['services/requirements.txt', ['file-unreadable']],
    ]);
    expect(files[1].diagnostics[0]).toMatchObject({ message: 'Cannot read this file: permission denied (EACCES)', range: { start: { line: 0, character: 0 } } });
    expect(result.code).toBe(1);
  });

  it('says why an include cannot be read instead of "not found"', async () => {
    const result = await runCapture(['check', 'services/requirements.txt', '--no-env'], { cwd: root });
    expect(result.stdout).toContain('services/requirements.txt:1:4: error[file-unreadable] Cannot read included file ../locked-base.txt: permission denied (EACCES)');
    expect(result.stdout).not.toContain('not found');
    expect(result.code).toBe(1);
  });
});
