/**
 * The one model every file kind is parsed into. Parsers never throw on user text: they return a
 * ParsedFile with whatever they could read plus `errors` (findings with spans).
 */
import type { Span } from './span';

export type FileKind = 'pyproject' | 'requirements' | 'poetry-lock' | 'uv-lock' | 'pdm-lock' | 'pylock';

const LOCKFILE_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['poetry-lock', 'uv-lock', 'pdm-lock', 'pylock']);

/** poetry.lock, uv.lock, pdm.lock and pylock.toml (null: a file of no known kind). */
export function isLockfileKind(kind: FileKind | null): boolean {
  return kind !== null && LOCKFILE_KINDS.has(kind);
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable diagnostic codes (kebab-case). Renaming one is a breaking change: see README. */
export type DiagnosticCode =
  | 'invalid-toml'
  | 'invalid-requirement'
  | 'invalid-specifier'
  | 'invalid-poetry-constraint'
  | 'local-version-in-range'
  | 'missing-include'
  | 'include-cycle'
  | 'include-limit'
  | 'file-too-large'
  | 'file-unreadable'
  | 'invalid-encoding'
  | 'unknown-include-group'
  | 'duplicate-requirement'
  | 'contradictory-requirements'
  | 'python2-backport'
  | 'invalid-lockfile'
  | 'lock-mismatch'
  | 'lock-missing'
  | 'lock-stale'
  | 'lock-conflict'
  | 'env-mismatch'
  | 'env-missing'
  | 'installed-conflict'
  | 'unknown-package'
  | 'no-matching-version'
  | 'yanked-version'
  | 'requires-python-mismatch'
  | 'outdated'
  | 'index-unreachable';

export interface RelatedLocation {
  /** File the span belongs to; undefined means the same file as the finding. */
  path?: string;
  span: Span;
  message: string;
}

/** A finding in core terms: offsets, not LSP positions. */
export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  /** Normalized name of the package the finding is about, when there is one. */
  package?: string;
  related?: RelatedLocation[];
  /**
   * What quick fixes need (stateless fixes): one FixData, or several alternatives (one code action
   * each, the preferred first), e.g. `{ fix: 'remove', span, title }`.
   */
  data?: FixData | FixData[];
  /** Marks findings as "unnecessary" (faded) in editors. */
  unnecessary?: boolean;
}

export type FixData =
  | { fix: 'remove'; span: Span; title: string }
  | { fix: 'replace'; span: Span; newText: string; title: string }
  /** Several edits applied together (e.g. "update all requirements in this file"). */
  | { fix: 'edits'; edits: { span: Span; newText: string }[]; title: string };

/**
 * Where a requirement comes from inside its file. `group` strings are stable and shown in the CLI:
 *   "main"                       PEP 621 [project] dependencies, Poetry [tool.poetry.dependencies], a requirements file
 *   "extra:<name>"               PEP 621 optional-dependencies / Poetry extras membership
 *   "group:<name>"               PEP 735 [dependency-groups]
 *   "poetry-group:<name>"        Poetry [tool.poetry.group.<name>] and legacy dev-dependencies ("poetry-group:dev")
 *   "uv-dev"                     [tool.uv] dev-dependencies
 *   "uv-constraint", "uv-override", "uv-build-constraint"
 *   "pdm-dev:<name>"             [tool.pdm.dev-dependencies]
 *   "hatch-env:<name>"           [tool.hatch.envs.<name>] dependencies / extra-dependencies
 *   "build-system"               [build-system] requires
 *   "constraint"                 a line of a file included with -c / --constraint (or a constraints file)
 */
export type RequirementGroup = string;

export interface RequirementSpans {
  /** The whole requirement (for a TOML string: the string contents, without quotes; for Poetry: the key/value pair). */
  whole: Span;
  name: Span;
  extras?: Span;
  /** The version specifier / constraint text as written (for Poetry: the version string contents). */
  specifier?: Span;
  marker?: Span;
  url?: Span;
}

