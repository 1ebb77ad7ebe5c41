import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationTokenSource, ResponseError, type CodeAction, type Diagnostic, type Hover } from 'vscode-languageserver/node';
import { startInMemoryServer, waitFor, type InMemoryServer } from './harness';
import { PYPROJECT_FOR_HOVER, PYPROJECT_WITH_INVALID_REQUIREMENT, REQUIREMENTS_WITH_BACKPORT, UV_LOCK, temporaryProject } from './fixtures';

const REQUEST_CANCELLED = -32800;

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

async function start(pullDiagnostics: boolean, settings: Record<string, unknown> = { diagnostics: { debounceMs: 20 } }) {
  server = startInMemoryServer({ pullDiagnostics, settings });
  const result = await server.client.initialize();
  return { client: server.client, result };
}

const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === code);
const isEmpty = (diagnostics: Diagnostic[]) => diagnostics.length === 0;

/** The invalid requirement lies inside the string `requests >=` on line 2. */
function expectInvalidRequirementOnLine2(diagnostic: Diagnostic | undefined): void {
  const line = PYPROJECT_WITH_INVALID_REQUIREMENT.split('\n')[2];
  const stringStart = line.indexOf('requests >=');
  expect(diagnostic).toMatchObject({ code: 'invalid-requirement', source: 'pipsight', severity: 1 });
  expect(diagnostic!.range.start.line).toBe(2);
  expect(diagnostic!.range.end.line).toBe(2);
  expect(diagnostic!.range.start.character).toBeGreaterThanOrEqual(stringStart);
  expect(diagnostic!.range.end.character).toBeLessThanOrEqual(stringStart + 'requests >='.length);
}

describe('language server over in-memory streams: push diagnostics', () => {
  it('advertises incremental sync and no diagnostic provider without client pull support', async () => {
    const { result } = await start(false);
    expect(result.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(result.capabilities.diagnosticProvider).toBeUndefined();
    expect(result.capabilities.hoverProvider).toBe(true);
  });

  it('publishes an invalid requirement on open and clears it after an incremental fix', async () => {
    const { client } = await start(false);
    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_WITH_INVALID_REQUIREMENT);
    const diagnostics = await client.waitForPublished(uri, hasCode('invalid-requirement'));
    expectInvalidRequirementOnLine2(diagnostics.find((diagnostic) => diagnostic.code === 'invalid-requirement'));

    const line = PYPROJECT_WITH_INVALID_REQUIREMENT.split('\n')[2];
    const afterOperator = line.indexOf('requests >=') + 'requests >='.length;
    await client.change(uri, 2, [{ range: { start: { line: 2, character: afterOperator }, end: { line: 2, character: afterOperator } }, text: '2.31' }]);
    await client.waitForPublished(uri, isEmpty);
    expect(client.published.get(uri)?.at(-1)?.version).toBe(2);
  });

  it('clears diagnostics when the document closes', async () => {
    const { client } = await start(false);
    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_WITH_INVALID_REQUIREMENT);
    await client.waitForPublished(uri, hasCode('invalid-requirement'));
    await client.close(uri);
    await client.waitForPublished(uri, isEmpty);
  });

  it('re-analyses a document when a file it includes is edited', async () => {
    const { client } = await start(false);
    const project = temporaryProject();
    const main = project.uri('requirements.txt');
    const base = project.uri('base.txt');
    await client.open(base, 'requests>=2\n', 'pip-requirements');
    await client.open(main, '-r base.txt\nrequests==2.31.0\n', 'pip-requirements');
    await client.waitForPublished(main, hasCode('duplicate-requirement'));
    await client.change(base, 2, [{ text: 'flask>=3\n' }]);
    await client.waitForPublished(main, (diagnostics) => !hasCode('duplicate-requirement')(diagnostics));
  });

  it('re-analyses a document when an included file changes on disk', async () => {
    const { client } = await start(false);
    const project = temporaryProject();
    writeFileSync(project.path('base.txt'), 'requests>=2\n');
    const main = project.uri('requirements.txt');
    await client.open(main, '-r base.txt\nrequests==2.31.0\n', 'pip-requirements');
    await client.waitForPublished(main, hasCode('duplicate-requirement'));
    writeFileSync(project.path('base.txt'), 'flask>=3\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('base.txt'), type: 2 }] });
    await client.waitForPublished(main, (diagnostics) => !hasCode('duplicate-requirement')(diagnostics));
  });

  it('stops reporting when pipsight.enable turns false', async () => {
    const settings: Record<string, unknown> = { diagnostics: { debounceMs: 20 } };
    const { client } = await start(false, settings);
    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_WITH_INVALID_REQUIREMENT);
    await client.waitForPublished(uri, hasCode('invalid-requirement'));
    settings.enable = false;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForPublished(uri, isEmpty);
  });
});

