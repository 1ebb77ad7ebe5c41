/**
 * A declaration that a lock resolves to several versions (a uv fork: `torch 2.6.0` on macOS,
 * `torch 2.6.0+cu124` on Linux) becomes one root per version, each with the marker of the
 * project's own lock edge to that version, so the two rows can be told apart and a target
 * environment selects one of them. Roots with one target keep the declaration's marker (the
 * project's edges there only repeat it, plus `extra == …` / dependency-group markers).
 */
import type { DependencyGraph, GraphRoot } from './types';

export function splitForkedRoots(graph: DependencyGraph, projectNodes: readonly number[]): DependencyGraph {
  if (projectNodes.length === 0 || !graph.roots.some((root) => root.targets.length > 1)) return graph;
  const roots = graph.roots.flatMap((root): GraphRoot[] => {
    if (root.targets.length <= 1) return [root];
    return root.targets.map((target) => ({ ...root, targets: [target], marker: projectEdgeMarker(graph, projectNodes, root, target) ?? root.marker }));
  });
  return { ...graph, roots };
}

/** The marker of a project package's edge of the root's name that leads to `target`. */
function projectEdgeMarker(graph: DependencyGraph, projectNodes: readonly number[], root: GraphRoot, target: number): string | null {
  for (const index of projectNodes) {
    const edge = graph.nodes[index].edges.find((candidate) => candidate.normalizedName === root.normalizedName && candidate.targets.length === 1 && candidate.targets[0] === target);
    if (edge?.marker) return edge.marker;
  }
  return null;
}
