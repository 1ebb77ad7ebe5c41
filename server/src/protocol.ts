/**
 * What the VS Code client and the language server share: identifiers, setting names and defaults,
 * and (when there are any) the custom `pipsight/<verbNoun>` methods. The client may import only
 * this file of the server, so it stays free of LSP library imports.
 */
import { SUPPORTED_FILE_GLOBS } from './core/detect';

export const SERVER_ID = 'pipsight';
export const SERVER_NAME = 'Pipsight';
/** `Diagnostic.source` of every diagnostic the server reports. */
export const DIAGNOSTIC_SOURCE = 'pipsight';
/** Language id contributed for requirements / constraints files (pyproject and lockfiles have none: selected by pattern). */
export const REQUIREMENTS_LANGUAGE_ID = 'pip-requirements';

/** Glob patterns of every file the server analyses (document selector and file watchers). */
export const DOCUMENT_GLOBS: readonly string[] = SUPPORTED_FILE_GLOBS;

export const CONFIGURATION_SECTION = 'pipsight';

export const SETTING_NAMES = {
  enable: 'pipsight.enable',
  logLevel: 'pipsight.logLevel',
  traceServer: 'pipsight.trace.server',
  debounceMs: 'pipsight.diagnostics.debounceMs',
  outdated: 'pipsight.diagnostics.outdated',
  indexes: 'pipsight.indexes',
  offline: 'pipsight.offline',
  cacheTtlMinutes: 'pipsight.cache.ttlMinutes',
  cacheMaxSizeMB: 'pipsight.cache.maxSizeMB',
  httpCaFile: 'pipsight.http.caFile',
  inlayHintsEnabled: 'pipsight.inlayHints.enabled',
  inlayHintsStyle: 'pipsight.inlayHints.style',
  networkConcurrency: 'pipsight.network.concurrency',
  pythonPath: 'pipsight.pythonPath',
  targetEnvironment: 'pipsight.targetEnvironment',
} as const;

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const OUTDATED_SEVERITIES = ['hint', 'information', 'off'] as const;
export type OutdatedSeverity = (typeof OUTDATED_SEVERITIES)[number];
export const INLAY_HINT_STYLES = ['latest', 'check'] as const;
/** 'latest': `latest 2.5.1` after every requirement; 'check': `✓` when up to date, `latest 2.5.1` otherwise. */
export type InlayHintStyle = (typeof INLAY_HINT_STYLES)[number];

/** One entry of `pipsight.indexes`. */
export interface IndexSetting {
  url: string;
  name?: string;
  /** true: replaces PyPI as the default index. */
  default?: boolean;
}

/** The `pipsight` configuration section as the server reads it (trace.server is the client's business). */
export interface PipsightSettings {
  enable: boolean;
  logLevel: LogLevel;
  diagnostics: { debounceMs: number; outdated: OutdatedSeverity };
  indexes: IndexSetting[];
  offline: boolean;
  cache: { ttlMinutes: number; maxSizeMB: number };
  http: { caFile: string | null };
  inlayHints: { enabled: boolean; style: InlayHintStyle };
  network: { concurrency: number };
  /** An interpreter or environment folder (relative: to the workspace folder); null: discovered. */
  pythonPath: string | null;
  /** Marker values to evaluate markers for (`{"sys_platform": "linux"}`), over the interpreter's; null: the interpreter's. */
  targetEnvironment: Record<string, string> | null;
}

export const DEFAULT_SETTINGS: PipsightSettings = {
  enable: true,
  logLevel: 'info',
  diagnostics: { debounceMs: 150, outdated: 'hint' },
  indexes: [],
  offline: false,
  cache: { ttlMinutes: 10, maxSizeMB: 200 },
  http: { caFile: null },
  inlayHints: { enabled: true, style: 'latest' },
  network: { concurrency: 16 },
  pythonPath: null,
  targetEnvironment: null,
};

/**
 * `initializationOptions` of the `initialize` request. Every field is optional: editors other than
 * VS Code send none (then the server trusts the workspace, reads proxies from the environment and
 * caches in the CLI's cache directory).
 */
export interface InitializationOptions {
  /** The `pipsight` section, for editors without workspace/configuration. */
  settings?: unknown;
  /** The client already sends watched-file events (our VS Code client). */
  clientWatchesFiles?: boolean;
  /**
   * false in an untrusted VS Code workspace: the server then contacts no index declared by the
   * workspace's files (requirements options, pyproject index tables, a project uv.toml); the
   * `pipsight.indexes` setting is already limited to user settings by VS Code (restricted setting).
   */
  workspaceTrusted?: boolean;
  /** VS Code's `http.proxy` and `http.proxyStrictSSL`. */
  http?: { proxy?: string | null; proxyStrictSSL?: boolean };
  /** Persistent index cache folder (VS Code: the extension's globalStorage); null: memory only. */
  cacheDirectory?: string | null;
  /**
   * false: the server offers no semantic tokens (VS Code: another extension highlights TOML, or
   * `pipsight.semanticHighlighting.enabled` is false). Default: semantic tokens for the TOML files.
   */
  semanticHighlighting?: boolean;
}

