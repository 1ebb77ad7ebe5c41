/**
 * The dependency graph in the editor: `pipsight/dependencyTree` (lockfile and installed
 * environment, forward, reverse, filtered), go to definition, the hover's installed version and
 * "required by", and env-* diagnostics from a fake venv the test writes.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover, Location } from 'vscode-languageserver/node';
import { DEPENDENCY_TREE_METHOD, SET_INTERPRETER_METHOD, type DependencyTreeItem, type DependencyTreeParams, type DependencyTreeResult } from '../../server/src/protocol';
import { writeDistribution, writeVenv, type FakeDistribution } from '../unit/env/fake-environment';
import { temporaryProject } from './fixtures';
import { startIndexServer, type IndexServer } from '../index-server/server';
import { startInMemoryServer, type InMemoryServer } from './harness';

const FIXTURE = join(__dirname, '..', 'fixtures', 'tree-view');
const PYPROJECT_TEXT = readFileSync(join(FIXTURE, 'pyproject.toml'), 'utf8');
const LOCK_TEXT = readFileSync(join(FIXTURE, 'uv.lock'), 'utf8');

/** Installed: accelerate too old for the declaration and requiring numpy<2 while numpy 2.1.1 is there; torch missing. */
const INSTALLED: FakeDistribution[] = [
  { name: 'accelerate', version: '0.29.0', requires: ['numpy<2.0.0,>=1.17'] },
  { name: 'numpy', version: '2.1.1' },
  { name: 'pytest', version: '8.3.4', requires: ['iniconfig'] },
  { name: 'iniconfig', version: '2.0.0' },
];

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

function project(options: { venv?: boolean } = {}) {
  const folder = temporaryProject();
  cpSync(FIXTURE, folder.dir, { recursive: true });
  const venv = options.venv ? writeVenv(folder.path('.venv'), INSTALLED) : null;
  return { ...folder, venv };
}

async function start(settings: Record<string, unknown> = {}) {
  server = startInMemoryServer({ pullDiagnostics: false, settings: { diagnostics: { debounceMs: 10 }, ...settings } });
  await server.client.initialize();
  return server.client;
}

async function tree(params: DependencyTreeParams): Promise<DependencyTreeResult> {
  return server!.client.connection.sendRequest(DEPENDENCY_TREE_METHOD, params);
}

const names = (items: DependencyTreeItem[]) => items.map((item) => item.name);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === code);

