/**
 * How the CLI reads the files it is given and finds: size limits, what is not a regular file,
 * folders reached through symlinks, files that cannot be read, encodings, streamed JSON.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/src/cli/run-cli';
import { startIndexServer, type IndexServer } from '../../index-server/server';
import { ensureCliBuilt, runBuiltCli } from './built-cli';
import { runCapture } from './run-cli-helper';

const MIB = 1024 * 1024;
let root: string;

function write(relativePath: string, content: string | Uint8Array): string {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** A file of `bytes` zero bytes that takes no disk space (sparse). */
function sparse(relativePath: string, bytes: number): string {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  const descriptor = openSync(path, 'w');
  ftruncateSync(descriptor, bytes);
  closeSync(descriptor);
  return path;
}

function folder(name: string): string {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
}

interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function checkJson(stdout: string): { path: string; diagnostics: Diagnostic[] }[] {
  return (JSON.parse(stdout) as { files: { path: string; diagnostics: Diagnostic[] }[] }).files;
}

const canMakeFifo = process.platform !== 'win32';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pipsight-cli-files-'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('size limits', () => {
  it('reports a requirements file over 16 MiB at its start, without reading it (deps JSON and check)', async () => {
    const cwd = folder('huge');
    sparse('huge/requirements.txt', 17 * MIB);
    const deps = await runCapture(['deps', 'requirements.txt', '--format', 'json'], { cwd });
    expect(deps.code).toBe(0);
    const [file] = (JSON.parse(deps.stdout) as { files: { requirements: unknown[]; errors: Diagnostic[] }[] }).files;
    expect(file.requirements).toEqual([]);
    expect(file.errors).toEqual([
      {
        code: 'file-too-large',
        severity: 'error',
        message: 'File too large to analyse (17 MiB; the limit for requirements files and manifests is 16 MiB)',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        package: null,
      },
    ]);
    const check = await runCapture(['check', 'requirements.txt', '--no-env'], { cwd });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('requirements.txt:1:1: error[file-too-large] File too large to analyse (17 MiB;');
  });

  it('reports an included file over the limit at the include, not as missing', async () => {
    const cwd = folder('huge-include');
    write('huge-include/requirements.txt', 'flask\n-r big.txt\n');
    sparse('huge-include/big.txt', 17 * MIB);
    const result = await runCapture(['check', 'requirements.txt', '--no-env', '--format', 'json'], { cwd });
    const [file] = checkJson(result.stdout);
    expect(file.diagnostics.map((d) => [d.code, d.message, d.range.start])).toEqual([
      ['file-too-large', 'Included file too large to analyse: big.txt (17 MiB; the limit for requirements files and manifests is 16 MiB)', { line: 1, character: 3 }],
    ]);
    expect(result.code).toBe(1);
  });
});

describe('JSON output', () => {
  it('is written in pieces, never as one string, and is the same JSON', async () => {
    const cwd = folder('many');
    write('many/requirements.txt', Array.from({ length: 4000 }, (_, index) => `package-number-${index}>=1.${index},<2 ; python_version >= "3.8"\n`).join(''));
    const writes: string[] = [];
    const code = await runCli(['deps', 'requirements.txt', '--format', 'json'], {
      stdout: { write: (text: string) => writes.push(text) },
      stderr: { write: () => undefined },
      cwd,
      env: {},
    });
    expect(code).toBe(0);
    const output = writes.join('');
    const parsed = JSON.parse(output) as { files: { requirements: unknown[] }[] };
    expect(parsed.files[0].requirements).toHaveLength(4000);
    expect(output).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(output.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...writes.map((text) => text.length))).toBeLessThan(70 * 1024);
  });
});

