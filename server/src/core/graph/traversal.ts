/**
 * What a query follows: the active roots, the active edges of a package requested with some
 * extras, and the node(s) an edge leads to in the query's environment.
 */
import type { MarkerEnvironment } from '../pep508';
import { MarkerActivation } from './activation';
import type { TreeQuery } from './tree-types';
import type { DependencyGraph, GraphEdge, GraphNode, GraphRoot } from './types';

const GROUP_MARKER = /"([^"]+)" in dependency_groups/g;
const EXTRA_MARKER = /extra == "([^"]+)"/g;
/** Extras named in a marker as written in METADATA (either quote, any spacing). */
const ANY_EXTRA_MARKER = /\bextra\s*==\s*["']([^"']+)["']/g;

export class Traversal {
  readonly target: MarkerEnvironment | null;
  private readonly activation: MarkerActivation;

  constructor(
    readonly graph: DependencyGraph,
    private readonly query: TreeQuery,
  ) {
    this.target = query.target === undefined ? graph.defaultTarget : query.target;
    this.activation = new MarkerActivation(this.target, inferredRootNames(graph, GROUP_MARKER), graph.requiresPython);
  }

  /** Roots of the requested groups whose marker holds. */
  activeRoots(): GraphRoot[] {
    const groups = this.query.groups;
    return this.graph.roots.filter((root) => (!groups || groups.includes(root.group)) && this.activation.holds(root.marker));
  }

  /**
   * Extras a root requests: its own, and for a root inferred from the lock (a project package)
   * every extra its edges mention, so the whole project shows.
   */
  rootExtras(root: GraphRoot): string[] {
    if (root.declaration !== null) return root.extras;
    return [...new Set([...root.extras, ...inferredRootNames(this.graph, EXTRA_MARKER)])];
  }

  /** Edges of a package requested with `extras` that apply in the target environment. */
  activeEdges(node: GraphNode, extras: readonly string[]): GraphEdge[] {
    return node.edges.filter((edge) => this.activation.holds(edge.marker, extras));
  }

  /**
   * The extra an edge needs to apply (`extra == "socks"` under `requests[socks]`), or null when it
   * applies without one. `extras`: those the parent was requested with; by default every extra
   * the marker names.
   */
  onlyWithExtra(edge: GraphEdge, extras?: readonly string[]): string | null {
    if (edge.marker === null || this.activation.holds(edge.marker)) return null;
    const candidates = extras ?? [...edge.marker.matchAll(ANY_EXTRA_MARKER)].map((match) => match[1]);
    return candidates.find((extra) => this.activation.holds(edge.marker, [extra])) ?? null;
  }

  /** Should an edge without target be shown as missing? Only where its marker can hold at all. */
  showMissing(edge: GraphEdge, extras: readonly string[]): boolean {
    return this.activation.holdsSomewhere(edge.marker, extras);
  }

  /**
   * The nodes an edge leads to here: its candidates whose own package marker holds (Poetry/PDM
   * lock one version per environment); with a target, the first of them; without one, all.
   */
  targetsOf(edge: GraphEdge): number[] {
    if (edge.targets.length <= 1) return edge.targets;
    const applicable = edge.targets.filter((index) => this.activation.holds(this.graph.nodes[index].marker));
    const chosen = applicable.length > 0 ? applicable : edge.targets;
    return this.target ? chosen.slice(0, 1) : chosen;
  }
}

/** Names matched by `pattern` in the markers of the edges of roots inferred from the source. */
function inferredRootNames(graph: DependencyGraph, pattern: RegExp): string[] {
  const names = new Set<string>();
  for (const root of graph.roots) {
    if (root.declaration !== null) continue;
    for (const index of root.targets) {
      for (const edge of graph.nodes[index].edges) {
        for (const match of (edge.marker ?? '').matchAll(pattern)) names.add(match[1]);
      }
    }
  }
  return [...names];
}