/** Asks `probe` again (every 50 ms) until it answers something, or fails at the deadline. */
async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('pipsight/dependencyTree', () => {
  it('answers the lockfile tree: declared roots per group, resolved children with versions and locations', async () => {
    const folder = project();
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'lock' });
    expect(result.path).toBe(folder.path('uv.lock').replace(/\\/g, '/'));
    expect(names(result.roots)).toEqual(['accelerate', 'numpy', 'torch', 'pytest']);
    const accelerate = result.roots[0];
    expect(accelerate).toMatchObject({ version: '0.33.0', specifier: '>=0.30', group: 'main' });
    expect(accelerate.declaredAt?.uri).toBe(folder.uri('pyproject.toml'));
    expect(accelerate.declaredAt?.range.start.line).toBe(lineOf(PYPROJECT_TEXT, 'accelerate>=0.30'));
    expect(accelerate.children.map((child) => `${child.name} ${child.version}`)).toEqual(['numpy 2.1.1', 'torch 2.5.1+cu124']);
    const numpyChild = accelerate.children[0];
    expect(numpyChild.location?.uri).toBe(folder.uri('uv.lock'));
    const numpyEntryLine = lineOf(LOCK_TEXT, '[[package]]\nname = "numpy"') + 1;
    expect(numpyChild.location!.range.start.line).toBeLessThanOrEqual(numpyEntryLine);
    expect(numpyChild.location!.range.end.line).toBeGreaterThanOrEqual(numpyEntryLine);
    expect(result.roots[3]).toMatchObject({ name: 'pytest', group: 'group:dev', children: [{ name: 'iniconfig', version: '2.0.0' }] });
    // one label for every tool, the tool's own term beside it
    expect(result.roots.map((root) => root.groupLabel)).toEqual(['main', 'main', 'main', 'dev (group)']);
    expect(result.roots[3].groupDetail).toMatch(/^`group:dev`: dependency group `dev` \(PEP 735/);
  });

  it('answers the same tree for the lockfile itself and for the project folder', async () => {
    const folder = project();
    await start();
    const fromLock = await tree({ uri: folder.uri('uv.lock'), source: 'lock' });
    const fromFolder = await tree({ uri: pathToFileURL(folder.dir).href, source: 'lock' });
    expect(names(fromLock.roots)).toEqual(['accelerate', 'numpy', 'torch', 'pytest']);
    expect(fromFolder.roots).toEqual(fromLock.roots);
  });

  it('reverse mode answers every path from the declarations to the package', async () => {
    const folder = project();
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'lock', reverse: 'NumPy' });
    expect(result.reverse).toBe('NumPy');
    expect(names(result.roots)).toEqual(['numpy']);
    const reasons = result.roots[0].children;
    expect(names(reasons)).toEqual(['pyproject.toml', 'accelerate', 'torch']);
    expect(reasons[0]).toMatchObject({ declaration: true, specifier: '>=1.26', group: 'main', groupLabel: 'main' });
    expect(reasons[0].declaredAt?.range.start.line).toBe(lineOf(PYPROJECT_TEXT, 'numpy>=1.26'));
    expect(names(reasons[1].children)).toEqual(['pyproject.toml']);
  });

  it('filters to the branches that lead to a matching name', async () => {
    const folder = project();
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'lock', filter: 'INI' });
    expect(names(result.roots)).toEqual(['pytest']);
    expect(names(result.roots[0].children)).toEqual(['iniconfig']);
  });

  it('answers no roots and no message for a filter that matches nothing (the view says so itself)', async () => {
    const folder = project();
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'lock', filter: 'xyz' });
    expect(result.roots).toEqual([]);
    expect(result.message).toBeUndefined();
    expect(result.reason).toBeUndefined();
  });

  it('marks packages declared twice and git, path and URL dependencies', async () => {
    const folder = temporaryProject();
    cpSync(join(__dirname, '..', 'fixtures', 'graph', 'tree-marks'), folder.dir, { recursive: true });
    const text = readFileSync(folder.path('pyproject.toml'), 'utf8');
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'lock' });
    const pillows = result.roots.filter((root) => root.name === 'pillow');
    expect(pillows.map((pillow) => pillow.declaredAt?.range.start.line)).toEqual([lineOf(text, 'pillow>=10.4'), lineOf(text, 'Pillow>=10.0')]);
    expect(pillows[1].duplicates?.map((duplicate) => `${duplicate.requirement} @ ${duplicate.at.uri.endsWith('/pyproject.toml')}:${duplicate.at.range.start.line}`))
      .toEqual([`pillow>=10.4 @ true:${lineOf(text, 'pillow>=10.4')}`, `Pillow>=10.0 @ true:${lineOf(text, 'Pillow>=10.0')}`]);
    expect(result.roots.filter((root) => root.reference).map((root) => `${root.name} ${root.reference!.vcs ?? root.reference!.kind}`)).toEqual(['money-utils git', 'ledger-core path', 'fastmath url']);
    expect(result.roots.find((root) => root.name === 'tomli')?.marker).toMatch(/^python_version >= "3\.8" or .* or implementation_name == "cpython"$/);
  });

  it('says why the tree is empty when there is no lockfile', async () => {
    const folder = temporaryProject();
    writeFileSync(folder.path('pyproject.toml'), PYPROJECT_TEXT);
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'lock' });
    expect(result.roots).toEqual([]);
    expect(result.message).toMatch(/No lockfile/);
    expect(result.reason).toBe('no-lockfile');
  });

  it('answers the installed environment tree from a venv with problems and METADATA locations', async () => {
    const folder = project({ venv: true });
    await start();
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'env' });
    expect(result.path).toBe(folder.venv!.prefix.replace(/\\/g, '/'));
    const accelerate = result.roots.find((item) => item.name === 'accelerate')!;
    expect(accelerate.version).toBe('0.29.0');
    expect(accelerate.problems?.map((problem) => problem.code)).toContain('env-mismatch');
    const numpyUnderAccelerate = accelerate.children.find((child) => child.name === 'numpy')!;
    expect(numpyUnderAccelerate.problems?.map((problem) => problem.code)).toContain('installed-conflict');
    expect(numpyUnderAccelerate.location?.uri).toMatch(/numpy-2\.1\.1\.dist-info\/METADATA$/);
    const torch = result.roots.find((item) => item.name === 'torch')!;
    expect(torch.version).toBeNull();
    expect(torch.problems?.map((problem) => problem.code)).toContain('env-missing');
  });

  it('answers a message when no environment exists', async () => {
    const folder = project();
    await start({ pythonPath: folder.path('no-such-venv') });
    const result = await tree({ uri: folder.uri('pyproject.toml'), source: 'env' });
    expect(result.roots).toEqual([]);
    expect(result.message).toMatch(/No Python environment/);
    expect(result.reason).toBe('no-environment');
  });
});