describe.runIf(canMakeFifo)('paths that are not regular files', () => {
  beforeAll(() => ensureCliBuilt(), 120_000);

  it('refuses a FIFO given as a path (exit 2) instead of waiting for a writer forever', async () => {
    const fifo = join(folder('fifo'), 'requirements.txt');
    execFileSync('mkfifo', [fifo]);
    const result = await runBuiltCli(['check', '--no-index-checks', '--no-env', fifo], { timeoutMs: 15_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`pipsight: ${fifo}: not a regular file (FIFO)`);
  }, 30_000);

  it.runIf(existsSync('/dev/zero'))('refuses a device given with --kind (exit 2) instead of reading it until memory runs out', async () => {
    const result = await runBuiltCli(['check', '--no-index-checks', '--no-env', '--kind', 'requirements', '/dev/zero'], { timeoutMs: 15_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pipsight: /dev/zero: not a regular file (character device)');
  }, 30_000);

  it('reports a FIFO found by a walk as a finding on that file and checks the others', async () => {
    const cwd = folder('walk-fifo');
    write('walk-fifo/requirements.txt', 'flask\n');
    mkdirSync(join(cwd, 'sub'));
    execFileSync('mkfifo', [join(cwd, 'sub', 'requirements-dev.txt')]);
    const result = await runCapture(['check', '--no-env', '--format', 'json'], { cwd });
    expect(checkJson(result.stdout).map((file) => [file.path, file.diagnostics.map((d) => `${d.code}: ${d.message}`)])).toEqual([
      ['requirements.txt', []],
      ['sub/requirements-dev.txt', ['file-unreadable: Cannot read this file: not a regular file (FIFO)']],
    ]);
    expect(result.code).toBe(1);
  });
});

describe('paths given on the command line', () => {
  it("refuses an empty path instead of checking the working directory", async () => {
    const cwd = folder('empty-arg');
    write('empty-arg/requirements.txt', 'flask\n');
    for (const command of [['check', ''], ['deps', ''], ['tree', '']]) {
      const result = await runCapture(command, { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("pipsight: '' is not a path (an empty argument was given)");
      expect(result.stdout).toBe('');
    }
  });
});

describe('includes that cannot be read', () => {
  it('says why (a folder), not "not found"', async () => {
    const cwd = folder('include-folder');
    write('include-folder/requirements.txt', '-r shared\n');
    folder('include-folder/shared');
    const result = await runCapture(['check', 'requirements.txt', '--no-env', '--format', 'json'], { cwd });
    expect(checkJson(result.stdout)[0].diagnostics.map((d) => [d.code, d.message])).toEqual([['file-unreadable', 'Cannot read included file shared: is a directory']]);
    expect(result.code).toBe(1);
  });
});

describe('include limits', () => {
  it('does not say "No problems found" when includes past the limit were not checked', async () => {
    const cwd = folder('many-includes');
    for (let i = 0; i < 600; i++) write(`many-includes/parts/p${i}.txt`, i === 599 ? 'numpy<2\n' : `package-${i}\n`);
    write('many-includes/requirements.txt', `numpy>=2\n${Array.from({ length: 600 }, (_, i) => `-r parts/p${i}.txt\n`).join('')}`);
    const result = await runCapture(['check', 'requirements.txt', '--no-env'], { cwd });
    expect(result.stdout).not.toContain('No problems found');
    expect(result.stdout).toContain('requirements.txt:501:1: warning[include-limit] Include not followed: the include tree already has 500 files; the requirements of parts/p499.txt are not checked');
    expect(result.stdout).toContain('Found 101 warnings in 1 file.');
  });
});

describe('symlinked folders in a walk', () => {
  it('does not leave the folder given: links to folders outside it are not entered, loops are visited once', async () => {
    const outside = folder('outside');
    write('outside/requirements.txt', 'not-mine\n');
    const cwd = folder('project');
    write('project/requirements.txt', 'flask\n');
    write('project/libs/inner/requirements-dev.txt', 'pytest\n');
    symlinkSync(outside, join(cwd, 'elsewhere'));
    symlinkSync('/', join(cwd, 'filesystem-root'));
    symlinkSync('..', join(cwd, 'libs', 'up'));
    symlinkSync(join(cwd, 'libs', 'inner'), join(cwd, 'inner-again'));
    const result = await runCapture(['check', '--no-env', '--format', 'json'], { cwd });
    // libs/inner is reached first through the link inner-again (names are walked in order), then never again.
    expect(checkJson(result.stdout).map((file) => file.path)).toEqual(['requirements.txt', 'inner-again/requirements-dev.txt']);
  });
});

describe('encodings', () => {
  it('reads a UTF-16 requirements file with a byte order mark as pip does, with positions in its text', async () => {
    const cwd = folder('utf16');
    write('utf16/requirements.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('flask>=2\r\nnumpy<2 ; python_version >= "3.9"\r\n', 'utf16le')]));
    const check = await runCapture(['check', 'requirements.txt', '--no-env'], { cwd });
    expect(check.stdout).toBe('No problems found in 1 file.\n');
    expect(check.code).toBe(0);
    const deps = await runCapture(['deps', 'requirements.txt', '--format', 'json'], { cwd });
    const [file] = (JSON.parse(deps.stdout) as { files: { requirements: { name: string; range: Diagnostic['range'] }[] }[] }).files;
    expect(file.requirements.map((requirement) => [requirement.name, requirement.range])).toEqual([
      ['flask', { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }],
      ['numpy', { start: { line: 1, character: 0 }, end: { line: 1, character: 33 } }],
    ]);
  });

  it('reports bytes that are not UTF-8 where they are', async () => {
    const cwd = folder('latin');
    write('latin/requirements.txt', Buffer.concat([Buffer.from('flask\nnumpy  # M'), Buffer.from([0xfc]), Buffer.from('ller\nrequests\n')]));
    const result = await runCapture(['check', 'requirements.txt', '--no-env'], { cwd });
    expect(result.stdout).toContain("requirements.txt:2:11: warning[invalid-encoding] Invalid UTF-8 (0xfc): pip then decodes the whole file with the locale's encoding");
    const deps = await runCapture(['deps', 'requirements.txt', '--format', 'json'], { cwd });
    const [file] = (JSON.parse(deps.stdout) as { files: { requirements: { name: string }[]; errors: Diagnostic[] }[] }).files;
    expect(file.requirements.map((requirement) => requirement.name)).toEqual(['flask', 'numpy', 'requests']);
    expect(file.errors.map((error) => [error.code, error.range])).toEqual([['invalid-encoding', { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } }]]);
  });

  it('follows a coding declaration', async () => {
    const cwd = folder('declared');
    write('declared/requirements.txt', Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nnumpy ; platform_version == "M'), Buffer.from([0xfc]), Buffer.from('ller"\n')]));
    const result = await runCapture(['check', 'requirements.txt', '--no-env'], { cwd });
    expect(result.stdout).toBe('No problems found in 1 file.\n');
    const deps = await runCapture(['deps', 'requirements.txt', '--format', 'json'], { cwd });
    const [file] = (JSON.parse(deps.stdout) as { files: { requirements: { marker: string | null }[] }[] }).files;
    expect(file.requirements[0].marker).toBe('platform_version == "Müller"');
  });
});

describe('index cache folder', () => {
  let server: IndexServer;
  beforeAll(async () => {
    server = await startIndexServer();
  });
  afterAll(async () => server.close());

  it.runIf(existsSync('/proc/self'))('refuses a --cache-dir that cannot be created (under /proc) instead of spinning', async () => {
    const cwd = folder('cache-proc');
    write('cache-proc/requirements.txt', 'flask\n');
    const result = await runCapture(['check', 'requirements.txt', '--no-env', '--index-url', server.indexes.pypi, '--cache-dir', '/proc/pipsight-test-cache'], { cwd, indexChecks: true, env: { HOME: cwd } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pipsight: --cache-dir: cannot create /proc/pipsight-test-cache: no such file or directory (ENOENT)');
  }, 20_000);

  it.runIf(existsSync('/proc/self'))('caches in memory only, with a warning, when the default cache folder cannot be created', async () => {
    const cwd = folder('cache-default');
    write('cache-default/requirements.txt', 'flask\n');
    const result = await runCapture(['check', 'requirements.txt', '--no-env', '--index-url', server.indexes.pypi], { cwd, indexChecks: true, env: { HOME: cwd, XDG_CACHE_HOME: '/proc/pipsight-test-xdg' } });
    expect(result.stderr).toContain('pipsight: warning: index cache: cannot create /proc/pipsight-test-xdg: no such file or directory (ENOENT); index data is not cached on disk');
    expect(result.stdout).toContain('1 file');
    expect(result.code).toBe(0);
  }, 20_000);

  it('says in the summary when --offline left requirements unchecked', async () => {
    const cwd = folder('offline');
    write('offline/requirements.txt', 'flask\nnumpy\n');
    const result = await runCapture(['check', 'requirements.txt', '--no-env', '--offline', '--cache-dir', join(cwd, 'empty-cache')], { cwd, indexChecks: true, env: { HOME: cwd } });
    expect(result.stdout).toBe('No problems found in 1 file. 2 requirements not checked against a package index: --offline and no cached data.\n');
    expect(result.code).toBe(0);
  });
});
