/**
 * Hovers where users point, on the fixtures in test/fixtures/hover: `-r` / `-c` lines, requires-python
 * and Poetry `python` lines (also in lockfiles), the name and version lines of lockfile entries
 * (uv.lock, poetry.lock, pdm.lock, pylock.toml), and a requirement's hover in its order: one Index
 * line and "Required by" within the first lines.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hover, Range } from 'vscode-languageserver/node';
import { startIndexServer, type IndexServer } from '../index-server/server';
import { startInMemoryServer, type InMemoryServer } from './harness';
import { temporaryProject } from './fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'hover');

let server: InMemoryServer | undefined;
afterEach(() => {
  server?.dispose();
  server = undefined;
});

async function start(settings: Record<string, unknown> = {}): Promise<InMemoryServer> {
  server = startInMemoryServer({ pullDiagnostics: true, settings: { diagnostics: { debounceMs: 20 }, ...settings } });
  await server.client.initialize();
  return server;
}

type Project = ReturnType<typeof temporaryProject>;

/** A copy of a fixture folder, `{{NAME}}` placeholders replaced. */
function copyFixture(name: string, replacements: Record<string, string> = {}): Project {
  const project = temporaryProject();
  cpSync(join(FIXTURES, name), project.dir, { recursive: true });
  for (const file of readdirSync(project.dir)) {
    if (!statSync(project.path(file)).isFile()) continue;
    let text = readFileSync(project.path(file), 'utf8');
    for (const [key, value] of Object.entries(replacements)) text = text.replaceAll(`{{${key}}}`, value);
    writeFileSync(project.path(file), text);
  }
  return project;
}

interface Hovered {
  value: string;
  range: Range | undefined;
}

/** Opens `file` of the project and returns a function hovering the first line starting with `lineStart`, at `character`. */
async function opened(project: Project, file: string): Promise<(lineStart: string, character: number) => Promise<Hovered | null>> {
  const text = readFileSync(project.path(file), 'utf8');
  const uri = project.uri(file);
  await server!.client.open(uri, text);
  const lines = text.split('\n');
  return async (lineStart, character) => {
    const line = lines.findIndex((candidate) => candidate.startsWith(lineStart));
    if (line < 0) throw new Error(`no line starts with ${lineStart}`);
    const hover = await server!.client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return hover ? { value: (hover.contents as { value: string }).value, range: hover.range } : null;
  };
}

describe('hover on an include line', () => {
  it('shows the resolved file, its requirements and nested includes, and a link to open it', async () => {
    const project = copyFixture('includes');
    await start();
    const hoverAt = await opened(project, 'requirements.txt');
    const backend = await hoverAt('-r backend.in', 5);
    expect(backend?.value).toBe(
      [
        '**Requirements file** `backend.in`',
        '',
        `- File: \`${project.path('backend.in')}\``,
        '- Requirements: 2, and 2 more in 1 nested include',
        '',
        `[Open backend\\.in](${project.uri('backend.in')})`,
      ].join('\n'),
    );
    expect(backend?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: '-r backend.in'.length } });
  });

  it('says when the included file is a constraints file', async () => {
    const project = copyFixture('includes');
    await start();
    const hoverAt = await opened(project, 'requirements.txt');
    expect((await hoverAt('-c constraints.txt', 1))?.value).toBe(
      [
        '**Constraints file** `constraints.txt`',
        '',
        `- File: \`${project.path('constraints.txt')}\``,
        '- Requirements: 2',
        '- Constraints: its lines only limit the versions of what is installed for another reason; nothing is installed from it',
        '',
        `[Open constraints\\.txt](${project.uri('constraints.txt')})`,
      ].join('\n'),
    );
  });

  it('shows what is wrong with the include: missing, unreadable, a cycle', async () => {
    const project = copyFixture('includes');
    mkdirSync(project.path('shared'));
    await start();
    const hoverAt = await opened(project, 'requirements.txt');
    const missing = (await hoverAt('-r missing.txt', 8))!.value;
    expect(missing).toContain(`⚠ Included file not found: missing\\.txt \\(resolved to ${project.path('missing.txt').replaceAll('-', '\\-').replaceAll('.', '\\.')}\\) (missing-include)`);
    expect(missing).not.toContain('[Open');
    const unreadable = (await hoverAt('-r shared', 4))!.value;
    expect(unreadable.split('\n').slice(0, 3)).toEqual(['**Requirements file** `shared`', '', expect.stringMatching(/^⚠ Cannot read included file shared: .* \(file-unreadable\)$/)]);
    const loop = await opened(project, 'loop-a.in');
    expect((await loop('-r loop-b.in', 3))!.value).toContain('⚠ Include cycle: loop\\-a\\.in → loop\\-b\\.in → loop\\-a\\.in (include-cycle)');
  });
});

