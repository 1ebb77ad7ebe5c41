/**
 * No password leaves the language server: index URLs in `pipsight.indexes` (valid, and malformed
 * with `/`, `#`, `?` in the password), index options and direct references with credentials in the
 * documents, lockfile sources, index failures. Everything the server sends (hovers, diagnostics,
 * inlay hints, code actions, completions, log and progress messages) is searched for the secret.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover } from 'vscode-languageserver/node';
import { startIndexServer, type IndexServer } from '../index-server/server';
import { closedPort } from '../unit/registry/local-servers';
import { temporaryProject } from './fixtures';
import { startInMemoryServer, waitFor, type InMemoryServer } from './harness';

const SECRET = 'Zq9SECRET';

let indexServer: IndexServer;
let server: InMemoryServer | undefined;
let deadPort: number;

beforeAll(async () => {
  indexServer = await startIndexServer({ privateCredentials: { username: 'alice', password: `pa/${SECRET}` } });
  deadPort = await closedPort();
});
afterAll(async () => indexServer.close());
afterEach(() => {
  server?.dispose();
  server = undefined;
});

const positionOf = (text: string, needle: string) => {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(needle));
  return { line, character: lines[line].indexOf(needle) + 1 };
};

describe('the language server never sends a password', () => {
  it('in hovers, diagnostics, inlay hints, completions, code actions and log messages', async () => {
    const port = new URL(indexServer.url).port;
    const settings = {
      logLevel: 'debug',
      diagnostics: { debounceMs: 10 },
      indexes: [
        { url: `http://alice:pa%2F${SECRET}@127.0.0.1:${port}/private/simple/`, default: true },
        { url: `http://alice:pa/${SECRET}@127.0.0.1:${port}/simple/` },
        { url: `http://alice:x?${SECRET}@127.0.0.1:${port}/simple/` },
        { url: `http://bob:x%23${SECRET}@127.0.0.1:${deadPort}/simple/` },
      ],
    };
    server = startInMemoryServer({ pullDiagnostics: false, settings });
    const { client } = server;
    await client.initialize();
    const project = temporaryProject();
    const requirements = [
      `--extra-index-url http://carol:pa#${SECRET}@127.0.0.1:${port}/simple/`,
      'acme-internal',
      'surely-not-a-package-anywhere',
      `direct @ https://user:${SECRET}@files.example/direct-1.0-py3-none-any.whl`,
      `vcs @ git+https://user:tok/${SECRET}@git.example/repo.git`,
      `hashy @ https://user:${SECRET}#frag@files.example/h.whl`,
      '',
    ].join('\n');
    const lock = [
      'version = 1',
      'requires-python = ">=3.10"',
      '',
      '[[package]]',
      'name = "direct"',
      'version = "1.0"',
      `source = { url = "https://user:pa/${SECRET}@files.example/direct-1.0-py3-none-any.whl" }`,
      '',
    ].join('\n');
    writeFileSync(project.path('uv.lock'), lock);
    const uri = project.uri('requirements.txt');
    const lockUri = project.uri('uv.lock');
    await client.open(uri, requirements);
    await client.open(lockUri, lock);
    const diagnostics: Diagnostic[] = await client.waitForPublished(uri, (list) => list.some((diagnostic) => diagnostic.code === 'index-unreachable'), 10_000);
    expect(diagnostics.length).toBeGreaterThan(0);
    const hovers: (Hover | null)[] = [];
    for (const needle of ['acme-internal', 'direct @', 'vcs @', 'hashy @']) {
      hovers.push(await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(requirements, needle) }));
    }
    hovers.push(await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: lockUri }, position: positionOf(lock, 'name = "direct"') }));
    expect(JSON.stringify(hovers)).toContain(':****@');
    const range = { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } };
    await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } });
    await client.connection.sendRequest('pipsight/dependencyTree', { uri: lockUri }).catch(() => null);
    await waitFor(() => (client.logMessages.some((message) => message.includes('Index configuration')) ? true : undefined), 5000, 'the index configuration warning');
    expect(client.logMessages.some((message) => message.startsWith('Settings:'))).toBe(true);
    const transcript = server.transcript();
    expect(transcript).toContain('****');
    expect(transcript).not.toContain(SECRET);
  });
});