describe('language server over in-memory streams: pull diagnostics', () => {
  it('answers textDocument/diagnostic, reuses the result, and never pushes', async () => {
    const { client, result } = await start(true);
    expect(result.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: false });
    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_WITH_INVALID_REQUIREMENT);
    const report = await client.pull(uri);
    expect(report.kind).toBe('full');
    expectInvalidRequirementOnLine2(report.items?.find((diagnostic) => diagnostic.code === 'invalid-requirement'));

    const again = await client.pull(uri, report.resultId);
    expect(again).toEqual({ kind: 'unchanged', resultId: report.resultId });

    await client.change(uri, 2, [{ text: PYPROJECT_WITH_INVALID_REQUIREMENT.replace('requests >=', 'requests >=2') }]);
    const fixed = await client.pull(uri, report.resultId);
    expect(fixed).toMatchObject({ kind: 'full', items: [] });
    expect(client.published.size).toBe(0);
  });

  it('asks the client to refresh when an included file changes', async () => {
    const { client } = await start(true);
    const project = temporaryProject();
    const main = project.uri('requirements.txt');
    const base = project.uri('base.txt');
    await client.open(base, 'requests>=2\n', 'pip-requirements');
    await client.open(main, '-r base.txt\nrequests==2.31.0\n', 'pip-requirements');
    expect((await client.pull(main)).items?.some((diagnostic) => diagnostic.code === 'duplicate-requirement')).toBe(true);
    await client.change(base, 2, [{ text: 'flask>=3\n' }]);
    await waitFor(() => (client.refreshRequests > 0 ? true : undefined), 5000, 'workspace/diagnostic/refresh');
    expect((await client.pull(main)).items?.some((diagnostic) => diagnostic.code === 'duplicate-requirement')).toBe(false);
  });
});

