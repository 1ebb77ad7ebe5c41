/**
 * "Why is X here?": every path from the roots to X, as an inverted tree. X is at the top; the
 * children of a package are the packages that require it (with what they require of it), down to
 * the manifest's declarations. Only edges active in the target environment and reachable from
 * the roots count.
 */
import { basename, dirname } from '../paths';
import { directReferenceOf, isDirectSource } from './direct-reference';
import { installSourceOf } from './install-source';
import { normalizeName } from '../names';
import { conflictProblem, extraEdgeProblem, mismatchProblem } from './problems';
import { Traversal } from './traversal';
import type { DependencyTree, TreeNode, TreeProblem, TreeQuery } from './tree-types';
import type { DependencyGraph, GraphEdge, GraphNode, GraphRoot } from './types';
import { versionSatisfies } from '../pep440';
import { MAX_TREE_DEPTH } from './forward-tree';

/** One way into a package: a parent package's edge, or a root declaration. */
type Incoming = { parent: number; edge: GraphEdge } | { root: GraphRoot };

export function reverseDependencyTree(graph: DependencyGraph, name: string, query: TreeQuery = {}): DependencyTree {
  const traversal = new Traversal(graph, query);
  const incoming = collectIncoming(traversal);
  const builder = new ReverseTreeBuilder(traversal, incoming, Math.min(query.depth ?? Number.POSITIVE_INFINITY, MAX_TREE_DEPTH));
  const wanted = graph.byName.get(normalizeName(name)) ?? [];
  const roots = wanted.filter((index) => incoming.has(index)).map((index) => builder.visit(index, null, 0));
  return { source: graph.kind, path: graph.path, manifestPath: graph.manifestPath, reverse: name, target: traversal.target, roots, nodeCount: builder.count };
}

/**
 * Breadth-first over (package, requested extras) from the active roots, recording for each
 * reached package every distinct way in.
 */
export function collectIncoming(traversal: Traversal): Map<number, Incoming[]> {
  const incoming = new Map<number, Incoming[]>();
  const seenEdges = new Set<string>();
  const visited = new Set<string>();
  const queue: { index: number; extras: readonly string[] }[] = [];
  const reach = (index: number, extras: readonly string[], way: Incoming, wayKey: string) => {
    if (!seenEdges.has(wayKey)) {
      seenEdges.add(wayKey);
      const list = incoming.get(index);
      if (list) list.push(way);
      else incoming.set(index, [way]);
    }
    const state = `${index}[${[...extras].sort().join(',')}]`;
    if (!visited.has(state)) {
      visited.add(state);
      queue.push({ index, extras });
    }
  };
  traversal.activeRoots().forEach((root, rootPosition) => {
    for (const index of traversal.targetsOf(root)) reach(index, traversal.rootExtras(root), { root }, `r${rootPosition}>${index}`);
  });
  for (let position = 0; position < queue.length; position++) {
    const { index, extras } = queue[position];
    const node = traversal.graph.nodes[index];
    const active = new Set(traversal.activeEdges(node, extras));
    node.edges.forEach((edge, edgePosition) => {
      if (!active.has(edge)) return;
      for (const target of traversal.targetsOf(edge)) reach(target, edge.extras, { parent: index, edge }, `${index}:${edgePosition}>${target}`);
    });
  }
  return incoming;
}

class ReverseTreeBuilder {
  count = 0;
  private readonly expanded = new Set<number>();
  private readonly onPath = new Set<number>();

  private readonly graph: DependencyGraph;

  constructor(
    private readonly traversal: Traversal,
    private readonly incoming: Map<number, Incoming[]>,
    private readonly maxDepth: number,
  ) {
    this.graph = traversal.graph;
  }

  /** The tree node of package `index`; `via` is the edge from it to the child it was reached from. */
  visit(index: number, via: { edge: GraphEdge; child: GraphNode } | null, depth: number): TreeNode {
    this.count++;
    const node = this.graph.nodes[index];
    const tree: TreeNode = { name: node.name, version: node.version, specifier: via?.edge.specifier ?? '', marker: via?.edge.marker ?? null, children: [] };
    if (via && via.edge.extras.length > 0) tree.extras = [...via.edge.extras];
    if (via && !versionSatisfies(via.edge.specifier, via.child.version)) tree.problems = [this.conflict(node, via.edge, via.child)];
    if (node.location) tree.location = node.location;
    const source = installSourceOf(this.graph, node, this.graph.manifestPath ? dirname(this.graph.manifestPath) : null);
    if (source) tree.source = source;
    const reference = directReferenceOf(node.source, isDirectSource(this.graph));
    if (reference) tree.reference = reference;
    const ways = this.incoming.get(index) ?? [];
    for (const way of ways) if ('root' in way && way.root.declaration === null) tree.group = way.root.group;
    if (!ways.some((way) => 'parent' in way || way.root.declaration !== null)) return tree;
    if (this.onPath.has(index)) tree.cycle = true;
    else if (this.expanded.has(index)) tree.repeated = true;
    else if (depth >= this.maxDepth) tree.truncated = true;
    else {
      this.expanded.add(index);
      this.onPath.add(index);
      for (const way of ways) {
        if ('parent' in way) tree.children.push(this.visit(way.parent, { edge: way.edge, child: node }, depth + 1));
        else if (way.root.declaration !== null) tree.children.push(this.declaration(way.root, node));
      }
      this.onPath.delete(index);
    }
    return tree;
  }

  /** Installed: an edge only an extra activates is no pip-check conflict (see extraEdgeProblem). */
  private conflict(parent: GraphNode, edge: GraphEdge, child: GraphNode): TreeProblem {
    const extra = this.graph.kind === 'installed' ? this.traversal.onlyWithExtra(edge) : null;
    return extra ? extraEdgeProblem(parent, extra, edge.name, edge.specifier, child) : conflictProblem(this.graph, parent, edge.specifier, child);
  }

  /** The manifest line that declares `node`'s package. */
  private declaration(root: GraphRoot, node: GraphNode): TreeNode {
    this.count++;
    const tree: TreeNode = { name: basename(root.declaration?.path ?? ''), version: null, specifier: root.specifier, marker: root.marker, group: root.group, children: [] };
    if (root.declaration) tree.declaration = root.declaration;
    if (root.extras.length > 0) tree.extras = [...root.extras];
    if (!versionSatisfies(root.specifier, node.version)) tree.problems = [mismatchProblem(this.graph, node, root.specifier)];
    return tree;
  }
}
