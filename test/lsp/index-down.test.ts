/**
 * The language server and an index that is down: after a failure the index (origin) is not asked
 * again for a while, so repeated completions do not hit it; a completion waits for index data no
 * longer than a hover does, then answers with what is known, marked incomplete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver/node';
import { closedPort, countConnectAttempts, startSilentServer } from '../unit/registry/local-servers';
import { temporaryProject } from './fixtures';
import { startInMemoryServer, type InMemoryServer } from './harness';

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

async function start(indexUrl: string) {
  server = startInMemoryServer({ pullDiagnostics: false, settings: { diagnostics: { debounceMs: 10 }, indexes: [{ url: indexUrl, default: true }] } });
  await server.client.initialize();
  const project = temporaryProject();
  const uri = project.uri('requirements.txt');
  const text = 'flask\nrequests==\n';
  await server.client.open(uri, text);
  const complete = () => server!.client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 10 } });
  return { client: server.client, uri, complete };
}

describe('an index that is down', () => {
  it('is not asked again by later completions once it failed', async () => {
    const port = await closedPort();
    const attempts = countConnectAttempts(port);
    try {
      const { client, uri, complete } = await start(`http://127.0.0.1:${port}/simple/`);
      await client.waitForPublished(uri, (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'index-unreachable'));
      const afterFailure = attempts.count();
      expect(afterFailure).toBeGreaterThan(0);
      for (let round = 0; round < 3; round++) await complete();
      expect(attempts.count()).toBe(afterFailure);
    } finally {
      attempts.stop();
    }
  });

  it('a completion does not wait for an index that never answers', async () => {
    const silent = await startSilentServer();
    try {
      const { complete } = await start(`${silent.url}/simple/`);
      const list = await complete();
      expect(list.isIncomplete).toBe(true);
      expect(silent.connections()).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });
});
