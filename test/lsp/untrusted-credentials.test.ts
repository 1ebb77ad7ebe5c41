/**
 * The tools' environment credentials (UV_INDEX_<NAME>_USERNAME/PASSWORD, PDM_PYPI_USERNAME/PASSWORD)
 * go to the URL the project's files give that index name. In an untrusted workspace the server
 * never sends them to a URL that comes from the workspace (it asks no workspace-declared index at
 * all); in a trusted one it follows the tools, as the CLI does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basic, projectJson, SIMPLE_JSON, startRecordingServer, type RecordingServer } from '../unit/registry/local-servers';
import { temporaryProject } from './fixtures';
import { startInMemoryServer, waitFor, type InMemoryServer } from './harness';

const VARIABLES = { UV_INDEX_INTERNAL_USERNAME: 'uv-user', UV_INDEX_INTERNAL_PASSWORD: 'uv-secret', PDM_PYPI_USERNAME: 'pdm-user', PDM_PYPI_PASSWORD: 'pdm-secret' };

// A new index server per scenario: a disposed language server may still finish requests it had started.
let workspaceIndex: RecordingServer;
const indexServers: RecordingServer[] = [];
let server: InMemoryServer | undefined;
beforeAll(() => {
  Object.assign(process.env, VARIABLES);
});
afterEach(() => {
  server?.dispose();
  server = undefined;
});
afterAll(async () => {
  for (const name of Object.keys(VARIABLES)) delete process.env[name];
  await Promise.all(indexServers.map((index) => index.close()));
});

async function newWorkspaceIndex(): Promise<void> {
  workspaceIndex = await startRecordingServer((request, response) => void response.writeHead(200, { 'content-type': SIMPLE_JSON }).end(projectJson(request.url!.split('/')[2] ?? 'x')));
  indexServers.push(workspaceIndex);
}

const uvProject = () =>
  [
    '[project]',
    'name = "demo"',
    'version = "0.1"',
    'dependencies = ["requests", "flask"]',
    '',
    '[[tool.uv.index]]',
    'name = "internal"',
    `url = "${workspaceIndex.url}/simple/"`,
    'default = true',
    '',
    '[tool.uv.sources]',
    'requests = { index = "internal" }',
    '',
  ].join('\n');

const pdmProject = () =>
  ['[project]', 'name = "demo"', 'version = "0.1"', 'dependencies = ["requests"]', '', '[[tool.pdm.source]]', 'name = "pypi"', `url = "${workspaceIndex.url}/pdm/"`, ''].join('\n');

async function openIn(trusted: boolean, project: () => string) {
  server?.dispose();
  await newWorkspaceIndex();
  const text = project();
  // `indexes: []`: online (the harness goes offline without the key); PyPI itself is refused by the test's network guard.
  server = startInMemoryServer({ pullDiagnostics: false, settings: { diagnostics: { debounceMs: 10 }, indexes: [] }, initializationOptions: { workspaceTrusted: trusted } });
  await server.client.initialize();
  const folder = temporaryProject();
  const uri = folder.uri('pyproject.toml');
  await server.client.open(uri, text);
  await server.client.waitForPublished(uri, (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'index-unreachable' || diagnostic.code === 'unknown-package') || workspaceIndex.requests.length > 0, 5000).catch(() => undefined);
  return { client: server.client, uri };
}

describe('environment credentials and workspace-declared indexes', () => {
  it('trusted: UV_INDEX_<NAME>_* and PDM_PYPI_* go to the URL the project gives the name (as uv and PDM do)', async () => {
    await openIn(true, uvProject);
    await waitFor(() => (workspaceIndex.requests.length > 0 ? true : undefined), 5000, 'a request to the workspace index');
    expect(workspaceIndex.requests.every((request) => request.headers.authorization === basic('uv-user', 'uv-secret'))).toBe(true);
    await openIn(true, pdmProject);
    await waitFor(() => (workspaceIndex.requests.length > 0 ? true : undefined), 5000, 'a request to the workspace index');
    expect(workspaceIndex.requests[0].headers.authorization).toBe(basic('pdm-user', 'pdm-secret'));
  });

  it('untrusted: no request carrying them, nor any request at all, reaches a workspace-declared URL', async () => {
    for (const project of [uvProject, pdmProject]) {
      const { client } = await openIn(false, project);
      // Completion and hover also ask the indexes.
      const uri = [...client.published.keys()][0];
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 18 } });
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 26 } });
      expect(workspaceIndex.requests).toEqual([]);
    }
  });
});
