/** Graphs from lockfiles (poetry.lock, uv.lock, pdm.lock, pylock.toml) as parsed into the model. */
import type { LockedPackage, ParsedFile } from '../model';
import { andMarkers } from '../formats/locks/lock-values';
import { normalizeName } from '../names';
import { splitForkedRoots } from './fork-roots';
import { GraphBuilder, location } from './graph-builder';
import type { DependencyGraph, GraphSourceKind } from './types';

/**
 * The graph of a parsed lockfile. Roots: the declared requirements of `manifest` when given;
 * otherwise the lock's own project packages (uv/pylock editable or virtual sources at the root),
 * else every package nothing depends on.
 *
 * Extras: uv and Poetry give the edges an extra adds the marker `extra == "<extra>"` on the
 * package; PDM writes them in an entry of their own (`extras = ["standard"]`), which becomes
 * edges of the plain entry's node under that marker, so every lock kind reads the same way.
 */
export function graphFromLock(lock: ParsedFile, manifest: ParsedFile | null = null): DependencyGraph {
  const builder = new GraphBuilder(lock.kind as GraphSourceKind, lock.path);
  const { nodeOf, merged } = addLockNodes(builder, lock);
  lock.locked.forEach((locked, entry) => {
    locked.dependencies.forEach((dependency, position) => {
      const edge = { ...dependency, version: locked.dependencyVersions?.[position] ?? null };
      if (!merged.has(entry)) return builder.addEdge(nodeOf[entry], edge);
      // The extras entry pins its plain entry (`uvicorn==0.30.0`): that is the node itself.
      if (normalizeName(dependency.name) === locked.normalizedName) return;
      builder.addEdge(nodeOf[entry], { ...edge, marker: andMarkers(extrasCondition(locked.extras ?? []), dependency.marker) });
    });
  });
  const projects = projectPackageIndexes(lock.locked).map((entry) => nodeOf[entry]);
  if (manifest) builder.addManifestRoots(manifest.requirements, manifest.path);
  else addInferredRoots(builder, lock.locked, nodeOf, projects);
  const graph = builder.build(manifest?.path ?? null, lock.requiresPython?.specifier ?? null);
  return manifest ? splitForkedRoots(graph, projects) : graph;
}

/**
 * One node per entry, except a PDM extras entry whose plain entry (same name and version) is
 * locked too: it is `merged` into that entry's node. `nodeOf`: the node of each entry (same
 * indexes as `lock.locked`).
 */
function addLockNodes(builder: GraphBuilder, lock: ParsedFile): { nodeOf: number[]; merged: Set<number> } {
  const plainKey = (locked: LockedPackage) => `${locked.normalizedName} ${locked.version}`;
  const plainEntries = new Set(lock.locked.filter((locked) => !locked.extras).map(plainKey));
  const nodeOf: number[] = [];
  const merged = new Set<number>();
  const plainNodes = new Map<string, number>();
  lock.locked.forEach((locked, entry) => {
    if (locked.extras && plainEntries.has(plainKey(locked))) {
      merged.add(entry);
      return;
    }
    nodeOf[entry] = builder.addNode({
      name: locked.name,
      version: locked.version,
      source: locked.source,
      marker: locked.marker ?? null,
      ...(locked.groups ? { groups: locked.groups } : {}),
      location: location(lock.path, locked.span),
    });
    if (!locked.extras) plainNodes.set(plainKey(locked), nodeOf[entry]);
  });
  for (const entry of merged) nodeOf[entry] = plainNodes.get(plainKey(lock.locked[entry]))!;
  return { nodeOf, merged };
}

/** When the edges of an extras entry apply: `extra == "x"`, or every extra of a combination requested. */
function extrasCondition(extras: readonly string[]): string | null {
  if (extras.length <= 1) return extras.length === 1 ? `extra == "${extras[0]}"` : null;
  return extras.map((extra) => `"${extra}" in extras`).join(' and ');
}

/** uv marks the project and workspace members with a local source; `.` is the project itself. */
function isProjectPackage(locked: LockedPackage): boolean {
  return /^(editable|virtual):\.$/.test(locked.source ?? '') || locked.source === 'editable:' || locked.source === '.';
}

function projectPackageIndexes(locked: readonly LockedPackage[]): number[] {
  return locked.map((entry, index) => (isProjectPackage(entry) ? index : -1)).filter((index) => index >= 0);
}

function addInferredRoots(builder: GraphBuilder, locked: readonly LockedPackage[], nodeOf: readonly number[], projects: readonly number[]): void {
  if (projects.length > 0) {
    for (const index of projects) builder.addNodeRoot(index);
    return;
  }
  const required = builder.nodesWithIncomingEdges();
  const names = new Map<number, string>();
  locked.forEach((entry, position) => {
    if (!names.has(nodeOf[position])) names.set(nodeOf[position], entry.name);
  });
  const tops = [...names.keys()].filter((index) => !required.has(index));
  tops.sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  for (const index of tops) builder.addNodeRoot(index);
}
