/**
 * The hover rows from the dependency graph: the installed version of the package (when an
 * environment was found) and what requires it ("required by", from the lockfile beside the
 * manifest, else from the installed environment): the project itself — by its name, with the
 * group or extra that declares the package — then the packages that depend on it. The locked
 * version itself is in the index rows (hover-insight.ts).
 */
import type { InstalledEnvironment } from '../core/context';
import { dependentsOf, describeInstallSource, type Dependent, type DependencyGraph } from '../core/graph';
import type { ParsedFile } from '../core/model';
import { basename, dirname } from '../core/paths';
import type { Span } from '../core/span';
import type { ServerContext } from './context';
import type { DependencyGraphs } from './dependency-graphs';
import type { HoverTarget } from './hover-content';
import { code, escapeMarkdown, listed, row } from './markdown';
import { pathKey } from './uris';

const MAX_LISTED_DEPENDENTS = 10;

export interface GraphHoverInputs {
  /** The document's path (a manifest or a lockfile). */
  path: string;
  normalizedName: string;
  installed: InstalledEnvironment | null | undefined;
  graphs: DependencyGraphs;
  /** The declaration being hovered (in `path`): not listed as its own requirer. */
  declaration?: Span;
}

export interface GraphHoverRows {
  installed: string | null;
  requiredBy: string | null;
}

export function graphHoverRows(inputs: GraphHoverInputs): GraphHoverRows {
  return { installed: installedRow(inputs), requiredBy: requiredByRow(inputs) };
}

function installedRow(inputs: GraphHoverInputs): string | null {
  const installed = inputs.installed;
  if (!installed) return null;
  const environmentName = basename(installed.prefix) || installed.prefix;
  const distribution = installed.distributions.find((candidate) => candidate.normalizedName === inputs.normalizedName);
  // An editable or URL install says so: `1.2.0 (.venv), editable ./libs/core`.
  const from = distribution?.directUrl ? `, ${escapeMarkdown(describeInstallSource(distribution.directUrl, dirname(inputs.path)).label)}` : '';
  return row('Installed', distribution ? `${code(distribution.version)} (${escapeMarkdown(environmentName)})${from}` : `not installed (${escapeMarkdown(environmentName)})`);
}

function requiredByRow(inputs: GraphHoverInputs): string | null {
  const sources = inputs.graphs.sourcesOf(inputs.path);
  const graph = sources ? graphOf(inputs, sources) : null;
  if (!sources || !graph) return null;
  const dependents = dependentsOf(graph, inputs.normalizedName);
  const declarations = dependents.filter((dependent) => dependent.version === null && dependent.location && !isHovered(dependent, inputs));
  const uniqueDeclarations = [...new Map(declarations.map((dependent) => [`${dependent.name} ${dependent.specifier}`, dependent])).values()];
  const packages = [...new Map(dependents.filter((dependent) => dependent.version !== null).map((dependent) => [`${dependent.name}@${dependent.version}`, dependent])).values()];
  const who = sources.manifest ? projectName(sources.manifest) : null;
  const listedItems = [
    ...uniqueDeclarations.map((dependent) => warnUnless(dependent, declarationText(dependent, who))),
    ...packages.map((dependent) => warnUnless(dependent, code(`${dependent.name} ${dependent.version}${dependent.specifier ? ` (${dependent.specifier})` : ''}`))),
  ];
  if (listedItems.length === 0) return null;
  return row(`Required by (${escapeMarkdown(basename(graph.path))})`, listed(listedItems, MAX_LISTED_DEPENDENTS));
}

function warnUnless(dependent: Dependent, text: string): string {
  return dependent.satisfied ? text : `${text} ⚠`;
}

function isHovered(dependent: Dependent, inputs: GraphHoverInputs): boolean {
  const location = dependent.location;
  return !!inputs.declaration && !!location?.span && location.span.start === inputs.declaration.start && pathKey(location.path) === pathKey(inputs.path);
}

/** The project's name (pyproject), else the manifest's file name (`requirements.in`), and whether it is a project. */
function projectName(manifest: ParsedFile): { name: string; project: boolean } {
  const name = manifest.project?.name;
  return name ? { name, project: true } : { name: basename(manifest.path), project: false };
}

/**
 * The project as a requirer: `` `demo (>=2)` (project) `` for its dependencies,
 * `` `demo[plots] (>=1)` `` for an extra, `` `demo (>=8)` (group `dev`) `` for a dependency group.
 */
function declarationText(dependent: Dependent, who: { name: string; project: boolean } | null): string {
  const group = dependent.name;
  const extra = group.startsWith('extra:') ? group.slice('extra:'.length) : null;
  const name = `${who?.name ?? 'the project'}${extra ? `[${extra}]` : ''}`;
  const text = code(`${name}${dependent.specifier ? ` (${dependent.specifier})` : ''}`);
  if (group === 'main') return who?.project === false ? text : `${text} (project)`;
  if (extra) return `${text} (extra)`;
  const named = /^(?:group|poetry-group|pdm-dev|hatch-env):(.+)$/.exec(group);
  if (named) return `${text} (group ${code(named[1])})`;
  if (group === 'uv-dev') return `${text} (group ${code('dev')})`;
  return `${text} (${code(group)})`;
}

function graphOf(inputs: GraphHoverInputs, sources: NonNullable<ReturnType<DependencyGraphs['sourcesOf']>>): DependencyGraph | null {
  const lockGraph = inputs.graphs.lockGraph(sources);
  if (lockGraph) return lockGraph;
  return inputs.installed ? inputs.graphs.environmentGraph(inputs.installed, sources.manifest) : null;
}

/** The graph rows for a hover target (none for an include or a Python line, or a local project whose name is unknown). */
export function graphHoverRowsFor(context: Pick<ServerContext, 'environments' | 'graphs'>, path: string, target: HoverTarget): GraphHoverRows {
  const normalizedName = target.kind === 'requirement' ? target.requirement.normalizedName : target.kind === 'locked-package' ? target.lockedPackage.normalizedName : '';
  // A local project whose name is unknown cannot be looked up.
  if (normalizedName === '') return { installed: null, requiredBy: null };
  const declaration = target.kind === 'requirement' ? target.requirement.spans.whole : undefined;
  return graphHoverRows({ path, normalizedName, installed: context.environments.contextFor(path).installed, graphs: context.graphs, ...(declaration ? { declaration } : {}) });
}