export interface Requirement {
  /**
   * The name as written; for a local project (`localProject`), the name its metadata declares.
   * '' when the name is unknown (see hasKnownName): checks that match requirements by name skip it.
   */
  name: string;
  /** PEP 503 normalized ('' when the name is unknown). */
  normalizedName: string;
  extras: string[];
  /**
   * PEP 440 specifier text, normalized (`>=1.0,<2`), '' when unconstrained. For a Poetry `||`
   * union: the PEP 440 alternatives joined by ' || '.
   */
  specifier: string;
  /** The version constraint as written by the user (Poetry `^1.2`, pip `>= 1.0`), '' when none. */
  constraint: string;
  /** Marker text (normalized PEP 508 form) or null. For Poetry: python/platform/markers merged. */
  marker: string | null;
  /** URL, VCS URL or local path for direct references; null otherwise. */
  url: string | null;
  /**
   * A direct reference without a written name to a local project folder (`-e .`, `./pkg[x]`,
   * `file:///…/pkg`): the folder, resolved against the file's own (normalized, '/' separators).
   * pip learns the name from the project's metadata; core reads it where it is static
   * (local-project-names.ts), else the name stays unknown.
   */
  localProject?: string;
  editable?: boolean;
  group: RequirementGroup;
  /**
   * Every group of a requirement that belongs to several, `group` first: a Poetry package listed by
   * several `[tool.poetry.extras]`. Absent when `group` is the only one. One requirement stands for
   * the one declaration, so nothing on its line is repeated; see requirementGroups().
   */
  groups?: RequirementGroup[];
  /** Name or URL of the index this requirement is pinned to (uv sources, Poetry `source =`, PDM), else null. */
  index: string | null;
  /** --hash values on a requirements line. */
  hashes?: string[];
  /** pip-compile `# via` annotations: the packages or files that pulled this requirement in. */
  via?: string[];
  /** Poetry `optional = true`. */
  optional?: boolean;
  spans: RequirementSpans;
}

/** A package index declared by the file (Poetry/uv/PDM sources, pip options). */
export interface IndexDeclaration {
  name: string | null;
  /** As written (a requirements file's `${VAR}` kept: this is what is shown). */
  url: string;
  /** The URL requests go to when it differs from `url`: `${VAR}` expanded from the environment, as pip does. */
  requestUrl?: string;
  /** 'primary' | 'supplemental' | 'explicit' | 'default' | 'extra' | 'find-links' ... as the tool calls it. */
  role: string;
  tool: 'poetry' | 'uv' | 'pdm' | 'pip';
  span: Span;
}

/** -r / -c includes of a requirements file. */
export interface Include {
  kind: 'requirement' | 'constraint';
  /** The path as written (`${VAR}` kept: this is what messages show). */
  target: string;
  /** The path with `${VAR}` expanded from the environment (pip), when that differs from `target`: the file read. */
  expandedTarget?: string;
  /** Span of the whole option line and of the path. */
  span: Span;
  targetSpan: Span;
}

export interface LockedDependency {
  name: string;
  /** PEP 440 specifier text ('' when none). */
  specifier: string;
  marker: string | null;
  /** Extras the edge requests of its target (`uvicorn[standard]`): PEP 685 normalized, sorted, distinct; [] when none. */
  extras: string[];
}

/**
 * What a local package of a uv.lock declared when it was locked (`[package.metadata]`):
 * `requires-dist` and the `requires-dev` groups, as edges (specifier as written by uv).
 */
export interface LockedPackageMetadata {
  requiresDist: LockedDependency[];
  requiresDev: Record<string, LockedDependency[]>;
}

export interface LockedPackage {
  name: string;
  normalizedName: string;
  version: string;
  /** Index URL, VCS URL, path, or 'editable'/'virtual' as the lockfile says; null when unknown. */
  source: string | null;
  marker?: string | null;
  /** Poetry groups / PDM groups / pylock markers etc. */
  groups?: string[];
  dependencies: LockedDependency[];
  /** Span of the package entry (for lockfiles parsed with smol-toml this is the `name = ...` line when found). */
  span?: Span;
  /**
   * The exact version each edge of `dependencies` points to (same indexes), when the lockfile
   * names it (uv when several versions are locked, pylock); null for an edge that names none.
   */
  dependencyVersions?: (string | null)[];
  /** uv.lock local packages (project, workspace members): the requirements recorded at lock time. */
  metadata?: LockedPackageMetadata;
  /**
   * pdm.lock: the extras this entry locks (normalized, sorted). PDM writes one more entry per
   * extras combination a dependent asked for (`name = "uvicorn"`, `extras = ["standard"]`), whose
   * dependencies are the plain entry pinned (`uvicorn==0.30.0`) plus what the extras add.
   */
  extras?: string[];
  /**
   * poetry.lock `[package.extras]`: each extra the package defines (normalized) → the normalized
   * names of its requirements. The requirements themselves are edges (`optional = true`) only
   * when something asked for the extra.
   */
  extraRequirements?: Record<string, string[]>;
}

