import { describe, expect, it } from 'vitest';
import { detectKind } from '../../server/src/core/detect';

describe('detectKind', () => {
  it.each([
    ['/p/pyproject.toml', 'pyproject'],
    ['/p/poetry.lock', 'poetry-lock'],
    ['/p/uv.lock', 'uv-lock'],
    ['/p/pdm.lock', 'pdm-lock'],
    ['/p/pylock.toml', 'pylock'],
    ['/p/pylock.dev.toml', 'pylock'],
    ['/p/requirements.txt', 'requirements'],
    ['/p/requirements-dev.txt', 'requirements'],
    ['/p/dev-requirements.txt', 'requirements'],
    ['/p/constraints.txt', 'requirements'],
    ['/p/requirements/base.txt', 'requirements'],
    ['/p/requirements/base.in', 'requirements'],
    ['/p/base.in', 'requirements'],
    ['/p/dev.in', 'requirements'],
    ['C:\\p\\requirements\\prod.txt', 'requirements'],
  ])('%s is %s', (path, kind) => {
    expect(detectKind(path)).toBe(kind);
  });

  it.each(['/p/MANIFEST.in', '/p/Makefile.in', '/p/config.h.in', '/p/setup.cfg.in', '/p/notes.txt', '/p/setup.py', '/p/Pipfile', '/p/tox.ini'])(
    '%s is not a dependency file',
    (path) => {
      expect(detectKind(path)).toBeNull();
    },
  );
});
