/** The problems a tree node carries, with the same codes and wording as the diagnostics. */
import type { DependencyGraph, GraphNode } from './types';
import type { TreeProblem } from './tree-types';

function isInstalled(graph: DependencyGraph): boolean {
  return graph.kind === 'installed';
}

function sourceLabel(graph: DependencyGraph): string {
  return isInstalled(graph) ? 'installed' : 'locked';
}

/** A declared requirement whose resolved version does not satisfy it. */
export function mismatchProblem(graph: DependencyGraph, node: GraphNode, specifier: string): TreeProblem {
  return {
    code: isInstalled(graph) ? 'env-mismatch' : 'lock-mismatch',
    message: `${node.name}${specifier} is declared, but ${node.name} ${node.version} is ${sourceLabel(graph)}`,
  };
}

/** A declared requirement absent from the source. */
export function missingRootProblem(graph: DependencyGraph, name: string): TreeProblem {
  return isInstalled(graph)
    ? { code: 'env-missing', message: `${name} is declared but not installed` }
    : { code: 'lock-missing', message: `${name} is declared but not in the lockfile` };
}

/** A dependency edge whose target version violates the edge's specifier. */
export function conflictProblem(graph: DependencyGraph, parent: GraphNode, specifier: string, child: GraphNode): TreeProblem {
  return {
    code: isInstalled(graph) ? 'installed-conflict' : 'lock-conflict',
    message: `${parent.name} ${parent.version} requires ${child.name}${specifier}, but ${child.name} ${child.version} is ${sourceLabel(graph)}`,
  };
}

/** A dependency edge whose target is absent. */
export function missingEdgeProblem(graph: DependencyGraph, parent: GraphNode, name: string, specifier: string): TreeProblem {
  return isInstalled(graph)
    ? { code: 'installed-conflict', message: `${parent.name} ${parent.version} requires ${name}${specifier}, which is not installed` }
    : { code: 'lock-conflict', message: `${parent.name} ${parent.version} requires ${name}${specifier}, which is not in the lockfile` };
}

/**
 * An installed edge that applies only because its parent was requested with an extra
 * (`requests[socks]` → PySocks). `pip check` never follows extras, so this is no
 * installed-conflict: the environment lacks what a requested extra needs, like a declaration
 * that is not installed (env-missing) or installed in another version (env-mismatch).
 */
export function extraEdgeProblem(parent: GraphNode, extra: string, name: string, specifier: string, child: GraphNode | null): TreeProblem {
  const needs = `requested extra ${extra} of ${parent.name} needs ${name}${specifier}`;
  return child
    ? { code: 'env-mismatch', message: `${needs}, but ${child.name} ${child.version} is installed` }
    : { code: 'env-missing', message: `${needs}, not installed` };
}
