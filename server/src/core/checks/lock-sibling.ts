/**
 * The lock checks of a manifest: find the lockfile next to it through the FileSource, parse it
 * (memoized: lockfiles are large and the manifest is re-analysed on every keystroke), and compare.
 *
 *   pyproject.toml  → poetry.lock, uv.lock, pdm.lock, pylock.toml (the first that exists)
 *   <name>.in       → <name>.txt (pip-compile output)
 */
import type { AnalysisContext } from '../context';
import type { FileSource } from '../file-source';
import type { Finding, LockedPackage, ParsedFile } from '../model';
import { parseDocument } from '../parse';
import { basename, dirname } from '../paths';
import { checkDeclaredAgainstLock } from './lock-declared';
import { checkPoetryStale, checkUvStale } from './lock-stale';

const PYPROJECT_LOCKFILES = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml'];

export interface LockCheckResult {
  findings: Finding[];
  /** Every lockfile path looked for (found or not): a change to one of them invalidates the analysis. */
  lookedFor: string[];
  /** The lockfile used, when one was found. */
  lock: ParsedFile | null;
}

/** The paths of the lockfiles that may belong to a manifest, in order of preference. */
export function siblingLockfilePaths(manifest: ParsedFile): string[] {
  const directory = dirname(manifest.path);
  if (manifest.kind === 'pyproject') return PYPROJECT_LOCKFILES.map((name) => `${directory}/${name}`);
  const name = basename(manifest.path);
  if (manifest.kind === 'requirements' && name.endsWith('.in')) return [`${directory}/${name.slice(0, -'.in'.length)}.txt`];
  return [];
}

export function checkAgainstSiblingLock(manifest: ParsedFile, manifestText: string, files: FileSource, context: AnalysisContext = {}): LockCheckResult {
  const lookedFor = siblingLockfilePaths(manifest);
  for (const path of lookedFor) {
    const text = files.read(path);
    if (text === undefined) continue;
    const lock = parseLockfile(path, text);
    if (!lock) continue;
    return { findings: lockFindings(manifest, manifestText, lock, context), lookedFor, lock };
  }
  return { findings: [], lookedFor, lock: null };
}

function lockFindings(manifest: ParsedFile, manifestText: string, lock: ParsedFile, context: AnalysisContext): Finding[] {
  const compiled = lock.kind === 'requirements';
  const findings = checkDeclaredAgainstLock(manifest, compiled ? compiledAsLock(lock) : lock, context, compiled);
  const stale = lock.kind === 'poetry-lock' ? checkPoetryStale(manifest, manifestText, lock) : lock.kind === 'uv-lock' ? checkUvStale(manifest, manifestText, lock) : [];
  // A requirement already reported as missing from or mismatching the lock needs no "stale" beside it.
  const reported = new Set(findings.map((finding) => `${finding.span.start}:${finding.span.end}`));
  findings.push(...stale.filter((finding) => !reported.has(`${finding.span.start}:${finding.span.end}`)));
  return findings;
}

/** Recently parsed lockfiles by path; reused while the text is the same. Results are read-only. */
const parsedLocks = new Map<string, { text: string; parsed: ParsedFile | null }>();
const PARSED_LOCK_LIMIT = 8;

export function parseLockfile(path: string, text: string): ParsedFile | null {
  const cached = parsedLocks.get(path);
  if (cached && cached.text === text) return cached.parsed;
  const parsed = parseDocument(path, text, path.endsWith('.txt') ? 'requirements' : undefined);
  parsedLocks.delete(path);
  if (parsedLocks.size >= PARSED_LOCK_LIMIT) parsedLocks.delete(parsedLocks.keys().next().value as string);
  parsedLocks.set(path, { text, parsed });
  return parsed;
}

/** A pip-compile output seen as a lock: each pinned line (`name==version`) is a locked package. */
function compiledAsLock(compiled: ParsedFile): ParsedFile {
  const locked: LockedPackage[] = compiled.requirements
    .filter((requirement) => requirement.group !== 'constraint')
    .map((requirement) => ({
      name: requirement.name,
      normalizedName: requirement.normalizedName,
      version: /^===?([^,*]+)$/.exec(requirement.specifier)?.[1] ?? '',
      source: requirement.url,
      dependencies: [],
      span: requirement.spans.whole,
    }));
  return { ...compiled, locked };
}