describe('go to definition', () => {
  it('goes from a declared requirement to its lock entry', async () => {
    const folder = project();
    const client = await start();
    const uri = folder.uri('pyproject.toml');
    await client.open(uri, PYPROJECT_TEXT);
    const line = lineOf(PYPROJECT_TEXT, 'numpy>=1.26');
    const character = PYPROJECT_TEXT.split('\n')[line].indexOf('numpy') + 2;
    const locations = await client.connection.sendRequest<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    expect(locations).toHaveLength(1);
    expect(locations![0].uri).toBe(folder.uri('uv.lock'));
    const entryLine = lineOf(LOCK_TEXT, '[[package]]\nname = "numpy"') + 1;
    expect(locations![0].range.start.line).toBeLessThanOrEqual(entryLine);
    expect(locations![0].range.end.line).toBeGreaterThanOrEqual(entryLine);
  });

  it('goes from -r and -c lines to the included files, and nowhere from a missing one', async () => {
    const folder = temporaryProject();
    writeFileSync(folder.path('base.txt'), 'requests>=2\n');
    writeFileSync(folder.path('constraints.txt'), 'urllib3<3\n');
    const text = '-r base.txt\n-c constraints.txt\n-r missing.txt\nflask\n';
    writeFileSync(folder.path('requirements.txt'), text);
    const client = await start();
    const uri = folder.uri('requirements.txt');
    await client.open(uri, text, 'pip-requirements');
    const definition = (line: number) => client.connection.sendRequest<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: { line, character: 5 } });
    expect((await definition(0))?.[0].uri).toBe(folder.uri('base.txt'));
    expect((await definition(1))?.[0].uri).toBe(folder.uri('constraints.txt'));
    expect(await definition(2)).toBeNull();
    expect(await definition(3)).toBeNull();
  });
});

describe('installed environment in the editor', () => {
  it('reports env-mismatch and env-missing from the workspace .venv, and rescans when site-packages changes', async () => {
    const folder = project({ venv: true });
    const client = await start();
    const uri = folder.uri('pyproject.toml');
    await client.open(uri, PYPROJECT_TEXT);
    const diagnostics = await client.waitForPublished(uri, (list) => hasCode('env-mismatch')(list) && hasCode('env-missing')(list));
    const mismatch = diagnostics.find((diagnostic) => diagnostic.code === 'env-mismatch')!;
    expect(mismatch.range.start.line).toBe(lineOf(PYPROJECT_TEXT, 'accelerate>=0.30'));
    expect(diagnostics.find((diagnostic) => diagnostic.code === 'env-missing')!.range.start.line).toBe(lineOf(PYPROJECT_TEXT, 'torch>=2.5'));

    writeDistribution(folder.venv!.sitePackages, { name: 'torch', version: '2.5.1+cu124', requires: ['numpy'] });
    await client.waitForPublished(uri, (list) => hasCode('env-mismatch')(list) && !hasCode('env-missing')(list));
  });

  it('uses the interpreter the client reports from the Python extension', async () => {
    const folder = project();
    const elsewhere = temporaryProject();
    const venv = writeVenv(elsewhere.path('env'), INSTALLED);
    const client = await start();
    const uri = folder.uri('pyproject.toml');
    await client.open(uri, PYPROJECT_TEXT);
    await client.waitForPublished(uri, () => true);
    await client.connection.sendNotification(SET_INTERPRETER_METHOD, { workspaceFolder: null, pythonPath: join(venv.prefix, 'bin', 'python3') });
    await client.waitForPublished(uri, hasCode('env-missing'));
  });

  it('hovers show the installed version and what requires the package', async () => {
    const folder = project({ venv: true });
    const client = await start();
    const uri = folder.uri('pyproject.toml');
    await client.open(uri, PYPROJECT_TEXT);
    await client.waitForPublished(uri, hasCode('env-missing'));
    const line = lineOf(PYPROJECT_TEXT, 'numpy>=1.26');
    const character = PYPROJECT_TEXT.split('\n')[line].indexOf('numpy') + 1;
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain('Installed: `2.1.1`');
    expect(value).toMatch(/Required by \(uv\\?\.lock\): `accelerate 0\.33\.0`, `torch 2\.5\.1\+cu124`/);
  });
});

