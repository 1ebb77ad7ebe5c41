/**
 * Dependency graphs for the tree view, hovers and go to definition: built once per lockfile text
 * (or environment scan) and manifest text, reused until one of them changes.
 */
import type { InstalledEnvironment } from '../core/context';
import type { FileSource } from '../core/file-source';
import { graphFromInstalled, type DependencyGraph } from '../core/graph';
import type { ParsedFile } from '../core/model';
import { lockGraphOf, treeSourcesOfFile, treeSourcesOfFolder, type TreeSources } from '../core/tree-sources';

interface CachedGraph {
  /** The lock's parsed file (parseLockfile returns the same object while the text is the same) or the environment scan. */
  source: ParsedFile | InstalledEnvironment;
  manifestText: string | undefined;
  graph: DependencyGraph;
}

const CACHE_LIMIT = 16;

export class DependencyGraphs {
  private readonly cache = new Map<string, CachedGraph>();

  constructor(private readonly files: FileSource) {}

  /** The manifest and lock of a document (null when it is neither), or of a folder. */
  sourcesOf(path: string, isFolder = false): TreeSources | null {
    return isFolder ? treeSourcesOfFolder(path, this.files) : treeSourcesOfFile(path, this.files);
  }

  /** The lock graph of these sources; null without a lockfile. */
  lockGraph(sources: TreeSources): DependencyGraph | null {
    const lock = sources.lock;
    if (!lock) return null;
    return this.cached(`lock:${lock.path}`, lock, sources.manifest, () => lockGraphOf(sources));
  }

  /** The graph of an installed environment, with the manifest's declarations as roots. */
  environmentGraph(environment: InstalledEnvironment, manifest: ParsedFile | null): DependencyGraph {
    return this.cached(`env:${environment.prefix}:${manifest?.path ?? ''}`, environment, manifest, () => graphFromInstalled(environment, manifest))!;
  }

  private cached(key: string, source: CachedGraph['source'], manifest: ParsedFile | null, build: () => DependencyGraph | null): DependencyGraph | null {
    const manifestText = manifest ? this.files.read(manifest.path) : undefined;
    const hit = this.cache.get(key);
    if (hit && hit.source === source && hit.manifestText === manifestText) return hit.graph;
    const graph = build();
    this.cache.delete(key);
    if (!graph) return null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { source, manifestText, graph });
    return graph;
  }
}