describe('hover on a requires-python line', () => {
  // The end-of-life marks depend on the day: this one, for every run.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('[project] requires-python: the range in words, the lowest Python and the CPython releases it admits', async () => {
    const project = copyFixture('uv-torch');
    await start();
    const hoverAt = await opened(project, 'pyproject.toml');
    const hover = await hoverAt('requires-python', 2);
    expect(hover?.value).toBe(
      [
        '**requires-python** `>=3.10`',
        '',
        'Python 3.10 or newer.',
        '',
        '- Lowest allowed: `3.10` (what resolvers pick versions for)',
        '- CPython admitted: `3.10` (end of life since 2026-10), `3.11`, `3.12`, `3.13`, `3.14`',
        '- Not admitted: `3.9` (end of life since 2025-10)',
      ].join('\n'),
    );
    expect(hover?.range).toEqual({ start: { line: 3, character: 19 }, end: { line: 3, character: 25 } });
  });

  it('Poetry `python`: the range in words and its PEP 440 form', async () => {
    const project = copyFixture('poetry');
    await start();
    const hoverAt = await opened(project, 'pyproject.toml');
    expect((await hoverAt('python = "^3.11"', 12))?.value).toBe(
      [
        '**python** `^3.11` (Poetry)',
        '',
        'Python 3.11 or newer, below 4.0.',
        '',
        '- PEP 440: `>=3.11,<4.0`',
        '- Lowest allowed: `3.11` (what resolvers pick versions for)',
        '- CPython admitted: `3.11`, `3.12`, `3.13`, `3.14`',
        '- Not admitted: `3.9` (end of life since 2025-10), `3.10` (end of life since 2026-10)',
      ].join('\n'),
    );
  });

  it('Poetry `python` next to [project] requires-python: each line has its own hover', async () => {
    const project = copyFixture('poetry-project');
    await start();
    const hoverAt = await opened(project, 'pyproject.toml');
    const poetry = (await hoverAt('python = "~3.12"', 1))!.value;
    expect(poetry).toContain('Python 3.12 or newer, below 3.13.');
    expect(poetry).toContain('- PEP 440: `>=3.12,<3.13`');
    expect(poetry).toContain('- CPython admitted: `3.12`\n');
    expect((await hoverAt('requires-python', 1))!.value.split('\n')[0]).toBe('**requires-python** `>=3.12`');
  });

  it('in lockfiles: uv.lock requires-python, poetry.lock python-versions, pdm.lock requires_python, pylock.toml requires-python', async () => {
    await start();
    const uv = await opened(copyFixture('uv-torch'), 'uv.lock');
    expect((await uv('requires-python', 20))!.value.split('\n').slice(0, 3)).toEqual(['**requires-python** `>=3.10`', '', 'Python 3.10 or newer: the Pythons this lock was resolved for.']);
    const poetry = (await (await opened(copyFixture('poetry'), 'poetry.lock'))('python-versions = "^3.11"', 0))!.value;
    expect(poetry.split('\n').slice(0, 5)).toEqual(['**python-versions** `^3.11` (Poetry)', '', 'Python 3.11 or newer, below 4.0: the Pythons this lock was resolved for.', '', '- PEP 440: `>=3.11,<4.0`']);
    const pdm = (await (await opened(copyFixture('pdm'), 'pdm.lock'))('requires_python = ">=3.10"', 3))!.value;
    expect(pdm.split('\n')[0]).toBe('**requires_python** `>=3.10`');
    const pylock = (await (await opened(copyFixture('pylock'), 'pylock.toml'))('requires-python', 3))!.value;
    expect(pylock).toContain('- CPython admitted: `3.11`, `3.12`, `3.13`, `3.14`');
    // A package's own requires_python is no hover target.
    expect(await (await opened(copyFixture('pdm'), 'pdm.lock'))('requires_python = ">=3.6"', 3)).toBeNull();
  });
});