describe('hover on a forked lock', () => {
  it('lists every locked version with the marker of its fork', async () => {
    const folder = temporaryProject();
    const graphFixtures = join(__dirname, '..', 'fixtures', 'graph', 'uv-ml');
    cpSync(graphFixtures, folder.dir, { recursive: true });
    const text = readFileSync(join(graphFixtures, 'pyproject.toml'), 'utf8');
    const client = await start();
    const uri = folder.uri('pyproject.toml');
    await client.open(uri, text);
    await client.waitForPublished(uri, hasCode('lock-mismatch'));
    const line = lineOf(text, 'numpy>=1.26');
    const character = text.split('\n')[line].indexOf('numpy') + 1;
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain("- Locked: `1.26.4` for `python_full_version < '3.10'`, `2.1.1` for `python_full_version >= '3.10'` (uv\\.lock)");
  });
});

describe('an environment created after start-up', () => {
  it('is found when .venv/pyvenv.cfg appears: env diagnostics and the installed tree follow', async () => {
    const folder = project();
    const client = await start();
    const uri = folder.uri('pyproject.toml');
    await client.open(uri, PYPROJECT_TEXT);
    await client.waitForPublished(uri, () => true);
    expect((await tree({ uri, source: 'env' })).message).toMatch(/No Python environment/);

    writeVenv(folder.path('.venv'), INSTALLED);
    await client.waitForPublished(uri, (list) => hasCode('env-mismatch')(list) && hasCode('env-missing')(list), 10000);
    const result = await poll('the installed tree', async () => {
      const answer = await tree({ uri, source: 'env' });
      return answer.roots.length > 0 ? answer : undefined;
    });
    expect(result.roots.find((item) => item.name === 'accelerate')?.version).toBe('0.29.0');
  });
});

describe('outdated roots in the tree', () => {
  let indexServer: IndexServer;
  beforeAll(async () => {
    indexServer = await startIndexServer();
  });
  afterAll(async () => {
    await indexServer.close();
  });

  it('marks roots whose latest release is newer than the locked version, from index data already held', async () => {
    const folder = project();
    server = startInMemoryServer({ pullDiagnostics: false, workDoneProgress: true, settings: { diagnostics: { debounceMs: 10 }, indexes: [{ url: indexServer.indexes.pypi, default: true }] } });
    const client = server.client;
    await client.initialize();
    const uri = folder.uri('pyproject.toml');
    const outdated = (items: DependencyTreeItem[]) => items.flatMap((item) => (item.problems ?? []).filter((problem) => problem.code === 'outdated').map((problem) => `${item.name}: ${problem.message}`));

    indexServer.clearRequests();
    expect(outdated((await tree({ uri, source: 'lock' })).roots)).toEqual([]);
    expect(indexServer.countRequests()).toBe(0); // the tree request itself never asks an index

    await client.open(uri, PYPROJECT_TEXT);
    const marked = await poll('outdated roots', async () => {
      const found = outdated((await tree({ uri, source: 'lock' })).roots);
      return found.some((line) => line.startsWith('accelerate')) ? found : undefined;
    });
    expect(marked).toContain('accelerate: latest 0.34.2');
    // torch 2.5.1 is the newest release; the locked 2.5.1+cu124 is that release with a local tag.
    expect(marked.some((line) => line.startsWith('torch'))).toBe(false);
    // The index work is over (its last refreshes answered) before the server is disposed.
    await poll('the end of the index work', async () => (client.progress.some((event) => event.kind === 'end') ? true : undefined));
    await tree({ uri, source: 'lock' });
  });
});
