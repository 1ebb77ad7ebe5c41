/** Graphs from lockfiles (poetry.lock, uv.lock, pdm.lock, pylock.toml) as parsed into the model. */
import type { FileKind, LockedPackage, ParsedFile } from '../model';
import { splitForkedRoots } from './fork-roots';
import { GraphBuilder, location } from './graph-builder';
import type { DependencyGraph, GraphSourceKind } from './types';

const LOCK_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['poetry-lock', 'uv-lock', 'pdm-lock', 'pylock']);

export function isLockfileKind(kind: FileKind): boolean {
  return LOCK_KINDS.has(kind);
}

/**
 * The graph of a parsed lockfile. Roots: the declared requirements of `manifest` when given;
 * otherwise the lock's own project packages (uv/pylock editable or virtual sources at the root),
 * else every package nothing depends on.
 */
export function graphFromLock(lock: ParsedFile, manifest: ParsedFile | null = null): DependencyGraph {
  const builder = new GraphBuilder(lock.kind as GraphSourceKind, lock.path);
  for (const locked of lock.locked) {
    const index = builder.addNode({
      name: locked.name,
      version: locked.version,
      source: locked.source,
      marker: locked.marker ?? null,
      ...(locked.groups ? { groups: locked.groups } : {}),
      location: location(lock.path, locked.span),
    });
    locked.dependencies.forEach((dependency, position) => {
      builder.addEdge(index, { ...dependency, version: locked.dependencyVersions?.[position] ?? null });
    });
  }
  if (manifest) builder.addManifestRoots(manifest.requirements, manifest.path);
  else addInferredRoots(builder, lock.locked);
  const graph = builder.build(manifest?.path ?? null, lock.requiresPython?.specifier ?? null);
  return manifest ? splitForkedRoots(graph, projectPackageIndexes(lock.locked)) : graph;
}

/** uv marks the project and workspace members with a local source; `.` is the project itself. */
function isProjectPackage(locked: LockedPackage): boolean {
  return /^(editable|virtual):\.$/.test(locked.source ?? '') || locked.source === 'editable:' || locked.source === '.';
}

function projectPackageIndexes(locked: readonly LockedPackage[]): number[] {
  return locked.map((entry, index) => (isProjectPackage(entry) ? index : -1)).filter((index) => index >= 0);
}

function addInferredRoots(builder: GraphBuilder, locked: readonly LockedPackage[]): void {
  const projects = projectPackageIndexes(locked);
  if (projects.length > 0) {
    for (const index of projects) builder.addNodeRoot(index);
    return;
  }
  const required = builder.nodesWithIncomingEdges();
  const tops = locked.map((_, index) => index).filter((index) => !required.has(index));
  tops.sort((a, b) => locked[a].name.localeCompare(locked[b].name));
  for (const index of tops) builder.addNodeRoot(index);
}
