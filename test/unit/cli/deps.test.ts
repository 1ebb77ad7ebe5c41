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
      dependencies: [{ name: 'certifi', specifier: '', marker: null }],
    });
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
