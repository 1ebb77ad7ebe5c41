/**
 * The client's `workspaceContains:` activation globs for pip-compile inputs follow detectKind as
 * closely as globs allow: no activation for other tools' `.in` templates (MANIFEST.in, Makefile.in,
 * config.h.in), activation for requirements-named inputs anywhere and for the usual plain stems.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../server/src/core/detect';

const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { activationEvents: string[] };
const globs = manifest.activationEvents.filter((event) => event.startsWith('workspaceContains:')).map((event) => event.slice('workspaceContains:'.length));

/** The glob subset the manifest uses: `**\/` (any folders), `*` (within a name), `{a,b}`. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      source += '(?:[^/]+/)*';
      i += 2;
    } else if (glob[i] === '*') source += '[^/]*';
    else if (glob[i] === '{') {
      const close = glob.indexOf('}', i);
      source += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
      i = close;
    } else source += escape(glob[i]);
  }
  return new RegExp(`^${source}$`);
}

function escape(text: string): string {
  return text.replace(/[.+?^$()[\]\\|]/g, '\\$&');
}

const activates = (path: string) => globs.some((glob) => globToRegExp(glob).test(path));

describe('activation on pip-compile inputs', () => {
  it.each([
    'requirements.in',
    'dev-requirements.in',
    'service/requirements-dev.in',
    'requirements/base.in',
    'app/requirements/backend.in',
    'app/requirement/dev.in',
    'constraints.in',
    'deps/test-constraints.in',
    'base.in',
    'services/api/dev.in',
    'docs.in',
  ])('activates for %s (a requirements input for detectKind)', (path) => {
    expect(detectKind(path)).toBe('requirements');
    expect(activates(path)).toBe(true);
  });

  it.each(['MANIFEST.in', 'pkg/MANIFEST.in', 'Makefile.in', 'include/config.h.in', 'setup.cfg.in', 'tox.in'])('does not activate for %s (not a requirements file)', (path) => {
    expect(detectKind(path)).toBeNull();
    expect(activates(path)).toBe(false);
  });

  it('still activates on the other supported files', () => {
    for (const path of ['pyproject.toml', 'a/b/uv.lock', 'requirements.txt', 'requirements/prod.txt', 'x/pylock.dev.toml']) expect(activates(path), path).toBe(true);
  });
});
