/**
 * The forward tree: from each declared requirement down through the resolved dependencies, for
 * one target environment. A package expanded once is shown again as `repeated` (uv's `(*)`), a
 * package already on the path as `cycle`, so the tree stays linear in the size of the graph.
 */
import { conflictProblem, extraEdgeProblem, mismatchProblem, missingEdgeProblem, missingRootProblem } from './problems';
import { isExpectedInstalled } from '../checks/expected-installed';
import { dirname } from '../paths';
import { directReferenceOf, isDirectSource } from './direct-reference';
import { installSourceOf } from './install-source';
import { Traversal } from './traversal';
import type { DependencyTree, TreeNode, TreeProblem, TreeQuery } from './tree-types';
import type { DependencyGraph, GraphEdge, GraphNode, GraphRoot } from './types';
import { versionSatisfies } from '../pep440';

/**
 * Deeper levels are cut (`truncated`), whatever depth was asked: no real dependency chain comes
 * near it, and a chain of 20,000 packages must not overflow the stack here or where the tree is
 * shown.
 */
export const MAX_TREE_DEPTH = 500;

export function dependencyTree(graph: DependencyGraph, query: TreeQuery = {}): DependencyTree {
  const traversal = new Traversal(graph, query);
  const builder = new ForwardTreeBuilder(traversal, Math.min(query.depth ?? Number.POSITIVE_INFINITY, MAX_TREE_DEPTH));
  const roots = traversal.activeRoots().flatMap((root) => builder.root(root));
  return { source: graph.kind, path: graph.path, manifestPath: graph.manifestPath, target: traversal.target, roots, nodeCount: builder.count };
}

class ForwardTreeBuilder {
  count = 0;
  private readonly expanded = new Set<string>();
  private readonly onPath = new Set<number>();
  private installedGroups: Set<string> | undefined;
  private readonly projectFolder: string | null;

  constructor(
    private readonly traversal: Traversal,
    private readonly maxDepth: number,
  ) {
    this.projectFolder = traversal.graph.manifestPath ? dirname(traversal.graph.manifestPath) : null;
  }

  root(root: GraphRoot): TreeNode[] {
    const graph = this.traversal.graph;
    const extras = this.traversal.rootExtras(root);
    const targets = this.traversal.targetsOf(root);
    if (targets.length === 0) {
      // A local project whose name is unknown, or that the source may list by its path: nothing to tell.
      if (root.normalizedName === '' || (root.localProject && graph.kind !== 'installed')) return [this.declared(root, this.leaf(root, { group: root.group }))];
      if (graph.kind === 'installed' && !this.expectedInstalled(root)) return [this.declared(root, this.leaf(root, { group: root.group }))];
      return [this.declared(root, this.leaf(root, { group: root.group, problems: [missingRootProblem(graph, root.name)] }))];
    }
    return targets.map((index) => {
      const node = graph.nodes[index];
      const problems = versionSatisfies(root.specifier, node.version) ? [] : [mismatchProblem(graph, node, root.specifier)];
      return this.declared(root, this.visit(node, root, extras, 0, problems, root.group));
    });
  }

  /** A root's declaration, and the direct reference it declares (git, path, URL) when the source tells none. */
  private declared(root: GraphRoot, tree: TreeNode): TreeNode {
    if (root.declaration) tree.declaredAt = root.declaration;
    const reference = tree.reference ? undefined : directReferenceOf(root.url, true);
    if (reference) tree.reference = reference;
    return tree;
  }

  /** The env-missing rule of `pipsight check` (an optional group counts once one of its packages is installed). */
  private expectedInstalled(root: GraphRoot): boolean {
    this.installedGroups ??= new Set(this.traversal.graph.roots.filter((other) => other.targets.length > 0).map((other) => other.group));
    return isExpectedInstalled(root.group, root.optional === true, this.installedGroups.has(root.group));
  }

  private visit(node: GraphNode, via: GraphEdge, extras: readonly string[], depth: number, problems: TreeProblem[], group?: string): TreeNode {
    this.count++;
    const tree: TreeNode = { name: node.name, version: node.version, specifier: via.specifier, marker: via.marker, children: [] };
    if (extras.length > 0) tree.extras = [...extras];
    if (group !== undefined) tree.group = group;
    if (problems.length > 0) tree.problems = problems;
    if (node.location) tree.location = node.location;
    const source = installSourceOf(this.traversal.graph, node, this.projectFolder);
    if (source) tree.source = source;
    const reference = directReferenceOf(node.source, isDirectSource(this.traversal.graph));
    if (reference) tree.reference = reference;
    const edges = this.traversal.activeEdges(node, extras);
    if (edges.length === 0) return tree;
    const key = `${node.index}[${[...extras].sort().join(',')}]`;
    if (this.onPath.has(node.index)) tree.cycle = true;
    else if (this.expanded.has(key)) tree.repeated = true;
    else if (depth >= this.maxDepth) tree.truncated = true;
    else {
      this.expanded.add(key);
      this.onPath.add(node.index);
      for (const edge of edges) tree.children.push(...this.children(node, extras, edge, depth + 1));
      this.onPath.delete(node.index);
    }
    return tree;
  }

  private children(parent: GraphNode, parentExtras: readonly string[], edge: GraphEdge, depth: number): TreeNode[] {
    const graph = this.traversal.graph;
    const targets = this.traversal.targetsOf(edge);
    // Installed: an edge only a requested extra activates is not what pip check reports.
    const extra = graph.kind === 'installed' ? this.traversal.onlyWithExtra(edge, parentExtras) : null;
    if (targets.length === 0) {
      if (!this.traversal.showMissing(edge, parentExtras)) return [];
      const problem = extra ? extraEdgeProblem(parent, extra, edge.name, edge.specifier, null) : missingEdgeProblem(graph, parent, edge.name, edge.specifier);
      return [this.leaf(edge, { problems: [problem] })];
    }
    return targets.map((index) => {
      const child = graph.nodes[index];
      const problem = versionSatisfies(edge.specifier, child.version) ? null
        : extra ? extraEdgeProblem(parent, extra, edge.name, edge.specifier, child) : conflictProblem(graph, parent, edge.specifier, child);
      return this.visit(child, edge, edge.extras, depth, problem ? [problem] : []);
    });
  }

  /** A package the source does not have. */
  private leaf(edge: GraphEdge, extra: Partial<TreeNode>): TreeNode {
    this.count++;
    const tree: TreeNode = { name: edge.name, version: null, specifier: edge.specifier, marker: edge.marker, children: [], ...extra };
    if (edge.extras.length > 0) tree.extras = [...edge.extras];
    return tree;
  }
}
