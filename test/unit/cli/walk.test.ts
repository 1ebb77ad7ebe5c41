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
  for (const skipped of ['.git', 'node_modules/pkg', '.venv/lib', 'venv', '__pycache__', '.tox/py312', 'build/lib', 'build/lib.linux-x86_64-cpython-312', 'build/bdist.linux-x86_64', 'site-packages', 'demo.egg-info']) {
    write(`${skipped}/requirements.txt`);
  }
  // Virtual environments are recognized by their pyvenv.cfg, whatever their name.
  for (const environment of ['.venv', 'venv', 'env']) write(`${environment}/pyvenv.cfg`, 'home = /usr/bin\n');
  write('env/requirements.txt');
  // build/ itself is walked: some projects keep their requirements there.
  write('build/requirements.in');
  symlinkSync('..', join(root, 'services/loop'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('directory walking', () => {
  it('finds supported files and skips environments, VCS, caches and setuptools build output, not build/ itself', async () => {
    const result = await runCapture(['check', '--format', 'json'], { cwd: root });
    const paths = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
    expect(paths).toEqual(['requirements.txt', 'build/requirements.in', 'services/api/pyproject.toml', 'services/api/requirements-dev.txt']);
    expect(result.code).toBe(0);
  });

  it('keeps the directory prefix the user gave and never leaves the folder given', async () => {
    const result = await runCapture(['check', 'services', '--format', 'json'], { cwd: root });
    const paths = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
    // services/loop points back at the root, outside the folder given: it is not entered.
    expect(paths).toEqual(['services/api/pyproject.toml', 'services/api/requirements-dev.txt']);
  });
});

describe('directory walking with ignore files', () => {
  let project: string;
  const put = (relativePath: string, text = 'requests>=2\n') => {
    const path = join(project, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const walked = async (args: string[] = []): Promise<string[]> => {
    const result = await runCapture(['check', ...args, '--format', 'json'], { cwd: project });
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
  };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'pipsight-cli-ignore-'));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('follows .gitignore (nested too), .git/info/exclude and .ignore inside a git repository', async () => {
    mkdirSync(join(project, 'repo/.git/info'), { recursive: true });
    put('repo/.git/info/exclude', '# local\nscratch/\n');
    put('repo/.gitignore', 'generated/\n*-local.txt\n/top-only/\n');
    put('repo/requirements.txt');
    put('repo/requirements-local.txt');
    put('repo/generated/requirements.txt');
    put('repo/scratch/requirements.txt');
    put('repo/top-only/requirements.txt');
    put('repo/sub/top-only/requirements.txt');
    // A nested .gitignore applies below its folder and can re-include.
    put('repo/sub/.gitignore', 'requirements-dev.txt\n!keep-local.txt\n');
    put('repo/sub/requirements-dev.txt');
    put('repo/sub/requirements.txt');
    put('repo/sub/keep-local.txt');
    put('repo/sub/requirements/keep-local.txt');
    // .ignore wins over .gitignore.
    put('repo/tools/.ignore', '!generated/\nrequirements-ci.txt\n');
    put('repo/tools/generated/requirements.txt');
    put('repo/tools/requirements-ci.txt');
    expect(await walked(['repo'])).toEqual([
      'repo/requirements.txt',
      'repo/sub/requirements.txt',
      'repo/sub/requirements/keep-local.txt',
      'repo/sub/top-only/requirements.txt',
      'repo/tools/generated/requirements.txt',
    ]);
  });

  it('applies .gitignore only inside a git repository, .ignore everywhere', async () => {
    put('plain/.gitignore', 'generated/\n');
    put('plain/.ignore', 'vendored/\n');
    put('plain/generated/requirements.txt');
    put('plain/vendored/requirements.txt');
    expect(await walked(['plain'])).toEqual(['plain/generated/requirements.txt']);
  });

  it('applies the rules of the folders above the one walked, and always walks a folder it is given', async () => {
    mkdirSync(join(project, 'outer/.git'), { recursive: true });
    put('outer/.gitignore', 'build/\nrequirements-dev.txt\n');
    put('outer/app/requirements.txt');
    put('outer/app/requirements-dev.txt');
    put('outer/app/build/requirements.txt');
    put('outer/build/requirements.in');
    expect(await walked(['outer/app'])).toEqual(['outer/app/requirements.txt']);
    expect(await walked(['outer/build'])).toEqual(['outer/build/requirements.in']);
  });

  it('stops applying .gitignore files at the root of a nested repository', async () => {
    mkdirSync(join(project, 'mono/.git'), { recursive: true });
    put('mono/.gitignore', 'vendor/\n');
    mkdirSync(join(project, 'mono/vendor/.git'), { recursive: true });
    put('mono/vendor/requirements.txt');
    mkdirSync(join(project, 'mono/lib/.git'), { recursive: true });
    put('mono/lib/vendor/requirements.txt');
    // vendor/ is ignored by mono's .gitignore; lib/ is a repository of its own that mono's rules do not reach.
    expect(await walked(['mono'])).toEqual(['mono/lib/vendor/requirements.txt']);
  });
});
