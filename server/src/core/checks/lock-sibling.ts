/**
 * The lock checks of a manifest: find its lockfile through the FileSource, parse it (memoized:
 * lockfiles are large and the manifest is re-analysed on every keystroke), and compare.
 *
 *   pyproject.toml  → poetry.lock, uv.lock, pdm.lock, pylock.toml beside it (the first that exists);
 *                     else the uv.lock of the uv workspace it is a member of (lock-workspace.ts);
 *                     else a requirements.txt beside it compiled from it (lock-compiled.ts)
 *   <name>.in       → <name>.txt (pip-compile output)
 */
import type { AnalysisContext } from '../context';
import type { FileSource } from '../file-source';
import type { Finding, LockedPackage, ParsedFile } from '../model';
import { parseDocument } from '../parse';
import { basename, dirname } from '../paths';
import { uvWorkspaceMembers } from '../formats/locks/uv-lock';
import { compiledFromPyproject, compiledPart, type CompiledFromPyproject } from './lock-compiled';
import { checkDeclaredAgainstLock } from './lock-declared';
import { checkPoetryStale, checkUvRequiresPython, checkUvStale, uvMemberNotLocked } from './lock-stale';
import { findWorkspaceLock } from './lock-workspace';
import { normalizeName } from '../names';
import { hasTomlSyntaxErrors } from '../formats/toml/toml-findings';
import { withLocalProjectNamesOf } from '../local-project-names';

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

/** The lock of a manifest and how it relates to it. */
export interface ManifestLock {
  lock: ParsedFile;
  /** The lock's text (memoized parses share it). */
  text: string;
  /**
   * A uv workspace member locked by the workspace root's uv.lock: its entry there (null when the
   * lock does not have the member yet). Undefined for a lock beside the manifest.
   */
  workspaceMember?: LockedPackage | null;
  /** A requirements.txt compiled from the pyproject: the extras and groups compiled in. */
  compiled?: CompiledFromPyproject;
}

export interface FoundLock {
  found: ManifestLock | null;
  /** Every path looked for or read: a change to one of them invalidates what was found. */
  lookedFor: string[];
}

/** The lock of a manifest, found the same way by the lock checks, `pipsight tree` and the editor's tree. */
export function findLockOf(manifest: ParsedFile, files: FileSource): FoundLock {
  const lookedFor = siblingLockfilePaths(manifest);
  for (const path of lookedFor) {
    const text = files.read(path);
    if (text === undefined) continue;
    const lock = parseLockfile(path, text);
    if (lock) return { found: { lock: namingLocalProjects(lock, files, lookedFor), text }, lookedFor };
  }
  if (manifest.kind !== 'pyproject') return { found: null, lookedFor };
  const workspace = findWorkspaceLock(manifest, files, parseLockfile);
  if (workspace) {
    const text = files.read(workspace.lock.path) ?? '';
    return { found: { lock: workspace.lock, text, workspaceMember: workspace.member }, lookedFor: [...lookedFor, ...workspace.read] };
  }
  const compiledPath = `${dirname(manifest.path)}/requirements.txt`;
  lookedFor.push(compiledPath);
  const text = files.read(compiledPath);
  const lock = text === undefined ? null : parseLockfile(compiledPath, text);
  const compiled = lock && text !== undefined ? compiledFromPyproject(text, lock) : null;
  return { found: lock && compiled ? { lock: namingLocalProjects(lock, files, lookedFor), text: text!, compiled } : null, lookedFor };
}

/** A pip-compile output lists local projects by path (`-e file:///…`): they get their project's name, as the manifest's do. */
function namingLocalProjects(lock: ParsedFile, files: FileSource, lookedFor: string[]): ParsedFile {
  if (lock.kind !== 'requirements') return lock;
  const named = withLocalProjectNamesOf(lock, files);
  lookedFor.push(...named.lookedFor);
  return named.file;
}

export function checkAgainstSiblingLock(manifest: ParsedFile, manifestText: string, files: FileSource, context: AnalysisContext = {}): LockCheckResult {
  const { found, lookedFor } = findLockOf(manifest, files);
  if (!found) return { findings: [], lookedFor, lock: null };
  // A lockfile with invalid TOML is read only partly: its own diagnostics say so, the manifest gets none.
  if (hasTomlSyntaxErrors(found.lock.errors)) return { findings: [], lookedFor, lock: found.lock };
  return { findings: lockFindings(manifest, manifestText, found, context), lookedFor, lock: found.lock };
}

function lockFindings(manifest: ParsedFile, manifestText: string, found: ManifestLock, context: AnalysisContext): Finding[] {
  const { lock, workspaceMember, compiled } = found;
  if (workspaceMember === null) return uvMemberNotLocked(manifest, manifestText, lock);
  const isCompiled = lock.kind === 'requirements';
  const declared = compiled ? compiledPart(manifest, compiled) : manifest;
  const workspaceMembers = new Set(lock.kind === 'uv-lock' ? uvWorkspaceMembers(found.text) : []);
  const findings = checkDeclaredAgainstLock(declared, isCompiled ? compiledAsLock(lock, found.text) : lock, context, isCompiled, workspaceMembers);
  const stale: Finding[] = [];
  if (lock.kind === 'poetry-lock') stale.push(...checkPoetryStale(manifestText, lock));
  if (lock.kind === 'uv-lock') {
    stale.push(...checkUvStale(manifest, manifestText, lock, workspaceMember));
    // The requires-python of a workspace's lock is that of all its members together.
    if (workspaceMember === undefined && uvWorkspaceMembers(found.text).length <= 1) stale.push(...checkUvRequiresPython(manifest, lock));
  }
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

/**
 * A pip-compile output seen as a lock: each pinned line (`name==version`) is a locked package,
 * with the line's marker (`torch==2.5.1 ; sys_platform == "linux"`).
 */
/**
 * pip-compile leaves "unsafe" packages (pip, setuptools, distribute) out of its pins unless told
 * `--allow-unsafe`, and lists them in a closing comment instead:
 *   # The following packages are considered to be unsafe in a requirements file:
 *   # pip
 * They were resolved, just not pinned.
 */
export function pipCompileUnsafePackages(text: string): string[] {
  const marker = text.indexOf('# The following packages are considered to be unsafe in a requirements file:');
  if (marker < 0) return [];
  const names: string[] = [];
  for (const line of text.slice(marker).split(/\r?\n/).slice(1)) {
    const match = /^#\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*$/.exec(line.trim());
    if (!match) break;
    names.push(match[1]);
  }
  return names;
}

function compiledAsLock(compiled: ParsedFile, text: string): ParsedFile {
  const unpinned: LockedPackage[] = pipCompileUnsafePackages(text).map((name) => ({ name, normalizedName: normalizeName(name), version: '', source: null, dependencies: [] }));
  const locked: LockedPackage[] = compiled.requirements
    .filter((requirement) => requirement.group !== 'constraint')
    .map((requirement) => ({
      name: requirement.name,
      normalizedName: requirement.normalizedName,
      version: /^===?([^,*]+)$/.exec(requirement.specifier)?.[1] ?? '',
      source: requirement.url,
      marker: requirement.marker,
      dependencies: [],
      span: requirement.spans.whole,
    }));
  return { ...compiled, locked: [...locked, ...unpinned] };
}
