/**
 * The graph of a pip-compile / `uv pip compile` output: each pinned line is a node, and its
 * `# via` annotations are the edges (`# via requests` on idna: requests → idna). Annotations that
 * name files (`-r requirements.in`, `my-app (pyproject.toml)`) make the line a root. The marker of
 * a compiled line (`torch==2.5.1 ; sys_platform == "linux"`) is the node's, and that of every edge
 * to it: the line is installed only where it holds.
 */
import { requirementLabel, type ParsedFile, type Requirement } from '../model';
import { normalizeName } from '../names';
import { GraphBuilder, location } from './graph-builder';
import type { DependencyGraph } from './types';

const PACKAGE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** `==1.2.3` / `===1.2.3` → the pinned version; '' when the line is not pinned. */
function pinnedVersion(requirement: Requirement): string {
  return /^===?([^,*]+)$/.exec(requirement.specifier)?.[1] ?? '';
}

export function graphFromCompiledRequirements(compiled: ParsedFile, manifest: ParsedFile | null = null): DependencyGraph {
  const builder = new GraphBuilder('pip-compile', compiled.path);
  const pinned = compiled.requirements.filter((requirement) => requirement.group !== 'constraint');
  const indexes = pinned.map((requirement) =>
    builder.addNode({
      // A local project whose name is unknown (`-e file:///…`) is shown by its path.
      name: requirementLabel(requirement),
      version: pinnedVersion(requirement),
      source: requirement.url,
      marker: requirement.marker,
      location: location(compiled.path, requirement.spans.whole),
    }),
  );
  const indexByName = new Map(pinned.map((requirement, position) => [requirement.normalizedName, indexes[position]]));
  const rootPositions: number[] = [];
  pinned.forEach((requirement, position) => {
    const via = requirement.via ?? [];
    const parents = via.filter((item) => PACKAGE_NAME.test(item));
    // pip-compile writes no specifier for the edge: the pin itself is what was resolved.
    for (const parent of parents) {
      const from = indexByName.get(normalizeName(parent));
      if (from !== undefined) builder.addEdge(from, { name: requirementLabel(requirement), specifier: '', marker: requirement.marker, extras: requirement.extras });
    }
    if (via.length === 0 || parents.length < via.length) rootPositions.push(position);
  });
  if (manifest) builder.addManifestRoots(manifest.requirements, manifest.path);
  else for (const position of rootPositions) builder.addNodeRoot(indexes[position], 'main', pinned[position].marker);
  return builder.build(manifest?.path ?? null, null);
}
