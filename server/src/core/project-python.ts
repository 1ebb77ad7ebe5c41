/**
 * The requires-python of the project a file belongs to, when the file does not say it itself: a
 * requirements file (or a workspace member's pyproject without requires-python) takes the nearest
 * pyproject.toml in its folder or above, read through the FileSource (core does no I/O).
 */
import type { FileSource } from './file-source';
import { memoizeString } from './memo';
import type { FileKind } from './model';
import { parseDocument } from './parse';
import { dirname, normalizePath } from './paths';

export interface ProjectPython {
  /** requires-python as stored in the model (Poetry alternatives joined by ' || '). */
  specifier: string;
  /** The pyproject.toml it comes from, and that path relative to the analysed file's folder. */
  path: string;
  relativePath: string;
}

export interface ProjectPythonLookup {
  found: ProjectPython | null;
  /** Every pyproject.toml path read or looked for: creating or changing one changes the answer. */
  lookedFor: string[];
}

/** Folders looked at: the starting folder and at most this many minus one above it. */
const MAX_FOLDERS = 5;

const requiresPythonOf = memoizeString((text: string) => parseDocument('pyproject.toml', text, 'pyproject')?.requiresPython?.specifier ?? null, 64);

/** Stops at the filesystem root and at the top of a relative path (never climbs out with '..'). */
function parentFolder(folder: string): string | null {
  const parent = dirname(folder);
  if (parent === folder || folder === '.' || /^[A-Za-z]:\/?$/.test(folder)) return null;
  return parent;
}

export function findProjectRequiresPython(path: string, kind: FileKind, files: FileSource): ProjectPythonLookup {
  const lookedFor: string[] = [];
  let folder: string | null = dirname(normalizePath(path));
  // A pyproject is its own nearest pyproject: its project's requires-python is looked for above it.
  if (kind === 'pyproject') folder = parentFolder(folder);
  for (let level = 0; folder !== null && level < MAX_FOLDERS; level++, folder = parentFolder(folder)) {
    const candidate = folder === '.' ? 'pyproject.toml' : `${folder.replace(/\/$/, '')}/pyproject.toml`;
    lookedFor.push(candidate);
    const text = files.read(candidate);
    if (text === undefined) continue;
    // The nearest pyproject is the project: without a requires-python there is no answer.
    const specifier = requiresPythonOf(text);
    if (!specifier) return { found: null, lookedFor };
    const up = kind === 'pyproject' ? level + 1 : level;
    return { found: { specifier, path: candidate, relativePath: `${'../'.repeat(up)}pyproject.toml` }, lookedFor };
  }
  return { found: null, lookedFor };
}
