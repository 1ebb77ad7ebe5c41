import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from './run-cli-helper';

// Built at run time: a `.git` folder cannot be committed as a fixture.
let root: string;

function write(relativePath: string, text = 'requests>=2\n'): void {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pipsight-cli-walk-'));
  write('requirements.txt');
  write('services/api/requirements-dev.txt');
  write('services/api/pyproject.toml', '[project]\nname = "api"\nversion = "1"\n');
  write('notes.txt');
  for (const skipped of ['.git', 'node_modules/pkg', '.venv/lib', 'venv', '__pycache__', '.tox/py312', 'dist', 'build', 'site-packages', 'demo.egg-info']) {
    write(`${skipped}/requirements.txt`);
  }
  // A virtual environment under an unusual name is recognized by its pyvenv.cfg.
  write('env/pyvenv.cfg', 'home = /usr/bin\n');
  write('env/requirements.txt');
  symlinkSync('..', join(root, 'services/loop'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('directory walking', () => {
  it('finds supported files and skips environments, VCS, caches and build output', async () => {
    const result = await runCapture(['check', '--format', 'json'], { cwd: root });
    const paths = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
    expect(paths).toEqual(['requirements.txt', 'services/api/pyproject.toml', 'services/api/requirements-dev.txt']);
    expect(result.code).toBe(0);
  });

  it('keeps the directory prefix the user gave and visits each real folder once', async () => {
    const result = await runCapture(['check', 'services', '--format', 'json'], { cwd: root });
    const paths = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
    // services/loop points back at the root: its files are seen once through it, never again.
    expect(paths).toEqual(['services/api/pyproject.toml', 'services/api/requirements-dev.txt', 'services/loop/requirements.txt']);
  });
});
