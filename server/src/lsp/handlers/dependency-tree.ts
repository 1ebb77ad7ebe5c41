import type { InstalledEnvironment } from '../../core/context';
import { dependencyTree, graphFromInstalled, reverseDependencyTree, type DependencyGraph } from '../../core/graph';
import { basename } from '../../core/paths';
import { isTreeSourceFile } from '../../core/tree-sources';
import { DEPENDENCY_TREE_METHOD, type DependencyTreeEmptyReason, type DependencyTreeParams, type DependencyTreeResult } from '../../protocol';
import type { ServerContext } from '../context';
import { guardRequest, throwIfCancelled, yieldToEventLoop } from '../request-guards';
import { filterTree, TreeItemConverter } from '../tree-items';
import { markOutdatedRoots, type OutdatedSources } from '../tree-outdated';
import { fileUriToPath, pathKey } from '../uris';

/**
 * `pipsight/dependencyTree`: the dependency tree of the project a manifest, lockfile or folder
 * belongs to, from its lockfile or its installed environment, forward or reversed ("why is X
 * here?"). The whole (filtered) tree is answered at once; the client expands it lazily.
 */
export function registerDependencyTree(context: ServerContext): void {
  context.connection.onRequest(
    DEPENDENCY_TREE_METHOD,
    guardRequest(context.log, DEPENDENCY_TREE_METHOD, null as DependencyTreeResult | null, async (params: DependencyTreeParams, token) => {
      await yieldToEventLoop();
      throwIfCancelled(token);
      const path = fileUriToPath(params.uri);
      const source = params.source === 'env' ? 'env' : 'lock';
      const empty = (message: string, reason: DependencyTreeEmptyReason): DependencyTreeResult => ({ source, path: null, manifestPath: null, reverse: params.reverse ?? null, roots: [], message, reason });
      if (!path) return empty('Not a file on disk.', 'not-a-file');
      const isFolder = !isTreeSourceFile(path);
      const sources = context.graphs.sourcesOf(path, isFolder);

      let graph: DependencyGraph | null;
      let installed: InstalledEnvironment | null = null;
      if (source === 'env') {
        const environment = (installed = await context.environments.environmentFor(path, params.rescan === true, isFolder));
        throwIfCancelled(token);
        if (!environment) return empty('No Python environment found (.venv, venv, VIRTUAL_ENV, the Python extension\'s interpreter or pipsight.pythonPath).', 'no-environment');
        graph = sources ? context.graphs.environmentGraph(environment, sources.manifest) : graphFromInstalled(environment);
      } else {
        if (!sources) return empty('Not a manifest or lockfile.', 'not-a-project');
        graph = context.graphs.lockGraph(sources);
        if (!graph) return empty(`No lockfile beside ${sources.manifest ? basename(sources.manifest.path) : 'the project'} (poetry.lock, uv.lock, pdm.lock, pylock.toml or pip-compile output).`, 'no-lockfile');
      }

      const target = context.environments.targetEnvironment(installed);
      const query = { depth: typeof params.depth === 'number' && params.depth >= 0 ? params.depth : undefined, ...(target ? { target } : {}) };
      const reverse = typeof params.reverse === 'string' && params.reverse.trim() !== '' ? params.reverse.trim() : null;
      const tree = reverse ? reverseDependencyTree(graph, reverse, query) : dependencyTree(graph, query);
      const converter = new TreeItemConverter(graph, (file) => context.files.read(file));
      let roots = converter.convert(tree.roots, !reverse);
      if (!reverse && sources?.manifest) markOutdatedRoots(roots, outdatedSources(context, sources.manifest.path));
      if (params.filter) roots = filterTree(roots, params.filter);
      return { source, path: tree.path, manifestPath: tree.manifestPath, reverse, roots };
    }),
  );
}

/** Index data the server holds already: the open manifest's insights, else any document's. */
function outdatedSources(context: ServerContext, manifestPath: string): OutdatedSources {
  const document = context.documents.all().find((candidate) => {
    const path = fileUriToPath(candidate.uri);
    return path !== null && pathKey(path) === pathKey(manifestPath);
  });
  const cached = document ? context.analyses.get(document) : null;
  const insights = cached ? context.insights.insightsFor(cached) : new Map();
  return {
    declared: (group, normalizedName) => {
      for (const [requirement, insight] of insights) if (requirement.group === group && requirement.normalizedName === normalizedName) return { requirement, insight };
      return undefined;
    },
    known: (normalizedName) => context.insights.knownInsight(normalizedName),
  };
}
