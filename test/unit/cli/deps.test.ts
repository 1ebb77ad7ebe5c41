import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture } from './run-cli-helper';

interface DepsJson {
  schema: number;
  files: {
    path: string;
    kind: string;
    requirements: Record<string, unknown>[];
    locked: { name: string; version: string; source: string | null; dependencies: Record<string, unknown>[] }[];
    errors: unknown[];
  }[];
}

async function depsJson(...argv: string[]): Promise<DepsJson> {
  const result = await runCapture(['deps', ...argv, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as DepsJson;
}

describe('pipsight deps', () => {
  it('lists requirements of a requirements file with whole-requirement ranges', async () => {
    const output = await depsJson('clean/requirements.txt');
    expect(output.schema).toBe(1);
    const [file] = output.files;
    expect(file).toMatchObject({ path: 'clean/requirements.txt', kind: 'requirements', locked: [], errors: [] });
    expect(Object.keys(file.requirements[0]).sort()).toEqual(
      ['constraint', 'extras', 'group', 'index', 'marker', 'name', 'normalizedName', 'range', 'specifier', 'url'].sort(),
    );
    expect(file.requirements[0]).toMatchObject({
      name: 'requests',
      normalizedName: 'requests',
      extras: [],
      specifier: '>=2.31',
      marker: null,
      url: null,
      group: 'main',
      index: null,
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 'requests>=2.31'.length } },
    });
    expect(file.requirements[1]).toMatchObject({
      name: 'flask',
      extras: ['async'],
      specifier: '==3.0.3',
      marker: 'python_version >= "3.9"',
      range: { start: { line: 2, character: 0 }, end: { line: 2 } },
    });
  });

  it('lists pyproject requirements with their groups', async () => {
    const [file] = (await depsJson('clean/pyproject.toml')).files;
    expect(file.kind).toBe('pyproject');
    const byName = Object.fromEntries(file.requirements.map((requirement) => [requirement.name, requirement]));
    expect(byName.httpx).toMatchObject({ group: 'main', specifier: '>=0.27', range: { start: { line: 5, character: 5 }, end: { line: 5, character: 16 } } });
    expect(byName.pytest).toMatchObject({ group: 'group:test', specifier: '>=8' });
  });

  it('lists locked packages with their dependencies', async () => {
    const [file] = (await depsJson('lock/uv.lock')).files;
    expect(file.kind).toBe('uv-lock');
    const httpx = file.locked.find((locked) => locked.name === 'httpx');
    expect(httpx).toEqual({
      name: 'httpx',
      version: '0.28.1',
      source: 'https://pypi.org/simple',
      dependencies: [{ name: 'certifi', specifier: '', marker: null, extras: [] }],
    });
  });

  it('gives every lock edge its extras, and a pdm.lock extras entry its extras', async () => {
    const locks = ['uv/uv.lock', 'poetry/poetry.lock', 'pdm/pdm.lock', 'pylock/pylock.toml'].map((lock) => `../graph/extras-${lock}`);
    const files = (await depsJson(...locks)).files;
    for (const file of files) for (const locked of file.locked) for (const edge of locked.dependencies) expect(edge).toHaveProperty('extras');
    const edgesWithExtras = files.map((file) => file.locked.flatMap((locked) => locked.dependencies.filter((edge) => (edge.extras as string[]).length > 0).map((edge) => `${locked.name}→${edge.name}[${(edge.extras as string[]).join(',')}]`)));
    expect(edgesWithExtras).toEqual([['svc→uvicorn[standard]'], [], [], []]);
    const pdmUvicorn = files[2].locked.filter((locked) => locked.name === 'uvicorn');
    expect(pdmUvicorn.map((locked) => (locked as { extras?: string[] }).extras)).toEqual([undefined, ['standard']]);
    const text = await runCapture(['deps', '../graph/extras-pdm/pdm.lock']);
    expect(text.stdout).toMatch(/\n {2}uvicorn\[standard\] +0\.30\.0 +4\n/);
  });

  it('reads an unrecognized file name with --kind', async () => {
    const [file] = (await depsJson('--kind', 'requirements', 'unsupported.cfg')).files;
    expect(file).toMatchObject({ path: 'unsupported.cfg', kind: 'requirements', requirements: [{ name: 'requests' }] });
  });

  it('prints a table per file in text format', async () => {
    const result = await runCapture(['deps', 'clean/requirements.txt', 'lock/uv.lock']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^clean\/requirements\.txt \(requirements\)\n {2}REQUIREMENT +CONSTRAINT +GROUP +MARKER\n {2}requests +>=2\.31 +main\n/);
    expect(result.stdout).toMatch(/\n\nlock\/uv\.lock \(uv-lock\)\n {2}PACKAGE +VERSION +DEPS +SOURCE\n/);
    expect(result.stdout).toMatch(/\n {2}httpx +0\.28\.1 +1 +https:\/\/pypi\.org\/simple\n/);
  });
});

