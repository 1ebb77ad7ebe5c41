/**
 * No password reaches the CLI's output: index URLs (valid, and malformed with `/`, `#`, `?` in the
 * password), direct references and lockfile sources with credentials, usage errors, the
 * PIP_INDEX_URL warning and index failures, in every command (check, deps, outdated, tree; text
 * and JSON). Every output channel is searched for the secret.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../index-server/server';
import { closedPort } from '../registry/local-servers';
import { runCapture, type CliResult } from './run-cli-helper';

const SECRET = 'Zq9SECRET';

let server: IndexServer;
let folder: string;
let deadPort: number;

beforeAll(async () => {
  server = await startIndexServer({ privateCredentials: { username: 'alice', password: `pa/${SECRET}` } });
  deadPort = await closedPort();
  folder = mkdtempSync(join(tmpdir(), 'pipsight-secrets-'));
  const port = new URL(server.url).port;
  writeFileSync(
    join(folder, 'requirements.txt'),
    [
      `--index-url http://alice:pa%2F${SECRET}@127.0.0.1:${port}/private/simple/`,
      `--extra-index-url http://alice:pa/${SECRET}@127.0.0.1:${port}/simple/`,
      `--extra-index-url http://bob:x%23${SECRET}@127.0.0.1:${deadPort}/simple/`,
      'acme-internal',
      'surely-not-a-package-anywhere',
      `direct @ https://user:${SECRET}@files.example/direct-1.0-py3-none-any.whl`,
      `vcs @ git+https://user:tok/${SECRET}@git.example/repo.git`,
      `hashy @ https://user:${SECRET}#frag@files.example/h.whl`,
      `query @ https://user:${SECRET}?x@files.example/q.whl`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(folder, 'plain'));
  writeFileSync(join(folder, 'plain', 'pyproject.toml'), ['[project]', 'name = "plain"', 'version = "0.1"', 'dependencies = ["six"]', ''].join('\n'));
  mkdirSync(join(folder, 'project'));
  writeFileSync(
    join(folder, 'project', 'pyproject.toml'),
    ['[project]', 'name = "demo"', 'version = "0.1"', `dependencies = ["direct @ https://user:pa/${SECRET}@files.example/direct-1.0-py3-none-any.whl", "six"]`, ''].join('\n'),
  );
  writeFileSync(
    join(folder, 'project', 'uv.lock'),
    [
      'version = 1',
      'requires-python = ">=3.10"',
      '',
      '[[package]]',
      'name = "demo"',
      'version = "0.1"',
      'source = { editable = "." }',
      'dependencies = [{ name = "direct" }, { name = "six" }]',
      '',
      '[[package]]',
      'name = "direct"',
      'version = "1.0"',
      `source = { url = "https://user:pa/${SECRET}@files.example/direct-1.0-py3-none-any.whl" }`,
      '',
      '[[package]]',
      'name = "six"',
      'version = "1.16.0"',
      `source = { git = "https://user:tok#${SECRET}@git.example/six.git" }`,
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

function run(argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCapture(argv, { cwd: folder, env: { HOME: folder, XDG_CACHE_HOME: join(folder, 'cache'), ...env }, indexChecks: true });
}

function expectNoSecret(result: CliResult): void {
  expect(result.stdout).not.toContain(SECRET);
  expect(result.stderr).not.toContain(SECRET);
}

describe('the CLI never prints a password', () => {
  it('check and outdated, text and JSON, against indexes with credentials (one of them down)', async () => {
    for (const command of ['check', 'outdated']) {
      for (const format of ['text', 'json']) {
        const result = await run([command, 'requirements.txt', '--format', format]);
        expectNoSecret(result);
        if (format === 'json') expect(() => JSON.parse(result.stdout)).not.toThrow();
      }
    }
    const check = await run(['check', 'requirements.txt']);
    // The warning about the malformed URL is there, masked.
    expect(check.stderr).toContain('http://alice:****@127.0.0.1');
    expect(check.stdout).toContain('index-unreachable');
  });

  it('deps, text and JSON, of requirements and of a lockfile', async () => {
    for (const file of ['requirements.txt', 'project/uv.lock', 'project/pyproject.toml']) {
      for (const format of ['text', 'json']) {
        const result = await run(['deps', file, '--format', format]);
        expectNoSecret(result);
        expect(result.stdout).toContain(':****@');
        if (format === 'json') expect(() => JSON.parse(result.stdout)).not.toThrow();
      }
    }
  });

  it('tree, text and JSON', async () => {
    for (const format of ['text', 'json']) expectNoSecret(await run(['tree', 'project', '--format', format]));
  });

  it('usage errors and the PIP_INDEX_URL warning', async () => {
    const malformed = `http://alice:pa/${SECRET}@127.0.0.1/simple/`;
    const usage = [
      ['check', 'requirements.txt', '--index-url', malformed],
      ['outdated', 'requirements.txt', '--extra-index-url', `http://alice:a?${SECRET}@127.0.0.1/simple/`],
      ['deps', '--format', malformed, 'requirements.txt'],
      ['check', `--bogus=${malformed}`],
      ['deps', '--kind', malformed, 'requirements.txt'],
    ];
    for (const argv of usage) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expectNoSecret(result);
    }
    const warned = await run(['check', 'plain/pyproject.toml'], { PIP_INDEX_URL: `http://alice:pa#${SECRET}@127.0.0.1/simple/`, PIP_EXTRA_INDEX_URL: malformed });
    expect(warned.stderr).toContain('PIP_INDEX_URL');
    expectNoSecret(warned);
  });
});
