import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture } from './run-cli-helper';

const REPOSITORY = resolve(__dirname, '../../..');

interface CheckJson {
  files: { path: string; diagnostics: { code: string; severity: string; package: string | null }[] }[];
}

describe('examples/', () => {
  it('shows the deliberate findings of uv-ml and nothing else', async () => {
    const result = await runCapture(['check', 'examples', '--format', 'json'], { cwd: REPOSITORY });
    const output = JSON.parse(result.stdout) as CheckJson;
    expect(output.files.map((file) => file.path)).toEqual([
      'examples/pip-compile/requirements/backend.in',
      'examples/pip-compile/requirements/backend.txt',
      'examples/pip-compile/requirements/base.in',
      'examples/pip-compile/requirements/base.txt',
      'examples/pip-compile/requirements/constraints.txt',
      'examples/pip-compile/requirements/dev.in',
      'examples/pip-compile/requirements/dev.txt',
      'examples/poetry-app/poetry.lock',
      'examples/poetry-app/pyproject.toml',
      'examples/uv-ml/pyproject.toml',
      'examples/uv-ml/uv.lock',
    ]);
    const found = output.files.flatMap((file) => file.diagnostics.map((diagnostic) => `${file.path} ${diagnostic.code} ${diagnostic.package}`));
    expect(new Set(found)).toEqual(
      new Set([
        'examples/uv-ml/pyproject.toml contradictory-requirements numpy',
        'examples/uv-ml/pyproject.toml python2-backport futures',
        'examples/uv-ml/pyproject.toml duplicate-requirement pillow',
        // The lock was made before the deliberate mistakes: uv could not lock them.
        'examples/uv-ml/pyproject.toml lock-missing futures',
        'examples/uv-ml/pyproject.toml lock-stale pillow',
        'examples/uv-ml/pyproject.toml lock-mismatch numpy',
      ]),
    );
    expect(result.code).toBe(1);
  });

  it('lists the locked packages of each example lockfile', async () => {
    const result = await runCapture(['deps', 'examples/uv-ml/uv.lock', 'examples/poetry-app/poetry.lock', '--format', 'json'], { cwd: REPOSITORY });
    const [uvLock, poetryLock] = (JSON.parse(result.stdout) as { files: { locked: { name: string; version: string; source: string | null }[]; errors: unknown[] }[] }).files;
    expect(uvLock.errors).toEqual([]);
    expect(uvLock.locked.filter((locked) => locked.name === 'torch').map((locked) => [locked.version, locked.source])).toEqual([
      ['2.6.0', 'https://download.pytorch.org/whl/cpu'],
      ['2.6.0+cu124', 'https://download.pytorch.org/whl/cu124'],
    ]);
    expect(poetryLock.errors).toEqual([]);
    expect(poetryLock.locked.find((locked) => locked.name === 'ledger-rules')?.source).toContain('pypi.internal.example.com');
  });
});
