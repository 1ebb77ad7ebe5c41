/** Direct lookups on a graph, for hovers and "required by" lists. */
import { normalizeName } from '../names';
import { collectIncoming } from './reverse-tree';
import { Traversal } from './traversal';
import type { TreeQuery } from './tree-types';
import type { DependencyGraph, FileLocation, GraphNode } from './types';
import { versionSatisfies } from '../pep440';

/** The nodes of a package name (several when a lock has several versions); empty when absent. */
export function findPackage(graph: DependencyGraph, name: string): GraphNode[] {
  return (graph.byName.get(normalizeName(name)) ?? []).map((index) => graph.nodes[index]);
}

/** One direct reason a package is there: a package requiring it, or a declaration in the manifest. */
export interface Dependent {
  /** The requiring package's name; for a declaration, the manifest group ("main", "group:dev", ...). */
  name: string;
  /** The requiring package's version; null for a declaration. */
  version: string | null;
  specifier: string;
  marker: string | null;
  /** Whether the resolved version satisfies `specifier`. */
  satisfied: boolean;
  location: FileLocation | null;
}

/** Who requires `name` (for the target environment, reachable from the roots only). */
export function dependentsOf(graph: DependencyGraph, name: string, query: TreeQuery = {}): Dependent[] {
  const incoming = collectIncoming(new Traversal(graph, query));
  const dependents: Dependent[] = [];
  for (const node of findPackage(graph, name)) {
    for (const way of incoming.get(node.index) ?? []) {
      if ('root' in way) {
        if (!way.root.declaration) continue;
        dependents.push({ name: way.root.group, version: null, specifier: way.root.specifier, marker: way.root.marker, satisfied: versionSatisfies(way.root.specifier, node.version), location: way.root.declaration });
        continue;
      }
      const parent = graph.nodes[way.parent];
      dependents.push({ name: parent.name, version: parent.version, specifier: way.edge.specifier, marker: way.edge.marker, satisfied: versionSatisfies(way.edge.specifier, node.version), location: parent.location });
    }
  }
  return dependents;
}
