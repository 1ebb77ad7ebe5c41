import type { FileKind } from './model';
import { basename } from './paths';

/**
 * Which parser reads a file, from its name alone. Requirements files: requirements*.txt,
 * *requirements*.txt, constraints*.txt, *.in, and any .txt inside a requirements/ folder.
 */
export function detectKind(path: string): FileKind | null {
  const name = basename(path).toLowerCase();
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'poetry.lock') return 'poetry-lock';
  if (name === 'uv.lock') return 'uv-lock';
  if (name === 'pdm.lock') return 'pdm-lock';
  if (name === 'pylock.toml' || /^pylock\.[^/]+\.toml$/.test(name)) return 'pylock';
  if (name.endsWith('.in')) return isRequirementsInput(name, path) ? 'requirements' : null;
  if (name.endsWith('.txt')) {
    if (/requirements|constraints|^reqs?[-_.]|[-_.]reqs?\.txt$/.test(name)) return 'requirements';
    const p = path.replace(/\\/g, '/').toLowerCase();
    if (/(^|\/)requirements?\//.test(p)) return 'requirements';
  }
  return null;
}

/**
 * Template files of other tools also end in `.in` (MANIFEST.in, Makefile.in, config.h.in). A
 * pip-compile input is `<name>.in` with a plain stem (base.in, dev.in), or any `.in` whose name or
 * folder says requirements.
 */
const NOT_REQUIREMENTS_STEMS = new Set([
  'manifest', 'makefile', 'gnumakefile', 'configure', 'config', 'doxyfile', 'dockerfile', 'readme',
  'license', 'version', 'setup', 'meson', 'cmakelists', 'pkg-info', 'tox', 'pyproject', 'environment',
]);

function isRequirementsInput(name: string, path: string): boolean {
  if (/requirements|constraints/.test(name)) return true;
  if (/(^|\/)requirements?\//.test(path.replace(/\\/g, '/').toLowerCase())) return true;
  const stem = name.slice(0, -'.in'.length);
  return stem.length > 0 && !stem.includes('.') && !NOT_REQUIREMENTS_STEMS.has(stem);
}

/** Glob patterns for editors and file watchers (kept in sync with detectKind). */
export const SUPPORTED_FILE_GLOBS = [
  '**/pyproject.toml',
  '**/poetry.lock',
  '**/uv.lock',
  '**/pdm.lock',
  '**/pylock.toml',
  '**/pylock.*.toml',
  '**/*requirements*.txt',
  '**/*constraints*.txt',
  '**/requirements/*.txt',
  '**/*.in',
];
