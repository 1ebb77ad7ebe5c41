/**
 * The graph of an installed environment: one node per dist-info folder, edges from its
 * Requires-Dist lines (PEP 508, `extra == "x"` markers included). Markers are evaluated for the
 * environment's own interpreter unless a query gives another target.
 */
import type { InstalledEnvironment } from '../context';
import type { ParsedFile } from '../model';
import { parseRequirement } from '../pep508';
import { GraphBuilder } from './graph-builder';
import type { DependencyGraph } from './types';

/**
 * @param manifest  the project's manifest: its declared requirements are the roots. Without one,
 *                  the roots are the distributions nothing else requires (as pipdeptree shows them).
 */
export function graphFromInstalled(environment: InstalledEnvironment, manifest: ParsedFile | null = null): DependencyGraph {
  const builder = new GraphBuilder('installed', environment.prefix);
  for (const distribution of environment.distributions) {
    const index = builder.addNode({
      name: distribution.name,
      version: distribution.version,
      source: distribution.directUrl ? `${distribution.directUrl.editable ? 'editable:' : ''}${distribution.directUrl.url}` : null,
      marker: null,
      location: { path: distribution.path },
    });
    for (const line of distribution.requiresDist) {
      const requirement = parseRequirement(line).value;
      if (!requirement) continue; // a broken METADATA line: pip skips it too
      builder.addEdge(index, { name: requirement.name, specifier: requirement.specifier, marker: requirement.marker?.text ?? null, extras: requirement.extras });
    }
  }
  if (manifest) {
    builder.addManifestRoots(manifest.requirements, manifest.path);
  } else {
    const required = builder.nodesWithIncomingEdges();
    const tops = environment.distributions.map((_, index) => index).filter((index) => !required.has(index));
    tops.sort((a, b) => environment.distributions[a].name.localeCompare(environment.distributions[b].name));
    for (const index of tops) builder.addNodeRoot(index);
  }
  const graph = builder.build(manifest?.path ?? null, null, environment.markerEnvironment);
  if (manifest) markOptionalRoots(graph, manifest);
  return graph;
}

/** Roots declared with Poetry's `optional = true` (matched to their requirement by span). */
function markOptionalRoots(graph: DependencyGraph, manifest: ParsedFile): void {
  const optionalStarts = new Set(manifest.requirements.filter((requirement) => requirement.optional).map((requirement) => requirement.spans.whole.start));
  if (optionalStarts.size === 0) return;
  for (const root of graph.roots) if (root.declaration?.span && optionalStarts.has(root.declaration.span.start)) root.optional = true;
}
