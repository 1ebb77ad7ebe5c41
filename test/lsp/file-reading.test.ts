/** How the server reads what the editor does not send: includes on disk, and documents over the size limit. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startInMemoryServer, type InMemoryServer } from './harness';
import { temporaryProject } from './fixtures';

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

async function start() {
  server = startInMemoryServer({ pullDiagnostics: false, settings: { diagnostics: { debounceMs: 0 }, offline: true } });
  await server.client.initialize();
  return server.client;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);

describe('language server: reading files', () => {
  it('decodes an included UTF-16 file the way pip does', async () => {
    const client = await start();
    const project = temporaryProject();
    writeFileSync(project.path('base.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('numpy<2\r\n', 'utf16le')]));
    const uri = project.uri('requirements.txt');
    await client.open(uri, 'numpy>=2\n-r base.txt\n');
    // The contradiction is only there when the include is read as the text pip reads.
    const diagnostics = await client.waitForPublished(uri, (items) => items.some((item) => item.code === 'contradictory-requirements'));
    expect(codes(diagnostics)).toContain('contradictory-requirements');
  });

  it('says why an include cannot be read', async () => {
    const client = await start();
    const project = temporaryProject();
    mkdirSync(project.path('shared'));
    const uri = project.uri('requirements.txt');
    await client.open(uri, 'flask\n-r shared\n');
    const diagnostics = await client.waitForPublished(uri, (items) => items.length > 0);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([['file-unreadable', 'Cannot read included file shared: is a directory']]);
  });

  it('reports a document over the size limit at its start instead of analysing it', async () => {
    const client = await start();
    const uri = temporaryProject().uri('requirements.txt');
    const line = 'package-with-a-long-name>=1.0\n';
    await client.open(uri, line.repeat(Math.ceil((16 * 1024 * 1024 + 1) / line.length)));
    const diagnostics = await client.waitForPublished(uri, (items) => items.length > 0, 30_000);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'file-too-large', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    expect(diagnostics[0].message).toBe('File too large to analyse (16.1 MiB; the limit for requirements files and manifests is 16 MiB)');
  }, 60_000);
});
