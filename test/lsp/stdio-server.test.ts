/**
 * The BUILT server (dist/server.js) over stdio, as an editor starts it. Builds first when
 * dist/server.js is missing or older than the sources.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, ensureBuilt, spawnBuilt } from '../unit/cli/built-cli';
import { connectClient, waitFor, type TestClient } from './harness';
import { PYPROJECT_WITH_INVALID_REQUIREMENT, temporaryProject } from './fixtures';

describe('built server over stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let client: TestClient;
  let stderr = '';

  beforeAll(() => {
    ensureBuilt(BUILT_SERVER);
    child = spawnBuilt(BUILT_SERVER, ['--stdio']);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = connectClient(child.stdout, child.stdin, { pullDiagnostics: false, settings: { diagnostics: { debounceMs: 0 } } });
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill();
  });

  it('initializes, reports diagnostics, and shuts down cleanly', async () => {
    const result = await client.initialize();
    expect(result.serverInfo?.name).toBe('Pipsight');

    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_WITH_INVALID_REQUIREMENT);
    const diagnostics = await client.waitForPublished(uri, (items) => items.length > 0, 10_000);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('invalid-requirement');

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await client.connection.sendRequest('shutdown');
    await client.connection.sendNotification('exit');
    const code = await Promise.race([exited, waitFor(() => undefined, 10_000, 'the server to exit')]);
    expect(code, stderr).toBe(0);
  });
});