/** Lockfile-level facts the lock checks need (Poetry content-hash, PDM locked groups). */
export interface LockMetadata {
  /** Poetry `[metadata] lock-version`, PDM `lock_version`, uv/pylock `version` / `lock-version` as text. */
  lockVersion?: string;
  /** Poetry `[metadata] content-hash`, with the span of its value. */
  contentHash?: { value: string; span: Span };
  /** PDM `[metadata] groups`: the groups that were locked. */
  groups?: string[];
}

export interface RequiresPython {
  specifier: string;
  span: Span;
}

/** A tool that writes requirements files: 'pip-compile', 'uv pip compile', 'uv export', 'pip-compile-multi', 'pdm', 'pybuild-deps'. */
export interface FileGenerator {
  tool: string;
  /** The command line recorded in the header, when there is one. */
  command: { text: string; span: Span } | null;
}

/**
 * 'build-dependencies': the build requirements of several packages, each installed in the isolated
 * environment of its own build (pybuild-deps), so the checks that assume one environment
 * (contradictions, duplicates, the installed environment) do not apply.
 */
export type FilePurpose = 'build-dependencies';

export interface ParsedFile {
  path: string;
  kind: FileKind;
  requirements: Requirement[];
  locked: LockedPackage[];
  indexes: IndexDeclaration[];
  includes: Include[];
  requiresPython: RequiresPython | null;
  /**
   * pyproject.toml: the project's own name (`[project]`, else `[tool.poetry]`) — requirements on it
   * are self-references (`pkg[extra]` in a group) — and the `[project] dynamic` fields.
   */
  project?: { name: string | null; normalizedName: string | null; dynamic: string[] };
  /** pyproject.toml: `[tool.uv.dependency-groups.<group>] requires-python`, by group name as written. */
  uvGroupRequiresPython?: Record<string, string>;
  /** pip options seen in a requirements file (e.g. '--pre', '--no-binary'), with their spans. */
  options?: { name: string; value: string | null; span: Span }[];
  /** Requirements files: the tool the header says wrote the file (formats/requirements-txt/generator.ts). */
  generator?: FileGenerator;
  /** Requirements files: what the file is for, when it is not one environment's requirements. */
  purpose?: FilePurpose;
  /** Parse-level findings (invalid-toml, invalid-requirement, invalid-specifier, ...). */
  errors: Finding[];
  /** Lockfiles only: metadata the lock checks use. */
  lockMetadata?: LockMetadata;
}

export function emptyParsedFile(path: string, kind: FileKind): ParsedFile {
  return { path, kind, requirements: [], locked: [], indexes: [], includes: [], requiresPython: null, errors: [] };
}

/** The groups a requirement belongs to (`groups`, else its one `group`). */
export function requirementGroups(requirement: Requirement): RequirementGroup[] {
  return requirement.groups ?? [requirement.group];
}

/** Whether the requirement's name is known (a local project whose metadata gives no static name has none). */
export function hasKnownName(requirement: Pick<Requirement, 'normalizedName'>): boolean {
  return requirement.normalizedName !== '';
}

/** How a requirement is named to people: its name, or where it points when the name is unknown. */
export function requirementLabel(requirement: Pick<Requirement, 'name' | 'url'>): string {
  return requirement.name !== '' ? requirement.name : (requirement.url ?? '');
}

/** A requirement on the project itself (`mypkg[test]` in a group of mypkg's pyproject): no index, lock or environment check applies. */
export function isSelfReference(file: ParsedFile, requirement: Requirement): boolean {
  return file.project?.normalizedName != null && file.project.normalizedName === requirement.normalizedName;
}