describe('hover on a lockfile entry', () => {
  it('uv.lock: the version line shows the package, its source and what requires it, the project and its extras first', async () => {
    const project = copyFixture('uv-torch', { CPU: 'https://download.pytorch.org/whl/cpu', CU124: 'https://download.pytorch.org/whl/cu124' });
    await start();
    const hoverAt = await opened(project, 'uv.lock');
    const numpy = await hoverAt('version = "2.1.1"', 12);
    expect(numpy?.value).toBe(
      [
        '**numpy** `2.1.1` (locked in uv\\.lock)',
        '',
        '- Source: `https://pypi.org/simple`',
        '- Required by (uv\\.lock): `vision-lab (>=1.26)` (project), `vision-lab[plots] (>=2)` (extra), `torch 2.5.1`, `torch 2.5.1+cu124`, `accelerate 0.33.0`',
        '- Requires (0): nothing',
      ].join('\n'),
    );
    const numpyLine = readFileSync(project.path('uv.lock'), 'utf8').split('\n').indexOf('version = "2.1.1"');
    expect(numpy?.range).toEqual({ start: { line: numpyLine, character: 11 }, end: { line: numpyLine, character: 16 } });
    expect((await hoverAt('name = "pytest"', 10))?.value).toContain('- Required by (uv\\.lock): `vision-lab (>=8)` (group `dev`)\n- Requires (1): `iniconfig`');
  });

  it('uv.lock: a forked package names its index and the other fork', async () => {
    const project = copyFixture('uv-torch', { CPU: 'https://download.pytorch.org/whl/cpu', CU124: 'https://download.pytorch.org/whl/cu124' });
    await start();
    const hoverAt = await opened(project, 'uv.lock');
    expect((await hoverAt('version = "2.5.1+cu124"', 12))?.value).toBe(
      [
        '**torch** `2.5.1+cu124` (locked in uv\\.lock)',
        '',
        '- Source: pytorch\\-cu124 `https://download.pytorch.org/whl/cu124`',
        "- Marker: `sys_platform == 'linux'`",
        "- Also locked: `2.5.1` for `sys_platform != 'linux'`",
        '- Required by (uv\\.lock): `vision-lab (>=2.5)` (project), `accelerate 0.33.0`',
        '- Requires (1): `numpy`',
      ].join('\n'),
    );
    // Other lines of an entry are no hover target.
    expect(await hoverAt('dependencies = [', 3)).toBeNull();
    expect(await hoverAt('source = { editable', 3)).toBeNull();
  });

  it('poetry.lock: groups, the default index, the project by its Poetry name', async () => {
    const project = copyFixture('poetry');
    await start();
    const hoverAt = await opened(project, 'poetry.lock');
    expect((await hoverAt('name = "requests"', 9))?.value).toBe(
      [
        '**requests** `2.32.3` (locked in poetry\\.lock)',
        '',
        '- Source: the default index',
        '- Groups: `main`',
        '- Required by (poetry\\.lock): `ledger (>=2.31,<3.0)` (project)',
        '- Requires (1): `certifi >=2017.4.17`',
      ].join('\n'),
    );
    expect((await hoverAt('name = "pytest"', 9))?.value).toContain('- Required by (poetry\\.lock): `ledger (>=8.0,<9.0)` (group `dev`)\n');
    expect((await hoverAt('version = "2.0.0"', 3))?.value).toContain('**iniconfig** `2.0.0` (locked in poetry\\.lock)\n\n- Source: the default index\n- Groups: `dev`\n- Required by (poetry\\.lock): `pytest 8.3.3`');
  });

  it('pdm.lock and pylock.toml: the version line', async () => {
    await start();
    const pdm = await opened(copyFixture('pdm'), 'pdm.lock');
    expect((await pdm('version = "2.32.3"', 12))?.value).toBe(
      ['**requests** `2.32.3` (locked in pdm\\.lock)', '', '- Source: the default index', '- Groups: `default`', '- Required by (pdm\\.lock): `web-api (>=2.31)` (project)', '- Requires (1): `certifi >=2017.4.17`'].join('\n'),
    );
    const pylock = await opened(copyFixture('pylock'), 'pylock.toml');
    expect((await pylock('version = "2024.8.30"', 12))?.value).toBe(
      ['**certifi** `2024.8.30` (locked in pylock\\.toml)', '', '- Source: `https://pypi.org/simple`', '- Required by (pylock\\.toml): `requests 2.32.3`', '- Requires (0): nothing'].join('\n'),
    );
  });
});

