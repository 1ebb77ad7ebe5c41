/**
 * The dependency graph: one shape for every source (lockfiles, pip-compile output, an installed
 * environment). Built once per source text, queried many times (tree, reverse tree, lookups) for
 * a target environment. Plain data: the LSP and the CLI serialize query results as they are.
 */
import type { MarkerEnvironment } from '../pep508';
import type { Span } from '../span';

/** Where a graph came from. */
export type GraphSourceKind = 'poetry-lock' | 'uv-lock' | 'pdm-lock' | 'pylock' | 'pip-compile' | 'installed';

/** A place in a file: a lockfile entry, a manifest declaration, a dist-info folder (no span). */
export interface FileLocation {
  path: string;
  span?: Span;
}

/** One locked (or installed) distribution. Several nodes may share a name (uv forks, Poetry multi-version). */
export interface GraphNode {
  /** Position in DependencyGraph.nodes. */
  index: number;
  name: string;
  normalizedName: string;
  /** As the source writes it, local tags kept (`2.5.1+cu124`); '' when unknown (dynamic local packages). */
  version: string;
  /** Index URL, VCS URL, path, 'editable:<path>' or 'virtual:<path>'; null when unknown (default index). */
  source: string | null;
  /** The package's own marker (Poetry/PDM/pylock): the environments that need it. */
  marker: string | null;
  groups?: string[];
  location: FileLocation | null;
  edges: GraphEdge[];
}

/** A dependency of a node (or of a root declaration), resolved to the nodes it can point to. */
export interface GraphEdge {
  name: string;
  normalizedName: string;
  /** PEP 440 specifier ('' when the source does not record one); Poetry unions use ' || '. */
  specifier: string;
  /** Marker of the edge; `extra == "x"` edges are followed only when extra x is requested. */
  marker: string | null;
  /** Extras requested from the target. */
  extras: string[];
  /** Candidate target nodes; empty when the target is not in the source (missing). */
  targets: number[];
}

/** A declared requirement of the manifest: where a tree starts. */
export interface GraphRoot extends GraphEdge {
  /** The requirement's group ("main", "extra:gpu", "group:dev", ...; see RequirementGroup). */
  group: string;
  /** The requirement in the manifest, or null for roots inferred from the source alone. */
  declaration: FileLocation | null;
  /** The declared URL or path of a direct reference (git, path, archive URL), when it is one. */
  url?: string;
  /** Poetry `optional = true` (installed graphs only: such a package is never missing on its own). */
  optional?: true;
  /**
   * A local project (`-e .`): a source may list it under a path rather than its name (a
   * pip-compile output of another machine), so its absence is no problem to show.
   */
  localProject?: true;
}

export interface DependencyGraph {
  kind: GraphSourceKind;
  /** The lockfile / compiled requirements file, or the environment's prefix. */
  path: string;
  /** The manifest the roots come from, when one was given. */
  manifestPath: string | null;
  nodes: GraphNode[];
  /** Normalized name → indexes of the nodes with that name. */
  byName: ReadonlyMap<string, readonly number[]>;
  roots: GraphRoot[];
  /** The lock's requires-python (PEP 440), null when unknown: bounds "any environment" queries. */
  requiresPython: string | null;
  /** Markers are evaluated for this environment unless a query gives another (installed graphs: the interpreter's). */
  defaultTarget: MarkerEnvironment | null;
}
