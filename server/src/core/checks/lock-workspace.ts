/**
 * uv workspaces: a member (`packages/core/pyproject.toml`) has no lockfile of its own; the
 * workspace root's uv.lock, in a parent folder, locks every member. The member is found in it as
 * a local package (source `editable`/`virtual`/`directory` = the member's folder, relative to the
 * root) whose `[package.metadata]` holds what uv recorded for the member, or by its name in
 * `[manifest] members`. A member that the root's `[tool.uv.workspace] members` globs include but
 * the lock does not have yet was added after the last `uv lock`.
 *
 * Parent folders are read through the FileSource, at most MAX_WORKSPACE_DEPTH levels up.
 */
import { parse } from 'smol-toml';
import type { FileSource } from '../file-source';
import { uvWorkspaceMembers } from '../formats/locks/uv-lock';
import type { Finding, LockedPackage, ParsedFile, Requirement } from '../model';
import { dirname, normalizePath } from '../paths';
import { versionSatisfies } from '../pep440';
import { lockRelated } from './lock-related';

const MAX_WORKSPACE_DEPTH = 6;

export interface WorkspaceLock {
  lock: ParsedFile;
  /** The member's entry in the lock; null when the root's globs include the member but the lock does not have it. */
  member: LockedPackage | null;
  /** Files read to find the lock (the uv.lock, and the root pyproject.toml when its globs were needed). */
  read: string[];
}

export function findWorkspaceLock(manifest: ParsedFile, files: FileSource, parseLock: (path: string, text: string) => ParsedFile | null): WorkspaceLock | null {
  const memberFolder = normalizePath(dirname(manifest.path));
  if (!memberFolder.includes('/')) return null;
  let folder = memberFolder;
  for (let depth = 0; depth < MAX_WORKSPACE_DEPTH; depth++) {
    const parent = dirname(folder);
    if (parent === folder || parent === '.') return null;
    folder = parent;
    const lockPath = inFolder(folder, 'uv.lock');
    const text = files.read(lockPath);
    if (text === undefined) continue;
    const lock = parseLock(lockPath, text);
    if (!lock || lock.kind !== 'uv-lock') continue;
    const relative = memberFolder.slice(folder === '/' ? 1 : folder.length + 1);
    const member = lockedMember(lock, manifest, relative, uvWorkspaceMembers(text));
    if (member) return { lock, member, read: [lockPath] };
    const rootPyproject = inFolder(folder, 'pyproject.toml');
    if (workspaceGlobsInclude(files.read(rootPyproject), relative)) return { lock, member: null, read: [lockPath, rootPyproject] };
  }
  return null;
}

function inFolder(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

/** `editable:packages/core` / `virtual:packages/core` / `packages/core` → `packages/core`. */
function localSourcePath(source: string | null): string | null {
  if (!source || /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return null;
  return normalizePath(source.replace(/^(editable|virtual):/, ''));
}

/** The member's local package in the lock: the one at the member's folder, or the one named in `[manifest] members`. */
function lockedMember(lock: ParsedFile, manifest: ParsedFile, relative: string, members: string[]): LockedPackage | null {
  const name = manifest.project?.normalizedName ?? null;
  const local = lock.locked.filter((locked) => localSourcePath(locked.source) !== null);
  const atFolder = local.find((locked) => localSourcePath(locked.source) === relative && (name === null || locked.normalizedName === name));
  if (atFolder) return atFolder;
  if (name === null || !members.includes(name)) return null;
  return local.find((locked) => locked.normalizedName === name) ?? null;
}

/** Does the root pyproject's `[tool.uv.workspace]` include `relative` (members globs, minus exclude)? */
function workspaceGlobsInclude(pyprojectText: string | undefined, relative: string): boolean {
  if (pyprojectText === undefined) return false;
  let workspace: Record<string, unknown> | undefined;
  try {
    const document = parse(pyprojectText) as { tool?: { uv?: { workspace?: Record<string, unknown> } } };
    workspace = document.tool?.uv?.workspace;
  } catch {
    return false;
  }
  const globs = (key: string) => (Array.isArray(workspace?.[key]) ? (workspace[key] as unknown[]).filter((item): item is string => typeof item === 'string') : []);
  const matches = (glob: string) => globPattern(glob).test(relative);
  return globs('members').some(matches) && !globs('exclude').some(matches);
}

/** A glob as uv reads them: `*` and `?` within one path segment, `**` across segments. */
function globPattern(glob: string): RegExp {
  const normalized = normalizePath(glob).replace(/\/$/, '');
  let pattern = '';
  for (let i = 0; i < normalized.length; i++) {
    const char = normalized[i];
    if (char === '*' && normalized[i + 1] === '*') {
      pattern += '.*';
      i++;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/**
 * A declared range on a uv workspace member (`core-lib<0.7`) that the member's own version (0.7.5)
 * is outside of. uv ignores the range for a `workspace = true` source, so `uv lock` succeeds and
 * this is no lock mismatch; but the built package keeps the range in its metadata, so `pip check`
 * fails in the synced environment: a warning. Nothing when the range admits the member or the
 * lock gives it no version (dynamic).
 */
export function workspaceMemberRange(requirement: Requirement, lock: ParsedFile, members: readonly LockedPackage[]): Finding[] {
  const excluded = members.filter((member) => member.version !== '' && !versionSatisfies(requirement.specifier, member.version));
  if (excluded.length === 0) return [];
  const declared = requirement.constraint && requirement.constraint !== requirement.specifier ? ` ${requirement.constraint}` : requirement.specifier;
  const versions = excluded.map((member) => member.version).join(', ');
  return [{
    code: 'lock-mismatch', severity: 'warning', package: requirement.normalizedName, span: requirement.spans.whole,
    message: `${requirement.name}${declared} excludes the workspace member ${requirement.name} ${versions}: uv ignores the range for a workspace source, but the built package keeps it and \`pip check\` fails in the synced environment`,
    related: excluded.map((member) => lockRelated(lock, member.span, `workspace member ${member.name} ${member.version} is locked here`)),
  }];
}

/** The lock's packages that are members of its uv workspace (`[manifest] members`, at a local source). */
export function isLockedWorkspaceMember(locked: LockedPackage, members: ReadonlySet<string>): boolean {
  return members.has(locked.normalizedName) && localSourcePath(locked.source) !== null;
}
