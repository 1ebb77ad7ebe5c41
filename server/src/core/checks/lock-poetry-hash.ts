/**
 * Poetry's content-hash: sha256 of `json.dumps(relevant_content, sort_keys=True)`.
 *
 * - Poetry 1.x (lock-version up to 2.0): the `[tool.poetry]` keys dependencies, source, extras,
 *   dev-dependencies (present as null when missing) and group (only when present), at top level.
 * - Poetry 2.x (lock-version 2.1): the same plus `[project]` requires-python, dependencies and
 *   optional-dependencies (when present). When the project part is non-empty, the content is
 *   `{"project": {...}, "tool": {"poetry": {...}}}` and missing legacy keys are left out;
 *   otherwise it is the Poetry 1.x content (so both agree on `[tool.poetry]`-only projects).
 */
import { parse } from 'smol-toml';
import { NotJsonSerializable, pythonJsonDumps } from './lock-python-json';
import { sha256Hex, utf8Bytes } from './lock-sha256';

const LEGACY_POETRY_KEYS = ['dependencies', 'source', 'extras', 'dev-dependencies'];
const POETRY_KEYS = [...LEGACY_POETRY_KEYS, 'group'];
const PROJECT_KEYS = ['requires-python', 'dependencies', 'optional-dependencies'];

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : {};
}

function relevantPoetryContent(poetry: Table, omitMissingLegacyKeys: boolean): Table {
  const content: Table = {};
  for (const key of POETRY_KEYS) {
    const value = poetry[key];
    if (value === undefined && (!LEGACY_POETRY_KEYS.includes(key) || omitMissingLegacyKeys)) continue;
    content[key] = value ?? null;
  }
  return content;
}

export interface PoetryContentHashes {
  /** What Poetry 1.x computes (it ignores [project]). */
  poetry1: string;
  /** What Poetry 2.x computes. */
  poetry2: string;
}

/** Both hashes of a pyproject text; null when it is not valid TOML or holds a value JSON cannot carry. */
export function poetryContentHashes(pyprojectText: string): PoetryContentHashes | null {
  let document: Table;
  try {
    document = parse(pyprojectText) as Table;
  } catch {
    return null;
  }
  const poetry = table(table(document.tool).poetry);
  const project = table(document.project);
  const projectContent: Table = {};
  for (const key of PROJECT_KEYS) if (project[key] !== undefined) projectContent[key] = project[key];
  const legacyContent = relevantPoetryContent(poetry, false);
  const modernContent = Object.keys(projectContent).length > 0 ? { project: projectContent, tool: { poetry: relevantPoetryContent(poetry, true) } } : legacyContent;
  try {
    return { poetry1: hash(legacyContent), poetry2: hash(modernContent) };
  } catch (error) {
    if (error instanceof NotJsonSerializable) return null;
    throw error;
  }
}

function hash(content: Table): string {
  return sha256Hex(utf8Bytes(pythonJsonDumps(content)));
}
