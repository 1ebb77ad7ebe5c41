import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapture } from './run-cli-helper';

const GRAPH = resolve(__dirname, '../../fixtures/graph');

describe('pipsight tree', () => {
  it('prints the forward tree in uv tree style, with markers', async () => {
    const result = await runCapture(['tree', 'pylock'], { cwd: GRAPH });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(['cattrs==24.1.2 [required: >=24]', '└── attrs==24.2.0 [required: any]', 'pywin32==308 [required: >=300] ; sys_platform == "win32"', ''].join('\n'));
  });

  it('follows the extras a declaration asks for (pdm.lock keeps them in an entry of their own)', async () => {
    const result = await runCapture(['tree', 'extras-pdm'], { cwd: GRAPH });
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      'uvicorn[standard]==0.30.0 [required: >=0.30]',
      '├── click==8.1.7 [required: >=7.0]',
      '├── h11==0.14.0 [required: >=0.8]',
      '├── colorama==0.4.6 [required: >=0.4] ; extra == "standard" and sys_platform == "win32"',
      '├── httptools==0.6.4 [required: >=0.5.0] ; extra == "standard"',
      '└── uvloop==0.21.0 [required: !=0.15.0,!=0.15.1,>=0.14.0] ; extra == "standard" and (sys_platform != "cygwin" and sys_platform != "win32") and platform_python_implementation != "PyPy"',
    ]);
    const json = JSON.parse((await runCapture(['tree', 'extras-pdm', '--format', 'json'], { cwd: GRAPH })).stdout);
    expect(json.roots[0]).toMatchObject({ name: 'uvicorn', extras: ['standard'], version: '0.30.0' });
    expect(json.roots[0].children.map((child: { name: string }) => child.name)).toEqual(['click', 'h11', 'colorama', 'httptools', 'uvloop']);
  });

  it('marks repeated subtrees, problems, groups and depth', async () => {
    const result = await runCapture(['tree', 'uv-ml/pyproject.toml', '--depth', '1'], { cwd: GRAPH });
    const lines = result.stdout.split('\n');
    expect(lines).toContain('└── torch==2.5.1+cu124 [required: any] (*)');
    expect(lines).toContain('pillow==11.0.0 [required: >=12] ✗ lock-mismatch: pillow>=12 is declared, but pillow 11.0.0 is locked');
    expect(lines).toContain('pytest==8.3.3 [required: >=8] (group: dev)');
    expect(lines).toContain('matplotlib-lite==1.2.0 [required: >=1.0] (extra: plots)');
  });

  it('answers "why is it here?" with every path from the roots', async () => {
    const result = await runCapture(['tree', 'poetry1', '--reverse', 'IDNA'], { cwd: GRAPH });
    expect(result.stdout).toBe([
      'idna==4.0',
      '└── requests==2.32.3 [requires: idna>=2.5,<4] ✗ lock-conflict: requests 2.32.3 requires idna>=2.5,<4, but idna 4.0 is locked',
      '    └── pyproject.toml (main) [requires: requests>=2.31,<3.0]',
      '',
    ].join('\n'));
  });

  it('shows uv edges without an invented ==version specifier (uv records none)', async () => {
    const result = await runCapture(['tree', 'uv-ml', '--reverse', 'numpy'], { cwd: GRAPH });
    const lines = result.stdout.split('\n');
    expect(lines).toContain("├── accelerate==0.33.0 [requires: numpy] ; python_full_version < '3.10'");
    expect(result.stdout).not.toContain('numpy==1.26.4]');
    const forward = await runCapture(['tree', 'uv-ml', '--format', 'json'], { cwd: GRAPH });
    const accelerate = JSON.parse(forward.stdout).roots.find((root: { name: string }) => root.name === 'accelerate');
    expect(accelerate.children.map((child: { version: string; specifier: string }) => `${child.version} '${child.specifier}'`)).toEqual(["1.26.4 ''", "2.1.1 ''", "2.5.1+cu124 ''"]);
  });

  it('writes the documented JSON', async () => {
    const result = await runCapture(['tree', 'pip-compile/requirements.txt', '--format', 'json', '--depth', '0'], { cwd: GRAPH });
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ schema: 1, source: 'pip-compile', path: 'pip-compile/requirements.txt', manifest: 'pip-compile/requirements.in', reverse: null, target: null });
    expect(json.roots[1]).toEqual({
      name: 'flask', version: '2.3.3', specifier: '>=3', marker: null, group: 'main', children: [], truncated: true,
      problems: [{ code: 'lock-mismatch', message: 'flask>=3 is declared, but flask 2.3.3 is locked' }],
    });
  });

  it('reports usage errors', async () => {
    expect((await runCapture(['tree', 'pylock', '--source', 'pip'], { cwd: GRAPH })).code).toBe(2);
    expect((await runCapture(['tree', 'pylock', '--depth', 'x'], { cwd: GRAPH })).stderr).toContain('--depth must be a whole number');
    expect((await runCapture(['tree', 'nowhere'], { cwd: GRAPH })).stderr).toContain('no such file or directory');
  });

  describe('--source env', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pipsight-tree-'));
    afterAll(() => rmSync(workspace, { recursive: true, force: true }));

    it('reads the .venv of the workspace', async () => {
      const sitePackages = join(workspace, '.venv', 'lib', 'python3.12', 'site-packages');
      mkdirSync(join(workspace, '.venv', 'bin'), { recursive: true });
      writeFileSync(join(workspace, '.venv', 'pyvenv.cfg'), 'home = /usr/bin\nversion_info = 3.12.4\n');
      const distribution = (name: string, version: string, requires: string[]) => {
        const folder = join(sitePackages, `${name}-${version}.dist-info`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'METADATA'), [`Metadata-Version: 2.1`, `Name: ${name}`, `Version: ${version}`, ...requires.map((line) => `Requires-Dist: ${line}`), ''].join('\n'));
      };
      distribution('accelerate', '0.33.0', ['numpy<2.0.0,>=1.17', 'pytest; extra == "test"']);
      distribution('numpy', '2.1.1', []);
      writeFileSync(join(workspace, 'pyproject.toml'), '[project]\nname = "app"\nversion = "1"\ndependencies = ["accelerate>=0.30"]\n');
      const result = await runCapture(['tree', '.', '--source', 'env'], { cwd: workspace });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe([
        'accelerate==0.33.0 [required: >=0.30]',
        '└── numpy==2.1.1 [required: <2.0.0,>=1.17] ✗ installed-conflict: accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed',
        '',
      ].join('\n'));
    });
  });
});
