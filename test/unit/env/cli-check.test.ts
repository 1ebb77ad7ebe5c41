import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../cli/run-cli-helper';
import { temporaryFolder, writeVenv, type FakeDistribution } from './fake-environment';

const ML_PACKAGES: FakeDistribution[] = [
  { name: 'accelerate', version: '0.33.0', requires: ['numpy<2.0.0,>=1.17'] },
  { name: 'numpy', version: '2.1.1' },
  { name: 'pillow', version: '10.4.0' },
  { name: 'tqdm', version: '4.66.5', requires: ['colorama; platform_system == "Windows"', 'missing-dep'] },
];

const PYPROJECT = '[project]\nname = "demo"\nversion = "1"\ndependencies = ["numpy>=2", "accelerate==0.33.0", "requests", "pillow<10"]\n';

let folder: { path: string; remove: () => void };
let project: string;
let elsewhere: string;
beforeAll(() => {
  folder = temporaryFolder('cli-env');
  project = join(folder.path, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'pyproject.toml'), PYPROJECT);
  writeVenv(join(project, '.venv'), ML_PACKAGES);
  elsewhere = writeVenv(join(folder.path, 'other-env'), [{ name: 'numpy', version: '2.1.1' }, { name: 'accelerate', version: '0.33.0' }, { name: 'requests', version: '2.32.3' }, { name: 'pillow', version: '11.0.0' }]).prefix;
});
afterAll(() => folder.remove());

interface CheckJson {
  files: { path: string; diagnostics: { code: string; severity: string; package: string | null; message: string }[] }[];
  environments: { prefix: string; origin: string; pythonVersion: string | null; distributions: number; conflicts: { kind: string; package: string; dependency: string; message: string; installedVersion: string | null }[] }[];
}

describe('pipsight check with an installed environment', () => {
  it('discovers .venv in PATH and lists its conflicts after the files', async () => {
    const result = await runCapture(['check', 'project'], { cwd: folder.path });
    expect(result.stdout).toBe([
      'project/pyproject.toml:4:18: error[installed-conflict] accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.',
      'project/pyproject.toml:4:30: error[installed-conflict] accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.',
      'project/pyproject.toml:4:52: information[env-missing] requests is not installed in the environment (.venv).',
      'project/pyproject.toml:4:70: warning[env-mismatch] pillow 10.4.0 is installed (.venv), which does not satisfy <10.',
      'project/.venv: error[installed-conflict] accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.',
      'project/.venv: error[installed-conflict] tqdm 4.66.5 requires missing-dep, which is not installed.',
      'Environment project/.venv (Python 3.11.7, 4 packages, found by venv): 2 installed conflicts.',
      'Found 2 errors, 1 warning, 1 information in 1 file.',
      '',
    ].join('\n'));
    expect(result.code).toBe(1);
  });

  it('reports the environment in JSON', async () => {
    const result = await runCapture(['check', 'project', '--format', 'json'], { cwd: folder.path });
    const output = JSON.parse(result.stdout) as CheckJson;
    expect(output.environments).toHaveLength(1);
    expect(output.environments[0]).toMatchObject({ prefix: join('project', '.venv'), origin: 'venv', pythonVersion: '3.11.7', distributions: 4 });
    expect(output.environments[0].conflicts).toEqual([
      { code: 'installed-conflict', severity: 'error', kind: 'conflict', package: 'accelerate', version: '0.33.0', requirement: 'numpy<2.0.0,>=1.17', dependency: 'numpy', installedVersion: '2.1.1', message: 'accelerate 0.33.0 requires numpy<2.0.0,>=1.17, but numpy 2.1.1 is installed.' },
      { code: 'installed-conflict', severity: 'error', kind: 'missing', package: 'tqdm', version: '4.66.5', requirement: 'missing-dep', dependency: 'missing-dep', installedVersion: null, message: 'tqdm 4.66.5 requires missing-dep, which is not installed.' },
    ]);
    expect(output.files[0].diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.package}`)).toEqual(['installed-conflict numpy', 'installed-conflict accelerate', 'env-missing requests', 'env-mismatch pillow']);
  });

  it('skips the environment with --no-env', async () => {
    const result = await runCapture(['check', 'project', '--no-env', '--format', 'json'], { cwd: folder.path });
    const output = JSON.parse(result.stdout) as CheckJson;
    expect(output.environments).toEqual([]);
    expect(output.files[0].diagnostics).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('uses --python (a folder or an interpreter) instead of discovery', async () => {
    for (const python of [elsewhere, join(elsewhere, 'bin', 'python3')]) {
      const result = await runCapture(['check', 'project/pyproject.toml', '--python', python], { cwd: folder.path });
      expect(result.stdout).toBe([
        'project/pyproject.toml:4:70: warning[env-mismatch] pillow 11.0.0 is installed (other-env), which does not satisfy <10.',
        `Environment other-env (Python 3.11.7, 4 packages, found by cli): no installed conflicts.`,
        'Found 1 warning in 1 file.',
        '',
      ].join('\n'));
    }
  });

  it('takes VIRTUAL_ENV when PATH has no .venv, and fails with a usage error on a bad --python', async () => {
    const bare = join(folder.path, 'bare');
    mkdirSync(bare, { recursive: true });
    writeFileSync(join(bare, 'requirements.txt'), 'requests==2.31.0\n');
    const activated = await runCapture(['check', 'bare', '-f', 'json'], { cwd: folder.path, env: { VIRTUAL_ENV: elsewhere } });
    const output = JSON.parse(activated.stdout) as CheckJson;
    expect(output.environments.map((environment) => environment.origin)).toEqual(['VIRTUAL_ENV']);
    expect(output.files[0].diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['requests 2.32.3 is installed (other-env), which does not satisfy ==2.31.0.']);
    const bad = await runCapture(['check', 'bare', '--python', 'no/such/python'], { cwd: folder.path });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--python no/such/python: no Python environment (site-packages) found there');
  });
});