/** The files semantic tokens are offered for: pyproject.toml and the TOML lockfiles. */
export const SEMANTIC_TOKEN_GLOBS: readonly string[] = SUPPORTED_FILE_GLOBS.filter((glob) => /\.(toml|lock)$/.test(glob));

/** Custom requests, client → server. */
export const CLEAR_CACHE_METHOD = 'pipsight/clearCache';
/** Result of `pipsight/clearCache`. */
export interface ClearCacheResult {
  cleared: boolean;
}

export const COMMAND_IDS = {
  restartServer: 'pipsight.restartServer',
  showLog: 'pipsight.showLog',
  clearCache: 'pipsight.clearCache',
} as const;

/**
 * Client → server notification: the interpreter selected in the ms-python Python extension for a
 * workspace folder (null folder: for every folder; null path: none selected any more).
 */
export const SET_INTERPRETER_METHOD = 'pipsight/setInterpreter';
export interface SetInterpreterParams {
  /** A workspace folder URI, or null for all. */
  workspaceFolder: string | null;
  pythonPath: string | null;
}

/** Client → server request: the dependency tree of a project (the "Python Dependencies" view). */
export const DEPENDENCY_TREE_METHOD = 'pipsight/dependencyTree';
export type DependencyTreeSource = 'lock' | 'env';
export interface DependencyTreeParams {
  /** A manifest or lockfile (file URI), or a workspace folder URI. */
  uri: string;
  source: DependencyTreeSource;
  /** Reverse mode: every path from the declared requirements to this package ("why is it here?"). */
  reverse?: string;
  /** Only branches with a package whose name contains this text (case-insensitive). */
  filter?: string;
  /** Discover and scan the installed environment again first (the view's refresh). */
  rescan?: boolean;
  /** Levels below the roots (0 = roots only); default: all. */
  depth?: number;
}
/** LSP-shaped position and location (this file imports no LSP library). */
export interface TreePosition { line: number; character: number }
export interface TreeLocation { uri: string; range: { start: TreePosition; end: TreePosition } }
export interface DependencyTreeItem {
  name: string;
  /** Resolved version, local tags kept (`2.5.1+cu124`); null when not in the source. */
  version: string | null;
  /** Forward: the specifier of the edge / declaration; reverse: what this package requires of its child. */
  specifier: string;
  marker: string | null;
  extras?: string[];
  /** Declared requirements: their group ("main", "group:dev", "extra:gpu", ...). */
  group?: string;
  /** With `group`: one label for every tool ("main", "dev (group)", "docs (extra)"). */
  groupLabel?: string;
  /** With `group`: what the tool calls it and where ("Poetry group `dev` (`[tool.poetry.group.dev]`)"), Markdown. */
  groupDetail?: string;
  /** Reverse trees: this leaf is the manifest's declaration (name = manifest file name). */
  declaration?: true;
  /** Declared requirements (roots, reverse declaration leaves): the requirement in the manifest. */
  declaredAt?: TreeLocation;
  cycle?: true;
  repeated?: true;
  truncated?: true;
  /** Lock/installed problems (diagnostic codes); `outdated` (roots, from cached index data): `latest X`. */
  problems?: { code: string; message: string }[];
  /** Installed trees: an editable or URL install (direct_url.json); `label` is `editable ./path` or `from <url>`. */
  source?: { url: string; editable: boolean; label: string };
  /** Not from an index: a repository (`vcs`: git, hg, ...), a local path or an archive URL. */
  reference?: { kind: 'vcs' | 'path' | 'url'; vcs?: string; url: string; editable?: true };
  /**
   * Forward roots declared more than once in the same group (for the same marker): every one of
   * those declarations, this one included, with the requirement as written there.
   */
  duplicates?: { at: TreeLocation; requirement: string }[];
  /** The package's entry in the lockfile, or its dist-info METADATA. */
  location?: TreeLocation;
  children: DependencyTreeItem[];
}
export interface DependencyTreeResult {
  source: DependencyTreeSource;
  /** The lockfile / environment prefix the tree comes from; null when there is none (then `message` says why). */
  path: string | null;
  manifestPath: string | null;
  reverse: string | null;
  roots: DependencyTreeItem[];
  /** Why the tree is empty (no lockfile, no environment, no project). */
  message?: string;
  /** The same as a code: what the client can offer (select an interpreter, show the lockfile). */
  reason?: DependencyTreeEmptyReason;
}
export type DependencyTreeEmptyReason = 'not-a-file' | 'not-a-project' | 'no-lockfile' | 'no-environment';