describe('pipsight deps: included files', () => {
  const cwd = resolve(__dirname, '../../fixtures/deps');
  const includeLine = (line: number, length: number) => ({ start: { line, character: 0 }, end: { line, character: length } });

  it('lists every file a requirements file includes, depth first, each once, with the include line and constraints marked', async () => {
    const result = await runCapture(['deps', 'includes/requirements/cpu.txt', '--format', 'json'], { cwd });
    expect(result.stderr).toBe('');
    const files = (JSON.parse(result.stdout) as DepsJson).files as (DepsJson['files'][number] & { includedFrom: unknown; constraint: boolean })[];
    expect(files.map((file) => [file.path, file.includedFrom, file.constraint, file.requirements.map((requirement) => requirement.name)])).toEqual([
      ['includes/requirements/cpu.txt', null, false, ['torch']],
      ['includes/requirements/common.txt', { path: 'includes/requirements/cpu.txt', range: includeLine(0, '-r common.txt'.length) }, false, ['numpy']],
      ['includes/requirements/nested/extra.txt', { path: 'includes/requirements/common.txt', range: includeLine(1, '--requirement nested/extra.txt'.length) }, false, ['scipy']],
      ['includes/requirements/base.txt', { path: 'includes/requirements/nested/extra.txt', range: includeLine(1, '--requirement=../base.txt'.length) }, false, ['packaging']],
      ['includes/constraints.txt', { path: 'includes/requirements/cpu.txt', range: includeLine(1, '-c ../constraints.txt'.length) }, true, ['numpy']],
    ]);
    expect(files.every((file) => file.kind === 'requirements')).toBe(true);
    expect(files[2].requirements[0]).toMatchObject({ specifier: '>=1.13', group: 'main', range: includeLine(0, 'scipy>=1.13'.length) });
    expect(files[4].requirements[0]).toMatchObject({ specifier: '<3', group: 'constraint' });
  });

  it('says in text where each included file comes from', async () => {
    const result = await runCapture(['deps', 'includes/requirements/cpu.txt'], { cwd });
    const headers = result.stdout.split('\n').filter((line) => /^\S/.test(line));
    expect(headers).toEqual([
      'includes/requirements/cpu.txt (requirements)',
      'includes/requirements/common.txt (requirements, included from includes/requirements/cpu.txt:1)',
      'includes/requirements/nested/extra.txt (requirements, included from includes/requirements/common.txt:2)',
      'includes/requirements/base.txt (requirements, included from includes/requirements/nested/extra.txt:2)',
      'includes/constraints.txt (constraints, included from includes/requirements/cpu.txt:2)',
    ]);
  });
});

describe('pipsight deps: local projects', () => {
  const cwd = resolve(__dirname, '../../fixtures/deps/local-projects');

  it('names a local project by its metadata, and leaves it unnamed (null) when there is none', async () => {
    const result = await runCapture(['deps', 'httpx-checkout/requirements.txt', '--format', 'json'], { cwd });
    const [file] = (JSON.parse(result.stdout) as DepsJson).files;
    expect(file.requirements.map((requirement) => [requirement.name, requirement.normalizedName, requirement.extras, requirement.url])).toEqual([
      ['httpx', 'httpx', ['http2'], '.'],
      [null, null, [], '../unnamed'],
    ]);
  });

  it('shows an unnamed local project by its path in text', async () => {
    const result = await runCapture(['deps', 'httpx-checkout/requirements.txt'], { cwd });
    expect(result.stdout).toMatch(/\n {2}httpx\[http2\] +\. +main\n/);
    expect(result.stdout).toMatch(/\n {2}\.\.\/unnamed +\.\.\/unnamed +main\n/);
  });
});
