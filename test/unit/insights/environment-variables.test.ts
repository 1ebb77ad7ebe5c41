/**
 * `${VAR}` in requirements files, expanded from the environment as pip does: for the requests and
 * the files read, never in what is shown (messages, JSON). Against the local index server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../index-server/server';
import { runCapture } from '../cli/run-cli-helper';

let server: IndexServer;
let root: string;
let host: string;

beforeAll(async () => {
  server = await startIndexServer();
  host = new URL(server.url).host;
  root = mkdtempSync(join(tmpdir(), 'pipsight-env-vars-'));
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function project(name: string, files: Record<string, string>): string {
  const folder = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

function run(argv: string[], cwd: string, env: Record<string, string>) {
  return runCapture([...argv, '--cache-dir', join(cwd, '.cache')], { cwd, env: { HOME: cwd, ...env }, indexChecks: true });
}

describe('${VAR} in requirements files', () => {
  it('sends requests to the expanded index URL and shows the URL as written', async () => {
    const cwd = project('index-host', { 'requirements.txt': '--index-url http://${INDEX_HOST}/simple/\nflask\n' });
    server.clearRequests();
    const outdated = await run(['outdated', 'requirements.txt', '--format', 'json'], cwd, { INDEX_HOST: host });
    const [entry] = (JSON.parse(outdated.stdout) as { files: { packages: { name: string; status: string; index: string; latest: string | null }[] }[] }).files[0].packages;
    expect(entry).toMatchObject({ name: 'flask', status: 'found', index: 'http://${INDEX_HOST}/simple/' });
    expect(server.requests.some((request) => request.path === '/simple/flask/')).toBe(true);
    const check = await run(['check', 'requirements.txt', '--no-env', '--format', 'json'], cwd, { INDEX_HOST: host });
    expect(check.stdout).not.toContain(host);
    expect(outdated.stdout).not.toContain(host);
    expect(check.stderr).not.toContain(host);
  });

  it('sends the credentials a variable holds, and never shows them', async () => {
    const privateIndex = server.indexes.private.replace('http://', 'http://alice:${INDEX_PASSWORD}@');
    const cwd = project('credentials', { 'requirements.txt': `--extra-index-url ${privateIndex}\nacme-internal==1.0.0\n` });
    const outdated = await run(['outdated', 'requirements.txt', '--format', 'json', '--index-url', server.indexes.pypi], cwd, { INDEX_PASSWORD: 's3cret' });
    const [entry] = (JSON.parse(outdated.stdout) as { files: { packages: { status: string; latest: string | null; index: string }[] }[] }).files[0].packages;
    expect(entry).toMatchObject({ status: 'found', latest: '1.1.0', index: server.indexes.private });
    const check = await run(['check', 'requirements.txt', '--no-env', '--index-url', server.indexes.pypi], cwd, { INDEX_PASSWORD: 's3cret' });
    // Found on the private index (1.1.0 is out): not reported as unreachable.
    expect(check.stdout).toContain('hint[outdated]');
    expect(check.stdout).not.toContain('index-unreachable');
    expect(`${outdated.stdout}${outdated.stderr}${check.stdout}${check.stderr}`).not.toContain('s3cret');
  });

  it('reads the include a variable names; an unset variable stays as written', async () => {
    const cwd = project('include', { 'requirements.txt': 'numpy>=2\n-r ${REQ_DIR}/base.txt\n', 'envs/prod/base.txt': 'numpy<2\n' });
    const found = await runCapture(['check', 'requirements.txt', '--no-env', '--no-index-checks'], { cwd, env: { REQ_DIR: 'envs/prod' } });
    expect(found.stdout).toContain('error[contradictory-requirements]');
    expect(found.stdout).not.toContain('envs/prod');
    const unset = await runCapture(['check', 'requirements.txt', '--no-env', '--no-index-checks'], { cwd, env: {} });
    expect(unset.stdout).toContain('requirements.txt:2:4: error[missing-include] Included file not found: ${REQ_DIR}/base.txt (resolved to ');
  });
});
