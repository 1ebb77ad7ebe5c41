import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver/node';
import { startInMemoryServer, type InMemoryServer } from './harness';
import { temporaryProject } from './fixtures';

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

describe('hover on a local project requirement', () => {
  it('names the project by its metadata, and shows the path when the name is unknown', async () => {
    const project = temporaryProject();
    mkdirSync(join(project.dir, 'httpx-checkout'));
    writeFileSync(join(project.dir, 'httpx-checkout', 'pyproject.toml'), '[project]\nname = "httpx"\nversion = "0.28.1"\n');
    mkdirSync(join(project.dir, 'docs'));
    const text = '-e ./httpx-checkout[http2]\n-e ./docs\n';
    server = startInMemoryServer({ pullDiagnostics: true, settings: { diagnostics: { debounceMs: 20 } } });
    await server.client.initialize();
    const uri = project.uri('requirements.txt');
    await server.client.open(uri, text);
    const hoverAt = async (line: number, character: number) => {
      const hover = await server!.client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      return (hover?.contents as { value: string } | undefined)?.value ?? '';
    };
    const named = await hoverAt(0, 6);
    expect(named.split('\n')[0]).toBe('**httpx**');
    expect(named).toContain('`http2`');
    const unnamed = await hoverAt(1, 5);
    expect(unnamed.split('\n')[0]).toBe('**`./docs`** (local project; its name is unknown: no static name in its pyproject.toml, setup.cfg or setup.py)');
  });
});
