/**
 * The hover section from the dependency graph: the installed version of the package (when an
 * environment was found) and what requires it ("required by", from the lockfile beside the
 * manifest, else from the installed environment). The locked version itself is in the index
 * section (hover-insight.ts).
 */
import type { InstalledEnvironment } from '../core/context';
import { dependentsOf, describeInstallSource, type DependencyGraph } from '../core/graph';
import { basename, dirname } from '../core/paths';
import type { ServerContext } from './context';
import type { DependencyGraphs } from './dependency-graphs';
import type { HoverTarget } from './hover-content';
import { code, escapeMarkdown, row } from './markdown';

const MAX_LISTED_DEPENDENTS = 10;

export interface GraphHoverInputs {
  /** The document's path (a manifest or a lockfile). */
  path: string;
  normalizedName: string;
  installed: InstalledEnvironment | null | undefined;
  graphs: DependencyGraphs;
}

/** Markdown rows, or '' when there is nothing to add. */
export function graphHoverMarkdown(inputs: GraphHoverInputs): string {
  const rows: string[] = [];
  const installed = inputs.installed;
  if (installed) {
    const environmentName = basename(installed.prefix) || installed.prefix;
    const distribution = installed.distributions.find((candidate) => candidate.normalizedName === inputs.normalizedName);
    // An editable or URL install says so: `1.2.0 (.venv), editable ./libs/core`.
    const from = distribution?.directUrl ? `, ${escapeMarkdown(describeInstallSource(distribution.directUrl, dirname(inputs.path)).label)}` : '';
    rows.push(row('Installed', distribution ? `${code(distribution.version)} (${escapeMarkdown(environmentName)})${from}` : `not installed (${escapeMarkdown(environmentName)})`));
  }
  const graph = graphOf(inputs);
  if (graph) {
    const requirers = dependentsOf(graph, inputs.normalizedName).filter((dependent) => dependent.version !== null);
    const unique = [...new Map(requirers.map((dependent) => [`${dependent.name}@${dependent.version}`, dependent])).values()];
    if (unique.length > 0) {
      const listed = unique.slice(0, MAX_LISTED_DEPENDENTS).map((dependent) => {
        const requirement = `${dependent.name} ${dependent.version}${dependent.specifier ? ` (${dependent.specifier})` : ''}`;
        return dependent.satisfied ? code(requirement) : `${code(requirement)} ⚠`;
      });
      if (unique.length > MAX_LISTED_DEPENDENTS) listed.push(`… and ${unique.length - MAX_LISTED_DEPENDENTS} more`);
      rows.push(row(`Required by (${escapeMarkdown(basename(graph.path))})`, listed.join(', ')));
    }
  }
  return rows.join('\n');
}

function graphOf(inputs: GraphHoverInputs): DependencyGraph | null {
  const sources = inputs.graphs.sourcesOf(inputs.path);
  if (!sources) return null;
  const lockGraph = inputs.graphs.lockGraph(sources);
  if (lockGraph) return lockGraph;
  return inputs.installed ? inputs.graphs.environmentGraph(inputs.installed, sources.manifest) : null;
}

/** The section for a hover target, with its separator; '' when there is nothing to add. */
export function graphHoverSection(context: Pick<ServerContext, 'environments' | 'graphs'>, path: string, target: HoverTarget): string {
  const normalizedName = target.kind === 'requirement' ? target.requirement.normalizedName : target.lockedPackage.normalizedName;
  const markdown = graphHoverMarkdown({ path, normalizedName, installed: context.environments.contextFor(path).installed, graphs: context.graphs });
  return markdown ? `\n\n---\n\n${markdown}` : '';
}
