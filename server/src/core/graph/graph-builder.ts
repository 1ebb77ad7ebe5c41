/**
 * Assembles a DependencyGraph: nodes first, then edges and roots resolved against the name index
 * in one pass (no quadratic scans: each edge looks at the few nodes sharing its target's name).
 */
import { requirementLabel, type Requirement } from '../model';
import { normalizeName } from '../names';
import type { MarkerEnvironment } from '../pep508';
import { normalizeVersion } from '../pep440';
import type { DependencyGraph, FileLocation, GraphEdge, GraphNode, GraphRoot, GraphSourceKind } from './types';
import { versionSatisfies } from '../pep440';

/** An edge as a source states it, before resolution. */
export interface EdgeInput {
  name: string;
  specifier: string;
  marker: string | null;
  extras?: readonly string[];
  /** The exact version the source says the edge points to (uv forks, pylock), if any. */
  version?: string | null;
}

export type NodeInput = Omit<GraphNode, 'index' | 'normalizedName' | 'edges'>;

/** Manifest groups that declare constraints or build tools, not dependencies of the project. */
const NON_DEPENDENCY_GROUPS = new Set(['build-system', 'constraint', 'uv-constraint', 'uv-override', 'uv-build-constraint']);

export function isDependencyGroup(group: string): boolean {
  return !NON_DEPENDENCY_GROUPS.has(group) && !group.startsWith('hatch-env:');
}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly byName = new Map<string, number[]>();
  private readonly pendingEdges: { from: number; input: EdgeInput }[] = [];
  private readonly roots: GraphRoot[] = [];

  constructor(
    private readonly kind: GraphSourceKind,
    private readonly path: string,
  ) {}

  addNode(input: NodeInput): number {
    const index = this.nodes.length;
    const normalizedName = normalizeName(input.name);
    this.nodes.push({ ...input, index, normalizedName, edges: [] });
    const sameName = this.byName.get(normalizedName);
    if (sameName) sameName.push(index);
    else this.byName.set(normalizedName, [index]);
    return index;
  }

  addEdge(from: number, input: EdgeInput): void {
    this.pendingEdges.push({ from, input });
  }

  /**
   * Roots from the declared requirements of a manifest (constraints and build requirements left
   * out). A local project whose name is unknown is a root named by its path, pointing at nothing.
   */
  addManifestRoots(requirements: readonly Requirement[], manifestPath: string): void {
    for (const requirement of requirements) {
      if (!isDependencyGroup(requirement.group)) continue;
      const edge = this.resolve({ name: requirement.name, specifier: requirement.specifier, marker: requirement.marker, extras: requirement.extras });
      this.roots.push({
        ...edge,
        name: requirementLabel(requirement),
        group: requirement.group,
        declaration: { path: manifestPath, span: requirement.spans.whole },
        ...(requirement.url ? { url: requirement.url } : {}),
        ...(requirement.localProject !== undefined ? { localProject: true as const } : {}),
      });
    }
  }

  /** A root that is a node itself (no manifest): the project of a uv.lock, a top-level package (with the marker of its line). */
  addNodeRoot(index: number, group = 'main', marker: string | null = null): void {
    const node = this.nodes[index];
    this.roots.push({ name: node.name, normalizedName: node.normalizedName, specifier: '', marker, extras: [], targets: [index], group, declaration: null });
  }

  /** Indexes of the nodes some edge may point to. */
  nodesWithIncomingEdges(): Set<number> {
    const targets = new Set<number>();
    for (const { input } of this.pendingEdges) for (const index of this.byName.get(normalizeName(input.name)) ?? []) targets.add(index);
    return targets;
  }

  nodeCount(): number {
    return this.nodes.length;
  }

  build(manifestPath: string | null, requiresPython: string | null, defaultTarget: MarkerEnvironment | null = null): DependencyGraph {
    for (const { from, input } of this.pendingEdges) this.nodes[from].edges.push(this.resolve(input));
    return { kind: this.kind, path: this.path, manifestPath, nodes: this.nodes, byName: this.byName, roots: this.roots, requiresPython, defaultTarget };
  }

  /**
   * The nodes an edge can point to: the one with the version it names; else those whose version
   * satisfies its specifier; else (a violated specifier: a conflict to show) every node of the name.
   */
  private resolve(input: EdgeInput): GraphEdge {
    const normalizedName = normalizeName(input.name);
    // An unknown name ('') points at nothing, not at every other unnamed entry.
    const candidates = normalizedName === '' ? [] : (this.byName.get(normalizedName) ?? []);
    let targets: number[] = [...candidates];
    if (candidates.length > 1) {
      const wanted = input.version ? (normalizeVersion(input.version) ?? input.version) : null;
      const pinned = wanted ? candidates.filter((index) => sameVersion(this.nodes[index].version, wanted)) : [];
      const satisfying = candidates.filter((index) => versionSatisfies(input.specifier, this.nodes[index].version));
      if (pinned.length > 0) targets = pinned;
      else if (satisfying.length > 0) targets = satisfying;
    }
    return { name: input.name, normalizedName, specifier: input.specifier, marker: input.marker, extras: [...(input.extras ?? [])], targets };
  }
}

function sameVersion(version: string, normalizedWanted: string): boolean {
  return version === normalizedWanted || normalizeVersion(version) === normalizedWanted;
}

export function location(path: string, span: FileLocation['span']): FileLocation {
  return span ? { path, span } : { path };
}
