/**
 * The versions locked for a manifest, from the lockfile beside it: uv.lock, poetry.lock, pdm.lock
 * or pylock.toml next to a pyproject.toml (the first that exists, in that order); for a pip-tools
 * input `requirements.in`, the compiled `requirements.txt` beside it. Read through the server's
 * FileSource (open editors win over disk), parsed with core's parsers.
 */
import type { FileSource } from '../core/file-source';
import type { FileKind, ParsedFile } from '../core/model';
import { basename, resolveRelativeTo } from '../core/paths';
import { parseDocument } from '../core/parse';

const PYPROJECT_LOCKFILES: [name: string, kind: FileKind][] = [
  ['uv.lock', 'uv-lock'],
  ['poetry.lock', 'poetry-lock'],
  ['pdm.lock', 'pdm-lock'],
  ['pylock.toml', 'pylock'],
];

export interface LockedVersions {
  /** The lockfile's path. */
  path: string;
  kind: FileKind;
  /** Normalized name → version (the first entry of a name when several versions are locked). */
  versions: Map<string, string>;
}

interface ParsedLock {
  text: string;
  result: LockedVersions | null;
}

export class LockedVersionReader {
  /** Last parse per lockfile path, reused while its text is unchanged. */
  private readonly parsed = new Map<string, ParsedLock>();

  constructor(private readonly files: FileSource) {}

  /** The kinds of the lockfiles beside `file` (for the index tool detection). */
  siblingKinds(file: Pick<ParsedFile, 'path' | 'kind'>): FileKind[] {
    if (file.kind !== 'pyproject') return [];
    return candidates(file).filter(([path]) => this.files.read(path) !== undefined).map(([, kind]) => kind);
  }

  lockedFor(file: Pick<ParsedFile, 'path' | 'kind'>): LockedVersions | null {
    for (const [path, kind] of candidates(file)) {
      const text = this.files.read(path);
      if (text === undefined) continue;
      const previous = this.parsed.get(path);
      if (previous && previous.text === text) return previous.result;
      const result = readLock(path, text, kind);
      this.parsed.set(path, { text, result });
      return result;
    }
    return null;
  }
}

function candidates(file: Pick<ParsedFile, 'path' | 'kind'>): [path: string, kind: FileKind][] {
  const join = (name: string) => resolveRelativeTo(file.path, name);
  if (file.kind === 'pyproject') return PYPROJECT_LOCKFILES.map(([name, kind]) => [join(name), kind]);
  const name = basename(file.path);
  if (file.kind === 'requirements' && name.endsWith('.in')) return [[join(`${name.slice(0, -3)}.txt`), 'requirements']];
  return [];
}

function readLock(path: string, text: string, kind: FileKind): LockedVersions | null {
  const parsed = parseDocument(path, text, kind);
  if (!parsed) return null;
  const versions = new Map<string, string>();
  for (const locked of parsed.locked) if (!versions.has(locked.normalizedName)) versions.set(locked.normalizedName, locked.version);
  // A compiled requirements file pins with `==`: those pins are its locked versions.
  for (const requirement of parsed.requirements) {
    const pin = /^===?([^,;\s]+)$/.exec(requirement.specifier);
    if (pin && !versions.has(requirement.normalizedName)) versions.set(requirement.normalizedName, pin[1]);
  }
  return { path, kind, versions };
}
