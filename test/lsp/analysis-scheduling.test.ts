/**
 * Only the latest version of a document is analysed: a burst of edits (debounce 0) is coalesced
 * into one analysis, and diagnostics pulled for an older version answer with the latest result.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { generateUvLock } from '../../bench/generate-uv-lock';
import { startInMemoryServer, waitFor, type InMemoryServer, type TestClient } from './harness';
import { temporaryProject } from './fixtures';

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

const EDITS = 50;

async function start(pullDiagnostics: boolean): Promise<TestClient> {
  server = startInMemoryServer({ pullDiagnostics, settings: { diagnostics: { debounceMs: 0 }, logLevel: 'debug' } });
  await server.client.initialize();
  // The settings (debounce 0, debug log) are read after `initialized`.
  await waitFor(() => (server!.client.logMessages.some((message) => message.startsWith('Settings:')) ? true : undefined), 5000, 'the settings');
  return server.client;
}

/** Analyses of `uri` the server has logged so far. */
function analysesOf(client: TestClient, uri: string): number[] {
  const prefix = `Analysed ${uri} (version `;
  return client.logMessages.filter((message) => message.startsWith(prefix)).map((message) => Number.parseInt(message.slice(prefix.length), 10));
}

/** Edit `index` breaks or mends the lockfile's first line: every version has a different text. */
function editAt(index: number) {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: index % 2 === 0 ? '#' : '' };
}

function expectedLastText(text: string): string {
  // Inserting `#` at the start of line 0 for every edit (empty text inserts nothing).
  return '#'.repeat(Math.ceil(EDITS / 2)) + text;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`).sort();
}

describe('analysis scheduling', () => {
  const lock = generateUvLock(600_000);

  it(`${EDITS} quick edits with debounce 0 are analysed once, and the published diagnostics are the last version's (push)`, async () => {
    const client = await start(false);
    const project = temporaryProject();
    const uri = project.uri('uv.lock');
    await client.open(uri, lock);
    await client.waitForPublished(uri, () => client.published.get(uri)?.at(-1)?.version === 1);
    expect(analysesOf(client, uri)).toEqual([1]);

    // The edits reach the server together, as they do when they queue up behind a running analysis.
    server!.toServer.hold();
    for (let index = 0; index < EDITS; index++) await client.change(uri, index + 2, [editAt(index)]);
    server!.toServer.release();
    const last = EDITS + 1;
    const published = await client.waitForPublished(uri, () => client.published.get(uri)?.at(-1)?.version === last, 20_000);
    expect(analysesOf(client, uri).length).toBeLessThanOrEqual(2);
    expect(analysesOf(client, uri).at(-1)).toBe(last);

    // The same text opened fresh gives the same diagnostics.
    const fresh = project.uri('fresh/uv.lock');
    await client.open(fresh, expectedLastText(lock));
    const reference = await client.waitForPublished(fresh, () => client.published.get(fresh)?.at(-1)?.version === 1, 20_000);
    expect(codes(published)).toEqual(codes(reference));
    expect(published.length).toBeGreaterThan(0);
  });

  it('diagnostics pulled for older versions answer with the latest result (or are cancelled), after one analysis', async () => {
    const client = await start(true);
    const uri = temporaryProject().uri('uv.lock');
    await client.open(uri, lock);
    const first = await client.pull(uri);
    expect(first.kind).toBe('full');
    const before = analysesOf(client, uri).length;

    server!.toServer.hold();
    const answers: Promise<unknown>[] = [];
    for (let index = 0; index < EDITS; index++) {
      await client.change(uri, index + 2, [editAt(index)]);
      answers.push(client.pull(uri).catch((error: unknown) => error));
    }
    server!.toServer.release();
    const settled = await Promise.all(answers);
    const reports = settled.filter((answer): answer is { kind: string; resultId: string; items: Diagnostic[] } => (answer as { kind?: string }).kind === 'full');
    expect(reports.length).toBeGreaterThan(0);
    // Every answer is the latest result.
    expect(new Set(reports.map((report) => report.resultId)).size).toBe(1);
    expect(analysesOf(client, uri).length - before).toBeLessThanOrEqual(1);
    expect(analysesOf(client, uri).at(-1)).toBe(EDITS + 1);
    const final = await client.pull(uri, reports[0].resultId);
    expect(final.kind).toBe('unchanged');
  });
});
