/**
 * `pipsight check` against an index that is down stays bounded: a closed port is tried at most
 * once per parallel request slot (then the index is down for the run), and an index that accepts
 * connections but never answers is given up at --index-timeout with a message naming it, the
 * findings that need no index still printed. Bounds are asserted by counting connections.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, countConnectAttempts, startSilentServer } from '../registry/local-servers';
import { runCapture } from './run-cli-helper';

const REQUIREMENTS = [...Array.from({ length: 64 }, (_, position) => `package-${String(position).padStart(3, '0')}>=1`), 'broken ===', ''].join('\n');

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'pipsight-index-down-'));
  writeFileSync(join(folder, 'requirements.txt'), REQUIREMENTS);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (argv: string[]) => runCapture(argv, { cwd: folder, env: { HOME: folder, XDG_CACHE_HOME: join(folder, 'cache') }, indexChecks: true });

describe('an index that is down', () => {
  it('closed port: 64 requirements make at most 16 connection attempts', async () => {
    const port = await closedPort();
    const attempts = countConnectAttempts(port);
    try {
      const result = await run(['check', 'requirements.txt', '--index-url', `http://127.0.0.1:${port}/simple/`]);
      expect(attempts.count()).toBeGreaterThan(0);
      expect(attempts.count()).toBeLessThanOrEqual(16);
      expect(result.stdout).toContain('index-unreachable');
      expect(result.stdout).toContain('invalid-specifier');
    } finally {
      attempts.stop();
    }
  });

  it('never answers: stopped at --index-timeout, naming the index, offline findings still printed', async () => {
    const silent = await startSilentServer();
    try {
      const result = await run(['check', 'requirements.txt', '--index-url', `${silent.url}/simple/`, '--index-timeout', '0.5']);
      expect(silent.connections()).toBeGreaterThan(0);
      expect(silent.connections()).toBeLessThanOrEqual(16);
      expect(result.stderr).toContain(`index checks stopped after 0.5 s (--index-timeout); no answer from ${silent.url}`);
      expect(result.stderr).toMatch(/64 requirement\(s\) not checked/);
      expect(result.stdout).toContain('invalid-specifier');
      expect(result.code).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it('--index-timeout must be a positive number', async () => {
    const result = await run(['check', 'requirements.txt', '--index-timeout', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--index-timeout must be a positive number of seconds');
  });
});