describe('language server over in-memory streams: requests', () => {
  it('cancels a pending request with RequestCancelled and keeps serving', async () => {
    const { client } = await start(true);
    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_FOR_HOVER);
    const position = { line: 2, character: PYPROJECT_FOR_HOVER.split('\n')[2].indexOf('Requests') + 2 };

    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position }],
      ['textDocument/diagnostic', { textDocument: { uri } }],
    ] as const) {
      // Hold the request and its cancellation so the server reads both before it answers.
      server!.toServer.hold();
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(method, params, source.token);
      const outcome = pending.then(
        () => 'answered',
        (error: unknown) => error,
      );
      await waitFor(() => (server!.toServer.heldMessageCount() >= 1 ? true : undefined), 2000, 'the request to be written');
      source.cancel();
      await waitFor(() => (server!.toServer.heldMessageCount() >= 2 ? true : undefined), 2000, 'the cancellation to be written');
      server!.toServer.release();
      const error = await outcome;
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError<unknown>).code).toBe(REQUEST_CANCELLED);
    }

    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    expect(hover).not.toBeNull();
  });

  it('hovers a requirement name with its parsed details', async () => {
    const { client } = await start(true);
    const uri = temporaryProject().uri('pyproject.toml');
    await client.open(uri, PYPROJECT_FOR_HOVER);
    const line = PYPROJECT_FOR_HOVER.split('\n')[2];
    const nameStart = line.indexOf('Requests');
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: nameStart + 3 } });
    expect(hover).not.toBeNull();
    expect(hover!.range).toEqual({ start: { line: 2, character: nameStart }, end: { line: 2, character: nameStart + 'Requests'.length } });
    const value = (hover!.contents as { kind: string; value: string }).value;
    expect((hover!.contents as { kind: string }).kind).toBe('markdown');
    expect(value).toContain('Requests');
    expect(value).toContain('`requests`');
    expect(value).toContain('`main`');
    expect(value).toContain('`>=2.8,<3`');
    expect(value).toContain('python_version');
    expect(value).toContain('`socks`');

    const nothing = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    expect(nothing).toBeNull();
  });

  it('hovers a locked package with version, source and dependencies', async () => {
    const { client } = await start(true);
    const uri = temporaryProject().uri('uv.lock');
    await client.open(uri, UV_LOCK);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 9 } });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    expect(value).toContain('torch');
    expect(value).toContain('`2.3.0`');
    expect(value).toContain('https://pypi.org/simple');
    expect(value).toContain('filelock');
    expect(value).toContain(`numpy ; python_version < '3.13'`);
  });

  it('turns Diagnostic.data into the exact quick-fix edit', async () => {
    const { client } = await start(false);
    const project = temporaryProject();
    // python2-backport needs the project's requires-python: the requirements file takes its pyproject's.
    writeFileSync(project.path('pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.9"\n');
    const uri = project.uri('requirements.txt');
    await client.open(uri, REQUIREMENTS_WITH_BACKPORT, 'pip-requirements');
    const diagnostics = await client.waitForPublished(uri, hasCode('python2-backport'));
    const backport = diagnostics.find((diagnostic) => diagnostic.code === 'python2-backport')!;
    expect(backport.tags).toEqual([1]);
    // The fix, with the document version and the text it edits (so a fix of an earlier version is recognised).
    expect(backport.data).toEqual({ version: 1, fixes: [{ fix: 'remove', span: { start: 0, end: 7 }, title: 'Remove typing', expected: 'typing\n' }] });

    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [backport] } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ title: 'Remove typing', kind: 'quickfix' });
    expect(actions[0].edit?.changes?.[uri]).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' }]);

    // A replace fix is taken from the data as is.
    const replace: Diagnostic = {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } },
      message: 'test',
      source: 'pipsight',
      data: { version: 1, fixes: [{ fix: 'replace', span: { start: 15, end: 17 }, newText: '==', title: 'Pin', expected: '>=' }] },
    };
    const replaced = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [replace] } });
    expect(replaced[0].edit?.changes?.[uri]).toEqual([{ range: { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } }, newText: '==' }]);
    // An edit that would leave an invalid requirement (`~=2` needs two release segments) is not offered.
    const invalid = { ...replace, data: { version: 1, fixes: [{ fix: 'replace', span: { start: 15, end: 17 }, newText: '~=', title: 'Use a compatible release', expected: '>=' }] } };
    expect(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [invalid] } })).toEqual([]);

    // Diagnostics of other tools, diagnostics without data, data whose text is not there (and no
    // current finding says the same), and unstamped data give nothing.
    const foreign = { ...replace, source: 'other' };
    const withoutData = { ...replace, data: undefined };
    const otherText = { ...replace, data: { version: 1, fixes: [{ fix: 'replace', span: { start: 15, end: 17 }, newText: '==', title: 't', expected: '~=' }] } };
    const unstamped = { ...replace, data: { fix: 'replace', span: { start: 15, end: 17 }, newText: '==', title: 't' } };
    expect(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [foreign, withoutData, otherText, unstamped] } })).toEqual([]);
  });

  it('survives garbage documents and malformed requests', async () => {
    const { client } = await start(false);
    const project = temporaryProject();
    const garbage = project.uri('pyproject.toml');
    await client.open(garbage, '\u0000\uffff[[[ "\ud800 = = \\\n]]]]\n[project\ndependencies = ["', 'plaintext');
    await client.waitForPublished(garbage, (diagnostics) => diagnostics.length > 0);
    const unsupported = project.uri('main.py');
    await client.open(unsupported, 'import os\n', 'python');
    await client.waitForPublished(unsupported, isEmpty);

    const position = { line: 0, character: 3 };
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: garbage }, position })).toBeNull();
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: unsupported }, position })).toBeNull();
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: project.uri('never-opened.txt') }, position })).toBeNull();
    const malformed = { range: { start: position, end: position }, message: 'x', source: 'pipsight', data: { version: 1, fixes: [{ fix: 'remove', span: { start: -4, end: 1e9 }, title: 't', expected: '' }] } };
    expect(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: garbage }, range: malformed.range, context: { diagnostics: [malformed] } })).toEqual([]);
    // Missing params: the server answers (empty), it does not fall over.
    await client.connection.sendRequest('textDocument/hover', {}).catch(() => undefined);

    const hoverUri = project.uri('requirements.txt');
    await client.open(hoverUri, 'numpy>=1.26\n', 'pip-requirements');
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: hoverUri }, position: { line: 0, character: 1 } });
    expect(hover).not.toBeNull();
  });
});
