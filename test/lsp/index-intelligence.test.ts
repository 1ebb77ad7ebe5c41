/**
 * The language server's index intelligence against the project's local index server (127.0.0.1):
 * background loading with progress, refreshes, hover, inlay hints / code lenses, completion, code
 * actions from Diagnostic.data, faults and cancellation.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, InlayHint, TextEdit } from 'vscode-languageserver/node';
import { startIndexServer, type IndexServer } from '../index-server/server';
import { startInMemoryServer, waitFor, type InMemoryServer, type TestClientOptions } from './harness';
import { temporaryProject } from './fixtures';

const PYPROJECT = [
  '[project]',
  'name = "demo"',
  'requires-python = ">=3.10"',
  'dependencies = [',
  '    "requests==2.32.0",',
  '    "flask>=2.3,<3",',
  '    "numpy>=2.0",',
  ']',
  '',
].join('\n');

const UV_LOCK = ['version = 1', 'requires-python = ">=3.10"', '', '[[package]]', 'name = "requests"', 'version = "2.31.0"', 'source = { registry = "https://pypi.org/simple" }', ''].join('\n');

let indexServer: IndexServer;
let server: InMemoryServer | undefined;

beforeAll(async () => {
  indexServer = await startIndexServer();
});
afterAll(async () => {
  await indexServer.close();
});
afterEach(() => {
  server?.dispose();
  server = undefined;
  indexServer.clearFaults();
});

async function start(options: Partial<TestClientOptions> = {}, extraSettings: Record<string, unknown> = {}) {
  const settings = { diagnostics: { debounceMs: 20 }, indexes: [{ url: indexServer.indexes.pypi, default: true }], ...extraSettings };
  server = startInMemoryServer({ pullDiagnostics: false, settings, ...options });
  const result = await server.client.initialize();
  return { client: server.client, result };
}

const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === code);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));
const positionOf = (text: string, needle: string, delta = 0) => {
  const line = lineOf(text, needle);
  return { line, character: text.split('\n')[line].indexOf(needle) + delta };
};

async function openProject(client: InMemoryServer['client'], text = PYPROJECT, withLock = false) {
  const project = temporaryProject();
  if (withLock) writeFileSync(project.path('uv.lock'), UV_LOCK);
  const uri = project.uri('pyproject.toml');
  await client.open(uri, text);
  return uri;
}

describe('index intelligence: background loading', () => {
  it('publishes offline diagnostics first, then index findings with progress and refreshes', async () => {
    const { client } = await start({ workDoneProgress: true });
    const uri = await openProject(client);
    const first = await client.waitForPublished(uri, () => true);
    expect(first.some((diagnostic) => diagnostic.code === 'yanked-version')).toBe(false);
    const diagnostics = await client.waitForPublished(uri, hasCode('yanked-version'));
    const yanked = diagnostics.find((diagnostic) => diagnostic.code === 'yanked-version')!;
    expect(yanked).toMatchObject({ severity: 2, source: 'pipsight', range: { start: positionOf(PYPROJECT, '==2.32.0'), end: positionOf(PYPROJECT, '==2.32.0', 8) } });
    expect(yanked.message).toContain('CVE-2024-35195');
    expect(diagnostics.find((diagnostic) => diagnostic.code === 'outdated')).toMatchObject({ severity: 4, range: { start: positionOf(PYPROJECT, '>=2.3,<3') } });
    expect(client.progressTokensCreated.length).toBeGreaterThan(0);
    const token = client.progressTokensCreated[0];
    const events = await waitFor(() => {
      const forToken = client.progress.filter((event) => event.token === token);
      return forToken.some((event) => event.kind === 'end') ? forToken : undefined;
    }, 5000, 'progress end');
    expect(events[0]).toMatchObject({ kind: 'begin', title: 'Pipsight', message: 'checking 3 packages…' });
    await waitFor(() => (client.inlayHintRefreshRequests > 0 ? true : undefined), 5000, 'an inlay hint refresh');
  });

  it('asks a pull-mode client to pull again when the data arrives', async () => {
    const { client } = await start({ pullDiagnostics: true });
    const uri = await openProject(client);
    const first = await client.pull(uri);
    expect(first.items?.some((diagnostic) => diagnostic.code === 'yanked-version')).toBe(false);
    await waitFor(() => (client.refreshRequests > 0 ? true : undefined), 5000, 'a diagnostic refresh');
    const second = await client.pull(uri, first.resultId);
    expect(second.kind).toBe('full');
    expect(second.items?.some((diagnostic) => diagnostic.code === 'yanked-version')).toBe(true);
  });

  it('after an edit of one line, only that requirement is loaded again', async () => {
    const { client } = await start({ workDoneProgress: true });
    const uri = await openProject(client);
    await client.waitForPublished(uri, hasCode('yanked-version'));
    await waitFor(() => (client.progress.some((event) => event.kind === 'end') ? true : undefined), 5000, 'first progress end');
    const line = lineOf(PYPROJECT, 'numpy');
    await client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 100 } }, text: '    "pandas>=2",' }]);
    const begin = await waitFor(() => client.progress.filter((event) => event.kind === 'begin')[1], 5000, 'a second progress');
    expect(begin.message).toBe('checking 1 package…');
    await client.waitForPublished(uri, hasCode('yanked-version'));
  });

  it('keeps the offline diagnostics and stays responsive when the index fails or hangs', async () => {
    // requests hangs, flask answers 503 (retried with backoff), numpy 401 (fails at once).
    indexServer.setFault('/simple/requests/', { kind: 'timeout' });
    indexServer.setFault('/simple/flask/', { kind: 'status', status: 503 });
    indexServer.setFault('/simple/numpy/', { kind: 'status', status: 401 });
    const { client } = await start();
    const text = PYPROJECT.replace('"numpy>=2.0"', '"numpy>=2.0", "pandas>="');
    const uri = await openProject(client, text);
    await client.waitForPublished(uri, hasCode('invalid-requirement'), 2000);
    const started = Date.now();
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'requests', 2) });
    expect(Date.now() - started).toBeLessThan(4500);
    expect(JSON.stringify(hover)).toContain('requests');
    const diagnostics = await client.waitForPublished(uri, hasCode('index-unreachable'), 5000);
    expect(diagnostics.filter((diagnostic) => diagnostic.code === 'index-unreachable')).toHaveLength(1);
    expect(diagnostics.some((diagnostic) => diagnostic.code === 'invalid-requirement')).toBe(true);
  }, 10000);

  it('a malformed index setting is logged as a warning with its password masked; the secret never reaches the log', async () => {
    const indexes = [{ url: indexServer.indexes.pypi, default: true }, { url: 'alice:s3cret@pypi.example.com/simple/' }];
    const { client } = await start({}, { indexes, logLevel: 'debug' });
    const uri = await openProject(client);
    await client.waitForPublished(uri, hasCode('yanked-version'));
    const about = (message: string) => message.includes('Index configuration') && message.includes('alice');
    const warning = await waitFor(() => client.logMessages.find(about), 5000, 'the configuration warning');
    expect(warning).toBe('Index configuration: pipsight.indexes: "alice:****@pypi.example.com/simple/" is not an http(s) index URL');
    expect(client.logMessages.filter(about)).toHaveLength(1);
    expect(client.logMessages.join('\n')).not.toContain('s3cret');
  });

  it('stops loading (progress ends, nothing more published) when the document closes', async () => {
    indexServer.setFault('*', { kind: 'latency', ms: 3000 });
    const { client } = await start({ workDoneProgress: true });
    const uri = await openProject(client);
    await waitFor(() => client.progress.find((event) => event.kind === 'begin'), 5000, 'progress begin');
    const closedAt = Date.now();
    await client.close(uri);
    await waitFor(() => client.progress.find((event) => event.kind === 'end'), 2000, 'progress end');
    expect(Date.now() - closedAt).toBeLessThan(2000);
    await client.waitForPublished(uri, (diagnostics) => diagnostics.length === 0);
    const publishedAfterClose = client.published.get(uri)!.length;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(client.published.get(uri)!.length).toBe(publishedAfterClose);
  }, 10000);
});

describe('index intelligence: editor features', () => {
  it('hover shows the latest release, the yanked reason, the locked version, the summary and the index', async () => {
    const { client } = await start();
    const uri = await openProject(client, PYPROJECT, true);
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(PYPROJECT, 'requests', 2) });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('Python HTTP for Humans\\.');
    expect(value).toContain('- Latest: `2.32.3` (2024-05-29)');
    expect(value).not.toContain('Newest allowed by');
    expect(value).toContain('- Newest for Python `>=3.10`: `2.32.3`');
    expect(value).toContain('- `2.32.0` is yanked: Yanked due to conflicts with CVE\\-2024\\-35195 mitigation');
    expect(value).toContain('- Locked: `2.31.0` (uv\\.lock)');
    expect(value).toContain('[Documentation](https://requests.readthedocs.io)');
    // Status, versions and the one index first; the declaration's details below the rule.
    expect(value.split('\n\n---\n\n')[0]).toBe(
      [
        '**requests** `==2.32.0`',
        '',
        '- `2.32.0` is yanked: Yanked due to conflicts with CVE\\-2024\\-35195 mitigation',
        '- Latest: `2.32.3` (2024-05-29)',
        '- Newest for Python `>=3.10`: `2.32.3` (2024-05-29)',
        '- Locked: `2.31.0` (uv\\.lock)',
        `- Index: \`${indexServer.indexes.pypi}\``,
      ].join('\n'),
    );
    expect(value.match(/Index:/g)).toHaveLength(1);
    const flask = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(PYPROJECT, 'flask', 2) });
    expect((flask.contents as { value: string }).value).toContain('- Newest allowed by `>=2.3,<3`: `2.3.3` (2023-08-21)');
  });

  it('inlay hints say `latest X` after each requirement, or ✓ in the check style', async () => {
    const { client } = await start();
    const uri = await openProject(client);
    await client.waitForPublished(uri, hasCode('yanked-version'));
    const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const hints = await client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    expect(hints.map((hint) => [hint.position, hint.label])).toEqual([
      [positionOf(PYPROJECT, '"requests==2.32.0",', 19), 'latest 2.32.3'],
      [positionOf(PYPROJECT, '"flask>=2.3,<3",', 16), 'latest 3.1.0'],
      [positionOf(PYPROJECT, '"numpy>=2.0",', 13), 'latest 2.3.4'],
    ]);
    server!.dispose();
    const checking = await start({}, { inlayHints: { style: 'check' } });
    const checkUri = await openProject(checking.client);
    await checking.client.waitForPublished(checkUri, hasCode('yanked-version'));
    const checked = await checking.client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: checkUri }, range });
    expect(checked.map((hint) => hint.label)).toEqual(['latest 2.32.3', 'latest 3.1.0', '✓']);
  });

  it('offers code lenses instead when the client has no inlay hints', async () => {
    const { client, result } = await start({ inlayHints: false });
    expect(result.capabilities.inlayHintProvider).toBeUndefined();
    expect(result.capabilities.codeLensProvider).toBeDefined();
    const uri = await openProject(client);
    await client.waitForPublished(uri, hasCode('yanked-version'));
    await waitFor(() => (client.codeLensRefreshRequests > 0 ? true : undefined), 5000, 'a code lens refresh');
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((lens) => lens.command?.title)).toEqual(['requests: latest 2.32.3', 'flask: latest 3.1.0', 'numpy: latest 2.3.4']);
  });

  it('completes versions newest first with yanked ones marked and last, names, and extras', async () => {
    const { client, result } = await start();
    expect((result.capabilities.completionProvider?.triggerCharacters ?? []).sort()).toEqual(['"', ',', '<', '=', '>', '[', '~'].sort());
    const project = temporaryProject();
    const uri = project.uri('requirements.txt');
    const text = 'requests==\nreq\nflask[\n';
    await client.open(uri, text, 'pip-requirements');
    const versions = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 10 } });
    const ordered = [...versions.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(ordered.map((item) => item.label)).toEqual(['2.32.3', '2.32.1', '2.31.0', '2.32.0']);
    expect(ordered[3]).toMatchObject({ tags: [1], detail: '2024-05-20 · yanked: Yanked due to conflicts with CVE-2024-35195 mitigation' });
    expect(ordered[0].textEdit).toEqual({ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, newText: '2.32.3' });
    const names = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } });
    expect(names.items.map((item) => item.label)).toContain('requests');
    expect(names.items.every((item) => item.label.startsWith('req'))).toBe(true);
    const extras = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 6 } });
    expect(extras.items.map((item) => item.label).sort()).toEqual(['async', 'dotenv']);
  });

  it('code actions come from the diagnostics data: update keeping the style, pin, pin to locked, update all', async () => {
    const { client } = await start();
    const text = PYPROJECT.replace('"numpy>=2.0"', '"numpy==1.26.4"');
    const uri = await openProject(client, text, true);
    const diagnostics = await client.waitForPublished(uri, (all) => hasCode('yanked-version')(all) && all.filter((d) => d.code === 'outdated').length === 2);
    const actionsFor = (code: string, position: string) => {
      const diagnostic = diagnostics.find((d) => d.code === code && d.range.start.line === lineOf(text, position))!;
      const request = client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      return request.then((actions) => actions.filter((action) => action.kind === 'quickfix'));
    };
    const edits = (action: CodeAction) => action.edit!.changes![uri] as TextEdit[];
    const yanked = await actionsFor('yanked-version', 'requests');
    expect(yanked.map((action) => action.title)).toEqual(['Update requests to ==2.32.3', 'Pin requests to 2.31.0 (the locked version)']);
    expect(yanked[0].isPreferred).toBe(true);
    expect(edits(yanked[0])).toEqual([{ range: { start: positionOf(text, '==2.32.0'), end: positionOf(text, '==2.32.0', 8) }, newText: '==2.32.3' }]);
    const flask = await actionsFor('outdated', 'flask');
    expect(flask.map((action) => action.title)).toEqual(['Update flask to >=3.1.0,<4', 'Pin flask to 3.1.0', 'Update all 2 outdated requirements in this file']);
    expect(edits(flask[0])).toEqual([{ range: { start: positionOf(text, '>=2.3,<3'), end: positionOf(text, '>=2.3,<3', 8) }, newText: '>=3.1.0,<4' }]);
    expect(edits(flask[2])).toEqual([
      { range: { start: positionOf(text, '>=2.3,<3'), end: positionOf(text, '>=2.3,<3', 8) }, newText: '>=3.1.0,<4' },
      // 2.3.4 is the latest, 2.2.6 the newest for the project's Python 3.10
      { range: { start: positionOf(text, '==1.26.4'), end: positionOf(text, '==1.26.4', 8) }, newText: '==2.2.6' },
    ]);
    const source = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } });
    expect(source.map((action) => [action.title, action.kind])).toEqual([['Update all 2 outdated requirements in this file', 'source.updateAll.pipsight']]);
  });

  it('refactor.rewrite actions for the requirement under the cursor, from cached data only', async () => {
    const { client, result } = await start();
    expect(result.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['refactor.rewrite']) });
    const uri = await openProject(client, PYPROJECT, true);
    await client.waitForPublished(uri, hasCode('yanked-version'));
    const rewritesAt = async (needle: string) => {
      const position = positionOf(PYPROJECT, needle, 2);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['refactor'] } });
      expect(actions.every((action) => action.kind === 'refactor.rewrite')).toBe(true);
      return actions.map((action) => [action.title, (action.edit!.changes![uri] as TextEdit[])[0].newText]);
    };
    const requestsBefore = indexServer.countRequests();
    // numpy>=2.0 already allows 2.2.6, the newest for Python 3.10 (2.3.x needs 3.11): the update
    // still raises the lower bound, keeping `>=`.
    expect(await rewritesAt('numpy')).toEqual([
      ['Update numpy to 2.2.6 keeping the operator: >=2.2.6', '>=2.2.6'],
      ['Pin numpy exactly to ==2.2.6', '==2.2.6'],
    ]);
    expect(await rewritesAt('flask')).toEqual([
      ['Update flask to 3.1.0 keeping the operator: >=3.1.0,<4', '>=3.1.0,<4'],
      ['Pin flask exactly to ==3.1.0', '==3.1.0'],
    ]);
    // requests==2.32.0: the update and the exact pin are the same edit (offered once); uv.lock locks 2.31.0.
    expect(await rewritesAt('requests')).toEqual([
      ['Update requests to 2.32.3 keeping the operator: ==2.32.3', '==2.32.3'],
      ['Pin requests to the locked version ==2.31.0', '==2.31.0'],
    ]);
    expect(indexServer.countRequests()).toBe(requestsBefore);
    // Outside any requirement: nothing.
    const none = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, context: { diagnostics: [], only: ['refactor.rewrite'] } });
    expect(none).toEqual([]);
  });
});
