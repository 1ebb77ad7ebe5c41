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
  if (name.endsWith('.in')) return 'requirements';
  if (name.endsWith('.txt')) {
    if (/requirements|constraints|^reqs?[-_.]|[-_.]reqs?\.txt$/.test(name)) return 'requirements';
    const p = path.replace(/\\/g, '/').toLowerCase();
    if (/(^|\/)requirements?\//.test(p)) return 'requirements';
  }
  return null;
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