describe('hover on a requirement: what matters first', () => {
  let indexServer: IndexServer;
  beforeAll(async () => {
    indexServer = await startIndexServer();
  });
  afterAll(async () => {
    await indexServer.close();
  });

  it('torch pinned by platform: one Index line listing the index per platform, and "Required by" without scrolling', async () => {
    const project = copyFixture('uv-torch', { CPU: indexServer.indexes.cpu, CU124: indexServer.indexes.cu124 });
    const linux = { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64' };
    await start({ indexes: [{ url: indexServer.indexes.pypi, default: true }], targetEnvironment: linux });
    const hoverAt = await opened(project, 'pyproject.toml');
    const value = (await hoverAt('    "torch>=2.5"', 6))!.value;
    expect(value.split('\n\n---\n\n')[0]).toBe(
      [
        '**torch** `>=2.5`',
        '',
        '- Latest: `2.6.0+cu124`',
        '- Newest allowed by `>=2.5`: `2.6.0+cu124`',
        '- Newest for Python `>=3.10`: `2.6.0+cu124`',
        "- Locked: `2.5.1` for `sys_platform != 'linux'`, `2.5.1+cu124` for `sys_platform == 'linux'` (uv\\.lock)",
        "- Index: `pytorch-cpu` for `sys_platform != 'linux'`; `pytorch-cu124` for `sys_platform == 'linux'`",
        '- Required by (uv\\.lock): `accelerate 0.33.0`',
      ].join('\n'),
    );
    expect(value.match(/Index:/g)).toHaveLength(1);
    expect(value.split('\n').findIndex((line) => line.startsWith('- Required by'))).toBeLessThan(15);
    // The declaration's details come after.
    expect(value).toContain('\n\n---\n\nTensors and Dynamic neural networks in Python with strong GPU acceleration\n\n- Group: `main`\n- Specifier (PEP 440): `>=2.5`');
  });

  it('"Required by" lists the project\'s other declarations of the package, not the hovered line itself', async () => {
    const project = copyFixture('uv-torch', { CPU: indexServer.indexes.cpu, CU124: indexServer.indexes.cu124 });
    await start({ indexes: [{ url: indexServer.indexes.pypi, default: true }] });
    const hoverAt = await opened(project, 'pyproject.toml');
    const value = (await hoverAt('    "numpy>=1.26"', 6))!.value;
    expect(value).toContain('\n- Index: `' + indexServer.indexes.pypi + '`\n- Required by (uv\\.lock): `vision-lab[plots] (>=2)` (extra), `torch 2.5.1`, `torch 2.5.1+cu124`, `accelerate 0.33.0`\n');
  });
});
