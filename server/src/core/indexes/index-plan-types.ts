/**
 * Types of index selection ("which index answers a requirement"). Inputs are plain values: the
 * caller reads settings, environment variables and tool config files (env/index-config) and passes
 * them in, so the selection itself stays pure and testable.
 */
import type { IndexDeclaration } from '../model';
import type { MarkerEnvironment } from '../pep508';
import type { BasicCredentials } from './index-url';
import type { UvIndexSource } from './uv-sources';

export type IndexTool = 'pip' | 'uv' | 'poetry' | 'pdm';

/** One entry of the `pipsight.indexes` setting. */
export interface ConfiguredIndex {
  url: string;
  name?: string;
  /** true: replaces PyPI as the default index (unless the project declares its own default). */
  default?: boolean;
}

/** One `[[index]]` of uv.toml (same keys as `[[tool.uv.index]]`). */
export interface UvConfigIndex {
  name: string | null;
  url: string;
  default: boolean;
  explicit: boolean;
}

/** What env/index-config reads from disk and the process, as plain values. */
export interface IndexEnvironment {
  /** Environment variables; only the ones the tools define are read (PIP_*, UV_*, POETRY_HTTP_BASIC_*, PDM_PYPI_URL / _USERNAME / _PASSWORD). */
  variables: Record<string, string | undefined>;
  /** pip.conf files merged in pip's order (global, user, site; later files win). */
  pip: { indexUrl: string | null; extraIndexUrls: string[] };
  /** uv.toml: project-level file first, then user and system files. */
  uv: { indexes: UvConfigIndex[]; indexUrl: string | null; extraIndexUrls: string[]; indexStrategy: string | null };
}

export interface SelectedIndex {
  /** The name the tool knows the index by (uv/Poetry/PDM), null for unnamed pip indexes. */
  name: string | null;
  /** Base URL without userinfo, ending in '/': what is shown (a requirements file's `${VAR}` kept as written). */
  url: string;
  /** Where requests go when that differs from `url` (`${VAR}` expanded from the environment, as pip does); normalized like `url`. */
  requestUrl?: string;
  /** Where the index was declared, for hovers and logs, e.g. 'default', 'pipsight.indexes', 'PIP_INDEX_URL', 'pip.conf', 'requirements', 'pyproject', 'uv.toml', 'UV_INDEX'. */
  origin: string;
  /** From the URL's userinfo or the tool's environment variables; netrc is applied later, per host, by the registry. */
  credentials: BasicCredentials | null;
  /** uv `explicit = true` / Poetry `priority = "explicit"`: only asked for requirements pinned to it. */
  explicit: boolean;
}

/**
 * 'merge': every index of the list is asked and their releases are combined (pip, PDM, Poetry
 * within a priority). 'first-match': the first index that knows the project answers alone (uv's
 * default `first-index` strategy).
 */
export type IndexStrategy = 'first-match' | 'merge';

export interface IndexPlan {
  tool: IndexTool;
  /** Indexes asked for requirements that are not pinned, in order. */
  indexes: SelectedIndex[];
  strategy: IndexStrategy;
  /** Asked only when no index of `indexes` knows the project (Poetry `supplemental` sources). */
  fallback: SelectedIndex[];
  /** Every index with a name (explicit ones included), for pins such as uv sources or Poetry `source =`. */
  named: SelectedIndex[];
  /** Configuration problems (unreadable URL, ...), as messages. */
  problems: string[];
  /**
   * The index the `[tool.uv.sources]` entries of a package resolve to in the target environment,
   * keyed by uvSourceKey (`torch`, or `torch extra:cpu` / `torch group:dev` for the requirements
   * of a scope some entry names): an index name, or null where no applying entry's marker holds
   * (the default indexes answer). Only where the environment decides; see uv-sources.ts.
   */
  sourceChoices?: ReadonlyMap<string, string | null>;
  /**
   * uvSourceKeys whose applying entries' markers leave realistic environments uncovered: with no
   * target environment, the default indexes are asked too (uv takes the package from them there).
   */
  sourceGaps?: ReadonlySet<string>;
  /** Every uvSourceKey of the packages with `[tool.uv.sources]` index entries (which scopes have keys of their own). */
  sourceKeys?: ReadonlySet<string>;
}

export interface RequirementIndexes {
  indexes: SelectedIndex[];
  strategy: IndexStrategy;
  fallback: SelectedIndex[];
  /** The pin as written in the model (`Requirement.index`, e.g. 'pytorch-cu124' or 'a | b'), null when not pinned. */
  pinnedTo: string | null;
  /** Set when a pin names an index that is not declared; `indexes` is then empty. */
  problem: string | null;
}

export interface IndexPlanInput {
  tool: IndexTool;
  /** The model's IndexDeclarations of the file — for requirements files, of the whole include tree in order. */
  declarations: IndexDeclaration[];
  /** The `pipsight.indexes` setting. */
  settings?: ConfiguredIndex[];
  environment?: Partial<IndexEnvironment>;
  /**
   * `pipsight check --index-url / --extra-index-url`: the command line beats every project and tool
   * default (like `uv --default-index` or pip's command line over its config): `indexUrl` replaces
   * the tool's default index (Poetry: the default/primary sources and the implicit PyPI), the extras
   * are asked first among the additional indexes. Pins (uv sources, Poetry `source =`) still apply.
   */
  commandLine?: { indexUrl?: string | null; extraIndexUrls?: string[] };
  /** `[tool.uv.sources]` marker arrays (readUvIndexSources) and the environment that picks one entry. */
  uvSources?: ReadonlyMap<string, UvIndexSource[]>;
  targetEnvironment?: MarkerEnvironment | null;
}
